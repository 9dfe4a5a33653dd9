//! The gateway over real HTTP: retries, idempotency, headers, error reporting and key
//! redaction. Edge cases the sandbox cannot produce use a small stub server in `stub`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use stripe_catalog::gateway::{self, Connection, GatewayErrorKind, NewProduct};
use stripe_catalog::objects::ProductFields;
use stripe_catalog::output::Printer;
use stripe_catalog::secret::Secret;
use stripe_catalog::settings::{OutputFormat, StripeSettings};

const STUB_KEY: &str = "sk_test_StubKeyThatMustNeverBePrinted";

/// Settings for a server at `base` with tiny backoff delays, so retries take milliseconds.
fn fast_settings(key: &str, base: &str) -> StripeSettings {
    let mut settings = StripeSettings::remote(Secret::new(key), base).expect("valid test settings");
    settings.retry_base_delay = Duration::from_millis(1);
    settings.retry_max_delay = Duration::from_millis(20);
    settings.max_rps = 1000;
    settings
}

async fn connect(settings: &StripeSettings) -> Connection {
    gateway::connect(settings, &Printer::plain(OutputFormat::Text)).await.expect("connect")
}

fn product_fields(name: &str) -> ProductFields {
    ProductFields {
        name: name.to_string(),
        description: None,
        active: true,
        metadata: Default::default(),
        tax_code: None,
        statement_descriptor: None,
        unit_label: None,
        url: None,
        images: Vec::new(),
        marketing_features: Vec::new(),
    }
}

/// A stub Stripe answering `POST /v1/products` from a script of responses and recording
/// every request's headers.
mod stub {
    use super::*;

    #[derive(Clone)]
    pub struct Reply {
        pub status: u16,
        pub should_retry: Option<&'static str>,
        pub body: String,
    }

    #[derive(Clone, Default)]
    pub struct Recorded {
        pub headers: Arc<Mutex<Vec<HeaderMap>>>,
    }

    pub fn product_json(id: &str) -> String {
        format!(
            r#"{{"id":"{id}","object":"product","active":true,"created":1,"updated":1,"images":[],"livemode":false,"marketing_features":[],"metadata":{{"stripe-catalog/managed":"true"}},"name":"Stub","type":"service"}}"#
        )
    }

    pub fn error_json(code: &str, message: &str) -> String {
        format!(r#"{{"error":{{"type":"api_error","code":"{code}","message":"{message}"}}}}"#)
    }

    /// Serves the script (the last reply repeats) and returns the base URL.
    pub async fn serve(script: Vec<Reply>) -> (String, Recorded) {
        let recorded = Recorded::default();
        let script = Arc::new(Mutex::new(script));
        let state = (recorded.clone(), script);
        let app = Router::new().route(
            "/v1/products",
            post(
                |axum::extract::State((recorded, script)): axum::extract::State<(Recorded, Arc<Mutex<Vec<Reply>>>)>,
                 headers: HeaderMap| async move {
                    let attempt = {
                        let mut all = recorded.headers.lock().unwrap();
                        all.push(headers);
                        all.len()
                    };
                    let reply = {
                        let script = script.lock().unwrap();
                        script[(attempt - 1).min(script.len() - 1)].clone()
                    };
                    let mut response_headers = HeaderMap::new();
                    response_headers.insert("request-id", format!("req_stub_{attempt}").parse().unwrap());
                    if let Some(value) = reply.should_retry {
                        response_headers.insert("stripe-should-retry", value.parse().unwrap());
                    }
                    (StatusCode::from_u16(reply.status).unwrap(), response_headers, reply.body).into_response()
                },
            ),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app.with_state(state)).await;
        });
        (base, recorded)
    }
}

#[tokio::test]
async fn stripe_should_retry_false_stops_at_the_first_attempt() {
    let (base, recorded) = stub::serve(vec![stub::Reply {
        status: 500,
        should_retry: Some("false"),
        body: stub::error_json("processing_error", "Something went wrong"),
    }])
    .await;
    let connection = connect(&fast_settings(STUB_KEY, &base)).await;
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let err = connection.gateway.create_product(&new, "key-1").await.unwrap_err();
    assert_eq!(recorded.headers.lock().unwrap().len(), 1, "Stripe-Should-Retry: false must not be retried");
    assert_eq!(connection.gateway.stats().attempts, 1);
    assert_eq!(err.status(), Some(500));
    let text = err.to_string();
    assert!(text.starts_with("Stripe refused to create product `pro`: Something went wrong"), "{text}");
    assert!(text.contains("HTTP 500 api_error (processing_error)"), "{text}");
    assert!(text.contains("request id: req_stub_1"), "{text}");
}

