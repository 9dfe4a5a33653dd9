//! Who pays the old price: for each price a plan replaces or archives, the subscriptions on it
//! (by status, with the monthly amount they represent) and the active Payment Links that sell
//! it. Read after the pure diff, only for those prices, and attached to the plan for rendering:
//! an unchanged catalog costs no request here.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use super::{Change, Plan};
use crate::gateway::{Gateway, GatewayError, SellingLink, SubscribedItem};

/// The impact of a plan's replaces and archives, by old price id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanImpact {
    /// The requests reading it cost.
    pub requests: u32,
    /// By the Stripe id of the price replaced or archived.
    pub prices: BTreeMap<String, Impact>,
    /// The reads Stripe refused (403: a restricted key without the permission), so what they
    /// would have shown is unknown. Both are optional: the plan is made without them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<UnknownRead>,
}

/// A read of the impact that the API key may not make, and the restricted-key permission it
/// needs (Stripe Dashboard > Developers > API keys > restricted key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownRead {
    /// `subscriptions` or `payment_links`.
    pub read: String,
    /// The permission, as the Dashboard names it: `Subscriptions: read`.
    pub permission: String,
}

impl UnknownRead {
    fn subscriptions() -> UnknownRead {
        UnknownRead { read: "subscriptions".to_string(), permission: "Subscriptions: read".to_string() }
    }

    fn payment_links() -> UnknownRead {
        UnknownRead { read: "payment_links".to_string(), permission: "Payment Links: read".to_string() }
    }

    /// `unknown: the key cannot read subscriptions (needs Subscriptions: read)`.
    #[must_use]
    pub fn note(&self) -> String {
        format!("unknown: the key cannot read {} (needs {})", self.read.replace('_', " "), self.permission)
    }
}

/// What replacing or archiving one price touches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    pub subscriptions: StatusCounts,
    /// What those subscriptions bring in a month, per currency.
    pub monthly_amount: Vec<MonthlyAmount>,
    /// Active Payment Links selling the price: they stop working once it is archived.
    pub payment_links: Vec<LinkRef>,
    /// Set when the key may not list subscriptions: `subscriptions` and `monthly_amount` are
    /// then zero and empty because they are unknown, not because nobody pays.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subscriptions_unknown: bool,
    /// Set when the key may not list Payment Links: `payment_links` is then unknown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub payment_links_unknown: bool,
}

impl Impact {
    /// Whether nobody pays it and nothing sells it, as far as is known.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.subscriptions.total() == 0
            && self.payment_links.is_empty()
            && !self.subscriptions_unknown
            && !self.payment_links_unknown
    }
}

/// Subscriptions still billing on the price, by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    pub active: u64,
    pub trialing: u64,
    pub past_due: u64,
}

impl StatusCounts {
    #[must_use]
    pub fn total(&self) -> u64 {
        self.active + self.trialing + self.past_due
    }
}

/// A monthly amount in minor units. `estimate` when it was normalised from another interval
/// (yearly ÷ 12, weekly × 52/12, daily × 365/12) or a price has no flat unit amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyAmount {
    pub currency: String,
    pub minor: i64,
    pub estimate: bool,
}

/// A Payment Link, by id and URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    pub id: String,
    pub url: String,
}

/// The Stripe ids of the prices the plan replaces or archives, in order.
#[must_use]
pub fn touched_prices(plan: &Plan) -> BTreeSet<String> {
    plan.actions
        .iter()
        .filter_map(|action| match &action.change {
            Change::CreatePrice { replaces: Some(replaced), .. }
            | Change::ReactivatePrice { replaces: Some(replaced), .. } => Some(replaced.price.clone()),
            Change::ArchivePrice { price, .. } | Change::MigrateSubscriptions { from: price, .. } => {
                Some(price.clone())
            }
            _ => None,
        })
        .collect()
}

