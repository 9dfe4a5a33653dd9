//! The Search API (`GET /v1/customers/search`, `/v1/payment_intents/search`,
//! `/v1/prices/search`, `/v1/products/search`, `/v1/subscriptions/search`, `/v1/invoices/search`) with Stripe's search query language, after
//! https://docs.stripe.com/search ("Search query language", "Supported query fields for each
//! resource"):
//!
//! - a clause is `field` `operator` `value`: `email:"amy@rocketrides.io"`, `amount>1000`,
//!   `metadata["key"]:"value"`; values are quoted (`"` or `'`, `\` escapes a quote), numbers may
//!   go unquoted, `null` (any case) tests that a field is empty;
//! - clauses are joined by spaces or `AND`, or by `OR` (any case); "AND and OR operators are
//!   mutually exclusive"; `-` negates a clause;
//! - each field has a type: `token` (exact match, case insensitive), `string` (exact match:
//!   "contains all of the words from the query in the same order", and `~` substring, at least 3
//!   characters, case insensitive) and `numeric` (exact match, `>`, `<`, `>=`, `<=`, `=`); "using an
//!   unsupported operator … returns an error".
//!
//! Results come newest first, `limit` (1–100, default 10) at a time, `next_page` giving the
//! `page` of the next call; `total_count` only with `expand[]=total_count`. Refusals follow the
//! messages Stripe is known to send ("We were unable to parse your search query.", "Field `foo`
//! is an unsupported search field for resource `prices`.", quoted from stripe-ruby-mock's tests
//! run against Stripe) and add the position of the mistake.
//!
//! Stripe's index trails writes ("data is searchable in under 1 minute"): with
//! `SandboxBuilder::search_lag`, new objects stay out of results for that long.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::errors::ApiError;
use super::fields::{expand_list, text};
use super::list;
use super::resources::Ctx;

/// The type of a query field, which decides the operators it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldType {
    Token,
    Text,
    Numeric,
}

/// What one resource's search serves.
pub(crate) struct Searchable {
    /// Where its objects are stored.
    pub(crate) collection: &'static str,
    /// Its name in Stripe's messages and doc anchors (`prices`, `payment_intents`).
    pub(crate) name: &'static str,
    /// Its query fields and their types (`metadata` is always a token field).
    pub(crate) fields: &'static [(&'static str, FieldType)],
    /// Query fields that are not top-level fields of the object, with their JSON pointer.
    pub(crate) located: &'static [(&'static str, &'static str)],
}

/// "Query fields for customers".
pub(crate) const CUSTOMERS: Searchable = Searchable {
    collection: "customers",
    name: "customers",
    fields: &[
        ("created", FieldType::Numeric),
        ("email", FieldType::Text),
        ("name", FieldType::Text),
        ("phone", FieldType::Text),
    ],
    located: &[],
};

/// "Query fields for payment intents".
pub(crate) const PAYMENT_INTENTS: Searchable = Searchable {
    collection: "payment_intents",
    name: "payment_intents",
    fields: &[
        ("amount", FieldType::Numeric),
        ("created", FieldType::Numeric),
        ("currency", FieldType::Token),
        ("customer", FieldType::Token),
        ("status", FieldType::Token),
    ],
    located: &[],
};

/// "Query fields for prices" (Stripe lists `product` as a string field).
pub(crate) const PRICES: Searchable = Searchable {
    collection: "prices",
    name: "prices",
    fields: &[
        ("active", FieldType::Token),
        ("currency", FieldType::Token),
        ("lookup_key", FieldType::Text),
        ("product", FieldType::Text),
        ("type", FieldType::Token),
    ],
    located: &[],
};

/// "Query fields for products".
pub(crate) const PRODUCTS: Searchable = Searchable {
    collection: "products",
    name: "products",
    fields: &[
        ("active", FieldType::Token),
        ("description", FieldType::Text),
        ("name", FieldType::Text),
        ("shippable", FieldType::Token),
        ("url", FieldType::Text),
    ],
    located: &[],
};

