//! Checkout Sessions, Payment Links, PaymentIntents, Customers, Events and the sandbox-only
//! `test_helpers` pay endpoint, over plain HTTP.

use serde_json::{Value, json};

use super::{Api, id, start};

/// A product with a monthly price, a one-time price, an archived price and a euro price.
async fn stock(api: &Api) -> (String, String, String, String) {
    api.create("/v1/products", "id=pro&name=Pro").await;
    let monthly = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=2900&recurring[interval]=month").await;
    let one_time = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=5000").await;
    let archived = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=100&active=false").await;
    let euro = api.create("/v1/prices", "product=pro&currency=eur&unit_amount=100").await;
    (id(&monthly), id(&one_time), id(&archived), id(&euro))
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

// stripe-api.md §9 (mode rules, messages from §5)
#[tokio::test]
async fn session_mode_must_match_the_prices() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, one_time, _, _) = stock(&api).await;
    let wrong = api.post("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={monthly}")).await;
    assert_eq!(wrong.status, 400);
    assert!(
        wrong.message().starts_with("You specified `payment` mode but passed a recurring price."),
        "{}",
        wrong.body
    );
    let wrong = api.post("/v1/checkout/sessions", &format!("mode=subscription&line_items[0][price]={one_time}")).await;
    assert_eq!(wrong.status, 400);
    assert_eq!(
        wrong.message(),
        "You must provide at least one recurring price in `subscription` mode when using prices."
    );
    let mixed = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=subscription&line_items[0][price]={monthly}&line_items[1][price]={one_time}&line_items[1][quantity]=2"),
        )
        .await;
    assert_eq!(mixed["amount_total"], 2900 + 2 * 5000);
    assert_eq!(mixed["status"], "open");
    assert_eq!(mixed["payment_status"], "unpaid");
    assert!(mixed["id"].as_str().is_some_and(|id| id.starts_with("cs_test_")));
    assert!(mixed.get("line_items").is_none(), "line_items is includable (§4)");
}

// stripe-api.md §9 (line item limits), §5 (inactive prices)
#[tokio::test]
async fn session_line_items_follow_stripes_limits() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, one_time, archived, euro) = stock(&api).await;
    let items = |price: &str, count: usize| -> String {
        (0..count).map(|n| format!("&line_items[{n}][price]={price}")).collect()
    };
    let too_many = api.post("/v1/checkout/sessions", &format!("mode=payment{}", items(&one_time, 101))).await;
    assert_eq!((too_many.status, too_many.body["error"]["param"].as_str()), (400, Some("line_items")));
    api.create("/v1/checkout/sessions", &format!("mode=payment{}", items(&one_time, 100))).await;
    let recurring = api.post("/v1/checkout/sessions", &format!("mode=subscription{}", items(&monthly, 21))).await;
    assert_eq!(recurring.status, 400, "{}", recurring.body);

    let inactive = api.post("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={archived}")).await;
    assert_eq!(inactive.status, 400);
    assert_eq!(inactive.message(), "The price specified is inactive. This field only accepts active prices.");
    assert_eq!(inactive.body["error"]["param"], "line_items[0][price]");
    let unknown = api.post("/v1/checkout/sessions", "mode=payment&line_items[0][price]=price_nope").await;
    assert_eq!((unknown.status, unknown.code()), (400, "resource_missing"));
    let currencies = api
        .post(
            "/v1/checkout/sessions",
            &format!("mode=payment&line_items[0][price]={one_time}&line_items[1][price]={euro}"),
        )
        .await;
    assert_eq!(currencies.status, 400);
}

// stripe-api.md §9 (expires_at window, url only while open, `{CHECKOUT_SESSION_ID}` literal, expire)
#[tokio::test]
async fn session_expiry_url_and_expire() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (_, one_time, _, _) = stock(&api).await;
    let base = format!("mode=payment&line_items[0][price]={one_time}");
    for bad in [now() + 10 * 60, now() + 25 * 3600] {
        let reply = api.post("/v1/checkout/sessions", &format!("{base}&expires_at={bad}")).await;
        assert_eq!((reply.status, reply.body["error"]["param"].as_str()), (400, Some("expires_at")));
    }
    let default = api.create("/v1/checkout/sessions", &base).await;
    let expires = default["expires_at"].as_i64().unwrap_or_default();
    assert!((now() + 24 * 3600 - 5..=now() + 24 * 3600).contains(&expires), "default is 24 h");

    let url = "https://example.com/ok?session_id={CHECKOUT_SESSION_ID}";
    let session = api
        .create("/v1/checkout/sessions", &format!("{base}&expires_at={}&success_url={}", now() + 3600, urlencode(url)))
        .await;
    assert_eq!(session["success_url"], url);
    assert!(session["url"].as_str().is_some_and(|url| url.ends_with(&id(&session))));

    let path = format!("/v1/checkout/sessions/{}", id(&session));
    let expired = api.create(&format!("{path}/expire"), "").await;
    assert_eq!((expired["status"].as_str(), &expired["url"]), (Some("expired"), &Value::Null));
    assert_eq!(api.get(&path).await.body["url"], Value::Null);
    let again = api.post(&format!("{path}/expire"), "").await;
    assert_eq!(again.status, 400);
    assert!(again.message().contains("status of \"expired\""), "{}", again.body);
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

