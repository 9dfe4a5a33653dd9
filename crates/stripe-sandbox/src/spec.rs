//! Checks request parameters against Stripe's OpenAPI spec, trimmed to the operations the
//! sandbox serves (`spec/stripe-openapi-trimmed.json`, made by the repository's
//! `scripts/trim-openapi.py`), and turns the string tree from `form.rs` into typed JSON:
//! integers, booleans, arrays.
//!
//! Refusals follow Stripe (stripe-api.md §3, §5): `parameter_unknown`, `parameter_missing`,
//! `parameter_invalid_integer`, invalid enum values, and `""` only for emptyable fields, where it
//! becomes `null` ("unset this").

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::errors::ApiError;

const TRIMMED_SPEC: &str = include_str!("../spec/stripe-openapi-trimmed.json");

/// What the emulated API version (`version::EMULATED`) changed since the trimmed spec's
/// 2023-08-16: parameters it removed and operations it added (each entry names its source).
const OVERLAY: &str = include_str!("../spec/overlay-2026-09-30.json");

/// The combined parameter schema of each served operation, keyed by `"GET /v1/prices"`.
fn operations() -> &'static HashMap<String, Value> {
    static OPERATIONS: OnceLock<HashMap<String, Value>> = OnceLock::new();
    OPERATIONS.get_or_init(|| {
        let spec: Value = serde_json::from_str(TRIMMED_SPEC).unwrap_or(Value::Null);
        let mut operations = HashMap::new();
        if let Some(paths) = spec.get("paths").and_then(Value::as_object) {
            for (path, methods) in paths {
                let Some(methods) = methods.as_object() else { continue };
                for (method, operation) in methods {
                    operations.insert(format!("{} {path}", method.to_uppercase()), parameter_schema(operation));
                }
            }
        }
        apply_overlay(&mut operations, &serde_json::from_str(OVERLAY).unwrap_or(Value::Null));
        operations
    })
}

/// Adds the overlay's operations and takes out the parameters it lists as removed
/// (`recurring.aggregate_usage`: a dotted path through nested object parameters).
fn apply_overlay(operations: &mut HashMap<String, Value>, overlay: &Value) {
    for (name, operation) in overlay.get("operations").and_then(Value::as_object).into_iter().flatten() {
        let properties = operation.get("properties").cloned().unwrap_or(json!({}));
        let required = operation.get("required").cloned().unwrap_or(json!([]));
        operations.insert(
            name.clone(),
            json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false}),
        );
    }
    for (name, removed) in overlay.get("removed").and_then(Value::as_object).into_iter().flatten() {
        let Some(schema) = operations.get_mut(name) else { continue };
        for path in removed.as_array().into_iter().flatten().filter_map(Value::as_str) {
            remove_parameter(schema, &path.split('.').collect::<Vec<_>>());
        }
    }
}

fn remove_parameter(schema: &mut Value, path: &[&str]) {
    let Some((first, rest)) = path.split_first() else { return };
    // Emptyable parameters are an `anyOf` of the object and `""`: look inside each option.
    if let Some(options) = schema.get_mut("anyOf").and_then(Value::as_array_mut) {
        for option in options {
            remove_parameter(option, path);
        }
        return;
    }
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else { return };
    if rest.is_empty() {
        properties.remove(*first);
    } else if let Some(child) = properties.get_mut(*first) {
        remove_parameter(child, rest);
    }
}

/// Query parameters and the form body merged into one closed object schema.
fn parameter_schema(operation: &Value) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for parameter in operation.get("parameters").and_then(Value::as_array).into_iter().flatten() {
        if parameter.get("in").and_then(Value::as_str) != Some("query") {
            continue;
        }
        let Some(name) = parameter.get("name").and_then(Value::as_str) else { continue };
        properties.insert(name.to_string(), parameter.get("schema").cloned().unwrap_or(json!({})));
        if parameter.get("required").and_then(Value::as_bool) == Some(true) {
            required.push(json!(name));
        }
    }
    let body = operation.pointer("/requestBody/content/application~1x-www-form-urlencoded/schema");
    if let Some(body) = body {
        for (name, schema) in body.get("properties").and_then(Value::as_object).into_iter().flatten() {
            properties.insert(name.clone(), schema.clone());
        }
        required.extend(body.get("required").and_then(Value::as_array).into_iter().flatten().cloned());
    }
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// Whether the trimmed spec has this operation (used by a test that every route is covered).
#[cfg(test)]
pub(crate) fn has_operation(method: &str, template: &str) -> bool {
    operations().contains_key(&format!("{method} {template}"))
}

