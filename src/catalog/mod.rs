//! The catalog file: loading `catalog.yaml`, checking it, and turning it into the normalised
//! desired state the planner compares with Stripe.
//!
//! This is the only module that reads YAML (serde-saphyr), so the crate can be swapped here.
//! `model.rs` mirrors the file, `validate.rs` checks it and normalises it, `shape.rs` finds
//! every structural problem when the file does not fit the model, `diagnostics.rs` renders
//! what was found, and `export.rs` writes Stripe's state as catalog text (`import`).

pub mod diagnostics;
pub mod export;
mod indent;
pub mod model;
mod shape;
pub mod validate;

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use self::diagnostics::{Diagnostic, Severity};
use crate::checkout::CustomerCreation;
use crate::error::{AlreadyReported, Hinted};
use crate::files::{self, ReadError};
use crate::objects::{DesiredMeter, DesiredPrice, DesiredProduct};
use crate::output::Printer;
use crate::settings::OutputFormat;
use crate::webhooks::DesiredWebhook;

/// Catalogs larger than this are refused before parsing: a real catalog is a few kilobytes,
/// and the cap keeps a wrong `-f` (a log file, a disk image) from eating memory.
pub const MAX_CATALOG_BYTES: u64 = 10 * 1024 * 1024;

/// A loaded, valid catalog in normalised form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// The file format version (always 1 for now).
    pub version: u32,
    /// When set, plan and apply refuse to touch any other Stripe account.
    pub account: Option<String>,
    /// Defaults for the checkout commands.
    pub checkout: CheckoutDefaults,
    /// Billing Meters in catalog order.
    #[serde(default)]
    pub meters: Vec<DesiredMeter>,
    /// Products in catalog order, each with its prices in catalog order.
    pub products: Vec<DesiredProduct>,
    /// The `policy:` section, defaults filled in.
    #[serde(default)]
    pub policy: crate::policy::Policy,
    /// Webhook endpoints in catalog order.
    #[serde(default)]
    pub webhooks: Vec<DesiredWebhook>,
}

impl Catalog {
    /// How many prices all products have together.
    #[must_use]
    pub fn price_count(&self) -> usize {
        self.products.iter().map(|product| product.prices.len()).sum()
    }

    /// The price whose key (lookup key) is `key`, with its product. Keys are unique across a
    /// valid catalog.
    #[must_use]
    pub fn price(&self, key: &str) -> Option<(&DesiredProduct, &DesiredPrice)> {
        self.products
            .iter()
            .find_map(|product| product.prices.iter().find(|price| price.key == key).map(|price| (product, price)))
    }

    /// The meter whose key is `key`. Meter keys are unique across a valid catalog.
    #[must_use]
    pub fn meter(&self, key: &str) -> Option<&DesiredMeter> {
        self.meters.iter().find(|meter| meter.key == key)
    }
}

/// The catalog's `checkout:` section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutDefaults {
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    /// `None`: the checkout commands' default (`always`).
    #[serde(default)]
    pub customer_creation: Option<CustomerCreation>,
}

/// A catalog that passed every check.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub catalog: Catalog,
    /// Problems that do not stop the catalog from being used (sorted by position).
    pub warnings: Vec<Diagnostic>,
    /// Hex SHA-256 of the file's bytes, so a saved plan can tell the catalog changed.
    pub sha256: String,
    /// Where active prices break the static policy rules (`require_currencies`,
    /// `require_tax_behavior`), as errors at each price's `key`. Not part of `warnings` nor a
    /// reason to refuse the catalog: `validate` reports them (exit 3), `plan` blocks on them.
    pub policy: Vec<Diagnostic>,
}

/// Why a catalog cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file could not be read at all (missing, a directory, too large, unreadable).
    #[error("cannot read the catalog `{file}`: {problem}")]
    Unreadable { file: String, problem: String, hint: String },
    /// The file was read and has problems: every diagnostic found, errors and warnings,
    /// sorted by position.
    #[error("{file}: {}", diagnostics::count_summary(.diagnostics))]
    Invalid { file: String, diagnostics: Vec<Diagnostic> },
}

