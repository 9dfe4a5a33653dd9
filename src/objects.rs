//! Products and prices in one normalised form, shared by the catalog (what we want) and the
//! gateway (what Stripe has), so the planner compares like with like. Amounts are in minor
//! units: what a price charges per unit (and a tier's flat fee) is an exact [`MinorAmount`],
//! whole or with up to 12 decimal places (Stripe's `*_decimal` fields); custom-amount bounds
//! are whole `i64`s. Maps are ordered; defaults are filled in (interval_count 1, usage
//! licensed, tax behaviour unspecified), so equal meaning means equal values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::money::{Currency, MinorAmount};

/// Metadata as Stripe stores it: string keys and values. Ordered, so comparisons and output
/// are stable.
pub type Metadata = BTreeMap<String, String>;

/// Metadata keys starting with this are the tool's own; catalogs may not use them.
pub const RESERVED_METADATA_PREFIX: &str = "stripe-catalog/";

/// The marker on every object the tool manages (value `"true"`). The tool never changes or
/// archives an object without it.
pub const MANAGED_MARKER_KEY: &str = "stripe-catalog/managed";

/// Metadata key holding a short hash of the values the tool last wrote to a managed object,
/// so `plan` can tell changes made outside the catalog (drift) from catalog edits.
pub const APPLIED_FINGERPRINT_KEY: &str = "stripe-catalog/applied";

/// Metadata key on a replacement price made with `on_replace: migrate`, naming the price it
/// replaced (`price_…`): written with the create, in the same request, so a plan made after a
/// crash mid-migration knows which subscribers are still to move.
pub const REPLACES_KEY: &str = "stripe-catalog/replaces";

/// What happens to a price's subscribers when the plan replaces it (`on_replace` in the
/// catalog: on a price, on a product for its prices, or at the top for the whole catalog).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnReplace {
    /// Subscriptions stay on the old, archived price and keep paying its amount.
    #[default]
    Keep,
    /// Every subscription item on the old price is moved to the new one
    /// (`proration_behavior: none`), so each customer pays the new amount from the next renewal.
    Migrate,
}

impl OnReplace {
    /// The catalog spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            OnReplace::Keep => "keep",
            OnReplace::Migrate => "migrate",
        }
    }

    /// Whether it is the default, `keep`.
    #[must_use]
    pub fn is_keep(&self) -> bool {
        *self == OnReplace::Keep
    }
}

/// Test or live: the two separate worlds of a Stripe account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Test,
    Live,
}

impl Mode {
    /// `TEST` or `LIVE`, as plan headers shout it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Mode::Test => "TEST",
            Mode::Live => "LIVE",
        }
    }

    /// How a command's summary names the mode it wrote in: `test mode`, or `LIVE` shouted so
    /// that a write to real money never reads like a test.
    #[must_use]
    pub fn in_summary(self) -> &'static str {
        match self {
            Mode::Test => "test mode",
            Mode::Live => "LIVE",
        }
    }
}

/// The product fields a catalog sets. `default_price` is kept apart because the catalog names
/// it by price key and Stripe by price id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductFields {
    pub name: String,
    pub description: Option<String>,
    pub active: bool,
    /// User metadata only: the tool's reserved keys are never in here.
    pub metadata: Metadata,
    pub tax_code: Option<String>,
    pub statement_descriptor: Option<String>,
    pub unit_label: Option<String>,
    pub url: Option<String>,
    pub images: Vec<String>,
    /// Marketing feature names, in order.
    pub marketing_features: Vec<String>,
}

impl ProductFields {
    /// An active product with this name and nothing else set.
    #[must_use]
    pub fn named(name: &str) -> ProductFields {
        ProductFields {
            name: name.to_string(),
            description: None,
            active: true,
            metadata: Metadata::new(),
            tax_code: None,
            statement_descriptor: None,
            unit_label: None,
            url: None,
            images: Vec::new(),
            marketing_features: Vec::new(),
        }
    }
}

/// `recurring.interval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

impl Interval {
    /// The Stripe spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }
}

/// `recurring.usage_type`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UsageType {
    #[default]
    Licensed,
    Metered,
}

/// How often a recurring price bills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurring {
    pub interval: Interval,
    /// Always filled in (Stripe's default is 1).
    pub interval_count: u32,
    pub usage_type: UsageType,
    /// The Billing Meter a metered price charges for (`recurring.meter`; set exactly when
    /// `usage_type` is metered). A catalog names it by its meter key; Stripe by its id
    /// (`mtr_…`), which the diff translates into the key before comparing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter: Option<String>,
}

