//! Subscriptions as support sees them: who pays for what, in which status, and when it renews.
//! In the API version used (`2026-09-30`), the billing period lives on each item
//! (`items.data[].current_period_start|end`), not on the subscription.

mod render;

pub use render::{
    detail_json, detail_text, subscriptions_csv, subscriptions_json, subscriptions_ndjson, subscriptions_table,
};

use serde::Serialize;

use crate::money::{Currency, format_money};

/// One subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub id: String,
    /// Unix seconds.
    pub created: i64,
    pub status: String,
    pub customer: Option<String>,
    /// The customer's email, when the customer came expanded.
    pub email: Option<String>,
    pub items: Vec<SubscriptionItem>,
    pub cancel_at_period_end: bool,
    /// The latest invoice's id.
    pub latest_invoice: Option<String>,
}

/// One item: a price times a quantity, with its own billing period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubscriptionItem {
    pub id: String,
    pub price: String,
    pub lookup_key: Option<String>,
    /// Minor units; `None` for prices without a unit amount (tiered, say).
    pub unit_amount: Option<i64>,
    pub currency: String,
    /// `day`, `week`, `month` or `year`.
    pub interval: Option<String>,
    pub interval_count: u32,
    pub quantity: u64,
    pub current_period_start: i64,
    pub current_period_end: i64,
}

/// An invoice as a subscription's detail names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvoiceSummary {
    pub id: String,
    /// `draft`, `open`, `paid`, `void` or `uncollectible`.
    pub status: String,
    pub number: Option<String>,
    pub amount_due: i64,
    pub amount_paid: i64,
    pub currency: String,
}

/// `subscriptions show`: a subscription and its latest invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionDetail {
    pub subscription: Subscription,
    pub latest_invoice: Option<InvoiceSummary>,
}

/// Stripe's filters for a subscription list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubscriptionFilter {
    pub customer: Option<String>,
    pub price: Option<String>,
    /// Stripe's `status` (`all` and `ended` included); `None`: Stripe's default.
    pub status: Option<&'static str>,
}

impl Subscription {
    /// The current billing period: the earliest start and end among the items (they share
    /// one interval, so they agree unless an item was added mid-period).
    #[must_use]
    pub fn current_period(&self) -> Option<(i64, i64)> {
        let start = self.items.iter().map(|item| item.current_period_start).min()?;
        let end = self.items.iter().map(|item| item.current_period_end).min()?;
        Some((start, end))
    }

    /// What the next regular invoice charges: the sum of unit amount × quantity over the items,
    /// per currency (items share one). `None` when an item has no unit amount.
    #[must_use]
    pub fn next_amount(&self) -> Option<(i64, String)> {
        let currency = self.items.first()?.currency.clone();
        let mut total: i64 = 0;
        for item in &self.items {
            let quantity = i64::try_from(item.quantity).ok()?;
            total = total.checked_add(item.unit_amount?.checked_mul(quantity)?)?;
        }
        Some((total, currency))
    }
}

impl SubscriptionItem {
    /// `2 × pro-monthly $29.00 USD/month` (the price id when it has no lookup key).
    #[must_use]
    pub fn describe(&self) -> String {
        let name = self.lookup_key.as_deref().unwrap_or(&self.price);
        let amount =
            self.unit_amount.map_or_else(|| "(no unit amount)".to_string(), |unit| money(unit, &self.currency));
        let interval = match (self.interval.as_deref(), self.interval_count) {
            (Some(interval), 1) => format!("/{interval}"),
            (Some(interval), count) => format!(" every {count} {interval}s"),
            (None, _) => String::new(),
        };
        let quantity = if self.quantity == 1 { String::new() } else { format!("{} × ", self.quantity) };
        format!("{quantity}{name} {amount}{interval}")
    }
}

/// An amount in money form, or the raw minor units and code for a currency the tool does not
/// know.
#[must_use]
pub fn money(minor: i64, currency: &str) -> String {
    match Currency::parse(currency) {
        Ok(currency) => format_money(minor, currency),
        Err(_) => format!("{minor} {} (minor units)", currency.to_uppercase()),
    }
}

/// Newest first, so merged lists read like one; a stable sort, so ties keep Stripe's order.
pub fn sort_newest_first(subscriptions: &mut [Subscription]) {
    subscriptions.sort_by_key(|subscription| std::cmp::Reverse(subscription.created));
}
