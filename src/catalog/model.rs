//! The catalog file exactly as written: serde structs that mirror the YAML, with every value
//! wrapped in [`Spanned`] so checks can point at its line and column. Nothing here decides
//! whether a value is acceptable; `validate.rs` does that and builds the normalised catalog.
//!
//! Amounts and keywords are read as the text the user wrote (`deserialize_str`), never as
//! floats: `29.99` must become 2999 minor units exactly, and a misspelt keyword must become a
//! diagnostic among all the others rather than stop the parse.
//!
//! These structs are also the source of `catalog.schema.json` (schemars); the doc comments
//! become the descriptions editors show.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::checkout::CustomerCreation;
use crate::objects::{Aggregation, Interval, OnReplace, Round, TaxBehavior, TiersMode, UsageType};

/// The whole catalog file (format version 1).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "stripe-catalog catalog",
    description = "The products and prices a Stripe account should have. See the README's \"The catalog file\"."
)]
pub struct CatalogFile {
    /// The file format version. Always `1`.
    #[schemars(with = "u32", range(min = 1, max = 1))]
    pub version: Spanned<Whole<u32>>,
    /// The Stripe account (`acct_...`) this catalog belongs to. When set, plan and apply refuse
    /// to touch any other account.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^acct_[A-Za-z0-9]+$"))]
    pub account: Option<Spanned<String>>,
    /// Defaults for the checkout commands.
    #[serde(default)]
    pub checkout: Option<CheckoutFile>,
    /// What happens to the subscribers of a price the plan replaces, for every price that
    /// does not say (nor its product): `keep` (default: they stay on the old, archived price)
    /// or `migrate` (apply moves them to the new price, `proration_behavior: none`).
    #[serde(default)]
    #[schemars(with = "Option<Keyword<OnReplace>>")]
    pub on_replace: Option<Spanned<Keyword<OnReplace>>>,
    /// Billing Meters, which metered prices charge for (`recurring.meter`).
    #[serde(default)]
    #[schemars(with = "Vec<MeterFile>")]
    pub meters: Vec<Spanned<MeterFile>>,
    /// The products, in the order they are shown and created.
    #[serde(default)]
    #[schemars(with = "Vec<ProductFile>")]
    pub products: Vec<Spanned<ProductFile>>,
}

/// `checkout:`: defaults for Checkout Sessions and Payment Links made from catalog prices.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckoutFile {
    /// Where Stripe sends the customer after paying (`http://` or `https://`). May contain the
    /// literal `{CHECKOUT_SESSION_ID}`.
    // No `url` format: the braces of `{CHECKOUT_SESSION_ID}` are not URI characters.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub success_url: Option<Spanned<String>>,
    /// Where Stripe sends the customer who cancels (`http://` or `https://`).
    #[serde(default)]
    #[schemars(with = "Option<String>", url)]
    pub cancel_url: Option<Spanned<String>>,
    /// Whether paying a one-time checkout creates a Stripe Customer: `always` (the default, so
    /// support has a Customer to follow up with) or `if_required` (Stripe's guest checkout: the
    /// email stays on the Checkout Session). Subscriptions always create one.
    #[serde(default)]
    #[schemars(with = "Option<Keyword<CustomerCreation>>")]
    pub customer_creation: Option<Spanned<Keyword<CustomerCreation>>>,
}

/// One Billing Meter: the usage events a metered price charges for. After creation only
/// `display_name` and `active` can change; a meter is deactivated, never deleted.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeterFile {
    /// The catalog's name for the meter, used by prices in `recurring.meter`; unique among the
    /// meters. Letters, digits, `_`, `-`, `.`, `:` and `/`, at most 100 characters.
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_.:/-]{1,100}$"))]
    pub key: Spanned<String>,
    /// The meter's name in the Dashboard (customers never see it), at most 250 characters.
    #[schemars(with = "String", length(min = 1, max = 250))]
    pub display_name: Spanned<String>,
    /// The name your application sends usage events under; Stripe finds the meter by it, so it
    /// is unique among the meters. At most 100 characters. Cannot change once created.
    #[schemars(with = "String", length(min = 1, max = 100))]
    pub event_name: Spanned<String>,
    /// How a billing period's events add up: `sum` of their values, `count` of the events, or
    /// the `last` value. Cannot change once created.
    #[schemars(with = "Keyword<Aggregation>")]
    pub aggregation: Spanned<Keyword<Aggregation>>,
    /// The event payload key holding the Stripe customer id (default `stripe_customer_id`).
    /// Cannot change once created.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(min = 1, max = 100))]
    pub customer_mapping: Option<Spanned<String>>,
    /// The event payload key holding the usage value (default `value`). Cannot change once
    /// created.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(min = 1, max = 100))]
    pub value_key: Option<Spanned<String>>,
    /// Whether the meter takes usage events. Default `true`; `false` deactivates it.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub active: Option<Spanned<bool>>,
}

