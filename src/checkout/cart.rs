//! Turns the requested prices, once looked up, into a cart Stripe will accept, or refuses the
//! request with the reason before anything is created: unknown or archived prices, a mix of
//! currencies or billing intervals, more line items than Stripe takes, duplicates.

use anyhow::{Result, bail};

use super::{AdjustableQuantity, CheckoutMode, LineItem, PriceRef, PriceSpec};
use crate::error::Hinted;
use crate::money::{Currency, MinorAmount, format_money, maximum_charge};
use crate::objects::{Pricing, Recurring, RemotePrice, UsageType};

/// Checkout's line item limit in `payment` mode (stripe-api.md §9).
pub const MAX_PAYMENT_ITEMS: usize = 100;
/// Checkout's limit in `subscription` mode, for recurring and for one-time items each (§9).
pub const MAX_SUBSCRIPTION_ITEMS_PER_KIND: usize = 20;
/// Payment Links take at most 20 line items (§10).
pub const MAX_LINK_ITEMS: usize = 20;

/// What is being made: the two have different limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purchase {
    Session,
    Link,
}

/// A checked cart: one currency, a mode, and the items with what Stripe will charge for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cart {
    pub mode: CheckoutMode,
    pub currency: Currency,
    pub items: Vec<CartItem>,
}

/// One checked line item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartItem {
    /// What the user typed to name the price.
    pub label: String,
    pub price_id: String,
    /// `None` for metered prices.
    pub quantity: Option<u64>,
    /// What Stripe charges for the quantity, in whole minor units, when the price fixes it
    /// (not metered or customer-chosen): a per-unit or tiered amount with fractions of a minor
    /// unit is multiplied out exactly and rounded once for the line, as Stripe rounds line
    /// items (see [`MinorAmount::round`]).
    pub amount: Option<i64>,
    pub recurring: Option<Recurring>,
    pub customer_chooses: bool,
}

impl Cart {
    /// The first charge, when every item's amount is known.
    #[must_use]
    pub fn total(&self) -> Option<i64> {
        self.items.iter().try_fold(0_i64, |sum, item| sum.checked_add(item.amount?))
    }

    /// The line items to send.
    #[must_use]
    pub fn line_items(&self, adjustable: Option<AdjustableQuantity>) -> Vec<LineItem> {
        self.items
            .iter()
            .map(|item| LineItem {
                price_id: item.price_id.clone(),
                quantity: item.quantity,
                adjustable_quantity: adjustable.filter(|_| item.quantity.is_some()),
            })
            .collect()
    }

    /// The amount in money form, e.g. `$29.00 USD`.
    #[must_use]
    pub fn money(&self, minor: i64) -> String {
        format_money(minor, self.currency)
    }
}

/// The requested prices no looked-up price answers to, in request order.
#[must_use]
pub fn missing_prices<'a>(specs: &'a [PriceSpec], found: &[RemotePrice]) -> Vec<&'a PriceRef> {
    let mut missing: Vec<&PriceRef> = Vec::new();
    for spec in specs {
        if find(&spec.price, found).is_none() && !missing.contains(&&spec.price) {
            missing.push(&spec.price);
        }
    }
    missing
}

/// The error for unknown prices, suggesting the closest of the known lookup keys.
#[must_use]
pub fn unknown_prices_error(missing: &[&PriceRef], known_keys: &[String]) -> Hinted {
    // `pro-monthly:abc`: a known key and something after the colon that is no quantity (a
    // lookup key may hold a colon, so only a known key before it tells the two apart).
    let bad_quantity = missing.iter().find_map(|price| {
        let (key, quantity) = price.as_str().rsplit_once(':')?;
        known_keys.iter().any(|known| known == key).then_some((key, quantity))
    });
    if let Some((key, quantity)) = bad_quantity {
        return Hinted::new(
            format!("`{quantity}` in `--price {key}:{quantity}` is not a quantity"),
            format!("a quantity is a whole number after the colon, e.g. `--price {key}:3`; without one it is 1"),
        );
    }
    let names: Vec<String> = missing.iter().map(|price| format!("`{}`", price.as_str())).collect();
    let message = if names.len() == 1 {
        format!("no price has the key {}", names.join(""))
    } else {
        format!("no prices have the keys {}", names.join(", "))
    };
    let mut hints = Vec::new();
    for price in missing {
        // Known but not found: the catalog has it and Stripe does not, yet.
        if known_keys.iter().any(|known| known == price.as_str()) {
            hints.push(format!(
                "`{}` is in the catalog but not in Stripe yet: `stripe-catalog apply` creates it",
                price.as_str()
            ));
            continue;
        }
        let close = closest_keys(price.as_str(), known_keys);
        if !close.is_empty() {
            let list: Vec<String> = close.iter().map(|key| format!("`{key}`")).collect();
            hints.push(format!("did you mean {} instead of `{}`?", list.join(" or "), price.as_str()));
        }
    }
    if hints.is_empty() {
        hints.push("`stripe-catalog plan` shows the keys the catalog defines; `apply` creates them in Stripe".into());
    }
    Hinted { message, hints }
}

