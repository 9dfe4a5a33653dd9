//! Turns the parsed command line and the environment into the plain settings the commands use.
//! This is the only module that reads environment variables.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, bail};
use stripe_sandbox::{Faults, Forward, RateLimits, RetrySchedule, Webhooks};

use crate::cli::{
    CheckoutCommand, CheckoutLinkCommand, Cli, ColorArg, Command, ConnectionArgs, DEFAULT_SANDBOX_STATE,
    DocumentFormat, DocumentFormatArg, LiveArg, PaymentsCommand, PlanFormat, SandboxCommand, SandboxServeArgs,
    SubscriptionsCommand,
};
use crate::cli::{EventsCommand, EventsListArgs, WebhooksCommand, WebhooksVerifyArgs};
use crate::error::Hinted;
use crate::files;
use crate::listing::RowLimit;
use crate::objects::Mode;
use crate::payments::Authentication;
use crate::policy::Rule;
use crate::secret::Secret;

mod invocation;
mod support_commands;

pub use invocation::DEFAULT_CATALOG;
use invocation::Shared;

pub use support_commands::{
    AdvanceBy, CheckoutLinkSettings, CheckoutSessionSettings, PayTarget, PaymentsListSettings,
    SubscriptionsListSettings,
};

/// Everything a run needs, resolved.
#[derive(Debug)]
pub struct Settings {
    pub global: GlobalSettings,
    pub command: CommandSettings,
}

/// Settings shared by every command.
#[derive(Clone, Debug)]
pub struct GlobalSettings {
    pub catalog_path: PathBuf,
    /// `-f` was given (before or after the command), rather than the default taken.
    pub catalog_given: bool,
    pub format: OutputFormat,
    pub color: ColorChoice,
    pub quiet: bool,
    /// How to reach Stripe, unresolved: only commands that talk to Stripe resolve it.
    pub connection: ConnectionOptions,
}

/// How data is written to stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
    Csv,
    Ndjson,
}

impl OutputFormat {
    /// The name the user typed for it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Csv => "csv",
            OutputFormat::Ndjson => "ndjson",
        }
    }
}

/// Whether to colour output. `Auto` already accounts for `NO_COLOR`; the printer adds the
/// terminal check per stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The resolved command.
#[derive(Debug)]
pub enum CommandSettings {
    Validate { deny_warnings: bool },
    Schema,
    Plan(PlanSettings),
    Import(ImportSettings),
    Apply(ApplySettings),
    Completions { shell: clap_complete::Shell },
    Man,
    SandboxServe(SandboxServeSettings),
    SandboxReset { state_path: PathBuf },
    SandboxAdvance { by: AdvanceBy },
    SandboxTrigger { event: String },
    SandboxPay { target: PayTarget, card: String, email: Option<String>, authenticate: Option<Authentication> },
    CheckoutSession(CheckoutSessionSettings),
    CheckoutLink(CheckoutLinkSettings),
    CheckoutLinkList { active: Option<bool>, limit: RowLimit },
    CheckoutLinkDeactivate { id: String },
    PaymentsList(PaymentsListSettings),
    PaymentsShow { id: String },
    SubscriptionsList(SubscriptionsListSettings),
    SubscriptionsShow { id: String },
    WebhooksVerify(WebhooksVerifySettings),
    EventsList(EventsListSettings),
}

/// `webhooks verify`, resolved.
#[derive(Debug)]
pub struct WebhooksVerifySettings {
    pub payload: PathBuf,
    pub signature: String,
    /// From `--secret-file` or `STRIPE_WEBHOOK_SECRET`; never printed.
    pub secret: Secret,
    pub tolerance_secs: i64,
}

/// `events list`, resolved.
#[derive(Debug)]
pub struct EventsListSettings {
    /// Stripe's `type` filter.
    pub event_type: Option<String>,
    /// The object id events must be about (filtered here).
    pub about: Option<String>,
    /// Stripe's `created[gte]`, Unix seconds.
    pub created_gte: Option<i64>,
    pub limit: RowLimit,
    pub time_zone: jiff::tz::TimeZone,
}

/// `sandbox serve`, resolved.
#[derive(Debug)]
pub struct SandboxServeSettings {
    pub port: u16,
    pub state_path: PathBuf,
    pub latency: Duration,
    pub connection_delay: Duration,
    pub faults: Faults,
    /// `None`: no limiter.
    pub rate_limits: Option<RateLimits>,
    /// How long new objects stay out of search results.
    pub search_lag: Duration,
    /// Webhook delivery and forwarding (`--forward-to`, `--redeliver`, `--shuffle`, retries).
    pub webhooks: Webhooks,
    /// Where `webhooks.forward_secret` came from, so the start can say so without printing it.
    pub forward_secret_source: ForwardSecretSource,
}

/// Where the secret forwarded events are signed with comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForwardSecretSource {
    /// Made on first use and kept in the state file; printed once at start, as `stripe listen`
    /// prints its own, since the app must be given it.
    State,
    /// The state's secret, written at start to this file that did not exist (mode 600).
    WriteTo(PathBuf),
    /// Read from this `--forward-secret-file`.
    File(PathBuf),
    /// `--forward-secret` (visible in the process list).
    Argument,
    /// `STRIPE_WEBHOOK_SECRET`.
    Environment,
}

/// `import`.
#[derive(Clone, Debug)]
pub struct ImportSettings {
    pub include_archived: bool,
    /// Where to write the catalog; stdout when `None`.
    pub output: Option<PathBuf>,
    /// Replace `output` if it exists.
    pub force: bool,
}

/// `plan`.
#[derive(Clone, Debug)]
pub struct PlanSettings {
    pub adopt: bool,
    pub detailed_exitcode: bool,
    pub out: Option<PathBuf>,
    /// `--format markdown`: the plan as a pull-request comment (the global format is text).
    pub markdown: bool,
    /// `--allow RULE`: policy rules whose violations do not block.
    pub allow: Vec<Rule>,
}

/// `apply`.
#[derive(Clone, Debug)]
pub struct ApplySettings {
    pub plan_file: Option<PathBuf>,
    pub auto_approve: bool,
    pub adopt: bool,
    pub parallelism: usize,
    pub audit_log: PathBuf,
    /// `--allow RULE`: policy rules whose violations do not block.
    pub allow: Vec<Rule>,
    /// Who lets them through, for the audit log: `$USER` (`%USERNAME%` on Windows), else
    /// `unknown`.
    pub operator: String,
    /// `--webhook-secrets FILE`.
    pub webhook_secrets: Option<PathBuf>,
}

