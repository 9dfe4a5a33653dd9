//! Subscriptions and their items (https://docs.stripe.com/api/subscriptions): create (also by
//! paying a subscription-mode Checkout Session, see `pay.rs`), retrieve, list, update, cancel,
//! `POST /v1/subscription_items/{item}`, and renewal as time passes (`run_until`).
//!
//! In the emulated version the billing period lives on each item (`current_period_start`,
//! `current_period_end`; https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-subscription-current-period-start-and-end).
//! Periods are counted from the billing cycle anchor in whole intervals (calendar months clamp
//! to the month's last day, as Stripe's do: https://docs.stripe.com/billing/subscriptions/billing-cycle),
//! so a subscription started on the 31st renews on the 30th of April and the 31st of May.
//!
//! Statuses: `active`; `trialing` during `trial_period_days`; `incomplete` when the first invoice
//! is unpaid (`payment_behavior=allow_incomplete` after a failure, or `default_incomplete`);
//! `past_due` when a renewal's payment failed and retries remain (see `invoices.rs`);
//! `canceled` after `DELETE`, at the period end with `cancel_at_period_end`, or when the last
//! retry failed; `incomplete_expired` when the first invoice stayed unpaid for 23 hours.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::events;
use super::expand::SANDBOX_FIELD;
use super::fields::{metadata_for_create, text, update_metadata, with_defaults};
use super::invoices::{self, Line, Paid};
use super::list::{page, string_filter};
use super::payment_intents::CardOutcome;
use super::resources::{Ctx, Resource, Route};
use super::search;
use super::store::new_id;
use super::{checkout_sessions, customers, payment_methods, prices, products, test_clocks};

pub(crate) const RESOURCE: Resource = Resource {
    object: "subscription",
    includable: &[],
    expandable: &[
        ("customer", customers::COLLECTION),
        ("latest_invoice", invoices::COLLECTION),
        ("default_payment_method", payment_methods::COLLECTION),
    ],
    routes: &[
        Route { method: "POST", template: "/v1/subscriptions", handler: create },
        Route { method: "GET", template: "/v1/subscriptions", handler: list },
        Route { method: "GET", template: "/v1/subscriptions/search", handler: search },
        Route { method: "GET", template: "/v1/subscriptions/{subscription_exposed_id}", handler: retrieve },
        Route { method: "POST", template: "/v1/subscriptions/{subscription_exposed_id}", handler: update },
        Route { method: "DELETE", template: "/v1/subscriptions/{subscription_exposed_id}", handler: cancel },
    ],
};

/// `POST /v1/subscription_items/{item}` answers with the item.
pub(crate) const ITEM: Resource = Resource {
    object: "subscription_item",
    includable: &[],
    expandable: &[],
    routes: &[Route { method: "POST", template: "/v1/subscription_items/{item}", handler: update_item }],
};

/// Where subscriptions are stored (their items live inside them).
pub(crate) const COLLECTION: &str = "subscriptions";

/// Statuses still billed as time passes.
const LIVE: [&str; 3] = ["active", "trialing", "past_due"];

const DAY: i64 = 24 * 60 * 60;

/// At most this many renewals and retries per advance: a bound, so a far jump on a daily price
/// cannot hold the store for ever.
const MAX_STEPS: usize = 10_000;

/// `start` moved by `count` intervals (`day`, `week`, `month`, `year`) in UTC, or `None` when out
/// of range.
fn add_intervals(start: i64, interval: &str, interval_count: i64, count: i64) -> Option<i64> {
    let zoned = jiff::Timestamp::from_second(start).ok()?.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let n = interval_count.checked_mul(count)?;
    let span = match interval {
        "day" => jiff::Span::new().try_days(n).ok()?,
        "week" => jiff::Span::new().try_weeks(n).ok()?,
        "month" => jiff::Span::new().try_months(n).ok()?,
        "year" => jiff::Span::new().try_years(n).ok()?,
        _ => return None,
    };
    Some(zoned.checked_add(span).ok()?.timestamp().as_second())
}

/// The recurring interval of a price: (`interval`, `interval_count`).
fn interval_of(price: &Value) -> (String, i64) {
    (
        price.pointer("/recurring/interval").and_then(Value::as_str).unwrap_or("month").to_string(),
        price.pointer("/recurring/interval_count").and_then(Value::as_i64).unwrap_or(1),
    )
}

/// The `k`th billing period counted from `anchor`.
fn period(anchor: i64, price: &Value, k: i64) -> (i64, i64) {
    let (interval, count) = interval_of(price);
    let start = add_intervals(anchor, &interval, count, k).unwrap_or(anchor);
    let end = add_intervals(anchor, &interval, count, k + 1).unwrap_or(start);
    (start, end)
}

/// A price as an item shows it (without includable fields), checked to be usable.
fn item_price(ctx: &Ctx<'_>, price_id: &str, param: &str) -> Result<Value, ApiError> {
    let Some(price) = ctx.data.get(prices::COLLECTION, price_id) else {
        return Err(ApiError::no_such_param("price", price_id, param));
    };
    if price["active"] != json!(true) {
        return Err(
            ApiError::invalid("The price specified is inactive. This field only accepts active prices.").param(param)
        );
    }
    if price["type"] != json!("recurring") {
        return Err(ApiError::invalid(
            "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
        )
        .param(param));
    }
    let mut price = price.clone();
    if let Some(fields) = price.as_object_mut() {
        fields.remove("currency_options");
        fields.remove("tiers");
    }
    Ok(price)
}

