//! `import`: write a catalog file from the account's existing products and prices, so adopting
//! an account is `import -o catalog.yaml`, `plan --adopt`, `apply --adopt`.
//!
//! Reading only: nothing is written to Stripe. The catalog text comes from
//! [`catalog::export`]; this file reads Stripe, reports what was left out, and writes the file
//! atomically (never over an existing file without `--force`).

use std::io::{self, Write as _};
use std::path::Path;

use anyhow::{Context, Result};
use jiff::{Timestamp, Unit};
use serde_json::json;

use crate::catalog::export::{self, Export, ExportOptions, Origin, SkipReason, Skipped, SkippedObject};
use crate::error::Hinted;
use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::settings::{GlobalSettings, ImportSettings, OutputFormat, require_document_format};
use crate::words::plural;

/// The schema file the modeline names, next to the catalog.
const SCHEMA_FILE: &str = "catalog.schema.json";

pub(super) fn import(global: &GlobalSettings, options: &ImportSettings, printer: &Printer) -> Result<ExitStatus> {
    require_document_format(global.format, "import")?;
    if global.format == OutputFormat::Json && options.output.is_none() {
        return Err(Hinted::new(
            "`import --format json` prints a report, so the catalog itself needs a file",
            "add `-o catalog.yaml`",
        )
        .into());
    }
    if let Some(path) = &options.output {
        refuse_existing(path, options.force)?;
    }
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        let spinner = printer.spinner("reading Stripe");
        let read = tokio::try_join!(gateway.account(), gateway.read_state_tolerant());
        spinner.finish_and_clear();
        let (account, (state, unreadable)) = read?;
        let server = if stripe.is_in_process_sandbox() {
            Some("the local sandbox".to_string())
        } else {
            (!gateway.is_real_stripe()).then(|| server_label(gateway.api_base()))
        };
        let now = Timestamp::now();
        let origin = Origin {
            account: account.id.clone(),
            mode: gateway.mode(),
            imported_at: now.round(Unit::Second).unwrap_or(now).to_string(),
            server,
        };
        if let Some(problem) = &unreadable.meters {
            printer.warn(&format!(
                "the account's Billing Meters could not be read, so metered prices are left out: {problem}"
            ));
        }
        // The modeline is worth writing only where the schema is: next to the catalog (this
        // directory for stdout, where `import > catalog.yaml` puts it).
        let directory = options.output.as_deref().and_then(Path::parent).filter(|dir| !dir.as_os_str().is_empty());
        let schema_modeline = directory.unwrap_or(Path::new(".")).join(SCHEMA_FILE).is_file();
        let export_options = ExportOptions { include_archived: options.include_archived, schema_modeline };
        let export = export::export(&state, &unreadable.prices, &origin, export_options)?;

        for skipped in &export.skipped {
            printer.warn(&format!("{}: left out", skipped.describe()));
        }
        for hint in hints(&export.skipped) {
            printer.hint(hint);
        }
        match &options.output {
            Some(path) => write_catalog(path, &export.text, options.force)?,
            None => printer.data(export.text.trim_end_matches('\n')),
        }
        if printer.format() == OutputFormat::Json {
            printer.json(&report(&export, &origin, options));
        } else {
            printer.status(&summary(&export, options));
            if !schema_modeline {
                printer.status(&format!(
                    "tip: editors complete and check the catalog with its JSON Schema: write it next to the catalog with \
                     `stripe-catalog schema > {SCHEMA_FILE}` and add `# yaml-language-server: $schema=./{SCHEMA_FILE}` \
                     as the catalog's first line"
                ));
            }
            if let Some(path) = &options.output {
                printer.status(&format!(
                    "next: `stripe-catalog plan --adopt -f {0}` shows what adopting takes, `stripe-catalog apply --adopt -f {0}` does it",
                    path.display()
                ));
            }
        }
        Ok(ExitStatus::Success)
    })
}

/// Refuses before reading Stripe, so a mistyped `-o` costs nothing.
fn refuse_existing(path: &Path, force: bool) -> Result<()> {
    if path.is_dir() {
        return Err(Hinted::new(
            format!("`{}` is a directory", path.display()),
            "name the catalog file itself, e.g. `-o catalog.yaml`",
        )
        .into());
    }
    if path.exists() && !force {
        return Err(Hinted::new(
            format!("`{}` already exists", path.display()),
            "pass `--force` to replace it, or choose another file with `-o`",
        )
        .into());
    }
    Ok(())
}

/// Writes the whole file or nothing: a temporary file beside it, then a rename. Without
/// `force` the rename refuses to replace a file that appeared meanwhile.
fn write_catalog(path: &Path, text: &str, force: bool) -> Result<()> {
    let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".stripe-catalog-import-");
    // A catalog is meant to be read and committed, unlike a saved plan: not owner-only.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder
        .tempfile_in(directory)
        .with_context(|| format!("could not create a file in `{}`", directory.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("could not write `{}`", path.display()))?;
    let persisted = if force { file.persist(path) } else { file.persist_noclobber(path) };
    match persisted {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => Err(Hinted::new(
            format!("`{}` already exists", path.display()),
            "pass `--force` to replace it, or choose another file with `-o`",
        )
        .into()),
        Err(err) => Err(anyhow::Error::new(err.error).context(format!("could not write `{}`", path.display()))),
    }
}

/// The host of a non-Stripe API base, without credentials or path.
fn server_label(api_base: &str) -> String {
    let (scheme, rest) = api_base.split_once("://").unwrap_or(("", api_base));
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if scheme.is_empty() { host.to_string() } else { format!("{scheme}://{host}") }
}