impl Settings {
    /// Resolves the command line and environment into settings.
    ///
    /// # Errors
    /// When flags are combined in a way the command cannot honour.
    pub fn resolve(cli: Cli) -> Result<Settings> {
        let Cli { global, shared, command } = cli;
        let shared = Shared::new(shared);
        // Each command that writes says so here, with its `--live`; all others only read.
        let mut access = Access::Read;
        let (command, format, catalog, connection) = match command {
            Command::Validate(args) => {
                let format = shared.document_format("validate", &args.format)?;
                (CommandSettings::Validate { deny_warnings: args.deny_warnings }, format, Some(args.catalog), None)
            }
            Command::Schema => (CommandSettings::Schema, shared.no_format("schema")?, None, None),
            Command::Import(args) => {
                let format = shared.document_format("import", &args.format)?;
                let settings =
                    ImportSettings { include_archived: args.include_archived, output: args.output, force: args.force };
                (CommandSettings::Import(settings), format, None, Some(args.connection))
            }
            Command::Plan(args) => {
                let markdown = args.format.format == Some(PlanFormat::Markdown);
                let own = DocumentFormatArg {
                    format: args.format.format.map(|format| match format {
                        PlanFormat::Json => DocumentFormat::Json,
                        PlanFormat::Text | PlanFormat::Markdown => DocumentFormat::Text,
                    }),
                };
                let format = shared.document_format("plan", &own)?;
                let settings = PlanSettings {
                    adopt: args.adopt,
                    detailed_exitcode: args.detailed_exitcode,
                    out: args.out,
                    markdown,
                    allow: allowed_rules(&args.allow)?,
                };
                (CommandSettings::Plan(settings), format, Some(args.catalog), Some(args.connection))
            }
            Command::Apply(args) => {
                let format = shared.document_format("apply", &args.common.format)?;
                access = Access::write("apply", &args.live);
                let settings = ApplySettings {
                    plan_file: args.plan_file,
                    auto_approve: args.auto_approve,
                    adopt: args.adopt,
                    parallelism: args.parallelism as usize,
                    audit_log: args.audit_log,
                    allow: allowed_rules(&args.allow)?,
                    operator: operator(),
                    webhook_secrets: args.webhook_secrets,
                };
                (CommandSettings::Apply(settings), format, Some(args.common.catalog), Some(args.common.connection))
            }
            Command::Completions(args) => {
                (CommandSettings::Completions { shell: args.shell }, shared.no_format("completions")?, None, None)
            }
            Command::Man => (CommandSettings::Man, shared.no_format("man")?, None, None),
            Command::Sandbox(SandboxCommand::Serve(args)) => {
                let format = shared.no_format("sandbox serve")?;
                (CommandSettings::SandboxServe(sandbox_serve(args)?), format, None, None)
            }
            Command::Sandbox(SandboxCommand::Reset(args)) => {
                let state_path = args.state.unwrap_or_else(default_sandbox_state);
                (CommandSettings::SandboxReset { state_path }, shared.no_format("sandbox reset")?, None, None)
            }
            Command::Sandbox(SandboxCommand::Advance(args)) => {
                let format = shared.document_format("sandbox advance", &args.format)?;
                access = Access::write("sandbox advance", &args.live);
                let by = support_commands::advance_by(&args.duration)?;
                (CommandSettings::SandboxAdvance { by }, format, None, Some(args.connection))
            }
            Command::Sandbox(SandboxCommand::Trigger(args)) => {
                let format = shared.document_format("sandbox trigger", &args.format)?;
                access = Access::write("sandbox trigger", &args.live);
                let event = args.event.trim().to_string();
                (CommandSettings::SandboxTrigger { event }, format, None, Some(args.connection))
            }
            Command::Sandbox(SandboxCommand::Pay(args)) => {
                let format = shared.document_format("sandbox pay", &args.format)?;
                access = Access::write("sandbox pay", &args.live);
                let authenticate = args.authenticate.map(support_commands::authentication);
                let target = support_commands::pay_target(&args.session, authenticate.is_some())?;
                support_commands::check_pay_email(&target, args.email.as_deref())?;
                let settings = CommandSettings::SandboxPay { target, card: args.card, email: args.email, authenticate };
                (settings, format, None, Some(args.connection))
            }
            Command::Checkout(CheckoutCommand::Session(mut args)) => {
                let common = std::mem::take(&mut args.common);
                let format = shared.document_format("checkout session", &common.format)?;
                access = Access::write("checkout session", &args.live);
                let settings = support_commands::resolve_checkout_session(args)?;
                (CommandSettings::CheckoutSession(settings), format, Some(common.catalog), Some(common.connection))
            }
            Command::Checkout(CheckoutCommand::Link(args)) => match args.command {
                None => {
                    let mut create = args.create;
                    let common = std::mem::take(&mut create.common);
                    let format = shared.document_format("checkout link", &common.format)?;
                    access = Access::write("checkout link", &create.live);
                    let settings = support_commands::resolve_checkout_link(create)?;
                    (CommandSettings::CheckoutLink(settings), format, Some(common.catalog), Some(common.connection))
                }
                Some(CheckoutLinkCommand::List(list)) => {
                    let settings = CommandSettings::CheckoutLinkList {
                        active: list.active,
                        limit: support_commands::row_limit(list.limit, list.all)?,
                    };
                    (settings, shared.row_format(&list.format), None, Some(list.connection))
                }
                Some(CheckoutLinkCommand::Deactivate(deactivate)) => {
                    let format = shared.document_format("checkout link deactivate", &deactivate.format)?;
                    access = Access::write("checkout link deactivate", &deactivate.live);
                    let settings = CommandSettings::CheckoutLinkDeactivate { id: deactivate.id };
                    (settings, format, None, Some(deactivate.connection))
                }
            },
            Command::Payments(PaymentsCommand::List(mut args)) => {
                let format = shared.row_format(&args.format);
                let connection = std::mem::take(&mut args.connection);
                (
                    CommandSettings::PaymentsList(support_commands::resolve_payments_list(args)?),
                    format,
                    None,
                    Some(connection),
                )
            }
            Command::Subscriptions(SubscriptionsCommand::List(mut args)) => {
                let format = shared.row_format(&args.format);
                let connection = std::mem::take(&mut args.connection);
                let settings = CommandSettings::SubscriptionsList(support_commands::resolve_subscriptions_list(args)?);
                (settings, format, None, Some(connection))
            }
            Command::Subscriptions(SubscriptionsCommand::Show(args)) => {
                let format = shared.document_format("subscriptions show", &args.format)?;
                (CommandSettings::SubscriptionsShow { id: args.id }, format, None, Some(args.connection))
            }
            Command::Webhooks(WebhooksCommand::Verify(args)) => {
                let format = shared.no_format("webhooks verify")?;
                (CommandSettings::WebhooksVerify(webhooks_verify(args)?), format, None, None)
            }
            Command::Events(EventsCommand::List(mut args)) => {
                let format = shared.row_format(&args.format);
                let connection = std::mem::take(&mut args.connection);
                (CommandSettings::EventsList(events_list(args)?), format, None, Some(connection))
            }
            Command::Payments(PaymentsCommand::Show(args)) => {
                let format = shared.document_format("payments show", &args.format)?;
                (CommandSettings::PaymentsShow { id: args.id }, format, None, Some(args.connection))
            }
        };
        let catalog = shared.catalog(catalog);
        let global = GlobalSettings {
            catalog_path: catalog.path,
            catalog_given: catalog.given,
            format,
            color: match global.color {
                ColorArg::Always => ColorChoice::Always,
                ColorArg::Never => ColorChoice::Never,
                ColorArg::Auto if no_color_requested() => ColorChoice::Never,
                ColorArg::Auto => ColorChoice::Auto,
            },
            quiet: global.quiet,
            connection: ConnectionOptions { access, ..ConnectionOptions::from_args(shared.connection(connection)?) },
        };
        Ok(Settings { global, command })
    }
}

