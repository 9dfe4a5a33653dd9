//! PaymentIntents: create (optionally confirmed with a test payment method, which is how tests
//! seed payments), retrieve, and list with the `customer` and `created` filters, newest first.
//! Stripe's test cards decide the outcome (see [`CardOutcome`]); `sandbox pay` uses the same
//! rules when it completes a checkout session.

use serde_json::{Value, json};

use super::currencies;
use super::errors::ApiError;
use super::events;
use super::fields::{currency, metadata_for_create, or_null, text, with_defaults};
use super::list::{page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::search;
use super::store::{new_id, random_suffix};
use super::{customers, pay};

pub(crate) const RESOURCE: Resource = Resource {
    object: "payment_intent",
    includable: &[],
    expandable: &[("customer", customers::COLLECTION)],
    routes: &[
        Route { method: "POST", template: "/v1/payment_intents", handler: create },
        Route { method: "GET", template: "/v1/payment_intents", handler: list },
        Route { method: "GET", template: "/v1/payment_intents/search", handler: search },
        Route { method: "GET", template: "/v1/payment_intents/{intent}", handler: retrieve },
        Route {
            method: "POST",
            template: "/v1/test_helpers/payment_intents/{intent}/authenticate",
            handler: pay::authenticate,
        },
    ],
};

/// Where payment intents are stored.
pub(crate) const COLLECTION: &str = "payment_intents";

/// What a test card does when charged (Stripe's documented test numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CardOutcome {
    /// `4242424242424242`, `pm_card_visa`.
    Succeeds,
    /// A decline: `(decline_code, message)`. `4000000000009995` is `insufficient_funds`,
    /// `4000000000000002` a `generic_decline`.
    Declined(&'static str, &'static str),
    /// `4000002500003155`: 3D Secure authentication is required.
    RequiresAction,
}

/// The outcome of charging a test card number or test payment method, or `None` for one the
/// sandbox does not know.
pub(crate) fn card_outcome(card: &str) -> Option<CardOutcome> {
    let digits: String = card.chars().filter(|c| !c.is_ascii_whitespace() && *c != '-').collect();
    match digits.as_str() {
        "4242424242424242" | "pm_card_visa" | "5555555555554444" | "pm_card_mastercard" => Some(CardOutcome::Succeeds),
        "4000000000009995" | "pm_card_chargeDeclinedInsufficientFunds" => {
            Some(CardOutcome::Declined("insufficient_funds", "Your card has insufficient funds."))
        }
        "4000000000000002" | "pm_card_chargeDeclined" => {
            Some(CardOutcome::Declined("generic_decline", "Your card was declined."))
        }
        // "Attaching this card to a Customer object succeeds, but attempts to charge the customer
        // fail" (https://docs.stripe.com/testing#declined-payments).
        "4000000000000341" | "pm_card_chargeCustomerFail" => {
            Some(CardOutcome::Declined("generic_decline", "Your card was declined."))
        }
        "4000002500003155" | "pm_card_authenticationRequired" => Some(CardOutcome::RequiresAction),
        _ => None,
    }
}

/// The test cards `card_outcome` knows, for error messages.
pub(crate) const KNOWN_CARDS: &str = "4242424242424242 (succeeds), 5555555555554444 (succeeds), 4000000000009995 \
     (insufficient funds), 4000000000000002 (declined), 4000000000000341 (attaches, then declined), \
     4000002500003155 (requires authentication)";

/// A new, unconfirmed payment intent.
pub(crate) fn new_intent(now: i64, amount: i64, currency: &str, customer: Option<&str>) -> Value {
    let id = new_id("pi");
    let mut intent = json!({
        "id": id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_received": 0,
        "capture_method": "automatic",
        "client_secret": format!("{id}_secret_{}", random_suffix(24)),
        "confirmation_method": "automatic",
        "created": now,
        "currency": currency,
        "customer": customer,
        "description": null,
        "last_payment_error": null,
        "latest_charge": null,
        "livemode": false,
        "metadata": {},
        "next_action": null,
        "payment_method": null,
        "payment_method_types": ["card"],
        "receipt_email": null,
        "status": "requires_payment_method",
    });
    // The rest of the emulated version's fields (Stripe's current example object, async-stripe's
    // `PaymentIntent` for 2026-09-30.endive), as a card payment without those features shows them.
    with_defaults(
        &mut intent,
        json!({
            "allowed_payment_method_types": null,
            "amount_details": {"tip": {}},
            "application": null,
            "application_fee_amount": null,
            "automatic_payment_methods": null,
            "canceled_at": null,
            "cancellation_reason": null,
            "customer_account": null,
            "excluded_payment_method_types": null,
            "hooks": null,
            "managed_payments": null,
            "on_behalf_of": null,
            "payment_details": null,
            "payment_method_configuration_details": null,
            "payment_method_options": {},
            "payment_record": null,
            "presentment_details": null,
            "processing": null,
            "review": null,
            "setup_future_usage": null,
            "shipping": null,
            "source": null,
            "statement_descriptor": null,
            "statement_descriptor_suffix": null,
            "transfer_data": null,
            "transfer_group": null,
        }),
    );
    intent
}

