//! Events as support reads them (`events list`, `payments show`): when, what type, which
//! object, and whether every webhook endpoint acknowledged it (`pending_webhooks`, the number
//! of endpoints that have not answered the event with a 2xx yet:
//! docs.stripe.com/api/events/object#event_object-pending_webhooks).

use anyhow::Result;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::escape::{csv_cell, shown};
use crate::listing::{self, Column};

/// One event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventRow {
    /// `evt_…`.
    pub id: String,
    /// Unix seconds.
    pub created: i64,
    /// `checkout.session.completed`, …
    #[serde(rename = "type")]
    pub event_type: String,
    /// The id of `data.object`, the object the event is about.
    pub object: Option<String>,
    /// Endpoints that have not acknowledged it yet.
    pub pending_webhooks: i64,
    /// Other objects `data.object` names (`payment_intent`, `invoice`, `subscription`,
    /// `customer`), which `--for` also matches.
    #[serde(skip)]
    pub mentions: Vec<String>,
}

impl EventRow {
    /// Whether the event is about `id`, or its object names `id`.
    #[must_use]
    pub fn concerns(&self, id: &str) -> bool {
        self.object.as_deref() == Some(id) || self.mentions.iter().any(|mentioned| mentioned == id)
    }

    /// `all acknowledged` or `N pending`.
    #[must_use]
    pub fn delivery(&self) -> String {
        match self.pending_webhooks {
            0 => "all acknowledged".to_string(),
            1 => "1 pending".to_string(),
            pending => format!("{pending} pending"),
        }
    }
}

fn created_text(created: i64, tz: &TimeZone) -> String {
    jiff::Timestamp::from_second(created)
        .map(|at| at.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| created.to_string())
}

fn created_rfc3339(created: i64) -> String {
    jiff::Timestamp::from_second(created).map(|at| at.to_string()).unwrap_or_else(|_| created.to_string())
}

/// The events as a table (for a terminal when `width` is `None`) with a count line.
#[must_use]
pub fn events_table(events: &[EventRow], tz: &TimeZone, width: Option<u16>) -> String {
    let rows = events
        .iter()
        .map(|event| {
            vec![
                created_text(event.created, tz),
                shown(&event.event_type).into_owned(),
                shown(event.object.as_deref().unwrap_or_default()).into_owned(),
                event.delivery(),
                shown(&event.id).into_owned(),
            ]
        })
        .collect();
    let header = [
        ("Created", Column::Whole),
        ("Type", Column::Whole),
        ("Object", Column::Whole),
        ("Webhooks", Column::Whole),
        ("ID", Column::Optional(0)),
    ];
    let (table, hidden) = listing::table(&header, rows, width);
    let pending = events.iter().filter(|event| event.pending_webhooks > 0).count();
    let mut text = match events.len() {
        0 => "No events".to_string(),
        1 => format!("{table}\n1 event"),
        count => format!("{table}\n{count} events"),
    };
    if pending > 0 {
        text.push_str(&format!(", {pending} not acknowledged by every endpoint yet"));
    }
    if let Some(hidden) = hidden {
        text.push('\n');
        text.push_str(&hidden);
    }
    text
}

/// The events of `payments show`, one line each.
#[must_use]
pub fn events_lines(events: &[EventRow], tz: &TimeZone) -> Vec<String> {
    events
        .iter()
        .map(|event| {
            format!(
                "    {} {} {} ({}) {}",
                created_text(event.created, tz),
                shown(&event.event_type),
                shown(event.object.as_deref().unwrap_or("?")),
                event.delivery(),
                shown(&event.id)
            )
        })
        .collect()
}

/// What JSON, NDJSON and CSV rows hold.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    created: String,
    #[serde(rename = "type")]
    event_type: &'a str,
    object: Option<&'a str>,
    pending_webhooks: i64,
    delivery: String,
}

impl<'a> Record<'a> {
    fn new(event: &'a EventRow) -> Record<'a> {
        Record {
            id: &event.id,
            created: created_rfc3339(event.created),
            event_type: &event.event_type,
            object: event.object.as_deref(),
            pending_webhooks: event.pending_webhooks,
            delivery: event.delivery(),
        }
    }
}

/// A JSON array.
///
/// # Errors
/// Only if JSON encoding fails.
pub fn events_json(events: &[EventRow]) -> Result<String> {
    Ok(serde_json::to_string_pretty(&events.iter().map(Record::new).collect::<Vec<_>>())?)
}

/// One JSON object per line.
///
/// # Errors
/// Only if JSON encoding fails.
pub fn events_ndjson(events: &[EventRow]) -> Result<String> {
    let lines = events.iter().map(|event| serde_json::to_string(&Record::new(event))).collect::<Result<Vec<_>, _>>()?;
    Ok(lines.join("\n"))
}

/// CSV with a header row.
///
/// # Errors
/// Only if CSV encoding fails.
pub fn events_csv(events: &[EventRow]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "created", "type", "object", "pending_webhooks", "delivery"])?;
    for event in events {
        let Record { id, created, event_type, object, pending_webhooks, delivery } = Record::new(event);
        writer.write_record([
            csv_cell(id).as_ref(),
            &created,
            csv_cell(event_type).as_ref(),
            csv_cell(object.unwrap_or_default()).as_ref(),
            &pending_webhooks.to_string(),
            &delivery,
        ])?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?.trim_end_matches('\n').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, kind: &str, object: &str, pending: i64) -> EventRow {
        EventRow {
            id: id.to_string(),
            created: 1_764_500_000,
            event_type: kind.to_string(),
            object: Some(object.to_string()),
            pending_webhooks: pending,
            mentions: vec!["pi_1".to_string()],
        }
    }

    #[test]
    fn rows_say_whether_every_endpoint_acknowledged() {
        let events =
            [event("evt_1", "checkout.session.completed", "cs_1", 0), event("evt_2", "invoice.paid", "in_1", 2)];
        let table = events_table(&events, &TimeZone::UTC, Some(200));
        assert!(table.contains("all acknowledged"), "{table}");
        assert!(table.contains("2 pending"), "{table}");
        assert!(table.ends_with("2 events, 1 not acknowledged by every endpoint yet"), "{table}");
        assert!(events[0].concerns("cs_1") && events[0].concerns("pi_1") && !events[0].concerns("in_1"));
        let csv = events_csv(&events).expect("csv");
        assert_eq!(
            csv.lines().nth(1),
            Some("evt_1,2025-11-30T10:53:20Z,checkout.session.completed,cs_1,0,all acknowledged")
        );
    }
}