/// The legacy `plan` view of a price that items still carry.
fn plan_of(price: &Value) -> Value {
    json!({
        "id": price["id"],
        "object": "plan",
        "active": price["active"],
        "amount": price["unit_amount"],
        "amount_decimal": price["unit_amount_decimal"],
        "billing_scheme": price["billing_scheme"],
        "created": price["created"],
        "currency": price["currency"],
        "interval": price.pointer("/recurring/interval"),
        "interval_count": price.pointer("/recurring/interval_count"),
        "livemode": false,
        "metadata": price["metadata"],
        "meter": price.pointer("/recurring/meter"),
        "nickname": price["nickname"],
        "product": price["product"],
        "tiers_mode": price["tiers_mode"],
        "transform_usage": price["transform_quantity"],
        "trial_period_days": price.pointer("/recurring/trial_period_days"),
        "usage_type": price.pointer("/recurring/usage_type"),
    })
}

fn new_item(now: i64, subscription: &str, price: Value, quantity: i64, period: (i64, i64)) -> Value {
    json!({
        "id": new_id("si"),
        "object": "subscription_item",
        "billing_thresholds": null,
        "created": now,
        "current_period_end": period.1,
        "current_period_start": period.0,
        "discounts": [],
        "metadata": {},
        "plan": plan_of(&price),
        "price": price,
        "quantity": quantity,
        "subscription": subscription,
        "tax_rates": [],
    })
}

/// What an item costs for a whole period.
/// What an item costs for one period. The stored price is read: an item's embedded price
/// leaves out `tiers` (includable, not returned by default), and a tiered price priced
/// without them would cost nothing.
fn item_amount(ctx: &Ctx<'_>, item: &Value) -> i64 {
    let stored = item["price"]["id"].as_str().and_then(|id| ctx.data.get(prices::COLLECTION, id));
    let price = stored.unwrap_or(&item["price"]);
    // Beyond i64 only for a subscription made straight through the API with an absurd
    // quantity: its invoice then exceeds the maximum charge and `invoices::pay` refuses it.
    checkout_sessions::line_amount(price, item["quantity"].as_i64().unwrap_or(1)).unwrap_or(i64::MAX)
}

/// "1 × Pro (at $29.00 / month)", Stripe's line description.
fn describe(ctx: &Ctx<'_>, price: &Value, quantity: i64) -> String {
    let product = price["product"]
        .as_str()
        .and_then(|id| ctx.data.get(products::COLLECTION, id))
        .and_then(|product| product["name"].as_str())
        .unwrap_or("Subscription");
    let (interval, count) = interval_of(price);
    let every = if count == 1 { interval } else { format!("every {count} {interval}s") };
    match price["unit_amount"].as_i64() {
        Some(unit) => format!(
            "{quantity} × {product} (at {} {}.{:02} / {every})",
            price["currency"].as_str().unwrap_or("usd").to_uppercase(),
            unit / 100,
            unit % 100
        ),
        None => format!("{quantity} × {product}"),
    }
}

/// The lines of a whole period's invoice: one per item.
fn period_lines(ctx: &Ctx<'_>, subscription: &Value) -> Vec<Line> {
    items_of(subscription)
        .iter()
        .map(|item| {
            let quantity = item["quantity"].as_i64().unwrap_or(1);
            Line {
                amount: item_amount(ctx, item),
                description: describe(ctx, &item["price"], quantity),
                price: item["price"].clone(),
                quantity,
                period: (
                    item["current_period_start"].as_i64().unwrap_or(0),
                    item["current_period_end"].as_i64().unwrap_or(0),
                ),
                item: item["id"].as_str().map(str::to_string),
                proration: false,
            }
        })
        .collect()
}

fn items_of(subscription: &Value) -> Vec<Value> {
    subscription.pointer("/items/data").and_then(Value::as_array).cloned().unwrap_or_default()
}

/// The current period of a subscription (its first item's).
fn current_period(subscription: &Value) -> (i64, i64) {
    let item = subscription.pointer("/items/data/0").cloned().unwrap_or(Value::Null);
    (item["current_period_start"].as_i64().unwrap_or(0), item["current_period_end"].as_i64().unwrap_or(0))
}

