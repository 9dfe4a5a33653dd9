//! Currencies and exact amounts. Stripe wants amounts in the currency's smallest unit (whole,
//! or with up to 12 decimal places where it takes `*_decimal` fields); people write major
//! units. Every conversion between the two goes through this module, as exact decimal text,
//! never through floating point.

mod decimal;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use self::decimal::{DecimalError, MAX_DECIMAL_PLACES, MinorAmount};

/// Largest amount Stripe accepts: 12 digits of minor units (card payments, newest docs).
pub const MAX_MINOR_UNITS: i64 = 999_999_999_999;

/// What the tool knows about one currency.
#[derive(Debug, PartialEq, Eq)]
pub struct CurrencyInfo {
    /// Lowercase ISO 4217 code, as Stripe wants it.
    pub code: &'static str,
    /// How many digits people may write after the decimal point.
    pub decimals: u32,
    /// The power of ten between a major unit and what Stripe is sent. Equal to `decimals`
    /// except for ISK and UGX, which Stripe takes ×100 although they have no fraction.
    pub wire_exponent: u32,
    /// Prefix shown before amounts, where one is unambiguous enough with the code after it.
    pub symbol: Option<&'static str>,
    /// Stripe's minimum charge in minor units, where Stripe publishes one.
    pub minimum_charge: Option<i64>,
}

impl CurrencyInfo {
    /// Three-decimal currencies must end in 0 (Stripe rounds them to tens).
    #[must_use]
    pub fn is_three_decimal(&self) -> bool {
        self.wire_exponent == 3
    }

    /// Whether `unit_amount_decimal` may be a fraction of a minor unit. Stripe takes decimals
    /// there for every currency, but the tool allows them only where a fraction cannot break a
    /// rule Stripe applies to the amounts it charges: not for three-decimal currencies, whose
    /// charges must end in 0, nor for ISK and UGX, which are charged in whole units sent ×100.
    #[must_use]
    pub fn takes_decimal_amounts(&self) -> bool {
        self.wire_exponent == self.decimals && !self.is_three_decimal()
    }
}

const fn cur(
    code: &'static str,
    decimals: u32,
    symbol: Option<&'static str>,
    minimum_charge: Option<i64>,
) -> CurrencyInfo {
    CurrencyInfo { code, decimals, wire_exponent: decimals, symbol, minimum_charge }
}

const fn two(code: &'static str) -> CurrencyInfo {
    cur(code, 2, None, None)
}

const fn zero(code: &'static str) -> CurrencyInfo {
    cur(code, 0, None, None)
}

const DOLLAR: Option<&str> = Some("$");

