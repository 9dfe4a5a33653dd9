//! `sandbox pay`, `payments list` and `payments show` against the sandbox over real HTTP: a
//! checkout paid with a test card shows up with the right amount, status, customer and decline;
//! pagination takes the fewest requests; CSV and JSON parse with standard parsers.

use std::time::Duration;

use serde_json::{Value, json};
use stripe_sandbox::SandboxBuilder;

use crate::shop::{SUCCESS_URL, Shop, redactions, session_id};
use crate::support::Run;

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

/// A guest checkout: a session with `--customer-creation if_required` for `price`, paid by
/// `email` with 4242…; returns the run of `sandbox pay` (stdout: the payment id).
fn guest_checkout(shop: &Shop, price: &str, email: &str) -> Run {
    let args = ["checkout", "session", "--price", price, "--success-url", SUCCESS_URL, "--customer-creation"];
    let url = shop.run(&[&args[..], &["if_required"]].concat()).ok().stdout.trim().to_string();
    shop.run(&["sandbox", "pay", &url, "--email", email]).ok()
}

/// Seeds a customer with `email` (form-encoded) and has them pay for `setup-fee` through a
/// session made for them (`--customer`); returns the customer's and the payment's ids.
fn existing_customer_pays(shop: &Shop, email: &str) -> (String, String) {
    let customer = shop.seed("POST", "/v1/customers", &format!("email={email}&name=Existing"));
    let customer = customer["id"].as_str().unwrap_or_default().to_string();
    let args = ["checkout", "session", "--price", "setup-fee", "--customer", &customer, "--success-url", SUCCESS_URL];
    let url = shop.run(&args).ok().stdout;
    let paid = shop.run(&["sandbox", "pay", url.trim()]).ok();
    (customer, paid.stdout.trim().to_string())
}

