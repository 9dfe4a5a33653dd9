//! Billing Meters (`/v1/billing/meters`, docs.stripe.com/api/billing/meter): list, create,
//! rename, deactivate, reactivate and read one.
//!
//! Built with the gateway's form and serde helpers ([`super::wire`]) rather than async-stripe's
//! `async-stripe-billing` crate: five small requests on an object of a dozen fields do not pay
//! for another generated crate in the build (and another crate to move in lockstep with the
//! pinned release candidates).

use serde::Deserialize;

use super::wire::{Pairs, push};
use super::{Gateway, GatewayError, Written};
use crate::objects::{Aggregation, MeterTerms, RemoteMeter};

/// A meter to create.
#[derive(Clone, Debug)]
pub struct NewMeter {
    pub display_name: String,
    pub terms: MeterTerms,
}

#[derive(Deserialize)]
struct WireMeter {
    id: String,
    display_name: String,
    event_name: String,
    default_aggregation: WireAggregation,
    customer_mapping: Option<WirePayloadKey>,
    value_settings: Option<WirePayloadKey>,
    status: String,
    #[serde(default)]
    created: i64,
}

#[derive(Deserialize)]
struct WireAggregation {
    formula: String,
}

#[derive(Deserialize)]
struct WirePayloadKey {
    event_payload_key: String,
}

/// Stripe's defaults when a meter is created without the payload keys
/// (docs.stripe.com/api/billing/meter-event/create: `stripe_customer_id` and `value`).
const DEFAULT_CUSTOMER_KEY: &str = "stripe_customer_id";
const DEFAULT_VALUE_KEY: &str = "value";

fn remote_meter(operation: &str, wire: WireMeter) -> Result<RemoteMeter, GatewayError> {
    let aggregation = match wire.default_aggregation.formula.as_str() {
        "count" => Aggregation::Count,
        "sum" => Aggregation::Sum,
        "last" => Aggregation::Last,
        other => {
            return Err(GatewayError::new(
                operation,
                super::GatewayErrorKind::Unexpected(format!(
                    "meter `{}` aggregates by `{other}`, which stripe-catalog does not know",
                    wire.id
                )),
            ));
        }
    };
    Ok(RemoteMeter {
        id: wire.id,
        display_name: wire.display_name,
        terms: MeterTerms {
            event_name: wire.event_name,
            aggregation,
            customer_mapping: wire
                .customer_mapping
                .map_or_else(|| DEFAULT_CUSTOMER_KEY.to_string(), |mapping| mapping.event_payload_key),
            value_key: wire
                .value_settings
                .map_or_else(|| DEFAULT_VALUE_KEY.to_string(), |value| value.event_payload_key),
        },
        active: wire.status == "active",
        created: wire.created,
    })
}

impl Gateway {
    /// Every meter of the account, active and inactive, in pages of 100.
    ///
    /// # Errors
    /// When a list request fails or a meter cannot be read.
    pub async fn list_meters(&self) -> Result<Vec<RemoteMeter>, GatewayError> {
        let operation = "list meters";
        let meters: Vec<WireMeter> = self.list_all(operation, "/billing/meters", |meter: &WireMeter| &meter.id).await?;
        meters.into_iter().map(|wire| remote_meter(operation, wire)).collect()
    }

    /// The meter with this id, or `None` when Stripe has none.
    ///
    /// # Errors
    /// When the request fails for another reason.
    pub async fn meter_by_id(&self, id: &str) -> Result<Option<RemoteMeter>, GatewayError> {
        let operation = format!("read meter `{id}`");
        match self.get_json::<WireMeter>(&operation, &format!("/billing/meters/{id}"), &Vec::new()).await {
            Ok(wire) => remote_meter(&operation, wire).map(Some),
            Err(err) if err.status() == Some(404) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// Creates a meter (`customer_mapping[type]` is always `by_id`, the one type Stripe has).
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn create_meter(
        &self,
        new: &NewMeter,
        idempotency_key: &str,
    ) -> Result<Written<RemoteMeter>, GatewayError> {
        let operation = format!("create meter `{}`", new.terms.event_name);
        let mut form: Pairs = Vec::new();
        push(&mut form, "display_name", &new.display_name);
        push(&mut form, "event_name", &new.terms.event_name);
        push(&mut form, "default_aggregation[formula]", new.terms.aggregation.as_str());
        push(&mut form, "customer_mapping[event_payload_key]", &new.terms.customer_mapping);
        push(&mut form, "customer_mapping[type]", "by_id");
        push(&mut form, "value_settings[event_payload_key]", &new.terms.value_key);
        self.meter_write(&operation, "/billing/meters", &form, idempotency_key).await
    }

    /// Renames a meter: `display_name` is all Stripe's meter update takes.
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn rename_meter(
        &self,
        id: &str,
        display_name: &str,
        idempotency_key: &str,
    ) -> Result<Written<RemoteMeter>, GatewayError> {
        let mut form: Pairs = Vec::new();
        push(&mut form, "display_name", display_name);
        self.meter_write(&format!("update meter `{id}`"), &format!("/billing/meters/{id}"), &form, idempotency_key)
            .await
    }

    /// Deactivates (`active: false`) or reactivates a meter.
    ///
    /// # Errors
    /// Stripe's refusal (e.g. the meter already has that status) or a transport failure.
    pub async fn set_meter_active(
        &self,
        id: &str,
        active: bool,
        idempotency_key: &str,
    ) -> Result<Written<RemoteMeter>, GatewayError> {
        let verb = if active { "reactivate" } else { "deactivate" };
        let path = format!("/billing/meters/{id}/{verb}");
        self.meter_write(&format!("{verb} meter `{id}`"), &path, &Vec::new(), idempotency_key).await
    }

    async fn meter_write(
        &self,
        operation: &str,
        path: &str,
        form: &Pairs,
        idempotency_key: &str,
    ) -> Result<Written<RemoteMeter>, GatewayError> {
        let written: Written<WireMeter> = self.post_written(operation, path, form, idempotency_key).await?;
        Ok(Written {
            object: remote_meter(operation, written.object)?,
            request_id: written.request_id,
            replayed: written.replayed,
        })
    }
}
