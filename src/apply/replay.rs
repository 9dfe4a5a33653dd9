//! Verifying replayed writes.
//!
//! Stripe keeps an idempotency key's first response for 24 hours and answers every repeat of
//! the key with it, flagged `Idempotent-Replayed: true`, "even if the original request failed"
//! and whatever has happened to the object since (docs.stripe.com/api/idempotent_requests,
//! docs.stripe.com/error-low-level#idempotency). A create's key is deterministic (a hash of
//! the desired values, so a rerun after a crash cannot create twice), which means a create
//! repeated within the window gets the earlier object back: possibly renamed, archived,
//! deleted, or holding another lookup key by now. Such an answer proves nothing about the
//! present, so it is checked against Stripe as it is before anything is recorded, archived or
//! moved on its strength.

use crate::gateway::{Gateway, GatewayError};
use crate::plan::{Change, DefaultPriceTarget, MeterTarget};

/// Why a replayed answer does not describe what the write asked for, in words for the user
/// (`None`: the object is as the write wanted it, so the replay is the write's own effect).
///
/// Creates are checked for identity: the object exists, is active (as asked) and, for a
/// price, still holds the catalog key on the same product with the same terms. Other writes
/// carry the run's id in their key, so only this run's own retries replay them; they are
/// checked for the values later actions rely on (`active`, `default_price`).
///
/// # Errors
/// Stripe could not be read.
pub(super) async fn stale_reason(
    gateway: &Gateway,
    change: &Change,
    object_id: &str,
    created_id: Option<&str>,
) -> Result<Option<String>, GatewayError> {
    match change {
        Change::CreateProduct { product, fields } => {
            let Some(found) = gateway.product_by_id(product).await? else {
                return Ok(Some(format!("product `{product}` no longer exists")));
            };
            Ok(differs("product", product, "active", found.fields.active, fields.active))
        }
        Change::CreatePrice { product, key, terms, meter, .. } => {
            // The catalog's terms name the meter by key; Stripe's by id.
            let mut terms = terms.clone();
            if let (Some(recurring), Some(meter)) = (terms.recurring.as_mut(), meter) {
                recurring.meter = Some(match meter {
                    MeterTarget::Existing { id, .. } => id.clone(),
                    MeterTarget::Created { key } => created_id.unwrap_or(key).to_string(),
                });
            }
            let Some(found) = gateway.price_by_id(object_id).await? else {
                return Ok(Some(format!("price `{object_id}` no longer exists")));
            };
            if found.lookup_key.as_deref() != Some(key.as_str()) {
                let now = found.lookup_key.as_deref().map_or("no lookup key".to_string(), |held| format!("`{held}`"));
                return Ok(Some(format!("price `{object_id}` no longer holds lookup key `{key}` (it holds {now})")));
            }
            if found.product != *product {
                return Ok(Some(format!("price `{object_id}` now belongs to product `{}`", found.product)));
            }
            if found.terms != terms {
                return Ok(Some(format!("price `{object_id}` has other terms than the catalog asks for")));
            }
            if !found.settings.active {
                return Ok(Some(format!("price `{object_id}` has been archived since")));
            }
            Ok(None)
        }
        Change::UpdateProduct { product, patch, .. } => match patch.active {
            Some(active) => product_active(gateway, product, active).await,
            None => Ok(None),
        },
        Change::ArchiveProduct { product, .. } => product_active(gateway, product, false).await,
        Change::SetDefaultPrice { product, price, .. } => {
            let wanted = match price {
                DefaultPriceTarget::Existing { id, .. } => id.as_str(),
                DefaultPriceTarget::Created { key } => created_id.unwrap_or(key),
            };
            let Some(found) = gateway.product_by_id(product).await? else {
                return Ok(Some(format!("product `{product}` no longer exists")));
            };
            Ok((found.default_price.as_deref() != Some(wanted)).then(|| {
                format!(
                    "product `{product}` has default price {} rather than `{wanted}`",
                    found.default_price.as_deref().map_or("none".to_string(), |id| format!("`{id}`"))
                )
            }))
        }
        Change::UpdatePrice { price, patch, .. } => match patch.active {
            Some(active) => price_active(gateway, price, active).await,
            None => Ok(None),
        },
        Change::ArchivePrice { price, .. } => price_active(gateway, price, false).await,
        Change::ReactivatePrice { price, key, .. } => {
            let Some(found) = gateway.price_by_id(price).await? else {
                return Ok(Some(format!("price `{price}` no longer exists")));
            };
            if found.lookup_key.as_deref() != Some(key.as_str()) {
                return Ok(Some(format!("price `{price}` no longer holds lookup key `{key}`")));
            }
            Ok(differs("price", price, "active", found.settings.active, true))
        }
        // Never answered whole: each item's move is verified on its own (`migrate.rs`).
        Change::MigrateSubscriptions { .. } => Ok(None),
        Change::CreateMeter { terms, .. } => {
            let Some(found) = gateway.meter_by_id(object_id).await? else {
                return Ok(Some(format!("meter `{object_id}` no longer exists")));
            };
            if found.terms.event_name != terms.event_name {
                return Ok(Some(format!("meter `{object_id}` has another event name than the catalog asks for")));
            }
            Ok(differs("meter", object_id, "active", found.active, true))
        }
        // A rename carries the run's id in its key: only this run's retries replay it.
        Change::UpdateMeter { .. } => Ok(None),
        Change::ReactivateMeter { .. } => meter_active(gateway, object_id, true).await,
        Change::DeactivateMeter { .. } => meter_active(gateway, object_id, false).await,
    }
}

async fn meter_active(gateway: &Gateway, meter: &str, wanted: bool) -> Result<Option<String>, GatewayError> {
    Ok(match gateway.meter_by_id(meter).await? {
        None => Some(format!("meter `{meter}` no longer exists")),
        Some(found) => differs("meter", meter, "active", found.active, wanted),
    })
}

async fn product_active(gateway: &Gateway, product: &str, wanted: bool) -> Result<Option<String>, GatewayError> {
    Ok(match gateway.product_by_id(product).await? {
        None => Some(format!("product `{product}` no longer exists")),
        Some(found) => differs("product", product, "active", found.fields.active, wanted),
    })
}

async fn price_active(gateway: &Gateway, price: &str, wanted: bool) -> Result<Option<String>, GatewayError> {
    Ok(match gateway.price_by_id(price).await? {
        None => Some(format!("price `{price}` no longer exists")),
        Some(found) => differs("price", price, "active", found.settings.active, wanted),
    })
}

fn differs(kind: &str, id: &str, field: &str, found: bool, wanted: bool) -> Option<String> {
    (found != wanted).then(|| format!("{kind} `{id}` has `{field}: {found}`, not `{wanted}`"))
}

/// The key for repeating a write whose replayed answer was stale: the run id makes it new to
/// Stripe, and stable within the run, so the repeat's own retries stay safe.
pub(super) fn fresh_key(key: &str, run_id: &str) -> String {
    format!("{key}-{run_id}")
}
