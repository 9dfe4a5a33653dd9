//! The pure diff: catalog + Stripe's state → [`Plan`]. No I/O, so every rule is unit-tested.
//!
//! Identity: a catalog product is the Stripe product with the same id; a catalog price is the
//! Stripe price whose `lookup_key` is its key. Only objects carrying the managed marker are
//! changed or archived; an unmanaged object in the catalog's way is an error unless `adopt`.
//!
//! Decisions that Stripe's API forces (see `docs` in the README, "Plan and apply"):
//! - A change to an immutable price field (amount, currency, recurring, tiers, billing scheme,
//!   transform quantity, product) is a replace: create the new price taking over the key with
//!   `transfer_lookup_key`, move the product's default to it if the old one was default, then
//!   archive the old price.
//! - `tax_behavior` changes in place only from `unspecified`; any other change is a replace.
//! - Removing a currency from `currency_options` is a replace: an update can add and change
//!   currency options, but only a new price is certain to drop one.
//! - Stripe cannot unset a product's default price and refuses to archive a default price. A
//!   default price being archived is first moved to the catalog's default, the replacement,
//!   or the product's first remaining catalog price; when there is none (the product itself
//!   is leaving the catalog, or is not ours) the price stays active and the plan says so.
//! - `active` is left out of the drift fingerprint: archiving and reactivating are the tool's
//!   own moves and never count as drift.
//! - Billing Meters (identity, ownership, what cannot change): see `diff/meters.rs`. A price whose
//!   meter changes is a replace (`recurring` is immutable); a new price waits for its meter's
//!   create or reactivation, and a meter's deactivation waits for the new prices on it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::catalog::Catalog;
use crate::error::Hints;
use crate::money::Currency;
use crate::objects::{
    CurrencyOption, DesiredPrice, DesiredProduct, MetadataPatch, OnReplace, PricePatch, PriceSettings, Pricing,
    ProductFields, ProductPatch, Recurring, RemotePrice, RemoteProduct, RemoteState, TaxBehavior,
};

use super::describe::{describe_option, describe_terms};
use super::{
    Action, ArchiveReason, Change, DefaultPriceTarget, DefaultReason, Drift, FORMAT_VERSION, FieldChange, MeterTarget,
    Plan, PlanHeader, Replaced, price_fingerprint, product_fingerprint,
};

mod meters;
pub mod subscribers;

use self::meters::MeterPlan;
pub use self::meters::{MeterProblem, create_meter_id};

/// How to diff.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// Take over unmanaged objects in the catalog's way instead of refusing.
    pub adopt: bool,
    /// Account, mode, API base and catalog hash, copied into the plan.
    pub header: PlanHeader,
}

/// Why no plan can be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Objects the tool does not manage hold catalog ids or keys.
    #[error("{}", unmanaged_message(.0))]
    Unmanaged(Vec<Conflict>),
    /// The catalog changes what a Billing Meter measures, which Stripe never lets change.
    #[error("{}", meters_message(.0))]
    Meters(Vec<MeterProblem>),
    /// A replace with `on_replace: migrate` whose subscriptions cannot be moved: one line per
    /// price, naming its key and why.
    #[error("{}", migration_message(.0))]
    Migration(Vec<String>),
}

impl Hints for PlanError {
    fn hints(&self) -> Vec<String> {
        match self {
            PlanError::Unmanaged(_) => vec![
                "rerun with `--adopt` to take them over: they are tagged as managed by stripe-catalog, then made to match the catalog".to_string(),
                "or rename the catalog's product id / price key so it does not collide".to_string(),
            ],
            PlanError::Meters(_) => vec![
                "Stripe's meter update takes only `display_name` (docs.stripe.com/api/billing/meter/update), so a meter is never changed in place".to_string(),
                "nor can it be replaced the way a price is: usage events reach a meter by its event_name, and only your application can start sending a new one".to_string(),
                "to measure differently, add a meter with a new key and a new event_name, point the prices at its key (they are replaced), and send usage under the new event name; keep the old meter in the catalog (`active: false` deactivates it) or remove it once nothing uses it".to_string(),
                "or put the meter's old values back in the catalog".to_string(),
            ],
            PlanError::Migration(_) => vec![
                "write `on_replace: keep` on the price: its subscribers stay on the old, archived price, billed as before".to_string(),
                "or add the new terms as a new price key beside the old one, and move subscribers yourself (Stripe prorates or resets their billing cycle as you choose)".to_string(),
            ],
        }
    }
}

/// An unmanaged Stripe object holding a catalog product id or price key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    Product { id: String },
    Price { key: String, id: String, product: String },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::Product { id } => {
                write!(f, "product `{id}` exists in Stripe but is not managed by stripe-catalog")
            }
            Conflict::Price { key, id, product } => write!(
                f,
                "price `{id}` (product `{product}`) holds lookup key `{key}` but is not managed by stripe-catalog"
            ),
        }
    }
}

fn meters_message(problems: &[MeterProblem]) -> String {
    let mut message = format!(
        "{} cannot change after creation",
        if problems.len() == 1 {
            "a meter's event and aggregation settings".to_string()
        } else {
            format!("{} meter settings", problems.len())
        }
    );
    for problem in problems {
        message.push_str("\n  - ");
        message.push_str(&problem.to_string());
    }
    message
}

fn migration_message(problems: &[String]) -> String {
    let mut message = format!(
        "on_replace: migrate cannot move the subscribers of {}",
        if problems.len() == 1 {
            "a replaced price".to_string()
        } else {
            format!("{} replaced prices", problems.len())
        }
    );
    for problem in problems {
        message.push_str("\n  - ");
        message.push_str(problem);
    }
    message
}