/// "Query fields for subscriptions".
pub(crate) const SUBSCRIPTIONS: Searchable = Searchable {
    collection: "subscriptions",
    name: "subscriptions",
    fields: &[("created", FieldType::Numeric), ("status", FieldType::Token)],
    located: &[],
};

/// "Query fields for invoices". In the emulated version an invoice names its subscription in
/// `parent.subscription_details.subscription`.
pub(crate) const INVOICES: Searchable = Searchable {
    collection: "invoices",
    name: "invoices",
    fields: &[
        ("created", FieldType::Numeric),
        ("currency", FieldType::Token),
        ("customer", FieldType::Text),
        ("number", FieldType::Text),
        ("receipt_number", FieldType::Text),
        ("status", FieldType::Text),
        ("subscription", FieldType::Text),
        ("total", FieldType::Numeric),
    ],
    located: &[("subscription", "/parent/subscription_details/subscription")],
};

/// The most a query may be, to bound the parser's work.
const MAX_CLAUSES: usize = 50;

/// Runs a search request against `searchable` (the handler of each `…/search` route).
pub(crate) fn run(ctx: &mut Ctx<'_>, params: &Value, searchable: &Searchable) -> Result<Value, ApiError> {
    let query = Query::parse(text(params, "query").unwrap_or_default(), searchable)?;
    let limit = list::limit(params)?;
    let after = match text(params, "page") {
        None => None,
        Some(page) => Some(decode_page(page).ok_or_else(|| {
            ApiError::invalid(format!("Invalid page: {page}. Use the `next_page` value of a previous search."))
                .param("page")
        })?),
    };
    let hidden = ctx.search_lag.hidden(ctx.account_id);
    let matching: Vec<(u64, &Value)> = ctx
        .data
        .newest_first(searchable.collection)
        .filter(|(_, object)| object["id"].as_str().is_none_or(|id| !hidden.iter().any(|hidden| hidden == id)))
        .filter(|(_, object)| query.matches(object))
        .collect();
    let total_count = matching.len();
    let rest: Vec<&(u64, &Value)> =
        matching.iter().filter(|(sequence, _)| after.is_none_or(|after| *sequence < after)).collect();
    let has_more = rest.len() > limit;
    let page: Vec<Value> = rest.iter().take(limit).map(|(_, object)| (*object).clone()).collect();
    let next_page = match (has_more, rest.get(limit.saturating_sub(1))) {
        (true, Some((sequence, _))) => json!(encode_page(*sequence)),
        _ => Value::Null,
    };
    let mut result = json!({
        "object": "search_result",
        "data": page,
        "has_more": has_more,
        "next_page": next_page,
        "url": ctx.path,
    });
    if expand_list(params).iter().any(|path| path == "total_count") {
        result["total_count"] = json!(total_count);
    }
    Ok(result)
}

/// A `page` token: the list position after which the next page starts. Opaque to clients.
fn encode_page(sequence: u64) -> String {
    format!("sandbox_page_{sequence:x}")
}

fn decode_page(page: &str) -> Option<u64> {
    u64::from_str_radix(page.strip_prefix("sandbox_page_")?, 16).ok()
}

/// A parsed query: clauses joined all by AND or all by OR.
#[derive(Debug)]
struct Query {
    clauses: Vec<Clause>,
    any: bool,
}

#[derive(Debug)]
struct Clause {
    negated: bool,
    /// `None` for `metadata["key"]`, whose key is in `metadata_key`.
    field: Option<(String, FieldType)>,
    metadata_key: Option<String>,
    operator: Operator,
    value: Operand,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operator {
    Exact,
    Substring,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Equal,
}

#[derive(Debug)]
enum Operand {
    Text(String),
    Number(f64),
    Null,
}

/// Where the parser is in the query, counting characters from 0.
struct Cursor<'a> {
    chars: Vec<char>,
    at: usize,
    searchable: &'a Searchable,
}

