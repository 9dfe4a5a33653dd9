//! The command line as documented: every command's `--help` ends in examples that parse, and
//! every invocation the README shows parses too (flags in the position the README writes them).

use clap::{CommandFactory, Parser};
use stripe_catalog::cli::Cli;

use crate::support::repo_root;

/// Every command and subcommand, as the words that name it (`["checkout", "link", "list"]`).
fn all_commands() -> Vec<(Vec<String>, clap::Command)> {
    let mut found = Vec::new();
    let mut stack: Vec<(Vec<String>, clap::Command)> = vec![(Vec::new(), Cli::command())];
    while let Some((path, command)) = stack.pop() {
        for sub in command.get_subcommands() {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            stack.push((sub_path, sub.clone()));
        }
        found.push((path, command));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// A documented command line as arguments: shell words up to a comment, redirection or pipe,
/// with the surrounding quotes of a word dropped.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in line.split_whitespace() {
        if word.starts_with('#') || matches!(word, ">" | "|" | "&&" | ";") {
            break;
        }
        let closes = word.ends_with(')') && !word.contains('(');
        let word = word.trim_end_matches(')');
        words.push(word.trim_matches('"').trim_matches('\'').to_string());
        if closes {
            break;
        }
    }
    words
}

fn parses(args: &[String]) -> Result<(), String> {
    Cli::try_parse_from(args).map(|_| ()).map_err(|err| err.to_string())
}

#[test]
fn every_command_has_examples_that_parse() {
    let mut missing = Vec::new();
    let mut broken = Vec::new();
    for (path, command) in all_commands() {
        if path.last().is_some_and(|name| name == "help") {
            continue;
        }
        // Wide enough that no example wraps: each is read back whole.
        let help = command.term_width(400).render_long_help().to_string();
        let Some((_, examples)) = help.split_once("\nExamples:\n") else {
            missing.push(path.join(" "));
            continue;
        };
        let lines: Vec<&str> = examples.lines().take_while(|line| line.starts_with("  ")).collect();
        assert!(!lines.is_empty(), "`{}` has an empty Examples section", path.join(" "));
        // clap wraps help at 100 columns (less on a narrower terminal): a longer example would
        // be cut in two.
        for line in lines.iter().filter(|line| line.chars().count() > 96) {
            broken.push(format!("{line}\nis longer than 96 columns"));
        }
        for line in lines.iter().map(|line| line.trim()).filter(|line| line.starts_with("stripe-catalog ")) {
            let args = words(line);
            if let Err(err) = parses(&args) {
                broken.push(format!("{line}\n{err}"));
            }
        }
    }
    assert!(missing.is_empty(), "no `Examples:` in the help of: {missing:?}");
    assert!(broken.is_empty(), "examples that do not parse:\n{}", broken.join("\n"));
}

#[test]
fn options_show_only_on_commands_that_use_them() {
    let help = |args: &[&str]| {
        let mut all = vec!["stripe-catalog"];
        all.extend_from_slice(args);
        all.push("--help");
        let err = Cli::try_parse_from(all).expect_err("help is an early exit");
        err.to_string()
    };
    let validate = help(&["validate"]);
    assert!(!validate.contains("--api-key") && !validate.contains("--sandbox"), "{validate}");
    assert!(
        validate.contains("--catalog") && validate.contains("- json:") && !validate.contains("- csv:"),
        "{validate}"
    );
    let schema = help(&["schema"]);
    assert!(!schema.contains("--format") && !schema.contains("--catalog"), "{schema}");
    let payments = help(&["payments", "list"]);
    assert!(payments.contains("--api-key") && payments.contains("- csv:"), "{payments}");
    assert!(!payments.contains("--catalog"), "payments never read the catalog: {payments}");
    let plan = help(&["plan"]);
    assert!(plan.contains("--api-key") && plan.contains("--catalog") && !plan.contains("- csv:"), "{plan}");
    let top = help(&[]);
    assert!(top.contains("\n  man "), "`man` is listed: {top}");
}