// stripe-api.md §9, §4 (line_items is includable; its own list endpoint)
#[tokio::test]
async fn session_line_items_are_includable_and_listable() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, _, _, _) = stock(&api).await;
    let session = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=subscription&line_items[0][price]={monthly}&line_items[0][quantity]=3"),
        )
        .await;
    let path = format!("/v1/checkout/sessions/{}", id(&session));
    let expanded = api.get(&format!("{path}?expand[]=line_items")).await.body;
    assert_eq!(expanded["line_items"]["data"][0]["quantity"], 3);
    assert_eq!(expanded["line_items"]["data"][0]["amount_total"], 8700);
    assert_eq!(expanded["line_items"]["data"][0]["price"]["id"], monthly.as_str());
    let listed = api.get(&format!("{path}/line_items")).await;
    assert_eq!(listed.body["object"], "list");
    assert_eq!(listed.ids().len(), 1);
    let by_intent = api.get("/v1/checkout/sessions?payment_intent=pi_none").await;
    assert_eq!(by_intent.ids(), Vec::<String>::new());
}

// stripe-api.md §10
#[tokio::test]
async fn payment_links_create_deactivate_and_list() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, one_time, archived, _) = stock(&api).await;
    let items: String =
        (0..21).map(|n| format!("&line_items[{n}][price]={one_time}&line_items[{n}][quantity]=1")).collect();
    let too_many = api.post("/v1/payment_links", items.trim_start_matches('&')).await;
    assert_eq!(too_many.status, 400);
    let inactive =
        api.post("/v1/payment_links", &format!("line_items[0][price]={archived}&line_items[0][quantity]=1")).await;
    assert_eq!(inactive.body["error"]["param"], "line_items[0][price]");

    let link =
        api.create("/v1/payment_links", &format!("line_items[0][price]={monthly}&line_items[0][quantity]=1")).await;
    assert_eq!(link["active"], true);
    assert!(link["id"].as_str().is_some_and(|id| id.starts_with("plink_")));
    assert_eq!(link["after_completion"]["type"], "hosted_confirmation");
    let path = format!("/v1/payment_links/{}", id(&link));
    let off = api.create(&path, "active=false").await;
    assert_eq!(off["active"], false);
    assert_eq!(api.get("/v1/payment_links?active=true").await.ids(), Vec::<String>::new());
    assert_eq!(api.get("/v1/payment_links?active=false").await.ids(), vec![id(&link)]);
    assert_eq!(api.delete(&path).await.status, 404, "no delete (§1.1 endpoints that do not exist)");
    assert_eq!(api.get(&format!("{path}/line_items")).await.ids().len(), 1);
}

// stripe-api.md §1.1 (GET /v1/payment_intents: customer, created, newest first, cursors)
#[tokio::test]
async fn payment_intents_list_filters_and_pages() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let customer = api.create("/v1/customers", "email=jane@example.com").await;
    let mut created = Vec::new();
    for n in 1..=5 {
        let customer_param = if n % 2 == 0 { format!("&customer={}", id(&customer)) } else { String::new() };
        created.push(id(&api
            .create("/v1/payment_intents", &format!("amount={}&currency=usd{customer_param}", n * 100))
            .await));
    }
    let all = api.get("/v1/payment_intents?limit=3").await;
    let newest: Vec<String> = created.iter().rev().take(3).cloned().collect();
    assert_eq!(all.ids(), newest);
    assert_eq!(all.body["has_more"], true);
    let next = api.get(&format!("/v1/payment_intents?limit=3&starting_after={}", newest[2])).await;
    assert_eq!(next.ids(), vec![created[1].clone(), created[0].clone()]);
    assert_eq!(next.body["has_more"], false);
    let mine = api.get(&format!("/v1/payment_intents?customer={}", id(&customer))).await;
    assert_eq!(mine.ids(), vec![created[3].clone(), created[1].clone()]);
    let none = api.get(&format!("/v1/payment_intents?created[lt]={}", now() - 60)).await;
    assert_eq!(none.ids(), Vec::<String>::new());
    let expanded = api.get(&format!("/v1/payment_intents/{}?expand[]=customer", created[3])).await;
    assert_eq!(expanded.body["customer"]["email"], "jane@example.com");
    assert_eq!(api.get("/v1/payment_intents/pi_nope").await.status, 404);
    let by_email = api.get("/v1/customers?email=jane@example.com").await;
    assert_eq!(by_email.ids(), vec![id(&customer)]);
}

