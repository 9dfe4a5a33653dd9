//! The HTTP transport under async-stripe: a pooled `reqwest` client (keep-alive, HTTP/2 where
//! the server offers it) instead of async-stripe's own, which never reuses a connection.
//!
//! Every request passes through [`Transport::send`], which adds the headers Stripe expects,
//! waits for the client-side rate limiter, retries what is safe to retry with the same
//! idempotency key, counts attempts per endpoint, and keeps Stripe's `Request-Id`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, header};
use rand::Rng;
use serde::Deserialize;
use stripe_client_core::{
    CustomizedStripeRequest, RequestBuilder, RequestStrategy, StripeClient, StripeClientErr, StripeMethod,
};

use super::limiter::{ClientRateLimiter, LimitedBy};
use crate::secret::Secret;
use crate::settings::StripeSettings;

/// Cheap to clone: async-stripe's paginator clones its client per stream.
#[derive(Clone)]
pub(crate) struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    api_base: String,
    headers: HeaderMap,
    /// Kept only to scrub it from error messages a server might echo it in.
    api_key: Secret,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    limiter: ClientRateLimiter,
    stats: Mutex<RequestStats>,
    /// Writes are refused before anything is sent ([`StripeSettings::read_only`]).
    read_only: bool,
}

/// A successful response.
pub(crate) struct Reply {
    pub body: Bytes,
    pub request_id: Option<String>,
    /// Stripe answered from its idempotency store (`Idempotent-Replayed: true`): the body is
    /// the response to the key's first request, which may describe an object that has since
    /// changed or gone (docs.stripe.com/api/idempotent_requests).
    pub replayed: bool,
}

/// Requests made so far, for benchmarks and tests. Every attempt counts, retries included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestStats {
    /// HTTP requests sent (attempts, including retries).
    pub attempts: u64,
    /// Attempts that were retries of an earlier failed attempt.
    pub retries: u64,
    /// Attempts the client-side rate limiter held back: when these keep coming, the limit
    /// (`--max-rps`) rather than Stripe's answers sets the pace.
    pub throttled: u64,
    /// Attempts per endpoint, keyed like `GET /v1/prices` or `POST /v1/prices/{price}` (path
    /// parameters named as in Stripe's OpenAPI spec).
    pub by_endpoint: BTreeMap<String, u64>,
}

/// Why a request failed, as the transport saw it. The gateway adds which object it concerned.
#[derive(Debug)]
pub(crate) enum TransportError {
    /// Stripe answered with an error.
    Api(StripeApiError),
    /// No usable answer: connection refused or dropped, timeout, unreadable body.
    Network { message: String, attempts: u32 },
    /// The answer did not have the shape async-stripe expects.
    Decode(String),
    /// A write from a command resolved as read-only: refused unsent, since such a command
    /// never passed the live-mode consent check. Only a bug in the tool gets here.
    ReadOnly { endpoint: String },
}

/// Stripe's error object plus what the HTTP layer knew.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StripeApiError {
    pub status: u16,
    pub error_type: String,
    pub code: Option<String>,
    pub param: Option<String>,
    pub message: Option<String>,
    pub doc_url: Option<String>,
    pub request_id: Option<String>,
    /// Attempts made before giving up (1 when not retried).
    pub attempts: u32,
}

impl StripeClientErr for TransportError {
    fn deserialize_err(msg: impl std::fmt::Display) -> Self {
        TransportError::Decode(msg.to_string())
    }
}

const USER_AGENT: &str = concat!("stripe-catalog/", env!("CARGO_PKG_VERSION"), " (async-stripe 1.0.0-rc.10; reqwest)");

