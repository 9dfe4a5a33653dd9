//! Who pays the old price (issue 11): `on_replace: keep | migrate` and the revert rule, end to
//! end against the sandbox over real HTTP: customers subscribe through `checkout session` and
//! `sandbox pay`, the catalog changes, `apply` runs, and `sandbox advance` bills the renewals.

use serde_json::Value;

use crate::shop::{SUCCESS_URL, Shop, session_id};

/// A catalog with one product `team` and its monthly price `team-monthly` at `amount` dollars
/// (`interval` as given), with `on_replace` written on the price when given.
fn catalog(amount: u32, interval: &str, on_replace: Option<&str>) -> String {
    let on_replace = on_replace.map(|value| format!("        on_replace: {value}\n")).unwrap_or_default();
    format!(
        "version: 1\nproducts:\n  - id: team\n    name: Team\n    default_price: team-monthly\n    prices:\n      \
         - key: team-monthly\n        amount: {amount}\n        currency: usd\n        recurring:\n          \
         interval: {interval}\n{on_replace}"
    )
}

/// The shop with `catalog` applied.
fn apply(shop: &Shop, catalog: &str) -> crate::support::Run {
    shop.write_catalog(catalog);
    shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok()
}

/// A customer with `email` subscribes to `team-monthly` through a Checkout Session paid in the
/// sandbox; returns (customer, subscription) ids.
fn subscribe(shop: &Shop, email: &str) -> (String, String) {
    let args = ["checkout", "session", "--price", "team-monthly", "--email", email, "--success-url", SUCCESS_URL];
    let url = shop.run(&args).ok().stdout.trim().to_string();
    shop.run(&["sandbox", "pay", &url]).ok();
    let session = shop.session(&session_id(&url));
    let text = |field: &str| session[field].as_str().unwrap_or_else(|| panic!("no {field}: {session}")).to_string();
    (text("customer"), text("subscription"))
}

/// Makes `customer` pay with `pm_card_chargeCustomerFail` from now on: a Checkout-made
/// subscription pays with the session's card (its own `default_payment_method`), so the
/// failing card becomes the customer's and the subscription's default.
fn fail_payments(shop: &Shop, customer: &str, subscription: &str) {
    let method =
        shop.seed("POST", "/v1/payment_methods/pm_card_chargeCustomerFail/attach", &format!("customer={customer}"));
    let method = method["id"].as_str().unwrap_or_default().to_string();
    shop.seed(
        "POST",
        &format!("/v1/customers/{customer}"),
        &format!("invoice_settings[default_payment_method]={method}"),
    );
    shop.seed("POST", &format!("/v1/subscriptions/{subscription}"), &format!("default_payment_method={method}"));
}

fn subscription(shop: &Shop, id: &str) -> Value {
    shop.seed("GET", &format!("/v1/subscriptions/{id}"), "")
}

/// The price the subscription's only item is on.
fn item_price(shop: &Shop, id: &str) -> String {
    subscription(shop, id)["items"]["data"][0]["price"]["id"].as_str().unwrap_or_default().to_string()
}

