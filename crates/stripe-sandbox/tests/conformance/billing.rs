//! Billing over plain HTTP (issue 11, "The sandbox bills"): test payment methods, subscriptions
//! and their items, invoices with their payments, test clocks and the sandbox clock, renewals,
//! retries and the events of all of it, in the emulated version's shapes (Stripe's current
//! example objects: the period on subscription items, payments in `invoice.payments`).

use serde_json::Value;

use super::{Api, id, start};

const DAY: i64 = 24 * 60 * 60;

/// 2026-01-31T00:00:00Z: a month end, so renewals show Stripe's clamping to shorter months.
const JAN_31: i64 = 1_769_817_600;
/// 2026-02-28T00:00:00Z and 2026-03-31T00:00:00Z.
const FEB_28: i64 = 1_772_236_800;
const MAR_31: i64 = 1_774_915_200;

/// A product with a monthly price of 29.00 and one of 49.00 (USD); returns their ids.
async fn prices(api: &Api) -> (String, String) {
    api.create("/v1/products", "id=pro&name=Pro").await;
    let monthly = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=2900&recurring[interval]=month").await;
    let higher = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=4900&recurring[interval]=month").await;
    (id(&monthly), id(&higher))
}

/// A customer (on `clock` when given) whose invoice default is `test_method` attached.
async fn customer_paying_with(api: &Api, test_method: &str, clock: Option<&str>) -> (String, String) {
    let body = match clock {
        Some(clock) => format!("email=a@example.com&test_clock={clock}"),
        None => "email=a@example.com".to_string(),
    };
    let customer = id(&api.create("/v1/customers", &body).await);
    let method =
        id(&api.create(&format!("/v1/payment_methods/{test_method}/attach"), &format!("customer={customer}")).await);
    api.create(&format!("/v1/customers/{customer}"), &format!("invoice_settings[default_payment_method]={method}"))
        .await;
    (customer, method)
}

/// A test clock frozen at [`JAN_31`].
async fn clock_at_jan_31(api: &Api) -> String {
    id(&api.create("/v1/test_helpers/test_clocks", &format!("frozen_time={JAN_31}")).await)
}

/// Advances `clock` to `to` (which must succeed).
async fn advance(api: &Api, clock: &str, to: i64) {
    api.create(&format!("/v1/test_helpers/test_clocks/{clock}/advance"), &format!("frozen_time={to}")).await;
}

/// A sandbox with [`prices`] and a clock at [`JAN_31`] whose customer pays with `test_method`:
/// (sandbox, api, monthly price, higher price, clock, customer).
async fn clocked_customer(test_method: &str) -> (stripe_sandbox::RunningSandbox, Api, String, String, String, String) {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, higher) = prices(&api).await;
    let clock = clock_at_jan_31(&api).await;
    let (customer, _) = customer_paying_with(&api, test_method, Some(&clock)).await;
    (sandbox, api, monthly, higher, clock, customer)
}

async fn subscribe(api: &Api, customer: &str, price: &str, extra: &str) -> Value {
    api.create("/v1/subscriptions", &format!("customer={customer}&items[0][price]={price}{extra}")).await
}

/// The invoice with its payments shown (`payments` is includable in the emulated version).
async fn invoice(api: &Api, id: &str) -> Value {
    let reply = api.get(&format!("/v1/invoices/{id}?expand[]=payments")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn period(subscription: &Value) -> (i64, i64) {
    let item = &subscription["items"]["data"][0];
    (item["current_period_start"].as_i64().unwrap(), item["current_period_end"].as_i64().unwrap())
}

async fn event_types(api: &Api) -> Vec<String> {
    let reply = api.get("/v1/events?limit=100").await;
    let mut types: Vec<String> = reply.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["type"].as_str().unwrap().to_string())
        .collect();
    types.reverse();
    types
}

// docs.stripe.com/testing#cards (test PaymentMethod ids), /api/payment_methods/attach
#[tokio::test]
async fn test_payment_methods_attach_to_customers_and_become_the_invoice_default() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let customer = id(&api.create("/v1/customers", "email=a@example.com").await);
    let visa = api.create("/v1/payment_methods/pm_card_visa/attach", &format!("customer={customer}")).await;
    let visa_id = id(&visa);
    assert!(visa_id.starts_with("pm_") && visa_id != "pm_card_visa", "attaching makes a new method: {visa_id}");
    assert_eq!((visa["customer"].as_str(), visa["type"].as_str()), (Some(customer.as_str()), Some("card")));
    assert_eq!((visa["card"]["brand"].as_str(), visa["card"]["last4"].as_str()), (Some("visa"), Some("4242")));
    assert!(visa.get("sandbox").is_none());
    let master = api.create("/v1/payment_methods/pm_card_mastercard/attach", &format!("customer={customer}")).await;
    assert_eq!(master["card"]["last4"], "4444");
    // "Attaching this card to a Customer object succeeds, but attempts to charge the customer fail."
    let fails =
        api.create("/v1/payment_methods/pm_card_chargeCustomerFail/attach", &format!("customer={customer}")).await;
    assert_eq!(fails["card"]["last4"], "0341");

    let retrieved = api.get(&format!("/v1/payment_methods/{visa_id}")).await;
    assert_eq!((retrieved.status, retrieved.body["id"].as_str()), (200, Some(visa_id.as_str())));
    let test_id = api.get("/v1/payment_methods/pm_card_chargeDeclined").await;
    assert_eq!((test_id.status, test_id.body["card"]["last4"].as_str()), (200, Some("0002")));
    let missing = api.get("/v1/payment_methods/pm_nope").await;
    assert_eq!((missing.status, missing.code()), (404, "resource_missing"));

    let listed = api.get(&format!("/v1/customers/{customer}/payment_methods")).await;
    assert_eq!(listed.ids(), vec![id(&fails), id(&master), visa_id.clone()]);

    let updated = api
        .create(&format!("/v1/customers/{customer}"), &format!("invoice_settings[default_payment_method]={visa_id}"))
        .await;
    assert_eq!(updated["invoice_settings"]["default_payment_method"], visa_id.as_str());
    let other = id(&api.create("/v1/customers", "email=b@example.com").await);
    let refused = api
        .post(&format!("/v1/customers/{other}"), &format!("invoice_settings[default_payment_method]={visa_id}"))
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.message().contains("must be attached to the customer"), "{}", refused.body);
    let taken = api.post(&format!("/v1/payment_methods/{visa_id}/attach"), &format!("customer={other}")).await;
    assert_eq!(taken.status, 400, "{}", taken.body);
}

