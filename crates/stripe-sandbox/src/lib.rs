//! The sandbox: a stateful local emulator of the part of Stripe's API stripe-catalog uses,
//! served over real HTTP, with Stripe's semantics as `docs/stripe-api.md` describes them.
//! Test mode only; nothing is ever sent to Stripe. Start one with [`SandboxBuilder`]; the
//! crate's README says what it covers and what it leaves out.
//!
//! Layout: `server.rs` runs each request through auth, faults, routing, parameter checking
//! (`spec.rs` over `form.rs`), idempotency and a handler; `resources.rs` lists the resources,
//! one file each (`account.rs`, `products.rs`, `prices.rs`, `checkout_sessions.rs`,
//! `payment_links.rs`, `payment_intents.rs`, `customers.rs`, `events.rs`; `pay.rs` is the
//! sandbox-only way to pay; billing is `payment_methods.rs`, `subscriptions.rs`, `invoices.rs`
//! and `test_clocks.rs`, which also holds the sandbox-only whole-sandbox clock); `store.rs` holds and persists state; `list.rs` and `expand.rs` shape
//! responses; `connection.rs` accepts and serves connections (counting, delaying and timing
//! them out); `lock.rs` keeps a state file to one process. `currencies.rs` and `tiers.rs` hold
//! Stripe's currency list and tier maths, written apart from the CLI's so the two check each other.

mod account;
mod checkout_sessions;
mod connection;
mod currencies;
mod customers;
mod deliveries;
mod errors;
mod events;
mod expand;
mod faults;
mod fields;
mod form;
mod idempotency;
mod invoices;
mod list;
mod lock;
mod meters;
mod pay;
mod payment_intents;
mod payment_links;
mod payment_methods;
mod prices;
mod products;
mod resources;
mod search;
mod server;
mod spec;
mod store;
mod subscriptions;
mod test_clocks;
mod tiers;
mod trigger;
mod version;
mod webhook_endpoints;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use deliveries::{DeliveryAttempt, DeliveryObserver, Forward, Outcome, RetrySchedule, SHUFFLE_WINDOW, Webhooks};
pub use faults::{Faults, RateLimits};
pub use lock::StateFileLocked;
pub use server::{RequestObserver, RequestSummary};

use connection::ConnectionSettings;
use lock::StateLock;
use server::{App, Counters};
use store::Store;

/// A test mode key any client can use against the sandbox.
pub const SANDBOX_API_KEY: &str = "sk_test_sandbox";

/// The port `sandbox serve` listens on unless told otherwise (stripe-mock's).
pub const DEFAULT_PORT: u16 = 12111;

/// How long a connection may take to send a request's head (its request line and headers)
/// before it is closed, unless told otherwise: a client that sends half a request and goes
/// quiet must not hold a connection open for ever. Idle keep-alive connections count too.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How often a sandbox told to wait for its state file tries the lock again.
const LOCK_RETRY_INTERVAL: Duration = Duration::from_millis(100);

/// Called with a line for people, e.g. the notice that a sandbox waits for its state file.
pub type Notice = Arc<dyn Fn(&str) + Send + Sync>;

/// Configures and starts a sandbox.
#[derive(Clone)]
pub struct SandboxBuilder {
    state_file: Option<PathBuf>,
    latency: Duration,
    connection_delay: Duration,
    header_read_timeout: Option<Duration>,
    faults: Faults,
    rate_limits: Option<RateLimits>,
    search_lag: Duration,
    port: u16,
    observer: Option<RequestObserver>,
    wait_for_lock: Option<Notice>,
    webhooks: Webhooks,
    delivery_observer: Option<DeliveryObserver>,
}

