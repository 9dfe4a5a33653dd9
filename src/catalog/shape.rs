//! The shape pass: when the file does not fit the model (an unknown field, a missing field, a
//! list where a mapping belongs, a repeated key), serde stops at the first such problem. This
//! pass reads the same text into a generic tree with positions and walks it against the
//! catalog's JSON Schema, so every structural problem is reported in one run.
//!
//! It runs only after the model failed to parse, and it is deliberately loose: it reports
//! unknown fields, missing required fields, repeated keys and clear kind mismatches (mapping,
//! list or scalar), and leaves finer scalar rules to serde's own error and the semantic checks.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Spanned};

use super::diagnostics::Severity;
use super::validate::Checker;

/// A YAML node as written, with no catalog meaning attached.
#[derive(Debug)]
enum Node {
    Mapping(Vec<(Spanned<Key>, Spanned<Node>)>),
    Sequence(Vec<Spanned<Node>>),
    Scalar(Scalar),
}

#[derive(Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
}

/// A mapping key: its text, or `None` for a key that is itself a mapping or a list.
#[derive(Debug)]
struct Key(Option<String>);

/// How deep the shape pass reads; deeper files get serde's error alone.
const MAX_DEPTH: usize = 24;

/// JSON Schema rarely nests `$ref`s; this bounds a malformed schema's cycle.
const MAX_REF_HOPS: usize = 16;

/// Reads `source` into a generic tree and records every structural problem against the
/// catalog schema in `checker`. Records nothing when the text is not readable YAML (serde's
/// own error covers that).
pub fn check(source: &str, checker: &mut Checker<'_>) {
    // A catalog nests about ten levels deep; the reader's default (64) lets the generic tree's
    // deeper per-level recursion overflow a 2 MiB thread stack.
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    let options = serde_saphyr::options!(duplicate_keys: DuplicateKeyPolicy::PassThrough, budget: Some(budget));
    let Ok(root) = serde_saphyr::from_str_with_options::<Spanned<Node>>(source, options) else {
        return;
    };
    let Ok(schema) = serde_json::to_value(schemars::schema_for!(super::model::CatalogFile)) else {
        return;
    };
    Walker { root: &schema, checker }.walk(&root, &schema, "");
}

struct Walker<'s, 'c, 'a> {
    root: &'s Value,
    checker: &'c mut Checker<'a>,
}

impl<'s> Walker<'s, '_, '_> {
    fn walk(&mut self, node: &Spanned<Node>, schema: &'s Value, path: &str) {
        let Some(schema) = self.fitting_branch(node, schema) else {
            let expected = self.expected(schema);
            let (message, mut hint) = mismatch(&expected, &node.value);
            if path.is_empty() {
                hint = "a catalog is a YAML mapping (`version: 1`, then `products:`), and so is each product and price"
                    .to_string();
            }
            self.error_at(node, path, message, Some(hint));
            return;
        };
        match &node.value {
            Node::Mapping(entries) => self.walk_mapping(node, entries, schema, path),
            Node::Sequence(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.walk(item, item_schema, &format!("{path}[{index}]"));
                    }
                }
            }
            Node::Scalar(_) => {}
        }
    }

    fn walk_mapping(
        &mut self,
        node: &Spanned<Node>,
        entries: &[(Spanned<Key>, Spanned<Node>)],
        schema: &'s Value,
        path: &str,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let additional = schema.get("additionalProperties");
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in entries {
            let Some(name) = key.value.0.as_deref() else { continue };
            let field_path = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
            if seen.contains(&name) {
                let location = (key.referenced.line(), key.referenced.column());
                self.checker.push_at(
                    Severity::Error,
                    location,
                    &field_path,
                    format!("duplicate mapping key `{name}`"),
                    Some("each key may appear once per mapping; remove or rename the repeat".to_string()),
                );
                continue;
            }
            seen.push(name);
            if let Some(field_schema) = properties.and_then(|properties| properties.get(name)) {
                self.walk(value, field_schema, &field_path);
            } else if additional == Some(&Value::Bool(false)) {
                let known: Vec<&str> =
                    properties.map(|map| map.keys().map(String::as_str).collect()).unwrap_or_default();
                let location = (key.referenced.line(), key.referenced.column());
                self.checker.push_at(
                    Severity::Error,
                    location,
                    &field_path,
                    format!("unknown field `{name}`, expected one of {}", known.join(", ")),
                    Some(unknown_field_hint(name, &known)),
                );
            } else if let Some(value_schema) = additional.filter(|schema| schema.is_object()) {
                self.walk(value, value_schema, &field_path);
            }
        }
        let required = schema.get("required").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        for field in required.iter().filter_map(Value::as_str) {
            if !seen.contains(&field) {
                self.error_at(
                    node,
                    path,
                    format!("missing field `{field}`"),
                    Some(super::missing_field_hint(field).to_string()),
                );
            }
        }
    }

    fn error_at(&mut self, node: &Spanned<Node>, path: &str, message: String, hint: Option<String>) {
        let location = (node.referenced.line(), node.referenced.column());
        self.checker.push_at(Severity::Error, location, path, message, hint);
    }

    /// The schema itself with `$ref`s followed.
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = schema.get("$ref").and_then(Value::as_str) else { break };
            let Some(name) = target.strip_prefix("#/$defs/") else { break };
            match self.root.get("$defs").and_then(|defs| defs.get(name)) {
                Some(found) => schema = found,
                None => break,
            }
        }
        schema
    }

    /// The schema's alternatives (`anyOf`/`oneOf` branches, or itself), resolved.
    fn branches(&self, schema: &'s Value) -> Vec<&'s Value> {
        let schema = self.resolve(schema);
        let alternatives = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array);
        match alternatives {
            Some(list) => list.iter().map(|branch| self.resolve(branch)).collect(),
            None => vec![schema],
        }
    }

    /// The first alternative that accepts the node's kind, or `None` when none does.
    fn fitting_branch(&self, node: &Spanned<Node>, schema: &'s Value) -> Option<&'s Value> {
        self.branches(schema).into_iter().find(|branch| accepts(branch, &node.value))
    }

    /// What the schema accepts, for messages: `a mapping`, `a list or nothing`...
    fn expected(&self, schema: &'s Value) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        for branch in self.branches(schema) {
            for name in type_names(branch).unwrap_or_default() {
                let described = describe_type(name);
                if !described.is_empty() && !kinds.contains(&described) {
                    kinds.push(described);
                }
            }
        }
        if kinds.is_empty() { "a value".to_string() } else { kinds.join(" or ") }
    }
}

