//! The payment calls: PaymentIntents (one page or all), one PaymentIntent with the Checkout
//! Session it came from, and customers by email.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError};
use crate::payments::{Customer, Payment, PaymentDetail, PaymentError, StripeFilter};

/// One page of payments and where the next one starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentPage {
    pub payments: Vec<Payment>,
    /// The cursor for the next page, when there is one.
    pub next: Option<String>,
}

impl Gateway {
    /// One page of PaymentIntents, newest first, filtered by Stripe; customers are expanded so
    /// each payment carries its customer's email.
    ///
    /// # Errors
    /// When the request fails or a payment cannot be read.
    pub async fn list_payments(
        &self,
        filter: &StripeFilter,
        page_size: u8,
        starting_after: Option<&str>,
    ) -> Result<PaymentPage, GatewayError> {
        let mut query = Pairs::new();
        push(&mut query, "limit", page_size);
        push(&mut query, "expand[]", "data.customer");
        if let Some(customer) = &filter.customer {
            push(&mut query, "customer", customer);
        }
        if let Some(gte) = filter.created_gte {
            push(&mut query, "created[gte]", gte);
        }
        if let Some(lt) = filter.created_lt {
            push(&mut query, "created[lt]", lt);
        }
        if let Some(after) = starting_after {
            push(&mut query, "starting_after", after);
        }
        let page: WirePage<WireIntent> = self.get_json("list payments", "/payment_intents", &query).await?;
        let payments: Vec<Payment> = page.data.into_iter().map(Payment::from).collect();
        let next = if page.has_more { payments.last().map(|payment| payment.id.clone()) } else { None };
        Ok(PaymentPage { payments, next })
    }

    /// One payment with the Checkout Session it came from, or `None` when Stripe has no such
    /// payment.
    ///
    /// # Errors
    /// When a request fails for another reason.
    pub async fn payment(&self, id: &str) -> Result<Option<PaymentDetail>, GatewayError> {
        let operation = format!("read payment `{id}`");
        let mut query = Pairs::new();
        push(&mut query, "expand[]", "customer");
        let intent: WireIntent = match self.get_json(&operation, &format!("/payment_intents/{id}"), &query).await {
            Ok(intent) => intent,
            Err(err) if err.status() == Some(404) => return Ok(None),
            Err(err) => return Err(err),
        };
        let mut query = Pairs::new();
        push(&mut query, "payment_intent", id);
        push(&mut query, "limit", 1);
        let sessions: WirePage<WireSessionRef> =
            self.get_json(&format!("find the checkout session of `{id}`"), "/checkout/sessions", &query).await?;
        let session = sessions.data.into_iter().next();
        Ok(Some(PaymentDetail {
            payment: intent.into(),
            payment_link: session.as_ref().and_then(|session| session.payment_link.clone()),
            checkout_session: session.map(|session| session.id),
        }))
    }

    /// Every customer with exactly this email, newest first.
    ///
    /// # Errors
    /// When a list request fails.
    pub async fn customers_by_email(&self, email: &str) -> Result<Vec<Customer>, GatewayError> {
        let mut customers = Vec::new();
        let mut starting_after: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "email", email);
            push(&mut query, "limit", 100);
            if let Some(after) = &starting_after {
                push(&mut query, "starting_after", after);
            }
            let page: WirePage<WireCustomer> = self.get_json("find customers by email", "/customers", &query).await?;
            starting_after = page.data.last().map(|customer| customer.id.clone());
            customers.extend(page.data.into_iter().map(|wire| Customer {
                id: wire.id,
                email: wire.email,
                name: wire.name,
            }));
            if !page.has_more || starting_after.is_none() {
                return Ok(customers);
            }
        }
    }
}

#[derive(Deserialize)]
struct WireCustomer {
    id: String,
    email: Option<String>,
    name: Option<String>,
}

/// `customer` is an id, or the customer itself when expanded.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireCustomerField {
    Id(String),
    Object(WireCustomer),
}

