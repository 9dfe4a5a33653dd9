//! One file per subcommand; this module only dispatches.

mod apply;
mod checkout;
pub mod completions;
mod events;
mod import;
mod payments;
mod plan;
mod sandbox;
mod sandbox_advance;
mod sandbox_pay;
mod sandbox_trigger;
pub mod schema;
mod subscriptions;
pub mod validate;
mod webhooks_verify;

use std::future::Future;

use anyhow::{Context, Result};

use crate::exit_status::ExitStatus;
use crate::gateway::{self, Gateway};
use crate::objects::Mode;
use crate::output::Printer;
use crate::secret::Secret;
use crate::settings::{CommandSettings, GlobalSettings, Settings, StripeSettings, StripeTarget};
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

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
        CommandSettings::SandboxAdvance { by } => sandbox_advance::advance(by, &settings.global, printer),
        CommandSettings::SandboxTrigger { event } => sandbox_trigger::trigger(&event, &settings.global, printer),
        CommandSettings::SandboxPay { target, card, email, authenticate } => {
            sandbox_pay::pay(&target, &card, email.as_deref(), authenticate, &settings.global, printer)
        }
        CommandSettings::CheckoutSession(session) => checkout::session(session, &settings.global, printer),
        CommandSettings::CheckoutLink(link) => checkout::link(link, &settings.global, printer),
        CommandSettings::CheckoutLinkList { active, limit } => {
            checkout::link_list(active, limit, &settings.global, printer)
        }
        CommandSettings::CheckoutLinkDeactivate { id } => checkout::link_deactivate(&id, &settings.global, printer),
        CommandSettings::PaymentsList(list) => payments::list(list, &settings.global, printer),
        CommandSettings::SubscriptionsList(list) => subscriptions::list(list, &settings.global, printer),
        CommandSettings::SubscriptionsShow { id } => subscriptions::show(&id, &settings.global, printer),
        CommandSettings::PaymentsShow { id } => payments::show(&id, &settings.global, printer),
        CommandSettings::Import(options) => import::import(&settings.global, &options, printer),
        CommandSettings::Plan(options) => plan::plan(&settings.global, &options, printer),
        CommandSettings::Apply(options) => apply::apply(&settings.global, &options, printer),
        CommandSettings::WebhooksVerify(verify) => webhooks_verify::verify(&verify, printer),
        CommandSettings::EventsList(list) => events::list(list, &settings.global, printer),
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
pub fn run_async<T, F>(command: F) -> Result<T>
where
    F: Future<Output = Result<T>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(command)
}

/// The text `--sandbox` runs print, so nobody mistakes the emulator for Stripe.
pub const SANDBOX_NOTICE: &str = "sandbox: local emulator, nothing is sent to Stripe";

/// Stripe as a command sees it: a connected gateway, plus the in-process sandbox behind it
/// when `--sandbox` started one (kept running while this lives).
pub struct Stripe {
    /// What every request goes through.
    pub gateway: Gateway,
    sandbox: Option<RunningSandbox>,
}

impl Stripe {
    /// Whether the gateway talks to the sandbox this process started (`--sandbox`), rather
    /// than to Stripe or a server at `--api-base`.
    #[must_use]
    pub fn is_in_process_sandbox(&self) -> bool {
        self.sandbox.is_some()
    }

    /// Ends the connection; an in-process sandbox stops after its open requests finish and
    /// after the webhook deliveries due now were attempted and their outcomes recorded
    /// (bounded, see [`stripe_sandbox::SHUTDOWN_DELIVERY_WAIT`]). Returns how many deliveries
    /// were left waiting for a retry: they stay pending in the state for the next run to
    /// resume. (Dropping it stops the sandbox at once; its state is saved after every write
    /// either way.)
    pub async fn close(self) -> usize {
        match self.sandbox {
            Some(sandbox) => sandbox.shutdown().await,
            None => 0,
        }
    }
}

/// Connects as the settings say: to Stripe (or a server speaking its API), or to an
/// in-process sandbox started here, which is announced with [`SANDBOX_NOTICE`].
///
/// # Errors
/// When the sandbox cannot start or the HTTP client cannot be set up.
pub async fn connect(settings: &StripeSettings, printer: &Printer) -> Result<Stripe> {
    let StripeTarget::Sandbox { state_path } = &settings.target else {
        return Ok(Stripe { gateway: gateway::connect(settings)?, sandbox: None });
    };
    // One sandbox per state file: a run that finds it in use (`sandbox serve`, another
    // `--sandbox` run) waits its turn rather than losing writes or failing.
    let waiting = printer.clone();
    let sandbox = SandboxBuilder::new()
        .state_file(state_path.clone())
        .wait_for_lock(move |notice| waiting.status(&format!("sandbox: {notice}")))
        .start()
        .await
        .with_context(|| format!("could not start the sandbox with state `{}`", state_path.display()))?;
    printer.status(SANDBOX_NOTICE);
    let served = StripeSettings {
        target: StripeTarget::Remote {
            api_key: Secret::new(SANDBOX_API_KEY),
            api_base: sandbox.base_url(),
            mode: Mode::Test,
        },
        ..settings.clone()
    };
    Ok(Stripe { gateway: gateway::connect(&served)?, sandbox: Some(sandbox) })
}

/// The one way a command talks to Stripe: resolves the connection settings (which checks a
/// writing command's consent to live mode, see [`crate::settings::Access`]), then runs `body`
/// on a runtime built for it ([`run_async`]): connects (starting the in-process sandbox when
/// asked), runs `body`, and closes the connection whether `body` succeeded or not.
///
/// # Errors
/// When the settings do not resolve (no key, a malformed one, a live key without `--live`),
/// when the runtime or the sandbox cannot start, or whatever `body` fails with.
pub(crate) fn with_stripe<T>(
    global: &GlobalSettings,
    printer: &Printer,
    body: impl AsyncFnOnce(&Stripe) -> Result<T>,
) -> Result<T> {
    let settings = global.connection.resolve()?;
    run_async(async {
        let stripe = connect(&settings, printer).await?;
        let result = body(&stripe).await;
        let left = stripe.close().await;
        if left > 0 {
            printer.status(&format!(
                "sandbox: {} waiting for a retry; the next run on this sandbox state resumes {}",
                crate::words::plural(left, "webhook delivery is", "webhook deliveries are"),
                if left == 1 { "it" } else { "them" }
            ));
        }
        result
    })
}
