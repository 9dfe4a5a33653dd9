//! The plan: what `apply` would do to make Stripe match the catalog, as plain data.
//!
//! One value is computed by the pure [`diff`](diff::diff), rendered for people or as JSON
//! ([`render`]), saved and checked for staleness ([`file`]) and executed by
//! [`crate::apply`]. Each [`Action`] is exactly one write to Stripe, so each has its own
//! idempotency key and its own audit line; `depends_on` orders them (a product before its
//! prices; a replacement price, then the default move, then the archive of the old price).

pub mod blocks;
mod compute;
pub mod describe;
pub mod diff;
pub mod file;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod impact;
pub mod origin;
pub mod render;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::objects::{
    Account, MeterTerms, Mode, OnReplace, PricePatch, PriceSettings, PriceTerms, ProductFields, ProductPatch,
};

pub use compute::{PlanInputs, plan_for};
pub use diff::{DiffOptions, PlanError, diff};

/// The version of the JSON plan document (`plan --format json`, `plan --out`). Bumped on any
/// change a reader could notice; additive fields do not bump it.
pub const FORMAT_VERSION: u32 = 1;

/// The API base a plan names for the in-process `--sandbox`: its port changes every run, so a
/// URL would make every saved plan stale.
pub const IN_PROCESS_SANDBOX: &str = "in-process sandbox (--sandbox)";

/// Where the plan was computed: what a saved plan must still match to be applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanHeader {
    pub account: Account,
    pub mode: Mode,
    /// The API base URL when it is not Stripe's own (the sandbox, a mock).
    pub api_base: Option<String>,
    /// SHA-256 of the catalog file's bytes, hex.
    pub catalog_sha256: String,
}

/// Everything `apply` would do, in a deterministic order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub format_version: u32,
    #[serde(flatten)]
    pub header: PlanHeader,
    /// Made with `--adopt` (applying it recomputes with `--adopt` too).
    #[serde(default)]
    pub adopt: bool,
    /// Managed objects whose values were changed outside the catalog since the last apply.
    pub drift: Vec<Drift>,
    pub actions: Vec<Action>,
    /// Things the plan leaves alone on purpose, with the reason (shown under the plan).
    pub notes: Vec<String>,
    /// The catalog file and connection the plan was made with, which `apply PLAN` reuses
    /// (absent from plans saved before it was recorded: `apply` then takes its flags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<origin::Origin>,
    /// Who pays the prices the plan replaces or archives, read after the diff
    /// ([`impact::attach`]); absent when the plan replaces and archives nothing, or was not
    /// asked. Not part of what a saved plan must still match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<impact::PlanImpact>,
}

impl Plan {
    /// Whether applying would write nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Counts by the object-level symbol a reader sees.
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for block in blocks::blocks(self) {
            match block.symbol {
                Symbol::Create => summary.create += 1,
                Symbol::Update => summary.update += 1,
                Symbol::Replace => summary.replace += 1,
                Symbol::Archive => summary.archive += 1,
            }
        }
        summary
    }

    /// The action with this id.
    #[must_use]
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|action| action.id == id)
    }
}

/// How many objects each kind of change touches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub create: usize,
    pub update: usize,
    pub replace: usize,
    pub archive: usize,
}

/// The symbol of an object's block, terraform style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Symbol {
    Create,
    Update,
    Replace,
    Archive,
}

/// A managed object that differs from what the tool last wrote to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drift {
    /// `product "pro"` or `price "pro_monthly"`.
    pub object: String,
    /// The Stripe id.
    pub id: String,
    /// The fields where Stripe now differs from the catalog (`name`, `nickname`, `metadata`,
    /// `active`, …): what the plan puts back.
    #[serde(default)]
    pub fields: Vec<String>,
}

/// One write to Stripe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Stable within a plan: `product/pro/create`, `price/pro_monthly/update`, `price/price_123/archive`.
    pub id: String,
    /// Actions that must succeed before this one starts.
    pub depends_on: Vec<String>,
    /// Each changed field, for people: `old → new` in display form.
    pub changes: Vec<FieldChange>,
    #[serde(flatten)]
    pub change: Change,
}

