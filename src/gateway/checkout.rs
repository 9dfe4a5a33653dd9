//! The checkout calls: prices by lookup key or id, Checkout Sessions and Payment Links; and a
//! product by id.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use serde::Deserialize;
use stripe_client_core::{RequestBuilder, StripeMethod, StripeRequest};
use stripe_product::price::ListPrice;
use stripe_product::product::ListProduct;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError, GatewayErrorKind, mapping};
use crate::checkout::{CustomerRef, LineItem, LinkRequest, PaymentLink, Session, SessionRequest};
use crate::listing::RowLimit;
use crate::objects::{Metadata, RemotePrice, RemoteProduct};

/// `GET /v1/prices` takes at most 10 `lookup_keys` (stripe-api.md §2.2).
pub const LOOKUP_KEYS_PER_REQUEST: usize = 10;

impl Gateway {
    /// The prices with these lookup keys, in as few requests as Stripe allows (10 keys per
    /// request), either the active ones (`active = true`) or the archived ones.
    ///
    /// # Errors
    /// When a request fails or a price cannot be represented.
    pub async fn prices_by_lookup_keys(&self, keys: &[String], active: bool) -> Result<Vec<RemotePrice>, GatewayError> {
        const OPERATION: &str = "look up prices by key";
        let mut found = Vec::new();
        for chunk in keys.chunks(LOOKUP_KEYS_PER_REQUEST) {
            // Tiers are includable: without them a tiered price cannot be priced or represented.
            let request = ListPrice::new()
                .lookup_keys(chunk.to_vec())
                .active(active)
                .limit(100)
                .expand(vec!["data.tiers".to_string()])
                .build();
            let page: stripe_types::List<stripe_product::Price> = self.send_typed(OPERATION, request).await?;
            for price in &page.data {
                found.push(remote(OPERATION, price)?);
            }
        }
        Ok(found)
    }

