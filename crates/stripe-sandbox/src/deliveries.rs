//! Webhook deliveries (issue 12): every event the sandbox records is POSTed, signed as Stripe
//! signs it, to each enabled webhook endpoint of its account whose `enabled_events` name it (or
//! `*`), and to each `--forward-to` URL whose filter takes it, as `stripe listen --forward-to`
//! would.
//!
//! - Signature: `Stripe-Signature: t=UNIX,v1=HEX`, HEX being HMAC-SHA256 with the secret of
//!   `"{t}.{raw body}"` (https://docs.stripe.com/webhooks#verify-manually, "Step 2: Prepare the
//!   signed_payload string"). `t` is the real time of the attempt, not the sandbox clock:
//!   receivers compare it with their own clock.
//! - Retries: a non-2xx answer, a connection error or a timeout is retried after
//!   `first`, `2 × first`, `4 × first`, … until [`RetrySchedule::attempts`] attempts were made
//!   (Stripe retries "for up to three days with an exponential back off", compressed here).
//! - `pending_webhooks` on the event counts the endpoints that have not acknowledged it (a 2xx):
//!   set when the event is recorded, one less per acknowledgement, left as it is when the
//!   attempts run out. Forwarding is not an endpoint and is not counted, as `stripe listen` is not.
//! - Persistence: each (event, endpoint) pair is a record in the state (collection
//!   `webhook_deliveries`: attempts made, `pending`/`succeeded`/`failed`), written with the event,
//!   so a sandbox restarted on the same state file resumes the pending ones. Forwarded
//!   deliveries live only as long as the process that forwards them.
//! - Order: one delivery at a time, in the order events were recorded; `shuffle` permutes each
//!   batch of up to [`SHUFFLE_WINDOW`] ready deliveries, `redeliver` sends a fraction twice (same
//!   event id), both drawn from a seeded generator so a run repeats.
//! - Only loopback URLs are contacted: an endpoint elsewhere (`https://api.example.com/…`) is
//!   never called from a local emulator; its deliveries fail at once and stay pending.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

use super::events::{self, type_matches};
use super::server::{self, App};
use super::store::{AccountData, Store, random_suffix};
use super::webhook_endpoints::{self, host_of, is_loopback};

/// Where the state keeps one record per (event, endpoint) pair.
pub(crate) const COLLECTION: &str = "webhook_deliveries";

/// Where the state keeps the forwarding secret, so that it is the same on every start.
const SETTINGS: &str = "sandbox_webhooks";

/// The most deliveries `shuffle` permutes together.
pub const SHUFFLE_WINDOW: usize = 8;

/// How webhook deliveries are retried: attempt `n + 1` follows a failed attempt `n` after
/// `first × 2^(n-1)`, until `attempts` attempts were made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetrySchedule {
    /// The wait after the first failed attempt.
    pub first: Duration,
    /// All attempts, the first included (at least 1).
    pub attempts: u32,
}

impl RetrySchedule {
    /// `sandbox serve`'s default: 1 s, 2 s, 4 s, 8 s (five attempts in 15 seconds).
    pub const DEFAULT: RetrySchedule = RetrySchedule { first: Duration::from_secs(1), attempts: 5 };

    /// For tests: 10 ms, 20 ms (three attempts).
    pub const TEST: RetrySchedule = RetrySchedule { first: Duration::from_millis(10), attempts: 3 };

    /// The wait after failed attempt `attempt` (1-based), or `None` when it was the last.
    #[must_use]
    pub fn delay_after(&self, attempt: u32) -> Option<Duration> {
        (attempt < self.attempts).then(|| self.first.saturating_mul(1u32 << attempt.saturating_sub(1).min(20)))
    }
}

/// One `--forward-to` target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forward {
    /// Where events are POSTed (`http://localhost:4242/webhook`).
    pub url: String,
    /// Event types to forward (`*` wildcards allowed); empty forwards every event.
    pub events: Vec<String>,
}

/// What the sandbox does with the events it records. The default delivers to webhook endpoints
/// with [`RetrySchedule::DEFAULT`] and forwards nowhere.
#[derive(Clone, Debug)]
pub struct Webhooks {
    pub retry: RetrySchedule,
    /// How long one attempt may take before it counts as failed.
    pub timeout: Duration,
    pub forward_to: Vec<Forward>,
    /// The `whsec_…` secret forwarded events are signed with; `None` keeps one in the state
    /// (made on first use), so it is the same on every start with that state file.
    pub forward_secret: Option<String>,
    /// The fraction (0.0–1.0) of deliveries sent twice, the same event each time.
    pub redeliver: f64,
    /// Deliver out of order, within batches of up to [`SHUFFLE_WINDOW`].
    pub shuffle: bool,
    /// Seed of the `redeliver` and `shuffle` draws.
    pub seed: u64,
}

