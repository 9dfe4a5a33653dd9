//! Hostile text end to end (issue #16 item 2): a catalog whose description forges plan lines
//! and whose name carries terminal commands, planned with the binary against the in-process
//! sandbox. The text plan shows every value escaped; `--format json` keeps the values.

use crate::support::{Run, binary};

const HOSTILE: &str = r#"version: 1
products:
  - id: pro
    name: "Pro \e]52;c;ZXZpbA==\a\e]8;;https://evil.example\e\\plan\u202e"
    description: "x\n  + product \"fake\" will be created\nPlan: 0 to create\r"
    prices:
      - { key: pro-monthly, amount: 29, currency: usd, recurring: { interval: month } }
"#;

#[test]
fn the_text_plan_escapes_catalog_text_and_json_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("catalog.yaml"), HOSTILE).expect("catalog");
    let run = Run::of(binary().current_dir(dir.path()).args(["--sandbox", "plan", "--color", "always"])).ok();
    for raw in ['\u{7}', '\r', '\u{202e}'] {
        assert!(!run.stdout.contains(raw), "{raw:?} reached stdout:\n{}", run.stdout);
    }
    // Colour is on: the only escape sequences left are our own SGR colours (`ESC [ … m`).
    for (index, _) in run.stdout.match_indices('\u{1b}') {
        let rest = &run.stdout[index + 1..];
        let sgr = rest.strip_prefix('[').and_then(|rest| rest.find('m').map(|end| &rest[..end]));
        assert!(
            sgr.is_some_and(|codes| codes.chars().all(|c| c.is_ascii_digit() || c == ';')),
            "a non-colour escape at {index}:\n{}",
            run.stdout
        );
    }
    let plain = Run::of(binary().current_dir(dir.path()).args(["--sandbox", "plan", "--color", "never"])).ok();
    assert!(!plain.stdout.lines().any(|line| line.starts_with("  + product \"fake\"")), "{}", plain.stdout);
    let lines: Vec<&str> =
        plain.stdout.lines().filter(|line| line.contains("name:") || line.contains("description:")).collect();
    insta::assert_snapshot!(lines.join("\n"), @r#"
          name: "Pro \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]8;;https://evil.example\u{1b}\plan\u{202e}"
          description: "x\n  + product "fake" will be created\nPlan: 0 to create\r"
    "#);
    let json = Run::of(binary().current_dir(dir.path()).args(["--sandbox", "--format", "json", "plan"])).ok().json();
    let text = json.to_string();
    assert!(text.contains(r"Pro \u001b]52;c;ZXZpbA=="), "{text}");
}
