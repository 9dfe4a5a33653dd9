//! Payments (Stripe PaymentIntents) as support looks at them: the project's own types the
//! gateway fills, the filters of `payments list`, and the table / CSV / JSON renderings.

mod render;

pub use render::{detail_json, detail_text, payments_csv, payments_json, payments_ndjson, payments_table};

use serde::Serialize;

use crate::objects::Metadata;

/// One payment (PaymentIntent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: String,
    /// Unix seconds.
    pub created: i64,
    /// Requested, in minor units.
    pub amount: i64,
    /// Received so far, in minor units.
    pub amount_received: i64,
    /// Lowercase ISO code, as Stripe sends it.
    pub currency: String,
    /// Stripe's status: `succeeded`, `processing`, `requires_payment_method`, …
    pub status: String,
    pub customer: Option<String>,
    /// The customer's email (or the receipt email when there is no customer).
    pub email: Option<String>,
    pub description: Option<String>,
    pub metadata: Metadata,
    pub last_error: Option<PaymentError>,
}

/// Why the latest attempt to pay failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaymentError {
    /// e.g. `card_declined`.
    pub code: Option<String>,
    /// e.g. `insufficient_funds`.
    pub decline_code: Option<String>,
    pub message: Option<String>,
}

/// A payment with what `payments show` adds to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaymentDetail {
    #[serde(flatten)]
    pub payment: Payment,
    /// The Checkout Session the payment came from, if any.
    pub checkout_session: Option<String>,
    /// The Payment Link whose session it was, if any (`plink_…`).
    pub payment_link: Option<String>,
}

/// A customer, as far as payments need one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: String,
    pub email: Option<String>,
    pub name: Option<String>,
}

/// The filters Stripe applies to `GET /v1/payment_intents`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StripeFilter {
    pub customer: Option<String>,
    /// `created[gte]`, Unix seconds.
    pub created_gte: Option<i64>,
    /// `created[lt]`, Unix seconds.
    pub created_lt: Option<i64>,
}

/// Newest first, as Stripe lists; ties by id so merged lists are stable.
pub fn sort_newest_first(payments: &mut [Payment]) {
    payments.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
}