/// One product and its prices.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductFile {
    /// The Stripe product id, unique in the account: letters, digits, `_` and `-`, at most 100
    /// characters.
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_-]{1,100}$"))]
    pub id: Spanned<String>,
    /// The name customers see.
    #[schemars(with = "String", length(min = 1, max = 5000))]
    pub name: Spanned<String>,
    /// A longer description customers see.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = 40000))]
    pub description: Option<Spanned<String>>,
    /// Whether the product can be bought. Default `true`; `false` archives it.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub active: Option<Spanned<bool>>,
    /// Your own key-value pairs (at most 49 keys; key at most 40 characters without `[` or `]`;
    /// value at most 500 characters; keys starting with `stripe-catalog/` are the tool's).
    #[serde(default)]
    #[schemars(with = "Option<MetadataSchema>")]
    pub metadata: Option<Spanned<SpannedMap<String>>>,
    /// A Stripe Tax code such as `txcd_10103001`.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^txcd_[0-9]{8}$"))]
    pub tax_code: Option<Spanned<String>>,
    /// What customers see on their card statement: at most 22 characters, at least one
    /// letter, none of `<`, `>`, `\`, `"`, `'`.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(min = 1, max = 22))]
    pub statement_descriptor: Option<Spanned<String>>,
    /// What one unit is called on receipts and invoices, at most 12 characters (`seat`).
    #[serde(default)]
    #[schemars(with = "Option<String>", length(min = 1, max = 12))]
    pub unit_label: Option<Spanned<String>>,
    /// A public web page about the product (`http://` or `https://`).
    #[serde(default)]
    #[schemars(with = "Option<String>", url)]
    pub url: Option<Spanned<String>>,
    /// Up to 8 image URLs (`http://` or `https://`).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>", length(max = 8))]
    pub images: Option<Spanned<Vec<Spanned<String>>>>,
    /// Up to 15 feature names shown in pricing tables.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>", length(max = 15))]
    pub marketing_features: Option<Spanned<Vec<Spanned<String>>>>,
    /// What happens to the subscribers of this product's prices when one is replaced, for
    /// every price that does not say: `keep` or `migrate` (default: the catalog's `on_replace`).
    #[serde(default)]
    #[schemars(with = "Option<Keyword<OnReplace>>")]
    pub on_replace: Option<Spanned<Keyword<OnReplace>>>,
    /// The `key` of one of this product's prices, to become the product's default price.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub default_price: Option<Spanned<String>>,
    /// The product's prices, in order.
    #[serde(default)]
    #[schemars(with = "Vec<PriceFile>")]
    pub prices: Vec<Spanned<PriceFile>>,
}

