//! Time. Stripe's test clocks (https://docs.stripe.com/billing/testing/test-clocks): create
//! with `frozen_time`, retrieve, list, advance, delete; a customer created with `test_clock`
//! bills on the clock's time. Advancing runs everything due up to the new time, in order:
//! renewals and payment retries (`subscriptions::run_until`).
//!
//! And, sandbox only, a clock for the whole sandbox, for everything on no test clock:
//! `POST /v1/test_helpers/sandbox/advance` with `seconds` (how far) or `to` (Unix seconds). The
//! sandbox's time is then the real time plus the offset advanced so far: objects are created and
//! events recorded at that time, and subscriptions on no test clock renew as it passes.
//!
//! An advance goes at most two intervals of the shortest subscription on the clock (two years
//! without one), as Stripe's does; unlike Stripe's, it finishes before the answer: the clock
//! comes back `ready`, never `advancing`.

use serde_json::{Value, json};

use super::customers;
use super::errors::ApiError;
use super::events;
use super::fields::or_null;
use super::list::page;
use super::resources::{Ctx, Resource, Route};
use super::store::{AccountData, new_id};
use super::subscriptions;

pub(crate) const RESOURCE: Resource = Resource {
    object: "test_helpers.test_clock",
    includable: &[],
    expandable: &[],
    routes: &[
        Route { method: "POST", template: "/v1/test_helpers/test_clocks", handler: create },
        Route { method: "GET", template: "/v1/test_helpers/test_clocks", handler: list },
        Route { method: "GET", template: "/v1/test_helpers/test_clocks/{test_clock}", handler: retrieve },
        Route { method: "DELETE", template: "/v1/test_helpers/test_clocks/{test_clock}", handler: delete },
        Route { method: "POST", template: "/v1/test_helpers/test_clocks/{test_clock}/advance", handler: advance },
    ],
};

/// The sandbox-only whole-sandbox clock.
pub(crate) const SANDBOX_CLOCK: Resource = Resource {
    object: "sandbox_clock",
    includable: &[],
    expandable: &[],
    routes: &[Route { method: "POST", template: "/v1/test_helpers/sandbox/advance", handler: advance_sandbox }],
};

/// Where test clocks are stored.
pub(crate) const COLLECTION: &str = "test_clocks";

/// The sandbox's own bookkeeping of the whole-sandbox clock (never served): one object,
/// `offset`, holding `seconds` advanced so far.
const SANDBOX_TIME: &str = "sandbox_time";

/// "Test clocks are deleted 30 days after creation" (`deletes_after`,
/// https://docs.stripe.com/api/test_clocks/object).
const LIFETIME_SECONDS: i64 = 30 * 24 * 60 * 60;

/// The latest time a clock may show: 9999-12-31T23:59:59Z, so that every period it reaches can
/// be computed (and nothing overflows) without further checks.
const LATEST: i64 = 253_402_300_799;

/// A clock time from the request, refused unless within 1970..=9999.
fn checked_time(value: i64, param: &str) -> Result<i64, ApiError> {
    if (0..=LATEST).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::invalid(format!("`{param}` must be a Unix time from 0 to {LATEST} (the end of year 9999)."))
            .param(param.to_string()))
    }
}

/// Stripe's refusal of an advance past two intervals of the shortest subscription.
fn too_far(limit: i64, param: &str) -> ApiError {
    ApiError::invalid(format!(
        "Cannot advance more than two intervals of the shortest subscription on this clock (or two years without \
         subscriptions) at once: advance to {limit} at the most, then again."
    ))
    .param(param.to_string())
}

/// How far the whole-sandbox clock has been advanced, in seconds.
pub(crate) fn sandbox_offset(data: &AccountData) -> i64 {
    data.get(SANDBOX_TIME, "offset").and_then(|offset| offset["seconds"].as_i64()).unwrap_or(0)
}

/// The test clock `customer` is on, if any.
pub(crate) fn clock_of(data: &AccountData, customer: &str) -> Option<String> {
    data.get(customers::COLLECTION, customer)?["test_clock"].as_str().map(str::to_string)
}

