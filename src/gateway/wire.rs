//! Requests for the support calls (checkout, payment links, payments, customers), built as
//! explicit form pairs and read with serde into small wire structs: these objects carry many
//! fields that vary between API versions, and support needs only a few of them.

use serde::de::DeserializeOwned;
use stripe_client_core::{RequestBuilder, StripeMethod};

use super::{Gateway, GatewayError, GatewayErrorKind, Written};

/// Form or query pairs, in order; brackets are written as Stripe writes them (`a[0][b]`).
pub(super) type Pairs = Vec<(String, String)>;

/// A list page as Stripe sends it.
#[derive(serde::Deserialize)]
pub(super) struct WirePage<T> {
    pub data: Vec<T>,
    pub has_more: bool,
}

impl<T> WirePage<T> {
    /// The page as the listing commands take it: its rows mapped to `R`, and the last row's
    /// id as the `starting_after` of the next page when Stripe says there is one.
    pub(super) fn into_page<R>(self, row: impl FnMut(T) -> R, id: impl Fn(&R) -> &str) -> crate::listing::Page<R> {
        let rows: Vec<R> = self.data.into_iter().map(row).collect();
        let next = if self.has_more { rows.last().map(|last| id(last).to_string()) } else { None };
        crate::listing::Page { rows, next }
    }
}

/// Encodes pairs as `application/x-www-form-urlencoded`.
fn encode(pairs: &Pairs) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// Adds `key=value`.
pub(super) fn push(pairs: &mut Pairs, key: impl Into<String>, value: impl ToString) {
    pairs.push((key.into(), value.to_string()));
}

impl Gateway {
    /// `GET /v1{path}?{query}`, read as `T`.
    pub(super) async fn get_json<T: DeserializeOwned>(
        &self,
        operation: &str,
        path: &str,
        query: &Pairs,
    ) -> Result<T, GatewayError> {
        let mut request = RequestBuilder::new(StripeMethod::Get, path);
        request.query = Some(encode(query));
        self.send_json(operation, request, None).await.map(|written| written.object)
    }

    /// Every object of a list endpoint, in pages of 100 (`starting_after` the last `id` read).
    pub(super) async fn list_all<T: DeserializeOwned>(
        &self,
        operation: &str,
        path: &str,
        id: impl Fn(&T) -> &str,
    ) -> Result<Vec<T>, GatewayError> {
        let mut all: Vec<T> = Vec::new();
        loop {
            let mut query: Pairs = Vec::new();
            push(&mut query, "limit", 100);
            if let Some(last) = all.last() {
                push(&mut query, "starting_after", id(last));
            }
            let page: WirePage<T> = self.get_json(operation, path, &query).await?;
            let done = !page.has_more || page.data.is_empty();
            all.extend(page.data);
            if done {
                return Ok(all);
            }
        }
    }

    /// `POST /v1{path}` with the form, under `idempotency_key`, read as `T`.
    pub(super) async fn post_json<T: DeserializeOwned>(
        &self,
        operation: &str,
        path: &str,
        form: &Pairs,
        idempotency_key: &str,
    ) -> Result<T, GatewayError> {
        self.post_written(operation, path, form, idempotency_key).await.map(|written| written.object)
    }

    /// Like [`Gateway::post_json`], with the request id and replay flag for the audit trail.
    pub(super) async fn post_written<T: DeserializeOwned>(
        &self,
        operation: &str,
        path: &str,
        form: &Pairs,
        idempotency_key: &str,
    ) -> Result<Written<T>, GatewayError> {
        let mut request = RequestBuilder::new(StripeMethod::Post, path);
        request.body = Some(encode(form));
        self.send_json(operation, request, Some(idempotency_key)).await
    }

    /// `DELETE /v1{path}`, read as `T`, with the request id. A delete needs no idempotency
    /// key: repeating it deletes nothing more (Stripe answers the repeat with 404).
    pub(super) async fn delete_written<T: DeserializeOwned>(
        &self,
        operation: &str,
        path: &str,
    ) -> Result<Written<T>, GatewayError> {
        self.send_json(operation, RequestBuilder::new(StripeMethod::Delete, path), None).await
    }

    async fn send_json<T: DeserializeOwned>(
        &self,
        operation: &str,
        request: RequestBuilder,
        idempotency_key: Option<&str>,
    ) -> Result<Written<T>, GatewayError> {
        let reply = self
            .inner
            .transport
            .send(request, idempotency_key)
            .await
            .map_err(|err| GatewayError::from_transport(operation, err))?;
        let object = serde_json::from_slice(&reply.body).map_err(|err| {
            GatewayError::new(
                operation,
                GatewayErrorKind::Unexpected(format!(
                    "the response is not readable ({err}; request id {})",
                    reply.request_id.as_deref().unwrap_or("unknown")
                )),
            )
        })?;
        Ok(Written { object, request_id: reply.request_id, replayed: reply.replayed })
    }
}