impl Query {
    fn parse(text: &str, searchable: &Searchable) -> Result<Query, ApiError> {
        let mut cursor = Cursor { chars: text.chars().collect(), at: 0, searchable };
        let mut clauses = Vec::new();
        let mut joiner: Option<(bool, usize)> = None;
        cursor.skip_spaces();
        if cursor.done() {
            return Err(cursor.unparsable("the query is empty"));
        }
        loop {
            clauses.push(cursor.clause()?);
            if clauses.len() > MAX_CLAUSES {
                return Err(cursor.unparsable(&format!("a query has at most {MAX_CLAUSES} clauses")));
            }
            let spaced = cursor.skip_spaces();
            if cursor.done() {
                break;
            }
            let word_at = cursor.at;
            let any = match cursor.keyword() {
                Some(any) => {
                    let spaced = cursor.skip_spaces();
                    if cursor.done() {
                        return Err(cursor.unparsable("expected a clause after AND/OR"));
                    }
                    if !spaced {
                        return Err(cursor.unparsable("expected a space after AND/OR"));
                    }
                    any
                }
                None if spaced => false,
                None => return Err(cursor.unparsable("expected a space, AND or OR between clauses")),
            };
            match joiner {
                Some((earlier, _)) if earlier != any => {
                    return Err(ApiError::invalid(format!(
                        "We were unable to parse your search query: AND and OR cannot be combined in one query \
                         (position {word_at}). See https://stripe.com/docs/search#search-query-language."
                    ))
                    .param("query"));
                }
                _ => joiner = Some((any, word_at)),
            }
        }
        Ok(Query { clauses, any: joiner.is_some_and(|(any, _)| any) })
    }

    fn matches(&self, object: &Value) -> bool {
        let hit = |clause: &Clause| clause.matches(object) != clause.negated;
        if self.any { self.clauses.iter().any(hit) } else { self.clauses.iter().all(hit) }
    }
}

