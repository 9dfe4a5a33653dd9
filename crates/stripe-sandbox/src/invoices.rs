//! Invoices of subscriptions: one per billing period, created, finalized and charged at once
//! (`collection_method: charge_automatically`), with the subscription's `default_payment_method`
//! or else the customer's `invoice_settings.default_payment_method`
//! (https://docs.stripe.com/billing/subscriptions/payment-methods-setting). Retrieve and list
//! (`customer`, `subscription`, `status`).
//!
//! In the emulated version an invoice names its payments in `payments` (includable: shown with
//! `expand[]=payments`), each an `invoice_payment` naming a PaymentIntent; there is no
//! `invoice.payment_intent` (https://docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices).
//! Every attempt to pay an invoice confirms the same PaymentIntent again, so a retried payment
//! shows as one payment, not one per attempt.
//!
//! Failed payments are retried on a fixed schedule, [`RETRY_DAYS`] after the first failure, like
//! a custom retry schedule (https://docs.stripe.com/billing/revenue-recovery/smart-retries#custom-retry-schedule);
//! after the last the subscription is canceled (that page's "cancel the subscription" setting).

use serde_json::{Value, json};

use super::currencies;
use super::errors::ApiError;
use super::events;
use super::expand::SANDBOX_FIELD;
use super::fields::with_defaults;
use super::list::{page, string_filter};
use super::payment_intents::{self, CardOutcome};
use super::payment_methods;
use super::resources::{Ctx, Resource, Route};
use super::search;
use super::store::new_id;
use super::{customers, subscriptions};

pub(crate) const RESOURCE: Resource = Resource {
    object: "invoice",
    includable: &["payments"],
    expandable: &[
        ("customer", customers::COLLECTION),
        ("subscription", subscriptions::COLLECTION),
        ("default_payment_method", payment_methods::COLLECTION),
    ],
    routes: &[
        Route { method: "GET", template: "/v1/invoices", handler: list },
        Route { method: "GET", template: "/v1/invoices/search", handler: search },
        Route { method: "GET", template: "/v1/invoices/{invoice}", handler: retrieve },
    ],
};

/// Where invoices are stored.
pub(crate) const COLLECTION: &str = "invoices";

/// Days after the first failed payment of an invoice on which it is tried again: three retries,
/// four attempts in all. After the last fails, the subscription is canceled.
pub(crate) const RETRY_DAYS: [i64; 3] = [3, 5, 7];

const DAY: i64 = 24 * 60 * 60;

/// One invoice line: what a subscription item (or a proration of one) costs for a period.
pub(crate) struct Line {
    pub(crate) amount: i64,
    pub(crate) description: String,
    pub(crate) price: Value,
    pub(crate) quantity: i64,
    pub(crate) period: (i64, i64),
    pub(crate) item: Option<String>,
    pub(crate) proration: bool,
}

