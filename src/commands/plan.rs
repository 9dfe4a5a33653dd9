//! `plan`: compare the catalog with Stripe and show what `apply` would do.

use anyhow::Result;

use crate::catalog;
use crate::error::Hinted;
use crate::exit_status::ExitStatus;
use crate::gateway::{self, Gateway};
use crate::output::Printer;
use crate::plan::{self, DiffOptions, Plan, PlanHeader, render};
use crate::settings::{GlobalSettings, OutputFormat, PlanSettings, require_document_format};

pub(super) fn plan(global: &GlobalSettings, options: &PlanSettings, printer: &Printer) -> Result<ExitStatus> {
    require_document_format(global.format, "plan")?;
    let stripe = global.connection.resolve()?;
    super::run_async(async {
        let connection = gateway::connect(&stripe, printer).await?;
        let plan = compute(global, &connection.gateway, options.adopt, printer).await?;
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

/// Loads the catalog, reads Stripe and diffs them. Refuses a catalog pinned to another
/// account before anything else happens.
pub(super) async fn compute(
    global: &GlobalSettings,
    gateway: &Gateway,
    adopt: bool,
    printer: &Printer,
) -> Result<Plan> {
    let loaded = catalog::load_reporting(&global.catalog_path, printer)?;
    let account = gateway.account().await?;
    check_account_pin(loaded.catalog.account.as_deref(), &account.id)?;
    let spinner = printer.spinner("reading Stripe");
    let remote = gateway.read_state().await;
    spinner.finish_and_clear();
    let remote = remote?;
    let header = PlanHeader {
        account,
        mode: gateway.mode(),
        api_base: (!gateway.is_real_stripe()).then(|| gateway.api_base().to_string()),
        catalog_sha256: loaded.sha256,
    };
    plan::diff(&loaded.catalog, &remote, &DiffOptions { adopt, header })
        .map_err(|err| anyhow::Error::new(Hinted { message: err.to_string(), hints: err.hints() }))
}

/// Refuses to plan against an account other than the one the catalog pins.
pub(super) fn check_account_pin(pinned: Option<&str>, actual: &str) -> Result<()> {
    match pinned {
        Some(pinned) if pinned != actual => Err(Hinted::new(
            format!("the catalog is pinned to account `{pinned}`, but the API key belongs to `{actual}`"),
            format!("use a key for `{pinned}`, or change `account:` in the catalog if `{actual}` is really meant"),
        )
        .into()),
        _ => Ok(()),
    }
}

/// Prints the plan as the output format asks.
pub(super) fn show(plan: &Plan, printer: &Printer) {
    match printer.format() {
        OutputFormat::Json => printer.json(&render::document(plan)),
        _ => printer.data(&render::text(plan, printer)),
    }
}