/// `tiers_mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TiersMode {
    Graduated,
    Volume,
}

/// One pricing tier. `up_to: None` is Stripe's `inf`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub up_to: Option<u64>,
    /// Per unit, in minor units (`unit_amount`, or `unit_amount_decimal` when fractional).
    pub unit_amount: Option<MinorAmount>,
    /// Once for the tier, in minor units (`flat_amount`, or `flat_amount_decimal`). A catalog
    /// gives whole amounts only (Stripe's `flat_amount_decimal` "represent[s] an integer in the
    /// minor units"); what Stripe returns is kept exactly.
    pub flat_amount: Option<MinorAmount>,
}

/// "Customer chooses what to pay" bounds, in minor units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomUnitAmount {
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    pub preset: Option<i64>,
}

/// How a price computes its amount: exactly one way per price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scheme")]
pub enum Pricing {
    /// `billing_scheme: per_unit`: `unit_amount` minor units per unit, sent as the integer
    /// `unit_amount` when whole and as `unit_amount_decimal` when a fraction of a minor unit.
    PerUnit { unit_amount: MinorAmount },
    /// `billing_scheme: tiered`.
    Tiered { tiers_mode: TiersMode, tiers: Vec<Tier> },
    /// The customer chooses the amount.
    CustomAmount(CustomUnitAmount),
}

/// `transform_quantity.round`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Round {
    Up,
    Down,
}

/// Divide the quantity before charging (e.g. per 1,000 emails).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransformQuantity {
    pub divide_by: u64,
    pub round: Round,
}

/// `tax_behavior`. Once inclusive or exclusive, Stripe never lets it change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxBehavior {
    Inclusive,
    Exclusive,
    #[default]
    Unspecified,
}

impl TaxBehavior {
    /// The Stripe spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TaxBehavior::Inclusive => "inclusive",
            TaxBehavior::Exclusive => "exclusive",
            TaxBehavior::Unspecified => "unspecified",
        }
    }
}

/// A price's amount in another currency (`currency_options`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyOption {
    /// Tiers only when the price is tiered.
    pub pricing: Pricing,
    pub tax_behavior: TaxBehavior,
}

/// What a price charges. Stripe never changes these after creation: a change means a new
/// price (a replace).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceTerms {
    pub currency: Currency,
    pub pricing: Pricing,
    pub recurring: Option<Recurring>,
    pub transform_quantity: Option<TransformQuantity>,
}

/// What Stripe lets change on an existing price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceSettings {
    pub active: bool,
    pub nickname: Option<String>,
    /// User metadata only: the tool's reserved keys are never in here.
    pub metadata: Metadata,
    /// Changeable in place only while Stripe's value is `unspecified`.
    pub tax_behavior: TaxBehavior,
    pub currency_options: BTreeMap<Currency, CurrencyOption>,
}

impl PriceSettings {
    /// An active price with nothing else set (no nickname, metadata, tax behaviour or
    /// currency options).
    #[must_use]
    pub fn active() -> PriceSettings {
        PriceSettings {
            active: true,
            nickname: None,
            metadata: Metadata::new(),
            tax_behavior: TaxBehavior::Unspecified,
            currency_options: BTreeMap::new(),
        }
    }
}

/// A product as the catalog wants it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredProduct {
    /// The Stripe product id.
    pub id: String,
    pub fields: ProductFields,
    /// Key of the price that should be the product's default.
    pub default_price: Option<String>,
    pub prices: Vec<DesiredPrice>,
}

/// A price as the catalog wants it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredPrice {
    /// The price's `lookup_key`.
    pub key: String,
    pub terms: PriceTerms,
    pub settings: PriceSettings,
    /// What a replace does to the subscribers of the old price (resolved: the price's own,
    /// else its product's, else the catalog's; `keep` when none says).
    #[serde(default)]
    pub on_replace: OnReplace,
}

/// The Stripe account behind a key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub display_name: Option<String>,
}

/// A product as Stripe has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteProduct {
    pub id: String,
    pub fields: ProductFields,
    /// Id of the default price.
    pub default_price: Option<String>,
    /// Carries the tool's marker.
    pub managed: bool,
    /// The [`APPLIED_FINGERPRINT_KEY`] metadata value, if present.
    #[serde(default)]
    pub applied_fingerprint: Option<String>,
    pub created: i64,
}

