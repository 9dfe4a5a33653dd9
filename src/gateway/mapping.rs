//! Between async-stripe's types and the project's own (`objects`): Stripe objects become
//! normalised `RemoteProduct`/`RemotePrice` values, and the gateway's write requests become
//! async-stripe request builders (which own the wire encoding).
//!
//! Normalising means: equal meaning gives equal values. An amount is one exact [`MinorAmount`]
//! whichever field carried it (a whole `unit_amount_decimal` equals the integer `unit_amount`,
//! `"0.30"` equals `"0.3"`), currencies are the lowercase table entries, omitted defaults are
//! filled in, empty strings are `None`, and the base currency Stripe echoes in
//! `currency_options` is dropped.

use std::collections::{BTreeMap, HashMap};

use stripe_client_core::{RequestBuilder, StripeRequest};
use stripe_product::price::{
    CreatePrice, CreatePriceCurrencyOptions, CreatePriceCurrencyOptionsTiers, CreatePriceCurrencyOptionsTiersUpTo,
    CreatePriceRecurring, CreatePriceRecurringInterval, CreatePriceRecurringUsageType, CreatePriceTiers,
    CreatePriceTiersUpTo, CreatePriceTransformQuantity, CreatePriceTransformQuantityRound, CustomUnitAmount,
    UpdatePrice, UpdatePriceCurrencyOptions, UpdatePriceCurrencyOptionsTiers, UpdatePriceCurrencyOptionsTiersUpTo,
};
use stripe_product::product::{CreateProduct, Features, UpdateProduct};
use stripe_product::{PriceBillingScheme, PriceTaxBehavior, PriceTier, PriceTiersMode};

use super::{NewPrice, NewProduct};
use crate::money::{Currency, MinorAmount};
use crate::objects::{
    self, APPLIED_FINGERPRINT_KEY, CurrencyOption, Interval, MANAGED_MARKER_KEY, Metadata, MetadataPatch, PricePatch,
    PriceSettings, PriceTerms, Pricing, ProductFields, ProductPatch, REPLACES_KEY, Recurring, RemotePrice,
    RemoteProduct, Round, TaxBehavior, Tier, TiersMode, TransformQuantity, UsageType,
};

// ---------------------------------------------------------------------------------------
// Stripe → objects
// ---------------------------------------------------------------------------------------

/// A Stripe product in the project's terms.
pub(crate) fn remote_product(product: &stripe_product::Product) -> RemoteProduct {
    let (metadata, managed) = objects::split_metadata(&sorted(&product.metadata));
    RemoteProduct {
        applied_fingerprint: product.metadata.get(APPLIED_FINGERPRINT_KEY).cloned(),
        id: product.id.as_str().to_string(),
        fields: ProductFields {
            name: product.name.clone(),
            description: non_empty(product.description.as_deref()),
            active: product.active,
            metadata,
            tax_code: non_empty(product.tax_code.as_ref().map(|code| code.id().as_str())),
            statement_descriptor: non_empty(product.statement_descriptor.as_deref()),
            unit_label: non_empty(product.unit_label.as_deref()),
            url: non_empty(product.url.as_deref()),
            images: product.images.clone(),
            marketing_features: product
                .marketing_features
                .iter()
                .filter_map(|feature| non_empty(feature.name.as_deref()))
                .collect(),
        },
        default_price: product.default_price.as_ref().map(|price| price.id().as_str().to_string()),
        managed,
        created: product.created,
    }
}