/// The `type` names a schema lists, or `None` when it constrains no type.
fn type_names(schema: &Value) -> Option<Vec<&str>> {
    match schema.get("type")? {
        Value::String(name) => Some(vec![name.as_str()]),
        Value::Array(names) => Some(names.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// Whether the schema's `type` admits the node's kind. Scalars are told apart only as null or
/// not: the model reads numbers and keywords as text, and serde reports finer mismatches.
fn accepts(schema: &Value, node: &Node) -> bool {
    let Some(names) = type_names(schema) else { return true };
    names.iter().any(|name| match (node, *name) {
        (Node::Mapping(_), "object") | (Node::Sequence(_), "array") | (Node::Scalar(Scalar::Null), "null") => true,
        (Node::Scalar(scalar), "string" | "integer" | "number" | "boolean") => !matches!(scalar, Scalar::Null),
        _ => false,
    })
}

fn describe_type(name: &str) -> &'static str {
    match name {
        "object" => "a mapping",
        "array" => "a list",
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "`true` or `false`",
        _ => "",
    }
}

/// The message and hint for a node of the wrong kind.
fn mismatch(expected: &str, found: &Node) -> (String, String) {
    let found_text = match found {
        Node::Mapping(_) => "a mapping".to_string(),
        Node::Sequence(_) => "a list".to_string(),
        Node::Scalar(Scalar::Null) => "nothing".to_string(),
        Node::Scalar(Scalar::Bool(value)) => format!("`{value}`"),
        Node::Scalar(Scalar::Number(text) | Scalar::Text(text)) => format!("`{}`", shorten(text)),
    };
    let hint = if expected.starts_with("a list") {
        "write one entry per line starting with `- `, or `[a, b]` on one line"
    } else if expected.starts_with("a mapping") {
        "write `key: value` pairs indented under the field, or `{ key: value }` on one line"
    } else if matches!(found, Node::Scalar(Scalar::Null)) {
        "give the field a value, or remove it"
    } else {
        "write a single value here, not a list or a mapping"
    };
    (format!("expected {expected}, found {found_text}"), hint.to_string())
}

fn shorten(text: &str) -> String {
    const SHOWN: usize = 40;
    let shown: String = text.chars().take(SHOWN).collect();
    let shown = shown.escape_default().to_string();
    if text.chars().count() > SHOWN { format!("{shown}…") } else { shown }
}

/// "did you mean `amount`?" when a known field is close, else where the fields are listed.
fn unknown_field_hint(name: &str, known: &[&str]) -> String {
    let closest = known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, candidate)) => format!("did you mean `{candidate}`?"),
        None => "check the spelling against the README's catalog reference (or `stripe-catalog schema`)".to_string(),
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(value.to_string())))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(value.to_string())))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(value.to_string())))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(value.to_string())))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(value.to_string())))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Text(value.to_string())))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Text(String::from_utf8_lossy(value).into_owned())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Key>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Mapping(entries))
    }
}

impl<'de> Deserialize<'de> for Key {
    /// Any scalar key is its text; a mapping or list used as a key has none.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Key(match Node::deserialize(deserializer)? {
            Node::Scalar(Scalar::Null) => Some("null".to_string()),
            Node::Scalar(Scalar::Bool(value)) => Some(value.to_string()),
            Node::Scalar(Scalar::Number(text) | Scalar::Text(text)) => Some(text),
            Node::Mapping(_) | Node::Sequence(_) => None,
        }))
    }
}