#[tokio::test]
async fn stripe_should_retry_true_retries_even_a_400_with_the_same_key() {
    let (base, recorded) = stub::serve(vec![
        stub::Reply { status: 400, should_retry: Some("true"), body: stub::error_json("lock_timeout", "busy") },
        stub::Reply { status: 500, should_retry: None, body: stub::error_json("api_error", "oops") },
        stub::Reply { status: 200, should_retry: None, body: stub::product_json("pro") },
    ])
    .await;
    let connection = connect(&fast_settings(STUB_KEY, &base)).await;
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let written = connection.gateway.create_product(&new, "create-pro-1").await.unwrap();
    assert_eq!(written.object.id, "pro");
    assert!(written.object.managed);
    assert_eq!(written.request_id.as_deref(), Some("req_stub_3"));
    let headers = recorded.headers.lock().unwrap();
    assert_eq!(headers.len(), 3);
    for attempt in headers.iter() {
        assert_eq!(attempt["idempotency-key"], "create-pro-1");
        assert_eq!(attempt["authorization"], format!("Bearer {STUB_KEY}").as_str());
        assert_eq!(attempt["stripe-version"], gateway::stripe_version());
    }
    let stats = connection.gateway.stats();
    assert_eq!((stats.attempts, stats.retries), (3, 2));
    assert_eq!(stats.by_endpoint.get("POST /v1/products"), Some(&3));
}

#[tokio::test]
async fn retries_are_bounded_by_max_retries() {
    let (base, recorded) =
        stub::serve(vec![stub::Reply { status: 503, should_retry: None, body: stub::error_json("api_error", "down") }])
            .await;
    let mut settings = fast_settings(STUB_KEY, &base);
    settings.max_retries = 2;
    let connection = connect(&settings).await;
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let err = connection.gateway.create_product(&new, "key").await.unwrap_err();
    assert_eq!(recorded.headers.lock().unwrap().len(), 3, "one attempt plus two retries");
    assert!(err.to_string().contains("gave up after 3 attempts"), "{err}");
}

#[tokio::test]
async fn the_connected_account_is_sent_on_every_request() {
    let (base, recorded) =
        stub::serve(vec![stub::Reply { status: 200, should_retry: None, body: stub::product_json("pro") }]).await;
    let mut settings = fast_settings(STUB_KEY, &base);
    settings.stripe_account = Some("acct_123".into());
    let connection = connect(&settings).await;
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    connection.gateway.create_product(&new, "key").await.unwrap();
    assert_eq!(recorded.headers.lock().unwrap()[0]["stripe-account"], "acct_123");
}

#[tokio::test]
async fn connection_errors_name_the_operation_and_never_the_key() {
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let mut settings = fast_settings(STUB_KEY, &base);
    settings.max_retries = 1;
    let connection = connect(&settings).await;
    let err = connection.gateway.read_state().await.unwrap_err();
    assert!(matches!(err.kind, GatewayErrorKind::Network { attempts: 2, .. }), "{err:?}");
    let text = format!("{err}\n{err:?}\n{settings:?}\n{:?}", connection.gateway);
    assert!(text.contains("could not list"), "{text}");
    assert!(!text.contains("StubKeyThatMustNeverBePrinted"), "{text}");
}

#[tokio::test]
async fn a_key_echoed_by_the_server_is_scrubbed_from_errors() {
    let (base, _) = stub::serve(vec![stub::Reply {
        status: 401,
        should_retry: None,
        body: stub::error_json("invalid_api_key", &format!("Invalid API Key provided: {STUB_KEY}")),
    }])
    .await;
    let connection = connect(&fast_settings(STUB_KEY, &base)).await;
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let err = connection.gateway.create_product(&new, "key").await.unwrap_err();
    let text = format!("{err}\n{err:?}");
    assert!(text.contains("Invalid API Key provided: sk_test_…(redacted)"), "{text}");
    assert!(!text.contains("StubKeyThatMustNeverBePrinted"), "{text}");
}
