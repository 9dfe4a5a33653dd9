//! What a plan's replaces and archives touch: the subscriptions on a price and the active
//! Payment Links selling it. Read only for the prices a plan replaces or archives.

use serde::Deserialize;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError};

/// One subscription item on a price, as the impact needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscribedItem {
    /// The subscription's id (`sub_…`).
    pub subscription: String,
    /// The item's id (`si_…`).
    pub item: String,
    /// The subscription's status (`active`, `trialing`, `past_due`, `canceled`, …).
    pub status: String,
    pub currency: String,
    /// `None` for a price without a flat unit amount (tiered, decimal).
    pub unit_amount: Option<i64>,
    /// `day`, `week`, `month` or `year`; `None` for a one-time price.
    pub interval: Option<String>,
    pub interval_count: u64,
    pub quantity: u64,
}

/// An active Payment Link and the prices it sells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SellingLink {
    pub id: String,
    pub url: String,
    pub prices: Vec<String>,
}

#[derive(Deserialize)]
struct WireSubscription {
    id: String,
    status: String,
    items: WirePage<WireItem>,
}

#[derive(Deserialize)]
struct WireItem {
    id: String,
    price: WirePrice,
    #[serde(default)]
    quantity: Option<u64>,
}

#[derive(Deserialize)]
struct WirePrice {
    id: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    unit_amount: Option<i64>,
    #[serde(default)]
    recurring: Option<WireRecurring>,
}

#[derive(Deserialize)]
struct WireRecurring {
    interval: String,
    #[serde(default = "one")]
    interval_count: u64,
}

fn one() -> u64 {
    1
}

#[derive(Deserialize)]
struct WireLink {
    id: String,
    url: String,
    #[serde(default)]
    line_items: Option<WirePage<WireLineItem>>,
}

#[derive(Deserialize)]
struct WireLineItem {
    price: WirePriceId,
}

#[derive(Deserialize)]
struct WirePriceId {
    id: String,
}

impl Gateway {
    /// Every item on `price` of every subscription (any status: one `status=all` list, paged
    /// at 100), and the number of requests it took.
    ///
    /// # Errors
    /// When a list request fails.
    pub async fn subscribed_items(&self, price: &str) -> Result<(Vec<SubscribedItem>, u32), GatewayError> {
        let mut items = Vec::new();
        let mut requests = 0;
        let mut starting_after: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "limit", 100);
            push(&mut query, "price", price);
            push(&mut query, "status", "all");
            if let Some(after) = &starting_after {
                push(&mut query, "starting_after", after);
            }
            requests += 1;
            let page: WirePage<WireSubscription> =
                self.get_json(&format!("list the subscriptions on price `{price}`"), "/subscriptions", &query).await?;
            starting_after = page.data.last().map(|subscription| subscription.id.clone());
            for subscription in page.data {
                let WireSubscription { id, status, items: subscription_items } = subscription;
                for item in subscription_items.data.into_iter().filter(|item| item.price.id == price) {
                    items.push(SubscribedItem {
                        subscription: id.clone(),
                        item: item.id,
                        status: status.clone(),
                        currency: item.price.currency,
                        unit_amount: item.price.unit_amount,
                        interval: item.price.recurring.as_ref().map(|recurring| recurring.interval.clone()),
                        interval_count: item.price.recurring.map_or(1, |recurring| recurring.interval_count),
                        quantity: item.quantity.unwrap_or(1),
                    });
                }
            }
            if !page.has_more || starting_after.is_none() {
                return Ok((items, requests));
            }
        }
    }

    /// The account's active Payment Links with the prices they sell (line items expanded, paged
    /// at 100), and the number of requests it took.
    ///
    /// # Errors
    /// When a list request fails.
    pub async fn active_links_with_prices(&self) -> Result<(Vec<SellingLink>, u32), GatewayError> {
        let mut links = Vec::new();
        let mut requests = 0;
        let mut starting_after: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "limit", 100);
            push(&mut query, "active", true);
            push(&mut query, "expand[]", "data.line_items");
            if let Some(after) = &starting_after {
                push(&mut query, "starting_after", after);
            }
            requests += 1;
            let page: WirePage<WireLink> = self.get_json("list active payment links", "/payment_links", &query).await?;
            starting_after = page.data.last().map(|link| link.id.clone());
            links.extend(page.data.into_iter().map(|link| {
                SellingLink {
                    prices: link
                        .line_items
                        .map(|items| items.data.into_iter().map(|item| item.price.id).collect())
                        .unwrap_or_default(),
                    id: link.id,
                    url: link.url,
                }
            }));
            if !page.has_more || starting_after.is_none() {
                return Ok((links, requests));
            }
        }
    }
}