/// Reads, parses and checks the catalog at `path`.
///
/// # Errors
/// [`CatalogError::Unreadable`] when the file cannot be read, [`CatalogError::Invalid`] with
/// every problem found otherwise.
pub fn load(path: &Path) -> Result<Loaded, CatalogError> {
    let file = path.display().to_string();
    let unreadable =
        |problem: String, hint: &str| CatalogError::Unreadable { file: file.clone(), problem, hint: hint.to_string() };
    let bytes = files::read_capped(path, MAX_CATALOG_BYTES).map_err(|err| match err {
        ReadError::NotFound => {
            unreadable(err.to_string(), "pass the catalog with `-f PATH`, or start one from `catalog.example.yaml`")
        }
        ReadError::NotAFile { .. } => {
            unreadable(err.to_string(), "pass the catalog file itself, e.g. `-f catalog.yaml`")
        }
        ReadError::TooLarge { size, .. } => too_large(&file, size),
        ReadError::Io(_) => unreadable(err.to_string(), "check the path and its permissions"),
    })?;
    parse(&file, &bytes)
}

/// Parses and checks catalog text; `file` names it in diagnostics.
///
/// # Errors
/// [`CatalogError::Invalid`] with every problem found, or [`CatalogError::Unreadable`] for
/// input over [`MAX_CATALOG_BYTES`].
pub fn parse(file: &str, bytes: &[u8]) -> Result<Loaded, CatalogError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_CATALOG_BYTES {
        return Err(too_large(file, Some(size)));
    }
    let invalid =
        |diagnostic: Diagnostic| CatalogError::Invalid { file: file.to_string(), diagnostics: vec![diagnostic] };
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(err) => return Err(invalid(not_utf8(file, bytes, err.valid_up_to()))),
    };
    let mut checker = validate::Checker::new(file, source);
    if is_blank(source) {
        checker.error(
            serde_saphyr::Location::UNKNOWN,
            "",
            "the catalog is empty",
            Some("start with `version: 1` and a `products:` list (see `catalog.example.yaml`)".to_string()),
        );
        return Err(CatalogError::Invalid { file: file.to_string(), diagnostics: checker.into_diagnostics() });
    }
    // `!!binary` would turn `MjkuOTk=` into `29.99` unseen by a reviewer: a catalog has no use
    // for binary, so its text is taken as written (and fails as the amount it is not).
    let mut options = serde_saphyr::Options::default();
    options.ignore_binary_tag_for_string = true;
    let raw: model::CatalogFile = match serde_saphyr::from_str_with_options(source, options) {
        Ok(raw) => raw,
        Err(err) => {
            // A moved line makes every later message about structure misleading ("missing
            // field" on the line above): the indentation is reported alone, at its own line.
            let misindented = indent::check(source);
            if !misindented.is_empty() {
                for found in misindented {
                    checker.push_at(Severity::Error, (found.line, found.column), "", found.message, Some(found.hint));
                }
                return Err(CatalogError::Invalid { file: file.to_string(), diagnostics: checker.into_diagnostics() });
            }
            let (line, column) = err.location().map_or((0, 0), |location| (location.line(), location.column()));
            let message = yaml_message(&err);
            let hint = yaml_hint(&message);
            // serde stops at the first structural problem; the shape pass finds the others.
            shape::check(source, &mut checker);
            let mut diagnostics = checker.into_diagnostics();
            let covered = diagnostics.iter().any(|diagnostic| {
                diagnostic.message == message || (diagnostic.line, diagnostic.column) == (line, column)
            });
            if !covered {
                let mut first = validate::Checker::new(file, source);
                first.push_at(Severity::Error, (line, column), "", message, hint);
                diagnostics.extend(first.into_diagnostics());
            }
            diagnostics::sort_and_dedup(&mut diagnostics);
            return Err(CatalogError::Invalid { file: file.to_string(), diagnostics });
        }
    };
    let catalog = validate::check(&raw, &mut checker);
    let mut diagnostics = checker.into_diagnostics();
    diagnostics::sort_and_dedup(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(CatalogError::Invalid { file: file.to_string(), diagnostics });
    }
    let mut rules = validate::Checker::new(file, source);
    validate::policy::static_rules(&raw, &catalog, &mut rules);
    let policy = rules.into_diagnostics();
    Ok(Loaded { catalog, warnings: diagnostics, sha256: hex::encode(Sha256::digest(bytes)), policy })
}