impl Transport {
    /// Builds the pooled client.
    ///
    /// # Errors
    /// When a header value is invalid (a key or account id with characters HTTP refuses) or
    /// the TLS setup fails.
    pub(crate) fn new(api_base: &str, api_key: &Secret, settings: &StripeSettings) -> Result<Transport, String> {
        let mut headers = HeaderMap::new();
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", api_key.expose()))
            .map_err(|_| "the API key contains characters that cannot be sent in an HTTP header".to_string())?;
        auth.set_sensitive(true);
        headers.insert(header::AUTHORIZATION, auth);
        headers.insert("stripe-version", HeaderValue::from_static(stripe_client_core::VERSION.as_str()));
        if let Some(account) = &settings.stripe_account {
            let value = HeaderValue::from_str(account)
                .map_err(|_| format!("`{account}` cannot be sent as `Stripe-Account`"))?;
            headers.insert("stripe-account", value);
        }
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .pool_idle_timeout(Duration::from_secs(90))
            .tcp_nodelay(true)
            .connect_timeout(Duration::from_secs(10))
            .timeout(settings.request_timeout)
            .build()
            .map_err(|err| format!("could not set up the HTTP client: {err}"))?;
        Ok(Transport {
            inner: Arc::new(Inner {
                http,
                api_base: api_base.trim_end_matches('/').to_string(),
                headers,
                api_key: api_key.clone(),
                max_retries: settings.max_retries,
                retry_base_delay: settings.retry_base_delay,
                retry_max_delay: settings.retry_max_delay,
                limiter: ClientRateLimiter::new(settings.max_rps),
                stats: Mutex::new(RequestStats::default()),
                read_only: settings.read_only,
            }),
        })
    }

    /// A snapshot of the request counters.
    pub(crate) fn stats(&self) -> RequestStats {
        self.inner.stats.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// [`RequestStats::throttled`] alone, without copying the per-endpoint counts.
    pub(crate) fn throttled(&self) -> u64 {
        self.inner.stats.lock().unwrap_or_else(PoisonError::into_inner).throttled
    }

    /// The client-side limit, requests per second.
    pub(crate) fn max_rps(&self) -> u32 {
        self.inner.limiter.rps()
    }

    /// Reserves the next slot of `endpoint` (`POST /v1/prices`) if a request to it would leave
    /// at once, or says how long until one would ([`ClientRateLimiter::try_reserve`]).
    pub(crate) fn try_reserve(&self, endpoint: &str) -> Result<(), Duration> {
        self.inner.limiter.try_reserve(endpoint)
    }

    /// Sends one API request, retrying per Stripe's rules. A POST always carries an
    /// idempotency key (the caller's, or a fresh random one), the same on every attempt, so a
    /// retry after a lost response can never create twice.
    pub(crate) async fn send(
        &self,
        request: RequestBuilder,
        idempotency_key: Option<&str>,
    ) -> Result<Reply, TransportError> {
        let inner = &*self.inner;
        let mut url = format!("{}/v1{}", inner.api_base, request.path);
        if let Some(query) = request.query.as_deref().filter(|query| !query.is_empty()) {
            url.push('?');
            url.push_str(query);
        }
        let method = match request.method {
            StripeMethod::Get => reqwest::Method::GET,
            StripeMethod::Post => reqwest::Method::POST,
            StripeMethod::Delete => reqwest::Method::DELETE,
        };
        let endpoint = format!("{method} {}", path_template(&request.path));
        if inner.read_only && method != reqwest::Method::GET {
            return Err(TransportError::ReadOnly { endpoint });
        }
        let is_post = matches!(request.method, StripeMethod::Post);
        let idempotency_key = match (is_post, idempotency_key) {
            (true, Some(key)) => Some(key.to_string()),
            (true, None) => Some(random_idempotency_key()),
            _ => None,
        };
        let body = request.body.unwrap_or_default();

        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let waited = inner.limiter.acquire(&endpoint).await;
            inner.count(&endpoint, attempt > 1, waited);

            let mut builder = inner.http.request(method.clone(), &url).headers(inner.headers.clone());
            if let Some(key) = &idempotency_key {
                builder = builder.header("idempotency-key", key);
            }
            if is_post || !body.is_empty() {
                builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(body.clone());
            }

            let outcome = match builder.send().await {
                Ok(response) => read_response(response, &inner.api_key).await,
                Err(err) => Err(Failure::Network(describe_reqwest_error(&err))),
            };
            let failure = match outcome {
                Ok(reply) => return Ok(reply),
                Err(failure) => failure,
            };
            if let Failure::Api { error, limited_by: Some(by), .. } = &failure
                && error.status == 429
            {
                inner.limiter.limited(&endpoint, *by);
            }
            let retry = attempt <= inner.max_retries && failure.is_retryable();
            if !retry {
                return Err(failure.into_error(attempt));
            }
            tokio::time::sleep(inner.backoff(attempt)).await;
        }
    }
}