fn hints(skipped: &[Skipped]) -> Vec<&'static str> {
    let mut hints = Vec::new();
    if skipped.iter().any(|skipped| skipped.reason == SkipReason::NoLookupKey) {
        hints.push(
            "to import a price without a lookup key, give it one (Dashboard: the price's Edit page; API: `POST /v1/prices/{id}` with `lookup_key`), then import again",
        );
    }
    if skipped.iter().any(|skipped| !matches!(skipped.reason, SkipReason::NoLookupKey)) {
        hints.push(
            "objects left out stay as they are in Stripe; plan and apply never touch objects the catalog does not name",
        );
    }
    hints
}

/// `imported 4 products, 9 prices into catalog.yaml; skipped 1 price without a lookup key`.
fn summary(export: &Export, options: &ImportSettings) -> String {
    let destination = options.output.as_ref().map(|path| format!(" into {}", path.display())).unwrap_or_default();
    let meters =
        if export.meters > 0 { format!(", {}", plural(export.meters, "meter", "meters")) } else { String::new() };
    let mut text = format!(
        "imported {}, {}{meters}{destination}",
        plural(export.products, "product", "products"),
        plural(export.prices, "price", "prices")
    );
    let keyless = export.skipped.iter().filter(|skipped| skipped.reason == SkipReason::NoLookupKey).count();
    let other_prices = export
        .skipped
        .iter()
        .filter(|skipped| {
            skipped.reason != SkipReason::NoLookupKey && matches!(skipped.object, SkippedObject::Price { .. })
        })
        .count();
    let products =
        export.skipped.iter().filter(|skipped| matches!(skipped.object, SkippedObject::Product { .. })).count();
    let meters = export.skipped.iter().filter(|skipped| matches!(skipped.object, SkippedObject::Meter { .. })).count();
    let mut skips = Vec::new();
    if keyless > 0 {
        skips.push(format!("{} without a lookup key", plural(keyless, "price", "prices")));
    }
    if other_prices > 0 {
        skips.push(format!("{} the catalog cannot hold", plural(other_prices, "price", "prices")));
    }
    if products > 0 {
        skips.push(format!("{} the catalog cannot hold", plural(products, "product", "products")));
    }
    if meters > 0 {
        skips.push(format!("{} the catalog cannot hold", plural(meters, "meter", "meters")));
    }
    if !skips.is_empty() {
        text.push_str(&format!("; skipped {}", skips.join(", ")));
    }
    let archived = export.archived_left_out;
    let mut left_out = Vec::new();
    if archived.products > 0 {
        left_out.push(plural(archived.products, "archived product", "archived products"));
    }
    if archived.prices > 0 {
        left_out.push(plural(archived.prices, "archived price", "archived prices"));
    }
    if archived.meters > 0 {
        left_out.push(plural(archived.meters, "inactive meter", "inactive meters"));
    }
    if !left_out.is_empty() {
        text.push_str(&format!("; left out {} (`--include-archived` imports them)", left_out.join(" and ")));
    }
    if export.replaced_left_out > 0 {
        text.push_str(&format!(
            "; left out {} stripe-catalog replaced (their lookup keys moved to the new prices)",
            plural(export.replaced_left_out, "price", "prices")
        ));
    }
    if !export.warnings.is_empty() {
        text.push_str(&format!(
            "; the catalog has {} (`validate` shows them)",
            plural(export.warnings.len(), "warning", "warnings")
        ));
    }
    text
}

/// What `import -o FILE --format json` prints.
fn report(export: &Export, origin: &Origin, options: &ImportSettings) -> serde_json::Value {
    let skipped: Vec<serde_json::Value> = export
        .skipped
        .iter()
        .map(|skipped| {
            let reason = match &skipped.reason {
                SkipReason::NoLookupKey => "no_lookup_key",
                SkipReason::Refused(_) => "refused_by_catalog_checks",
                SkipReason::DuplicateKey { .. } => "duplicate_lookup_key",
                SkipReason::ProductMissing => "product_missing",
                SkipReason::Unreadable(_) => "unreadable",
                SkipReason::NotExact => "not_exact",
                SkipReason::MeterMissing(_) => "meter_missing",
            };
            let object = match &skipped.object {
                SkippedObject::Product { id, prices } => json!({ "type": "product", "id": id, "prices": prices }),
                SkippedObject::Price { id, product, lookup_key } => {
                    json!({ "type": "price", "id": id, "product": product, "lookup_key": lookup_key })
                }
                SkippedObject::Meter { id, event_name } => {
                    json!({ "type": "meter", "id": id, "event_name": event_name })
                }
            };
            json!({ "object": object, "reason": reason, "message": skipped.describe() })
        })
        .collect();
    let archived = export.archived_left_out;
    json!({
        "file": options.output.as_ref().map(|path| path.display().to_string()),
        "account": origin.account,
        "mode": origin.mode,
        "products": export.products,
        "prices": export.prices,
        "meters": export.meters,
        "skipped": skipped,
        "archived_left_out": {
            "products": archived.products,
            "prices_of_those_products": archived.prices_of_products,
            "prices": archived.prices,
            "meters": archived.meters,
        },
        "replaced_left_out": export.replaced_left_out,
        "warnings": export.warnings.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_labels_never_carry_credentials_or_paths() {
        assert_eq!(server_label("http://127.0.0.1:4242"), "http://127.0.0.1:4242");
        assert_eq!(server_label("https://user:sk_test_x@proxy.example.com/v1/"), "https://proxy.example.com");
        assert_eq!(server_label("localhost:12111"), "localhost:12111");
    }
}
