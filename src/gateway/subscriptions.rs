//! The subscription calls: a page of subscriptions (customers expanded, for their emails), one
//! subscription, the price ids a lookup key names, and moving a subscription item to another
//! price (a price migration, `on_replace: migrate`).

use serde::Deserialize;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError, Written};
use crate::listing::Page;
use crate::subscriptions::{InvoiceSummary, Subscription, SubscriptionDetail, SubscriptionFilter, SubscriptionItem};

impl Gateway {
    /// One page of subscriptions, newest first, filtered by Stripe (`customer`, `price`,
    /// `status`), customers expanded.
    ///
    /// # Errors
    /// When the request fails or a subscription cannot be read.
    pub async fn list_subscriptions(
        &self,
        filter: &SubscriptionFilter,
        page_size: u8,
        starting_after: Option<&str>,
    ) -> Result<Page<Subscription>, GatewayError> {
        let mut query = Pairs::new();
        push(&mut query, "limit", page_size);
        push(&mut query, "expand[]", "data.customer");
        if let Some(customer) = &filter.customer {
            push(&mut query, "customer", customer);
        }
        if let Some(price) = &filter.price {
            push(&mut query, "price", price);
        }
        if let Some(status) = filter.status {
            push(&mut query, "status", status);
        }
        if let Some(after) = starting_after {
            push(&mut query, "starting_after", after);
        }
        let page: WirePage<WireSubscription> = self.get_json("list subscriptions", "/subscriptions", &query).await?;
        Ok(page.into_page(Subscription::from, |subscription| &subscription.id))
    }

    /// One subscription with its customer and latest invoice, or `None` when Stripe has no
    /// such subscription.
    ///
    /// # Errors
    /// When the request fails for another reason.
    pub async fn subscription(&self, id: &str) -> Result<Option<SubscriptionDetail>, GatewayError> {
        let operation = format!("read subscription `{id}`");
        let mut query = Pairs::new();
        push(&mut query, "expand[]", "customer");
        push(&mut query, "expand[]", "latest_invoice");
        let wire: WireSubscription = match self.get_json(&operation, &format!("/subscriptions/{id}"), &query).await {
            Ok(wire) => wire,
            Err(err) if err.status() == Some(404) => return Ok(None),
            Err(err) => return Err(err),
        };
        let latest_invoice = match &wire.latest_invoice {
            Some(WireIdField::Invoice(invoice)) => Some(InvoiceSummary {
                id: invoice.id.clone(),
                status: invoice.status.clone(),
                number: invoice.number.clone(),
                amount_due: invoice.amount_due,
                amount_paid: invoice.amount_paid,
                currency: invoice.currency.clone(),
            }),
            _ => None,
        };
        Ok(Some(SubscriptionDetail { subscription: Subscription::from(wire), latest_invoice }))
    }

    /// The ids of the prices with lookup key `key`, active and archived: two requests, as
    /// Stripe lists only active prices unless `active=false` asks for the archived ones.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn price_ids_with_lookup_key(&self, key: &str) -> Result<Vec<String>, GatewayError> {
        let operation = format!("find the prices with lookup key `{key}`");
        let mut ids = Vec::new();
        for active in ["true", "false"] {
            let mut query = Pairs::new();
            push(&mut query, "limit", 100);
            push(&mut query, "active", active);
            push(&mut query, "lookup_keys[]", key);
            let page: WirePage<WireId> = self.get_json(&operation, "/prices", &query).await?;
            ids.extend(page.data.into_iter().map(|price| price.id));
        }
        Ok(ids)
    }
}

#[derive(Deserialize)]
struct WireId {
    id: String,
}

#[derive(Deserialize)]
struct WireCustomer {
    id: String,
    email: Option<String>,
}

/// An id, or the object itself when expanded.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireCustomerField {
    Id(String),
    Object(WireCustomer),
}

#[derive(Deserialize)]
struct WireInvoice {
    id: String,
    status: String,
    number: Option<String>,
    amount_due: i64,
    amount_paid: i64,
    currency: String,
}

/// The latest invoice: an id, or the invoice when expanded.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireIdField {
    Id(String),
    Invoice(WireInvoice),
}

#[derive(Deserialize)]
struct WireRecurring {
    interval: Option<String>,
    interval_count: Option<u32>,
}

#[derive(Deserialize)]
struct WirePrice {
    id: String,
    lookup_key: Option<String>,
    unit_amount: Option<i64>,
    currency: String,
    recurring: Option<WireRecurring>,
}

#[derive(Deserialize)]
struct WireItem {
    id: String,
    price: WirePrice,
    #[serde(default)]
    quantity: Option<u64>,
    #[serde(default)]
    current_period_start: i64,
    #[serde(default)]
    current_period_end: i64,
}

