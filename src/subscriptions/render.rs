//! Subscriptions for people (a table with local times and money amounts) and for scripts (CSV,
//! JSON, NDJSON with stable field names, raw minor units plus the currency).

use anyhow::{Context, Result};
use jiff::tz::TimeZone;
use serde::Serialize;

use super::{InvoiceSummary, Subscription, SubscriptionDetail, SubscriptionItem, money};
use crate::escape::{csv_cell, shown};
use crate::listing::{self, Column};
use crate::when::{local_minutes, rfc3339_utc};

/// One subscription as scripts get it. The field names are a contract: add, never rename.
#[derive(Debug, Serialize)]
struct SubscriptionRecord<'a> {
    id: &'a str,
    /// RFC 3339, UTC.
    created: String,
    status: &'a str,
    customer: Option<&'a str>,
    email: Option<&'a str>,
    items: &'a [SubscriptionItem],
    /// RFC 3339, UTC.
    current_period_start: Option<String>,
    current_period_end: Option<String>,
    cancel_at_period_end: bool,
    latest_invoice: Option<&'a str>,
}

impl<'a> SubscriptionRecord<'a> {
    fn new(subscription: &'a Subscription) -> Self {
        let period = subscription.current_period();
        SubscriptionRecord {
            id: &subscription.id,
            created: rfc3339_utc(subscription.created),
            status: &subscription.status,
            customer: subscription.customer.as_deref(),
            email: subscription.email.as_deref(),
            items: &subscription.items,
            current_period_start: period.map(|(start, _)| rfc3339_utc(start)),
            current_period_end: period.map(|(_, end)| rfc3339_utc(end)),
            cancel_at_period_end: subscription.cancel_at_period_end,
            latest_invoice: subscription.latest_invoice.as_deref(),
        }
    }
}

/// The items in one line: `pro-monthly $29.00 USD/month + 3 × seats $10.00 USD/month`.
fn items_text(subscription: &Subscription) -> String {
    subscription.items.iter().map(SubscriptionItem::describe).collect::<Vec<_>>().join(" + ")
}

/// The table of subscriptions with a count under it. The table fits the terminal when stdout
/// is one.
#[must_use]
pub fn subscriptions_table(subscriptions: &[Subscription], tz: &TimeZone, width: Option<u16>) -> String {
    let rows = subscriptions
        .iter()
        .map(|subscription| {
            // Emails, ids and lookup keys are text from Stripe.
            let text = |value: &Option<String>| shown(value.as_deref().unwrap_or_default()).into_owned();
            let period_end = subscription.current_period().map(|(_, end)| local_minutes(end, tz)).unwrap_or_default();
            let cancels = if subscription.cancel_at_period_end { "yes" } else { "" };
            vec![
                shown(&subscription.id).into_owned(),
                text(&subscription.customer),
                text(&subscription.email),
                shown(&subscription.status).into_owned(),
                period_end,
                cancels.to_string(),
                shown(&items_text(subscription)).into_owned(),
            ]
        })
        .collect();
    let header = [
        ("ID", Column::Whole),
        ("Customer", Column::Optional(0)),
        ("Email", Column::Optional(1)),
        ("Status", Column::Whole),
        ("Period end", Column::Whole),
        ("Cancels", Column::Whole),
        ("Items", Column::FreeText),
    ];
    let (table, hidden) = listing::table(&header, rows, width);
    let count = match subscriptions.len() {
        0 => "No subscriptions".to_string(),
        1 => "1 subscription".to_string(),
        many => format!("{many} subscriptions"),
    };
    match (subscriptions.is_empty(), hidden) {
        (true, _) => count,
        (false, Some(hidden)) => format!("{table}\n{count}\n{hidden}"),
        (false, None) => format!("{table}\n{count}"),
    }
}

/// Why [`Subscription::next_amount`] is `None`: an item's price has no unit amount (tiered,
/// say), or the sum is beyond any amount (unit amount × quantity overflows a 64-bit integer,
/// far above what Stripe charges).
fn unknown_amount(subscription: &Subscription) -> &'static str {
    if subscription.items.is_empty() {
        "no items"
    } else if subscription.items.iter().any(|item| item.unit_amount.is_none()) {
        "an item's price has no unit amount"
    } else {
        "the items' sum is too large to compute"
    }
}

