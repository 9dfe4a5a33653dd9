//! The sandbox-only way to pay: completes an open Checkout Session as a customer would on
//! Stripe's page, with one of Stripe's test cards. Served as
//! `POST /v1/test_helpers/checkout/sessions/{session}/pay` (`card`, `email`), in the namespace
//! where Stripe keeps its own test-mode simulations, so `sandbox pay` works against
//! `sandbox serve` and the in-process sandbox alike. The answer is the session with its
//! `payment_intent` expanded (also in `subscription` mode, where the stored session has none).
//!
//! `POST /v1/test_helpers/payment_links/{payment_link}/pay` does the same for a payment link:
//! it opens a new session from the link, as a visit to the link's URL does, and pays that.
//!
//! Like Checkout, it creates the customer from the email, a PaymentIntent for the amount due now,
//! and the events (`customer.created`, `payment_intent.*`, `checkout.session.completed`). A
//! declined card leaves the session open with the failed PaymentIntent, so paying again with
//! another card reuses both, as a customer retrying on the page would.

use serde_json::{Value, json};

use super::checkout_sessions::{self, COLLECTION};
use super::errors::ApiError;
use super::events;
use super::payment_intents::{self, CardOutcome, KNOWN_CARDS, card_outcome};
use super::resources::Ctx;
use super::store::new_id;
use super::{customers, fields::text, payment_links};

/// Pays the session in the path with `params` (`card`, default 4242…; `email` when the session
/// has none).
pub(crate) fn pay(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    pay_session(ctx, &id, params)
}

/// Visits the payment link in the path and pays: like Stripe, each visit opens a new Checkout
/// Session (with the link's line items, `payment_link` set), which is then paid with `params`
/// (`card`; `email` is required, a link knows no customer).
pub(crate) fn pay_link(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    let Some(link) = ctx.data.get(payment_links::COLLECTION, &id).cloned() else {
        return Err(ApiError::no_such("payment_link", &id).param("payment_link"));
    };
    if link["active"] != json!(true) {
        return Err(ApiError::invalid("This payment link has been deactivated and can no longer be paid.")
            .code("payment_link_inactive"));
    }
    // Checked before the session is opened, so a refused visit leaves nothing behind.
    let card = text(params, "card").unwrap_or("4242424242424242");
    if card_outcome(card).is_none() {
        return Err(unknown_card(card));
    }
    let Some(email) = text(params, "email") else {
        return Err(ApiError::invalid("A payment link knows no customer; the customer must enter an email (`email`).")
            .param("email"));
    };
    let session = checkout_sessions::open_for_link(ctx, &link, email)?;
    let session_id = session["id"].as_str().unwrap_or_default().to_string();
    pay_session(ctx, &session_id, params)
}

fn unknown_card(card: &str) -> ApiError {
    ApiError::invalid(format!("The sandbox does not know the test card `{card}`. Known: {KNOWN_CARDS}."))
        .code("incorrect_number")
        .param("card")
}

fn pay_session(ctx: &mut Ctx<'_>, id: &str, params: &Value) -> Result<Value, ApiError> {
    let session = checkout_sessions::current(ctx, id)?;
    if session["status"] != json!("open") {
        return Err(ApiError::invalid(format!(
            "This Checkout Session is {} and can no longer be paid.",
            session["status"].as_str().unwrap_or("closed")
        ))
        .code("checkout_session_not_open"));
    }
    let card = text(params, "card").unwrap_or("4242424242424242");
    let outcome = card_outcome(card).ok_or_else(|| unknown_card(card))?;
    let customer = match session["customer"].as_str() {
        Some(existing) => existing.to_string(),
        None => {
            let email = session["customer_email"]
                .as_str()
                .or_else(|| text(params, "email"))
                .ok_or_else(|| {
                    ApiError::invalid("The session has no customer email; the customer must enter one (`email`).")
                        .param("email")
                })?
                .to_string();
            let created = customers::create_for_checkout(ctx, &email);
            created["id"].as_str().unwrap_or_default().to_string()
        }
    };
    let email =
        ctx.data.get(customers::COLLECTION, &customer).and_then(|found| found["email"].as_str().map(str::to_string));
    let trial =
        session.pointer("/subscription_data/trial_period_days").and_then(Value::as_i64).is_some_and(|days| days > 0);
    let amount = session["amount_total"].as_i64().unwrap_or(0);

    let intent = if trial || amount == 0 { None } else { Some(charge(ctx, &session, &customer, amount, outcome)) };
    let succeeded = intent.is_none() || outcome == CardOutcome::Succeeds;

    let Some(stored) = ctx.data.get_mut(COLLECTION, id) else {
        return Err(ApiError::no_such("checkout.session", id));
    };
    stored["customer"] = json!(customer);
    stored["customer_details"] = json!({"email": email, "name": null});
    if let Some(intent) = &intent
        && stored["mode"] == json!("payment")
    {
        stored["payment_intent"] = intent["id"].clone();
    }
    if succeeded {
        stored["status"] = json!("complete");
        stored["payment_status"] = json!(if intent.is_some() { "paid" } else { "no_payment_required" });
        stored["url"] = Value::Null;
        if stored["mode"] == json!("subscription") {
            stored["subscription"] = json!(new_id("sub"));
        }
    }
    let updated = stored.clone();
    ctx.changed = true;
    if succeeded {
        events::record(ctx, "checkout.session.completed", &updated);
    }
    let mut answer = updated;
    answer["payment_intent"] = intent.unwrap_or(Value::Null);
    Ok(answer)
}

/// Charges the amount due now: a new PaymentIntent, or the session's earlier failed one.
fn charge(ctx: &mut Ctx<'_>, session: &Value, customer: &str, amount: i64, outcome: CardOutcome) -> Value {
    let earlier =
        session["payment_intent"].as_str().and_then(|id| ctx.data.get(payment_intents::COLLECTION, id)).cloned();
    let mut intent = match earlier {
        Some(intent) => intent,
        None => {
            let currency = session["currency"].as_str().unwrap_or("usd");
            let mut intent = payment_intents::new_intent(ctx.now, amount, currency, Some(customer));
            let (description, metadata) = if session["mode"] == json!("subscription") {
                (session.pointer("/subscription_data/description").cloned().filter(|value| !value.is_null()), None)
            } else {
                (
                    session.pointer("/payment_intent_data/description").cloned(),
                    session.pointer("/payment_intent_data/metadata").cloned(),
                )
            };
            intent["description"] = description.unwrap_or_else(|| {
                json!(if session["mode"] == json!("subscription") { "Subscription creation" } else { "" })
            });
            if intent["description"] == json!("") {
                intent["description"] = Value::Null;
            }
            if let Some(metadata) = metadata.filter(Value::is_object) {
                intent["metadata"] = metadata;
            }
            events::record(ctx, "payment_intent.created", &intent);
            intent
        }
    };
    payment_intents::confirm(ctx, &mut intent, outcome);
    let id = intent["id"].as_str().unwrap_or_default().to_string();
    match ctx.data.get_mut(payment_intents::COLLECTION, &id) {
        // Replaced in place: a retry must not move the payment to the top of the list.
        Some(stored) => *stored = intent.clone(),
        None => ctx.data.insert(payment_intents::COLLECTION, &id, intent.clone()),
    }
    intent
}
