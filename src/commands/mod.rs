//! One file per subcommand; this module only dispatches.

mod apply;
mod checkout;
pub mod completions;
mod import;
mod payments;
mod plan;
mod sandbox;
mod sandbox_pay;
pub mod schema;
pub mod validate;

use std::future::Future;

use anyhow::{Context, Result};

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
        CommandSettings::SandboxServe(serve) => sandbox::serve(&serve, printer),
        CommandSettings::SandboxReset { state_path } => sandbox::reset(&state_path, printer),
        CommandSettings::Validate { deny_warnings } => {
            validate::validate(&settings.global.catalog_path, deny_warnings, printer)
        }
        CommandSettings::Schema => schema::schema(printer),
        CommandSettings::SandboxPay { target, card, email } => {
            sandbox_pay::pay(&target, &card, email.as_deref(), &settings.global, printer)
        }
        CommandSettings::CheckoutSession(session) => checkout::session(session, &settings.global, printer),
        CommandSettings::CheckoutLink(link) => checkout::link(link, &settings.global, printer),
        CommandSettings::CheckoutLinkList { active, limit } => {
            checkout::link_list(active, limit, &settings.global, printer)
        }
        CommandSettings::CheckoutLinkDeactivate { id } => checkout::link_deactivate(&id, &settings.global, printer),
        CommandSettings::PaymentsList(list) => payments::list(list, &settings.global, printer),
        CommandSettings::PaymentsShow { id } => payments::show(&id, &settings.global, printer),
        CommandSettings::Import(options) => import::import(&settings.global, &options, printer),
        CommandSettings::Plan(options) => plan::plan(&settings.global, &options, printer),
        CommandSettings::Apply(options) => apply::apply(&settings.global, &options, printer),
    }
}

/// Runs an async command (one that talks to Stripe) to completion on a runtime built for it.
/// Synchronous commands never pay for a runtime.
///
/// The runtime has one thread: the commands wait on the network, not the CPU, and on one
/// thread a finished HTTP/1 connection is back in the pool before the next request looks
/// for one. On two worker threads that race opened 3–5 connections for the 3 concurrent
/// lists of a catalog read, instead of 3.
///
/// # Errors
/// When the runtime cannot start, or whatever the command fails with.
pub fn run_async<F>(command: F) -> Result<ExitStatus>
where
    F: Future<Output = Result<ExitStatus>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(command)
}
