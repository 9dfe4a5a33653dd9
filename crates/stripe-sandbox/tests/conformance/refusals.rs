//! Requests Stripe refuses and the sandbox used to accept (issue #10 items 1–5).

use super::{Api, id, start};

/// A product with prices in a few currencies, amounts in minor units.
async fn priced(api: &Api, product: &str, prices: &[(&str, i64, bool)]) -> Vec<String> {
    api.create("/v1/products", &format!("id={product}&name={product}")).await;
    let mut ids = Vec::new();
    for (currency, amount, monthly) in prices {
        let recurring = if *monthly { "&recurring[interval]=month" } else { "" };
        let price = api
            .create("/v1/prices", &format!("product={product}&currency={currency}&unit_amount={amount}{recurring}"))
            .await;
        ids.push(id(&price));
    }
    ids
}

// Issue #10 item 1; https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts
// (0.50 USD/EUR, 0.30 GBP, ¥50), Stripe's message as captured in public code.
#[tokio::test]
async fn totals_below_the_minimum_charge_are_refused() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let ids = priced(
        &api,
        "small",
        &[("usd", 25, false), ("jpy", 10, false), ("gbp", 30, false), ("eur", 49, false), ("usd", 25, true)],
    )
    .await;
    let (usd, jpy, gbp, eur, monthly) = (&ids[0], &ids[1], &ids[2], &ids[3], &ids[4]);
    let session = |price: &str, extra: &str| format!("mode=payment&line_items[0][price]={price}{extra}");

    let refused = api.post("/v1/checkout/sessions", &session(usd, "")).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.body["error"]["type"], "invalid_request_error");
    assert_eq!(refused.message(), "The Checkout Session's total amount due must add up to at least $0.50 usd");
    let yen = api.post("/v1/checkout/sessions", &session(jpy, "")).await;
    assert_eq!(yen.message(), "The Checkout Session's total amount due must add up to at least ¥50 jpy");
    let euro = api.post("/v1/checkout/sessions", &session(eur, "")).await;
    assert_eq!(euro.message(), "The Checkout Session's total amount due must add up to at least €0.50 eur");
    // At the minimum, or raised to it by the quantity, the total is fine.
    api.create("/v1/checkout/sessions", &session(gbp, "")).await;
    api.create("/v1/checkout/sessions", &session(usd, "&line_items[0][quantity]=2")).await;
    api.create("/v1/checkout/sessions", &session(jpy, "&line_items[0][quantity]=5")).await;

    // Subscriptions: a non-zero amount due now is subject to the minimum, a free trial is not.
    let monthly_session = format!("mode=subscription&line_items[0][price]={monthly}");
    assert_eq!(api.post("/v1/checkout/sessions", &monthly_session).await.status, 400);
    api.create("/v1/checkout/sessions", &format!("{monthly_session}&subscription_data[trial_period_days]=7")).await;

    // A payment link is refused with the same words.
    let link = api.post("/v1/payment_links", &format!("line_items[0][price]={usd}&line_items[0][quantity]=1")).await;
    assert_eq!(
        (link.status, link.message()),
        (400, "The Checkout Session's total amount due must add up to at least $0.50 usd")
    );
    assert_eq!(sandbox.object_count("payment_links"), 0);
}

// Issue #10 item 2: "`customer_creation` can only be used in `payment` mode." `submit_type` is
// accepted in subscription mode, as the current API reference allows.
#[tokio::test]
async fn customer_creation_belongs_to_payment_mode() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let ids = priced(&api, "plan", &[("usd", 900, true), ("usd", 900, false)]).await;
    let subscription = format!("mode=subscription&line_items[0][price]={}", ids[0]);
    let refused = api.post("/v1/checkout/sessions", &format!("{subscription}&customer_creation=always")).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.message(), "`customer_creation` can only be used in `payment` mode.");
    assert_eq!(refused.body["error"]["param"], "customer_creation");
    let submit = api.create("/v1/checkout/sessions", &format!("{subscription}&submit_type=auto")).await;
    assert_eq!(submit["submit_type"], "auto");
    let payment = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=payment&line_items[0][price]={}&customer_creation=always&submit_type=donate", ids[1]),
        )
        .await;
    assert_eq!(
        (payment["customer_creation"].as_str(), payment["submit_type"].as_str()),
        (Some("always"), Some("donate"))
    );
}

// Issue #10 item 3: an active price of an archived product cannot be sold.
#[tokio::test]
async fn prices_of_archived_products_cannot_be_sold() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let ids = priced(&api, "retired", &[("usd", 900, false)]).await;
    api.create("/v1/products/retired", "active=false").await;
    let expected = format!("Price `{}` is not available to be purchased because its product is not active.", ids[0]);
    let session = api.post("/v1/checkout/sessions", &format!("mode=payment&line_items[0][price]={}", ids[0])).await;
    assert_eq!((session.status, session.message()), (400, expected.as_str()));
    assert_eq!(session.body["error"]["param"], "line_items[0][price]");
    let link =
        api.post("/v1/payment_links", &format!("line_items[0][price]={}&line_items[0][quantity]=1", ids[0])).await;
    assert_eq!((link.status, link.message()), (400, expected.as_str()));
    assert_eq!(api.get(&format!("/v1/prices/{}", ids[0])).await.body["active"], true, "the price itself is active");
}