/// A price as Stripe has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemotePrice {
    pub id: String,
    pub product: String,
    pub lookup_key: Option<String>,
    pub terms: PriceTerms,
    pub settings: PriceSettings,
    /// Carries the tool's marker.
    pub managed: bool,
    /// The [`APPLIED_FINGERPRINT_KEY`] metadata value, if present.
    #[serde(default)]
    pub applied_fingerprint: Option<String>,
    pub created: i64,
    /// The [`REPLACES_KEY`] metadata value: the price this one replaced with `on_replace:
    /// migrate`.
    #[serde(default)]
    pub replaces: Option<String>,
}

/// Everything in the account that matters to a plan: all products and all prices, active
/// and archived, with tiers and currency options, and all Billing Meters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteState {
    pub products: Vec<RemoteProduct>,
    pub prices: Vec<RemotePrice>,
    #[serde(default)]
    pub meters: Vec<RemoteMeter>,
}

/// `default_aggregation.formula` of a Billing Meter: how the usage events of a billing period
/// add up (docs.stripe.com/api/billing/meter/create).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// Counts the events.
    Count,
    /// Sums the events' values.
    Sum,
    /// Takes the last event's value in the window.
    Last,
}

impl Aggregation {
    /// The Stripe spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Count => "count",
            Aggregation::Sum => "sum",
            Aggregation::Last => "last",
        }
    }
}

/// What a Billing Meter measures. Stripe never changes these after creation (its meter update
/// takes only `display_name`, docs.stripe.com/api/billing/meter/update).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterTerms {
    /// The name usage events are sent under; Stripe routes each event to the meter by it.
    pub event_name: String,
    pub aggregation: Aggregation,
    /// The event payload key holding the customer id (`customer_mapping.event_payload_key`;
    /// the mapping type is always `by_id`).
    pub customer_mapping: String,
    /// The event payload key holding the value (`value_settings.event_payload_key`).
    pub value_key: String,
}

/// A Billing Meter as the catalog wants it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredMeter {
    /// The catalog's name for the meter, which prices use in `recurring.meter`.
    pub key: String,
    pub display_name: String,
    pub terms: MeterTerms,
    pub active: bool,
}

/// A Billing Meter as Stripe has it. Meters carry no metadata, so there is no managed marker:
/// see `plan::diff` for how the tool tells its meters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteMeter {
    /// `mtr_…`.
    pub id: String,
    pub display_name: String,
    pub terms: MeterTerms,
    /// `status: active` (an inactive meter takes no usage events and no new prices).
    pub active: bool,
    pub created: i64,
}

/// A price Stripe has that these types cannot represent (an amount with more than 12 decimal
/// places, a currency the tool does not know). `import` reports it and carries on; `plan` cannot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadablePrice {
    pub id: String,
    pub product: String,
    pub lookup_key: Option<String>,
    pub active: bool,
    /// What cannot be represented, naming the price (`price `price_1`: tier ...`).
    pub problem: String,
}

/// What a read of Stripe's state left out: prices these types cannot represent, and the
/// Billing Meters when the key may not list them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unreadable {
    pub prices: Vec<UnreadablePrice>,
    /// Why the meters could not be listed (a restricted key without access to Billing Meters);
    /// the state then has no meters.
    pub meters: Option<String>,
}

/// Product fields to change; `None` leaves a field alone, `Some(None)` unsets it. The plan
/// decides it, the gateway sends it as is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPatch {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "MetadataPatch::is_empty", default)]
    pub metadata: MetadataPatch,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tax_code: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub statement_descriptor: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit_label: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<Option<String>>,
    /// `Some(vec![])` removes all images.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub images: Option<Vec<String>>,
    /// `Some(vec![])` removes all marketing features.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub marketing_features: Option<Vec<String>>,
    /// Tag the product as managed (adoption).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub mark_managed: bool,
}

/// Price settings to change (only what Stripe lets change after creation); `None` leaves a
/// setting alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricePatch {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nickname: Option<Option<String>>,
    #[serde(skip_serializing_if = "MetadataPatch::is_empty", default)]
    pub metadata: MetadataPatch,
    /// Stripe accepts this only while the price's value is `unspecified`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tax_behavior: Option<TaxBehavior>,
    /// The complete desired set of currency options (only additions and changes reach here:
    /// a removal is a replace); `Some(empty)` removes them all.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub currency_options: Option<BTreeMap<Currency, CurrencyOption>>,
    /// Tag the price as managed (adoption).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub mark_managed: bool,
}

/// Metadata keys to set and to remove.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataPatch {
    pub set: Metadata,
    pub unset: Vec<String>,
}

