//! The command line, as clap types only. `settings.rs` turns these into what the logic uses;
//! nothing outside `cli.rs` and `settings.rs` sees a clap type.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::listing::DEFAULT_ROW_LIMIT;

mod examples;
use crate::secret::Secret;

/// Tips for a command line clap refused: long options written with one dash, as Terraform
/// spells them (`plan -out FILE`, `-detailed-exitcode`, `-auto-approve`), which clap reads
/// as a bundle of short flags.
#[must_use]
pub fn usage_tips(args: &[std::ffi::OsString]) -> Vec<String> {
    use clap::CommandFactory;
    let mut longs = Vec::new();
    let command = Cli::command();
    let mut stack = vec![&command];
    while let Some(command) = stack.pop() {
        longs.extend(command.get_arguments().filter_map(|arg| arg.get_long().map(str::to_string)));
        stack.extend(command.get_subcommands());
    }
    let mut tips = Vec::new();
    for arg in args.iter().skip(1).filter_map(|arg| arg.to_str()) {
        let Some(name) = arg.strip_prefix('-').filter(|name| !name.starts_with('-') && name.len() > 1) else {
            continue;
        };
        let name = name.split_once('=').map_or(name, |(name, _)| name);
        if longs.iter().any(|long| long == name) {
            let tip = format!("long options take two dashes: `--{name}`, not `-{name}` (Terraform's spelling)");
            if !tips.contains(&tip) {
                tips.push(tip);
            }
        }
    }
    tips
}
/// Where the sandbox keeps its state unless told otherwise: under the current directory, so
/// each project has its own world.
pub const DEFAULT_SANDBOX_STATE: &str = ".stripe-catalog/sandbox.json";

/// Keep a Stripe product catalog in a YAML file and make Stripe match it.
#[derive(Debug, Parser)]
#[command(name = "stripe-catalog", version, about, after_help = examples::TOP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(flatten)]
    pub shared: SharedArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, anywhere on the line.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// When to use colour (`NO_COLOR` is respected under `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Print only data and errors: no progress, no status lines
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The catalog file, connection and format flags written before the command
/// (`stripe-catalog --sandbox apply`, or an alias such as `sc='stripe-catalog --sandbox -f shop.yaml'`).
/// Each command also takes those it uses after its name; there they override these. A command
/// ignores the ones it has no use for, so one alias serves every command.
#[derive(Debug, Args)]
pub struct SharedArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,

    /// Output format, for the command that follows: `text` for people, `json` for scripts
    /// (`csv`, `ndjson` where a command lists rows)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `-f`, for the commands that read the catalog.
#[derive(Debug, Default, Args)]
pub struct CatalogArg {
    /// The catalog file [default: catalog.yaml]
    #[arg(short = 'f', long = "catalog", value_name = "PATH")]
    pub catalog: Option<PathBuf>,
}

/// The flags of a command that reads the catalog, talks to Stripe and prints one document
/// (`plan`, `apply`, `checkout session`, `checkout link`).
#[derive(Debug, Default, Args)]
pub struct CatalogCommandArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `--format` of a command that prints one document.
#[derive(Debug, Default, Args)]
pub struct DocumentFormatArg {
    /// Output format: `text` for people, `json` for scripts [default: text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DocumentFormat>,
}

/// `--format` of a command that lists rows.
#[derive(Debug, Args)]
pub struct RowFormatArg {
    /// Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
}

/// How to reach Stripe: only commands that talk to Stripe take these.
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Connection")]
pub struct ConnectionArgs {
    /// Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`
    #[arg(long, value_name = "KEY", value_parser = parse_secret, conflicts_with = "api_key_file")]
    pub api_key: Option<Secret>,

    /// Read the API key from a file (surrounding whitespace is ignored)
    #[arg(long, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,

    /// Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`
    #[arg(long, value_name = "URL")]
    pub api_base: Option<String>,

    /// Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`
    #[arg(long, value_name = "ACCOUNT")]
    pub stripe_account: Option<String>,

    /// Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]
    #[arg(long, value_name = "N")]
    pub max_retries: Option<u32>,

