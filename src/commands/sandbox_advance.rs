//! `sandbox advance`: moves the sandbox's own clock forward, so subscriptions renew, invoices
//! are charged and failed payments retried as they would over that time. Sandbox only: Stripe
//! has test clocks instead, and no clock for a whole account.

use anyhow::{Context, Result};
use serde_json::json;

use crate::error::Hinted;
use crate::escape::shown;
use crate::exit_status::ExitStatus;
use crate::gateway::{BilledInvoice, Gateway, SandboxClock};
use crate::money::{Currency, format_money};
use crate::output::Printer;
use crate::settings::{AdvanceBy, GlobalSettings, OutputFormat};
use crate::when;

/// The shortest step tried when the sandbox refuses a step as too long (two intervals of a
/// daily subscription are two days, so a step this short is always allowed).
const SHORTEST_STEP: i64 = 3_600;

/// Where the clock stands after advancing, and how many calls it took.
struct Advanced {
    start: i64,
    clock: SandboxClock,
    steps: u32,
}

pub(super) fn advance(by: AdvanceBy, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        if stripe.gateway.is_real_stripe() {
            anyhow::bail!(Hinted::new(
                "`sandbox advance` only works against the sandbox; Stripe has no clock for a whole account",
                "use `--sandbox`, or `--api-base` with the address `sandbox serve` prints; on Stripe, test clocks \
                 (https://docs.stripe.com/billing/testing/test-clocks) do this for the customers created on them"
            ));
        }
        let gateway = &stripe.gateway;
        let advanced = advance_in_steps(gateway, by).await?;
        let invoices = gateway.invoices_created_since(advanced.start.saturating_add(1)).await?;
        let Advanced { start, clock, steps } = advanced;
        match printer.format() {
            OutputFormat::Json => printer.json(&json!({
                "from": when::rfc3339_utc(start),
                "to": when::rfc3339_utc(clock.frozen_time),
                "frozen_time": clock.frozen_time,
                "offset_seconds": clock.offset_seconds,
                "steps": steps,
                "invoices": invoices.iter().map(|invoice| json!({
                    "id": invoice.id,
                    "status": invoice.status,
                    "billing_reason": invoice.billing_reason,
                    "amount_due": invoice.amount_due,
                    "currency": invoice.currency,
                    "customer": invoice.customer,
                    "created": when::rfc3339_utc(invoice.created),
                    "attempt_count": invoice.attempt_count,
                })).collect::<Vec<_>>(),
            })),
            _ => {
                printer.data(&when::rfc3339_utc(clock.frozen_time));
                printer.status(&format!(
                    "sandbox: the time is now {} (was {})",
                    when::rfc3339_utc(clock.frozen_time),
                    when::rfc3339_utc(start)
                ));
                printer.status(&invoices_summary(&invoices));
                for invoice in invoices.iter().rev() {
                    printer.status(&invoice_line(invoice));
                }
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// Advances by `by`, in as many calls as the sandbox's limit needs: a step refused as too long
/// is halved and tried again. The sandbox's time before is learned from the first answer (its
/// new time less the step), which also fixes where calendar months end.
async fn advance_in_steps(gateway: &Gateway, by: AdvanceBy) -> Result<Advanced> {
    let mut start: Option<i64> = None;
    let mut advanced: i64 = 0;
    let mut longest = i64::MAX;
    let mut steps = 0;
    let mut clock = None;
    loop {
        let total = match (by, start) {
            (AdvanceBy::Seconds(seconds), _) => seconds,
            // Until the sandbox's time is known: the shortest months can be (28 days each).
            (AdvanceBy::Months(months), None) => i64::from(months) * 28 * 86_400,
            (AdvanceBy::Months(months), Some(start)) => when::add_months_utc(start, months)
                .context("the sandbox clock cannot go past the year 9999")?
                .saturating_sub(start),
        };
        let remaining = total.saturating_sub(advanced);
        if remaining <= 0 {
            break;
        }
        let step = remaining.min(longest);
        match gateway.sandbox_advance(step, &super::checkout::idempotency_key("advance")).await {
            Ok(now) => {
                advanced = advanced.saturating_add(step);
                steps += 1;
                start.get_or_insert(now.frozen_time.saturating_sub(advanced));
                clock = Some(now);
            }
            Err(error) if step > SHORTEST_STEP && too_far(&error) => longest = (step / 2).max(SHORTEST_STEP),
            Err(error) => return Err(error.into()),
        }
    }
    let (Some(start), Some(clock)) = (start, clock) else {
        anyhow::bail!("the sandbox clock did not move");
    };
    Ok(Advanced { start, clock, steps })
}

/// Whether the sandbox refused a step for going further than it allows at once.
fn too_far(error: &crate::gateway::GatewayError) -> bool {
    error.api_error().is_some_and(|api| {
        api.param.as_deref() == Some("seconds") && api.message.as_deref().is_some_and(|m| m.contains("at once"))
    })
}

/// `2 invoices created: 2 paid`, or that nothing was billed.
fn invoices_summary(invoices: &[BilledInvoice]) -> String {
    if invoices.is_empty() {
        return "sandbox: no invoices were created (nothing renewed)".to_string();
    }
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for invoice in invoices {
        *counts.entry(invoice.status.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = counts.iter().map(|(status, count)| format!("{count} {status}")).collect();
    let noun = if invoices.len() == 1 { "invoice" } else { "invoices" };
    format!("sandbox: {} {noun} created: {}", invoices.len(), shown(&counts.join(", ")))
}

/// `  in_… 2026-12-30T… subscription_cycle $29.00 paid (cus_…)`.
fn invoice_line(invoice: &BilledInvoice) -> String {
    let amount = match Currency::parse(&invoice.currency) {
        Ok(currency) => format_money(invoice.amount_due, currency),
        Err(_) => format!("{} {}", invoice.amount_due, invoice.currency),
    };
    let reason = invoice.billing_reason.as_deref().unwrap_or("manual");
    let customer = invoice.customer.as_deref().unwrap_or("no customer");
    let attempts =
        if invoice.attempt_count > 1 { format!(", {} attempts", invoice.attempt_count) } else { String::new() };
    let line = format!(
        "  {} {} {reason} {amount} {} ({customer}{attempts})",
        invoice.id,
        when::rfc3339_utc(invoice.created),
        invoice.status
    );
    shown(&line).into_owned()
}