/// Stripe's presentment currencies. Zero-decimal and three-decimal lists and minimum charges
/// follow Stripe's currency docs (see `docs/currencies.md`).
pub static CURRENCIES: &[CurrencyInfo] = &[
    cur("usd", 2, DOLLAR, Some(50)),
    cur("aed", 2, None, Some(200)),
    two("afn"),
    two("all"),
    two("amd"),
    two("ang"),
    two("aoa"),
    cur("ars", 2, DOLLAR, Some(50)),
    cur("aud", 2, DOLLAR, Some(50)),
    two("awg"),
    two("azn"),
    two("bam"),
    cur("bbd", 2, DOLLAR, None),
    two("bdt"),
    two("bgn"),
    cur("bhd", 3, None, None),
    zero("bif"),
    cur("bmd", 2, DOLLAR, None),
    cur("bnd", 2, DOLLAR, None),
    two("bob"),
    cur("brl", 2, Some("R$"), Some(50)),
    cur("bsd", 2, DOLLAR, None),
    two("bwp"),
    two("byn"),
    cur("bzd", 2, DOLLAR, None),
    cur("cad", 2, DOLLAR, Some(50)),
    two("cdf"),
    cur("chf", 2, None, Some(50)),
    zero("clp"),
    cur("cny", 2, Some("¥"), None),
    cur("cop", 2, DOLLAR, Some(50)),
    two("crc"),
    two("cve"),
    cur("czk", 2, None, Some(1500)),
    zero("djf"),
    cur("dkk", 2, None, Some(250)),
    two("dop"),
    two("dzd"),
    two("egp"),
    two("etb"),
    cur("eur", 2, Some("€"), Some(50)),
    cur("fjd", 2, DOLLAR, None),
    two("fkp"),
    cur("gbp", 2, Some("£"), Some(30)),
    two("gel"),
    two("gip"),
    two("gmd"),
    zero("gnf"),
    two("gtq"),
    cur("gyd", 2, DOLLAR, None),
    cur("hkd", 2, DOLLAR, Some(400)),
    two("hnl"),
    two("htg"),
    cur("huf", 2, None, Some(17500)),
    cur("idr", 2, None, Some(50)),
    cur("ils", 2, Some("₪"), Some(50)),
    cur("inr", 2, Some("₹"), Some(50)),
    CurrencyInfo { code: "isk", decimals: 0, wire_exponent: 2, symbol: None, minimum_charge: None },
    cur("jmd", 2, DOLLAR, None),
    cur("jod", 3, None, None),
    cur("jpy", 0, Some("¥"), Some(50)),
    two("kes"),
    two("kgs"),
    two("khr"),
    zero("kmf"),
    cur("krw", 0, Some("₩"), Some(50)),
    cur("kwd", 3, None, None),
    cur("kyd", 2, DOLLAR, None),
    two("kzt"),
    two("lak"),
    two("lbp"),
    two("lkr"),
    cur("lrd", 2, DOLLAR, None),
    two("lsl"),
    two("mad"),
    two("mdl"),
    zero("mga"),
    two("mkd"),
    two("mmk"),
    two("mnt"),
    two("mop"),
    two("mur"),
    two("mvr"),
    two("mwk"),
    cur("mxn", 2, DOLLAR, Some(1000)),
    cur("myr", 2, None, Some(200)),
    two("mzn"),
    cur("nad", 2, DOLLAR, None),
    cur("ngn", 2, Some("₦"), None),
    two("nio"),
    cur("nok", 2, None, Some(300)),
    two("npr"),
    cur("nzd", 2, DOLLAR, Some(50)),
    cur("omr", 3, None, None),
    two("pab"),
    two("pen"),
    two("pgk"),
    cur("php", 2, Some("₱"), Some(50)),
    two("pkr"),
    cur("pln", 2, None, Some(200)),
    zero("pyg"),
    two("qar"),
    cur("ron", 2, None, Some(200)),
    two("rsd"),
    cur("rub", 2, None, Some(50)),
    zero("rwf"),
    two("sar"),
    cur("sbd", 2, DOLLAR, None),
    two("scr"),
    cur("sek", 2, None, Some(300)),
    cur("sgd", 2, DOLLAR, Some(50)),
    two("shp"),
    two("sle"),
    two("sos"),
    cur("srd", 2, DOLLAR, None),
    two("szl"),
    cur("thb", 2, Some("฿"), Some(1000)),
    two("tjs"),
    cur("tnd", 3, None, None),
    two("top"),
    two("try"),
    cur("ttd", 2, DOLLAR, None),
    cur("twd", 2, DOLLAR, None),
    two("tzs"),
    two("uah"),
    CurrencyInfo { code: "ugx", decimals: 0, wire_exponent: 2, symbol: None, minimum_charge: None },
    two("uyu"),
    two("uzs"),
    cur("vnd", 0, Some("₫"), None),
    zero("vuv"),
    two("wst"),
    zero("xaf"),
    cur("xcd", 2, DOLLAR, None),
    zero("xof"),
    zero("xpf"),
    two("yer"),
    cur("zar", 2, None, Some(50)),
    two("zmw"),
];

/// A currency Stripe supports, by its lowercase code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency(&'static str);

impl Currency {
    /// Looks a code up, case-insensitively.
    ///
    /// # Errors
    /// When Stripe does not support the code (or it is not a currency code at all).
    pub fn parse(code: &str) -> Result<Currency, UnknownCurrency> {
        let lower = code.trim().to_ascii_lowercase();
        CURRENCIES
            .iter()
            .find(|info| info.code == lower)
            .map(|info| Currency(info.code))
            .ok_or_else(|| UnknownCurrency(code.to_string()))
    }

