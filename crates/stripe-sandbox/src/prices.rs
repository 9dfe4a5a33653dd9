//! Prices (stripe-api.md §1.1, §2.1–§2.4): create with the amount rules (`unit_amount`,
//! `unit_amount_decimal`, `custom_unit_amount`, `tiers`), `recurring`, `transform_quantity`,
//! `currency_options`, `tax_behavior` and `lookup_key` (unique across all the account's prices,
//! movable with `transfer_lookup_key`); update only the mutable fields; retrieve; list with
//! Stripe's filters. `currency_options` and `tiers` appear only when expanded. No DELETE.

use serde_json::{Map, Value, json};

use super::errors::ApiError;
use super::fields::{currency, metadata_for_create, or_null, text, update_metadata};
use super::list::{bool_filter, page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::search;
use super::spec::is_decimal;
use super::store::new_id;
use super::{events, meters, products};

pub(crate) const RESOURCE: Resource = Resource {
    object: "price",
    includable: &["currency_options", "tiers"],
    expandable: &[("product", products::COLLECTION)],
    routes: &[
        Route { method: "POST", template: "/v1/prices", handler: create },
        Route { method: "GET", template: "/v1/prices", handler: list },
        Route { method: "GET", template: "/v1/prices/search", handler: search },
        Route { method: "GET", template: "/v1/prices/{price}", handler: retrieve },
        Route { method: "POST", template: "/v1/prices/{price}", handler: update },
    ],
};

/// Where prices are stored.
pub(crate) const COLLECTION: &str = "prices";

const MAX_LOOKUP_KEYS: usize = 10;

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (product_id, new_product) = match (text(params, "product"), params.get("product_data")) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(
                ApiError::invalid("You must specify exactly one of `product` or `product_data`.").param("product")
            );
        }
        (Some(id), None) => {
            if !ctx.data.contains(products::COLLECTION, id) {
                return Err(ApiError::no_such_param("product", id, "product"));
            }
            (id.to_string(), None)
        }
        (None, Some(data)) => {
            let product = products::build(ctx, data, "product_data")?;
            (product["id"].as_str().unwrap_or_default().to_string(), Some(product))
        }
    };
    let price = build(ctx, &product_id, params, "")?;
    if let Some(product) = new_product {
        ctx.data.insert(products::COLLECTION, &product_id, product.clone());
        events::record(ctx, "product.created", &product);
    }
    insert(ctx, price.clone());
    events::record(ctx, "price.created", &price);
    Ok(price)
}

/// Stores a price built by [`build`], moving its lookup key from any holder when the request
/// said `transfer_lookup_key` (that check already happened in `build`).
pub(crate) fn insert(ctx: &mut Ctx<'_>, price: Value) {
    let id = price["id"].as_str().unwrap_or_default().to_string();
    if let Some(key) = price["lookup_key"].as_str() {
        release_lookup_key(ctx, key, &id);
    }
    ctx.data.insert(COLLECTION, &id, price);
    ctx.changed = true;
}

