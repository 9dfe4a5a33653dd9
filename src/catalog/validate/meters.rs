//! Checks on `meters:` and on the meter a metered price names (`recurring.meter`).
//!
//! Since API version 2025-03-31.basil a metered price must name a Billing Meter and
//! `aggregate_usage` is gone (docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing),
//! so a metered price without a meter is an error here rather than a refusal from Stripe
//! half-way through an apply.

use serde_saphyr::{Location, Spanned};

use super::{Seen, State};
use crate::catalog::model::{MeterFile, RecurringFile};
use crate::objects::{Aggregation, DesiredMeter, MeterTerms, UsageType};

/// Stripe's limit on a meter's `display_name`.
pub const MAX_METER_DISPLAY_NAME_CHARS: usize = 250;
/// Stripe's limit on `event_name` and on the event payload keys.
pub const MAX_METER_EVENT_CHARS: usize = 100;
/// The catalog's own limit on a meter key (it is never sent to Stripe).
pub const MAX_METER_KEY_CHARS: usize = 100;
/// Stripe's default payload key for the customer id (docs.stripe.com/api/billing/meter-event/create).
pub const DEFAULT_CUSTOMER_MAPPING: &str = "stripe_customer_id";
/// Stripe's default payload key for the value.
pub const DEFAULT_VALUE_KEY: &str = "value";

/// What a price check needs to know about a meter.
pub(super) struct KnownMeter {
    key: String,
    active: bool,
    /// Where `active: false` is written, when it is.
    deactivated_at: Option<Location>,
}

impl State<'_, '_> {
    /// Checks one `meters:` entry and records its key for the prices.
    pub(super) fn meter(&mut self, path: &str, spanned: &Spanned<MeterFile>) -> DesiredMeter {
        let raw = &spanned.value;
        let key = raw.key.value.clone();
        self.meter_key(&raw.key, &format!("{path}.key"));
        let display_name = &raw.display_name;
        self.not_empty(display_name, &format!("{path}.display_name"), "display_name");
        self.max_chars(display_name, &format!("{path}.display_name"), MAX_METER_DISPLAY_NAME_CHARS, "a meter name");
        let event_name = &raw.event_name;
        self.not_empty(event_name, &format!("{path}.event_name"), "event_name");
        self.max_chars(event_name, &format!("{path}.event_name"), MAX_METER_EVENT_CHARS, "an event name");
        self.event_name(event_name, &format!("{path}.event_name"));
        let aggregation = self.keyword(Some(&raw.aggregation), &format!("{path}.aggregation"));
        let mut payload_key = |text: Option<&Spanned<String>>, field: &str, default: &str| {
            text.map_or_else(
                || default.to_string(),
                |text| {
                    self.not_empty(text, &format!("{path}.{field}"), field);
                    self.max_chars(text, &format!("{path}.{field}"), MAX_METER_EVENT_CHARS, "an event payload key");
                    text.value.clone()
                },
            )
        };
        let customer_mapping = payload_key(raw.customer_mapping.as_ref(), "customer_mapping", DEFAULT_CUSTOMER_MAPPING);
        let value_key = payload_key(raw.value_key.as_ref(), "value_key", DEFAULT_VALUE_KEY);
        let active = raw.active.as_ref().is_none_or(|active| active.value);
        if !self.meters.iter().any(|known| known.key == key) {
            self.meters.push(KnownMeter {
                key: key.clone(),
                active,
                deactivated_at: raw.active.as_ref().filter(|active| !active.value).map(|active| active.referenced),
            });
        }
        DesiredMeter {
            key,
            display_name: display_name.value.clone(),
            terms: MeterTerms {
                event_name: event_name.value.clone(),
                aggregation: aggregation.unwrap_or(Aggregation::Sum),
                customer_mapping,
                value_key,
            },
            active,
        }
    }

    fn meter_key(&mut self, key: &Spanned<String>, path: &str) {
        let text = &key.value;
        if text.is_empty() {
            self.error(key.referenced, path, "meter key is empty", "write a key such as `api-calls`".to_string());
        } else if text.chars().count() > MAX_METER_KEY_CHARS
            || !text.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.' | ':' | '/'))
        {
            self.error(
                key.referenced,
                path,
                format!(
                    "meter key `{text}` is not accepted: use letters, digits and `_ - . : /`, at most {MAX_METER_KEY_CHARS} characters"
                ),
                "prices name the meter by this key, e.g. `api-calls`".to_string(),
            );
        } else if text.starts_with("mtr_") {
            // Prices name meters by key and Stripe by id: a key shaped like an id would read as
            // one in plans and in `recurring.meter`.
            self.error(
                key.referenced,
                path,
                format!("meter key `{text}` looks like a Stripe meter id"),
                "the key is the catalog's own name for the meter (the tool finds the Stripe meter by its event_name); use a name such as `api-calls`".to_string(),
            );
        }
        self.unique(Seen::MeterKey, key, path, "meter key", "prices name meters by key; rename one of them");
    }