/// Loads the catalog for a command, printing warnings and (on failure) every diagnostic in the
/// chosen format.
///
/// # Errors
/// An [`AlreadyReported`] error (`catalog.yaml: 3 errors`) when the catalog has errors, a
/// [`Hinted`] error when it cannot be read.
pub fn load_reporting(path: &Path, printer: &Printer) -> anyhow::Result<Loaded> {
    match load(path) {
        Ok(loaded) => {
            print_diagnostics(printer, &loaded.warnings);
            Ok(loaded)
        }
        Err(err) => Err(report_failure(err, printer)),
    }
}

/// Prints a failed load (diagnostics on stderr as text, or the JSON report on stdout) and
/// returns the error for the top-level printer.
#[must_use]
pub fn report_failure(err: CatalogError, printer: &Printer) -> anyhow::Error {
    match err {
        CatalogError::Invalid { file, diagnostics } => {
            let summary = format!("{file}: {}", diagnostics::count_summary(&diagnostics));
            if printer.format() == OutputFormat::Json {
                printer.json(&Report::failed(&file, &diagnostics));
            } else {
                print_diagnostics(printer, &diagnostics);
            }
            AlreadyReported(summary).into()
        }
        CatalogError::Unreadable { file, problem, hint } => {
            // A script reading stdout gets its document whatever went wrong.
            if printer.format() == OutputFormat::Json {
                let diagnostic = Diagnostic {
                    file: file.clone(),
                    line: 0,
                    column: 0,
                    severity: Severity::Error,
                    path: String::new(),
                    message: format!("cannot read the catalog: {problem}"),
                    hint: Some(hint.clone()),
                    source_line: None,
                    width: 1,
                };
                printer.json(&Report::failed(&file, std::slice::from_ref(&diagnostic)));
            }
            Hinted::new(format!("cannot read the catalog `{file}`: {problem}"), hint).into()
        }
    }
}

/// Renders diagnostics on stderr, rustc style, with a blank line after each.
pub fn print_diagnostics(printer: &Printer, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        printer.stderr_line(&diagnostic.render(&|style, text| printer.paint_err(style, text)));
        printer.stderr_line("");
    }
}

/// What `validate --format json` prints (and plan/apply on a bad catalog).
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub file: &'a str,
    /// True when the catalog can be used.
    pub ok: bool,
    /// Counts when the catalog loaded; `null` otherwise (the keys are always there).
    pub products: Option<usize>,
    pub prices: Option<usize>,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> Report<'a> {
    /// The report for a catalog with errors.
    #[must_use]
    pub fn failed(file: &'a str, diagnostics: &'a [Diagnostic]) -> Report<'a> {
        let errors = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
        Report {
            file,
            ok: false,
            products: None,
            prices: None,
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics,
        }
    }

    /// The report for a catalog that loaded; `ok` is false when warnings are denied.
    #[must_use]
    pub fn loaded(file: &'a str, loaded: &'a Loaded, deny_warnings: bool) -> Report<'a> {
        Report {
            file,
            ok: !deny_warnings || loaded.warnings.is_empty(),
            products: Some(loaded.catalog.products.len()),
            prices: Some(loaded.catalog.price_count()),
            errors: 0,
            warnings: loaded.warnings.len(),
            diagnostics: &loaded.warnings,
        }
    }
}

/// The JSON Schema of the catalog file, pretty-printed, as `schema` prints it and
/// `catalog.schema.json` holds it.
#[must_use]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(model::CatalogFile);
    serde_json::to_string_pretty(&schema).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}")) + "\n"
}