impl Inner {
    fn count(&self, endpoint: &str, is_retry: bool, throttled: bool) {
        let mut stats = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        stats.attempts += 1;
        if is_retry {
            stats.retries += 1;
        }
        if throttled {
            stats.throttled += 1;
        }
        *stats.by_endpoint.entry(endpoint.to_string()).or_default() += 1;
    }

    /// Exponential backoff with jitter: base × 2^(n-1), capped, then scaled by ½..1 so that
    /// clients failing together do not retry together.
    fn backoff(&self, failed_attempts: u32) -> Duration {
        let exponent = failed_attempts.saturating_sub(1).min(20);
        let delay = self.retry_base_delay.saturating_mul(1 << exponent).min(self.retry_max_delay);
        delay.mul_f64(rand::rng().random_range(0.5..=1.0))
    }
}

/// What one attempt ended with, before deciding whether to retry.
enum Failure {
    /// `limited_by`: on a 429 for a rate limit (not a `lock_timeout`), which limit it named.
    Api {
        error: StripeApiError,
        should_retry: Option<bool>,
        limited_by: Option<LimitedBy>,
    },
    Network(String),
}

impl Failure {
    /// Stripe's rules (stripe-api.md §5): `Stripe-Should-Retry` decides when present;
    /// otherwise 409, 429 and 5xx are retried, other errors are final. Connection errors are
    /// retried too: the idempotency key makes a repeated POST safe.
    fn is_retryable(&self) -> bool {
        match self {
            Failure::Network(_) => true,
            Failure::Api { should_retry: Some(decided), .. } => *decided,
            Failure::Api { error, should_retry: None, .. } => matches!(error.status, 409 | 429 | 500..=599),
        }
    }

    fn into_error(self, attempts: u32) -> TransportError {
        match self {
            Failure::Api { mut error, .. } => {
                error.attempts = attempts;
                TransportError::Api(error)
            }
            Failure::Network(message) => TransportError::Network { message, attempts },
        }
    }
}

async fn read_response(response: reqwest::Response, api_key: &Secret) -> Result<Reply, Failure> {
    let status = response.status();
    let header_text =
        |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_string);
    let request_id = header_text("request-id");
    let replayed = header_text("idempotent-replayed").is_some_and(|value| value.trim() == "true");
    let should_retry = header_text("stripe-should-retry").and_then(|value| match value.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    });
    // A response cut off mid-body is a connection error: the write may have happened, so
    // it is retried with the same idempotency key like any other lost response.
    let rate_limited_reason = header_text("stripe-rate-limited-reason");
    let body = response.bytes().await.map_err(|err| Failure::Network(describe_reqwest_error(&err)))?;
    if status.is_success() {
        return Ok(Reply { body, request_id, replayed });
    }
    let mut error = parse_api_error(status.as_u16(), &body, request_id);
    // Stripe masks keys in its messages ("Invalid API Key provided: sk_test_****1234"); a
    // proxy or emulator might not.
    if let Some(message) = &mut error.message
        && !api_key.expose().is_empty()
        && message.contains(api_key.expose())
    {
        *message = message.replace(api_key.expose(), &api_key.to_string());
    }
    // A `lock_timeout` is a 429 too, but about one object, not a rate: it slows nothing.
    let limited_by = (status.as_u16() == 429 && error.code.as_deref() != Some("lock_timeout"))
        .then(|| LimitedBy::from_header(rate_limited_reason.as_deref()));
    Err(Failure::Api { error, should_retry, limited_by })
}