fn unmanaged_message(conflicts: &[Conflict]) -> String {
    let mut message = format!(
        "{} unmanaged Stripe {} in the catalog's way",
        conflicts.len(),
        if conflicts.len() == 1 { "object is" } else { "objects are" }
    );
    for conflict in conflicts {
        message.push_str("\n  - ");
        message.push_str(&conflict.to_string());
    }
    message
}

/// Computes what `apply` must do to make `remote` match `catalog`.
///
/// # Errors
/// [`PlanError::Unmanaged`] when unmanaged objects hold catalog ids or keys and `adopt` is off;
/// [`PlanError::Meters`] when the catalog changes what a meter measures.
pub fn diff(catalog: &Catalog, remote: &RemoteState, options: &DiffOptions) -> Result<Plan, PlanError> {
    let meters = meters::plan(catalog, remote);
    let remote = &meters.in_catalog_terms(remote);
    let mut differ = Differ::new(catalog, remote, options.adopt, &meters);
    differ.check_ownership()?;
    if !meters.problems.is_empty() {
        return Err(PlanError::Meters(meters.problems.clone()));
    }
    let desired_products: Vec<&DesiredProduct> = differ.desired_products.values().copied().collect();
    for desired in desired_products {
        differ.product(desired);
    }
    differ.leftover_prices();
    differ.default_prices();
    differ.removed_products();
    if !differ.migration_problems.is_empty() {
        return Err(PlanError::Migration(std::mem::take(&mut differ.migration_problems)));
    }
    Ok(differ.finish(options.header.clone(), options.adopt))
}

/// Where a catalog key's price will be after the apply.
#[derive(Clone, Debug)]
enum Holder {
    /// The existing price keeps the key.
    Kept(String),
    /// This plan creates the price (fresh or as a replacement).
    Created,
    /// This plan reactivates this archived price (a revert) and moves the key to it.
    Reactivated(String),
}

/// An archive the plan intends, before default-price checks may drop it.
struct PlannedArchive<'a> {
    price: &'a RemotePrice,
    /// The settings the price keeps once archived, when the catalog has it (they are written
    /// with the archive, fingerprint included); otherwise Stripe's.
    settings: Option<PriceSettings>,
    reason: ArchiveReason,
    depends_on: Vec<String>,
    /// The catalog key whose new price replaces this one.
    replaced_by: Option<String>,
}

struct Differ<'a> {
    adopt: bool,
    meters: &'a MeterPlan,
    desired_products: BTreeMap<&'a str, &'a DesiredProduct>,
    desired_keys: BTreeSet<&'a str>,
    remote_products: BTreeMap<&'a str, &'a RemoteProduct>,
    remote_prices: Vec<&'a RemotePrice>,
    price_by_key: BTreeMap<&'a str, &'a RemotePrice>,
    holders: BTreeMap<&'a str, Holder>,
    /// Product id → id of the action creating or updating it.
    product_actions: BTreeMap<String, String>,
    archives: BTreeMap<String, PlannedArchive<'a>>,
    actions: Vec<Action>,
    drift: Vec<Drift>,
    notes: Vec<String>,
    /// Why an `on_replace: migrate` replace cannot move its subscribers, per price.
    migration_problems: Vec<String>,
}