/// The catalog is over [`MAX_CATALOG_BYTES`]; `size` when it is known.
fn too_large(file: &str, size: Option<u64>) -> CatalogError {
    let size = size.map_or_else(|| format!("over {MAX_CATALOG_BYTES} bytes"), |size| format!("{size} bytes"));
    CatalogError::Unreadable {
        file: file.to_string(),
        problem: format!("it is {size}; catalogs are limited to {MAX_CATALOG_BYTES} bytes (10 MiB)"),
        hint: "check that `-f` names the catalog YAML file".to_string(),
    }
}

/// One diagnostic at the first byte that is not UTF-8.
fn not_utf8(file: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let valid = String::from_utf8_lossy(&bytes[..valid_up_to.min(bytes.len())]).into_owned();
    let line = valid.matches('\n').count() + 1;
    let line_start = valid.rfind('\n').map_or(0, |index| index + 1);
    let column = valid[line_start..].chars().count() + 1;
    Diagnostic {
        file: file.to_string(),
        line: u64::try_from(line).unwrap_or(u64::MAX),
        column: u64::try_from(column).unwrap_or(u64::MAX),
        severity: Severity::Error,
        path: String::new(),
        message: "the catalog is not UTF-8 text".to_string(),
        hint: Some("save the file as UTF-8; YAML catalogs are plain text".to_string()),
        source_line: None,
        width: 1,
    }
}

/// True when the text holds nothing but whitespace, comments and document markers.
fn is_blank(source: &str) -> bool {
    source.lines().all(|line| {
        let trimmed = line.trim().trim_start_matches('\u{feff}');
        trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" || trimmed == "..."
    })
}

/// The YAML reader's message without its location suffix (the diagnostic carries that), with
/// control characters made visible.
fn yaml_message(err: &serde_saphyr::Error) -> String {
    use serde_saphyr::MessageFormatter as _;
    let message = serde_saphyr::UserMessageFormatter.format_message(err.without_snippet()).into_owned();
    message.chars().flat_map(|ch| if ch.is_control() { ch.escape_default().collect() } else { vec![ch] }).collect()
}

fn yaml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling against the README's catalog reference (or `stripe-catalog schema`)".to_string())
    } else if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
        Some(missing_field_hint(field).to_string())
    } else if message.contains("expected mapping") {
        Some(
            "a catalog is a YAML mapping (`version: 1`, then `products:`), and so is each product and price"
                .to_string(),
        )
    } else if message.contains("null is not allowed") {
        Some("give the field a value, or remove it".to_string())
    } else if message.contains("recursion limit") {
        Some("the YAML nests deeper than a catalog ever does; check for unbalanced `[` or `{`".to_string())
    } else if message.contains("duplicate") {
        Some("each key may appear once per mapping; remove or rename the repeat".to_string())
    } else {
        None
    }
}

fn missing_field_hint(field: &str) -> &'static str {
    match field {
        "version" => "start the file with `version: 1`",
        "id" => "every product needs an `id`, which becomes its Stripe product id (e.g. `id: pro`)",
        "name" => "every product needs a `name` customers see (e.g. `name: Pro Plan`)",
        "key" => {
            "every price needs a `key`, which becomes its lookup key (e.g. `key: pro-monthly`), and every meter one its prices name in `recurring.meter`"
        }
        "currency" => "every price needs a `currency` (e.g. `currency: usd`)",
        "interval" => "`recurring` needs an `interval`: `day`, `week`, `month` or `year`",
        "up_to" => "every tier needs `up_to`: a quantity, or `inf` for the last tier",
        "divide_by" | "round" => "`transform_quantity` needs both `divide_by` and `round` (`up` or `down`)",
        "display_name" => {
            "every meter needs a `display_name`, its name in the Dashboard (e.g. `display_name: API calls`)"
        }
        "event_name" => {
            "every meter needs the `event_name` your application sends usage under (e.g. `event_name: api_call`)"
        }
        "aggregation" => "every meter needs an `aggregation`: `sum`, `count` or `last`",
        "url" => "every webhook needs the `url` Stripe sends events to (e.g. `url: https://example.com/webhook`)",
        "events" => {
            "every webhook needs `events`: the event types to send (e.g. `[checkout.session.completed]`), or `[\"*\"]`"
        }
        _ => "add the field; the README's catalog reference lists what each entry needs",
    }
}