/// Checks `params` (from `form.rs`) for `method template` and returns them typed.
pub(crate) fn check(method: &str, template: &str, params: Value) -> Result<Value, ApiError> {
    let Some(schema) = operations().get(&format!("{method} {template}")) else {
        return Err(ApiError::invalid(format!("The sandbox has no parameter schema for {method} {template}")));
    };
    check_object(schema, params, None)
}

fn check_value(schema: &Value, value: Value, name: &str, in_map: bool) -> Result<Value, ApiError> {
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        return check_any_of(options, value, name);
    }
    // `""` means "unset", which only emptyable fields (an `anyOf` with `""`) and map values
    // (`metadata[k]=` removes one key) allow.
    if value.as_str() == Some("") && !in_map {
        return Err(cannot_unset(name));
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => check_object(schema, value, Some(name)),
        Some("array") => check_array(schema, value, name),
        Some("integer") => {
            let text = leaf(&value, name)?;
            text.parse::<i64>().map(|number| json!(number)).map_err(|_| {
                ApiError::invalid(format!("Invalid integer: {text}")).code("parameter_invalid_integer").param(name)
            })
        }
        Some("number") => {
            let text = leaf(&value, name)?;
            text.parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .map(|number| json!(number))
                .ok_or_else(|| ApiError::invalid(format!("Invalid decimal: {text}")).param(name))
        }
        Some("boolean") => match leaf(&value, name)? {
            "true" => Ok(json!(true)),
            "false" => Ok(json!(false)),
            other => Err(ApiError::invalid(format!("Invalid boolean: {other}")).param(name)),
        },
        Some("string") => check_string(schema, &value, name),
        _ => Ok(value),
    }
}

fn check_any_of(options: &[Value], value: Value, name: &str) -> Result<Value, ApiError> {
    let emptyable = options.iter().any(is_empty_enum);
    if value.as_str() == Some("") {
        return if emptyable { Ok(Value::Null) } else { Err(cannot_unset(name)) };
    }
    let mut first_error = None;
    for option in options.iter().filter(|option| !is_empty_enum(option)) {
        match check_value(option, value.clone(), name, false) {
            Ok(checked) => return Ok(checked),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| ApiError::invalid(format!("Invalid value for {name}")).param(name)))
}

fn is_empty_enum(schema: &Value) -> bool {
    schema.get("enum").and_then(Value::as_array).is_some_and(|values| values.len() == 1 && values[0] == json!(""))
}

fn check_object(schema: &Value, value: Value, name: Option<&str>) -> Result<Value, ApiError> {
    let label = name.unwrap_or("params");
    let Value::Object(map) = value else {
        return Err(ApiError::invalid("Invalid hash").param(label));
    };
    let properties = schema.get("properties").and_then(Value::as_object);
    let additional = schema.get("additionalProperties").filter(|extra| extra.is_object());
    let child_name = |key: &str| match name {
        Some(parent) => format!("{parent}[{key}]"),
        None => key.to_string(),
    };
    let mut checked = Map::new();
    for (key, child) in map {
        let full = child_name(&key);
        if let Some(property) = properties.and_then(|properties| properties.get(&key)) {
            checked.insert(key, check_value(property, child, &full, false)?);
        } else if let Some(additional) = additional {
            checked.insert(key, check_value(additional, child, &full, true)?);
        } else if properties.is_none() && schema.get("additionalProperties") != Some(&json!(false)) {
            // A free-form object (e.g. one added since 2023 without a detailed schema).
            checked.insert(key, child);
        } else {
            return Err(ApiError::unknown_parameter(&full));
        }
    }
    for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
        if let Some(required) = required.as_str()
            && !checked.contains_key(required)
        {
            return Err(ApiError::missing_parameter(&child_name(required)));
        }
    }
    Ok(Value::Object(checked))
}

