//! Webhook delivery (issue 12): signed POSTs to enabled endpoints whose `enabled_events` match,
//! retries with backoff, `pending_webhooks`, forwarding, `redeliver` and `shuffle`. Receivers are
//! small axum servers in the test; nothing waits on a timer: `flush_deliveries` (or the
//! sandbox-only flush endpoint) returns once every delivery is done.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use stripe_sandbox::{
    DeliveryAttempt, Forward, Outcome, RetrySchedule, RunningSandbox, SHUFFLE_WINDOW, SandboxBuilder, Webhooks,
};

use super::{Api, id};

const SETTLE: Duration = Duration::from_secs(20);

/// One request a receiver got.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    signature: String,
    body: Vec<u8>,
}

impl Received {
    fn event(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON event")
    }

    fn event_id(&self) -> String {
        self.event()["id"].as_str().unwrap_or_default().to_string()
    }
}

#[derive(Default)]
struct Log {
    received: Vec<Received>,
    attempts: HashMap<String, u32>,
}

/// A receiver on a free loopback port: records every POST to `/{path}` and answers 500 to the
/// first `fail_first` attempts of each event at each path, 200 afterwards.
struct Receiver {
    base: String,
    log: Arc<Mutex<Log>>,
}

impl Receiver {
    async fn start(fail_first: u32) -> Receiver {
        let log = Arc::new(Mutex::new(Log::default()));
        let handler = move |State(log): State<Arc<Mutex<Log>>>,
                            Path(path): Path<String>,
                            headers: HeaderMap,
                            body: Bytes| async move {
            let signature =
                headers.get("stripe-signature").and_then(|value| value.to_str().ok()).unwrap_or_default().to_string();
            let received = Received { path, signature, body: body.to_vec() };
            let mut log = log.lock().unwrap();
            let attempts = log.attempts.entry(format!("{} {}", received.path, received.event_id())).or_default();
            *attempts += 1;
            let status = if *attempts <= fail_first { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::OK };
            log.received.push(received);
            status
        };
        let router = axum::Router::new().route("/{path}", axum::routing::post(handler)).with_state(log.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        Receiver { base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }

    fn received(&self, path: &str) -> Vec<Received> {
        self.log.lock().unwrap().received.iter().filter(|received| received.path == path).cloned().collect()
    }

    fn clear(&self) {
        let mut log = self.log.lock().unwrap();
        log.received.clear();
        log.attempts.clear();
    }
}

async fn sandbox(webhooks: Webhooks) -> (RunningSandbox, Arc<Mutex<Vec<DeliveryAttempt>>>) {
    let attempts = Arc::new(Mutex::new(Vec::new()));
    let seen = attempts.clone();
    let sandbox = SandboxBuilder::new()
        .webhooks(webhooks)
        .on_delivery(move |attempt| seen.lock().unwrap().push(attempt.clone()))
        .start()
        .await
        .expect("the sandbox starts");
    (sandbox, attempts)
}

/// Retries that would wait an hour: only a flush sends them, so what a test sees before the
/// flush is the first attempt alone.
const PATIENT: RetrySchedule = RetrySchedule { first: Duration::from_secs(3600), attempts: 3 };

async fn endpoint(api: &Api, url: &str, events: &[&str]) -> Value {
    let events: String = events.iter().map(|event| format!("&enabled_events[]={event}")).collect();
    api.create("/v1/webhook_endpoints", &format!("url={url}{events}")).await
}

/// Checks `received`'s `Stripe-Signature: t=…,v1=…` against HMAC-SHA256(secret, "{t}.{raw body}")
/// (https://docs.stripe.com/webhooks#verify-manually), computed here independently.
fn assert_signed(received: &Received, secret: &str) {
    let (t, v1) = received.signature.split_once(",v1=").expect("t=…,v1=…");
    let t = t.strip_prefix("t=").expect("t= first");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(&received.body);
    let expected: String = mac.finalize().into_bytes().iter().map(|byte| format!("{byte:02x}")).collect();
    assert_eq!(v1, expected, "signed with {secret}");
}

/// The newest event of `kind`.
async fn latest(api: &Api, kind: &str) -> Value {
    api.get(&format!("/v1/events?type={kind}")).await.body["data"][0].clone()
}

#[tokio::test]
async fn a_receiver_failing_twice_gets_the_event_a_third_time_and_it_is_no_longer_pending() {
    let receiver = Receiver::start(2).await;
    let (sandbox, attempts) = sandbox(Webhooks { retry: PATIENT, ..Webhooks::default() }).await;
    let api = Api::new(&sandbox);
    let created = endpoint(&api, &receiver.url("hook"), &["customer.created"]).await;
    let secret = created["secret"].as_str().unwrap().to_string();
    api.create("/v1/customers", "email=jane@example.com").await;
    let event = latest(&api, "customer.created").await;
    assert_eq!(event["pending_webhooks"], 1, "owed to the one endpoint");

    let flushed = api.post("/v1/test_helpers/sandbox/deliveries/flush", "").await;
    assert_eq!((flushed.status, flushed.body["outstanding"].clone()), (200, 0.into()), "{}", flushed.body);
    let received = receiver.received("hook");
    assert_eq!(received.len(), 3, "two failures and the acknowledged third");
    assert!(received.iter().all(|received| received.event_id() == id(&event)));
    let after = api.get(&format!("/v1/events/{}", id(&event))).await.body;
    assert_eq!(after["pending_webhooks"], 0);

    // Each attempt is signed anew.
    for received in &received {
        assert_signed(received, &secret);
        assert_eq!(received.event()["type"], "customer.created");
        assert_eq!(received.event()["api_version"], "2026-09-30.endive");
    }
    let log = attempts.lock().unwrap().clone();
    let summary: Vec<(u32, Option<u16>, Outcome)> = log.iter().map(|a| (a.attempt, a.status, a.outcome)).collect();
    assert_eq!(
        summary,
        vec![
            (1, Some(500), Outcome::RetryIn(Duration::from_secs(3600))),
            (2, Some(500), Outcome::RetryIn(Duration::from_secs(7200))),
            (3, Some(200), Outcome::Acknowledged),
        ]
    );
    assert!(log.iter().all(|attempt| attempt.target == id(&created) && attempt.url == receiver.url("hook")));
}

#[tokio::test]
async fn retries_follow_their_schedule_and_an_event_stays_pending_when_attempts_run_out() {
    let receiver = Receiver::start(u32::MAX).await;
    let (sandbox, attempts) = sandbox(Webhooks { retry: RetrySchedule::TEST, ..Webhooks::default() }).await;
    let api = Api::new(&sandbox);
    endpoint(&api, &receiver.url("down"), &["*"]).await;
    api.create("/v1/customers", "email=jane@example.com").await;
    // Without hurrying: the 10 ms and 20 ms backoffs run their course.
    assert_eq!(sandbox.settle_deliveries(SETTLE).await, 0);
    assert_eq!(receiver.received("down").len(), 3);
    let event = latest(&api, "customer.created").await;
    assert_eq!(event["pending_webhooks"], 1, "never acknowledged");
    let outcomes: Vec<Outcome> = attempts.lock().unwrap().iter().map(|attempt| attempt.outcome).collect();
    assert_eq!(
        outcomes,
        vec![Outcome::RetryIn(Duration::from_millis(10)), Outcome::RetryIn(Duration::from_millis(20)), Outcome::GaveUp]
    );
}

#[tokio::test]
async fn disabled_endpoints_and_other_event_types_receive_nothing() {
    // Every first attempt fails, so nothing is acknowledged before the flush.
    let receiver = Receiver::start(1).await;
    let (sandbox, _) = sandbox(Webhooks { retry: PATIENT, ..Webhooks::default() }).await;
    let api = Api::new(&sandbox);
    endpoint(&api, &receiver.url("wanted"), &["customer.created", "customer.updated"]).await;
    endpoint(&api, &receiver.url("everything"), &["*"]).await;
    let disabled = endpoint(&api, &receiver.url("disabled"), &["*"]).await;
    api.create(&format!("/v1/webhook_endpoints/{}", id(&disabled)), "disabled=true").await;
    endpoint(&api, &receiver.url("other"), &["invoice.paid"]).await;
    api.create("/v1/products", "name=Pro").await;
    let customer = api.create("/v1/customers", "email=jane@example.com").await;
    let event = latest(&api, "customer.created").await;
    assert_eq!(event["pending_webhooks"], 2, "wanted and everything");
    assert_eq!(sandbox.flush_deliveries(SETTLE).await, 0);

    // Each event twice: the failed first attempt and the retry.
    let kinds = |path: &str| -> Vec<String> {
        let mut kinds: Vec<String> =
            receiver.received(path).iter().map(|r| r.event()["type"].as_str().unwrap().to_string()).collect();
        kinds.sort();
        kinds
    };
    assert_eq!(kinds("wanted"), vec!["customer.created"; 2]);
    assert_eq!(kinds("everything"), vec!["customer.created", "customer.created", "product.created", "product.created"]);
    assert!(kinds("disabled").is_empty());
    assert!(kinds("other").is_empty());
    assert_eq!(receiver.received("wanted")[0].event()["data"]["object"]["id"], customer["id"]);
    let after = api.get(&format!("/v1/events/{}", id(&event))).await.body;
    assert_eq!(after["pending_webhooks"], 0);
}

#[tokio::test]
async fn forwarding_signs_with_the_forward_secret_and_filters_by_type() {
    let receiver = Receiver::start(0).await;
    let webhooks = Webhooks {
        forward_to: vec![
            Forward { url: receiver.url("all"), events: Vec::new() },
            Forward { url: receiver.url("customers"), events: vec!["customer.*".to_string()] },
        ],
        forward_secret: Some("whsec_forwarding".to_string()),
        ..Webhooks::default()
    };
    let (sandbox, _) = sandbox(webhooks).await;
    assert_eq!(sandbox.forward_secret(), "whsec_forwarding");
    let api = Api::new(&sandbox);
    api.create("/v1/products", "name=Pro").await;
    api.create("/v1/customers", "email=jane@example.com").await;
    assert_eq!(sandbox.flush_deliveries(SETTLE).await, 0);
    assert_eq!(receiver.received("all").len(), 2);
    let customers = receiver.received("customers");
    assert_eq!(customers.len(), 1);
    assert_signed(&customers[0], "whsec_forwarding");
    // Forwarding is not an endpoint: nothing is owed.
    let event = latest(&api, "customer.created").await;
    assert_eq!(event["pending_webhooks"], 0);
}

#[tokio::test]
async fn redeliver_one_sends_every_event_twice_with_the_same_id() {
    let receiver = Receiver::start(0).await;
    let webhooks = Webhooks {
        forward_to: vec![Forward { url: receiver.url("twice"), events: Vec::new() }],
        redeliver: 1.0,
        ..Webhooks::default()
    };
    let (sandbox, _) = sandbox(webhooks).await;
    let api = Api::new(&sandbox);
    endpoint(&api, &receiver.url("endpoint"), &["*"]).await;
    api.create("/v1/products", "name=Pro").await;
    api.create("/v1/customers", "email=jane@example.com").await;
    assert_eq!(sandbox.flush_deliveries(SETTLE).await, 0);
    for path in ["twice", "endpoint"] {
        let mut ids: Vec<String> = receiver.received(path).iter().map(Received::event_id).collect();
        ids.sort();
        assert_eq!(ids.len(), 4, "{path}");
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[2], ids[3]);
        assert_ne!(ids[1], ids[2]);
    }
    // A copy acknowledged twice is still one endpoint acknowledging.
    let event = latest(&api, "customer.created").await;
    assert_eq!(event["pending_webhooks"], 0);
}

#[tokio::test]
async fn shuffle_delivers_everything_out_of_order() {
    let receiver = Receiver::start(0).await;
    let webhooks = Webhooks {
        forward_to: vec![Forward { url: receiver.url("shuffled"), events: Vec::new() }],
        shuffle: true,
        seed: 7,
        ..Webhooks::default()
    };
    let (sandbox, _) = sandbox(webhooks).await;
    let api = Api::new(&sandbox);
    api.create("/v1/products", "id=pro&name=Pro").await;
    let price = id(&api.create("/v1/prices", "product=pro&currency=usd&unit_amount=5000").await);
    let session = api
        .create("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={price}&customer_creation=always"))
        .await;
    assert_eq!(sandbox.flush_deliveries(SETTLE).await, 0);
    receiver.clear();
    // One request that records several events: they are queued together, and shuffled.
    api.create(
        &format!("/v1/test_helpers/checkout/sessions/{}/pay", id(&session)),
        "card=4242424242424242&email=j@example.com",
    )
    .await;
    assert_eq!(sandbox.flush_deliveries(SETTLE).await, 0);
    let arrived: Vec<String> = receiver.received("shuffled").iter().map(Received::event_id).collect();
    let listed = api.get("/v1/events?limit=100").await.body;
    let mut recorded: Vec<String> = listed["data"].as_array().unwrap().iter().map(id).collect();
    recorded.reverse();
    recorded = recorded.split_off(recorded.len() - arrived.len());
    assert!(arrived.len() > 2 && arrived.len() <= SHUFFLE_WINDOW, "{arrived:?}");
    assert_ne!(arrived, recorded, "out of order");
    let mut sorted_arrived = arrived.clone();
    sorted_arrived.sort();
    let mut sorted_recorded = recorded.clone();
    sorted_recorded.sort();
    assert_eq!(sorted_arrived, sorted_recorded, "every event, once");
}

