//! Events (stripe-api.md §1.1, §13): every change the support resources make is recorded as an
//! event holding a snapshot of the object; `GET /v1/events` filters by `type` (with `*`
//! wildcards) or `types[]` (at most 20, not both), `created`, and shows the last 30 days.

use serde_json::{Value, json};

use super::deliveries::{self, Recorded};
use super::errors::ApiError;
use super::expand;
use super::list::{page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::store::new_id;
use super::version;

pub(crate) const RESOURCE: Resource = Resource {
    object: "event",
    includable: &[],
    expandable: &[],
    routes: &[
        Route { method: "GET", template: "/v1/events", handler: list },
        Route { method: "GET", template: "/v1/events/{id}", handler: retrieve },
    ],
};

/// Where events are stored.
pub(crate) const COLLECTION: &str = "events";

const RETENTION_SECONDS: i64 = 30 * 24 * 60 * 60;
const MAX_TYPES: usize = 20;

/// Records an event of `kind` about `object` (a snapshot: later changes do not alter it), shown
/// as a retrieve without `expand[]` shows it: includable fields are left out, so a
/// `checkout.session.completed` event carries no `line_items`: a handler retrieves the session
/// with `expand[]=line_items` (Stripe's "Purchase fulfilment with Checkout, or 'Wait, what was I
/// paid for?'", https://dev.to/stripe/purchase-fulfilment-with-checkout-or-wait-what-was-i-paid-for-335d).
pub(crate) fn record(ctx: &mut Ctx<'_>, kind: &str, object: &Value) {
    if kind.ends_with(".created")
        && let Some(created) = object["id"].as_str()
    {
        ctx.search_lag.created(ctx.account_id, created);
    }
    let object = &expand::as_shown(ctx.data, object);
    let id = new_id("evt");
    let endpoints = deliveries::owed(ctx.data, &id, kind);
    let event = json!({
        "id": id,
        "object": "event",
        "api_version": version::EMULATED,
        "created": ctx.event_time,
        "data": {"object": object},
        "livemode": false,
        // The endpoints that have not acknowledged it yet (see `deliveries.rs`).
        "pending_webhooks": endpoints.len(),
        "request": {"id": null, "idempotency_key": null},
        "type": kind,
    });
    ctx.data.insert(COLLECTION, &id, event);
    ctx.changed = true;
    ctx.recorded.push(Recorded { event: id, kind: kind.to_string(), endpoints });
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    ctx.data.get(COLLECTION, &id).cloned().ok_or_else(|| ApiError::no_such("event", &id))
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let single = string_filter(params, "type");
    let many: Option<Vec<String>> = params
        .get("types")
        .and_then(Value::as_array)
        .map(|types| types.iter().filter_map(Value::as_str).map(str::to_string).collect());
    if single.is_some() && many.is_some() {
        return Err(ApiError::invalid("You may pass either type or types, but not both.").param("types"));
    }
    if many.as_ref().is_some_and(|types| types.len() > MAX_TYPES) {
        return Err(ApiError::invalid(format!("You may pass at most {MAX_TYPES} types.")).param("types"));
    }
    let patterns: Vec<String> = match (single, many) {
        (Some(kind), _) => vec![kind.to_string()],
        (None, Some(types)) => types,
        (None, None) => Vec::new(),
    };
    let oldest = ctx.now - RETENTION_SECONDS;
    page(ctx.data, COLLECTION, "event", ctx.path, params, |event| {
        let kind = event["type"].as_str().unwrap_or_default();
        event["created"].as_i64().is_some_and(|created| created >= oldest)
            && (patterns.is_empty() || patterns.iter().any(|pattern| type_matches(pattern, kind)))
    })
}

/// `*` stands for any run of characters: `payment_intent.*`, `*.succeeded`, `*`.
pub(crate) fn type_matches(pattern: &str, kind: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else { return false };
    let Some(mut rest) = kind.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(position) => rest = &rest[position + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::type_matches;

    #[test]
    fn wildcards_match_like_stripe_groups() {
        assert!(type_matches("payment_intent.succeeded", "payment_intent.succeeded"));
        assert!(!type_matches("payment_intent.succeeded", "payment_intent.succeeded.extra"));
        assert!(type_matches("payment_intent.*", "payment_intent.payment_failed"));
        assert!(!type_matches("payment_intent.*", "checkout.session.completed"));
        assert!(type_matches("*.completed", "checkout.session.completed"));
        assert!(type_matches("checkout.*.completed", "checkout.session.completed"));
        assert!(type_matches("*", "customer.created"));
        assert!(!type_matches("*.created.*", "customer.created"));
    }
}