// stripe-api.md §13 item 10 (events: `type` wildcards, `types[]`, not both)
#[tokio::test]
async fn events_filter_by_type_with_wildcards() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (_, one_time, _, _) = stock(&api).await;
    api.create("/v1/payment_intents", "amount=100&currency=usd&confirm=true&payment_method=pm_card_visa").await;
    api.create("/v1/payment_links", &format!("line_items[0][price]={one_time}&line_items[0][quantity]=1")).await;
    let types = |reply: &super::Reply| -> Vec<String> {
        reply.body["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|event| event["type"].as_str().map(str::to_string))
            .collect()
    };
    let intents = api.get("/v1/events?type=payment_intent.*").await;
    assert_eq!(types(&intents), ["payment_intent.succeeded", "payment_intent.created"]);
    let both = api.get("/v1/events?types[]=payment_link.created&types[]=payment_intent.succeeded").await;
    assert_eq!(types(&both), ["payment_link.created", "payment_intent.succeeded"]);
    let suffix = api.get("/v1/events?type=*.created").await;
    // The catalog set up above also recorded its product.created and price.created events.
    let suffix = types(&suffix);
    assert!(suffix.iter().all(|kind| kind.ends_with(".created")), "{suffix:?}");
    assert_eq!(suffix[..2], ["payment_link.created", "payment_intent.created"]);
    assert!(suffix.iter().any(|kind| kind == "product.created") && suffix.iter().any(|kind| kind == "price.created"));
    assert_eq!(intents.body["data"][0]["data"]["object"]["object"], "payment_intent");
    let refused = api.get("/v1/events?type=a&types[]=b").await;
    assert_eq!(refused.status, 400);
}

/// A payment-mode session of `price` for jane@example.com, and the path that pays it.
async fn jane_session(api: &Api, price: &str) -> (Value, String) {
    let session = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=payment&line_items[0][price]={price}&customer_email=jane@example.com"),
        )
        .await;
    let pay = format!("/v1/test_helpers/checkout/sessions/{}/pay", id(&session));
    (session, pay)
}

// The sandbox-only pay endpoint: Stripe's test cards, the objects and events Checkout creates
#[tokio::test]
async fn paying_a_session_with_test_cards() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (_, one_time, _, _) = stock(&api).await;
    let (session, pay) = jane_session(&api, &one_time).await;

    let declined = api.create(&pay, "card=4000000000009995").await;
    assert_eq!(declined["status"], "open");
    let intent = &declined["payment_intent"];
    assert_eq!(intent["status"], "requires_payment_method");
    assert_eq!(
        intent["last_payment_error"],
        json!({
            "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
            "doc_url": "https://stripe.com/docs/error-codes/card-declined",
            "message": "Your card has insufficient funds.",
            "payment_method": intent["last_payment_error"]["payment_method"].clone(),
        })
    );

    let paid = api.create(&pay, "card=4242424242424242").await;
    assert_eq!((paid["status"].as_str(), paid["payment_status"].as_str()), (Some("complete"), Some("paid")));
    assert_eq!(paid["url"], Value::Null);
    assert_eq!(paid["payment_intent"]["id"], intent["id"], "the retry reuses the payment");
    assert_eq!(paid["payment_intent"]["amount_received"], 5000);
    assert_eq!(paid["customer_details"]["email"], "jane@example.com");
    let by_email = api.get("/v1/checkout/sessions?customer_details[email]=jane@example.com").await;
    assert_eq!(by_email.ids(), vec![id(&session)]);
    let completed = api.get("/v1/events?type=checkout.session.completed").await;
    assert_eq!(completed.body["data"][0]["data"]["object"]["id"], id(&session).as_str());

    let closed = api.post(&pay, "card=4242424242424242").await;
    assert_eq!((closed.status, closed.code()), (400, "checkout_session_not_open"));
    let unknown = api.post(&pay, "colour=blue").await;
    assert_eq!((unknown.status, unknown.code()), (400, "parameter_unknown"));
}