/// `--allow` names, read as policy rules; a misspelt one is a usage error with the closest name.
fn allowed_rules(names: &[String]) -> Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for name in names {
        let rule = Rule::parse(name).map_err(|(message, hint)| Hinted::new(format!("--allow: {message}"), hint))?;
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    Ok(rules)
}

/// The OS user running the command, for the audit log's record of an `--allow`: `$USER`,
/// `$USERNAME` (Windows), `$LOGNAME` (set by login(1) where `USER` may not be, e.g. cron),
/// then what `id -un` says (a CI container often sets none of them); `unknown` only when all
/// fail. `id` is POSIX, so no dependency is added for the lookup.
fn operator() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.trim().is_empty()))
        .or_else(|| {
            let output =
                std::process::Command::new("id").arg("-un").stdin(std::process::Stdio::null()).output().ok()?;
            let name = String::from_utf8(output.stdout).ok()?.trim().to_string();
            (output.status.success() && !name.is_empty()).then_some(name)
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// Refuses `--format csv|ndjson` for commands that print a single document, not rows.
///
/// # Errors
/// When the format is a row format.
pub fn require_document_format(format: OutputFormat, command: &str) -> Result<()> {
    if matches!(format, OutputFormat::Csv | OutputFormat::Ndjson) {
        bail!("`{command}` prints one document; use `--format text` or `--format json`, not `{}`", format.name());
    }
    Ok(())
}

/// The default sandbox state file.
#[must_use]
pub fn default_sandbox_state() -> PathBuf {
    PathBuf::from(DEFAULT_SANDBOX_STATE)
}

fn sandbox_serve(args: SandboxServeArgs) -> Result<SandboxServeSettings> {
    let fractions = [
        ("--fault-rate-limit", args.fault_rate_limit),
        ("--fault-lock-timeout", args.fault_lock_timeout),
        ("--fault-server-error", args.fault_server_error),
        ("--fault-drop-after-commit", args.fault_drop_after_commit),
        ("--redeliver", args.redeliver),
    ];
    for (flag, value) in fractions {
        if !(0.0..=1.0).contains(&value) {
            bail!("`{flag}` takes a fraction between 0 and 1, not `{value}`");
        }
    }
    if args.fault_rate_limit + args.fault_lock_timeout + args.fault_server_error > 1.0 {
        bail!("`--fault-rate-limit`, `--fault-lock-timeout` and `--fault-server-error` add up to more than 1");
    }
    let rate_limits = args.rate_limit.as_deref().map(parse_rate_limits).transpose()?;
    let events: Vec<String> = args.events.iter().map(|event| event.trim().to_string()).collect();
    if let Some(empty) = events.iter().position(String::is_empty) {
        bail!(
            "`--events` has an empty event type at position {}; give types such as `checkout.session.completed,invoice.*`",
            empty + 1
        );
    }
    for event in &events {
        crate::webhooks::event_types::check_pattern(event, "`--events`")?;
    }
    let forward_to = args
        .forward_to
        .iter()
        .map(|url| Ok(Forward { url: forward_url(url)?, events: events.clone() }))
        .collect::<Result<Vec<_>>>()?;
    let (forward_secret, forward_secret_source) = forward_secret(&args, !forward_to.is_empty())?;
    let webhooks = Webhooks {
        retry: RetrySchedule { first: Duration::from_millis(args.webhook_retry_ms), attempts: args.webhook_attempts },
        forward_to,
        forward_secret: forward_secret.map(|secret| secret.expose().to_string()),
        redeliver: args.redeliver,
        shuffle: args.shuffle,
        seed: args.fault_seed,
        ..Webhooks::default()
    };
    Ok(SandboxServeSettings {
        port: args.port,
        state_path: args.state.state.unwrap_or_else(default_sandbox_state),
        latency: Duration::from_millis(args.latency_ms),
        connection_delay: Duration::from_millis(args.connection_delay_ms),
        faults: Faults {
            rate_limit: args.fault_rate_limit,
            lock_timeout: args.fault_lock_timeout,
            server_error: args.fault_server_error,
            drop_after_commit: args.fault_drop_after_commit,
            seed: args.fault_seed,
        },
        rate_limits,
        search_lag: Duration::from_millis(args.search_lag_ms),
        webhooks,
        forward_secret_source,
    })
}

/// The secret forwarded events are signed with, and where it came from: `--forward-secret-file`
/// (an existing file), `--forward-secret`, `STRIPE_WEBHOOK_SECRET` (what `webhooks verify`
/// reads), else the one the state keeps (`None`), to be written to a `--forward-secret-file`
/// that does not exist yet, or printed once.
fn forward_secret(args: &SandboxServeArgs, forwarding: bool) -> Result<(Option<Secret>, ForwardSecretSource)> {
    let (secret, source, flag) = match (&args.forward_secret_file, &args.forward_secret) {
        (Some(path), _) if !path.exists() => return Ok((None, ForwardSecretSource::WriteTo(path.clone()))),
        (Some(path), _) => {
            let bytes =
                files::read_named(path, 64 * 1024, "the forward secret file", "pass the file holding `whsec_…`")?;
            let text = String::from_utf8_lossy(&bytes);
            let secret = crate::webhooks::secrets::read(&text, path, None, "the forward secret file")?;
            (secret, ForwardSecretSource::File(path.clone()), "the secret in `--forward-secret-file`")
        }
        (None, Some(secret)) => (Secret::new(secret), ForwardSecretSource::Argument, "`--forward-secret`"),
        (None, None) => match env_value("STRIPE_WEBHOOK_SECRET").filter(|_| forwarding) {
            Some(secret) => (Secret::new(&secret), ForwardSecretSource::Environment, "`STRIPE_WEBHOOK_SECRET`"),
            None => return Ok((None, ForwardSecretSource::State)),
        },
    };
    let text = secret.expose();
    if !text.starts_with("whsec_") || text.len() <= "whsec_".len() {
        bail!(Hinted::new(
            format!("{flag} is not a webhook signing secret"),
            "give the `whsec_...` secret the app verifies signatures with (its `STRIPE_WEBHOOK_SECRET`)",
        ));
    }
    Ok((Some(secret), source))
}

/// A `--forward-to` URL: http(s) to this machine, where the app under test runs (the sandbox
/// delivers nowhere else).
fn forward_url(text: &str) -> Result<String> {
    let url = reqwest::Url::parse(text.trim()).map_err(|err| {
        Hinted::new(
            format!("`--forward-to` `{}` is not a URL ({err})", crate::escape::shown(text)),
            "give the app's webhook URL, such as `http://localhost:4242/webhook`",
        )
    })?;
    // `localhost:4242/hook` parses, as scheme `localhost`: say what is missing, not where it is.
    if !text.contains("://") {
        return Err(Hinted::new(
            format!("`--forward-to` `{}` has no scheme", crate::escape::shown(text)),
            format!("start it with `http://`: `http://{}`", crate::escape::shown(text.trim())),
        )
        .into());
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Hinted::new(
            format!(
                "`--forward-to` `{}` uses `{}`; webhooks are sent over `http` or `https`",
                crate::escape::shown(text),
                crate::escape::shown(url.scheme())
            ),
            "give the app's webhook URL, such as `http://localhost:4242/webhook`",
        )
        .into());
    }
    if !is_loopback(&url) {
        return Err(Hinted::new(
            format!("`--forward-to` `{}` is not on this machine", crate::escape::shown(text)),
            "the sandbox forwards only to `localhost`, `127.0.0.1` or `[::1]`, e.g. `http://localhost:4242/webhook`",
        )
        .into());
    }
    Ok(url.to_string())
}

/// `--rate-limit test|live|N`: Stripe's limits for test or live mode (a global limit per account,
/// 25 per second per endpoint, 20 searches per second; <https://docs.stripe.com/rate-limits>,
/// stripe-api.md §7), or a global limit of N per second alone, for trying a client's own pace.
fn parse_rate_limits(text: &str) -> Result<RateLimits> {
    match text.trim().to_ascii_lowercase().as_str() {
        "test" => Ok(RateLimits::TEST),
        "live" => Ok(RateLimits::LIVE),
        other => match other.parse::<u32>() {
            Ok(0) => bail!("`--rate-limit 0` admits nothing; leave `--rate-limit` out for no limit"),
            Ok(global) => Ok(RateLimits { global, endpoint: u32::MAX, search: u32::MAX }),
            Err(_) => bail!(Hinted::new(
                format!("`--rate-limit {text}` is not `test`, `live` or a number of requests per second"),
                "`--rate-limit test` limits as Stripe's test mode does (25 per second), `live` as live mode (100)",
            )),
        },
    }
}

/// <https://no-color.org>: any non-empty `NO_COLOR` turns colour off.
fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// The connection flags and the matching environment variables, as given. Resolving them
/// into [`StripeSettings`] may fail (no key, a publishable key), so it waits until a command
/// that talks to Stripe asks for it.
#[derive(Clone, Debug, Default)]
pub struct ConnectionOptions {
    pub api_key: Option<Secret>,
    pub api_key_file: Option<PathBuf>,
    pub env_api_key: Option<Secret>,
    pub api_base: Option<String>,
    /// `api_base` came from `STRIPE_API_BASE`, not `--api-base` (errors name the one used).
    pub api_base_from_env: bool,
    pub stripe_account: Option<String>,
    pub max_retries: u32,
    pub max_rps: Option<u32>,
    pub sandbox: bool,
    /// `--sandbox-state`, when given; [`DEFAULT_SANDBOX_STATE`] otherwise.
    pub sandbox_state: Option<PathBuf>,
    /// What the command does with Stripe; set by [`Settings::resolve`] for each command that
    /// writes, [`Access::Read`] for every other.
    pub access: Access,
}

/// What a command may do with Stripe. Decided here, per command, so that the live-mode
/// consent is checked in one place ([`ConnectionOptions::resolve`]) and a command that was
/// not declared a writer cannot write at all (the transport refuses its writes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Access {
    /// Reads only.
    #[default]
    Read,
    /// Writes. With a live key only when `--live` was given, and `--live` with a test key
    /// is refused (a mistake about which world the command acts on).
    Write {
        /// The command as the user typed it, for the refusal.
        command: &'static str,
        /// `--live` was given.
        live: bool,
    },
}

