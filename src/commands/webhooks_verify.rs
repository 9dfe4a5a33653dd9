//! `webhooks verify`: is this delivery's signature valid, and if not, exactly why? Prints the
//! verdict on stdout (`valid`, or `invalid: …` with the reasons under it); exit 0 or 1. The
//! secret is never printed.

use anyhow::Result;

use crate::exit_status::ExitStatus;
use crate::files;
use crate::output::Printer;
use crate::settings::WebhooksVerifySettings;
use crate::webhooks::verify::{self, Mismatch, Report, Transformation, Verdict};

/// Stripe caps event payloads far below this; a bigger file is not a webhook body.
const MAX_PAYLOAD_BYTES: u64 = 16 * 1024 * 1024;

pub(super) fn verify(settings: &WebhooksVerifySettings, printer: &Printer) -> Result<ExitStatus> {
    let payload = files::read_named(
        &settings.payload,
        MAX_PAYLOAD_BYTES,
        "the payload",
        "pass the request body saved as a file",
    )?;
    let now = jiff::Timestamp::now().as_second();
    let report = verify::verify(&payload, &settings.signature, &settings.secret, settings.tolerance_secs, now);
    let valid = report.verdict == Verdict::Valid;
    printer.data(&crate::escape::shown_lines(&report_text(&report)));
    Ok(if valid { ExitStatus::Success } else { ExitStatus::Error })
}

/// The verdict and its reasons, one per line.
#[must_use]
fn report_text(report: &Report) -> String {
    let mut lines: Vec<String> = Vec::new();
    match &report.verdict {
        Verdict::Valid => lines.push("valid".to_string()),
        Verdict::Header(problem) => lines.push(format!("invalid: {problem}")),
        Verdict::Stale { age_secs, tolerance_secs } => {
            lines.push(format!(
                "invalid: the timestamp is {age_secs}s old, {}s past the tolerance of {tolerance_secs}s",
                age_secs - tolerance_secs
            ));
            lines.push(
                "  the signature matches: the delivery is genuine but old (replayed later), or this machine's clock is ahead of the sender's; Stripe signs each retry anew"
                    .to_string(),
            );
        }
        Verdict::Mismatch(mismatch) => {
            lines.push("invalid: no `v1` signature matches the body as given".to_string());
            match mismatch {
                Mismatch::Transformed(transformation) => {
                    lines.push(format!(
                        "  it matches the body {}: {}",
                        transformation.undone_by(),
                        transformation.describe()
                    ));
                    lines.push(raw_body_advice().to_string());
                }
                Mismatch::LooksReserialised { tried, signs } => {
                    lines.push("  the body does not look like the raw bytes Stripe sent:".to_string());
                    lines.extend(signs.iter().map(|sign| format!("  - {sign}")));
                    lines.push(tried_line(tried));
                    lines.push(raw_body_advice().to_string());
                }
                Mismatch::WrongSecretLikely { tried } => {
                    lines.push(
                        "  the body looks as Stripe sends it (indented JSON, `id` first), so the secret is the likely cause: each endpoint has its own signing secret, `stripe listen` and `sandbox serve` sign with theirs, and rolling a secret replaces it"
                            .to_string(),
                    );
                    if !tried.is_empty() {
                        lines.push(tried_line(tried));
                    }
                }
            }
        }
    }
    lines.extend(report.notes.iter().map(|note| format!("note: {note}")));
    lines.join("\n")
}

fn tried_line(tried: &[Transformation]) -> String {
    if tried.is_empty() {
        return "  no variant of the body was worth trying".to_string();
    }
    let variants: Vec<&str> = tried.iter().map(|transformation| transformation.undone_by()).collect();
    format!("  the signature matches none of the variants tried: the body {}", variants.join("; the body "))
}

fn raw_body_advice() -> &'static str {
    "  verify the raw request bytes, before any JSON parsing (Express: `express.raw({ type: 'application/json' })`; Flask: `request.get_data()`; Rails: `request.body.read`)"
}