/// A field as it is and as it will be, already in display form (`"Pro"`, `$29.00 USD / month`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What one action writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Create a product with the catalog's id (the gateway adds the managed marker).
    CreateProduct { product: String, fields: ProductFields },
    /// Change fields of an existing product (reactivation is `active: true`); with
    /// `patch.mark_managed` it also adopts the product.
    UpdateProduct {
        product: String,
        patch: ProductPatch,
        /// [`product_fingerprint`] of the catalog's values, stored on the product.
        fingerprint: String,
    },
    /// Point the product's `default_price` at a price.
    SetDefaultPrice { product: String, price: DefaultPriceTarget, reason: DefaultReason },
    /// Archive (`active: false`) a product that left the catalog.
    ArchiveProduct {
        product: String,
        /// Why: the product left the catalog, or the catalog sets it `active: false`.
        #[serde(default = "ArchiveReason::removed")]
        reason: ArchiveReason,
        /// [`product_fingerprint`] of the product as it is once archived, stored with the
        /// archive so a later reactivation by the catalog is not taken for drift, while an
        /// archive made in the Dashboard is.
        #[serde(default)]
        fingerprint: String,
    },
    /// Create a price. With `replaces` it is the first half of a replace: it takes the lookup
    /// key over from the old price (`transfer_lookup_key`), which is archived afterwards.
    /// A metered price's `terms` name its meter by catalog key; `meter` says which Stripe
    /// meter that is.
    CreatePrice {
        product: String,
        key: String,
        terms: PriceTerms,
        settings: PriceSettings,
        replaces: Option<Replaced>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meter: Option<MeterTarget>,
    },
    /// Change what Stripe lets change on an existing price.
    UpdatePrice {
        product: String,
        key: String,
        price: String,
        patch: PricePatch,
        /// [`price_fingerprint`] of the catalog's settings, stored on the price.
        fingerprint: String,
    },
    /// Archive (`active: false`) a managed price.
    ArchivePrice {
        product: String,
        price: String,
        key: Option<String>,
        reason: ArchiveReason,
        mark_managed: bool,
        /// [`price_fingerprint`] of the price's settings once archived (see `ArchiveProduct`).
        #[serde(default)]
        fingerprint: String,
    },
    /// Move every subscription item on the old price `from` to the price `to` (`POST
    /// /v1/subscription_items/{id}` with `price` and `proration_behavior=none`): the second
    /// step of a replace whose catalog price says `on_replace: migrate`, before the old price
    /// is archived. The items are listed when the action runs, so a rerun after a crash moves
    /// only those still on `from`.
    MigrateSubscriptions {
        product: String,
        key: String,
        /// The old price's id.
        from: String,
        to: DefaultPriceTarget,
        /// Subscriptions on `from` (active, trialing, past_due) when the plan was made, once the
        /// impact is read; for people only: a saved plan is not compared on it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        subscriptions: Option<u64>,
    },
    /// A revert: reactivate (`active: true`) an archived managed price of the product whose
    /// terms equal the catalog's, and move the key to it (`lookup_key` with
    /// `transfer_lookup_key`), instead of creating yet another price. With `replaces` it is the
    /// first half of a replace, like [`Change::CreatePrice`].
    ReactivatePrice {
        product: String,
        key: String,
        /// The archived price's id.
        price: String,
        /// When Stripe created it (Unix seconds), to name it in the plan.
        created: i64,
        /// Its terms, which equal the catalog's.
        terms: PriceTerms,
        /// `active: true` and any setting the catalog changes.
        patch: PricePatch,
        /// [`price_fingerprint`] of the catalog's settings, stored on the price.
        fingerprint: String,
        replaces: Option<Replaced>,
    },
    /// Create a Billing Meter for the catalog meter `key`.
    CreateMeter { key: String, display_name: String, terms: MeterTerms },
    /// Rename a meter (`display_name` is all Stripe lets change).
    UpdateMeter { key: String, meter: String, display_name: String },
    /// Reactivate a deactivated meter the catalog wants active.
    ReactivateMeter { key: String, meter: String },
    /// Deactivate a meter: Stripe has no delete for meters, and an inactive meter takes no
    /// usage events and no new prices (docs.stripe.com/api/billing/meter/deactivate).
    DeactivateMeter {
        /// The catalog key, when the catalog still lists the meter.
        key: Option<String>,
        /// The meter's id; `None` for a meter this plan creates (inactive in the catalog),
        /// whose id the run learns from the create named by `key`.
        meter: Option<String>,
        event_name: String,
        reason: DeactivateReason,
    },
}