impl Access {
    fn write(command: &'static str, live: &LiveArg) -> Access {
        Access::Write { command, live: live.live }
    }
}

/// The real Stripe API.
pub const STRIPE_API_BASE: &str = "https://api.stripe.com";

/// Retries after a failed request, unless `--max-retries` says otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 4;

/// No client-side rate limit: the limiter's interval rounds to zero, so no request waits.
pub const UNLIMITED_RPS: u32 = u32::MAX;

/// Default client-side request rate with a test key: under Stripe's 25 requests/s test limit.
pub const DEFAULT_TEST_RPS: u32 = 20;
/// Default client-side request rate with a live key: under Stripe's 100 requests/s live limit.
pub const DEFAULT_LIVE_RPS: u32 = 80;

/// Everything the gateway needs to talk to Stripe (or to the sandbox).
#[derive(Clone, Debug)]
pub struct StripeSettings {
    pub target: StripeTarget,
    /// Sent as `Stripe-Account` on every request.
    pub stripe_account: Option<String>,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Client-side limit, requests per second.
    pub max_rps: u32,
    /// First backoff delay; it doubles per retry up to [`StripeSettings::retry_max_delay`].
    pub retry_base_delay: Duration,
    pub retry_max_delay: Duration,
    /// Per attempt; a timed-out attempt is retried like a connection error.
    pub request_timeout: Duration,
    /// The transport refuses every write: the command was resolved as [`Access::Read`], so it
    /// never passed the live guard and must not write.
    pub read_only: bool,
}

