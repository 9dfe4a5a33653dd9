//! [`MinorAmount`]: what a price charges, in the currency's minor units, exactly: a whole number
//! or a decimal with up to 12 places. Stripe's `unit_amount_decimal` is "a decimal value in
//! cents (or local equivalent) with at most 12 decimal places" (API reference, Create a price),
//! so one fixed-point integer holds every amount Stripe can return, with no floating point.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Most decimal places Stripe keeps in a `*_decimal` amount (minor units).
pub const MAX_DECIMAL_PLACES: u32 = 12;

/// One minor unit in the fixed-point representation: 10^[`MAX_DECIMAL_PLACES`].
const ONE: i128 = 1_000_000_000_000;

/// An exact amount in minor units (cents for USD, yen for JPY), whole or with up to 12
/// decimal places: `0.3` is three tenths of a cent ($0.003).
///
/// Stored as an integer count of 10^-12 minor units, so equal amounts are equal values however
/// they were written (`"0.30"`, `"0.3"`; `"1200.000"` and `1200`), comparisons and hashing need
/// no normalising, and sums and products are exact. `Debug` and `Display` print the decimal
/// text (`0.3`, `2900`); serialised, a whole amount is a JSON integer, as amounts always were,
/// and a fractional one a string (`"0.3"`), as Stripe writes `*_decimal` fields.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MinorAmount(i128);

/// Why a decimal text is not a [`MinorAmount`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    #[error("not a plain decimal number")]
    NotADecimal,
    /// The count of significant decimal places (trailing zeros do not count).
    #[error("{0} decimal places in minor units, more than the {MAX_DECIMAL_PLACES} Stripe takes")]
    TooManyPlaces(usize),
    #[error("too large")]
    TooLarge,
}

impl MinorAmount {
    /// Zero minor units.
    pub const ZERO: MinorAmount = MinorAmount(0);

    /// Reads plain decimal text in minor units (`2900`, `0.3`, `5.0`), as Stripe's
    /// `unit_amount_decimal` has it. Trailing zeros after the point are not significant.
    ///
    /// # Errors
    /// When the text is not digits with at most one `.`, has more than 12 significant decimal
    /// places, or is too large for any amount.
    pub fn parse(text: &str) -> Result<MinorAmount, DecimalError> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return Err(DecimalError::NotADecimal);
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > MAX_DECIMAL_PLACES as usize {
            return Err(DecimalError::TooManyPlaces(fraction.len()));
        }
        let whole = whole.trim_start_matches('0');
        // 26 whole digits always fit (i128 holds 38 with the 12 fraction digits); more never do.
        if whole.len() > 26 {
            return Err(DecimalError::TooLarge);
        }
        let whole: i128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| DecimalError::TooLarge)? };
        let mut fraction_digits = fraction.to_string();
        while fraction_digits.len() < MAX_DECIMAL_PLACES as usize {
            fraction_digits.push('0');
        }
        let fraction: i128 = fraction_digits.parse().map_err(|_| DecimalError::NotADecimal)?;
        whole
            .checked_mul(ONE)
            .and_then(|atoms| atoms.checked_add(fraction))
            .map(MinorAmount)
            .ok_or(DecimalError::TooLarge)
    }

    /// The amount as whole minor units, when it is whole and fits an `i64` (Stripe's integer
    /// `unit_amount` fields).
    #[must_use]
    pub fn whole(self) -> Option<i64> {
        if self.0 % ONE == 0 { i64::try_from(self.0 / ONE).ok() } else { None }
    }

    /// Whether the amount is a fraction of a minor unit away from a whole number.
    #[must_use]
    pub fn is_fractional(self) -> bool {
        self.0 % ONE != 0
    }

    /// The whole minor units below the amount (towards zero), and the decimal places after
    /// them as 12 digits (`0.3` → `(0, 300000000000)`).
    #[must_use]
    pub(crate) fn split(self) -> (bool, u128, u64) {
        let magnitude = self.0.unsigned_abs();
        let one = ONE.unsigned_abs();
        // The remainder is below 10^12, so it fits a u64.
        (self.0 < 0, magnitude / one, u64::try_from(magnitude % one).unwrap_or_default())
    }

    /// `self × units`, exactly; `None` on overflow.
    #[must_use]
    pub fn checked_mul(self, units: u64) -> Option<MinorAmount> {
        self.0.checked_mul(i128::from(units)).map(MinorAmount)
    }

    /// `self + other`, exactly; `None` on overflow.
    #[must_use]
    pub fn checked_add(self, other: MinorAmount) -> Option<MinorAmount> {
        self.0.checked_add(other.0).map(MinorAmount)
    }

    /// The nearest whole number of minor units, halves away from zero, as Stripe rounds a line
    /// item that has a decimal amount: "the calculated amount for the line item would be
    /// 0.05 * 30 = 1.5, which is then rounded up to 2 cents"
    /// (docs.stripe.com/billing/subscriptions/decimal-amounts, "Rounding"). `None` when the
    /// result does not fit an `i64`.
    #[must_use]
    pub fn round(self) -> Option<i64> {
        let half = ONE / 2;
        let rounded = if self.0 >= 0 { (self.0 + half) / ONE } else { (self.0 - half) / ONE };
        i64::try_from(rounded).ok()
    }
}

