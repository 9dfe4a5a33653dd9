//! Webhooks: the catalog's endpoints as plain values, Stripe's event types, the secrets file
//! `apply` writes signing secrets to, and signature verification (`webhooks verify`).
//!
//! Nothing here talks to Stripe or reads the catalog: the catalog, the planner and the gateway
//! use these types, never the other way round.

pub mod event_types;
pub mod events;
pub mod secrets;
pub mod verify;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The metadata key that holds an endpoint's catalog key. Present together with the managed
/// marker on every endpoint `apply` creates: that is how a plan finds the catalog's endpoints
/// (Stripe endpoints have no custom id) and tells them from endpoints made elsewhere.
pub const WEBHOOK_KEY_METADATA: &str = "stripe-catalog/webhook";

/// A `webhooks:` entry, checked and normalised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredWebhook {
    /// The catalog's name for the endpoint (letters, digits, `_`, `-`); names its secret's
    /// variable in the secrets file.
    pub key: String,
    pub fields: WebhookFields,
}

/// What the catalog sets on an endpoint, and what a plan compares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookFields {
    /// `https://…` (or `http://localhost…` for tests).
    pub url: String,
    /// Event types, sorted and without repeats; `["*"]` for every event.
    pub events: Vec<String>,
    pub description: Option<String>,
    /// Stripe's `disabled`: a disabled endpoint receives nothing.
    pub disabled: bool,
    /// The user's own metadata (the tool's keys are added by the gateway).
    pub metadata: BTreeMap<String, String>,
}

/// A webhook endpoint as Stripe has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteWebhook {
    /// `we_…`.
    pub id: String,
    /// The catalog key from [`WEBHOOK_KEY_METADATA`], when the endpoint has one.
    pub key: Option<String>,
    /// Carries the managed marker.
    pub managed: bool,
    /// Its fields, with the user metadata only (the tool's own keys removed). `events` sorted.
    pub fields: WebhookFields,
}

/// `STRIPE_WEBHOOK_SECRET_<KEY>`: the key upper-cased, `-` as `_`.
#[must_use]
pub fn secret_variable(key: &str) -> String {
    let suffix: String =
        key.chars().map(|ch| if ch.is_ascii_alphanumeric() { ch.to_ascii_uppercase() } else { '_' }).collect();
    format!("STRIPE_WEBHOOK_SECRET_{suffix}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_variables_are_upper_snake() {
        assert_eq!(super::secret_variable("fulfilment"), "STRIPE_WEBHOOK_SECRET_FULFILMENT");
        assert_eq!(super::secret_variable("billing-events_2"), "STRIPE_WEBHOOK_SECRET_BILLING_EVENTS_2");
    }
}
