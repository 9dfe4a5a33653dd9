//! `sandbox pay`, `payments list` and `payments show` against the sandbox over real HTTP: a
//! checkout paid with a test card shows up with the right amount, status, customer and decline;
//! pagination takes the fewest requests; CSV and JSON parse with standard parsers.

use serde_json::Value;

use crate::shop::{SUCCESS_URL, Shop, redactions};

/// Creates a session for `prices` with `email`, pays it with `card`, and returns the payment id.
fn checkout_and_pay(shop: &Shop, prices: &[&str], email: &str, card: &str) -> String {
    let mut args = vec!["checkout", "session", "--success-url", SUCCESS_URL, "--email", email];
    for price in prices {
        args.extend(["--price", price]);
    }
    let url = shop.run(&args).ok().stdout.trim().to_string();
    let paid = shop.run(&["sandbox", "pay", &url, "--card", card]).ok();
    let id = paid.stdout.trim().to_string();
    assert!(id.starts_with("pi_"), "{}\n{}", paid.stdout, paid.stderr);
    id
}

// issue #5 acceptance: `sandbox pay` with 4242… then `payments list` shows a succeeded payment
// with the right amount and customer
#[tokio::test(flavor = "multi_thread")]
async fn a_paid_checkout_is_listed_as_succeeded_with_amount_and_customer() {
    let shop = Shop::open().await;
    let id = checkout_and_pay(&shop, &["setup-fee", "sticker-pack:3"], "jane@example.com", "4242424242424242");
    let list = shop.run(&["--format", "json", "payments", "list"]).ok().json();
    let rows = list.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1, "{list}");
    let row = &rows[0];
    assert_eq!(row["id"], id.as_str());
    assert_eq!(row["status"], "succeeded");
    assert_eq!(row["amount"], 5000 + 3 * 700);
    assert_eq!(row["amount_received"], 5000 + 3 * 700);
    assert_eq!(row["currency"], "usd");
    assert_eq!(row["email"], "jane@example.com");
    assert_eq!(row["description"], "setup-fee × 1, sticker-pack × 3");
    let customer = row["customer"].as_str().unwrap_or_default();
    assert!(customer.starts_with("cus_"), "{row}");
    let stored = shop.seed("GET", &format!("/v1/customers/{customer}"), "");
    assert_eq!(stored["email"], "jane@example.com");

    let by_customer = shop.run(&["--format", "json", "payments", "list", "--customer", customer]).ok().json();
    assert_eq!(by_customer.as_array().map(Vec::len), Some(1));
    let by_email = shop.run(&["--format", "json", "payments", "list", "--email", "jane@example.com"]).ok().json();
    assert_eq!(by_email, list);
    let nobody = shop.run(&["--format", "json", "payments", "list", "--email", "nobody@example.com"]).ok();
    assert_eq!(nobody.json(), serde_json::json!([]));
    assert!(nobody.stderr.contains("No customer has the email `nobody@example.com`"), "{}", nobody.stderr);
}

// issue #5 acceptance: 4000…9995 shows `requires_payment_method`, and `payments show` the
// insufficient-funds decline and the session it came from
#[tokio::test(flavor = "multi_thread")]
async fn a_declined_card_shows_the_decline() {
    let shop = Shop::open().await;
    let id = checkout_and_pay(&shop, &["setup-fee"], "bob@example.com", "4000000000009995");
    let list = shop.run(&["--format", "json", "payments", "list"]).ok().json();
    assert_eq!(list[0]["status"], "requires_payment_method");
    assert_eq!(list[0]["decline_code"], "insufficient_funds");
    assert_eq!(list[0]["amount_received"], 0);

    let show = shop.run(&["payments", "show", &id]).ok();
    insta::with_settings!({ filters => redactions() }, {
        insta::assert_snapshot!("payments_show_declined", show.stdout);
    });
    let detail = shop.run(&["--format", "json", "payments", "show", &id]).ok().json();
    assert_eq!(detail["last_error"]["decline_code"], "insufficient_funds");
    assert_eq!(detail["last_error"]["message"], "Your card has insufficient funds.");
    let session = detail["checkout_session"].as_str().unwrap_or_default();
    assert!(session.starts_with("cs_test_"), "{detail}");
    assert_eq!(shop.session(session)["status"], "open", "a declined session stays open");

    let missing = shop.run(&["payments", "show", "pi_doesnotexist"]).failed();
    assert!(missing.stderr.contains("Stripe has no payment `pi_doesnotexist`"), "{}", missing.stderr);
}