    /// Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_rps: Option<u32>,

    /// Run against a local Stripe emulator in this process; nothing is sent to Stripe
    #[arg(long, conflicts_with_all = ["api_key", "api_key_file", "api_base"])]
    pub sandbox: bool,

    /// Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]
    #[arg(long, value_name = "PATH")]
    pub sandbox_state: Option<PathBuf>,
}

/// Wraps the key at once, so no clap type ever holds it as a printable string.
#[allow(clippy::unnecessary_wraps)]
fn parse_secret(text: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::new(text))
}

/// `--format` values of a command that prints one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Human-readable text
    Text,
    /// One JSON document
    Json,
}

/// `--format` values of a command that lists rows (and before the command, where it is
/// checked against what the command supports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Human-readable text (tables where a command lists rows)
    #[value(alias = "table")]
    Text,
    /// One JSON document
    Json,
    /// Comma-separated values, one row per line (listing commands only)
    Csv,
    /// One JSON object per line (listing commands only)
    Ndjson,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the catalog file offline and report every problem at once
    #[command(after_help = examples::VALIDATE)]
    Validate(ValidateArgs),
    /// Print the JSON Schema of the catalog file (for editor completion and checks)
    #[command(after_help = examples::SCHEMA)]
    Schema,
    /// Run the local Stripe emulator (test mode only; nothing is sent to Stripe)
    #[command(subcommand, after_help = examples::SANDBOX)]
    Sandbox(SandboxCommand),
    /// Show what `apply` would change in Stripe to make it match the catalog
    #[command(after_help = examples::PLAN)]
    Plan(PlanArgs),
    /// Make Stripe match the catalog (shows the plan and asks first)
    #[command(after_help = examples::APPLY)]
    Apply(ApplyArgs),
    /// Write a catalog file from the account's existing products and prices
    #[command(after_help = examples::IMPORT)]
    Import(ImportArgs),
    /// Send a customer a way to pay: a Checkout Session or a reusable Payment Link
    #[command(subcommand, after_help = examples::CHECKOUT)]
    Checkout(CheckoutCommand),
    /// Look up payments (PaymentIntents): did my payment go through?
    #[command(subcommand, after_help = examples::PAYMENTS)]
    Payments(PaymentsCommand),
    /// Look up subscriptions: what a customer pays for, and when it renews
    #[command(subcommand, after_help = examples::SUBSCRIPTIONS)]
    Subscriptions(SubscriptionsCommand),
    /// Webhook tools: check a delivery's signature
    #[command(subcommand, after_help = examples::WEBHOOKS)]
    Webhooks(WebhooksCommand),
    /// Look up events and whether every webhook endpoint acknowledged them
    #[command(subcommand, after_help = examples::EVENTS)]
    Events(EventsCommand),
    /// Print a shell completion script
    #[command(after_help = examples::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(after_help = examples::MAN)]
    Man,
}

/// `validate` flags.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Treat warnings as errors (exit 1 when there are any)
    #[arg(long)]
    pub deny_warnings: bool,

    #[command(flatten)]
    pub catalog: CatalogArg,

    #[command(flatten)]
    pub format: DocumentFormatArg,
}

/// `sandbox` subcommands.
#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe's SDKs or `--api-base`
    #[command(after_help = examples::SANDBOX_SERVE)]
    Serve(SandboxServeArgs),
    /// Delete the sandbox's saved state
    #[command(after_help = examples::SANDBOX_RESET)]
    Reset(SandboxStateArgs),
    /// Pay a checkout session or payment link as a customer would, with one of Stripe's test cards
    #[command(after_help = examples::SANDBOX_PAY)]
    Pay(SandboxPayArgs),
    /// Move the sandbox's clock forward, renewing and charging subscriptions on the way (sandbox only)
    #[command(after_help = examples::SANDBOX_ADVANCE)]
    Advance(SandboxAdvanceArgs),
    /// Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)
    #[command(after_help = examples::SANDBOX_TRIGGER)]
    Trigger(SandboxTriggerArgs),
}

