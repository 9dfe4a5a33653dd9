//! What a quantity costs under a tiered price (`billing_scheme=tiered`), after Stripe's "Set up
//! tiered pricing" (https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing) and the
//! Price's `tiers` parameter (stripe-api.md §1.1): a tier covers the quantities from the previous
//! tier's `up_to` plus one to its own `up_to` (`inf`, stored as `null`, for the last);
//! `unit_amount` is charged per unit in the tier and `flat_amount` once for the tier.
//! - `volume`: the whole quantity is charged at the one tier it falls in.
//! - `graduated`: each tier charges for the units that fall in it, and the tiers are summed.
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

/// One tier in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tier {
    /// The last quantity in the tier; `None` is `inf`.
    pub up_to: Option<u64>,
    pub unit_amount: i64,
    pub flat_amount: i64,
}

/// The mode and tiers of a stored tiered price.
// Tier amounts given only as fractional `*_decimal` strings have no integer amount and count as
// 0: the sandbox charges whole minor units and does not round fractions the way invoices do.
pub(crate) fn of_price(price: &Value) -> (TiersMode, Vec<Tier>) {
    let mode = if price["tiers_mode"].as_str() == Some("volume") { TiersMode::Volume } else { TiersMode::Graduated };
    let tiers = price["tiers"]
        .as_array()
        .map(|tiers| {
            tiers
                .iter()
                .map(|tier| Tier {
                    up_to: tier["up_to"].as_u64(),
                    unit_amount: tier["unit_amount"].as_i64().unwrap_or(0),
                    flat_amount: tier["flat_amount"].as_i64().unwrap_or(0),
                })
                .collect()
        })
        .unwrap_or_default();
    (mode, tiers)
}

/// The amount for `quantity` units, in minor units. `None` when no tier holds the quantity (a
/// last tier that is not `inf`) or the amount does not fit in an `i64`.
pub(crate) fn amount(mode: TiersMode, tiers: &[Tier], quantity: u64) -> Option<i64> {
    match mode {
        TiersMode::Volume => {
            let tier = tiers.iter().find(|tier| tier.up_to.is_none_or(|last| quantity <= last))?;
            charge(tier, quantity)
        }
        TiersMode::Graduated => {
            let mut total = 0_i64;
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
fn charge(tier: &Tier, units: u64) -> Option<i64> {
    i64::try_from(units).ok()?.checked_mul(tier.unit_amount)?.checked_add(tier.flat_amount)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Tier, TiersMode, amount, of_price};

    fn tier(up_to: Option<u64>, unit_amount: i64, flat_amount: i64) -> Tier {
        Tier { up_to, unit_amount, flat_amount }
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
