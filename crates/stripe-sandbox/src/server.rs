//! One request through the sandbox, in Stripe's order: count it, authenticate, rate-limit and
//! inject faults (none of which reach the idempotency layer), route, check parameters against
//! the spec, then the idempotency layer, the handler under the store lock, persistence, and the
//! drop-after-commit fault. Every response carries `Request-Id` and `Stripe-Version`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::connection::ConnectionHandle;
use super::deliveries::Deliveries;
use super::errors::ApiError;
use super::expand;
use super::faults::{FaultInjector, RateLimiter};
use super::fields::expand_list;
use super::form;
use super::idempotency::{Decision, InFlight, KeyedRequest};
use super::lock::StateLock;
use super::resources::{self, Ctx};
use super::search::SearchLag;
use super::spec;
use super::store::{AccountData, IdempotentRecord, Store, random_suffix};
use super::test_clocks;
use super::version;

/// The API version reported when the client does not send `Stripe-Version`: the emulated one.
const DEFAULT_API_VERSION: &str = version::EMULATED;

/// Everything the request handler shares.
pub(crate) struct App {
    pub(crate) store: Mutex<Store>,
    /// Held for as long as anything may write the state file: dropped with the last request.
    pub(crate) _state_lock: Option<StateLock>,
    pub(crate) state_file: Option<PathBuf>,
    /// Counts state changes; bumped with the store locked.
    pub(crate) generation: AtomicU64,
    /// The newest generation written to the state file.
    pub(crate) saved_generation: AtomicU64,
    pub(crate) latency: Duration,
    pub(crate) faults: FaultInjector,
    pub(crate) limiter: RateLimiter,
    pub(crate) in_flight: InFlight,
    pub(crate) search_lag: SearchLag,
    pub(crate) counters: Counters,
    pub(crate) observer: Option<RequestObserver>,
    pub(crate) deliveries: Arc<Deliveries>,
}

/// The request log tests read.
#[derive(Default)]
pub(crate) struct Counters {
    pub(crate) by_endpoint: Mutex<HashMap<String, u64>>,
    pub(crate) total: AtomicU64,
    pub(crate) connections: Arc<AtomicU64>,
}

impl App {
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn count(&self, method: &str, template: &str) {
        self.counters.total.fetch_add(1, Ordering::SeqCst);
        let mut counts = self.counters.by_endpoint.lock().unwrap_or_else(PoisonError::into_inner);
        *counts.entry(format!("{method} {template}")).or_default() += 1;
    }
}

/// A finished answer before headers common to all responses are added.
struct Reply {
    status: StatusCode,
    body: Value,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn error(error: &ApiError, request_id: &str) -> Reply {
        Reply {
            status: error.status,
            body: error.body(request_id),
            headers: error.headers.iter().map(|(name, value)| (*name, (*value).to_string())).collect(),
        }
    }
}

/// The axum handler every request goes to.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    Extension(connection): Extension<ConnectionHandle>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let started = std::time::Instant::now();
    let request_id = format!("req_{}", random_suffix(14));
    let path = uri.path().to_string();
    let template = resources::template_for(&path).unwrap_or(path.as_str()).to_string();
    app.count(method.as_str(), &template);
    let mut slept = false;
    let reply = match &body {
        Ok(body) => process(&app, &connection, &method, &uri, &headers, body, &request_id, &mut slept).await,
        // Too large, or not readable: answered in Stripe's shape rather than axum's plain text.
        Err(rejection) => Reply::error(
            &ApiError::invalid(format!("The request body could not be read: {}", rejection.body_text()))
                .status(rejection.status()),
            &request_id,
        ),
    };
    if !slept && !app.latency.is_zero() {
        tokio::time::sleep(app.latency).await;
    }
    let mut response = (reply.status, axum::Json(reply.body)).into_response();
    let response_headers = response.headers_mut();
    let mut set = |name: &'static str, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            response_headers.insert(name, value);
        }
    };
    set("request-id", &request_id);
    let version = headers.get("stripe-version").and_then(|value| value.to_str().ok()).unwrap_or(DEFAULT_API_VERSION);
    set("stripe-version", version);
    if let Some(key) = headers.get("idempotency-key").and_then(|value| value.to_str().ok()) {
        set("idempotency-key", key);
    }
    for (name, value) in &reply.headers {
        set(name, value);
    }
    if let Some(observer) = &app.observer {
        observer(&RequestSummary {
            method: method.to_string(),
            path,
            status: reply.status.as_u16(),
            duration: started.elapsed(),
            request_id,
            replayed: reply.headers.iter().any(|(name, _)| *name == "idempotent-replayed"),
        });
    }
    response
}