/// One price. Give exactly one of `amount`, `unit_amount`, `unit_amount_decimal`, `tiers` or
/// `custom_unit_amount`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceFile {
    /// Becomes the price's `lookup_key`; unique across the whole catalog. Letters, digits, `_`,
    /// `-`, `.`, `:` and `/`, at most 200 characters.
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_.:/-]{1,200}$"))]
    pub key: Spanned<String>,
    /// The amount in major units, written exactly (`29.99` dollars, `4500` yen, `5.120` dinars).
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub amount: Option<Spanned<AmountText>>,
    /// The amount in the currency's minor units, as Stripe takes it (`2999` for $29.99).
    #[serde(default)]
    #[schemars(with = "Option<MinorAmountText>")]
    pub unit_amount: Option<Spanned<MinorAmountText>>,
    /// The amount in the currency's minor units with up to 12 decimal places, as Stripe's
    /// `unit_amount_decimal` takes it (`0.3` is 0.3 cents): the one way to charge a fraction
    /// of a minor unit per unit.
    #[serde(default)]
    #[schemars(with = "Option<DecimalAmountText>")]
    pub unit_amount_decimal: Option<Spanned<DecimalAmountText>>,
    /// Three-letter ISO currency code, any case (`usd`, `EUR`).
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z]{3}$"))]
    pub currency: Spanned<String>,
    /// Makes the price a subscription price; absent means one-time.
    #[serde(default)]
    #[schemars(with = "Option<RecurringFile>")]
    pub recurring: Option<Spanned<RecurringFile>>,
    /// `per_unit` (default) or `tiered` (requires `tiers` and `tiers_mode`).
    #[serde(default)]
    #[schemars(with = "Option<Keyword<BillingScheme>>")]
    pub billing_scheme: Option<Spanned<Keyword<BillingScheme>>>,
    /// `graduated` or `volume`; only with `billing_scheme: tiered`.
    #[serde(default)]
    #[schemars(with = "Option<Keyword<TiersMode>>")]
    pub tiers_mode: Option<Spanned<Keyword<TiersMode>>>,
    /// Tiers with ascending `up_to`; the last one has `up_to: inf`.
    #[serde(default)]
    #[schemars(with = "Option<Vec<TierFile>>", length(min = 1))]
    pub tiers: Option<Spanned<Vec<Spanned<TierFile>>>>,
    /// Divide the quantity before charging (e.g. per 1000 emails). Not with tiers.
    #[serde(default)]
    #[schemars(with = "Option<TransformQuantityFile>")]
    pub transform_quantity: Option<Spanned<TransformQuantityFile>>,
    /// Let the customer choose the amount (one-time prices in Checkout and Payment Links).
    #[serde(default)]
    #[schemars(with = "Option<CustomUnitAmountFile>")]
    pub custom_unit_amount: Option<Spanned<CustomUnitAmountFile>>,
    /// `inclusive`, `exclusive` or `unspecified` (default). Cannot change once set to
    /// inclusive or exclusive.
    #[serde(default)]
    #[schemars(with = "Option<Keyword<TaxBehavior>>")]
    pub tax_behavior: Option<Spanned<Keyword<TaxBehavior>>>,
    /// A name only you see in the Dashboard.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = 5000))]
    pub nickname: Option<Spanned<String>>,
    /// Your own key-value pairs (same limits as product metadata).
    #[serde(default)]
    #[schemars(with = "Option<MetadataSchema>")]
    pub metadata: Option<Spanned<SpannedMap<String>>>,
    /// Whether the price can be used for new purchases. Default `true`; `false` archives it.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub active: Option<Spanned<bool>>,
    /// What happens to this price's subscribers when a change replaces it: `keep` (they stay
    /// on the old, archived price and keep paying its amount) or `migrate` (apply moves every
    /// subscription item to the new price with `proration_behavior: none`; refused when the
    /// interval, interval count, currency or usage type changes). Default: the product's, else
    /// the catalog's, else `keep`. Recurring prices only.
    #[serde(default)]
    #[schemars(with = "Option<Keyword<OnReplace>>")]
    pub on_replace: Option<Spanned<Keyword<OnReplace>>>,
    /// The same price in other currencies, keyed by currency code. Each uses the same way of
    /// pricing as the price itself, with amounts in its own currency.
    #[serde(default)]
    #[schemars(with = "Option<std::collections::BTreeMap<String, CurrencyOptionFile>>")]
    pub currency_options: Option<Spanned<SpannedMap<CurrencyOptionFile>>>,
}

/// `recurring:`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecurringFile {
    /// `day`, `week`, `month` or `year`.
    #[schemars(with = "Keyword<Interval>")]
    pub interval: Spanned<Keyword<Interval>>,
    /// Bill every N intervals (default 1). At most three years: 1095 days, 156 weeks, 36
    /// months or 3 years.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 1095))]
    pub interval_count: Option<Spanned<Whole<u32>>>,
    /// `licensed` (default: charge for the quantity) or `metered` (charge for the usage a
    /// meter records; needs `meter`).
    #[serde(default)]
    #[schemars(with = "Option<Keyword<UsageType>>")]
    pub usage_type: Option<Spanned<Keyword<UsageType>>>,
    /// The `key` of the meter a metered price charges for (required with `usage_type:
    /// metered`, refused otherwise).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub meter: Option<Spanned<String>>,
}