/// A Stripe price (listed with `tiers` and `currency_options` expanded) in the project's
/// terms, or why it cannot be represented.
pub(crate) fn remote_price(price: &stripe_product::Price) -> Result<RemotePrice, String> {
    let id = price.id.as_str();
    let currency = parse_currency(&price.currency.to_string()).map_err(|err| format!("price `{id}`: {err}"))?;
    let tiered = matches!(price.billing_scheme, PriceBillingScheme::Tiered);
    let tiers_mode = match &price.tiers_mode {
        Some(PriceTiersMode::Volume) => TiersMode::Volume,
        _ => TiersMode::Graduated,
    };
    let pricing = normalise_pricing(AmountParts {
        tiered,
        tiers_mode,
        tiers: price.tiers.as_deref(),
        custom: price.custom_unit_amount.as_ref(),
        unit_amount: price.unit_amount,
        unit_amount_decimal: price.unit_amount_decimal.as_deref(),
    })
    .map_err(|err| format!("price `{id}`: {err}"))?;
    let recurring = match &price.recurring {
        None => None,
        Some(recurring) => Some(Recurring {
            interval: match recurring.interval.as_str() {
                "day" => Interval::Day,
                "week" => Interval::Week,
                "month" => Interval::Month,
                "year" => Interval::Year,
                other => return Err(format!("price `{id}`: unknown interval `{other}`")),
            },
            interval_count: u32::try_from(recurring.interval_count.max(1)).unwrap_or(u32::MAX),
            usage_type: match recurring.usage_type.as_str() {
                "metered" => UsageType::Metered,
                _ => UsageType::Licensed,
            },
            meter: non_empty(recurring.meter.as_deref()),
        }),
    };
    // A metered price without a meter is a legacy usage-record price (`aggregate_usage`), which
    // API 2025-03-31.basil and later cannot create (docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing):
    // written into a catalog without what it aggregates by, it would become another price.
    if let Some(recurring) = &recurring
        && recurring.usage_type == UsageType::Metered
        && recurring.meter.is_none()
    {
        return Err(format!(
            "price `{id}`: it is a legacy metered price without a billing meter (usage records, `aggregate_usage`), which stripe-catalog cannot manage: metered prices charge for a meter since API 2025-03-31.basil"
        ));
    }
    let transform_quantity = price.transform_quantity.as_ref().map(|transform| TransformQuantity {
        divide_by: u64::try_from(transform.divide_by).unwrap_or(1),
        round: if transform.round.as_str() == "up" { Round::Up } else { Round::Down },
    });
    let mut currency_options = BTreeMap::new();
    for (code, option) in price.currency_options.iter().flatten() {
        let option_currency = parse_currency(&code.to_string()).map_err(|err| format!("price `{id}`: {err}"))?;
        // Stripe echoes the base currency among the options; it is not an option.
        if option_currency == currency {
            continue;
        }
        let pricing = normalise_pricing(AmountParts {
            tiered,
            tiers_mode,
            tiers: option.tiers.as_deref(),
            custom: option.custom_unit_amount.as_ref(),
            unit_amount: option.unit_amount,
            unit_amount_decimal: option.unit_amount_decimal.as_deref(),
        })
        .map_err(|err| format!("price `{id}`, currency option `{option_currency}`: {err}"))?;
        let tax_behavior = tax_behavior(option.tax_behavior.as_ref().map(|behavior| behavior.as_str()));
        currency_options.insert(option_currency, CurrencyOption { pricing, tax_behavior });
    }
    let (metadata, managed) = objects::split_metadata(&sorted(&price.metadata));
    Ok(RemotePrice {
        applied_fingerprint: price.metadata.get(APPLIED_FINGERPRINT_KEY).cloned(),
        id: id.to_string(),
        product: price.product.id().as_str().to_string(),
        lookup_key: non_empty(price.lookup_key.as_deref()),
        terms: PriceTerms { currency, pricing, recurring, transform_quantity },
        settings: PriceSettings {
            active: price.active,
            nickname: non_empty(price.nickname.as_deref()),
            metadata,
            tax_behavior: tax_behavior(price.tax_behavior.as_ref().map(PriceTaxBehavior::as_str)),
            currency_options,
        },
        managed,
        created: price.created,
        replaces: price.metadata.get(REPLACES_KEY).cloned().filter(|id| !id.is_empty()),
    })
}

/// The amount fields a price and each of its currency options share.
struct AmountParts<'a> {
    tiered: bool,
    tiers_mode: TiersMode,
    tiers: Option<&'a [PriceTier]>,
    custom: Option<&'a stripe_product::CustomUnitAmount>,
    unit_amount: Option<i64>,
    unit_amount_decimal: Option<&'a str>,
}