    /// Stripe routes each usage event to a meter by its event name alone, so two meters with
    /// one event name cannot both exist (stripe/stripe-cli#1470: "meter event names must be
    /// unique"); it is also how the tool finds a catalog meter in Stripe.
    fn event_name(&mut self, name: &Spanned<String>, path: &str) {
        self.unique(
            Seen::MeterEvent,
            name,
            path,
            "meter event_name",
            "Stripe sends each usage event to the one meter with its event name; give each meter its own",
        );
    }

    /// The meter key a price's `recurring` names, checked against its usage type and the
    /// catalog's meters.
    pub(super) fn price_meter(
        &mut self,
        recurring: &Spanned<RecurringFile>,
        path: &str,
        price_key: &str,
        usage_type: UsageType,
        price_active: bool,
    ) -> Option<String> {
        let raw = &recurring.value;
        let meter_path = format!("{path}.meter");
        match (usage_type, &raw.meter) {
            (UsageType::Metered, None) => {
                let at = raw.usage_type.as_ref().map_or(recurring.referenced, |usage| usage.referenced);
                let hint = match self.meter_list() {
                    Some(keys) => format!(
                        "since Stripe API 2025-03-31 a metered price charges for a Billing Meter (`aggregate_usage` is gone): add `meter:` with one of {keys}"
                    ),
                    None => "since Stripe API 2025-03-31 a metered price charges for a Billing Meter (`aggregate_usage` is gone): add one under `meters:` (key, display_name, event_name, aggregation) and name its key in `recurring.meter`".to_string(),
                };
                self.error(
                    at,
                    &format!("{path}.usage_type"),
                    format!("metered price `{price_key}` names no meter"),
                    hint,
                );
                None
            }
            (UsageType::Licensed, Some(meter)) => {
                self.error(
                    meter.referenced,
                    &meter_path,
                    format!("price `{price_key}` names meter `{}` but is not metered", meter.value),
                    "a meter only counts usage for `usage_type: metered`: add that, or remove `meter` to charge for the quantity".to_string(),
                );
                None
            }
            (UsageType::Licensed, None) => None,
            (UsageType::Metered, Some(meter)) => {
                let key = &meter.value;
                match self.meters.iter().find(|known| known.key == *key) {
                    None => {
                        let hint = self.meter_suggestion(key);
                        self.error(
                            meter.referenced,
                            &meter_path,
                            format!("meter `{key}` is not one of the catalog's meters"),
                            hint,
                        );
                    }
                    Some(known) if !known.active && price_active => {
                        let line = known.deactivated_at.map_or(0, |at| at.line());
                        self.error(
                            meter.referenced,
                            &meter_path,
                            format!(
                                "price `{price_key}` is active, but its meter `{key}` is `active: false` (line {line}): an inactive meter takes no usage events and no new prices"
                            ),
                            "archive the price too (`active: false`), or keep the meter active".to_string(),
                        );
                    }
                    Some(_) => {}
                }
                Some(key.clone())
            }
        }
    }

    /// `` `a`, `b` `` when the catalog has meters.
    fn meter_list(&self) -> Option<String> {
        let keys: Vec<String> = self.meters.iter().map(|known| format!("`{}`", known.key)).collect();
        (!keys.is_empty()).then(|| keys.join(", "))
    }

    fn meter_suggestion(&self, key: &str) -> String {
        // Edit distance costs length × length: a long value is no typo of a key.
        let closest = self
            .meters
            .iter()
            .filter(|_| key.len() <= 2 * MAX_METER_KEY_CHARS)
            .map(|known| (strsim::levenshtein(key, &known.key), known))
            .min_by_key(|(distance, _)| *distance);
        match (closest, self.meter_list()) {
            (Some((distance, known)), _) if distance <= 2.max(key.len() / 4) => {
                format!("did you mean `{}`?", known.key)
            }
            (_, Some(keys)) => format!("the catalog's meters are {keys}"),
            (_, None) => "add the meter under `meters:` (key, display_name, event_name, aggregation)".to_string(),
        }
    }
}
