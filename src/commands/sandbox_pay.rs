//! `sandbox pay`: completes an open checkout session as a customer would, with a Stripe test
//! card, so support flows can be tried end to end without Stripe. Only the sandbox serves it.

use anyhow::Result;
use serde_json::json;

use crate::escape::shown;
use crate::exit_status::ExitStatus;
use crate::gateway;
use crate::listing::RowLimit;
use crate::money::{Currency, format_money};
use crate::objects::Mode;
use crate::output::Printer;
use crate::settings::{GlobalSettings, OutputFormat, PayTarget};

pub(super) fn pay(
    target: &PayTarget,
    card: &str,
    email: Option<&str>,
    global: &GlobalSettings,
    printer: &Printer,
) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        if stripe.gateway.is_real_stripe() {
            anyhow::bail!(crate::error::Hinted::new(
                "`sandbox pay` only works against the sandbox; Stripe has no such endpoint",
                "use `--sandbox`, or `--api-base` with the address `sandbox serve` prints"
            ));
        }
        let key = super::checkout::idempotency_key("pay");
        let gateway = &stripe.gateway;
        let paid = match target {
            PayTarget::Session(id) => match gateway.sandbox_pay(id, card, email, &key).await {
                // The session has no email yet: say which flag gives one (Stripe's words name
                // the API parameter).
                Err(err) if err.api_error().and_then(|api| api.param.as_deref()) == Some("email") => {
                    anyhow::bail!(crate::error::Hinted::new(
                        format!("checkout session `{id}` has no customer email yet"),
                        "pass `--email ADDRESS`, as the customer would enter it on the checkout page"
                    ))
                }
                paid => paid?,
            },
            PayTarget::Link(id) => gateway.sandbox_pay_link(id, card, email, &key).await?,
            PayTarget::LinkUrl(url) => {
                let links = gateway.list_payment_links(None, RowLimit::All).await?;
                let Some(link) = links.iter().find(|link| link.url == *url) else {
                    anyhow::bail!(crate::error::Hinted::new(
                        format!("no checkout session or payment link has the URL `{url}`"),
                        "`stripe-catalog checkout link list` shows the payment links and their URLs"
                    ));
                };
                gateway.sandbox_pay_link(&link.id, card, email, &key).await?
            }
        };
        let payment = paid.payment.as_ref();
        match printer.format() {
            OutputFormat::Json => printer.json(&json!({
                "checkout_session": paid.session_id,
                "session_status": paid.session_status,
                "customer": paid.customer,
                "payment_intent": payment.map(|payment| &payment.id),
                "status": payment.map(|payment| &payment.status),
                "amount": payment.map(|payment| payment.amount),
                "currency": payment.map(|payment| &payment.currency),
                "decline_code": payment.and_then(|payment| payment.last_error.as_ref()).and_then(|error| error.decline_code.as_ref()),
            })),
            _ => {
                if let Some(payment) = payment {
                    printer.data(&shown(&payment.id));
                }
                printer.status_lines(&summary(&paid, stripe.gateway.mode()));
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// What happened, naming the mode the payment was made in.
fn summary(paid: &gateway::SandboxPayment, mode: Mode) -> String {
    let customer = paid.customer.as_deref().unwrap_or("no customer");
    let mode = mode.in_summary();
    let Some(payment) = &paid.payment else {
        return format!(
            "Session {} is {} with nothing to charge now (customer {customer}, {mode})",
            paid.session_id, paid.session_status
        );
    };
    let amount = match Currency::parse(&payment.currency) {
        Ok(currency) => format_money(payment.amount, currency),
        Err(_) => format!("{} {}", payment.amount, payment.currency),
    };
    let mut text = format!("Payment {} of {amount}: {} (customer {customer}, {mode})", payment.id, payment.status);
    if let Some(error) = &payment.last_error {
        let reason = error.decline_code.as_deref().or(error.code.as_deref()).unwrap_or("declined");
        text.push_str(&format!("\ncard declined ({reason}): {}", error.message.as_deref().unwrap_or("")));
    }
    text.push_str(&format!("\nSession {} is {}", paid.session_id, paid.session_status));
    text
}