/// `sandbox trigger` arguments.
#[derive(Debug, Args)]
pub struct SandboxTriggerArgs {
    /// The event type: `checkout.session.completed`, `payment_intent.succeeded`,
    /// `payment_intent.payment_failed`, `invoice.payment_failed` or `customer.subscription.deleted`
    #[arg(value_name = "EVENT")]
    pub event: String,

    #[command(flatten)]
    pub live: LiveArg,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `sandbox advance` arguments.
#[derive(Debug, Args)]
pub struct SandboxAdvanceArgs {
    /// How far: a number and a unit, `mo` (calendar months), `w`, `d`, `h`, `m` or `s`
    /// (`1mo`, `2w`, `3d`, `36h`)
    #[arg(value_name = "DURATION")]
    pub duration: String,

    #[command(flatten)]
    pub live: LiveArg,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `sandbox pay` arguments.
#[derive(Debug, Args)]
pub struct SandboxPayArgs {
    /// The checkout session or payment link: its URL, or its id (`cs_test_...`, `plink_...`)
    #[arg(value_name = "URL|ID")]
    pub session: String,

    /// The test card number to pay with
    #[arg(long, value_name = "NUMBER", default_value = "4242424242424242")]
    pub card: String,

    /// The customer's email, when the session does not have one yet (always, for a payment link)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// Answer the 3-D Secure challenge of a payment that waits for it (card 4000002500003155),
    /// as the customer would: `complete` it or `fail` it. The target may also be that payment's
    /// `pi_...` id
    #[arg(long, value_enum, value_name = "OUTCOME")]
    pub authenticate: Option<AuthenticateArg>,

    #[command(flatten)]
    pub live: LiveArg,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `sandbox pay --authenticate`: the customer's answer to a 3-D Secure challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AuthenticateArg {
    /// The customer authenticates: the payment succeeds
    Complete,
    /// The customer fails (or abandons) the challenge: the payment needs another card
    Fail,
}

/// Where the sandbox keeps its state.
#[derive(Debug, Args)]
pub struct SandboxStateArgs {
    /// The state file [default: .stripe-catalog/sandbox.json]
    #[arg(long = "state", value_name = "PATH")]
    pub state: Option<PathBuf>,
}

/// `sandbox serve` flags.
#[derive(Debug, Args)]
pub struct SandboxServeArgs {
    /// The loopback port to listen on (0 picks a free one)
    #[arg(long, default_value_t = stripe_sandbox::DEFAULT_PORT)]
    pub port: u16,

    #[command(flatten)]
    pub state: SandboxStateArgs,

    /// Milliseconds added to every request
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub latency_ms: u64,

    /// Milliseconds added to each new connection (the cost of a TLS handshake)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub connection_delay_ms: u64,

    /// Fraction (0..1) of requests answered 429 `rate_limit`
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    pub fault_rate_limit: f64,

    /// Fraction (0..1) of requests answered 429 `lock_timeout`
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    pub fault_lock_timeout: f64,

    /// Fraction (0..1) of requests answered 500 with `Stripe-Should-Retry: true`
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    pub fault_server_error: f64,

    /// Fraction (0..1) of POSTs whose write is committed, then the connection dropped unanswered
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    pub fault_drop_after_commit: f64,

    /// Seed for the fault draws and the `--redeliver`/`--shuffle` draws, so a run can be repeated
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fault_seed: u64,

    /// Refuse requests over Stripe's rate limits with 429: `test` (25 per second per account),
    /// `live` (100), each with Stripe's 25 per second per endpoint and 20 searches per second; or
    /// N, a global limit of N per second alone
    #[arg(long, value_name = "test|live|N")]
    pub rate_limit: Option<String>,

    /// Keep new objects out of search results for N milliseconds, as Stripe's search index
    /// trails writes ("under 1 minute")
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub search_lag_ms: u64,

    /// Forward every event to this URL on this machine, signed, like `stripe listen
    /// --forward-to` (repeatable)
    #[arg(long, value_name = "URL")]
    pub forward_to: Vec<String>,