/// Up to three known keys closest to `wanted`, best first; only plausible ones.
fn closest_keys(wanted: &str, known_keys: &[String]) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = known_keys
        .iter()
        .map(|key| (strsim::jaro_winkler(&wanted.to_lowercase(), &key.to_lowercase()), key))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    // Only near-ties of the best match: one clear winner is one suggestion.
    let best = scored.first().map_or(0.0, |(score, _)| *score);
    scored.into_iter().filter(|(score, _)| *score >= best - 0.05).take(3).map(|(_, key)| key.clone()).collect()
}

fn find<'a>(price: &PriceRef, found: &'a [RemotePrice]) -> Option<&'a RemotePrice> {
    found.iter().find(|candidate| match price {
        PriceRef::LookupKey(key) => candidate.lookup_key.as_deref() == Some(key.as_str()),
        PriceRef::Id(id) => candidate.id == *id,
    })
}

/// Checks the request against Stripe's rules and builds the cart. `active_keys` are suggested
/// in place of archived prices. `currency` (`--currency`) charges every price in that currency,
/// its own or one of its `currency_options` (the prices must have been read with them); `None`
/// charges the prices' own currency, which they must share.
///
/// # Errors
/// With the reason Stripe would refuse the request (or, for unknown prices, that they are
/// unknown: call [`missing_prices`] first for suggestions).
pub fn build_cart(
    specs: &[PriceSpec],
    found: &[RemotePrice],
    purchase: Purchase,
    active_keys: &[String],
    currency: Option<Currency>,
) -> Result<Cart> {
    let missing = missing_prices(specs, found);
    if !missing.is_empty() {
        bail!(unknown_prices_error(&missing, active_keys));
    }
    let resolved: Vec<(&PriceSpec, &RemotePrice)> =
        specs.iter().filter_map(|spec| find(&spec.price, found).map(|price| (spec, price))).collect();

    refuse_archived(&resolved, active_keys)?;
    refuse_duplicates(&resolved)?;
    let currency = match currency {
        Some(wanted) => {
            refuse_missing_currency(&resolved, wanted)?;
            wanted
        }
        None => single_currency(&resolved)?,
    };
    let items = resolved.iter().map(|(spec, price)| cart_item(spec, price, currency)).collect::<Result<Vec<_>>>()?;
    let mode = if items.iter().any(|item| item.recurring.is_some()) {
        CheckoutMode::Subscription
    } else {
        CheckoutMode::Payment
    };
    refuse_mixed_intervals(&items)?;
    check_item_limits(&items, mode, purchase)?;
    refuse_too_large(&items, currency)?;
    Ok(Cart { mode, currency, items })
}

/// Refuses active prices whose product is archived, before anything is created: Stripe answers
/// a session or link with one "The price `price_…` is not available to be purchased because
/// its product is not active." `archived_products` are the ids of the prices' products that
/// are archived.
///
/// # Errors
/// Naming each such price and its product.
pub fn refuse_archived_products(
    specs: &[PriceSpec],
    found: &[RemotePrice],
    archived_products: &std::collections::BTreeSet<String>,
) -> Result<()> {
    let unsellable: Vec<String> = specs
        .iter()
        .filter_map(|spec| find(&spec.price, found).map(|price| (spec, price)))
        .filter(|(_, price)| price.settings.active && archived_products.contains(&price.product))
        .map(|(spec, price)| format!("`{}` ({}, product `{}`)", spec.price.as_str(), price.id, price.product))
        .collect();
    if unsellable.is_empty() {
        return Ok(());
    }
    let (verb, pronoun) = if unsellable.len() == 1 { ("is", "its") } else { ("are", "their") };
    bail!(Hinted {
        message: format!("{} {verb} not for sale: {pronoun} product is archived", unsellable.join(", ")),
        hints: vec![
            "reactivate the product (catalog: `active: true`, then apply), or sell another product's price".into(),
            "Stripe refuses prices of archived products at checkout; nothing was created".into(),
        ],
    })
}

