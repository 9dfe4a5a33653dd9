//! `plan`: compare the catalog with Stripe and show what `apply` would do.

use std::path::Path;

use anyhow::Result;

use super::Stripe;
use crate::catalog;
use crate::exit_status::ExitStatus;
use crate::objects::Mode;
use crate::output::Printer;
use crate::plan::origin::Origin;
use crate::plan::{self, IN_PROCESS_SANDBOX, Plan, PlanInputs, plan_for, render};
use crate::settings::{ConnectionOptions, GlobalSettings, OutputFormat, PlanSettings, require_document_format};

pub(super) fn plan(global: &GlobalSettings, options: &PlanSettings, printer: &Printer) -> Result<ExitStatus> {
    require_document_format(global.format, "plan")?;
    super::with_stripe(global, printer, async |stripe| {
        let mut plan = compute(global, stripe, options.adopt, true, printer).await?;
        plan.origin = Origin::new(&global.catalog_path, &global.connection);
        plan.policy.allowed.clone_from(&options.allow);
        if options.markdown {
            printer.data(&render::markdown::markdown(&plan, render::markdown::GITHUB_COMMENT_LIMIT));
        } else {
            show(&plan, printer);
        }
        if let Some(path) = &options.out {
            let saved =
                Plan { origin: plan.origin.as_ref().map(|origin| origin.relative_to_plan(path)), ..plan.clone() };
            plan::file::save(&saved, path)?;
            printer.status(&format!(
                "Saved the plan to {} (catalog {}, {}); apply it with `{}`",
                path.display(),
                global.catalog_path.display(),
                target_label(&plan),
                apply_command(path, &plan, &global.connection)
            ));
            if creates_webhook_endpoints(&plan) {
                printer.status(&format!(
                    "(the plan creates webhook endpoints: Stripe shows each signing secret once, and apply saves it \
                     to {WEBHOOK_SECRETS_FILE}, mode 600, as STRIPE_WEBHOOK_SECRET_<KEY>; keep that file out of git)"
                ));
            }
            if !global.connection.sandbox && global.connection.api_key.is_some() {
                printer.status("(with the key again: a plan never holds it; `--api-key-file` or `STRIPE_API_KEY` keep it off the command line)");
            }
            printer.warn(&format!(
                "{} describes your Stripe account and catalog: treat it as sensitive and do not publish it (it never holds the API key)",
                path.display()
            ));
        }
        if blocked_by_policy(&plan, "plan", false, printer) {
            // 3 wins over 2: CI must not read a blocked plan as "changes present".
            return Ok(ExitStatus::BlockedByPolicy);
        }
        Ok(if options.detailed_exitcode && !plan.is_empty() { ExitStatus::ChangesPresent } else { ExitStatus::Success })
    })
}

/// Loads the catalog, reads Stripe and diffs them.
///
/// With `impact`, also reads who pays the prices the plan replaces or archives (nothing when
/// it replaces and archives nothing), for a plan that will be shown.
pub(super) async fn compute(
    global: &GlobalSettings,
    stripe: &Stripe,
    adopt: bool,
    impact: bool,
    printer: &Printer,
) -> Result<Plan> {
    let loaded = catalog::load_reporting(&global.catalog_path, printer)?;
    let spinner = printer.spinner("reading Stripe");
    let in_process_sandbox = stripe.is_in_process_sandbox();
    let inputs = PlanInputs { catalog_sha256: loaded.sha256, adopt, in_process_sandbox };
    let plan = plan_for(&stripe.gateway, &loaded.catalog, inputs).await;
    spinner.finish_and_clear();
    let mut plan = plan?;
    // Who pays the prices the plan replaces or archives: read only for those prices.
    if impact && !plan::impact::touched_prices(&plan).is_empty() {
        let spinner = printer.spinner("reading who pays the old prices");
        let read = plan::impact::attach(&stripe.gateway, &mut plan).await;
        spinner.finish_and_clear();
        read?;
    }
    plan.policy = plan::policy::evaluate(&plan, &loaded.catalog);
    // Only a pin naming another account is worth a word: the sandbox's own id pinned (a
    // catalog imported from it) does apply.
    if let Some(pinned) = &loaded.catalog.account
        && in_process_sandbox
        && *pinned != plan.header.account.id
    {
        printer.status(&format!("sandbox: the catalog's account pin `{pinned}` does not apply to the local emulator"));
    }
    Ok(plan)
}

/// Prints the plan as the output format asks.
pub(super) fn show(plan: &Plan, printer: &Printer) {
    match printer.format() {
        OutputFormat::Json => printer.json(&render::document(plan)),
        _ => printer.data(&render::text(plan, printer)),
    }
}