/// Stripe's `{"error": {...}}`, read with serde rather than async-stripe's `ApiErrors`, whose
/// `Display` dumps nested objects (client secrets included). A body that is not Stripe's
/// shape (a proxy's HTML page) keeps its status and says so.
fn parse_api_error(status: u16, body: &[u8], request_id: Option<String>) -> StripeApiError {
    #[derive(Deserialize)]
    struct Envelope {
        error: Body,
    }
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "type")]
        error_type: Option<String>,
        code: Option<String>,
        param: Option<String>,
        message: Option<String>,
        doc_url: Option<String>,
    }
    match serde_json::from_slice::<Envelope>(body) {
        Ok(Envelope { error }) => StripeApiError {
            status,
            error_type: error.error_type.unwrap_or_else(|| "api_error".to_string()),
            code: error.code,
            param: error.param,
            message: error.message,
            doc_url: error.doc_url,
            request_id,
            attempts: 1,
        },
        Err(_) => StripeApiError {
            status,
            error_type: "unknown".to_string(),
            message: Some(format!("the server answered HTTP {status} without a Stripe error body")),
            request_id,
            attempts: 1,
            ..StripeApiError::default()
        },
    }
}

/// What went wrong on the wire, in words: the kind of failure and the innermost cause
/// (reqwest's own Display is "error sending request"). Hosts carry no secrets, so they may be
/// shown; the key travels in a header and is never part of an error.
fn describe_reqwest_error(err: &reqwest::Error) -> String {
    let mut innermost: Option<String> = None;
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        innermost = Some(cause.to_string());
        source = cause.source();
    }
    let host =
        err.url().map(|url| format!("{}:{}", url.host_str().unwrap_or("?"), url.port_or_known_default().unwrap_or(0)));
    let cause = innermost.unwrap_or_else(|| "no details".to_string());
    if err.is_timeout() {
        "no answer in time (timed out)".to_string()
    } else if err.is_connect() {
        format!("could not connect to {}: {cause}", host.as_deref().unwrap_or("the server"))
    } else {
        format!("the connection failed: {cause}")
    }
}

fn random_idempotency_key() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    format!("stripe-catalog-{}", hex::encode(bytes))
}

/// `/prices/price_123` → `/v1/prices/{price}`: counts group by endpoint, not by object,
/// with the path parameters named as Stripe's OpenAPI spec (and the sandbox) name them.
pub(crate) fn path_template(path: &str) -> String {
    const NAMESPACES: &[&str] = &["checkout", "billing", "test_helpers"];
    const ACTIONS: &[&str] = &["search", "expire", "line_items"];
    let mut template = String::from("/v1");
    let mut collection: Option<&str> = None;
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        template.push('/');
        match collection {
            Some(name) if !ACTIONS.contains(&segment) => {
                template.push_str(match name {
                    "prices" => "{price}",
                    "sessions" => "{session}",
                    "payment_links" => "{payment_link}",
                    "payment_intents" => "{intent}",
                    "customers" => "{customer}",
                    _ => "{id}",
                });
                collection = None;
            }
            _ => {
                template.push_str(segment);
                collection = (!NAMESPACES.contains(&segment) && !ACTIONS.contains(&segment)).then_some(segment);
            }
        }
    }
    template
}

impl StripeClient for Transport {
    type Err = TransportError;

