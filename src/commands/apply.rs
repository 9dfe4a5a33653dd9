//! `apply`: make Stripe match the catalog, after showing the plan and getting a `yes`, or by
//! applying a saved plan that is still exactly what would be done now.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use anyhow::Result;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

use super::plan::{blocked_by_policy, compute, show};
use crate::apply::document::document;
use crate::apply::{ApplyOptions, Outcome, check_audit_log, execute};
use crate::error::{AlreadyReported, Hinted};
use crate::escape::{Shown, shown, shown_lines};
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::plan::file::SavedPlan;
use crate::plan::origin::{Given, apply_target};
use crate::plan::render;
use crate::plan::{Summary, file};
use crate::settings::{ApplySettings, GlobalSettings, OutputFormat, require_document_format};

pub(super) fn apply(global: &GlobalSettings, options: &ApplySettings, printer: &Printer) -> Result<ExitStatus> {
    require_document_format(global.format, "apply")?;
    let saved = options.plan_file.as_deref().map(file::load).transpose()?;
    // A saved plan names its catalog and target, so `apply PLAN` needs neither repeated.
    let global = match (&saved, &options.plan_file) {
        (Some(saved), Some(path)) => planned(global, path, saved, printer)?,
        _ => global.clone(),
    };
    let global = &global;
    super::with_stripe(global, printer, async |stripe| {
        let adopt = options.adopt || saved.as_ref().is_some_and(|saved| saved.plan.adopt);
        // A saved plan was shown when it was made: applying it needs no impact read.
        let mut plan = compute(global, stripe, adopt, saved.is_none(), printer).await?;
        plan.policy.allowed.clone_from(&options.allow);
        plan.policy.allowed_by = Some(options.operator.clone());
        // Before any question or write: a created endpoint's secret needs somewhere to go.
        check_webhook_secrets(&plan, options.webhook_secrets.as_deref())?;
        match &saved {
            Some(saved) => {
                // Passing the file is the approval (terraform's rule), once it proves fresh.
                saved.check_fresh(&plan)?;
                plan.policy.keep_subscribed(&saved.plan.policy);
                if blocked_by_policy(&plan, "apply", true, printer) {
                    return Ok(ExitStatus::BlockedByPolicy);
                }
            }
            None => {
                let asking = !plan.is_empty() && !options.auto_approve;
                match printer.format() {
                    // Stdout is for the one document saying what happened; the plan to
                    // approve goes to stderr.
                    OutputFormat::Json if asking => printer.stderr_line(&render::text(&plan, printer)),
                    OutputFormat::Json => {}
                    _ => show(&plan, printer),
                }
                if blocked_by_policy(&plan, "apply", false, printer) {
                    return Ok(ExitStatus::BlockedByPolicy);
                }
                if asking {
                    // A log that cannot be opened is refused before the question, not after.
                    check_audit_log(&options.audit_log)?;
                    confirm(&plan, printer)?;
                }
            }
        }
        let json = printer.format() == OutputFormat::Json;
        if plan.is_empty() {
            if json {
                printer.json(&document(&plan, &Outcome::default()));
            }
            if saved.is_some() || json {
                printer.status("No changes. Stripe matches the catalog.");
            }
            return Ok(ExitStatus::Success);
        }
        let run_id = format!("{}-{:016x}", jiff::Timestamp::now().as_second(), rand::random::<u64>());
        let apply_options = ApplyOptions {
            parallelism: options.parallelism,
            audit_log: options.audit_log.clone(),
            run_id,
            webhook_secrets: options.webhook_secrets.clone(),
        };
        let outcome = execute(&plan, &stripe.gateway, &apply_options, printer).await?;
        if json {
            printer.json(&document(&plan, &outcome));
        }
        for (action, reason) in &outcome.stale_replays {
            printer.warn(&format!(
                "{action}: Stripe replayed an earlier answer that no longer holds ({reason}); the write was made anew"
            ));
        }
        if outcome.succeeded() {
            let Summary { create, update, replace, archive, delete } = plan.summary();
            let deleted = if delete > 0 { format!(", {delete} deleted") } else { String::new() };
            printer.status_bold(&format!(
                "Apply complete: {create} created, {update} updated, {replace} replaced, {archive} archived{deleted} ({} {}, {}).",
                outcome.done.len(),
                if outcome.done.len() == 1 { "write" } else { "writes" },
                plan.header.mode.in_summary()
            ));
            if !outcome.replayed.is_empty() {
                printer.status(&format!(
                    "{} of these writes were answered by Stripe from an earlier request with the same idempotency key \
                     (verified against Stripe as it is now): this run wrote nothing for them.",
                    outcome.replayed.len()
                ));
            }
            return Ok(ExitStatus::Success);
        }
        if !json {
            printer.stderr_line(&outcome_table(&outcome));
        }
        // A saved plan is stale once part of it is applied: finishing means planning again.
        let rerun = if saved.is_some() {
            "plan again and apply the new plan (or run `stripe-catalog apply` without a plan file, same flags)"
        } else {
            "rerun `stripe-catalog apply` (same flags)"
        };
        if let Some(problem) = &outcome.secret_error {
            return Err(AlreadyReported(format!(
                "apply stopped: {problem}; {} of {} writes done, {} not started",
                outcome.done.len(),
                plan.actions.len(),
                outcome.not_started.len()
            ))
            .into());
        }
        if let Some(problem) = &outcome.audit_error {
            return Err(AlreadyReported(format!(
                "apply stopped: {problem}; {} of {} writes done ({} not on record: {}), {} failed, {} not started; \
                 make the audit log writable, then {rerun}: it converges",
                outcome.done.len(),
                plan.actions.len(),
                outcome.unrecorded.len(),
                outcome.unrecorded.join(", "),
                outcome.failed.len(),
                outcome.not_started.len()
            ))
            .into());
        }
        if outcome.interrupted && outcome.failed.is_empty() {
            let message = format!(
                "apply interrupted: {} of {} writes done, {} not started; to finish, {rerun}",
                outcome.done.len(),
                plan.actions.len(),
                outcome.not_started.len()
            );
            // Exit 130, with this one line as the report.
            return Err(anyhow::Error::new(crate::error::Interrupted).context(AlreadyReported(message)));
        }
        Err(AlreadyReported(format!(
            "apply stopped: {} of {} writes done, {} failed, {} not started; to finish, {rerun}: it converges",
            outcome.done.len(),
            plan.actions.len(),
            outcome.failed.len(),
            outcome.not_started.len()
        ))
        .into())
    })
}

