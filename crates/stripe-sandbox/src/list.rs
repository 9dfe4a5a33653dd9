//! List endpoints the way Stripe pages them (stripe-api.md §4): newest first, `limit` 1..100
//! (default 10), `starting_after` / `ending_before` cursors (never both), `has_more` in the
//! direction of travel, and the `created` filter every list shares.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::store::AccountData;

/// Builds one page of `collection`, keeping only objects for which `keep` holds.
pub(crate) fn page(
    data: &AccountData,
    collection: &str,
    resource: &str,
    url: &str,
    params: &Value,
    keep: impl Fn(&Value) -> bool,
) -> Result<Value, ApiError> {
    let limit = limit(params)?;
    let starting_after = params.get("starting_after").and_then(Value::as_str);
    let ending_before = params.get("ending_before").and_then(Value::as_str);
    let cursor = |id: &str, param: &str| {
        data.sequence_of(collection, id).ok_or_else(|| ApiError::no_such_param(resource, id, param))
    };
    let created = params.get("created");
    let matches = |object: &Value| keep(object) && created.is_none_or(|filter| created_matches(object, filter));
    let (mut selected, has_more) = match (starting_after, ending_before) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "You may only specify one of these parameters: ending_before, starting_after.",
            ));
        }
        (Some(id), None) => {
            let after = cursor(id, "starting_after")?;
            take(data.newest_first_before(collection, after), &matches, limit)
        }
        (None, Some(id)) => {
            let before = cursor(id, "ending_before")?;
            let (mut newer, has_more) = take(data.oldest_first_after(collection, before), &matches, limit);
            newer.reverse();
            (newer, has_more)
        }
        (None, None) => take(data.newest_first(collection), &matches, limit),
    };
    let data: Vec<Value> = selected.drain(..).cloned().collect();
    Ok(json!({"object": "list", "data": data, "has_more": has_more, "url": url}))
}

/// `limit`: 1 to 100, 10 when not given.
pub(crate) fn limit(params: &Value) -> Result<usize, ApiError> {
    match params.get("limit").and_then(Value::as_i64) {
        None => Ok(10),
        Some(limit @ 1..=100) => Ok(usize::try_from(limit).unwrap_or(10)),
        Some(other) => Err(ApiError::invalid(format!(
            "This value must be greater than or equal to 1 and less than or equal to 100 (it currently is {other})."
        ))
        .param("limit")),
    }
}

fn take<'a>(
    objects: impl Iterator<Item = (u64, &'a Value)>,
    matches: &impl Fn(&Value) -> bool,
    limit: usize,
) -> (Vec<&'a Value>, bool) {
    let mut page = Vec::with_capacity(limit);
    for (_, object) in objects.filter(|(_, object)| matches(object)) {
        if page.len() == limit {
            return (page, true);
        }
        page.push(object);
    }
    (page, false)
}

/// `created=123` or `created[gte]=..&created[lt]=..`.
fn created_matches(object: &Value, filter: &Value) -> bool {
    let Some(created) = object.get("created").and_then(Value::as_i64) else { return false };
    if let Some(exact) = filter.as_i64() {
        return created == exact;
    }
    let bound = |name: &str| filter.get(name).and_then(Value::as_i64);
    bound("gt").is_none_or(|gt| created > gt)
        && bound("gte").is_none_or(|gte| created >= gte)
        && bound("lt").is_none_or(|lt| created < lt)
        && bound("lte").is_none_or(|lte| created <= lte)
}

/// The value of a string filter, when given.
pub(crate) fn string_filter<'a>(params: &'a Value, name: &str) -> Option<&'a str> {
    params.get(name).and_then(Value::as_str)
}

/// The value of a boolean filter, when given.
pub(crate) fn bool_filter(params: &Value, name: &str) -> Option<bool> {
    params.get(name).and_then(Value::as_bool)
}