// Issue #10 item 4; stripe-api.md §6 ("does not match the first request's API endpoint").
#[tokio::test]
async fn an_idempotency_key_belongs_to_its_first_endpoint() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let keyed = |path: &str, body: &str| api.post_request(path, body).header("Idempotency-Key", "key-1");
    assert_eq!(Api::send(keyed("/v1/products", "name=A")).await.status, 200);
    let elsewhere = Api::send(keyed("/v1/customers", "name=A")).await;
    assert_eq!((elsewhere.status, elsewhere.body["error"]["type"].as_str()), (400, Some("idempotency_error")));
    assert_eq!(
        elsewhere.message(),
        "Keys for idempotent requests can only be used for the same endpoint they were first used for \
         ('/v1/products' vs '/v1/customers'). Try using a key other than 'key-1' if you meant to execute a \
         different request."
    );
    let other_params = Api::send(keyed("/v1/products", "name=B")).await;
    assert!(
        other_params.message().starts_with("Keys for idempotent requests can only be used with the same parameters")
    );
}

// Issue #10 item 5: `…/search` of a resource without search is an unknown URL, not an object ID.
#[tokio::test]
async fn search_paths_are_never_object_ids() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    for path in ["/v1/payment_links/search", "/v1/checkout/sessions/search", "/v1/events/search"] {
        let reply = api.get(&format!("{path}?query=a")).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.message(),
            format!(
                "Unrecognized request URL (GET: {path}). Please see https://stripe.com/docs or we can help at \
                 https://support.stripe.com/."
            )
        );
    }
    // A product may still be called "search" and be updated by its ID.
    api.create("/v1/products", "id=search&name=Search").await;
    assert_eq!(api.post("/v1/products/search", "name=Found").await.body["name"], "Found");
}

// Review item 1: amounts above the maximum charge are refused, never saturated. "The amount value
// supports up to eight digits (e.g., a value of 99999999 for a USD charge of $999,999.99)" (API
// reference, `payment_intent.amount`;
// https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts), code `amount_too_large`.
#[tokio::test]
async fn amounts_above_the_maximum_charge_are_refused() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let ids = priced(&api, "big", &[("usd", 2900, true), ("usd", 5000, false), ("jpy", 100, false)]).await;
    let (monthly, setup, yen) = (&ids[0], &ids[1], &ids[2]);
    let session = |mode: &str, items: &str| format!("mode={mode}&{items}");
    let item = |index: usize, price: &str, quantity: &str| {
        format!("line_items[{index}][price]={price}&line_items[{index}][quantity]={quantity}")
    };
    let refused_with = |reply: &super::Reply, param: &str, message: &str| {
        assert_eq!(reply.status, 400, "{:?}", reply.body);
        assert_eq!(reply.body["error"]["type"], "invalid_request_error");
        assert_eq!(reply.code(), "amount_too_large");
        assert_eq!(reply.body["error"]["param"], param);
        assert_eq!(reply.message(), message);
    };
    let usd_limit = "Amount must be no more than $999,999.99 usd";

    // $29 × 99,999,999,999 fits in an i64 but is far above the limit; 999,999,999,999,999,999
    // units overflow: refused, not saturated to 9223372036854775807.
    for quantity in ["99999999999", "999999999999999999"] {
        let reply = api.post("/v1/checkout/sessions", &session("subscription", &item(0, monthly, quantity))).await;
        refused_with(&reply, "line_items[0][quantity]", usd_limit);
    }
    // Each line fits ($999,978.00 and $1,000.00), their sum does not.
    let both = format!("{}&{}", item(0, monthly, "34482"), item(1, setup, "20"));
    refused_with(&api.post("/v1/checkout/sessions", &session("subscription", &both)).await, "line_items", usd_limit);
    // At the limit it is fine: $29 × 34,482 = $999,978.00; ¥100 × 999,999 = ¥99,999,900.
    let made = api.create("/v1/checkout/sessions", &session("subscription", &item(0, monthly, "34482"))).await;
    assert_eq!(made["amount_total"], 99_997_800);
    api.create("/v1/checkout/sessions", &session("payment", &item(0, yen, "999999"))).await;
    let reply = api.post("/v1/checkout/sessions", &session("payment", &item(0, yen, "1000000"))).await;
    refused_with(&reply, "line_items[0][quantity]", "Amount must be no more than ¥99,999,999 jpy");
    assert_eq!(sandbox.object_count("checkout_sessions"), 2);

    // A PaymentIntent: 99999999 is the largest USD amount.
    api.create("/v1/payment_intents", "amount=99999999&currency=usd").await;
    let reply = api.post("/v1/payment_intents", "amount=100000000&currency=usd").await;
    refused_with(&reply, "amount", usd_limit);
}