/// Seeds `count` succeeded payments of 1.00..count USD, oldest first.
fn seed_payments(shop: &Shop, count: i64) {
    let customer = shop.seed("POST", "/v1/customers", "email=bulk@example.com");
    let customer = customer["id"].as_str().unwrap_or_default().to_string();
    for n in 1..=count {
        shop.seed(
            "POST",
            "/v1/payment_intents",
            &format!("amount={}&currency=usd&customer={customer}&confirm=true&payment_method=pm_card_visa", n * 100),
        );
    }
    shop.sandbox.reset_counters();
}

// issue #5 acceptance: with 250 payment intents, `--all` returns all 250 in 3 requests; `--limit 30` returns 30
#[tokio::test(flavor = "multi_thread")]
async fn all_pages_in_three_requests_and_limit_caps_rows() {
    let shop = Shop::open().await;
    seed_payments(&shop, 250);
    let all = shop.run(&["--format", "json", "payments", "list", "--all"]).ok().json();
    let rows = all.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 250);
    assert_eq!(shop.requests("GET", "/v1/payment_intents"), 3);
    assert_eq!(rows[0]["amount"], 25_000, "newest first");
    assert_eq!(rows[249]["amount"], 100);
    let mut ids: Vec<&str> = rows.iter().filter_map(|row| row["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 250, "no payment twice");

    shop.sandbox.reset_counters();
    let limited = shop.run(&["--format", "ndjson", "payments", "list", "--limit", "30"]).ok();
    let lines: Vec<Value> =
        limited.stdout.lines().map(|line| serde_json::from_str(line).unwrap_or(Value::Null)).collect();
    assert_eq!(lines.len(), 30);
    assert!(lines.iter().all(|line| line["status"] == "succeeded"));
    assert_eq!(shop.requests("GET", "/v1/payment_intents"), 1);

    let default = shop.run(&["--format", "json", "payments", "list"]).ok().json();
    assert_eq!(default.as_array().map(Vec::len), Some(25), "default limit");
}

// issue #5: `--status` filters here while paging; `--since`/`--until` go to Stripe
#[tokio::test(flavor = "multi_thread")]
async fn status_filters_client_side_and_dates_go_to_stripe() {
    let shop = Shop::open().await;
    seed_payments(&shop, 120);
    shop.seed(
        "POST",
        "/v1/payment_intents",
        "amount=999&currency=usd&confirm=true&payment_method=pm_card_chargeDeclined",
    );
    for _ in 0..120 {
        shop.seed("POST", "/v1/payment_intents", "amount=100&currency=usd&confirm=true&payment_method=pm_card_visa");
    }
    shop.sandbox.reset_counters();
    let failed = shop.run(&["--format", "json", "payments", "list", "--status", "requires_payment_method"]).ok().json();
    let rows = failed.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1, "{failed}");
    assert_eq!(rows[0]["amount"], 999);
    assert_eq!(rows[0]["decline_code"], "generic_decline");
    // The one match sits behind 120 newer payments: pages of 100 until Stripe has no more.
    assert_eq!(shop.requests("GET", "/v1/payment_intents"), 3);

    let future = shop.run(&["--format", "json", "payments", "list", "--until", "1d"]).ok().json();
    assert_eq!(future, serde_json::json!([]), "everything is newer than a day ago");
    let recent = shop.run(&["--format", "json", "payments", "list", "--since", "1h", "--limit", "5"]).ok().json();
    assert_eq!(recent.as_array().map(Vec::len), Some(5));
    let backwards = shop.run(&["payments", "list", "--since", "1h", "--until", "2d"]).failed();
    assert!(backwards.stderr.contains("is not before `--until`"), "{}", backwards.stderr);
}

