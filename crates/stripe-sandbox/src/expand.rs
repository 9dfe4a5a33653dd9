//! Shapes a response for the request's `expand[]`: includable fields (`price.tiers`,
//! `price.currency_options`, ...) are stored but left out unless expanded, and expandable IDs
//! (`price.product`, `product.default_price`) become objects when asked. Lists take `data.`
//! paths; nesting goes at most 4 levels deep (stripe-api.md §4).

use serde_json::Value;

use super::errors::ApiError;
use super::resources::RESOURCES;
use super::store::AccountData;

const MAX_DEPTH: usize = 4;

/// A field the sandbox keeps on a stored object for its own use (a session's
/// `payment_intent_data`, say) and never shows.
pub(crate) const SANDBOX_FIELD: &str = "sandbox";

/// Renders `value` (an object or a list) for the given `expand[]` paths.
pub(crate) fn render(data: &AccountData, value: &mut Value, expand: &[String]) -> Result<(), ApiError> {
    for path in expand {
        if path.split('.').count() > MAX_DEPTH {
            return Err(ApiError::invalid(format!(
                "You cannot expand more than {MAX_DEPTH} levels of a property. Property: {path}"
            ))
            .param("expand"));
        }
    }
    let paths: Vec<Vec<&str>> = expand.iter().map(|path| path.split('.').collect()).collect();
    render_paths(data, value, &paths)
}

/// Checks `expand[]` against an object type before a write runs, so a bad path is refused as
/// invalid input instead of failing after the write was committed.
pub(crate) fn check(object_type: &str, expand: &[String]) -> Result<(), ApiError> {
    let mut probe = serde_json::json!({ "object": object_type });
    render(&AccountData::default(), &mut probe, expand)
}

/// An object as a plain retrieve shows it (includable fields left out), for event snapshots.
pub(crate) fn as_shown(data: &AccountData, object: &Value) -> Value {
    let mut shown = object.clone();
    // Without expand paths rendering only removes fields, so it cannot fail.
    let _ = render_paths(data, &mut shown, &[]);
    shown
}

fn render_paths(data: &AccountData, value: &mut Value, paths: &[Vec<&str>]) -> Result<(), ApiError> {
    let object_type = value.get("object").and_then(Value::as_str).unwrap_or("").to_string();
    if object_type == "list" || object_type == "search_result" {
        let mut inner = Vec::new();
        for path in paths {
            match path.split_first() {
                Some((&"data", rest)) if !rest.is_empty() => inner.push(rest.to_vec()),
                // A search result's count is includable (the search handler adds it).
                Some((&"total_count", [])) if object_type == "search_result" => {}
                _ => return Err(cannot_expand(&path.join("."))),
            }
        }
        if let Some(Value::Array(items)) = value.get_mut("data") {
            for item in items {
                render_paths(data, item, &inner)?;
            }
        }
        return Ok(());
    }
    let resource = RESOURCES.iter().find(|resource| resource.object == object_type);
    let Some(Value::Object(fields)) = Some(&mut *value) else { return Ok(()) };
    let Some(resource) = resource else {
        return match paths.first() {
            Some(path) => Err(cannot_expand(&path.join("."))),
            None => Ok(()),
        };
    };
    fields.remove(SANDBOX_FIELD);
    for field in resource.includable {
        if !paths.iter().any(|path| path.first() == Some(field)) {
            fields.remove(*field);
        }
    }
    // One pass per field named, with everything asked below it: `line_items` and
    // `line_items.data.price.product` render the line items once, with the products expanded.
    let mut firsts: Vec<&str> = Vec::new();
    for first in paths.iter().filter_map(|path| path.first().copied()) {
        if !firsts.contains(&first) {
            firsts.push(first);
        }
    }
    for first in firsts {
        let below: Vec<Vec<&str>> = paths
            .iter()
            .filter(|path| path.first() == Some(&first) && path.len() > 1)
            .map(|path| path[1..].to_vec())
            .collect();
        let named =
            || paths.iter().find(|path| path.first() == Some(&first)).map(|path| path.join(".")).unwrap_or_default();
        let includable = resource.includable.contains(&first);
        let collection =
            resource.expandable.iter().find(|(field, _)| *field == first).map(|(_, collection)| *collection);
        if !includable && collection.is_none() {
            return Err(cannot_expand(&named()));
        }
        let Some(field) = fields.get_mut(first) else { continue };
        if let Value::String(id) = field {
            // An ID becomes the object it names, itself rendered for the paths below it.
            if let Some(target) = collection.and_then(|collection| data.get(collection, id)) {
                let mut expanded = target.clone();
                render_paths(data, &mut expanded, &below)?;
                *field = expanded;
            }
        } else if field.is_object() {
            // An object already (an included list, an embedded price): rendered in place.
            render_paths(data, field, &below)?;
        }
    }
    Ok(())
}

fn cannot_expand(path: &str) -> ApiError {
    ApiError::invalid(format!("This property cannot be expanded ({path}).")).param("expand")
}