/// Creates a draft invoice of `subscription` for `lines` (event `invoice.created`), finalizes it
/// (`invoice.finalized`) and returns its id. `ctx.now` is the billing time.
pub(crate) fn create(
    ctx: &mut Ctx<'_>,
    subscription: &Value,
    reason: &str,
    lines: Vec<Line>,
    period: (i64, i64),
) -> String {
    let id = new_id("in");
    let subscription_id = subscription["id"].as_str().unwrap_or_default();
    let customer_id = subscription["customer"].as_str().unwrap_or_default().to_string();
    let currency = subscription["currency"].clone();
    // Never saturated: a sum beyond i64 is stored as the largest i64 only to be refused by
    // `pay` as above the maximum charge, like any total over it.
    let total = lines.iter().try_fold(0_i64, |sum, line| sum.checked_add(line.amount)).unwrap_or(i64::MAX);
    let data: Vec<Value> = lines
        .into_iter()
        .map(|line| {
            json!({
                "id": new_id("il"),
                "object": "line_item",
                "amount": line.amount,
                "currency": currency,
                "description": line.description,
                "discount_amounts": [],
                "discountable": true,
                "discounts": [],
                "invoice": id,
                "livemode": false,
                "metadata": {},
                "parent": {
                    "invoice_item_details": null,
                    "subscription_item_details": {
                        "invoice_item": null,
                        "proration": line.proration,
                        "proration_details": {"credited_items": null},
                        "subscription": subscription_id,
                        "subscription_item": line.item,
                    },
                    "type": "subscription_item_details",
                },
                "period": {"end": line.period.1, "start": line.period.0},
                "pretax_credit_amounts": [],
                "pricing": {
                    "price_details": {"price": line.price["id"], "product": line.price["product"]},
                    "type": "price_details",
                    "unit_amount_decimal": line.price["unit_amount_decimal"],
                },
                "quantity": line.quantity,
                "quantity_decimal": line.quantity.to_string(),
                "subscription": subscription_id,
                "subtotal": line.amount,
                "taxes": [],
            })
        })
        .collect();
    let customer = ctx.data.get(customers::COLLECTION, &customer_id).cloned().unwrap_or(Value::Null);
    let mut invoice = json!({
        "id": id,
        "object": "invoice",
        "amount_due": total,
        "amount_paid": 0,
        "amount_remaining": total,
        "attempt_count": 0,
        "attempted": false,
        "auto_advance": true,
        "billing_reason": reason,
        "collection_method": "charge_automatically",
        "created": ctx.now,
        "currency": currency,
        "customer": customer_id,
        "customer_email": customer["email"],
        "customer_name": customer["name"],
        "customer_phone": customer["phone"],
        "default_payment_method": null,
        "effective_at": null,
        "lines": {"object": "list", "data": data, "has_more": false, "url": format!("/v1/invoices/{id}/lines")},
        "next_payment_attempt": null,
        "number": null,
        "parent": {
            "quote_details": null,
            "subscription_details": {"metadata": subscription["metadata"], "subscription": subscription_id},
            "type": "subscription_details",
        },
        "payments": {"object": "list", "data": [], "has_more": false, "url": "/v1/invoice_payments"},
        "period_end": period.1,
        "period_start": period.0,
        "status": "draft",
        "status_transitions": {"finalized_at": null, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null},
        // Still in Stripe's current example object and async-stripe's `Invoice` for the emulated
        // version, beside `parent.subscription_details.subscription`.
        "subscription": subscription_id,
        "subtotal": total,
        "subtotal_excluding_tax": total,
        "test_clock": customer["test_clock"],
        "total": total,
        "total_excluding_tax": total,
        SANDBOX_FIELD: {"payment_intent": null, "first_failure": null},
    });
    with_defaults(&mut invoice, invoice_defaults());
    ctx.data.insert(COLLECTION, &id, invoice.clone());
    ctx.changed = true;
    events::record(ctx, "invoice.created", &invoice);
    finalize(ctx, &id, &customer_id);
    id
}

/// The rest of the fields of Stripe's current `invoice` example, as an invoice without tax,
/// discounts, shipping or credit notes shows them.
fn invoice_defaults() -> Value {
    // Two literals: one would pass `json!`'s macro recursion limit.
    let mut defaults = json!({
        "account_country": "US",
        "account_name": "Sandbox",
        "account_tax_ids": null,
        "amount_overpaid": 0,
        "amount_shipping": 0,
        "application": null,
        "automatic_tax": {"enabled": false, "liability": null, "disabled_reason": null, "provider": null, "status": null},
        "automatically_finalizes_at": null,
        "custom_fields": null,
        "customer_account": null,
        "customer_address": null,
        "customer_shipping": null,
        "customer_tax_exempt": "none",
        "customer_tax_ids": [],
        "default_source": null,
        "default_tax_rates": [],
        "description": null,
        "discounts": [],
    });
    let more = json!({
        "due_date": null,
        "ending_balance": 0,
        "footer": null,
        "from_invoice": null,
        "hosted_invoice_url": null,
        "invoice_pdf": null,
        "issuer": {"type": "self"},
        "last_finalization_error": null,
        "latest_revision": null,
        "livemode": false,
        "metadata": {},
        "on_behalf_of": null,
        "payment_settings": {"default_mandate": null, "payment_method_options": null, "payment_method_types": null},
        "post_payment_credit_notes_amount": 0,
        "pre_payment_credit_notes_amount": 0,
        "receipt_number": null,
        "rendering": null,
        "shipping_cost": null,
        "shipping_details": null,
        "starting_balance": 0,
        "statement_descriptor": null,
        "total_discount_amounts": [],
        "total_pretax_credit_amounts": [],
        "total_taxes": [],
        "webhooks_delivered_at": null,
    });
    with_defaults(&mut defaults, more);
    defaults
}

