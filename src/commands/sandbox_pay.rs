//! `sandbox pay`: completes an open checkout session as a customer would, with a Stripe test
//! card, so support flows can be tried end to end without Stripe; with `--authenticate`, also
//! answers the 3-D Secure challenge a card like 4000 0025 0000 3155 raises, as the customer
//! would on their bank's page. Only the sandbox serves it.

use anyhow::Result;
use serde_json::json;

use crate::error::Hinted;
use crate::escape::shown;
use crate::exit_status::ExitStatus;
use crate::gateway::{Gateway, SandboxPayment, SessionBy, SessionState};
use crate::listing::RowLimit;
use crate::money::{Currency, format_money};
use crate::objects::Mode;
use crate::output::Printer;
use crate::payments::{Authentication, Payment};
use crate::settings::{GlobalSettings, OutputFormat, PayTarget};

/// What the customer did, as reported: the session afterwards (when there is one), the
/// payment, and the answer to 3-D Secure when one was given.
struct Paid {
    session: Option<SessionState>,
    customer: Option<String>,
    payment: Option<Payment>,
    authenticated: Option<Authentication>,
}

impl From<SandboxPayment> for Paid {
    fn from(paid: SandboxPayment) -> Paid {
        let SandboxPayment { session_id, session_status, customer, payment } = paid;
        let session = SessionState { id: session_id, status: session_status, customer: customer.clone() };
        Paid { session: Some(session), customer, payment, authenticated: None }
    }
}

