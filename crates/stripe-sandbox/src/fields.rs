//! Field rules several resources share: metadata limits and merging, currencies, and small
//! accessors over typed parameters.

use serde_json::{Map, Value, json};

use super::currencies;
use super::errors::ApiError;

/// New metadata from a create request (stripe-api.md §2.4: ≤ 50 keys, key ≤ 40 chars without
/// brackets, value ≤ 500 chars; empty values are simply not stored).
pub(crate) fn metadata_for_create(params: &Value, param: &str) -> Result<Value, ApiError> {
    let mut metadata = Map::new();
    merge_metadata(&mut metadata, params.get("metadata"), param)?;
    Ok(Value::Object(metadata))
}

/// Applies an update's `metadata` to an object's: `metadata[k]=v` sets, `metadata[k]=` removes,
/// `metadata=` clears.
pub(crate) fn update_metadata(object: &mut Value, params: &Value) -> Result<(), ApiError> {
    let Some(update) = params.get("metadata") else { return Ok(()) };
    let mut metadata = match object.get("metadata") {
        Some(Value::Object(existing)) if !update.is_null() => existing.clone(),
        _ => Map::new(),
    };
    merge_metadata(&mut metadata, Some(update), "metadata")?;
    object["metadata"] = Value::Object(metadata);
    Ok(())
}

fn merge_metadata(metadata: &mut Map<String, Value>, update: Option<&Value>, param: &str) -> Result<(), ApiError> {
    let Some(Value::Object(update)) = update else { return Ok(()) };
    for (key, value) in update {
        if key.chars().count() > 40 || key.contains('[') || key.contains(']') {
            return Err(ApiError::invalid(format!(
                "Metadata keys must be at most 40 characters and may not contain `[` or `]` (got `{key}`)."
            ))
            .param(format!("{param}[{key}]")));
        }
        match value.as_str() {
            Some("") | None => {
                metadata.remove(key);
            }
            Some(text) if text.chars().count() > 500 => {
                return Err(ApiError::invalid("Metadata values can have up to 500 characters.")
                    .param(format!("{param}[{key}]")));
            }
            Some(text) => {
                metadata.insert(key.clone(), json!(text));
            }
        }
    }
    if metadata.len() > 50 {
        return Err(ApiError::invalid("Metadata can have at most 50 keys.").param(param));
    }
    Ok(())
}

/// A supported currency, as its lowercase code.
pub(crate) fn currency(code: &str, param: &str) -> Result<&'static str, ApiError> {
    currencies::supported(code).ok_or_else(|| {
        ApiError::invalid(format!(
            "Invalid currency: {}. Stripe currently supports these currencies: {}",
            code.to_ascii_lowercase(),
            currencies::all().collect::<Vec<_>>().join(", ")
        ))
        .param(param)
    })
}

/// A string parameter, when given (an explicit unset reads as absent).
pub(crate) fn text<'a>(params: &'a Value, name: &str) -> Option<&'a str> {
    params.get(name).and_then(Value::as_str)
}

/// The parameter as stored on an object: the given value, `null` when unset or absent.
pub(crate) fn or_null(params: &Value, name: &str) -> Value {
    params.get(name).cloned().unwrap_or(Value::Null)
}

/// The `expand[]` list of a request.
pub(crate) fn expand_list(params: &Value) -> Vec<String> {
    params
        .get("expand")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// Adds the fields of `defaults` that `object` lacks (both JSON objects).
pub(crate) fn with_defaults(object: &mut Value, defaults: Value) {
    if let (Value::Object(fields), Value::Object(defaults)) = (object, defaults) {
        for (name, value) in defaults {
            fields.entry(name).or_insert(value);
        }
    }
}
