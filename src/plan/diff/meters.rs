//! The Billing Meter part of the diff.
//!
//! Identity: Stripe meters have no custom id and no metadata, but each has an event name that
//! no other meter shares (Stripe routes every usage event to the one meter with its
//! `event_name`, docs.stripe.com/api/billing/meter-event/create; stripe/stripe-cli#1470:
//! "meter event names must be unique"). So a catalog meter is the Stripe meter with its
//! `event_name` (the active one, or the newest when all are inactive), and the catalog `key`
//! is only the catalog's name for it, which prices use in `recurring.meter`.
//!
//! Ownership: with no metadata there is no managed marker. A meter that leaves the catalog is
//! deactivated only when a managed price charges for it (that is what shows it was the
//! catalog's); any other meter of the account is left alone, as unmanaged products are.
//!
//! Stripe changes nothing of a meter but `display_name` (docs.stripe.com/api/billing/meter/update)
//! and its status, and has no delete. A change to what a meter measures cannot become a
//! replace the way a price change does: a new meter only receives usage once the application
//! sends a new event name, which no apply can do. So such a change is refused, with what to do.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::catalog::Catalog;
use crate::objects::{DesiredMeter, MeterTerms, RemoteMeter, RemoteState, UsageType};

use super::super::{Action, Change, DeactivateReason, FieldChange, MeterTarget};

/// A change to a meter that Stripe cannot make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeterProblem {
    /// A field fixed at creation differs from what the Stripe meter has.
    Immutable { key: String, id: String, field: &'static str, old: String, new: String },
    /// The catalog meter's event name no longer matches the Stripe meter its prices charge
    /// for, and that meter left the catalog: the event name was edited in place.
    EventNameChanged { key: String, id: String, old: String, new: String, prices: Vec<String> },
}

