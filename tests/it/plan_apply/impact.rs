//! Who pays the old price: a plan that replaces or archives prices reads the subscriptions on
//! them and the active Payment Links selling them (issue 11, "The plan shows the impact"), and
//! an unchanged catalog reads nothing more.

use stripe_catalog::objects::Interval;
use stripe_catalog::plan::impact::{LinkRef, MonthlyAmount, StatusCounts, attach};
use stripe_catalog::plan::render;

use super::{World, catalog, holder, price, printer, product};

fn shop() -> stripe_catalog::catalog::Catalog {
    catalog(vec![product(
        "pro",
        Some("pro_monthly"),
        vec![price("pro_monthly", 2900, Interval::Month), price("pro_yearly", 29000, Interval::Year)],
    )])
}

/// A customer paying with `pm_card_visa`, subscribed to `price` (`extra` adds form fields).
fn subscribe(world: &World, price: &str, extra: &str) -> serde_json::Value {
    let sandbox = &world.sandbox;
    let customer = sandbox.seed("POST", "/v1/customers", "email=payer@example.com").expect("a customer");
    let customer = customer["id"].as_str().expect("customer id").to_string();
    let method = sandbox
        .seed("POST", "/v1/payment_methods/pm_card_visa/attach", &format!("customer={customer}"))
        .expect("attach a card");
    let method = method["id"].as_str().expect("method id");
    sandbox
        .seed(
            "POST",
            "/v1/subscriptions",
            &format!("customer={customer}&items[0][price]={price}&default_payment_method={method}{extra}"),
        )
        .expect("subscribe")
}