/// Where requests go.
#[derive(Clone, Debug)]
pub enum StripeTarget {
    /// Stripe, or anything that speaks its API, at `api_base` (no trailing slash).
    Remote { api_key: Secret, api_base: String, mode: Mode },
    /// An in-process sandbox keeping its state in `state_path`.
    Sandbox { state_path: PathBuf },
}

impl StripeSettings {
    /// Settings for a server at `api_base` with `api_key`, with the defaults the CLI uses.
    ///
    /// # Errors
    /// When the key is not a secret or restricted key, or the URL is not one a key may be
    /// sent to: not http(s), plain http to another machine, or with user info in it.
    pub fn remote(api_key: Secret, api_base: &str) -> Result<StripeSettings> {
        let mode = mode_of_key(&api_key, "the API key")?;
        Ok(StripeSettings::with_defaults(StripeTarget::Remote {
            api_key,
            api_base: normalise_api_base(api_base, "the API base URL")?,
            mode,
        }))
    }

    /// Settings for `target` with the CLI's defaults; the default rate follows the key's mode.
    fn with_defaults(target: StripeTarget) -> StripeSettings {
        let max_rps = default_rps(target.mode());
        StripeSettings {
            target,
            stripe_account: None,
            max_retries: DEFAULT_MAX_RETRIES,
            max_rps,
            retry_base_delay: Duration::from_millis(500),
            retry_max_delay: Duration::from_secs(5),
            request_timeout: Duration::from_secs(60),
            read_only: false,
        }
    }

    /// Test or live. The sandbox is test mode only.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.target.mode()
    }
}

impl StripeTarget {
    /// The key's mode; the sandbox is test mode only.
    fn mode(&self) -> Mode {
        match self {
            StripeTarget::Remote { mode, .. } => *mode,
            StripeTarget::Sandbox { .. } => Mode::Test,
        }
    }
}

impl ConnectionOptions {
    fn from_args(args: ConnectionArgs) -> ConnectionOptions {
        ConnectionOptions {
            api_key: args.api_key,
            api_key_file: args.api_key_file,
            env_api_key: env_value("STRIPE_API_KEY").map(|key| Secret::new(&key)),
            api_base_from_env: args.api_base.is_none() && env_value("STRIPE_API_BASE").is_some(),
            api_base: args.api_base.or_else(|| env_value("STRIPE_API_BASE")),
            stripe_account: args.stripe_account.or_else(|| env_value("STRIPE_ACCOUNT")),
            max_retries: args.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            max_rps: args.max_rps,
            sandbox: args.sandbox,
            sandbox_state: args.sandbox_state,
            access: Access::Read,
        }
    }

    /// Resolves the key (flag, then key file, then `STRIPE_API_KEY`), the mode it implies,
    /// the base URL and the limits, and checks the command's consent to write in that mode.
    ///
    /// # Errors
    /// When there is no key, the key cannot manage a catalog, the key file cannot be read, a
    /// value is malformed, or a writing command has a live key without `--live` (or `--live`
    /// without one). The key itself is never part of the message.
    pub fn resolve(&self) -> Result<StripeSettings> {
        let target = if self.sandbox {
            StripeTarget::Sandbox { state_path: self.sandbox_state.clone().unwrap_or_else(default_sandbox_state) }
        } else {
            let (api_key, source) = self.api_key_and_source()?;
            let mode = mode_of_key(&api_key, &source)?;
            let source = if self.api_base_from_env { "`STRIPE_API_BASE`" } else { "`--api-base`" };
            let api_base = normalise_api_base(self.api_base.as_deref().unwrap_or(STRIPE_API_BASE), source)?;
            StripeTarget::Remote { api_key, api_base, mode }
        };
        check_live_consent(self.access, &target)?;
        let mut settings = StripeSettings::with_defaults(target);
        settings.read_only = self.access == Access::Read;
        if let Some(account) = &self.stripe_account {
            settings.stripe_account = Some(check_account_id(account)?);
        }
        settings.max_retries = self.max_retries;
        match self.max_rps {
            Some(max_rps) => settings.max_rps = max_rps.max(1),
            // The emulator in this process has no rate limit to stay under: pacing it like
            // Stripe's test mode only made long applies slow (`--max-rps` still paces it).
            None if self.sandbox => settings.max_rps = UNLIMITED_RPS,
            None => {}
        }
        Ok(settings)
    }

    fn api_key_and_source(&self) -> Result<(Secret, String)> {
        if let Some(key) = &self.api_key {
            return Ok((key.clone(), "the key given with `--api-key`".to_string()));
        }
        if let Some(path) = &self.api_key_file {
            let key = read_key_file(path)?;
            return Ok((key, format!("the key in `{}`", path.display())));
        }
        if let Some(key) = &self.env_api_key {
            return Ok((key.clone(), "the key in `STRIPE_API_KEY`".to_string()));
        }
        Err(Hinted {
            message: "no Stripe API key: this command talks to Stripe".to_string(),
            hints: vec![
                "pass `--api-key sk_test_…`, set `STRIPE_API_KEY`, or use `--api-key-file PATH`".to_string(),
                "or try it without a Stripe account: `--sandbox` runs a local emulator".to_string(),
            ],
        }
        .into())
    }
}