    /// The lowercase code Stripe uses.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.0
    }

    /// Everything the tool knows about this currency.
    #[must_use]
    pub fn info(self) -> &'static CurrencyInfo {
        CURRENCIES.iter().find(|info| info.code == self.0).unwrap_or(&CURRENCIES[0])
    }

    /// Every supported currency.
    pub fn all() -> impl Iterator<Item = Currency> {
        CURRENCIES.iter().map(|info| Currency(info.code))
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Currency::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A currency code Stripe does not support.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a currency Stripe supports (use a three-letter ISO code such as `usd`, `eur`, `jpy`)")]
pub struct UnknownCurrency(pub String);

/// Why an amount written in major units cannot be sent to Stripe.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("`{0}` is not a decimal number (write digits with an optional `.`, such as `29.99`)")]
    NotANumber(String),
    #[error("amounts cannot be negative")]
    Negative,
    /// `below` and `above` are the whole amounts on either side: the tool never picks one
    /// for the user (a silent truncation changes what customers pay).
    #[error(
        "{currency} has no minor unit and is sent to Stripe ×100, so it takes whole amounts only: write `{below}` or `{above}`"
    )]
    NoFractionAllowed { currency: String, below: String, above: String },
    #[error("{currency} takes whole amounts only (no minor unit): write `{below}` or `{above}`")]
    ZeroDecimal { currency: String, below: String, above: String },
    #[error("{currency} has {allowed} decimal places, `{text}` has {found}")]
    TooManyDecimals { currency: String, text: String, allowed: u32, found: usize },
    #[error("{currency} amounts must end in 0 in the last (third) decimal place: Stripe rounds them to tens")]
    ThreeDecimalLastDigit { currency: String },
    #[error("`{text}` is {minor} in minor units, over Stripe's maximum of {max} (12 digits)")]
    TooLarge { text: String, minor: String, max: i64 },
    #[error("`{text}` is not a whole number of {currency} minor units")]
    MinorUnitsNotWhole { currency: String, text: String },
    /// A `unit_amount_decimal` finer than Stripe keeps (`found` counts significant places).
    #[error("`{text}` has {found} decimal places; Stripe's `unit_amount_decimal` keeps at most {MAX_DECIMAL_PLACES}")]
    TooPrecise { text: String, found: usize },
}

/// The whole numbers below and above a fraction whose whole part is `whole` (digits, maybe
/// empty), as text: `45` → (`45`, `46`).
fn whole_neighbours(whole: &str) -> (String, String) {
    let digits = whole.trim_start_matches('0');
    let below = if digits.is_empty() { "0" } else { digits };
    // Whole parts are at most a few dozen digits (longer ones fail the 12-digit check), but the
    // increment is done on the text so no length can overflow.
    let mut above: Vec<u8> = below.bytes().collect();
    let mut carry = true;
    for digit in above.iter_mut().rev() {
        if !carry {
            break;
        }
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            carry = false;
        }
    }
    if carry {
        above.insert(0, b'1');
    }
    (below.to_string(), String::from_utf8(above).unwrap_or_default())
}

/// Converts an amount written in major units (exact decimal text such as `29.99`) to the
/// integer minor units Stripe wants.
///
/// # Errors
/// When the text is not a plain non-negative decimal, has more decimals than the currency
/// allows, breaks the three-decimal rule, or exceeds Stripe's maximum.
pub fn parse_major(text: &str, currency: Currency) -> Result<i64, AmountError> {
    let info = currency.info();
    let trimmed = unsigned_decimal(text)?;
    let (whole, fraction) = trimmed.split_once('.').unwrap_or((trimmed, ""));
    let code = currency.code().to_ascii_uppercase();
    let found = fraction.len();
    if found > info.decimals as usize {
        let (below, above) = whole_neighbours(whole);
        return Err(if info.decimals == 0 && info.wire_exponent > 0 {
            AmountError::NoFractionAllowed { currency: code, below, above }
        } else if info.decimals == 0 {
            AmountError::ZeroDecimal { currency: code, below, above }
        } else {
            AmountError::TooManyDecimals { currency: code, text: text.to_string(), allowed: info.decimals, found }
        });
    }
    let mut digits = String::with_capacity(whole.len() + info.wire_exponent as usize);
    digits.push_str(whole);
    digits.push_str(fraction);
    for _ in found..info.wire_exponent as usize {
        digits.push('0');
    }
    let minor = minor_units(&digits, text)?;
    if info.is_three_decimal() && minor % 10 != 0 {
        return Err(AmountError::ThreeDecimalLastDigit { currency: code });
    }
    Ok(minor)
}

/// Reads an amount written in minor units (`2999` for $29.99), as `unit_amount` is, from the
/// text in the file, and checks it like [`check_minor`].
///
/// # Errors
/// When the text is not a whole non-negative number (a fraction such as `29.99` usually
/// means major units were meant), or [`check_minor`] refuses it.
pub fn parse_minor(text: &str, currency: Currency) -> Result<i64, AmountError> {
    let trimmed = unsigned_decimal(text)?;
    if trimmed.contains('.') {
        return Err(AmountError::MinorUnitsNotWhole {
            currency: currency.code().to_ascii_uppercase(),
            text: text.to_string(),
        });
    }
    let minor = minor_units(trimmed, text)?;
    check_minor(minor, currency)?;
    Ok(minor)
}