/// CSV with a header row, one subscription a row; `items` is `KEY×QUANTITY` (the price id when
/// it has no lookup key) joined by `;`, and `amount` the items' sum in minor units, or, when
/// it cannot be given, `unknown: ` and why ([`unknown_amount`]): an empty cell read as "no
/// amount" once hid an overflowed sum.
///
/// # Errors
/// Only if CSV encoding fails, which it does not for these fields.
pub fn subscriptions_csv(subscriptions: &[Subscription]) -> Result<String> {
    const COLUMNS: [&str; 12] = [
        "id",
        "created",
        "status",
        "customer",
        "email",
        "items",
        "amount",
        "currency",
        "current_period_start",
        "current_period_end",
        "cancel_at_period_end",
        "latest_invoice",
    ];
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for subscription in subscriptions {
        let SubscriptionRecord {
            id,
            created,
            status,
            customer,
            email,
            items,
            current_period_start,
            current_period_end,
            cancel_at_period_end,
            latest_invoice,
        } = SubscriptionRecord::new(subscription);
        let items = items
            .iter()
            .map(|item| format!("{}×{}", item.lookup_key.as_deref().unwrap_or(&item.price), item.quantity))
            .collect::<Vec<_>>()
            .join(";");
        let next = subscription.next_amount();
        let amount = next
            .as_ref()
            .map_or_else(|| format!("unknown: {}", unknown_amount(subscription)), |(amount, _)| amount.to_string());
        let currency = next
            .map(|(_, currency)| currency)
            .or_else(|| subscription.items.first().map(|item| item.currency.clone()))
            .unwrap_or_default();
        let cells = [
            id,
            &created,
            status,
            customer.unwrap_or_default(),
            email.unwrap_or_default(),
            &items,
            &amount,
            &currency,
            &current_period_start.unwrap_or_default(),
            &current_period_end.unwrap_or_default(),
            if cancel_at_period_end { "true" } else { "false" },
            latest_invoice.unwrap_or_default(),
        ];
        // Emails and lookup keys could read as formulas in a spreadsheet: defused.
        writer.write_record(cells.iter().map(|cell| csv_cell(cell).into_owned()))?;
    }
    let bytes = writer.into_inner().context("could not finish the CSV output")?;
    Ok(String::from_utf8_lossy(&bytes).trim_end().to_string())
}

/// One JSON array.
///
/// # Errors
/// Only if serialization fails.
pub fn subscriptions_json(subscriptions: &[Subscription]) -> Result<String> {
    let records: Vec<SubscriptionRecord<'_>> = subscriptions.iter().map(SubscriptionRecord::new).collect();
    Ok(serde_json::to_string_pretty(&records)?)
}

/// One JSON object a line.
///
/// # Errors
/// Only if serialization fails.
pub fn subscriptions_ndjson(subscriptions: &[Subscription]) -> Result<String> {
    let lines: Result<Vec<String>, _> = subscriptions
        .iter()
        .map(|subscription| serde_json::to_string(&SubscriptionRecord::new(subscription)))
        .collect();
    Ok(lines?.join("\n"))
}