// issue #5 acceptance: CSV and JSON parse with standard parsers; the table is snapshot-tested
#[tokio::test(flavor = "multi_thread")]
async fn csv_json_and_table_output() {
    let shop = Shop::open().await;
    checkout_and_pay(&shop, &["setup-fee"], "jane@example.com", "4242424242424242");
    checkout_and_pay(&shop, &["sticker-pack:2"], "bob@example.com", "4000000000000002");

    let csv = shop.run(&["--format", "csv", "payments", "list"]).ok();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let headers: Vec<String> = reader.headers().map(|row| row.iter().map(str::to_string).collect()).unwrap_or_default();
    assert_eq!(
        headers,
        [
            "id",
            "created",
            "amount",
            "amount_received",
            "currency",
            "status",
            "customer",
            "email",
            "description",
            "error_code",
            "decline_code",
            "error_message"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.unwrap_or_default()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((&rows[0][2], &rows[0][5], &rows[0][7]), ("1400", "requires_payment_method", "bob@example.com"));
    assert_eq!((&rows[1][2], &rows[1][5], &rows[1][7]), ("5000", "succeeded", "jane@example.com"));
    assert!(rows[1][1].parse::<jiff::Timestamp>().is_ok(), "RFC 3339: {}", &rows[1][1]);

    let json = shop.run(&["--format", "json", "payments", "list"]).ok().json();
    assert_eq!(json[1]["amount"], 5000);
    assert_eq!(json[0]["error_code"], "card_declined");

    let table = shop.run(&["payments", "list"]).ok();
    assert_eq!(table.stderr, "");
    insta::with_settings!({ filters => redactions() }, {
        insta::assert_snapshot!("payments_list_table", table.stdout);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_pay_refuses_what_a_customer_could_not_do() {
    let shop = Shop::open().await;
    let url = shop.run(&["checkout", "session", "--price", "setup-fee", "--success-url", SUCCESS_URL]).ok().stdout;
    let url = url.trim();
    let no_email = shop.run(&["sandbox", "pay", url]).failed();
    assert!(no_email.stderr.contains("error: checkout session `cs_test_"), "{}", no_email.stderr);
    assert!(no_email.stderr.contains("` has no customer email yet\n"), "{}", no_email.stderr);
    assert!(no_email.stderr.contains("hint: pass `--email ADDRESS`"), "{}", no_email.stderr);
    let unknown = shop.run(&["sandbox", "pay", url, "--card", "1234", "--email", "a@b.c"]).failed();
    assert!(unknown.stderr.contains("does not know the test card"), "{}", unknown.stderr);
    let action =
        shop.run(&["--format", "json", "sandbox", "pay", url, "--card", "4000002500003155", "--email", "a@b.c"]);
    assert_eq!(action.ok().json()["status"], "requires_action");
    shop.run(&["sandbox", "pay", url]).ok();
    let again = shop.run(&["sandbox", "pay", url]).failed();
    assert!(again.stderr.contains("is complete and can no longer be paid"), "{}", again.stderr);
    let unknown_url = shop.run(&["sandbox", "pay", "https://example.com/nothing", "--email", "a@b.c"]).failed();
    assert!(unknown_url.stderr.contains("no checkout session or payment link has the URL"), "{}", unknown_url.stderr);
    let not_a_target = shop.run(&["sandbox", "pay", "pi_123"]).failed();
    assert!(not_a_target.stderr.contains("is not a checkout session or payment link"), "{}", not_a_target.stderr);
}

// A payment link paid by its URL (each visit opens a session) is listed like any other payment
#[tokio::test(flavor = "multi_thread")]
async fn a_paid_payment_link_is_listed_with_its_session() {
    let shop = Shop::open().await;
    let url = shop.run(&["checkout", "link", "--price", "sticker-pack:2"]).ok().stdout.trim().to_string();
    let first = shop.run(&["sandbox", "pay", &url, "--email", "ann@example.com"]).ok().stdout.trim().to_string();
    let second = shop.run(&["sandbox", "pay", &url, "--email", "ben@example.com"]).ok().stdout.trim().to_string();
    assert_ne!(first, second, "each visit is a new session and payment");
    let list = shop.run(&["--format", "json", "payments", "list"]).ok().json();
    let emails: Vec<&str> = list.as_array().into_iter().flatten().filter_map(|row| row["email"].as_str()).collect();
    assert_eq!(emails, ["ben@example.com", "ann@example.com"]);
    assert_eq!(list[0]["amount"], 1400);
    let detail = shop.run(&["--format", "json", "payments", "show", &second]).ok().json();
    let session = shop.session(detail["checkout_session"].as_str().unwrap_or_default());
    assert_eq!(session["mode"], "payment");
    assert_eq!(session["status"], "complete");
    assert!(session["payment_link"].as_str().is_some_and(|id| id.starts_with("plink_")), "{session}");

    let id = session["payment_link"].as_str().unwrap_or_default().to_string();
    let no_email = shop.run(&["sandbox", "pay", &url]).failed();
    assert!(no_email.stderr.contains("error: paying a payment link needs the customer's email"), "{}", no_email.stderr);
    assert!(no_email.stderr.contains("hint: pass `--email ADDRESS`"), "{}", no_email.stderr);
    shop.run(&["checkout", "link", "deactivate", &id]).ok();
    let refused = shop.run(&["sandbox", "pay", &id, "--email", "cat@example.com"]).failed();
    assert!(refused.stderr.contains("deactivated"), "{}", refused.stderr);
}

// issue #5: `--status` says in `--help` that it filters here while paging
#[tokio::test(flavor = "multi_thread")]
async fn help_says_status_is_filtered_client_side() {
    let shop = Shop::open().await;
    let help = shop.run(&["payments", "list", "--help"]).ok();
    assert!(help.stdout.contains("filtered here while paging, not by Stripe"), "{}", help.stdout);
    assert_eq!(shop.sandbox.total_requests(), 0);
}

// An existing customer (`--customer`) is charged as that customer; `--email` merges the
// payments of every customer with that email, newest first
#[tokio::test(flavor = "multi_thread")]
async fn existing_customers_and_shared_emails() {
    let shop = Shop::open().await;
    let first = shop.seed("POST", "/v1/customers", "email=team@example.com&name=First");
    let first = first["id"].as_str().unwrap_or_default().to_string();
    let url = shop
        .run(&["checkout", "session", "--price", "setup-fee", "--customer", &first, "--success-url", SUCCESS_URL])
        .ok()
        .stdout;
    shop.run(&["sandbox", "pay", url.trim()]).ok();
    // Lists from two customers merge by `created`, which has whole seconds: make them differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = checkout_and_pay(&shop, &["sticker-pack"], "team@example.com", "4242424242424242");

    let rows = shop.run(&["--format", "json", "payments", "list", "--email", "team@example.com"]).ok().json();
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], second.as_str(), "newest first across customers");
    assert_eq!(rows[1]["customer"], first.as_str());
    assert_ne!(rows[0]["customer"], rows[1]["customer"]);
    let limited = shop.run(&["--format", "json", "payments", "list", "--email", "team@example.com", "--limit", "1"]);
    assert_eq!(limited.ok().json()[0]["id"], second.as_str());
}
