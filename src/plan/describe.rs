//! Prices in the words people use (`$29.00 USD / month`), for the plan's `old → new` lines: the
//! diff records changes in this form and the renderer prints them.

use crate::money::{Currency, MinorAmount, format_money};
use crate::objects::{CurrencyOption, Interval, PriceTerms, Pricing, Round, TaxBehavior, Tier, TiersMode, UsageType};

/// A price's terms as people read them: `$29.00 USD / month`.
#[must_use]
pub fn describe_terms(terms: &PriceTerms) -> String {
    let (amount, code, suffix) = parts(terms);
    format!("{amount} {code}{suffix}")
}

/// Old → new terms, sharing the currency and interval when both have the same:
/// `$29.00 → $35.00 USD / month`.
#[must_use]
pub fn describe_terms_change(old: &PriceTerms, new: &PriceTerms) -> String {
    let (old_amount, old_code, old_suffix) = parts(old);
    let (new_amount, new_code, new_suffix) = parts(new);
    if old_code == new_code && old_suffix == new_suffix {
        format!("{old_amount} → {new_amount} {new_code}{new_suffix}")
    } else {
        format!("{old_amount} {old_code}{old_suffix} → {new_amount} {new_code}{new_suffix}")
    }
}

/// A currency option: `€27.00 EUR`, with its tax behaviour when it has one.
#[must_use]
pub fn describe_option(currency: Currency, option: &CurrencyOption) -> String {
    let amount = describe_pricing(&option.pricing, currency);
    let code = currency.code().to_ascii_uppercase();
    match option.tax_behavior {
        TaxBehavior::Unspecified => format!("{amount} {code}"),
        tax => format!("{amount} {code} (tax {})", tax.as_str()),
    }
}

fn parts(terms: &PriceTerms) -> (String, String, String) {
    let amount = describe_pricing(&terms.pricing, terms.currency);
    let code = terms.currency.code().to_ascii_uppercase();
    let mut suffix = String::new();
    if let Some(recurring) = &terms.recurring {
        let unit = match recurring.interval {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        };
        if recurring.interval_count == 1 {
            suffix.push_str(&format!(" / {unit}"));
        } else {
            suffix.push_str(&format!(" / {} {unit}s", recurring.interval_count));
        }
        if recurring.usage_type == UsageType::Metered {
            match recurring.meter.as_deref() {
                // A Stripe meter id, for a meter the catalog does not list.
                Some(id) if id.starts_with("mtr_") => suffix.push_str(&format!(" (metered by meter {id})")),
                Some(key) => suffix.push_str(&format!(" (metered by meter \"{key}\")")),
                None => suffix.push_str(" (metered)"),
            }
        }
    }
    if let Some(transform) = &terms.transform_quantity {
        let round = match transform.round {
            Round::Up => "up",
            Round::Down => "down",
        };
        suffix.push_str(&format!(" per {} units (rounded {round})", transform.divide_by));
    }
    (amount, code, suffix)
}

/// Money without the trailing currency code (the caller adds it once), with as many decimals
/// as a fraction of a minor unit needs (`$0.003`).
fn money(amount: impl Into<MinorAmount>, currency: Currency) -> String {
    let text = format_money(amount, currency);
    let code = format!(" {}", currency.code().to_ascii_uppercase());
    text.strip_suffix(&code).map_or_else(|| text.clone(), str::to_string)
}

fn describe_pricing(pricing: &Pricing, currency: Currency) -> String {
    match pricing {
        Pricing::PerUnit { unit_amount } => money(*unit_amount, currency),
        Pricing::Tiered { tiers_mode, tiers } => {
            let mode = match tiers_mode {
                TiersMode::Graduated => "graduated",
                TiersMode::Volume => "volume",
            };
            let tiers: Vec<String> = tiers.iter().map(|tier| describe_tier(tier, currency)).collect();
            format!("{mode} tiers [{}]", tiers.join(", "))
        }
        Pricing::CustomAmount(custom) => {
            let mut bounds = Vec::new();
            if let Some(minimum) = custom.minimum {
                bounds.push(format!("min {}", money(minimum, currency)));
            }
            if let Some(maximum) = custom.maximum {
                bounds.push(format!("max {}", money(maximum, currency)));
            }
            if let Some(preset) = custom.preset {
                bounds.push(format!("preset {}", money(preset, currency)));
            }
            if bounds.is_empty() {
                "customer chooses".to_string()
            } else {
                format!("customer chooses ({})", bounds.join(", "))
            }
        }
    }
}

fn describe_tier(tier: &Tier, currency: Currency) -> String {
    let upto = tier.up_to.map_or_else(|| "rest".to_string(), |up_to| format!("up to {up_to}"));
    let mut amounts = Vec::new();
    if let Some(unit) = tier.unit_amount {
        amounts.push(format!("{} each", money(unit, currency)));
    }
    if let Some(flat) = tier.flat_amount {
        amounts.push(format!("{} flat", money(flat, currency)));
    }
    format!("{upto}: {}", amounts.join(" + "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixtures::monthly;

    #[test]
    fn money_reads_as_people_write_it() {
        let old = monthly("k", 2900).terms;
        let new = monthly("k", 3500).terms;
        assert_eq!(describe_terms_change(&old, &new), "$29.00 → $35.00 USD / month");
        let mut yen = monthly("k", 4500).terms;
        yen.currency = Currency::parse("jpy").unwrap();
        yen.recurring = None;
        assert_eq!(describe_terms_change(&old, &yen), "$29.00 USD / month → ¥4,500 JPY");
        let mut quarterly = new.clone();
        if let Some(recurring) = quarterly.recurring.as_mut() {
            recurring.interval_count = 3;
        }
        assert_eq!(describe_terms(&quarterly), "$35.00 USD / 3 months");
    }

    /// Issue #14 item 5: fractions of a minor unit show the digits they need.
    #[test]
    fn fractions_of_a_minor_unit_show_every_digit() {
        let decimal = |text: &str| MinorAmount::parse(text).unwrap();
        let mut api = monthly("k", 0).terms;
        api.pricing = Pricing::PerUnit { unit_amount: decimal("0.3") };
        assert_eq!(describe_terms(&api), "$0.003 USD / month");
        let mut raised = api.clone();
        raised.pricing = Pricing::PerUnit { unit_amount: decimal("0.35") };
        assert_eq!(describe_terms_change(&api, &raised), "$0.003 → $0.0035 USD / month");
        api.pricing = Pricing::Tiered {
            tiers_mode: TiersMode::Graduated,
            tiers: vec![
                Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: Some(500.into()) },
                Tier { up_to: None, unit_amount: Some(decimal("0.3")), flat_amount: None },
            ],
        };
        assert_eq!(
            describe_terms(&api),
            "graduated tiers [up to 1000: $0.00 each + $5.00 flat, rest: $0.003 each] USD / month"
        );
        let yen = CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: decimal("0.5") },
            tax_behavior: TaxBehavior::Unspecified,
        };
        assert_eq!(describe_option(Currency::parse("jpy").unwrap(), &yen), "¥0.5 JPY");
    }
}