impl From<i64> for MinorAmount {
    fn from(minor: i64) -> MinorAmount {
        MinorAmount(i128::from(minor) * ONE)
    }
}

impl fmt::Display for MinorAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (negative, whole, fraction) = self.split();
        let sign = if negative { "-" } else { "" };
        if fraction == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{fraction:012}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl fmt::Debug for MinorAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for MinorAmount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Whole amounts stay JSON integers, so saved plans, idempotency keys and the
        // fingerprints stored on managed objects are what they were before decimals existed.
        match self.whole() {
            Some(minor) => serializer.serialize_i64(minor),
            None => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for MinorAmount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl Visitor<'_> for AmountVisitor {
            type Value = MinorAmount;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an amount in minor units: an integer, or a decimal string such as \"0.3\"")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<MinorAmount, E> {
                Ok(MinorAmount::from(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<MinorAmount, E> {
                i64::try_from(value).map(MinorAmount::from).map_err(|_| E::custom("amount too large"))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<MinorAmount, E> {
                let (negative, digits) = value.strip_prefix('-').map_or((false, value), |rest| (true, rest));
                let amount = MinorAmount::parse(digits).map_err(|err| E::custom(format!("`{value}`: {err}")))?;
                Ok(if negative { MinorAmount(-amount.0) } else { amount })
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> MinorAmount {
        MinorAmount::parse(text).unwrap_or_else(|err| panic!("{text}: {err}"))
    }

    #[test]
    fn equal_meaning_is_equal() {
        assert_eq!(amount("0.30"), amount("0.3"));
        assert_eq!(amount("1200.000"), MinorAmount::from(1200));
        assert_eq!(amount("5.0").whole(), Some(5));
        assert_eq!(amount("0.3").whole(), None);
        assert!(amount("0.3") < amount("0.31"));
        assert!(amount("0.999999999999") < MinorAmount::from(1));
        assert_eq!(amount("0.3").to_string(), "0.3");
        assert_eq!(amount("0012.50").to_string(), "12.5");
        assert_eq!(format!("{:?}", MinorAmount::from(2900)), "2900");
        assert_eq!(amount(".5"), amount("0.5"));
    }

    #[test]
    fn twelve_places_at_most() {
        assert_eq!(amount("0.000000000001").to_string(), "0.000000000001");
        assert_eq!(MinorAmount::parse("0.0000000000001"), Err(DecimalError::TooManyPlaces(13)));
        // Trailing zeros are not significant.
        assert_eq!(amount("0.1000000000000000"), amount("0.1"));
        for text in ["", ".", "1e3", "-1", "1.2.3", " 1", "0x1"] {
            assert_eq!(MinorAmount::parse(text), Err(DecimalError::NotADecimal), "{text:?}");
        }
        assert_eq!(MinorAmount::parse(&"9".repeat(27)), Err(DecimalError::TooLarge));
    }

    #[test]
    fn rounds_half_away_from_zero_like_stripe_line_items() {
        // Stripe's example: 0.05 cents × 30 = 1.5 cents → 2 cents.
        assert_eq!(amount("0.05").checked_mul(30).and_then(MinorAmount::round), Some(2));
        assert_eq!(amount("0.3").checked_mul(1000).and_then(MinorAmount::round), Some(300));
        assert_eq!(amount("0.3").round(), Some(0));
        assert_eq!(amount("2.5").round(), Some(3));
        assert_eq!(amount("2.499999999999").round(), Some(2));
        assert_eq!(MinorAmount::from(-15).checked_add(amount("0.5")).and_then(MinorAmount::round), Some(-15));
    }

    #[test]
    fn serialises_whole_amounts_as_integers_and_fractions_as_text() {
        let json = |value: MinorAmount| serde_json::to_string(&value).unwrap_or_default();
        assert_eq!(json(MinorAmount::from(2900)), "2900");
        assert_eq!(json(amount("0.3")), "\"0.3\"");
        for text in ["2900", "\"0.3\"", "\"2900\""] {
            let read: MinorAmount = serde_json::from_str(text).unwrap_or_else(|err| panic!("{text}: {err}"));
            assert_eq!(json(read).trim_matches('"'), text.trim_matches('"'));
        }
        assert!(serde_json::from_str::<MinorAmount>("\"0.0000000000001\"").is_err());
    }
}