    /// Forward only these event types (comma-separated; `*` wildcards, e.g. `invoice.*`)
    #[arg(long, value_name = "TYPES", value_delimiter = ',', requires = "forward_to")]
    pub events: Vec<String>,

    /// The `whsec_...` secret forwarded events are signed with, to match the app's configuration.
    /// Visible to anyone who can list processes: prefer `--forward-secret-file` or
    /// `STRIPE_WEBHOOK_SECRET` [default: one kept in the state file, printed once at start]
    #[arg(long, value_name = "SECRET", requires = "forward_to", conflicts_with = "forward_secret_file")]
    pub forward_secret: Option<String>,

    /// A file holding the secret forwarded events are signed with (`whsec_...`, or one
    /// `NAME=whsec_...` line); a file that does not exist yet is created (mode 600) holding the
    /// secret kept in the state file, which is then not printed
    #[arg(long, value_name = "FILE", requires = "forward_to")]
    pub forward_secret_file: Option<PathBuf>,

    /// Fraction (0..1) of webhook deliveries sent twice (the same event id), to prove a handler
    /// idempotent
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    pub redeliver: f64,

    /// Deliver webhook events out of order (within batches of up to 8), to prove a handler does
    /// not assume order
    #[arg(long)]
    pub shuffle: bool,

    /// Milliseconds before the first retry of a failed webhook delivery; each further retry
    /// waits twice as long
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub webhook_retry_ms: u64,

    /// Webhook delivery attempts in all, the first included, before giving up
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub webhook_attempts: u32,
}

/// `import` flags.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Also import archived products and prices (written with `active: false`)
    #[arg(long)]
    pub include_archived: bool,

    /// Write the catalog to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `plan` flags.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Take over unmanaged Stripe objects holding the catalog's product ids or price keys
    #[arg(long)]
    pub adopt: bool,

    /// Exit 2 when there are changes, 0 when there are none (3, blocked by policy, wins over 2; 1 is always an error)
    #[arg(long)]
    pub detailed_exitcode: bool,

    /// Save the plan for `apply FILE` (treat it as sensitive: it describes your account)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Let violations of this policy rule through (repeatable): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,

    #[command(flatten)]
    pub catalog: CatalogArg,

    #[command(flatten)]
    pub format: PlanFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `plan --format`: a document format, or a pull-request comment.
#[derive(Debug, Default, Args)]
pub struct PlanFormatArg {
    /// Output format: `text` for people, `json` for scripts, `markdown` for a pull-request comment [default: text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<PlanFormat>,
}

/// `plan --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Human-readable text
    Text,
    /// One JSON document
    Json,
    /// A Markdown comment body for a pull request (summary, table, policy, the text plan folded)
    Markdown,
}

/// `apply` flags.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// A plan saved with `plan --out`: applied without a prompt, and only if it is still
    /// exactly what apply would do now
    #[arg(value_name = "PLAN_FILE")]
    pub plan_file: Option<PathBuf>,

    /// Apply without asking (required when stdin is not a terminal, e.g. in CI)
    #[arg(long)]
    pub auto_approve: bool,

    #[command(flatten)]
    pub live: LiveArg,

    /// Take over unmanaged Stripe objects holding the catalog's product ids or price keys
    #[arg(long)]
    pub adopt: bool,

    /// Writes in flight at most (independent products are applied side by side)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub parallelism: u32,

    /// Where to append the audit trail of every write (JSON lines)
    #[arg(long, value_name = "PATH", default_value = ".stripe-catalog/audit.jsonl")]
    pub audit_log: PathBuf,

    /// Let violations of this policy rule through (repeatable; recorded in the audit log): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Append the signing secret of each webhook endpoint created to FILE
    /// (`STRIPE_WEBHOOK_SECRET_<KEY>=whsec_…`, mode 600); required when the plan creates one
    #[arg(long, value_name = "FILE")]
    pub webhook_secrets: Option<PathBuf>,

    #[command(flatten)]
    pub common: CatalogCommandArgs,
}