/// A new subscription object (not stored), per Stripe's current `subscription` example.
fn new_subscription(ctx: &Ctx<'_>, customer: &str, items: Vec<(Value, i64)>, trial_days: Option<i64>) -> Value {
    let id = new_id("sub");
    let now = ctx.now;
    let trial_end = trial_days.filter(|days| *days > 0).map(|days| now.saturating_add(days.saturating_mul(DAY)));
    let anchor = trial_end.unwrap_or(now);
    let currency = items.first().map(|(price, _)| price["currency"].clone()).unwrap_or(Value::Null);
    let data: Vec<Value> = items
        .into_iter()
        .map(|(price, quantity)| {
            let period = match trial_end {
                Some(end) => (now, end),
                None => period(anchor, &price, 0),
            };
            new_item(now, &id, price, quantity, period)
        })
        .collect();
    let mut subscription = json!({
        "id": id,
        "object": "subscription",
        "billing_cycle_anchor": anchor,
        "cancel_at": null,
        "cancel_at_period_end": false,
        "canceled_at": null,
        "cancellation_details": {"comment": null, "feedback": null, "reason": null},
        "collection_method": "charge_automatically",
        "created": now,
        "currency": currency,
        "customer": customer,
        "default_payment_method": null,
        "ended_at": null,
        "items": {"object": "list", "data": data, "has_more": false, "url": format!("/v1/subscription_items?subscription={id}")},
        "latest_invoice": null,
        "metadata": {},
        "start_date": now,
        "status": if trial_end.is_some() { "trialing" } else { "incomplete" },
        "test_clock": test_clocks::clock_of(ctx.data, customer),
        "trial_end": trial_end,
        "trial_start": trial_end.map(|_| now),
        // The period index counted from the anchor (-1 during a trial), and prorations waiting
        // for the next invoice.
        SANDBOX_FIELD: {"period": if trial_end.is_some() { -1 } else { 0 }, "pending": []},
    });
    with_defaults(
        &mut subscription,
        json!({
            "application": null,
            "application_fee_percent": null,
            "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
            "billing_cycle_anchor_config": null,
            "billing_mode": {"type": "classic"},
            "billing_schedules": [],
            "billing_thresholds": null,
            "customer_account": null,
            "days_until_due": null,
            "default_source": null,
            "default_tax_rates": [],
            "description": null,
            "discounts": [],
            "invoice_settings": {"account_tax_ids": null, "issuer": {"type": "self"}},
            "livemode": false,
            "managed_payments": {"enabled": false},
            "next_pending_invoice_item_invoice": null,
            "on_behalf_of": null,
            "pause_collection": null,
            "payment_settings": {"payment_method_options": null, "payment_method_types": null, "save_default_payment_method": "off"},
            "pending_invoice_item_interval": null,
            "pending_setup_intent": null,
            "pending_update": null,
            "schedule": null,
            "transfer_data": null,
            "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
        }),
    );
    subscription
}

/// Checks `items[]` of a create: price (recurring, active), quantity, one currency and one
/// interval across them ("Currency and interval fields must match across all plans on this
/// subscription", Stripe's refusal).
fn requested_items(ctx: &Ctx<'_>, params: &Value) -> Result<Vec<(Value, i64)>, ApiError> {
    let given = params.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    if given.is_empty() {
        return Err(ApiError::missing_parameter("items"));
    }
    let mut items = Vec::with_capacity(given.len());
    for (index, item) in given.iter().enumerate() {
        let param = format!("items[{index}][price]");
        let price_id = text(item, "price").ok_or_else(|| ApiError::missing_parameter(&param))?;
        let price = item_price(ctx, price_id, &param)?;
        let quantity = item.get("quantity").and_then(Value::as_i64).unwrap_or(1);
        if quantity < 0 {
            return Err(ApiError::invalid("This value must be greater than or equal to 0.")
                .param(format!("items[{index}][quantity]")));
        }
        items.push((price, quantity));
    }
    check_compatible(items.iter().map(|(price, _)| price))?;
    Ok(items)
}

fn check_compatible<'a>(mut prices: impl Iterator<Item = &'a Value>) -> Result<(), ApiError> {
    let Some(first) = prices.next() else { return Ok(()) };
    for other in prices {
        if other["currency"] != first["currency"] || interval_of(other) != interval_of(first) {
            return Err(ApiError::invalid(
                "Currency and interval fields must match across all plans on this subscription. Found mismatch in \
                 interval field.",
            )
            .param("items"));
        }
    }
    Ok(())
}

