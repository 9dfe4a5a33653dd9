//! Request counts pinned at the floor (issue #6): reading Stripe's state costs exactly one list
//! request per page of 100 products, active prices, archived prices and Billing Meters (issue
//! #14 item 4 added the meter list), over no more connections than the lists run side by side.
//! `plan` reads the account and all but the archived prices, whose count grows with every
//! replace: it looks up only the archived prices the catalog names (issue #13). Not
//! timed: `cargo bench --bench catalog` measures time; these tests make a regression in the
//! *number* of requests fail CI.

use std::time::Duration;

use stripe_catalog::catalog;
use stripe_catalog::gateway::{self, Gateway};
use stripe_catalog::plan::{Change, PlanInputs, plan_for};
use stripe_catalog::secret::Secret;
use stripe_catalog::settings::StripeSettings;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

/// Lists `read_state` runs side by side: products, active prices, archived prices, meters.
const CONCURRENT_LISTS: u64 = 4;

/// The shape of the seeded catalog, chosen so every page-count case occurs: a partial last
/// page (250 products: 3 pages), an exactly full last page (600 active prices: 6 pages, where
/// an off-by-one would ask for an empty 7th), and a small list (130 archived prices: 2 pages).
/// 100 meters fill one page exactly: an off-by-one would ask for an empty second.
const PRODUCTS: usize = 250;
const PRICES: usize = 730;
const ARCHIVED: usize = 130;
const METERS: usize = 100;

fn pages(objects: usize) -> u64 {
    // An empty list still takes one request to learn that it is empty.
    objects.div_ceil(100).max(1) as u64
}

/// Seeds `PRODUCTS` products holding `PRICES` prices (2 or 3 each), the first `ARCHIVED`
/// of them archived, and `METERS` meters, straight into the sandbox's store.
fn seed(sandbox: &RunningSandbox) {
    for meter in 0..METERS {
        let body = format!("display_name=Meter+{meter}&event_name=event_{meter:03}&default_aggregation[formula]=sum");
        sandbox.seed("POST", "/v1/billing/meters", &body).unwrap_or_else(|err| panic!("seed a meter: {err}"));
    }
    for product in 0..PRODUCTS {
        let body = format!("id=prod_{product:04}&name=Product+{product}");
        sandbox.seed("POST", "/v1/products", &body).unwrap_or_else(|err| panic!("seed a product: {err}"));
    }
    for price in 0..PRICES {
        let active = price >= ARCHIVED;
        let body = format!(
            "product=prod_{:04}&currency=usd&unit_amount={}&lookup_key=key_{price:04}&active={active}",
            price % PRODUCTS,
            100 + price
        );
        sandbox.seed("POST", "/v1/prices", &body).unwrap_or_else(|err| panic!("seed a price: {err}"));
    }
}

fn connect(sandbox: &RunningSandbox) -> Gateway {
    let mut settings =
        StripeSettings::remote(Secret::new(SANDBOX_API_KEY), &sandbox.base_url()).expect("valid sandbox settings");
    // The count is what is pinned here, not the pace: lift the client-side limiter.
    settings.max_rps = 10_000;
    gateway::connect(&settings).expect("connect to the sandbox")
}

#[tokio::test]
async fn reading_the_state_makes_exactly_the_minimum_list_requests() {
    // A little latency keeps the three lists in flight together, as over a real network, so
    // the connection count below is the one a real run sees.
    let sandbox = SandboxBuilder::new().latency(Duration::from_millis(5)).start().await.expect("the sandbox starts");
    seed(&sandbox);
    let gateway = connect(&sandbox);

    let state = gateway.read_state().await.expect("read the state");

    assert_eq!(state.products.len(), PRODUCTS);
    assert_eq!(state.prices.len(), PRICES);
    assert_eq!(state.prices.iter().filter(|price| !price.settings.active).count(), ARCHIVED);
    assert_eq!(state.meters.len(), METERS);
    let product_pages = pages(PRODUCTS);
    let price_pages = pages(PRICES - ARCHIVED) + pages(ARCHIVED);
    let meter_pages = pages(METERS);
    assert_eq!((product_pages, price_pages, meter_pages), (3, 8, 1), "the fixture's shape changed");
    assert_eq!(sandbox.request_count("GET", "/v1/products"), product_pages);
    assert_eq!(sandbox.request_count("GET", "/v1/prices"), price_pages);
    assert_eq!(sandbox.request_count("GET", "/v1/billing/meters"), meter_pages);
    let lists = product_pages + price_pages + meter_pages;
    assert_eq!(sandbox.total_requests(), lists, "no request besides the lists");
    let stats = gateway.stats();
    assert_eq!((stats.attempts, stats.retries), (lists, 0));
    let connections = sandbox.connections_accepted();
    assert!(
        (1..=CONCURRENT_LISTS).contains(&connections),
        "{connections} connections for {CONCURRENT_LISTS} concurrent lists: pages must reuse them"
    );
}

