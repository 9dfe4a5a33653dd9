//! The gateway over real HTTP: retries, idempotency, headers, error reporting and key
//! redaction. Edge cases the sandbox cannot produce use a small stub server in `stub`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use stripe_catalog::commands;
use stripe_catalog::gateway::{self, Gateway, GatewayErrorKind, NewProduct};
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

fn connect(settings: &StripeSettings) -> Gateway {
    gateway::connect(settings).expect("connect")
}

fn product_fields(name: &str) -> ProductFields {
    ProductFields::named(name)
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

/// A key that may not list Billing Meters (a restricted key made for Products and Prices):
/// a catalog without meters plans as before, with a note; one with meters is refused before any
/// write, saying which permission is missing (issue #14 item 4).
#[tokio::test]
async fn a_key_without_meter_access_plans_a_catalog_without_meters() {
    use axum::routing::get;
    let empty = || async { r#"{"object":"list","data":[],"has_more":false,"url":"/v1/x"}"# };
    let app = Router::new()
        .route("/v1/account", get(|| async { r#"{"id":"acct_stub","object":"account"}"# }))
        .route("/v1/products", get(empty))
        .route("/v1/prices", get(empty))
        // Every plan reads the webhook endpoints too (issue #12).
        .route("/v1/webhook_endpoints", get(empty))
        .route(
            "/v1/billing/meters",
            get(|| async {
                let body = r#"{"error":{"type":"invalid_request_error","message":"The provided key 'rk_test_***' does not have the required permissions for this endpoint."}}"#;
                (StatusCode::FORBIDDEN, body)
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let gateway = connect(&fast_settings("rk_test_StubRestrictedKey", &base));

    let (state, unreadable) = gateway.read_state_tolerant().await.expect("the other lists are read");
    assert!(state.meters.is_empty());
    let problem = unreadable.meters.expect("the meter list's refusal is kept");
    assert!(problem.contains("does not have the required permissions"), "{problem}");

    let plan_with = |yaml: &'static str| {
        let gateway = gateway.clone();
        async move {
            let loaded = stripe_catalog::catalog::parse("catalog.yaml", yaml.as_bytes()).expect("valid");
            let inputs = stripe_catalog::plan::PlanInputs {
                catalog_sha256: loaded.sha256.clone(),
                adopt: false,
                in_process_sandbox: false,
            };
            stripe_catalog::plan::plan_for(&gateway, &loaded.catalog, inputs).await
        }
    };
    let plan = plan_with("version: 1\nproducts:\n  - id: pro\n    name: Pro\n").await.expect("planned");
    assert_eq!(plan.actions.len(), 1);
    assert!(plan.notes.iter().any(|note| note.contains("Billing Meters were not read")), "{:?}", plan.notes);
    let refused = plan_with(
        "version: 1\nmeters:\n  - { key: calls, display_name: Calls, event_name: call, aggregation: count }\n",
    )
    .await
    .expect_err("a catalog with meters needs them read");
    assert!(
        refused.to_string().starts_with("cannot read the account's Billing Meters, which the catalog uses"),
        "{refused}"
    );
}

#[tokio::test]
async fn stripe_should_retry_false_stops_at_the_first_attempt() {
    let (base, recorded) = stub::serve(vec![stub::Reply {
        status: 500,
        should_retry: Some("false"),
        body: stub::error_json("processing_error", "Something went wrong"),
    }])
    .await;
    let gateway = connect(&fast_settings(STUB_KEY, &base));
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let err = gateway.create_product(&new, "key-1").await.unwrap_err();
    assert_eq!(recorded.headers.lock().unwrap().len(), 1, "Stripe-Should-Retry: false must not be retried");
    assert_eq!(gateway.stats().attempts, 1);
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
    let gateway = connect(&fast_settings(STUB_KEY, &base));
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let written = gateway.create_product(&new, "create-pro-1").await.unwrap();
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
    let stats = gateway.stats();
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
    let gateway = connect(&settings);
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let err = gateway.create_product(&new, "key").await.unwrap_err();
    assert_eq!(recorded.headers.lock().unwrap().len(), 3, "one attempt plus two retries");
    assert!(err.to_string().contains("gave up after 3 attempts"), "{err}");
}

#[tokio::test]
async fn the_connected_account_is_sent_on_every_request() {
    let (base, recorded) =
        stub::serve(vec![stub::Reply { status: 200, should_retry: None, body: stub::product_json("pro") }]).await;
    let mut settings = fast_settings(STUB_KEY, &base);
    settings.stripe_account = Some("acct_123".into());
    let gateway = connect(&settings);
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    gateway.create_product(&new, "key").await.unwrap();
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
    let gateway = connect(&settings);
    let err = gateway.read_state().await.unwrap_err();
    assert!(matches!(err.kind, GatewayErrorKind::Network { attempts: 2, .. }), "{err:?}");
    let text = format!("{err}\n{err:?}\n{settings:?}\n{:?}", gateway);
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
    let gateway = connect(&fast_settings(STUB_KEY, &base));
    let new = NewProduct { id: "pro".into(), fields: product_fields("Pro") };
    let err = gateway.create_product(&new, "key").await.unwrap_err();
    let text = format!("{err}\n{err:?}");
    assert!(text.contains("Invalid API Key provided: sk_test_…(redacted)"), "{text}");
    assert!(!text.contains("StubKeyThatMustNeverBePrinted"), "{text}");
}

// ---------------------------------------------------------------------------------------
// Against the real sandbox
// ---------------------------------------------------------------------------------------

mod against_sandbox {
    use std::collections::BTreeMap;

    use futures_util::StreamExt;
    use stripe_catalog::error::Hints;
    use stripe_catalog::gateway::{NewMeter, NewPrice};
    use stripe_catalog::money::{Currency, MinorAmount};
    use stripe_catalog::objects::{
        Aggregation, CurrencyOption, CustomUnitAmount, Interval, MetadataPatch, MeterTerms, Mode, PricePatch,
        PriceSettings, PriceTerms, Pricing, ProductPatch, Recurring, Round, TaxBehavior, Tier, TiersMode,
        TransformQuantity, UsageType,
    };
    use stripe_catalog::settings::StripeTarget;
    use stripe_sandbox::{Faults, RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

    use super::*;

    async fn sandbox(builder: SandboxBuilder) -> RunningSandbox {
        builder.start().await.expect("sandbox starts")
    }

    fn usd() -> Currency {
        Currency::parse("usd").unwrap()
    }

    fn eur() -> Currency {
        Currency::parse("eur").unwrap()
    }

    fn settings_for(sandbox: &RunningSandbox) -> StripeSettings {
        fast_settings(SANDBOX_API_KEY, &sandbox.base_url())
    }

    fn simple_price(product: &str, key: &str, unit_amount: i64) -> NewPrice {
        NewPrice {
            product: product.to_string(),
            key: key.to_string(),
            terms: PriceTerms {
                currency: usd(),
                pricing: Pricing::PerUnit { unit_amount: unit_amount.into() },
                recurring: None,
                transform_quantity: None,
            },
            settings: PriceSettings {
                active: true,
                nickname: None,
                metadata: BTreeMap::new(),
                tax_behavior: TaxBehavior::Unspecified,
                currency_options: BTreeMap::new(),
            },
            transfer_lookup_key: false,
        }
    }

    /// Creates `count` products and one price per product through the gateway, 8 at a time,
    /// each with its own idempotency key; panics on any error.
    async fn create_catalog(gateway: &gateway::Gateway, count: usize) {
        let products: Vec<_> = futures_util::stream::iter(0..count)
            .map(|index| async move {
                let new =
                    NewProduct { id: format!("prod_batch_{index}"), fields: product_fields(&format!("Batch {index}")) };
                gateway.create_product(&new, &format!("create-product-{index}")).await
            })
            .buffer_unordered(8)
            .collect()
            .await;
        for result in products {
            result.expect("product created");
        }
        let prices: Vec<_> = futures_util::stream::iter(0..count)
            .map(|index| async move {
                let new = simple_price(&format!("prod_batch_{index}"), &format!("batch_{index}"), 100 + index as i64);
                gateway.create_price(&new, &format!("create-price-{index}")).await
            })
            .buffer_unordered(8)
            .collect()
            .await;
        for result in prices {
            result.expect("price created");
        }
    }

    /// stripe-api.md §4 (pages of 100, `has_more`) and issue #3's cost rule: the whole state
    /// costs ceil(products/100) + ceil(active/100) + ceil(archived/100) list requests, over no
    /// more connections than the three lists read concurrently.
    #[tokio::test]
    async fn reading_250_products_and_730_prices_costs_the_minimum() {
        let sandbox = sandbox(SandboxBuilder::new()).await;
        for index in 0..250 {
            sandbox.seed("POST", "/v1/products", &format!("id=prod_read_{index}&name=Product+{index}")).unwrap();
        }
        let (active, archived) = (520, 210);
        for index in 0..active + archived {
            let product = format!("prod_read_{}", index % 250);
            let mut body =
                format!("product={product}&currency=usd&unit_amount={}&lookup_key=read_{index}", 100 + index);
            if index % 7 == 0 {
                body.push_str("&currency_options[eur][unit_amount]=90");
            }
            if index >= active {
                body.push_str("&active=false");
            }
            sandbox.seed("POST", "/v1/prices", &body).unwrap();
        }
        sandbox.reset_counters();

        let gateway = connect(&settings_for(&sandbox));
        let state = gateway.read_state().await.unwrap();

        assert_eq!(state.products.len(), 250);
        assert_eq!(state.prices.len(), active + archived);
        assert_eq!(state.prices.iter().filter(|price| !price.settings.active).count(), archived);
        let with_options =
            state.prices.iter().filter(|price| price.settings.currency_options.contains_key(&eur())).count();
        assert_eq!(with_options, (active + archived).div_ceil(7));
        // One page each for products, active and archived prices, and the (empty) meter list.
        let minimum = 250_u64.div_ceil(100) + (active as u64).div_ceil(100) + (archived as u64).div_ceil(100) + 1;
        assert_eq!(sandbox.request_count("GET", "/v1/products"), 3);
        assert_eq!(sandbox.request_count("GET", "/v1/prices"), minimum - 4);
        assert_eq!(sandbox.request_count("GET", "/v1/billing/meters"), 1);
        assert_eq!(sandbox.total_requests(), minimum);
        assert_eq!(gateway.stats().attempts, minimum);
        assert!(
            sandbox.connections_accepted() <= 4,
            "{} connections for 4 concurrent lists",
            sandbox.connections_accepted()
        );
    }

    /// stripe-api.md §5–§6: with 20% of requests answered 429 or 500, every create is retried
    /// until it succeeds, and each object exists exactly once.
    #[tokio::test]
    async fn with_injected_429s_and_500s_every_object_is_created_once() {
        let faults = Faults { rate_limit: 0.1, server_error: 0.1, seed: 3, ..Faults::default() };
        let sandbox = sandbox(SandboxBuilder::new().faults(faults)).await;
        let mut settings = settings_for(&sandbox);
        settings.max_retries = 12;
        let gateway = connect(&settings);
        create_catalog(&gateway, 40).await;

        assert_eq!(sandbox.object_count("products"), 40);
        assert_eq!(sandbox.object_count("prices"), 40);
        let stats = gateway.stats();
        assert!(stats.retries > 0, "the faults must have caused retries");
        assert_eq!(stats.attempts, 80 + stats.retries);
        assert_eq!(sandbox.total_requests(), stats.attempts);
    }

    /// stripe-api.md §6: a response lost after the write was committed is retried with the
    /// same idempotency key, and the sandbox replays the first result instead of creating
    /// again.
    #[tokio::test]
    async fn dropped_responses_are_retried_without_duplicates() {
        let faults = Faults { drop_after_commit: 0.3, seed: 11, ..Faults::default() };
        let sandbox = sandbox(SandboxBuilder::new().faults(faults)).await;
        let mut settings = settings_for(&sandbox);
        settings.max_retries = 12;
        let gateway = connect(&settings);
        create_catalog(&gateway, 30).await;

        assert_eq!(sandbox.object_count("products"), 30);
        assert_eq!(sandbox.object_count("prices"), 30);
        let stats = gateway.stats();
        assert!(stats.retries > 0, "dropped connections must have caused retries");
        assert_eq!(
            sandbox.request_count("POST", "/v1/products") + sandbox.request_count("POST", "/v1/prices"),
            stats.attempts
        );
        let state = gateway.read_state().await.unwrap();
        let mut keys: Vec<_> = state.prices.iter().filter_map(|price| price.lookup_key.clone()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 30);
    }

    /// stripe-api.md §7: the client-side limiter keeps a burst of writes under the sandbox's
    /// Stripe-like 25 requests/s, so no 429 reaches the caller even with retries off. The
    /// control run without the limiter shows the sandbox's limiter does bite.
    #[tokio::test]
    async fn the_client_rate_limit_keeps_under_stripes_limit() {
        let sandbox = sandbox(SandboxBuilder::new().rate_limit(Some(25))).await;
        let mut settings = settings_for(&sandbox);
        settings.max_retries = 0;
        settings.max_rps = 20;
        let gateway = connect(&settings);
        let results: Vec<_> = futures_util::stream::iter(0..50)
            .map(|index| {
                let gateway = gateway.clone();
                async move {
                    let new = NewProduct { id: format!("prod_rate_{index}"), fields: product_fields("Rate") };
                    gateway.create_product(&new, &format!("rate-{index}")).await
                }
            })
            .buffer_unordered(10)
            .collect()
            .await;
        let limited =
            results.iter().filter(|result| result.as_ref().is_err_and(|err| err.status() == Some(429))).count();
        assert_eq!(limited, 0, "the client limiter let a 429 through");
        assert!(results.iter().all(Result::is_ok));
        assert_eq!(gateway.stats().retries, 0);

        let mut unlimited = settings_for(&sandbox);
        unlimited.max_retries = 0;
        unlimited.max_rps = 100_000;
        let control = connect(&unlimited);
        let results: Vec<_> = futures_util::stream::iter(0..60)
            .map(|_| {
                let gateway = control.clone();
                async move { gateway.account().await }
            })
            .buffer_unordered(10)
            .collect()
            .await;
        assert!(results.iter().any(|result| result.as_ref().is_err_and(|err| err.status() == Some(429))));
    }

    fn full_product_fields() -> ProductFields {
        ProductFields {
            name: "Pro plan".into(),
            description: Some("Everything, & more: 100% [ok]".into()),
            active: true,
            metadata: [("team".to_string(), "billing".to_string()), ("tier".to_string(), "gold".to_string())].into(),
            tax_code: Some("txcd_10103001".into()),
            statement_descriptor: Some("PRO PLAN".into()),
            unit_label: Some("seat".into()),
            url: Some("https://example.com/pro?x=1".into()),
            images: vec!["https://example.com/a.png".into(), "https://example.com/b.png".into()],
            marketing_features: vec!["Fast".into(), "Unlimited seats".into()],
        }
    }

    fn settings(
        active: bool,
        tax_behavior: TaxBehavior,
        currency_options: BTreeMap<Currency, CurrencyOption>,
    ) -> PriceSettings {
        PriceSettings {
            active,
            nickname: Some("Nick name".into()),
            metadata: [("plan".to_string(), "pro".to_string())].into(),
            tax_behavior,
            currency_options,
        }
    }

    /// One price of each kind the catalog can describe; the metered one charges for `meter`
    /// (a Stripe meter id).
    fn every_price_kind(meter: &str) -> Vec<NewPrice> {
        let monthly =
            Recurring { interval: Interval::Month, interval_count: 1, usage_type: UsageType::Licensed, meter: None };
        let tiers = vec![
            Tier { up_to: Some(10), unit_amount: Some(1000.into()), flat_amount: None },
            Tier { up_to: Some(100), unit_amount: Some(800.into()), flat_amount: Some(500.into()) },
            Tier { up_to: None, unit_amount: Some(600.into()), flat_amount: None },
        ];
        let decimal = |text: &str| MinorAmount::parse(text).unwrap();
        let usage_tiers = |rest: &str| {
            vec![
                Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: Some(500.into()) },
                Tier { up_to: None, unit_amount: Some(decimal(rest)), flat_amount: None },
            ]
        };
        let monthly_again = monthly.clone();
        let untaxed = |pricing| CurrencyOption { pricing, tax_behavior: TaxBehavior::Unspecified };
        let eur_tiers = vec![
            Tier { up_to: Some(10), unit_amount: Some(900.into()), flat_amount: None },
            Tier { up_to: Some(100), unit_amount: Some(700.into()), flat_amount: Some(400.into()) },
            Tier { up_to: None, unit_amount: Some(500.into()), flat_amount: None },
        ];
        let price = |key: &str, pricing, recurring, transform_quantity, settings| NewPrice {
            product: "pro".into(),
            key: key.into(),
            terms: PriceTerms { currency: usd(), pricing, recurring, transform_quantity },
            settings,
            transfer_lookup_key: false,
        };
        vec![
            price(
                "per_unit_with_options",
                Pricing::PerUnit { unit_amount: 1999.into() },
                Some(Recurring {
                    interval: Interval::Year,
                    interval_count: 2,
                    usage_type: UsageType::Licensed,
                    meter: None,
                }),
                None,
                settings(
                    true,
                    TaxBehavior::Exclusive,
                    [(
                        eur(),
                        CurrencyOption {
                            pricing: Pricing::PerUnit { unit_amount: 1799.into() },
                            tax_behavior: TaxBehavior::Exclusive,
                        },
                    )]
                    .into(),
                ),
            ),
            price(
                "graduated",
                Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers: tiers.clone() },
                Some(monthly.clone()),
                None,
                settings(
                    true,
                    TaxBehavior::Inclusive,
                    [(
                        eur(),
                        CurrencyOption {
                            pricing: Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers: eur_tiers },
                            tax_behavior: TaxBehavior::Inclusive,
                        },
                    )]
                    .into(),
                ),
            ),
            price(
                "volume_metered",
                Pricing::Tiered { tiers_mode: TiersMode::Volume, tiers },
                Some(Recurring {
                    interval: Interval::Week,
                    interval_count: 3,
                    usage_type: UsageType::Metered,
                    meter: Some(meter.to_string()),
                }),
                None,
                settings(true, TaxBehavior::Unspecified, BTreeMap::new()),
            ),
            price(
                "customer_chooses",
                Pricing::CustomAmount(CustomUnitAmount {
                    minimum: Some(500),
                    maximum: Some(50_000),
                    preset: Some(2000),
                }),
                None,
                None,
                settings(true, TaxBehavior::Unspecified, BTreeMap::new()),
            ),
            price(
                "per_thousand",
                Pricing::PerUnit { unit_amount: 250.into() },
                Some(monthly),
                Some(TransformQuantity { divide_by: 1000, round: Round::Up }),
                settings(true, TaxBehavior::Unspecified, BTreeMap::new()),
            ),
            price(
                "fractional_archived",
                Pricing::PerUnit { unit_amount: decimal("12.5") },
                None,
                None,
                settings(false, TaxBehavior::Unspecified, BTreeMap::new()),
            ),
            // Issue #14 item 5: fractions of a cent per unit in tiers and currency options
            // (`unit_amount_decimal`), next to whole flat fees.
            price(
                "sub_cent_usage",
                Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers: usage_tiers("0.3") },
                Some(Recurring {
                    interval: Interval::Month,
                    interval_count: 1,
                    usage_type: UsageType::Licensed,
                    meter: None,
                }),
                None,
                settings(
                    true,
                    TaxBehavior::Unspecified,
                    [
                        (
                            eur(),
                            untaxed(Pricing::Tiered {
                                tiers_mode: TiersMode::Graduated,
                                tiers: usage_tiers("0.000000000001"),
                            }),
                        ),
                        (
                            Currency::parse("jpy").unwrap(),
                            untaxed(Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers: usage_tiers("0.5") }),
                        ),
                    ]
                    .into(),
                ),
            ),
            price(
                "sub_cent_per_unit",
                Pricing::PerUnit { unit_amount: decimal("0.05") },
                Some(monthly_again),
                None,
                settings(
                    true,
                    TaxBehavior::Unspecified,
                    [(eur(), untaxed(Pricing::PerUnit { unit_amount: decimal("4.125") }))].into(),
                ),
            ),
        ]
    }

    /// What goes out through the gateway comes back equal through `read_state`, for every
    /// field kind: the mapping in both directions is lossless.
    #[tokio::test]
    async fn every_field_kind_round_trips() {
        let sandbox = sandbox(SandboxBuilder::new()).await;
        let gateway = connect(&settings_for(&sandbox));
        let new_product = NewProduct { id: "pro".into(), fields: full_product_fields() };
        let written = gateway.create_product(&new_product, "rt-product").await.unwrap();
        assert_eq!(written.object.fields, new_product.fields);
        assert!(written.object.managed);
        assert!(written.request_id.as_deref().is_some_and(|id| id.starts_with("req_")), "{:?}", written.request_id);

        let meter = gateway.create_meter(&api_calls_meter(), "rt-meter").await.unwrap().object;
        let prices = every_price_kind(&meter.id);
        for price in &prices {
            let written = gateway.create_price(price, &format!("rt-{}", price.key)).await.unwrap();
            assert_eq!(written.object.terms, price.terms, "{}", price.key);
            assert_eq!(written.object.settings, price.settings, "{}", price.key);
        }

        let state = gateway.read_state().await.unwrap();
        assert_eq!(state.meters, [meter]);
        assert_eq!(state.products.len(), 1);
        assert_eq!(state.products[0].fields, new_product.fields);
        assert!(state.products[0].managed);
        for price in &prices {
            let remote = state.prices.iter().find(|remote| remote.lookup_key.as_deref() == Some(price.key.as_str()));
            let remote = remote.unwrap_or_else(|| panic!("{} not read back", price.key));
            assert_eq!(remote.terms, price.terms, "{}", price.key);
            assert_eq!(remote.settings, price.settings, "{}", price.key);
            assert_eq!(remote.product, "pro");
            assert!(remote.managed);
        }
    }

    fn api_calls_meter() -> NewMeter {
        NewMeter {
            display_name: "API calls".to_string(),
            terms: MeterTerms {
                event_name: "api_call".to_string(),
                aggregation: Aggregation::Sum,
                customer_mapping: "customer".to_string(),
                value_key: "calls".to_string(),
            },
        }
    }

    /// Billing Meters (issue #14 item 4): created with every setting, renamed, deactivated and
    /// reactivated, each answer read back as Stripe has it, and listed with the state.
    #[tokio::test]
    async fn meters_are_created_renamed_deactivated_and_reactivated() {
        let sandbox = sandbox(SandboxBuilder::new()).await;
        let gateway = connect(&settings_for(&sandbox));
        let created = gateway.create_meter(&api_calls_meter(), "m-create").await.unwrap();
        let meter = created.object;
        assert!(meter.id.starts_with("mtr_"), "{meter:?}");
        assert_eq!(
            (meter.display_name.as_str(), &meter.terms, meter.active),
            ("API calls", &api_calls_meter().terms, true)
        );
        assert!(created.request_id.as_deref().is_some_and(|id| id.starts_with("req_")), "{:?}", created.request_id);

        let renamed = gateway.rename_meter(&meter.id, "API requests", "m-rename").await.unwrap().object;
        assert_eq!((renamed.display_name.as_str(), &renamed.terms), ("API requests", &meter.terms));
        let off = gateway.set_meter_active(&meter.id, false, "m-off").await.unwrap().object;
        assert!(!off.active);
        assert_eq!(gateway.meter_by_id(&meter.id).await.unwrap().map(|found| found.active), Some(false));
        let listed = gateway.read_state().await.unwrap().meters;
        assert_eq!(listed, [off], "inactive meters are listed too");
        let on = gateway.set_meter_active(&meter.id, true, "m-on").await.unwrap().object;
        assert!(on.active);
        assert_eq!(gateway.meter_by_id("mtr_missing").await.unwrap(), None);
    }

    /// `Some(None)` unsets, an empty list clears, metadata keys are set and removed, and the
    /// default price moves: each update reads back as asked.
    #[tokio::test]
    async fn updates_set_and_unset_fields() {
        let sandbox = sandbox(SandboxBuilder::new()).await;
        let gateway = connect(&settings_for(&sandbox));
        gateway
            .create_product(&NewProduct { id: "pro".into(), fields: full_product_fields() }, "up-product")
            .await
            .unwrap();
        let price = gateway.create_price(&simple_price("pro", "pro_monthly", 1000), "up-price").await.unwrap().object;

        let patch = ProductPatch {
            name: Some("Pro 2".into()),
            description: Some(None),
            url: Some(None),
            images: Some(Vec::new()),
            marketing_features: Some(vec!["Only this".into()]),
            metadata: MetadataPatch {
                set: [("tier".to_string(), "platinum".to_string())].into(),
                unset: vec!["team".into()],
            },
            ..ProductPatch::default()
        };
        let product = gateway.update_product("pro", &patch, Some(&price.id), "up-1").await.unwrap().object;
        assert_eq!(product.fields.name, "Pro 2");
        assert_eq!(product.fields.description, None);
        assert_eq!(product.fields.url, None);
        assert!(product.fields.images.is_empty());
        assert_eq!(product.fields.marketing_features, vec!["Only this".to_string()]);
        assert_eq!(product.fields.metadata, [("tier".to_string(), "platinum".to_string())].into());
        assert_eq!(product.default_price.as_deref(), Some(price.id.as_str()));
        assert!(product.managed, "updates keep the marker");

        let patch = PricePatch {
            nickname: Some(Some("Monthly".into())),
            metadata: MetadataPatch { set: [("a".to_string(), "1".to_string())].into(), unset: Vec::new() },
            currency_options: Some(
                [(
                    eur(),
                    CurrencyOption {
                        pricing: Pricing::PerUnit { unit_amount: 900.into() },
                        tax_behavior: TaxBehavior::Unspecified,
                    },
                )]
                .into(),
            ),
            ..PricePatch::default()
        };
        let updated = gateway.update_price(&price.id, &patch, "up-2").await.unwrap().object;
        assert_eq!(updated.settings.nickname.as_deref(), Some("Monthly"));
        assert_eq!(updated.settings.currency_options.len(), 1);
        let state = gateway.read_state().await.unwrap();
        assert_eq!(state.prices[0].settings, updated.settings);

        // Empty lists and maps clear what is there.
        let cleared = PricePatch { currency_options: Some(BTreeMap::new()), ..PricePatch::default() };
        let cleared = gateway.update_price(&price.id, &cleared, "up-3").await.unwrap().object;
        assert!(cleared.settings.currency_options.is_empty());
        let cleared = ProductPatch { marketing_features: Some(Vec::new()), ..ProductPatch::default() };
        let cleared = gateway.update_product("pro", &cleared, None, "up-4").await.unwrap().object;
        assert!(cleared.fields.marketing_features.is_empty());
        assert_eq!(cleared.fields.name, "Pro 2", "fields not named are left alone");
    }

    /// stripe-api.md §5: Stripe's status, type, code, param, message and request id reach the
    /// caller, with the object concerned.
    #[tokio::test]
    async fn stripe_errors_carry_status_code_and_object() {
        let sandbox = sandbox(SandboxBuilder::new()).await;
        let gateway = connect(&settings_for(&sandbox));
        let err = gateway
            .update_price("price_missing", &PricePatch { active: Some(false), ..PricePatch::default() }, "k")
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
        assert_eq!(err.code(), Some("resource_missing"));
        let text = err.to_string();
        assert!(
            text.starts_with("Stripe refused to update price `price_missing`: No such price: 'price_missing'"),
            "{text}"
        );
        assert!(text.contains("HTTP 404 invalid_request_error (resource_missing)"), "{text}");
        assert!(text.contains("request id: req_"), "{text}");
    }

    /// A live key against the test-only sandbox is refused; the refusal never shows the key.
    #[tokio::test]
    async fn a_refused_key_never_appears_in_the_error() {
        let sandbox = sandbox(SandboxBuilder::new()).await;
        let settings = fast_settings("sk_live_fake_secret_must_not_leak", &sandbox.base_url());
        let gateway = connect(&settings);
        let err = gateway.account().await.unwrap_err();
        assert_eq!(err.status(), Some(401));
        assert!(err.hints().iter().any(|hint| hint.starts_with("check the API key")), "{:?}", err.hints());
        let text = format!("{err}\n{err:?}\n{settings:?}");
        assert!(!text.contains("fake_secret_must_not_leak"), "{text}");
    }

    /// `--sandbox`: an in-process sandbox whose state outlives the run.
    #[tokio::test]
    async fn the_sandbox_target_keeps_state_between_runs() {
        let directory = tempfile::tempdir().unwrap();
        let state_path = directory.path().join("state/sandbox.json");
        let mut settings = StripeSettings::remote(Secret::new(SANDBOX_API_KEY), "http://127.0.0.1:1").unwrap();
        settings.target = StripeTarget::Sandbox { state_path: state_path.clone() };
        settings.max_rps = 1000;
        let first = commands::connect(&settings, &Printer::captured(OutputFormat::Text)).await.expect("connect");
        assert_eq!(first.gateway.mode(), Mode::Test);
        assert!(!first.gateway.is_real_stripe());
        first
            .gateway
            .create_product(&NewProduct { id: "kept".into(), fields: product_fields("Kept") }, "k1")
            .await
            .unwrap();
        first.close().await;
        assert!(state_path.exists());

        let second = commands::connect(&settings, &Printer::captured(OutputFormat::Text)).await.expect("connect");
        let state = second.gateway.read_state().await.unwrap();
        assert_eq!(state.products.iter().map(|product| product.id.as_str()).collect::<Vec<_>>(), vec!["kept"]);
        assert!(second.gateway.account().await.unwrap().id.starts_with("acct_"));
    }
}

// ---------------------------------------------------------------------------------------
// Through the binary: where the key comes from, and what a bad one is told
// ---------------------------------------------------------------------------------------

mod binary {
    use std::path::Path;

    use crate::support::{Run, binary};

    /// `stripe-catalog payments list` (a command that talks to Stripe) in `dir`, with no
    /// connection settings from the environment except those given.
    fn payments_list(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = binary();
        command.current_dir(dir);
        command.env("NO_COLOR", "1").args(args).args(["payments", "list"]);
        for (name, value) in env {
            command.env(name, value);
        }
        Run::of(&mut command)
    }

    #[test]
    fn a_missing_key_says_how_to_provide_one() {
        let dir = tempfile::tempdir().unwrap();
        let Run { code, stderr, .. } = payments_list(dir.path(), &[], &[]);
        assert_eq!(code, Some(1));
        assert_eq!(
            stderr,
            "error: no Stripe API key: this command talks to Stripe\n\
             hint: pass `--api-key sk_test_…`, set `STRIPE_API_KEY`, or use `--api-key-file PATH`\n\
             hint: or try it without a Stripe account: `--sandbox` runs a local emulator\n"
        );
    }

    #[test]
    fn a_publishable_key_is_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let Run { code, stderr, .. } =
            payments_list(dir.path(), &[], &[("STRIPE_API_KEY", "pk_test_PublishableSecretPart")]);
        assert_eq!(code, Some(1));
        assert!(stderr.starts_with("error: the key in `STRIPE_API_KEY` is a publishable key (`pk_test_`)"), "{stderr}");
        assert!(stderr.contains("hint: use a secret key (`sk_test_…`"), "{stderr}");
        assert!(!stderr.contains("PublishableSecretPart"), "{stderr}");
    }

    #[test]
    fn a_malformed_key_is_refused_without_being_printed() {
        let dir = tempfile::tempdir().unwrap();
        let Run { code, stderr, .. } = payments_list(dir.path(), &["--api-key", "sk_tset_TypoedSecretPart"], &[]);
        assert_eq!(code, Some(1));
        assert!(stderr.starts_with("error: the key given with `--api-key` is not a Stripe API key"), "{stderr}");
        assert!(!stderr.contains("TypoedSecretPart"), "{stderr}");
    }

    #[test]
    fn the_key_file_is_read_and_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("key"), "  pk_live_FileSecretPart\n").unwrap();
        let Run { code, stderr, .. } =
            payments_list(dir.path(), &["--api-key-file", "key"], &[("STRIPE_API_KEY", "sk_test_ignored")]);
        assert_eq!(code, Some(1), "the file wins over the environment");
        assert!(stderr.starts_with("error: the key in `key` is a publishable key (`pk_live_`)"), "{stderr}");
        assert!(!stderr.contains("FileSecretPart"), "{stderr}");
        let Run { code, stderr, .. } = payments_list(dir.path(), &["--api-key-file", "missing"], &[]);
        assert_eq!(code, Some(1));
        assert!(stderr.starts_with("error: could not read the API key file `missing`"), "{stderr}");
    }

    #[test]
    fn sandbox_runs_say_so_and_need_no_key() {
        let dir = tempfile::tempdir().unwrap();
        let Run { code, stdout, stderr } = payments_list(dir.path(), &["--sandbox"], &[]);
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(stderr, "sandbox: local emulator, nothing is sent to Stripe\n");
        assert!(stdout.contains("No payments"), "{stdout}");
        let Run { code, stderr, .. } = payments_list(dir.path(), &["--sandbox", "--api-key", "sk_test_x"], &[]);
        assert_eq!(code, Some(1), "clap refuses the combination: a usage error, exit 1");
        assert!(stderr.contains("'--sandbox' cannot be used with '--api-key <KEY>'"), "{stderr}");
    }

    #[test]
    fn failures_come_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let args = ["--api-base", base.as_str(), "--api-key", "sk_test_abc", "--max-retries", "0"];
        let Run { code, stderr, .. } = payments_list(dir.path(), &args, &[]);
        assert_eq!(code, Some(1));
        assert!(stderr.starts_with("error: could not list payments: could not connect to 127.0.0.1:"), "{stderr}");
        assert!(
            stderr.ends_with(
                "hint: check the network connection, any proxy (`HTTPS_PROXY`), and `--api-base` / `STRIPE_API_BASE`\n"
            ),
            "{stderr}"
        );
    }
}