/// `POST /v1/subscriptions`.
fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let customer = text(params, "customer").ok_or_else(|| ApiError::missing_parameter("customer"))?.to_string();
    if !ctx.data.contains(customers::COLLECTION, &customer) {
        return Err(ApiError::no_such_param("customer", &customer, "customer"));
    }
    let items = requested_items(ctx, params)?;
    let method = text(params, "default_payment_method").map(str::to_string);
    if let Some(method) = &method
        && !payment_methods::attached_to(ctx, method, &customer)
    {
        return Err(payment_methods::not_attached(method, "default_payment_method"));
    }
    let trial_days = params.get("trial_period_days").and_then(Value::as_i64);
    if trial_days.is_some_and(|days| !(0..=730).contains(&days)) {
        return Err(
            ApiError::invalid("The maximum number of trial period days is 730 (2 years).").param("trial_period_days")
        );
    }
    // Stripe's default is `allow_incomplete` (https://docs.stripe.com/api/subscriptions/create#create_subscription-payment_behavior).
    let behavior = text(params, "payment_behavior").unwrap_or("allow_incomplete").to_string();
    let saved_now = ctx.now;
    ctx.now = test_clocks::customer_time(ctx, &customer);
    let mut subscription = new_subscription(ctx, &customer, items, trial_days);
    subscription["default_payment_method"] = json!(method);
    subscription["metadata"] = metadata_for_create(params, "metadata")?;
    subscription["description"] = params.get("description").cloned().unwrap_or(Value::Null);
    subscription["cancel_at_period_end"] =
        json!(params.get("cancel_at_period_end").and_then(Value::as_bool).unwrap_or(false));
    let due_now: i64 = if subscription["status"] == json!("trialing") {
        0
    } else {
        items_of(&subscription).iter().map(|item| item_amount(ctx, item)).fold(0, i64::saturating_add)
    };
    // `error_if_incomplete`: "If the first invoice can't be paid, … the subscription isn't
    // created" and the answer is a 402 with the card error; checked before anything is stored.
    if behavior != "default_incomplete" && due_now > 0 {
        let charged = subscription["default_payment_method"].as_str().map(str::to_string).or_else(|| {
            ctx.data
                .get(customers::COLLECTION, &customer)?
                .pointer("/invoice_settings/default_payment_method")?
                .as_str()
                .map(str::to_string)
        });
        let Some(charged) = charged else {
            ctx.now = saved_now;
            return Err(ApiError::invalid(
                "This customer has no attached payment source or default payment method. Please consider adding a \
                 default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.",
            ));
        };
        let outcome = payment_methods::outcome_of(ctx, &charged);
        if behavior == "error_if_incomplete"
            && let Some(CardOutcome::Declined(_, message)) = outcome
        {
            ctx.now = saved_now;
            return Err(ApiError {
                status: axum::http::StatusCode::PAYMENT_REQUIRED,
                kind: "card_error",
                ..ApiError::invalid(message).code("card_declined")
            });
        }
    }
    let result = start(ctx, subscription, behavior != "default_incomplete", None);
    ctx.now = saved_now;
    Ok(result)
}

/// Stores a new subscription (`customer.subscription.created`), bills its first period and
/// settles its status. `paid_by` is a PaymentIntent that already paid the first invoice (Checkout).
fn start(ctx: &mut Ctx<'_>, mut subscription: Value, attempt: bool, paid_by: Option<(&Value, Vec<Line>)>) -> Value {
    let id = subscription["id"].as_str().unwrap_or_default().to_string();
    ctx.data.insert(COLLECTION, &id, subscription.clone());
    ctx.changed = true;
    events::record(ctx, "customer.subscription.created", &subscription);
    let trialing = subscription["status"] == json!("trialing");
    let mut lines = period_lines(ctx, &subscription);
    if trialing {
        for line in &mut lines {
            line.description = format!("Trial period for {}", line.description.split(" (at").next().unwrap_or(""));
            line.amount = 0;
        }
    }
    let period = current_period(&subscription);
    let paid = match paid_by {
        Some((intent, extra)) => {
            lines.extend(extra);
            let invoice = invoices::create(ctx, &subscription, "subscription_create", lines, period);
            invoices::settle_with(ctx, &invoice, intent);
            subscription["latest_invoice"] = json!(invoice);
            Paid::Yes
        }
        None => {
            let invoice = invoices::create(ctx, &subscription, "subscription_create", lines, period);
            subscription["latest_invoice"] = json!(invoice);
            invoices::pay(ctx, &invoice, &subscription, false, attempt)
        }
    };
    if !trialing {
        subscription["status"] = json!(if paid == Paid::Yes { "active" } else { "incomplete" });
    }
    store(ctx, &subscription, "customer.subscription.updated");
    ctx.data.get(COLLECTION, &id).cloned().unwrap_or(subscription)
}

/// Replaces the stored subscription and records `event`.
fn store(ctx: &mut Ctx<'_>, subscription: &Value, event: &str) {
    let id = subscription["id"].as_str().unwrap_or_default();
    if let Some(stored) = ctx.data.get_mut(COLLECTION, id) {
        *stored = subscription.clone();
    }
    ctx.changed = true;
    events::record(ctx, event, subscription);
}

/// The subscription a paid subscription-mode Checkout Session creates: its recurring line items
/// as items, the card paid with attached to the customer and made the subscription's
/// `default_payment_method` (Checkout saves it so renewals can charge it), and a first invoice
/// paid by the session's PaymentIntent (`None` when nothing was due: a trial or a free price).
pub(crate) fn create_from_checkout(
    ctx: &mut Ctx<'_>,
    session: &Value,
    intent: Option<&Value>,
    card: &str,
) -> Option<String> {
    let customer = session["customer"].as_str()?.to_string();
    let line_items = session.pointer("/line_items/data").and_then(Value::as_array).cloned().unwrap_or_default();
    let recurring: Vec<(Value, i64)> = line_items
        .iter()
        .filter(|item| item["price"]["type"] == json!("recurring"))
        .map(|item| (item["price"].clone(), item["quantity"].as_i64().unwrap_or(1)))
        .collect();
    let one_time: Vec<Line> = line_items
        .iter()
        .filter(|item| item["price"]["type"] != json!("recurring"))
        .map(|item| Line {
            amount: item["amount_total"].as_i64().unwrap_or(0),
            description: item["description"].as_str().unwrap_or("").to_string(),
            price: item["price"].clone(),
            quantity: item["quantity"].as_i64().unwrap_or(1),
            period: (ctx.now, ctx.now),
            item: None,
            proration: false,
        })
        .collect();
    let trial = session.pointer("/sandbox/subscription_data/trial_period_days").and_then(Value::as_i64);
    let saved_now = ctx.now;
    ctx.now = test_clocks::customer_time(ctx, &customer);
    let method = payment_methods::attach_card(ctx, card, &customer);
    let mut subscription = new_subscription(ctx, &customer, recurring, trial);
    subscription["default_payment_method"] = json!(method);
    if let Some(description) =
        session.pointer("/sandbox/subscription_data/description").filter(|value| value.is_string())
    {
        subscription["description"] = description.clone();
    }
    let created = match intent {
        Some(intent) => start(ctx, subscription, true, Some((intent, one_time))),
        None => start(ctx, subscription, true, None),
    };
    ctx.now = saved_now;
    created["id"].as_str().map(str::to_string)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    Ok(ctx.path_object(COLLECTION, "subscription")?.1)
}