impl Cursor<'_> {
    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// Skips whitespace; says whether there was any.
    fn skip_spaces(&mut self) -> bool {
        let start = self.at;
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
        self.at > start
    }

    fn unparsable(&self, detail: &str) -> ApiError {
        ApiError::invalid(format!(
            "We were unable to parse your search query: {detail} (position {}). See \
             https://stripe.com/docs/search#search-query-language for the query language.",
            self.at
        ))
        .param("query")
    }

    /// `AND` (false) or `OR` (true), any case, when the next word is one.
    fn keyword(&mut self) -> Option<bool> {
        for (word, any) in [("and", false), ("or", true)] {
            let end = self.at + word.len();
            let Some(candidate) = self.chars.get(self.at..end) else { continue };
            let candidate: String = candidate.iter().collect();
            let boundary = self.chars.get(end).is_none_or(|next| next.is_whitespace());
            if candidate.eq_ignore_ascii_case(word) && boundary {
                self.at = end;
                return Some(any);
            }
        }
        None
    }

    fn clause(&mut self) -> Result<Clause, ApiError> {
        let negated = self.peek() == Some('-');
        if negated {
            self.at += 1;
        }
        let field_at = self.at;
        let name = self.identifier();
        if name.is_empty() {
            return Err(self.unparsable("expected a field name"));
        }
        let metadata_key = if name == "metadata" { Some(self.metadata_key()?) } else { None };
        let operator_at = self.at;
        let operator =
            self.operator().ok_or_else(|| self.unparsable("expected an operator (:, ~, >, <, >=, <=, =)"))?;
        // Known fields are checked once the clause has the shape of one, so `asdf` is a query
        // that does not parse, as Stripe says, and `foo:"bar"` one that names an unknown field.
        let field = match metadata_key {
            Some(_) => None,
            None => {
                let Some((_, kind)) = self.searchable.fields.iter().find(|(known, _)| *known == name) else {
                    return Err(ApiError::invalid(format!(
                        "Field `{name}` is an unsupported search field for resource `{resource}`. See \
                         http://stripe.com/docs/search#query-fields-for-{anchor} for a list of supported fields \
                         (position {field_at}).",
                        resource = self.searchable.name,
                        anchor = self.searchable.name.replace('_', "-"),
                    ))
                    .param("query"));
                };
                // A located field is kept as its JSON pointer, which `Clause::matches` follows.
                let located = self.searchable.located.iter().find(|(known, _)| *known == name);
                Some((located.map_or_else(|| name.clone(), |(_, pointer)| (*pointer).to_string()), *kind))
            }
        };
        let value = self.operand()?;
        let kind = field.as_ref().map_or(FieldType::Token, |(_, kind)| *kind);
        let supported = match operator {
            Operator::Exact => true,
            Operator::Substring => kind == FieldType::Text,
            _ => kind == FieldType::Numeric,
        };
        let shown = field.as_ref().map_or_else(|| "metadata".to_string(), |(name, _)| name.clone());
        if !supported {
            return Err(ApiError::invalid(format!(
                "We were unable to parse your search query: the operator at position {operator_at} is not supported \
                 for `{shown}`, a {} field. See https://stripe.com/docs/search#search-query-language.",
                match kind {
                    FieldType::Token => "token",
                    FieldType::Text => "string",
                    FieldType::Numeric => "numeric",
                }
            ))
            .param("query"));
        }
        match (&value, operator) {
            (Operand::Null, Operator::Exact) => {}
            (Operand::Null, _) => return Err(self.unparsable("`null` only goes with `:`")),
            (Operand::Number(_), _) if kind != FieldType::Numeric && operator != Operator::Exact => {
                return Err(self.unparsable("expected a quoted value"));
            }
            (Operand::Text(text), Operator::Substring) if text.chars().count() < 3 => {
                return Err(ApiError::invalid(format!(
                    "We were unable to parse your search query: a substring match (`~`) needs at least 3 characters, \
                     got \"{text}\" (position {operator_at})."
                ))
                .param("query"));
            }
            (Operand::Text(text), _) if kind == FieldType::Numeric && text.trim().parse::<f64>().is_err() => {
                return Err(self.unparsable(&format!("`{shown}` is numeric; \"{text}\" is not a number")));
            }
            _ => {}
        }
        Ok(Clause { negated, field, metadata_key, operator, value })
    }

    /// A field name: letters, digits, `_` and `.`.
    fn identifier(&mut self) -> String {
        let mut name = String::new();
        while let Some(next) = self.peek().filter(|next| next.is_ascii_alphanumeric() || *next == '_' || *next == '.') {
            name.push(next);
            self.at += 1;
        }
        name
    }

    /// `["key"]` after `metadata`.
    fn metadata_key(&mut self) -> Result<String, ApiError> {
        if self.peek() != Some('[') {
            return Err(self.unparsable("expected [\"key\"] after metadata"));
        }
        self.at += 1;
        let key = self.quoted()?.ok_or_else(|| self.unparsable("expected a quoted metadata key"))?;
        if self.peek() != Some(']') {
            return Err(self.unparsable("expected ] after the metadata key"));
        }
        self.at += 1;
        Ok(key)
    }

    fn operator(&mut self) -> Option<Operator> {
        let next = self.peek()?;
        let then = self.chars.get(self.at + 1).copied();
        let (operator, width) = match (next, then) {
            (':', _) => (Operator::Exact, 1),
            ('~', _) => (Operator::Substring, 1),
            ('>', Some('=')) => (Operator::GreaterOrEqual, 2),
            ('<', Some('=')) => (Operator::LessOrEqual, 2),
            ('>', _) => (Operator::Greater, 1),
            ('<', _) => (Operator::Less, 1),
            ('=', _) => (Operator::Equal, 1),
            _ => return None,
        };
        self.at += width;
        Some(operator)
    }

    /// A quoted string, a bare number, or `null`.
    fn operand(&mut self) -> Result<Operand, ApiError> {
        if let Some(text) = self.quoted()? {
            return Ok(Operand::Text(text));
        }
        let start = self.at;
        while self.peek().is_some_and(|next| !next.is_whitespace()) {
            self.at += 1;
        }
        let bare: String = self.chars[start..self.at].iter().collect();
        if bare.eq_ignore_ascii_case("null") {
            return Ok(Operand::Null);
        }
        match bare.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(Operand::Number(number)),
            _ => {
                self.at = start;
                Err(self.unparsable("expected a quoted value (\"…\"), a number or null"))
            }
        }
    }

    /// A string in `"` or `'`, with `\` escaping the next character; `None` if none starts here.
    fn quoted(&mut self) -> Result<Option<String>, ApiError> {
        let Some(quote) = self.peek().filter(|next| *next == '"' || *next == '\'') else { return Ok(None) };
        let start = self.at;
        self.at += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    self.at = start;
                    return Err(self.unparsable("this quote is never closed"));
                }
                Some('\\') => {
                    self.at += 1;
                    if let Some(escaped) = self.peek() {
                        text.push(escaped);
                        self.at += 1;
                    }
                }
                Some(next) if next == quote => {
                    self.at += 1;
                    return Ok(Some(text));
                }
                Some(next) => {
                    text.push(next);
                    self.at += 1;
                }
            }
        }
    }
}

