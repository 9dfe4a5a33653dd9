//! `sandbox serve` and `sandbox reset`: the local Stripe emulator as a plain HTTP server (which
//! delivers its events to webhook endpoints and `--forward-to` URLs, logging each attempt), and
//! clearing its saved state.

use std::path::Path;

use anyhow::{Context, Result};
use stripe_sandbox::{DeliveryAttempt, Outcome, RequestSummary, SANDBOX_API_KEY, SandboxBuilder, reset_state};

use crate::error::Hinted;
use crate::escape::shown;
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::settings::{ForwardSecretSource, SandboxServeSettings};

pub(super) fn serve(settings: &SandboxServeSettings, printer: &Printer) -> Result<ExitStatus> {
    super::run_async(async {
        let builder = SandboxBuilder::new()
            .port(settings.port)
            .state_file(settings.state_path.clone())
            .latency(settings.latency)
            .connection_delay(settings.connection_delay)
            .faults(settings.faults)
            .rate_limits(settings.rate_limits)
            .search_lag(settings.search_lag)
            .webhooks(settings.webhooks.clone())
            .on_request({
                let printer = printer.clone();
                move |request| printer.status(&access_log_line(request))
            })
            .on_delivery({
                let printer = printer.clone();
                move |attempt| printer.status(&delivery_log_line(attempt))
            });
        let sandbox = builder.start().await.map_err(|error| {
            let in_use = error.chain().any(|cause| {
                cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse)
            });
            if in_use {
                anyhow::Error::new(Hinted::new(
                    format!("port {} is already in use (another `sandbox serve`?)", settings.port),
                    "stop the other server, or pick another port with `--port N` (`--port 0` takes any free one)",
                ))
            } else {
                error
            }
        })?;
        let base_url = sandbox.base_url();
        printer.status(&format!(
            "sandbox: local Stripe emulator (test mode only, nothing is sent to Stripe) listening on {base_url}"
        ));
        printer.status(&format!("sandbox: state in {}", settings.state_path.display()));
        for forward in &settings.webhooks.forward_to {
            let only = if forward.events.is_empty() {
                String::new()
            } else {
                format!(" ({})", shown(&forward.events.join(", ")))
            };
            printer.status(&format!("sandbox: forwarding events{only} to {}", shown(&forward.url)));
        }
        if !settings.webhooks.forward_to.is_empty() {
            printer.status(&forward_secret_line(&settings.forward_secret_source, &sandbox.forward_secret())?);
        }
        printer.status(&format!("sandbox: try `curl -u {SANDBOX_API_KEY}: {base_url}/v1/products`"));
        printer.status("sandbox: press Ctrl-C to stop");
        tokio::signal::ctrl_c().await.context("could not wait for Ctrl-C")?;
        printer.status("sandbox: stopping");
        sandbox.shutdown().await;
        Ok(ExitStatus::Success)
    })
}

/// Says what forwarded events are signed with. A secret the user supplied is never echoed
/// (they have it; a terminal or CI log should not). The secret the state keeps is a local test
/// secret only this sandbox honours: written to a `--forward-secret-file` that did not exist
/// (mode 600, and then not printed), else printed, as `stripe listen` prints its own, since
/// the app must be given it.
fn forward_secret_line(source: &ForwardSecretSource, secret: &str) -> Result<String> {
    const APP: &str = "the app's STRIPE_WEBHOOK_SECRET";
    Ok(match source {
        ForwardSecretSource::State => {
            format!("sandbox: forwarded events are signed with {secret} ({APP}; kept in the state file)")
        }
        ForwardSecretSource::WriteTo(path) => {
            crate::webhooks::secrets::create(path, secret)?;
            format!("sandbox: forwarded events are signed with the secret now in {} (mode 600; {APP})", path.display())
        }
        ForwardSecretSource::File(path) => {
            format!("sandbox: forwarded events are signed with the secret in {} ({APP})", path.display())
        }
        ForwardSecretSource::Argument => {
            "sandbox: forwarded events are signed with the `--forward-secret` given (other users can see it in \
             the process list: prefer `--forward-secret-file FILE` or STRIPE_WEBHOOK_SECRET)"
                .to_string()
        }
        ForwardSecretSource::Environment => {
            "sandbox: forwarded events are signed with the secret in STRIPE_WEBHOOK_SECRET".to_string()
        }
    })
}

/// `POST /v1/products 200 3 ms req_…` (a replay says so).
fn access_log_line(request: &RequestSummary) -> String {
    let RequestSummary { method, path, status, duration, request_id, replayed } = request;
    let replayed = if *replayed { " (idempotent replay)" } else { "" };
    format!("{method} {path} {status} {} ms {request_id}{replayed}", duration.as_millis())
}

/// `webhook evt_… customer.created -> we_… http://127.0.0.1:4242/hook attempt 1: 500 in 3 ms, retry in 1s`.
fn delivery_log_line(attempt: &DeliveryAttempt) -> String {
    let DeliveryAttempt { event, event_type, target, url, attempt, status, error, latency, duplicate, outcome } =
        attempt;
    let answer = match (status, error) {
        (Some(status), _) => status.to_string(),
        (None, Some(error)) => shown(error).into_owned(),
        (None, None) => "no answer".to_string(),
    };
    let next = match outcome {
        Outcome::Acknowledged => "acknowledged".to_string(),
        Outcome::RetryIn(delay) if delay.subsec_millis() == 0 => format!("retry in {}s", delay.as_secs()),
        Outcome::RetryIn(delay) => format!("retry in {} ms", delay.as_millis()),
        Outcome::GaveUp => "gave up".to_string(),
    };
    let copy = if *duplicate { " (redelivery)" } else { "" };
    format!(
        "webhook {} {} -> {} {} attempt {attempt}{copy}: {answer} in {} ms, {next}",
        shown(event),
        shown(event_type),
        shown(target),
        shown(url),
        latency.as_millis()
    )
}

pub(super) fn reset(state_path: &Path, printer: &Printer) -> Result<ExitStatus> {
    if reset_state(state_path)? {
        printer.status(&format!("sandbox: removed {}", state_path.display()));
    } else {
        printer.status(&format!("sandbox: no state at {}; nothing to reset", state_path.display()));
    }
    Ok(ExitStatus::Success)
}
