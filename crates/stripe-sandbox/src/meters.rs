//! Billing Meters (https://docs.stripe.com/api/billing/meter): since API version 2025-03-31.basil
//! a metered price must name one (https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing).
//! Create (`display_name`, `event_name`, `default_aggregation[formula]` = `count` | `sum` |
//! `last`, `customer_mapping`, `value_settings`, `event_time_window`), retrieve, list (by
//! `status`), update (`display_name` only), deactivate and reactivate. The object has the fields
//! of Stripe's current example (`billing.meter` in Stripe's OpenAPI fixtures). Meter events and
//! usage summaries are not served.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::events;
use super::fields::text;
use super::list::{page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::store::random_suffix;

pub(crate) const RESOURCE: Resource = Resource {
    object: "billing.meter",
    includable: &[],
    expandable: &[],
    routes: &[
        Route { method: "POST", template: "/v1/billing/meters", handler: create },
        Route { method: "GET", template: "/v1/billing/meters", handler: list },
        Route { method: "GET", template: "/v1/billing/meters/{id}", handler: retrieve },
        Route { method: "POST", template: "/v1/billing/meters/{id}", handler: update },
        Route { method: "POST", template: "/v1/billing/meters/{id}/deactivate", handler: deactivate },
        Route { method: "POST", template: "/v1/billing/meters/{id}/reactivate", handler: reactivate },
    ],
};

/// Where meters are stored.
pub(crate) const COLLECTION: &str = "billing_meters";

/// How `No such …` messages name a meter.
const NAME: &str = "billing.meter";

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    // The required parameters are checked against the spec overlay before this runs.
    let display_name = text(params, "display_name").unwrap_or_default();
    let event_name = text(params, "event_name").unwrap_or_default();
    let formula = params.pointer("/default_aggregation/formula").and_then(Value::as_str).unwrap_or("sum");
    // Stripe's defaults: the customer ID is read from `stripe_customer_id` and the value from
    // `value` in each meter event's payload (the create example in Stripe's API reference).
    let customer_key =
        params.pointer("/customer_mapping/event_payload_key").and_then(Value::as_str).unwrap_or("stripe_customer_id");
    let value_key = params.pointer("/value_settings/event_payload_key").and_then(Value::as_str).unwrap_or("value");
    let id = format!("mtr_test_{}", random_suffix(32));
    let meter = json!({
        "id": id,
        "object": "billing.meter",
        "created": ctx.now,
        "customer_mapping": {"event_payload_key": customer_key, "type": "by_id"},
        "default_aggregation": {"formula": formula},
        "display_name": display_name,
        "event_name": event_name,
        "event_time_window": params.get("event_time_window").cloned().unwrap_or(Value::Null),
        "livemode": false,
        "status": "active",
        "status_transitions": {"deactivated_at": null},
        "updated": ctx.now,
        "value_settings": {"event_payload_key": value_key},
    });
    ctx.data.insert(COLLECTION, &id, meter.clone());
    ctx.changed = true;
    events::record(ctx, "billing.meter.created", &meter);
    Ok(meter)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    ctx.path_object(COLLECTION, NAME).map(|(_, meter)| meter)
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let status = string_filter(params, "status");
    page(ctx.data, COLLECTION, NAME, ctx.path, params, |meter| {
        status.is_none_or(|status| meter["status"].as_str() == Some(status))
    })
}

/// Only `display_name` can change (the spec overlay refuses every other parameter).
fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, mut meter) = ctx.path_object(COLLECTION, NAME)?;
    if let Some(name) = text(params, "display_name") {
        meter["display_name"] = json!(name);
    }
    meter["updated"] = json!(ctx.now);
    save(ctx, &id, meter, "billing.meter.updated")
}

/// An inactive meter takes no new events and no new prices; its existing prices keep working.
fn deactivate(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    set_status(ctx, "inactive", "billing.meter.deactivated")
}

fn reactivate(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    set_status(ctx, "active", "billing.meter.reactivated")
}

// Deactivating an inactive meter (or reactivating an active one) is refused: the sandbox knows
// no Stripe text for it, so the message is its own.
fn set_status(ctx: &mut Ctx<'_>, status: &str, event: &str) -> Result<Value, ApiError> {
    let (id, mut meter) = ctx.path_object(COLLECTION, NAME)?;
    if meter["status"] == json!(status) {
        return Err(ApiError::invalid(format!("The meter `{id}` is already {status}.")));
    }
    meter["status"] = json!(status);
    meter["status_transitions"]["deactivated_at"] = if status == "inactive" { json!(ctx.now) } else { Value::Null };
    meter["updated"] = json!(ctx.now);
    save(ctx, &id, meter, event)
}

fn save(ctx: &mut Ctx<'_>, id: &str, meter: Value, event: &str) -> Result<Value, ApiError> {
    if let Some(stored) = ctx.data.get_mut(COLLECTION, id) {
        *stored = meter.clone();
    }
    ctx.changed = true;
    events::record(ctx, event, &meter);
    Ok(meter)
}

/// The meter a new metered price names in `recurring[meter]`: it must exist and be active.
pub(crate) fn check_for_price(ctx: &Ctx<'_>, meter_id: &str, param: &str) -> Result<(), ApiError> {
    let Some(meter) = ctx.data.get(COLLECTION, meter_id) else {
        return Err(ApiError::no_such_param(NAME, meter_id, param));
    };
    if meter["status"] != json!("active") {
        return Err(ApiError::invalid(format!(
            "The meter `{meter_id}` is inactive: a new price can only use an active meter."
        ))
        .param(param));
    }
    Ok(())
}
