//! `events list`: which events happened, about what, and did every webhook endpoint
//! acknowledge them? `--type` and `--since` are Stripe's filters; `--for` is applied here while
//! paging, and stderr says so.

use anyhow::Result;

use crate::exit_status::ExitStatus;
use crate::listing::RowLimit;
use crate::output::Printer;
use crate::settings::{EventsListSettings, GlobalSettings, OutputFormat};
use crate::webhooks::events::{self, EventRow};

pub(super) fn list(settings: EventsListSettings, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        let filtered_here = settings.about.is_some();
        if let Some(about) = &settings.about {
            printer.status(&format!(
                "Stripe cannot filter events by object: paging through {} and keeping those about `{}`",
                if settings.event_type.is_some() || settings.created_gte.is_some() {
                    "the events that match the other filters"
                } else {
                    "the account's events (30 days)"
                },
                crate::escape::shown(about)
            ));
        }
        let spinner = matches!(settings.limit, RowLimit::All).then(|| printer.spinner("Listing events"));
        let mut rows: Vec<EventRow> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages: usize = 0;
        loop {
            let page = gateway
                .list_events(
                    settings.event_type.as_deref(),
                    settings.created_gte,
                    settings.limit.page_size(filtered_here),
                    cursor.as_deref(),
                )
                .await?;
            pages += 1;
            rows.extend(
                page.rows.into_iter().filter(|event| settings.about.as_deref().is_none_or(|id| event.concerns(id))),
            );
            if let Some(spinner) = &spinner {
                spinner.set_message(format!("Listing events: {} so far", rows.len()));
            }
            if settings.limit.is_reached(rows.len()) {
                break;
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        if let Some(spinner) = spinner {
            spinner.finish_and_clear();
        }
        if let RowLimit::First(limit) = settings.limit {
            rows.truncate(limit);
        }
        if filtered_here {
            printer.status(&format!(
                "{} matched after reading {} of events",
                rows.len(),
                crate::words::plural(pages, "page", "pages")
            ));
        }
        match printer.format() {
            OutputFormat::Text => printer.data(&events::events_table(&rows, &settings.time_zone, None)),
            OutputFormat::Json => printer.data(&events::events_json(&rows)?),
            OutputFormat::Csv => printer.data(&events::events_csv(&rows)?),
            OutputFormat::Ndjson => {
                if !rows.is_empty() {
                    printer.data(&events::events_ndjson(&rows)?);
                }
            }
        }
        Ok(ExitStatus::Success)
    })
}
