//! What Stripe's Checkout does by default (issue #10 items 6–9): guest checkout, events without
//! includable fields, nested expansion, charging a price's currency option.

use serde_json::Value;

use super::{Api, id, start};

/// A product "pro" with a one-time 20.00 USD price (18.00 EUR as a currency option) and a monthly
/// 9.00 USD price; returns their IDs.
async fn stock(api: &Api) -> (String, String) {
    api.create("/v1/products", "id=pro&name=Pro").await;
    let one_time = api
        .create("/v1/prices", "product=pro&currency=usd&unit_amount=2000&currency_options[eur][unit_amount]=1800")
        .await;
    let monthly = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=900&recurring[interval]=month").await;
    (id(&one_time), id(&monthly))
}

async fn pay(api: &Api, session: &Value, body: &str) -> Value {
    api.create(&format!("/v1/test_helpers/checkout/sessions/{}/pay", id(session)), body).await
}

// Issue #10 item 6; https://docs.stripe.com/payments/checkout/guest-customers: since 2022-08-01 a
// payment-mode session creates a Customer only "if_required"; `always` creates one, subscription
// mode always does.
#[tokio::test]
async fn payment_mode_is_a_guest_checkout_unless_asked() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (one_time, monthly) = stock(&api).await;

    let guest = api.create("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={one_time}")).await;
    assert_eq!(guest["customer_creation"], Value::Null, "not given, so null (the default is if_required)");
    let declined = pay(&api, &guest, "email=guest@example.com&card=4000000000000002").await;
    assert_eq!(declined["status"], "open");
    // The page keeps the email the customer typed: the retry needs none.
    let paid = pay(&api, &guest, "").await;
    assert_eq!(paid["status"], "complete");
    assert_eq!(paid["customer"], Value::Null);
    assert_eq!(paid["customer_details"]["email"], "guest@example.com");
    assert_eq!(paid["payment_intent"]["customer"], Value::Null);
    assert_eq!(sandbox.object_count("customers"), 0);
    let listed = api.get("/v1/checkout/sessions?customer_details[email]=guest@example.com").await;
    assert_eq!(listed.ids(), vec![id(&guest)]);

    let always = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=payment&line_items[0][price]={one_time}&customer_creation=always"),
        )
        .await;
    let paid = pay(&api, &always, "email=kept@example.com").await;
    let customer = paid["customer"].as_str().expect("a customer").to_string();
    assert_eq!(paid["payment_intent"]["customer"], customer.as_str());
    assert_eq!(api.get(&format!("/v1/customers/{customer}")).await.body["email"], "kept@example.com");

    let subscription =
        api.create("/v1/checkout/sessions", &format!("mode=subscription&line_items[0][price]={monthly}")).await;
    let paid = pay(&api, &subscription, "email=member@example.com").await;
    assert!(paid["customer"].as_str().is_some_and(|id| id.starts_with("cus_")));
    assert_eq!(sandbox.object_count("customers"), 2);

    // A payment link's sessions follow the link's `customer_creation` (default if_required).
    let link =
        api.create("/v1/payment_links", &format!("line_items[0][price]={one_time}&line_items[0][quantity]=1")).await;
    assert_eq!(link["customer_creation"], "if_required");
    let visit =
        api.create(&format!("/v1/test_helpers/payment_links/{}/pay", id(&link)), "email=visitor@example.com").await;
    assert_eq!(
        (visit["customer"].clone(), visit["customer_details"]["email"].as_str()),
        (Value::Null, Some("visitor@example.com"))
    );
    api.create(&format!("/v1/payment_links/{}", id(&link)), "customer_creation=always").await;
    let visit =
        api.create(&format!("/v1/test_helpers/payment_links/{}/pay", id(&link)), "email=visitor@example.com").await;
    assert!(visit["customer"].is_string());
    assert_eq!(sandbox.object_count("customers"), 3);
}

// Issue #10 item 7: an event's object is shown as a plain retrieve shows it, so a
// `checkout.session.completed` handler must retrieve the session with `expand[]=line_items`.
#[tokio::test]
async fn events_carry_no_includable_fields() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (one_time, _) = stock(&api).await;
    let session = api.create("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={one_time}")).await;
    pay(&api, &session, "email=a@example.com").await;
    api.create("/v1/payment_links", &format!("line_items[0][price]={one_time}&line_items[0][quantity]=1")).await;
    let completed = api.get("/v1/events?type=checkout.session.completed").await;
    let object = &completed.body["data"][0]["data"]["object"];
    assert_eq!(object["id"], id(&session).as_str());
    assert!(object.get("line_items").is_none(), "{object}");
    let link_event = &api.get("/v1/events?type=payment_link.created").await.body["data"][0]["data"]["object"];
    assert!(link_event.get("line_items").is_none(), "{link_event}");
    let price_event = &api.get("/v1/events?type=price.created").await.body["data"][1]["data"]["object"];
    assert!(price_event.get("currency_options").is_none(), "{price_event}");
}