/// `subscriptions show` for people.
#[must_use]
pub fn detail_text(detail: &SubscriptionDetail, tz: &TimeZone) -> String {
    let SubscriptionDetail { subscription, latest_invoice } = detail;
    let Subscription { id, created, status, customer, email, items, cancel_at_period_end, latest_invoice: _ } =
        subscription;
    let mut lines = vec![format!("Subscription {id}")];
    let mut field = |label: &str, value: String| lines.push(format!("  {label:<22}{value}"));
    field("Status", status.clone());
    field("Created", local_minutes(*created, tz));
    let who = match (customer, email) {
        (Some(customer), Some(email)) => format!("{customer} ({email})"),
        (Some(customer), None) => customer.clone(),
        (None, _) => "none".to_string(),
    };
    field("Customer", who);
    if let Some((start, end)) = subscription.current_period() {
        field("Current period", format!("{} to {}", local_minutes(start, tz), local_minutes(end, tz)));
    }
    field("Cancel at period end", if *cancel_at_period_end { "yes: it ends with this period" } else { "no" }.into());
    let ended = matches!(status.as_str(), "canceled" | "incomplete_expired");
    let next = match (ended || *cancel_at_period_end, subscription.next_amount()) {
        (true, _) => "none: the subscription ends".to_string(),
        (false, Some((amount, currency))) => {
            let on = subscription.current_period().map(|(_, end)| format!(" on {}", local_minutes(end, tz)));
            format!(
                "{}{} (estimate: items × quantity, without prorations, discounts or taxes)",
                money(amount, &currency),
                on.unwrap_or_default()
            )
        }
        (false, None) => format!("unknown ({})", unknown_amount(subscription)),
    };
    field("Next invoice", next);
    let latest = match latest_invoice {
        Some(InvoiceSummary { id, status, number, amount_due, amount_paid: _, currency }) => {
            let number = number.as_deref().map(|number| format!(" ({number})")).unwrap_or_default();
            format!("{id}{number}: {status}, {}", money(*amount_due, currency))
        }
        None => "none".to_string(),
    };
    field("Latest invoice", latest);
    field("Items", String::new());
    for item in items {
        lines.push(format!("    {} ({})", item.describe(), item.id));
    }
    // Every line is escaped whole: emails, lookup keys and ids come from Stripe.
    lines.iter().map(|line| shown(line.trim_end()).into_owned()).collect::<Vec<_>>().join("\n")
}

/// `subscriptions show` for scripts: the list record plus the estimate and the latest invoice.
///
/// # Errors
/// Only if serialization fails.
pub fn detail_json(detail: &SubscriptionDetail) -> Result<String> {
    #[derive(Serialize)]
    struct Detail<'a> {
        #[serde(flatten)]
        record: SubscriptionRecord<'a>,
        /// Items × quantity, without prorations, discounts or taxes.
        next_invoice_estimate: Option<i64>,
        latest_invoice_detail: Option<&'a InvoiceSummary>,
    }
    let record = SubscriptionRecord::new(&detail.subscription);
    let next_invoice_estimate = detail.subscription.next_amount().map(|(amount, _)| amount);
    let detail = Detail { record, next_invoice_estimate, latest_invoice_detail: detail.latest_invoice.as_ref() };
    Ok(serde_json::to_string_pretty(&detail)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subscriptions::SubscriptionItem;

    fn subscription(unit_amount: Option<i64>, quantity: u64) -> Subscription {
        Subscription {
            id: "sub_1".into(),
            created: 0,
            status: "active".into(),
            customer: None,
            email: None,
            items: vec![SubscriptionItem {
                id: "si_1".into(),
                price: "price_1".into(),
                lookup_key: Some("pro-monthly".into()),
                unit_amount,
                currency: "usd".into(),
                interval: Some("month".into()),
                interval_count: 1,
                quantity,
                current_period_start: 0,
                current_period_end: 0,
            }],
            cancel_at_period_end: false,
            latest_invoice: None,
        }
    }

    fn amount_cells(subscription: &Subscription) -> (String, String) {
        let csv = subscriptions_csv(std::slice::from_ref(subscription)).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        (row[6].to_string(), row[7].to_string())
    }

    /// Review item 1: the amount cell is never silently empty; an overflowed sum says so.
    #[test]
    fn the_csv_amount_is_a_value_or_says_why_not() {
        assert_eq!(amount_cells(&subscription(Some(2900), 3)), ("8700".into(), "usd".into()));
        assert_eq!(
            amount_cells(&subscription(Some(2900), 999_999_999_999_999_999)),
            ("unknown: the items' sum is too large to compute".into(), "usd".into())
        );
        assert_eq!(
            amount_cells(&subscription(None, 1)),
            ("unknown: an item's price has no unit amount".into(), "usd".into())
        );
    }
}
