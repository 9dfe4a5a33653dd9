//! The command line, as clap types only. `settings.rs` turns these into what the logic uses;
//! nothing outside `cli.rs` and `settings.rs` sees a clap type.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
