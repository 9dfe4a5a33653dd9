//! The catalog's `policy:` section as the file has it (issue #15); [`crate::policy`] holds
//! the normalised [`Policy`](crate::policy::Policy) it becomes.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::model::{Keyword, Keywords};
use crate::policy::SubscribedPrices;

/// `policy:` as written. Every field is optional; an absent field takes its default.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// A replace (or a change of a currency option's amount) whose amount moves by this factor
    /// or more, up or down, is blocked: `10x` (the default) blocks $29.00 → $2,900.00 (the
    /// amount written in cents where dollars were meant) and $29.00 → $2.90. Compared per
    /// currency in minor units. `off` turns the rule off.
    #[serde(default)]
    #[schemars(with = "Option<FactorText>")]
    pub max_amount_change: Option<Spanned<FactorText>>,
    /// Currencies every active price must offer, as its own currency or a currency option
    /// (`[usd, eur]`). Default: none.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub require_currencies: Option<Spanned<Vec<Spanned<String>>>>,
    /// When `true`, no active price (nor any of its currency options) may leave `tax_behavior`
    /// unspecified. Default `false`.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub require_tax_behavior: Option<Spanned<bool>>,
    /// What replacing or archiving a price that has subscribers does: `warn` (the default: a
    /// warning line), `require_on_replace` (blocked unless the catalog says what happens to
    /// the subscribers with `on_replace`) or `block`.
    #[serde(default)]
    #[schemars(with = "Option<Keyword<SubscribedPrices>>")]
    pub subscribed_prices: Option<Spanned<Keyword<SubscribedPrices>>>,
}

/// A factor as written (`10x`, `2.5x`, `off`), read as text so a missing `x` is a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorText(pub String);

impl<'de> Deserialize<'de> for FactorText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = String;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a factor such as `10x`")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<String, E> {
                Ok(value.to_string())
            }
        }
        deserializer.deserialize_str(Text).map(FactorText)
    }
}

impl JsonSchema for FactorText {
    fn schema_name() -> Cow<'static, str> {
        "Factor".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A factor greater than 1 followed by `x` (`10x`, `2.5x`), or `off`.",
            "type": "string",
            "pattern": "^([0-9]+(\\.[0-9]{1,2})?x|off)$"
        })
    }
}

impl Keywords for SubscribedPrices {
    const ALL: &'static [(&'static str, Self)] =
        &[("warn", Self::Warn), ("require_on_replace", Self::RequireOnReplace), ("block", Self::Block)];
    const SCHEMA_NAME: &'static str = "SubscribedPrices";
}
