//! Parsing of the checkout flags' own little languages: `KEY[:QTY]`, `2h`, `MIN..MAX`,
//! `key=value`. Each error says what was expected.

use std::str::FromStr;

use anyhow::{Result, bail};
use jiff::SignedDuration;

use super::{AdjustableQuantity, PriceRef, PriceSpec};
use crate::error::Hinted;
use crate::objects::Metadata;

/// Stripe's `lookup_key` limit.
const MAX_LOOKUP_KEY_CHARS: usize = 200;
/// Stripe's metadata limits (stripe-api.md §2.4).
const MAX_METADATA_KEYS: usize = 50;
const MAX_METADATA_KEY_CHARS: usize = 40;
const MAX_METADATA_VALUE_CHARS: usize = 500;
/// Stripe's `adjustable_quantity.maximum` limit.
const MAX_ADJUSTABLE_QUANTITY: u64 = 999_999;

/// Checkout's `expires_at` window, measured from creation (stripe-api.md §9).
pub const MIN_EXPIRY: SignedDuration = SignedDuration::from_secs(30 * 60);
pub const MAX_EXPIRY: SignedDuration = SignedDuration::from_secs(24 * 60 * 60);

/// Parses `--price KEY[:QTY]`. A trailing `:DIGITS` is the quantity; anything else after a colon
/// stays part of the key, because lookup keys may contain colons. `price_…` is a raw price id.
///
/// # Errors
/// On an empty or over-long key, or a quantity of 0.
pub fn parse_price_spec(text: &str) -> Result<PriceSpec> {
    let (name, quantity) = match text.rsplit_once(':') {
        Some((name, digits)) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let quantity: u64 =
                digits.parse().map_err(|_| anyhow::anyhow!("quantity `{digits}` in `--price {text}` is too large"))?;
            if quantity == 0 {
                bail!(Hinted::new(
                    format!("quantity 0 in `--price {text}` sells nothing"),
                    format!("leave the quantity out for 1, or give a positive one: `--price {name}:1`")
                ));
            }
            (name, Some(quantity))
        }
        // `seats:2.5`, `seats:-1`: meant as a quantity, whatever the key.
        Some((name, quantity))
            if quantity.trim().parse::<f64>().is_ok()
                && quantity.trim().starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) =>
        {
            bail!(Hinted::new(
                format!("`{quantity}` in `--price {text}` is not a quantity"),
                format!("a quantity is a whole number of 1 or more, e.g. `--price {}:3`", name.trim())
            ));
        }
        _ => (text, None),
    };
    let name = name.trim();
    if name.is_empty() {
        bail!(Hinted::new(
            format!("`--price {text}` names no price"),
            "give a catalog key such as `--price pro-monthly` or `--price seats:5`"
        ));
    }
    if name.chars().count() > MAX_LOOKUP_KEY_CHARS {
        bail!("`--price` key is {} characters long; Stripe lookup keys have at most 200", name.chars().count());
    }
    let price =
        if name.starts_with("price_") { PriceRef::Id(name.to_string()) } else { PriceRef::LookupKey(name.to_string()) };
    Ok(PriceSpec { price, quantity })
}

/// Parses `--expires-in` (`30m`, `2h`, `1h30m`, `90 minutes`) and checks Stripe's 30 minutes
/// to 24 hours window.
///
/// # Errors
/// When the text is not a duration or lies outside the window.
pub fn parse_expires_in(text: &str) -> Result<SignedDuration> {
    // jiff's own message speaks of spans and calendar units; ours says what to write. Hours,
    // minutes and seconds are what it reads (`2h`, `90m`, `1h30m`, `90 minutes`, `PT2H`).
    let duration = SignedDuration::from_str(text.trim()).map_err(|_| {
        let lower = text.trim().to_ascii_lowercase();
        let days = lower.ends_with(['d', 'w', 'y']) || ["day", "week", "month"].iter().any(|unit| lower.contains(unit));
        let why = if days { "days and longer units are not accepted" } else { "not a duration" };
        Hinted::new(
            format!("`--expires-in {text}`: {why}; use minutes or hours, such as `30m`, `90m`, `2h` or `1h30m`"),
            "a checkout session expires 30m to 24h after it is created",
        )
    })?;
    if duration < MIN_EXPIRY || duration > MAX_EXPIRY {
        bail!(Hinted::new(
            format!("`--expires-in {text}` is outside Stripe's window for checkout sessions"),
            "a session can expire between 30m and 24h after it is created",
        ));
    }
    Ok(duration)
}

/// Parses `--adjustable-quantity MIN..MAX` (inclusive).
///
/// # Errors
/// When the text is not two whole numbers with `..` between them, or the range is empty or
/// beyond Stripe's limit.
pub fn parse_adjustable_quantity(text: &str) -> Result<AdjustableQuantity> {
    let hint = "write the range as `MIN..MAX`, e.g. `--adjustable-quantity 1..10`";
    let Some((min, max)) = text.split_once("..") else {
        bail!(Hinted::new(format!("`--adjustable-quantity {text}` is not a range"), hint));
    };
    let parse = |part: &str| part.trim().parse::<u64>().ok();
    let (Some(minimum), Some(maximum)) = (parse(min), parse(max)) else {
        bail!(Hinted::new(format!("`--adjustable-quantity {text}` needs two whole numbers"), hint));
    };
    if minimum > maximum {
        bail!(Hinted::new(format!("`--adjustable-quantity {text}` is empty: {minimum} is above {maximum}"), hint));
    }
    if maximum > MAX_ADJUSTABLE_QUANTITY {
        bail!("`--adjustable-quantity {text}`: Stripe allows a maximum of at most {MAX_ADJUSTABLE_QUANTITY}");
    }
    Ok(AdjustableQuantity { minimum, maximum })
}

