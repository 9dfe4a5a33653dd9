//! stripe-catalog keeps a Stripe product catalog in a YAML file and makes Stripe match it.
//!
//! The binary is a thin shell over [`run`]; every module below is unit-testable on its own.

pub mod apply;
pub mod catalog;
pub mod checkout;
pub mod cli;
pub mod commands;
pub mod error;
pub mod escape;
pub mod exit_status;
pub mod files;
pub mod gateway;
pub mod listing;
pub mod money;
pub mod objects;
pub mod output;
pub mod payments;
pub mod plan;
pub mod policy;
pub mod report;
pub mod secret;
pub mod settings;
pub mod subscriptions;
pub mod webhooks;
pub mod when;
pub mod words;

use std::ffi::OsString;

use clap::Parser;

use crate::cli::Cli;
use crate::exit_status::ExitStatus;
use crate::output::Printer;

/// Parses the command line and runs it. A usage error (unknown flag, missing value) exits 1
/// like every other error: exit 2 is `plan --detailed-exitcode`'s "changes present", and a CI
/// step that reads it must never take a typo for a plan.
#[must_use]
pub fn main<I, T>(args: I) -> ExitStatus
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => run(cli),
        Err(err) => usage_error(&err, &args),
    }
}

/// Prints clap's message (help and version go to stdout and succeed) with our tips.
fn usage_error(err: &clap::Error, args: &[OsString]) -> ExitStatus {
    use clap::error::ErrorKind;
    // Writing help to a closed pipe is not worth an error of its own.
    let _ = err.print();
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return ExitStatus::Success;
    }
    let printer = Printer::fallback();
    for tip in cli::usage_tips(args) {
        printer.hint(&tip);
    }
    ExitStatus::Error
}

/// Resolves the command line into settings, runs the command and reports any error.
#[must_use]
pub fn run(cli: Cli) -> ExitStatus {
    let settings = match settings::Settings::resolve(cli) {
        Ok(settings) => settings,
        Err(err) => {
            report::failure(&Printer::fallback(), &err);
            return ExitStatus::Error;
        }
    };
    let printer = Printer::new(&settings.global);
    match commands::dispatch(settings, &printer) {
        Ok(status) => status,
        Err(err) => {
            report::failure(&printer, &err);
            error::exit_status_for(&err)
        }
    }
}