impl Default for SandboxBuilder {
    fn default() -> SandboxBuilder {
        SandboxBuilder {
            state_file: None,
            latency: Duration::ZERO,
            connection_delay: Duration::ZERO,
            header_read_timeout: Some(DEFAULT_HEADER_READ_TIMEOUT),
            faults: Faults::default(),
            rate_limits: None,
            search_lag: Duration::ZERO,
            port: 0,
            observer: None,
            wait_for_lock: None,
            webhooks: Webhooks::default(),
            delivery_observer: None,
        }
    }
}

impl std::fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let SandboxBuilder {
            state_file,
            latency,
            connection_delay,
            header_read_timeout,
            faults,
            rate_limits,
            search_lag,
            port,
            observer,
            wait_for_lock,
            webhooks,
            delivery_observer,
        } = self;
        f.debug_struct("SandboxBuilder")
            .field("state_file", state_file)
            .field("latency", latency)
            .field("connection_delay", connection_delay)
            .field("header_read_timeout", header_read_timeout)
            .field("faults", faults)
            .field("rate_limits", rate_limits)
            .field("search_lag", search_lag)
            .field("port", port)
            .field("observer", &observer.is_some())
            .field("wait_for_lock", &wait_for_lock.is_some())
            .field("webhooks", webhooks)
            .field("delivery_observer", &delivery_observer.is_some())
            .finish()
    }
}

impl SandboxBuilder {
    /// An in-memory sandbox on any free loopback port, without faults.
    #[must_use]
    pub fn new() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Loads state from this file at start and writes it back (atomically) after each change.
    ///
    /// The sandbox holds the file for as long as it runs: a second sandbox on the same file,
    /// in this process or another, is refused with [`StateFileLocked`] (naming the holder's
    /// pid) unless it was told to [`wait_for_lock`](SandboxBuilder::wait_for_lock). Two
    /// sandboxes on one file would otherwise each overwrite the other's writes.
    #[must_use]
    pub fn state_file(mut self, path: PathBuf) -> SandboxBuilder {
        self.state_file = Some(path);
        self
    }

    /// When another process holds the state file, waits until it lets go instead of failing,
    /// calling `notice` once with a line that says so (`waiting for the sandbox state file …
    /// held by pid N…`). For a sandbox that serves one command and then stops, as
    /// `stripe-catalog --sandbox` does; a long-running server should rather be refused.
    #[must_use]
    pub fn wait_for_lock(mut self, notice: impl Fn(&str) + Send + Sync + 'static) -> SandboxBuilder {
        self.wait_for_lock = Some(Arc::new(notice));
        self
    }