// Issue #10 item 8; stripe-api.md §4 (nesting up to 4 levels, `data.` on lists).
#[tokio::test]
async fn expansion_reaches_through_line_items_to_products() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (one_time, _) = stock(&api).await;
    let session = api.create("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={one_time}")).await;
    let path = format!("/v1/checkout/sessions/{}", id(&session));

    let nested = api.get(&format!("{path}?expand[]=line_items.data.price.product")).await;
    assert_eq!(nested.status, 200, "{}", nested.body);
    let price = &nested.body["line_items"]["data"][0]["price"];
    assert_eq!((price["id"].as_str(), price["product"]["name"].as_str()), (Some(one_time.as_str()), Some("Pro")));
    assert!(price.get("currency_options").is_none(), "still not included");
    // Both paths together render the line items once.
    let both = api.get(&format!("{path}?expand[]=line_items&expand[]=line_items.data.price.product")).await;
    assert_eq!(both.body["line_items"]["data"][0]["price"]["product"]["id"], "pro");

    let items = api.get(&format!("{path}/line_items?expand[]=data.price.product")).await;
    assert_eq!(items.status, 200, "{}", items.body);
    assert_eq!(items.body["data"][0]["price"]["product"]["object"], "product");
    let link =
        api.create("/v1/payment_links", &format!("line_items[0][price]={one_time}&line_items[0][quantity]=1")).await;
    let link_items = api.get(&format!("/v1/payment_links/{}/line_items?expand[]=data.price.product", id(&link))).await;
    assert_eq!(link_items.body["data"][0]["price"]["product"]["name"], "Pro");

    let too_deep = api.get(&format!("{path}?expand[]=line_items.data.price.product.default_price")).await;
    assert_eq!((too_deep.status, too_deep.body["error"]["param"].as_str()), (400, Some("expand")));
    let unknown = api.get(&format!("{path}/line_items?expand[]=data.colour")).await;
    assert_eq!(unknown.status, 400);
}

// Issue #10 item 9: `currency=eur` charges each price's `currency_options[eur]`.
#[tokio::test]
async fn a_session_currency_charges_the_currency_options() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (one_time, monthly) = stock(&api).await;
    let session = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=payment&currency=eur&line_items[0][price]={one_time}&line_items[0][quantity]=2"),
        )
        .await;
    assert_eq!((session["currency"].as_str(), session["amount_total"].as_i64()), (Some("eur"), Some(3600)));
    let items = api.get(&format!("/v1/checkout/sessions/{}/line_items", id(&session))).await;
    assert_eq!(
        (items.body["data"][0]["currency"].as_str(), items.body["data"][0]["amount_total"].as_i64()),
        (Some("eur"), Some(3600))
    );
    assert_eq!(items.body["data"][0]["price"]["currency"], "usd", "the price itself is unchanged");
    let paid = pay(&api, &session, "email=eu@example.com").await;
    assert_eq!(
        (paid["payment_intent"]["currency"].as_str(), paid["payment_intent"]["amount"].as_i64()),
        (Some("eur"), Some(3600))
    );

    // The price's own currency counts as one of its options.
    let usd = api
        .create("/v1/checkout/sessions", &format!("mode=payment&currency=usd&line_items[0][price]={one_time}"))
        .await;
    assert_eq!(usd["amount_total"], 2000);
    let no_option = api
        .post("/v1/checkout/sessions", &format!("mode=subscription&currency=eur&line_items[0][price]={monthly}"))
        .await;
    assert_eq!((no_option.status, no_option.body["error"]["param"].as_str()), (400, Some("currency")));

    let link = api
        .create("/v1/payment_links", &format!("currency=eur&line_items[0][price]={one_time}&line_items[0][quantity]=1"))
        .await;
    assert_eq!(link["currency"], "eur");
    let visit = api.create(&format!("/v1/test_helpers/payment_links/{}/pay", id(&link)), "email=eu@example.com").await;
    assert_eq!((visit["currency"].as_str(), visit["payment_intent"]["amount"].as_i64()), (Some("eur"), Some(1800)));
}