/// Reads `unit_amount_decimal`, what one unit costs in minor units written as a decimal, as
/// Stripe's field of that name takes it: up to 12 decimal places (`0.3` = three tenths of a
/// cent). Where the currency does not [take decimal amounts](CurrencyInfo::takes_decimal_amounts)
/// only whole values are accepted; a whole value is checked like [`check_minor`] and equals the
/// same `unit_amount` (`30` and `30.0` are 30 minor units).
///
/// # Errors
/// When the text is not a plain non-negative decimal, has more than 12 decimal places, is a
/// fraction where the currency takes none, or [`check_minor`] refuses its whole value.
pub fn parse_minor_decimal(text: &str, currency: Currency) -> Result<MinorAmount, AmountError> {
    let trimmed = unsigned_decimal(text)?;
    let takes_fractions = currency.info().takes_decimal_amounts();
    let not_whole =
        || AmountError::MinorUnitsNotWhole { currency: currency.code().to_ascii_uppercase(), text: text.to_string() };
    let amount = match checked_decimal(trimmed, text) {
        Err(AmountError::TooPrecise { .. }) if !takes_fractions => return Err(not_whole()),
        other => other?,
    };
    match amount.whole() {
        Some(minor) => check_minor(minor, currency).map(|()| amount),
        None if takes_fractions => Ok(amount),
        None => Err(not_whole()),
    }
}

/// The user's major-unit text with the decimal point moved to minor units, digits kept as
/// written (`0.003` USD → `0.3`, `1.001` USD → `100.1`, `45.5` JPY → `45.5`), for a hint
/// naming `unit_amount_decimal`; `None` when the text is not a plain decimal.
#[must_use]
pub fn major_text_in_minor_units(text: &str, currency: Currency) -> Option<String> {
    let trimmed = unsigned_decimal(text).ok()?;
    let (whole, fraction) = trimmed.split_once('.').unwrap_or((trimmed, ""));
    let exponent = currency.info().wire_exponent as usize;
    let mut shifted = format!("{fraction:0<exponent$}");
    let below = shifted.split_off(exponent);
    let digits = format!("{whole}{shifted}");
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    Some(if below.is_empty() { digits.to_string() } else { format!("{digits}.{below}") })
}

/// `minor` (decimal text in minor units) as an amount within Stripe's limits: 12 decimal
/// places, 12 whole digits. `text` is what the user wrote, for messages.
fn checked_decimal(minor: &str, text: &str) -> Result<MinorAmount, AmountError> {
    let too_large = |minor: String| AmountError::TooLarge { text: text.to_string(), minor, max: MAX_MINOR_UNITS };
    let amount = MinorAmount::parse(minor).map_err(|err| match err {
        DecimalError::TooManyPlaces(found) => AmountError::TooPrecise { text: text.to_string(), found },
        DecimalError::TooLarge => too_large(minor.trim_start_matches('0').to_string()),
        DecimalError::NotADecimal => AmountError::NotANumber(text.to_string()),
    })?;
    if amount > MinorAmount::from(MAX_MINOR_UNITS) {
        return Err(too_large(amount.to_string()));
    }
    Ok(amount)
}

/// Checks that an amount given directly in minor units is one Stripe accepts for the currency.
///
/// # Errors
/// When it is negative, too large, breaks the three-decimal rule, or is not a whole
/// number of ISK/UGX.
pub fn check_minor(minor: i64, currency: Currency) -> Result<(), AmountError> {
    let info = currency.info();
    let code = currency.code().to_ascii_uppercase();
    if minor < 0 {
        return Err(AmountError::Negative);
    }
    if minor > MAX_MINOR_UNITS {
        return Err(AmountError::TooLarge { text: minor.to_string(), minor: minor.to_string(), max: MAX_MINOR_UNITS });
    }
    if info.is_three_decimal() && minor % 10 != 0 {
        return Err(AmountError::ThreeDecimalLastDigit { currency: code });
    }
    if info.wire_exponent > info.decimals {
        let scale = 10_i64.pow(info.wire_exponent - info.decimals);
        if minor % scale != 0 {
            // In the units the user wrote (minor), on either side.
            let below = minor / scale * scale;
            let (below, above) = (below.to_string(), (below + scale).to_string());
            return Err(AmountError::NoFractionAllowed { currency: code, below, above });
        }
    }
    Ok(())
}