/// A live key writes only with `--live`, and `--live` without a live key is a mistake about
/// which world the command acts on. Read-only commands need no consent.
fn check_live_consent(access: Access, target: &StripeTarget) -> Result<()> {
    let Access::Write { command, live } = access else { return Ok(()) };
    match (target, target.mode(), live) {
        (StripeTarget::Remote { .. }, Mode::Live, false) => Err(Hinted::new(
            format!("this is a LIVE key: `{command}` writes to live Stripe only with `--live`"),
            if command == "apply" {
                "review the plan (`stripe-catalog plan`), then rerun with `--live`; or use a test key".to_string()
            } else {
                format!("rerun with `--live` to write to live Stripe (`{command} --live`); or use a test key")
            },
        )
        .into()),
        (StripeTarget::Sandbox { .. }, _, true) => Err(Hinted::new(
            "`--live` was given, but `--sandbox` is test mode only",
            "drop `--live`; the sandbox never writes to Stripe",
        )
        .into()),
        (StripeTarget::Remote { .. }, Mode::Test, true) => Err(Hinted::new(
            "`--live` was given, but the key is a test key",
            format!("drop `--live` to run `{command}` in test mode, or use a live key (`sk_live_…`/`rk_live_…`)"),
        )
        .into()),
        _ => Ok(()),
    }
}

/// Key files are capped at this: a key is about 110 characters, so anything bigger is not a
/// key file (and `/dev/zero` must not be read until memory runs out).
pub const MAX_KEY_FILE_BYTES: u64 = 4 * 1024;

/// The key in `path`. Errors name the file and what is wrong with it, never its contents.
fn read_key_file(path: &Path) -> Result<Secret> {
    let bytes = files::read_named(
        path,
        MAX_KEY_FILE_BYTES,
        "the API key file",
        "`--api-key-file` takes a regular file holding the key alone (`sk_test_…` or `rk_live_…`)",
    )?;
    let Ok(text) = String::from_utf8(bytes) else {
        bail!("the API key file `{}` is not text: it should hold the key alone", path.display());
    };
    let key = Secret::new(&text);
    if key.expose().is_empty() {
        bail!("the API key file `{}` is empty", path.display());
    }
    Ok(key)
}

/// The mode a key works in, or why it cannot manage a catalog. `source` names where the key
/// came from (never the key itself).
fn mode_of_key(key: &Secret, source: &str) -> Result<Mode> {
    let text = key.expose();
    let well_formed = |prefix: &str| {
        text.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    };
    if well_formed("sk_test_") || well_formed("rk_test_") {
        return Ok(Mode::Test);
    }
    if well_formed("sk_live_") || well_formed("rk_live_") {
        return Ok(Mode::Live);
    }
    let hint_secret = "use a secret key (`sk_test_…`, `sk_live_…`) or a restricted key (`rk_…`) with write access to Products and Prices, from the Stripe Dashboard under Developers > API keys";
    if text.starts_with("pk_") {
        return Err(Hinted::new(
            format!("{source} is a publishable key (`{}`): publishable keys only work in browsers and cannot read or change a catalog", key.prefix().unwrap_or("pk_")),
            hint_secret,
        )
        .into());
    }
    if text.starts_with("whsec_") {
        return Err(Hinted::new(
            format!("{source} is a webhook signing secret (`whsec_…`), not an API key"),
            hint_secret,
        )
        .into());
    }
    Err(Hinted::new(
        format!("{source} is not a Stripe API key: expected `sk_test_`, `sk_live_`, `rk_test_` or `rk_live_` followed by letters and digits"),
        hint_secret,
    )
    .into())
}

fn default_rps(mode: Mode) -> u32 {
    match mode {
        Mode::Test => DEFAULT_TEST_RPS,
        Mode::Live => DEFAULT_LIVE_RPS,
    }
}