// docs.stripe.com/api/subscriptions/create; the period on items (2025-03-31.basil)
#[tokio::test]
async fn a_subscription_bills_its_first_period_with_the_customers_default_method() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, _) = prices(&api).await;
    let (customer, method) = customer_paying_with(&api, "pm_card_visa", None).await;
    let subscription = subscribe(&api, &customer, &monthly, "&items[0][quantity]=2").await;
    assert_eq!(subscription["status"], "active");
    assert!(subscription.get("current_period_end").is_none(), "the period lives on items in this version");
    let item = &subscription["items"]["data"][0];
    assert_eq!((item["object"].as_str(), item["quantity"].as_i64()), (Some("subscription_item"), Some(2)));
    assert_eq!(item["price"]["id"], monthly.as_str());
    let (start_at, end_at) = period(&subscription);
    assert!((28 * DAY..=31 * DAY).contains(&(end_at - start_at)), "one calendar month: {start_at}..{end_at}");

    let first = invoice(&api, subscription["latest_invoice"].as_str().unwrap()).await;
    assert_eq!(first["status"], "paid");
    assert_eq!((first["amount_due"].as_i64(), first["amount_paid"].as_i64()), (Some(5800), Some(5800)));
    assert_eq!(first["billing_reason"], "subscription_create");
    assert_eq!(first["parent"]["subscription_details"]["subscription"], subscription["id"]);
    assert_eq!(first["subscription"], subscription["id"], "still in Stripe's current example invoice");
    assert_eq!(subscription["billing_schedules"], serde_json::json!([]), "async-stripe requires it");
    assert_eq!(first["lines"]["data"][0]["amount"], 5800);
    assert_eq!(first["lines"]["data"][0]["description"], "2 × Pro (at USD 29.00 / month)");
    assert!(first.get("payment_intent").is_none(), "no invoice.payment_intent in this version");
    assert!(first["number"].as_str().is_some_and(|number| number.ends_with("-0001")), "{}", first["number"]);
    let payments = first["payments"]["data"].as_array().unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(
        (payments[0]["object"].as_str(), payments[0]["status"].as_str()),
        (Some("invoice_payment"), Some("paid"))
    );
    assert_eq!(payments[0]["amount_paid"], 5800);
    let intent_id = payments[0]["payment"]["payment_intent"].as_str().unwrap();
    let intent = api.get(&format!("/v1/payment_intents/{intent_id}")).await.body;
    assert_eq!((intent["status"].as_str(), intent["amount"].as_i64()), (Some("succeeded"), Some(5800)));
    assert_eq!(
        (intent["customer"].as_str(), intent["payment_method"].as_str()),
        (Some(customer.as_str()), Some(method.as_str()))
    );
    assert!(intent.get("invoice").is_none(), "no payment_intent.invoice in this version");
    let plain = api.get(&format!("/v1/invoices/{}", id(&first))).await.body;
    assert!(plain.get("payments").is_none(), "payments is includable");

    let types = event_types(&api).await;
    for kind in [
        "customer.subscription.created",
        "invoice.created",
        "invoice.finalized",
        "payment_intent.succeeded",
        "invoice.paid",
        "customer.subscription.updated",
    ] {
        assert!(types.iter().any(|seen| seen == kind), "{kind} in {types:?}");
    }
    let created = types.iter().position(|kind| kind == "customer.subscription.created").unwrap();
    let paid = types.iter().position(|kind| kind == "invoice.paid").unwrap();
    assert!(created < paid, "{types:?}");
}

