//! Support sees subscriptions (issue 11): `sandbox advance` renews and charges them, against the
//! sandbox over real HTTP.

use serde_json::Value;

use crate::shop::Shop;
use crate::support::binary;

/// The id of the price with lookup key `key`.
pub(crate) fn price_id(shop: &Shop, key: &str) -> String {
    let prices = shop.seed("GET", &format!("/v1/prices?lookup_keys[]={key}"), "");
    prices["data"][0]["id"].as_str().unwrap_or_else(|| panic!("no price {key}: {prices}")).to_string()
}

/// A customer with `email` paying with `card` (a `pm_card_…` test id) by default, subscribed to
/// `quantity` × each price key in `items`; returns (customer id, subscription).
pub(crate) fn subscribe(shop: &Shop, email: &str, card: &str, items: &[(&str, u32)]) -> (String, Value) {
    let customer = shop.seed("POST", "/v1/customers", &format!("email={email}"));
    let customer = customer["id"].as_str().unwrap_or_default().to_string();
    let method = shop.seed("POST", &format!("/v1/payment_methods/{card}/attach"), &format!("customer={customer}"));
    let method = method["id"].as_str().unwrap_or_default().to_string();
    shop.seed(
        "POST",
        &format!("/v1/customers/{customer}"),
        &format!("invoice_settings[default_payment_method]={method}"),
    );
    let mut body = format!("customer={customer}");
    for (index, (key, quantity)) in items.iter().enumerate() {
        let price = price_id(shop, key);
        body.push_str(&format!("&items[{index}][price]={price}&items[{index}][quantity]={quantity}"));
    }
    let subscription = shop.seed("POST", "/v1/subscriptions", &body);
    assert_eq!(subscription["status"], "active", "{subscription}");
    (customer, subscription)
}

/// The invoices of `subscription`, newest first.
fn invoices(shop: &Shop, subscription: &str) -> Vec<Value> {
    let list =
        shop.seed("GET", &format!("/v1/invoices?subscription={subscription}&limit=100&expand[]=data.payments"), "");
    list["data"].as_array().cloned().unwrap_or_default()
}

