//! Stripe's Billing Meters as the catalog's `meters:` section, and each metered price's meter
//! id as the key `recurring.meter` names.
//!
//! Stripe meters have no key of their own, so the key is made from the event name (which no
//! other meter shares, and by which `plan` finds the meter again): `api.call` stays `api.call`,
//! characters a key cannot hold become `-`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::yaml::scalar;
use super::{SkipReason, field};
use crate::catalog::validate::meters::{DEFAULT_CUSTOMER_MAPPING, DEFAULT_VALUE_KEY, MAX_METER_KEY_CHARS};
use crate::objects::{DesiredMeter, RemoteMeter, RemotePrice};

/// The `meters:` section and how prices name the meters in it.
#[derive(Debug, Default)]
pub(super) struct Meters {
    /// `meters:` and its entries, or nothing when no meter is written.
    pub(super) text: String,
    /// Stripe meter id → the key it is written under.
    key_of_id: BTreeMap<String, String>,
    /// Meters written.
    pub(super) written: usize,
    /// Inactive meters left out because archived objects were not asked for.
    pub(super) inactive_left_out: usize,
    /// Meters the catalog cannot hold, with why (for the report).
    pub(super) refused: Vec<(RemoteMeter, String)>,
}

impl Meters {
    /// Writes `meters` (inactive ones only with `include_archived`). `read_back` parses a
    /// catalog holding one meter entry and returns the meter read, or why it is refused.
    pub(super) fn new(
        meters: &[RemoteMeter],
        include_archived: bool,
        read_back: impl Fn(&str) -> Result<Option<DesiredMeter>, SkipReason>,
    ) -> Meters {
        let mut out = Meters::default();
        let mut sorted: Vec<&RemoteMeter> = meters.iter().collect();
        // The active meter of an event name first, then the newest: the one `plan` matches.
        sorted.sort_by(|a, b| {
            (&a.terms.event_name, !a.active, -a.created, &a.id).cmp(&(
                &b.terms.event_name,
                !b.active,
                -b.created,
                &b.id,
            ))
        });
        let mut events: BTreeSet<&str> = BTreeSet::new();
        let mut keys: BTreeSet<String> = BTreeSet::new();
        let mut body = String::new();
        for meter in sorted {
            if !events.insert(meter.terms.event_name.as_str()) {
                out.refused.push((
                    meter.clone(),
                    format!(
                        "another meter has its event name `{}`, and the catalog finds meters by it",
                        meter.terms.event_name
                    ),
                ));
                continue;
            }
            if !meter.active && !include_archived {
                out.inactive_left_out += 1;
                continue;
            }
            let key = unique_key(&meter.terms.event_name, &keys);
            let block = block(&key, meter);
            let expected = DesiredMeter {
                key: key.clone(),
                display_name: meter.display_name.clone(),
                terms: meter.terms.clone(),
                active: meter.active,
            };
            match read_back(&block) {
                Ok(Some(read)) if read == expected => {
                    keys.insert(key.clone());
                    out.key_of_id.insert(meter.id.clone(), key);
                    body.push_str(&block);
                    out.written += 1;
                }
                Ok(_) => {
                    out.refused.push((meter.clone(), "it would not read back exactly as Stripe has it".to_string()))
                }
                Err(SkipReason::Refused(problem)) => out.refused.push((meter.clone(), problem)),
                Err(_) => out.refused.push((meter.clone(), "the catalog refuses it".to_string())),
            }
        }
        if !body.is_empty() {
            out.text = format!("meters:\n{body}");
        }
        out
    }

    /// The price with its meter id replaced by the meter's key, or why it cannot be written
    /// (its meter is not in the section).
    pub(super) fn in_catalog_terms(&self, price: &RemotePrice) -> Result<RemotePrice, SkipReason> {
        let mut price = price.clone();
        if let Some(recurring) = price.terms.recurring.as_mut()
            && let Some(id) = recurring.meter.clone()
        {
            match self.key_of_id.get(&id) {
                Some(key) => recurring.meter = Some(key.clone()),
                None => return Err(SkipReason::MeterMissing(id)),
            }
        }
        Ok(price)
    }
}

/// One entry under `meters:` (indented 2), defaults left out.
fn block(key: &str, meter: &RemoteMeter) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  - key: {}", scalar(key));
    field(&mut out, 4, "display_name", &scalar(&meter.display_name));
    field(&mut out, 4, "event_name", &scalar(&meter.terms.event_name));
    field(&mut out, 4, "aggregation", meter.terms.aggregation.as_str());
    if meter.terms.customer_mapping != DEFAULT_CUSTOMER_MAPPING {
        field(&mut out, 4, "customer_mapping", &scalar(&meter.terms.customer_mapping));
    }
    if meter.terms.value_key != DEFAULT_VALUE_KEY {
        field(&mut out, 4, "value_key", &scalar(&meter.terms.value_key));
    }
    if !meter.active {
        field(&mut out, 4, "active", "false");
    }
    out
}

/// A key for the meter from its event name, unique among `taken`.
fn unique_key(event_name: &str, taken: &BTreeSet<String>) -> String {
    let mut base: String = event_name
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.' | ':' | '/') { ch } else { '-' })
        .take(MAX_METER_KEY_CHARS - 4)
        .collect();
    // The catalog keeps `mtr_…` for Stripe's ids.
    if base.is_empty() || base.starts_with("mtr_") {
        base = format!("meter-{base}").chars().take(MAX_METER_KEY_CHARS - 4).collect();
    }
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::unique_key;
    use std::collections::BTreeSet;

    #[test]
    fn keys_come_from_event_names() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_key("api.call", &taken), "api.call");
        assert_eq!(unique_key("api call!", &taken), "api-call-");
        assert_eq!(unique_key("mtr_x", &taken), "meter-mtr_x");
        taken.insert("api.call".to_string());
        assert_eq!(unique_key("api.call", &taken), "api.call-2");
    }
}
