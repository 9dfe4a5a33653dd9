//! `sandbox trigger EVENT`: makes an event happen in the sandbox with the objects behind it,
//! like `stripe trigger`, and prints its id. Sandbox only.

use anyhow::Result;
use serde_json::json;

use crate::error::Hinted;
use crate::escape::shown;
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::settings::{GlobalSettings, OutputFormat};
use crate::words::plural;

pub(super) fn trigger(event: &str, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        if stripe.gateway.is_real_stripe() {
            anyhow::bail!(Hinted::new(
                "`sandbox trigger` only works against the sandbox",
                "use `--sandbox`, or `--api-base` with the address `sandbox serve` prints; against Stripe, Stripe's \
                 own CLI has `stripe trigger`"
            ));
        }
        let triggered = stripe
            .gateway
            .sandbox_trigger(event, &super::checkout::idempotency_key("trigger"))
            .await
            .map_err(refused_by_the_sandbox)?;
        match printer.format() {
            OutputFormat::Json => printer.json(&json!({
                "type": triggered.kind,
                "event": triggered.event,
                "events": triggered.events.iter().map(|event| json!({"id": event.id, "type": event.kind})).collect::<Vec<_>>(),
                "objects": triggered.objects,
            })),
            _ => {
                printer.data(&shown(&triggered.event));
                printer.status(&format!(
                    "sandbox: triggered {} ({} on the way, {} made)",
                    shown(&triggered.kind),
                    plural(triggered.events.len(), "event", "events"),
                    plural(triggered.objects.len(), "object", "objects"),
                ));
                for event in &triggered.events {
                    printer.status(&format!("  {} {}", shown(&event.id), shown(&event.kind)));
                }
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// The gateway words an answer's refusal as Stripe's; this endpoint exists only in the sandbox,
/// so the refusal is the sandbox's (its message, e.g. which events it can trigger, kept).
fn refused_by_the_sandbox(error: crate::gateway::GatewayError) -> anyhow::Error {
    let Some(api) = error.api_error() else {
        return error.into();
    };
    let message = api.message.as_deref().unwrap_or("no message");
    let code = api.code.as_deref().map(|code| format!(" ({})", shown(code))).unwrap_or_default();
    anyhow::anyhow!("the sandbox refused to trigger the event{code}: {}", shown(message))
}