/// Says on stderr whether the catalog's policies block the plan (each violation is shown with
/// its action in the plan itself), and which rules `--allow` let through; true when blocked.
///
/// With `list`, each blocking violation is also printed (for a saved plan, which `apply` does
/// not show again).
pub(super) fn blocked_by_policy(plan: &Plan, command: &str, list: bool, printer: &Printer) -> bool {
    for (rule, subjects) in plan.policy.let_through() {
        printer.warn(&format!("policy {rule} allowed by `--allow {rule}` for {}", subjects.join(", ")));
    }
    let blocking = plan.policy.blocking();
    if blocking.is_empty() {
        return false;
    }
    let mut rules: Vec<String> = blocking.iter().map(|violation| violation.rule.to_string()).collect();
    rules.sort();
    rules.dedup();
    if list {
        for violation in &blocking {
            let at = violation.action.as_deref().unwrap_or(&violation.object);
            printer.error(&format!("policy {} on {at}: {}", violation.rule, violation.message));
            for hint in &violation.hints {
                printer.hint(hint);
            }
        }
    }
    let noun = if blocking.len() == 1 { "violation" } else { "violations" };
    // One error line: apply's refusal is this line, not a second one after it.
    let (refused, written) = if command == "apply" { ("apply refused: ", "; nothing was written") } else { ("", "") };
    printer.error(&format!("{refused}blocked by policy: {} {noun} ({}){written}", blocking.len(), rules.join(", ")));
    let allow: Vec<String> = rules.iter().map(|rule| format!("--allow {rule}")).collect();
    printer.hint(&format!(
        "fix the catalog as each violation says, or, if the change is meant, rerun with `{}` (apply records it in the audit log)",
        allow.join(" ")
    ));
    true
}

/// `in-process sandbox`, `acct_123 (test mode)`: what the saved plan will be applied to.
fn target_label(plan: &Plan) -> String {
    let header = &plan.header;
    match header.api_base.as_deref() {
        Some(IN_PROCESS_SANDBOX) => "the in-process sandbox".to_string(),
        Some(base) => format!("{} ({} mode) at {base}", header.account.id, header.mode.label().to_lowercase()),
        None => format!("{} ({} mode)", header.account.id, header.mode.label().to_lowercase()),
    }
}

/// The command that applies the plan saved at `path`, as the user can run it from here: the
/// plan carries its catalog and target, so only the key (never saved) and the consents
/// `apply` asks for are left to say. `--sandbox` is spelled out, although the plan says so
/// too, so that nobody reads the line as a write to Stripe.
fn apply_command(path: &Path, plan: &Plan, connection: &ConnectionOptions) -> String {
    let mut words = vec!["stripe-catalog".to_string()];
    if plan.header.api_base.as_deref() == Some(IN_PROCESS_SANDBOX) {
        words.push("--sandbox".to_string());
    }
    words.push("apply".to_string());
    if plan.header.mode == Mode::Live {
        words.push("--live".to_string());
    }
    if !connection.sandbox
        && connection.api_key.is_none()
        && let Some(key_file) = &connection.api_key_file
    {
        words.push("--api-key-file".to_string());
        words.push(shell_word(&key_file.display().to_string()));
    }
    if creates_webhook_endpoints(plan) {
        words.push("--webhook-secrets".to_string());
        words.push(WEBHOOK_SECRETS_FILE.to_string());
    }
    words.push(shell_word(&path.display().to_string()));
    words.join(" ")
}

/// The secrets file the printed apply command names: the README's, a dotenv name that the
/// usual `.gitignore` of `.env*` keeps out of git.
const WEBHOOK_SECRETS_FILE: &str = ".env.webhooks";

/// Whether applying `plan` creates webhook endpoints, whose signing secrets `apply` must be
/// given a file for (`--webhook-secrets`): Stripe shows a secret only when it creates it.
fn creates_webhook_endpoints(plan: &Plan) -> bool {
    plan.actions.iter().any(|action| matches!(action.change, crate::plan::Change::CreateWebhook { .. }))
}

/// `text` as one shell word: as is when plainly safe, single-quoted otherwise.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | ',' | ':' | '=' | '+' | '@'));
    if plain { text.to_string() } else { format!("'{}'", text.replace('\'', r"'\''")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_word("plans/p.json"), "plans/p.json");
        assert_eq!(shell_word("my plan.json"), "'my plan.json'");
        assert_eq!(shell_word("it's.json"), r"'it'\''s.json'");
    }
}