impl Change {
    /// The id of the action whose created object this write needs, which an earlier action of
    /// the same run creates: a default moving to a new price, a price charging for a new meter.
    #[must_use]
    pub fn needs_created(&self) -> Option<String> {
        match self {
            Change::SetDefaultPrice { price: DefaultPriceTarget::Created { key }, .. }
            | Change::MigrateSubscriptions { to: DefaultPriceTarget::Created { key }, .. } => {
                Some(diff::create_price_id(key))
            }
            Change::CreatePrice { meter: Some(MeterTarget::Created { key }), .. }
            | Change::DeactivateMeter { meter: None, key: Some(key), .. } => Some(diff::create_meter_id(key)),
            _ => None,
        }
    }

    /// Whether this write creates an object (its idempotency key must survive reruns).
    #[must_use]
    pub fn creates(&self) -> bool {
        matches!(self, Change::CreateProduct { .. } | Change::CreatePrice { .. } | Change::CreateMeter { .. })
    }

    /// The product the action belongs to; `None` for meters, which belong to no product.
    #[must_use]
    pub fn product(&self) -> Option<&str> {
        match self {
            Change::CreateProduct { product, .. }
            | Change::UpdateProduct { product, .. }
            | Change::SetDefaultPrice { product, .. }
            | Change::ArchiveProduct { product, .. }
            | Change::CreatePrice { product, .. }
            | Change::UpdatePrice { product, .. }
            | Change::ArchivePrice { product, .. }
            | Change::MigrateSubscriptions { product, .. }
            | Change::ReactivatePrice { product, .. } => Some(product),
            Change::CreateMeter { .. }
            | Change::UpdateMeter { .. }
            | Change::ReactivateMeter { .. }
            | Change::DeactivateMeter { .. } => None,
        }
    }

    /// The Stripe id of the object written, when it exists before the write.
    #[must_use]
    pub fn object_id(&self) -> Option<&str> {
        match self {
            Change::CreateProduct { product, .. }
            | Change::UpdateProduct { product, .. }
            | Change::SetDefaultPrice { product, .. }
            | Change::ArchiveProduct { product, .. } => Some(product),
            Change::CreatePrice { .. } | Change::CreateMeter { .. } => None,
            Change::UpdatePrice { price, .. }
            | Change::ArchivePrice { price, .. }
            | Change::ReactivatePrice { price, .. }
            | Change::MigrateSubscriptions { from: price, .. } => Some(price),
            Change::UpdateMeter { meter, .. } | Change::ReactivateMeter { meter, .. } => Some(meter),
            Change::DeactivateMeter { meter, .. } => meter.as_deref(),
        }
    }
}

/// The meter a new metered price charges for: one that exists now, or one this plan creates
/// (named by catalog key until the run learns its id, as [`DefaultPriceTarget::Created`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeterTarget {
    Existing { id: String, key: String },
    Created { key: String },
}

/// Why a meter is deactivated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeactivateReason {
    /// The catalog sets it `active: false`.
    SetInactive,
    /// It left the catalog, and a managed price charges for it (what shows it is the
    /// catalog's: meters carry no metadata to mark them).
    RemovedFromCatalog,
}

/// The price a replace supersedes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replaced {
    /// The old price's id.
    pub price: String,
    /// Why it cannot be changed in place, one reason per immutable difference.
    pub reasons: Vec<String>,
    /// How the old price looks, for the `old → new` lines.
    pub terms: PriceTerms,
    /// What happens to its subscribers (`migrate`: a [`Change::MigrateSubscriptions`] follows,
    /// and the new price records the old one under [`crate::objects::REPLACES_KEY`]).
    #[serde(default, skip_serializing_if = "OnReplace::is_keep")]
    pub on_replace: OnReplace,
}

