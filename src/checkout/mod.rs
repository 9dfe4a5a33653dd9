//! Checkout Sessions and Payment Links for support: what a support person asks for (prices by
//! catalog key, a customer, URLs), the checks that refuse a request Stripe would refuse before
//! anything is sent, and the summary shown afterwards.
//!
//! Everything here is pure; `commands/checkout.rs` does the I/O and `gateway/checkout.rs` the
//! Stripe calls.

mod args;
mod cart;
mod render;

pub use args::{MAX_EXPIRY, MIN_EXPIRY, parse_adjustable_quantity, parse_expires_in, parse_metadata, parse_price_spec};
pub use cart::{
    Cart, CartItem, MAX_LINK_ITEMS, MAX_PAYMENT_ITEMS, MAX_SUBSCRIPTION_ITEMS_PER_KIND, Purchase, build_cart,
    missing_prices, refuse_archived_products, unknown_prices_error,
};
pub use render::{link_rows_table, qr_code, session_summary};

use serde::Serialize;

use crate::objects::Metadata;

/// How a price is named on the command line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PriceRef {
    /// A catalog key, which is the price's Stripe `lookup_key`.
    LookupKey(String),
    /// A raw Stripe price id.
    Id(String),
}

impl PriceRef {
    /// The text the user typed (without any quantity).
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            PriceRef::LookupKey(text) | PriceRef::Id(text) => text,
        }
    }
}

/// One `--price KEY[:QTY]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceSpec {
    pub price: PriceRef,
    /// `None` when no quantity was given (1 for licensed prices; metered prices take none).
    pub quantity: Option<u64>,
}

/// `--adjustable-quantity MIN..MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AdjustableQuantity {
    pub minimum: u64,
    pub maximum: u64,
}

/// A Checkout Session's mode. The tool never sends `setup`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckoutMode {
    Payment,
    Subscription,
}

impl CheckoutMode {
    /// The Stripe spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CheckoutMode::Payment => "payment",
            CheckoutMode::Subscription => "subscription",
        }
    }
}

/// A line item as sent to Stripe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineItem {
    pub price_id: String,
    /// `None` for metered prices, which Stripe refuses a quantity for.
    pub quantity: Option<u64>,
    pub adjustable_quantity: Option<AdjustableQuantity>,
}

/// Who the session is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerRef {
    /// Pre-fills the email; Stripe creates or matches the customer at payment.
    Email(String),
    /// An existing customer.
    Id(String),
}

/// Everything `POST /v1/checkout/sessions` is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRequest {
    pub mode: CheckoutMode,
    pub line_items: Vec<LineItem>,
    pub customer: Option<CustomerRef>,
    pub success_url: String,
    pub cancel_url: Option<String>,
    /// Unix seconds.
    pub expires_at: Option<i64>,
    pub allow_promotion_codes: bool,
    pub trial_period_days: Option<u32>,
    pub client_reference_id: Option<String>,
    pub metadata: Metadata,
    /// What is bought, e.g. `pro-monthly × 1, seats × 5`: set on the resulting payment or
    /// subscription so `payments list` can show it.
    pub description: String,
}

/// A Checkout Session as Stripe returned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    pub id: String,
    /// Present only while the session is open.
    pub url: Option<String>,
    pub mode: String,
    pub status: Option<String>,
    /// Minor units.
    pub amount_total: Option<i64>,
    pub currency: Option<String>,
    /// Unix seconds.
    pub expires_at: i64,
    pub customer: Option<String>,
    pub customer_email: Option<String>,
    pub payment_intent: Option<String>,
}

/// Everything `POST /v1/payment_links` is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRequest {
    pub line_items: Vec<LineItem>,
    pub after_completion_url: Option<String>,
    pub allow_promotion_codes: bool,
    pub metadata: Metadata,
}

/// A Payment Link as Stripe returned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaymentLink {
    pub id: String,
    pub url: String,
    pub active: bool,
    pub metadata: Metadata,
    /// What it sells: each line item's lookup key (or price id, for a price without one) and
    /// quantity, in order. Empty when the list was read without line items.
    pub sells: Vec<(String, u64)>,
    /// When the tool made it (RFC 3339, UTC, from its metadata); `None` for links made
    /// elsewhere, since Stripe's payment link has no creation time.
    pub created: Option<String>,
}
