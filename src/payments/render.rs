//! Payments for people (a table with local times and money amounts, a detail view) and for
//! scripts (CSV, JSON, NDJSON with stable field names, raw minor units plus the currency).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use jiff::tz::TimeZone;
use serde::Serialize;

use super::{Payment, PaymentDetail, PaymentError};
use crate::escape::{csv_cell, shown};
use crate::money::{Currency, format_money};
use crate::objects::Metadata;
use crate::when::{local_minutes, rfc3339_utc};

/// One payment as scripts get it. The field names are a contract: add, never rename.
#[derive(Debug, Serialize)]
struct PaymentRecord<'a> {
    id: &'a str,
    /// RFC 3339, UTC.
    created: String,
    amount: i64,
    amount_received: i64,
    currency: &'a str,
    status: &'a str,
    customer: Option<&'a str>,
    email: Option<&'a str>,
    description: Option<&'a str>,
    error_code: Option<&'a str>,
    decline_code: Option<&'a str>,
    error_message: Option<&'a str>,
}

impl<'a> PaymentRecord<'a> {
    fn new(payment: &'a Payment) -> Self {
        let error = payment.last_error.as_ref();
        PaymentRecord {
            id: &payment.id,
            created: rfc3339_utc(payment.created),
            amount: payment.amount,
            amount_received: payment.amount_received,
            currency: &payment.currency,
            status: &payment.status,
            customer: payment.customer.as_deref(),
            email: payment.email.as_deref(),
            description: payment.description.as_deref(),
            error_code: error.and_then(|error| error.code.as_deref()),
            decline_code: error.and_then(|error| error.decline_code.as_deref()),
            error_message: error.and_then(|error| error.message.as_deref()),
        }
    }
}

/// The JSON form: the flat record plus metadata (CSV has no place for a map).
#[derive(Debug, Serialize)]
struct PaymentJson<'a> {
    #[serde(flatten)]
    record: PaymentRecord<'a>,
    metadata: &'a Metadata,
}

impl<'a> PaymentJson<'a> {
    fn new(payment: &'a Payment) -> Self {
        PaymentJson { record: PaymentRecord::new(payment), metadata: &payment.metadata }
    }
}

/// An amount in money form, or the raw minor units and code for a currency the tool does not
/// know (so nothing is hidden).
fn money(minor: i64, currency: &str) -> String {
    match Currency::parse(currency) {
        Ok(currency) => format_money(minor, currency),
        Err(_) => format!("{minor} {} (minor units)", currency.to_uppercase()),
    }
}

/// The table of payments with a footer line: the count and the totals received and requested
/// per currency.
/// The table wraps to the terminal width when stdout is one.
#[must_use]
pub fn payments_table(payments: &[Payment], tz: &TimeZone) -> String {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_HORIZONTAL_ONLY).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(vec!["Created", "ID", "Amount", "Status", "Customer", "Email", "Description"]);
    for payment in payments {
        // Emails and descriptions are whatever customers and integrations typed.
        let text = |value: &Option<String>| shown(value.as_deref().unwrap_or_default()).into_owned();
        table.add_row(vec![
            local_minutes(payment.created, tz),
            shown(&payment.id).into_owned(),
            money(payment.amount, &payment.currency),
            shown(&payment.status).into_owned(),
            text(&payment.customer),
            text(&payment.email),
            text(&payment.description),
        ]);
    }
    if let Some(column) = table.column_mut(2) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    let requested = totals_per_currency(payments, |payment| payment.amount);
    let received = totals_per_currency(payments, |payment| payment.amount_received);
    let count = match payments.len() {
        0 => "No payments".to_string(),
        1 => "1 payment".to_string(),
        many => format!("{many} payments"),
    };
    // "Did they pay?" is answered by what was received; what was asked for follows when a
    // declined or unfinished payment makes the two differ.
    let footer = if payments.is_empty() {
        count
    } else if received == requested {
        format!("{count}, received {received}")
    } else {
        format!("{count}, received {received} of {requested} requested")
    };
    if payments.is_empty() { footer } else { format!("{table}\n{footer}") }
}

/// Sums an amount per currency, rendered as money and joined (`¥500 JPY + $29.00 USD`);
/// a currency whose sum is zero still shows, so "received $0.00 USD" says nothing came in.
fn totals_per_currency(payments: &[Payment], amount: impl Fn(&Payment) -> i64) -> String {
    let mut totals: BTreeMap<&str, i64> = BTreeMap::new();
    for payment in payments {
        let total = totals.entry(payment.currency.as_str()).or_insert(0);
        *total = total.saturating_add(amount(payment));
    }
    totals.iter().map(|(currency, total)| money(*total, currency)).collect::<Vec<_>>().join(" + ")
}