/// Refuses a plan that creates webhook endpoints when their signing secrets would have nowhere
/// to go: Stripe shows an endpoint's secret only in the answer to its creation.
fn check_webhook_secrets(plan: &crate::plan::Plan, path: Option<&Path>) -> Result<()> {
    let creating: Vec<&str> = plan
        .actions
        .iter()
        .filter_map(|action| match &action.change {
            crate::plan::Change::CreateWebhook { key, .. } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    if creating.is_empty() {
        return Ok(());
    }
    let Some(path) = path else {
        let keys: Vec<String> = creating.iter().map(|key| format!("\"{}\"", shown(key))).collect();
        return Err(Hinted {
            message: format!(
                "the plan creates webhook {} {}, and Stripe shows an endpoint's signing secret only once, when it is created",
                if creating.len() == 1 { "endpoint" } else { "endpoints" },
                keys.join(", ")
            ),
            hints: vec![
                "pass `--webhook-secrets FILE`: each secret is appended there as `STRIPE_WEBHOOK_SECRET_<KEY>=whsec_…` (mode 600), never printed".to_string(),
                "nothing was written to Stripe".to_string(),
            ],
        }
        .into());
    };
    crate::webhooks::secrets::check(path)?;
    Ok(())
}

/// The settings to apply a saved plan with: its catalog and target, unless it predates their
/// recording.
fn planned(global: &GlobalSettings, path: &Path, saved: &SavedPlan, printer: &Printer) -> Result<GlobalSettings> {
    let Some(origin) = &saved.plan.origin else { return Ok(global.clone()) };
    let given = Given {
        catalog: global.catalog_given.then_some(global.catalog_path.as_path()),
        connection: &global.connection,
    };
    let target = apply_target(path, &saved.plan.header, origin, given)?;
    printer.status(&format!("Applying the plan in {} to the catalog {}", path.display(), target.catalog.display()));
    Ok(GlobalSettings {
        catalog_path: target.catalog,
        catalog_given: true,
        connection: target.connection,
        ..global.clone()
    })
}

/// Asks for `yes` on a terminal; refuses without one.
fn confirm(plan: &crate::plan::Plan, printer: &Printer) -> Result<()> {
    if !std::io::stdin().is_terminal() {
        return Err(Hinted {
            message: "refusing to apply without confirmation: stdin is not a terminal".to_string(),
            hints: vec![
                "rerun with `--auto-approve` once the plan is reviewed (as a CI release job would)".to_string(),
                "or save a reviewed plan with `plan --out FILE` and run `apply FILE`".to_string(),
            ],
        }
        .into());
    }
    printer.stderr_line("");
    printer.stderr_line(&format!(
        "Do you want to apply these changes to {} ({})? Only `yes` is accepted.",
        Shown(&plan.header.account.id),
        plan.header.mode.label()
    ));
    printer.stderr_line("  Enter a value: ");
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(AlreadyReported("apply cancelled: nothing was changed".to_string()).into())
    }
}

/// Actions not started listed by name in [`outcome_table`]; the rest are counted.
const NOT_STARTED_SHOWN: usize = 5;

/// What did not get done, after a failure or Ctrl-C: each failed write with its error, then
/// the first few writes never started and a count of the rest. Writes done were each
/// reported as they finished, and the closing line counts them; a 600-row table of them would
/// bury the failure.
fn outcome_table(outcome: &Outcome) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(vec!["action", "status", "detail"]);
    // Ids carry catalog keys, errors carry Stripe's words: both escaped.
    for failed in &outcome.failed {
        table.add_row(vec![shown(&failed.action), "FAILED".into(), shown_lines(&failed.message)]);
    }
    for action in outcome.not_started.iter().take(NOT_STARTED_SHOWN) {
        table.add_row(vec![shown(action), "not started".into(), "".into()]);
    }
    let more = outcome.not_started.len().saturating_sub(NOT_STARTED_SHOWN);
    if more > 0 {
        table.add_row(vec![format!("… and {more} more"), "not started".to_string(), String::new()]);
    }
    table.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::Failed;

    #[test]
    fn the_outcome_table_lists_what_was_not_done() {
        let outcome = Outcome {
            done: vec![("product/pro/create".to_string(), "pro".to_string())],
            failed: vec![Failed {
                action: "price/pro_monthly/create".to_string(),
                message: "boom".to_string(),
                ..Failed::default()
            }],
            not_started: vec!["product/pro/default_price".to_string()],
            ..Outcome::default()
        };
        let table = outcome_table(&outcome);
        for needle in ["FAILED", "price/pro_monthly/create", "boom", "not started", "product/pro/default_price"] {
            assert!(table.contains(needle), "{needle} missing from\n{table}");
        }
        assert!(!table.contains("product/pro/create"), "writes done were reported as they finished:\n{table}");
    }

    #[test]
    fn an_interrupted_600_write_apply_gets_a_short_summary() {
        let outcome = Outcome {
            done: (0..12).map(|n| (format!("product/p{n}/create"), format!("p{n}"))).collect(),
            not_started: (0..588).map(|n| format!("price/k{n}/create")).collect(),
            interrupted: true,
            ..Outcome::default()
        };
        let table = outcome_table(&outcome);
        let rows: Vec<&str> = table.lines().filter(|line| line.contains("not started")).collect();
        assert_eq!(rows.len(), NOT_STARTED_SHOWN + 1, "{table}");
        assert!(rows[0].contains("price/k0/create") && rows[4].contains("price/k4/create"), "{table}");
        assert!(rows[5].contains("… and 583 more"), "{table}");
        assert!(table.lines().count() < 15, "{table}");
    }
}