fn refuse_archived(resolved: &[(&PriceSpec, &RemotePrice)], active_keys: &[String]) -> Result<()> {
    let archived: Vec<&(&PriceSpec, &RemotePrice)> =
        resolved.iter().filter(|(_, price)| !price.settings.active).collect();
    if archived.is_empty() {
        return Ok(());
    }
    let names: Vec<String> =
        archived.iter().map(|(spec, price)| format!("`{}` ({})", spec.price.as_str(), price.id)).collect();
    let mut hints = Vec::new();
    for (spec, _) in &archived {
        let others: Vec<String> = active_keys.iter().filter(|key| *key != spec.price.as_str()).cloned().collect();
        let close = closest_keys(spec.price.as_str(), &others);
        if !close.is_empty() {
            let list: Vec<String> = close.iter().map(|key| format!("`{key}`")).collect();
            hints.push(format!("active prices with similar keys: {}", list.join(", ")));
        }
    }
    hints.push("Stripe only sells active prices; nothing was created".into());
    let verb = if archived.len() == 1 { "is" } else { "are" };
    bail!(Hinted { message: format!("{} {verb} archived", names.join(", ")), hints })
}

fn refuse_duplicates(resolved: &[(&PriceSpec, &RemotePrice)]) -> Result<()> {
    for (index, (spec, price)) in resolved.iter().enumerate() {
        if resolved[..index].iter().any(|(_, earlier)| earlier.id == price.id) {
            bail!(Hinted::new(
                format!("`{}` is given more than once", spec.price.as_str()),
                format!("give it once with the total quantity, e.g. `--price {}:2`", spec.price.as_str())
            ));
        }
    }
    Ok(())
}

fn single_currency(resolved: &[(&PriceSpec, &RemotePrice)]) -> Result<Currency> {
    let Some((first_spec, first)) = resolved.first() else {
        bail!(Hinted::new("no prices given", "name at least one with `--price KEY[:QTY]`"));
    };
    let currency = first.terms.currency;
    let others: Vec<String> = resolved
        .iter()
        .filter(|(_, price)| price.terms.currency != currency)
        .map(|(spec, price)| format!("`{}` is {}", spec.price.as_str(), price.terms.currency.code().to_uppercase()))
        .collect();
    if !others.is_empty() {
        bail!(Hinted::new(
            format!(
                "prices in different currencies cannot be sold together: `{}` is {}, {}",
                first_spec.price.as_str(),
                currency.code().to_uppercase(),
                others.join(", ")
            ),
            "pick prices in one currency"
        ));
    }
    Ok(currency)
}

/// The currencies a price sells in: its own, then its currency options, as upper-case codes.
fn currencies_of(price: &RemotePrice) -> Vec<String> {
    std::iter::once(price.terms.currency)
        .chain(price.settings.currency_options.keys().copied())
        .map(|currency| currency.code().to_uppercase())
        .collect()
}

/// Refuses `--currency` when a price has no amount in it. Stripe would refuse the session
/// (`currency` must be each price's currency or one of its `currency_options`); here it is
/// refused before anything is created, with the currencies the prices do sell in.
fn refuse_missing_currency(resolved: &[(&PriceSpec, &RemotePrice)], wanted: Currency) -> Result<()> {
    let offers =
        |price: &RemotePrice| price.terms.currency == wanted || price.settings.currency_options.contains_key(&wanted);
    let lacking: Vec<String> = resolved
        .iter()
        .filter(|(_, price)| !offers(price))
        .map(|(spec, price)| format!("`{}` ({})", spec.price.as_str(), currencies_of(price).join(", ")))
        .collect();
    if lacking.is_empty() {
        return Ok(());
    }
    let code = wanted.code().to_uppercase();
    let verb = if lacking.len() == 1 { "has" } else { "have" };
    let mut shared: Vec<String> = resolved.first().map(|(_, price)| currencies_of(price)).unwrap_or_default();
    shared.retain(|currency| resolved.iter().all(|(_, price)| currencies_of(price).contains(currency)));
    shared.sort();
    let available = if shared.is_empty() {
        "these prices share no currency: sell them in separate checkouts".to_string()
    } else {
        format!("available for every price here: {}", shared.join(", "))
    };
    bail!(Hinted {
        message: format!("{} {verb} no price in {code}", lacking.join(", ")),
        hints: vec![
            available,
            format!(
                "give the price a `currency_options` entry for `{}` in the catalog and apply, or leave `--currency` \
                 out; nothing was created",
                wanted.code()
            ),
        ],
    })
}