/// `--live`, on every command that writes to Stripe: the consent a live key needs.
#[derive(Debug, Args)]
pub struct LiveArg {
    /// Allow writing with a live key (refused with a test key)
    #[arg(long)]
    pub live: bool,
}

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `checkout` subcommands.
#[derive(Debug, Subcommand)]
pub enum CheckoutCommand {
    /// Create a one-off Checkout Session and print its URL (alone on stdout)
    #[command(after_help = examples::CHECKOUT_SESSION)]
    Session(CheckoutSessionArgs),
    /// Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true, after_help = examples::CHECKOUT_LINK)]
    Link(CheckoutLinkArgs),
}

/// `checkout session` flags.
#[derive(Debug, Args)]
pub struct CheckoutSessionArgs {
    /// A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable
    #[arg(long = "price", value_name = "KEY[:QTY]", required = true)]
    pub prices: Vec<String>,

    /// Pre-fill the customer's email on the checkout page
    #[arg(long, value_name = "ADDRESS", conflicts_with = "customer")]
    pub email: Option<String>,

    /// Attach the session to an existing customer
    #[arg(long, value_name = "cus_...")]
    pub customer: Option<String>,

    /// Whether paying creates a Stripe Customer (payment mode; a subscription always does)
    /// [default: the catalog's `checkout.customer_creation`, else `always`]
    #[arg(long, value_enum, value_name = "WHEN", conflicts_with = "customer")]
    pub customer_creation: Option<CustomerCreationArg>,

    /// Charge in this currency: the prices' own, or one of their currency options (e.g. `eur`)
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,

    /// Where the customer lands after paying (default: the catalog's `checkout.success_url`);
    /// `{CHECKOUT_SESSION_ID}` is passed through literally
    #[arg(long, value_name = "URL")]
    pub success_url: Option<String>,

    /// Where the customer lands when they go back (default: the catalog's `checkout.cancel_url`)
    #[arg(long, value_name = "URL")]
    pub cancel_url: Option<String>,

    /// How long the session stays open: 30m to 24h, e.g. `90m`, `2h`, `1h30m` (Stripe's default: 24h)
    #[arg(long, value_name = "DURATION")]
    pub expires_in: Option<String>,

    /// Let the customer enter a promotion code
    #[arg(long)]
    pub promotion_codes: bool,

    /// Free trial days before the first charge (subscription sessions only)
    #[arg(long, value_name = "N")]
    pub trial_days: Option<u32>,

    /// Your own reference for the session (an order or ticket number), at most 200 characters
    #[arg(long, value_name = "ID")]
    pub client_reference_id: Option<String>,

    /// Metadata on the session, `key=value`; repeatable
    #[arg(long = "metadata", value_name = "KEY=VALUE")]
    pub metadata: Vec<String>,

    /// Also draw the URL as a QR code on stderr
    #[arg(long)]
    pub qr: bool,

    #[command(flatten)]
    pub live: LiveArg,

    #[command(flatten)]
    pub common: CatalogCommandArgs,
}

/// `--customer-creation`: Stripe's `customer_creation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum CustomerCreationArg {
    /// Create a Customer from what the customer enters
    Always,
    /// Guest checkout: no Customer (Stripe's own default)
    #[value(alias = "if-required")]
    IfRequired,
}

/// `checkout link`: create flags, or a management subcommand.
#[derive(Debug, Args)]
pub struct CheckoutLinkArgs {
    #[command(subcommand)]
    pub command: Option<CheckoutLinkCommand>,

    #[command(flatten)]
    pub create: CheckoutLinkCreateArgs,
}

/// `checkout link` subcommands.
#[derive(Debug, Subcommand)]
pub enum CheckoutLinkCommand {
    /// List payment links, newest first (table, or `--format json|csv|ndjson`)
    #[command(after_help = examples::CHECKOUT_LINK_LIST)]
    List(CheckoutLinkListArgs),
    /// Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)
    #[command(after_help = examples::CHECKOUT_LINK_DEACTIVATE)]
    Deactivate(CheckoutLinkDeactivateArgs),
}

/// `checkout link` (create) flags.
#[derive(Debug, Args)]
pub struct CheckoutLinkCreateArgs {
    /// A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable
    #[arg(long = "price", value_name = "KEY[:QTY]", required = true)]
    pub prices: Vec<String>,

