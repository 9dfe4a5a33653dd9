//! `completions <SHELL>` and the hidden `man`: generated from the clap definition, so they can
//! never disagree with the real flags.

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit_status::ExitStatus;
use crate::output::Printer;

/// The completion script for `shell`, as text.
#[must_use]
pub fn completion_script(shell: clap_complete::Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "stripe-catalog", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}

/// `completions <SHELL>`: prints the script on stdout.
///
/// # Errors
/// Never; the signature matches the other commands.
pub fn completions(shell: clap_complete::Shell, printer: &Printer) -> Result<ExitStatus> {
    printer.data(completion_script(shell).trim_end());
    Ok(ExitStatus::Success)
}

/// `man`: prints the roff man page on stdout.
///
/// # Errors
/// When the page cannot be rendered.
pub fn man(printer: &Printer) -> Result<ExitStatus> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buffer).context("could not render the man page")?;
    printer.data(String::from_utf8_lossy(&buffer).trim_end());
    Ok(ExitStatus::Success)
}
