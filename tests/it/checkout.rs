//! `checkout session` and `checkout link` against the sandbox over real HTTP: the mode follows
//! the prices, refusals happen before anything is sent (the sandbox's request log shows no
//! create), unknown and archived keys come with suggestions.

use serde_json::Value;

use crate::shop::{SUCCESS_URL, Shop, redactions, session_id};

// issue #5 acceptance: a recurring key makes a `subscription` session; stdout is the URL alone
#[tokio::test(flavor = "multi_thread")]
async fn a_recurring_key_makes_a_subscription_session() {
    let shop = Shop::open().await;
    let run = shop
        .run(&["checkout", "session", "--price", "pro-monthly", "--price", "seats:5", "--success-url", SUCCESS_URL])
        .ok();
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("https://"), "{}", run.stdout);
    let session = shop.session(&session_id(&run.stdout));
    assert_eq!(session["mode"], "subscription");
    assert_eq!(session["status"], "open");
    assert_eq!(session["amount_total"], 2900 + 5 * 1000);
    assert_eq!(session["success_url"], SUCCESS_URL, "the placeholder stays literal");
    assert_eq!(session["line_items"]["data"][1]["quantity"], 5);
    assert_eq!(shop.creates(), 1);
}

// issue #5 acceptance: a one-time key makes a `payment` session; `--format json` fields
#[tokio::test(flavor = "multi_thread")]
async fn a_one_time_key_makes_a_payment_session_and_json_has_the_fields() {
    let shop = Shop::open().await;
    let before = jiff::Timestamp::now().as_second();
    let run = shop
        .run(&[
            "--format",
            "json",
            "checkout",
            "session",
            "--price",
            "setup-fee:2",
            "--email",
            "jane@example.com",
            "--expires-in",
            "2h",
            "--success-url",
            SUCCESS_URL,
            "--metadata",
            "ticket=T-42",
        ])
        .ok();
    let json = run.json();
    let keys: Vec<&str> =
        json.as_object().map(|object| object.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(keys, ["id", "url", "mode", "amount_total", "currency", "expires_at", "customer_creation"]);
    assert_eq!(json["customer_creation"], "always");
    assert_eq!(json["mode"], "payment");
    assert_eq!(json["amount_total"], 10_000);
    assert_eq!(json["currency"], "usd");
    let expires_at = json["expires_at"].as_i64().unwrap_or_default();
    assert!((before + 7200 - 120..=before + 7200 + 120).contains(&expires_at), "{expires_at} vs {before}");
    let session = shop.session(json["id"].as_str().unwrap_or_default());
    assert_eq!(session["customer_email"], "jane@example.com");
    assert_eq!(session["metadata"]["ticket"], "T-42");
    assert_eq!(session["url"], json["url"]);
}

// issue #5 acceptance: mixed and invalid requests are refused before any request is sent
#[tokio::test(flavor = "multi_thread")]
async fn invalid_requests_are_refused_before_anything_is_created() {
    let shop = Shop::open().await;
    let cases: &[(&[&str], &str)] = &[
        (
            &["--price", "setup-fee", "--price", "setup-fee-eur"],
            "prices in different currencies cannot be sold together",
        ),
        (&["--price", "pro-monthly", "--price", "pro-yearly"], "`pro-monthly` bills month but `pro-yearly` bills year"),
        (&["--price", "setup-fee", "--trial-days", "14"], "`--trial-days` needs a subscription"),
        (&["--price", "setup-fee", "--price", "setup-fee:2"], "is given more than once"),
        (&["--price", "setup-fee:0"], "quantity 0"),
        (&["--price", "setup-fee:abc"], "error: `abc` in `--price setup-fee:abc` is not a quantity"),
        (&["--price", "setup-fee:2.5"], "error: `2.5` in `--price setup-fee:2.5` is not a quantity"),
        (&["--price", "setup-fee", "--expires-in", "2d"], "`--expires-in 2d`: days and longer units are not accepted"),
        (&["--price", "setup-fee", "--expires-in", "25h"], "outside Stripe's window"),
        (&["--price", "setup-fee", "--expires-in", "10m"], "outside Stripe's window"),
        (&["--price", "setup-fee", "--success-url", "not a url"], "not an http(s) URL"),
        (&["--price", "setup-fee", "--email", "nobody"], "not an email address"),
        (&["--price", "setup-fee", "--metadata", "novalue"], "has no `=`"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["checkout", "session"];
        all.extend_from_slice(args);
        if !args.contains(&"--success-url") {
            all.extend_from_slice(&["--success-url", SUCCESS_URL]);
        }
        let run = shop.run(&all).failed();
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert_eq!(shop.creates(), 0, "nothing may be created");

    // Without a catalog and without `--success-url`, nothing is even looked up.
    shop.sandbox.reset_counters();
    let run = shop.run(&["checkout", "session", "--price", "setup-fee"]).failed();
    assert!(run.stderr.contains("no success URL"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: pass `--success-url"), "{}", run.stderr);
    assert_eq!(shop.sandbox.total_requests(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn too_many_line_items_are_refused_before_anything_is_created() {
    let shop = Shop::open().await;
    let mut args = vec!["checkout".to_string(), "link".to_string()];
    for n in 0..21 {
        shop.seed("POST", "/v1/prices", &format!("product=pro&lookup_key=item-{n}&unit_amount=100&currency=usd"));
        args.extend(["--price".to_string(), format!("item-{n}")]);
    }
    shop.sandbox.reset_counters();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = shop.run(&args).failed();
    assert!(run.stderr.contains("21 line items given; Stripe takes at most 20"), "{}", run.stderr);
    assert_eq!(shop.creates(), 0);
    // 21 keys are looked up in ceil(21 / 10) = 3 requests.
    assert_eq!(shop.requests("GET", "/v1/prices"), 3);
}

// issue #5 acceptance: unknown keys fail with the closest known keys suggested
#[tokio::test(flavor = "multi_thread")]
async fn unknown_keys_fail_with_suggestions() {
    let shop = Shop::open().await;
    let run = shop.run(&["checkout", "session", "--price", "pro-montly", "--success-url", SUCCESS_URL]).failed();
    insta::with_settings!({ filters => redactions() }, {
        insta::assert_snapshot!("unknown_key_stderr", run.stderr);
    });
    assert!(run.stderr.contains("did you mean `pro-monthly`"), "{}", run.stderr);
    assert_eq!(shop.creates(), 0);
}

// issue #5 acceptance: an archived key is refused (with the active alternative) before anything is created
#[tokio::test(flavor = "multi_thread")]
async fn archived_keys_fail_with_suggestions() {
    let shop = Shop::open().await;
    let run = shop.run(&["checkout", "link", "--price", "pro-monthly-2023"]).failed();
    assert!(run.stderr.contains("`pro-monthly-2023` (price_"), "{}", run.stderr);
    assert!(run.stderr.contains("is archived"), "{}", run.stderr);
    assert!(run.stderr.contains("active prices with similar keys: `pro-monthly`"), "{}", run.stderr);
    assert_eq!(shop.creates(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn keys_are_resolved_ten_per_request() {
    let shop = Shop::open().await;
    let mut args =
        vec!["checkout".to_string(), "session".to_string(), "--success-url".to_string(), SUCCESS_URL.to_string()];
    for n in 0..12 {
        shop.seed("POST", "/v1/prices", &format!("product=pro&lookup_key=bulk-{n}&unit_amount=100&currency=usd"));
        args.extend(["--price".to_string(), format!("bulk-{n}")]);
    }
    shop.sandbox.reset_counters();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    shop.run(&args).ok();
    assert_eq!(shop.requests("GET", "/v1/prices"), 2, "12 keys = 2 lookups");
    assert_eq!(shop.creates(), 1);
}

// issue #5: the text summary on stderr (snapshot), the catalog's URLs used when no flag is given
#[tokio::test(flavor = "multi_thread")]
async fn text_summary_and_catalog_defaults() {
    let shop = Shop::open().await;
    shop.write_catalog(
        "version: 1\ncheckout:\n  success_url: https://shop.example/ok?s={CHECKOUT_SESSION_ID}\n  cancel_url: https://shop.example/pricing\nproducts: []\n",
    );
    let run = shop
        .run(&[
            "checkout",
            "session",
            "--price",
            "pro-monthly",
            "--price",
            "setup-fee",
            "--email",
            "jane@example.com",
            "--expires-in",
            "3h",
        ])
        .ok();
    insta::with_settings!({ filters => redactions() }, {
        insta::assert_snapshot!("session_summary_stderr", run.stderr);
    });
    let session = shop.session(&session_id(&run.stdout));
    assert_eq!(session["success_url"], "https://shop.example/ok?s={CHECKOUT_SESSION_ID}");
    assert_eq!(session["cancel_url"], "https://shop.example/pricing");
    assert_eq!(session["mode"], "subscription");
}

#[tokio::test(flavor = "multi_thread")]
async fn qr_goes_to_stderr_and_stdout_stays_the_url() {
    let shop = Shop::open().await;
    let run = shop.run(&["checkout", "session", "--price", "setup-fee", "--success-url", SUCCESS_URL, "--qr"]).ok();
    assert_eq!(run.stdout.lines().count(), 1);
    assert!(run.stderr.contains('█'), "{}", run.stderr);
    let quiet =
        shop.run(&["--quiet", "checkout", "session", "--price", "setup-fee", "--success-url", SUCCESS_URL]).ok();
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout.lines().count(), 1);
}

// issue #5: payment links are created, listed and deactivated
#[tokio::test(flavor = "multi_thread")]
async fn payment_links_are_created_listed_and_deactivated() {
    let shop = Shop::open().await;
    let run = shop
        .run(&[
            "checkout",
            "link",
            "--price",
            "sticker-pack:2",
            "--adjustable-quantity",
            "1..10",
            "--after-completion-url",
            "https://example.com/done",
            "--promotion-codes",
        ])
        .ok();
    let url = run.stdout.trim().to_string();
    assert!(url.starts_with("https://"), "{url}");

    let list = shop.run(&["--format", "json", "checkout", "link", "list"]).ok().json();
    assert_eq!(list[0]["url"], url.as_str());
    assert_eq!(list[0]["active"], true);
    let id = list[0]["id"].as_str().unwrap_or_default().to_string();
    let link = shop.seed("GET", &format!("/v1/payment_links/{id}?expand[]=line_items"), "");
    assert_eq!(link["line_items"]["data"][0]["quantity"], 2);
    assert_eq!(link["line_items"]["data"][0]["adjustable_quantity"]["maximum"], 10);
    assert_eq!(link["after_completion"]["redirect"]["url"], "https://example.com/done");
    assert_eq!(link["allow_promotion_codes"], true);

    let run = shop.run(&["checkout", "link", "deactivate", &id]).ok();
    assert!(run.stderr.contains("Deactivated plink_"), "{}", run.stderr);
    let csv = shop.run(&["--format", "csv", "checkout", "link", "list"]).ok();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.unwrap_or_default()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0][0], &rows[0][1]), (id.as_str(), "false"));
    let active = shop.run(&["--format", "json", "checkout", "link", "list", "--active", "true"]).ok().json();
    assert_eq!(active, serde_json::json!([]));

    let out_of_range = shop.run(&["checkout", "link", "--price", "sticker-pack:20", "--adjustable-quantity", "1..10"]);
    assert!(out_of_range.failed().stderr.contains("outside `--adjustable-quantity 1..10`"));
    assert_eq!(shop.requests("POST", "/v1/payment_links"), 1);
}

// Tiered prices: the summary's total is computed from the tiers, and agrees with the session's
#[tokio::test(flavor = "multi_thread")]
async fn tiered_prices_are_priced_from_their_tiers() {
    let shop = Shop::open().await;
    shop.seed(
        "POST",
        "/v1/prices",
        "product=pro&lookup_key=seats-graduated&currency=usd&recurring[interval]=month&billing_scheme=tiered\
         &tiers_mode=graduated&tiers[0][up_to]=10&tiers[0][unit_amount]=500\
         &tiers[1][up_to]=inf&tiers[1][unit_amount]=400&tiers[1][flat_amount]=1000",
    );
    let run = shop.run(&["checkout", "session", "--price", "seats-graduated:12", "--success-url", SUCCESS_URL]).ok();
    assert!(run.stderr.contains("seats-graduated  × 12  $68.00 USD / month"), "{}", run.stderr);
    assert!(run.stderr.contains("Total            $68.00 USD / month"), "{}", run.stderr);
    assert_eq!(shop.session(&session_id(&run.stdout))["amount_total"], 10 * 500 + 2 * 400 + 1000);
}

// issue #14 item 5: fractions of a cent per unit (`unit_amount_decimal`, per unit and in tiers)
// are multiplied out exactly and each line is rounded to a whole cent, halves up, as Stripe
// rounds line items; the summary and the sandbox's session agree
#[tokio::test(flavor = "multi_thread")]
async fn sub_cent_prices_are_totalled_with_stripe_rounding() {
    let shop = Shop::open().await;
    shop.seed(
        "POST",
        "/v1/prices",
        "product=pro&lookup_key=api-calls&currency=usd&recurring[interval]=month&unit_amount_decimal=0.3",
    );
    shop.seed(
        "POST",
        "/v1/prices",
        "product=pro&lookup_key=api-tiers&currency=usd&recurring[interval]=month&billing_scheme=tiered\
         &tiers_mode=graduated&tiers[0][up_to]=1000&tiers[0][unit_amount]=0\
         &tiers[1][up_to]=inf&tiers[1][unit_amount_decimal]=0.3",
    );
    let run = shop.run(&["checkout", "session", "--price", "api-calls:1000", "--success-url", SUCCESS_URL]).ok();
    assert!(run.stderr.contains("api-calls  × 1000  $3.00 USD / month"), "{}", run.stderr);
    assert_eq!(shop.session(&session_id(&run.stdout))["amount_total"], 300);
    // 1,005 × 0.3¢ = 301.5¢, rounded half up to $3.02.
    let run = shop.run(&["checkout", "session", "--price", "api-calls:1005", "--success-url", SUCCESS_URL]).ok();
    assert!(run.stderr.contains("Total      $3.02 USD / month"), "{}", run.stderr);
    assert_eq!(shop.session(&session_id(&run.stdout))["amount_total"], 302);
    // 1,000 free, then 1,005 × 0.3¢ = 301.5¢ → $3.02 again, from the tiers.
    let run = shop.run(&["checkout", "session", "--price", "api-tiers:2005", "--success-url", SUCCESS_URL]).ok();
    assert!(run.stderr.contains("api-tiers  × 2005  $3.02 USD / month"), "{}", run.stderr);
    assert_eq!(shop.session(&session_id(&run.stdout))["amount_total"], 302);
}

// issue #14 item 14: Stripe fills in only the exact `{CHECKOUT_SESSION_ID}`; near misses are
// warned about at `checkout session` (and by `validate`, see tests/it/catalog.rs)
#[tokio::test(flavor = "multi_thread")]
async fn a_mistyped_success_url_placeholder_is_warned_about() {
    let shop = Shop::open().await;
    let url = "https://example.com/thanks?session={checkout_session_id}";
    let run = shop.run(&["checkout", "session", "--price", "setup-fee", "--success-url", url]).ok();
    assert!(
        run.stderr.contains(
            "warning: --success-url: `{checkout_session_id}` will not be filled in (placeholders are case-sensitive): \
             Stripe fills in only `{CHECKOUT_SESSION_ID}`"
        ),
        "{}",
        run.stderr
    );
    let run = shop.run(&["checkout", "session", "--price", "setup-fee", "--success-url", SUCCESS_URL]).ok();
    assert!(!run.stderr.contains("warning"), "the exact placeholder is fine: {}", run.stderr);
}

// issue #14 item 1: an active price whose product is archived is refused before any create
// (Stripe: "The price … is not available to be purchased because its product is not active.")
#[tokio::test(flavor = "multi_thread")]
async fn prices_of_an_archived_product_are_refused_before_any_request() {
    let shop = Shop::open().await;
    shop.seed("POST", "/v1/products/pro", "active=false");
    for args in [
        vec!["checkout", "session", "--price", "pro-monthly", "--success-url", SUCCESS_URL],
        vec!["checkout", "link", "--price", "pro-monthly"],
    ] {
        let run = shop.run(&args).failed();
        assert!(
            run.stderr.contains("`pro-monthly` (price_")
                && run.stderr.contains("product `pro`) is not for sale: its product is archived"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint: reactivate the product"), "{}", run.stderr);
    }
    assert_eq!(shop.creates(), 0);
}

// issue #10 (guest checkout, the CLI's follow-up): support wants a Customer to follow up with,
// so payment-mode sessions and links send `customer_creation=always` unless the flag or the
// catalog's `checkout.customer_creation` say otherwise; never in subscription mode or with an
// existing customer (Stripe refuses both), and a guest subscription is refused up front
#[tokio::test(flavor = "multi_thread")]
async fn customer_creation_is_always_by_default_in_payment_mode_only() {
    let shop = Shop::open().await;
    let session = |args: &[&str]| {
        let run = shop.run(&[&["checkout", "session", "--success-url", SUCCESS_URL][..], args].concat()).ok();
        shop.session(&session_id(&run.stdout))
    };
    let link = |args: &[&str]| {
        let run = shop.run(&[&["--format", "json", "checkout", "link"][..], args].concat()).ok();
        let id = run.json()["id"].as_str().unwrap_or_default().to_string();
        shop.seed("GET", &format!("/v1/payment_links/{id}"), "")
    };
    assert_eq!(session(&["--price", "setup-fee"])["customer_creation"], "always");
    assert_eq!(link(&["--price", "setup-fee"])["customer_creation"], "always");
    let guest = session(&["--price", "setup-fee", "--customer-creation", "if_required"]);
    assert_eq!(guest["customer_creation"], "if_required");
    assert_eq!(
        link(&["--price", "setup-fee", "--customer-creation", "if_required"])["customer_creation"],
        "if_required"
    );
    // Not sent: Stripe refuses it in subscription mode and beside `customer`.
    assert_eq!(session(&["--price", "pro-monthly"])["customer_creation"], Value::Null);
    let customer = shop.seed("POST", "/v1/customers", "email=kim%40example.com");
    let customer = customer["id"].as_str().unwrap_or_default();
    assert_eq!(session(&["--price", "setup-fee", "--customer", customer])["customer_creation"], Value::Null);

    // The catalog's default, and the flag over it.
    shop.write_catalog("version: 1\ncheckout:\n  customer_creation: if_required\nproducts: []\n");
    let run = shop.run(&["checkout", "session", "--price", "setup-fee", "--success-url", SUCCESS_URL]).ok();
    assert!(
        run.stderr.contains("Customer   entered by the customer at checkout (guest checkout: no Customer is created)"),
        "{}",
        run.stderr
    );
    assert_eq!(shop.session(&session_id(&run.stdout))["customer_creation"], "if_required");
    assert_eq!(session(&["--price", "setup-fee", "--customer-creation", "always"])["customer_creation"], "always");
    assert_eq!(
        link(&["--price", "pro-monthly"])["customer_creation"],
        "if_required",
        "the sandbox's own default: nothing sent"
    );

    shop.sandbox.reset_counters();
    let guest_subscription = ["--price", "pro-monthly", "--customer-creation", "if_required"];
    let refused = shop.run(&[&["checkout", "session", "--success-url", SUCCESS_URL][..], &guest_subscription].concat());
    let refused = refused.failed();
    assert!(refused.stderr.contains("cannot apply to a subscription"), "{}", refused.stderr);
    let both = shop.run(&[
        "checkout",
        "session",
        "--price",
        "setup-fee",
        "--customer",
        customer,
        "--customer-creation",
        "always",
    ]);
    assert!(both.failed().stderr.contains("cannot be used with"));
    assert_eq!(shop.creates(), 0);
}

// issue #10: a misspelt `checkout.customer_creation` is a catalog error with the accepted words
#[tokio::test(flavor = "multi_thread")]
async fn the_catalog_customer_creation_is_checked() {
    let shop = Shop::open().await;
    shop.write_catalog("version: 1\ncheckout:\n  customer_creation: sometimes\nproducts: []\n");
    let run = shop.run(&["validate"]).failed();
    assert!(run.stderr.contains("`sometimes` is not a valid customer_creation"), "{}", run.stderr);
    assert!(run.stderr.contains("use `always` or `if_required`"), "{}", run.stderr);
}

// issue #10 item 9, the CLI's side: `--currency` charges the prices' currency options; a price
// without one is refused before anything is created, naming the currencies there are
#[tokio::test(flavor = "multi_thread")]
async fn a_currency_option_is_charged_or_refused_before_anything_is_created() {
    let shop = Shop::open().await;
    shop.seed(
        "POST",
        "/v1/prices",
        "product=pro&lookup_key=setup-intl&currency=usd&unit_amount=5000&currency_options[eur][unit_amount]=4500",
    );
    shop.sandbox.reset_counters();
    let run = shop
        .run(&["checkout", "session", "--price", "setup-intl:2", "--currency", "EUR", "--success-url", SUCCESS_URL])
        .ok();
    assert!(run.stderr.contains("Total       €90.00 EUR"), "{}", run.stderr);
    let session = shop.session(&session_id(&run.stdout));
    assert_eq!((session["currency"].as_str(), session["amount_total"].as_i64()), (Some("eur"), Some(9000)));
    let link =
        shop.run(&["--format", "json", "checkout", "link", "--price", "setup-intl", "--currency", "eur"]).ok().json();
    assert_eq!((link["currency"].as_str(), link["amount_total"].as_i64()), (Some("eur"), Some(4500)));

    shop.sandbox.reset_counters();
    let one_lacks_eur = ["--price", "setup-intl", "--price", "setup-fee", "--currency", "eur"];
    let refused = shop.run(&[&["checkout", "session", "--success-url", SUCCESS_URL][..], &one_lacks_eur].concat());
    let refused = refused.failed();
    assert!(refused.stderr.contains("error: `setup-fee` (USD) has no price in EUR"), "{}", refused.stderr);
    assert!(refused.stderr.contains("hint: available for every price here: USD"), "{}", refused.stderr);
    assert_eq!(shop.creates(), 0);
    let unknown = shop.run(&["checkout", "link", "--price", "setup-intl", "--currency", "xyz"]).failed();
    assert!(unknown.stderr.contains("`--currency xyz` is not a currency Stripe charges in"), "{}", unknown.stderr);
    assert_eq!(shop.creates(), 0);
}