#[tokio::test]
async fn plan_reads_the_account_the_webhook_endpoints_and_everything_but_the_archived_prices() {
    let sandbox = SandboxBuilder::new().latency(Duration::from_millis(5)).start().await.expect("the sandbox starts");
    seed(&sandbox);
    let gateway = connect(&sandbox);
    // A catalog without products: the seeded objects are not managed, so the plan is empty,
    // and what it costs to make is what every plan costs at this size.
    let loaded = catalog::parse("catalog.yaml", b"version: 1\n").expect("an empty catalog");
    let inputs = PlanInputs { catalog_sha256: loaded.sha256, adopt: false, in_process_sandbox: false };

    let plan = plan_for(&gateway, &loaded.catalog, inputs).await.expect("plan");

    assert!(plan.is_empty());
    assert_eq!(sandbox.request_count("GET", "/v1/account"), 1);
    assert_eq!(sandbox.request_count("GET", "/v1/products"), pages(PRODUCTS));
    assert_eq!(sandbox.request_count("GET", "/v1/prices"), pages(PRICES - ARCHIVED));
    assert_eq!(sandbox.request_count("GET", "/v1/billing/meters"), pages(METERS));
    // Issue #12: webhook endpoints are read by every plan, even without a `webhooks:`
    // section, because a managed endpoint the catalog dropped must still be deleted: one
    // request (an account has at most 16 endpoints, Stripe's pages hold 100).
    assert_eq!(sandbox.request_count("GET", "/v1/webhook_endpoints"), 1);
    assert_eq!(sandbox.total_requests(), 1 + 3 + 6 + 1 + 1);
    // The account and the endpoints are read alongside the three lists.
    let connections = sandbox.connections_accepted();
    assert!((1..=CONCURRENT_LISTS + 2).contains(&connections), "{connections} connections");
}

/// issue 13 "Reads": 1,000 active prices over 334 products, then 10,000 archived ones (ten
/// years of monthly price changes): an unchanged plan costs 1 account read + ⌈334/100⌉ product
/// pages + ⌈1000/100⌉ active price pages = 15 requests, plus the one page of Billing Meters
/// (the meter list came with issue #14, after issue #13's count was written) and the one page
/// of webhook endpoints (issue #12, read by every plan): 17, with the history and without it
/// alike.
#[tokio::test]
async fn an_unchanged_plan_costs_the_same_with_ten_thousand_archived_prices() {
    use stripe_catalog::objects::Interval;

    use crate::plan_apply::{World, catalog, price, product};

    const PRODUCTS: usize = 334;
    const ACTIVE: usize = 1_000;
    const ARCHIVED: usize = 10_000;
    let intervals = [Interval::Month, Interval::Year, Interval::Week];
    let shop = catalog(
        (0..PRODUCTS)
            .map(|index| {
                let prices = (0..3)
                    .map(|slot| index * 3 + slot)
                    .filter(|&number| number < ACTIVE)
                    .map(|number| price(&format!("key_{number:04}"), 100 + number as i64, intervals[number % 3]))
                    .collect();
                product(&format!("prod_{index:03}"), None, prices)
            })
            .collect(),
    );
    assert_eq!(shop.products.iter().map(|product| product.prices.len()).sum::<usize>(), ACTIVE);
    let mut world = World::new().await;
    world.apply(&shop).await;
    let expected = 1 + pages(PRODUCTS) + pages(ACTIVE) + 1 + 1;
    assert_eq!(expected, 17);
    let plan_cost = |world: &World| {
        let sandbox = &world.sandbox;
        (
            sandbox.total_requests(),
            sandbox.request_count("GET", "/v1/prices"),
            sandbox.request_count("GET", "/v1/products"),
        )
    };

    world.sandbox.reset_counters();
    assert!(world.plan(&shop).await.is_empty(), "the applied catalog plans no changes");
    let without_history = plan_cost(&world);

    // The history: archived prices of the catalog's products, keys long since moved on.
    for number in 0..ARCHIVED {
        let body = format!(
            "product=prod_{:03}&currency=usd&unit_amount={}&recurring[interval]=month&active=false",
            number % PRODUCTS,
            10_000 + number
        );
        world.sandbox.seed("POST", "/v1/prices", &body).unwrap_or_else(|err| panic!("seed a price: {err}"));
    }
    world.sandbox.reset_counters();
    assert!(world.plan(&shop).await.is_empty(), "the history changes nothing");
    let with_history = plan_cost(&world);

    assert_eq!(without_history, (expected, pages(ACTIVE), pages(PRODUCTS)));
    assert_eq!(with_history, without_history);
}