impl Default for Webhooks {
    fn default() -> Webhooks {
        Webhooks {
            retry: RetrySchedule::DEFAULT,
            timeout: Duration::from_secs(10),
            forward_to: Vec::new(),
            forward_secret: None,
            redeliver: 0.0,
            shuffle: false,
            seed: 0,
        }
    }
}

/// One delivery attempt, as a [`DeliveryObserver`] sees it (e.g. `sandbox serve`'s log line).
#[derive(Clone, Debug)]
pub struct DeliveryAttempt {
    pub event: String,
    pub event_type: String,
    /// The webhook endpoint's id, or `forward` for a `--forward-to` URL.
    pub target: String,
    pub url: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why there was no answer (connection refused, timeout, not a loopback host).
    pub error: Option<String>,
    pub latency: Duration,
    /// A `redeliver` copy.
    pub duplicate: bool,
    pub outcome: Outcome,
}

/// What follows an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Acknowledged,
    RetryIn(Duration),
    GaveUp,
}

/// Called after each delivery attempt.
pub type DeliveryObserver = Arc<dyn Fn(&DeliveryAttempt) + Send + Sync>;

/// An event just recorded, with the endpoints it is owed to (oldest endpoint first).
#[derive(Clone, Debug)]
pub(crate) struct Recorded {
    pub(crate) event: String,
    pub(crate) kind: String,
    pub(crate) endpoints: Vec<String>,
}

#[derive(Clone, Debug)]
enum Target {
    Endpoint(String),
    Forward(usize),
}

#[derive(Clone, Debug)]
struct Job {
    account: String,
    event: String,
    kind: String,
    target: Target,
    /// Attempts made so far.
    attempts: u32,
    duplicate: bool,
}

struct Queue {
    /// Due time and arrival order → job.
    jobs: BTreeMap<(Instant, u64), Job>,
    next: u64,
    rng: StdRng,
}

/// The delivery machinery of one sandbox.
pub(crate) struct Deliveries {
    config: Webhooks,
    forward_secret: String,
    queue: Mutex<Queue>,
    wake: Notify,
    /// Jobs queued or being attempted.
    outstanding: watch::Sender<usize>,
    /// While positive, retries do not wait for their turn (a flush is in progress).
    hurry: AtomicUsize,
    /// Set by [`Deliveries::stop`]: the delivery task ends once nothing is due now.
    stopping: AtomicBool,
    observer: Option<DeliveryObserver>,
    client: reqwest::Client,
}

impl Deliveries {
    pub(crate) fn new(config: Webhooks, forward_secret: String, observer: Option<DeliveryObserver>) -> Deliveries {
        let rng = StdRng::seed_from_u64(config.seed);
        Deliveries {
            client: reqwest::Client::builder()
                .timeout(config.timeout)
                // Receivers answer; a redirect is not an acknowledgement (Stripe does not follow them).
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            config,
            forward_secret,
            queue: Mutex::new(Queue { jobs: BTreeMap::new(), next: 0, rng }),
            wake: Notify::new(),
            outstanding: watch::Sender::new(0),
            hurry: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
            observer,
        }
    }

    /// The secret forwarded events are signed with.
    pub(crate) fn forward_secret(&self) -> &str {
        &self.forward_secret
    }

    /// Queues the deliveries of events just recorded (and committed) on `account`.
    pub(crate) fn enqueue(&self, account: &str, recorded: Vec<Recorded>) {
        if recorded.is_empty() {
            return;
        }
        let mut jobs = Vec::new();
        for Recorded { event, kind, endpoints } in recorded {
            for endpoint in endpoints {
                jobs.push(job(account, &event, &kind, Target::Endpoint(endpoint), 0));
            }
            for (index, forward) in self.config.forward_to.iter().enumerate() {
                if forward.events.is_empty() || forward.events.iter().any(|pattern| type_matches(pattern, &kind)) {
                    jobs.push(job(account, &event, &kind, Target::Forward(index), 0));
                }
            }
        }
        self.push(jobs, true);
    }

