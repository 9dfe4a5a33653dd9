//! stripe-catalog keeps a Stripe product catalog in a YAML file and makes Stripe match it.
//!
//! The binary is a thin shell over [`run`]; every module below is unit-testable on its own.

pub mod apply;
pub mod catalog;
pub mod checkout;
pub mod cli;
pub mod commands;
pub mod error;
pub mod exit_status;
pub mod gateway;
pub mod listing;
pub mod money;
pub mod objects;
pub mod output;
pub mod payments;
pub mod plan;
pub mod report;
pub mod sandbox;
pub mod secret;
pub mod settings;
pub mod when;
pub mod words;

use crate::cli::Cli;
use crate::exit_status::ExitStatus;
use crate::output::Printer;

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
