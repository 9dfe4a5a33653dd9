//! The currencies Stripe accepts and how its API writes their amounts, after Stripe's
//! "Supported currencies" page (https://docs.stripe.com/currencies: the presentment list, the
//! zero-decimal and three-decimal sections and the special cases; stripe-api.md §11 keeps the
//! quotes).
//!
//! The CLI has a currency table of its own. This one is kept apart on purpose: the sandbox is
//! there to check the CLI, and a shared table would agree with itself when it is wrong.

/// Stripe's presentment currencies, in the order Stripe's own "Invalid currency" message lists
/// them: `usd` first, then alphabetical.
const PRESENTMENT: &str = "usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd \
     bwp byn bzd cad cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq \
     gyd hkd hnl htg huf idr ils inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl \
     mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron \
     rsd rub rwf sar sbd scr sek sgd shp sle sos srd szl thb tjs tnd top try ttd twd tzs uah ugx uyu uzs vnd vuv \
     wst xaf xcd xof xpf yer zar zmw";

/// "Zero-decimal currencies": the amount is the number of units ("to charge 500 JPY, provide an
/// amount value of 500"). Stripe's list, UGX included although a special case overrides it.
const ZERO_DECIMAL: [&str; 16] =
    ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

/// "Three-decimal currencies": thousandths, and "the least-significant (last) digit [must] be 0"
/// ("5.124 KWD must be rounded to 5120 or 5130").
const THREE_DECIMAL: [&str; 5] = ["bhd", "jod", "kwd", "omr", "tnd"];

/// The special cases ISK and UGX: whole units only, yet "for backwards compatibility" written
/// as two-decimal values whose decimals are always 00 ("to charge 5 ISK, provide an amount value
/// of 500"). For UGX this wins over its place on the zero-decimal list.
const WHOLE_UNITS_IN_HUNDREDTHS: [&str; 2] = ["isk", "ugx"];

/// How Stripe's API writes amounts in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct AmountRule {
    /// Powers of ten between one unit of the currency and the integer the API takes: 2 for USD
    /// (`1000` is 10.00 USD), 0 for JPY, 3 for KWD.
    pub exponent: u32,
    /// Every amount is a multiple of this: 10 for three-decimal currencies, 100 for ISK and UGX,
    /// 1 for the rest.
    pub step: i64,
}

/// The supported currency `code` names (case and surrounding spaces ignored), as Stripe writes
/// it: lowercase.
pub(crate) fn supported(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    all().find(|known| *known == code)
}

/// Every supported currency, in Stripe's order.
pub(crate) fn all() -> impl Iterator<Item = &'static str> {
    PRESENTMENT.split_ascii_whitespace()
}

/// "Minimum and maximum charge amounts" (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts,
/// the newest copy; stripe-api.md §11 keeps the table), in minor units. Currencies the table
/// does not list have no minimum here: Stripe converts their charges to the settlement
/// currency and applies that currency's minimum, which the sandbox does not emulate.
const MINIMUM_CHARGE: [(&str, i64); 31] = [
    ("aed", 200),
    ("ars", 50),
    ("aud", 50),
    ("brl", 50),
    ("cad", 50),
    ("chf", 50),
    ("cop", 50),
    ("czk", 1_500),
    ("dkk", 250),
    ("eur", 50),
    ("gbp", 30),
    ("hkd", 400),
    ("huf", 17_500),
    ("idr", 50),
    ("ils", 50),
    ("inr", 50),
    ("jpy", 50),
    ("krw", 50),
    ("mxn", 1_000),
    ("myr", 200),
    ("nok", 300),
    ("nzd", 50),
    ("php", 50),
    ("pln", 200),
    ("ron", 200),
    ("rub", 50),
    ("sek", 300),
    ("sgd", 50),
    ("thb", 1_000),
    ("usd", 50),
    ("zar", 50),
];

/// The smallest amount Stripe charges in `code`, in minor units, when its table lists one.
pub(crate) fn minimum_charge(code: &str) -> Option<i64> {
    MINIMUM_CHARGE.iter().find(|(known, _)| *known == code).map(|(_, minimum)| *minimum)
}

/// An amount as Stripe writes it in its minimum-charge message: the symbol, the amount in
/// units, the code (`$0.50 usd`, `¥50 jpy`, `€0.50 eur`, `175.00 Ft huf`, `$4.00 hkd`, all as
/// quoted from Stripe's answers in public code).
pub(crate) fn display_amount(code: &str, amount: i64) -> String {
    let exponent = amount_rule(code).map_or(2, |rule| rule.exponent);
    let divisor = 10_i64.pow(exponent);
    let units = if exponent == 0 {
        amount.to_string()
    } else {
        let width = usize::try_from(exponent).unwrap_or(2);
        format!("{}.{:0width$}", amount / divisor, (amount % divisor).abs())
    };
    let (before, after) = match code {
        "usd" | "hkd" | "aud" | "cad" | "nzd" | "sgd" => ("$", ""),
        "eur" => ("€", ""),
        "gbp" => ("£", ""),
        "jpy" => ("¥", ""),
        "huf" => ("", " Ft"),
        _ => ("", ""),
    };
    format!("{before}{units}{after} {code}")
}

/// The largest amount Stripe charges in `code`, in minor units: "The amount value supports up to
/// eight digits (e.g., a value of 99999999 for a USD charge of $999,999.99)" (API reference,
/// `payment_intent.amount`); IDR 12 digits, COP 10, INR 9
/// (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). Cards may go higher
/// in the newest docs; the sandbox keeps the limit every payment method takes.
pub(crate) fn maximum_charge(code: &str) -> i64 {
    match code {
        "idr" => 999_999_999_999,
        "cop" => 9_999_999_999,
        "inr" => 999_999_999,
        _ => 99_999_999,
    }
}