/// `GET /v1/subscriptions`: `customer`, `price`, `status` ("By default, returns a list of
/// subscriptions that have not been canceled"; `ended` is canceled or expired, `all` everything).
fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let customer = string_filter(params, "customer");
    let price = string_filter(params, "price");
    let status = string_filter(params, "status");
    page(ctx.data, COLLECTION, "subscription", ctx.path, params, |subscription| {
        let own = subscription["status"].as_str().unwrap_or_default();
        let status_matches = match status {
            None => own != "canceled" && own != "incomplete_expired",
            Some("all") => true,
            Some("ended") => own == "canceled" || own == "incomplete_expired",
            Some(wanted) => own == wanted,
        };
        status_matches
            && customer.is_none_or(|id| subscription["customer"].as_str() == Some(id))
            && price.is_none_or(|id| items_of(subscription).iter().any(|item| item["price"]["id"].as_str() == Some(id)))
    })
}

/// `GET /v1/subscriptions/search` (see `search.rs`).
fn search(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    search::run(ctx, params, &search::SUBSCRIPTIONS)
}

fn live(ctx: &Ctx<'_>) -> Result<(String, Value), ApiError> {
    let (id, subscription) = ctx.path_object(COLLECTION, "subscription")?;
    if subscription["status"] == json!("canceled") {
        return Err(ApiError::invalid(
            "A canceled subscription can only update its cancellation_details and metadata.",
        ));
    }
    Ok((id, subscription))
}

/// `POST /v1/subscriptions/{id}`: `items[]` (`id` with `price`/`quantity`, or a new `price`),
/// `proration_behavior`, `cancel_at_period_end`, `default_payment_method`, `metadata`.
fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (_, mut subscription) = live(ctx)?;
    let customer = subscription["customer"].as_str().unwrap_or_default().to_string();
    let saved_now = ctx.now;
    ctx.now = test_clocks::customer_time(ctx, &customer);
    let result = apply_update(ctx, &mut subscription, params);
    ctx.now = saved_now;
    result?;
    Ok(subscription)
}

fn apply_update(ctx: &mut Ctx<'_>, subscription: &mut Value, params: &Value) -> Result<(), ApiError> {
    let customer = subscription["customer"].as_str().unwrap_or_default().to_string();
    if let Some(method) = params.get("default_payment_method") {
        if let Some(method) = method.as_str()
            && !payment_methods::attached_to(ctx, method, &customer)
        {
            return Err(payment_methods::not_attached(method, "default_payment_method"));
        }
        subscription["default_payment_method"] = method.clone();
    }
    let mut changes = Vec::new();
    for (index, item) in params.get("items").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let price = match text(item, "price") {
            Some(price) => Some(item_price(ctx, price, &format!("items[{index}][price]"))?),
            None => None,
        };
        let quantity = item.get("quantity").and_then(Value::as_i64);
        match text(item, "id") {
            Some(item_id) => changes.push((Some(item_id.to_string()), price, quantity)),
            None => match price {
                Some(price) => changes.push((None, Some(price), quantity)),
                None => return Err(ApiError::missing_parameter(&format!("items[{index}][price]"))),
            },
        }
    }
    let behavior = text(params, "proration_behavior").unwrap_or("create_prorations").to_string();
    change_items(ctx, subscription, changes, &behavior)?;
    if let Some(at_end) = params.get("cancel_at_period_end").and_then(Value::as_bool) {
        subscription["cancel_at_period_end"] = json!(at_end);
        subscription["cancel_at"] = if at_end { json!(current_period(subscription).1) } else { Value::Null };
        subscription["canceled_at"] = if at_end { json!(ctx.now) } else { Value::Null };
        subscription["cancellation_details"]["reason"] =
            if at_end { json!("cancellation_requested") } else { Value::Null };
    }
    update_metadata(subscription, params)?;
    store(ctx, subscription, "customer.subscription.updated");
    if behavior == "always_invoice" && !pending(subscription).is_empty() {
        invoice_pending_now(ctx, subscription);
    }
    Ok(())
}