/// A customer on a test clock subscribed to `price` with a card that then fails: the clock
/// passes the renewal, which fails, and the subscription is `past_due`. Returns its status.
fn past_due(world: &World, price: &str) -> String {
    const JAN_31_2026: i64 = 1_769_817_600;
    let sandbox = &world.sandbox;
    let clock = sandbox
        .seed("POST", "/v1/test_helpers/test_clocks", &format!("frozen_time={JAN_31_2026}"))
        .expect("a test clock");
    let clock = clock["id"].as_str().expect("clock id").to_string();
    let customer =
        sandbox.seed("POST", "/v1/customers", &format!("email=late@example.com&test_clock={clock}")).expect("customer");
    let customer = customer["id"].as_str().expect("customer id").to_string();
    let visa = sandbox
        .seed("POST", "/v1/payment_methods/pm_card_visa/attach", &format!("customer={customer}"))
        .expect("attach a card");
    let visa = visa["id"].as_str().expect("method id").to_string();
    sandbox
        .seed("POST", &format!("/v1/customers/{customer}"), &format!("invoice_settings[default_payment_method]={visa}"))
        .expect("default card");
    let subscription = sandbox
        .seed("POST", "/v1/subscriptions", &format!("customer={customer}&items[0][price]={price}"))
        .expect("subscribe");
    let subscription = subscription["id"].as_str().expect("subscription id").to_string();
    let failing = sandbox
        .seed("POST", "/v1/payment_methods/pm_card_chargeCustomerFail/attach", &format!("customer={customer}"))
        .expect("attach a failing card");
    let failing = failing["id"].as_str().expect("method id").to_string();
    sandbox
        .seed(
            "POST",
            &format!("/v1/customers/{customer}"),
            &format!("invoice_settings[default_payment_method]={failing}"),
        )
        .expect("default failing card");
    let month_later = JAN_31_2026 + 29 * 24 * 3600;
    sandbox
        .seed("POST", &format!("/v1/test_helpers/test_clocks/{clock}/advance"), &format!("frozen_time={month_later}"))
        .expect("advance the clock");
    let now = sandbox.seed("GET", &format!("/v1/subscriptions/{subscription}"), "").expect("the subscription");
    now["status"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_replace_and_an_archive_show_their_subscribers_and_payment_links() {
    let mut world = World::new().await;
    world.apply(&shop()).await;
    let state = world.state().await;
    let monthly = holder(&state, "pro_monthly").id.clone();
    let yearly = holder(&state, "pro_yearly").id.clone();
    assert_eq!(subscribe(&world, &monthly, "")["status"], "active");
    assert_eq!(subscribe(&world, &monthly, "&items[0][quantity]=2")["status"], "active");
    assert_eq!(subscribe(&world, &monthly, "&trial_period_days=7")["status"], "trialing");
    let canceled = subscribe(&world, &monthly, "");
    let canceled_id = canceled["id"].as_str().expect("subscription id");
    world.sandbox.seed("DELETE", &format!("/v1/subscriptions/{canceled_id}"), "").expect("cancel");
    assert_eq!(subscribe(&world, &yearly, "")["status"], "active");
    assert_eq!(past_due(&world, &monthly), "past_due");
    let link = world
        .sandbox
        .seed("POST", "/v1/payment_links", &format!("line_items[0][price]={yearly}&line_items[0][quantity]=1"))
        .expect("a payment link");
    let link = LinkRef {
        id: link["id"].as_str().expect("link id").to_string(),
        url: link["url"].as_str().expect("link url").to_string(),
    };

    // The monthly price is replaced (new amount), the yearly one archived (left the catalog).
    let changed = catalog(vec![product("pro", Some("pro_monthly"), vec![price("pro_monthly", 3500, Interval::Month)])]);
    let mut plan = world.plan(&changed).await;
    world.sandbox.reset_counters();
    attach(world.gateway(), &mut plan).await.expect("read the impact");

    // One subscription list per price (status=all), one list of active links for the account.
    assert_eq!(world.sandbox.request_count("GET", "/v1/subscriptions"), 2);
    assert_eq!(world.sandbox.request_count("GET", "/v1/payment_links"), 1);
    assert_eq!(world.sandbox.total_requests(), 3);
    let impact = plan.impact.clone().expect("the plan carries the impact");
    assert_eq!(impact.requests, 3);
    let on_monthly = &impact.prices[&monthly];
    assert_eq!(on_monthly.subscriptions, StatusCounts { active: 2, trialing: 1, past_due: 1 });
    assert_eq!(
        on_monthly.monthly_amount,
        vec![MonthlyAmount { currency: "usd".to_string(), minor: 5 * 2900, estimate: false }]
    );
    assert!(on_monthly.payment_links.is_empty());
    let on_yearly = &impact.prices[&yearly];
    assert_eq!(on_yearly.subscriptions, StatusCounts { active: 1, trialing: 0, past_due: 0 });
    // 290.00 a year is 24.1666… a month.
    assert_eq!(
        on_yearly.monthly_amount,
        vec![MonthlyAmount { currency: "usd".to_string(), minor: 2417, estimate: true }]
    );
    assert_eq!(on_yearly.payment_links, vec![link.clone()]);

    let text = render::text(&plan, &printer());
    assert!(text.contains("Reading the impact on subscribers and Payment Links cost 3 requests"), "{text}");
    assert!(
        text.contains(
            "subscribers: 2 active, 1 trialing, 1 past_due ($145.00 USD / month): 4 subscriptions keep paying the old price (on_replace: keep; archiving cancels no subscription)"
        ),
        "{text}"
    );
    assert!(text.contains("subscribers: 1 active (≈ $24.17 USD / month) keep paying the archived price"), "{text}");
    assert!(
        text.contains(&format!(
            "payment link {} ({}) sells it: it stops working once the price is archived",
            link.id, link.url
        )),
        "{text}"
    );

    let json = serde_json::to_value(render::document(&plan)).expect("json");
    let yearly_json = &json["impact"]["prices"][&yearly];
    assert_eq!(json["impact"]["requests"], 3);
    assert_eq!(yearly_json["subscriptions"], serde_json::json!({"active": 1, "trialing": 0, "past_due": 0}));
    assert_eq!(
        yearly_json["monthly_amount"],
        serde_json::json!([{"currency": "usd", "minor": 2417, "estimate": true}])
    );
    assert_eq!(yearly_json["payment_links"], serde_json::json!([{"id": link.id, "url": link.url}]));
    assert_eq!(json["impact"]["prices"][&monthly]["subscriptions"]["active"], 2);
}

#[tokio::test]
async fn an_unchanged_plan_reads_no_impact() {
    let mut world = World::new().await;
    world.apply(&shop()).await;
    let monthly = holder(&world.state().await, "pro_monthly").id.clone();
    subscribe(&world, &monthly, "");
    let mut plan = world.plan(&shop()).await;
    assert!(plan.is_empty());
    world.sandbox.reset_counters();
    attach(world.gateway(), &mut plan).await.expect("nothing to read");
    assert_eq!(world.sandbox.total_requests(), 0);
    assert_eq!(plan.impact, None);
    assert!(!render::text(&plan, &printer()).contains("impact"));
}