/// One tier. Give a per-unit amount, a flat amount, or both, each in major units
/// (`amount`, `flat_amount`) or minor units (`unit_amount`, `flat_unit_amount`); a per-unit
/// amount may also be `unit_amount_decimal` (minor units, fractions allowed).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierFile {
    /// The highest quantity this tier covers, or `inf` for the last tier.
    #[schemars(with = "UpTo")]
    pub up_to: Spanned<UpTo>,
    /// Per-unit amount in major units.
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub amount: Option<Spanned<AmountText>>,
    /// Per-unit amount in minor units.
    #[serde(default)]
    #[schemars(with = "Option<MinorAmountText>")]
    pub unit_amount: Option<Spanned<MinorAmountText>>,
    /// Per-unit amount in minor units with up to 12 decimal places (`0.3` is 0.3 cents).
    #[serde(default)]
    #[schemars(with = "Option<DecimalAmountText>")]
    pub unit_amount_decimal: Option<Spanned<DecimalAmountText>>,
    /// Flat fee for the tier in major units.
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub flat_amount: Option<Spanned<AmountText>>,
    /// Flat fee for the tier in minor units.
    #[serde(default)]
    #[schemars(with = "Option<MinorAmountText>")]
    pub flat_unit_amount: Option<Spanned<MinorAmountText>>,
}

/// `transform_quantity:`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransformQuantityFile {
    /// Divide the quantity by this number (at least 1).
    #[schemars(with = "u64", range(min = 1))]
    pub divide_by: Spanned<Whole<u64>>,
    /// Round the result `up` or `down`.
    #[schemars(with = "Keyword<Round>")]
    pub round: Spanned<Keyword<Round>>,
}

/// `custom_unit_amount:`: bounds for a customer-chosen amount, in major units.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomUnitAmountFile {
    /// The least the customer may pay.
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub minimum: Option<Spanned<AmountText>>,
    /// The most the customer may pay.
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub maximum: Option<Spanned<AmountText>>,
    /// The amount suggested to the customer.
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub preset: Option<Spanned<AmountText>>,
}

/// One entry of `currency_options`: the price in another currency.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CurrencyOptionFile {
    /// Amount in this currency's major units.
    #[serde(default)]
    #[schemars(with = "Option<AmountText>")]
    pub amount: Option<Spanned<AmountText>>,
    /// Amount in this currency's minor units.
    #[serde(default)]
    #[schemars(with = "Option<MinorAmountText>")]
    pub unit_amount: Option<Spanned<MinorAmountText>>,
    /// Amount in this currency's minor units with up to 12 decimal places.
    #[serde(default)]
    #[schemars(with = "Option<DecimalAmountText>")]
    pub unit_amount_decimal: Option<Spanned<DecimalAmountText>>,
    /// Tiers in this currency, with the same `up_to` values as the price's tiers.
    #[serde(default)]
    #[schemars(with = "Option<Vec<TierFile>>", length(min = 1))]
    pub tiers: Option<Spanned<Vec<Spanned<TierFile>>>>,
    /// Bounds for a customer-chosen amount in this currency.
    #[serde(default)]
    #[schemars(with = "Option<CustomUnitAmountFile>")]
    pub custom_unit_amount: Option<Spanned<CustomUnitAmountFile>>,
    /// Tax behaviour for this currency (default: the price's).
    #[serde(default)]
    #[schemars(with = "Option<Keyword<TaxBehavior>>")]
    pub tax_behavior: Option<Spanned<Keyword<TaxBehavior>>>,
}

/// A whole number written in decimal digits, the one way a reviewer reads it unambiguously:
/// YAML 1.2 also takes `0x10` and `0o17`, and YAML 1.1 tools read `017` as octal 15, so
/// those spellings are refused with the decimal to write instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Whole<T>(pub T);

impl<'de, T: std::str::FromStr> Deserialize<'de> for Whole<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(TextVisitor("a whole number such as `12`"))?;
        parse_whole(text.trim()).map_err(de::Error::custom)
    }
}