/// The renewal invoices of `subscription` (`billing_reason: subscription_cycle`), newest first.
fn renewals(shop: &Shop, subscription: &str) -> Vec<Value> {
    let list = shop.seed("GET", &format!("/v1/invoices?subscription={subscription}&limit=100"), "");
    list["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|invoice| invoice["billing_reason"] == "subscription_cycle")
        .cloned()
        .collect()
}

/// The prices of product `team`, active and archived.
fn team_prices(shop: &Shop) -> Vec<Value> {
    ["true", "false"]
        .iter()
        .flat_map(|active| {
            let list = shop.seed("GET", &format!("/v1/prices?product=team&active={active}&limit=100"), "");
            list["data"].as_array().cloned().unwrap_or_default()
        })
        .collect()
}

fn price_with_key(shop: &Shop, key: &str) -> String {
    let list = shop.seed("GET", &format!("/v1/prices?lookup_keys[]={key}"), "");
    list["data"][0]["id"].as_str().unwrap_or_else(|| panic!("no price {key}: {list}")).to_string()
}

/// Three customers on `team-monthly` at $20, the third paying with a card that fails.
fn three_subscribers(shop: &Shop) -> [String; 3] {
    apply(shop, &catalog(20, "month", None));
    let (_, ann) = subscribe(shop, "ann@example.com");
    let (_, bob) = subscribe(shop, "bob@example.com");
    let (cy_customer, cy) = subscribe(shop, "cy@example.com");
    fail_payments(shop, &cy_customer, &cy);
    [ann, bob, cy]
}

// issue 11 acceptance: three customers subscribe through checkout; one card then fails; the
// monthly price changes with `on_replace: migrate`; the plan shows "3 subscriptions" and their
// monthly amount; apply moves them; a month later two renewals are paid at the new amount and
// the third is past_due; after the retry schedule it is canceled with
// `customer.subscription.deleted` recorded
#[tokio::test(flavor = "multi_thread")]
async fn migrate_moves_every_subscriber_who_then_renews_at_the_new_amount() {
    let shop = Shop::open().await;
    let [ann, bob, cy] = three_subscribers(&shop);
    let old = price_with_key(&shop, "team-monthly");
    shop.write_catalog(&catalog(25, "month", Some("migrate")));

    let plan = shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout;
    assert!(plan.contains("~ migrate: 3 subscriptions move to the new price (proration_behavior: none"), "{plan}");
    assert!(
        plan.contains(
            "subscribers: 3 active ($60.00 USD / month) at the old amount: 3 subscriptions move with the lookup key"
        ),
        "{plan}"
    );
    assert!(plan.contains("price: $20.00 → $25.00 USD / month"), "{plan}");
    let json = shop.run(&["--format", "json", "plan", "-f", "catalog.yaml"]).ok().json();
    let migrate = json["actions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|action| action["kind"] == "migrate_subscriptions")
        .cloned()
        .unwrap_or_else(|| panic!("no migration: {json}"));
    assert_eq!(migrate["id"], "price/team-monthly/migrate");
    assert_eq!(migrate["subscriptions"], 3);
    assert_eq!(migrate["from"], old.as_str());
    assert_eq!(migrate["depends_on"], serde_json::json!(["price/team-monthly/create"]));

    let applied = shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok();
    let new = price_with_key(&shop, "team-monthly");
    assert_ne!(new, old);
    for id in [&ann, &bob, &cy] {
        assert_eq!(item_price(&shop, id), new, "{}", applied.stderr);
    }
    assert!(
        applied.stderr.contains("migrating price/team-monthly/migrate: 3 subscription items to move"),
        "{}",
        applied.stderr
    );
    // Moved without proration: nothing was invoiced by the move.
    let audit = std::fs::read_to_string(shop.dir.path().join(".stripe-catalog/audit.jsonl")).unwrap_or_default();
    let moved: Vec<Value> = audit
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|record| record["kind"] == "migrate_subscription_item")
        .collect();
    assert_eq!(moved.len(), 3, "{audit}");
    assert!(moved.iter().all(|record| record["from_price"] == old.as_str() && record["to_price"] == new.as_str()));
    let archived = shop.seed("GET", &format!("/v1/prices/{old}"), "");
    assert_eq!(archived["active"], false);
    assert!(shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout.contains("No changes"));

    shop.run(&["sandbox", "advance", "1mo"]).ok();
    for id in [&ann, &bob] {
        let renewal = &renewals(&shop, id)[0];
        assert_eq!(
            (renewal["status"].as_str(), renewal["amount_paid"].as_i64()),
            (Some("paid"), Some(2500)),
            "{renewal}"
        );
    }
    assert_eq!(subscription(&shop, &cy)["status"], "past_due");
    assert_eq!(renewals(&shop, &cy)[0]["amount_due"], 2500);

    // Retries 3, 5 and 7 days after the first failure, then the subscription is canceled.
    shop.run(&["sandbox", "advance", "8d"]).ok();
    assert_eq!(subscription(&shop, &cy)["status"], "canceled");
    let events = shop.seed("GET", "/v1/events?type=customer.subscription.deleted&limit=100", "");
    let deleted: Vec<&str> = events["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|event| event["data"]["object"]["id"].as_str())
        .collect();
    assert_eq!(deleted, [cy.as_str()]);
}

// issue 11 acceptance: `on_replace: keep` leaves all three on the old price, billed at the old
// amount after advancing
#[tokio::test(flavor = "multi_thread")]
async fn keep_leaves_every_subscriber_on_the_old_price_at_the_old_amount() {
    let shop = Shop::open().await;
    let [ann, bob, cy] = three_subscribers(&shop);
    let old = price_with_key(&shop, "team-monthly");
    shop.write_catalog(&catalog(25, "month", Some("keep")));
    let plan = shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout;
    assert!(
        plan.contains(
            "subscribers: 3 active ($60.00 USD / month): 3 subscriptions keep paying the old price (on_replace: keep"
        ),
        "{plan}"
    );
    assert!(!plan.contains("migrate"), "{plan}");
    shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok();
    assert_eq!(shop.seed("GET", &format!("/v1/prices/{old}"), "")["active"], false);
    for id in [&ann, &bob, &cy] {
        assert_eq!(item_price(&shop, id), old);
    }
    shop.run(&["sandbox", "advance", "1mo"]).ok();
    for id in [&ann, &bob] {
        let renewal = &renewals(&shop, id)[0];
        assert_eq!(
            (renewal["status"].as_str(), renewal["amount_paid"].as_i64()),
            (Some("paid"), Some(2000)),
            "{renewal}"
        );
    }
    assert_eq!(renewals(&shop, &cy)[0]["amount_due"], 2000);
}

// issue 11 acceptance: a price change and its revert, applied in turn, create exactly one new
// price in total; the revert's plan says the old price is reactivated
#[tokio::test(flavor = "multi_thread")]
async fn a_change_and_its_revert_create_one_price_in_total() {
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    let (_, ann) = subscribe(&shop, "ann@example.com");
    let first = price_with_key(&shop, "team-monthly");
    apply(&shop, &catalog(25, "month", None));
    assert_eq!(team_prices(&shop).len(), 2);

    shop.write_catalog(&catalog(20, "month", None));
    let plan = shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout;
    assert!(
        plan.contains(&format!("# price \"team-monthly\" will be reactivated (reverting to {first} created ")),
        "{plan}"
    );
    assert!(
        plan.contains(&format!("price {first} is reactivated, and lookup_key \"team-monthly\" moves to it")),
        "{plan}"
    );
    assert!(plan.contains("price: $25.00 → $20.00 USD / month"), "{plan}");
    // The default goes back to the reactivated price, not to a "new" one.
    assert!(
        plan.contains(&format!("default price of product \"team\" moves to price {first} (reactivated)")),
        "{plan}"
    );
    assert!(
        plan.contains("# (because unit_amount cannot change in place: the archived price has the catalog's terms)"),
        "{plan}"
    );
    shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok();

    let prices = team_prices(&shop);
    assert_eq!(prices.len(), 2, "one price created in all: {prices:?}");
    assert_eq!(price_with_key(&shop, "team-monthly"), first);
    let active: Vec<&str> =
        prices.iter().filter(|price| price["active"] == true).filter_map(|price| price["id"].as_str()).collect();
    assert_eq!(active, [first.as_str()]);
    assert_eq!(shop.seed("GET", "/v1/products/team", "")["default_price"], first.as_str());
    // Ann never left it.
    assert_eq!(item_price(&shop, &ann), first);
    assert!(shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout.contains("No changes"));
}

// issue 11: migrate is refused in `plan` when the interval changes, with the reason; nothing
// is written
#[tokio::test(flavor = "multi_thread")]
async fn migrate_across_an_interval_change_is_refused_with_the_reason() {
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    shop.write_catalog(&catalog(200, "year", Some("migrate")));
    shop.sandbox.reset_counters();
    let refused = shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).failed();
    assert_eq!(refused.code, Some(1));
    assert!(
        refused.stderr.contains("on_replace: migrate cannot move the subscribers of a replaced price"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("price \"team-monthly\" (price_")
            && refused.stderr.contains(
                "the billing interval changes (every 1 month → every 1 year): moving would reset every billing cycle"
            ),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("on_replace: keep"), "{}", refused.stderr);
    assert_eq!(shop.requests("POST", "/v1/prices"), 0);
    let plan = shop.run(&["plan", "-f", "catalog.yaml"]).failed();
    assert_eq!(plan.code, Some(1));
}

// A bad `on_replace` names its place and the words it takes; `migrate` on a one-time price is
// refused (it has no subscribers), while an inherited one is fine
#[test]
fn a_bad_on_replace_names_file_line_column_and_the_choices() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let path = dir.path().join("catalog.yaml");
    let yaml = "version: 1\non_replace: migrate\nproducts:\n  - id: team\n    name: Team\n    on_replace: later\n    prices:\n      \
                - key: once\n        amount: 5\n        currency: usd\n        on_replace: migrate\n      \
                - key: setup\n        amount: 5\n        currency: usd\n";
    std::fs::write(&path, yaml).unwrap_or_else(|err| panic!("{err}"));
    let run = crate::support::Run::of(crate::support::binary().args(["validate", "-f"]).arg(&path)).failed();
    assert!(run.stderr.contains("catalog.yaml:6:17"), "{}", run.stderr);
    assert!(run.stderr.contains("`later` is not a valid on_replace"), "{}", run.stderr);
    assert!(run.stderr.contains("use `keep` or `migrate`"), "{}", run.stderr);
    assert!(run.stderr.contains("catalog.yaml:11:21"), "{}", run.stderr);
    assert!(
        run.stderr.contains("price `once` is one-time, so it has no subscriptions for `on_replace: migrate` to move"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`setup`"), "an inherited migrate on a one-time price is no error: {}", run.stderr);
}

/// `count` customers subscribed straight through the API to `team-monthly` (faster than
/// checkout, for the tests that need many).
fn many_subscribers(shop: &Shop, count: usize) -> Vec<String> {
    (0..count)
        .map(|index| {
            let (_, subscription) = crate::billing::subscribe(
                shop,
                &format!("c{index}@example.com"),
                "pm_card_visa",
                &[("team-monthly", 1)],
            );
            subscription["id"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

// issue 11: migrating N subscriptions costs one item update each, and the subscription lists
// of the plan's impact and of the migration itself (a page per 100): pinned, so a regression
// in the number of requests fails CI
#[tokio::test(flavor = "multi_thread")]
async fn migrating_n_subscriptions_costs_one_update_each_and_a_list_page_per_hundred() {
    const SUBSCRIBERS: u64 = 120;
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    many_subscribers(&shop, SUBSCRIBERS as usize);
    shop.write_catalog(&catalog(25, "month", Some("migrate")));
    shop.sandbox.reset_counters();
    let run = shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve", "--max-rps", "10000"]).ok();
    assert_eq!(shop.requests("POST", "/v1/subscription_items/{item}"), SUBSCRIBERS, "{}", run.stderr);
    // The impact's list (2 pages of 100) and the migration's own (2 pages).
    assert_eq!(shop.requests("GET", "/v1/subscriptions"), 4);
    // Reading Stripe: the account, products, active and archived prices, meters, webhook
    // endpoints; the impact's Payment Links; the writes: the new price, the default move, the
    // archive.
    let pages = 4;
    assert_eq!(shop.sandbox.total_requests(), 6 + 1 + pages + 3 + SUBSCRIBERS, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("migrating price/team-monthly/migrate: {SUBSCRIBERS} subscription items to move"))
    );
    // Without a terminal, a line every hundred items and one at the end.
    assert!(run.stderr.contains("price/team-monthly/migrate: 100/120 subscription items moved ("), "{}", run.stderr);
    assert!(run.stderr.contains("price/team-monthly/migrate: 120/120 subscription items moved ("), "{}", run.stderr);
}

// issue 11: apply killed mid-migration; the next plan sees only the subscriptions left on the
// old price, and the rerun moves exactly those: every item is moved once
#[tokio::test(flavor = "multi_thread")]
async fn a_migration_killed_half_way_is_finished_by_a_rerun_moving_each_item_once() {
    const SUBSCRIBERS: usize = 20;
    // Latency keeps the migration going long enough for the kill to land in it.
    let shop =
        Shop::open_with(stripe_sandbox::SandboxBuilder::new().latency(std::time::Duration::from_millis(25))).await;
    apply(&shop, &catalog(20, "month", None));
    let subscriptions = many_subscribers(&shop, SUBSCRIBERS);
    let old = price_with_key(&shop, "team-monthly");
    let before = updated_events(&shop);
    shop.write_catalog(&catalog(25, "month", Some("migrate")));
    shop.sandbox.reset_counters();
    let mut child = shop
        .command()
        .args(["apply", "-f", "catalog.yaml", "--auto-approve", "--parallelism", "1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("spawn apply: {err}"));
    // Bounded (30 s), so a run that never migrates fails instead of hanging.
    let mut moved_at_kill = 0;
    for _ in 0..30_000 {
        moved_at_kill = shop.requests("POST", "/v1/subscription_items/{item}");
        if moved_at_kill >= 5 || child.try_wait().ok().flatten().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    child.kill().unwrap_or_else(|err| panic!("SIGKILL: {err}"));
    let _ = child.wait();
    assert!((5..SUBSCRIBERS as u64).contains(&moved_at_kill), "the kill landed mid-migration: {moved_at_kill}");
    let new = price_with_key(&shop, "team-monthly");
    let left = subscriptions.iter().filter(|id| item_price(&shop, id) == old).count();
    assert!(left > 0 && left < SUBSCRIBERS, "{left} left on the old price");

    let plan = shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout;
    let noun = if left == 1 { "subscription" } else { "subscriptions" };
    assert!(
        plan.contains(&format!("~ migrate: {left} {noun} move to price {new} (proration_behavior")),
        "{left}: {plan}"
    );
    assert!(plan.contains(&format!("price {old} will be archived")), "{plan}");
    assert!(!plan.contains("price/team-monthly/create") && !plan.contains("must be replaced"), "{plan}");
    let rerun = shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok();
    assert!(rerun.stderr.contains(&format!("{left} subscription items to move")), "{}", rerun.stderr);
    for id in &subscriptions {
        assert_eq!(item_price(&shop, id), new);
    }
    assert_eq!(shop.seed("GET", &format!("/v1/prices/{old}"), "")["active"], false);
    // Each subscription was changed exactly once: one more `customer.subscription.updated`.
    let after = updated_events(&shop);
    for id in &subscriptions {
        assert_eq!(after.get(id).copied().unwrap_or(0), before.get(id).copied().unwrap_or(0) + 1, "{id}");
    }
    assert!(shop.run(&["plan", "-f", "catalog.yaml"]).ok().stdout.contains("No changes"));
}

/// How many `customer.subscription.updated` events each subscription has.
fn updated_events(shop: &Shop) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    let mut after: Option<String> = None;
    loop {
        let mut path = "/v1/events?type=customer.subscription.updated&limit=100".to_string();
        if let Some(last) = &after {
            path.push_str(&format!("&starting_after={last}"));
        }
        let page = shop.seed("GET", &path, "");
        let events = page["data"].as_array().cloned().unwrap_or_default();
        for event in &events {
            let id = event["data"]["object"]["id"].as_str().unwrap_or_default().to_string();
            *counts.entry(id).or_insert(0) += 1;
        }
        after = events.last().and_then(|event| event["id"].as_str()).map(str::to_string);
        if page["has_more"] != true || after.is_none() {
            return counts;
        }
    }
}

// An `incomplete` subscription "can only have metadata and default_source updated"
// (docs.stripe.com/api/subscriptions/object#subscription_object-status): the migration leaves it
// on the old price and says so, and moves the others
#[tokio::test(flavor = "multi_thread")]
async fn an_incomplete_subscription_is_left_on_the_old_price_and_named() {
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    let moved = many_subscribers(&shop, 2);
    let customer = shop.seed("POST", "/v1/customers", "email=dee@example.com");
    let customer = customer["id"].as_str().unwrap_or_default().to_string();
    let old = price_with_key(&shop, "team-monthly");
    let incomplete = shop.seed(
        "POST",
        "/v1/subscriptions",
        &format!("customer={customer}&items[0][price]={old}&payment_behavior=default_incomplete"),
    );
    assert_eq!(incomplete["status"], "incomplete", "{incomplete}");
    let incomplete = incomplete["id"].as_str().unwrap_or_default().to_string();
    shop.write_catalog(&catalog(25, "month", Some("migrate")));
    let run = shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok();
    assert!(
        run.stderr.contains(&format!(
            "2 subscription items to move; left on the old price, as Stripe lets no price change there: {incomplete} (incomplete)"
        )),
        "{}",
        run.stderr
    );
    let new = price_with_key(&shop, "team-monthly");
    for id in &moved {
        assert_eq!(item_price(&shop, id), new);
    }
    assert_eq!(item_price(&shop, &incomplete), old);
}

/// A restricted key made for Products and Prices only, in front of the shop's sandbox (which
/// checks no permissions): `GET /v1/subscriptions` and `GET /v1/payment_links` are answered 403
/// with Stripe's `permission_error`, everything else is passed through. Returns its base URL.
async fn products_and_prices_only(sandbox: String) -> String {
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode};
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;

    // https://docs.stripe.com/keys#limit-access: a restricted key lacking a permission gets a
    // 403 whose error type is `permission_error`.
    let refused = || async {
        let body = r#"{"error":{"type":"permission_error","message":"The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_1'."}}"#;
        (StatusCode::FORBIDDEN, [("content-type", "application/json")], body)
    };
    let http = reqwest::Client::new();
    let forward = move |request: Request<Body>| {
        let (http, sandbox) = (http.clone(), sandbox.clone());
        async move {
            let (parts, body) = request.into_parts();
            let path = parts.uri.path_and_query().map_or("/", |path| path.as_str());
            let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).expect("a method");
            let mut outgoing = http.request(method, format!("{sandbox}{path}"));
            for (name, value) in &parts.headers {
                if name != "host" {
                    outgoing = outgoing.header(name.as_str(), value.as_bytes());
                }
            }
            let body = to_bytes(body, usize::MAX).await.expect("a body");
            let answer = outgoing.body(body.to_vec()).send().await.expect("the sandbox answers");
            let status = StatusCode::from_u16(answer.status().as_u16()).expect("a status");
            let mut response = Response::builder().status(status);
            for (name, value) in answer.headers() {
                if name != "content-length" && name != "transfer-encoding" {
                    response = response.header(name.as_str(), value.as_bytes());
                }
            }
            let bytes = answer.bytes().await.expect("the sandbox's body");
            response.body(Body::from(bytes)).expect("a response").into_response()
        }
    };
    let app = axum::Router::new()
        .route("/v1/subscriptions", get(refused))
        .route("/v1/payment_links", get(refused))
        .fallback(forward);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    base
}

/// `plan` with `catalog` through a key that may not read subscriptions nor Payment Links.
fn restricted_plan(shop: &Shop, base: &str, catalog: &str, args: &[&str]) -> crate::support::Run {
    shop.write_catalog(catalog);
    let mut command = shop.command();
    command.env("STRIPE_API_BASE", base).env("STRIPE_API_KEY", "rk_test_ProductsAndPricesOnly");
    command.args(["plan", "-f", "catalog.yaml"]).args(args);
    crate::support::Run::of(&mut command)
}

// Fix of issue 11's impact (README "permissions"): a restricted key with only Products and
// Prices still plans a replace; the impact says it is unknown and which permission reads it.
#[tokio::test(flavor = "multi_thread")]
async fn a_key_that_cannot_read_subscriptions_plans_with_the_impact_unknown() {
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    let base = products_and_prices_only(shop.sandbox.base_url()).await;

    let run = restricted_plan(&shop, &base, &catalog(25, "month", None), &[]).ok();
    assert!(
        run.stdout.contains("subscribers: unknown: the key cannot read subscriptions (needs Subscriptions: read)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("payment links: unknown: the key cannot read payment links (needs Payment Links: read)"),
        "{}",
        run.stdout
    );
    let json = restricted_plan(&shop, &base, &catalog(25, "month", None), &["--format", "json"]).ok().json();
    let impact = &json["impact"];
    let (_, price) = impact["prices"].as_object().expect("prices").iter().next().expect("the old price");
    assert_eq!(price["subscriptions_unknown"], true, "{impact}");
    assert_eq!(price["payment_links_unknown"], true, "{impact}");
    assert_eq!(impact["unknown"][0]["permission"], "Subscriptions: read", "{impact}");
    assert_eq!(impact["unknown"][1]["permission"], "Payment Links: read", "{impact}");
}

// An unknown impact does not pass silently where it matters: `on_replace: migrate` is refused
// naming the permission; `subscribed_prices: block` treats it as a violation (exit 3).
#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_impact_refuses_migrate_and_is_a_violation_under_block() {
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    let base = products_and_prices_only(shop.sandbox.base_url()).await;

    let run = restricted_plan(&shop, &base, &catalog(25, "month", Some("migrate")), &[]).failed();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("needs Subscriptions: read and write to migrate them"), "{}", run.stderr);

    let blocking = format!("{}policy:\n  subscribed_prices: block\n", catalog(25, "month", None));
    let run = restricted_plan(&shop, &base, &blocking, &[]);
    assert_eq!(run.code, Some(3), "{}\n{}", run.stdout, run.stderr);
    let shown = format!("{}{}", run.stdout, run.stderr);
    assert!(shown.contains("its subscribers are unknown (the key cannot read subscriptions)"), "{shown}");
    assert!(shown.contains("give the API key Subscriptions: read"), "{shown}");
    let allowed = restricted_plan(&shop, &base, &blocking, &["--allow", "subscribed_prices"]);
    assert_eq!(allowed.code, Some(0), "{}", allowed.stderr);
}

// Issue 11 review: the markdown plan shows a migration with its count, names the old price's
// archive as such (not `active: true → false` on the row's price), and a revert's reactivation.
#[tokio::test(flavor = "multi_thread")]
async fn the_markdown_plan_shows_the_migration_and_the_revert() {
    let shop = Shop::open().await;
    apply(&shop, &catalog(20, "month", None));
    let first = price_with_key(&shop, "team-monthly");
    three_subscribers(&shop);

    shop.write_catalog(&catalog(25, "month", Some("migrate")));
    let markdown = shop.run(&["plan", "-f", "catalog.yaml", "--format", "markdown"]).ok().stdout;
    let row = markdown.lines().find(|line| line.starts_with("| `-/+` |")).expect("the replace row");
    assert!(row.contains("migrate: 3 subscriptions move to the new price"), "{row}");
    assert!(row.contains(&format!("old price {} archived", first.replace('_', "\\_"))), "{row}");
    assert!(!row.contains("active: true → false"), "{row}");
    shop.run(&["apply", "-f", "catalog.yaml", "--auto-approve"]).ok();

    shop.write_catalog(&catalog(20, "month", Some("migrate")));
    let markdown = shop.run(&["plan", "-f", "catalog.yaml", "--format", "markdown"]).ok().stdout;
    let row = markdown.lines().find(|line| line.starts_with("| `-/+` |")).expect("the revert row");
    let escaped = first.replace('_', "\\_");
    assert!(row.contains(&format!("revert: price {escaped} reactivated")), "{row}");
    assert!(row.contains(&format!("migrate: 3 subscriptions move to price {escaped}")), "{row}");
}
