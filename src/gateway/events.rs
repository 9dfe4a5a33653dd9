//! Events (`GET /v1/events`, docs.stripe.com/api/events/list): Stripe filters them by `type`
//! (with `*` wildcards) and `created` only, and keeps 30 days of them.

use serde::Deserialize;
use serde_json::Value;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError};
use crate::listing::Page;
use crate::webhooks::events::EventRow;

#[derive(Deserialize)]
struct WireEvent {
    id: String,
    created: i64,
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    pending_webhooks: i64,
    #[serde(default)]
    data: WireData,
}

#[derive(Default, Deserialize)]
struct WireData {
    #[serde(default)]
    object: Value,
}

/// Fields of an event's object that name another object support looks events up by.
const MENTIONED: [&str; 4] = ["payment_intent", "invoice", "subscription", "customer"];

impl From<WireEvent> for EventRow {
    fn from(wire: WireEvent) -> EventRow {
        let object = &wire.data.object;
        let id_of = |value: &Value| value.as_str().or_else(|| value.get("id")?.as_str()).map(str::to_string);
        EventRow {
            id: wire.id,
            created: wire.created,
            event_type: wire.event_type,
            object: object.get("id").and_then(Value::as_str).map(str::to_string),
            pending_webhooks: wire.pending_webhooks,
            mentions: MENTIONED.iter().filter_map(|field| object.get(*field).and_then(id_of)).collect(),
        }
    }
}

impl Gateway {
    /// One page of events, newest first: of `event_type` when given, created at or after
    /// `created_gte` when given.
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn list_events(
        &self,
        event_type: Option<&str>,
        created_gte: Option<i64>,
        page_size: u8,
        after: Option<&str>,
    ) -> Result<Page<EventRow>, GatewayError> {
        let mut query: Pairs = Vec::new();
        push(&mut query, "limit", page_size);
        if let Some(event_type) = event_type {
            push(&mut query, "type", event_type);
        }
        if let Some(created) = created_gte {
            push(&mut query, "created[gte]", created);
        }
        if let Some(after) = after {
            push(&mut query, "starting_after", after);
        }
        let page: WirePage<WireEvent> = self.get_json("list events", "/events", &query).await?;
        Ok(page.into_page(EventRow::from, |event| &event.id))
    }
}