// docs.stripe.com/api/subscriptions/create#create_subscription-payment_behavior
#[tokio::test]
async fn payment_behaviors_decide_what_a_failed_first_payment_does() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, _) = prices(&api).await;
    let (declined, _) = customer_paying_with(&api, "pm_card_chargeDeclined", None).await;
    let refused = api
        .post(
            "/v1/subscriptions",
            &format!("customer={declined}&items[0][price]={monthly}&payment_behavior=error_if_incomplete"),
        )
        .await;
    assert_eq!((refused.status, refused.code()), (402, "card_declined"), "{}", refused.body);
    assert_eq!(refused.body["error"]["type"], "card_error");
    let all = api.get(&format!("/v1/subscriptions?customer={declined}&status=all")).await;
    assert!(all.ids().is_empty(), "not created");

    let incomplete = subscribe(&api, &declined, &monthly, "&payment_behavior=allow_incomplete").await;
    assert_eq!(incomplete["status"], "incomplete");
    let open = invoice(&api, incomplete["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((open["status"].as_str(), open["attempt_count"].as_i64()), (Some("open"), Some(1)));
    assert!(open["next_payment_attempt"].is_null(), "a first invoice is not retried");

    let (fine, _) = customer_paying_with(&api, "pm_card_visa", None).await;
    let waiting = subscribe(&api, &fine, &monthly, "&payment_behavior=default_incomplete").await;
    assert_eq!(waiting["status"], "incomplete");
    let open = invoice(&api, waiting["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((open["status"].as_str(), open["attempt_count"].as_i64()), (Some("open"), Some(0)));
    let intent = open["payments"]["data"][0]["payment"]["payment_intent"].as_str().unwrap();
    assert_eq!(api.get(&format!("/v1/payment_intents/{intent}")).await.body["status"], "requires_payment_method");

    let bare = id(&api.create("/v1/customers", "email=c@example.com").await);
    let no_method = api.post("/v1/subscriptions", &format!("customer={bare}&items[0][price]={monthly}")).await;
    assert_eq!(no_method.status, 400);
    assert!(no_method.message().starts_with("This customer has no attached payment source"), "{}", no_method.body);
    let one_time = id(&api.create("/v1/prices", "product=pro&currency=usd&unit_amount=500").await);
    let wrong = api.post("/v1/subscriptions", &format!("customer={fine}&items[0][price]={one_time}")).await;
    assert_eq!((wrong.status, wrong.body["error"]["param"].as_str()), (400, Some("items[0][price]")));
}

// docs.stripe.com/billing/subscriptions/trials
#[tokio::test]
async fn a_trial_bills_nothing_until_it_ends() {
    let (_sandbox, api, monthly, _, clock, customer) = clocked_customer("pm_card_visa").await;
    let trialing = subscribe(&api, &customer, &monthly, "&trial_period_days=7").await;
    assert_eq!(trialing["status"], "trialing");
    assert_eq!(
        (trialing["trial_start"].as_i64(), trialing["trial_end"].as_i64()),
        (Some(JAN_31), Some(JAN_31 + 7 * DAY))
    );
    assert_eq!(period(&trialing), (JAN_31, JAN_31 + 7 * DAY));
    let first = invoice(&api, trialing["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((first["status"].as_str(), first["amount_due"].as_i64()), (Some("paid"), Some(0)));
    assert!(first["payments"]["data"].as_array().unwrap().is_empty());

    advance(&api, &clock, JAN_31 + 8 * DAY).await;
    let after = api.get(&format!("/v1/subscriptions/{}", id(&trialing))).await.body;
    assert_eq!(after["status"], "active");
    let feb_7 = JAN_31 + 7 * DAY;
    assert_eq!(period(&after), (feb_7, feb_7 + 28 * DAY));
    let renewal = invoice(&api, after["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((renewal["status"].as_str(), renewal["amount_paid"].as_i64()), (Some("paid"), Some(2900)));
}

// docs.stripe.com/billing/testing/test-clocks; docs.stripe.com/billing/subscriptions/billing-cycle
#[tokio::test]
async fn advancing_a_test_clock_renews_on_calendar_months() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, _) = prices(&api).await;
    let clock = api.create("/v1/test_helpers/test_clocks", &format!("frozen_time={JAN_31}&name=Renewals")).await;
    let clock_id = id(&clock);
    assert_eq!((clock["object"].as_str(), clock["status"].as_str()), (Some("test_helpers.test_clock"), Some("ready")));
    assert_eq!(clock["frozen_time"], JAN_31);
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", Some(&clock_id)).await;
    let on_clock = api.get(&format!("/v1/customers/{customer}")).await.body;
    assert_eq!(on_clock["test_clock"], clock_id.as_str());
    let subscription = subscribe(&api, &customer, &monthly, "").await;
    assert_eq!(subscription["test_clock"], clock_id.as_str());
    assert_eq!((subscription["start_date"].as_i64(), period(&subscription)), (Some(JAN_31), (JAN_31, FEB_28)));

    let backwards =
        api.post(&format!("/v1/test_helpers/test_clocks/{clock_id}/advance"), &format!("frozen_time={JAN_31}")).await;
    assert_eq!(backwards.status, 400);
    // Two intervals at the most per advance, as Stripe allows: Mar 31, then a day more.
    advance(&api, &clock_id, MAR_31).await;
    let advanced = api
        .create(&format!("/v1/test_helpers/test_clocks/{clock_id}/advance"), &format!("frozen_time={}", MAR_31 + DAY))
        .await;
    assert_eq!((advanced["status"].as_str(), advanced["frozen_time"].as_i64()), (Some("ready"), Some(MAR_31 + DAY)));
    let renewed = api.get(&format!("/v1/subscriptions/{}", id(&subscription))).await.body;
    assert_eq!(renewed["status"], "active");
    // Counted from the anchor: Jan 31, Feb 28, Mar 31, Apr 30.
    assert_eq!(period(&renewed), (MAR_31, MAR_31 + 30 * DAY));
    let invoices = api.get(&format!("/v1/invoices?subscription={}", id(&subscription))).await;
    assert_eq!(invoices.ids().len(), 3, "the first and two renewals");
    let renewal = invoice(&api, &invoices.ids()[0]).await;
    assert_eq!(renewal["billing_reason"], "subscription_cycle");
    assert_eq!((renewal["period_start"].as_i64(), renewal["created"].as_i64()), (Some(MAR_31), Some(MAR_31)));
    assert_eq!((renewal["status"].as_str(), renewal["amount_paid"].as_i64()), (Some("paid"), Some(2900)));
    assert!(renewal["number"].as_str().is_some_and(|number| number.ends_with("-0003")));
    let paid = api.get(&format!("/v1/invoices?customer={customer}&status=paid")).await;
    assert_eq!(paid.ids().len(), 3);

    let listed = api.get("/v1/test_helpers/test_clocks").await;
    assert_eq!(listed.ids(), vec![clock_id.clone()]);
    let deleted = api.delete(&format!("/v1/test_helpers/test_clocks/{clock_id}")).await;
    assert_eq!((deleted.status, deleted.body["deleted"].as_bool()), (200, Some(true)));
    assert_eq!(api.get(&format!("/v1/customers/{customer}")).await.status, 404, "its customers go with it");
    assert_eq!(api.get(&format!("/v1/test_helpers/test_clocks/{clock_id}")).await.status, 404);
}

// docs.stripe.com/billing/revenue-recovery/smart-retries (custom retry schedule; cancel after
// the last retry); the retry confirms the invoice's one PaymentIntent again
#[tokio::test]
async fn a_failed_renewal_is_retried_on_schedule_then_the_subscription_is_canceled() {
    let (_sandbox, api, monthly, _, clock, customer) = clocked_customer("pm_card_visa").await;
    let subscription = id(&subscribe(&api, &customer, &monthly, "").await);
    // The card is switched to one that attaches fine and fails when charged.
    let failing =
        id(&api.create("/v1/payment_methods/pm_card_chargeCustomerFail/attach", &format!("customer={customer}")).await);
    api.create(&format!("/v1/customers/{customer}"), &format!("invoice_settings[default_payment_method]={failing}"))
        .await;

    advance(&api, &clock, FEB_28 + 60).await;
    let past_due = api.get(&format!("/v1/subscriptions/{subscription}")).await.body;
    assert_eq!(past_due["status"], "past_due");
    let open_id = past_due["latest_invoice"].as_str().unwrap().to_string();
    let open = invoice(&api, &open_id).await;
    assert_eq!((open["status"].as_str(), open["attempt_count"].as_i64()), (Some("open"), Some(1)));
    assert_eq!(open["next_payment_attempt"], FEB_28 + 3 * DAY);
    let intent = open["payments"]["data"][0]["payment"]["payment_intent"].as_str().unwrap().to_string();
    let failed = api.get(&format!("/v1/payment_intents/{intent}")).await.body;
    assert_eq!(failed["status"], "requires_payment_method");
    assert_eq!(failed["last_payment_error"]["decline_code"], "generic_decline");

    advance(&api, &clock, FEB_28 + 4 * DAY).await;
    let retried = invoice(&api, &open_id).await;
    assert_eq!(
        (retried["attempt_count"].as_i64(), retried["next_payment_attempt"].as_i64()),
        (Some(2), Some(FEB_28 + 5 * DAY))
    );
    let payments = retried["payments"]["data"].as_array().unwrap();
    assert_eq!(payments.len(), 1, "one payment for every attempt");
    assert_eq!(payments[0]["payment"]["payment_intent"], intent.as_str());
    let intents = api.get(&format!("/v1/payment_intents?customer={customer}")).await;
    assert_eq!(intents.ids().len(), 2, "the first invoice's and the renewal's, not one per attempt");

    advance(&api, &clock, FEB_28 + 8 * DAY).await;
    let canceled = api.get(&format!("/v1/subscriptions/{subscription}")).await.body;
    assert_eq!(canceled["status"], "canceled");
    assert_eq!(canceled["ended_at"], FEB_28 + 7 * DAY);
    assert_eq!(canceled["cancellation_details"]["reason"], "payment_failed");
    let last = invoice(&api, &open_id).await;
    assert_eq!((last["attempt_count"].as_i64(), last["status"].as_str()), (Some(4), Some("open")));
    assert!(last["next_payment_attempt"].is_null());
    let types = event_types(&api).await;
    assert_eq!(types.iter().filter(|kind| *kind == "invoice.payment_failed").count(), 4);
    let last_subscription_event = types.iter().rev().find(|kind| kind.starts_with("customer.subscription."));
    assert_eq!(last_subscription_event.map(String::as_str), Some("customer.subscription.deleted"));
    assert!(types.iter().any(|kind| kind == "payment_intent.payment_failed"));
    // Canceled subscriptions leave the default list and are listed with `status=all`/`canceled`.
    assert!(api.get(&format!("/v1/subscriptions?customer={customer}")).await.ids().is_empty());
    assert_eq!(
        api.get(&format!("/v1/subscriptions?customer={customer}&status=canceled")).await.ids(),
        vec![subscription.clone()]
    );
    assert_eq!(api.get(&format!("/v1/subscriptions?customer={customer}&status=all")).await.ids(), vec![subscription]);
    // Nothing more happens to it.
    advance(&api, &clock, MAR_31 + DAY).await;
    assert_eq!(api.get(&format!("/v1/invoices?customer={customer}")).await.ids().len(), 2);
}

// A retry with a payment method that works again pays the invoice and reactivates.
#[tokio::test]
async fn a_retry_with_a_working_card_pays_the_same_payment_intent() {
    let (_sandbox, api, monthly, _, clock, customer) = clocked_customer("pm_card_visa").await;
    let defaults = api.get(&format!("/v1/customers/{customer}")).await.body["invoice_settings"].clone();
    let visa = defaults["default_payment_method"].as_str().unwrap().to_string();
    let subscription = id(&subscribe(&api, &customer, &monthly, "").await);
    let poor = id(&api
        .create("/v1/payment_methods/pm_card_chargeDeclinedInsufficientFunds/attach", &format!("customer={customer}"))
        .await);
    api.create(&format!("/v1/subscriptions/{subscription}"), &format!("default_payment_method={poor}")).await;
    advance(&api, &clock, FEB_28 + 1).await;
    assert_eq!(api.get(&format!("/v1/subscriptions/{subscription}")).await.body["status"], "past_due");
    api.create(&format!("/v1/subscriptions/{subscription}"), &format!("default_payment_method={visa}")).await;
    advance(&api, &clock, FEB_28 + 3 * DAY).await;
    let active = api.get(&format!("/v1/subscriptions/{subscription}")).await.body;
    assert_eq!(active["status"], "active");
    let paid = invoice(&api, active["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((paid["status"].as_str(), paid["attempt_count"].as_i64()), (Some("paid"), Some(2)));
    let intent = paid["payments"]["data"][0]["payment"]["payment_intent"].as_str().unwrap();
    let intent = api.get(&format!("/v1/payment_intents/{intent}")).await.body;
    assert_eq!((intent["status"].as_str(), intent["amount_received"].as_i64()), (Some("succeeded"), Some(2900)));
}

// docs.stripe.com/billing/subscriptions/prorations; /api/subscription_items/update
#[tokio::test]
async fn updates_prorate_or_not_and_cancel_at_the_period_end() {
    let (_sandbox, api, monthly, higher, clock, customer) = clocked_customer("pm_card_visa").await;
    let subscription = subscribe(&api, &customer, &monthly, "").await;
    let sub_id = id(&subscription);
    let item = subscription["items"]["data"][0]["id"].as_str().unwrap().to_string();

    // Without prorations the new price applies from the next period, charging nothing now.
    let moved = api
        .create(
            &format!("/v1/subscriptions/{sub_id}"),
            &format!("items[0][id]={item}&items[0][price]={higher}&proration_behavior=none"),
        )
        .await;
    assert_eq!(moved["items"]["data"][0]["price"]["id"], higher.as_str());
    assert_eq!(moved["items"]["data"][0]["id"], item.as_str(), "the same item, repriced");
    // Halfway through February's period (14 of 28 days) the quantity goes to 3, prorated.
    advance(&api, &clock, FEB_28 + 14 * DAY).await;
    let changed =
        api.create(&format!("/v1/subscription_items/{item}"), "quantity=3&proration_behavior=create_prorations").await;
    assert_eq!((changed["object"].as_str(), changed["quantity"].as_i64()), (Some("subscription_item"), Some(3)));
    let ends = api.create(&format!("/v1/subscriptions/{sub_id}"), "cancel_at_period_end=true").await;
    assert_eq!((ends["cancel_at_period_end"].as_bool(), ends["status"].as_str()), (Some(true), Some("active")));
    assert_eq!(ends["cancel_at"], MAR_31);

    advance(&api, &clock, MAR_31 + DAY).await;
    let ended = api.get(&format!("/v1/subscriptions/{sub_id}")).await.body;
    assert_eq!((ended["status"].as_str(), ended["ended_at"].as_i64()), (Some("canceled"), Some(MAR_31)));
    let invoices = api.get(&format!("/v1/invoices?subscription={sub_id}")).await;
    assert_eq!(invoices.ids().len(), 2, "no invoice after the period it ends with");
    let february = invoice(&api, &invoices.ids()[0]).await;
    // Feb 28 renewal at the new price (49.00, no prorations then); the quantity change waits
    // for the next invoice, which never comes: the subscription ended first.
    assert_eq!(february["amount_paid"], 4900);

    // Prorations land on the next renewal: 14 of 31 remaining days of March.
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", Some(&clock)).await;
    let second = subscribe(&api, &customer, &monthly, "").await;
    let second_item = second["items"]["data"][0]["id"].as_str().unwrap().to_string();
    let start_at = MAR_31 + DAY;
    let (_, end_at) = period(&second);
    let half = start_at + (end_at - start_at) / 2;
    advance(&api, &clock, half).await;
    api.create(
        &format!("/v1/subscriptions/{}", id(&second)),
        &format!("items[0][id]={second_item}&items[0][price]={higher}&proration_behavior=create_prorations"),
    )
    .await;
    advance(&api, &clock, end_at + 1).await;
    let renewal = api.get(&format!("/v1/invoices?subscription={}&limit=1", id(&second))).await.body["data"][0].clone();
    let lines = renewal["lines"]["data"].as_array().unwrap();
    let amounts: Vec<i64> = lines.iter().map(|line| line["amount"].as_i64().unwrap()).collect();
    assert_eq!(amounts, vec![-1450, 2450, 4900], "unused 29.00, remaining 49.00 over half the period, then a period");
    assert_eq!(lines[0]["parent"]["subscription_item_details"]["proration"], true);
    assert_eq!(renewal["amount_paid"], 5900);
}

// docs.stripe.com/api/subscriptions/list and /cancel
#[tokio::test]
async fn subscriptions_list_by_customer_price_and_status_and_cancel_at_once() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, higher) = prices(&api).await;
    let (first, _) = customer_paying_with(&api, "pm_card_visa", None).await;
    let (second, _) = customer_paying_with(&api, "pm_card_mastercard", None).await;
    let a = id(&subscribe(&api, &first, &monthly, "").await);
    let b = id(&subscribe(&api, &second, &higher, "").await);
    let c = id(&subscribe(&api, &second, &monthly, "&trial_period_days=14").await);
    assert_eq!(api.get("/v1/subscriptions").await.ids(), vec![c.clone(), b.clone(), a.clone()]);
    assert_eq!(api.get(&format!("/v1/subscriptions?customer={second}")).await.ids(), vec![c.clone(), b.clone()]);
    assert_eq!(api.get(&format!("/v1/subscriptions?price={monthly}")).await.ids(), vec![c.clone(), a.clone()]);
    assert_eq!(api.get("/v1/subscriptions?status=trialing").await.ids(), vec![c.clone()]);
    let bad = api.get("/v1/subscriptions?status=sleeping").await;
    assert_eq!(bad.status, 400);

    let canceled = api.delete(&format!("/v1/subscriptions/{a}")).await;
    assert_eq!((canceled.status, canceled.body["status"].as_str()), (200, Some("canceled")));
    assert_eq!(canceled.body["cancellation_details"]["reason"], "cancellation_requested");
    assert!(canceled.body["canceled_at"].is_i64());
    assert_eq!(api.get("/v1/subscriptions").await.ids(), vec![c.clone(), b.clone()]);
    assert_eq!(api.get("/v1/subscriptions?status=all").await.ids(), vec![c, b, a.clone()]);
    let again = api.delete(&format!("/v1/subscriptions/{a}")).await;
    assert_eq!(again.status, 400);
    let update = api.post(&format!("/v1/subscriptions/{a}"), "cancel_at_period_end=true").await;
    assert_eq!(update.status, 400);
    assert_eq!(api.get("/v1/subscriptions/sub_nope").await.status, 404);
    let types = event_types(&api).await;
    assert_eq!(types.last().map(String::as_str), Some("customer.subscription.deleted"));
}

// The whole-sandbox clock (sandbox only): subscriptions on no test clock renew as it passes.
#[tokio::test]
async fn the_sandbox_clock_renews_subscriptions_on_no_test_clock() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, _) = prices(&api).await;
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", None).await;
    let subscription = subscribe(&api, &customer, &monthly, "").await;
    let (_, end_at) = period(&subscription);
    let clock = clock_at_jan_31(&api).await;
    let (on_clock, _) = customer_paying_with(&api, "pm_card_visa", Some(&clock)).await;
    let clocked = id(&subscribe(&api, &on_clock, &monthly, "").await);

    let refused = api.post("/v1/test_helpers/sandbox/advance", "seconds=-5").await;
    assert_eq!(refused.status, 400);
    let both = api.post("/v1/test_helpers/sandbox/advance", "seconds=5&to=99999999999").await;
    assert_eq!(both.status, 400);
    let moved = api.create("/v1/test_helpers/sandbox/advance", &format!("seconds={}", 32 * DAY)).await;
    assert!(moved["frozen_time"].as_i64().unwrap() > end_at);
    let renewed = api.get(&format!("/v1/subscriptions/{}", id(&subscription))).await.body;
    assert_eq!(period(&renewed).0, end_at);
    let invoices = api.get(&format!("/v1/invoices?customer={customer}")).await;
    assert_eq!(invoices.ids().len(), 2);
    assert_eq!(invoice(&api, &invoices.ids()[0]).await["amount_paid"], 2900);
    // Test clocks keep their own time.
    assert_eq!(api.get(&format!("/v1/invoices?subscription={clocked}")).await.ids().len(), 1);
    // New objects are created at the sandbox's time.
    let later = api.create("/v1/customers", "email=later@example.com").await;
    assert!(later["created"].as_i64().unwrap() >= moved["frozen_time"].as_i64().unwrap());
}

// Checkout in subscription mode (docs.stripe.com/billing/subscriptions/build-subscriptions):
// paying the session creates the subscription, its first invoice paid by the session's payment.
#[tokio::test]
async fn a_paid_subscription_checkout_creates_the_subscription_and_its_paid_invoice() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, _) = prices(&api).await;
    let session = api
        .create("/v1/checkout/sessions", &format!("mode=subscription&line_items[0][price]={monthly}&line_items[0][quantity]=2&success_url=https://example.com"))
        .await;
    let declined = api
        .create(
            &format!("/v1/test_helpers/checkout/sessions/{}/pay", id(&session)),
            "card=4000000000000002&email=buyer@example.com",
        )
        .await;
    assert!(declined["subscription"].is_null(), "a declined card creates nothing yet");
    let paid =
        api.create(&format!("/v1/test_helpers/checkout/sessions/{}/pay", id(&session)), "card=4242424242424242").await;
    let subscription_id = paid["subscription"].as_str().expect("the session names its subscription").to_string();
    let intent_id = paid["payment_intent"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        api.get(&format!("/v1/checkout/sessions/{}", id(&session))).await.body["subscription"],
        subscription_id.as_str()
    );

    let subscription =
        api.get(&format!("/v1/subscriptions/{subscription_id}?expand[]=default_payment_method")).await.body;
    assert_eq!(subscription["status"], "active");
    assert_eq!(subscription["customer"], paid["customer"]);
    assert_eq!(subscription["items"]["data"][0]["quantity"], 2);
    assert_eq!(subscription["default_payment_method"]["card"]["last4"], "4242");
    assert_eq!(subscription["default_payment_method"]["customer"], paid["customer"]);
    let first = invoice(&api, subscription["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((first["status"].as_str(), first["amount_paid"].as_i64()), (Some("paid"), Some(5800)));
    let payments = first["payments"]["data"].as_array().unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0]["payment"]["payment_intent"], intent_id.as_str(), "paid by the session's payment");
    let customer = paid["customer"].as_str().unwrap();
    assert_eq!(api.get(&format!("/v1/payment_intents?customer={customer}")).await.ids(), vec![intent_id]);

    // Renewals charge the saved card.
    api.create("/v1/test_helpers/sandbox/advance", &format!("seconds={}", 32 * DAY)).await;
    let renewal =
        api.get(&format!("/v1/invoices?subscription={subscription_id}&limit=1")).await.body["data"][0].clone();
    assert_eq!((renewal["status"].as_str(), renewal["amount_paid"].as_i64()), (Some("paid"), Some(5800)));
}

// docs.stripe.com/search ("Query fields for subscriptions", "Query fields for invoices")
#[tokio::test]
async fn subscriptions_and_invoices_are_searchable() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let (monthly, higher) = prices(&api).await;
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", None).await;
    let cheap = subscribe(&api, &customer, &monthly, "").await;
    let dear = subscribe(&api, &customer, &higher, "&trial_period_days=3").await;
    let found = api.get("/v1/subscriptions/search?query=status:'trialing'").await;
    assert_eq!((found.status, found.body["object"].as_str()), (200, Some("search_result")), "{}", found.body);
    assert_eq!(found.ids(), vec![id(&dear)]);
    let query = format!("subscription:'{}' AND total>1000", id(&cheap));
    let invoices = api.request(reqwest::Method::GET, "/v1/invoices/search").query(&[("query", query.as_str())]);
    let invoices = Api::send(invoices).await;
    assert_eq!(invoices.ids(), vec![cheap["latest_invoice"].as_str().unwrap().to_string()], "{}", invoices.body);
    let unknown = api.get("/v1/subscriptions/search?query=price:'x'").await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.message().contains("unsupported search field for resource `subscriptions`"), "{}", unknown.body);
}