impl fmt::Display for MeterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeterProblem::Immutable { key, id, field, old, new } => {
                write!(f, "meter `{key}` ({id}): {field} cannot change from `{old}` to `{new}`")
            }
            MeterProblem::EventNameChanged { key, id, old, new, prices } => write!(
                f,
                "meter `{key}`: event_name cannot change from `{old}` to `{new}` (prices {} charge for {id}, event `{old}`)",
                prices.iter().map(|price| format!("`{price}`")).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// What the plan does to meters, and how prices find theirs.
#[derive(Debug, Default)]
pub(super) struct MeterPlan {
    /// Catalog key → id of the Stripe meter it is, when that exists.
    existing: BTreeMap<String, String>,
    /// Stripe meter id → catalog key.
    key_of_id: BTreeMap<String, String>,
    /// Catalog key → the action a new price charging for it must wait for (the meter's
    /// create or reactivation: Stripe refuses new prices on a meter that is not active).
    ready_after: BTreeMap<String, String>,
    pub(super) actions: Vec<Action>,
    pub(super) problems: Vec<MeterProblem>,
}

impl MeterPlan {
    /// The meter a new price charging for catalog meter `key` names.
    pub(super) fn target(&self, key: &str) -> MeterTarget {
        match self.existing.get(key) {
            Some(id) => MeterTarget::Existing { id: id.clone(), key: key.to_string() },
            None => MeterTarget::Created { key: key.to_string() },
        }
    }

    /// The action a new price charging for `key` depends on, if any.
    pub(super) fn ready_after(&self, key: &str) -> Option<&String> {
        self.ready_after.get(key)
    }

    /// Stripe's state with each price's meter id replaced by the catalog key of that meter, so
    /// prices compare with the catalog's (a meter the catalog does not list keeps its id).
    pub(super) fn in_catalog_terms(&self, remote: &RemoteState) -> RemoteState {
        let mut state = remote.clone();
        for price in &mut state.prices {
            if let Some(recurring) = price.terms.recurring.as_mut()
                && let Some(key) = recurring.meter.as_ref().and_then(|id| self.key_of_id.get(id))
            {
                recurring.meter = Some(key.clone());
            }
        }
        state
    }
}

/// `meter/{key}/create`.
#[must_use]
pub fn create_meter_id(key: &str) -> String {
    format!("meter/{key}/create")
}

/// Diffs the catalog's meters with Stripe's.
pub(super) fn plan(catalog: &Catalog, remote: &RemoteState) -> MeterPlan {
    let mut plan = MeterPlan::default();
    let by_event = by_event_name(&remote.meters);
    let claimed: BTreeSet<&str> = catalog
        .meters
        .iter()
        .filter_map(|meter| by_event.get(meter.terms.event_name.as_str()))
        .map(|found| found.id.as_str())
        .collect();
    for desired in &catalog.meters {
        match by_event.get(desired.terms.event_name.as_str()) {
            Some(found) => plan.existing_meter(desired, found),
            None => plan.new_meter(catalog, remote, &claimed, desired),
        }
    }
    // A meter the catalog no longer lists is deactivated when a managed price charges for it.
    let charged_by_managed: BTreeSet<&str> = remote
        .prices
        .iter()
        .filter(|price| price.managed)
        .filter_map(|price| price.terms.recurring.as_ref()?.meter.as_deref())
        .collect();
    for meter in &remote.meters {
        if meter.active && !plan.key_of_id.contains_key(&meter.id) && charged_by_managed.contains(meter.id.as_str()) {
            plan.actions.push(deactivate(
                None,
                Some(&meter.id),
                &meter.terms.event_name,
                DeactivateReason::RemovedFromCatalog,
            ));
        }
    }
    plan
}

/// One Stripe meter per event name: the active one (only one meter takes an event name's
/// usage), else the newest.
fn by_event_name(meters: &[RemoteMeter]) -> BTreeMap<&str, &RemoteMeter> {
    let mut by_event: BTreeMap<&str, &RemoteMeter> = BTreeMap::new();
    for meter in meters {
        let rank = |meter: &RemoteMeter| (meter.active, meter.created, meter.id.clone());
        by_event
            .entry(meter.terms.event_name.as_str())
            .and_modify(|held| {
                if rank(meter) > rank(held) {
                    *held = meter;
                }
            })
            .or_insert(meter);
    }
    by_event
}

impl MeterPlan {
    fn existing_meter(&mut self, desired: &DesiredMeter, found: &RemoteMeter) {
        let key = &desired.key;
        self.existing.insert(key.clone(), found.id.clone());
        self.key_of_id.insert(found.id.clone(), key.clone());
        let MeterTerms { event_name: _, aggregation, customer_mapping, value_key } = &desired.terms;
        let mut immutable = |field: &'static str, old: &str, new: &str| {
            if old != new {
                self.problems.push(MeterProblem::Immutable {
                    key: key.clone(),
                    id: found.id.clone(),
                    field,
                    old: old.to_string(),
                    new: new.to_string(),
                });
            }
        };
        immutable("aggregation", found.terms.aggregation.as_str(), aggregation.as_str());
        immutable("customer_mapping", &found.terms.customer_mapping, customer_mapping);
        immutable("value_key", &found.terms.value_key, value_key);
        if found.display_name != desired.display_name {
            self.actions.push(Action {
                id: format!("meter/{key}/update"),
                depends_on: Vec::new(),
                changes: vec![FieldChange {
                    field: "display_name".to_string(),
                    old: Some(format!("\"{}\"", found.display_name)),
                    new: Some(format!("\"{}\"", desired.display_name)),
                }],
                change: Change::UpdateMeter {
                    key: key.clone(),
                    meter: found.id.clone(),
                    display_name: desired.display_name.clone(),
                },
            });
        }
        match (found.active, desired.active) {
            (false, true) => {
                let id = format!("meter/{key}/reactivate");
                self.ready_after.insert(key.clone(), id.clone());
                self.actions.push(Action {
                    id,
                    depends_on: Vec::new(),
                    changes: vec![active_change(false, true)],
                    change: Change::ReactivateMeter { key: key.clone(), meter: found.id.clone() },
                });
            }
            (true, false) => {
                self.actions.push(deactivate(
                    Some(key),
                    Some(&found.id),
                    &found.terms.event_name,
                    DeactivateReason::SetInactive,
                ));
            }
            _ => {}
        }
    }

    fn new_meter(&mut self, catalog: &Catalog, remote: &RemoteState, claimed: &BTreeSet<&str>, desired: &DesiredMeter) {
        let key = &desired.key;
        // The catalog's prices for this meter that Stripe has charging for a meter the catalog
        // no longer lists: the meter's event name was edited in place.
        let mut changed: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for price in catalog.products.iter().flat_map(|product| &product.prices) {
            let wants = price.terms.recurring.as_ref().and_then(|recurring| recurring.meter.as_deref());
            if wants != Some(key.as_str()) {
                continue;
            }
            let has = remote
                .prices
                .iter()
                .filter(|remote| remote.managed && remote.lookup_key.as_deref() == Some(price.key.as_str()))
                .filter_map(|remote| remote.terms.recurring.as_ref())
                .filter(|recurring| recurring.usage_type == UsageType::Metered)
                .find_map(|recurring| recurring.meter.as_deref());
            if let Some(id) = has
                && !claimed.contains(id)
            {
                changed.entry(id).or_default().push(price.key.clone());
            }
        }
        for (id, prices) in changed {
            let old = remote.meters.iter().find(|meter| meter.id == id).map(|meter| meter.terms.event_name.clone());
            if let Some(old) = old {
                self.problems.push(MeterProblem::EventNameChanged {
                    key: key.clone(),
                    id: id.to_string(),
                    old,
                    new: desired.terms.event_name.clone(),
                    prices,
                });
            }
        }
        let id = create_meter_id(key);
        self.ready_after.insert(key.clone(), id.clone());
        let MeterTerms { event_name, aggregation, customer_mapping, value_key } = &desired.terms;
        let mut changes = vec![
            quoted("display_name", &desired.display_name),
            quoted("event_name", event_name),
            FieldChange { field: "aggregation".to_string(), old: None, new: Some(aggregation.as_str().to_string()) },
            quoted("customer_mapping", customer_mapping),
            quoted("value_key", value_key),
        ];
        if !desired.active {
            changes.push(FieldChange { field: "active".to_string(), old: None, new: Some("false".to_string()) });
        }
        self.actions.push(Action {
            id,
            depends_on: Vec::new(),
            changes,
            change: Change::CreateMeter {
                key: key.clone(),
                display_name: desired.display_name.clone(),
                terms: desired.terms.clone(),
            },
        });
        if !desired.active {
            // Stripe creates meters active; the catalog's inactive meter is created, used by its
            // (archived) prices, then deactivated.
            self.actions.push(deactivate(Some(key), None, event_name, DeactivateReason::SetInactive));
        }
    }
}

fn deactivate(key: Option<&String>, meter: Option<&String>, event_name: &str, reason: DeactivateReason) -> Action {
    let id = match (key, meter) {
        (Some(key), _) => format!("meter/{key}/deactivate"),
        (None, Some(meter)) => format!("meter/{meter}/deactivate"),
        (None, None) => "meter/deactivate".to_string(),
    };
    Action {
        id,
        depends_on: Vec::new(),
        changes: vec![active_change(true, false)],
        change: Change::DeactivateMeter {
            key: key.cloned(),
            meter: meter.cloned(),
            event_name: event_name.to_string(),
            reason,
        },
    }
}

fn active_change(old: bool, new: bool) -> FieldChange {
    FieldChange { field: "active".to_string(), old: Some(old.to_string()), new: Some(new.to_string()) }
}

fn quoted(field: &str, value: &str) -> FieldChange {
    FieldChange { field: field.to_string(), old: None, new: Some(format!("\"{value}\"")) }
}

#[cfg(test)]
mod tests;