/// The README's command lines: `stripe-catalog …`, `cargo run --release -- …` and the `sc`
/// alias its support section defines, in shell blocks and inline code.
fn readme_invocations() -> Vec<(String, Vec<String>, bool)> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let alias_line = readme.lines().find(|line| line.starts_with("alias sc=")).expect("the `sc` alias");
    let alias = alias_line.split('\'').nth(1).expect("quoted alias");
    let alias_args: Vec<String> =
        alias.split(" -- ").nth(1).expect("cargo run -- …").split_whitespace().map(str::to_string).collect();

    // Each line, and whether it is inline code in prose (which may name a command without
    // its required arguments: "`stripe-catalog sandbox pay` calls them").
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut block: Option<&str> = None;
    for line in readme.lines() {
        if let Some(fence) = line.strip_prefix("```") {
            block = if block.is_some() { None } else { Some(fence) };
            continue;
        }
        // `text` blocks show output, with the command run after a `$ ` prompt.
        if block == Some("text") && !line.trim_start().starts_with("$ ") {
            continue;
        }
        if block.is_some() {
            lines.push((line.trim().trim_start_matches("$ ").trim_start_matches("run: ").to_string(), false));
        } else {
            lines.extend(line.split('`').skip(1).step_by(2).map(|code| (code.to_string(), true)));
        }
    }
    let mut found = Vec::new();
    for (line, inline) in lines {
        for (index, _) in
            line.match_indices("stripe-catalog ").chain(line.match_indices("sc ")).chain(line.match_indices("-- "))
        {
            let before = &line[..index];
            let start = before.chars().last().is_none_or(|c| c == ' ' || c == '(');
            let rest = &line[index..];
            let args = if let Some(rest) = rest.strip_prefix("stripe-catalog ") {
                if !start || rest.starts_with("--") && rest.len() < 3 {
                    continue;
                }
                words(rest)
            } else if let Some(rest) = rest.strip_prefix("sc ") {
                if !start {
                    continue;
                }
                let mut args = alias_args.clone();
                args.extend(words(rest));
                args
            } else if let Some(rest) = rest.strip_prefix("-- ")
                && before.trim_end().starts_with("cargo run")
                && !before.contains("--bench")
            {
                words(rest)
            } else {
                continue;
            };
            let mut all = vec!["stripe-catalog".to_string()];
            all.extend(args);
            found.push((line.clone(), all, inline));
        }
    }
    found
}

#[test]
fn every_invocation_in_the_readme_parses() {
    let invocations = readme_invocations();
    assert!(invocations.len() > 30, "too few found, the scan is broken: {}", invocations.len());
    for expected in ["--sandbox apply -f catalog.example.yaml --auto-approve", "plan --detailed-exitcode"] {
        assert!(
            invocations.iter().any(|(_, args, _)| args.join(" ").contains(expected)),
            "`{expected}` not among {invocations:#?}"
        );
    }
    let broken: Vec<String> = invocations
        .iter()
        .filter_map(|(line, args, inline)| match Cli::try_parse_from(args) {
            Ok(_) => None,
            Err(err) if *inline && err.kind() == clap::error::ErrorKind::MissingRequiredArgument => None,
            Err(err) => Some(format!("{line}\n  {args:?}\n{err}")),
        })
        .collect();
    assert!(broken.is_empty(), "README invocations that do not parse:\n{}", broken.join("\n"));
}

/// Review item 2: the examples aimed at `sandbox serve` (`http://127.0.0.1:12111`, on the line or
/// in an `export` line before it) work as written against it, key included: each is run with
/// the served sandbox's real address in place of the default one, and must succeed.
#[test]
fn examples_aimed_at_sandbox_serve_run_against_it() {
    const DEFAULT_BASE: &str = "http://127.0.0.1:12111";
    let directory = tempfile::tempdir().unwrap();
    let served = super::served::Served::start(directory.path(), &directory.path().join("served.json"), &[]);
    let mut ran = Vec::new();
    for (path, command) in all_commands() {
        let help = command.term_width(400).render_long_help().to_string();
        let Some((_, examples)) = help.split_once("\nExamples:\n") else { continue };
        let mut exported: Vec<(String, String)> = Vec::new();
        for line in examples.lines().take_while(|line| line.starts_with("  ")).map(str::trim) {
            if let Some(assignments) = line.strip_prefix("export ") {
                for word in words(assignments) {
                    if let Some((name, value)) = word.split_once('=') {
                        exported.push((name.to_string(), value.to_string()));
                    }
                }
                continue;
            }
            let args = words(line);
            let aimed = args.iter().any(|arg| arg == DEFAULT_BASE)
                || exported.iter().any(|(name, value)| name == "STRIPE_API_BASE" && value == DEFAULT_BASE);
            // `plan` there needs a catalog: the sandbox's own commands are the ones run here.
            if !line.starts_with("stripe-catalog ") || !aimed || !args.iter().any(|arg| arg == "sandbox") {
                continue;
            }
            let mut run = super::served::binary_in(directory.path());
            for (name, value) in &exported {
                run.env(name, value.replace(DEFAULT_BASE, &served.base_url));
            }
            run.args(args[1..].iter().map(|arg| arg.replace(DEFAULT_BASE, &served.base_url)));
            let output = run.output().unwrap();
            assert!(
                output.status.success(),
                "`{}` example fails as written: {line}\n{}",
                path.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
            ran.push(line.to_string());
        }
    }
    assert!(ran.iter().any(|line| line.contains("sandbox trigger checkout.session.completed")), "{ran:?}");
    assert!(ran.iter().any(|line| line.contains("sandbox advance 2w")), "{ran:?}");
}