/// Reads the impact for the prices the plan replaces or archives and attaches it to the plan:
/// one `status=all` subscription list per price, and one list of active Payment Links for the
/// whole account. Nothing is read when the plan replaces and archives nothing.
///
/// A read Stripe refuses with 403 (a restricted key made for Products and Prices only) leaves
/// that part of the impact unknown, recorded in [`PlanImpact::unknown`]: the plan is still made.
///
/// # Errors
/// When a list request fails otherwise, or when the plan migrates subscriptions
/// (`on_replace: migrate`) and the key may not list them: a migration cannot be planned blind.
pub async fn attach(gateway: &Gateway, plan: &mut Plan) -> Result<()> {
    let prices = touched_prices(plan);
    if prices.is_empty() {
        return Ok(());
    }
    let reads = prices.iter().map(|price| async move { permitted(gateway.subscribed_items(price).await) });
    let links = async { permitted(gateway.active_links_with_prices().await) };
    let (subscribed, links) = tokio::try_join!(futures_util::future::try_join_all(reads), links)?;
    let mut unknown = Vec::new();
    let subscriptions_unknown = subscribed.iter().any(Read::refused);
    if subscriptions_unknown {
        unknown.push(UnknownRead::subscriptions());
        if let Some(from) = plan.actions.iter().find_map(|action| match &action.change {
            Change::MigrateSubscriptions { from, .. } => Some(from.clone()),
            _ => None,
        }) {
            bail!(
                "`on_replace: migrate` moves the subscriptions on price `{from}` to the new price, and Stripe refused \
                 to list them (403): a restricted key needs Subscriptions: read and write to migrate them; \
                 add that permission to the key, or use `on_replace: keep`"
            );
        }
    }
    let payment_links_unknown = links.refused();
    if payment_links_unknown {
        unknown.push(UnknownRead::payment_links());
    }
    let (links, mut requests) = links.found();
    let mut impact = BTreeMap::new();
    for (price, read) in prices.into_iter().zip(subscribed) {
        let (items, item_requests) = read.found();
        requests += item_requests;
        let mut summary = summarise(&price, &items, &links);
        summary.subscriptions_unknown = subscriptions_unknown;
        summary.payment_links_unknown = payment_links_unknown;
        impact.insert(price, summary);
    }
    // A migration shows how many subscriptions it moves.
    for action in &mut plan.actions {
        if let Change::MigrateSubscriptions { from, subscriptions, .. } = &mut action.change {
            *subscriptions = impact.get(from.as_str()).map(|found: &Impact| found.subscriptions.total());
        }
    }
    plan.impact = Some(PlanImpact { requests, prices: impact, unknown });
    Ok(())
}

/// A list read of the impact: what it found, or Stripe's 403 refusal of it.
enum Read<T> {
    Found(Vec<T>, u32),
    /// One request, refused.
    Refused,
}

impl<T> Read<T> {
    fn refused(&self) -> bool {
        matches!(self, Read::Refused)
    }

    /// What was found (nothing when refused) and the requests it cost.
    fn found(self) -> (Vec<T>, u32) {
        match self {
            Read::Found(found, requests) => (found, requests),
            Read::Refused => (Vec::new(), 1),
        }
    }
}

/// A 403 (`permission_error`, or the key lacks the endpoint's permission) is set aside; any
/// other failure ends the read.
fn permitted<T>(read: Result<(Vec<T>, u32), GatewayError>) -> Result<Read<T>, GatewayError> {
    match read {
        Ok((found, requests)) => Ok(Read::Found(found, requests)),
        Err(err) if err.status() == Some(403) => Ok(Read::Refused),
        Err(err) => Err(err),
    }
}

