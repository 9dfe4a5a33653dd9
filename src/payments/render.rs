//! Payments for people (a table with local times and money amounts, a detail view) and for
//! scripts (CSV, JSON, NDJSON with stable field names, raw minor units plus the currency).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use jiff::tz::TimeZone;
use serde::Serialize;

use super::{EmailMatch, MatchedBy, Payment, PaymentDetail, PaymentError};
use crate::escape::{csv_cell, shown};
use crate::listing::{self, Column};
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
    /// With `--email` only: `customer` or `checkout_email`.
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_by: Option<MatchedBy>,
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
            matched_by: payment.matched_by,
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
pub fn payments_table(payments: &[Payment], tz: &TimeZone, width: Option<u16>) -> String {
    let rows = payments
        .iter()
        .map(|payment| {
            // Emails and descriptions are whatever customers and integrations typed.
            let text = |value: &Option<String>| shown(value.as_deref().unwrap_or_default()).into_owned();
            vec![
                local_minutes(payment.created, tz),
                shown(&payment.id).into_owned(),
                money(payment.amount, &payment.currency),
                shown(&payment.status).into_owned(),
                text(&payment.customer),
                text(&payment.email),
                text(&payment.description),
            ]
        })
        .collect();
    let header = [
        ("Created", Column::Whole),
        ("ID", Column::Whole),
        ("Amount", Column::Amount),
        ("Status", Column::Whole),
        ("Customer", Column::Optional(0)),
        ("Email", Column::Optional(1)),
        ("Description", Column::FreeText),
    ];
    let (table, hidden) = listing::table(&header, rows, width);
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
    match (payments.is_empty(), hidden) {
        (true, _) => footer,
        (false, Some(hidden)) => format!("{table}\n{footer}\n{hidden}"),
        (false, None) => format!("{table}\n{footer}"),
    }
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

/// CSV with a header row; `matched` (`--email`) adds a last column, `matched_by`.
///
/// # Errors
/// Only if CSV encoding fails, which it does not for these fields.
pub fn payments_csv(payments: &[Payment], matched: bool) -> Result<String> {
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
    let header: Vec<&str> = COLUMNS.iter().copied().chain(matched.then_some("matched_by")).collect();
    writer.write_record(header)?;
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
            matched_by,
        } = PaymentRecord::new(payment);
        let (amount, amount_received) = (amount.to_string(), amount_received.to_string());
        let matched_by = matched_by.map(MatchedBy::as_str).unwrap_or_default();
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
            matched_by,
        ];
        let cells = if matched { &cells[..] } else { &cells[..cells.len() - 1] };
        // A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` as a description) is
        // defused; the numbers, never negative here, pass as they are.
        writer.write_record(cells.iter().map(|cell| csv_cell(cell).into_owned()))?;
    }
    let bytes = writer.into_inner().context("could not finish the CSV output")?;
    Ok(String::from_utf8_lossy(&bytes).trim_end().to_string())
}