/// Applies item changes `(item id or new, price, quantity)`. With `create_prorations` (Stripe's
/// default) or `always_invoice`, the rest of the current period is credited at the old terms and
/// charged at the new (https://docs.stripe.com/billing/subscriptions/prorations): two lines kept
/// for the next invoice. `none` changes the price from the next period on, charging nothing now.
fn change_items(
    ctx: &Ctx<'_>,
    subscription: &mut Value,
    changes: Vec<(Option<String>, Option<Value>, Option<i64>)>,
    behavior: &str,
) -> Result<(), ApiError> {
    let id = subscription["id"].as_str().unwrap_or_default().to_string();
    let mut items = items_of(subscription);
    let (start, end) = current_period(subscription);
    let mut prorations = Vec::new();
    for (item_id, price, quantity) in changes {
        let old = match &item_id {
            Some(item_id) => {
                let Some(found) = items.iter().position(|item| item["id"].as_str() == Some(item_id)) else {
                    return Err(ApiError::invalid(format!("No such subscription item: '{item_id}'")).param("items"));
                };
                Some(found)
            }
            None => None,
        };
        let before = old.map(|index| items[index].clone());
        let new_item = match (old, price) {
            (Some(index), price) => {
                let item = &mut items[index];
                if let Some(price) = price {
                    item["plan"] = plan_of(&price);
                    item["price"] = price;
                }
                if let Some(quantity) = quantity {
                    item["quantity"] = json!(quantity);
                }
                item.clone()
            }
            (None, Some(price)) => {
                let item = new_item(ctx.now, &id, price, quantity.unwrap_or(1), (start, end));
                items.push(item.clone());
                item
            }
            (None, None) => continue,
        };
        if behavior != "none" && subscription["status"] != json!("trialing") && end > ctx.now && end > start {
            let remaining = |amount: i64| {
                i64::try_from(i128::from(amount) * i128::from(end - ctx.now) / i128::from(end - start)).unwrap_or(0)
            };
            if let Some(before) = &before {
                let quantity = before["quantity"].as_i64().unwrap_or(1);
                prorations.push(json!({
                    "amount": -remaining(item_amount(ctx, before)),
                    "description": format!("Unused time on {}", describe(ctx, &before["price"], quantity)),
                    "price": before["price"], "quantity": quantity, "item": before["id"], "start": ctx.now, "end": end,
                }));
            }
            let quantity = new_item["quantity"].as_i64().unwrap_or(1);
            prorations.push(json!({
                "amount": remaining(item_amount(ctx, &new_item)),
                "description": format!("Remaining time on {}", describe(ctx, &new_item["price"], quantity)),
                "price": new_item["price"], "quantity": quantity, "item": new_item["id"], "start": ctx.now, "end": end,
            }));
        }
    }
    check_compatible(items.iter().map(|item| &item["price"]))?;
    subscription["items"]["data"] = json!(items);
    if let Some(pending) = subscription.pointer_mut("/sandbox/pending").and_then(Value::as_array_mut) {
        pending.extend(prorations);
    }
    Ok(())
}

fn pending(subscription: &Value) -> Vec<Value> {
    subscription.pointer("/sandbox/pending").and_then(Value::as_array).cloned().unwrap_or_default()
}

/// The pending prorations as invoice lines, taken off the subscription.
fn take_pending(subscription: &mut Value) -> Vec<Line> {
    let lines = pending(subscription)
        .iter()
        .map(|line| Line {
            amount: line["amount"].as_i64().unwrap_or(0),
            description: line["description"].as_str().unwrap_or("").to_string(),
            price: line["price"].clone(),
            quantity: line["quantity"].as_i64().unwrap_or(1),
            period: (line["start"].as_i64().unwrap_or(0), line["end"].as_i64().unwrap_or(0)),
            item: line["item"].as_str().map(str::to_string),
            proration: true,
        })
        .collect();
    subscription[SANDBOX_FIELD]["pending"] = json!([]);
    lines
}

/// `proration_behavior=always_invoice`: the prorations are invoiced and charged at once.
fn invoice_pending_now(ctx: &mut Ctx<'_>, subscription: &mut Value) {
    let lines = take_pending(subscription);
    let period = current_period(subscription);
    let invoice = invoices::create(ctx, subscription, "subscription_update", lines, period);
    subscription["latest_invoice"] = json!(invoice);
    store(ctx, subscription, "customer.subscription.updated");
    invoices::pay(ctx, &invoice, subscription, true, true);
}