    /// Queues the pending deliveries a state file holds (after a restart).
    pub(crate) fn resume(&self, account: &str, data: &AccountData) {
        let mut jobs = Vec::new();
        let mut records: Vec<(u64, &Value)> = data.newest_first(COLLECTION).collect();
        records.reverse();
        for (_, record) in records {
            if record["status"] != "pending" {
                continue;
            }
            let text = |name: &str| record[name].as_str().unwrap_or_default().to_string();
            let attempts = u32::try_from(record["attempts"].as_u64().unwrap_or(0)).unwrap_or(u32::MAX);
            let kind = data.get(events::COLLECTION, &text("event")).map(|event| event["type"].clone());
            let kind = kind.as_ref().and_then(Value::as_str).unwrap_or_default().to_string();
            jobs.push(job(account, &text("event"), &kind, Target::Endpoint(text("endpoint")), attempts));
        }
        self.push(jobs, false);
    }

    fn push(&self, jobs: Vec<Job>, fresh: bool) {
        if jobs.is_empty() {
            return;
        }
        let now = Instant::now();
        let mut added = 0;
        {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            for job in jobs {
                let twice = fresh && self.config.redeliver > 0.0 && queue.rng.random::<f64>() < self.config.redeliver;
                let copy = twice.then(|| Job { duplicate: true, ..job.clone() });
                for job in std::iter::once(job).chain(copy) {
                    let order = queue.next;
                    queue.next += 1;
                    queue.jobs.insert((now, order), job);
                    added += 1;
                }
            }
        }
        self.outstanding.send_modify(|count| *count += added);
        self.wake.notify_one();
    }

    /// Waits until no delivery is queued or under way, at most `timeout`; while waiting,
    /// retries go at once instead of after their backoff. Returns how many are still
    /// outstanding (0 when everything settled).
    pub(crate) async fn flush(&self, timeout: Duration) -> usize {
        self.hurry.fetch_add(1, Ordering::SeqCst);
        self.wake.notify_one();
        let outstanding = self.settle(timeout).await;
        self.hurry.fetch_sub(1, Ordering::SeqCst);
        outstanding
    }

    /// Waits until no delivery is queued or under way, at most `timeout`, letting retries keep
    /// their schedule. Returns how many are still outstanding.
    pub(crate) async fn settle(&self, timeout: Duration) -> usize {
        let mut outstanding = self.outstanding.subscribe();
        let _ = tokio::time::timeout(timeout, outstanding.wait_for(|count| *count == 0)).await;
        *self.outstanding.borrow()
    }

    /// Asks the delivery task to end once no delivery is due now: the attempt under way and
    /// those already due are made and their outcomes recorded; a retry waiting for its backoff
    /// stays `pending` in the state, for the next start on that state file to resume. Without
    /// this, a process that exits right after its last request (a `--sandbox` run) cut the
    /// attempt under way between the receiver's 2xx and its record, and the next run sent the
    /// acknowledged event again.
    pub(crate) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// How many deliveries are queued or under way.
    pub(crate) fn outstanding(&self) -> usize {
        *self.outstanding.borrow()
    }

    /// The next ready batch, or when the next job is due.
    fn take_ready(&self) -> Result<Vec<Job>, Option<Instant>> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        let hurry = self.hurry.load(Ordering::SeqCst) > 0;
        let now = Instant::now();
        let window = if self.config.shuffle { SHUFFLE_WINDOW } else { 1 };
        let ready: Vec<(Instant, u64)> =
            queue.jobs.keys().take_while(|(due, _)| hurry || *due <= now).take(window).copied().collect();
        if ready.is_empty() {
            return Err(queue.jobs.keys().next().map(|(due, _)| *due));
        }
        let mut batch: Vec<Job> = ready.iter().filter_map(|key| queue.jobs.remove(key)).collect();
        if self.config.shuffle && batch.len() > 1 {
            let mut order: Vec<usize> = (0..batch.len()).collect();
            order.shuffle(&mut queue.rng);
            // "Out of order" must be out of order: a draw that changed nothing is turned by one.
            if order.iter().enumerate().all(|(position, index)| position == *index) {
                order.rotate_left(1);
            }
            let mut slots: Vec<Option<Job>> = batch.drain(..).map(Some).collect();
            batch = order.into_iter().filter_map(|index| slots[index].take()).collect();
        }
        Ok(batch)
    }

    fn reschedule(&self, job: Job, delay: Duration) {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        let order = queue.next;
        queue.next += 1;
        queue.jobs.insert((Instant::now() + delay, order), job);
    }

    fn finished(&self) {
        self.outstanding.send_modify(|count| *count = count.saturating_sub(1));
    }
}

