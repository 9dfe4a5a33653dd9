//! Payments (Stripe PaymentIntents) as support looks at them: the project's own types the
//! gateway fills, the filters of `payments list`, and the table / CSV / JSON renderings.

mod render;

pub use render::{
    detail_json, detail_text, email_match_footer, payments_csv, payments_json, payments_ndjson, payments_table,
};

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
    /// What the customer must do before the payment can go on (`next_action.type`, e.g.
    /// `use_stripe_sdk` or `redirect_to_url` while 3-D Secure waits), when anything.
    pub next_action: Option<String>,
    /// How `payments list --email` found the payment; `None` for any other listing.
    pub matched_by: Option<MatchedBy>,
}

/// How a payment matched `payments list --email`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// Its customer's email is the address, in any case.
    Customer,
    /// It paid a Checkout Session whose `customer_details.email` is the address: a guest
    /// checkout, or one whose customer has another email now.
    CheckoutEmail,
}

impl MatchedBy {
    /// The spelling in JSON and CSV.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Customer => "customer",
            MatchedBy::CheckoutEmail => "checkout_email",
        }
    }
}

/// The customer's answer to a 3-D Secure challenge (`sandbox pay --authenticate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authentication {
    Complete,
    Fail,
}

impl Authentication {
    /// The sandbox's `outcome` spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Authentication::Complete => "complete",
            Authentication::Fail => "fail",
        }
    }
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
    /// The email typed on the Checkout page (`customer_details.email`): for a guest checkout,
    /// the only place Stripe keeps it.
    pub checkout_email: Option<String>,
    /// The invoice whose `payments` list this payment (a subscription's payment), if any.
    pub invoice: Option<String>,
    /// That invoice's subscription, if any.
    pub subscription: Option<String>,
}

/// A customer, as far as payments need one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: String,
    pub email: Option<String>,
    pub name: Option<String>,
}

/// What `payments list --email` matched: the address asked for and the customers with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailMatch {
    pub email: String,
    pub customers: Vec<Customer>,
}

/// The spellings of `email` to look for on Checkout Sessions, whose email filter is an exact
/// match: as typed, in lower case, and as each of `customers` has it (a guest who later became
/// a customer often typed the same), each once, in that order.
#[must_use]
pub fn email_spellings(email: &str, customers: &[Customer]) -> Vec<String> {
    let mut spellings: Vec<String> = Vec::new();
    let candidates = [email.to_string(), email.to_lowercase()]
        .into_iter()
        .chain(customers.iter().filter_map(|customer| customer.email.clone()));
    for candidate in candidates {
        if !spellings.contains(&candidate) {
            spellings.push(candidate);
        }
    }
    spellings
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

#[cfg(test)]
mod tests {
    use super::{Customer, email_spellings};

    #[test]
    fn spellings_are_as_typed_lower_case_and_the_customers_own_once_each() {
        let customer = |email: &str| Customer { id: "cus_1".into(), email: Some(email.into()), name: None };
        let customers = [customer("Jane@Example.com"), customer("jane@example.com")];
        assert_eq!(
            email_spellings("JANE@example.com", &customers),
            ["JANE@example.com", "jane@example.com", "Jane@Example.com"]
        );
        assert_eq!(email_spellings("jane@example.com", &[]), ["jane@example.com"]);
    }
}
