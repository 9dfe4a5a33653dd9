//! `payments list` and `payments show`: did the payment go through? Filters Stripe supports
//! are sent to Stripe; `--status` is applied here while paging. `--email` finds customers'
//! payments and guest checkouts' alike, and says how each matched.

use anyhow::Result;

use crate::error::Hinted;
use crate::exit_status::ExitStatus;
use crate::gateway::{Gateway, GatewayError};
use crate::listing::Page;
use crate::listing::RowLimit;
use crate::output::Printer;
use crate::payments::{self, EmailMatch, MatchedBy, Payment, StripeFilter};
use crate::settings::{GlobalSettings, OutputFormat, PaymentsListSettings};
use crate::webhooks::events::{self, EventRow};

pub(super) fn list(settings: PaymentsListSettings, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        let spinner = matches!(settings.limit, RowLimit::All).then(|| printer.spinner("Listing payments"));
        let progress = |count: usize| {
            if let Some(spinner) = &spinner {
                spinner.set_message(format!("Listing payments: {count} so far"));
            }
        };
        let (rows, matched) = match &settings.email {
            Some(email) => {
                let (rows, matched) = by_email(gateway, email, &settings, printer, &progress).await?;
                (rows, Some(matched))
            }
            None => {
                let filter = &settings.filter;
                let rows = collect(&settings, &progress, async |cursor| {
                    gateway.list_payments(filter, settings.limit.page_size(!settings.statuses.is_empty()), cursor).await
                })
                .await?;
                (rows, None)
            }
        };
        if let Some(spinner) = spinner {
            spinner.finish_and_clear();
        }
        print_rows(&rows, matched.as_ref(), &settings.time_zone, printer)?;
        Ok(ExitStatus::Success)
    })
}

/// `--email`: the payments of every customer with that email in any case (case variants of one
/// address are one person to support), then those of Checkout Sessions where it was typed (a
/// guest checkout creates no Customer: <https://docs.stripe.com/payments/checkout/guest-customers>),
/// each payment once, newest first.
///
/// Requests: the customer search and the exact-email list (one each), one payment list per
/// customer, and one session list per spelling of the address (as typed, in lower case, and as
/// each customer has it), each a page at a time: Stripe's session filter is an exact match.
async fn by_email(
    gateway: &Gateway,
    email: &str,
    settings: &PaymentsListSettings,
    printer: &Printer,
    progress: &impl Fn(usize),
) -> Result<(Vec<Payment>, EmailMatch)> {
    let lookup = gateway.customers_with_email(email).await?;
    if let Some(refused) = &lookup.search_refused {
        // Stripe's message, shown escaped.
        let refused = crate::escape::shown(refused);
        printer.warn(&format!("customer search is not available ({refused}); customers are matched by exact email"));
    }
    if lookup.customers.is_empty() {
        printer.status(&format!("No customer has the email `{email}` in any case"));
    }
    let page_size = settings.limit.page_size(!settings.statuses.is_empty());
    let mut rows: Vec<Payment> = Vec::new();
    for customer in &lookup.customers {
        let filter = StripeFilter { customer: Some(customer.id.clone()), ..settings.filter.clone() };
        let found = collect(settings, progress, async |cursor| gateway.list_payments(&filter, page_size, cursor).await);
        rows.extend(
            found.await?.into_iter().map(|payment| Payment { matched_by: Some(MatchedBy::Customer), ..payment }),
        );
    }
    for spelling in payments::email_spellings(email, &lookup.customers) {
        let found = collect(settings, progress, async |cursor| {
            gateway.checkout_payments_by_email(&spelling, &settings.filter, page_size, cursor).await
        });
        for payment in found.await? {
            // A customer's payment made through a session is listed once, as the customer's.
            if !rows.iter().any(|row| row.id == payment.id) {
                rows.push(payment);
            }
        }
    }
    payments::sort_newest_first(&mut rows);
    if let RowLimit::First(limit) = settings.limit {
        rows.truncate(limit);
    }
    if rows.is_empty() && lookup.customers.is_empty() {
        // Stripe filters Checkout Sessions by the exact email: a guest who typed
        // `Jane.Doe@Example.com` is not found under `jane.doe@example.com`.
        printer.hint(&format!(
            "a guest checkout (no Customer) is found only by the email exactly as typed at checkout; \
             `{email}` was tried as given and in lower case: try the customer's own spelling"
        ));
    }
    Ok((rows, EmailMatch { email: email.to_string(), customers: lookup.customers }))
}

