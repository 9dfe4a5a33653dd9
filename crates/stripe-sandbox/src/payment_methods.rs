//! Card PaymentMethods, as far as tests need them: Stripe's test PaymentMethod ids
//! (`pm_card_visa`, `pm_card_chargeCustomerFail`, … https://docs.stripe.com/testing#cards)
//! retrieve and attach to a customer, and a customer's attached methods list. Attaching a test
//! id makes a new `pm_…` object, as Stripe does; which test card it stands for is kept in the
//! object's sandbox field and decides what charging it does (`payment_intents::card_outcome`).

use serde_json::{Value, json};

use super::customers;
use super::errors::ApiError;
use super::events;
use super::expand::SANDBOX_FIELD;
use super::fields::text;
use super::list::page;
use super::payment_intents::{CardOutcome, card_outcome};
use super::resources::{Ctx, Resource, Route};
use super::store::{new_id, random_suffix};

pub(crate) const RESOURCE: Resource = Resource {
    object: "payment_method",
    includable: &[],
    expandable: &[("customer", customers::COLLECTION)],
    routes: &[
        Route { method: "GET", template: "/v1/payment_methods/{payment_method}", handler: retrieve },
        Route { method: "POST", template: "/v1/payment_methods/{payment_method}/attach", handler: attach },
        Route { method: "GET", template: "/v1/customers/{customer}/payment_methods", handler: list_for_customer },
    ],
};

/// Where attached payment methods are stored.
pub(crate) const COLLECTION: &str = "payment_methods";

/// Stripe's test PaymentMethod ids the sandbox knows: (id, brand, last4, the card number whose
/// outcome it has).
const TEST_METHODS: &[(&str, &str, &str, &str)] = &[
    ("pm_card_visa", "visa", "4242", "4242424242424242"),
    ("pm_card_mastercard", "mastercard", "4444", "5555555555554444"),
    ("pm_card_chargeDeclined", "visa", "0002", "4000000000000002"),
    ("pm_card_chargeDeclinedInsufficientFunds", "visa", "9995", "4000000000009995"),
    ("pm_card_chargeCustomerFail", "visa", "0341", "4000000000000341"),
    ("pm_card_authenticationRequired", "visa", "3155", "4000002500003155"),
];

/// A card PaymentMethod for a test card number (or test PaymentMethod id), with the fields of
/// Stripe's current `payment_method` example object.
fn new_method(now: i64, id: &str, card: &str) -> Value {
    let number = TEST_METHODS.iter().find(|(test_id, ..)| *test_id == card).map_or(card, |(.., number)| number);
    let (brand, last4) = TEST_METHODS
        .iter()
        .find(|(.., known)| *known == number)
        .map_or(("visa", number.get(number.len().saturating_sub(4)..).unwrap_or("")), |(_, brand, last4, _)| {
            (brand, last4)
        });
    json!({
        "id": id,
        "object": "payment_method",
        "allow_redisplay": "unspecified",
        "billing_details": {
            "address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null, "state": null},
            "email": null, "name": null, "phone": null, "tax_id": null,
        },
        "card": {
            "brand": brand,
            "checks": {"address_line1_check": null, "address_postal_code_check": null, "cvc_check": "pass"},
            "country": "US",
            "display_brand": brand,
            "exp_month": 12,
            "exp_year": 2034,
            "fingerprint": random_suffix(16),
            "funding": "credit",
            "generated_from": null,
            "last4": last4,
            "networks": {"available": [brand], "preferred": null},
            "regulated_status": null,
            "three_d_secure_usage": {"supported": true},
            "wallet": null,
        },
        "created": now,
        "customer": null,
        "customer_account": null,
        "livemode": false,
        "metadata": {},
        "type": "card",
        SANDBOX_FIELD: {"card": number},
    })
}