fn job(account: &str, event: &str, kind: &str, target: Target, attempts: u32) -> Job {
    Job {
        account: account.to_string(),
        event: event.to_string(),
        kind: kind.to_string(),
        target,
        attempts,
        duplicate: false,
    }
}

/// The endpoints of `data` an event of `kind` is owed to (enabled, `enabled_events` naming it
/// or `*`), oldest first, with a pending delivery record for each.
pub(crate) fn owed(data: &mut AccountData, event: &str, kind: &str) -> Vec<String> {
    let mut endpoints: Vec<String> = data
        .newest_first(webhook_endpoints::COLLECTION)
        .filter(|(_, endpoint)| endpoint["status"] == "enabled")
        .filter(|(_, endpoint)| {
            endpoint["enabled_events"]
                .as_array()
                .is_some_and(|events| events.iter().any(|enabled| enabled == "*" || enabled == kind))
        })
        .filter_map(|(_, endpoint)| endpoint["id"].as_str().map(str::to_string))
        .collect();
    endpoints.reverse();
    for endpoint in &endpoints {
        let id = format!("{event}:{endpoint}");
        data.insert(
            COLLECTION,
            &id,
            json!({"id": id, "event": event, "endpoint": endpoint, "attempts": 0, "status": "pending"}),
        );
    }
    endpoints
}

/// The forwarding secret: the configured one, else the one the state keeps, made and stored on
/// the first start that forwards (a sandbox that does not forward leaves the state alone and
/// makes one up). Also says whether the state changed.
pub(crate) fn forward_secret(webhooks: &Webhooks, store: &mut Store) -> (String, bool) {
    if let Some(secret) = &webhooks.forward_secret {
        return (secret.clone(), false);
    }
    let platform = store.platform_account.clone();
    let stored = store.accounts.get(&platform).and_then(|data| data.get(SETTINGS, "forwarding"));
    if let Some(secret) = stored.and_then(|settings| settings["secret"].as_str()) {
        return (secret.to_string(), false);
    }
    let secret = format!("whsec_{}", random_suffix(32));
    if webhooks.forward_to.is_empty() {
        return (secret, false);
    }
    store.account(&platform, server::now()).insert(SETTINGS, "forwarding", json!({"secret": secret}));
    (secret, true)
}

/// `t=UNIX,v1=HEX` for `body` sent at `timestamp`.
pub(crate) fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// Delivers until the sandbox goes away.
pub(crate) async fn run(app: Weak<App>, deliveries: Arc<Deliveries>) {
    loop {
        // Registered before looking, so a wake-up between the look and the wait is not lost.
        let woken = deliveries.wake.notified();
        match deliveries.take_ready() {
            Ok(batch) => {
                for job in batch {
                    let Some(app) = app.upgrade() else { return };
                    attempt(&app, &deliveries, job).await;
                }
            }
            Err(_) if deliveries.stopping.load(Ordering::SeqCst) => return,
            Err(next) => match next {
                Some(due) => {
                    tokio::select! {
                        () = woken => {}
                        () = tokio::time::sleep_until(due) => {}
                    }
                }
                None => woken.await,
            },
        }
        if app.strong_count() == 0 {
            return;
        }
    }
}

/// What one attempt needs from the state: the event, and where and how to send it.
struct Prepared {
    event: Value,
    url: String,
    secret: String,
    target: String,
}

fn prepare(app: &App, deliveries: &Deliveries, job: &Job) -> Option<Prepared> {
    let mut store = app.store();
    let data = store.account(&job.account, server::now());
    let event = data.get(events::COLLECTION, &job.event)?.clone();
    match &job.target {
        Target::Endpoint(id) => {
            // Deleted or disabled since: nothing more is sent to it (the event stays pending).
            let endpoint =
                data.get(webhook_endpoints::COLLECTION, id).filter(|endpoint| endpoint["status"] == "enabled")?;
            Some(Prepared {
                event,
                url: endpoint["url"].as_str().unwrap_or_default().to_string(),
                secret: endpoint["secret"].as_str().unwrap_or_default().to_string(),
                target: id.clone(),
            })
        }
        Target::Forward(index) => Some(Prepared {
            event,
            url: deliveries.config.forward_to.get(*index)?.url.clone(),
            secret: deliveries.forward_secret.clone(),
            target: "forward".to_string(),
        }),
    }
}