/// The amount in major units as plain decimal text, without grouping or symbol
/// (`2999` USD → `29.99`, `4500` JPY → `4500`, `50000` ISK → `500`, `0.3` USD → `0.003`).
/// [`parse_major`] reads a whole amount back; a fraction of a minor unit is written in minor
/// units, as `unit_amount_decimal` ([`parse_minor_decimal`]).
#[must_use]
pub fn format_major(amount: impl Into<MinorAmount>, currency: Currency) -> String {
    let (negative, whole, fraction) = split(amount.into(), currency);
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") }
}

/// The amount as people read it: symbol, grouped digits, the currency's decimals (more when
/// the amount is a fraction of a minor unit) and its code (`$29.00 USD`, `¥4,500 JPY`,
/// `5.120 KWD`, `$0.003 USD`).
#[must_use]
pub fn format_money(amount: impl Into<MinorAmount>, currency: Currency) -> String {
    let (negative, whole, fraction) = split(amount.into(), currency);
    let sign = if negative { "-" } else { "" };
    let symbol = currency.info().symbol.unwrap_or("");
    let grouped = group_thousands(&whole);
    let code = currency.code().to_ascii_uppercase();
    if fraction.is_empty() {
        format!("{sign}{symbol}{grouped} {code}")
    } else {
        format!("{sign}{symbol}{grouped}.{fraction} {code}")
    }
}

/// Stripe's minimum charge for the currency (minor units), if the amount is non-zero and
/// below it.
#[must_use]
pub fn below_minimum_charge(amount: impl Into<MinorAmount>, currency: Currency) -> Option<i64> {
    let minimum = currency.info().minimum_charge?;
    let amount = amount.into();
    (amount > MinorAmount::ZERO && amount < MinorAmount::from(minimum)).then_some(minimum)
}

/// Stripe's largest charge in `currency`, in minor units: 8 digits (`99999999`, $999,999.99
/// in USD), "The amount value supports up to eight digits" (API reference,
/// `payment_intent.amount`), except IDR (12 digits), COP (10) and INR (9)
/// (<https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts>). The newest docs
/// let some card payments go up to 12 digits, but a Checkout Session may be paid by any
/// method, so the limit every method takes is the one that holds. Above it Stripe answers
/// `amount_too_large`.
#[must_use]
pub fn maximum_charge(currency: Currency) -> i64 {
    match currency.code() {
        "idr" => 999_999_999_999,
        "cop" => 9_999_999_999,
        "inr" => 999_999_999,
        _ => 99_999_999,
    }
}

