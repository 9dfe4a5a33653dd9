//! What a quantity costs under a tiered price (`billing_scheme=tiered`), after Stripe's "Set up
//! tiered pricing" (https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing) and the
//! Price's `tiers` parameter (stripe-api.md §1.1): a tier covers the quantities from the previous
//! tier's `up_to` plus one to its own `up_to` (`inf`, stored as `null`, for the last);
//! `unit_amount` is charged per unit in the tier and `flat_amount` once for the tier.
//! - `volume`: the whole quantity is charged at the one tier it falls in.
//! - `graduated`: each tier charges for the units that fall in it, and the tiers are summed.
//!
//! Amounts may be fractions of a minor unit (`unit_amount_decimal`, up to 12 decimal places):
//! they are kept exactly, in 10^-12 minor units, and the line's total is rounded once to a whole
//! minor unit, halves up, as Stripe rounds invoice line items ("rounding occurs after the
//! quantity is multiplied by the decimal amount … 0.05 * 30 = 1.5, which is then rounded up to
//! 2 cents", https://docs.stripe.com/billing/subscriptions/decimal-amounts).
//!
//! The CLI computes the same totals with code of its own; the two are kept apart on purpose, so
//! that a mistake in either shows up as a disagreement in the tests.

use serde_json::Value;

/// `tiers_mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TiersMode {
    Graduated,
    Volume,
}

/// One minor unit in [`Tier`]'s fixed-point amounts.
const ONE: i128 = 1_000_000_000_000;

/// One tier, amounts in 10^-12 minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tier {
    /// The last quantity in the tier; `None` is `inf`.
    pub up_to: Option<u64>,
    pub unit_amount: i128,
    pub flat_amount: i128,
}

/// An amount as a stored price (or tier) has it: the `*_decimal` text, exact, when present
/// (it mirrors the integer when both are), else the integer; 0 when neither is set.
fn exact(object: &Value, field: &str) -> i128 {
    let decimal = object[format!("{field}_decimal").as_str()].as_str().and_then(|text| {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let fraction = format!("{fraction:0<12}");
        let whole: i128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
        whole.checked_mul(ONE)?.checked_add(fraction.get(..12)?.parse().ok()?)
    });
    decimal.or_else(|| object[field].as_i64().map(|whole| i128::from(whole) * ONE)).unwrap_or(0)
}

/// An exact amount rounded to whole minor units, halves up (amounts are never negative).
fn round(amount: i128) -> Option<i64> {
    i64::try_from((amount + ONE / 2) / ONE).ok()
}

/// What `units` of a per-unit price cost, in whole minor units: the exact product of the
/// units and its `unit_amount_decimal` (or `unit_amount`), rounded once.
pub(crate) fn per_unit_amount(price: &Value, units: u64) -> Option<i64> {
    round(exact(price, "unit_amount").checked_mul(i128::from(units))?)
}

/// The mode and tiers of a stored tiered price.
pub(crate) fn of_price(price: &Value) -> (TiersMode, Vec<Tier>) {
    let mode = if price["tiers_mode"].as_str() == Some("volume") { TiersMode::Volume } else { TiersMode::Graduated };
    let tiers = price["tiers"]
        .as_array()
        .map(|tiers| {
            tiers
                .iter()
                .map(|tier| Tier {
                    up_to: tier["up_to"].as_u64(),
                    unit_amount: exact(tier, "unit_amount"),
                    flat_amount: exact(tier, "flat_amount"),
                })
                .collect()
        })
        .unwrap_or_default();
    (mode, tiers)
}

/// The amount for `quantity` units, in whole minor units (the exact sum, rounded once). `None`
/// when no tier holds the quantity (a last tier that is not `inf`) or the amount does not fit
/// in an `i64`.
pub(crate) fn amount(mode: TiersMode, tiers: &[Tier], quantity: u64) -> Option<i64> {
    round(exact_amount(mode, tiers, quantity)?)
}

fn exact_amount(mode: TiersMode, tiers: &[Tier], quantity: u64) -> Option<i128> {
    match mode {
        TiersMode::Volume => {
            let tier = tiers.iter().find(|tier| tier.up_to.is_none_or(|last| quantity <= last))?;
            charge(tier, quantity)
        }
        TiersMode::Graduated => {
            let mut total = 0_i128;
            let mut first_unit = 1_u64;
            for tier in tiers {
                if quantity < first_unit {
                    break;
                }
                let last_unit = tier.up_to.map_or(quantity, |last| last.min(quantity));
                total = total.checked_add(charge(tier, last_unit - first_unit + 1)?)?;
                first_unit = last_unit.checked_add(1)?;
            }
            Some(total)
        }
    }
}