    /// async-stripe's entry point (used by its paginator). The caller's
    /// `RequestStrategy::Idempotent` key is honoured; the retry policy is always ours.
    async fn execute(&self, request: CustomizedStripeRequest) -> Result<Bytes, TransportError> {
        let (request, config) = request.into_pieces();
        let key = match config.request_strategy {
            Some(RequestStrategy::Idempotent(key)) => Some(key.into_inner()),
            _ => None,
        };
        self.send(request, key.as_deref()).await.map(|reply| reply.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the scheduler reserves under are the ones the transport limits under.
    #[test]
    fn write_endpoints_are_named_as_the_transport_names_them() {
        use crate::gateway::WriteEndpoint;
        let cases = [
            (WriteEndpoint::CreateProduct, "/products"),
            (WriteEndpoint::UpdateProduct, "/products/pro"),
            (WriteEndpoint::CreatePrice, "/prices"),
            (WriteEndpoint::UpdatePrice, "/prices/price_1"),
            (WriteEndpoint::CreateMeter, "/billing/meters"),
            (WriteEndpoint::UpdateMeter, "/billing/meters/mtr_1"),
            (WriteEndpoint::ReactivateMeter, "/billing/meters/mtr_1/reactivate"),
            (WriteEndpoint::DeactivateMeter, "/billing/meters/mtr_1/deactivate"),
        ];
        for (endpoint, path) in cases {
            assert_eq!(endpoint.name(), format!("POST {}", path_template(path)), "{endpoint:?}");
        }
    }

    #[test]
    fn path_templates_group_by_endpoint() {
        assert_eq!(path_template("/products"), "/v1/products");
        assert_eq!(path_template("/products/pro"), "/v1/products/{id}");
        assert_eq!(path_template("/prices/price_123"), "/v1/prices/{price}");
        assert_eq!(path_template("/account"), "/v1/account");
        assert_eq!(path_template("/checkout/sessions"), "/v1/checkout/sessions");
        assert_eq!(path_template("/checkout/sessions/cs_test_1/expire"), "/v1/checkout/sessions/{session}/expire");
        assert_eq!(path_template("/prices/search"), "/v1/prices/search");
    }

    #[test]
    fn retry_follows_stripe_should_retry_then_status() {
        let api = |status, should_retry| Failure::Api {
            error: StripeApiError { status, ..StripeApiError::default() },
            should_retry,
            limited_by: None,
        };
        assert!(api(500, None).is_retryable());
        assert!(api(503, None).is_retryable());
        assert!(api(429, None).is_retryable());
        assert!(api(409, None).is_retryable());
        assert!(!api(400, None).is_retryable());
        assert!(!api(404, None).is_retryable());
        assert!(!api(500, Some(false)).is_retryable());
        assert!(!api(429, Some(false)).is_retryable());
        assert!(api(400, Some(true)).is_retryable());
        assert!(Failure::Network("reset".into()).is_retryable());
    }

    #[test]
    fn backoff_doubles_from_the_base_with_jitter_and_a_cap() {
        let key = Secret::new("sk_test_x");
        let settings = StripeSettings::remote(key.clone(), "http://127.0.0.1:1").unwrap();
        assert_eq!(
            (settings.retry_base_delay, settings.retry_max_delay),
            (Duration::from_millis(500), Duration::from_secs(5))
        );
        let transport = Transport::new("http://127.0.0.1:1", &key, &settings).unwrap();
        for (attempt, full) in [(1, 500), (2, 1000), (3, 2000), (4, 4000), (5, 5000), (9, 5000)] {
            let delay = transport.inner.backoff(attempt);
            let full = Duration::from_millis(full);
            assert!(delay >= full / 2 && delay <= full, "attempt {attempt}: {delay:?} not in ½..1 × {full:?}");
        }
    }

    #[test]
    fn error_bodies_are_read_without_async_stripe() {
        let body = br#"{"error":{"type":"invalid_request_error","code":"resource_missing","param":"id","message":"No such price: 'price_x'"}}"#;
        let error = parse_api_error(404, body, Some("req_1".into()));
        assert_eq!(error.error_type, "invalid_request_error");
        assert_eq!(error.code.as_deref(), Some("resource_missing"));
        assert_eq!(error.param.as_deref(), Some("id"));
        assert_eq!(error.request_id.as_deref(), Some("req_1"));
        let html = parse_api_error(502, b"<html>bad gateway</html>", None);
        assert_eq!(html.status, 502);
        assert!(html.message.unwrap_or_default().contains("HTTP 502"));
    }
}
