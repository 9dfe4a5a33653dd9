//! `POST /v1/test_helpers/sandbox/trigger`: the sandbox makes an event happen, like
//! `stripe trigger`. Sandbox only; Stripe has no such endpoint.

use serde::Deserialize;

use super::wire::{Pairs, push};
use super::{Gateway, GatewayError};

/// What a trigger made happen.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Triggered {
    /// The event type asked for.
    #[serde(rename = "type")]
    pub kind: String,
    /// The id of the event of that type.
    pub event: String,
    /// Every event recorded on the way, oldest first.
    pub events: Vec<TriggeredEvent>,
    /// The ids of the objects made on the way.
    pub objects: Vec<String>,
}

/// One event a trigger recorded.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TriggeredEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl Gateway {
    /// Makes an event of type `event` happen in the sandbox, with the objects behind it.
    ///
    /// # Errors
    /// When the sandbox cannot trigger that type (its message lists those it can), or the
    /// server is not the sandbox.
    pub async fn sandbox_trigger(&self, event: &str, idempotency_key: &str) -> Result<Triggered, GatewayError> {
        let mut form = Pairs::new();
        push(&mut form, "event", event);
        self.post_json("trigger an event in the sandbox", "/test_helpers/sandbox/trigger", &form, idempotency_key).await
    }
}