/// One finished request, as a [`RequestObserver`] sees it.
#[derive(Clone, Debug)]
pub struct RequestSummary {
    pub method: String,
    pub path: String,
    /// The status answered (or prepared, when the connection was dropped after commit).
    pub status: u16,
    pub duration: std::time::Duration,
    pub request_id: String,
    /// Whether an idempotency key replayed a stored response.
    pub replayed: bool,
}

/// Called once per finished request (e.g. `sandbox serve` printing an access log).
pub type RequestObserver = Arc<dyn Fn(&RequestSummary) + Send + Sync>;

#[allow(clippy::too_many_arguments)]
async fn process(
    app: &App,
    connection: &ConnectionHandle,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    request_id: &str,
    slept: &mut bool,
) -> Reply {
    let account = match authenticate(app, headers) {
        Ok(account) => account,
        Err(error) => return Reply::error(&error, request_id),
    };
    if let Err(error) = version::check(headers) {
        return Reply::error(&error, request_id);
    }
    // Not an API call: neither limited nor failed on purpose, so a test's wait is never refused.
    if *method == Method::POST && uri.path() == FLUSH_PATH {
        return flush(app, request_id).await;
    }
    if let Err(limited) = app.limiter.admit(&account, &resources::endpoint_name(method.as_str(), uri.path())) {
        return Reply::error(&ApiError::rate_limited(limited), request_id);
    }
    if let Some(fault) = app.faults.before_execution() {
        return Reply::error(&fault, request_id);
    }
    let path = uri.path();
    let Some((route, path_id)) = resources::find(method.as_str(), path) else {
        let error = ApiError::invalid(format!(
            "Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at \
             https://support.stripe.com/."
        ))
        .status(StatusCode::NOT_FOUND);
        return Reply::error(&error, request_id);
    };
    let query = uri.query().unwrap_or("");
    let raw = if *method == Method::POST { form::decode_both(query, body) } else { form::decode(query.as_bytes()) };
    let params = match raw.and_then(|raw| spec::check(route.method, route.template, raw)) {
        Ok(params) => params,
        Err(error) => return Reply::error(&error, request_id),
    };
    // Writes answer with one object of their resource: check `expand[]` before writing.
    if *method != Method::GET
        && let Some(object_type) = resources::object_of(route)
        && let Err(error) = expand::check(object_type, &expand_list(&params))
    {
        return Reply::error(&error, request_id);
    }
    let key = (*method == Method::POST)
        .then(|| headers.get("idempotency-key").and_then(|value| value.to_str().ok()))
        .flatten()
        .filter(|key| !key.is_empty())
        .map(str::to_string);
    // Held until this request is answered or dropped: see `idempotency::Claim`.
    let mut claim = None;
    if let Some(key) = &key {
        let decision = {
            let mut store = app.store();
            let now = now();
            let data = store.account(&account, now);
            let request = KeyedRequest { account: &account, key, method: method.as_str(), path, params: &params };
            app.in_flight.begin(data, now, &request)
        };
        match decision {
            Err(error) => return Reply::error(&error, request_id),
            Ok(Decision::Replay(record)) => {
                return Reply {
                    status: StatusCode::from_u16(record.status).unwrap_or(StatusCode::OK),
                    body: record.body,
                    headers: vec![
                        ("idempotent-replayed", "true".to_string()),
                        ("original-request", record.request_id.clone()),
                    ],
                };
            }
            Ok(Decision::Execute(admitted)) => claim = Some(admitted),
        }
    }
    *slept = true;
    // The one await between admitting a request and executing it: a client that goes away here
    // gets its future dropped by hyper, and nothing has been executed or stored.
    if !app.latency.is_zero() {
        tokio::time::sleep(app.latency).await;
    }
    // Synchronous from here on: once execution begins it finishes and its record is stored.
    let reply = execute(app, &account, route.handler, path_id, path, &params, key.as_deref(), method, request_id);
    drop(claim);
    if *method == Method::POST && reply.status.is_success() && app.faults.drop_after_commit() {
        connection.drop_connection();
    }
    reply
}

