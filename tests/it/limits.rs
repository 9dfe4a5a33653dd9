//! Issue #13 "Limits": against a sandbox enforcing Stripe's live limits (100 requests/s in all,
//! 25 per endpoint, https://docs.stripe.com/rate-limits), `apply` at the live default of 80/s
//! keeps every endpoint under its own limit and uses different endpoints side by side. What
//! is asserted is counted by the sandbox (its requests per endpoint and per one-second window),
//! never timed by the test.

use std::time::Duration;

use stripe_catalog::gateway::{self, ENDPOINT_INTERVAL};
use stripe_catalog::objects::Interval;
use stripe_catalog::plan::Change;
use stripe_catalog::secret::Secret;
use stripe_catalog::settings::{DEFAULT_LIVE_RPS, StripeSettings};
use stripe_sandbox::{RateLimits, SANDBOX_API_KEY, SandboxBuilder};

use crate::plan_apply::{World, catalog, fields, price, product};

const NEW_PRICES: usize = 200;
const RENAMED: usize = 20;

/// 200 price creates for one product and 20 product updates in one apply: no 429 is answered
/// (so none can reach the user), no endpoint gets more than Stripe's 25 requests in any
/// one-second window the sandbox counted, and the product updates run beside the price
/// creates instead of queueing behind them.
#[tokio::test]
async fn two_hundred_creates_stay_under_each_endpoints_limit_beside_other_writes() {
    let builder = SandboxBuilder::new().rate_limits(Some(RateLimits::LIVE)).latency(Duration::from_millis(5));
    let mut world = World::on(builder).await;
    let mut settings =
        StripeSettings::remote(Secret::new(SANDBOX_API_KEY), &world.sandbox.base_url()).expect("valid settings");
    // A live key's default pace; each endpoint gets one request per 42 ms whatever the global rate.
    settings.max_rps = DEFAULT_LIVE_RPS;
    world.gateway = gateway::connect(&settings).expect("connect");
    assert_eq!(ENDPOINT_INTERVAL, Duration::from_millis(42));

    let names: Vec<String> = (0..RENAMED).map(|index| format!("other_{index:02}")).collect();
    let before = catalog(
        std::iter::once(product("aaa", None, Vec::new()))
            .chain(names.iter().map(|name| product(name, None, Vec::new())))
            .collect(),
    );
    world.apply(&before).await;

    let mut after = before.clone();
    after.products[0].prices =
        (0..NEW_PRICES).map(|index| price(&format!("aaa_{index:03}"), 100 + index as i64, Interval::Month)).collect();
    for desired in &mut after.products[1..] {
        desired.fields = fields(&format!("{} renamed", desired.id));
    }
    let plan = world.plan(&after).await;
    let creates = plan.actions.iter().filter(|action| matches!(action.change, Change::CreatePrice { .. })).count();
    let updates = plan.actions.iter().filter(|action| matches!(action.change, Change::UpdateProduct { .. })).count();
    assert_eq!((creates, updates, plan.actions.len()), (NEW_PRICES, RENAMED, NEW_PRICES + RENAMED));
    // The plan lists the first product's price creates before every other product's update,
    // so a scheduler that took ready actions in plan order would start the updates last.
    let first_update = plan.actions.iter().position(|action| matches!(action.change, Change::UpdateProduct { .. }));
    assert_eq!(first_update, Some(NEW_PRICES));
    world.sandbox.reset_counters();

    let outcome = world.execute(&plan).await;

    assert!(outcome.succeeded(), "{outcome:?}");
    let sandbox = &world.sandbox;
    // Every request was answered the first time: no 429 at all, so none surfaced.
    assert_eq!(sandbox.request_count("POST", "/v1/prices"), NEW_PRICES as u64);
    assert_eq!(sandbox.request_count("POST", "/v1/products/{id}"), RENAMED as u64);
    assert_eq!(sandbox.total_requests(), (NEW_PRICES + RENAMED) as u64);
    assert_eq!(world.gateway.stats().retries, 0);
    let prices = sandbox.admitted_per_second("POST", "/v1/prices");
    let products = sandbox.admitted_per_second("POST", "/v1/products/{id}");
    let busiest = |windows: &[(u64, u64)]| windows.iter().map(|(_, count)| *count).max().unwrap_or(0);
    assert!(busiest(&prices) <= 25, "POST /v1/prices above Stripe's 25/s: {prices:?}");
    assert!(busiest(&products) <= 25, "POST /v1/products/{{id}} above Stripe's 25/s: {products:?}");
    assert_eq!(prices.iter().map(|(_, count)| count).sum::<u64>(), NEW_PRICES as u64);
    // 200 creates 42 ms apart span eight seconds; the 20 updates (as fast) are all done within
    // the first two seconds of it rather than after the creates.
    let (first_price_second, last_price_second) = (prices[0].0, prices[prices.len() - 1].0);
    let last_update_second = products[products.len() - 1].0;
    assert!(last_price_second >= first_price_second + 7, "{prices:?}");
    assert!(last_update_second <= first_price_second + 2, "updates waited for the creates: {products:?} vs {prices:?}");
}