#[tokio::test]
async fn pending_deliveries_survive_a_restart_on_the_same_state_file() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("sandbox.json");
    let receiver = Receiver::start(1).await;
    let patient = Webhooks { retry: PATIENT, ..Webhooks::default() };
    let attempted = Arc::new(tokio::sync::Notify::new());
    let notify = attempted.clone();
    let first = SandboxBuilder::new()
        .state_file(state.clone())
        .webhooks(patient.clone())
        .on_delivery(move |_| notify.notify_one())
        .start()
        .await
        .unwrap();
    let api = Api::new(&first);
    endpoint(&api, &receiver.url("restart"), &["customer.created"]).await;
    api.create("/v1/customers", "email=jane@example.com").await;
    // The first attempt fails; its retry is an hour away when the sandbox stops.
    tokio::time::timeout(SETTLE, attempted.notified()).await.expect("a first attempt");
    first.shutdown().await;

    let second = SandboxBuilder::new().state_file(state).webhooks(patient).start().await.unwrap();
    let api = Api::new(&second);
    let event = latest(&api, "customer.created").await;
    assert_eq!(event["pending_webhooks"], 1);
    assert_eq!(second.flush_deliveries(SETTLE).await, 0);
    let received = receiver.received("restart");
    assert_eq!(received.len(), 2, "the retry after the restart");
    assert_eq!(received[1].event_id(), id(&event));
    assert_eq!(api.get(&format!("/v1/events/{}", id(&event))).await.body["pending_webhooks"], 0);
}