fn normalise_pricing(parts: AmountParts<'_>) -> Result<Pricing, String> {
    if let Some(custom) = parts.custom {
        return Ok(Pricing::CustomAmount(objects::CustomUnitAmount {
            minimum: custom.minimum,
            maximum: custom.maximum,
            preset: custom.preset,
        }));
    }
    if parts.tiered {
        let tiers = parts.tiers.ok_or("the tiers were not returned (they must be expanded)")?;
        let tiers = tiers
            .iter()
            .map(|tier| {
                Ok(Tier {
                    // `inf` arrives as null.
                    up_to: tier.up_to.map(|up_to| u64::try_from(up_to).unwrap_or(0)),
                    unit_amount: amount(
                        tier.unit_amount,
                        tier.unit_amount_decimal.as_deref(),
                        "tier unit_amount_decimal",
                    )?,
                    flat_amount: amount(
                        tier.flat_amount,
                        tier.flat_amount_decimal.as_deref(),
                        "tier flat_amount_decimal",
                    )?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        return Ok(Pricing::Tiered { tiers_mode: parts.tiers_mode, tiers });
    }
    match amount(parts.unit_amount, parts.unit_amount_decimal, "unit_amount_decimal")? {
        Some(unit_amount) => Ok(Pricing::PerUnit { unit_amount }),
        None => Err("it has no amount (no unit_amount, tiers or custom_unit_amount)".to_string()),
    }
}

/// An amount Stripe gives as an integer field and its `*_decimal` twin: the integer when
/// present (the decimal then mirrors it), else the decimal read exactly. Stripe keeps at most
/// 12 decimal places, so only a malformed decimal is refused.
fn amount(integer: Option<i64>, decimal: Option<&str>, field: &str) -> Result<Option<MinorAmount>, String> {
    match (integer, decimal) {
        (Some(integer), _) => Ok(Some(MinorAmount::from(integer))),
        (None, None) => Ok(None),
        (None, Some(decimal)) => MinorAmount::parse(decimal)
            .map(Some)
            .map_err(|err| format!("{field} `{decimal}` is {err}, which stripe-catalog cannot manage")),
    }
}

/// An amount as Stripe's pair of fields: the integer when whole, else the decimal text
/// (`unit_amount_decimal`, `flat_amount_decimal`), so a whole amount is sent as it always was.
fn wire_amount(amount: Option<MinorAmount>) -> (Option<i64>, Option<String>) {
    match amount {
        None => (None, None),
        Some(amount) => match amount.whole() {
            Some(whole) => (Some(whole), None),
            None => (None, Some(amount.to_string())),
        },
    }
}

fn parse_currency(code: &str) -> Result<Currency, String> {
    Currency::parse(code).map_err(|_| format!("currency `{code}` is not one stripe-catalog knows"))
}

fn tax_behavior(text: Option<&str>) -> TaxBehavior {
    match text {
        Some("inclusive") => TaxBehavior::Inclusive,
        Some("exclusive") => TaxBehavior::Exclusive,
        _ => TaxBehavior::Unspecified,
    }
}

fn sorted(metadata: &HashMap<String, String>) -> Metadata {
    metadata.iter().map(|(key, value)| (key.clone(), value.clone())).collect()
}

/// Stripe sends `null` for unset strings, but an empty string means the same.
fn non_empty(text: Option<&str>) -> Option<String> {
    text.filter(|text| !text.is_empty()).map(str::to_string)
}

// ---------------------------------------------------------------------------------------
// objects → Stripe requests
// ---------------------------------------------------------------------------------------

/// `POST /v1/products` with the caller's id and the managed marker.
pub(crate) fn create_product_request(new: &NewProduct) -> RequestBuilder {
    let fields = &new.fields;
    let mut request = CreateProduct::new(fields.name.clone())
        .id(new.id.clone())
        .active(fields.active)
        .metadata(with_marker(&fields.metadata));
    if let Some(description) = &fields.description {
        request = request.description(description.clone());
    }
    if let Some(tax_code) = &fields.tax_code {
        request = request.tax_code(tax_code.clone());
    }
    if let Some(descriptor) = &fields.statement_descriptor {
        request = request.statement_descriptor(descriptor.clone());
    }
    if let Some(unit_label) = &fields.unit_label {
        request = request.unit_label(unit_label.clone());
    }
    if let Some(url) = &fields.url {
        request = request.url(url.clone());
    }
    if !fields.images.is_empty() {
        request = request.images(fields.images.clone());
    }
    if !fields.marketing_features.is_empty() {
        request = request.marketing_features(features(&fields.marketing_features));
    }
    request.build()
}

/// `POST /v1/products/{id}` with only the fields that change.
pub(crate) fn update_product_request(id: &str, update: &ProductPatch, default_price: Option<&str>) -> RequestBuilder {
    let mut request = UpdateProduct::new(id);
    if let Some(name) = &update.name {
        request = request.name(name.clone());
    }
    if let Some(description) = &update.description {
        request = request.description(description.clone().unwrap_or_default());
    }
    if let Some(active) = update.active {
        request = request.active(active);
    }
    if let Some(metadata) = metadata_change(&update.metadata, update.mark_managed) {
        request = request.metadata(metadata);
    }
    if let Some(tax_code) = &update.tax_code {
        request = request.tax_code(tax_code.clone().unwrap_or_default());
    }
    if let Some(descriptor) = &update.statement_descriptor {
        request = request.statement_descriptor(descriptor.clone().unwrap_or_default());
    }
    if let Some(unit_label) = &update.unit_label {
        request = request.unit_label(unit_label.clone().unwrap_or_default());
    }
    if let Some(url) = &update.url {
        request = request.url(url.clone().unwrap_or_default());
    }
    let mut emptied = Vec::new();
    match &update.images {
        Some(images) if images.is_empty() => emptied.push("images"),
        Some(images) => request = request.images(images.clone()),
        None => {}
    }
    match &update.marketing_features {
        Some(names) if names.is_empty() => emptied.push("marketing_features"),
        Some(names) => request = request.marketing_features(features(names)),
        None => {}
    }
    if let Some(default_price) = default_price {
        request = request.default_price(default_price.to_string());
    }
    let mut builder = request.build();
    // A list is cleared with `name=` (an empty string); the typed builder would send an
    // empty list as nothing at all.
    for name in emptied {
        append_form(&mut builder, name, "");
    }
    builder
}

/// `POST /v1/prices` with `lookup_key` = the catalog key and the managed marker.
pub(crate) fn create_price_request(new: &NewPrice) -> RequestBuilder {
    let terms = &new.terms;
    let settings = &new.settings;
    let mut request = CreatePrice::new(stripe_currency(terms.currency))
        .product(new.product.clone())
        .lookup_key(new.key.clone())
        .active(settings.active)
        .metadata(with_marker(&settings.metadata))
        .expand(price_expansions());
    if new.transfer_lookup_key {
        request = request.transfer_lookup_key(true);
    }
    if let Some(nickname) = &settings.nickname {
        request = request.nickname(nickname.clone());
    }
    if settings.tax_behavior != TaxBehavior::Unspecified {
        request = request.tax_behavior(stripe_tax_behavior(settings.tax_behavior));
    }
    request = match &terms.pricing {
        Pricing::PerUnit { unit_amount } => match wire_amount(Some(*unit_amount)) {
            (Some(whole), _) => request.unit_amount(whole),
            (None, decimal) => request.unit_amount_decimal(decimal.unwrap_or_default()),
        },
        Pricing::Tiered { tiers_mode, tiers } => {
            request.billing_scheme(PriceBillingScheme::Tiered).tiers_mode(stripe_tiers_mode(*tiers_mode)).tiers(
                tiers
                    .iter()
                    .map(|tier| {
                        let (unit_amount, unit_amount_decimal) = wire_amount(tier.unit_amount);
                        let (flat_amount, flat_amount_decimal) = wire_amount(tier.flat_amount);
                        CreatePriceTiers {
                            unit_amount,
                            unit_amount_decimal,
                            flat_amount,
                            flat_amount_decimal,
                            ..CreatePriceTiers::new(match tier.up_to {
                                Some(up_to) => CreatePriceTiersUpTo::I64(clamp_i64(up_to)),
                                None => CreatePriceTiersUpTo::Inf,
                            })
                        }
                    })
                    .collect::<Vec<_>>(),
            )
        }
        Pricing::CustomAmount(custom) => request.custom_unit_amount(custom_unit_amount(custom)),
    };
    if let Some(recurring) = &terms.recurring {
        let mut stripe_recurring = CreatePriceRecurring::new(match recurring.interval {
            Interval::Day => CreatePriceRecurringInterval::Day,
            Interval::Week => CreatePriceRecurringInterval::Week,
            Interval::Month => CreatePriceRecurringInterval::Month,
            Interval::Year => CreatePriceRecurringInterval::Year,
        });
        stripe_recurring.interval_count = Some(u64::from(recurring.interval_count));
        stripe_recurring.usage_type = Some(match recurring.usage_type {
            UsageType::Licensed => CreatePriceRecurringUsageType::Licensed,
            UsageType::Metered => CreatePriceRecurringUsageType::Metered,
        });
        // The meter's Stripe id: apply resolves the catalog's meter key before the gateway
        // sees the price.
        stripe_recurring.meter.clone_from(&recurring.meter);
        request = request.recurring(stripe_recurring);
    }
    if let Some(transform) = &terms.transform_quantity {
        request = request.transform_quantity(CreatePriceTransformQuantity::new(
            clamp_i64(transform.divide_by),
            match transform.round {
                Round::Up => CreatePriceTransformQuantityRound::Up,
                Round::Down => CreatePriceTransformQuantityRound::Down,
            },
        ));
    }
    if !settings.currency_options.is_empty() {
        let options: HashMap<_, _> = settings
            .currency_options
            .iter()
            .map(|(currency, option)| (stripe_currency(*currency), create_currency_option(option)))
            .collect();
        request = request.currency_options(options);
    }
    request.build()
}

/// `POST /v1/prices/{id}` with only the fields that change.
pub(crate) fn update_price_request(id: &str, update: &PricePatch) -> RequestBuilder {
    let mut request = UpdatePrice::new(id).expand(price_expansions());
    if let Some(active) = update.active {
        request = request.active(active);
    }
    if let Some(nickname) = &update.nickname {
        request = request.nickname(nickname.clone().unwrap_or_default());
    }
    if let Some(metadata) = metadata_change(&update.metadata, update.mark_managed) {
        request = request.metadata(metadata);
    }
    if let Some(behavior) = update.tax_behavior {
        request = request.tax_behavior(stripe_tax_behavior(behavior));
    }
    let mut clear_options = false;
    match &update.currency_options {
        Some(options) if options.is_empty() => clear_options = true,
        Some(options) => {
            let options: HashMap<_, _> = options
                .iter()
                .map(|(currency, option)| (stripe_currency(*currency), update_currency_option(option)))
                .collect();
            request = request.currency_options(options);
        }
        None => {}
    }
    let mut builder = request.build();
    if clear_options {
        append_form(&mut builder, "currency_options", "");
    }
    builder
}

/// A written price is answered with its tiers and currency options, so it maps like a
/// listed one.
fn price_expansions() -> Vec<String> {
    vec!["tiers".to_string(), "currency_options".to_string()]
}

/// One currency option as async-stripe's create or update type: the two are separate types
/// with the same fields (and separate tier types), hence a macro rather than a function.
macro_rules! stripe_currency_option {
    ($option:expr, $option_type:ident, $tier_type:ident, $up_to_type:ident) => {{
        let option: &CurrencyOption = $option;
        let mut stripe_option = $option_type::new();
        if option.tax_behavior != TaxBehavior::Unspecified {
            stripe_option.tax_behavior = Some(stripe_tax_behavior(option.tax_behavior));
        }
        match &option.pricing {
            Pricing::PerUnit { unit_amount } => {
                (stripe_option.unit_amount, stripe_option.unit_amount_decimal) = wire_amount(Some(*unit_amount));
            }
            Pricing::Tiered { tiers, .. } => {
                stripe_option.tiers = Some(
                    tiers
                        .iter()
                        .map(|tier| {
                            let (unit_amount, unit_amount_decimal) = wire_amount(tier.unit_amount);
                            let (flat_amount, flat_amount_decimal) = wire_amount(tier.flat_amount);
                            $tier_type {
                                unit_amount,
                                unit_amount_decimal,
                                flat_amount,
                                flat_amount_decimal,
                                ..$tier_type::new(match tier.up_to {
                                    Some(up_to) => $up_to_type::I64(clamp_i64(up_to)),
                                    None => $up_to_type::Inf,
                                })
                            }
                        })
                        .collect(),
                );
            }
            Pricing::CustomAmount(custom) => stripe_option.custom_unit_amount = Some(custom_unit_amount(custom)),
        }
        stripe_option
    }};
}

fn create_currency_option(option: &CurrencyOption) -> CreatePriceCurrencyOptions {
    stripe_currency_option!(
        option,
        CreatePriceCurrencyOptions,
        CreatePriceCurrencyOptionsTiers,
        CreatePriceCurrencyOptionsTiersUpTo
    )
}

fn update_currency_option(option: &CurrencyOption) -> UpdatePriceCurrencyOptions {
    stripe_currency_option!(
        option,
        UpdatePriceCurrencyOptions,
        UpdatePriceCurrencyOptionsTiers,
        UpdatePriceCurrencyOptionsTiersUpTo
    )
}

fn custom_unit_amount(custom: &objects::CustomUnitAmount) -> CustomUnitAmount {
    CustomUnitAmount {
        minimum: custom.minimum,
        maximum: custom.maximum,
        preset: custom.preset,
        ..CustomUnitAmount::new(true)
    }
}

/// The user's metadata plus the managed marker.
fn with_marker(metadata: &Metadata) -> HashMap<String, String> {
    let mut stripe_metadata: HashMap<String, String> = metadata.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    stripe_metadata.insert(MANAGED_MARKER_KEY.to_string(), "true".to_string());
    stripe_metadata
}

/// Keys to set, keys to unset (`key=""`), and the marker when asked; `None` when nothing
/// changes, so no `metadata` parameter is sent at all.
fn metadata_change(change: &MetadataPatch, mark_managed: bool) -> Option<HashMap<String, String>> {
    let mut stripe_metadata: HashMap<String, String> = change.set.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for key in &change.unset {
        stripe_metadata.insert(key.clone(), String::new());
    }
    if mark_managed {
        stripe_metadata.insert(MANAGED_MARKER_KEY.to_string(), "true".to_string());
    }
    (!stripe_metadata.is_empty()).then_some(stripe_metadata)
}

fn features(names: &[String]) -> Vec<Features> {
    names.iter().map(|name| Features::new(name.clone())).collect()
}

fn stripe_currency(currency: Currency) -> stripe_types::Currency {
    let Ok(stripe_currency) = currency.code().parse();
    stripe_currency
}

fn stripe_tax_behavior(behavior: TaxBehavior) -> PriceTaxBehavior {
    match behavior {
        TaxBehavior::Inclusive => PriceTaxBehavior::Inclusive,
        TaxBehavior::Exclusive => PriceTaxBehavior::Exclusive,
        TaxBehavior::Unspecified => PriceTaxBehavior::Unspecified,
    }
}

fn stripe_tiers_mode(mode: TiersMode) -> PriceTiersMode {
    match mode {
        TiersMode::Graduated => PriceTiersMode::Graduated,
        TiersMode::Volume => PriceTiersMode::Volume,
    }
}

fn clamp_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Adds `name=value` to a form body, encoded as serde_qs would.
pub(super) fn append_form(builder: &mut RequestBuilder, name: &str, value: &str) {
    let encoded: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let body = builder.body.get_or_insert_with(String::new);
    if !body.is_empty() {
        body.push('&');
    }
    body.push_str(name);
    body.push('=');
    body.push_str(&encoded);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a form body into sorted pairs, brackets and all.
    fn form(builder: &RequestBuilder) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = form_urlencoded::parse(builder.body.as_deref().unwrap_or("").as_bytes())
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        pairs.sort();
        pairs
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_string(), value.to_string())
    }

    /// A price as Stripe answers it, with `recurring` as given.
    fn stripe_price(recurring: &str) -> stripe_product::Price {
        let text = format!(
            r#"{{"id":"price_1","object":"price","active":true,"billing_scheme":"per_unit","created":1,
            "currency":"usd","custom_unit_amount":null,"livemode":false,"lookup_key":"calls","metadata":{{}},
            "nickname":null,"product":"api","recurring":{recurring},"tax_behavior":"unspecified",
            "tiers_mode":null,"transform_quantity":null,"type":"recurring","unit_amount":25,
            "unit_amount_decimal":"25"}}"#
        );
        miniserde::json::from_str(&text).expect("a price")
    }

    /// Issue #14 item 4: the meter is read back; a legacy metered price (usage records,
    /// `aggregate_usage`, no meter) is unreadable rather than read without what it aggregates by.
    #[test]
    fn a_metered_price_is_read_with_its_meter_and_never_without() {
        let metered = remote_price(&stripe_price(
            r#"{"interval":"month","interval_count":1,"meter":"mtr_1","trial_period_days":null,"usage_type":"metered"}"#,
        ))
        .expect("readable");
        assert_eq!(metered.terms.recurring.and_then(|recurring| recurring.meter).as_deref(), Some("mtr_1"));
        let legacy = remote_price(&stripe_price(
            r#"{"aggregate_usage":"sum","interval":"month","interval_count":1,"meter":null,"trial_period_days":null,"usage_type":"metered"}"#,
        ))
        .expect_err("a legacy metered price");
        assert!(
            legacy.starts_with("price `price_1`: it is a legacy metered price without a billing meter"),
            "{legacy}"
        );
    }

    #[test]
    fn price_create_sends_the_meter_id() {
        let new = NewPrice {
            product: "api".into(),
            key: "calls".into(),
            terms: PriceTerms {
                currency: Currency::parse("usd").unwrap(),
                pricing: Pricing::PerUnit { unit_amount: 25.into() },
                recurring: Some(Recurring {
                    interval: Interval::Month,
                    interval_count: 1,
                    usage_type: UsageType::Metered,
                    meter: Some("mtr_1".into()),
                }),
                transform_quantity: None,
            },
            settings: PriceSettings::active(),
            transfer_lookup_key: false,
        };
        let pairs = form(&create_price_request(&new));
        for expected in [pair("recurring[usage_type]", "metered"), pair("recurring[meter]", "mtr_1")] {
            assert!(pairs.contains(&expected), "{expected:?} missing from {pairs:?}");
        }
    }

    #[test]
    fn whole_decimals_are_whole_amounts() {
        let read = |integer, decimal| amount(integer, decimal, "unit_amount_decimal");
        assert_eq!(read(None, Some("1200")), Ok(Some(MinorAmount::from(1200))));
        assert_eq!(read(None, Some("1200.000")), Ok(Some(MinorAmount::from(1200))));
        assert_eq!(read(Some(1200), Some("1200")), Ok(Some(MinorAmount::from(1200))));
        assert_eq!(
            read(None, Some("0.30")).map(|amount| amount.map(|amount| amount.to_string())),
            Ok(Some("0.3".into()))
        );
        assert_eq!(read(None, None), Ok(None));
        assert!(read(None, Some("abc")).is_err());
    }

    /// Issue #14 item 5: fractional amounts go as `*_decimal`, whole ones as integers.
    #[test]
    fn fractional_amounts_are_sent_as_decimals() {
        let decimal = |text: &str| MinorAmount::parse(text).ok();
        let usd = Currency::parse("usd").unwrap();
        let eur = Currency::parse("eur").unwrap();
        let tiers = vec![
            Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: Some(MinorAmount::from(500)) },
            Tier { up_to: None, unit_amount: decimal("0.3"), flat_amount: None },
        ];
        let new = NewPrice {
            product: "api".into(),
            key: "api-calls".into(),
            terms: PriceTerms {
                currency: usd,
                pricing: Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers: tiers.clone() },
                recurring: None,
                transform_quantity: None,
            },
            settings: PriceSettings {
                currency_options: [(
                    eur,
                    CurrencyOption {
                        pricing: Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers },
                        tax_behavior: TaxBehavior::Unspecified,
                    },
                )]
                .into(),
                ..PriceSettings::active()
            },
            transfer_lookup_key: false,
        };
        let pairs = form(&create_price_request(&new));
        for expected in [
            pair("tiers[0][unit_amount]", "0"),
            pair("tiers[0][flat_amount]", "500"),
            pair("tiers[1][unit_amount_decimal]", "0.3"),
            pair("currency_options[eur][tiers][1][unit_amount_decimal]", "0.3"),
        ] {
            assert!(pairs.contains(&expected), "{expected:?} missing from {pairs:?}");
        }
        assert!(!pairs.iter().any(|(key, _)| key == "tiers[1][unit_amount]"), "{pairs:?}");

        let mut per_unit = new.clone();
        per_unit.terms.pricing = Pricing::PerUnit { unit_amount: decimal("0.3").unwrap_or_default() };
        per_unit.settings.currency_options.clear();
        let pairs = form(&create_price_request(&per_unit));
        assert!(pairs.contains(&pair("unit_amount_decimal", "0.3")), "{pairs:?}");
        per_unit.terms.pricing = Pricing::PerUnit { unit_amount: MinorAmount::from(2900) };
        let pairs = form(&create_price_request(&per_unit));
        assert!(pairs.contains(&pair("unit_amount", "2900")), "{pairs:?}");
        assert!(!pairs.iter().any(|(key, _)| key == "unit_amount_decimal"), "{pairs:?}");
    }

    #[test]
    fn product_update_unsets_with_empty_strings() {
        let update = ProductPatch {
            description: Some(None),
            url: Some(Some("https://example.com".into())),
            images: Some(Vec::new()),
            marketing_features: Some(vec!["Fast".into()]),
            metadata: MetadataPatch {
                set: [("tier".to_string(), "gold".to_string())].into(),
                unset: vec!["old".into()],
            },
            mark_managed: true,
            ..ProductPatch::default()
        };
        let builder = update_product_request("pro", &update, None);
        assert_eq!(builder.path, "/products/pro");
        assert_eq!(
            form(&builder),
            vec![
                pair("description", ""),
                pair("images", ""),
                pair("marketing_features[0][name]", "Fast"),
                pair("metadata[old]", ""),
                pair(&format!("metadata[{MANAGED_MARKER_KEY}]"), "true"),
                pair("metadata[tier]", "gold"),
                pair("url", "https://example.com"),
            ]
        );
    }

    #[test]
    fn an_empty_update_sends_no_metadata() {
        let builder = update_price_request("price_1", &PricePatch { active: Some(false), ..PricePatch::default() });
        assert_eq!(
            form(&builder),
            vec![pair("active", "false"), pair("expand[0]", "tiers"), pair("expand[1]", "currency_options")]
        );
    }

    #[test]
    fn price_create_sends_key_marker_and_tiers() {
        let currency = Currency::parse("usd").unwrap();
        let eur = Currency::parse("eur").unwrap();
        let new = NewPrice {
            product: "pro".into(),
            key: "pro_monthly".into(),
            terms: PriceTerms {
                currency,
                pricing: Pricing::Tiered {
                    tiers_mode: TiersMode::Volume,
                    tiers: vec![
                        Tier { up_to: Some(10), unit_amount: Some(500.into()), flat_amount: None },
                        Tier { up_to: None, unit_amount: Some(400.into()), flat_amount: Some(100.into()) },
                    ],
                },
                recurring: Some(Recurring {
                    interval: Interval::Month,
                    interval_count: 1,
                    usage_type: UsageType::Licensed,
                    meter: None,
                }),
                transform_quantity: None,
            },
            settings: PriceSettings {
                active: true,
                nickname: None,
                metadata: Metadata::new(),
                tax_behavior: TaxBehavior::Exclusive,
                currency_options: [(
                    eur,
                    CurrencyOption {
                        pricing: Pricing::Tiered {
                            tiers_mode: TiersMode::Volume,
                            tiers: vec![Tier { up_to: None, unit_amount: Some(450.into()), flat_amount: None }],
                        },
                        tax_behavior: TaxBehavior::Exclusive,
                    },
                )]
                .into(),
            },
            transfer_lookup_key: true,
        };
        let pairs = form(&create_price_request(&new));
        for expected in [
            pair("currency", "usd"),
            pair("product", "pro"),
            pair("lookup_key", "pro_monthly"),
            pair("transfer_lookup_key", "true"),
            pair("billing_scheme", "tiered"),
            pair("tiers_mode", "volume"),
            pair("tiers[0][up_to]", "10"),
            pair("tiers[1][up_to]", "inf"),
            pair("tiers[1][flat_amount]", "100"),
            pair("recurring[interval]", "month"),
            pair("currency_options[eur][tiers][0][up_to]", "inf"),
            pair("currency_options[eur][tax_behavior]", "exclusive"),
            pair(&format!("metadata[{MANAGED_MARKER_KEY}]"), "true"),
        ] {
            assert!(pairs.contains(&expected), "{expected:?} missing from {pairs:?}");
        }
    }
}