/// What charging a payment method does: a test id, or an attached method by its test card.
pub(crate) fn outcome_of(ctx: &Ctx<'_>, id: &str) -> Option<CardOutcome> {
    if TEST_METHODS.iter().any(|(test_id, ..)| *test_id == id) {
        return card_outcome(id);
    }
    let stored = ctx.data.get(COLLECTION, id)?;
    card_outcome(stored.pointer("/sandbox/card").and_then(Value::as_str)?)
}

/// Attaches a new card PaymentMethod for `card` (a test card number or test id) to `customer`,
/// as Checkout does with the card a customer paid with; returns its id.
pub(crate) fn attach_card(ctx: &mut Ctx<'_>, card: &str, customer: &str) -> String {
    let id = new_id("pm");
    let mut method = new_method(ctx.now, &id, card);
    method["customer"] = json!(customer);
    ctx.data.insert(COLLECTION, &id, method.clone());
    ctx.changed = true;
    events::record(ctx, "payment_method.attached", &method);
    id
}

/// Whether `method` is attached to `customer`.
pub(crate) fn attached_to(ctx: &Ctx<'_>, method: &str, customer: &str) -> bool {
    ctx.data.get(COLLECTION, method).is_some_and(|stored| stored["customer"].as_str() == Some(customer))
}

/// Stripe's refusal of a default payment method the customer does not have.
pub(crate) fn not_attached(method: &str, param: &str) -> ApiError {
    ApiError::invalid(format!(
        "The customer does not have a payment method with the ID {method}. The payment method must be attached to \
         the customer."
    ))
    .param(param)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    if let Some(stored) = ctx.data.get(COLLECTION, &id) {
        return Ok(stored.clone());
    }
    if TEST_METHODS.iter().any(|(test_id, ..)| *test_id == id) {
        return Ok(new_method(ctx.now, &id, &id));
    }
    Err(ApiError::no_such("PaymentMethod", &id).param("payment_method"))
}

/// `POST /v1/payment_methods/{payment_method}/attach` (`customer`). A test id attaches as a new
/// method each time; a method attached to another customer is refused, as Stripe refuses it.
fn attach(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    let customer = text(params, "customer").ok_or_else(|| ApiError::missing_parameter("customer"))?.to_string();
    if !ctx.data.contains(customers::COLLECTION, &customer) {
        return Err(ApiError::no_such_param("customer", &customer, "customer"));
    }
    if TEST_METHODS.iter().any(|(test_id, ..)| *test_id == id) {
        let attached = attach_card(ctx, &id, &customer);
        return ctx.data.get(COLLECTION, &attached).cloned().ok_or_else(|| ApiError::no_such("PaymentMethod", &id));
    }
    let Some(stored) = ctx.data.get(COLLECTION, &id) else {
        return Err(ApiError::no_such("PaymentMethod", &id).param("payment_method"));
    };
    match stored["customer"].as_str() {
        Some(owner) if owner == customer => Ok(stored.clone()),
        Some(_) => Err(ApiError::invalid("The payment method you provided has already been attached to a customer.")
            .param("payment_method")),
        None => {
            let Some(stored) = ctx.data.get_mut(COLLECTION, &id) else {
                return Err(ApiError::no_such("PaymentMethod", &id));
            };
            stored["customer"] = json!(customer);
            let method = stored.clone();
            ctx.changed = true;
            events::record(ctx, "payment_method.attached", &method);
            Ok(method)
        }
    }
}

/// `GET /v1/customers/{customer}/payment_methods` (`type` optional), newest first.
fn list_for_customer(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let customer = ctx.id()?;
    if !ctx.data.contains(customers::COLLECTION, &customer) {
        return Err(ApiError::no_such("customer", &customer).param("customer"));
    }
    let kind = text(params, "type");
    page(ctx.data, COLLECTION, "payment_method", ctx.path, params, |method| {
        method["customer"].as_str() == Some(customer.as_str()) && kind.is_none_or(|kind| method["type"] == json!(kind))
    })
}
