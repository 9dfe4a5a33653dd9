//! The binary: `validate` exit codes and output streams, `schema`, `completions`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Run, binary, repo_root};

const SEVERAL_MISTAKES: &str = "tests/fixtures/catalogs/several-mistakes.yaml";

/// The binary, run from the repository root.
fn stripe_catalog() -> Command {
    let mut command = binary();
    command.current_dir(repo_root());
    command
}

fn write_catalog(dir: &Path, yaml: &str) -> PathBuf {
    let path = dir.join("catalog.yaml");
    std::fs::write(&path, yaml).unwrap_or_else(|err| panic!("{err}"));
    path
}

const CHEAP: &str = "version: 1\nproducts:\n  - id: sticker\n    name: Sticker\n    prices:\n      - { key: sticker, amount: 0.30, currency: usd }\n";

#[test]
fn validate_accepts_the_example() {
    let out = Run::of(stripe_catalog().args(["validate", "-f", "catalog.example.yaml"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "catalog.example.yaml: 4 products, 8 prices, OK\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn validate_reports_every_mistake_and_exits_1() {
    let out = Run::of(stripe_catalog().args(["validate", "-f", SEVERAL_MISTAKES, "--color", "never"]));
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stdout, "");
    insta::assert_snapshot!("validate_several_mistakes_stderr", out.stderr);
}

#[test]
fn validate_reads_catalog_yaml_by_default() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    write_catalog(dir.path(), "version: 1\nproducts: []\n");
    let out = Run::of(stripe_catalog().current_dir(dir.path()).arg("validate"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "catalog.yaml: 0 products, 0 prices, OK\n");
}

#[test]
fn validate_json_lists_every_diagnostic_on_stdout() {
    let out = Run::of(stripe_catalog().args(["validate", "-f", SEVERAL_MISTAKES, "--format", "json"]));
    assert_eq!(out.code, Some(1));
    let report: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|err| panic!("{err}: {}", out.stdout));
    assert_eq!(report["ok"], false);
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(6), Some(1)));
    let first = &report["diagnostics"][0];
    assert_eq!(
        *first,
        serde_json::json!({
            "file": SEVERAL_MISTAKES,
            "line": 8,
            "column": 20,
            "severity": "error",
            "path": "products[0].default_price",
            "message": "default_price `pro-monthy` is not one of product `pro`'s prices",
            "hint": "this product's price keys are `pro-monthly`, `pro-cheap`"
        })
    );
    assert_eq!(out.stderr, format!("error: {SEVERAL_MISTAKES}: 6 errors, 1 warning\n"));
}

#[test]
fn validate_json_summarises_a_good_catalog() {
    let out = Run::of(stripe_catalog().args(["validate", "-f", "catalog.example.yaml", "--format", "json"]));
    assert_eq!(out.code, Some(0));
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        report,
        serde_json::json!({
            "file": "catalog.example.yaml", "ok": true, "products": 4, "prices": 8,
            "errors": 0, "warnings": 0, "diagnostics": []
        })
    );
}

#[test]
fn warnings_alone_exit_0_unless_denied() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let path = write_catalog(dir.path(), CHEAP);
    let out = Run::of(stripe_catalog().arg("validate").arg("-f").arg(&path));
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stdout, format!("{}: 1 product, 1 price, OK (1 warning)\n", path.display()));
    assert!(
        out.stderr.starts_with(&format!(
            "{}:6:33: warning: $0.30 USD is below Stripe's minimum charge of $0.50 USD\n",
            path.display()
        )),
        "{}",
        out.stderr
    );

    let out = Run::of(stripe_catalog().args(["validate", "--deny-warnings", "-f"]).arg(&path));
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("warning: $0.30 USD"), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(&format!("error: {}: 1 warning (denied by `--deny-warnings`)\n", path.display())),
        "{}",
        out.stderr
    );
}

