//! What a replace does to the old price's subscribers: whether `on_replace: migrate` may move
//! them, and the revert rule (an archived price with the catalog's terms is reactivated
//! instead of a new one created). Pure functions over the prices they are given, so a plan
//! that reads fewer archived prices (only the products whose plan replaces a price) keeps
//! the same rule.

use crate::objects::{DesiredPrice, PriceTerms, RemotePrice, UsageType};

use super::remote_settings;

/// Why `on_replace: migrate` cannot move subscriptions from a price with terms `old` to one
/// with terms `new`, or `None` when it can. Moving an item to a price with another interval,
/// interval count or usage type resets the billing cycle or changes how usage is charged, and
/// a subscription has one currency (docs.stripe.com/billing/subscriptions/change-price:
/// "changing the billing interval … resets the billing cycle"; docs.stripe.com/api/subscriptions/update:
/// all items of a subscription share its currency).
#[must_use]
pub fn migration_problem(old: &PriceTerms, new: &PriceTerms) -> Option<String> {
    let (Some(from), Some(to)) = (&old.recurring, &new.recurring) else {
        return Some(match (&old.recurring, &new.recurring) {
            (None, _) => "the old price is one-time, so no subscription is on it: there is nothing to move".to_string(),
            _ => "the new price is one-time: a subscription item needs a recurring price".to_string(),
        });
    };
    let mut problems = Vec::new();
    if old.currency != new.currency {
        problems.push(format!(
            "the currency changes ({} → {}): a subscription bills in one currency",
            old.currency.code().to_ascii_uppercase(),
            new.currency.code().to_ascii_uppercase()
        ));
    }
    if from.interval != to.interval || from.interval_count != to.interval_count {
        problems.push(format!(
            "the billing interval changes (every {} {} → every {} {}): moving would reset every billing cycle",
            from.interval_count,
            from.interval.as_str(),
            to.interval_count,
            to.interval.as_str()
        ));
    }
    if from.usage_type != to.usage_type {
        problems.push(format!(
            "the usage type changes ({} → {}): customers would be charged another way",
            usage(from.usage_type),
            usage(to.usage_type)
        ));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// The archived price a catalog price reverts to: among `archived` (archived prices the tool
/// manages), one of `product` whose terms equal `desired`'s in everything a replace compares
/// (currency, amount or tiers, recurring, transform quantity, tax behaviour, currency options),
/// so that reactivating it gives exactly what the catalog asks. The newest wins when several do.
#[must_use]
pub fn revert_target<'p>(
    archived: &[&'p RemotePrice],
    product: &str,
    desired: &DesiredPrice,
) -> Option<&'p RemotePrice> {
    archived
        .iter()
        .copied()
        .filter(|price| price.managed && !price.settings.active && price.product == product)
        .filter(|price| price.terms == desired.terms)
        .filter(|price| price.settings.tax_behavior == desired.settings.tax_behavior)
        .filter(|price| remote_settings(price).currency_options == desired.settings.currency_options)
        .max_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)))
}

fn usage(usage_type: UsageType) -> &'static str {
    match usage_type {
        UsageType::Licensed => "licensed",
        UsageType::Metered => "metered",
    }
}