/// The time `customer` lives in: its test clock's frozen time, else the sandbox's time.
pub(crate) fn customer_time(ctx: &Ctx<'_>, customer: &str) -> i64 {
    clock_of(ctx.data, customer)
        .and_then(|clock| ctx.data.get(COLLECTION, &clock)?["frozen_time"].as_i64())
        .unwrap_or(ctx.now)
}

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let frozen =
        params.get("frozen_time").and_then(Value::as_i64).ok_or_else(|| ApiError::missing_parameter("frozen_time"))?;
    let frozen = checked_time(frozen, "frozen_time")?;
    let id = new_id("clock");
    let clock = json!({
        "id": id,
        "object": "test_helpers.test_clock",
        "created": ctx.now,
        "deletes_after": ctx.now + LIFETIME_SECONDS,
        "frozen_time": frozen,
        "livemode": false,
        "name": or_null(params, "name"),
        "status": "ready",
        "status_details": {},
    });
    ctx.data.insert(COLLECTION, &id, clock.clone());
    ctx.changed = true;
    events::record(ctx, "test_helpers.test_clock.created", &clock);
    Ok(clock)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    Ok(ctx.path_object(COLLECTION, "test_clock")?.1)
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    page(ctx.data, COLLECTION, "test_clock", ctx.path, params, |_| true)
}

/// Deleting a clock deletes the customers on it and their subscriptions, as Stripe's does
/// ("Deleting a test clock … deletes all of the objects associated with it",
/// https://docs.stripe.com/billing/testing/test-clocks).
fn delete(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let (id, clock) = ctx.path_object(COLLECTION, "test_clock")?;
    let on_clock: Vec<String> = ctx
        .data
        .newest_first(customers::COLLECTION)
        .filter(|(_, customer)| customer["test_clock"].as_str() == Some(id.as_str()))
        .filter_map(|(_, customer)| customer["id"].as_str().map(str::to_string))
        .collect();
    for customer in &on_clock {
        subscriptions::remove_for_customer(ctx, customer);
        ctx.data.remove(customers::COLLECTION, customer);
    }
    ctx.data.remove(COLLECTION, &id);
    ctx.changed = true;
    events::record(ctx, "test_helpers.test_clock.deleted", &clock);
    Ok(json!({"id": id, "object": "test_helpers.test_clock", "deleted": true}))
}

/// `POST …/test_clocks/{test_clock}/advance` (`frozen_time`, which must be later than the
/// clock's): bills everything due on the clock's customers up to that time, then moves it.
fn advance(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, clock) = ctx.path_object(COLLECTION, "test_clock")?;
    let target =
        params.get("frozen_time").and_then(Value::as_i64).ok_or_else(|| ApiError::missing_parameter("frozen_time"))?;
    let target = checked_time(target, "frozen_time")?;
    let current = clock["frozen_time"].as_i64().unwrap_or(0);
    if target <= current {
        return Err(ApiError::invalid(format!(
            "The frozen_time must be after the test clock's current frozen time ({current})."
        ))
        .param("frozen_time"));
    }
    let limit = subscriptions::advance_limit(ctx, Some(&id), current);
    if target > limit {
        return Err(too_far(limit, "frozen_time"));
    }
    subscriptions::run_until(ctx, Some(&id), target);
    let Some(stored) = ctx.data.get_mut(COLLECTION, &id) else { return Err(ApiError::no_such("test_clock", &id)) };
    stored["frozen_time"] = json!(target);
    let clock = stored.clone();
    ctx.changed = true;
    events::record(ctx, "test_helpers.test_clock.ready", &clock);
    Ok(clock)
}

/// `POST /v1/test_helpers/sandbox/advance` (sandbox only): moves the whole-sandbox clock forward
/// by `seconds` or to `to`, billing what falls due on the way for customers on no test clock.
fn advance_sandbox(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let target = match (params.get("seconds").and_then(Value::as_i64), params.get("to").and_then(Value::as_i64)) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid("You may only specify one of these parameters: seconds, to."));
        }
        (Some(seconds), None) if seconds > 0 => ctx.now.saturating_add(seconds),
        (None, Some(to)) if to > ctx.now => to,
        (None, None) => return Err(ApiError::missing_parameter("seconds")),
        (Some(_), None) => {
            return Err(
                ApiError::invalid("The sandbox clock only moves forward: `seconds` must be positive.").param("seconds")
            );
        }
        (None, Some(_)) => {
            return Err(ApiError::invalid(format!(
                "The sandbox clock only moves forward: `to` must be after the sandbox's time ({}).",
                ctx.now
            ))
            .param("to"));
        }
    };
    let param = if params.get("to").is_some() { "to" } else { "seconds" };
    let target = checked_time(target, param)?;
    let limit = subscriptions::advance_limit(ctx, None, ctx.now);
    if target > limit {
        return Err(too_far(limit, param));
    }
    subscriptions::run_until(ctx, None, target);
    let offset = sandbox_offset(ctx.data).saturating_add(target - ctx.now);
    ctx.data.insert(SANDBOX_TIME, "offset", json!({"seconds": offset}));
    ctx.now = target;
    ctx.changed = true;
    Ok(json!({"object": "sandbox_clock", "frozen_time": target, "offset_seconds": offset}))
}