/// A new price object for `product_id` from create parameters (also `default_price_data`).
pub(crate) fn build(ctx: &Ctx<'_>, product_id: &str, params: &Value, prefix: &str) -> Result<Value, ApiError> {
    let name = |field: &str| if prefix.is_empty() { field.to_string() } else { format!("{prefix}[{field}]") };
    let currency = currency(text(params, "currency").unwrap_or_default(), &name("currency"))?;
    let billing_scheme = text(params, "billing_scheme").unwrap_or("per_unit");
    let recurring =
        params.get("recurring").map(|recurring| build_recurring(ctx, recurring, &name("recurring"))).transpose()?;
    let amounts = Amounts::from_params(params, AmountScope::Price, billing_scheme, recurring.is_some(), &name)?;
    let transform_quantity = params.get("transform_quantity").cloned().unwrap_or(Value::Null);
    if !transform_quantity.is_null() && billing_scheme == "tiered" {
        return Err(ApiError::invalid("`transform_quantity` cannot be combined with `tiers`.")
            .param(name("transform_quantity")));
    }
    if transform_quantity.get("divide_by").and_then(Value::as_i64).is_some_and(|divide_by| divide_by < 1) {
        return Err(ApiError::invalid("`transform_quantity[divide_by]` must be at least 1.")
            .param(name("transform_quantity[divide_by]")));
    }
    let lookup_key = text(params, "lookup_key");
    if let Some(key) = lookup_key {
        check_lookup_key(ctx, key, None, params)?;
    }
    let tax_behavior = text(params, "tax_behavior").unwrap_or("unspecified");
    let id = new_id("price");
    let mut price = json!({
        "id": id,
        "object": "price",
        "active": params.get("active").and_then(Value::as_bool).unwrap_or(true),
        "billing_scheme": billing_scheme,
        "created": ctx.now,
        "currency": currency,
        "custom_unit_amount": amounts.custom_unit_amount,
        "livemode": false,
        "lookup_key": lookup_key,
        "metadata": metadata_for_create(params, &name("metadata"))?,
        "nickname": or_null(params, "nickname"),
        "product": product_id,
        "recurring": recurring,
        "tax_behavior": tax_behavior,
        "tiers_mode": or_null(params, "tiers_mode"),
        "transform_quantity": transform_quantity,
        "type": if recurring.is_some() { "recurring" } else { "one_time" },
        "unit_amount": amounts.unit_amount,
        "unit_amount_decimal": amounts.unit_amount_decimal,
    });
    if billing_scheme == "tiered" {
        price["tiers"] = amounts.tiers.clone();
    }
    let mut options = Map::new();
    options.insert(currency.to_string(), currency_option(&amounts, tax_behavior, billing_scheme));
    if let Some(Value::Object(given)) = params.get("currency_options") {
        add_currency_options(&mut options, given, currency, billing_scheme, recurring.is_some(), &name)?;
    }
    price["currency_options"] = Value::Object(options);
    Ok(price)
}

/// Whose amounts are being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AmountScope {
    Price,
    CurrencyOption,
}

/// The amount fields of a price or of one of its currency options.
struct Amounts {
    unit_amount: Value,
    unit_amount_decimal: Value,
    custom_unit_amount: Value,
    tiers: Value,
}

impl Amounts {
    fn from_params(
        params: &Value,
        scope: AmountScope,
        billing_scheme: &str,
        recurring: bool,
        name: &dyn Fn(&str) -> String,
    ) -> Result<Amounts, ApiError> {
        let unit_amount = params.get("unit_amount").and_then(Value::as_i64);
        let decimal = text(params, "unit_amount_decimal");
        let custom = params.get("custom_unit_amount");
        if unit_amount.is_some() && decimal.is_some() {
            return Err(ApiError::invalid(
                "You may only specify one of these parameters: unit_amount, unit_amount_decimal.",
            ));
        }
        if billing_scheme == "tiered" {
            if unit_amount.is_some() || decimal.is_some() || custom.is_some() {
                return Err(ApiError::invalid(
                    "You may not specify `unit_amount`, `unit_amount_decimal` or `custom_unit_amount` when `billing_scheme` is `tiered`; use `tiers`.",
                )
                .param(name("unit_amount")));
            }
            let Some(tiers) = params.get("tiers") else {
                return Err(ApiError::missing_parameter(&name("tiers")));
            };
            // Currency options inherit the price's `tiers_mode`; only the price itself needs one.
            if params.get("tiers_mode").is_none() && scope == AmountScope::Price {
                return Err(ApiError::missing_parameter("tiers_mode"));
            }
            return Ok(Amounts {
                unit_amount: Value::Null,
                unit_amount_decimal: Value::Null,
                custom_unit_amount: Value::Null,
                tiers: build_tiers(tiers, &name("tiers"))?,
            });
        }
        if params.get("tiers").is_some() || params.get("tiers_mode").is_some() {
            return Err(ApiError::invalid("You may only specify `tiers` when `billing_scheme` is set to `tiered`.")
                .param(name("tiers")));
        }
        if let Some(custom) = custom {
            if unit_amount.is_some() || decimal.is_some() {
                return Err(ApiError::invalid(
                    "You may only specify one of these parameters: custom_unit_amount, unit_amount, unit_amount_decimal.",
                ));
            }
            if recurring {
                return Err(ApiError::invalid("`custom_unit_amount` is not supported for recurring prices.")
                    .param(name("custom_unit_amount")));
            }
            let mut custom = custom.clone();
            if let Value::Object(fields) = &mut custom {
                if fields.remove("enabled") != Some(json!(true)) {
                    return Err(ApiError::invalid("`custom_unit_amount[enabled]` must be true when given.")
                        .param(name("custom_unit_amount[enabled]")));
                }
                for field in ["maximum", "minimum", "preset"] {
                    fields.entry(field).or_insert(Value::Null);
                }
            }
            return Ok(Amounts {
                unit_amount: Value::Null,
                unit_amount_decimal: Value::Null,
                custom_unit_amount: custom,
                tiers: Value::Null,
            });
        }
        let (unit_amount, unit_amount_decimal) = amount_pair(unit_amount, decimal, &name("unit_amount"))?
            .ok_or_else(|| ApiError::missing_parameter(&name("unit_amount")))?;
        Ok(Amounts { unit_amount, unit_amount_decimal, custom_unit_amount: Value::Null, tiers: Value::Null })
    }
}