    /// Redirect here after payment instead of Stripe's confirmation page
    #[arg(long, value_name = "URL")]
    pub after_completion_url: Option<String>,

    /// Let the customer enter a promotion code
    #[arg(long)]
    pub promotion_codes: bool,

    /// Let the customer change the quantity within `MIN..MAX`, e.g. `1..10`
    #[arg(long, value_name = "MIN..MAX")]
    pub adjustable_quantity: Option<String>,

    /// Whether paying through the link creates a Stripe Customer (one-time prices; a subscription
    /// always does) [default: the catalog's `checkout.customer_creation`, else `always`]
    #[arg(long, value_enum, value_name = "WHEN")]
    pub customer_creation: Option<CustomerCreationArg>,

    /// Charge in this currency: the prices' own, or one of their currency options (e.g. `eur`)
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,

    /// Metadata on the link, `key=value`; repeatable
    #[arg(long = "metadata", value_name = "KEY=VALUE")]
    pub metadata: Vec<String>,

    /// Also draw the URL as a QR code on stderr
    #[arg(long)]
    pub qr: bool,

    #[command(flatten)]
    pub live: LiveArg,

    #[command(flatten)]
    pub common: CatalogCommandArgs,
}

/// `checkout link list` flags.
#[derive(Debug, Args)]
pub struct CheckoutLinkListArgs {
    /// Show only active (or only deactivated) links
    #[arg(long, value_name = "BOOL")]
    pub active: Option<bool>,

    /// Show at most this many links
    #[arg(long, default_value_t = DEFAULT_ROW_LIMIT, value_name = "N", conflicts_with = "all")]
    pub limit: usize,

    /// Page through every link
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub format: RowFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `checkout link deactivate` arguments.
#[derive(Debug, Args)]
pub struct CheckoutLinkDeactivateArgs {
    /// The link to deactivate
    #[arg(value_name = "plink_...")]
    pub id: String,

    #[command(flatten)]
    pub live: LiveArg,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `payments` subcommands.
#[derive(Debug, Subcommand)]
pub enum PaymentsCommand {
    /// List payments, newest first
    #[command(after_help = examples::PAYMENTS_LIST)]
    List(PaymentsListArgs),
    /// Show one payment in detail: amounts, status, customer, latest error, checkout session
    #[command(after_help = examples::PAYMENTS_SHOW)]
    Show(PaymentsShowArgs),
}

/// `subscriptions` subcommands.
#[derive(Debug, Subcommand)]
pub enum SubscriptionsCommand {
    /// List subscriptions, newest first: customer, items and prices, status, period end
    #[command(after_help = examples::SUBSCRIPTIONS_LIST)]
    List(SubscriptionsListArgs),
    /// Show one subscription: customer, items, status, current period, next invoice, latest invoice
    #[command(after_help = examples::SUBSCRIPTIONS_SHOW)]
    Show(SubscriptionsShowArgs),
}

/// `subscriptions show` arguments.
#[derive(Debug, Args)]
pub struct SubscriptionsShowArgs {
    /// The subscription id
    #[arg(value_name = "sub_...")]
    pub id: String,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `subscriptions list` flags.
#[derive(Debug, Args)]
pub struct SubscriptionsListArgs {
    /// Only subscriptions to the price with this lookup key (active or archived)
    #[arg(long, value_name = "KEY")]
    pub price: Option<String>,

    /// Only subscriptions of customers with this email in any case (looked up first)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// Only subscriptions in this status [default: any but canceled, as Stripe lists them]
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Option<SubscriptionStatusArg>,

    /// Show at most this many subscriptions
    #[arg(long, default_value_t = DEFAULT_ROW_LIMIT, value_name = "N", conflicts_with = "all")]
    pub limit: usize,