/// Splits an amount into sign, whole major units and the fraction digits to show: the
/// currency's decimals, or as many as a fraction of a minor unit needs. ISK/UGX show no
/// fraction when it is zero (it always should be) but keep it when it is not, so nothing is lost.
fn split(amount: MinorAmount, currency: Currency) -> (bool, String, String) {
    let info = currency.info();
    let (negative, minor, below_minor) = amount.split();
    let scale = 10_u128.pow(info.wire_exponent);
    let whole = (minor / scale).to_string();
    let remainder = minor % scale;
    let shown = if info.decimals < info.wire_exponent && remainder == 0 && below_minor == 0 {
        info.decimals
    } else {
        info.wire_exponent
    };
    // Every digit down to 10^-12 of a minor unit, then as few as the amount needs.
    let mut digits = format!("{remainder:0width$}", width = info.wire_exponent as usize);
    digits.truncate(info.wire_exponent as usize);
    digits.push_str(&format!("{below_minor:012}"));
    let needed = digits.trim_end_matches('0').len().max(shown as usize);
    digits.truncate(needed);
    (negative, whole, digits)
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The trimmed text when it is a plain non-negative decimal; a negative one gets its own error.
fn unsigned_decimal(text: &str) -> Result<&str, AmountError> {
    let trimmed = text.trim();
    if let Some(rest) = trimmed.strip_prefix('-')
        && is_decimal(rest)
    {
        return Err(AmountError::Negative);
    }
    if !is_decimal(trimmed) {
        return Err(AmountError::NotANumber(text.to_string()));
    }
    Ok(trimmed)
}

/// Whole minor units from their digits, refusing more than Stripe's 12 (`text` is what the
/// user wrote, for the message).
fn minor_units(digits: &str, text: &str) -> Result<i64, AmountError> {
    let significant = digits.trim_start_matches('0');
    let too_large =
        || AmountError::TooLarge { text: text.to_string(), minor: significant.to_string(), max: MAX_MINOR_UNITS };
    if significant.len() > 12 {
        return Err(too_large());
    }
    if significant.is_empty() { Ok(0) } else { significant.parse().map_err(|_| too_large()) }
}

/// Plain decimal: digits, optionally one `.` followed by digits, at least one digit overall.
fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    !text.is_empty()
        && all_digits(whole)
        && all_digits(fraction)
        && !(whole.is_empty() && fraction.is_empty())
        && !(text.ends_with('.') && fraction.is_empty() && whole.is_empty())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn currency(code: &str) -> Currency {
        match Currency::parse(code) {
            Ok(currency) => currency,
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn parses_the_amount_table() {
        for (text, code, minor) in [
            ("29.99", "usd", 2999),
            ("29.00", "usd", 2900),
            ("29", "usd", 2900),
            ("29.9", "usd", 2990),
            ("0.50", "usd", 50),
            ("0", "usd", 0),
            ("4500", "jpy", 4500),
            ("5.120", "kwd", 5120),
            ("5.12", "kwd", 5120),
            ("500", "isk", 50000),
            ("2000", "ugx", 200_000),
            ("9999999999.99", "usd", MAX_MINOR_UNITS),
        ] {
            assert_eq!(parse_major(text, currency(code)), Ok(minor), "{text} {code}");
        }
    }

    #[test]
    fn rejects_what_stripe_would_charge_wrongly() {
        let jpy = currency("jpy");
        assert_eq!(
            parse_major("45.5", jpy),
            Err(AmountError::ZeroDecimal { currency: "JPY".into(), below: "45".into(), above: "46".into() })
        );
        assert_eq!(
            parse_major("1.001", currency("usd")),
            Err(AmountError::TooManyDecimals { currency: "USD".into(), text: "1.001".into(), allowed: 2, found: 3 })
        );
        assert_eq!(
            parse_major("5.125", currency("kwd")),
            Err(AmountError::ThreeDecimalLastDigit { currency: "KWD".into() })
        );
        assert_eq!(
            parse_major("5.5", currency("isk")),
            Err(AmountError::NoFractionAllowed { currency: "ISK".into(), below: "5".into(), above: "6".into() })
        );
        assert_eq!(
            parse_major("1000.50", currency("ugx")),
            Err(AmountError::NoFractionAllowed { currency: "UGX".into(), below: "1000".into(), above: "1001".into() })
        );
        assert_eq!(parse_major("-1.00", currency("usd")), Err(AmountError::Negative));
        assert!(matches!(parse_major("10000000000.00", currency("usd")), Err(AmountError::TooLarge { .. })));
        assert!(matches!(parse_major("1000000000000", jpy), Err(AmountError::TooLarge { .. })));
        for text in ["", ".", "1e3", "1,000", "12.5.1", "$5", "nan", "inf", "0x10", " - 1"] {
            assert!(matches!(parse_major(text, currency("usd")), Err(AmountError::NotANumber(_))), "{text:?}");
        }
    }

    #[test]
    fn error_messages_say_what_to_write() {
        let message = |text: &str, code: &str| parse_major(text, currency(code)).map_err(|err| err.to_string());
        assert_eq!(
            message("45.5", "jpy"),
            Err("JPY takes whole amounts only (no minor unit): write `45` or `46`".into())
        );
        assert_eq!(message("1.001", "usd"), Err("USD has 2 decimal places, `1.001` has 3".into()));
        assert_eq!(
            message("5.5", "isk"),
            Err("ISK has no minor unit and is sent to Stripe ×100, so it takes whole amounts only: write `5` or `6`"
                .into())
        );
    }

    #[test]
    fn currency_codes_are_case_insensitive_and_checked() {
        assert_eq!(currency("USD"), currency("usd"));
        assert_eq!(currency(" Jpy ").code(), "jpy");
        assert_eq!(Currency::parse("usdd"), Err(UnknownCurrency("usdd".into())));
        assert_eq!(Currency::parse("xyz"), Err(UnknownCurrency("xyz".into())));
        assert!(Currency::parse("").is_err());
    }

    #[test]
    fn parses_minor_units_from_text() {
        assert_eq!(parse_minor("2999", currency("usd")), Ok(2999));
        assert_eq!(parse_minor("0", currency("usd")), Ok(0));
        assert_eq!(parse_minor("50000", currency("isk")), Ok(50000));
        assert_eq!(
            parse_minor("29.99", currency("usd")),
            Err(AmountError::MinorUnitsNotWhole { currency: "USD".into(), text: "29.99".into() })
        );
        assert_eq!(parse_minor("-5", currency("usd")), Err(AmountError::Negative));
        assert_eq!(
            parse_minor("5125", currency("kwd")),
            Err(AmountError::ThreeDecimalLastDigit { currency: "KWD".into() })
        );
        assert!(matches!(parse_minor("1000000000000", currency("usd")), Err(AmountError::TooLarge { .. })));
        assert!(matches!(parse_minor("99999999999999999999999", currency("usd")), Err(AmountError::TooLarge { .. })));
        assert!(matches!(parse_minor("1e3", currency("usd")), Err(AmountError::NotANumber(_))));
    }

    #[test]
    fn checks_minor_units() {
        assert_eq!(check_minor(2999, currency("usd")), Ok(()));
        assert_eq!(check_minor(-1, currency("usd")), Err(AmountError::Negative));
        assert_eq!(
            check_minor(5125, currency("kwd")),
            Err(AmountError::ThreeDecimalLastDigit { currency: "KWD".into() })
        );
        assert_eq!(
            check_minor(550, currency("isk")),
            Err(AmountError::NoFractionAllowed { currency: "ISK".into(), below: "500".into(), above: "600".into() })
        );
        assert_eq!(check_minor(50000, currency("isk")), Ok(()));
        assert!(matches!(check_minor(MAX_MINOR_UNITS + 1, currency("usd")), Err(AmountError::TooLarge { .. })));
    }

    #[test]
    fn formats_money_as_people_read_it() {
        assert_eq!(format_money(2900, currency("usd")), "$29.00 USD");
        assert_eq!(format_money(2999, currency("usd")), "$29.99 USD");
        assert_eq!(format_money(123_456_789, currency("usd")), "$1,234,567.89 USD");
        assert_eq!(format_money(4500, currency("jpy")), "¥4,500 JPY");
        assert_eq!(format_money(5120, currency("kwd")), "5.120 KWD");
        assert_eq!(format_money(50000, currency("isk")), "500 ISK");
        assert_eq!(format_money(2700, currency("eur")), "€27.00 EUR");
        assert_eq!(format_money(0, currency("gbp")), "£0.00 GBP");
        assert_eq!(format_major(2999, currency("usd")), "29.99");
        assert_eq!(format_major(4500, currency("jpy")), "4500");
        assert_eq!(format_major(50000, currency("ugx")), "500");
    }

    /// Issue #14 item 5: `unit_amount_decimal` goes down to 12 decimal places of minor units
    /// where the currency takes decimal amounts; elsewhere it is whole, with today's rules.
    #[test]
    fn unit_amount_decimal_takes_fractions_of_a_minor_unit() {
        let exact = |text: &str| MinorAmount::parse(text).unwrap();
        let usd = currency("usd");
        for (text, code, minor) in [
            ("0.3", "usd", "0.3"),
            ("0.30", "usd", "0.3"),
            ("2999", "usd", "2999"),
            ("30.0", "usd", "30"),
            ("0.000000000001", "jpy", "0.000000000001"),
            ("45.5", "jpy", "45.5"),
            ("5120", "kwd", "5120"),
            ("5120.0", "kwd", "5120"),
            ("50000", "isk", "50000"),
        ] {
            assert_eq!(parse_minor_decimal(text, currency(code)), Ok(exact(minor)), "{text} {code}");
        }
        assert_eq!(
            parse_minor_decimal("0.0000000000001", usd).map_err(|err| err.to_string()),
            Err("`0.0000000000001` has 13 decimal places; Stripe's `unit_amount_decimal` keeps at most 12".into())
        );
        assert!(matches!(parse_minor_decimal("1000000000000.5", usd), Err(AmountError::TooLarge { .. })));
        assert_eq!(parse_minor_decimal("-0.3", usd), Err(AmountError::Negative));
        assert!(matches!(parse_minor_decimal("1e3", usd), Err(AmountError::NotANumber(_))));
        // Three-decimal currencies, ISK and UGX take whole minor units only, with their rules.
        for (text, code) in [("0.5", "kwd"), ("5120.5", "kwd"), ("0.0000000000001", "kwd"), ("0.5", "ugx")] {
            assert!(
                matches!(parse_minor_decimal(text, currency(code)), Err(AmountError::MinorUnitsNotWhole { .. })),
                "{text} {code}"
            );
        }
        assert!(matches!(parse_minor_decimal("5125", currency("kwd")), Err(AmountError::ThreeDecimalLastDigit { .. })));
        assert!(matches!(parse_minor_decimal("5050", currency("isk")), Err(AmountError::NoFractionAllowed { .. })));
    }

    /// The hint for `amount: 0.003` USD names `unit_amount_decimal: 0.3`: the user's digits
    /// with the point moved, never a number computed from them.
    #[test]
    fn major_text_moves_only_the_decimal_point() {
        for (text, code, minor) in [
            ("0.003", "usd", "0.3"),
            ("0.0030", "usd", "0.30"),
            ("1.001", "usd", "100.1"),
            ("12.3456", "eur", "1234.56"),
            ("1.5", "usd", "150"),
            ("7", "usd", "700"),
            ("45.5", "jpy", "45.5"),
            (" .5 ", "jpy", "0.5"),
            ("0.00000000000001", "usd", "0.000000000001"),
        ] {
            assert_eq!(major_text_in_minor_units(text, currency(code)).as_deref(), Some(minor), "{text} {code}");
        }
        assert_eq!(major_text_in_minor_units("1e3", currency("usd")), None);
        assert_eq!(major_text_in_minor_units("-0.003", currency("usd")), None);
    }

    #[test]
    fn formats_fractions_of_a_minor_unit_with_the_digits_they_need() {
        let exact = |text: &str| MinorAmount::parse(text).unwrap();
        assert_eq!(format_money(exact("0.3"), currency("usd")), "$0.003 USD");
        assert_eq!(format_money(exact("2999.5"), currency("usd")), "$29.995 USD");
        assert_eq!(format_money(exact("123456789.000000000001"), currency("usd")), "$1,234,567.89000000000001 USD");
        assert_eq!(format_money(exact("0.5"), currency("jpy")), "¥0.5 JPY");
        assert_eq!(format_money(exact("2900.0"), currency("usd")), "$29.00 USD");
        assert_eq!(format_major(exact("0.3"), currency("usd")), "0.003");
        assert_eq!(format_major(exact("0.5"), currency("jpy")), "0.5");
        assert_eq!(format_major(exact("0.000000000001"), currency("usd")), "0.00000000000001");
        assert_eq!(below_minimum_charge(exact("0.3"), currency("usd")), Some(50));
        assert_eq!(below_minimum_charge(exact("49.999999999999"), currency("usd")), Some(50));
    }

    #[test]
    fn warns_below_the_minimum_charge_only_for_non_zero_amounts() {
        assert_eq!(below_minimum_charge(30, currency("usd")), Some(50));
        assert_eq!(below_minimum_charge(50, currency("usd")), None);
        assert_eq!(below_minimum_charge(0, currency("usd")), None);
        assert_eq!(below_minimum_charge(49, currency("jpy")), Some(50));
        assert_eq!(below_minimum_charge(1, currency("kwd")), None);
    }

    /// A valid minor amount for `currency`: within 12 digits and meeting its rounding rules.
    fn valid_minor(currency: Currency) -> impl Strategy<Value = i64> {
        let info = currency.info();
        let step: i64 = if info.is_three_decimal() {
            10
        } else if info.wire_exponent > info.decimals {
            10_i64.pow(info.wire_exponent - info.decimals)
        } else {
            1
        };
        (0..=MAX_MINOR_UNITS / step).prop_map(move |units| units * step)
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        let all: Vec<Currency> = Currency::all().collect();
        proptest::sample::select(all)
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips((currency, minor) in any_currency().prop_flat_map(|c| (Just(c), valid_minor(c)))) {
            let text = format_major(minor, currency);
            prop_assert_eq!(parse_major(&text, currency), Ok(minor), "{} {}", text, currency);
            prop_assert_eq!(check_minor(minor, currency), Ok(()));
        }

        /// Any amount down to 10^-12 of a minor unit reads back exactly from its decimal text,
        /// and its major-unit text moves back to that decimal text.
        #[test]
        fn fractional_amounts_round_trip(
            code in proptest::sample::select(vec!["usd", "eur", "jpy", "gbp", "krw"]),
            whole in 0..=MAX_MINOR_UNITS,
            fraction in 0_u64..1_000_000_000_000,
        ) {
            let currency = currency(code);
            let amount = MinorAmount::parse(&format!("{whole}.{fraction:012}")).unwrap_or_default();
            let text = amount.to_string();
            prop_assert_eq!(parse_minor_decimal(&text, currency), Ok(amount), "{}", text);
            let moved = major_text_in_minor_units(&format_major(amount, currency), currency).unwrap_or_default();
            prop_assert_eq!(MinorAmount::parse(&moved), Ok(amount), "{}", moved);
        }

        #[test]
        fn parse_never_panics_and_never_returns_out_of_range(text in "\\PC{0,20}", currency in any_currency()) {
            if let Ok(minor) = parse_major(&text, currency) {
                prop_assert!((0..=MAX_MINOR_UNITS).contains(&minor));
            }
        }
    }
}