#[test]
fn unreadable_catalogs_are_one_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let out = Run::of(stripe_catalog().arg("validate").arg("-f").arg(dir.path()));
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stderr,
        format!(
            "error: cannot read the catalog `{}`: it is a directory, not a regular file\nhint: pass the catalog file itself, e.g. `-f catalog.yaml`\n",
            dir.path().display()
        )
    );
    let out = Run::of(stripe_catalog().current_dir(dir.path()).arg("validate"));
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.starts_with("error: cannot read the catalog `catalog.yaml`: no such file\nhint: "),
        "{}",
        out.stderr
    );
}

#[test]
fn binary_garbage_is_one_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let path = dir.path().join("catalog.yaml");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x01, b'\n', 0x80]).unwrap_or_else(|err| panic!("{err}"));
    let out = Run::of(stripe_catalog().arg("validate").arg("-f").arg(&path));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains(":1:1: error: the catalog is not UTF-8 text"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
}

#[test]
fn colour_follows_the_flag() {
    let always = Run::of(stripe_catalog().args(["validate", "-f", SEVERAL_MISTAKES, "--color", "always"]));
    assert!(always.stderr.contains("\u{1b}["), "expected ANSI styles");
    let never = Run::of(stripe_catalog().args(["validate", "-f", SEVERAL_MISTAKES, "--color", "never"]));
    assert!(!never.stderr.contains('\u{1b}'));
    let no_color = Run::of(stripe_catalog().args(["validate", "-f", SEVERAL_MISTAKES]).env("NO_COLOR", "1"));
    assert!(!no_color.stderr.contains('\u{1b}'));
}

#[test]
fn validate_refuses_row_formats() {
    // After the command, clap offers only the formats it has.
    let out = Run::of(stripe_catalog().args(["validate", "-f", "catalog.example.yaml", "--format", "csv"]));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("invalid value 'csv' for '--format <FORMAT>'"), "{}", out.stderr);
    assert!(out.stderr.contains("[possible values: text, json]"), "{}", out.stderr);
    // Before it, the command checks the shared value.
    let out = Run::of(stripe_catalog().args(["--format", "csv", "validate", "-f", "catalog.example.yaml"]));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("`validate` prints one document"), "{}", out.stderr);
}

#[test]
fn schema_prints_the_checked_in_schema() {
    let out = Run::of(stripe_catalog().arg("schema"));
    assert_eq!(out.code, Some(0));
    let checked_in = std::fs::read_to_string(repo_root().join("catalog.schema.json")).unwrap_or_default();
    assert_eq!(out.stdout, checked_in);
}

#[test]
fn completions_print_the_checked_in_script() {
    let out = Run::of(stripe_catalog().args(["completions", "bash"]));
    assert_eq!(out.code, Some(0));
    let checked_in = std::fs::read_to_string(repo_root().join("completions/stripe-catalog.bash")).unwrap_or_default();
    assert_eq!(out.stdout.trim_end(), checked_in.trim_end());
    assert!(out.stdout.contains("validate"));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = Run::of(stripe_catalog().arg("--help"));
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("Exit status:\n  0  success"), "{}", out.stdout);
}

/// Issue #16 item 7: `--format json` prints its document for a catalog that cannot be read,
/// with the documented keys.
#[test]
fn validate_json_reports_unreadable_catalogs_as_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, vec![b'#'; 10 * 1024 * 1024 + 1]).unwrap_or_else(|err| panic!("{err}"));
    let missing = dir.path().join("missing.yaml");
    for (path, problem) in [(&missing, "no such file"), (&dir.path().to_path_buf(), "directory"), (&big, "10 MiB")] {
        let out = Run::of(stripe_catalog().args(["validate", "--format", "json", "-f"]).arg(path));
        assert_eq!(out.code, Some(1));
        let report: serde_json::Value =
            serde_json::from_str(&out.stdout).unwrap_or_else(|err| panic!("{err}: {}", out.stdout));
        for key in ["file", "ok", "products", "prices", "errors", "warnings", "diagnostics"] {
            assert!(report.get(key).is_some(), "`{key}` missing from {report}");
        }
        assert_eq!(report["ok"], false);
        assert_eq!(report["errors"], 1);
        let message = report["diagnostics"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(problem), "{message}");
    }
}
