//! Decodes `application/x-www-form-urlencoded` bodies and query strings with Stripe's bracket
//! nesting (`a[b][c]=`, `a[0]=`, `a[]=`, percent-encoded brackets) into a JSON tree whose leaves
//! are strings. Indexed keys stay object keys here; `spec.rs` turns them into arrays where the
//! schema wants an array, so `metadata[0]=x` keeps meaning the key "0" (stripe-api.md §3).

use serde_json::{Map, Value};

use super::errors::ApiError;

/// Decodes one form-encoded string into a JSON object of string leaves.
pub(crate) fn decode(input: &[u8]) -> Result<Value, ApiError> {
    let mut root = Value::Object(Map::new());
    for (key, value) in form_urlencoded::parse(input) {
        let segments = split_key(&key)?;
        insert(&mut root, &key, &segments, value.into_owned())?;
    }
    Ok(root)
}

/// Decodes a body and a query string into one tree; body values win on conflicts.
pub(crate) fn decode_both(query: &str, body: &[u8]) -> Result<Value, ApiError> {
    let mut params = decode(query.as_bytes())?;
    if let (Value::Object(into), Value::Object(from)) = (&mut params, decode(body)?) {
        for (key, value) in from {
            into.insert(key, value);
        }
    }
    Ok(params)
}

/// Deeper keys are refused: Stripe's parameters nest a few levels at most, and a bound keeps
/// a hostile key from recursing the decoder off its stack.
const MAX_DEPTH: usize = 16;

/// `a[b][]` → `["a", "b", ""]`; an empty segment means "append".
fn split_key(key: &str) -> Result<Vec<String>, ApiError> {
    let malformed = || ApiError::invalid(format!("Invalid parameter name: {key}")).param(key.to_string());
    let (head, mut rest) = match key.find('[') {
        Some(at) => (&key[..at], &key[at..]),
        None => (key, ""),
    };
    if head.is_empty() {
        return Err(malformed());
    }
    let mut segments = vec![head.to_string()];
    while !rest.is_empty() {
        let Some(stripped) = rest.strip_prefix('[') else { return Err(malformed()) };
        let Some(close) = stripped.find(']') else { return Err(malformed()) };
        segments.push(stripped[..close].to_string());
        if segments.len() > MAX_DEPTH {
            return Err(ApiError::invalid(format!("Parameter nested too deeply (at most {MAX_DEPTH} levels): {key}")));
        }
        rest = &stripped[close + 1..];
    }
    Ok(segments)
}

fn insert(node: &mut Value, key: &str, segments: &[String], value: String) -> Result<(), ApiError> {
    let conflict =
        || ApiError::invalid(format!("Invalid parameter: `{key}` mixes a value with a nested hash or array"));
    let Some((first, rest)) = segments.split_first() else {
        *node = Value::String(value);
        return Ok(());
    };
    if first.is_empty() {
        if node.is_null() {
            *node = Value::Array(Vec::new());
        }
        let Value::Array(items) = node else { return Err(conflict()) };
        // `a[][x]=1&a[][y]=2` fills one element until a key repeats, as Rack does.
        let reuse = match (rest.first(), items.last()) {
            (Some(next), Some(Value::Object(last))) if !next.is_empty() => !last.contains_key(next.as_str()),
            _ => false,
        };
        if !reuse {
            items.push(Value::Null);
        }
        let last = items.len() - 1;
        return insert(&mut items[last], key, rest, value);
    }
    if node.is_null() {
        *node = Value::Object(Map::new());
    }
    let Value::Object(map) = node else { return Err(conflict()) };
    let child = map.entry(first.clone()).or_insert(Value::Null);
    if rest.is_empty() && !child.is_null() && !child.is_string() {
        return Err(conflict());
    }
    insert(child, key, rest, value)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::decode;
    use crate::spec::check;

    proptest! {
        // No input, however malformed, panics the decoder or the parameter check.
        #[test]
        fn never_panics(body in "[a-z\\[\\]%=&0-9+._]{0,80}") {
            if let Ok(params) = decode(body.as_bytes()) {
                let _ = check("POST", "/v1/prices", params.clone());
                let _ = check("GET", "/v1/products", params);
            }
        }
    }

    #[test]
    fn refuses_keys_nested_too_deeply() {
        let key = format!("a{}=1", "[b]".repeat(100_000));
        assert!(decode(key.as_bytes()).is_err());
    }

    #[test]
    fn nests_brackets_arrays_and_percent_encoded_keys() {
        let decoded = decode(
            b"recurring[interval]=month&expand[]=data.tiers&expand[]=data.product&line_items[0][price]=p\
              &line_items%5B0%5D%5Bquantity%5D=2&name=A+b%26c&metadata[k]=",
        )
        .unwrap();
        assert_eq!(
            decoded,
            json!({
                "recurring": {"interval": "month"},
                "expand": ["data.tiers", "data.product"],
                "line_items": {"0": {"price": "p", "quantity": "2"}},
                "name": "A b&c",
                "metadata": {"k": ""},
            })
        );
    }

    #[test]
    fn appended_objects_split_when_a_key_repeats() {
        let decoded = decode(b"a[][x]=1&a[][y]=2&a[][x]=3").unwrap();
        assert_eq!(decoded, json!({"a": [{"x": "1", "y": "2"}, {"x": "3"}]}));
    }

    #[test]
    fn refuses_malformed_and_conflicting_keys() {
        assert!(decode(b"a[b=1").is_err());
        assert!(decode(b"[a]=1").is_err());
        assert!(decode(b"a=1&a[b]=2").is_err());
        assert!(decode(b"a[b]=2&a=1").is_err());
    }
}