/// Stripe's refusal of an amount above [`maximum_charge`]: a 400 `invalid_request_error` with
/// code `amount_too_large` and "Amount must be no more than $999,999.99 usd" (Stripe's wording,
/// as captured in public code, with the amount written as in its minimum-charge message).
pub(crate) fn amount_too_large(code: &str, param: &str) -> super::errors::ApiError {
    let shown = display_amount(code, maximum_charge(code));
    // Group the whole units in thousands, as Stripe writes the limit.
    let digits_end = shown
        .find(|c: char| c.is_ascii_digit())
        .map_or(0, |start| start + shown[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(shown.len() - start));
    let digits_start = shown.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let whole = &shown[digits_start..digits_end];
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let shown = format!("{}{grouped}{}", &shown[..digits_start], &shown[digits_end..]);
    super::errors::ApiError::invalid(format!("Amount must be no more than {shown}"))
        .code("amount_too_large")
        .param(param)
}

/// How amounts in the supported currency `code` are written.
pub(crate) fn amount_rule(code: &str) -> Option<AmountRule> {
    let code = supported(code)?;
    let rule = if WHOLE_UNITS_IN_HUNDREDTHS.contains(&code) {
        AmountRule { exponent: 2, step: 100 }
    } else if ZERO_DECIMAL.contains(&code) {
        AmountRule { exponent: 0, step: 1 }
    } else if THREE_DECIMAL.contains(&code) {
        AmountRule { exponent: 3, step: 10 }
    } else {
        AmountRule { exponent: 2, step: 1 }
    };
    Some(rule)
}

#[cfg(test)]
mod tests {
    use super::{
        AmountRule, MINIMUM_CHARGE, THREE_DECIMAL, WHOLE_UNITS_IN_HUNDREDTHS, ZERO_DECIMAL, all, amount_rule,
        display_amount, minimum_charge, supported,
    };

    #[test]
    fn codes_are_matched_without_regard_to_case_and_spaces() {
        assert_eq!(supported("usd"), Some("usd"));
        assert_eq!(supported(" EUR "), Some("eur"));
        assert_eq!(supported("JpY"), Some("jpy"));
        for unknown in ["", "us", "usdd", "xyz", "btc"] {
            assert_eq!(supported(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn the_list_is_usd_then_alphabetical_without_repeats() {
        let codes: Vec<&str> = all().collect();
        assert_eq!(codes[0], "usd");
        assert!(codes[1..].windows(2).all(|pair| pair[0] < pair[1]), "sorted and unique after usd");
        assert!(!codes[1..].contains(&"usd"));
        assert!(codes.iter().all(|code| code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_lowercase())));
        // "You can charge customers in more than 135 currencies".
        assert!(codes.len() > 135, "{}", codes.len());
    }

    #[test]
    fn minimums_and_their_display_follow_stripe() {
        assert_eq!(minimum_charge("usd"), Some(50));
        assert_eq!(minimum_charge("jpy"), Some(50));
        assert_eq!(minimum_charge("gbp"), Some(30));
        assert_eq!(minimum_charge("xof"), None);
        assert!(MINIMUM_CHARGE.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted and unique");
        assert!(MINIMUM_CHARGE.iter().all(|(code, _)| supported(code) == Some(*code)));
        assert_eq!(display_amount("usd", 50), "$0.50 usd");
        assert_eq!(display_amount("eur", 50), "€0.50 eur");
        assert_eq!(display_amount("jpy", 50), "¥50 jpy");
        assert_eq!(display_amount("hkd", 400), "$4.00 hkd");
        assert_eq!(display_amount("huf", 17_500), "175.00 Ft huf");
        assert_eq!(display_amount("sek", 300), "3.00 sek");
    }

    #[test]
    fn every_special_list_names_supported_currencies() {
        for code in ZERO_DECIMAL.iter().chain(&THREE_DECIMAL).chain(&WHOLE_UNITS_IN_HUNDREDTHS) {
            assert_eq!(supported(code), Some(*code), "{code}");
        }
    }

    #[test]
    fn amounts_follow_stripes_currency_page() {
        let rule = |code| amount_rule(code).unwrap_or_else(|| panic!("{code} is supported"));
        // 1000 = 10.00 USD; "10 to charge 10 JPY".
        assert_eq!(rule("usd"), AmountRule { exponent: 2, step: 1 });
        assert_eq!(rule("eur"), AmountRule { exponent: 2, step: 1 });
        assert_eq!(rule("jpy"), AmountRule { exponent: 0, step: 1 });
        assert_eq!(rule("krw"), AmountRule { exponent: 0, step: 1 });
        assert_eq!(rule("xpf"), AmountRule { exponent: 0, step: 1 });
        // 5.124 KWD goes as 5120 or 5130.
        assert_eq!(rule("kwd"), AmountRule { exponent: 3, step: 10 });
        assert_eq!(rule("bhd"), AmountRule { exponent: 3, step: 10 });
        // 5 ISK goes as 500; UGX likewise, despite the zero-decimal list.
        assert_eq!(rule("isk"), AmountRule { exponent: 2, step: 100 });
        assert_eq!(rule("ugx"), AmountRule { exponent: 2, step: 100 });
        // HUF and TWD are zero-decimal only for payouts; charges keep two decimals.
        assert_eq!(rule("huf"), AmountRule { exponent: 2, step: 1 });
        assert_eq!(rule("twd"), AmountRule { exponent: 2, step: 1 });
        assert_eq!(amount_rule("xyz"), None);
    }
}