    /// Page through every matching subscription
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub format: RowFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// A subscription status, as Stripe's list filter takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum SubscriptionStatusArg {
    Active,
    PastDue,
    Unpaid,
    Canceled,
    Incomplete,
    IncompleteExpired,
    Trialing,
    Paused,
    /// Canceled or incomplete_expired
    Ended,
    /// Every status, canceled ones included
    All,
}

/// `webhooks` subcommands.
#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Check a webhook delivery's Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)
    #[command(after_help = examples::WEBHOOKS_VERIFY)]
    Verify(WebhooksVerifyArgs),
}

/// `webhooks verify` flags.
#[derive(Debug, Args)]
pub struct WebhooksVerifyArgs {
    /// The request body exactly as received (the raw bytes)
    #[arg(long, value_name = "FILE")]
    pub payload: PathBuf,

    /// The Stripe-Signature header's value (`t=…,v1=…`)
    #[arg(long, value_name = "HEADER")]
    pub signature: String,

    /// A file holding the endpoint's signing secret (`whsec_…`), or the dotenv file `apply
    /// --webhook-secrets` writes (then `--key` says which line when it holds several); otherwise
    /// `STRIPE_WEBHOOK_SECRET`
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,

    /// The catalog webhook key whose `STRIPE_WEBHOOK_SECRET_<KEY>` line of `--secret-file` to use
    #[arg(long, value_name = "KEY", requires = "secret_file")]
    pub key: Option<String>,

    /// How old the timestamp may be, in seconds (Stripe's SDKs: 300)
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub tolerance: u32,
}

/// `events` subcommands.
#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// List events, newest first: type, the object each is about, and its webhook delivery state
    #[command(after_help = examples::EVENTS_LIST)]
    List(EventsListArgs),
}

/// `events list` flags.
#[derive(Debug, Args)]
pub struct EventsListArgs {
    /// Only events of this type (`checkout.session.completed`; `*` wildcards as Stripe takes them)
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,

    /// Only events about this object (`pi_…`, `cs_…`, `in_…`): filtered here while paging, as
    /// Stripe's list has no such filter
    #[arg(long = "for", value_name = "ID")]
    pub about: Option<String>,

    /// Only events created at or after this: a duration back from now (`1h`, `7d`) or a local
    /// date or RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Show at most this many events
    #[arg(long, default_value_t = DEFAULT_ROW_LIMIT, value_name = "N", conflicts_with = "all")]
    pub limit: usize,

    /// Page through every matching event (Stripe keeps 30 days)
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub format: RowFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `payments list` flags.
#[derive(Debug, Args)]
pub struct PaymentsListArgs {
    /// Only this customer's payments
    #[arg(long, value_name = "cus_...", conflicts_with = "email")]
    pub customer: Option<String>,

    /// Only payments of customers with this email in any case (looked up first), and of
    /// checkouts where it was typed (guest checkouts create no customer)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// Only payments created at or after this: a duration back from now (`7d`, `12h`, `30m`) or a
    /// local date (`2026-11-01`) or RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Only payments created before this: a duration back from now, an RFC 3339 time, or a local
    /// date (that whole day included)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,

    /// Only payments in this status (filtered here while paging, not by Stripe); repeatable
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Vec<PaymentStatusArg>,

    /// Show at most this many payments
    #[arg(long, default_value_t = DEFAULT_ROW_LIMIT, value_name = "N", conflicts_with = "all")]
    pub limit: usize,

    /// Page through every matching payment (a spinner shows progress on a terminal)
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub format: RowFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// A PaymentIntent status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum PaymentStatusArg {
    Succeeded,
    Processing,
    #[value(alias = "requires-payment-method")]
    RequiresPaymentMethod,
    #[value(alias = "requires-confirmation")]
    RequiresConfirmation,
    #[value(alias = "requires-action")]
    RequiresAction,
    #[value(alias = "requires-capture")]
    RequiresCapture,
    #[value(alias = "cancelled")]
    Canceled,
}

/// `payments show` arguments.
#[derive(Debug, Args)]
pub struct PaymentsShowArgs {
    /// The payment (PaymentIntent) id
    #[arg(value_name = "pi_...")]
    pub id: String,

    #[command(flatten)]
    pub format: DocumentFormatArg,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}
