//! `subscriptions list` and `subscriptions show`: who pays for what, in which status, and when it renews. Every filter
//! is Stripe's: `--price` names a lookup key, resolved to the ids of its prices (active and
//! archived); `--email` finds the customers with that email in any case first.

use anyhow::Result;

use crate::error::Hinted;
use crate::exit_status::ExitStatus;
use crate::gateway::Gateway;
use crate::listing::RowLimit;
use crate::output::Printer;
use crate::settings::{GlobalSettings, OutputFormat, SubscriptionsListSettings};
use crate::subscriptions::{self, Subscription, SubscriptionFilter};

pub(super) fn list(
    settings: SubscriptionsListSettings,
    global: &GlobalSettings,
    printer: &Printer,
) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        // `None` stands for "any price" / "any customer".
        let prices: Vec<Option<String>> = match &settings.price_key {
            Some(key) => {
                let ids = gateway.price_ids_with_lookup_key(key).await?;
                if ids.is_empty() {
                    anyhow::bail!(Hinted::new(
                        format!("no price has the lookup key `{key}`"),
                        "lookup keys are the catalog's price keys; `stripe-catalog plan` shows what Stripe has"
                    ));
                }
                ids.into_iter().map(Some).collect()
            }
            None => vec![None],
        };
        let customers: Vec<Option<String>> = match &settings.email {
            Some(email) => {
                let lookup = gateway.customers_with_email(email).await?;
                if lookup.customers.is_empty() {
                    printer.status(&format!("No customer has the email `{email}` in any case"));
                }
                lookup.customers.into_iter().map(|customer| Some(customer.id)).collect()
            }
            None => vec![None],
        };
        let mut rows: Vec<Subscription> = Vec::new();
        for customer in &customers {
            for price in &prices {
                let filter =
                    SubscriptionFilter { customer: customer.clone(), price: price.clone(), status: settings.status };
                for subscription in collect(gateway, &filter, settings.limit).await? {
                    // A subscription to two prices with the key is listed once.
                    if !rows.iter().any(|row| row.id == subscription.id) {
                        rows.push(subscription);
                    }
                }
            }
        }
        subscriptions::sort_newest_first(&mut rows);
        if let RowLimit::First(limit) = settings.limit {
            rows.truncate(limit);
        }
        match printer.format() {
            OutputFormat::Text => printer.data(&subscriptions::subscriptions_table(&rows, &settings.time_zone, None)),
            OutputFormat::Json => printer.data(&subscriptions::subscriptions_json(&rows)?),
            OutputFormat::Csv => printer.data(&subscriptions::subscriptions_csv(&rows)?),
            OutputFormat::Ndjson => {
                if !rows.is_empty() {
                    printer.data(&subscriptions::subscriptions_ndjson(&rows)?);
                }
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// Pages through one listing until the limit is reached or Stripe has no more.
async fn collect(gateway: &Gateway, filter: &SubscriptionFilter, limit: RowLimit) -> Result<Vec<Subscription>> {
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = gateway.list_subscriptions(filter, limit.page_size(false), cursor.as_deref()).await?;
        rows.extend(page.rows);
        if limit.is_reached(rows.len()) {
            return Ok(rows);
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(rows),
        }
    }
}

pub(super) fn show(id: &str, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    let time_zone = jiff::tz::TimeZone::system();
    super::with_stripe(global, printer, async |stripe| {
        let Some(detail) = stripe.gateway.subscription(id).await? else {
            anyhow::bail!(Hinted::new(
                format!("Stripe has no subscription `{id}`"),
                "`stripe-catalog subscriptions list --status all` shows subscriptions and their ids"
            ));
        };
        match printer.format() {
            OutputFormat::Json => printer.data(&subscriptions::detail_json(&detail)?),
            _ => printer.data(&subscriptions::detail_text(&detail, &time_zone)),
        }
        Ok(ExitStatus::Success)
    })
}