// Times out of range are refused, never overflowed.
#[tokio::test]
async fn clock_times_out_of_range_are_refused() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    for body in ["frozen_time=-1", "frozen_time=253402300800", "frozen_time=9223372036854775807"] {
        let refused = api.post("/v1/test_helpers/test_clocks", body).await;
        assert_eq!((refused.status, refused.body["error"]["param"].as_str()), (400, Some("frozen_time")), "{body}");
    }
    let clock = clock_at_jan_31(&api).await;
    let refused =
        api.post(&format!("/v1/test_helpers/test_clocks/{clock}/advance"), "frozen_time=9223372036854775807").await;
    assert_eq!(refused.status, 400);
    let refused = api.post("/v1/test_helpers/sandbox/advance", "seconds=9223372036854775807").await;
    assert_eq!((refused.status, refused.body["error"]["param"].as_str()), (400, Some("seconds")));
    let (monthly, _) = prices(&api).await;
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", Some(&clock)).await;
    subscribe(&api, &customer, &monthly, "").await;
    // "Cannot be more than two intervals in the future from the shortest subscription."
    let too_far = api
        .post(&format!("/v1/test_helpers/test_clocks/{clock}/advance"), &format!("frozen_time={}", MAR_31 + 1))
        .await;
    assert_eq!(
        (too_far.status, too_far.body["error"]["param"].as_str()),
        (400, Some("frozen_time")),
        "{}",
        too_far.body
    );
    advance(&api, &clock, MAR_31).await;
    let too_far = api.post("/v1/test_helpers/sandbox/advance", &format!("seconds={}", 3 * 366 * DAY)).await;
    assert_eq!((too_far.status, too_far.body["error"]["param"].as_str()), (400, Some("seconds")), "two years at most");
}