/// Draft to open: numbered from the customer's prefix and sequence (`PREFIX-0001`).
fn finalize(ctx: &mut Ctx<'_>, id: &str, customer: &str) {
    let number = ctx.data.get_mut(customers::COLLECTION, customer).map(|customer| {
        let sequence = customer["next_invoice_sequence"].as_i64().unwrap_or(1);
        customer["next_invoice_sequence"] = json!(sequence + 1);
        format!("{}-{sequence:04}", customer["invoice_prefix"].as_str().unwrap_or("SANDBOX"))
    });
    let now = ctx.now;
    let Some(invoice) = ctx.data.get_mut(COLLECTION, id) else { return };
    invoice["status"] = json!("open");
    invoice["number"] = json!(number);
    invoice["effective_at"] = json!(now);
    invoice["status_transitions"]["finalized_at"] = json!(now);
    let invoice = invoice.clone();
    ctx.changed = true;
    events::record(ctx, "invoice.finalized", &invoice);
}

/// What an attempt to pay an invoice came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Paid {
    Yes,
    /// Failed; `true` when a retry is scheduled.
    No(bool),
}

/// The payment method an invoice of `subscription` is charged with.
fn payment_method(ctx: &Ctx<'_>, subscription: &Value) -> Option<String> {
    subscription["default_payment_method"].as_str().map(str::to_string).or_else(|| {
        let customer = ctx.data.get(customers::COLLECTION, subscription["customer"].as_str()?)?;
        customer.pointer("/invoice_settings/default_payment_method")?.as_str().map(str::to_string)
    })
}

/// Pays an open invoice: at once when nothing is due, else by confirming its PaymentIntent
/// (created on the first attempt) with the payment method. `retries` says whether a failure
/// schedules a retry ([`RETRY_DAYS`]); a first invoice is not retried (its subscription stays
/// `incomplete`). `attempt: false` only prepares the PaymentIntent (`default_incomplete`).
pub(crate) fn pay(ctx: &mut Ctx<'_>, id: &str, subscription: &Value, retries: bool, attempt: bool) -> Paid {
    let Some(invoice) = ctx.data.get(COLLECTION, id).cloned() else { return Paid::No(false) };
    let amount = invoice["amount_due"].as_i64().unwrap_or(0);
    if amount == 0 {
        mark_paid(ctx, id, None);
        return Paid::Yes;
    }
    let currency = invoice["currency"].as_str().unwrap_or("usd").to_string();
    if amount > currencies::maximum_charge(&currency) {
        // Stripe refuses to charge it at all (`amount_too_large`); nothing is paid, and
        // retrying the same amount cannot succeed.
        let refusal = currencies::amount_too_large(&currency, "amount");
        if let Some(stored) = ctx.data.get_mut(COLLECTION, id) {
            stored["last_finalization_error"] = json!({
                "type": refusal.kind,
                "code": refusal.code,
                "message": refusal.message,
            });
        }
        return mark_failed(ctx, id, false);
    }
    let method = payment_method(ctx, subscription);
    let mut intent = match invoice.pointer("/sandbox/payment_intent").and_then(Value::as_str) {
        Some(existing) => ctx.data.get(payment_intents::COLLECTION, existing).cloned().unwrap_or(Value::Null),
        None => Value::Null,
    };
    if intent.is_null() {
        let currency = invoice["currency"].as_str().unwrap_or("usd");
        intent = payment_intents::new_intent(ctx.now, amount, currency, invoice["customer"].as_str());
        intent["description"] = json!(match invoice["billing_reason"].as_str() {
            Some("subscription_create") => "Subscription creation",
            Some("subscription_update") => "Subscription update",
            _ => "Subscription cycle",
        });
        let intent_id = intent["id"].as_str().unwrap_or_default().to_string();
        ctx.data.insert(payment_intents::COLLECTION, &intent_id, intent.clone());
        events::record(ctx, "payment_intent.created", &intent);
        add_payment(ctx, id, &intent_id, amount);
    }
    if !attempt {
        return Paid::No(false);
    }
    let outcome = method.as_deref().and_then(|method| payment_methods::outcome_of(ctx, method));
    if let Some(outcome) = outcome {
        payment_intents::confirm(ctx, &mut intent, outcome, None);
        // `confirm` names a fresh card; the invoice's payment used this attached one.
        if !matches!(outcome, CardOutcome::Declined(..)) {
            intent["payment_method"] = json!(method);
        }
    } else {
        // "No payment methods are available": nothing to charge (Stripe does not retry these).
        intent["last_payment_error"] = json!({
            "type": "invalid_request_error",
            "code": "payment_method_missing",
            "message": "The customer has no default payment method.",
        });
        events::record(ctx, "payment_intent.payment_failed", &intent);
    }
    let intent_id = intent["id"].as_str().unwrap_or_default().to_string();
    if let Some(stored) = ctx.data.get_mut(payment_intents::COLLECTION, &intent_id) {
        *stored = intent.clone();
    }
    ctx.changed = true;
    if intent["status"] == json!("succeeded") {
        mark_paid(ctx, id, Some(&intent));
        return Paid::Yes;
    }
    mark_failed(ctx, id, retries && outcome.is_some())
}