/// The price a product's default moves to: one that exists now, or one this plan creates (named
/// by lookup key until the run learns its id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultPriceTarget {
    Existing { id: String, key: Option<String> },
    Created { key: String },
}

impl DefaultPriceTarget {
    /// The lookup key, when the price has one.
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        match self {
            DefaultPriceTarget::Existing { key, .. } => key.as_deref(),
            DefaultPriceTarget::Created { key } => Some(key),
        }
    }
}

/// Why a default price moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultReason {
    /// The catalog names a different default.
    Catalog,
    /// The default price is being replaced; the default follows the replacement.
    Replace,
    /// The default price is being archived; Stripe refuses to archive a default price.
    Archive,
}

/// Why a price is archived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveReason {
    /// Superseded by a replacement that took its lookup key.
    Replaced,
    /// Its key is no longer in the catalog.
    RemovedFromCatalog,
    /// Its product left the catalog.
    ProductRemoved,
    /// A managed price without a lookup key: what an interrupted replace leaves behind.
    LostKey,
    /// The catalog sets it `active: false`.
    SetInactive,
    /// Its product is archived in the catalog, and an archived product's prices go with it
    /// (Stripe would not sell them anyway).
    ProductArchived,
}

impl ArchiveReason {
    /// The reason of a saved plan made before archives carried one.
    fn removed() -> ArchiveReason {
        ArchiveReason::RemovedFromCatalog
    }
}

/// The idempotency key for one action of an apply run.
///
/// Creates get a key derived only from the account, the mode and the action with its desired
/// values, so a retry, a rerun after a crash, or a concurrent run sends the same key and Stripe
/// cannot create twice (a replacement names the price it replaces, so a later replace back
/// to the same values gets a fresh key). Every other write is naturally idempotent (it sets
/// fields to values), so its key also includes the run's id: within a run retries share it,
/// while a later run that must make the same write again (archive, reactivate, archive within
/// Stripe's 24-hour key window) is not answered with a replay of the earlier response.
#[must_use]
pub fn idempotency_key(header: &PlanHeader, action: &Action, run_id: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [header.account.id.as_str(), header.mode.label(), action.id.as_str()] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    // Serialising plain data to JSON cannot fail; an empty body would still be unique per id.
    hasher.update(serde_json::to_vec(&action.change).unwrap_or_default());
    if !action.change.creates() {
        hasher.update([0]);
        hasher.update(run_id.as_bytes());
    }
    format!("stripe-catalog-{}", hex::encode(hasher.finalize()))
}

/// The idempotency key for moving subscription item `item` from price `from` to price `to`
/// in a migration ([`Change::MigrateSubscriptions`]).
///
/// It is derived from the account, the mode, the item and both prices only, not from the run:
/// a rerun after a crash sends the same key for an item whose move was in flight, and Stripe
/// answers with that move instead of making it again. A later run that must make the very
/// same move again (the item was moved back since, within Stripe's 24-hour window) gets a
/// replayed answer, which apply checks against the item as it is now before believing it.
#[must_use]
pub fn migration_idempotency_key(header: &PlanHeader, item: &str, from: &str, to: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [header.account.id.as_str(), header.mode.label(), "migrate", item, from, to] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    format!("stripe-catalog-{}", hex::encode(hasher.finalize()))
}

/// SHA-256 of the values the tool wrote to a product, stored on it so a later plan can tell
/// a change made outside the catalog (drift) from a catalog edit.
#[must_use]
pub fn product_fingerprint(fields: &ProductFields) -> String {
    // `active` is in: the tool's own archives store the archived fingerprint, so an archive
    // or a reactivation made in the Dashboard shows as drift. (Before, `active` was hashed as
    // `true` always; an active object's fingerprint is the same either way.)
    fingerprint(fields)
}

/// Like [`product_fingerprint`], for a price's changeable settings.
#[must_use]
pub fn price_fingerprint(settings: &PriceSettings) -> String {
    fingerprint(settings)
}

fn fingerprint<T: Serialize>(value: &T) -> String {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    hex::encode(&Sha256::digest(&bytes)[..8])
}