// The sandbox clock and the billing state survive a restart on the same state file.
#[tokio::test]
async fn the_sandbox_clock_and_subscriptions_persist_in_the_state_file() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("sandbox.json");
    let first = stripe_sandbox::SandboxBuilder::new().state_file(state.clone()).start().await.unwrap();
    let api = Api::new(&first);
    let (monthly, _) = prices(&api).await;
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", None).await;
    let subscription = id(&subscribe(&api, &customer, &monthly, "").await);
    let moved = api.create("/v1/test_helpers/sandbox/advance", &format!("seconds={}", 10 * DAY)).await;
    first.shutdown().await;

    let second = stripe_sandbox::SandboxBuilder::new().state_file(state).start().await.unwrap();
    let api = Api::new(&second);
    let later = api.create("/v1/customers", "email=later@example.com").await;
    assert!(later["created"].as_i64().unwrap() >= moved["frozen_time"].as_i64().unwrap(), "the offset was kept");
    let again = api.create("/v1/test_helpers/sandbox/advance", &format!("seconds={}", 25 * DAY)).await;
    assert_eq!(again["offset_seconds"], 35 * DAY);
    let invoices = api.get(&format!("/v1/invoices?subscription={subscription}")).await;
    assert_eq!(invoices.ids().len(), 2, "renewed after the restart: {}", invoices.body);
}