/// Adds the invoice's payment: one `invoice_payment` (Stripe's current example object) for its
/// PaymentIntent, whatever the number of attempts.
fn add_payment(ctx: &mut Ctx<'_>, id: &str, intent: &str, amount: i64) {
    let now = ctx.now;
    let Some(invoice) = ctx.data.get_mut(COLLECTION, id) else { return };
    let payment = json!({
        "id": new_id("inpay"),
        "object": "invoice_payment",
        "amount_paid": null,
        "amount_requested": amount,
        "created": now,
        "currency": invoice["currency"],
        "invoice": id,
        "is_default": true,
        "livemode": false,
        "payment": {"payment_intent": intent, "type": "payment_intent"},
        "status": "open",
        "status_transitions": {"canceled_at": null, "paid_at": null},
    });
    invoice[SANDBOX_FIELD]["payment_intent"] = json!(intent);
    if let Some(payments) = invoice.pointer_mut("/payments/data").and_then(Value::as_array_mut) {
        payments.push(payment);
    }
}

fn mark_paid(ctx: &mut Ctx<'_>, id: &str, intent: Option<&Value>) {
    let now = ctx.now;
    let Some(invoice) = ctx.data.get_mut(COLLECTION, id) else { return };
    let amount = invoice["amount_due"].clone();
    invoice["status"] = json!("paid");
    invoice["amount_paid"] = amount.clone();
    invoice["amount_remaining"] = json!(0);
    invoice["attempted"] = json!(true);
    invoice["next_payment_attempt"] = Value::Null;
    if intent.is_some() {
        invoice["attempt_count"] = json!(invoice["attempt_count"].as_i64().unwrap_or(0) + 1);
    }
    invoice["status_transitions"]["paid_at"] = json!(now);
    if let Some(payments) = invoice.pointer_mut("/payments/data").and_then(Value::as_array_mut) {
        for payment in payments {
            payment["status"] = json!("paid");
            payment["amount_paid"] = amount.clone();
            payment["status_transitions"]["paid_at"] = json!(now);
        }
    }
    let invoice = invoice.clone();
    ctx.changed = true;
    events::record(ctx, "invoice.paid", &invoice);
    events::record(ctx, "invoice.payment_succeeded", &invoice);
}

