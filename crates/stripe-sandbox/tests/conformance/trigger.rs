//! The sandbox-only `POST /v1/test_helpers/sandbox/trigger` (issue 12), like `stripe trigger`:
//! each supported event happens through the real flows, with the objects behind it.

use serde_json::Value;

use stripe_sandbox::RunningSandbox;

use super::{Api, start};

/// Triggers `kind` and returns the answer, after checking the event it names.
async fn trigger(api: &Api, kind: &str) -> Value {
    let answer = api.create("/v1/test_helpers/sandbox/trigger", &format!("event={kind}")).await;
    assert_eq!(answer["object"], "sandbox_trigger");
    assert_eq!(answer["type"], kind);
    let event = api.get(&format!("/v1/events/{}", answer["event"].as_str().unwrap())).await.body;
    assert_eq!(event["type"], kind, "{answer}");
    let listed: Vec<&str> =
        answer["events"].as_array().unwrap().iter().map(|event| event["type"].as_str().unwrap()).collect();
    assert!(listed.contains(&kind), "{listed:?}");
    answer
}

fn object(event: &Value) -> &Value {
    &event["data"]["object"]
}

async fn event_of(api: &Api, answer: &Value) -> Value {
    api.get(&format!("/v1/events/{}", answer["event"].as_str().unwrap())).await.body
}

/// A new sandbox where `kind` was triggered: the sandbox, a client, the answer and the event.
async fn triggered(kind: &str) -> (RunningSandbox, Api, Value, Value) {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let answer = trigger(&api, kind).await;
    let event = event_of(&api, &answer).await;
    (sandbox, api, answer, event)
}

#[tokio::test]
async fn payment_intent_succeeded_and_payment_failed() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let succeeded = trigger(&api, "payment_intent.succeeded").await;
    let event = event_of(&api, &succeeded).await;
    assert_eq!((object(&event)["status"].as_str(), object(&event)["amount"].as_i64()), (Some("succeeded"), Some(2000)));
    let intent = api.get(&format!("/v1/payment_intents/{}", object(&event)["id"].as_str().unwrap())).await;
    assert_eq!(intent.body["status"], "succeeded");

    let failed = trigger(&api, "payment_intent.payment_failed").await;
    let event = event_of(&api, &failed).await;
    assert_eq!(object(&event)["status"], "requires_payment_method");
    assert_eq!(object(&event)["last_payment_error"]["code"], "card_declined");
}

#[tokio::test]
async fn checkout_session_completed_with_its_product_price_customer_and_payment() {
    let (sandbox, api, answer, event) = triggered("checkout.session.completed").await;
    let session = object(&event);
    assert_eq!((session["status"].as_str(), session["payment_status"].as_str()), (Some("complete"), Some("paid")));
    assert_eq!(session["amount_total"], 3000);
    let customer = session["customer"].as_str().expect("a customer");
    assert_eq!(api.get(&format!("/v1/customers/{customer}")).await.body["email"], "stripe@example.com");
    let objects: Vec<&str> = answer["objects"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for prefix in ["prod_", "price_", "cs_test_", "cus_", "pi_"] {
        assert!(objects.iter().any(|id| id.starts_with(prefix)), "{prefix} in {objects:?}");
    }
    assert_eq!(sandbox.object_count("products"), 1);
}

#[tokio::test]
async fn invoice_payment_failed_from_a_subscription_whose_card_is_declined() {
    let (_sandbox, api, _, event) = triggered("invoice.payment_failed").await;
    let invoice = object(&event);
    assert_eq!(invoice["status"], "open");
    assert_eq!(invoice["billing_reason"], "subscription_create");
    let subscription = invoice["parent"]["subscription_details"]["subscription"]
        .as_str()
        .or_else(|| invoice["subscription"].as_str())
        .expect("the invoice's subscription");
    assert_eq!(api.get(&format!("/v1/subscriptions/{subscription}")).await.body["status"], "incomplete");
}

#[tokio::test]
async fn customer_subscription_deleted_after_a_paid_subscription_is_canceled() {
    let (_sandbox, _, answer, event) = triggered("customer.subscription.deleted").await;
    assert_eq!(object(&event)["status"], "canceled");
    let types: Vec<&str> = answer["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert!(types.contains(&"invoice.paid"), "the subscription was paid before: {types:?}");
}

#[tokio::test]
async fn an_unknown_event_lists_the_supported_ones_with_a_suggestion() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let refused = api.post("/v1/test_helpers/sandbox/trigger", "event=checkout.session.complete").await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.body["error"]["param"], "event");
    assert_eq!(
        refused.message(),
        "The sandbox cannot trigger `checkout.session.complete`. Did you mean `checkout.session.completed`? It can \
         trigger: checkout.session.completed, customer.subscription.deleted, invoice.payment_failed, \
         payment_intent.payment_failed, payment_intent.succeeded."
    );
    assert_eq!(sandbox.object_count("events"), 0, "nothing happened");
}
