//! `apply`: make Stripe match the catalog, after showing the plan and getting a `yes`, or by
//! applying a saved plan that is still exactly what would be done now.

use std::io::{BufRead, IsTerminal};

use anyhow::Result;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

use super::plan::{compute, show};
use crate::apply::{ApplyOptions, Outcome, check_audit_log, execute};
use crate::error::{AlreadyReported, Hinted};
use crate::escape::{Shown, shown};
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::plan::{Summary, file};
use crate::settings::{ApplySettings, GlobalSettings, require_document_format};

pub(super) fn apply(global: &GlobalSettings, options: &ApplySettings, printer: &Printer) -> Result<ExitStatus> {
    require_document_format(global.format, "apply")?;
    let saved = options.plan_file.as_deref().map(file::load).transpose()?;
    super::with_stripe(global, printer, async |stripe| {
        let adopt = options.adopt || saved.as_ref().is_some_and(|saved| saved.plan.adopt);
        let plan = compute(global, stripe, adopt, printer).await?;
        match &saved {
            Some(saved) => {
                // Passing the file is the approval (terraform's rule), once it proves fresh.
                saved.check_fresh(&plan)?;
            }
            None => {
                show(&plan, printer);
                if !plan.is_empty() && !options.auto_approve {
                    // A log that cannot be opened is refused before the question, not after.
                    check_audit_log(&options.audit_log)?;
                    confirm(&plan, printer)?;
                }
            }
        }
        if plan.is_empty() {
            if saved.is_some() {
                printer.status("No changes. Stripe matches the catalog.");
            }
            return Ok(ExitStatus::Success);
        }
        let run_id = format!("{}-{:016x}", jiff::Timestamp::now().as_second(), rand::random::<u64>());
        let apply_options =
            ApplyOptions { parallelism: options.parallelism, audit_log: options.audit_log.clone(), run_id };
        let outcome = execute(&plan, &stripe.gateway, &apply_options, printer).await?;
        for (action, reason) in &outcome.stale_replays {
            printer.warn(&format!(
                "{action}: Stripe replayed an earlier answer that no longer holds ({reason}); the write was made anew"
            ));
        }
        if outcome.succeeded() {
            let Summary { create, update, replace, archive } = plan.summary();
            printer.status_bold(&format!(
                "Apply complete: {create} created, {update} updated, {replace} replaced, {archive} archived ({} writes, {}).",
                outcome.done.len(),
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
        printer.stderr_line(&outcome_table(&outcome));
        if let Some(problem) = &outcome.audit_error {
            return Err(AlreadyReported(format!(
                "apply stopped: {problem}; {} of {} writes done ({} not on record: {}), {} failed, {} not started; \
                 make the audit log writable, then rerun `stripe-catalog apply` (it converges)",
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
                "apply interrupted: {} of {} writes done, {} not started; rerun `stripe-catalog apply` to finish",
                outcome.done.len(),
                plan.actions.len(),
                outcome.not_started.len()
            );
            // Exit 130, with this one line as the report.
            return Err(anyhow::Error::new(crate::error::Interrupted).context(AlreadyReported(message)));
        }
        Err(AlreadyReported(format!(
            "apply stopped: {} of {} writes done, {} failed, {} not started; rerun `stripe-catalog apply` to finish (it converges)",
            outcome.done.len(),
            plan.actions.len(),
            outcome.failed.len(),
            outcome.not_started.len()
        ))
        .into())
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

/// Done / failed / not started, one row per write.
fn outcome_table(outcome: &Outcome) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(vec!["action", "status", "detail"]);
    // Ids carry catalog keys, errors carry Stripe's words: both escaped.
    for (action, id) in &outcome.done {
        table.add_row(vec![shown(action), "done".into(), shown(id)]);
    }
    for (action, error) in &outcome.failed {
        table.add_row(vec![shown(action), "FAILED".into(), shown(error)]);
    }
    for action in &outcome.not_started {
        table.add_row(vec![shown(action), "not started".into(), "".into()]);
    }
    table.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outcome_table_lists_every_write() {
        let outcome = Outcome {
            done: vec![("product/pro/create".to_string(), "pro".to_string())],
            failed: vec![("price/pro_monthly/create".to_string(), "boom".to_string())],
            not_started: vec!["product/pro/default_price".to_string()],
            ..Outcome::default()
        };
        let table = outcome_table(&outcome);
        for needle in ["product/pro/create", "done", "FAILED", "boom", "not started", "product/pro/default_price"] {
            assert!(table.contains(needle), "{needle} missing from\n{table}");
        }
    }
}