fn mark_failed(ctx: &mut Ctx<'_>, id: &str, retries: bool) -> Paid {
    let now = ctx.now;
    let Some(invoice) = ctx.data.get_mut(COLLECTION, id) else { return Paid::No(false) };
    let attempts = invoice["attempt_count"].as_i64().unwrap_or(0) + 1;
    invoice["attempt_count"] = json!(attempts);
    invoice["attempted"] = json!(true);
    let first_failure = invoice.pointer("/sandbox/first_failure").and_then(Value::as_i64).unwrap_or(now);
    invoice[SANDBOX_FIELD]["first_failure"] = json!(first_failure);
    let next = usize::try_from(attempts - 1)
        .ok()
        .and_then(|index| RETRY_DAYS.get(index))
        .filter(|_| retries)
        .map(|days| first_failure + days * DAY);
    invoice["next_payment_attempt"] = json!(next);
    let invoice = invoice.clone();
    ctx.changed = true;
    events::record(ctx, "invoice.payment_failed", &invoice);
    Paid::No(next.is_some())
}

/// Records that `intent`, which already succeeded (on a Checkout page), paid the invoice.
pub(crate) fn settle_with(ctx: &mut Ctx<'_>, id: &str, intent: &Value) {
    let intent_id = intent["id"].as_str().unwrap_or_default();
    add_payment(ctx, id, intent_id, intent["amount"].as_i64().unwrap_or(0));
    mark_paid(ctx, id, Some(intent));
}

/// Voids an open invoice (`invoice.voided`) and cancels its PaymentIntent
/// (`cancellation_reason: void_invoice`, `payment_intent.canceled`).
pub(crate) fn void(ctx: &mut Ctx<'_>, id: &str) {
    let now = ctx.now;
    let Some(invoice) = ctx.data.get_mut(COLLECTION, id) else { return };
    if invoice["status"] != json!("open") {
        return;
    }
    invoice["status"] = json!("void");
    invoice["next_payment_attempt"] = Value::Null;
    invoice["status_transitions"]["voided_at"] = json!(now);
    if let Some(payments) = invoice.pointer_mut("/payments/data").and_then(Value::as_array_mut) {
        for payment in payments {
            payment["status"] = json!("canceled");
            payment["status_transitions"]["canceled_at"] = json!(now);
        }
    }
    let intent = invoice.pointer("/sandbox/payment_intent").and_then(Value::as_str).map(str::to_string);
    let invoice = invoice.clone();
    ctx.changed = true;
    events::record(ctx, "invoice.voided", &invoice);
    let Some(intent) = intent.and_then(|intent| ctx.data.get_mut(payment_intents::COLLECTION, &intent)) else {
        return;
    };
    intent["status"] = json!("canceled");
    intent["canceled_at"] = json!(now);
    intent["cancellation_reason"] = json!("void_invoice");
    let intent = intent.clone();
    events::record(ctx, "payment_intent.canceled", &intent);
}

/// Stops collecting an invoice whose subscription ended: no more retries.
pub(crate) fn stop_retrying(ctx: &mut Ctx<'_>, id: &str) {
    if let Some(invoice) = ctx.data.get_mut(COLLECTION, id) {
        invoice["next_payment_attempt"] = Value::Null;
        ctx.changed = true;
    }
}

/// `GET /v1/invoices/search` (see `search.rs`).
fn search(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    search::run(ctx, params, &search::INVOICES)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    Ok(ctx.path_object(COLLECTION, "invoice")?.1)
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let customer = string_filter(params, "customer");
    let subscription = string_filter(params, "subscription");
    let status = string_filter(params, "status");
    page(ctx.data, COLLECTION, "invoice", ctx.path, params, |invoice| {
        customer.is_none_or(|id| invoice["customer"].as_str() == Some(id))
            && subscription.is_none_or(|id| {
                invoice.pointer("/parent/subscription_details/subscription").and_then(Value::as_str) == Some(id)
            })
            && status.is_none_or(|status| invoice["status"].as_str() == Some(status))
    })
}
