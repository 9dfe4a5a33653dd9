//! `schema`: print the JSON Schema of the catalog file, for editors (`yaml-language-server`)
//! and CI. The checked-in `catalog.schema.json` is this output.

use anyhow::Result;

use crate::catalog;
use crate::exit_status::ExitStatus;
use crate::output::Printer;

/// Prints the schema on stdout.
///
/// # Errors
/// Never; the signature matches the other commands.
pub fn schema(printer: &Printer) -> Result<ExitStatus> {
    printer.data(catalog::json_schema().trim_end());
    Ok(ExitStatus::Success)
}
