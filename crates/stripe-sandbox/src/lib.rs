//! The sandbox: a stateful local emulator of the part of Stripe's API stripe-catalog uses,
//! served over real HTTP, with Stripe's semantics as `docs/stripe-api.md` describes them.
//! Test mode only; nothing is ever sent to Stripe. Start one with [`SandboxBuilder`]; the
//! crate's README says what it covers and what it leaves out.
//!
//! Layout: `server.rs` runs each request through auth, faults, routing, parameter checking
//! (`spec.rs` over `form.rs`), idempotency and a handler; `resources.rs` lists the resources,
//! one file each (`account.rs`, `products.rs`, `prices.rs`, `checkout_sessions.rs`,
//! `payment_links.rs`, `payment_intents.rs`, `customers.rs`, `events.rs`; `pay.rs` is the
//! sandbox-only way to pay); `store.rs` holds and persists state; `list.rs` and `expand.rs` shape
//! responses; `connection.rs` accepts and serves connections (counting, delaying and timing
//! them out). `currencies.rs` and `tiers.rs` hold Stripe's currency list and tier maths, written
//! apart from the CLI's so the two check each other.

mod account;
mod checkout_sessions;
mod connection;
mod currencies;
mod customers;
mod errors;
mod events;
mod expand;
mod faults;
mod fields;
mod form;
mod idempotency;
mod list;
mod pay;
mod payment_intents;
mod payment_links;
mod prices;
mod products;
mod resources;
mod server;
mod spec;
mod store;
mod tiers;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use faults::Faults;
pub use server::{RequestObserver, RequestSummary};

use connection::ConnectionSettings;
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

/// Configures and starts a sandbox.
#[derive(Clone)]
pub struct SandboxBuilder {
    state_file: Option<PathBuf>,
    latency: Duration,
    connection_delay: Duration,
    header_read_timeout: Option<Duration>,
    faults: Faults,
    rate_limit: Option<u32>,
    port: u16,
    observer: Option<RequestObserver>,
}

impl Default for SandboxBuilder {
    fn default() -> SandboxBuilder {
        SandboxBuilder {
            state_file: None,
            latency: Duration::ZERO,
            connection_delay: Duration::ZERO,
            header_read_timeout: Some(DEFAULT_HEADER_READ_TIMEOUT),
            faults: Faults::default(),
            rate_limit: None,
            port: 0,
            observer: None,
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
            rate_limit,
            port,
            observer,
        } = self;
        f.debug_struct("SandboxBuilder")
            .field("state_file", state_file)
            .field("latency", latency)
            .field("connection_delay", connection_delay)
            .field("header_read_timeout", header_read_timeout)
            .field("faults", faults)
            .field("rate_limit", rate_limit)
            .field("port", port)
            .field("observer", &observer.is_some())
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
    #[must_use]
    pub fn state_file(mut self, path: PathBuf) -> SandboxBuilder {
        self.state_file = Some(path);
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

    /// Stripe's test-mode rate limiter: at most this many requests per second per account
    /// (Stripe's is 25); `None` turns it off.
    #[must_use]
    pub fn rate_limit(mut self, requests_per_second: Option<u32>) -> SandboxBuilder {
        self.rate_limit = requests_per_second;
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

    /// Loads the state and starts serving on 127.0.0.1.
    ///
    /// # Errors
    /// When the state file cannot be read or is of another format version, or the port cannot
    /// be bound.
    pub async fn start(self) -> Result<RunningSandbox> {
        let store = match &self.state_file {
            // A new state file is written at once: its account id must be the same in the next
            // run even if this one changes nothing (a saved plan names the account).
            Some(path) if !path.exists() => {
                let mut store = Store::new();
                store.save(path)?;
                store
            }
            Some(path) => Store::load(path)?,
            None => Store::new(),
        };
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .with_context(|| format!("could not listen on 127.0.0.1:{}", self.port))?;
        let address = listener.local_addr().context("could not read the listening address")?;
        let counters = Counters::default();
        let app = Arc::new(App {
            store: Mutex::new(store),
            state_file: self.state_file,
            generation: AtomicU64::new(0),
            saved_generation: AtomicU64::new(0),
            latency: self.latency,
            faults: faults::FaultInjector::new(self.faults),
            limiter: self.rate_limit.map(faults::RateLimiter::new),
            in_flight: idempotency::InFlight::default(),
            counters,
            observer: self.observer,
        });
        let settings = ConnectionSettings {
            accepted: app.counters.connections.clone(),
            delay: self.connection_delay,
            header_read_timeout: self.header_read_timeout,
        };
        let router = Router::new().fallback(server::handle).with_state(app.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(connection::serve(listener, router, settings, stopped));
        Ok(RunningSandbox { base_url: format!("http://{address}"), app, stop: Some(stop), task })
    }
}

/// A sandbox serving in the background of the current tokio runtime.
pub struct RunningSandbox {
    base_url: String,
    app: Arc<App>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
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

    /// Stops serving and waits for open connections to close (at most a few seconds).
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if tokio::time::timeout(Duration::from_secs(5), &mut self.task).await.is_err() {
            self.task.abort();
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Deletes the state file, if there is one.
///
/// # Errors
/// When the file exists but cannot be removed.
pub fn reset_state(path: &std::path::Path) -> Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err).with_context(|| format!("could not remove {}", path.display())),
    }
}