/// The impact on `price` of its subscription items and the account's active links (pure).
#[must_use]
pub fn summarise(price: &str, items: &[SubscribedItem], links: &[SellingLink]) -> Impact {
    let mut counts = StatusCounts::default();
    // Per currency: the sum and whether any part of it is an estimate.
    let mut amounts: BTreeMap<String, (i128, bool)> = BTreeMap::new();
    for item in items {
        match item.status.as_str() {
            "active" => counts.active += 1,
            "trialing" => counts.trialing += 1,
            "past_due" => counts.past_due += 1,
            _ => continue,
        }
        let (minor, estimate) = monthly_minor(item);
        let entry = amounts.entry(item.currency.clone()).or_insert((0, false));
        entry.0 += minor;
        entry.1 |= estimate;
    }
    let monthly_amount = amounts
        .into_iter()
        .map(|(currency, (minor, estimate))| MonthlyAmount {
            currency,
            minor: i64::try_from(minor).unwrap_or(i64::MAX),
            estimate,
        })
        .collect();
    let payment_links = links
        .iter()
        .filter(|link| link.prices.iter().any(|sold| sold == price))
        .map(|link| LinkRef { id: link.id.clone(), url: link.url.clone() })
        .collect();
    Impact { subscriptions: counts, monthly_amount, payment_links, ..Impact::default() }
}

/// One item's amount per month in minor units, rounded, and whether it is an estimate.
fn monthly_minor(item: &SubscribedItem) -> (i128, bool) {
    let Some(unit_amount) = item.unit_amount else { return (0, true) };
    let per_period = i128::from(unit_amount) * i128::from(item.quantity);
    let count = i128::from(item.interval_count.max(1));
    // A month is numerator / denominator periods.
    let (numerator, denominator) = match item.interval.as_deref() {
        Some("month") => (1, count),
        Some("year") => (1, 12 * count),
        Some("week") => (52, 12 * count),
        Some("day") => (365, 12 * count),
        _ => return (0, true),
    };
    let scaled = per_period * numerator;
    let exact = item.interval.as_deref() == Some("month") && scaled % denominator == 0;
    // Rounded half away from zero.
    let rounded = (2 * scaled + denominator * scaled.signum()) / (2 * denominator);
    (rounded, !exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(status: &str, amount: i64, interval: &str, quantity: u64) -> SubscribedItem {
        SubscribedItem {
            subscription: "sub_1".to_string(),
            item: "si_1".to_string(),
            status: status.to_string(),
            currency: "usd".to_string(),
            unit_amount: Some(amount),
            interval: Some(interval.to_string()),
            interval_count: 1,
            quantity,
        }
    }

    #[test]
    fn intervals_are_normalised_to_a_month_and_marked_as_estimates() {
        assert_eq!(monthly_minor(&item("active", 2900, "month", 3)), (8700, false));
        assert_eq!(monthly_minor(&item("active", 12000, "year", 1)), (1000, true));
        assert_eq!(monthly_minor(&item("active", 1200, "week", 1)), (5200, true));
        assert_eq!(monthly_minor(&item("active", 100, "day", 1)), (3042, true));
        let mut quarterly = item("active", 3000, "month", 1);
        quarterly.interval_count = 3;
        assert_eq!(monthly_minor(&quarterly), (1000, false));
    }

    #[test]
    fn only_billing_statuses_count_and_only_links_selling_the_price() {
        let items = [
            item("active", 2900, "month", 1),
            item("past_due", 2900, "month", 2),
            item("trialing", 2900, "month", 1),
            item("canceled", 2900, "month", 1),
        ];
        let links = [
            SellingLink { id: "plink_1".into(), url: "https://x/1".into(), prices: vec!["price_a".into()] },
            SellingLink { id: "plink_2".into(), url: "https://x/2".into(), prices: vec!["price_b".into()] },
        ];
        let impact = summarise("price_a", &items, &links);
        assert_eq!(impact.subscriptions, StatusCounts { active: 1, trialing: 1, past_due: 1 });
        assert_eq!(
            impact.monthly_amount,
            vec![MonthlyAmount { currency: "usd".into(), minor: 11600, estimate: false }]
        );
        assert_eq!(impact.payment_links, vec![LinkRef { id: "plink_1".into(), url: "https://x/1".into() }]);
    }
}
