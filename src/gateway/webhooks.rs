//! Webhook endpoints (`/v1/webhook_endpoints`, docs.stripe.com/api/webhook_endpoints): list,
//! create, update, delete.
//!
//! Built with the gateway's form and serde helpers ([`super::wire`]), as meters are, rather
//! than async-stripe's generated webhook-endpoint crate: four requests on an object of ten
//! fields, and the one field that matters most, `secret`, must go straight into a
//! [`Secret`] that never prints, which a generated struct holding it as a `String` would not
//! guarantee.
//!
//! The endpoint's catalog key and the managed marker live in its metadata (Stripe endpoints
//! have no custom id), as products carry the marker.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::wire::{Pairs, push};
use super::{Gateway, GatewayError, Written};
use crate::objects::{MANAGED_MARKER_KEY, RESERVED_METADATA_PREFIX};
use crate::secret::Secret;
use crate::webhooks::{RemoteWebhook, WEBHOOK_KEY_METADATA, WebhookFields};

#[derive(Deserialize)]
struct WireEndpoint {
    id: String,
    url: String,
    #[serde(default)]
    enabled_events: Vec<String>,
    #[serde(default)]
    description: Option<String>,
    /// `enabled` or `disabled`.
    #[serde(default)]
    status: String,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
    /// Only in the answer to a create.
    #[serde(default)]
    secret: Option<String>,
}

fn remote(wire: WireEndpoint) -> (RemoteWebhook, Option<Secret>) {
    let WireEndpoint { id, url, mut enabled_events, description, status, metadata, secret } = wire;
    enabled_events.sort();
    enabled_events.dedup();
    let managed = metadata.get(MANAGED_MARKER_KEY).is_some_and(|value| value == "true");
    let key = metadata.get(WEBHOOK_KEY_METADATA).cloned();
    let metadata = metadata.into_iter().filter(|(name, _)| !name.starts_with(RESERVED_METADATA_PREFIX)).collect();
    let fields = WebhookFields {
        url,
        events: enabled_events,
        description: description.filter(|text| !text.is_empty()),
        disabled: status == "disabled",
        metadata,
    };
    (RemoteWebhook { id, key, managed, fields }, secret.map(|secret| Secret::new(&secret)))
}

fn push_fields(form: &mut Pairs, fields: &WebhookFields) {
    push(form, "url", &fields.url);
    for event in &fields.events {
        push(form, "enabled_events[]", event);
    }
    // An empty description unsets it.
    push(form, "description", fields.description.as_deref().unwrap_or(""));
    for (name, value) in &fields.metadata {
        push(form, format!("metadata[{name}]"), value);
    }
}

impl Gateway {
    /// Every webhook endpoint of the account, in pages of 100 (1 request for up to 100).
    ///
    /// # Errors
    /// When a list request fails.
    pub async fn list_webhook_endpoints(&self) -> Result<Vec<RemoteWebhook>, GatewayError> {
        let endpoints: Vec<WireEndpoint> = self
            .list_all("list webhook endpoints", "/webhook_endpoints", |endpoint: &WireEndpoint| &endpoint.id)
            .await?;
        Ok(endpoints.into_iter().map(|wire| remote(wire).0).collect())
    }

    /// Creates an endpoint marked as managed under catalog `key`; `disabled` takes a second
    /// request, since Stripe's create has no such parameter. The answer's signing secret is
    /// returned beside the endpoint, `None` when Stripe sent none (a replayed answer has it).
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn create_webhook_endpoint(
        &self,
        key: &str,
        fields: &WebhookFields,
        idempotency_key: &str,
    ) -> Result<Written<(RemoteWebhook, Option<Secret>)>, GatewayError> {
        let operation = format!("create webhook endpoint `{key}`");
        let mut form: Pairs = Vec::new();
        push_fields(&mut form, fields);
        push(&mut form, format!("metadata[{MANAGED_MARKER_KEY}]"), "true");
        push(&mut form, format!("metadata[{WEBHOOK_KEY_METADATA}]"), key);
        let written: Written<WireEndpoint> =
            self.post_written(&operation, "/webhook_endpoints", &form, idempotency_key).await?;
        let (endpoint, secret) = remote(written.object);
        if fields.disabled && !endpoint.fields.disabled {
            let mut disable: Pairs = Vec::new();
            push(&mut disable, "disabled", true);
            let path = format!("/webhook_endpoints/{}", endpoint.id);
            let disabled: WireEndpoint =
                self.post_json(&operation, &path, &disable, &format!("{idempotency_key}-disable")).await?;
            let (endpoint, _) = remote(disabled);
            return Ok(Written {
                object: (endpoint, secret),
                request_id: written.request_id,
                replayed: written.replayed,
            });
        }
        Ok(Written { object: (endpoint, secret), request_id: written.request_id, replayed: written.replayed })
    }

    /// Sets an endpoint's url, events, description, `disabled` and metadata; `unset_metadata`
    /// names user keys to remove.
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn update_webhook_endpoint(
        &self,
        id: &str,
        fields: &WebhookFields,
        unset_metadata: &[String],
        idempotency_key: &str,
    ) -> Result<Written<RemoteWebhook>, GatewayError> {
        let operation = format!("update webhook endpoint `{id}`");
        let mut form: Pairs = Vec::new();
        push_fields(&mut form, fields);
        push(&mut form, "disabled", fields.disabled);
        for name in unset_metadata {
            push(&mut form, format!("metadata[{name}]"), "");
        }
        let written: Written<WireEndpoint> =
            self.post_written(&operation, &format!("/webhook_endpoints/{id}"), &form, idempotency_key).await?;
        Ok(Written { object: remote(written.object).0, request_id: written.request_id, replayed: written.replayed })
    }

    /// Deletes an endpoint: Stripe stops sending to it at once.
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn delete_webhook_endpoint(&self, id: &str) -> Result<Written<String>, GatewayError> {
        #[derive(Deserialize)]
        struct Deleted {
            id: String,
        }
        let operation = format!("delete webhook endpoint `{id}`");
        let written: Written<Deleted> = self.delete_written(&operation, &format!("/webhook_endpoints/{id}")).await?;
        Ok(Written { object: written.object.id, request_id: written.request_id, replayed: written.replayed })
    }
}
