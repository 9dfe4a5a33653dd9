//! One file per subcommand; this module only dispatches.

mod completions;

use anyhow::Result;

use crate::exit_status::ExitStatus;
use crate::output::Printer;
use crate::settings::{CommandSettings, Settings};

/// Runs the resolved command.
///
/// # Errors
/// Whatever the command fails with; the caller reports it.
pub fn dispatch(settings: Settings, printer: &Printer) -> Result<ExitStatus> {
    match settings.command {
        CommandSettings::Completions { shell } => completions::completions(shell, printer),
        CommandSettings::Man => completions::man(printer),
        CommandSettings::Validate { .. } | CommandSettings::Schema => anyhow::bail!("not implemented yet"),
    }
}