/// `POST /v1/subscription_items/{item}` (`price`, `quantity`, `proration_behavior`): the same
/// change as through the subscription; answers with the item.
fn update_item(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let item_id = ctx.id()?;
    let found = ctx
        .data
        .newest_first(COLLECTION)
        .find(|(_, subscription)| items_of(subscription).iter().any(|item| item["id"].as_str() == Some(&item_id)))
        .map(|(_, subscription)| subscription.clone());
    let Some(mut subscription) = found else { return Err(ApiError::no_such("subscription_item", &item_id)) };
    if subscription["status"] == json!("canceled") {
        return Err(ApiError::invalid(
            "A canceled subscription can only update its cancellation_details and metadata.",
        ));
    }
    let price = match text(params, "price") {
        Some(price) => Some(item_price(ctx, price, "price")?),
        None => None,
    };
    let quantity = params.get("quantity").and_then(Value::as_i64);
    let behavior = text(params, "proration_behavior").unwrap_or("create_prorations").to_string();
    let customer = subscription["customer"].as_str().unwrap_or_default().to_string();
    let saved_now = ctx.now;
    ctx.now = test_clocks::customer_time(ctx, &customer);
    let result = change_items(ctx, &mut subscription, vec![(Some(item_id.clone()), price, quantity)], &behavior);
    if result.is_ok() {
        store(ctx, &subscription, "customer.subscription.updated");
        if behavior == "always_invoice" && !pending(&subscription).is_empty() {
            invoice_pending_now(ctx, &mut subscription);
        }
    }
    ctx.now = saved_now;
    result?;
    items_of(&subscription)
        .into_iter()
        .find(|item| item["id"].as_str() == Some(&item_id))
        .ok_or_else(|| ApiError::no_such("subscription_item", &item_id))
}

/// `DELETE /v1/subscriptions/{id}`: canceled at once (`customer.subscription.deleted`).
fn cancel(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let (_, mut subscription) = live(ctx)?;
    let customer = subscription["customer"].as_str().unwrap_or_default().to_string();
    let saved_now = ctx.now;
    ctx.now = test_clocks::customer_time(ctx, &customer);
    end(ctx, &mut subscription, "cancellation_requested");
    ctx.now = saved_now;
    Ok(subscription)
}

/// Ends a subscription now: `canceled`, no more retries of its open invoice.
fn end(ctx: &mut Ctx<'_>, subscription: &mut Value, reason: &str) {
    subscription["status"] = json!("canceled");
    subscription["ended_at"] = json!(ctx.now);
    if subscription["canceled_at"].is_null() {
        subscription["canceled_at"] = json!(ctx.now);
    }
    subscription["cancellation_details"]["reason"] = json!(reason);
    if let Some(invoice) = subscription["latest_invoice"].as_str() {
        invoices::stop_retrying(ctx, invoice);
    }
    store(ctx, subscription, "customer.subscription.deleted");
}

/// Removes the subscriptions of a customer (its test clock was deleted).
pub(crate) fn remove_for_customer(ctx: &mut Ctx<'_>, customer: &str) {
    let ids: Vec<String> = ctx
        .data
        .newest_first(COLLECTION)
        .filter(|(_, subscription)| subscription["customer"].as_str() == Some(customer))
        .filter_map(|(_, subscription)| subscription["id"].as_str().map(str::to_string))
        .collect();
    for id in ids {
        ctx.data.remove(COLLECTION, &id);
    }
}

/// How far a clock may be advanced from `from` in one go: "Cannot be more than two intervals in
/// the future from the shortest subscription in this test clock. If there are no subscriptions
/// in this test clock, it cannot be more than two years in the future"
/// (https://docs.stripe.com/api/test_clocks/advance). The sandbox clock (`clock` `None`) keeps
/// the same rule for the subscriptions on no test clock, which also bounds one request's work.
pub(crate) fn advance_limit(ctx: &Ctx<'_>, clock: Option<&str>, from: i64) -> i64 {
    let two_years = add_intervals(from, "year", 1, 2).unwrap_or(from);
    ctx.data
        .newest_first(COLLECTION)
        .filter(|(_, subscription)| LIVE.contains(&subscription["status"].as_str().unwrap_or_default()))
        .filter(|(_, subscription)| {
            test_clocks::clock_of(ctx.data, subscription["customer"].as_str().unwrap_or_default()).as_deref() == clock
        })
        .flat_map(|(_, subscription)| items_of(subscription))
        .map(|item| {
            let (interval, count) = interval_of(&item["price"]);
            add_intervals(from, &interval, count, 2).unwrap_or(from)
        })
        .min()
        .unwrap_or(two_years)
}

/// What falls due next for one subscription.
enum Due {
    Renew,
    Retry(String),
    Expire,
}

/// "If the first invoice is not paid within 23 hours, the subscription transitions to
/// `incomplete_expired`" (https://docs.stripe.com/billing/subscriptions/overview#payment-status).
const INCOMPLETE_SECONDS: i64 = 23 * 60 * 60;

/// Runs, in time order, every renewal and payment retry due up to `target` for the
/// subscriptions of customers on `clock` (or on no test clock when `None`), with `ctx.now` set
/// to each one's time. The caller moves the clock itself.
pub(crate) fn run_until(ctx: &mut Ctx<'_>, clock: Option<&str>, target: i64) {
    let (saved_now, saved_event_time) = (ctx.now, ctx.event_time);
    for _ in 0..MAX_STEPS {
        let Some((at, id, due)) = next_due(ctx, clock, target) else { break };
        ctx.now = at;
        if clock.is_none() {
            // On the sandbox's own clock, events happen when their renewal does.
            ctx.event_time = at;
        }
        let Some(mut subscription) = ctx.data.get(COLLECTION, &id).cloned() else { break };
        match due {
            Due::Renew => renew(ctx, &mut subscription),
            Due::Retry(invoice) => retry(ctx, &mut subscription, &invoice),
            Due::Expire => expire(ctx, &mut subscription),
        }
    }
    (ctx.now, ctx.event_time) = (saved_now, saved_event_time);
}