/// `unit_amount` / `unit_amount_decimal` as the object shows them: the decimal mirrors the
/// integer, and the integer is present only when the decimal is whole.
fn amount_pair(integer: Option<i64>, decimal: Option<&str>, param: &str) -> Result<Option<(Value, Value)>, ApiError> {
    match (integer, decimal) {
        (Some(amount), _) if amount < 0 => {
            Err(ApiError::invalid("This value must be greater than or equal to 0.").param(param))
        }
        (Some(amount), _) => Ok(Some((json!(amount), json!(amount.to_string())))),
        (None, Some(decimal)) => {
            let places = decimal.split_once('.').map_or(0, |(_, fraction)| fraction.len());
            if decimal.starts_with('-') || !is_decimal(decimal) || places > 12 {
                return Err(ApiError::invalid(format!(
                    "Invalid decimal: {decimal}; must be a non-negative decimal with at most 12 decimal places"
                ))
                .param(format!("{param}_decimal")));
            }
            let whole = decimal
                .split_once('.')
                .map_or(Some(decimal), |(whole, fraction)| fraction.bytes().all(|byte| byte == b'0').then_some(whole));
            let integer = whole.and_then(|whole| whole.parse::<i64>().ok()).map_or(Value::Null, |amount| json!(amount));
            Ok(Some((integer, json!(decimal))))
        }
        (None, None) => Ok(None),
    }
}