/// Sandbox-only: `POST /v1/test_helpers/sandbox/deliveries/flush` waits (at most
/// [`FLUSH_TIMEOUT`]) until every webhook delivery is done, retrying failed ones at once rather
/// than after their backoff, so a test can look at what its receiver got without sleeping.
pub(crate) const FLUSH_PATH: &str = "/v1/test_helpers/sandbox/deliveries/flush";

/// The longest a flush waits.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(30);

async fn flush(app: &App, request_id: &str) -> Reply {
    let outstanding = app.deliveries.flush(FLUSH_TIMEOUT).await;
    if outstanding == 0 {
        let body = serde_json::json!({"object": "sandbox_deliveries", "outstanding": 0});
        return Reply { status: StatusCode::OK, body, headers: Vec::new() };
    }
    let error = ApiError::invalid(format!(
        "{outstanding} webhook deliveries were still outstanding after {} seconds.",
        FLUSH_TIMEOUT.as_secs()
    ))
    .status(StatusCode::GATEWAY_TIMEOUT);
    Reply::error(&error, request_id)
}

#[allow(clippy::too_many_arguments)]
fn execute(
    app: &App,
    account: &str,
    handler: resources::Handler,
    path_id: Option<String>,
    path: &str,
    params: &Value,
    key: Option<&str>,
    method: &Method,
    request_id: &str,
) -> Reply {
    let mut store = app.store();
    let now = now();
    let data = store.account(account, now);
    // The sandbox's time: the real time plus what `POST /v1/test_helpers/sandbox/advance` added.
    let sandbox_now = now.saturating_add(test_clocks::sandbox_offset(data));
    let mut ctx = Ctx {
        data,
        account_id: account,
        path_id,
        path,
        now: sandbox_now,
        event_time: sandbox_now,
        changed: false,
        search_lag: &app.search_lag,
        recorded: Vec::new(),
    };
    let result = handler(&mut ctx, params).and_then(|mut value| {
        expand::render(ctx.data, &mut value, &expand_list(params))?;
        Ok(value)
    });
    let mut changed = ctx.changed;
    let recorded = std::mem::take(&mut ctx.recorded);
    let reply = match result {
        Ok(body) => Reply { status: StatusCode::OK, body, headers: Vec::new() },
        Err(error) => Reply::error(&error, request_id),
    };
    if let Some(key) = key {
        let record = IdempotentRecord {
            method: method.as_str().to_string(),
            path: path.to_string(),
            params: params.clone(),
            status: reply.status.as_u16(),
            body: reply.body.clone(),
            created: now,
            request_id: request_id.to_string(),
            encoded: None,
        };
        store.account(account, now).idempotency.insert(key.to_string(), record);
        changed = true;
    }
    if !changed {
        return reply;
    }
    let generation = app.generation.fetch_add(1, Ordering::SeqCst) + 1;
    drop(store);
    // The write happened in memory; failing to persist it is a server error the client should
    // hear about.
    let persisted = persist(app, generation);
    // Delivered once committed, so a receiver that looks the event up finds it.
    app.deliveries.enqueue(account, recorded);
    match persisted {
        Ok(()) => reply,
        Err(error) => {
            let error = ApiError {
                message: format!("The sandbox could not save its state: {error:#}"),
                ..ApiError::server_error()
            };
            Reply::error(&error, request_id)
        }
    }
}

/// Makes sure the state file holds at least `generation`. Runs with the store locked, so files
/// are replaced in generation order; a writer whose change an earlier save already carried
/// (concurrent requests) skips its own save.
fn persist(app: &App, generation: u64) -> anyhow::Result<()> {
    let Some(file) = &app.state_file else { return Ok(()) };
    let mut store = app.store();
    if app.saved_generation.load(Ordering::SeqCst) >= generation {
        return Ok(());
    }
    let current = app.generation.load(Ordering::SeqCst);
    store.save(file)?;
    app.saved_generation.store(current, Ordering::SeqCst);
    Ok(())
}

/// Applies a change made outside a request (a delivery's outcome) to `account` and saves it.
/// A failed save is left for the next one: the change is in memory, and the next write carries it.
pub(crate) fn commit(app: &App, account: &str, change: impl FnOnce(&mut AccountData)) {
    let mut store = app.store();
    change(store.account(account, now()));
    let generation = app.generation.fetch_add(1, Ordering::SeqCst) + 1;
    drop(store);
    let _ = persist(app, generation);
}