pub(super) fn pay(
    target: &PayTarget,
    card: &str,
    email: Option<&str>,
    authenticate: Option<Authentication>,
    global: &GlobalSettings,
    printer: &Printer,
) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        if stripe.gateway.is_real_stripe() {
            anyhow::bail!(Hinted::new(
                "`sandbox pay` only works against the sandbox; Stripe has no such endpoint",
                "use `--sandbox`, or `--api-base` with the address `sandbox serve` prints"
            ));
        }
        let gateway = &stripe.gateway;
        let paid = match (target, authenticate) {
            (PayTarget::Payment(id), Some(answer)) => answer_challenge(gateway, id, answer, None).await?,
            (PayTarget::Payment(id), None) => anyhow::bail!("`{id}` is a payment: add `--authenticate complete|fail`"),
            _ => {
                let paid = Paid::from(pay_target(gateway, target, card, email).await?);
                match (authenticate, waiting_payment(&paid)) {
                    (Some(answer), Some(id)) => {
                        let session = paid.session.as_ref().map(|session| session.id.clone());
                        answer_challenge(gateway, &id, answer, session.as_deref()).await?
                    }
                    (Some(_), None) => {
                        printer.warn("the payment did not wait for the customer to authenticate: `--authenticate` had nothing to answer");
                        paid
                    }
                    (None, _) => paid,
                }
            }
        };
        let payment = paid.payment.as_ref();
        match printer.format() {
            OutputFormat::Json => printer.json(&json!({
                "checkout_session": paid.session.as_ref().map(|session| &session.id),
                "session_status": paid.session.as_ref().map(|session| &session.status),
                "customer": paid.customer,
                "payment_intent": payment.map(|payment| &payment.id),
                "status": payment.map(|payment| &payment.status),
                "amount": payment.map(|payment| payment.amount),
                "currency": payment.map(|payment| &payment.currency),
                "decline_code": payment.and_then(|payment| payment.last_error.as_ref()).and_then(|error| error.decline_code.as_ref()),
                "authentication": paid.authenticated.map(Authentication::as_str),
            })),
            _ => {
                if let Some(payment) = payment {
                    printer.data(&shown(&payment.id));
                }
                printer.status(&summary(&paid, stripe.gateway.mode()));
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// Pays a session, or visits a link (by id or URL) and pays the session it opens.
async fn pay_target(gateway: &Gateway, target: &PayTarget, card: &str, email: Option<&str>) -> Result<SandboxPayment> {
    let key = super::checkout::idempotency_key("pay");
    Ok(match target {
        PayTarget::Session(id) => match gateway.sandbox_pay(id, card, email, &key).await {
            // The session has no email yet: say which flag gives one (Stripe's words name the
            // API parameter).
            Err(err) if err.api_error().and_then(|api| api.param.as_deref()) == Some("email") => {
                anyhow::bail!(Hinted::new(
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
                anyhow::bail!(Hinted::new(
                    format!("no checkout session or payment link has the URL `{url}`"),
                    "`stripe-catalog checkout link list` shows the payment links and their URLs"
                ));
            };
            gateway.sandbox_pay_link(&link.id, card, email, &key).await?
        }
        PayTarget::Payment(id) => anyhow::bail!("`{id}` is a payment, not a checkout session or payment link"),
    })
}

/// The payment waiting for 3-D Secure (`requires_action`), if that is where paying left it.
fn waiting_payment(paid: &Paid) -> Option<String> {
    paid.payment.as_ref().filter(|payment| payment.status == "requires_action").map(|payment| payment.id.clone())
}

/// Answers payment `id`'s challenge, then reads its session (`session`, or the one the payment
/// came from) to say where it stands. The answer has its own idempotency key: a key belongs to
/// one endpoint (stripe-api.md §6).
async fn answer_challenge(gateway: &Gateway, id: &str, answer: Authentication, session: Option<&str>) -> Result<Paid> {
    let payment = gateway.sandbox_authenticate(id, answer, &super::checkout::idempotency_key("authenticate")).await?;
    let by = session.map_or(SessionBy::Payment(id), SessionBy::Id);
    let session = gateway.checkout_session_state(by).await?;
    let customer = payment.customer.clone().or_else(|| session.as_ref().and_then(|session| session.customer.clone()));
    Ok(Paid { session, customer, payment: Some(payment), authenticated: Some(answer) })
}

/// What happened, naming the mode the payment was made in.
fn summary(paid: &Paid, mode: Mode) -> String {
    let customer = paid.customer.as_ref().map_or_else(|| "no customer".to_string(), |id| format!("customer {id}"));
    let mode = mode.in_summary();
    let session = paid.session.as_ref().map(|session| format!("Session {} is {}", session.id, session.status));
    let Some(payment) = &paid.payment else {
        return match &paid.session {
            Some(session) => {
                format!("Session {} is {} with nothing to charge now ({customer}, {mode})", session.id, session.status)
            }
            None => format!("Nothing was charged ({customer}, {mode})"),
        };
    };
    let amount = match Currency::parse(&payment.currency) {
        Ok(currency) => format_money(payment.amount, currency),
        Err(_) => format!("{} {}", payment.amount, payment.currency),
    };
    let mut lines = vec![format!("Payment {} of {amount}: {} ({customer}, {mode})", payment.id, payment.status)];
    match (paid.authenticated, &payment.last_error) {
        (Some(Authentication::Complete), _) => lines.push("3-D Secure: the customer authenticated the payment".into()),
        (Some(Authentication::Fail), error) => lines.push(format!(
            "3-D Secure: the customer failed to authenticate{}",
            error
                .as_ref()
                .and_then(|error| error.message.as_deref())
                .map(|message| format!(": {message}"))
                .unwrap_or_default()
        )),
        (None, Some(error)) => {
            let reason = error.decline_code.as_deref().or(error.code.as_deref()).unwrap_or("declined");
            lines.push(format!("card declined ({reason}): {}", error.message.as_deref().unwrap_or("")));
        }
        (None, None) => {}
    }
    if payment.status == "requires_action" {
        lines.push(format!(
            "waiting for the customer to authenticate (3-D Secure): `stripe-catalog sandbox pay {} --authenticate \
             complete` (or `fail`) answers as the customer would",
            payment.id
        ));
    }
    lines.extend(session);
    // Messages and ids come from the server.
    lines.iter().map(|line| shown(line).into_owned()).collect::<Vec<_>>().join("\n")
}