/// Parses repeated `--metadata key=value` into Stripe metadata, checking Stripe's limits.
///
/// # Errors
/// On a pair without `=`, a repeated key, or a key or value Stripe would refuse.
pub fn parse_metadata(pairs: &[String]) -> Result<Metadata> {
    let mut metadata = Metadata::new();
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            bail!(Hinted::new(format!("`--metadata {pair}` has no `=`"), "write it as `--metadata key=value`"));
        };
        if key.is_empty() || key.chars().count() > MAX_METADATA_KEY_CHARS || key.contains(['[', ']']) {
            bail!("metadata key `{key}` must be 1 to 40 characters without `[` or `]`");
        }
        if value.chars().count() > MAX_METADATA_VALUE_CHARS {
            bail!("metadata value for `{key}` is longer than Stripe's 500 characters");
        }
        if metadata.insert(key.to_string(), value.to_string()).is_some() {
            bail!("metadata key `{key}` is given twice");
        }
    }
    if metadata.len() > MAX_METADATA_KEYS {
        bail!("{} metadata keys given; Stripe allows at most {MAX_METADATA_KEYS}", metadata.len());
    }
    Ok(metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str, quantity: Option<u64>) -> PriceSpec {
        PriceSpec { price: PriceRef::LookupKey(name.to_string()), quantity }
    }

    #[test]
    fn price_specs_split_a_trailing_quantity_only() {
        assert_eq!(parse_price_spec("pro-monthly").unwrap(), key("pro-monthly", None));
        assert_eq!(parse_price_spec("seats:5").unwrap(), key("seats", Some(5)));
        assert_eq!(parse_price_spec("plan:pro").unwrap(), key("plan:pro", None));
        assert_eq!(parse_price_spec("plan:pro:3").unwrap(), key("plan:pro", Some(3)));
        assert_eq!(
            parse_price_spec("price_123:2").unwrap(),
            PriceSpec { price: PriceRef::Id("price_123".into()), quantity: Some(2) }
        );
    }

    #[test]
    fn price_specs_refuse_zero_empty_and_huge() {
        let fraction = parse_price_spec("seats:2.5").unwrap_err().to_string();
        assert_eq!(fraction, "`2.5` in `--price seats:2.5` is not a quantity");
        assert!(parse_price_spec("seats:-1").is_err());
        assert_eq!(parse_price_spec("plan:inf").unwrap(), key("plan:inf", None), "a key may end in a word");
        assert!(parse_price_spec("seats:0").is_err());
        assert!(parse_price_spec(":3").is_err());
        assert!(parse_price_spec("").is_err());
        assert!(parse_price_spec("seats:99999999999999999999999").is_err());
        assert!(parse_price_spec(&"k".repeat(201)).is_err());
    }

    #[test]
    fn expiry_accepts_stripes_window_only() {
        assert_eq!(parse_expires_in("2h").unwrap(), SignedDuration::from_hours(2));
        assert_eq!(parse_expires_in("30m").unwrap(), MIN_EXPIRY);
        assert_eq!(parse_expires_in("24h").unwrap(), MAX_EXPIRY);
        assert_eq!(parse_expires_in("1h30m").unwrap(), SignedDuration::from_mins(90));
        for bad in ["29m", "25h", "2", "soon", "-1h", ""] {
            assert!(parse_expires_in(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(parse_expires_in("PT2H").unwrap(), SignedDuration::from_hours(2));
        assert_eq!(parse_expires_in("90 minutes").unwrap(), SignedDuration::from_mins(90));
        let days = parse_expires_in("2d").unwrap_err().to_string();
        assert_eq!(
            days,
            "`--expires-in 2d`: days and longer units are not accepted; use minutes or hours, such as `30m`, `90m`, `2h` or `1h30m`"
        );
        let soon = parse_expires_in("soon").unwrap_err().to_string();
        assert_eq!(
            soon,
            "`--expires-in soon`: not a duration; use minutes or hours, such as `30m`, `90m`, `2h` or `1h30m`"
        );
    }

    #[test]
    fn adjustable_quantity_is_an_inclusive_range() {
        assert_eq!(parse_adjustable_quantity("1..10").unwrap(), AdjustableQuantity { minimum: 1, maximum: 10 });
        assert_eq!(parse_adjustable_quantity("0..0").unwrap(), AdjustableQuantity { minimum: 0, maximum: 0 });
        for bad in ["10..1", "1-10", "a..b", "1..", "1..1000000"] {
            assert!(parse_adjustable_quantity(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn metadata_pairs_follow_stripes_limits() {
        let parsed = parse_metadata(&["ticket=T-1".into(), "note=a=b".into(), "empty=".into()]).unwrap();
        assert_eq!(parsed.get("note").map(String::as_str), Some("a=b"));
        assert_eq!(parsed.get("empty").map(String::as_str), Some(""));
        assert!(parse_metadata(&["novalue".into()]).is_err());
        assert!(parse_metadata(&["a[b]=1".into()]).is_err());
        assert!(parse_metadata(&["a=1".into(), "a=2".into()]).is_err());
        assert!(parse_metadata(&[format!("{}=1", "k".repeat(41))]).is_err());
        let many: Vec<String> = (0..51).map(|n| format!("k{n}=v")).collect();
        assert!(parse_metadata(&many).is_err());
    }
}
