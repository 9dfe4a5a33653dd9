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
//! Like Checkout, it creates a PaymentIntent for the amount due now, a Customer from the email when
//! the session asks for one (subscription mode, or `customer_creation=always`; a payment-mode
//! session is a guest checkout by default), and the events (`customer.created`,
//! `payment_intent.*`, `checkout.session.completed`). A completed subscription-mode session
//! creates its subscription (`subscriptions::create_from_checkout`), whose first invoice the
//! session's PaymentIntent pays. A
//! declined card leaves the session open with the failed PaymentIntent, so paying again with
//! another card reuses both, as a customer retrying on the page would.

use serde_json::{Value, json};

use super::checkout_sessions::{self, COLLECTION};
use super::errors::ApiError;
use super::events;
use super::expand::SANDBOX_FIELD;
use super::payment_intents::{self, CardOutcome, KNOWN_CARDS, card_outcome};
use super::resources::Ctx;
use super::store::new_id;
use super::{customers, fields::text, payment_links, subscriptions};

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
    let existing = session["customer"].as_str().map(str::to_string);
    let known_email = existing
        .as_deref()
        .and_then(|customer| ctx.data.get(customers::COLLECTION, customer))
        .and_then(|customer| customer["email"].as_str())
        .or_else(|| session["customer_email"].as_str())
        // What the customer typed on an earlier, unfinished attempt: the page keeps it.
        .or_else(|| session.pointer("/customer_details/email").and_then(Value::as_str))
        .map(str::to_string);
    let email = match known_email.or_else(|| text(params, "email").map(str::to_string)) {
        Some(email) => email,
        None => {
            return Err(ApiError::invalid("The session has no customer email; the customer must enter one (`email`).")
                .param("email"));
        }
    };
    // Guest checkout (https://docs.stripe.com/payments/checkout/guest-customers): a payment-mode
    // session creates a Customer only with `customer_creation=always`; subscription mode always
    // does. A guest's email is kept in `customer_details.email` only.
    let creates_customer = session["mode"] == json!("subscription") || session["customer_creation"] == json!("always");
    let customer = match existing {
        Some(existing) => Some(existing),
        None if creates_customer => {
            let created = customers::create_for_checkout(ctx, &email);
            created["id"].as_str().map(str::to_string)
        }
        None => None,
    };
    let trial = session
        .pointer("/sandbox/subscription_data/trial_period_days")
        .and_then(Value::as_i64)
        .is_some_and(|days| days > 0);
    let amount = session["amount_total"].as_i64().unwrap_or(0);
    let intent = if trial || amount == 0 {
        None
    } else {
        Some(charge(ctx, &session, customer.as_deref(), amount, card, outcome))
    };

    let Some(stored) = ctx.data.get_mut(COLLECTION, id) else {
        return Err(ApiError::no_such("checkout.session", id));
    };
    stored["customer"] = json!(customer);
    stored["customer_details"] = customer_details(&email);
    if let Some(intent) = &intent {
        if stored["mode"] == json!("payment") {
            stored["payment_intent"] = intent["id"].clone();
        } else if let Some(sandbox) = stored.get_mut(SANDBOX_FIELD).and_then(Value::as_object_mut) {
            sandbox.insert("payment_intent".into(), intent["id"].clone());
        }
    }
    ctx.changed = true;
    let mut answer = settle(ctx, id, intent.as_ref(), card);
    answer["payment_intent"] = intent.unwrap_or(Value::Null);
    Ok(answer)
}

/// `customer_details` as Checkout fills it from what the customer typed (the fields of Stripe's
/// current `checkout.session` example).
fn customer_details(email: &str) -> Value {
    json!({
        "address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null, "state": null},
        "business_name": null,
        "email": email,
        "individual_name": null,
        "name": null,
        "phone": null,
        "tax_exempt": "none",
        "tax_ids": [],
    })
}

/// Completes the session when nothing more is due: no payment was needed, or the PaymentIntent
/// succeeded. A declined or unauthenticated payment leaves it open. In subscription mode the
/// completed session creates the subscription, its first invoice paid by the session's
/// PaymentIntent and `card` saved as its payment method. Returns the stored session.
fn settle(ctx: &mut Ctx<'_>, id: &str, intent: Option<&Value>, card: &str) -> Value {
    let succeeded = intent.is_none_or(|intent| intent["status"] == json!("succeeded"));
    let Some(stored) = ctx.data.get_mut(COLLECTION, id) else { return Value::Null };
    if succeeded {
        stored["status"] = json!("complete");
        stored["payment_status"] = json!(if intent.is_some() { "paid" } else { "no_payment_required" });
        stored["url"] = Value::Null;
    }
    let session = stored.clone();
    if succeeded && session["mode"] == json!("subscription") {
        let subscription = subscriptions::create_from_checkout(ctx, &session, intent, card);
        if let Some(stored) = ctx.data.get_mut(COLLECTION, id) {
            stored["subscription"] = json!(subscription);
        }
    }
    let Some(stored) = ctx.data.get(COLLECTION, id) else { return Value::Null };
    let updated = stored.clone();
    ctx.changed = true;
    if succeeded {
        events::record(ctx, "checkout.session.completed", &updated);
    }
    updated
}

