//! The payment calls: PaymentIntents (one page or all), one PaymentIntent with the Checkout
//! Session it came from, customers by email (in any case), the payments of Checkout Sessions by
//! the email typed on them, and the sandbox's pay and authenticate helpers.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError};
use crate::listing::Page;
use crate::payments::{Authentication, Customer, MatchedBy, Payment, PaymentDetail, PaymentError, StripeFilter};

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
    ) -> Result<Page<Payment>, GatewayError> {
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
        Ok(page.into_page(Payment::from, |payment| &payment.id))
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
        let mut session = self.session_of_payment(id).await?;
        let mut payment = Payment::from(intent);
        // A subscription's payment comes from no payment-mode session: its invoice names it, and
        // the subscription names the session that started it, if one did.
        let (mut invoice, mut subscription) = (None, None);
        if session.is_none()
            && let Some(customer) = payment.customer.clone()
            && let Some(found) = self.invoice_of_payment(&customer, id).await?
        {
            if let Some(started) = &found.subscription {
                session = self.session_of_subscription(&customer, started).await?;
            }
            subscription = found.subscription;
            invoice = Some(found.id);
        }
        let checkout_email = session.as_ref().and_then(WireSessionRef::email);
        // A guest checkout's email is kept on the session only.
        if payment.email.is_none() {
            payment.email.clone_from(&checkout_email);
        }
        Ok(Some(PaymentDetail {
            payment,
            payment_link: session.as_ref().and_then(|session| session.payment_link.clone()),
            checkout_session: session.map(|session| session.id),
            checkout_email,
            invoice,
            subscription,
        }))
    }

    /// The invoice of `customer` whose `payments` list PaymentIntent `id`: their invoices
    /// newest first, a hundred a page with the payments expanded, until one matches (one
    /// request for any customer with up to a hundred invoices).
    async fn invoice_of_payment(&self, customer: &str, id: &str) -> Result<Option<PaidInvoice>, GatewayError> {
        let mut after: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "customer", customer);
            push(&mut query, "limit", 100);
            push(&mut query, "expand[]", "data.payments");
            if let Some(after) = &after {
                push(&mut query, "starting_after", after);
            }
            let operation = format!("find the invoice of `{id}`");
            let page: WirePage<WireInvoice> = self.get_json(&operation, "/invoices", &query).await?;
            after = page.data.last().map(|invoice| invoice.id.clone());
            if let Some(invoice) = page.data.into_iter().find(|invoice| invoice.is_paid_by(id)) {
                let subscription = invoice.subscription();
                return Ok(Some(PaidInvoice { id: invoice.id, subscription }));
            }
            if !page.has_more || after.is_none() {
                return Ok(None);
            }
        }
    }

    /// The Checkout Session of `customer` that started `subscription`, if one did (among their
    /// latest hundred sessions).
    async fn session_of_subscription(
        &self,
        customer: &str,
        subscription: &str,
    ) -> Result<Option<WireSessionRef>, GatewayError> {
        let mut query = Pairs::new();
        push(&mut query, "customer", customer);
        push(&mut query, "limit", 100);
        let operation = format!("find the checkout session of `{subscription}`");
        let sessions: WirePage<WireSessionRef> = self.get_json(&operation, "/checkout/sessions", &query).await?;
        Ok(sessions.data.into_iter().find(|session| session.subscription.as_deref() == Some(subscription)))
    }

    /// The Checkout Session a payment-mode PaymentIntent came from, if any.
    async fn session_of_payment(&self, id: &str) -> Result<Option<WireSessionRef>, GatewayError> {
        let mut query = Pairs::new();
        push(&mut query, "payment_intent", id);
        push(&mut query, "limit", 1);
        let sessions: WirePage<WireSessionRef> =
            self.get_json(&format!("find the checkout session of `{id}`"), "/checkout/sessions", &query).await?;
        Ok(sessions.data.into_iter().next())
    }

    /// Every customer whose email is `email` in any case: Stripe's customer search, whose
    /// `email:"…"` match is case-insensitive (<https://docs.stripe.com/search>, "Supported query
    /// fields for each resource"), plus the list's `email` filter, which is exact but reads its
    /// own writes. Search trails writes ("under normal operating conditions, data is searchable
    /// in under 1 minute", stripe-api.md §4), so a customer created a moment ago is still found
    /// by the list. Where search is refused (it "is not available to merchants in India",
    /// §4), the list's exact match is what there is, and `search_refused` says why.
    ///
    /// # Errors
    /// When a request fails for another reason.
    pub async fn customers_with_email(&self, email: &str) -> Result<CustomerLookup, GatewayError> {
        let wanted = email.to_lowercase();
        let same =
            |customer: &WireCustomer| customer.email.as_deref().is_some_and(|found| found.to_lowercase() == wanted);
        let mut found: Vec<WireCustomer> = Vec::new();
        let mut search_refused = None;
        match self.search_customers(email).await {
            // A string field matches all of the query's words in order, so
            // `jane@example.com` also finds `mary.jane@example.com`: only equal emails count.
            Ok(customers) => found.extend(customers.into_iter().filter(|customer| same(customer))),
            Err(err) if matches!(err.status(), Some(400 | 404)) => search_refused = Some(err.to_string()),
            Err(err) => return Err(err),
        }
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
            for customer in page.data {
                if !found.iter().any(|known| known.id == customer.id) {
                    found.push(customer);
                }
            }
            if !page.has_more || starting_after.is_none() {
                break;
            }
        }
        let customers =
            found.into_iter().map(|wire| Customer { id: wire.id, email: wire.email, name: wire.name }).collect();
        Ok(CustomerLookup { customers, search_refused })
    }

    /// `GET /v1/customers/search?query=email:"…"`, every page.
    async fn search_customers(&self, email: &str) -> Result<Vec<WireCustomer>, GatewayError> {
        // Quotes delimit the value; a quote inside it is escaped with `\` (the query language's
        // rule, https://docs.stripe.com/search#search-syntax).
        let query_text = format!("email:\"{}\"", email.replace('\\', "\\\\").replace('"', "\\\""));
        let mut customers = Vec::new();
        let mut page_token: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "query", &query_text);
            push(&mut query, "limit", 100);
            if let Some(page) = &page_token {
                push(&mut query, "page", page);
            }
            let page: WireSearchPage<WireCustomer> =
                self.get_json("search customers by email", "/customers/search", &query).await?;
            customers.extend(page.data);
            match page.next_page {
                Some(next) if page.has_more => page_token = Some(next),
                _ => return Ok(customers),
            }
        }
    }

    /// One page of the payments of Checkout Sessions whose `customer_details.email` is exactly
    /// `email` (the session list's filter; Stripe keeps a guest checkout's email nowhere else),
    /// newest session first, made within `filter`'s dates. Each payment carries the email typed at
    /// checkout when it has none of its own, and `matched_by: CheckoutEmail`. Sessions without a
    /// payment (never paid, or subscriptions, whose payment goes through an invoice) give none.
    ///
    /// # Errors
    /// When the request fails or a payment cannot be read.
    pub async fn checkout_payments_by_email(
        &self,
        email: &str,
        filter: &StripeFilter,
        page_size: u8,
        starting_after: Option<&str>,
    ) -> Result<Page<Payment>, GatewayError> {
        let mut query = Pairs::new();
        push(&mut query, "customer_details[email]", email);
        push(&mut query, "limit", page_size);
        push(&mut query, "expand[]", "data.payment_intent");
        // The dates are filtered here, on the payments: `--since` is about when a payment was
        // made, not its session, and the sandbox refuses `created` on this list (Stripe's
        // current API takes it). Sessions come newest first and one lives at most 24 hours
        // (stripe-api.md §9), its payment made while it is open, so paging stops at a session
        // created over a day before `--since`.
        if let Some(after) = starting_after {
            push(&mut query, "starting_after", after);
        }
        let page: WirePage<WirePaidSessionRef> =
            self.get_json("list checkout sessions by email", "/checkout/sessions", &query).await?;
        let too_old = |session: &WirePaidSessionRef| {
            filter.created_gte.is_some_and(|gte| session.created < gte.saturating_sub(SESSION_LIFETIME_SECONDS))
        };
        let next = match page.data.last() {
            Some(last) if page.has_more && !too_old(last) => Some(last.id.clone()),
            _ => None,
        };
        let payments = page
            .data
            .into_iter()
            .filter_map(|session| {
                let typed = session.customer_details.and_then(|details| details.email);
                let mut payment = Payment::from(session.payment_intent?);
                if payment.email.is_none() {
                    payment.email = typed;
                }
                payment.matched_by = Some(MatchedBy::CheckoutEmail);
                Some(payment)
            })
            .filter(|payment| {
                filter.created_gte.is_none_or(|gte| payment.created >= gte)
                    && filter.created_lt.is_none_or(|lt| payment.created < lt)
            })
            .collect();
        Ok(Page { rows: payments, next })
    }
}

