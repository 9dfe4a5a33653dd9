//! Sandbox-only: `POST /v1/test_helpers/sandbox/trigger` with `event=TYPE` makes an event of that
//! type happen the way it happens for real, like `stripe trigger`
//! (https://docs.stripe.com/cli/trigger): it runs the sandbox's own flows (a customer, a Checkout
//! Session paid with a test card, a subscription whose card is declined, …) through the same
//! handlers API requests reach, so every object and event along the way is recorded and
//! delivered as usual. Answers `{"object": "sandbox_trigger", "type", "event", "events",
//! "objects"}`: the event of the asked type, every event recorded (oldest first, with its type)
//! and the ids of the objects made.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::form;
use super::resources::{self, Ctx, Resource, Route};
use super::spec;

pub(crate) const RESOURCE: Resource = Resource {
    object: "sandbox_trigger",
    includable: &[],
    expandable: &[],
    routes: &[Route { method: "POST", template: "/v1/test_helpers/sandbox/trigger", handler: trigger }],
};

/// The event types `trigger` can make happen.
pub(crate) const SUPPORTED: &[&str] = &[
    "checkout.session.completed",
    "customer.subscription.deleted",
    "invoice.payment_failed",
    "payment_intent.payment_failed",
    "payment_intent.succeeded",
];

fn trigger(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let kind = params.get("event").and_then(Value::as_str).unwrap_or_default();
    if !SUPPORTED.contains(&kind) {
        let suggestion = closest(kind).map(|close| format!(" Did you mean `{close}`?")).unwrap_or_default();
        return Err(ApiError::invalid(format!(
            "The sandbox cannot trigger `{kind}`.{suggestion} It can trigger: {}.",
            SUPPORTED.join(", ")
        ))
        .param("event"));
    }
    let first_event = ctx.recorded.len();
    let mut objects = Vec::new();
    match kind {
        "payment_intent.succeeded" | "payment_intent.payment_failed" => {
            let card = if kind == "payment_intent.succeeded" { "pm_card_visa" } else { "pm_card_chargeDeclined" };
            let intent = call(
                ctx,
                "POST",
                "/v1/payment_intents",
                &format!(
                    "amount=2000&currency=usd&payment_method={card}&confirm=true&description=(created+by+sandbox+trigger)"
                ),
            )?;
            made(&mut objects, &intent);
        }
        "checkout.session.completed" => {
            let product = made(
                &mut objects,
                &call(ctx, "POST", "/v1/products", "name=myproduct&description=(created+by+sandbox+trigger)")?,
            );
            let price = made(
                &mut objects,
                &call(ctx, "POST", "/v1/prices", &format!("product={product}&currency=usd&unit_amount=1500"))?,
            );
            let session = made(
                &mut objects,
                &call(
                    ctx,
                    "POST",
                    "/v1/checkout/sessions",
                    &format!(
                        "mode=payment&line_items[0][price]={price}&line_items[0][quantity]=2\
                     &success_url=https://example.com/success&customer_creation=always"
                    ),
                )?,
            );
            let paid = call(
                ctx,
                "POST",
                &format!("/v1/test_helpers/checkout/sessions/{session}/pay"),
                "card=4242424242424242&email=stripe%40example.com",
            )?;
            for field in ["customer", "payment_intent"] {
                if let Some(id) = paid[field].as_str().or_else(|| paid[field]["id"].as_str()) {
                    objects.push(id.to_string());
                }
            }
        }
        "invoice.payment_failed" | "customer.subscription.deleted" => {
            let product = made(
                &mut objects,
                &call(ctx, "POST", "/v1/products", "name=myproduct&description=(created+by+sandbox+trigger)")?,
            );
            let price = made(
                &mut objects,
                &call(
                    ctx,
                    "POST",
                    "/v1/prices",
                    &format!("product={product}&currency=usd&unit_amount=1500&recurring[interval]=month"),
                )?,
            );
            let customer = made(
                &mut objects,
                &call(
                    ctx,
                    "POST",
                    "/v1/customers",
                    "email=stripe%40example.com&description=(created+by+sandbox+trigger)",
                )?,
            );
            // Attaches, then every charge is declined: the subscription's first invoice fails.
            let card = if kind == "invoice.payment_failed" { "pm_card_chargeCustomerFail" } else { "pm_card_visa" };
            let method = made(
                &mut objects,
                &call(ctx, "POST", &format!("/v1/payment_methods/{card}/attach"), &format!("customer={customer}"))?,
            );
            let subscription = call(
                ctx,
                "POST",
                "/v1/subscriptions",
                &format!("customer={customer}&items[0][price]={price}&default_payment_method={method}"),
            )?;
            let subscription = made(&mut objects, &subscription);
            if let Some(invoice) = ctx
                .data
                .get(super::subscriptions::COLLECTION, &subscription)
                .and_then(|subscription| subscription["latest_invoice"].as_str())
            {
                objects.push(invoice.to_string());
            }
            if kind == "customer.subscription.deleted" {
                call(ctx, "DELETE", &format!("/v1/subscriptions/{subscription}"), "")?;
            }
        }
        _ => {}
    }
    let events: Vec<Value> = ctx.recorded[first_event..]
        .iter()
        .map(|recorded| json!({"id": recorded.event, "type": recorded.kind}))
        .collect();
    let Some(event) = events.iter().rev().find(|event| event["type"] == kind).map(|event| event["id"].clone()) else {
        let message = format!("The sandbox ran the flow for `{kind}` but recorded no such event.");
        return Err(ApiError { message, ..ApiError::server_error() });
    };
    Ok(json!({"object": "sandbox_trigger", "type": kind, "event": event, "events": events, "objects": objects}))
}

/// Notes an object made on the way and returns its id.
fn made(objects: &mut Vec<String>, object: &Value) -> String {
    let id = object["id"].as_str().unwrap_or_default().to_string();
    objects.push(id.clone());
    id
}

/// Runs one API request inside this one, through the route table, the spec's parameter check
/// and the handler, on the same account and store lock.
fn call(ctx: &mut Ctx<'_>, method: &str, path: &str, body: &str) -> Result<Value, ApiError> {
    let Some((route, path_id)) = resources::find(method, path) else {
        return Err(ApiError::invalid(format!("Unrecognized request URL ({method}: {path})")));
    };
    let params = spec::check(route.method, route.template, form::decode_both("", body.as_bytes())?)?;
    let mut inner = Ctx {
        data: &mut *ctx.data,
        account_id: ctx.account_id,
        path_id,
        path,
        now: ctx.now,
        event_time: ctx.event_time,
        changed: false,
        search_lag: ctx.search_lag,
        recorded: Vec::new(),
    };
    let result = (route.handler)(&mut inner, &params);
    let Ctx { changed, recorded, .. } = inner;
    ctx.changed |= changed;
    ctx.recorded.extend(recorded);
    result
}

/// The supported type nearest to `kind` (by edit distance), when near enough to be a typo.
fn closest(kind: &str) -> Option<&'static str> {
    SUPPORTED
        .iter()
        .map(|supported| (distance(kind, supported), *supported))
        .min()
        .filter(|(distance, _)| *distance <= 3.max(kind.len() / 4))
        .map(|(_, supported)| supported)
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_the_nearest_supported_type() {
        assert_eq!(closest("checkout.session.complete"), Some("checkout.session.completed"));
        assert_eq!(closest("payment_intent.succeded"), Some("payment_intent.succeeded"));
        assert_eq!(closest("customer.created"), None);
    }
}
