//! Flags written before the command (`stripe-catalog --sandbox -f shop.yaml plan`) merged with
//! the command's own (`plan -f shop.yaml --sandbox`). Both spellings work, so an alias can set
//! the shared ones for every command; a command's own flag overrides the shared one, and a
//! command ignores shared flags it has no use for (an alias's `-f` means nothing to
//! `payments list`), except `--format`, whose value must be one the command can print.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::ValueEnum as _;

use super::{OutputFormat, require_document_format};
use crate::cli::{CatalogArg, ConnectionArgs, DocumentFormat, DocumentFormatArg, FormatArg, RowFormatArg, SharedArgs};
use crate::error::Hinted;

/// The default catalog file.
pub const DEFAULT_CATALOG: &str = "catalog.yaml";

/// The flags written before the command.
pub(super) struct Shared {
    catalog: Option<PathBuf>,
    format: Option<FormatArg>,
    connection: ConnectionArgs,
}

/// The catalog path a command reads, and whether the user named it (`-f` before or after the
/// command) rather than taking the default.
pub(super) struct CatalogChoice {
    pub path: PathBuf,
    pub given: bool,
}

impl Shared {
    pub(super) fn new(args: SharedArgs) -> Shared {
        Shared { catalog: args.catalog.catalog, format: args.format, connection: args.connection }
    }

    /// `--format` of a command that prints one document.
    pub(super) fn document_format(&self, command: &str, own: &DocumentFormatArg) -> Result<OutputFormat> {
        if let Some(own) = own.format {
            return Ok(match own {
                DocumentFormat::Text => OutputFormat::Text,
                DocumentFormat::Json => OutputFormat::Json,
            });
        }
        let format = self.row_format(&RowFormatArg { format: None });
        require_document_format(format, command)?;
        Ok(format)
    }

    /// `--format` of a command that lists rows.
    pub(super) fn row_format(&self, own: &RowFormatArg) -> OutputFormat {
        match own.format.or(self.format) {
            None | Some(FormatArg::Text) => OutputFormat::Text,
            Some(FormatArg::Json) => OutputFormat::Json,
            Some(FormatArg::Csv) => OutputFormat::Csv,
            Some(FormatArg::Ndjson) => OutputFormat::Ndjson,
        }
    }

    /// A command without `--format` refuses one written before it, rather than ignore it.
    pub(super) fn no_format(&self, command: &str) -> Result<OutputFormat> {
        if let Some(format) = self.format {
            let name = format.to_possible_value().map(|value| value.get_name().to_string()).unwrap_or_default();
            bail!(Hinted::new(
                format!("`{command}` has no `--format` (given `--format {name}` before it)"),
                format!("leave `--format` out; `stripe-catalog {command} --help` says what it prints")
            ));
        }
        Ok(OutputFormat::Text)
    }

    /// The catalog path: the command's `-f`, else the shared one, else `catalog.yaml`.
    pub(super) fn catalog(&self, own: Option<CatalogArg>) -> CatalogChoice {
        match own.and_then(|own| own.catalog).or_else(|| self.catalog.clone()) {
            Some(path) => CatalogChoice { path, given: true },
            None => CatalogChoice { path: PathBuf::from(DEFAULT_CATALOG), given: false },
        }
    }