fn build_tiers(tiers: &Value, param: &str) -> Result<Value, ApiError> {
    let Some(tiers) = tiers.as_array().filter(|tiers| !tiers.is_empty()) else {
        return Err(ApiError::invalid("`tiers` must list at least one tier.").param(param));
    };
    let mut built = Vec::with_capacity(tiers.len());
    let mut previous_up_to = 0;
    for (index, tier) in tiers.iter().enumerate() {
        let tier_param = format!("{param}[{index}]");
        let last = index + 1 == tiers.len();
        let up_to = match tier.get("up_to") {
            Some(Value::String(inf)) if inf == "inf" => {
                if !last {
                    return Err(ApiError::invalid("Only the last tier may have `up_to=inf`.")
                        .param(format!("{tier_param}[up_to]")));
                }
                Value::Null
            }
            Some(Value::Number(number)) => {
                let up_to = number.as_i64().unwrap_or(0);
                if last {
                    return Err(
                        ApiError::invalid("The last tier must have `up_to=inf`.").param(format!("{tier_param}[up_to]"))
                    );
                }
                if up_to <= previous_up_to {
                    return Err(ApiError::invalid("Each tier's `up_to` must be greater than the previous tier's.")
                        .param(format!("{tier_param}[up_to]")));
                }
                previous_up_to = up_to;
                json!(up_to)
            }
            _ => return Err(ApiError::missing_parameter(&format!("{tier_param}[up_to]"))),
        };
        let unit = amount_pair(
            tier.get("unit_amount").and_then(Value::as_i64),
            tier.get("unit_amount_decimal").and_then(Value::as_str),
            &format!("{tier_param}[unit_amount]"),
        )?;
        let flat = amount_pair(
            tier.get("flat_amount").and_then(Value::as_i64),
            tier.get("flat_amount_decimal").and_then(Value::as_str),
            &format!("{tier_param}[flat_amount]"),
        )?;
        for (present, field) in [("unit_amount", "unit_amount_decimal"), ("flat_amount", "flat_amount_decimal")] {
            if tier.get(present).is_some() && tier.get(field).is_some() {
                return Err(ApiError::invalid(format!(
                    "You may only specify one of these parameters: {present}, {field}."
                ))
                .param(format!("{tier_param}[{present}]")));
            }
        }
        let (unit_amount, unit_amount_decimal) = unit.unwrap_or((Value::Null, Value::Null));
        let (flat_amount, flat_amount_decimal) = flat.unwrap_or((Value::Null, Value::Null));
        built.push(json!({
            "flat_amount": flat_amount,
            "flat_amount_decimal": flat_amount_decimal,
            "unit_amount": unit_amount,
            "unit_amount_decimal": unit_amount_decimal,
            "up_to": up_to,
        }));
    }
    Ok(Value::Array(built))
}

/// `recurring` with Stripe's defaults; at most 3 years between charges. A metered price names
/// an active Billing Meter: "Using usage_type of metered without a specified meter now returns an
/// error on Price creation", and `aggregate_usage` is gone (2025-03-31.basil,
/// https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing; the
/// spec overlay refuses `recurring[aggregate_usage]` as an unknown parameter).
fn build_recurring(ctx: &Ctx<'_>, recurring: &Value, param: &str) -> Result<Value, ApiError> {
    let interval = recurring.get("interval").and_then(Value::as_str).unwrap_or("month");
    let count = recurring.get("interval_count").and_then(Value::as_i64).unwrap_or(1);
    let max = match interval {
        "day" => 1095,
        "week" => 156,
        "month" => 36,
        _ => 3,
    };
    if !(1..=max).contains(&count) {
        return Err(ApiError::invalid(
            "The maximum billing interval is 3 years (3 years, 36 months, 156 weeks or 1095 days), and \
             `interval_count` must be at least 1.",
        )
        .param(format!("{param}[interval_count]")));
    }
    let usage_type = recurring.get("usage_type").and_then(Value::as_str).unwrap_or("licensed");
    let meter_param = format!("{param}[meter]");
    match (usage_type, text(recurring, "meter")) {
        ("metered", None) => {
            return Err(ApiError::invalid(format!(
                "Missing required param: {meter_param}. Since API version 2025-03-31.basil a price with \
                 `usage_type=metered` must name a billing meter; create one with POST /v1/billing/meters."
            ))
            .code("parameter_missing")
            .param(meter_param));
        }
        ("metered", Some(meter)) => meters::check_for_price(ctx, meter, &meter_param)?,
        (_, Some(_)) => {
            return Err(ApiError::invalid(format!(
                "`{meter_param}` can only be set when `{param}[usage_type]` is `metered`."
            ))
            .param(meter_param));
        }
        (_, None) => {}
    }
    Ok(json!({
        "interval": interval,
        "interval_count": count,
        "meter": or_null(recurring, "meter"),
        "trial_period_days": or_null(recurring, "trial_period_days"),
        "usage_type": usage_type,
    }))
}