impl Clause {
    fn matches(&self, object: &Value) -> bool {
        let value = match (&self.field, &self.metadata_key) {
            (_, Some(key)) => object.pointer("/metadata").and_then(|metadata| metadata.get(key)),
            (Some((name, _)), None) if name.starts_with('/') => object.pointer(name),
            (Some((name, _)), None) => object.get(name.as_str()),
            (None, None) => None,
        };
        let value = value.filter(|value| !value.is_null() && value.as_str() != Some(""));
        let kind = self.field.as_ref().map_or(FieldType::Token, |(_, kind)| *kind);
        match (&self.value, value) {
            (Operand::Null, found) => found.is_none(),
            (_, None) => false,
            (operand, Some(found)) => match kind {
                FieldType::Numeric => {
                    numeric(found).zip(operand_number(operand)).is_some_and(|(found, wanted)| match self.operator {
                        Operator::Greater => found > wanted,
                        Operator::GreaterOrEqual => found >= wanted,
                        Operator::Less => found < wanted,
                        Operator::LessOrEqual => found <= wanted,
                        _ => (found - wanted).abs() < f64::EPSILON,
                    })
                }
                FieldType::Token => shown(found).eq_ignore_ascii_case(&operand_text(operand)),
                FieldType::Text => {
                    let found = shown(found).to_lowercase();
                    let wanted = operand_text(operand).to_lowercase();
                    if self.operator == Operator::Substring {
                        found.contains(&wanted)
                    } else {
                        contains_words(&found, &wanted)
                    }
                }
            },
        }
    }
}

/// A field's value as the query language compares it: strings as they are, `true`/`false`,
/// numbers in decimal.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn numeric(value: &Value) -> Option<f64> {
    value.as_f64().or_else(|| value.as_str().and_then(|text| text.parse().ok()))
}

fn operand_number(operand: &Operand) -> Option<f64> {
    match operand {
        Operand::Number(number) => Some(*number),
        Operand::Text(text) => text.trim().parse().ok(),
        Operand::Null => None,
    }
}

fn operand_text(operand: &Operand) -> String {
    match operand {
        Operand::Text(text) => text.clone(),
        Operand::Number(number) => number.to_string(),
        Operand::Null => String::new(),
    }
}

/// "An exact match on a string type returns any record where that record contains all of the
/// words from the query in the same order": `one two three` matches "one two three four".
fn contains_words(found: &str, wanted: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_string).collect()
    };
    let (found, wanted) = (words(found), words(wanted));
    if wanted.is_empty() {
        return found.is_empty();
    }
    found.windows(wanted.len()).any(|window| window == wanted.as_slice())
}

