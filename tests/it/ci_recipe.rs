//! The README's CI recipe, run as written (issue #14, item 6): its plan step passes when the
//! plan has changes (exit 2) and fails on any error, including a mistyped flag, which must
//! never exit 2 ("changes present"). Issue #15: it writes the plan as a Markdown comment, which
//! the next step posts with `gh pr comment`, and a plan blocked by policy (exit 3) still gets
//! its comment, then fails the check in a step of its own.

use std::path::PathBuf;
use std::process::Command;

use stripe_sandbox::{SANDBOX_API_KEY, SandboxBuilder};

use crate::support::{Run, binary};

/// The `run: |` block of the README's "Plan (pull requests)" step, unindented.
fn plan_step() -> String {
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap_or_else(|err| panic!("README.md: {err}"));
    let mut lines = readme.lines().skip_while(|line| !line.contains("name: Plan (pull requests)"));
    let run = lines.find(|line| line.trim() == "run: |").expect("the plan step has a `run: |` block");
    let indent = run.len() - run.trim_start().len() + 2;
    let script: Vec<&str> = lines
        .take_while(|line| line.len() > indent && line[..indent].trim().is_empty())
        .map(|line| &line[indent..])
        .collect();
    assert!(script.iter().any(|line| line.contains("plan --detailed-exitcode")), "{script:?}");
    script.join("\n") + "\n"
}

/// The README's "Apply (release)" step's command (issue 12 review: it passes `--webhook-secrets`).
fn apply_step() -> String {
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let mut lines = readme.lines().skip_while(|line| !line.contains("name: Apply (release)"));
    let run = lines.find_map(|line| line.trim().strip_prefix("run: ")).expect("the apply step runs a command");
    assert!(run.contains("--webhook-secrets .env.webhooks"), "{run}");
    format!("{run}\n")
}

/// Runs `script` in bash with the binary on PATH, against `api_base`, in `dir`.
fn run_step(script: &str, dir: &std::path::Path, api_base: &str) -> (Option<i32>, String) {
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_stripe-catalog")).parent().expect("the binary has a folder");
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let output = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env("STRIPE_API_KEY", SANDBOX_API_KEY)
        .env("STRIPE_API_BASE", api_base)
        .env("NO_COLOR", "1")
        .env("GITHUB_OUTPUT", dir.join("github_output"))
        .output()
        .expect("bash runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[tokio::test]
async fn the_readme_plan_step_passes_on_changes_and_fails_on_a_flag_typo() {
    let sandbox = SandboxBuilder::new().start().await.expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("catalog.yaml"),
        "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - { key: pro-monthly, amount: 29, currency: usd, recurring: { interval: month } }\n",
    )
    .expect("catalog");
    let step = plan_step();
    let base = sandbox.base_url();
    let step_dir = dir.path().to_path_buf();

    let (code, stderr) = {
        let (step, base, step_dir) = (step.clone(), base.clone(), step_dir.clone());
        tokio::task::spawn_blocking(move || run_step(&step, &step_dir, &base)).await.expect("join")
    };
    assert_eq!(code, Some(0), "changes present: the step passes\n{stderr}");
    let plan = std::fs::read_to_string(dir.path().join("plan.md")).expect("plan.md");
    assert!(
        plan.contains("| `+` | price \"pro-monthly\" | price: \\$29.00 USD / month |"),
        "the comment is in plan.md:\n{plan}"
    );
    assert!(plan.contains("✅ Policies pass."), "{plan}");
    assert_eq!(step_output(dir.path()), "code=2\n");

    // The unit mistake: the step passes with code 3 for the `Blocked by policy` step, and the
    // comment says why.
    let apply = apply_step();
    let (code, stderr) = {
        let (base, step_dir) = (base.clone(), step_dir.clone());
        tokio::task::spawn_blocking(move || run_step(&apply, &step_dir, &base)).await.expect("join")
    };
    assert_eq!(code, Some(0), "{stderr}");
    let catalog = std::fs::read_to_string(dir.path().join("catalog.yaml")).expect("catalog");
    std::fs::write(dir.path().join("catalog.yaml"), catalog.replace("amount: 29,", "amount: 2900,")).expect("edit");
    std::fs::remove_file(dir.path().join("github_output")).expect("the first run wrote it");
    let (code, stderr) = {
        let (step, base, step_dir) = (step.clone(), base.clone(), step_dir.clone());
        tokio::task::spawn_blocking(move || run_step(&step, &step_dir, &base)).await.expect("join")
    };
    assert_eq!(code, Some(0), "blocked by policy: the step passes, so the comment is posted\n{stderr}");
    assert_eq!(step_output(dir.path()), "code=3\n");
    let plan = std::fs::read_to_string(dir.path().join("plan.md")).expect("plan.md");
    assert!(plan.contains("⛔ **Blocked by policy:** 1 violation (`max_amount_change`)."), "{plan}");
    assert!(plan.contains("if \\$29.00 USD is meant, write `amount: 29.00` (or `unit_amount: 2900`)"), "{plan}");

    let typo = step.replace("plan --detailed-exitcode", "plan --detailed-exitcode --paralelism 2");
    let (code, stderr) = tokio::task::spawn_blocking(move || run_step(&typo, &step_dir, &base)).await.expect("join");
    assert_eq!(code, Some(1), "a mistyped flag fails the step\n{stderr}");
    assert!(stderr.contains("--paralelism"), "{stderr}");
}

/// What the plan step told the later steps (`$GITHUB_OUTPUT`).
fn step_output(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("github_output")).expect("the step writes its code")
}

/// The recipe posts the comment the plan step wrote, and fails a blocked plan after posting it.
#[test]
fn the_readme_recipe_comments_the_plan_and_fails_a_blocked_one() {
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let recipe = &readme[readme.find("# .github/workflows/catalog.yml").expect("the recipe")..];
    let recipe = &recipe[..recipe.find("```").expect("the recipe ends")];
    let at = |needle: &str| recipe.find(needle).unwrap_or_else(|| panic!("{needle} in:\n{recipe}"));
    let plan = at("name: Plan (pull requests)");
    let comment = at(r#"run: gh pr comment "$PR" --body-file plan.md"#);
    let blocked = at("if: github.event_name == 'pull_request' && steps.plan.outputs.code == '3'");
    assert!(plan < comment && comment < blocked, "plan, then the comment, then the verdict:\n{recipe}");
    assert!(recipe.contains("pull-requests: write"), "commenting needs the permission:\n{recipe}");
}

#[test]
fn usage_errors_exit_1_and_help_exits_0() {
    let code = |args: &[&str]| Run::of(binary().args(args)).code;
    assert_eq!(code(&["plan", "--paralelism", "2"]), Some(1));
    assert_eq!(code(&["no-such-command"]), Some(1));
    assert_eq!(code(&["plan", "--format"]), Some(1), "a missing value");
    assert_eq!(code(&["--help"]), Some(0));
    assert_eq!(code(&["plan", "--help"]), Some(0));
    assert_eq!(code(&["--version"]), Some(0));
}

#[test]
fn terraforms_single_dash_spelling_gets_a_tip() {
    let run = Run::of(binary().args(["plan", "-out", "plan.json"])).failed();
    assert!(run.stderr.contains("hint: long options take two dashes: `--out`, not `-out`"), "{}", run.stderr);
}