fn parse_whole<T: std::str::FromStr>(text: &str) -> Result<Whole<T>, String> {
    let radix = [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| text.strip_prefix(prefix).map(|digits| (digits, radix)));
    if let Some((digits, radix)) = radix {
        let decimal = u128::from_str_radix(&digits.replace('_', ""), radix)
            .map_or_else(|_| "the number in decimal digits".to_string(), |value| format!("`{value}`"));
        return Err(format!("write whole numbers in decimal: `{text}` is {decimal}"));
    }
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("`{text}` is not a whole number (write decimal digits, such as `12`)"));
    }
    if text.len() > 1 && text.starts_with('0') {
        let trimmed = text.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        return Err(format!(
            "write `{trimmed}`, without leading zeros: some YAML tools read `{text}` as an octal number"
        ));
    }
    text.parse().map(Whole).map_err(|_| format!("`{text}` is too large"))
}

/// An amount exactly as written in the file (`29.99`, `4500`, `"5.120"`): read as text, so no
/// float ever touches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountText(pub String);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor("an amount such as `29.99`")).map(AmountText)
    }
}

impl JsonSchema for AmountText {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An amount in major units, written exactly: `29.99` (USD), `4500` (JPY), `5.120` (KWD).",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" }
            ]
        })
    }
}

/// An amount in minor units as written (`2999`). Read as text like [`AmountText`], so a
/// fraction (`29.99`, probably meant as major units) is reported with every other problem
/// instead of stopping the parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinorAmountText(pub String);

impl<'de> Deserialize<'de> for MinorAmountText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor("an amount in minor units such as `2999`")).map(MinorAmountText)
    }
}

impl JsonSchema for MinorAmountText {
    fn schema_name() -> Cow<'static, str> {
        "MinorAmount".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An amount in the currency's minor units, a whole number: `2999` for $29.99, `4500` for ¥4,500.",
            "type": "integer",
            "minimum": 0,
            "maximum": 999_999_999_999_i64
        })
    }
}

/// A `unit_amount_decimal` as written (`0.3`, `"0.275"`): minor units with up to 12 decimal
/// places, read as text like [`AmountText`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecimalAmountText(pub String);

impl<'de> Deserialize<'de> for DecimalAmountText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TextVisitor("an amount in minor units such as `0.3` or `2999`"))
            .map(DecimalAmountText)
    }
}

impl JsonSchema for DecimalAmountText {
    fn schema_name() -> Cow<'static, str> {
        "DecimalAmount".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Stripe's `unit_amount_decimal`: what one unit costs in the currency's minor units, with up to 12 decimal places: `0.3` is 0.3 cents ($0.003 USD), `30` equals `unit_amount: 30`. The only field that takes a fraction of a minor unit; not for three-decimal currencies (KWD, BHD, JOD, OMR, TND), ISK or UGX.",
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 999_999_999_999_i64 },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" }
            ]
        })
    }
}

/// A tier's `up_to`: a quantity, or `inf` for the last tier. Unparsable text is kept so the
/// check can name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpTo {
    Quantity(u64),
    Inf,
    Invalid(String),
}

impl<'de> Deserialize<'de> for UpTo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(TextVisitor("a quantity or `inf`"))?;
        let trimmed = text.trim();
        Ok(if trimmed == "inf" {
            UpTo::Inf
        } else if !trimmed.is_empty() && trimmed.bytes().all(|byte| byte.is_ascii_digit()) {
            trimmed.parse().map_or(UpTo::Invalid(text.clone()), UpTo::Quantity)
        } else {
            UpTo::Invalid(text)
        })
    }
}

impl JsonSchema for UpTo {
    fn schema_name() -> Cow<'static, str> {
        "UpTo".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The highest quantity the tier covers, or `inf` for the last tier.",
            "anyOf": [
                { "type": "integer", "minimum": 1 },
                { "const": "inf" }
            ]
        })
    }
}

/// `billing_scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingScheme {
    PerUnit,
    Tiered,
}

/// A closed set of words a field accepts, with their spellings in the file.
pub trait Keywords: Copy + 'static {
    /// Every accepted spelling and its value, in the order the hint lists them.
    const ALL: &'static [(&'static str, Self)];
    /// The schema's name for the set.
    const SCHEMA_NAME: &'static str;
}

impl Keywords for BillingScheme {
    const ALL: &'static [(&'static str, Self)] = &[("per_unit", Self::PerUnit), ("tiered", Self::Tiered)];
    const SCHEMA_NAME: &'static str = "BillingScheme";
}

impl Keywords for Interval {
    const ALL: &'static [(&'static str, Self)] =
        &[("day", Self::Day), ("week", Self::Week), ("month", Self::Month), ("year", Self::Year)];
    const SCHEMA_NAME: &'static str = "Interval";
}