/// Runs one request straight through routing, parameter checks and its handler, without HTTP,
/// counters, faults or idempotency: how tests and benchmarks seed state quickly.
pub(crate) fn direct(app: &App, method: &str, path: &str, body: &str) -> Result<Value, ApiError> {
    let account = app.store().platform_account.clone();
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let Some((route, path_id)) = resources::find(method, path) else {
        return Err(ApiError::invalid(format!("Unrecognized request URL ({method}: {path})")));
    };
    let raw = if method == "POST" { form::decode_both(query, body.as_bytes()) } else { form::decode(query.as_bytes()) };
    let params = spec::check(route.method, route.template, raw?)?;
    let method = Method::from_bytes(method.as_bytes()).unwrap_or(Method::GET);
    let reply = execute(app, &account, route.handler, path_id, path, &params, None, &method, "req_direct");
    if reply.status.is_success() {
        Ok(reply.body)
    } else {
        let message = reply.body.pointer("/error/message").and_then(Value::as_str).unwrap_or("request failed");
        Err(ApiError { status: reply.status, ..ApiError::invalid(message) })
    }
}

/// Checks the API key and returns the account the request acts on.
fn authenticate(app: &App, headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(key) = api_key(headers) else {
        return Err(ApiError::unauthorized(
            "You did not provide an API key. You need to provide your API key in the Authorization header, using \
             Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication \
             for details, or we can help at https://support.stripe.com/.",
        ));
    };
    if key.starts_with("sk_live_") || key.starts_with("rk_live_") {
        return Err(ApiError::unauthorized(
            "This is the stripe-catalog sandbox, a local test mode emulator: it refuses live mode keys \
             (sk_live_/rk_live_). Use a test mode key such as sk_test_sandbox; nothing is ever sent to Stripe.",
        ));
    }
    if key.starts_with("pk_") {
        return Err(ApiError::unauthorized(
            "This API call cannot be made with a publishable API key. Please use a secret API key (sk_test_...).",
        ));
    }
    let valid = ["sk_test_", "rk_test_"].iter().any(|prefix| {
        key.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|byte| byte.is_ascii_graphic()))
    });
    if !valid {
        return Err(ApiError::unauthorized(format!("Invalid API Key provided: {}", mask(&key))));
    }
    let platform = app.store().platform_account.clone();
    match headers.get("stripe-account").map(|value| value.to_str().map(str::trim)) {
        None => Ok(platform),
        Some(Ok(account)) if account.starts_with("acct_") && account.len() > 5 => Ok(account.to_string()),
        Some(_) => Err(ApiError::invalid("The Stripe-Account header must name a connected account ID (acct_...).")
            .status(StatusCode::FORBIDDEN)),
    }
}

/// The key from `Authorization: Bearer KEY` or HTTP Basic (`KEY:` as user and empty password).
fn api_key(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("authorization")?.to_str().ok()?.trim();
    let (scheme, credentials) = value.split_once(' ')?;
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        return Some(credentials.to_string());
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = String::from_utf8(decode_base64(credentials)?).ok()?;
        let user = decoded.split_once(':').map_or(decoded.as_str(), |(user, _)| user);
        return Some(user.to_string());
    }
    None
}

/// Shows only the start of a rejected key, never the whole secret.
fn mask(key: &str) -> String {
    let visible: String = key.chars().take(8).collect();
    format!("{visible}********")
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |byte: u8| match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for byte in text.bytes().filter(|byte| *byte != b'=') {
        bits = (bits << 6) | u32::from(value(byte)?);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).ok()?);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// Unix seconds.
pub(crate) fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    use super::{api_key, decode_base64};

    #[test]
    fn reads_bearer_and_basic_keys() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Bearer sk_test_abc".parse().unwrap());
        assert_eq!(api_key(&headers).as_deref(), Some("sk_test_abc"));
        // `curl -u sk_test_x:`
        headers.insert("authorization", "Basic c2tfdGVzdF94Og==".parse().unwrap());
        assert_eq!(api_key(&headers).as_deref(), Some("sk_test_x"));
        assert_eq!(decode_base64("aGVsbG8").unwrap(), b"hello");
    }
}
