//! `validate`: check the catalog offline and report every problem at once.

use std::path::Path;

use anyhow::Result;

use crate::catalog::{self, Report};
use crate::error::AlreadyReported;
use crate::escape::shown;
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::settings::{self, OutputFormat};
use crate::words::plural;

/// Loads and checks the catalog at `path`. Prints `catalog.yaml: 3 products, 7 prices, OK` (or
/// the JSON report) on stdout and the diagnostics on stderr.
///
/// # Errors
/// When the catalog has errors (already printed), has warnings under `deny_warnings`, or
/// cannot be read.
pub fn validate(path: &Path, deny_warnings: bool, printer: &Printer) -> Result<ExitStatus> {
    settings::require_document_format(printer.format(), "validate")?;
    let file = path.display().to_string();
    let loaded = catalog::load(path).map_err(|err| catalog::report_failure(err, printer))?;
    let denied = deny_warnings && !loaded.warnings.is_empty();
    if !loaded.policy.is_empty() {
        return Err(policy_blocked(&file, &loaded, printer));
    }
    if printer.format() == OutputFormat::Json {
        printer.json(&Report::loaded(&file, &loaded, deny_warnings));
    } else {
        catalog::print_diagnostics(printer, &loaded.warnings);
        let mut summary = format!(
            "{}: {}, {}, OK",
            shown(&file),
            plural(loaded.catalog.products.len(), "product", "products"),
            plural(loaded.catalog.price_count(), "price", "prices")
        );
        if !loaded.warnings.is_empty() {
            summary.push_str(&format!(" ({})", plural(loaded.warnings.len(), "warning", "warnings")));
        }
        if !denied {
            printer.data(&summary);
        }
    }
    if denied {
        return Err(AlreadyReported(format!(
            "{file}: {} (denied by `--deny-warnings`)",
            plural(loaded.warnings.len(), "warning", "warnings")
        ))
        .into());
    }
    Ok(ExitStatus::Success)
}

/// The catalog is valid, but active prices break its static policy rules
/// (`require_currencies`, `require_tax_behavior`): every finding with the warnings, then exit 3,
/// the code `plan` would block with.
fn policy_blocked(file: &str, loaded: &catalog::Loaded, printer: &Printer) -> anyhow::Error {
    let mut diagnostics: Vec<catalog::Diagnostic> = loaded.warnings.iter().chain(&loaded.policy).cloned().collect();
    catalog::diagnostics::sort_and_dedup(&mut diagnostics);
    if printer.format() == OutputFormat::Json {
        let mut report = Report::failed(file, &diagnostics);
        report.products = Some(loaded.catalog.products.len());
        report.prices = Some(loaded.catalog.price_count());
        printer.json(&report);
    } else {
        catalog::print_diagnostics(printer, &diagnostics);
    }
    let summary = format!(
        "{file}: blocked by policy: {}",
        plural(loaded.policy.len(), "price rule broken", "price rules broken")
    );
    anyhow::Error::new(crate::error::BlockedByPolicy).context(AlreadyReported(summary))
}