    /// How long a connection may take to send a request's line and headers, from the end of
    /// its previous request (or its start) until the head is complete, before it is closed;
    /// `None` waits for ever. [`DEFAULT_HEADER_READ_TIMEOUT`] unless set.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: Option<Duration>) -> SandboxBuilder {
        self.header_read_timeout = timeout;
        self
    }

    /// Added to every request.
    #[must_use]
    pub fn latency(mut self, latency: Duration) -> SandboxBuilder {
        self.latency = latency;
        self
    }

    /// Added once per new connection, before its first request is read (a TLS handshake's cost).
    #[must_use]
    pub fn connection_delay(mut self, delay: Duration) -> SandboxBuilder {
        self.connection_delay = delay;
        self
    }

    /// Injected failures (fractions of requests) and their seed.
    #[must_use]
    pub fn faults(mut self, faults: Faults) -> SandboxBuilder {
        self.faults = faults;
        self
    }

    /// Stripe's rate limiter with another global limit: at most this many requests per second
    /// per account (Stripe's is 25 in test mode), plus Stripe's 25 per endpoint and 20 searches
    /// per second; `None` turns it off.
    #[must_use]
    pub fn rate_limit(mut self, requests_per_second: Option<u32>) -> SandboxBuilder {
        self.rate_limits = requests_per_second.map(RateLimits::global);
        self
    }

    /// Stripe's rate limits: [`RateLimits::TEST`], [`RateLimits::LIVE`] or others; `None` (the
    /// default) turns the limiter off. A refused request gets 429 `rate_limit` with
    /// `Stripe-Rate-Limited-Reason: global-rate` or `endpoint-rate`.
    #[must_use]
    pub fn rate_limits(mut self, limits: Option<RateLimits>) -> SandboxBuilder {
        self.rate_limits = limits;
        self
    }

    /// How long new objects stay out of search results, as Stripe's search index trails writes
    /// ("data is searchable in under 1 minute", https://docs.stripe.com/search). Default 0.
    #[must_use]
    pub fn search_lag(mut self, lag: Duration) -> SandboxBuilder {
        self.search_lag = lag;
        self
    }

    /// The loopback port to listen on; 0 picks a free one.
    #[must_use]
    pub fn port(mut self, port: u16) -> SandboxBuilder {
        self.port = port;
        self
    }

    /// Calls `observer` after each request (method, path, status, duration, request id).
    #[must_use]
    pub fn on_request(mut self, observer: impl Fn(&RequestSummary) + Send + Sync + 'static) -> SandboxBuilder {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// What happens to the events the sandbox records: delivery to webhook endpoints (retry
    /// schedule, timeout), forwarding (`--forward-to`), `redeliver` and `shuffle`. See
    /// [`Webhooks`]; the crate README describes delivery.
    #[must_use]
    pub fn webhooks(mut self, webhooks: Webhooks) -> SandboxBuilder {
        self.webhooks = webhooks;
        self
    }

    /// Calls `observer` after each webhook delivery attempt (event, target, attempt, status,
    /// latency, what follows), e.g. `sandbox serve`'s delivery log.
    #[must_use]
    pub fn on_delivery(mut self, observer: impl Fn(&DeliveryAttempt) + Send + Sync + 'static) -> SandboxBuilder {
        self.delivery_observer = Some(Arc::new(observer));
        self
    }

    /// Locks and loads the state and starts serving on 127.0.0.1.
    ///
    /// # Errors
    /// When another process holds the state file ([`StateFileLocked`], unless told to wait),
    /// the state file cannot be read or is of another format version, or the port cannot be
    /// bound.
    pub async fn start(self) -> Result<RunningSandbox> {
        // Locked before it is read: what is loaded must be what no one else will change.
        let state_lock = match &self.state_file {
            Some(path) => Some(self.lock_state_file(path).await?),
            None => None,
        };
        let (mut store, mut unsaved) = match &self.state_file {
            // A new state file is written at once: its account id must be the same in the next
            // run even if this one changes nothing (a saved plan names the account).
            Some(path) if !path.exists() => (Store::new(), true),
            Some(path) => (Store::load(path)?, false),
            None => (Store::new(), false),
        };
        let (forward_secret, made) = deliveries::forward_secret(&self.webhooks, &mut store);
        unsaved |= made;
        if let (Some(path), true) = (&self.state_file, unsaved) {
            store.save(path)?;
        }
        let deliveries = Arc::new(deliveries::Deliveries::new(
            self.webhooks.clone(),
            forward_secret,
            self.delivery_observer.clone(),
        ));
        // Deliveries a previous run left pending are owed still.
        for (account, data) in &store.accounts {
            deliveries.resume(account, data);
        }
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .with_context(|| format!("could not listen on 127.0.0.1:{}", self.port))?;
        let address = listener.local_addr().context("could not read the listening address")?;
        let counters = Counters::default();
        let app = Arc::new(App {
            store: Mutex::new(store),
            _state_lock: state_lock,
            state_file: self.state_file,
            generation: AtomicU64::new(0),
            saved_generation: AtomicU64::new(0),
            latency: self.latency,
            faults: faults::FaultInjector::new(self.faults),
            limiter: faults::RateLimiter::new(self.rate_limits),
            in_flight: idempotency::InFlight::default(),
            search_lag: search::SearchLag::new(self.search_lag),
            counters,
            observer: self.observer,
            deliveries: deliveries.clone(),
        });
        let settings = ConnectionSettings {
            accepted: app.counters.connections.clone(),
            delay: self.connection_delay,
            header_read_timeout: self.header_read_timeout,
        };
        let router = Router::new().fallback(server::handle).with_state(app.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(connection::serve(listener, router, settings, stopped));
        let delivering = tokio::spawn(deliveries::run(Arc::downgrade(&app), deliveries));
        Ok(RunningSandbox { base_url: format!("http://{address}"), app, stop: Some(stop), task, delivering })
    }

    /// Takes the state file's lock: at once, or, when told to wait, once its holder lets go.
    async fn lock_state_file(&self, path: &Path) -> Result<StateLock> {
        let mut unnamed_tries = 0;
        let mut noticed = false;
        loop {
            let locked = match StateLock::try_acquire(path)? {
                Ok(lock) => return Ok(lock),
                Err(locked) => locked,
            };
            // The holder writes its pid just after taking the lock: give it a moment, so the
            // message can name it.
            if locked.holder_pid.is_none() && unnamed_tries < 10 {
                unnamed_tries += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
            let Some(notice) = &self.wait_for_lock else { return Err(locked.into()) };
            if !noticed {
                notice(&format!("waiting for the sandbox state file {} held by {}…", path.display(), locked.holder()));
                noticed = true;
            }
            tokio::time::sleep(LOCK_RETRY_INTERVAL).await;
        }
    }
}

/// The longest [`RunningSandbox::shutdown`] waits for the webhook deliveries due at shutdown
/// (one attempt may take up to [`Webhooks::timeout`]; the default is 10 seconds).
pub const SHUTDOWN_DELIVERY_WAIT: Duration = Duration::from_secs(15);

/// A sandbox serving in the background of the current tokio runtime.
pub struct RunningSandbox {
    base_url: String,
    app: Arc<App>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    delivering: JoinHandle<()>,
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`, to use as the API base.
    #[must_use]
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// How many requests came for `method path_template`, e.g. `("GET", "/v1/prices")` or
    /// `("POST", "/v1/prices/{price}")` (templates as the OpenAPI spec writes them).
    #[must_use]
    pub fn request_count(&self, method: &str, path_template: &str) -> u64 {
        let counts = self.app.counters.by_endpoint.lock().unwrap_or_else(PoisonError::into_inner);
        counts.get(&format!("{} {path_template}", method.to_ascii_uppercase())).copied().unwrap_or(0)
    }

    /// How many requests to `method path_template` the rate limiter admitted in each one-second
    /// window since the sandbox started: `(window, admitted)` for the windows that admitted any,
    /// oldest first (the last 600 such windows). Counted with or without a limiter, so a test can
    /// check that a client kept under Stripe's limits.
    #[must_use]
    pub fn admitted_per_second(&self, method: &str, path_template: &str) -> Vec<(u64, u64)> {
        self.app.limiter.admitted(&format!("{} {path_template}", method.to_ascii_uppercase()))
    }

    /// How many requests came in, all endpoints together.
    #[must_use]
    pub fn total_requests(&self) -> u64 {
        self.app.counters.total.load(Ordering::SeqCst)
    }

    /// How many TCP connections were accepted.
    #[must_use]
    pub fn connections_accepted(&self) -> u64 {
        self.app.counters.connections.load(Ordering::SeqCst)
    }

    /// Sets the request and connection counters back to zero.
    pub fn reset_counters(&self) {
        self.app.counters.by_endpoint.lock().unwrap_or_else(PoisonError::into_inner).clear();
        self.app.counters.total.store(0, Ordering::SeqCst);
        self.app.counters.connections.store(0, Ordering::SeqCst);
        self.app.limiter.reset_log();
    }

    /// The platform account's ID (what `GET /v1/account` returns without `Stripe-Account`).
    #[must_use]
    pub fn account_id(&self) -> String {
        self.app.store().platform_account.clone()
    }

    /// Runs one API request in-process on the platform account, bypassing HTTP, counters,
    /// faults and idempotency, e.g. `seed("POST", "/v1/products", "name=Pro")`: a fast way for
    /// tests and benchmarks to create many objects. Returns the response object.
    ///
    /// # Errors
    /// Stripe's error message when the request is refused.
    pub fn seed(&self, method: &str, path: &str, form_body: &str) -> Result<serde_json::Value> {
        server::direct(&self.app, &method.to_ascii_uppercase(), path, form_body)
            .map_err(|error| anyhow::anyhow!("{} {path}: {} ({})", method, error.message, error.status))
    }

    /// How many objects of `collection` (`products`, `prices`, ...) the platform account holds,
    /// whatever their state: lets tests check what was committed without another request.
    #[must_use]
    pub fn object_count(&self, collection: &str) -> usize {
        let mut store = self.app.store();
        let account = store.platform_account.clone();
        store.account(&account, server::now()).newest_first(collection).count()
    }

    /// The `whsec_…` secret forwarded events (`Webhooks::forward_to`) are signed with: the
    /// configured one, else the one kept in the state (made on the first start that forwards;
    /// a sandbox that does not forward and has none stored answers one it keeps nowhere).
    #[must_use]
    pub fn forward_secret(&self) -> String {
        self.app.deliveries.forward_secret().to_string()
    }

    /// Waits until every webhook delivery is done, at most `timeout`, sending retries at once
    /// instead of after their backoff (what `POST /v1/test_helpers/sandbox/deliveries/flush`
    /// does). Returns how many deliveries are still outstanding: 0 when all settled.
    pub async fn flush_deliveries(&self, timeout: Duration) -> usize {
        self.app.deliveries.flush(timeout).await
    }

    /// Waits until every webhook delivery is done, at most `timeout`, retries keeping their
    /// schedule. Returns how many deliveries are still outstanding.
    pub async fn settle_deliveries(&self, timeout: Duration) -> usize {
        self.app.deliveries.settle(timeout).await
    }

    /// Stops serving and waits for open connections to close (at most a few seconds), then
    /// lets the webhook deliveries that are due finish and records their outcomes in the state
    /// (at most [`SHUTDOWN_DELIVERY_WAIT`]), so an acknowledged delivery is never sent again by
    /// the next start on the same state file. Retries waiting for their backoff stay pending
    /// for that next start. Returns how many deliveries were left outstanding (0 when every
    /// owed delivery was attempted).
    pub async fn shutdown(mut self) -> usize {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if tokio::time::timeout(Duration::from_secs(5), &mut self.task).await.is_err() {
            self.task.abort();
        }
        // After the server stopped: no request can enqueue more while the task drains.
        self.app.deliveries.stop();
        if tokio::time::timeout(SHUTDOWN_DELIVERY_WAIT, &mut self.delivering).await.is_err() {
            self.delivering.abort();
        }
        self.app.deliveries.outstanding()
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.task.abort();
        self.delivering.abort();
    }
}

/// Deletes the state file, if there is one, unless a sandbox is running on it.
///
/// # Errors
/// [`StateFileLocked`] when a sandbox holds the file (deleting it under a running sandbox would
/// be undone by its next save); an I/O error when the file exists but cannot be removed.
pub fn reset_state(path: &Path) -> Result<bool> {
    let mut unnamed_tries = 0;
    // Held while the file is removed, so no sandbox starts on it half-way.
    let _lock = loop {
        match StateLock::try_acquire(path)? {
            Ok(lock) => break lock,
            // As in `lock_state_file`: a holder that has just locked may not have named itself.
            Err(locked) if locked.holder_pid.is_none() && unnamed_tries < 10 => {
                unnamed_tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(locked) => return Err(locked.into()),
        }
    };
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err).with_context(|| format!("could not remove {}", path.display())),
    }
}