impl<'a> Differ<'a> {
    fn new(catalog: &'a Catalog, remote: &'a RemoteState, adopt: bool, meters: &'a MeterPlan) -> Differ<'a> {
        let desired_products: BTreeMap<_, _> =
            catalog.products.iter().map(|product| (product.id.as_str(), product)).collect();
        let desired_keys =
            catalog.products.iter().flat_map(|product| product.prices.iter().map(|price| price.key.as_str())).collect();
        let mut remote_prices: Vec<&RemotePrice> = remote.prices.iter().collect();
        remote_prices.sort_by(|a, b| (&a.product, &a.id).cmp(&(&b.product, &b.id)));
        Differ {
            adopt,
            meters,
            desired_products,
            desired_keys,
            remote_products: remote.products.iter().map(|product| (product.id.as_str(), product)).collect(),
            price_by_key: remote
                .prices
                .iter()
                .filter_map(|price| price.lookup_key.as_deref().map(|key| (key, price)))
                .collect(),
            remote_prices,
            holders: BTreeMap::new(),
            product_actions: BTreeMap::new(),
            archives: BTreeMap::new(),
            actions: Vec::new(),
            drift: Vec::new(),
            notes: Vec::new(),
            migration_problems: Vec::new(),
        }
    }

    fn check_ownership(&self) -> Result<(), PlanError> {
        if self.adopt {
            return Ok(());
        }
        let mut conflicts = Vec::new();
        for desired in self.desired_products.values() {
            if let Some(remote) = self.remote_products.get(desired.id.as_str())
                && !remote.managed
            {
                conflicts.push(Conflict::Product { id: remote.id.clone() });
            }
            for price in &desired.prices {
                if let Some(remote) = self.price_by_key.get(price.key.as_str())
                    && !remote.managed
                {
                    conflicts.push(Conflict::Price {
                        key: price.key.clone(),
                        id: remote.id.clone(),
                        product: remote.product.clone(),
                    });
                }
            }
        }
        if conflicts.is_empty() { Ok(()) } else { Err(PlanError::Unmanaged(conflicts)) }
    }

    fn push(&mut self, id: String, depends_on: Vec<String>, changes: Vec<FieldChange>, change: Change) {
        self.actions.push(Action { id, depends_on, changes, change });
    }

    fn product(&mut self, desired: &'a DesiredProduct) {
        match self.remote_products.get(desired.id.as_str()).copied() {
            None => {
                let id = format!("product/{}/create", desired.id);
                let changes = product_changes(None, &desired.fields);
                self.product_actions.insert(desired.id.clone(), id.clone());
                self.push(
                    id,
                    Vec::new(),
                    changes,
                    Change::CreateProduct { product: desired.id.clone(), fields: desired.fields.clone() },
                );
            }
            Some(remote) => {
                // What the catalog can have: a field Stripe cannot unset stays as Stripe has it,
                // so the patch, the shown changes and the stored fingerprint all agree with
                // the object after apply (and the next plan sees no drift in it).
                let mut wanted = desired.fields.clone();
                if let (Some(kept), None) = (&remote.fields.statement_descriptor, &desired.fields.statement_descriptor)
                {
                    self.notes.push(format!(
                        "product \"{}\" keeps statement_descriptor \"{kept}\": Stripe cannot unset it (set the one you want in the catalog)",
                        desired.id
                    ));
                    wanted.statement_descriptor = Some(kept.clone());
                }
                let desired = &DesiredProduct { fields: wanted, ..desired.clone() };
                let mut patch = product_patch(&remote.fields, &desired.fields);
                patch.mark_managed = !remote.managed;
                if patch != ProductPatch::default()
                    && drifted(remote.applied_fingerprint.as_deref(), &product_fingerprint(&remote.fields))
                {
                    let fields = product_changes(Some(&remote.fields), &desired.fields);
                    self.drifted_object(format!("product \"{}\"", desired.id), &remote.id, &fields);
                }
                if patch == (ProductPatch { active: Some(false), ..ProductPatch::default() }) {
                    // The catalog archives the product (and, through validation, its prices):
                    // shown and counted as the archive it is.
                    let id = format!("product/{}/archive", desired.id);
                    self.product_actions.insert(desired.id.clone(), id.clone());
                    self.push(
                        id,
                        Vec::new(),
                        vec![archived_change()],
                        Change::ArchiveProduct {
                            product: desired.id.clone(),
                            reason: ArchiveReason::SetInactive,
                            fingerprint: product_fingerprint(&desired.fields),
                        },
                    );
                } else if patch != ProductPatch::default() {
                    let id = format!("product/{}/update", desired.id);
                    let mut changes = product_changes(Some(&remote.fields), &desired.fields);
                    if patch.mark_managed {
                        changes.insert(0, adopt_change());
                    }
                    self.product_actions.insert(desired.id.clone(), id.clone());
                    self.push(
                        id,
                        Vec::new(),
                        changes,
                        Change::UpdateProduct {
                            product: desired.id.clone(),
                            patch,
                            fingerprint: product_fingerprint(&desired.fields),
                        },
                    );
                }
            }
        }
        let mut prices: Vec<&DesiredPrice> = desired.prices.iter().collect();
        prices.sort_by(|a, b| a.key.cmp(&b.key));
        for price in prices {
            self.price(desired, price);
        }
    }

    fn price(&mut self, product: &'a DesiredProduct, desired: &'a DesiredPrice) {
        let product_dependency: Vec<String> = self.product_actions.get(&product.id).cloned().into_iter().collect();
        let (meter, meter_dependency) = self.meter_of(desired);
        let Some(remote) = self.price_by_key.get(desired.key.as_str()).copied() else {
            self.holders.insert(&desired.key, Holder::Created);
            self.push(
                create_price_id(&desired.key),
                product_dependency.into_iter().chain(meter_dependency).collect(),
                price_create_changes(desired),
                Change::CreatePrice {
                    product: product.id.clone(),
                    key: desired.key.clone(),
                    terms: desired.terms.clone(),
                    settings: desired.settings.clone(),
                    replaces: None,
                    meter,
                },
            );
            return;
        };
        // A nickname Stripe has and the catalog drops is kept: the update endpoint's `nickname`
        // is not emptyable (spec3.json, POST /v1/prices/{price}: a plain string, where
        // unsettable fields are `anyOf [string, ""]`, and Stripe answers "You passed an empty
        // string for 'nickname' … cannot be unset"), and replacing a price only to drop a
        // label nobody pays for would strand its subscribers on an archived price.
        let key: &'a str = &desired.key;
        // Drift is reported against what the catalog says, kept fields included.
        let catalog_settings = &desired.settings;
        let kept_nickname;
        let desired = match (&remote.settings.nickname, &desired.settings.nickname) {
            (Some(kept), None) => {
                self.notes.push(format!(
                    "price \"{}\" keeps nickname \"{kept}\": Stripe cannot unset a price's nickname (set the one you want in the catalog)",
                    desired.key
                ));
                let mut settings = desired.settings.clone();
                settings.nickname = Some(kept.clone());
                kept_nickname = DesiredPrice { settings, ..desired.clone() };
                &kept_nickname
            }
            _ => desired,
        };
        let reasons = replace_reasons(remote, &product.id, desired);
        if reasons.is_empty() {
            self.holders.insert(key, Holder::Kept(remote.id.clone()));
            self.unfinished_migration(product, desired, remote);
            let mut patch = price_patch(remote, &desired.settings);
            patch.mark_managed = !remote.managed;
            self.price_drift(&desired.key, remote, catalog_settings, patch != PricePatch::default());
            // Setting a price inactive is an archive: shown, counted and ordered as one (its
            // default is moved off it first, or it stays with a note).
            let archiving = patch.active == Some(false);
            if archiving {
                patch.active = None;
                let reason =
                    if product.fields.active { ArchiveReason::SetInactive } else { ArchiveReason::ProductArchived };
                self.archives.insert(
                    remote.id.clone(),
                    PlannedArchive {
                        price: remote,
                        settings: Some(desired.settings.clone()),
                        reason,
                        depends_on: Vec::new(),
                        replaced_by: None,
                    },
                );
                // The archive tags an unmanaged price as managed itself.
                patch.mark_managed = false;
            }
            if patch != PricePatch::default() {
                let mut changes = price_setting_changes(remote, &desired.settings);
                if archiving {
                    changes.retain(|change| change.field != "active");
                }
                if patch.mark_managed {
                    changes.insert(0, adopt_change());
                }
                self.push(
                    format!("price/{}/update", desired.key),
                    product_dependency,
                    changes,
                    Change::UpdatePrice {
                        product: product.id.clone(),
                        key: desired.key.clone(),
                        price: remote.id.clone(),
                        patch,
                        fingerprint: price_fingerprint(&desired.settings),
                    },
                );
            }
            return;
        }
        self.price_drift(&desired.key, remote, catalog_settings, true);
        let replaced =
            Replaced { price: remote.id.clone(), reasons, terms: remote.terms.clone(), on_replace: desired.on_replace };
        let archived: Vec<&RemotePrice> = self
            .remote_prices
            .iter()
            .copied()
            .filter(|price| !price.settings.active && price.id != remote.id)
            .collect();
        let revert = subscribers::revert_target(&archived, &product.id, desired).filter(|_| desired.settings.active);
        let (new_id, target) = if let Some(revert) = revert {
            self.holders.insert(key, Holder::Reactivated(revert.id.clone()));
            let id = reactivate_price_id(key);
            let mut changes = vec![FieldChange {
                field: "price".to_string(),
                old: Some(describe_terms(&remote.terms)),
                new: Some(describe_terms(&desired.terms)),
            }];
            changes.extend(price_setting_changes(revert, &desired.settings));
            let mut patch = price_patch(revert, &desired.settings);
            patch.active = Some(true);
            self.push(
                id.clone(),
                product_dependency,
                changes,
                Change::ReactivatePrice {
                    product: product.id.clone(),
                    key: key.to_string(),
                    price: revert.id.clone(),
                    created: revert.created,
                    terms: revert.terms.clone(),
                    patch,
                    fingerprint: price_fingerprint(&desired.settings),
                    replaces: Some(replaced),
                },
            );
            (id, DefaultPriceTarget::Existing { id: revert.id.clone(), key: Some(key.to_string()) })
        } else {
            self.holders.insert(key, Holder::Created);
            let create_id = create_price_id(&desired.key);
            let mut changes = vec![FieldChange {
                field: "price".to_string(),
                old: Some(describe_terms(&remote.terms)),
                new: Some(describe_terms(&desired.terms)),
            }];
            changes.extend(price_setting_changes(remote, &desired.settings));
            self.push(
                create_id.clone(),
                product_dependency.into_iter().chain(meter_dependency).collect(),
                changes,
                Change::CreatePrice {
                    product: product.id.clone(),
                    key: desired.key.clone(),
                    terms: desired.terms.clone(),
                    settings: desired.settings.clone(),
                    replaces: Some(replaced),
                    meter,
                },
            );
            (create_id, DefaultPriceTarget::Created { key: key.to_string() })
        };
        let mut archive_after = vec![new_id.clone()];
        archive_after.extend(self.migration(product, desired, remote, target, Some(new_id)));
        if remote.settings.active {
            self.archives.insert(
                remote.id.clone(),
                PlannedArchive {
                    price: remote,
                    settings: None,
                    reason: ArchiveReason::Replaced,
                    depends_on: archive_after,
                    replaced_by: Some(desired.key.clone()),
                },
            );
        }
    }

    /// With `on_replace: migrate`, the action moving `old`'s subscribers to `target` once
    /// `ready_after` is done (the new price exists), and its id, which the archive of `old`
    /// waits for: nothing new may land on the old price while it is being emptied, and an
    /// archived price is one whose migration is over. A migration that cannot be done is
    /// recorded as a problem instead (the plan is refused).
    fn migration(
        &mut self,
        product: &DesiredProduct,
        desired: &DesiredPrice,
        old: &RemotePrice,
        target: DefaultPriceTarget,
        ready_after: Option<String>,
    ) -> Option<String> {
        if desired.on_replace != OnReplace::Migrate {
            return None;
        }
        if let Some(problem) = subscribers::migration_problem(&old.terms, &desired.terms) {
            self.migration_problems.push(format!("price \"{}\" ({}): {problem}", desired.key, old.id));
            return None;
        }
        let id = migrate_price_id(&desired.key);
        self.push(
            id.clone(),
            ready_after.into_iter().collect(),
            Vec::new(),
            Change::MigrateSubscriptions {
                product: product.id.clone(),
                key: desired.key.clone(),
                from: old.id.clone(),
                to: target,
                subscriptions: None,
            },
        );
        Some(id)
    }

    /// A replace with `on_replace: migrate` that stopped before its end (a crash, a failed
    /// write): the price holding the key names the one it replaced (`REPLACES_KEY`), which is
    /// still active. Its subscribers left are moved, then it is archived, as the first run
    /// would have done.
    fn unfinished_migration(&mut self, product: &'a DesiredProduct, desired: &DesiredPrice, holder: &'a RemotePrice) {
        let Some(old_id) = holder.replaces.as_deref() else { return };
        let old = self.remote_prices.iter().copied().find(|price| {
            price.id == old_id
                && price.id != holder.id
                && price.managed
                && price.settings.active
                && price.product == product.id
        });
        let Some(old) = old else { return };
        if self.archives.contains_key(&old.id) {
            return;
        }
        let target = DefaultPriceTarget::Existing { id: holder.id.clone(), key: Some(desired.key.clone()) };
        let ready_after = self.product_actions.get(&product.id).cloned();
        let depends_on: Vec<String> = self.migration(product, desired, old, target, ready_after).into_iter().collect();
        self.archives.insert(
            old.id.clone(),
            PlannedArchive {
                price: old,
                settings: None,
                reason: ArchiveReason::Replaced,
                depends_on,
                replaced_by: Some(desired.key.clone()),
            },
        );
    }

    /// The meter a new price of `desired` names, and the action it must wait for.
    fn meter_of(&self, desired: &DesiredPrice) -> (Option<MeterTarget>, Option<String>) {
        let Some(key) = desired.terms.recurring.as_ref().and_then(|recurring| recurring.meter.as_deref()) else {
            return (None, None);
        };
        (Some(self.meters.target(key)), self.meters.ready_after(key).cloned())
    }

    /// Managed, active prices the catalog no longer wants: keys that left, keyless leftovers.
    fn leftover_prices(&mut self) {
        for &price in &self.remote_prices {
            if !price.managed || !price.settings.active || self.archives.contains_key(&price.id) {
                continue;
            }
            let reason = match price.lookup_key.as_deref() {
                Some(key) if self.desired_keys.contains(key) => continue,
                Some(_) if self.desired_products.contains_key(price.product.as_str()) => {
                    ArchiveReason::RemovedFromCatalog
                }
                Some(_) => ArchiveReason::ProductRemoved,
                None => ArchiveReason::LostKey,
            };
            self.archives.insert(
                price.id.clone(),
                PlannedArchive { price, settings: None, reason, depends_on: Vec::new(), replaced_by: None },
            );
        }
    }

    /// Moves defaults where the catalog asks, and off every price about to be archived.
    fn default_prices(&mut self) {
        let mut product_ids: BTreeSet<&str> = self.desired_products.keys().copied().collect();
        product_ids.extend(self.archives.values().map(|archive| archive.price.product.as_str()));
        for product_id in product_ids {
            let current = self.remote_products.get(product_id).and_then(|product| product.default_price.clone());
            let archived_default = current.as_ref().filter(|id| self.archives.contains_key(*id)).cloned();
            let target = match self.desired_products.get(product_id) {
                Some(desired) => self.default_target(desired, current.as_deref(), archived_default.as_deref()),
                None => None,
            };
            let set_default_id = format!("product/{product_id}/default_price");
            if let Some((price, reason)) = target {
                let mut depends_on: Vec<String> = self.product_actions.get(product_id).cloned().into_iter().collect();
                if let DefaultPriceTarget::Created { key } = &price {
                    depends_on.push(create_price_id(key));
                }
                // Stripe refuses an archived default price: a reverted-to price is reactivated first.
                if let Some(key) = price.key()
                    && matches!(self.holders.get(key), Some(Holder::Reactivated(_)))
                {
                    depends_on.push(reactivate_price_id(key));
                }
                let changes = vec![FieldChange {
                    field: "default_price".to_string(),
                    old: current.as_deref().map(|id| self.describe_price_id(id)),
                    new: Some(describe_default_target(&price)),
                }];
                self.push(
                    set_default_id.clone(),
                    depends_on,
                    changes,
                    Change::SetDefaultPrice { product: product_id.to_string(), price, reason },
                );
                if let Some(archived) = &archived_default
                    && let Some(archive) = self.archives.get_mut(archived)
                {
                    archive.depends_on.push(set_default_id);
                }
            } else if let Some(archived) = archived_default {
                let why = if self.desired_products.get(product_id).is_some_and(|desired| !desired.fields.active) {
                    "its product is archived (so it cannot be bought anyway)"
                } else if self.desired_products.contains_key(product_id) {
                    "the catalog lists no other price for it to become the default"
                } else if self.remote_products.get(product_id).is_some_and(|product| !product.managed) {
                    "that product is not managed by stripe-catalog"
                } else {
                    "that product is leaving the catalog"
                };
                let name = self.describe_price_id(&archived);
                self.notes.push(format!(
                    "price {name} stays active: it is the default price of product \"{product_id}\", Stripe cannot unset a default price, and {why}"
                ));
                self.archives.remove(&archived);
            }
        }
    }

    fn default_target(
        &self,
        desired: &DesiredProduct,
        current: Option<&str>,
        archived_default: Option<&str>,
    ) -> Option<(DefaultPriceTarget, DefaultReason)> {
        let wanted_key = desired
            .default_price
            .as_deref()
            .filter(|key| desired.prices.iter().any(|price| price.key == *key))
            .map(|key| (key, DefaultReason::Catalog))
            .or_else(|| {
                let archived = archived_default?;
                let replaced_by = self
                    .archives
                    .get(archived)
                    .and_then(|archive| archive.replaced_by.as_deref())
                    .filter(|key| desired.prices.iter().any(|price| price.key == *key));
                if let Some(key) = replaced_by {
                    return Some((key, DefaultReason::Replace));
                }
                let mut remaining: Vec<&DesiredPrice> =
                    desired.prices.iter().filter(|price| price.settings.active).collect();
                remaining.sort_by(|a, b| a.key.cmp(&b.key));
                remaining.first().map(|price| (price.key.as_str(), DefaultReason::Archive))
            })?;
        let (key, mut reason) = wanted_key;
        let target = match self.holders.get(key)? {
            Holder::Kept(id) => {
                if current == Some(id.as_str()) {
                    return None;
                }
                DefaultPriceTarget::Existing { id: id.clone(), key: Some(key.to_string()) }
            }
            Holder::Created => DefaultPriceTarget::Created { key: key.to_string() },
            Holder::Reactivated(id) => DefaultPriceTarget::Existing { id: id.clone(), key: Some(key.to_string()) },
        };
        if reason == DefaultReason::Catalog
            && archived_default.is_some_and(|archived| {
                self.archives.get(archived).and_then(|archive| archive.replaced_by.as_deref()) == Some(key)
            })
        {
            reason = DefaultReason::Replace;
        }
        Some((target, reason))
    }

    fn removed_products(&mut self) {
        let removed: Vec<&RemoteProduct> = self
            .remote_products
            .values()
            .filter(|product| {
                product.managed && product.fields.active && !self.desired_products.contains_key(product.id.as_str())
            })
            .copied()
            .collect();
        for product in removed {
            self.push(
                format!("product/{}/archive", product.id),
                Vec::new(),
                vec![archived_change()],
                Change::ArchiveProduct {
                    product: product.id.clone(),
                    reason: ArchiveReason::RemovedFromCatalog,
                    fingerprint: product_fingerprint(&ProductFields { active: false, ..product.fields.clone() }),
                },
            );
        }
    }

    /// Records drift of a managed price that the plan writes to: Stripe no longer has what the
    /// tool last wrote (its stored fingerprint), and these fields differ from the catalog.
    fn price_drift(&mut self, key: &str, remote: &RemotePrice, desired: &PriceSettings, writes: bool) {
        if writes && drifted(remote.applied_fingerprint.as_deref(), &price_fingerprint(&remote_settings(remote))) {
            let fields = price_setting_changes(remote, desired);
            self.drifted_object(format!("price \"{key}\""), &remote.id, &fields);
        }
    }

    fn drifted_object(&mut self, object: String, id: &str, changes: &[FieldChange]) {
        let mut fields: Vec<String> = changes.iter().map(|change| change.field.clone()).collect();
        fields.dedup();
        self.drift.push(Drift { object, id: id.to_string(), fields });
    }

    fn describe_price_id(&self, id: &str) -> String {
        let key = self.remote_prices.iter().find(|price| price.id == id).and_then(|price| price.lookup_key.as_deref());
        match key {
            Some(key) => format!("\"{key}\" ({id})"),
            None => id.to_string(),
        }
    }

    fn finish(mut self, header: PlanHeader, adopt: bool) -> Plan {
        let archives = std::mem::take(&mut self.archives);
        for (id, archive) in archives {
            let PlannedArchive { price, settings, reason, depends_on, replaced_by: _ } = archive;
            let settings = settings.unwrap_or_else(|| remote_settings(price));
            let fingerprint = price_fingerprint(&PriceSettings { active: false, ..settings });
            self.push(
                format!("price/{id}/archive"),
                depends_on,
                vec![archived_change()],
                Change::ArchivePrice {
                    product: price.product.clone(),
                    price: id,
                    key: price.lookup_key.clone(),
                    reason,
                    mark_managed: !price.managed,
                    fingerprint,
                },
            );
        }
        // A meter is deactivated only once the new prices on it exist (Stripe refuses a new
        // price on an inactive meter).
        let mut meter_actions = self.meters.actions.clone();
        for action in &mut meter_actions {
            if let Change::DeactivateMeter { key, meter, .. } = &action.change {
                action.depends_on = self
                    .actions
                    .iter()
                    .filter(|price| match &price.change {
                        Change::CreatePrice { meter: Some(MeterTarget::Existing { id, .. }), .. } => {
                            meter.as_ref() == Some(id)
                        }
                        Change::CreatePrice { meter: Some(MeterTarget::Created { key: created }), .. } => {
                            key.as_ref() == Some(created)
                        }
                        _ => false,
                    })
                    .map(|price| price.id.clone())
                    .collect();
                if let (Some(key), None) = (key, meter) {
                    action.depends_on.insert(0, create_meter_id(key));
                }
            }
        }
        self.actions.extend(meter_actions);
        self.actions.sort_by(|a, b| order(&a.change).cmp(&order(&b.change)).then_with(|| a.id.cmp(&b.id)));
        self.drift.sort_by(|a, b| a.object.cmp(&b.object));
        Plan {
            format_version: FORMAT_VERSION,
            header,
            adopt,
            drift: self.drift,
            actions: self.actions,
            notes: self.notes,
            origin: None,
            impact: None,
        }
    }
}

/// Execution-friendly, reader-friendly order: meters the prices need first, then each product
/// with its prices, then meter deactivations.
fn order(change: &Change) -> (u8, &str, u8) {
    match change {
        Change::CreateMeter { key, .. } | Change::UpdateMeter { key, .. } | Change::ReactivateMeter { key, .. } => {
            (0, key, 0)
        }
        Change::DeactivateMeter { .. } => (2, "", 0),
        Change::CreateProduct { product, .. } | Change::UpdateProduct { product, .. } => (1, product, 0),
        Change::CreatePrice { product, .. }
        | Change::UpdatePrice { product, .. }
        | Change::ReactivatePrice { product, .. } => (1, product, 1),
        Change::MigrateSubscriptions { product, .. } => (1, product, 2),
        Change::SetDefaultPrice { product, .. } => (1, product, 2),
        Change::ArchivePrice { product, .. } => (1, product, 3),
        Change::ArchiveProduct { product, .. } => (1, product, 4),
    }
}

/// `price/{key}/migrate`.
#[must_use]
pub fn migrate_price_id(key: &str) -> String {
    format!("price/{key}/migrate")
}

/// `price/{key}/reactivate`.
#[must_use]
pub fn reactivate_price_id(key: &str) -> String {
    format!("price/{key}/reactivate")
}

/// `price/{key}/create`.
#[must_use]
pub fn create_price_id(key: &str) -> String {
    format!("price/{key}/create")
}

fn drifted(applied: Option<&str>, current: &str) -> bool {
    applied.is_some_and(|applied| applied != current)
}

/// `active: true → false`, the one change an archive shows.
fn archived_change() -> FieldChange {
    FieldChange { field: "active".to_string(), old: Some("true".to_string()), new: Some("false".to_string()) }
}

fn adopt_change() -> FieldChange {
    FieldChange { field: "managed".to_string(), old: Some("no".to_string()), new: Some("yes (adopted)".to_string()) }
}

fn describe_default_target(price: &DefaultPriceTarget) -> String {
    match price {
        DefaultPriceTarget::Existing { id, key: Some(key) } => format!("\"{key}\" ({id})"),
        DefaultPriceTarget::Existing { id, key: None } => id.clone(),
        DefaultPriceTarget::Created { key } => format!("\"{key}\" (new price)"),
    }
}

/// Stripe's view of a price's settings, without the entry for the price's own currency that
/// Stripe includes in an expanded `currency_options`.
fn remote_settings(remote: &RemotePrice) -> PriceSettings {
    let mut settings = remote.settings.clone();
    settings.currency_options.remove(&remote.terms.currency);
    settings
}

/// Why the existing price cannot become the desired one in place (empty: it can).
fn replace_reasons(remote: &RemotePrice, product: &str, desired: &DesiredPrice) -> Vec<String> {
    let mut reasons = Vec::new();
    let (old, new) = (&remote.terms, &desired.terms);
    if remote.product != product {
        reasons.push(format!("it moves from product \"{}\" to \"{product}\"", remote.product));
    }
    if old.currency != new.currency {
        reasons.push("currency cannot change".to_string());
    }
    if old.pricing != new.pricing {
        reasons.push(
            match (&old.pricing, &new.pricing) {
                (Pricing::PerUnit { .. }, Pricing::PerUnit { .. }) => "unit_amount cannot change",
                (Pricing::Tiered { tiers_mode: a, .. }, Pricing::Tiered { tiers_mode: b, .. }) if a != b => {
                    "tiers_mode cannot change"
                }
                (Pricing::Tiered { .. }, Pricing::Tiered { .. }) => "tiers cannot change",
                (Pricing::CustomAmount(_), Pricing::CustomAmount(_)) => "custom_unit_amount cannot change",
                _ => "billing scheme cannot change",
            }
            .to_string(),
        );
    }
    match (&old.recurring, &new.recurring) {
        (Some(a), Some(b)) if a != b && Recurring { meter: b.meter.clone(), ..a.clone() } == *b => {
            reasons.push(format!(
                "its meter changes from {} to {} (recurring cannot change)",
                meter_name(a.meter.as_deref()),
                meter_name(b.meter.as_deref())
            ));
        }
        (a, b) if a != b => reasons.push("recurring cannot change".to_string()),
        _ => {}
    }
    if old.transform_quantity != new.transform_quantity {
        reasons.push("transform_quantity cannot change".to_string());
    }
    let remote_tax = remote.settings.tax_behavior;
    if remote_tax != TaxBehavior::Unspecified && remote_tax != desired.settings.tax_behavior {
        reasons.push(format!(
            "tax_behavior cannot change from {} (Stripe allows changing it only from unspecified)",
            remote_tax.as_str()
        ));
    }
    let remote_options = remote_settings(remote).currency_options;
    for (currency, option) in &remote_options {
        match desired.settings.currency_options.get(currency) {
            None => reasons.push(format!(
                "currency option {} is removed (an update can add or change currency options, not drop one)",
                currency.code().to_ascii_uppercase()
            )),
            Some(wanted)
                if option.tax_behavior != TaxBehavior::Unspecified && option.tax_behavior != wanted.tax_behavior =>
            {
                reasons.push(format!(
                    "tax_behavior of currency option {} cannot change from {}",
                    currency.code().to_ascii_uppercase(),
                    option.tax_behavior.as_str()
                ));
            }
            Some(_) => {}
        }
    }
    reasons
}

/// A meter as the plan names it: a catalog key in quotes, an id as is.
fn meter_name(meter: Option<&str>) -> String {
    match meter {
        Some(id) if id.starts_with("mtr_") => id.to_string(),
        Some(key) => format!("\"{key}\""),
        None => "none".to_string(),
    }
}

fn price_patch(remote: &RemotePrice, desired: &PriceSettings) -> PricePatch {
    let current = remote_settings(remote);
    PricePatch {
        active: (current.active != desired.active).then_some(desired.active),
        nickname: (current.nickname != desired.nickname).then(|| desired.nickname.clone()),
        metadata: MetadataPatch::between(&current.metadata, &desired.metadata),
        tax_behavior: (current.tax_behavior == TaxBehavior::Unspecified
            && desired.tax_behavior != TaxBehavior::Unspecified)
            .then_some(desired.tax_behavior),
        currency_options: (current.currency_options != desired.currency_options)
            .then(|| desired.currency_options.clone()),
        mark_managed: false,
    }
}

fn product_patch(old: &ProductFields, new: &ProductFields) -> ProductPatch {
    fn changed<T: PartialEq + Clone>(old: &T, new: &T) -> Option<T> {
        (old != new).then(|| new.clone())
    }
    ProductPatch {
        name: changed(&old.name, &new.name),
        description: changed(&old.description, &new.description),
        active: changed(&old.active, &new.active),
        metadata: MetadataPatch::between(&old.metadata, &new.metadata),
        tax_code: changed(&old.tax_code, &new.tax_code),
        // Stripe cannot unset it: a removal is left alone (the diff notes it).
        statement_descriptor: changed(&old.statement_descriptor, &new.statement_descriptor).filter(Option::is_some),
        unit_label: changed(&old.unit_label, &new.unit_label),
        url: changed(&old.url, &new.url),
        images: changed(&old.images, &new.images),
        marketing_features: changed(&old.marketing_features, &new.marketing_features),
        mark_managed: false,
    }
}

fn quoted(value: Option<&str>) -> Option<String> {
    value.map(|text| format!("\"{text}\""))
}

fn list(values: &[String]) -> Option<String> {
    if values.is_empty() {
        None
    } else {
        Some(format!("[{}]", values.iter().map(|value| format!("\"{value}\"")).collect::<Vec<_>>().join(", ")))
    }
}

/// Pushes a change line when `old` and `new` differ (always, for a create: `old` is `None`).
fn field(changes: &mut Vec<FieldChange>, name: &str, old: Option<Option<String>>, new: Option<String>) {
    match old {
        Some(old) if old == new => {}
        Some(old) => changes.push(FieldChange { field: name.to_string(), old, new }),
        None if new.is_some() => changes.push(FieldChange { field: name.to_string(), old: None, new }),
        None => {}
    }
}

fn metadata_changes(
    changes: &mut Vec<FieldChange>,
    old: Option<&crate::objects::Metadata>,
    new: &crate::objects::Metadata,
) {
    let empty = crate::objects::Metadata::new();
    let before = old.unwrap_or(&empty);
    let keys: BTreeSet<&String> = before.keys().chain(new.keys()).collect();
    for key in keys {
        let old_value = old.map(|_| quoted(before.get(key).map(String::as_str)));
        field(changes, &format!("metadata.{key}"), old_value, quoted(new.get(key).map(String::as_str)));
    }
}

fn product_changes(old: Option<&ProductFields>, new: &ProductFields) -> Vec<FieldChange> {
    let ProductFields {
        name,
        description,
        active,
        metadata,
        tax_code,
        statement_descriptor,
        unit_label,
        url,
        images,
        marketing_features,
    } = new;
    let mut changes = Vec::new();
    field(&mut changes, "name", old.map(|o| quoted(Some(&o.name))), quoted(Some(name)));
    field(&mut changes, "description", old.map(|o| quoted(o.description.as_deref())), quoted(description.as_deref()));
    // A new product is active unless the catalog says otherwise; only say so when it does.
    if old.is_some() || !active {
        field(&mut changes, "active", old.map(|o| Some(o.active.to_string())), Some(active.to_string()));
    }
    metadata_changes(&mut changes, old.map(|o| &o.metadata), metadata);
    field(&mut changes, "tax_code", old.map(|o| quoted(o.tax_code.as_deref())), quoted(tax_code.as_deref()));
    if statement_descriptor.is_some() || old.is_none() {
        field(
            &mut changes,
            "statement_descriptor",
            old.map(|o| quoted(o.statement_descriptor.as_deref())),
            quoted(statement_descriptor.as_deref()),
        );
    }
    field(&mut changes, "unit_label", old.map(|o| quoted(o.unit_label.as_deref())), quoted(unit_label.as_deref()));
    field(&mut changes, "url", old.map(|o| quoted(o.url.as_deref())), quoted(url.as_deref()));
    field(&mut changes, "images", old.map(|o| list(&o.images)), list(images));
    field(&mut changes, "marketing_features", old.map(|o| list(&o.marketing_features)), list(marketing_features));
    changes
}

fn option_changes(
    changes: &mut Vec<FieldChange>,
    old: Option<&BTreeMap<Currency, CurrencyOption>>,
    new: &BTreeMap<Currency, CurrencyOption>,
) {
    let empty = BTreeMap::new();
    let before = old.unwrap_or(&empty);
    let currencies: BTreeSet<&Currency> = before.keys().chain(new.keys()).collect();
    for currency in currencies {
        let describe = |option: Option<&CurrencyOption>| option.map(|option| describe_option(*currency, option));
        field(
            changes,
            &format!("currency_options.{}", currency.code()),
            old.map(|_| describe(before.get(currency))),
            describe(new.get(currency)),
        );
    }
}

fn settings_changes(changes: &mut Vec<FieldChange>, old: Option<&PriceSettings>, new: &PriceSettings) {
    let PriceSettings { active, nickname, metadata, tax_behavior, currency_options } = new;
    if old.is_some() || !active {
        field(changes, "active", old.map(|o| Some(o.active.to_string())), Some(active.to_string()));
    }
    field(changes, "nickname", old.map(|o| quoted(o.nickname.as_deref())), quoted(nickname.as_deref()));
    metadata_changes(changes, old.map(|o| &o.metadata), metadata);
    let shown = |tax: TaxBehavior| (tax != TaxBehavior::Unspecified || old.is_some()).then(|| tax.as_str().to_string());
    field(changes, "tax_behavior", old.map(|o| shown(o.tax_behavior)), shown(*tax_behavior));
    option_changes(changes, old.map(|o| &o.currency_options), currency_options);
}

fn price_create_changes(desired: &DesiredPrice) -> Vec<FieldChange> {
    let mut changes =
        vec![FieldChange { field: "price".to_string(), old: None, new: Some(describe_terms(&desired.terms)) }];
    settings_changes(&mut changes, None, &desired.settings);
    changes
}

fn price_setting_changes(remote: &RemotePrice, desired: &PriceSettings) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    settings_changes(&mut changes, Some(&remote_settings(remote)), desired);
    changes
}

#[cfg(test)]
mod tests;