/// issue 13: a catalog price archived in the Dashboard is found by one `lookup_keys` request
/// (10 keys per request) and reactivated; the rest of the history stays unread.
#[tokio::test]
async fn a_catalog_key_archived_in_the_dashboard_costs_one_lookup_request() {
    use stripe_catalog::objects::Interval;

    use crate::plan_apply::{World, catalog, price, product};

    let shop = catalog(vec![product(
        "pro",
        None,
        vec![price("pro_monthly", 2900, Interval::Month), price("pro_yearly", 29000, Interval::Year)],
    )]);
    let mut world = World::new().await;
    world.apply(&shop).await;
    let state = world.state().await;
    let monthly = state.prices.iter().find(|price| price.lookup_key.as_deref() == Some("pro_monthly")).expect("held");
    world.sandbox.seed("POST", &format!("/v1/prices/{}", monthly.id), "active=false").expect("archive it");
    for number in 0..150 {
        let body = format!("product=pro&currency=usd&unit_amount={}&active=false", 100 + number);
        world.sandbox.seed("POST", "/v1/prices", &body).expect("history");
    }
    world.sandbox.reset_counters();

    let plan = world.plan(&shop).await;

    let ids: Vec<&str> = plan.actions.iter().map(|action| action.id.as_str()).collect();
    assert_eq!(plan.actions.len(), 1, "{ids:?}");
    assert!(
        matches!(&plan.actions[0].change, Change::UpdatePrice { price, patch, .. } if *price == monthly.id && patch.active == Some(true)),
        "{:?}",
        plan.actions[0].change
    );
    // One page of active prices, one lookup of the missing key (beside the account, products,
    // meters and webhook endpoints).
    assert_eq!(world.sandbox.request_count("GET", "/v1/prices"), 2);
    assert_eq!(world.sandbox.total_requests(), 1 + 1 + 2 + 1 + 1);
}

/// issue 13: a plan that replaces a price reads that product's archived prices (one list,
/// paged at 100) for a price the revert rule could reuse, and no other product's.
#[tokio::test]
async fn a_replace_reads_only_its_products_archived_prices() {
    use stripe_catalog::objects::Interval;

    use crate::plan_apply::{World, catalog, price, product};

    let shop = |amount| {
        catalog(vec![
            product("basic", None, vec![price("basic_monthly", 900, Interval::Month)]),
            product("pro", None, vec![price("pro_monthly", amount, Interval::Month)]),
        ])
    };
    let mut world = World::new().await;
    world.apply(&shop(2900)).await;
    for (product, count) in [("pro", 130), ("basic", 400)] {
        for number in 0..count {
            let body = format!("product={product}&currency=usd&unit_amount={}&active=false", 100 + number);
            world.sandbox.seed("POST", "/v1/prices", &body).expect("history");
        }
    }
    world.sandbox.reset_counters();

    let plan = world.plan(&shop(3500)).await;

    assert!(plan.actions.iter().any(|action| matches!(&action.change, Change::CreatePrice { replaces: Some(_), .. })));
    // One page of active prices, then two pages of pro's 130 archived prices (basic's 400
    // are not read).
    assert_eq!(world.sandbox.request_count("GET", "/v1/prices"), 1 + pages(130));
    assert_eq!(world.sandbox.total_requests(), 1 + 1 + 1 + pages(130) + 1 + 1);
}