fn cart_item(spec: &PriceSpec, price: &RemotePrice, currency: Currency) -> Result<CartItem> {
    let metered = price.terms.recurring.as_ref().is_some_and(|recurring| recurring.usage_type == UsageType::Metered);
    let quantity = match (metered, spec.quantity) {
        (true, Some(_)) => bail!(Hinted::new(
            format!("`{}` is a metered price: usage decides what is billed, not a quantity", spec.price.as_str()),
            format!("drop the quantity: `--price {}`", spec.price.as_str())
        )),
        (true, None) => None,
        (false, quantity) => Some(quantity.unwrap_or(1)),
    };
    // In another currency the option's amounts apply; quantity rules stay the price's.
    let pricing = match price.settings.currency_options.get(&currency) {
        Some(option) if currency != price.terms.currency => &option.pricing,
        _ => &price.terms.pricing,
    };
    let (amount, customer_chooses) = match (pricing, quantity) {
        (Pricing::PerUnit { unit_amount }, Some(quantity)) => {
            // `None` here is an overflow, never "decided at checkout": the price fixes the
            // amount, it is just beyond any number Stripe takes.
            let units = match &price.terms.transform_quantity {
                Some(transform) => transformed_units(quantity, transform),
                None => quantity,
            };
            (unit_amount.checked_mul(units).and_then(MinorAmount::round), false)
        }
        (Pricing::Tiered { tiers_mode, tiers }, Some(quantity)) => {
            (crate::objects::tiered_amount(*tiers_mode, tiers, quantity).and_then(MinorAmount::round), false)
        }
        (Pricing::CustomAmount(_), _) => (None, true),
        _ => (None, false),
    };
    if let (None, Some(quantity), false) = (amount, quantity, customer_chooses) {
        bail!(too_large(format!("`{}` × {quantity}", spec.price.as_str()), "comes to", currency));
    }
    Ok(CartItem {
        label: spec.price.as_str().to_string(),
        price_id: price.id.clone(),
        quantity,
        amount,
        recurring: price.terms.recurring.clone(),
        customer_chooses,
    })
}

fn transformed_units(quantity: u64, transform: &crate::objects::TransformQuantity) -> u64 {
    let divide_by = transform.divide_by.max(1);
    match transform.round {
        crate::objects::Round::Up => quantity.div_ceil(divide_by),
        crate::objects::Round::Down => quantity / divide_by,
    }
}

/// Refuses a line or a total above Stripe's largest charge in the currency
/// ([`maximum_charge`]) before anything is created: Stripe would refuse the session, or later
/// its payment or invoice, with `amount_too_large`.
fn refuse_too_large(items: &[CartItem], currency: Currency) -> Result<()> {
    let maximum = maximum_charge(currency);
    for item in items {
        if let (Some(amount), Some(quantity)) = (item.amount, item.quantity)
            && amount > maximum
        {
            let what = format!("`{}` × {quantity} ({})", item.label, format_money(amount, currency));
            bail!(too_large(what, "is", currency));
        }
    }
    let total = items.iter().filter_map(|item| item.amount).try_fold(0_i64, i64::checked_add);
    match total {
        Some(total) if total <= maximum => Ok(()),
        Some(total) => bail!(too_large(format!("the total ({})", format_money(total, currency)), "is", currency)),
        None => bail!(too_large("the total".to_string(), "comes to", currency)),
    }
}

/// `what` `verb` more than Stripe's largest charge, in Stripe's words (`amount_too_large`).
fn too_large(what: String, verb: &str, currency: Currency) -> Hinted {
    let maximum = format_money(maximum_charge(currency), currency);
    Hinted {
        message: format!(
            "{what} {verb} more than Stripe charges at once: Stripe refuses amounts above {maximum} \
             (`amount_too_large`: \"Amount must be no more than {maximum}\")"
        ),
        hints: vec![
            "lower the quantity, or split the order into several checkouts; nothing was created".into(),
            "Stripe's limits: https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts".into(),
        ],
    }
}