fn next_due(ctx: &Ctx<'_>, clock: Option<&str>, target: i64) -> Option<(i64, String, Due)> {
    let mut best: Option<(i64, String, Due)> = None;
    for (_, subscription) in ctx.data.newest_first(COLLECTION) {
        let status = subscription["status"].as_str().unwrap_or_default();
        if !LIVE.contains(&status) && status != "incomplete" {
            continue;
        }
        let customer = subscription["customer"].as_str().unwrap_or_default();
        if test_clocks::clock_of(ctx.data, customer).as_deref() != clock {
            continue;
        }
        let id = subscription["id"].as_str().unwrap_or_default().to_string();
        let mut consider = |at: i64, due: Due| {
            if at <= target && best.as_ref().is_none_or(|(best_at, ..)| at < *best_at) {
                best = Some((at, id.clone(), due));
            }
        };
        if status == "incomplete" {
            consider(subscription["created"].as_i64().unwrap_or(0).saturating_add(INCOMPLETE_SECONDS), Due::Expire);
            continue;
        }
        let open_retry = subscription["latest_invoice"]
            .as_str()
            .and_then(|invoice| ctx.data.get(invoices::COLLECTION, invoice))
            .filter(|invoice| invoice["status"] == json!("open"))
            .and_then(|invoice| Some((invoice["next_payment_attempt"].as_i64()?, invoice["id"].as_str()?.to_string())));
        if let Some((at, invoice)) = open_retry {
            consider(at, Due::Retry(invoice));
        }
        // A period that cannot end (a clock near the end of representable time) never renews.
        let (start, end) = current_period(subscription);
        if end > start {
            consider(end, Due::Renew);
        }
    }
    best
}

/// The period ended: cancel (`cancel_at_period_end`), or start the next period and bill it.
fn renew(ctx: &mut Ctx<'_>, subscription: &mut Value) {
    if subscription["cancel_at_period_end"] == json!(true) {
        end(ctx, subscription, "cancellation_requested");
        return;
    }
    let anchor = subscription["billing_cycle_anchor"].as_i64().unwrap_or(ctx.now);
    let next = subscription.pointer("/sandbox/period").and_then(Value::as_i64).unwrap_or(0) + 1;
    subscription[SANDBOX_FIELD]["period"] = json!(next);
    let mut items = items_of(subscription);
    for item in &mut items {
        let (start, end) = period(anchor, &item["price"], next);
        item["current_period_start"] = json!(start);
        item["current_period_end"] = json!(end);
    }
    subscription["items"]["data"] = json!(items);
    if subscription["status"] == json!("trialing") {
        subscription["status"] = json!("active");
    }
    let mut lines = take_pending(subscription);
    lines.extend(period_lines(ctx, subscription));
    let period = current_period(subscription);
    let invoice = invoices::create(ctx, subscription, "subscription_cycle", lines, period);
    subscription["latest_invoice"] = json!(invoice);
    store(ctx, subscription, "customer.subscription.updated");
    let paid = invoices::pay(ctx, &invoice, subscription, true, true);
    settle(ctx, subscription, paid);
}

/// The first invoice went unpaid for 23 hours: `incomplete_expired`, a terminal status (recorded
/// as `customer.subscription.updated`, as Stripe's own events of it show), its invoice voided and
/// that invoice's PaymentIntent canceled.
fn expire(ctx: &mut Ctx<'_>, subscription: &mut Value) {
    subscription["status"] = json!("incomplete_expired");
    subscription["canceled_at"] = json!(ctx.now);
    subscription["ended_at"] = json!(ctx.now);
    if let Some(invoice) = subscription["latest_invoice"].as_str() {
        invoices::void(ctx, invoice);
    }
    store(ctx, subscription, "customer.subscription.updated");
}

/// A scheduled retry of the open invoice, with the payment method the subscription has now.
fn retry(ctx: &mut Ctx<'_>, subscription: &mut Value, invoice: &str) {
    let paid = invoices::pay(ctx, invoice, subscription, true, true);
    settle(ctx, subscription, paid);
}

/// The status after an attempt: `active` when paid, `past_due` while retries remain, canceled
/// after the last ("If all retries for a payment fail: Cancel the subscription",
/// https://docs.stripe.com/billing/revenue-recovery/smart-retries).
fn settle(ctx: &mut Ctx<'_>, subscription: &mut Value, paid: Paid) {
    let status = subscription["status"].as_str().unwrap_or_default().to_string();
    match paid {
        Paid::Yes if status != "active" => {
            subscription["status"] = json!("active");
            store(ctx, subscription, "customer.subscription.updated");
        }
        Paid::Yes => {}
        Paid::No(true) if status != "past_due" => {
            subscription["status"] = json!("past_due");
            store(ctx, subscription, "customer.subscription.updated");
        }
        Paid::No(true) => {}
        Paid::No(false) => end(ctx, subscription, "payment_failed"),
    }
}