/// Checks an API base URL and drops its trailing slash, so paths join as `{base}/v1/…`.
/// `source` names where the URL came from, for the errors.
///
/// Two refusals keep credentials safe (issue #16 item 4):
/// - plain `http://` to anything but this machine: the key would cross the network in clear
///   text. Loopback (`127.0.0.0/8`, `localhost`, `[::1]`) stays allowed for `sandbox serve`
///   and local mocks, where nothing leaves the machine.
/// - user info (`user:password@`): the base URL is shown in plan headers and `apply` output
///   and stored in saved plans, so credentials in it would leak there. Refusing it (rather
///   than stripping it for display) keeps one rule with no exception: no displayed or stored
///   API base ever carries credentials. A proxy that needs them takes them from
///   `HTTPS_PROXY`/`HTTP_PROXY`, which the HTTP client honours and the tool never displays.
fn normalise_api_base(text: &str, source: &str) -> Result<String> {
    // Whatever is wrong, the URL is quoted without its user info, which may hold a password.
    let shown = without_user_info(text.trim());
    let examples = "such as `https://api.stripe.com` or `http://127.0.0.1:12111`";
    let url = reqwest::Url::parse(text.trim()).map_err(|err| {
        Hinted::new(format!("{source} `{shown}` is not a URL ({err})"), format!("give an http(s) URL {examples}"))
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() || url.fragment().is_some() {
        return Err(Hinted::new(
            format!("{source} `{shown}` is not an API base URL"),
            format!("give an http(s) URL without query, {examples}"),
        )
        .into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Hinted::new(
            format!(
                "{source} `{shown}` carries user info (`user:password@`): it would be shown in plan headers and apply output, and stored in saved plans"
            ),
            "give the URL without `user:password@`; for a proxy that needs credentials, set `HTTPS_PROXY` (or `HTTP_PROXY`) to `http://user:password@proxy:port`, which is honoured and never shown",
        )
        .into());
    }
    if url.scheme() == "http" && !is_loopback(&url) {
        return Err(Hinted::new(
            format!("{source} `{shown}` is plain HTTP to another machine: the API key would be sent in clear text"),
            "use `https://`; plain `http://` is only for a server on this machine (`127.0.0.1`, `localhost`, `[::1]`), such as `stripe-catalog sandbox serve`",
        )
        .into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Whether the URL's host is this machine: `localhost`, `127.0.0.0/8` or `::1`.
fn is_loopback(url: &reqwest::Url) -> bool {
    // The URL parser has already normalised the host: lowercase, IPv4 in dotted form
    // (`127.1` is `127.0.0.1`), IPv6 in brackets.
    url.host_str().is_some_and(|host| {
        host == "localhost"
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|address| address.is_loopback())
    })
}

/// `text` with any user info between `://` and the host replaced by `…`, for messages. Works
/// on text that is not a valid URL too, since that is when it is quoted in an error.
fn without_user_info(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else { return text.to_string() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://…{}", &rest[at..]),
        None => text.to_string(),
    }
}

fn check_account_id(account: &str) -> Result<String> {
    let account = account.trim();
    if Secret::new(account).prefix().is_some() {
        return Err(Hinted::new(
            "`--stripe-account` (or `STRIPE_ACCOUNT`) holds an API key, not an account id",
            "pass the key with `--api-key`; connected account ids look like `acct_1032D82eZvKYlo2C`",
        )
        .into());
    }
    let valid = account
        .strip_prefix("acct_")
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()));
    if !valid {
        return Err(Hinted::new(
            format!("`{account}` is not a Stripe account id"),
            "connected account ids look like `acct_1032D82eZvKYlo2C`",
        )
        .into());
    }
    Ok(account.to_string())
}

/// The secret from `--secret-file`, else `STRIPE_WEBHOOK_SECRET`.
fn webhooks_verify(args: WebhooksVerifyArgs) -> Result<WebhooksVerifySettings> {
    let secret = match &args.secret_file {
        Some(path) => {
            let bytes = files::read_named(path, 64 * 1024, "the secret file", "pass the file holding `whsec_…`")?;
            let text = String::from_utf8_lossy(&bytes);
            crate::webhooks::secrets::read(&text, path, args.key.as_deref(), "the secret file")?
        }
        None => match env_value("STRIPE_WEBHOOK_SECRET") {
            Some(secret) => Secret::new(&secret),
            None => bail!(Hinted::new(
                "no webhook signing secret: pass `--secret-file FILE` or set `STRIPE_WEBHOOK_SECRET`",
                "the secret is the endpoint's `whsec_…` (the file `apply --webhook-secrets` wrote, the Dashboard, or `sandbox serve`'s output)"
            )),
        },
    };
    Ok(WebhooksVerifySettings {
        payload: args.payload,
        signature: args.signature,
        secret,
        tolerance_secs: i64::from(args.tolerance),
    })
}

fn events_list(args: EventsListArgs) -> Result<EventsListSettings> {
    let time_zone = jiff::tz::TimeZone::system();
    let since = args
        .since
        .as_deref()
        .map(|text| crate::when::parse_when(text, crate::when::Bound::Since, jiff::Timestamp::now(), &time_zone))
        .transpose()?;
    if let Some(event_type) = &args.event_type {
        crate::webhooks::event_types::check_pattern(event_type, "`--type`")?;
    }
    Ok(EventsListSettings {
        event_type: args.event_type,
        about: args.about.map(|id| id.trim().to_string()).filter(|id| !id.is_empty()),
        created_gte: since.map(jiff::Timestamp::as_second),
        limit: support_commands::row_limit(args.limit, args.all)?,
        time_zone,
    })
}

/// A non-empty environment variable.
fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk_test_51SecretKeyThatMustNeverBePrinted";

    fn options() -> ConnectionOptions {
        ConnectionOptions { max_retries: 4, ..Default::default() }
    }

    /// The whole error as the top-level printer shows it: message, causes and hints.
    fn full_error(err: &anyhow::Error) -> String {
        let mut text = format!("{err:?}");
        for cause in err.chain() {
            text.push_str(&format!("\n{cause}"));
            if let Some(hinted) = cause.downcast_ref::<Hinted>() {
                text.push_str(&hinted.hints.join("\n"));
            }
        }
        text
    }

    #[test]
    fn the_key_prefix_sets_the_mode_and_the_default_rate() {
        for (key, mode, rps) in [
            ("sk_test_abc", Mode::Test, DEFAULT_TEST_RPS),
            ("rk_test_abc", Mode::Test, DEFAULT_TEST_RPS),
            ("sk_live_abc", Mode::Live, DEFAULT_LIVE_RPS),
            ("rk_live_abc", Mode::Live, DEFAULT_LIVE_RPS),
        ] {
            let settings = ConnectionOptions { api_key: Some(Secret::new(key)), ..options() }.resolve().unwrap();
            assert_eq!(settings.mode(), mode, "{key}");
            assert_eq!(settings.max_rps, rps, "{key}");
        }
        let settings =
            ConnectionOptions { api_key: Some(Secret::new(KEY)), max_rps: Some(7), ..options() }.resolve().unwrap();
        assert_eq!(settings.max_rps, 7);
    }

    #[test]
    fn flag_beats_key_file_beats_environment() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("key");
        std::fs::write(&file, "  rk_live_fromfile\n").unwrap();
        let env = Some(Secret::new("sk_test_fromenv"));
        let from_file = ConnectionOptions { api_key_file: Some(file), env_api_key: env.clone(), ..options() };
        assert_eq!(from_file.resolve().unwrap().mode(), Mode::Live);
        let from_env = ConnectionOptions { env_api_key: env, ..options() };
        assert_eq!(from_env.resolve().unwrap().mode(), Mode::Test);
    }

    #[test]
    fn publishable_keys_are_refused_with_a_reason() {
        let err =
            ConnectionOptions { api_key: Some(Secret::new("pk_test_abcdef")), ..options() }.resolve().unwrap_err();
        let text = full_error(&err);
        assert!(text.contains("publishable key (`pk_test_`)"), "{text}");
        assert!(text.contains("cannot read or change a catalog"), "{text}");
        assert!(text.contains("sk_test_…"), "{text}");
        assert!(!text.contains("abcdef"), "{text}");
    }

    #[test]
    fn malformed_keys_are_refused_without_echoing_them() {
        for key in ["hunter2secret", "sk_test_", "sk_test_has space", "whsec_abcdef"] {
            let err = ConnectionOptions { env_api_key: Some(Secret::new(key)), ..options() }.resolve().unwrap_err();
            let text = full_error(&err);
            assert!(text.contains("`STRIPE_API_KEY`"), "{text}");
            assert!(!text.contains("hunter2") && !text.contains("abcdef") && !text.contains("has space"), "{text}");
        }
    }

    #[test]
    fn a_missing_key_says_how_to_give_one() {
        let err = options().resolve().unwrap_err();
        let text = full_error(&err);
        for expected in ["no Stripe API key", "--api-key", "STRIPE_API_KEY", "--api-key-file", "--sandbox"] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
    }

    #[test]
    fn the_key_never_appears_in_debug_output() {
        let options = ConnectionOptions {
            api_key: Some(Secret::new(KEY)),
            env_api_key: Some(Secret::new(KEY)),
            stripe_account: Some("acct_123".into()),
            ..options()
        };
        let settings = options.resolve().unwrap();
        for text in [format!("{options:?}"), format!("{settings:?}"), format!("{settings:#?}")] {
            assert!(!text.contains("SecretKey"), "{text}");
            assert!(text.contains("sk_test_…(redacted)"), "{text}");
        }
    }

    #[test]
    fn writing_with_a_live_key_needs_live_and_live_needs_a_live_key() {
        let live_key = format!("sk_live_{}", "x".repeat(24));
        let with =
            |key: &str, access: Access| ConnectionOptions { api_key: Some(Secret::new(key)), access, ..options() };
        let write = |live| Access::Write { command: "checkout link", live };
        let refused = |key: &str, access| full_error(&with(key, access).resolve().unwrap_err());
        let text = refused(&live_key, write(false));
        assert!(
            text.contains("this is a LIVE key: `checkout link` writes to live Stripe only with `--live`"),
            "{text}"
        );
        assert!(text.contains("`checkout link --live`") && !text.contains("xxxx"), "{text}");
        assert!(refused(KEY, write(true)).contains("`--live` was given, but the key is a test key"));
        assert!(with(&live_key, write(true)).resolve().is_ok());
        assert!(with(KEY, write(false)).resolve().is_ok());
        // Reading needs no consent, and a reader's gateway is read-only.
        let reader = with(&live_key, Access::Read).resolve().unwrap();
        assert!(reader.read_only);
        assert!(!with(&live_key, write(true)).resolve().unwrap().read_only);
        let sandbox = ConnectionOptions { sandbox: true, access: write(true), ..options() };
        assert!(full_error(&sandbox.resolve().unwrap_err()).contains("`--sandbox` is test mode only"));
    }

    #[test]
    fn every_writing_command_is_declared_a_writer() {
        use clap::Parser;
        let access = |args: &[&str]| {
            let cli = Cli::try_parse_from(std::iter::once("stripe-catalog").chain(args.iter().copied())).unwrap();
            Settings::resolve(cli).unwrap().global.connection.access
        };
        for (args, command) in [
            (&["apply", "--live"][..], "apply"),
            (&["checkout", "session", "--price", "a", "--live"], "checkout session"),
            (&["checkout", "link", "--price", "a", "--live"], "checkout link"),
            (&["checkout", "link", "deactivate", "plink_1", "--live"], "checkout link deactivate"),
            (&["sandbox", "pay", "cs_test_1", "--live"], "sandbox pay"),
        ] {
            assert_eq!(access(args), Access::Write { command, live: true }, "{args:?}");
            let without: Vec<&str> = args.iter().copied().filter(|arg| *arg != "--live").collect();
            assert_eq!(access(&without), Access::Write { command, live: false }, "{args:?}");
        }
        for args in [
            &["plan"][..],
            &["import"],
            &["payments", "list"],
            &["payments", "show", "pi_1"],
            &["checkout", "link", "list"],
        ] {
            assert_eq!(access(args), Access::Read, "{args:?}");
        }
    }

    #[test]
    fn sandbox_needs_no_key_and_is_test_mode() {
        let settings = ConnectionOptions { sandbox: true, ..options() }.resolve().unwrap();
        assert_eq!(settings.mode(), Mode::Test);
        assert!(
            matches!(settings.target, StripeTarget::Sandbox { ref state_path } if state_path.as_os_str() == DEFAULT_SANDBOX_STATE)
        );
    }

    #[test]
    fn the_in_process_sandbox_is_not_paced_unless_asked() {
        let settings = ConnectionOptions { sandbox: true, ..options() }.resolve().unwrap();
        assert_eq!(settings.max_rps, UNLIMITED_RPS);
        let paced = ConnectionOptions { sandbox: true, max_rps: Some(25), ..options() }.resolve().unwrap();
        assert_eq!(paced.max_rps, 25);
    }

    fn with_api_base(api_base: &str) -> ConnectionOptions {
        ConnectionOptions { api_key: Some(Secret::new(KEY)), api_base: Some(api_base.into()), ..options() }
    }

    #[test]
    fn plain_http_is_refused_unless_the_host_is_this_machine() {
        for base in [
            "http://127.0.0.1:12111",
            "http://127.5.6.7",
            "http://127.1:8080",
            "http://localhost:12111/",
            "http://LOCALHOST",
            "http://[::1]:12111",
            "https://api.stripe.com",
            "https://stripe-proxy.example.com/base",
        ] {
            assert!(with_api_base(base).resolve().is_ok(), "{base}");
        }
        for base in [
            "http://api.stripe.com",
            "http://10.0.0.1:12111",
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "http://[::2]",
            "http://0.0.0.0:12111",
        ] {
            let text = full_error(&with_api_base(base).resolve().unwrap_err());
            assert!(
                text.contains("`--api-base` `") && text.contains("the API key would be sent in clear text"),
                "{text}"
            );
            assert!(text.contains("use `https://`"), "{text}");
        }
        let from_env = ConnectionOptions { api_base_from_env: true, ..with_api_base("http://api.stripe.com") };
        assert!(full_error(&from_env.resolve().unwrap_err()).contains("`STRIPE_API_BASE` `http://api.stripe.com`"));
    }

    #[test]
    fn user_info_in_the_api_base_is_refused_and_never_echoed() {
        for base in [
            "https://user:hunter2@proxy.example.com",
            "http://user:hunter2@127.0.0.1:12111",
            "https://:hunter2@proxy.example.com",
            "https://hunter2@proxy.example.com/v",
            "https://user:hunter2@[not a host",
            "ftp://user:hunter2@example.com",
        ] {
            let text = full_error(&with_api_base(base).resolve().unwrap_err());
            assert!(!text.contains("hunter2"), "{text}");
            assert!(text.contains("`--api-base` `"), "{text}");
        }
        let text = full_error(&with_api_base("https://user:hunter2@proxy.example.com").resolve().unwrap_err());
        assert!(text.contains("`https://…@proxy.example.com` carries user info"), "{text}");
        assert!(text.contains("HTTPS_PROXY"), "{text}");
    }

    #[test]
    fn api_base_and_account_are_checked() {
        let with = |api_base: &str| ConnectionOptions {
            api_key: Some(Secret::new(KEY)),
            api_base: Some(api_base.into()),
            ..options()
        };
        let settings = with("http://127.0.0.1:12111/").resolve().unwrap();
        assert!(
            matches!(settings.target, StripeTarget::Remote { ref api_base, .. } if api_base == "http://127.0.0.1:12111")
        );
        assert!(with("127.0.0.1:12111").resolve().is_err());
        assert!(with("ftp://example.com").resolve().is_err());
        let bad_account =
            ConnectionOptions { api_key: Some(Secret::new(KEY)), stripe_account: Some("acme".into()), ..options() };
        assert!(bad_account.resolve().is_err());
    }
}