    /// Which of these products are archived, in one request per 100 ids (`ids[]` on the
    /// product list). Checkout asks before creating anything: Stripe refuses a session or link
    /// for a price whose product is archived.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn archived_products(&self, ids: &[String]) -> Result<BTreeSet<String>, GatewayError> {
        const OPERATION: &str = "look up the prices' products";
        let mut archived = BTreeSet::new();
        for chunk in ids.chunks(100) {
            let request = ListProduct::new().ids(chunk.to_vec()).limit(100).build();
            let page: stripe_types::List<stripe_product::Product> = self.send_typed(OPERATION, request).await?;
            archived.extend(page.data.iter().filter(|product| !product.active).map(|product| product.id.to_string()));
        }
        Ok(archived)
    }

    /// The price with this id, or `None` when Stripe has none.
    ///
    /// # Errors
    /// When the request fails for another reason.
    pub async fn price_by_id(&self, id: &str) -> Result<Option<RemotePrice>, GatewayError> {
        let operation = format!("read price `{id}`");
        let mut request = RequestBuilder::new(StripeMethod::Get, format!("/prices/{id}"));
        request.query = Some("expand[]=tiers".to_string());
        match self.send_typed::<stripe_product::Price>(&operation, request).await {
            Ok(price) => remote(&operation, &price).map(Some),
            Err(err) if err.status() == Some(404) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// The product with this id, or `None` when Stripe has none. One request per product: what
    /// per-object tools do, and what `cargo bench --bench catalog` compares `read_state` with.
    ///
    /// # Errors
    /// When the request fails for another reason.
    pub async fn product_by_id(&self, id: &str) -> Result<Option<RemoteProduct>, GatewayError> {
        let operation = format!("read product `{id}`");
        let request = RequestBuilder::new(StripeMethod::Get, format!("/products/{id}"));
        match self.send_typed::<stripe_product::Product>(&operation, request).await {
            Ok(product) => Ok(Some(mapping::remote_product(&product))),
            Err(err) if err.status() == Some(404) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// The lookup keys of all active prices (to suggest one when a key is unknown).
    ///
    /// # Errors
    /// When a list request fails.
    pub async fn active_lookup_keys(&self) -> Result<Vec<String>, GatewayError> {
        let prices = ListPrice::new()
            .active(true)
            .limit(100)
            .paginate()
            .stream(&self.inner.transport)
            .try_collect::<Vec<_>>()
            .await
            .map_err(|err| GatewayError::from_transport("list active prices", err))?;
        let mut keys: Vec<String> = prices.into_iter().filter_map(|price| price.lookup_key).collect();
        keys.sort();
        keys.dedup();
        Ok(keys)
    }

    /// Creates a Checkout Session.
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn create_checkout_session(
        &self,
        request: &SessionRequest,
        idempotency_key: &str,
    ) -> Result<Session, GatewayError> {
        let form = session_form(request);
        let wire: WireSession =
            self.post_json("create a checkout session", "/checkout/sessions", &form, idempotency_key).await?;
        Ok(wire.into())
    }

    /// Creates a Payment Link.
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn create_payment_link(
        &self,
        request: &LinkRequest,
        idempotency_key: &str,
    ) -> Result<PaymentLink, GatewayError> {
        let form = link_form(request);
        let wire: WireLink = self.post_json("create a payment link", "/payment_links", &form, idempotency_key).await?;
        Ok(wire.into())
    }

    /// Payment links, newest first: the first `limit`, or all.
    ///
    /// # Errors
    /// When a list request fails.
    pub async fn list_payment_links(
        &self,
        active: Option<bool>,
        limit: RowLimit,
    ) -> Result<Vec<PaymentLink>, GatewayError> {
        let mut links = Vec::new();
        let mut starting_after: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "limit", limit.page_size(false));
            // What each link sells, in the same request (line items are includable).
            push(&mut query, "expand[]", "data.line_items");
            if let Some(active) = active {
                push(&mut query, "active", active);
            }
            if let Some(after) = &starting_after {
                push(&mut query, "starting_after", after);
            }
            let page: WirePage<WireLink> = self.get_json("list payment links", "/payment_links", &query).await?;
            starting_after = page.data.last().map(|link| link.id.clone());
            links.extend(page.data.into_iter().map(PaymentLink::from));
            if let RowLimit::First(rows) = limit {
                links.truncate(rows);
            }
            if !page.has_more || limit.is_reached(links.len()) || starting_after.is_none() {
                return Ok(links);
            }
        }
    }

    /// Deactivates a payment link (`active=false`; Stripe has no delete).
    ///
    /// # Errors
    /// Stripe's refusal (e.g. no such link) or a transport failure.
    pub async fn deactivate_payment_link(&self, id: &str, idempotency_key: &str) -> Result<PaymentLink, GatewayError> {
        let form = vec![("active".to_string(), "false".to_string())];
        let wire: WireLink = self
            .post_json(
                &format!("deactivate payment link `{id}`"),
                &format!("/payment_links/{id}"),
                &form,
                idempotency_key,
            )
            .await?;
        Ok(wire.into())
    }

    async fn send_typed<T: miniserde::Deserialize>(
        &self,
        operation: &str,
        request: RequestBuilder,
    ) -> Result<T, GatewayError> {
        let reply = self
            .inner
            .transport
            .send(request, None)
            .await
            .map_err(|err| GatewayError::from_transport(operation, err))?;
        let text = std::str::from_utf8(&reply.body).map_err(|_| {
            GatewayError::new(operation, GatewayErrorKind::Unexpected("the response is not UTF-8".into()))
        })?;
        miniserde::json::from_str(text).map_err(|_| {
            GatewayError::new(
                operation,
                GatewayErrorKind::Unexpected(format!(
                    "the response does not have the shape of Stripe API {} (request id {})",
                    super::stripe_version(),
                    reply.request_id.as_deref().unwrap_or("unknown")
                )),
            )
        })
    }
}

fn remote(operation: &str, price: &stripe_product::Price) -> Result<RemotePrice, GatewayError> {
    mapping::remote_price(price).map_err(|message| GatewayError::new(operation, GatewayErrorKind::Unexpected(message)))
}

fn push_line_items(form: &mut Pairs, items: &[LineItem]) {
    for (index, item) in items.iter().enumerate() {
        push(form, format!("line_items[{index}][price]"), &item.price_id);
        if let Some(quantity) = item.quantity {
            push(form, format!("line_items[{index}][quantity]"), quantity);
        }
        if let Some(adjustable) = item.adjustable_quantity {
            push(form, format!("line_items[{index}][adjustable_quantity][enabled]"), true);
            push(form, format!("line_items[{index}][adjustable_quantity][minimum]"), adjustable.minimum);
            push(form, format!("line_items[{index}][adjustable_quantity][maximum]"), adjustable.maximum);
        }
    }
}

fn push_metadata(form: &mut Pairs, prefix: &str, metadata: &Metadata) {
    for (key, value) in metadata {
        push(form, format!("{prefix}[{key}]"), value);
    }
}

fn session_form(request: &SessionRequest) -> Pairs {
    let SessionRequest {
        mode,
        line_items,
        customer,
        success_url,
        cancel_url,
        expires_at,
        allow_promotion_codes,
        trial_period_days,
        client_reference_id,
        metadata,
        description,
    } = request;
    let mut form = Pairs::new();
    push(&mut form, "mode", mode.as_str());
    push_line_items(&mut form, line_items);
    match customer {
        Some(CustomerRef::Email(email)) => push(&mut form, "customer_email", email),
        Some(CustomerRef::Id(id)) => push(&mut form, "customer", id),
        None => {}
    }
    push(&mut form, "success_url", success_url);
    if let Some(url) = cancel_url {
        push(&mut form, "cancel_url", url);
    }
    if let Some(at) = expires_at {
        push(&mut form, "expires_at", at);
    }
    if *allow_promotion_codes {
        push(&mut form, "allow_promotion_codes", true);
    }
    if let Some(reference) = client_reference_id {
        push(&mut form, "client_reference_id", reference);
    }
    push_metadata(&mut form, "metadata", metadata);
    // The payment (or subscription) carries the description and metadata too, so
    // `payments list` shows what was bought without another request.
    match mode {
        crate::checkout::CheckoutMode::Payment => {
            push(&mut form, "payment_intent_data[description]", description);
            push_metadata(&mut form, "payment_intent_data[metadata]", metadata);
        }
        crate::checkout::CheckoutMode::Subscription => {
            push(&mut form, "subscription_data[description]", description);
            if let Some(days) = trial_period_days {
                push(&mut form, "subscription_data[trial_period_days]", days);
            }
            push_metadata(&mut form, "subscription_data[metadata]", metadata);
        }
    }
    form
}

fn link_form(request: &LinkRequest) -> Pairs {
    let LinkRequest { line_items, after_completion_url, allow_promotion_codes, metadata } = request;
    let mut form = Pairs::new();
    push_line_items(&mut form, line_items);
    if let Some(url) = after_completion_url {
        push(&mut form, "after_completion[type]", "redirect");
        push(&mut form, "after_completion[redirect][url]", url);
    }
    if *allow_promotion_codes {
        push(&mut form, "allow_promotion_codes", true);
    }
    push_metadata(&mut form, "metadata", metadata);
    push(&mut form, format!("metadata[{LINK_CREATED_KEY}]"), jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ"));
    form
}

#[derive(Deserialize)]
struct WireSession {
    id: String,
    url: Option<String>,
    mode: String,
    status: Option<String>,
    amount_total: Option<i64>,
    currency: Option<String>,
    expires_at: i64,
    customer: Option<String>,
    customer_email: Option<String>,
    payment_intent: Option<String>,
}

impl From<WireSession> for Session {
    fn from(wire: WireSession) -> Session {
        let WireSession {
            id,
            url,
            mode,
            status,
            amount_total,
            currency,
            expires_at,
            customer,
            customer_email,
            payment_intent,
        } = wire;
        Session { id, url, mode, status, amount_total, currency, expires_at, customer, customer_email, payment_intent }
    }
}

#[derive(Deserialize)]
struct WireLink {
    id: String,
    url: String,
    active: bool,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
    /// Present when expanded (`line_items` is includable, not returned by default).
    #[serde(default)]
    line_items: Option<WirePage<WireLinkItem>>,
}

#[derive(Deserialize)]
struct WireLinkItem {
    #[serde(default)]
    quantity: Option<u64>,
    price: Option<WireItemPrice>,
}

#[derive(Deserialize)]
struct WireItemPrice {
    id: String,
    #[serde(default)]
    lookup_key: Option<String>,
}

impl From<WireLink> for PaymentLink {
    fn from(wire: WireLink) -> PaymentLink {
        let created = wire.metadata.get(LINK_CREATED_KEY).cloned();
        let sells = wire
            .line_items
            .map(|items| {
                items
                    .data
                    .into_iter()
                    .filter_map(|item| {
                        let price = item.price?;
                        Some((
                            price.lookup_key.filter(|key| !key.is_empty()).unwrap_or(price.id),
                            item.quantity.unwrap_or(1),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        PaymentLink { id: wire.id, url: wire.url, active: wire.active, metadata: wire.metadata, sells, created }
    }
}

/// Metadata key the tool stamps on the links it makes with the time it made them: Stripe's
/// payment link object has no `created` (docs.stripe.com/api/payment_links/object).
pub const LINK_CREATED_KEY: &str = "stripe-catalog/created";