fn refuse_mixed_intervals(items: &[CartItem]) -> Result<()> {
    let mut recurring = items.iter().filter_map(|item| item.recurring.as_ref().map(|r| (item, r)));
    let Some((first_item, first)) = recurring.next() else { return Ok(()) };
    for (item, other) in recurring {
        if (other.interval, other.interval_count) != (first.interval, first.interval_count) {
            bail!(Hinted::new(
                format!(
                    "`{}` bills {} but `{}` bills {}: one subscription has one billing interval",
                    first_item.label,
                    interval_words(first),
                    item.label,
                    interval_words(other)
                ),
                "send separate checkouts for prices with different intervals"
            ));
        }
    }
    Ok(())
}

/// `month`, `3 months`.
#[must_use]
pub(super) fn interval_words(recurring: &Recurring) -> String {
    if recurring.interval_count == 1 {
        recurring.interval.as_str().to_string()
    } else {
        format!("every {} {}s", recurring.interval_count, recurring.interval.as_str())
    }
}

fn check_item_limits(items: &[CartItem], mode: CheckoutMode, purchase: Purchase) -> Result<()> {
    let recurring = items.iter().filter(|item| item.recurring.is_some()).count();
    let one_time = items.len() - recurring;
    let too_many = |what: &str, limit: usize, given: usize| {
        Hinted::new(
            format!("{given} {what} given; Stripe takes at most {limit}"),
            "split the order into several checkouts",
        )
    };
    match purchase {
        Purchase::Link => {
            if items.len() > MAX_LINK_ITEMS {
                bail!(too_many("line items", MAX_LINK_ITEMS, items.len()));
            }
            if items.iter().any(|item| item.customer_chooses) && items.len() > 1 {
                bail!(Hinted::new(
                    "a payment link with a customer-chooses-what-to-pay price takes no other line items",
                    "make one link for that price alone"
                ));
            }
        }
        Purchase::Session => match mode {
            CheckoutMode::Payment if items.len() > MAX_PAYMENT_ITEMS => {
                bail!(too_many("line items", MAX_PAYMENT_ITEMS, items.len()));
            }
            CheckoutMode::Subscription if recurring > MAX_SUBSCRIPTION_ITEMS_PER_KIND => {
                bail!(too_many("recurring line items", MAX_SUBSCRIPTION_ITEMS_PER_KIND, recurring));
            }
            CheckoutMode::Subscription if one_time > MAX_SUBSCRIPTION_ITEMS_PER_KIND => {
                bail!(too_many("one-time line items in a subscription", MAX_SUBSCRIPTION_ITEMS_PER_KIND, one_time));
            }
            _ => {}
        },
    }
    if mode == CheckoutMode::Subscription && items.iter().any(|item| item.customer_chooses) {
        bail!(Hinted::new(
            "customer-chooses-what-to-pay prices cannot be part of a subscription",
            "sell that price in its own checkout"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::{Interval, PriceSettings, PriceTerms, TaxBehavior};

    fn price(key: &str, amount: i64, currency: &str, interval: Option<Interval>) -> RemotePrice {
        RemotePrice {
            id: format!("price_{key}"),
            product: "prod_1".into(),
            lookup_key: Some(key.into()),
            terms: PriceTerms {
                currency: Currency::parse(currency).unwrap(),
                pricing: Pricing::PerUnit { unit_amount: amount.into() },
                recurring: interval.map(|interval| Recurring {
                    interval,
                    interval_count: 1,
                    usage_type: UsageType::Licensed,
                    meter: None,
                }),
                transform_quantity: None,
            },
            settings: PriceSettings {
                active: true,
                nickname: None,
                metadata: Default::default(),
                tax_behavior: TaxBehavior::Unspecified,
                currency_options: Default::default(),
            },
            managed: true,
            applied_fingerprint: None,
            created: 0,
            replaces: None,
        }
    }

    fn spec(text: &str) -> PriceSpec {
        super::super::parse_price_spec(text).unwrap()
    }

    fn message(result: Result<Cart>) -> String {
        let err = result.unwrap_err();
        let hints = err.downcast_ref::<Hinted>().map(|h| h.hints.join(" | ")).unwrap_or_default();
        format!("{err} || {hints}")
    }

    #[test]
    fn any_recurring_price_makes_a_subscription() {
        let found = [price("pro-monthly", 2900, "usd", Some(Interval::Month)), price("setup", 5000, "usd", None)];
        let cart = build_cart(&[spec("pro-monthly"), spec("setup")], &found, Purchase::Session, &[], None).unwrap();
        assert_eq!(cart.mode, CheckoutMode::Subscription);
        assert_eq!(cart.total(), Some(7900));
        let cart = build_cart(&[spec("setup:2")], &found, Purchase::Session, &[], None).unwrap();
        assert_eq!(cart.mode, CheckoutMode::Payment);
        assert_eq!(cart.total(), Some(10_000));
    }

    /// Issue #14 item 5: a price of 0.3 cents per unit (`unit_amount_decimal`); Stripe
    /// multiplies the quantity out exactly and rounds the line to a whole cent, halves up.
    #[test]
    fn fractions_of_a_cent_are_rounded_per_line() {
        let decimal = |text: &str| MinorAmount::parse(text).unwrap();
        let mut api = price("api-calls", 0, "usd", None);
        api.terms.pricing = Pricing::PerUnit { unit_amount: decimal("0.3") };
        let mut storage = price("storage-mb", 0, "usd", None);
        storage.terms.pricing = Pricing::PerUnit { unit_amount: decimal("0.05") };
        let found = [api, storage, price("setup", 5000, "usd", None)];
        let total = |specs: &[&str]| {
            let specs: Vec<PriceSpec> = specs.iter().map(|text| spec(text)).collect();
            build_cart(&specs, &found, Purchase::Session, &[], None).unwrap().total()
        };
        assert_eq!(total(&["api-calls:1000"]), Some(300), "1,000 × 0.3¢ = $3.00");
        assert_eq!(total(&["api-calls:1"]), Some(0), "0.3¢ rounds to $0.00");
        assert_eq!(total(&["api-calls:2"]), Some(1), "0.6¢ rounds to 1¢");
        assert_eq!(total(&["api-calls:5"]), Some(2), "1.5¢ rounds half up to 2¢");
        // Stripe's own example: 30 × 0.05¢ = 1.5¢ → 2¢.
        assert_eq!(total(&["storage-mb:30"]), Some(2));
        // Each line is rounded before the lines are summed: 0.3¢ + 0.3¢ is not 1¢.
        assert_eq!(total(&["api-calls:1", "storage-mb:6", "setup"]), Some(5000));

        let mut tiered = price("usage", 0, "usd", None);
        tiered.terms.pricing = Pricing::Tiered {
            tiers_mode: crate::objects::TiersMode::Graduated,
            tiers: vec![
                crate::objects::Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: None },
                crate::objects::Tier { up_to: None, unit_amount: Some(decimal("0.3")), flat_amount: Some(100.into()) },
            ],
        };
        let cart = build_cart(&[spec("usage:2005")], &[tiered], Purchase::Session, &[], None).unwrap();
        // 1,000 free, then 1,005 × 0.3¢ = 301.5¢ plus the tier's flat $1.00: 401.5¢ → $4.02.
        assert_eq!(cart.total(), Some(402));
        assert_eq!(cart.money(402), "$4.02 USD");
    }

    /// Review item 1: huge quantities are refused before any request, in Stripe's words, with
    /// the limit in money form; an overflowing quantity names its line and is never "tiered".
    #[test]
    fn amounts_above_stripes_maximum_are_refused() {
        let found = [
            price("pro-monthly", 2900, "usd", Some(Interval::Month)),
            price("setup", 5000, "usd", None),
            price("yen", 100, "jpy", None),
        ];
        let build = |specs: &[&str]| {
            let specs: Vec<PriceSpec> = specs.iter().map(|text| spec(text)).collect();
            build_cart(&specs, &found, Purchase::Session, &[], None)
        };
        // $29 × 34,482 = $999,978.00: the largest that fits under $999,999.99.
        assert_eq!(build(&["pro-monthly:34482"]).unwrap().total(), Some(99_997_800));
        assert_eq!(
            message(build(&["pro-monthly:99999999999"])),
            "`pro-monthly` × 99999999999 ($2,899,999,999,971.00 USD) is more than Stripe charges at once: Stripe \
             refuses amounts above $999,999.99 USD (`amount_too_large`: \"Amount must be no more than $999,999.99 \
             USD\") || lower the quantity, or split the order into several checkouts; nothing was created | Stripe's \
             limits: https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts"
        );
        let overflow = message(build(&["pro-monthly:999999999999999999"]));
        assert!(
            overflow.starts_with(
                "`pro-monthly` × 999999999999999999 comes to more than Stripe charges at once: Stripe refuses \
                 amounts above $999,999.99 USD"
            ),
            "{overflow}"
        );
        // Each line fits, their sum does not.
        let total = message(build(&["pro-monthly:34482", "setup:20"]));
        assert!(total.starts_with("the total ($1,000,978.00 USD) is more than"), "{total}");
        // Zero-decimal: ¥99,999,999 is the limit.
        assert!(build(&["yen:999999"]).is_ok());
        assert!(message(build(&["yen:1000000"])).contains("above ¥99,999,999 JPY"));
    }

    #[test]
    fn mixed_currencies_are_refused() {
        let found = [price("a", 100, "usd", None), price("b", 100, "eur", None)];
        let text = message(build_cart(&[spec("a"), spec("b")], &found, Purchase::Session, &[], None));
        assert!(text.contains("different currencies"), "{text}");
        assert!(text.contains("`b` is EUR"), "{text}");
    }

    /// Issue #10: `--currency` charges each price's currency option, or is refused naming the
    /// currencies the prices do sell in.
    #[test]
    fn a_chosen_currency_uses_the_currency_options_or_is_refused() {
        use crate::objects::CurrencyOption;
        let eur = Currency::parse("eur").unwrap();
        let option = |amount| CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: MinorAmount::from(amount) },
            tax_behavior: TaxBehavior::Unspecified,
        };
        let mut setup = price("setup", 5000, "usd", None);
        setup.settings.currency_options.insert(eur, option(4500));
        let mut stickers = price("stickers", 700, "usd", None);
        stickers.settings.currency_options.insert(Currency::parse("gbp").unwrap(), option(600));
        let local = price("local", 900, "eur", None);
        let found = [setup, stickers, local];

        let cart = build_cart(&[spec("setup:2"), spec("local")], &found, Purchase::Session, &[], Some(eur)).unwrap();
        assert_eq!((cart.currency, cart.total()), (eur, Some(2 * 4500 + 900)));
        let text = message(build_cart(&[spec("setup"), spec("stickers")], &found, Purchase::Link, &[], Some(eur)));
        assert_eq!(
            text,
            "`stickers` (USD, GBP) has no price in EUR || available for every price here: USD | give the price a \
             `currency_options` entry for `eur` in the catalog and apply, or leave `--currency` out; nothing was created"
        );
        let text = message(build_cart(&[spec("stickers"), spec("local")], &found, Purchase::Session, &[], Some(eur)));
        assert!(
            text.starts_with("`stickers` (USD, GBP) has no price in EUR || these prices share no currency"),
            "{text}"
        );
    }

    #[test]
    fn mixed_intervals_are_refused() {
        let found = [price("m", 100, "usd", Some(Interval::Month)), price("y", 1000, "usd", Some(Interval::Year))];
        let text = message(build_cart(&[spec("m"), spec("y")], &found, Purchase::Link, &[], None));
        assert!(text.contains("`m` bills month but `y` bills year"), "{text}");
    }

    #[test]
    fn unknown_keys_suggest_close_ones() {
        let found = [price("pro-monthly", 2900, "usd", Some(Interval::Month))];
        let known = vec!["pro-monthly".to_string(), "pro-yearly".to_string(), "team".to_string()];
        let text = message(build_cart(&[spec("pro-montly")], &found, Purchase::Session, &known, None));
        assert_eq!(text, "no price has the key `pro-montly` || did you mean `pro-monthly` instead of `pro-montly`?");
        let text = message(build_cart(&[spec("pro")], &found, Purchase::Session, &known, None));
        assert!(text.contains("did you mean `pro-yearly` or `pro-monthly` instead of `pro`?"), "{text}");
        // A catalog key Stripe does not have yet is not "did you mean" itself.
        let text = message(build_cart(&[spec("pro-yearly")], &found, Purchase::Session, &known, None));
        assert_eq!(
            text,
            "no price has the key `pro-yearly` || `pro-yearly` is in the catalog but not in Stripe yet: `stripe-catalog apply` creates it"
        );
    }

    #[test]
    fn a_known_key_with_no_quantity_after_its_colon_says_so() {
        let found = [price("pro-monthly", 2900, "usd", Some(Interval::Month))];
        let known = vec!["pro-monthly".to_string()];
        let text = message(build_cart(&[spec("pro-monthly:abc")], &found, Purchase::Session, &known, None));
        assert_eq!(
            text,
            "`abc` in `--price pro-monthly:abc` is not a quantity || a quantity is a whole number after the colon, e.g. `--price pro-monthly:3`; without one it is 1"
        );
    }

    /// Issue #14 item 1: an active price of an archived product is refused before any request.
    #[test]
    fn prices_of_archived_products_are_refused() {
        let mut found =
            vec![price("pro-monthly", 2900, "usd", Some(Interval::Month)), price("setup", 5000, "usd", None)];
        found[1].product = "prod_2".into();
        let archived: std::collections::BTreeSet<String> = ["prod_1".to_string()].into();
        let err = refuse_archived_products(&[spec("pro-monthly"), spec("setup")], &found, &archived).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`pro-monthly` (price_pro-monthly, product `prod_1`) is not for sale: its product is archived"
        );
        assert!(refuse_archived_products(&[spec("setup")], &found, &archived).is_ok());
        assert!(refuse_archived_products(&[spec("pro-monthly")], &found, &Default::default()).is_ok());
    }

    #[test]
    fn archived_prices_are_refused_with_active_alternatives() {
        let mut old = price("pro-monthly-2023", 1900, "usd", Some(Interval::Month));
        old.settings.active = false;
        // A stale list of keys may still hold the archived key itself: it is never suggested.
        let known = vec!["pro-monthly".to_string(), "pro-monthly-2023".to_string()];
        let text = message(build_cart(&[spec("pro-monthly-2023")], &[old], Purchase::Session, &known, None));
        assert!(text.starts_with("`pro-monthly-2023` (price_pro-monthly-2023) is archived"), "{text}");
        assert!(text.contains("similar keys: `pro-monthly` |"), "{text}");
    }

    #[test]
    fn item_limits_follow_stripe() {
        let found: Vec<RemotePrice> = (0..101).map(|n| price(&format!("k{n}"), 100, "usd", None)).collect();
        let specs: Vec<PriceSpec> = (0..101).map(|n| spec(&format!("k{n}"))).collect();
        assert!(message(build_cart(&specs, &found, Purchase::Session, &[], None)).contains("at most 100"));
        assert!(build_cart(&specs[..100], &found, Purchase::Session, &[], None).is_ok());
        assert!(message(build_cart(&specs[..21], &found, Purchase::Link, &[], None)).contains("at most 20"));

        let mut recurring: Vec<RemotePrice> =
            (0..21).map(|n| price(&format!("r{n}"), 100, "usd", Some(Interval::Month))).collect();
        recurring.extend(found.iter().cloned());
        let mut specs: Vec<PriceSpec> = (0..21).map(|n| spec(&format!("r{n}"))).collect();
        assert!(message(build_cart(&specs, &recurring, Purchase::Session, &[], None)).contains("21 recurring"));
        specs.truncate(20);
        specs.extend((0..21).map(|n| spec(&format!("k{n}"))));
        assert!(message(build_cart(&specs, &recurring, Purchase::Session, &[], None)).contains("21 one-time"));
    }

    #[test]
    fn duplicates_and_metered_quantities_are_refused() {
        let mut metered = price("calls", 1, "usd", Some(Interval::Month));
        if let Some(recurring) = metered.terms.recurring.as_mut() {
            recurring.usage_type = UsageType::Metered;
        }
        let found = [price("a", 100, "usd", None), metered];
        assert!(
            message(build_cart(&[spec("a"), spec("a:2")], &found, Purchase::Session, &[], None))
                .contains("more than once")
        );
        assert!(message(build_cart(&[spec("calls:3")], &found, Purchase::Session, &[], None)).contains("metered"));
        let cart = build_cart(&[spec("calls")], &found, Purchase::Session, &[], None).unwrap();
        assert_eq!(cart.items[0].quantity, None);
        assert_eq!(cart.total(), None);
    }
}