fn currency_option(amounts: &Amounts, tax_behavior: &str, billing_scheme: &str) -> Value {
    let mut option = json!({
        "custom_unit_amount": amounts.custom_unit_amount,
        "tax_behavior": tax_behavior,
        "unit_amount": amounts.unit_amount,
        "unit_amount_decimal": amounts.unit_amount_decimal,
    });
    if billing_scheme == "tiered" {
        option["tiers"] = amounts.tiers.clone();
    }
    option
}

fn add_currency_options(
    options: &mut Map<String, Value>,
    given: &Map<String, Value>,
    own_currency: &str,
    billing_scheme: &str,
    recurring: bool,
    name: &dyn Fn(&str) -> String,
) -> Result<(), ApiError> {
    for (code, option) in given {
        let param = name(&format!("currency_options[{code}]"));
        let code = currency(code, &param)?;
        if code == own_currency {
            return Err(ApiError::invalid(format!(
                "`currency_options` may not include the price's own currency `{own_currency}`."
            ))
            .param(param));
        }
        let option_name = |field: &str| format!("{param}[{field}]");
        let amounts =
            Amounts::from_params(option, AmountScope::CurrencyOption, billing_scheme, recurring, &option_name)?;
        let tax_behavior = text(option, "tax_behavior").unwrap_or("unspecified");
        options.insert(code.to_string(), currency_option(&amounts, tax_behavior, billing_scheme));
    }
    Ok(())
}

/// A lookup key is unique across all prices of the account, active or not, unless the request
/// moves it with `transfer_lookup_key` (stripe-api.md §2.2).
fn check_lookup_key(ctx: &Ctx<'_>, key: &str, own_id: Option<&str>, params: &Value) -> Result<(), ApiError> {
    if params.get("transfer_lookup_key") == Some(&json!(true)) {
        return Ok(());
    }
    // Keys are unique, so at most one price holds it and the order of the search is moot; it
    // runs on every price create, so it must stay cheap on catalogs of many thousand prices.
    let holder = ctx
        .data
        .unordered(COLLECTION)
        .find(|price| price["lookup_key"].as_str() == Some(key) && price["id"].as_str() != own_id);
    match holder {
        Some(price) => Err(ApiError::invalid(format!(
            "A price (`{}`) already uses that lookup key.",
            price["id"].as_str().unwrap_or_default()
        ))
        .param("lookup_key")),
        None => Ok(()),
    }
}

/// Takes `key` away from whichever other price holds it (it keeps its `active` state).
fn release_lookup_key(ctx: &mut Ctx<'_>, key: &str, new_holder: &str) {
    let holders: Vec<String> = ctx
        .data
        .unordered(COLLECTION)
        .filter(|price| price["lookup_key"].as_str() == Some(key) && price["id"].as_str() != Some(new_holder))
        .filter_map(|price| price["id"].as_str().map(str::to_string))
        .collect();
    for holder in holders {
        if let Some(price) = ctx.data.get_mut(COLLECTION, &holder) {
            price["lookup_key"] = Value::Null;
        }
    }
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    ctx.path_object(COLLECTION, "price").map(|(_, price)| price)
}