fn check_array(schema: &Value, value: Value, name: &str) -> Result<Value, ApiError> {
    let items = match value {
        Value::Array(items) => items,
        // `a[0]=x&a[1]=y` arrives as an object with index keys.
        Value::Object(map) => {
            let mut indexed = Vec::with_capacity(map.len());
            for (key, item) in map {
                let Ok(index) = key.parse::<usize>() else {
                    return Err(ApiError::invalid(format!("Invalid array: {name}[{key}] is not an index")).param(name));
                };
                indexed.push((index, item));
            }
            indexed.sort_by_key(|(index, _)| *index);
            indexed.into_iter().map(|(_, item)| item).collect()
        }
        _ => return Err(ApiError::invalid("Invalid array").param(name)),
    };
    let item_schema = schema.get("items").cloned().unwrap_or(json!({}));
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| check_value(&item_schema, item, &format!("{name}[{index}]"), false))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn check_string(schema: &Value, value: &Value, name: &str) -> Result<Value, ApiError> {
    let text = leaf(value, name)?;
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.iter().any(|allowed| allowed.as_str() == Some(text))
    {
        let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
        let leaf_name = name.rsplit('[').next().unwrap_or(name).trim_end_matches(']');
        // An array item (`enabled_events[0]`) is named in full: "Invalid 0" would say nothing.
        let leaf_name = if leaf_name.bytes().all(|byte| byte.is_ascii_digit()) { name } else { leaf_name };
        return Err(ApiError::invalid(format!("Invalid {leaf_name}: must be one of {}", one_of(&names))).param(name));
    }
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
        && text.chars().count() as u64 > max
    {
        return Err(ApiError::invalid(format!("Invalid string: {text}; must be at most {max} characters")).param(name));
    }
    if schema.get("format").and_then(Value::as_str) == Some("decimal") && !is_decimal(text) {
        return Err(ApiError::invalid(format!("Invalid decimal: {text}")).param(name));
    }
    Ok(json!(text))
}

fn leaf<'a>(value: &'a Value, name: &str) -> Result<&'a str, ApiError> {
    value.as_str().ok_or_else(|| {
        ApiError::invalid(format!("Invalid value for {name}: expected a single value, got a hash or array")).param(name)
    })
}

fn cannot_unset(name: &str) -> ApiError {
    ApiError::invalid(format!(
        "You passed an empty string for '{name}'. We assume empty values are an attempt to unset a parameter; \
         however '{name}' cannot be unset. You should remove '{name}' from your request or supply a non-empty value."
    ))
    .param(name)
}

/// `a, b, or c`, as Stripe lists allowed values.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [only] => (*only).to_string(),
        [first, second] => format!("{first} or {second}"),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

/// A plain decimal number: digits, at most one point, optional leading minus.
pub(crate) fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mut parts = unsigned.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::check;
    use crate::form::decode;

    fn checked(method: &str, template: &str, body: &str) -> Result<serde_json::Value, String> {
        check(method, template, decode(body.as_bytes()).unwrap()).map_err(|error| error.message)
    }

    #[test]
    fn types_nested_parameters() {
        let params =
            checked("POST", "/v1/prices", "currency=usd&unit_amount=500&recurring[interval]=month&active=false")
                .unwrap();
        assert_eq!(
            params,
            json!({"currency": "usd", "unit_amount": 500, "recurring": {"interval": "month"}, "active": false})
        );
        let params = checked("GET", "/v1/prices", "lookup_keys[0]=a&lookup_keys[1]=b&created[gte]=5").unwrap();
        assert_eq!(params, json!({"lookup_keys": ["a", "b"], "created": {"gte": 5}}));
    }

    #[test]
    fn refuses_like_stripe() {
        assert_eq!(checked("POST", "/v1/products", "name=a&foo=1").unwrap_err(), "Received unknown parameter: foo");
        assert_eq!(
            checked("POST", "/v1/prices", "currency=usd&recurring[foo]=1").unwrap_err(),
            "Received unknown parameter: recurring[foo]"
        );
        assert_eq!(checked("POST", "/v1/products", "active=true").unwrap_err(), "Missing required param: name.");
        assert_eq!(checked("POST", "/v1/prices", "currency=usd&unit_amount=7.5").unwrap_err(), "Invalid integer: 7.5");
        assert_eq!(
            checked("POST", "/v1/prices", "currency=usd&recurring[interval]=fortnight").unwrap_err(),
            "Invalid interval: must be one of day, month, week, or year"
        );
        assert!(checked("POST", "/v1/products", "name=").unwrap_err().contains("cannot be unset"));
    }

    #[test]
    fn empty_string_unsets_emptyable_fields_only() {
        let params = checked("POST", "/v1/products/{id}", "description=&metadata[k]=").unwrap();
        assert_eq!(params, json!({"description": null, "metadata": {"k": ""}}));
        assert!(checked("POST", "/v1/prices/{price}", "nickname=").unwrap_err().contains("cannot be unset"));
    }
}