/// Charges `intent` with a test card, setting its status, amounts and error as Stripe would,
/// and records the event (`payment_intent.succeeded` / `.payment_failed` / `.requires_action`).
/// A card that needs 3-D Secure leaves the intent in `requires_action` with a `next_action`: a
/// `redirect_to_url` when the confirmation named a `return_url`, else `use_stripe_sdk` (Stripe.js
/// runs the challenge), shaped as Stripe's PaymentIntent reference describes `next_action`.
/// `POST /v1/test_helpers/payment_intents/{intent}/authenticate` then plays the customer.
pub(crate) fn confirm(ctx: &mut Ctx<'_>, intent: &mut Value, outcome: CardOutcome, return_url: Option<&str>) {
    let payment_method = new_id("pm");
    intent["payment_method"] = json!(payment_method);
    match outcome {
        CardOutcome::Succeeds => {
            intent["status"] = json!("succeeded");
            intent["amount_received"] = intent["amount"].clone();
            intent["latest_charge"] = json!(new_id("ch"));
            intent["last_payment_error"] = Value::Null;
            intent["next_action"] = Value::Null;
        }
        CardOutcome::Declined(decline_code, message) => {
            intent["status"] = json!("requires_payment_method");
            intent["latest_charge"] = json!(new_id("ch"));
            intent["payment_method"] = Value::Null;
            intent["last_payment_error"] = json!({
                "type": "card_error",
                "code": "card_declined",
                "decline_code": decline_code,
                "doc_url": "https://stripe.com/docs/error-codes/card-declined",
                "message": message,
                "payment_method": {"id": payment_method, "object": "payment_method", "type": "card"},
            });
        }
        CardOutcome::RequiresAction => {
            intent["status"] = json!("requires_action");
            intent["last_payment_error"] = Value::Null;
            // `.invalid` hosts never resolve: nobody mistakes them for Stripe's pages.
            let challenge = format!(
                "https://hooks.sandbox.invalid/3d_secure_2/hosted?payment_intent={}",
                intent["id"].as_str().unwrap_or_default()
            );
            intent["next_action"] = match return_url {
                Some(return_url) => json!({
                    "type": "redirect_to_url",
                    "redirect_to_url": {"return_url": return_url, "url": challenge},
                }),
                None => json!({
                    "type": "use_stripe_sdk",
                    "use_stripe_sdk": {"source": new_id("src"), "stripe_js": challenge, "type": "three_d_secure_redirect"},
                }),
            };
        }
    }
    let event = match outcome {
        CardOutcome::Succeeds => "payment_intent.succeeded",
        CardOutcome::Declined(..) => "payment_intent.payment_failed",
        CardOutcome::RequiresAction => "payment_intent.requires_action",
    };
    events::record(ctx, event, intent);
}

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let amount = params.get("amount").and_then(Value::as_i64).ok_or_else(|| ApiError::missing_parameter("amount"))?;
    if amount < 1 {
        return Err(ApiError::invalid("This value must be greater than or equal to 1.").param("amount"));
    }
    let currency = currency(text(params, "currency").unwrap_or_default(), "currency")?;
    if amount > currencies::maximum_charge(currency) {
        return Err(currencies::amount_too_large(currency, "amount"));
    }
    let customer = text(params, "customer");
    if let Some(id) = customer
        && !ctx.data.contains(customers::COLLECTION, id)
    {
        return Err(ApiError::no_such_param("customer", id, "customer"));
    }
    let outcome = match text(params, "payment_method") {
        Some(method) => Some(
            card_outcome(method).ok_or_else(|| ApiError::no_such_param("PaymentMethod", method, "payment_method"))?,
        ),
        None => None,
    };
    let confirm_now = params.get("confirm").and_then(Value::as_bool).unwrap_or(false);
    if confirm_now && outcome.is_none() {
        return Err(ApiError::invalid("You cannot confirm this PaymentIntent because it's missing a payment method.")
            .param("payment_method"));
    }
    let mut intent = new_intent(ctx.now, amount, currency, customer);
    intent["description"] = or_null(params, "description");
    intent["metadata"] = metadata_for_create(params, "metadata")?;
    intent["receipt_email"] = or_null(params, "receipt_email");
    let id = intent["id"].as_str().unwrap_or_default().to_string();
    events::record(ctx, "payment_intent.created", &intent);
    match outcome {
        Some(outcome) if confirm_now => confirm(ctx, &mut intent, outcome, text(params, "return_url")),
        Some(_) => intent["status"] = json!("requires_confirmation"),
        None => {}
    }
    ctx.data.insert(COLLECTION, &id, intent.clone());
    ctx.changed = true;
    Ok(intent)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    ctx.data.get(COLLECTION, &id).cloned().ok_or_else(|| ApiError::no_such("payment_intent", &id).param("intent"))
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let customer = string_filter(params, "customer");
    page(ctx.data, COLLECTION, "payment_intent", ctx.path, params, |intent| {
        customer.is_none_or(|id| intent["customer"].as_str() == Some(id))
    })
}

/// `GET /v1/payment_intents/search` (see `search.rs`).
fn search(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    search::run(ctx, params, &search::PAYMENT_INTENTS)
}
