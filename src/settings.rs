//! Turns the parsed command line and the environment into the plain settings the commands use.
//! This is the only module that reads environment variables.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::{Cli, ColorArg, Command, FormatArg};

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
    pub format: OutputFormat,
    pub color: ColorChoice,
    pub quiet: bool,
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
    Completions { shell: clap_complete::Shell },
    Man,
}

impl Settings {
    /// Resolves the command line and environment into settings.
    ///
    /// # Errors
    /// When flags are combined in a way the command cannot honour.
    pub fn resolve(cli: Cli) -> Result<Settings> {
        let global = GlobalSettings {
            catalog_path: cli.global.catalog,
            format: match cli.global.format {
                FormatArg::Text => OutputFormat::Text,
                FormatArg::Json => OutputFormat::Json,
                FormatArg::Csv => OutputFormat::Csv,
                FormatArg::Ndjson => OutputFormat::Ndjson,
            },
            color: match cli.global.color {
                ColorArg::Always => ColorChoice::Always,
                ColorArg::Never => ColorChoice::Never,
                ColorArg::Auto if no_color_requested() => ColorChoice::Never,
                ColorArg::Auto => ColorChoice::Auto,
            },
            quiet: cli.global.quiet,
        };
        let command = match cli.command {
            Command::Validate(args) => CommandSettings::Validate { deny_warnings: args.deny_warnings },
            Command::Schema => CommandSettings::Schema,
            Command::Completions(args) => CommandSettings::Completions { shell: args.shell },
            Command::Man => CommandSettings::Man,
        };
        Ok(Settings { global, command })
    }
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

/// <https://no-color.org>: any non-empty `NO_COLOR` turns colour off.
fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}