// docs.stripe.com/billing/subscriptions/overview#payment-status: 23 hours to pay the first invoice
#[tokio::test]
async fn an_unpaid_first_invoice_expires_the_subscription_after_23_hours() {
    let (_sandbox, api, monthly, _, clock, customer) = clocked_customer("pm_card_chargeDeclined").await;
    let subscription = subscribe(&api, &customer, &monthly, "").await;
    assert_eq!(subscription["status"], "incomplete");
    advance(&api, &clock, JAN_31 + 22 * 3600).await;
    assert_eq!(api.get(&format!("/v1/subscriptions/{}", id(&subscription))).await.body["status"], "incomplete");
    advance(&api, &clock, JAN_31 + DAY).await;
    let expired = api.get(&format!("/v1/subscriptions/{}", id(&subscription))).await.body;
    assert_eq!(
        (expired["status"].as_str(), expired["ended_at"].as_i64()),
        (Some("incomplete_expired"), Some(JAN_31 + 23 * 3600))
    );
    let voided = invoice(&api, expired["latest_invoice"].as_str().unwrap()).await;
    assert_eq!(
        (voided["status"].as_str(), voided["payments"]["data"][0]["status"].as_str()),
        (Some("void"), Some("canceled"))
    );
    let intent = voided["payments"]["data"][0]["payment"]["payment_intent"].as_str().unwrap();
    let intent = api.get(&format!("/v1/payment_intents/{intent}")).await.body;
    assert_eq!(
        (intent["status"].as_str(), intent["cancellation_reason"].as_str()),
        (Some("canceled"), Some("void_invoice"))
    );
    assert!(api.get(&format!("/v1/subscriptions?customer={customer}")).await.ids().is_empty(), "ended");
    // Terminal: nothing more happens to it.
    advance(&api, &clock, MAR_31).await;
    assert_eq!(api.get(&format!("/v1/invoices?customer={customer}")).await.ids().len(), 1);
}