/// `units` at the tier's unit amount, plus its flat amount.
fn charge(tier: &Tier, units: u64) -> Option<i128> {
    i128::from(units).checked_mul(tier.unit_amount)?.checked_add(tier.flat_amount)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{ONE, Tier, TiersMode, amount, of_price, per_unit_amount};

    /// A tier with whole amounts in minor units.
    fn tier(up_to: Option<u64>, unit_amount: i64, flat_amount: i64) -> Tier {
        Tier { up_to, unit_amount: i128::from(unit_amount) * ONE, flat_amount: i128::from(flat_amount) * ONE }
    }

    /// Stripe's example: fonts 1-5 at 7 USD, 6-10 at 6.50 USD, 11 and up at 6 USD.
    fn typographic() -> Vec<Tier> {
        vec![tier(Some(5), 700, 0), tier(Some(10), 650, 0), tier(None, 600, 0)]
    }

    #[test]
    fn volume_charges_every_unit_at_the_tier_the_quantity_reaches() {
        // The table in Stripe's guide: 7, 35, 39, 120 and 150 USD.
        for (quantity, total) in [(1, 700), (5, 3_500), (6, 3_900), (20, 12_000), (25, 15_000)] {
            assert_eq!(amount(TiersMode::Volume, &typographic(), quantity), Some(total), "{quantity} fonts");
        }
    }

    #[test]
    fn graduated_charges_each_unit_at_its_own_tier() {
        // 6 fonts: 5 × 7 + 1 × 6.50 = 41.50 USD; 20: 35 + 5 × 6.50 + 10 × 6 = 127.50 USD;
        // 25: 35 + 32.50 + 15 × 6 = 157.50 USD.
        for (quantity, total) in [(1, 700), (5, 3_500), (6, 4_150), (20, 12_750), (25, 15_750)] {
            assert_eq!(amount(TiersMode::Graduated, &typographic(), quantity), Some(total), "{quantity} fonts");
        }
    }

    #[test]
    fn flat_amounts_come_once_per_tier_charged() {
        // 1-10 at 5.00, then 4.00 each plus a flat 10.00 for the tier.
        let tiers = [tier(Some(10), 500, 0), tier(None, 400, 1_000)];
        // Graduated: 10 × 500 = 5000 while the second tier is not reached; at 11 it adds
        // 1 × 400 + 1000; at 15, 10 × 500 + 5 × 400 + 1000 = 8000.
        assert_eq!(amount(TiersMode::Graduated, &tiers, 10), Some(5_000));
        assert_eq!(amount(TiersMode::Graduated, &tiers, 11), Some(6_400));
        assert_eq!(amount(TiersMode::Graduated, &tiers, 15), Some(8_000));
        // Volume: 15 × 400 + 1000 = 7000; 10 stays in the first tier, 10 × 500.
        assert_eq!(amount(TiersMode::Volume, &tiers, 10), Some(5_000));
        assert_eq!(amount(TiersMode::Volume, &tiers, 15), Some(7_000));
    }

    #[test]
    fn a_flat_fee_tier_then_overage() {
        // 200.00 covers the first 5 units; each unit after costs 10.00.
        let tiers = [tier(Some(5), 0, 20_000), tier(None, 1_000, 0)];
        assert_eq!(amount(TiersMode::Graduated, &tiers, 3), Some(20_000));
        assert_eq!(amount(TiersMode::Graduated, &tiers, 5), Some(20_000));
        assert_eq!(amount(TiersMode::Graduated, &tiers, 7), Some(22_000));
    }

    #[test]
    fn no_tier_or_no_room_gives_no_amount() {
        let capped = [tier(Some(10), 500, 0)];
        assert_eq!(amount(TiersMode::Volume, &capped, 11), None);
        let huge = [tier(None, i64::MAX, 0)];
        assert_eq!(amount(TiersMode::Graduated, &huge, 2), None);
        assert_eq!(amount(TiersMode::Volume, &huge, 2), None);
    }

    /// Fractions of a minor unit (`*_decimal`) are kept exactly and the line rounded once.
    #[test]
    fn decimal_amounts_are_exact_and_the_line_is_rounded_once() {
        let price = json!({
            "tiers_mode": "graduated",
            "tiers": [
                {"up_to": 1000, "unit_amount": 0, "unit_amount_decimal": "0", "flat_amount": null, "flat_amount_decimal": null},
                {"up_to": null, "unit_amount": null, "unit_amount_decimal": "0.3", "flat_amount": null, "flat_amount_decimal": null},
            ],
        });
        let (mode, tiers) = of_price(&price);
        assert_eq!(tiers[1].unit_amount, ONE * 3 / 10);
        // 1000 free, then 0.3 cents each: 1001 → 0.3 → 0; 1002 → 0.6 → 1; 2000 → 300.
        assert_eq!(amount(mode, &tiers, 1001), Some(0));
        assert_eq!(amount(mode, &tiers, 1002), Some(1));
        assert_eq!(amount(mode, &tiers, 2000), Some(300));
        // Stripe's example: 0.05 cents × 30 = 1.5 cents → 2.
        let per_unit = json!({"unit_amount": null, "unit_amount_decimal": "0.05"});
        assert_eq!(per_unit_amount(&per_unit, 30), Some(2));
        assert_eq!(per_unit_amount(&per_unit, 29), Some(1));
        assert_eq!(per_unit_amount(&json!({"unit_amount": 2900, "unit_amount_decimal": "2900"}), 2), Some(5800));
    }

    #[test]
    fn reads_the_tiers_the_price_stores() {
        let price = json!({
            "tiers_mode": "volume",
            "tiers": [
                {"up_to": 10, "unit_amount": 500, "flat_amount": null, "unit_amount_decimal": "500"},
                {"up_to": null, "unit_amount": 400, "flat_amount": 1000},
            ],
        });
        assert_eq!(of_price(&price), (TiersMode::Volume, vec![tier(Some(10), 500, 0), tier(None, 400, 1_000)]));
        let graduated = json!({"tiers_mode": "graduated", "tiers": []});
        assert_eq!(of_price(&graduated), (TiersMode::Graduated, vec![]));
    }
}