/// The longest a Checkout Session stays open: 24 hours (stripe-api.md §9).
const SESSION_LIFETIME_SECONDS: i64 = 24 * 60 * 60;

/// The customers with an email, and why search could not be asked, if it could not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerLookup {
    pub customers: Vec<Customer>,
    /// Stripe's refusal of the search request; the exact-match list still ran.
    pub search_refused: Option<String>,
}

/// A search result page.
#[derive(Deserialize)]
struct WireSearchPage<T> {
    data: Vec<T>,
    has_more: bool,
    next_page: Option<String>,
}

/// A session with its payment expanded, as the list by email reads it.
#[derive(Deserialize)]
struct WirePaidSessionRef {
    id: String,
    created: i64,
    payment_intent: Option<WireIntent>,
    customer_details: Option<WireCustomerDetails>,
}

#[derive(Deserialize)]
struct WireCustomerDetails {
    email: Option<String>,
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
    #[serde(default)]
    next_action: Option<WireNextAction>,
}

#[derive(Deserialize)]
struct WireNextAction {
    #[serde(rename = "type")]
    kind: String,
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
            next_action: wire.next_action.map(|action| action.kind),
            matched_by: None,
        }
    }
}

/// Which session [`Gateway::checkout_session_state`] reads.
#[derive(Clone, Copy, Debug)]
pub enum SessionBy<'a> {
    Id(&'a str),
    Payment(&'a str),
}

/// A Checkout Session's state, as `sandbox pay` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionState {
    pub id: String,
    /// `open`, `complete` or `expired`.
    pub status: String,
    pub customer: Option<String>,
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

    /// Answers the 3-D Secure challenge of a PaymentIntent left in `requires_action`, as the
    /// customer would, through the sandbox's
    /// `POST /v1/test_helpers/payment_intents/{intent}/authenticate` (`outcome=complete|fail`;
    /// Stripe has no such endpoint). The answer is the payment afterwards.
    ///
    /// # Errors
    /// When the payment does not wait for authentication, or the server is not the sandbox.
    pub async fn sandbox_authenticate(
        &self,
        intent: &str,
        outcome: Authentication,
        idempotency_key: &str,
    ) -> Result<Payment, GatewayError> {
        let mut form = Pairs::new();
        push(&mut form, "outcome", outcome.as_str());
        let operation = format!("authenticate payment `{intent}`");
        let path = format!("/test_helpers/payment_intents/{intent}/authenticate");
        let wire: WireIntent = self.post_json(&operation, &path, &form, idempotency_key).await?;
        Ok(wire.into())
    }

    /// A Checkout Session's id, status and customer: the session `id`, or (`by_payment`) the
    /// session a payment-mode payment came from, if any.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn checkout_session_state(&self, id: SessionBy<'_>) -> Result<Option<SessionState>, GatewayError> {
        let session = match id {
            SessionBy::Id(id) => {
                let operation = format!("read checkout session `{id}`");
                Some(
                    self.get_json::<WireSessionRef>(&operation, &format!("/checkout/sessions/{id}"), &Pairs::new())
                        .await?,
                )
            }
            SessionBy::Payment(payment) => self.session_of_payment(payment).await?,
        };
        Ok(session.map(|session| SessionState {
            id: session.id,
            status: session.status.unwrap_or_default(),
            customer: session.customer,
        }))
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

/// A Checkout Session as `payments show` and `sandbox pay` need it: its id and status, the
/// Payment Link it came from (a session made by a visit to a link names it in
/// `payment_link`), its customer and the email typed on it.
#[derive(Deserialize)]
struct WireSessionRef {
    id: String,
    #[serde(default)]
    subscription: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    payment_link: Option<String>,
    #[serde(default)]
    customer: Option<String>,
    #[serde(default)]
    customer_details: Option<WireCustomerDetails>,
}

impl WireSessionRef {
    fn email(&self) -> Option<String> {
        self.customer_details.as_ref().and_then(|details| details.email.clone())
    }
}

/// An invoice found for a payment.
struct PaidInvoice {
    id: String,
    subscription: Option<String>,
}

#[derive(Deserialize)]
struct WireInvoicePaymentRef {
    payment_intent: Option<String>,
}

#[derive(Deserialize)]
struct WireInvoicePayment {
    payment: Option<WireInvoicePaymentRef>,
}

#[derive(Deserialize)]
struct WireSubscriptionDetails {
    subscription: Option<String>,
}

#[derive(Deserialize)]
struct WireInvoiceParent {
    subscription_details: Option<WireSubscriptionDetails>,
}

/// An invoice with its payments expanded. In the API version used an invoice names its
/// subscription in `parent.subscription_details.subscription`.
#[derive(Deserialize)]
struct WireInvoice {
    id: String,
    #[serde(default)]
    payments: Option<WirePage<WireInvoicePayment>>,
    #[serde(default)]
    parent: Option<WireInvoiceParent>,
}

impl WireInvoice {
    fn is_paid_by(&self, intent: &str) -> bool {
        self.payments.iter().flat_map(|payments| &payments.data).any(|payment| {
            payment.payment.as_ref().and_then(|payment| payment.payment_intent.as_deref()) == Some(intent)
        })
    }

    fn subscription(&self) -> Option<String> {
        self.parent.as_ref()?.subscription_details.as_ref()?.subscription.clone()
    }
}