#[derive(Deserialize)]
struct WireError {
    code: Option<String>,
    decline_code: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct WireIntent {
    id: String,
    created: i64,
    amount: i64,
    #[serde(default)]
    amount_received: i64,
    currency: String,
    status: String,
    customer: Option<WireCustomerField>,
    receipt_email: Option<String>,
    description: Option<String>,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
    last_payment_error: Option<WireError>,
}

impl From<WireIntent> for Payment {
    fn from(wire: WireIntent) -> Payment {
        let (customer, customer_email) = match wire.customer {
            Some(WireCustomerField::Id(id)) => (Some(id), None),
            Some(WireCustomerField::Object(customer)) => (Some(customer.id), customer.email),
            None => (None, None),
        };
        Payment {
            id: wire.id,
            created: wire.created,
            amount: wire.amount,
            amount_received: wire.amount_received,
            currency: wire.currency,
            status: wire.status,
            customer,
            email: customer_email.or(wire.receipt_email),
            description: wire.description.filter(|text| !text.is_empty()),
            metadata: wire.metadata,
            last_error: wire.last_payment_error.map(|error| PaymentError {
                code: error.code,
                decline_code: error.decline_code,
                message: error.message,
            }),
        }
    }
}

/// What `sandbox pay` did: the session afterwards and the payment it made, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxPayment {
    pub session_id: String,
    /// `open` (declined or needs authentication), `complete`.
    pub session_status: String,
    pub customer: Option<String>,
    pub payment: Option<Payment>,
}

#[derive(Deserialize)]
struct WirePaidSession {
    id: String,
    status: String,
    customer: Option<String>,
    payment_intent: Option<WireIntent>,
}

impl Gateway {
    /// Pays an open checkout session with a test card, through the sandbox's
    /// `test_helpers` endpoint (Stripe itself has none: only the sandbox answers this).
    ///
    /// # Errors
    /// When the session is not open, the card is unknown, or the server is not the sandbox.
    pub async fn sandbox_pay(
        &self,
        session_id: &str,
        card: &str,
        email: Option<&str>,
        idempotency_key: &str,
    ) -> Result<SandboxPayment, GatewayError> {
        let operation = format!("pay checkout session `{session_id}`");
        let path = format!("/test_helpers/checkout/sessions/{session_id}/pay");
        self.sandbox_pay_at(&operation, &path, card, email, idempotency_key).await
    }

    /// Visits a payment link and pays the checkout session the visit opens, through the
    /// sandbox's `test_helpers` endpoint.
    ///
    /// # Errors
    /// When the link is deactivated, the card is unknown, or the server is not the sandbox.
    pub async fn sandbox_pay_link(
        &self,
        link_id: &str,
        card: &str,
        email: Option<&str>,
        idempotency_key: &str,
    ) -> Result<SandboxPayment, GatewayError> {
        let operation = format!("pay payment link `{link_id}`");
        let path = format!("/test_helpers/payment_links/{link_id}/pay");
        self.sandbox_pay_at(&operation, &path, card, email, idempotency_key).await
    }

    async fn sandbox_pay_at(
        &self,
        operation: &str,
        path: &str,
        card: &str,
        email: Option<&str>,
        idempotency_key: &str,
    ) -> Result<SandboxPayment, GatewayError> {
        let mut form = Pairs::new();
        push(&mut form, "card", card);
        if let Some(email) = email {
            push(&mut form, "email", email);
        }
        let wire: WirePaidSession = self.post_json(operation, path, &form, idempotency_key).await?;
        Ok(SandboxPayment {
            session_id: wire.id,
            session_status: wire.status,
            customer: wire.customer,
            payment: wire.payment_intent.map(Payment::from),
        })
    }
}

/// A Checkout Session as `payments show` needs it: its id, and the Payment Link it came from
/// (a session made by a visit to a link names it in `payment_link`).
#[derive(Deserialize)]
struct WireSessionRef {
    id: String,
    #[serde(default)]
    payment_link: Option<String>,
}