/// CSV with a header row.
///
/// # Errors
/// Only if CSV encoding fails, which it does not for these fields.
pub fn payments_csv(payments: &[Payment]) -> Result<String> {
    const COLUMNS: [&str; 12] = [
        "id",
        "created",
        "amount",
        "amount_received",
        "currency",
        "status",
        "customer",
        "email",
        "description",
        "error_code",
        "decline_code",
        "error_message",
    ];
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for payment in payments {
        let PaymentRecord {
            id,
            created,
            amount,
            amount_received,
            currency,
            status,
            customer,
            email,
            description,
            error_code,
            decline_code,
            error_message,
        } = PaymentRecord::new(payment);
        let (amount, amount_received) = (amount.to_string(), amount_received.to_string());
        let cells = [
            id,
            &created,
            &amount,
            &amount_received,
            currency,
            status,
            customer.unwrap_or_default(),
            email.unwrap_or_default(),
            description.unwrap_or_default(),
            error_code.unwrap_or_default(),
            decline_code.unwrap_or_default(),
            error_message.unwrap_or_default(),
        ];
        // A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` as a description) is
        // defused; the numbers, never negative here, pass as they are.
        writer.write_record(cells.iter().map(|cell| csv_cell(cell).into_owned()))?;
    }
    let bytes = writer.into_inner().context("could not finish the CSV output")?;
    Ok(String::from_utf8_lossy(&bytes).trim_end().to_string())
}

/// One JSON array.
///
/// # Errors
/// Only if JSON encoding fails.
pub fn payments_json(payments: &[Payment]) -> Result<String> {
    let records: Vec<PaymentJson<'_>> = payments.iter().map(PaymentJson::new).collect();
    Ok(serde_json::to_string_pretty(&records)?)
}