impl Keywords for UsageType {
    const ALL: &'static [(&'static str, Self)] = &[("licensed", Self::Licensed), ("metered", Self::Metered)];
    const SCHEMA_NAME: &'static str = "UsageType";
}

impl Keywords for Aggregation {
    const ALL: &'static [(&'static str, Self)] = &[("sum", Self::Sum), ("count", Self::Count), ("last", Self::Last)];
    const SCHEMA_NAME: &'static str = "Aggregation";
}

impl Keywords for TiersMode {
    const ALL: &'static [(&'static str, Self)] = &[("graduated", Self::Graduated), ("volume", Self::Volume)];
    const SCHEMA_NAME: &'static str = "TiersMode";
}

impl Keywords for Round {
    const ALL: &'static [(&'static str, Self)] = &[("up", Self::Up), ("down", Self::Down)];
    const SCHEMA_NAME: &'static str = "Round";
}

impl Keywords for CustomerCreation {
    const ALL: &'static [(&'static str, Self)] = &[("always", Self::Always), ("if_required", Self::IfRequired)];
    const SCHEMA_NAME: &'static str = "CustomerCreation";
}

impl Keywords for OnReplace {
    const ALL: &'static [(&'static str, Self)] = &[("keep", Self::Keep), ("migrate", Self::Migrate)];
    const SCHEMA_NAME: &'static str = "OnReplace";
}

impl Keywords for TaxBehavior {
    const ALL: &'static [(&'static str, Self)] =
        &[("inclusive", Self::Inclusive), ("exclusive", Self::Exclusive), ("unspecified", Self::Unspecified)];
    const SCHEMA_NAME: &'static str = "TaxBehavior";
}

/// A keyword field: the text as written and, when it is one of the accepted words, its value.
/// Reading it never fails, so a misspelling is reported with every other problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyword<K> {
    pub text: String,
    pub value: Option<K>,
}

impl<K: Keywords> Keyword<K> {
    /// The accepted spellings as `` `a`, `b` or `c` ``, for messages.
    #[must_use]
    pub fn expected() -> String {
        let names: Vec<String> = K::ALL.iter().map(|(name, _)| format!("`{name}`")).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }
}

impl<'de, K: Keywords> Deserialize<'de> for Keyword<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(TextVisitor("a keyword"))?;
        let value = K::ALL.iter().find(|(name, _)| *name == text).map(|(_, value)| *value);
        Ok(Keyword { text, value })
    }
}

impl<K: Keywords> JsonSchema for Keyword<K> {
    fn schema_name() -> Cow<'static, str> {
        K::SCHEMA_NAME.into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = K::ALL.iter().map(|(name, _)| *name).collect();
        json_schema!({ "type": "string", "enum": names })
    }
}

/// A YAML mapping with string keys, kept in file order with the position of every key, so
/// checks can point at a bad metadata key or currency code. Duplicate keys are refused by the
/// YAML reader before this sees them.
#[derive(Debug)]
pub struct SpannedMap<V> {
    pub entries: Vec<(Spanned<String>, Spanned<V>)>,
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SpannedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = SpannedMap<V>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a mapping of keys to values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<V>>()?;
                    entries.push((key, value));
                }
                Ok(SpannedMap { entries })
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// Key-value pairs stored on the Stripe object: at most 49 keys (Stripe allows 50 and the tool
/// keeps one), keys at most 40 characters without `[` or `]`, values at most 500 characters.
// Only the schema uses this type; the file is read as a `SpannedMap`.
#[derive(JsonSchema)]
#[schemars(
    rename = "Metadata",
    extend("maxProperties" = 49, "propertyNames" = { "maxLength": 40, "pattern": "^[^\\[\\]]+$" })
)]
pub struct MetadataSchema(
    #[schemars(with = "std::collections::BTreeMap<String, MetadataValue>")]
    #[allow(dead_code)]
    (),
);

/// A metadata value (schema only).
#[derive(JsonSchema)]
#[schemars(rename = "MetadataValue")]
pub struct MetadataValue(
    #[schemars(length(max = 500))]
    #[allow(dead_code)]
    String,
);

/// Reads any scalar as the exact text the file has.
struct TextVisitor(&'static str);

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }
}
