//! The API version the sandbox emulates, and the check of the `Stripe-Version` header.
//!
//! stripe-catalog's Stripe library (async-stripe) pins `2026-09-30.endive`, so that is the
//! version the sandbox answers in: object shapes, defaults, refusals and the `api_version` of its
//! events (stripe-api.md §1.2, §8). A header naming another well-formed version is accepted and
//! echoed, but the answers stay in this one.
//!
//! A header that is not a version Stripe could have released is refused as Stripe refuses it:
//! 400 `invalid_request_error`, "Invalid Stripe API version: 2019-2-19" (Stripe's answer, quoted
//! in stripe/stripe-java#682). Versions are dates, `YYYY-MM-DD`, and since `2024-09-30.acacia`
//! a date and a release name (https://docs.stripe.com/api-versions).

use axum::http::HeaderMap;

use super::errors::ApiError;

/// The API version the sandbox emulates.
pub(crate) const EMULATED: &str = "2026-09-30.endive";

/// Refuses a `Stripe-Version` header that is not `YYYY-MM-DD` or `YYYY-MM-DD.name` with a real
/// calendar date; no header is fine (the account's default version applies).
pub(crate) fn check(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get("stripe-version") else { return Ok(()) };
    let text = String::from_utf8_lossy(value.as_bytes());
    if well_formed(text.trim()) {
        return Ok(());
    }
    Err(ApiError::invalid(format!("Invalid Stripe API version: {}", text.trim())))
}

fn well_formed(version: &str) -> bool {
    let (date, name) = match version.split_once('.') {
        Some((date, name)) => (date, Some(name)),
        None => (version, None),
    };
    let name_ok = name.is_none_or(|name| !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_lowercase()));
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts.as_slice() else { return false };
    let digits = |part: &str, width: usize| part.len() == width && part.bytes().all(|byte| byte.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i16>(), month.parse::<i8>(), day.parse::<i8>()) else {
        return false;
    };
    name_ok && jiff::civil::Date::new(year, month, day).is_ok()
}

#[cfg(test)]
mod tests {
    use super::{EMULATED, well_formed};

    #[test]
    fn versions_are_dates_with_an_optional_release_name() {
        for good in [EMULATED, "2023-08-16", "2024-09-30.acacia", "2026-07-29.dahlia", "2020-02-29"] {
            assert!(well_formed(good), "{good}");
        }
        for bad in [
            "bogus-version",
            "2026-13-45",
            "2019-2-19",
            "2021-02-29",
            "2026-09-30.",
            "2026-09-30.Endive",
            "2026-09-30.endive.1",
            "",
            "latest",
            "20260930",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