/// One JSON object per line.
///
/// # Errors
/// Only if JSON encoding fails.
pub fn payments_ndjson(payments: &[Payment]) -> Result<String> {
    let lines = payments
        .iter()
        .map(|payment| serde_json::to_string(&PaymentJson::new(payment)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines.join("\n"))
}

/// `payments show` for people.
#[must_use]
pub fn detail_text(detail: &PaymentDetail, tz: &TimeZone) -> String {
    let PaymentDetail { payment, checkout_session } = detail;
    let Payment {
        id,
        created,
        amount,
        amount_received,
        currency,
        status,
        customer,
        email,
        description,
        metadata,
        last_error,
    } = payment;
    let mut lines = vec![format!("Payment {id}")];
    let mut field = |label: &str, value: String| lines.push(format!("  {label:<18}{value}"));
    field("Status", status.clone());
    field("Created", local_minutes(*created, tz));
    field("Amount", money(*amount, currency));
    field("Received", money(*amount_received, currency));
    let who = match (customer, email) {
        (Some(customer), Some(email)) => format!("{customer} ({email})"),
        (Some(customer), None) => customer.clone(),
        (None, Some(email)) => email.clone(),
        (None, None) => "none".to_string(),
    };
    field("Customer", who);
    if let Some(description) = description {
        field("Description", description.clone());
    }
    if let Some(PaymentError { code, decline_code, message }) = last_error {
        let reason = match (code, decline_code) {
            (Some(code), Some(decline)) => format!("{code} ({decline})"),
            (Some(code), None) => code.clone(),
            (None, Some(decline)) => decline.clone(),
            (None, None) => "error".to_string(),
        };
        let message = message.as_deref().map(|message| format!(": {message}")).unwrap_or_default();
        field("Latest error", format!("{reason}{message}"));
    }
    field("Checkout session", checkout_session.clone().unwrap_or_else(|| "none".to_string()));
    if metadata.is_empty() {
        field("Metadata", "none".to_string());
    } else {
        field("Metadata", String::new());
        for (key, value) in metadata {
            lines.push(format!("    {key}: {value}"));
        }
    }
    // Every line is escaped whole: none carries colour, and most carry what customers typed.
    lines.iter().map(|line| shown(line)).collect::<Vec<_>>().join("\n").trim_end().to_string()
}

/// `payments show` for scripts: the list record plus metadata, the full latest error and the
/// checkout session.
///
/// # Errors
/// Only if JSON encoding fails.
pub fn detail_json(detail: &PaymentDetail) -> Result<String> {
    #[derive(Serialize)]
    struct DetailJson<'a> {
        #[serde(flatten)]
        payment: PaymentJson<'a>,
        last_error: Option<&'a PaymentError>,
        checkout_session: Option<&'a str>,
    }
    Ok(serde_json::to_string_pretty(&DetailJson {
        payment: PaymentJson::new(&detail.payment),
        last_error: detail.payment.last_error.as_ref(),
        checkout_session: detail.checkout_session.as_deref(),
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment(id: &str, amount: i64, currency: &str, status: &str) -> Payment {
        Payment {
            id: id.into(),
            created: 1_795_000_000,
            amount,
            amount_received: if status == "succeeded" { amount } else { 0 },
            currency: currency.into(),
            status: status.into(),
            customer: Some("cus_1".into()),
            email: Some("jane@example.com".into()),
            description: Some("Pro, \"monthly\"".into()),
            metadata: Metadata::from([("order".to_string(), "42".to_string())]),
            last_error: (status == "requires_payment_method").then(|| PaymentError {
                code: Some("card_declined".into()),
                decline_code: Some("insufficient_funds".into()),
                message: Some("Your card has insufficient funds.".into()),
            }),
        }
    }

    /// Issue #16 item 2: what customers typed cannot drive the terminal or a spreadsheet.
    #[test]
    fn hostile_text_is_escaped_for_people_and_defused_for_spreadsheets() {
        let mut hostile = payment("pi_1", 2900, "usd", "succeeded");
        hostile.email = Some("=HYPERLINK(\"http://evil.example\",\"x\")@example.com".into());
        hostile.description = Some("\u{1b}]52;c;ZXZpbA==\u{7}Pro\nPayment pi_fake".into());
        let rows = [hostile];
        let table = payments_table(&rows, &TimeZone::UTC);
        assert!(!table.contains('\u{1b}') && !table.contains('\u{7}'), "{table}");
        assert!(table.contains("\\u{1b}]52;c;ZXZpbA=="), "{table}");
        let detail = detail_text(&PaymentDetail { payment: rows[0].clone(), checkout_session: None }, &TimeZone::UTC);
        assert!(detail.contains("Description       \\u{1b}]52;c;ZXZpbA==\\u{7}Pro\\nPayment pi_fake"), "{detail}");
        assert!(!detail.lines().any(|line| line.starts_with("Payment pi_fake")), "{detail}");
        let csv = payments_csv(&rows).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[7], "'=HYPERLINK(\"http://evil.example\",\"x\")@example.com");
        assert_eq!(&record[0], "pi_1");
        assert_eq!(&record[2], "2900");
        let json = payments_json(&rows).unwrap();
        assert!(json.contains("\"email\": \"=HYPERLINK"), "JSON keeps the value: {json}");
    }

    #[test]
    fn table_footer_totals_per_currency() {
        let rows = [
            payment("pi_1", 2900, "usd", "succeeded"),
            payment("pi_2", 100, "usd", "requires_payment_method"),
            payment("pi_3", 500, "jpy", "succeeded"),
        ];
        let text = payments_table(&rows, &TimeZone::UTC);
        assert!(
            text.ends_with("3 payments, received ¥500 JPY + $29.00 USD of ¥500 JPY + $30.00 USD requested"),
            "{text}"
        );
        let paid = [payment("pi_1", 2900, "usd", "succeeded")];
        assert!(payments_table(&paid, &TimeZone::UTC).ends_with("1 payment, received $29.00 USD"));
        assert!(text.contains("$29.00 USD"), "{text}");
        assert_eq!(payments_table(&[], &TimeZone::UTC), "No payments");
    }

    #[test]
    fn csv_round_trips_through_a_csv_reader() {
        let rows = [payment("pi_1", 2900, "usd", "succeeded"), payment("pi_2", 100, "usd", "requires_payment_method")];
        let text = payments_csv(&rows).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.get(2), Some("amount"));
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 2);
        assert_eq!(&records[0][8], "Pro, \"monthly\"");
        assert_eq!(&records[1][10], "insufficient_funds");
        let empty = payments_csv(&[]).unwrap();
        assert!(empty.starts_with("id,created,amount,"), "{empty}");
    }

    #[test]
    fn json_has_raw_amounts_and_metadata() {
        let rows = [payment("pi_1", 2900, "usd", "succeeded")];
        let value: serde_json::Value = serde_json::from_str(&payments_json(&rows).unwrap()).unwrap();
        assert_eq!(value[0]["amount"], 2900);
        assert_eq!(value[0]["currency"], "usd");
        assert_eq!(value[0]["metadata"]["order"], "42");
        let line: serde_json::Value = serde_json::from_str(&payments_ndjson(&rows).unwrap()).unwrap();
        assert_eq!(line, value[0]);
    }

    #[test]
    fn detail_shows_the_decline() {
        let detail = PaymentDetail {
            payment: payment("pi_2", 100, "usd", "requires_payment_method"),
            checkout_session: Some("cs_test_1".into()),
        };
        let text = detail_text(&detail, &TimeZone::UTC);
        assert!(
            text.contains("Latest error      card_declined (insufficient_funds): Your card has insufficient funds.")
        );
        assert!(text.contains("Checkout session  cs_test_1"), "{text}");
        let value: serde_json::Value = serde_json::from_str(&detail_json(&detail).unwrap()).unwrap();
        assert_eq!(value["last_error"]["decline_code"], "insufficient_funds");
        assert_eq!(value["checkout_session"], "cs_test_1");
    }
}