// The sandbox-only link pay endpoint: a visit opens a new session (stripe-api.md §10: "Each visit
// will open a new checkout session"), and a refused visit leaves none behind
#[tokio::test]
async fn paying_a_payment_link_opens_a_session_per_visit() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (_, one_time, _, _) = stock(&api).await;
    let link =
        api.create("/v1/payment_links", &format!("line_items[0][price]={one_time}&line_items[0][quantity]=2")).await;
    let pay = format!("/v1/test_helpers/payment_links/{}/pay", id(&link));
    let no_email = api.post(&pay, "card=4242424242424242").await;
    assert_eq!((no_email.status, no_email.body["error"]["param"].as_str()), (400, Some("email")));
    let bad_card = api.post(&pay, "card=1111&email=a@example.com").await;
    assert_eq!((bad_card.status, bad_card.code()), (400, "incorrect_number"));
    assert_eq!(sandbox.object_count("checkout_sessions"), 0, "refused visits open no session");

    let paid = api.create(&pay, "email=a@example.com").await;
    assert_eq!(paid["payment_link"], link["id"]);
    assert_eq!((paid["mode"].as_str(), paid["status"].as_str()), (Some("payment"), Some("complete")));
    assert_eq!(paid["payment_intent"]["amount"], 10_000);
    api.create(&pay, "email=b@example.com").await;
    let sessions = api.get(&format!("/v1/checkout/sessions?payment_link={}", id(&link))).await;
    assert_eq!(sessions.ids().len(), 2);

    api.create(&format!("/v1/payment_links/{}", id(&link)), "active=false").await;
    let inactive = api.post(&pay, "email=c@example.com").await;
    assert_eq!((inactive.status, inactive.code()), (400, "payment_link_inactive"));
}

// Issue #10 item 10: card 4000 0025 0000 3155 needs 3-D Secure (https://docs.stripe.com/testing);
// the PaymentIntent waits in `requires_action` until the sandbox-only authenticate helper plays
// the customer's answer.
#[tokio::test]
async fn three_d_secure_waits_for_the_customer() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, one_time, _, _) = stock(&api).await;
    let (session, pay) = jane_session(&api, &one_time).await;

    let waiting = api.create(&pay, "card=4000+0025+0000+3155").await;
    assert_eq!(waiting["status"], "open");
    let intent = waiting["payment_intent"].clone();
    assert_eq!(intent["status"], "requires_action");
    assert_eq!(intent["next_action"]["type"], "use_stripe_sdk");
    assert_eq!(intent["next_action"]["use_stripe_sdk"]["type"], "three_d_secure_redirect");
    let authenticate = format!("/v1/test_helpers/payment_intents/{}/authenticate", id(&intent));

    let failed = api.create(&authenticate, "outcome=fail").await;
    assert_eq!((failed["status"].as_str(), &failed["next_action"]), (Some("requires_payment_method"), &Value::Null));
    assert_eq!(failed["last_payment_error"]["code"], "payment_intent_authentication_failure");
    assert_eq!(api.get(&format!("/v1/checkout/sessions/{}", id(&session))).await.body["status"], "open");

    let again = api.create(&pay, "card=4000002500003155").await;
    assert_eq!(again["payment_intent"]["id"], intent["id"], "the retry reuses the payment");
    assert_eq!(again["payment_intent"]["status"], "requires_action");
    let done = api.create(&authenticate, "outcome=complete").await;
    assert_eq!((done["status"].as_str(), done["amount_received"].as_i64()), (Some("succeeded"), Some(5000)));
    let completed = api.get(&format!("/v1/checkout/sessions/{}", id(&session))).await.body;
    assert_eq!((completed["status"].as_str(), completed["payment_status"].as_str()), (Some("complete"), Some("paid")));
    let events = api.get("/v1/events?type=checkout.session.completed").await;
    assert_eq!(events.body["data"][0]["data"]["object"]["id"], id(&session).as_str());
    let twice = api.post(&authenticate, "outcome=complete").await;
    assert_eq!((twice.status, twice.code()), (400, "payment_intent_unexpected_state"));
    let bad = api.post(&authenticate, "outcome=maybe").await;
    assert_eq!(bad.status, 400);

    // Subscription mode: the session shows no PaymentIntent, yet authenticating completes it.
    let subscription =
        api.create("/v1/checkout/sessions", &format!("mode=subscription&line_items[0][price]={monthly}")).await;
    let waiting = api
        .create(
            &format!("/v1/test_helpers/checkout/sessions/{}/pay", id(&subscription)),
            "card=4000002500003155&email=s@example.com",
        )
        .await;
    let intent = id(&waiting["payment_intent"]);
    api.create(&format!("/v1/test_helpers/payment_intents/{intent}/authenticate"), "outcome=complete").await;
    let completed = api.get(&format!("/v1/checkout/sessions/{}", id(&subscription))).await.body;
    assert_eq!(completed["status"], "complete");
    assert!(completed["subscription"].is_string());

    // Confirming through the API with a return_url gets a redirect.
    let direct = api
        .create(
            "/v1/payment_intents",
            "amount=700&currency=usd&confirm=true&payment_method=pm_card_authenticationRequired\
             &return_url=https://example.com/back",
        )
        .await;
    assert_eq!(direct["next_action"]["type"], "redirect_to_url");
    assert_eq!(direct["next_action"]["redirect_to_url"]["return_url"], "https://example.com/back");
    assert!(direct["next_action"]["redirect_to_url"]["url"].is_string());
}