/// Emulates how Stripe's search index trails writes: objects created less than `lag` ago are
/// not found yet. The default, zero, finds everything at once.
#[derive(Default)]
pub(crate) struct SearchLag {
    lag: Duration,
    /// When each recent object was created, per account.
    created: Mutex<HashMap<String, Vec<(String, Instant)>>>,
}

impl SearchLag {
    pub(crate) fn new(lag: Duration) -> SearchLag {
        SearchLag { lag, created: Mutex::new(HashMap::new()) }
    }

    /// Notes that `id` was just created in `account` (called for every `*.created` event).
    pub(crate) fn created(&self, account: &str, id: &str) {
        if self.lag.is_zero() {
            return;
        }
        let now = Instant::now();
        let mut created = self.created.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let recent = created.entry(account.to_string()).or_default();
        recent.retain(|(_, at)| now.duration_since(*at) < self.lag);
        recent.push((id.to_string(), now));
    }

    /// The IDs of `account` that search does not find yet.
    fn hidden(&self, account: &str) -> Vec<String> {
        if self.lag.is_zero() {
            return Vec::new();
        }
        let now = Instant::now();
        let created = self.created.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        created
            .get(account)
            .into_iter()
            .flatten()
            .filter(|(_, at)| now.duration_since(*at) < self.lag)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::{PRICES, PRODUCTS, Query, contains_words};

    fn parses(query: &str) -> Result<Query, String> {
        Query::parse(query, &PRICES).map_err(|error| error.message)
    }

    #[test]
    fn reads_the_documented_forms() {
        for query in [
            "active:'true' AND metadata['order_id']:'6735'",
            "currency:\"usd\" OR currency:\"eur\"",
            "-currency:\"jpy\"",
            "lookup_key~\"standard\"",
            "metadata[\"donation-id\"]:\"asdf-jkl\" type:'recurring'",
            "-metadata[\"donation-id\"]:null",
            "product:\"prod_123\" and active:\"true\"",
            "lookup_key:\"the story called \\\"The Sky\\\"\"",
        ] {
            assert!(parses(query).is_ok(), "{query}: {:?}", parses(query).err());
        }
    }

    #[test]
    fn refuses_with_the_position() {
        let refused = |query: &str| parses(query).unwrap_err();
        assert!(refused("asdf").starts_with("We were unable to parse your search query"));
        assert!(refused("currency:usd").contains("position 9"), "{}", refused("currency:usd"));
        assert!(refused("currency:\"usd").contains("position 9"));
        assert!(refused("active:'true' AND currency:'usd' OR type:'one_time'").contains("cannot be combined"));
        assert!(
            refused("colour:'red'").starts_with("Field `colour` is an unsupported search field for resource `prices`")
        );
        assert!(refused("currency~'usd'").contains("not supported for `currency`"));
        assert!(refused("lookup_key~'ab'").contains("at least 3 characters"));
        assert!(refused("active>1").contains("not supported"));
        assert!(refused("").contains("empty"));
        assert!(refused("active:'true' AND").contains("expected a clause"));
    }

    #[test]
    fn string_fields_match_words_in_order() {
        assert!(contains_words("one two three four", "one two three"));
        assert!(!contains_words("one three two", "one two"));
        assert!(contains_words("amy@rocketrides.io", "amy@rocketrides.io"));
        assert!(!contains_words("xamy@rocketrides.io", "amy@rocketrides.io"));
        let query = Query::parse("name:'Gold plan'", &PRODUCTS).unwrap();
        assert!(query.matches(&json!({"name": "The GOLD Plan, yearly"})));
        assert!(!query.matches(&json!({"name": "Plan gold"})));
    }

    proptest! {
        // No query, however malformed, panics the parser.
        #[test]
        fn never_panics(query in "[a-z:~<>=\\-\\[\\]\"' .0-9\\\\]{0,40}") {
            let _ = parses(&query);
        }
    }
}