/// Pages through one listing (`page` fetches the page after a cursor) until the limit is
/// reached or Stripe has no more, keeping the payments in `--status`.
async fn collect(
    settings: &PaymentsListSettings,
    progress: &impl Fn(usize),
    page: impl AsyncFn(Option<&str>) -> Result<Page<Payment>, GatewayError>,
) -> Result<Vec<Payment>> {
    let filtered_here = !settings.statuses.is_empty();
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = page(cursor.as_deref()).await?;
        rows.extend(
            page.rows
                .into_iter()
                .filter(|payment| !filtered_here || settings.statuses.contains(&payment.status.as_str())),
        );
        progress(rows.len());
        if let RowLimit::First(limit) = settings.limit
            && rows.len() >= limit
        {
            rows.truncate(limit);
            return Ok(rows);
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(rows),
        }
    }
}

fn print_rows(
    rows: &[Payment],
    matched: Option<&EmailMatch>,
    time_zone: &jiff::tz::TimeZone,
    printer: &Printer,
) -> Result<()> {
    match printer.format() {
        OutputFormat::Text => {
            let mut text = payments::payments_table(rows, time_zone, None);
            if let Some(matched) = matched.filter(|_| !rows.is_empty()) {
                text.push('\n');
                text.push_str(&payments::email_match_footer(rows, matched));
            }
            printer.data(&text);
        }
        OutputFormat::Json => printer.data(&payments::payments_json(rows)?),
        OutputFormat::Csv => printer.data(&payments::payments_csv(rows, matched.is_some())?),
        OutputFormat::Ndjson => {
            if !rows.is_empty() {
                printer.data(&payments::payments_ndjson(rows)?);
            }
        }
    }
    Ok(())
}

pub(super) fn show(id: &str, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    let time_zone = jiff::tz::TimeZone::system();
    super::with_stripe(global, printer, async |stripe| {
        let Some(detail) = stripe.gateway.payment(id).await? else {
            return Err(Hinted::new(
                format!("Stripe has no payment `{id}`"),
                "`stripe-catalog payments list` shows recent payments and their ids",
            )
            .into());
        };
        let (events, complete) = events_about(&stripe.gateway, &detail).await?;
        match printer.format() {
            OutputFormat::Json => {
                let mut value: serde_json::Value = serde_json::from_str(&payments::detail_json(&detail)?)?;
                if let Some(object) = value.as_object_mut() {
                    object.insert("events".to_string(), serde_json::from_str(&events::events_json(&events)?)?);
                }
                printer.data(&serde_json::to_string_pretty(&value)?);
            }
            _ => {
                let mut text = payments::detail_text(&detail, &time_zone);
                text.push_str(&events_text(&events, complete, &time_zone));
                printer.data(&text);
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// Pages of events read for `payments show` at most: a payment's events come within seconds
/// of it, so the first page nearly always has them all; a busy account is told to use
/// `events list --for`.
const EVENT_PAGES: usize = 2;

/// The events about the payment, its Checkout Session and its invoice, oldest first, and
/// whether the search read every event since the payment (Stripe cannot filter by object).
/// One request for most payments: `created[gte]` a little before the payment, 100 a page.
async fn events_about(gateway: &Gateway, detail: &payments::PaymentDetail) -> Result<(Vec<EventRow>, bool)> {
    let ids: Vec<&str> =
        [Some(detail.payment.id.as_str()), detail.checkout_session.as_deref(), detail.invoice.as_deref()]
            .into_iter()
            .flatten()
            .collect();
    // A subscription's invoice is created (and its events sent) just before its payment.
    let since = detail.payment.created - 300;
    let mut found: Vec<EventRow> = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..EVENT_PAGES {
        let page = gateway.list_events(None, Some(since), 100, cursor.as_deref()).await?;
        found.extend(page.rows.into_iter().filter(|event| ids.iter().any(|id| event.object.as_deref() == Some(*id))));
        match page.next {
            Some(next) => cursor = Some(next),
            None => {
                found.reverse();
                return Ok((found, true));
            }
        }
    }
    found.reverse();
    Ok((found, false))
}

fn events_text(found: &[EventRow], complete: bool, time_zone: &jiff::tz::TimeZone) -> String {
    let mut lines = Vec::new();
    if found.is_empty() {
        lines.push("  Events            none found".to_string());
    } else {
        let pending = found.iter().filter(|event| event.pending_webhooks > 0).count();
        let state = if pending == 0 {
            "every webhook endpoint acknowledged them".to_string()
        } else {
            format!("{pending} not acknowledged by every endpoint yet")
        };
        lines.push(format!("  Events            {} ({state})", found.len()));
        lines.extend(events::events_lines(found, time_zone));
    }
    if !complete {
        lines.push(format!(
            "    (only the first {} events since the payment were read; `events list --for ID --all` reads them all)",
            EVENT_PAGES * 100
        ));
    }
    format!("\n{}", lines.join("\n"))
}