/// The ids of JSON rows, in order.
fn ids(rows: &Value) -> Vec<&str> {
    rows.as_array().into_iter().flatten().filter_map(|row| row["id"].as_str()).collect()
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
    // `checkout session` asks for a Customer by default (customer_creation=always), so the
    // payment has one; guest checkouts are covered below.
    let customer = row["customer"].as_str().unwrap_or_default();
    assert!(customer.starts_with("cus_"), "{row}");
    let stored = shop.seed("GET", &format!("/v1/customers/{customer}"), "");
    assert_eq!(stored["email"], "jane@example.com");

    let by_customer = shop.run(&["--format", "json", "payments", "list", "--customer", customer]).ok().json();
    assert_eq!(by_customer.as_array().map(Vec::len), Some(1));
    let mut by_email = shop.run(&["--format", "json", "payments", "list", "--email", "jane@example.com"]).ok().json();
    assert_eq!(by_email[0]["matched_by"], "customer", "{by_email}");
    by_email[0].as_object_mut().map(|row| row.remove("matched_by"));
    assert_eq!(by_email, list, "the same row, found through its customer");
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
    let (first, _) = existing_customer_pays(&shop, "team@example.com");
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

// issue #10 (guest checkout, the CLI's follow-up): a payment-mode session with
// `customer_creation=if_required` creates no Customer and the payment names none; Stripe keeps
// the email on the session's `customer_details.email`, where `payments list --email` finds it
// (in any case) and says so, and `payments show` names the guest
#[tokio::test(flavor = "multi_thread")]
async fn a_guest_checkout_is_found_by_the_email_typed_at_checkout() {
    let shop = Shop::open().await;
    let paid = guest_checkout(&shop, "setup-fee", "guest@example.com");
    let id = paid.stdout.trim().to_string();
    assert!(paid.stderr.contains(": succeeded (no customer, test mode)"), "{}", paid.stderr);
    assert_eq!(shop.sandbox.object_count("customers"), 0, "a guest checkout creates no Customer");
    let list = shop.run(&["--format", "json", "payments", "list"]).ok().json();
    assert_eq!((list[0]["id"].as_str(), &list[0]["customer"]), (Some(id.as_str()), &Value::Null));
    assert_eq!(list[0]["email"], Value::Null, "the payment itself carries no email: it is on the session");
    let until_an_hour_ago =
        shop.run(&["--format", "json", "payments", "list", "--email", "guest@example.com", "--until", "1h"]);
    assert_eq!(until_an_hour_ago.ok().json(), json!([]), "dates apply to what the session's email finds");

    let found = shop.run(&["--format", "json", "payments", "list", "--email", "GUEST@example.com"]).ok();
    let rows = found.json();
    assert_eq!(ids(&rows), [id.as_str()]);
    assert_eq!(rows[0]["matched_by"], "checkout_email");
    assert_eq!(rows[0]["email"], "guest@example.com");
    assert_eq!(rows[0]["customer"], Value::Null);
    assert!(found.stderr.contains("No customer has the email `GUEST@example.com` in any case"), "{}", found.stderr);
    let table = shop.run(&["payments", "list", "--email", "guest@example.com", "--since", "1h"]).ok();
    assert!(
        table
            .stdout
            .ends_with("1 payment, received $50.00 USD\nMatched guest@example.com in any case: 1 via checkout email\n"),
        "{}",
        table.stdout
    );

    // A guest who typed another spelling is not found by Stripe's exact session filter: say so.
    let other = shop.run(&["payments", "list", "--email", "guest@other.example"]).ok();
    assert!(
        other
            .stderr
            .contains("hint: a guest checkout (no Customer) is found only by the email exactly as typed at checkout"),
        "{}",
        other.stderr
    );
    assert!(!table.stderr.contains("exactly as typed"), "no hint when payments were found: {}", table.stderr);

    let show = shop.run(&["payments", "show", &id]).ok();
    assert!(show.stdout.contains("Customer          none: guest checkout by guest@example.com"), "{}", show.stdout);
    let detail = shop.run(&["--format", "json", "payments", "show", &id]).ok().json();
    assert_eq!(
        (detail["customer"].clone(), detail["checkout_email"].as_str()),
        (Value::Null, Some("guest@example.com"))
    );
}

// issue #10: case variants of one address are one customer to support: customers are found
// by Stripe's case-insensitive search, sessions by each spelling; the requests are pinned
#[tokio::test(flavor = "multi_thread")]
async fn case_variants_of_an_address_are_one_customer_in_a_pinned_number_of_requests() {
    let shop = Shop::open().await;
    let (older, first) = existing_customer_pays(&shop, "Jane%40Example.com");
    // Rows from several lists merge by `created`, which has whole seconds: make them differ.
    std::thread::sleep(Duration::from_millis(1100));
    let newer = checkout_and_pay(&shop, &["sticker-pack"], "jane@example.com", "4242424242424242");
    std::thread::sleep(Duration::from_millis(1100));
    let guest = guest_checkout(&shop, "sticker-pack:2", "Jane@Example.com").stdout.trim().to_string();
    shop.sandbox.reset_counters();

    let rows = shop.run(&["--format", "json", "payments", "list", "--email", "JANE@EXAMPLE.COM"]).ok().json();
    assert_eq!(ids(&rows), [guest.as_str(), newer.as_str(), first.as_str()], "newest first, each once");
    let matched: Vec<&str> =
        rows.as_array().into_iter().flatten().filter_map(|row| row["matched_by"].as_str()).collect();
    assert_eq!(matched, ["checkout_email", "customer", "customer"]);
    assert_eq!(rows[2]["customer"], older.as_str());
    // One search (any case) and one exact list for customers, one payment list per customer,
    // one session list per spelling: as typed, in lower case, and the older customer's.
    assert_eq!(shop.requests("GET", "/v1/customers/search"), 1);
    assert_eq!(shop.requests("GET", "/v1/customers"), 1);
    assert_eq!(shop.requests("GET", "/v1/payment_intents"), 2);
    assert_eq!(shop.requests("GET", "/v1/checkout/sessions"), 3);
    assert_eq!(shop.sandbox.total_requests(), 7);

    let table = shop.run(&["payments", "list", "--email", "JANE@EXAMPLE.COM"]).ok();
    let newer_customer = rows[1]["customer"].as_str().unwrap_or_default();
    let footer = format!(
        "Matched JANE@EXAMPLE.COM in any case: 1 via customer {newer_customer} (jane@example.com), 1 via customer \
         {older} (Jane@Example.com), 1 via checkout email"
    );
    assert!(table.stdout.contains(&footer), "{}", table.stdout);
    let csv = shop.run(&["--format", "csv", "payments", "list", "--email", "jane@example.com"]).ok();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(
        reader.headers().ok().and_then(|headers| headers.get(12).map(str::to_string)).as_deref(),
        Some("matched_by")
    );
    let last: Vec<String> = reader.records().filter_map(Result::ok).map(|row| row[12].to_string()).collect();
    assert_eq!(last, ["checkout_email", "customer", "customer"]);
}

// Stripe's search trails writes ("under normal operating conditions, data is searchable in
// under 1 minute"): a customer who paid a moment ago is still found, by the exact-email list
#[tokio::test(flavor = "multi_thread")]
async fn a_customer_who_just_paid_is_found_although_search_lags() {
    let shop = Shop::open_with(SandboxBuilder::new().search_lag(Duration::from_secs(60))).await;
    let id = checkout_and_pay(&shop, &["setup-fee"], "jane@example.com", "4242424242424242");
    let searched = shop.seed("GET", "/v1/customers/search?query=email%3A%22jane%40example.com%22", "");
    assert_eq!(searched["data"], json!([]), "not searchable yet");
    let rows = shop.run(&["--format", "json", "payments", "list", "--email", "jane@example.com"]).ok().json();
    assert_eq!(ids(&rows), [id.as_str()]);
    assert_eq!(rows[0]["matched_by"], "customer");
}

// issue #10 item 10: card 4000 0025 0000 3155 leaves the payment waiting for 3-D Secure;
// `payments show` says so in words, and `sandbox pay --authenticate complete|fail` answers as
// the customer would, in the same run or later by the payment's id
#[tokio::test(flavor = "multi_thread")]
async fn three_d_secure_waits_for_the_customer_and_sandbox_pay_answers_it() {
    let shop = Shop::open().await;
    let checkout = |email: &str| {
        let args = ["checkout", "session", "--price", "setup-fee", "--success-url", SUCCESS_URL, "--email", email];
        shop.run(&args).ok().stdout.trim().to_string()
    };
    let url = checkout("ann@example.com");
    let paid = shop.run(&["sandbox", "pay", &url, "--card", "4000002500003155", "--authenticate", "complete"]).ok();
    let id = paid.stdout.trim().to_string();
    assert!(paid.stderr.contains("3-D Secure: the customer authenticated the payment"), "{}", paid.stderr);
    assert!(paid.stderr.contains(&format!("Session {} is complete", session_id(&url))), "{}", paid.stderr);
    let detail = shop.run(&["--format", "json", "payments", "show", &id]).ok().json();
    assert_eq!((detail["status"].as_str(), detail["amount_received"].as_i64()), (Some("succeeded"), Some(5000)));

    let url = checkout("bob@example.com");
    let waiting = shop.run(&["sandbox", "pay", &url, "--card", "4000002500003155"]).ok();
    let id = waiting.stdout.trim().to_string();
    assert!(waiting.stderr.contains("waiting for the customer to authenticate (3-D Secure)"), "{}", waiting.stderr);
    let show = shop.run(&["payments", "show", &id]).ok();
    assert!(
        show.stdout.contains(
            "Status            requires_action: waiting for the customer to authenticate the payment (3-D Secure, \
             next action `use_stripe_sdk`); nothing is charged until they do"
        ),
        "{}",
        show.stdout
    );
    let failed = shop.run(&["--format", "json", "sandbox", "pay", &id, "--authenticate", "fail"]).ok().json();
    assert_eq!(
        (failed["status"].as_str(), failed["session_status"].as_str(), failed["authentication"].as_str()),
        (Some("requires_payment_method"), Some("open"), Some("fail"))
    );
    let detail = shop.run(&["--format", "json", "payments", "show", &id]).ok().json();
    assert_eq!(detail["last_error"]["code"], "payment_intent_authentication_failure");
    // The customer tries another card on the page: the same payment succeeds.
    let retried = shop.run(&["sandbox", "pay", &url]).ok();
    assert_eq!(retried.stdout.trim(), id);
    assert_eq!(shop.session(&session_id(&url))["status"], "complete");

    let url = checkout("cat@example.com");
    let plain = shop.run(&["sandbox", "pay", &url, "--authenticate", "complete"]).ok();
    assert!(plain.stderr.contains("`--authenticate` had nothing to answer"), "{}", plain.stderr);
    let again = shop.run(&["sandbox", "pay", plain.stdout.trim(), "--authenticate", "complete"]).failed();
    assert!(again.stderr.contains("not waiting for the customer to authenticate"), "{}", again.stderr);
}

// Search "is not available to merchants in India" (stripe-api.md §4): when Stripe refuses the
// customer search, `--email` says so and goes on with the exact-email list
#[tokio::test(flavor = "multi_thread")]
async fn a_refused_customer_search_falls_back_to_the_exact_email() {
    use axum::Router;
    use axum::http::StatusCode;
    use axum::routing::get;

    let list = |data: &str| format!(r#"{{"object":"list","url":"/v1/x","has_more":false,"data":[{data}]}}"#);
    let customer = r#"{"id":"cus_exact","object":"customer","email":"jane@example.com","name":null}"#;
    let intent = r#"{"id":"pi_exact","object":"payment_intent","created":1795000000,"amount":5000,
        "amount_received":5000,"currency":"usd","status":"succeeded","customer":{"id":"cus_exact",
        "object":"customer","email":"jane@example.com","name":null},"receipt_email":null,
        "description":null,"metadata":{},"last_payment_error":null,"next_action":null}"#;
    let refused = r#"{"error":{"type":"invalid_request_error","message":"Search is not available for this account."}}"#;
    let (customers, intents, sessions) = (list(customer), list(intent), list(""));
    let app = Router::new()
        .route("/v1/customers/search", get(move || async move { (StatusCode::BAD_REQUEST, refused) }))
        .route("/v1/customers", get(move || async move { customers }))
        .route("/v1/payment_intents", get(move || async move { intents }))
        .route("/v1/checkout/sessions", get(move || async move { sessions }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let mut command = crate::support::binary();
    command.env("STRIPE_API_KEY", stripe_sandbox::SANDBOX_API_KEY).env("STRIPE_API_BASE", &base).args([
        "--format",
        "json",
        "payments",
        "list",
        "--email",
        "jane@example.com",
    ]);
    let run = Run::off_runtime(command).await.ok();
    assert!(
        run.stderr.contains(
            "warning: customer search is not available (Stripe refused to search customers by email: Search is not \
             available for this account."
        ),
        "{}",
        run.stderr
    );
    let rows = run.json();
    assert_eq!((ids(&rows), rows[0]["matched_by"].as_str()), (vec!["pi_exact"], Some("customer")));
}
