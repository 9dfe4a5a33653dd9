//! Times as support people write and read them: `--since 7d` or `--since 2026-11-01` in,
//! `2026-11-27 14:05` (local time) out. Stripe speaks Unix seconds; conversions happen here.

use std::str::FromStr;

use anyhow::{Result, bail};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

use crate::error::Hinted;

/// Which end of a range a time bounds: a bare date means the start of that day for `Since` and
/// the end of it (the next midnight) for `Until`, so `--since D --until D` is the whole day D.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Since,
    Until,
}

/// Parses `--since`/`--until`: a span back from `now` (`7d`, `12h`, `2w`, `1d12h`), a local date
/// (`2026-11-01`) or an RFC 3339 time (`2026-11-01T09:00:00Z`).
///
/// # Errors
/// When the text is none of those.
pub fn parse_when(text: &str, bound: Bound, now: Timestamp, tz: &TimeZone) -> Result<Timestamp> {
    let flag = match bound {
        Bound::Since => "--since",
        Bound::Until => "--until",
    };
    let text = text.trim();
    if let Ok(instant) = Timestamp::from_str(text) {
        return Ok(instant);
    }
    if let Ok(date) = Date::from_str(text) {
        let day = match bound {
            Bound::Since => Ok(date),
            Bound::Until => date.tomorrow(),
        };
        return day
            .and_then(|day| day.to_zoned_datetime(tz.clone()))
            .map(|zoned| zoned.timestamp())
            .map_err(|err| anyhow::anyhow!("`{flag} {text}`: {err}"));
    }
    if let Ok(span) = Span::from_str(text) {
        if span.is_negative() {
            bail!("`{flag} {text}` is negative; give how long ago, e.g. `7d`");
        }
        // Calendar units (days, weeks) need a time zone: a day back across a DST change is 23
        // or 25 hours.
        return now
            .to_zoned_datetime(tz.clone())
            .checked_sub(span)
            .map(|zoned| zoned.timestamp())
            .map_err(|err| anyhow::anyhow!("`{flag} {text}` reaches too far back: {err}"));
    }
    bail!(Hinted::new(
        format!("`{flag} {text}` is not a time"),
        "give a span back from now (`7d`, `12h`), a date (`2026-11-01`) or a time (`2026-11-01T09:00:00Z`)"
    ))
}

/// Unix seconds as local date and time to the minute, e.g. `2026-11-27 14:05`.
#[must_use]
pub fn local_minutes(unix_seconds: i64, tz: &TimeZone) -> String {
    match Timestamp::from_second(unix_seconds) {
        Ok(instant) => instant.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => unix_seconds.to_string(),
    }
}

/// Unix seconds as RFC 3339 UTC, e.g. `2026-11-27T13:05:00Z`: the form scripts get.
#[must_use]
pub fn rfc3339_utc(unix_seconds: i64) -> String {
    match Timestamp::from_second(unix_seconds) {
        Ok(instant) => instant.to_string(),
        Err(_) => unix_seconds.to_string(),
    }
}

/// How far ahead `unix_seconds` is from `now`, roughly: `in 2h`, `in 45m`, `in 1h 30m`, or `ago`.
#[must_use]
pub fn relative(unix_seconds: i64, now: Timestamp) -> String {
    let seconds = unix_seconds.saturating_sub(now.as_second());
    let minutes = (seconds.unsigned_abs() + 30) / 60;
    let (hours, minutes) = (minutes / 60, minutes % 60);
    let words = match (hours, minutes) {
        (0, minutes) => format!("{minutes}m"),
        (hours, 0) => format!("{hours}h"),
        (hours, minutes) => format!("{hours}h {minutes}m"),
    };
    if seconds >= 0 { format!("in {words}") } else { format!("{words} ago") }
}

/// `now + duration` in Unix seconds.
#[must_use]
pub fn after(now: Timestamp, duration: SignedDuration) -> i64 {
    now.as_second().saturating_add(duration.as_secs())
}

/// `unix_seconds` plus `months` calendar months in UTC, the day clamped to the month's length
/// (Jan 31 + 1 month is Feb 28 or 29), as Stripe counts billing periods; `None` past year 9999.
#[must_use]
pub fn add_months_utc(unix_seconds: i64, months: u32) -> Option<i64> {
    let start = Timestamp::from_second(unix_seconds).ok()?.to_zoned_datetime(TimeZone::UTC);
    let end = start.checked_add(jiff::Span::new().try_months(i64::from(months)).ok()?).ok()?;
    Some(end.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_calendar_months_clamped_to_the_month_length() {
        // 2027-01-31T12:00:00Z + 1 month = 2027-02-28T12:00:00Z; + 2 = 2027-03-31T12:00:00Z
        let jan31 = 1_801_396_800;
        assert_eq!(super::rfc3339_utc(super::add_months_utc(jan31, 1).unwrap()), "2027-02-28T12:00:00Z");
        assert_eq!(super::rfc3339_utc(super::add_months_utc(jan31, 2).unwrap()), "2027-03-31T12:00:00Z");
    }

    use super::*;

    fn utc() -> TimeZone {
        TimeZone::UTC
    }

    fn now() -> Timestamp {
        Timestamp::from_str("2026-11-27T12:00:00Z").unwrap()
    }

    #[test]
    fn spans_count_back_from_now() {
        assert_eq!(parse_when("7d", Bound::Since, now(), &utc()).unwrap().to_string(), "2026-11-20T12:00:00Z");
        assert_eq!(parse_when("12h", Bound::Since, now(), &utc()).unwrap().to_string(), "2026-11-27T00:00:00Z");
        assert_eq!(parse_when("1w", Bound::Until, now(), &utc()).unwrap().to_string(), "2026-11-20T12:00:00Z");
    }

    #[test]
    fn dates_cover_whole_local_days() {
        let paris = TimeZone::get("Europe/Paris").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)));
        assert_eq!(parse_when("2026-11-01", Bound::Since, now(), &paris).unwrap().to_string(), "2026-10-31T23:00:00Z");
        assert_eq!(parse_when("2026-11-01", Bound::Until, now(), &paris).unwrap().to_string(), "2026-11-01T23:00:00Z");
        assert_eq!(
            parse_when("2026-11-01T09:30:00Z", Bound::Since, now(), &paris).unwrap().to_string(),
            "2026-11-01T09:30:00Z"
        );
    }

    #[test]
    fn nonsense_and_negative_spans_are_refused() {
        for bad in ["yesterday", "", "-7d", "2026-13-01"] {
            assert!(parse_when(bad, Bound::Since, now(), &utc()).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn formatting() {
        let noon = now().as_second();
        assert_eq!(local_minutes(noon, &utc()), "2026-11-27 12:00");
        assert_eq!(rfc3339_utc(noon), "2026-11-27T12:00:00Z");
        assert_eq!(relative(noon + 7200, now()), "in 2h");
        assert_eq!(relative(noon + 5400, now()), "in 1h 30m");
        assert_eq!(relative(noon - 120, now()), "2m ago");
    }
}