/// A tiered price bills by its tiers on every invoice: the item's embedded price carries no
/// `tiers` (includable), so the amount must come from the stored price. Graduated 1–10 at
/// $5.00 and $4.00 above: 12 units are 10 × 500 + 2 × 400 = 5800 (docs.stripe.com/products-prices/pricing-models#graduated-pricing).
#[tokio::test]
async fn a_tiered_price_bills_by_its_tiers_at_creation_and_renewal() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    api.create("/v1/products", "id=seats&name=Seats").await;
    let tiered = id(&api
        .create(
            "/v1/prices",
            "product=seats&currency=usd&recurring[interval]=month&billing_scheme=tiered&tiers_mode=graduated\
             &tiers[0][up_to]=10&tiers[0][unit_amount]=500&tiers[1][up_to]=inf&tiers[1][unit_amount]=400",
        )
        .await);
    let clock = clock_at_jan_31(&api).await;
    let (customer, _) = customer_paying_with(&api, "pm_card_visa", Some(&clock)).await;
    let subscription = subscribe(&api, &customer, &tiered, "&items[0][quantity]=12").await;
    let first = invoice(&api, subscription["latest_invoice"].as_str().unwrap()).await;
    assert_eq!((first["status"].as_str(), first["amount_paid"].as_i64()), (Some("paid"), Some(5800)));
    advance(&api, &clock, FEB_28 + 60).await;
    let renewed = api.get(&format!("/v1/subscriptions/{}", id(&subscription))).await.body;
    let renewal = invoice(&api, renewed["latest_invoice"].as_str().unwrap()).await;
    assert_ne!(renewal["id"], first["id"]);
    assert_eq!((renewal["status"].as_str(), renewal["amount_paid"].as_i64()), (Some("paid"), Some(5800)));
}

// Review item 1: an invoice above the maximum charge (here of a subscription made straight
// through the API, $29 × 34,483 = $1,000,007.00) is never charged: its payment is refused with
// `amount_too_large` (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts) and
// no PaymentIntent is made for it.
#[tokio::test]
async fn an_invoice_above_the_maximum_charge_is_not_charged() {
    let (sandbox, api, monthly, _, _, customer) = clocked_customer("pm_card_visa").await;
    let intents = sandbox.object_count("payment_intents");
    let subscription = subscribe(&api, &customer, &monthly, "&items[0][quantity]=34483").await;
    assert_eq!(subscription["status"], "incomplete");
    let invoice = invoice(&api, subscription["latest_invoice"].as_str().unwrap()).await;
    assert_eq!(invoice["amount_due"], 100_000_700);
    assert_eq!(invoice["status"], "open");
    assert_eq!(invoice["last_finalization_error"]["code"], "amount_too_large");
    assert_eq!(invoice["last_finalization_error"]["type"], "invalid_request_error");
    assert_eq!(invoice["last_finalization_error"]["message"], "Amount must be no more than $999,999.99 usd");
    assert_eq!(sandbox.object_count("payment_intents"), intents);
}