/// Only `active`, `currency_options`, `lookup_key`, `metadata`, `nickname`, `tax_behavior` and
/// `transfer_lookup_key` get here: the spec check refuses every other parameter.
fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, mut price) = ctx.path_object(COLLECTION, "price")?;
    if params.get("active") == Some(&json!(false)) && price["active"] == json!(true) {
        let product = price["product"].as_str().and_then(|product| ctx.data.get(products::COLLECTION, product));
        if product.is_some_and(|product| product["default_price"] == json!(id)) {
            return Err(ApiError::invalid(
                "This price cannot be archived because it is the default price of its product.",
            )
            .param("active"));
        }
    }
    if let Some(active) = params.get("active") {
        price["active"] = active.clone();
    }
    if let Some(nickname) = params.get("nickname") {
        price["nickname"] = nickname.clone();
    }
    if let Some(tax_behavior) = text(params, "tax_behavior") {
        let current = price["tax_behavior"].as_str().unwrap_or("unspecified");
        if current != "unspecified" && current != tax_behavior {
            return Err(ApiError::invalid(format!(
                "This price's `tax_behavior` is already `{current}`; once set to `inclusive` or `exclusive` it cannot be changed."
            ))
            .param("tax_behavior"));
        }
        price["tax_behavior"] = json!(tax_behavior);
        let own = price["currency"].as_str().unwrap_or_default().to_string();
        if let Some(option) = price.get_mut("currency_options").and_then(|options| options.get_mut(&own)) {
            option["tax_behavior"] = json!(tax_behavior);
        }
    }
    update_currency_options(&mut price, params)?;
    update_metadata(&mut price, params)?;
    let lookup_key = text(params, "lookup_key").map(str::to_string);
    if let Some(key) = &lookup_key {
        check_lookup_key(ctx, key, Some(&id), params)?;
        price["lookup_key"] = json!(key);
    }
    if let Some(key) = &lookup_key {
        release_lookup_key(ctx, key, &id);
    }
    if let Some(stored) = ctx.data.get_mut(COLLECTION, &id) {
        *stored = price.clone();
    }
    events::record(ctx, "price.updated", &price);
    ctx.changed = true;
    Ok(price)
}

fn update_currency_options(price: &mut Value, params: &Value) -> Result<(), ApiError> {
    let Some(given) = params.get("currency_options") else { return Ok(()) };
    let own = price["currency"].as_str().unwrap_or_default().to_string();
    let billing_scheme = price["billing_scheme"].as_str().unwrap_or("per_unit").to_string();
    let recurring = !price["recurring"].is_null();
    let mut options = Map::new();
    if let Some(own_option) = price.get("currency_options").and_then(|options| options.get(&own)) {
        options.insert(own.clone(), own_option.clone());
    }
    if let Some(Value::Object(existing)) = price.get("currency_options")
        && !given.is_null()
    {
        options.extend(existing.iter().map(|(code, option)| (code.clone(), option.clone())));
    }
    if let Value::Object(given) = given {
        add_currency_options(&mut options, given, &own, &billing_scheme, recurring, &|field| field.to_string())?;
    }
    price["currency_options"] = Value::Object(options);
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let lookup_keys: Option<Vec<&str>> =
        params.get("lookup_keys").and_then(Value::as_array).map(|keys| keys.iter().filter_map(Value::as_str).collect());
    if lookup_keys.as_ref().is_some_and(|keys| keys.len() > MAX_LOOKUP_KEYS) {
        return Err(ApiError::invalid(format!("You may only specify up to {MAX_LOOKUP_KEYS} lookup keys."))
            .param("lookup_keys"));
    }
    // Current Stripe lists only active prices unless `active=false` asks for the archived ones.
    let active = bool_filter(params, "active").unwrap_or(true);
    let product = string_filter(params, "product");
    let kind = string_filter(params, "type");
    let currency = string_filter(params, "currency").map(str::to_ascii_lowercase);
    let interval = params.pointer("/recurring/interval").and_then(Value::as_str);
    let usage_type = params.pointer("/recurring/usage_type").and_then(Value::as_str);
    page(ctx.data, COLLECTION, "price", ctx.path, params, |price| {
        price["active"] == json!(active)
            && product.is_none_or(|product| price["product"] == json!(product))
            && kind.is_none_or(|kind| price["type"] == json!(kind))
            && currency.as_ref().is_none_or(|currency| price["currency"] == json!(currency))
            && interval.is_none_or(|interval| price.pointer("/recurring/interval") == Some(&json!(interval)))
            && usage_type.is_none_or(|usage| price.pointer("/recurring/usage_type") == Some(&json!(usage)))
            && lookup_keys
                .as_ref()
                .is_none_or(|keys| price["lookup_key"].as_str().is_some_and(|key| keys.contains(&key)))
    })
}

/// `GET /v1/prices/search` (see `search.rs`).
fn search(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    search::run(ctx, params, &search::PRICES)
}