async fn attempt(app: &Arc<App>, deliveries: &Deliveries, mut job: Job) {
    let Some(prepared) = prepare(app, deliveries, &job) else {
        deliveries.finished();
        return;
    };
    job.attempts += 1;
    let started = std::time::Instant::now();
    let (status, error) = send(deliveries, &prepared).await;
    let latency = started.elapsed();
    let acknowledged = status.is_some_and(|status| (200..300).contains(&status));
    let remote = error.as_deref() == Some(NOT_LOOPBACK);
    let outcome = match deliveries.config.retry.delay_after(job.attempts) {
        _ if acknowledged => Outcome::Acknowledged,
        Some(delay) if !remote => Outcome::RetryIn(delay),
        _ => Outcome::GaveUp,
    };
    if let Target::Endpoint(endpoint) = &job.target
        && !job.duplicate
    {
        record(app, &job, endpoint, outcome);
    }
    if let Some(observer) = &deliveries.observer {
        observer(&DeliveryAttempt {
            event: job.event.clone(),
            event_type: job.kind.clone(),
            target: prepared.target,
            url: prepared.url,
            attempt: job.attempts,
            status,
            error,
            latency,
            duplicate: job.duplicate,
            outcome,
        });
    }
    match outcome {
        Outcome::RetryIn(delay) => deliveries.reschedule(job, delay),
        Outcome::Acknowledged | Outcome::GaveUp => deliveries.finished(),
    }
}

const NOT_LOOPBACK: &str = "not sent: the sandbox delivers only to loopback hosts (localhost, 127.0.0.1, [::1])";

async fn send(deliveries: &Deliveries, prepared: &Prepared) -> (Option<u16>, Option<String>) {
    let authority =
        prepared.url.split_once("://").map_or("", |(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""));
    if !is_loopback(host_of(authority)) {
        return (None, Some(NOT_LOOPBACK.to_string()));
    }
    let body = match serde_json::to_vec_pretty(&prepared.event) {
        Ok(body) => body,
        Err(error) => return (None, Some(error.to_string())),
    };
    let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs());
    let signature = signature_header(&prepared.secret, i64::try_from(timestamp).unwrap_or(i64::MAX), &body);
    let response = deliveries
        .client
        .post(&prepared.url)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Stripe-Signature", signature)
        .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        .body(body)
        .send()
        .await;
    match response {
        Ok(response) => (Some(response.status().as_u16()), None),
        Err(error) if error.is_timeout() => (None, Some(format!("timed out after {:?}", deliveries.config.timeout))),
        Err(error) if error.is_connect() => (None, Some("connection refused".to_string())),
        Err(error) => (None, Some(error.to_string())),
    }
}

/// Writes an endpoint delivery's outcome into the state: its record, and the event's
/// `pending_webhooks` when acknowledged.
fn record(app: &App, job: &Job, endpoint: &str, outcome: Outcome) {
    server::commit(app, &job.account, |data| {
        let id = format!("{}:{endpoint}", job.event);
        let Some(record) = data.get_mut(COLLECTION, &id) else { return };
        if record["status"] != "pending" {
            return;
        }
        record["attempts"] = json!(job.attempts);
        record["status"] = json!(match outcome {
            Outcome::Acknowledged => "succeeded",
            Outcome::RetryIn(_) => "pending",
            Outcome::GaveUp => "failed",
        });
        if outcome == Outcome::Acknowledged
            && let Some(event) = data.get_mut(events::COLLECTION, &job.event)
        {
            let pending = event["pending_webhooks"].as_u64().unwrap_or(0);
            event["pending_webhooks"] = json!(pending.saturating_sub(1));
        }
    });
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{RetrySchedule, signature_header};

    #[test]
    fn the_schedule_doubles_until_the_attempts_run_out() {
        let schedule = RetrySchedule { first: Duration::from_secs(1), attempts: 4 };
        let delays: Vec<_> = (1..=4).map(|attempt| schedule.delay_after(attempt)).collect();
        assert_eq!(
            delays,
            vec![Some(Duration::from_secs(1)), Some(Duration::from_secs(2)), Some(Duration::from_secs(4)), None]
        );
        assert_eq!(RetrySchedule { first: Duration::from_secs(1), attempts: 1 }.delay_after(1), None);
    }

    #[test]
    fn signs_t_dot_body_with_hmac_sha256() {
        // The expected value was computed apart, with Python's hmac module:
        // hmac.new(b"whsec_test_secret", b'1700000000.{"id":"evt_1","object":"event"}', sha256).
        let header = signature_header("whsec_test_secret", 1_700_000_000, br#"{"id":"evt_1","object":"event"}"#);
        assert_eq!(header, "t=1700000000,v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd");
    }
}