/// Charges the amount due now: a new PaymentIntent, or the session's earlier failed one.
fn charge(
    ctx: &mut Ctx<'_>,
    session: &Value,
    customer: Option<&str>,
    amount: i64,
    card: &str,
    outcome: CardOutcome,
) -> Value {
    // In subscription mode the session shows no `payment_intent`: the earlier attempt's is kept
    // in its sandbox field, so a retry on the page confirms the same PaymentIntent again.
    let earlier = session["payment_intent"]
        .as_str()
        .or_else(|| session.pointer("/sandbox/payment_intent").and_then(Value::as_str))
        .and_then(|id| ctx.data.get(payment_intents::COLLECTION, id))
        .cloned();
    let mut intent = match earlier {
        Some(intent) => intent,
        None => {
            let currency = session["currency"].as_str().unwrap_or("usd");
            let mut intent = payment_intents::new_intent(ctx.now, amount, currency, customer);
            let (description, metadata) = if session["mode"] == json!("subscription") {
                (
                    session.pointer("/sandbox/subscription_data/description").cloned().filter(|value| !value.is_null()),
                    None,
                )
            } else {
                (
                    session.pointer("/sandbox/payment_intent_data/description").cloned(),
                    session.pointer("/sandbox/payment_intent_data/metadata").cloned(),
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
            // Remembered so the customer's 3-D Secure answer can complete the session later,
            // also in subscription mode where the session shows no `payment_intent`.
            let link = json!({"id": intent["id"], "session": session["id"], "card": card});
            ctx.data.insert(INTENT_SESSIONS, intent["id"].as_str().unwrap_or_default(), link);
            intent
        }
    };
    payment_intents::confirm(ctx, &mut intent, outcome, None);
    let id = intent["id"].as_str().unwrap_or_default().to_string();
    match ctx.data.get_mut(payment_intents::COLLECTION, &id) {
        // Replaced in place: a retry must not move the payment to the top of the list.
        Some(stored) => *stored = intent.clone(),
        None => ctx.data.insert(payment_intents::COLLECTION, &id, intent.clone()),
    }
    intent
}

/// Which Checkout Session each PaymentIntent created by paying one belongs to: the sandbox's
/// own bookkeeping, never served.
const INTENT_SESSIONS: &str = "sandbox_intent_sessions";

/// `POST /v1/test_helpers/payment_intents/{intent}/authenticate` (sandbox only; Stripe has no
/// such endpoint): the customer answers the 3-D Secure challenge of a PaymentIntent left in
/// `requires_action` (card 4000 0025 0000 3155). `outcome=complete` makes the payment succeed
/// and completes its Checkout Session; `outcome=fail` leaves it `requires_payment_method` with
/// Stripe's `payment_intent_authentication_failure` error, as a failed challenge does
/// (https://docs.stripe.com/testing#regulatory-cards, https://docs.stripe.com/error-codes).
pub(crate) fn authenticate(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, mut intent) = ctx.path_object(payment_intents::COLLECTION, "payment_intent")?;
    if intent["status"] != json!("requires_action") {
        return Err(ApiError::invalid(format!(
            "This PaymentIntent is not waiting for the customer to authenticate: its status is `{}`.",
            intent["status"].as_str().unwrap_or_default()
        ))
        .code("payment_intent_unexpected_state"));
    }
    let completed = text(params, "outcome") == Some("complete");
    intent["next_action"] = Value::Null;
    if completed {
        intent["status"] = json!("succeeded");
        intent["amount_received"] = intent["amount"].clone();
        intent["latest_charge"] = json!(new_id("ch"));
    } else {
        let method = intent["payment_method"].clone();
        intent["status"] = json!("requires_payment_method");
        intent["payment_method"] = Value::Null;
        intent["last_payment_error"] = json!({
            "code": "payment_intent_authentication_failure",
            "doc_url": "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
            "message": "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a \
                        new PaymentMethod to attempt to fulfill this PaymentIntent again.",
            "payment_method": {"id": method, "object": "payment_method", "type": "card"},
            "type": "invalid_request_error",
        });
    }
    if let Some(stored) = ctx.data.get_mut(payment_intents::COLLECTION, &id) {
        *stored = intent.clone();
    }
    ctx.changed = true;
    events::record(ctx, if completed { "payment_intent.succeeded" } else { "payment_intent.payment_failed" }, &intent);
    let session = ctx.data.get(INTENT_SESSIONS, &id).and_then(|link| link["session"].as_str()).map(str::to_string);
    if let Some(session) = session
        && completed
        && ctx.data.get(COLLECTION, &session).is_some_and(|found| found["status"] == json!("open"))
    {
        let card = ctx.data.get(INTENT_SESSIONS, &id).and_then(|link| link["card"].as_str()).map(str::to_string);
        settle(ctx, &session, Some(&intent), card.as_deref().unwrap_or("4000002500003155"));
    }
    Ok(intent)
}
