//! `plan`: compare the catalog with Stripe and show what `apply` would do.

use anyhow::Result;

use super::Stripe;
use crate::catalog;
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::plan::{self, Plan, PlanInputs, plan_for, render};
use crate::settings::{GlobalSettings, OutputFormat, PlanSettings, require_document_format};

pub(super) fn plan(global: &GlobalSettings, options: &PlanSettings, printer: &Printer) -> Result<ExitStatus> {
    require_document_format(global.format, "plan")?;
    super::with_stripe(global, printer, async |stripe| {
        let plan = compute(global, stripe, options.adopt, printer).await?;
        show(&plan, printer);
        if let Some(path) = &options.out {
            plan::file::save(&plan, path)?;
            printer.status(&format!(
                "Saved the plan to {}; apply it with `stripe-catalog apply {}`.",
                path.display(),
                path.display()
            ));
            printer.warn(&format!(
                "{} describes your Stripe account and catalog: treat it as sensitive and do not publish it (it never holds the API key)",
                path.display()
            ));
        }
        Ok(if options.detailed_exitcode && !plan.is_empty() { ExitStatus::ChangesPresent } else { ExitStatus::Success })
    })
}

/// Loads the catalog, reads Stripe and diffs them.
pub(super) async fn compute(global: &GlobalSettings, stripe: &Stripe, adopt: bool, printer: &Printer) -> Result<Plan> {
    let loaded = catalog::load_reporting(&global.catalog_path, printer)?;
    let spinner = printer.spinner("reading Stripe");
    let in_process_sandbox = stripe.is_in_process_sandbox();
    if let (true, Some(pinned)) = (in_process_sandbox, &loaded.catalog.account) {
        printer.status(&format!("sandbox: the catalog's account pin `{pinned}` does not apply to the local emulator"));
    }
    let inputs = PlanInputs { catalog_sha256: loaded.sha256, adopt, in_process_sandbox };
    let plan = plan_for(&stripe.gateway, &loaded.catalog, inputs).await;
    spinner.finish_and_clear();
    plan
}

/// Prints the plan as the output format asks.
pub(super) fn show(plan: &Plan, printer: &Printer) {
    match printer.format() {
        OutputFormat::Json => printer.json(&render::document(plan)),
        _ => printer.data(&render::text(plan, printer)),
    }
}
