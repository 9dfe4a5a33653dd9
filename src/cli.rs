//! The command line, as clap types only. `settings.rs` turns these into what the logic uses;
//! nothing outside `cli.rs` and `settings.rs` sees a clap type.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::secret::Secret;

const AFTER_HELP: &str = "\
Exit status:
  0  success (with `plan --detailed-exitcode`: no changes)
  1  error: invalid catalog, refused action, Stripe error
  2  `plan --detailed-exitcode` only: changes are present";

/// Keep a Stripe product catalog in a YAML file and make Stripe match it.
#[derive(Debug, Parser)]
#[command(name = "stripe-catalog", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command shares.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The catalog file
    #[arg(short = 'f', long = "catalog", global = true, value_name = "PATH", default_value = "catalog.yaml")]
    pub catalog: PathBuf,

    /// Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// When to use colour (`NO_COLOR` is respected under `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Print only data and errors: no progress, no status lines
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// How to reach Stripe. Only commands that talk to Stripe use these.
#[derive(Debug, Args)]
#[command(next_help_heading = "Connection")]
pub struct ConnectionArgs {
    /// Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`
    #[arg(long, global = true, value_name = "KEY", value_parser = parse_secret, conflicts_with = "api_key_file")]
    pub api_key: Option<Secret>,

    /// Read the API key from a file (surrounding whitespace is ignored)
    #[arg(long, global = true, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,

    /// Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`
    #[arg(long, global = true, value_name = "URL")]
    pub api_base: Option<String>,

    /// Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`
    #[arg(long, global = true, value_name = "ACCOUNT")]
    pub stripe_account: Option<String>,

    /// Retries after a failed request (429, 409, 5xx, connection errors)
    #[arg(long, global = true, value_name = "N", default_value_t = 4)]
    pub max_retries: u32,

    /// Requests per second at most [default: 20 with a test key, 80 with a live key]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_rps: Option<u32>,

    /// Run against a local Stripe emulator in this process; nothing is sent to Stripe
    #[arg(long, global = true, conflicts_with_all = ["api_key", "api_key_file", "api_base"])]
    pub sandbox: bool,

    /// Where `--sandbox` keeps its state
    #[arg(long, global = true, value_name = "PATH", default_value = ".stripe-catalog/sandbox.json")]
    pub sandbox_state: PathBuf,
}

/// Wraps the key at once, so no clap type ever holds it as a printable string.
#[allow(clippy::unnecessary_wraps)]
fn parse_secret(text: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::new(text))
}

/// `--format` values.
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
    Validate(ValidateArgs),
    /// Print the JSON Schema of the catalog file (for editor completion and checks)
    Schema,
    /// Run the local Stripe emulator (test mode only; nothing is sent to Stripe)
    #[command(subcommand)]
    Sandbox(SandboxCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

/// `validate` flags.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Treat warnings as errors (exit 1 when there are any)
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `sandbox` subcommands.
#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe's SDKs or `--api-base`
    Serve(SandboxServeArgs),
    /// Delete the sandbox's saved state
    Reset(SandboxStateArgs),
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
    #[arg(long, default_value_t = crate::sandbox::DEFAULT_PORT)]
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

    /// Seed for the fault draws, so a run can be repeated
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fault_seed: u64,

    /// Limit each account to N requests per second like Stripe's test mode (which allows 25)
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,
}

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