#[derive(Deserialize)]
pub(super) struct WireSubscription {
    id: String,
    created: i64,
    status: String,
    customer: Option<WireCustomerField>,
    items: WirePage<WireItem>,
    #[serde(default)]
    cancel_at_period_end: bool,
    latest_invoice: Option<WireIdField>,
}

impl From<WireSubscription> for Subscription {
    fn from(wire: WireSubscription) -> Subscription {
        let (customer, email) = match wire.customer {
            Some(WireCustomerField::Id(id)) => (Some(id), None),
            Some(WireCustomerField::Object(customer)) => (Some(customer.id), customer.email),
            None => (None, None),
        };
        let items = wire
            .items
            .data
            .into_iter()
            .map(|item| {
                let recurring = item.price.recurring;
                SubscriptionItem {
                    id: item.id,
                    price: item.price.id,
                    lookup_key: item.price.lookup_key,
                    unit_amount: item.price.unit_amount,
                    currency: item.price.currency,
                    interval: recurring.as_ref().and_then(|recurring| recurring.interval.clone()),
                    interval_count: recurring.and_then(|recurring| recurring.interval_count).unwrap_or(1),
                    quantity: item.quantity.unwrap_or(1),
                    current_period_start: item.current_period_start,
                    current_period_end: item.current_period_end,
                }
            })
            .collect();
        let latest_invoice = wire.latest_invoice.map(|invoice| match invoice {
            WireIdField::Id(id) => id,
            WireIdField::Invoice(invoice) => invoice.id,
        });
        Subscription {
            id: wire.id,
            created: wire.created,
            status: wire.status,
            customer,
            email,
            items,
            cancel_at_period_end: wire.cancel_at_period_end,
            latest_invoice,
        }
    }
}

/// The statuses of a subscription whose items a price migration moves. Left out: `canceled`
/// ("A canceled subscription can only update its cancellation_details and metadata"),
/// `incomplete_expired` (terminal), and `incomplete`, which "can only have metadata and
/// default_source updated" (docs.stripe.com/api/subscriptions/object#subscription_object-status).
pub const MIGRATABLE_STATUSES: &[&str] = &["active", "trialing", "past_due", "unpaid", "paused"];

/// A subscription item moved to another price: `POST /v1/subscription_items/{item}` answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedItem {
    /// `si_…`.
    pub item: String,
    /// The price the item is on now, as Stripe answered (a replayed answer shows it as it was
    /// then: see [`Gateway::subscription_item_price`]).
    pub price: String,
    /// Stripe's `Request-Id`.
    pub request_id: Option<String>,
    /// The answer was a replay of the idempotency key's first response.
    pub replayed: bool,
}

#[derive(Deserialize)]
struct WireMovedItem {
    id: String,
    price: WireId,
}

impl Gateway {
    /// Moves subscription item `item` to `price` with `proration_behavior=none`, so the
    /// customer pays the new price from the next renewal and nothing is invoiced now
    /// (docs.stripe.com/api/subscription_items/update). The billing cycle stays: callers only
    /// move between prices of the same interval, interval count, currency and usage type.
    ///
    /// # Errors
    /// Stripe's refusal (a canceled subscription, an archived price) or a transport failure.
    pub async fn move_subscription_item(
        &self,
        item: &str,
        price: &str,
        idempotency_key: &str,
    ) -> Result<MovedItem, GatewayError> {
        let mut form = Pairs::new();
        push(&mut form, "price", price);
        push(&mut form, "proration_behavior", "none");
        let written: Written<WireMovedItem> = self
            .post_written(
                &format!("move subscription item `{item}` to price `{price}`"),
                &format!("/subscription_items/{item}"),
                &form,
                idempotency_key,
            )
            .await?;
        Ok(MovedItem {
            item: written.object.id,
            price: written.object.price.id,
            request_id: written.request_id,
            replayed: written.replayed,
        })
    }

    /// The price item `item` of subscription `subscription` is on now; `None` when the
    /// subscription or the item is gone.
    ///
    /// # Errors
    /// When the request fails for another reason than a missing subscription.
    pub async fn subscription_item_price(
        &self,
        subscription: &str,
        item: &str,
    ) -> Result<Option<String>, GatewayError> {
        let operation = format!("read subscription `{subscription}`");
        let wire: WireSubscription =
            match self.get_json(&operation, &format!("/subscriptions/{subscription}"), &Pairs::new()).await {
                Ok(wire) => wire,
                Err(err) if err.status() == Some(404) => return Ok(None),
                Err(err) => return Err(err),
            };
        Ok(wire.items.data.into_iter().find(|found| found.id == item).map(|found| found.price.id))
    }
}