    /// The connection flags: each of the command's own, else the shared one. Clap checks
    /// conflicts within one position; this checks them across the two.
    pub(super) fn connection(self, own: Option<ConnectionArgs>) -> Result<ConnectionArgs> {
        let shared = self.connection;
        let Some(own) = own else { return Ok(shared) };
        // The key is one choice: a key given after the command replaces the shared one,
        // whichever way each was given.
        let (api_key, api_key_file) = if own.api_key.is_some() || own.api_key_file.is_some() {
            (own.api_key, own.api_key_file)
        } else {
            (shared.api_key, shared.api_key_file)
        };
        let merged = ConnectionArgs {
            api_key,
            api_key_file,
            api_base: own.api_base.or(shared.api_base),
            stripe_account: own.stripe_account.or(shared.stripe_account),
            max_retries: own.max_retries.or(shared.max_retries),
            max_rps: own.max_rps.or(shared.max_rps),
            sandbox: own.sandbox || shared.sandbox,
            sandbox_state: own.sandbox_state.or(shared.sandbox_state),
        };
        if merged.sandbox {
            let clashing = [
                (merged.api_key.is_some(), "--api-key"),
                (merged.api_key_file.is_some(), "--api-key-file"),
                (merged.api_base.is_some(), "--api-base"),
            ];
            if let Some((_, flag)) = clashing.iter().find(|(given, _)| *given) {
                bail!(Hinted::new(
                    format!("`--sandbox` cannot be combined with `{flag}`"),
                    "`--sandbox` runs a local emulator in this process: it takes no key and no API base"
                ));
            }
        }
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    use super::*;

    fn parse(args: &[&str]) -> (Shared, Command) {
        let cli = Cli::try_parse_from(args).unwrap_or_else(|err| panic!("{err}"));
        (Shared::new(cli.shared), cli.command)
    }

    #[test]
    fn the_commands_own_flags_override_the_shared_ones() {
        let (shared, command) = parse(&[
            "stripe-catalog",
            "--sandbox",
            "-f",
            "shared.yaml",
            "--max-retries",
            "1",
            "plan",
            "-f",
            "own.yaml",
            "--max-retries",
            "2",
        ]);
        let Command::Plan(args) = command else { panic!("not plan") };
        let catalog = shared.catalog(Some(args.catalog));
        assert_eq!((catalog.path, catalog.given), (PathBuf::from("own.yaml"), true));
        let connection = shared.connection(Some(args.connection)).unwrap();
        assert!(connection.sandbox);
        assert_eq!(connection.max_retries, Some(2));
    }

    #[test]
    fn shared_flags_apply_when_the_command_gives_none() {
        let (shared, command) = parse(&["stripe-catalog", "--sandbox", "-f", "shop.yaml", "--format", "json", "apply"]);
        let Command::Apply(args) = command else { panic!("not apply") };
        assert_eq!(shared.document_format("apply", &args.common.format).unwrap(), OutputFormat::Json);
        let catalog = shared.catalog(Some(args.common.catalog));
        assert_eq!((catalog.path, catalog.given), (PathBuf::from("shop.yaml"), true));
        assert!(shared.connection(Some(args.common.connection)).unwrap().sandbox);

        let (shared, _) = parse(&["stripe-catalog", "validate"]);
        let catalog = shared.catalog(None);
        assert_eq!((catalog.path, catalog.given), (PathBuf::from(DEFAULT_CATALOG), false));
    }

    #[test]
    fn formats_a_command_cannot_print_are_refused() {
        let (shared, _) = parse(&["stripe-catalog", "--format", "csv", "plan"]);
        let own = DocumentFormatArg { format: None };
        let err = shared.document_format("plan", &own).unwrap_err().to_string();
        assert!(err.contains("`plan` prints one document"), "{err}");
        let (shared, _) = parse(&["stripe-catalog", "--format", "json", "schema"]);
        let err = shared.no_format("schema").unwrap_err().to_string();
        assert_eq!(err, "`schema` has no `--format` (given `--format json` before it)");
        assert!(Cli::try_parse_from(["stripe-catalog", "schema", "--format", "json"]).is_err());
        assert!(Cli::try_parse_from(["stripe-catalog", "validate", "--format", "csv"]).is_err());
        assert!(Cli::try_parse_from(["stripe-catalog", "payments", "list", "--format", "csv"]).is_ok());
    }

    #[test]
    fn sandbox_and_a_key_clash_across_positions() {
        let (shared, command) = parse(&["stripe-catalog", "--sandbox", "plan", "--api-key", "sk_test_x"]);
        let Command::Plan(args) = command else { panic!("not plan") };
        let err = shared.connection(Some(args.connection)).unwrap_err().to_string();
        assert_eq!(err, "`--sandbox` cannot be combined with `--api-key`");
    }

    #[test]
    fn connection_flags_are_refused_after_commands_that_do_not_talk_to_stripe() {
        for args in [
            ["stripe-catalog", "validate", "--api-key", "sk_test_x"],
            ["stripe-catalog", "schema", "--sandbox", ""],
            ["stripe-catalog", "completions", "bash", "--sandbox"],
        ] {
            let args: Vec<&str> = args.into_iter().filter(|arg| !arg.is_empty()).collect();
            assert!(Cli::try_parse_from(&args).is_err(), "{args:?}");
        }
    }
}