// issue 11 acceptance: a monthly subscription, `sandbox advance 1mo`, a paid renewal invoice
#[tokio::test(flavor = "multi_thread")]
async fn advancing_a_month_renews_a_monthly_subscription_with_a_paid_invoice() {
    let shop = Shop::open().await;
    let (customer, subscription) = subscribe(&shop, "ann@example.com", "pm_card_visa", &[("pro-monthly", 1)]);
    let id = subscription["id"].as_str().unwrap_or_default();
    let period_end = subscription["items"]["data"][0]["current_period_end"].as_i64().unwrap_or_default();
    assert_eq!(invoices(&shop, id).len(), 1);

    let run = shop.run(&["sandbox", "advance", "1mo"]).ok();
    let renewals: Vec<Value> =
        invoices(&shop, id).into_iter().filter(|invoice| invoice["billing_reason"] == "subscription_cycle").collect();
    assert_eq!(renewals.len(), 1, "{}", run.stderr);
    let renewal = &renewals[0];
    assert_eq!(renewal["status"], "paid");
    assert_eq!(renewal["amount_paid"], 2900);
    assert_eq!(renewal["customer"], customer.as_str());
    assert_eq!(renewal["payments"]["data"][0]["status"], "paid", "{renewal}");
    // The new time is printed (RFC 3339) and is at least the old period's end.
    let now = jiff_second(&Value::String(run.stdout.trim().to_string()));
    assert!(now >= period_end, "{} < {period_end}", run.stdout);
    let renewal_id = renewal["id"].as_str().unwrap_or_default();
    assert!(run.stderr.contains("1 invoice created: 1 paid"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{renewal_id} ")), "{}", run.stderr);
    assert!(run.stderr.contains("subscription_cycle $29.00 USD paid"), "{}", run.stderr);
    let renewed = shop.seed("GET", &format!("/v1/subscriptions/{id}"), "");
    assert_eq!(renewed["items"]["data"][0]["current_period_start"], period_end);
}

// A year with a daily subscription is more than one sandbox call may go (two days): the
// command advances in steps, and every renewal is billed.
#[tokio::test(flavor = "multi_thread")]
async fn advancing_past_the_sandbox_limit_goes_in_steps() {
    let shop = Shop::open().await;
    shop.seed(
        "POST",
        "/v1/prices",
        "product=pro&lookup_key=daily&unit_amount=100&currency=usd&recurring[interval]=day",
    );
    let (_, subscription) = subscribe(&shop, "dan@example.com", "pm_card_visa", &[("daily", 1)]);
    let id = subscription["id"].as_str().unwrap_or_default();
    let run = shop.run(&["--format", "json", "sandbox", "advance", "2w"]).ok();
    let report = run.json();
    assert!(report["steps"].as_u64().unwrap_or_default() > 1, "{report}");
    // The sandbox's time runs on with the real time between calls: a second or so more.
    let moved = report["frozen_time"].as_i64().unwrap_or_default() - jiff_second(&report["from"]);
    assert!((14 * 86_400..14 * 86_400 + 60).contains(&moved), "{report}");
    let cycles = invoices(&shop, id).into_iter().filter(|invoice| invoice["billing_reason"] == "subscription_cycle");
    assert_eq!(cycles.count(), 14);
    assert_eq!(report["invoices"].as_array().map(Vec::len), Some(14), "{report}");
}

/// Unix seconds of an RFC 3339 JSON string.
fn jiff_second(value: &Value) -> i64 {
    value.as_str().and_then(|text| text.parse::<jiff::Timestamp>().ok()).map_or(0, jiff::Timestamp::as_second)
}

#[test]
fn advance_refuses_real_stripe_before_sending_anything() {
    let run = crate::support::Run::of(
        binary().args(["sandbox", "advance", "1d"]).env("STRIPE_API_KEY", "sk_test_123").env_remove("STRIPE_API_BASE"),
    )
    .failed();
    assert!(run.stderr.contains("only works against the sandbox"), "{}", run.stderr);
    assert!(run.stderr.contains("--sandbox"), "{}", run.stderr);
}

/// A shop with three subscriptions: Ann to pro-monthly, Bob to pro-legacy (archived since) and
/// 3 seats, Cy to pro-yearly, then canceled.
fn three_subscribers(shop: &Shop) -> [String; 3] {
    let legacy = shop.seed(
        "POST",
        "/v1/prices",
        "product=pro&lookup_key=pro-legacy&unit_amount=1900&currency=usd&recurring[interval]=month",
    );
    let (_, ann) = subscribe(shop, "ann@example.com", "pm_card_visa", &[("pro-monthly", 1)]);
    let (_, bob) = subscribe(shop, "Bob@Example.com", "pm_card_visa", &[("pro-legacy", 1), ("seats", 3)]);
    shop.seed("POST", &format!("/v1/prices/{}", legacy["id"].as_str().unwrap_or_default()), "active=false");
    let (_, cy) = subscribe(shop, "cy@example.com", "pm_card_visa", &[("pro-yearly", 1)]);
    let cy = cy["id"].as_str().unwrap_or_default().to_string();
    shop.seed("DELETE", &format!("/v1/subscriptions/{cy}"), "");
    [ann["id"].as_str().unwrap_or_default().to_string(), bob["id"].as_str().unwrap_or_default().to_string(), cy]
}

// issue 11 acceptance: `subscriptions list` shows customer, email, items with prices in money
// form and lookup keys, status, period end and cancel-at-period-end, newest first
#[tokio::test(flavor = "multi_thread")]
async fn subscriptions_list_shows_customers_items_and_periods() {
    let shop = Shop::open().await;
    let [ann, bob, _] = three_subscribers(&shop);
    shop.seed("POST", &format!("/v1/subscriptions/{ann}"), "cancel_at_period_end=true");
    let rows = shop.run(&["--format", "json", "subscriptions", "list"]).ok().json();
    let rows = rows.as_array().cloned().unwrap_or_default();
    // Stripe leaves canceled subscriptions out unless asked.
    let ids: Vec<&str> = rows.iter().filter_map(|row| row["id"].as_str()).collect();
    assert_eq!(ids, [bob.as_str(), ann.as_str()]);
    let bob_row = &rows[0];
    assert_eq!(bob_row["email"], "Bob@Example.com");
    assert_eq!(bob_row["status"], "active");
    assert_eq!(bob_row["cancel_at_period_end"], false);
    assert_eq!(bob_row["items"][0]["lookup_key"], "pro-legacy");
    assert_eq!(bob_row["items"][0]["unit_amount"], 1900);
    assert_eq!(bob_row["items"][1]["lookup_key"], "seats");
    assert_eq!(bob_row["items"][1]["quantity"], 3);
    assert_eq!(rows[1]["cancel_at_period_end"], true);
    let bob_sub = shop.seed("GET", &format!("/v1/subscriptions/{bob}"), "");
    let end = bob_sub["items"]["data"][0]["current_period_end"].as_i64().unwrap_or_default();
    assert_eq!(jiff_second(&bob_row["current_period_end"]), end);

    let table = shop.run(&["subscriptions", "list"]).ok().stdout;
    assert!(table.contains("pro-legacy $19.00 USD/month + 3 × seats $10.00 USD/month"), "{table}");
    assert!(table.contains("pro-monthly $29.00 USD/month"), "{table}");
    assert!(table.contains("2 subscriptions"), "{table}");
    let csv = shop.run(&["--format", "csv", "subscriptions", "list"]).ok().stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&records[0][5], "pro-legacy×1;seats×3");
    assert_eq!(&records[0][6], "4900");
}

// `--price KEY` asks Stripe for each price with the key (an archived one too), `--email`
// matches in any case, `--status all` includes canceled ones, `--limit` cuts
#[tokio::test(flavor = "multi_thread")]
async fn subscriptions_list_filters_by_price_key_email_and_status() {
    let shop = Shop::open().await;
    let [ann, bob, cy] = three_subscribers(&shop);
    let ids = |args: &[&str]| -> Vec<String> {
        let rows = shop.run(&[&["--format", "json", "subscriptions", "list"], args].concat()).ok().json();
        rows.as_array().into_iter().flatten().filter_map(|row| row["id"].as_str().map(str::to_string)).collect()
    };
    assert_eq!(ids(&["--price", "pro-legacy"]), [bob.as_str()]);
    assert_eq!(ids(&["--price", "pro-monthly"]), [ann.as_str()]);
    assert_eq!(ids(&["--price", "pro-yearly"]), Vec::<&str>::new());
    assert_eq!(ids(&["--price", "pro-yearly", "--status", "all"]), [cy.as_str()]);
    assert_eq!(ids(&["--email", "bob@example.com"]), [bob.as_str()]);
    assert_eq!(ids(&["--status", "canceled"]), [cy.as_str()]);
    assert_eq!(ids(&["--status", "past_due"]), Vec::<&str>::new());
    assert_eq!(ids(&["--status", "all", "--limit", "2"]), [cy.as_str(), bob.as_str()]);
    let before = shop.requests("GET", "/v1/subscriptions");
    ids(&["--price", "seats"]);
    assert_eq!(shop.requests("GET", "/v1/subscriptions") - before, 1);
    let unknown = shop.run(&["subscriptions", "list", "--price", "no-such-key"]).failed();
    assert!(unknown.stderr.contains("no price has the lookup key `no-such-key`"), "{}", unknown.stderr);
}

// issue 11 acceptance: `subscriptions show` gives the customer, the items in money form, the
// status and current period, the next invoice as an estimate, cancel-at-period-end, and the
// latest invoice with its status
#[tokio::test(flavor = "multi_thread")]
async fn subscriptions_show_gives_period_next_invoice_estimate_and_latest_invoice() {
    let shop = Shop::open().await;
    let (customer, subscription) =
        subscribe(&shop, "ann@example.com", "pm_card_visa", &[("pro-monthly", 1), ("seats", 3)]);
    let id = subscription["id"].as_str().unwrap_or_default();
    let invoice = subscription["latest_invoice"].as_str().unwrap_or_default();
    let text = shop.run(&["subscriptions", "show", id]).ok().stdout;
    assert!(text.starts_with(&format!("Subscription {id}\n")), "{text}");
    assert!(text.contains(&format!("Customer              {customer} (ann@example.com)")), "{text}");
    assert!(text.contains("Status                active"), "{text}");
    assert!(text.contains("Cancel at period end  no"), "{text}");
    assert!(text.contains("Next invoice          $59.00 USD on "), "{text}");
    assert!(text.contains("estimate"), "{text}");
    assert!(text.contains(&format!("Latest invoice        {invoice}")), "{text}");
    assert!(text.contains(": paid, $59.00 USD"), "{text}");
    assert!(text.contains("    pro-monthly $29.00 USD/month (si_"), "{text}");
    assert!(text.contains("    3 × seats $10.00 USD/month (si_"), "{text}");

    shop.seed("POST", &format!("/v1/subscriptions/{id}"), "cancel_at_period_end=true");
    let json = shop.run(&["--format", "json", "subscriptions", "show", id]).ok().json();
    assert_eq!(json["id"], id);
    assert_eq!(json["cancel_at_period_end"], true);
    assert_eq!(json["next_invoice_estimate"], 5900);
    assert_eq!(json["latest_invoice"], invoice);
    assert_eq!(json["latest_invoice_detail"]["status"], "paid");
    assert_eq!(json["latest_invoice_detail"]["amount_paid"], 5900);
    let end = subscription["items"]["data"][0]["current_period_end"].as_i64().unwrap_or_default();
    assert_eq!(jiff_second(&json["current_period_end"]), end);
    let text = shop.run(&["subscriptions", "show", id]).ok().stdout;
    assert!(text.contains("Next invoice          none: the subscription ends"), "{text}");

    let missing = shop.run(&["subscriptions", "show", "sub_missing"]).failed();
    assert!(missing.stderr.contains("Stripe has no subscription `sub_missing`"), "{}", missing.stderr);
}

// issue 11 acceptance: `payments show` links a subscription's payment to its invoice, its
// subscription and the Checkout Session that started it, the first payment and a renewal alike,
// in a pinned number of requests
#[tokio::test(flavor = "multi_thread")]
async fn payments_show_links_a_subscription_payment_to_invoice_subscription_and_session() {
    let shop = Shop::open().await;
    let args = ["checkout", "session", "--price", "pro-monthly", "--email", "ann@example.com", "--success-url"];
    let url = shop.run(&[&args[..], &[crate::shop::SUCCESS_URL]].concat()).ok().stdout.trim().to_string();
    let first = shop.run(&["sandbox", "pay", &url]).ok().stdout.trim().to_string();
    assert!(first.starts_with("pi_"), "{first}");
    let session = shop.session(&crate::shop::session_id(&url));
    let subscription = session["subscription"].as_str().unwrap_or_default().to_string();
    assert!(subscription.starts_with("sub_"), "{session}");

    shop.sandbox.reset_counters();
    let detail = shop.run(&["--format", "json", "payments", "show", &first]).ok().json();
    // The PaymentIntent, the session by payment (none in subscription mode), the customer's
    // invoices with their payments, the customer's sessions, and (issue #12) one page of the
    // events since the payment, to list those about it.
    assert_eq!(shop.sandbox.total_requests(), 5);
    assert_eq!(shop.requests("GET", "/v1/invoices"), 1);
    assert_eq!(shop.requests("GET", "/v1/events"), 1);
    let invoices = invoices(&shop, &subscription);
    assert_eq!(detail["invoice"], invoices[0]["id"]);
    assert_eq!(detail["subscription"], subscription.as_str());
    assert_eq!(detail["checkout_session"], session["id"]);

    shop.run(&["sandbox", "advance", "1mo"]).ok();
    let invoices = self::invoices(&shop, &subscription);
    let renewal = &invoices[0];
    assert_eq!(renewal["billing_reason"], "subscription_cycle");
    let renewal_payment = renewal["payments"]["data"][0]["payment"]["payment_intent"].as_str().unwrap_or_default();
    let text = shop.run(&["payments", "show", renewal_payment]).ok().stdout;
    assert!(text.contains(&format!("Invoice           {}", renewal["id"].as_str().unwrap_or_default())), "{text}");
    assert!(text.contains(&format!("Subscription      {subscription}")), "{text}");
    assert!(text.contains(&format!("Checkout session  {}", session["id"].as_str().unwrap_or_default())), "{text}");

    // A payment-mode checkout's payment finds its session at once: no invoice lookup.
    let one_off = ["checkout", "session", "--price", "setup-fee", "--email", "bo@example.com", "--success-url"];
    let url = shop.run(&[&one_off[..], &[crate::shop::SUCCESS_URL]].concat()).ok().stdout.trim().to_string();
    let paid = shop.run(&["sandbox", "pay", &url]).ok().stdout.trim().to_string();
    shop.sandbox.reset_counters();
    let detail = shop.run(&["--format", "json", "payments", "show", &paid]).ok().json();
    // The PaymentIntent, its session, and one page of events (issue #12).
    assert_eq!(shop.sandbox.total_requests(), 3);
    let types: Vec<&str> =
        detail["events"].as_array().into_iter().flatten().filter_map(|event| event["type"].as_str()).collect();
    assert!(types.contains(&"payment_intent.succeeded"), "{types:?}");
    assert!(types.contains(&"checkout.session.completed"), "{types:?}");
    assert!(
        detail["events"].as_array().into_iter().flatten().all(|event| event["delivery"] == "all acknowledged"),
        "no endpoint is registered, so nothing is pending: {}",
        detail["events"]
    );
    assert_eq!(detail["invoice"], Value::Null);
    assert_eq!(detail["subscription"], Value::Null);
}
