//! `payments list` and `payments show`: did the payment go through? Filters Stripe supports
//! are sent to Stripe; `--status` is applied here while paging.

use anyhow::Result;

use crate::error::Hinted;
use crate::exit_status::ExitStatus;
use crate::gateway::Gateway;
use crate::listing::RowLimit;
use crate::output::Printer;
use crate::payments::{self, Payment, StripeFilter};
use crate::settings::{GlobalSettings, OutputFormat, PaymentsListSettings};

pub(super) fn list(settings: PaymentsListSettings, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        let spinner = matches!(settings.limit, RowLimit::All).then(|| printer.spinner("Listing payments"));
        let filters: Vec<StripeFilter> = match &settings.email {
            Some(email) => {
                let customers = gateway.customers_by_email(email).await?;
                if customers.is_empty() {
                    printer.status(&format!("No customer has the email `{email}`"));
                }
                customers
                    .into_iter()
                    .map(|customer| StripeFilter { customer: Some(customer.id), ..settings.filter.clone() })
                    .collect()
            }
            None => vec![settings.filter.clone()],
        };
        let mut rows = Vec::new();
        for filter in &filters {
            rows.extend(
                collect(gateway, filter, &settings, |count| {
                    if let Some(spinner) = &spinner {
                        spinner.set_message(format!("Listing payments: {count} so far"));
                    }
                })
                .await?,
            );
        }
        if let Some(spinner) = spinner {
            spinner.finish_and_clear();
        }
        if filters.len() > 1 {
            payments::sort_newest_first(&mut rows);
            if let RowLimit::First(limit) = settings.limit {
                rows.truncate(limit);
            }
        }
        print_rows(&rows, &settings, printer)?;
        Ok(ExitStatus::Success)
    })
}

/// Pages through one Stripe filter until the limit is reached or Stripe has no more.
async fn collect(
    gateway: &Gateway,
    filter: &StripeFilter,
    settings: &PaymentsListSettings,
    progress: impl Fn(usize),
) -> Result<Vec<Payment>> {
    let filtered_here = !settings.statuses.is_empty();
    let page_size = settings.limit.page_size(filtered_here);
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = gateway.list_payments(filter, page_size, cursor.as_deref()).await?;
        rows.extend(
            page.payments
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

fn print_rows(rows: &[Payment], settings: &PaymentsListSettings, printer: &Printer) -> Result<()> {
    match printer.format() {
        OutputFormat::Text => printer.data(&payments::payments_table(rows, &settings.time_zone, None)),
        OutputFormat::Json => printer.data(&payments::payments_json(rows)?),
        OutputFormat::Csv => printer.data(&payments::payments_csv(rows)?),
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
        match printer.format() {
            OutputFormat::Json => printer.data(&payments::detail_json(&detail)?),
            _ => printer.data(&payments::detail_text(&detail, &time_zone)),
        }
        Ok(ExitStatus::Success)
    })
}