/// The line under a `--email` table saying how its payments matched, per customer and by the
/// email typed at checkout: `Matched jane@example.com in any case: 2 via customer cus_1, 1 via
/// checkout email`. A customer whose email is spelt otherwise than asked shows its spelling.
#[must_use]
pub fn email_match_footer(payments: &[Payment], matched: &EmailMatch) -> String {
    let EmailMatch { email, customers } = matched;
    let mut parts: Vec<String> = Vec::new();
    for customer in customers {
        let count = payments
            .iter()
            .filter(|payment| {
                payment.matched_by == Some(MatchedBy::Customer) && payment.customer.as_ref() == Some(&customer.id)
            })
            .count();
        if count == 0 {
            continue;
        }
        let spelling = customer.email.as_deref().filter(|found| found != email).map(|found| format!(" ({found})"));
        parts.push(format!("{count} via customer {}{}", customer.id, spelling.unwrap_or_default()));
    }
    let by_checkout = payments.iter().filter(|payment| payment.matched_by == Some(MatchedBy::CheckoutEmail)).count();
    if by_checkout > 0 {
        parts.push(format!("{by_checkout} via checkout email"));
    }
    // The address and the customers' emails are typed text.
    shown(&format!("Matched {email} in any case: {}", parts.join(", "))).into_owned()
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
    let PaymentDetail { payment, checkout_session, payment_link, checkout_email, invoice, subscription } = detail;
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
        next_action,
        matched_by: _,
    } = payment;
    let mut lines = vec![format!("Payment {id}")];
    let mut field = |label: &str, value: String| lines.push(format!("  {label:<18}{value}"));
    field("Status", status_words(status, next_action.as_deref()));
    field("Created", local_minutes(*created, tz));
    field("Amount", money(*amount, currency));
    field("Received", money(*amount_received, currency));
    let who = match (customer, email) {
        (Some(customer), Some(email)) => format!("{customer} ({email})"),
        (Some(customer), None) => customer.clone(),
        // Guest checkout: Stripe made no Customer, the email is the one typed on the page.
        (None, Some(email)) if checkout_email.as_ref() == Some(email) => format!("none: guest checkout by {email}"),
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
    if let Some(invoice) = invoice {
        field("Invoice", invoice.clone());
    }
    if let Some(subscription) = subscription {
        field("Subscription", subscription.clone());
    }
    field("Checkout session", checkout_session.clone().unwrap_or_else(|| "none".to_string()));
    if let Some(link) = payment_link {
        field("Payment link", link.clone());
    }
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

/// A status with what it means for support where Stripe's word is not enough: a payment in
/// `requires_action` waits for the customer to authenticate it (3-D Secure; `next_action` says
/// how: `use_stripe_sdk` in the page, `redirect_to_url` on the bank's page,
/// <https://docs.stripe.com/payments/paymentintents/lifecycle>).
fn status_words(status: &str, next_action: Option<&str>) -> String {
    match status {
        "requires_action" => {
            let how = next_action.map(|action| format!(", next action `{action}`")).unwrap_or_default();
            format!(
                "{status}: waiting for the customer to authenticate the payment (3-D Secure{how}); nothing is \
                 charged until they do"
            )
        }
        _ => status.to_string(),
    }
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
        next_action: Option<&'a str>,
        checkout_session: Option<&'a str>,
        payment_link: Option<&'a str>,
        checkout_email: Option<&'a str>,
        /// A subscription's payment: the invoice that lists it, and the invoice's subscription.
        invoice: Option<&'a str>,
        subscription: Option<&'a str>,
    }
    Ok(serde_json::to_string_pretty(&DetailJson {
        payment: PaymentJson::new(&detail.payment),
        last_error: detail.payment.last_error.as_ref(),
        next_action: detail.payment.next_action.as_deref(),
        checkout_session: detail.checkout_session.as_deref(),
        payment_link: detail.payment_link.as_deref(),
        checkout_email: detail.checkout_email.as_deref(),
        invoice: detail.invoice.as_deref(),
        subscription: detail.subscription.as_deref(),
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
            next_action: (status == "requires_action").then(|| "use_stripe_sdk".into()),
            matched_by: None,
        }
    }

    /// Issue #16 item 2: what customers typed cannot drive the terminal or a spreadsheet.
    #[test]
    fn hostile_text_is_escaped_for_people_and_defused_for_spreadsheets() {
        let mut hostile = payment("pi_1", 2900, "usd", "succeeded");
        hostile.email = Some("=HYPERLINK(\"http://evil.example\",\"x\")@example.com".into());
        hostile.description = Some("\u{1b}]52;c;ZXZpbA==\u{7}Pro\nPayment pi_fake".into());
        let rows = [hostile];
        let table = payments_table(&rows, &TimeZone::UTC, None);
        assert!(!table.contains('\u{1b}') && !table.contains('\u{7}'), "{table}");
        assert!(table.contains("\\u{1b}]52;c;ZXZpbA=="), "{table}");
        let detail = detail_text(
            &PaymentDetail {
                payment: rows[0].clone(),
                checkout_session: None,
                payment_link: None,
                checkout_email: None,
                invoice: None,
                subscription: None,
            },
            &TimeZone::UTC,
        );
        assert!(detail.contains("Description       \\u{1b}]52;c;ZXZpbA==\\u{7}Pro\\nPayment pi_fake"), "{detail}");
        assert!(!detail.lines().any(|line| line.starts_with("Payment pi_fake")), "{detail}");
        let csv = payments_csv(&rows, false).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[7], "'=HYPERLINK(\"http://evil.example\",\"x\")@example.com");
        assert_eq!(&record[0], "pi_1");
        assert_eq!(&record[2], "2900");
        let json = payments_json(&rows).unwrap();
        assert!(json.contains("\"email\": \"=HYPERLINK"), "JSON keeps the value: {json}");
    }

    fn long_payment() -> Payment {
        let mut long = payment("pi_3QxYzAbCdEfGhIjKlMnOpQrS", 2_999_900, "usd", "succeeded");
        long.email = Some("jane.doe+stripe-billing@example-company.com".into());
        long.description = Some("Pro plan, yearly, for the whole engineering department and friends".into());
        long
    }

    /// Issue #14 item 9: at 80 columns ids, dates, amounts and emails stay whole, on one line
    /// per payment; the description is cut first.
    #[test]
    fn an_80_column_table_keeps_ids_dates_amounts_and_emails_whole() {
        let table = payments_table(&[long_payment()], &TimeZone::UTC, Some(80));
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines.iter().all(|line| line.chars().count() <= 80), "{table}");
        let row = lines.iter().find(|line| line.contains("pi_3QxYzAbCdEfGhIjKlMnOpQrS")).expect("the id whole");
        for whole in ["$29,999.00 USD", "succeeded"] {
            assert!(row.contains(whole), "{whole} split:\n{table}");
        }
        assert!(lines.iter().any(|line| line.contains(&local_minutes(1_795_000_000, &TimeZone::UTC))), "{table}");
        assert_eq!(lines.len(), 7, "rule, header, rule, one line per row, rule, footer, note:\n{table}");
        assert_eq!(lines[6], "(not shown at 80 columns: Customer, Email, Description; `--format csv` has all)");
        let wide = payments_table(&[long_payment()], &TimeZone::UTC, Some(200));
        assert!(wide.contains("jane.doe+stripe-billing@example-company.com") && !wide.contains("not shown"), "{wide}");
    }

    #[test]
    fn table_footer_totals_per_currency() {
        let rows = [
            payment("pi_1", 2900, "usd", "succeeded"),
            payment("pi_2", 100, "usd", "requires_payment_method"),
            payment("pi_3", 500, "jpy", "succeeded"),
        ];
        let text = payments_table(&rows, &TimeZone::UTC, None);
        assert!(
            text.ends_with("3 payments, received ¥500 JPY + $29.00 USD of ¥500 JPY + $30.00 USD requested"),
            "{text}"
        );
        let paid = [payment("pi_1", 2900, "usd", "succeeded")];
        assert!(payments_table(&paid, &TimeZone::UTC, None).ends_with("1 payment, received $29.00 USD"));
        assert!(text.contains("$29.00 USD"), "{text}");
        assert_eq!(payments_table(&[], &TimeZone::UTC, None), "No payments");
    }

    #[test]
    fn csv_round_trips_through_a_csv_reader() {
        let rows = [payment("pi_1", 2900, "usd", "succeeded"), payment("pi_2", 100, "usd", "requires_payment_method")];
        let text = payments_csv(&rows, false).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.get(2), Some("amount"));
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 2);
        assert_eq!(&records[0][8], "Pro, \"monthly\"");
        assert_eq!(&records[1][10], "insufficient_funds");
        let empty = payments_csv(&[], false).unwrap();
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
            payment_link: Some("plink_1".into()),
            checkout_email: Some("jane@example.com".into()),
            invoice: None,
            subscription: None,
        };
        let text = detail_text(&detail, &TimeZone::UTC);
        assert!(
            text.contains("Latest error      card_declined (insufficient_funds): Your card has insufficient funds.")
        );
        assert!(text.contains("Checkout session  cs_test_1"), "{text}");
        assert!(text.contains("Payment link      plink_1"), "{text}");
        let value: serde_json::Value = serde_json::from_str(&detail_json(&detail).unwrap()).unwrap();
        assert_eq!(value["last_error"]["decline_code"], "insufficient_funds");
        assert_eq!(value["checkout_session"], "cs_test_1");
        assert_eq!(value["payment_link"], "plink_1");
    }

    /// Issue #10 item 10: a payment waiting for 3-D Secure says so in words; a guest checkout
    /// names the email typed at checkout.
    #[test]
    fn detail_says_a_payment_waits_for_authentication_and_names_a_guest() {
        let mut waiting = payment("pi_3", 2900, "usd", "requires_action");
        waiting.customer = None;
        let detail = PaymentDetail {
            payment: waiting,
            checkout_session: Some("cs_test_1".into()),
            payment_link: None,
            checkout_email: Some("jane@example.com".into()),
            invoice: None,
            subscription: None,
        };
        let text = detail_text(&detail, &TimeZone::UTC);
        assert!(
            text.contains(
                "Status            requires_action: waiting for the customer to authenticate the payment (3-D \
                 Secure, next action `use_stripe_sdk`); nothing is charged until they do"
            ),
            "{text}"
        );
        assert!(text.contains("Customer          none: guest checkout by jane@example.com"), "{text}");
        let value: serde_json::Value = serde_json::from_str(&detail_json(&detail).unwrap()).unwrap();
        assert_eq!(
            (value["next_action"].as_str(), value["checkout_email"].as_str()),
            (Some("use_stripe_sdk"), Some("jane@example.com"))
        );
    }

    /// Issue #10: `--email` says how each payment matched, per customer and by checkout email;
    /// CSV gets a `matched_by` column then, JSON a `matched_by` field.
    #[test]
    fn email_matches_are_counted_per_customer_and_by_checkout_email() {
        let customer =
            |id: &str, email: &str| super::super::Customer { id: id.into(), email: Some(email.into()), name: None };
        let mut rows = vec![
            payment("pi_1", 100, "usd", "succeeded"),
            payment("pi_2", 100, "usd", "succeeded"),
            payment("pi_3", 100, "usd", "succeeded"),
            payment("pi_4", 100, "usd", "succeeded"),
        ];
        rows[1].customer = Some("cus_2".into());
        rows[3].customer = None;
        for (row, how) in rows.iter_mut().zip([
            MatchedBy::Customer,
            MatchedBy::Customer,
            MatchedBy::Customer,
            MatchedBy::CheckoutEmail,
        ]) {
            row.matched_by = Some(how);
        }
        let matched = EmailMatch {
            email: "jane@example.com".into(),
            customers: vec![
                customer("cus_1", "jane@example.com"),
                customer("cus_2", "Jane@Example.com"),
                customer("cus_3", "JANE@example.com"),
            ],
        };
        assert_eq!(
            email_match_footer(&rows, &matched),
            "Matched jane@example.com in any case: 2 via customer cus_1, 1 via customer cus_2 (Jane@Example.com), 1 via \
             checkout email"
        );
        let csv = payments_csv(&rows, true).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.headers().unwrap().get(12), Some("matched_by"));
        let last: Vec<String> = reader.records().map(|record| record.unwrap()[12].to_string()).collect();
        assert_eq!(last, ["customer", "customer", "customer", "checkout_email"]);
        let value: serde_json::Value = serde_json::from_str(&payments_json(&rows).unwrap()).unwrap();
        assert_eq!(value[3]["matched_by"], "checkout_email");
        let plain: serde_json::Value =
            serde_json::from_str(&payments_json(&[payment("pi_1", 100, "usd", "succeeded")]).unwrap()).unwrap();
        assert!(plain[0].get("matched_by").is_none(), "only with --email: {plain}");
    }
}