#[tokio::test]
async fn an_empty_account_costs_one_request_per_list() {
    let sandbox = SandboxBuilder::new().start().await.expect("the sandbox starts");
    let gateway = connect(&sandbox);

    let state = gateway.read_state().await.expect("read the state");

    assert!(state.products.is_empty() && state.prices.is_empty() && state.meters.is_empty());
    assert_eq!(sandbox.request_count("GET", "/v1/products"), 1);
    assert_eq!(sandbox.request_count("GET", "/v1/prices"), 2);
    assert_eq!(sandbox.request_count("GET", "/v1/billing/meters"), 1);
    assert_eq!(sandbox.total_requests(), CONCURRENT_LISTS);
}

/// issue 11 "The plan shows the impact": reading who pays the prices a plan replaces or
/// archives costs one `status=all` subscription list per such price, paged at 100, plus one
/// list of the account's active Payment Links, paged at 100, and nothing for other prices.
#[tokio::test]
async fn the_impact_reads_one_subscription_list_per_touched_price_and_one_link_list() {
    use stripe_catalog::objects::Interval;
    use stripe_catalog::plan::impact::attach;

    use crate::plan_apply::{World, catalog, price, product};

    const SUBSCRIPTIONS: usize = 150;
    const LINKS: usize = 101;
    let shop = || {
        catalog(vec![product(
            "pro",
            Some("pro_monthly"),
            vec![
                price("pro_monthly", 2900, Interval::Month),
                price("pro_yearly", 29000, Interval::Year),
                price("pro_weekly", 900, Interval::Week),
            ],
        )])
    };
    let mut world = World::new().await;
    world.apply(&shop()).await;
    let state = world.state().await;
    let id = |key: &str| {
        state.prices.iter().find(|price| price.lookup_key.as_deref() == Some(key)).expect("a price").id.clone()
    };
    let (monthly, yearly, weekly) = (id("pro_monthly"), id("pro_yearly"), id("pro_weekly"));
    let sandbox = &world.sandbox;
    let customer = sandbox.seed("POST", "/v1/customers", "email=many@example.com").expect("customer");
    let customer = customer["id"].as_str().expect("customer id").to_string();
    let card = sandbox
        .seed("POST", "/v1/payment_methods/pm_card_visa/attach", &format!("customer={customer}"))
        .expect("attach");
    let card = card["id"].as_str().expect("card id").to_string();
    for _ in 0..SUBSCRIPTIONS {
        let body = format!("customer={customer}&items[0][price]={monthly}&default_payment_method={card}");
        sandbox.seed("POST", "/v1/subscriptions", &body).expect("subscribe");
    }
    // Subscriptions on the weekly price, which the plan keeps: never read.
    let body = format!("customer={customer}&items[0][price]={weekly}&default_payment_method={card}");
    sandbox.seed("POST", "/v1/subscriptions", &body).expect("subscribe");
    for _ in 0..LINKS {
        let body = format!("line_items[0][price]={weekly}&line_items[0][quantity]=1");
        sandbox.seed("POST", "/v1/payment_links", &body).expect("a link");
    }

    // Monthly replaced, yearly archived, weekly kept.
    let mut changed = shop();
    changed.products[0].prices[0] = price("pro_monthly", 3500, Interval::Month);
    changed.products[0].prices.remove(1);
    let mut plan = world.plan(&changed).await;
    world.sandbox.reset_counters();
    attach(world.gateway(), &mut plan).await.expect("read the impact");

    let subscription_lists = pages(SUBSCRIPTIONS) + pages(0);
    assert_eq!(world.sandbox.request_count("GET", "/v1/subscriptions"), subscription_lists);
    assert_eq!(world.sandbox.request_count("GET", "/v1/payment_links"), pages(LINKS));
    assert_eq!(world.sandbox.total_requests(), subscription_lists + pages(LINKS));
    let impact = plan.impact.expect("the impact");
    assert_eq!(u64::from(impact.requests), subscription_lists + pages(LINKS));
    assert_eq!(impact.prices.keys().cloned().collect::<Vec<_>>(), {
        let mut touched = vec![monthly.clone(), yearly];
        touched.sort();
        touched
    });
    assert_eq!(impact.prices[&monthly].subscriptions.active, SUBSCRIPTIONS as u64);
    assert_eq!(impact.prices[&monthly].monthly_amount[0].minor, 2900 * SUBSCRIPTIONS as i64);
}