impl MetadataPatch {
    /// Whether nothing changes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.unset.is_empty()
    }

    /// What turns `old` into `new`.
    #[must_use]
    pub fn between(old: &Metadata, new: &Metadata) -> MetadataPatch {
        let set = new
            .iter()
            .filter(|(key, value)| old.get(*key) != Some(*value))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let unset = old.keys().filter(|key| !new.contains_key(*key)).cloned().collect();
        MetadataPatch { set, unset }
    }
}

/// Splits Stripe metadata into the user's part and whether the managed marker is present.
#[must_use]
pub fn split_metadata(metadata: &Metadata) -> (Metadata, bool) {
    let managed = metadata.get(MANAGED_MARKER_KEY).is_some_and(|value| value == "true");
    let user = metadata
        .iter()
        .filter(|(key, _)| !key.starts_with(RESERVED_METADATA_PREFIX))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    (user, managed)
}

/// What `quantity` units cost under tiered pricing, in minor units, exactly (before Stripe
/// rounds the line item; see [`MinorAmount::round`]): `volume` charges every unit at the tier
/// the whole quantity falls in; `graduated` charges each unit at the tier it falls in. Each
/// tier's flat amount is added once when the tier is used. `None` when no tier holds the
/// quantity or the sum overflows.
#[must_use]
pub fn tiered_amount(mode: TiersMode, tiers: &[Tier], quantity: u64) -> Option<MinorAmount> {
    let cost = |tier: &Tier, units: u64| -> Option<MinorAmount> {
        let per_unit = tier.unit_amount.unwrap_or_default().checked_mul(units)?;
        per_unit.checked_add(tier.flat_amount.unwrap_or_default())
    };
    match mode {
        TiersMode::Volume => {
            let tier = tiers.iter().find(|tier| tier.up_to.is_none_or(|up_to| quantity <= up_to))?;
            cost(tier, quantity)
        }
        TiersMode::Graduated => {
            let mut total = MinorAmount::ZERO;
            let mut below = 0;
            for tier in tiers {
                if quantity <= below {
                    break;
                }
                let top = tier.up_to.map_or(quantity, |up_to| up_to.min(quantity));
                total = total.checked_add(cost(tier, top.saturating_sub(below))?)?;
                below = top;
            }
            Some(total)
        }
    }
}

#[cfg(test)]
mod tiered_tests {
    use super::{MinorAmount, Tier, TiersMode, tiered_amount};

    fn minor(amount: i64) -> Option<MinorAmount> {
        Some(MinorAmount::from(amount))
    }

    fn tiers() -> Vec<Tier> {
        vec![
            Tier { up_to: Some(10), unit_amount: minor(500), flat_amount: None },
            Tier { up_to: None, unit_amount: minor(400), flat_amount: minor(1000) },
        ]
    }

    #[test]
    fn graduated_charges_each_unit_at_its_tier() {
        assert_eq!(tiered_amount(TiersMode::Graduated, &tiers(), 5), minor(2500));
        assert_eq!(tiered_amount(TiersMode::Graduated, &tiers(), 10), minor(5000));
        assert_eq!(tiered_amount(TiersMode::Graduated, &tiers(), 12), minor(5000 + 800 + 1000));
        assert_eq!(tiered_amount(TiersMode::Graduated, &tiers(), 0), minor(0));
    }

    #[test]
    fn volume_charges_all_units_at_one_tier() {
        assert_eq!(tiered_amount(TiersMode::Volume, &tiers(), 5), minor(2500));
        assert_eq!(tiered_amount(TiersMode::Volume, &tiers(), 12), minor(12 * 400 + 1000));
        assert_eq!(tiered_amount(TiersMode::Volume, &tiers()[..1], 12), None, "no tier for 12");
    }

    /// Issue #14 item 5: API usage pricing, the first 1,000 calls free, then 0.3 cents each.
    #[test]
    fn fractional_tiers_are_summed_exactly() {
        let decimal = |text: &str| MinorAmount::parse(text).ok();
        let usage = vec![
            Tier { up_to: Some(1000), unit_amount: minor(0), flat_amount: None },
            Tier { up_to: None, unit_amount: decimal("0.3"), flat_amount: None },
        ];
        assert_eq!(tiered_amount(TiersMode::Graduated, &usage, 1001), decimal("0.3"));
        assert_eq!(tiered_amount(TiersMode::Graduated, &usage, 2000), minor(300));
        assert_eq!(tiered_amount(TiersMode::Volume, &usage, 1500), decimal("450"));
    }
}
