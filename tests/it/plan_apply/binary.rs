//! The binary against a sandbox over HTTP (`--api-base`): exit codes, the confirmation and
//! live guards, saved plans and staleness, the account pin, JSON output, and a crash test
//! (SIGKILL in the middle of an apply, then a rerun).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use stripe_sandbox::{Faults, RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

use crate::support::{Run, binary, repo_root};

const SHOP: &str = "tests/fixtures/plan/shop.yaml";
const SHOP_RAISED: &str = "tests/fixtures/plan/shop-raised.yaml";

fn fixture(path: &str) -> PathBuf {
    repo_root().join(path)
}

/// A sandbox plus a working directory; runs the binary against them.
struct Bench {
    sandbox: RunningSandbox,
    dir: tempfile::TempDir,
}

impl Bench {
    async fn new() -> Bench {
        Bench::with(SandboxBuilder::new()).await
    }

    async fn with(builder: SandboxBuilder) -> Bench {
        Bench { sandbox: builder.start().await.expect("sandbox"), dir: tempfile::tempdir().expect("tempdir") }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = binary();
        command
            .current_dir(self.dir.path())
            .env("STRIPE_API_BASE", self.sandbox.base_url())
            .args(["--max-retries", "1"])
            .args(args)
            .stdin(Stdio::null());
        if !args.iter().any(|arg| arg.starts_with("--api-key")) {
            command.args(["--api-key", SANDBOX_API_KEY]);
        }
        command
    }

    /// Runs without blocking the runtime the sandbox serves on.
    async fn run(&self, args: &[&str]) -> Run {
        Run::off_runtime(self.command(args)).await
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

fn arg(path: &Path) -> String {
    path.display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn detailed_exit_codes_and_a_no_op_after_apply() {
    let bench = Bench::new().await;
    let shop = arg(&fixture(SHOP));
    let plan = bench.run(&["plan", "-f", &shop, "--detailed-exitcode"]).await;
    assert_eq!(plan.code, Some(2), "{}", plan.stderr);
    assert!(plan.stdout.contains("Plan: 5 to create, 0 to update, 0 to replace, 0 to archive."), "{}", plan.stdout);
    assert!(plan.stdout.contains("Mode:    TEST"));
    assert!(plan.stdout.contains(&format!("API:     {}", bench.sandbox.base_url())));
    assert_eq!(bench.run(&["plan", "-f", &shop]).await.code, Some(0), "without the flag changes exit 0");

    let apply = bench.run(&["apply", "-f", &shop, "--auto-approve"]).await;
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    assert!(apply.stderr.contains("Apply complete: 5 created"), "{}", apply.stderr);
    // One line per action without a terminal, each saying how far along the run is.
    let progress: Vec<&str> = apply.stderr.lines().filter(|line| line.starts_with("  done  [")).collect();
    assert_eq!(progress.len(), 6, "{}", apply.stderr);
    for (n, line) in progress.iter().enumerate() {
        assert!(line.starts_with(&format!("  done  [{}/6] ", n + 1)), "{line}");
    }
    assert!(progress.iter().any(|line| line.contains("] price/pro-monthly/create → price_")), "{progress:?}");
    assert!(!apply.stderr.contains("rate limit"), "six writes are not a second's worth at 20/s");

    let again = bench.run(&["plan", "-f", &shop, "--detailed-exitcode"]).await;
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(again.stdout.contains("No changes. Stripe matches the catalog."));
    let audit = std::fs::read_to_string(bench.dir.path().join(".stripe-catalog/audit.jsonl")).expect("audit log");
    assert_eq!(audit.lines().count(), 7, "the run start, 5 creates and the default move");
    assert!(!audit.contains(SANDBOX_API_KEY));
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_refuses_without_a_terminal_unless_auto_approved() {
    let bench = Bench::new().await;
    let run = bench.run(&["apply", "-f", &arg(&fixture(SHOP))]).await;
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("refusing to apply without confirmation: stdin is not a terminal"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: rerun with `--auto-approve`"));
    assert_eq!(bench.sandbox.object_count("products"), 0, "nothing written");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_live_guard() {
    let bench = Bench::new().await;
    let shop = arg(&fixture(SHOP));
    let live = bench.run(&["apply", "-f", &shop, "--auto-approve", "--api-key", "sk_live_NotARealKey"]).await;
    assert_eq!(live.code, Some(1));
    assert!(
        live.stderr.contains("this is a LIVE key: `apply` writes to live Stripe only with `--live`"),
        "{}",
        live.stderr
    );
    assert!(!live.stderr.contains("sk_live_NotARealKey"), "the key is never printed");
    assert_eq!(bench.sandbox.total_requests(), 0, "refused before any request");
    let test_with_live = bench.run(&["apply", "-f", &shop, "--auto-approve", "--live"]).await;
    assert_eq!(test_with_live.code, Some(1));
    assert!(test_with_live.stderr.contains("`--live` was given, but the key is a test key"));
    assert_eq!(bench.sandbox.object_count("products"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn saved_plans_apply_when_fresh_and_are_refused_when_stale() {
    let bench = Bench::new().await;
    // The catalog lives in the working directory, so it can change under a saved plan.
    let shop = bench.path("shop.yaml");
    std::fs::copy(fixture(SHOP), &shop).expect("copy");
    let raised = arg(&fixture(SHOP_RAISED));
    let plan_file = bench.path("plan.json");
    let saved = bench.run(&["plan", "-f", &shop, "--out", &plan_file]).await;
    assert_eq!(saved.code, Some(0), "{}", saved.stderr);
    assert!(saved.stderr.contains("treat it as sensitive"), "{}", saved.stderr);
    let text = std::fs::read_to_string(&plan_file).expect("plan file");
    assert!(text.contains("\"format_version\": 1") && !text.contains(SANDBOX_API_KEY));

    // Another catalog than the plan's: refused, naming both.
    let other = bench.run(&["apply", "-f", &raised, &plan_file]).await;
    assert_eq!(other.code, Some(1));
    assert!(
        other.stderr.contains(&format!("was made from `{shop}`, not `{raised}` (given with `-f`)")),
        "{}",
        other.stderr
    );

    // The catalog changed since: stale.
    std::fs::copy(fixture(SHOP_RAISED), &shop).expect("copy");
    let stale = bench.run(&["apply", &plan_file]).await;
    assert_eq!(stale.code, Some(1));
    assert!(stale.stderr.contains("saved plan is stale: the catalog file changed"), "{}", stale.stderr);

    // Fresh: applied without a prompt, even without a terminal, and without `-f`.
    std::fs::copy(fixture(SHOP), &shop).expect("copy");
    let applied = bench.run(&["apply", &plan_file]).await;
    assert_eq!(applied.code, Some(0), "{}", applied.stderr);
    assert_eq!(bench.sandbox.object_count("products"), 2);

    // Stripe changed since the plan was made: stale.
    let second_file = bench.path("second.json");
    assert_eq!(bench.run(&["plan", "-f", &raised, "--out", &second_file]).await.code, Some(0));
    assert_eq!(bench.run(&["apply", "-f", &raised, "--auto-approve"]).await.code, Some(0));
    let changed = bench.run(&["apply", &second_file]).await;
    assert_eq!(changed.code, Some(1));
    assert!(changed.stderr.contains("saved plan is stale: Stripe or the catalog changed"), "{}", changed.stderr);
    assert!(changed.stderr.contains("hint: run `stripe-catalog plan --out FILE` again"));
}

/// The command `plan --out` prints, as words to run from `dir`.
fn printed_apply_command(stderr: &str) -> Vec<String> {
    let start =
        stderr.find("apply it with `").unwrap_or_else(|| panic!("no hint in:\n{stderr}")) + "apply it with `".len();
    let end = start + stderr[start..].find('`').expect("closing backtick");
    let words: Vec<String> = stderr[start..end].split_whitespace().map(str::to_string).collect();
    assert_eq!(words[0], "stripe-catalog", "{words:?}");
    words[1..].to_vec()
}

#[test]
fn the_saved_plan_hint_works_as_printed_with_the_in_process_sandbox() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    std::fs::copy(fixture(SHOP), dir.path().join("sub/cat.yaml")).expect("copy");
    // The trap: another catalog where `apply` would look by default.
    std::fs::copy(fixture(SHOP_RAISED), dir.path().join("catalog.yaml")).expect("copy");
    let run = |args: &[String]| Run::of(binary().current_dir(dir.path()).args(args).stdin(Stdio::null()));
    let words = |args: &[&str]| args.iter().map(|arg| (*arg).to_string()).collect::<Vec<String>>();

    let plan = run(&words(&["plan", "-f", "sub/cat.yaml", "--sandbox", "--out", "p.json"])).ok();
    assert!(
        plan.stderr.contains(
            "Saved the plan to p.json (catalog sub/cat.yaml, the in-process sandbox); apply it with `stripe-catalog --sandbox apply p.json`"
        ),
        "{}",
        plan.stderr
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("p.json")).expect("plan")).expect("JSON");
    assert_eq!(
        saved["origin"],
        serde_json::json!({"catalog": "sub/cat.yaml", "sandbox_state": ".stripe-catalog/sandbox.json", "stripe_account": null})
    );

    let apply = run(&printed_apply_command(&plan.stderr)).ok();
    assert!(apply.stderr.contains("Applying the plan in p.json to the catalog sub/cat.yaml"), "{}", apply.stderr);
    assert!(apply.stderr.contains("Apply complete: 5 created"), "{}", apply.stderr);
    let again = run(&words(&["--sandbox", "plan", "-f", "sub/cat.yaml", "--detailed-exitcode"]));
    assert_eq!(again.code, Some(0), "the plan's catalog was applied, not ./catalog.yaml:\n{}", again.stdout);

    // A target the plan was not made for is refused before anything is read.
    let elsewhere = run(&words(&["apply", "p.json", "--api-base", "http://127.0.0.1:9"])).failed();
    assert!(
        elsewhere.stderr.contains(
            "error: `p.json` was made against the in-process sandbox (`--sandbox`), not `http://127.0.0.1:9`"
        ),
        "{}",
        elsewhere.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_saved_plan_hint_works_as_printed_against_a_server() {
    let bench = Bench::new().await;
    std::fs::write(bench.dir.path().join("key.txt"), SANDBOX_API_KEY).expect("key file");
    std::fs::copy(fixture(SHOP), bench.dir.path().join("shop.yaml")).expect("copy");
    let base = bench.sandbox.base_url();
    let plan = Run::off_runtime({
        let mut command = binary();
        command.current_dir(bench.dir.path()).args([
            "plan",
            "-f",
            "shop.yaml",
            "--api-base",
            &base,
            "--api-key-file",
            "key.txt",
            "--out",
            "p.json",
        ]);
        command
    })
    .await
    .ok();
    let words = printed_apply_command(&plan.stderr);
    assert_eq!(words, ["apply", "--api-key-file", "key.txt", "p.json"], "{}", plan.stderr);
    // Neither the API base nor the catalog is given again: the plan has them.
    let mut command = binary();
    command.current_dir(bench.dir.path()).args(&words).stdin(Stdio::null());
    let apply = Run::off_runtime(command).await.ok();
    assert!(apply.stderr.contains("Apply complete: 5 created"), "{}", apply.stderr);
    assert_eq!(bench.sandbox.object_count("products"), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_catalog_pinned_to_another_account_is_refused() {
    let bench = Bench::new().await;
    let text = std::fs::read_to_string(fixture(SHOP))
        .expect("fixture")
        .replace("version: 1\n", "version: 1\naccount: acct_1Nv0FGQ9RKHgCVdK\n");
    let pinned = bench.path("pinned.yaml");
    std::fs::write(&pinned, text).expect("write");
    let run = bench.run(&["apply", "-f", &pinned, "--auto-approve"]).await;
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("the catalog is pinned to account `acct_1Nv0FGQ9RKHgCVdK`"), "{}", run.stderr);
    assert_eq!(bench.sandbox.object_count("products"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn json_plans_are_versioned_documents() {
    let bench = Bench::new().await;
    let run = bench.run(&["plan", "-f", &arg(&fixture(SHOP)), "--format", "json"]).await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(document["format_version"], 1);
    assert_eq!(document["mode"], "test");
    assert_eq!(document["changes_present"], true);
    assert_eq!(document["summary"]["create"], 5);
    assert_eq!(document["actions"][0]["kind"], "create_product");
    assert_eq!(bench.run(&["plan", "-f", &arg(&fixture(SHOP)), "--format", "csv"]).await.code, Some(1));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_apply_killed_mid_way_converges_on_rerun_without_duplicates() {
    // Slow requests leave time to kill the process between writes.
    let bench = Bench::with(SandboxBuilder::new().latency(Duration::from_millis(40))).await;
    let raised = arg(&fixture(SHOP_RAISED));
    let shop = arg(&fixture(SHOP));
    assert_eq!(bench.run(&["apply", "-f", &shop, "--auto-approve"]).await.code, Some(0));
    let audit = bench.dir.path().join(".stripe-catalog/audit.jsonl");
    let lines_before = std::fs::read_to_string(&audit).expect("audit").lines().count();

    // A bigger change: a replace plus a second product's worth of work, killed after one write.
    let mut child = bench
        .command(&["apply", "-f", &raised, "--auto-approve", "--parallelism", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let lines = std::fs::read_to_string(&audit).map(|text| text.lines().count()).unwrap_or(0);
        // The run-start record, then one write.
        if lines > lines_before + 1 || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let lines_at_kill = std::fs::read_to_string(&audit).expect("audit").lines().count();
    assert!(lines_at_kill < lines_before + 1 + 3, "killed before the replace's three writes were done");

    let rerun = bench.run(&["apply", "-f", &raised, "--auto-approve"]).await;
    assert_eq!(rerun.code, Some(0), "{}", rerun.stderr);
    let plan = bench.run(&["plan", "-f", &raised, "--detailed-exitcode"]).await;
    assert_eq!(plan.code, Some(0), "converged: {}", plan.stdout);
    assert_eq!(bench.sandbox.object_count("products"), 2, "no duplicated product");
    assert_eq!(bench.sandbox.object_count("prices"), 4, "three prices and the one replaced, nothing twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_plan_made_with_the_in_process_sandbox_applies_in_the_next_run() {
    let bench = Bench::new().await;
    let example = arg(&repo_root().join("catalog.example.yaml"));
    let state = bench.path("sandbox.json");
    let plan_file = bench.path("plan.json");
    let sandboxed = |args: &[&str]| {
        let mut all = vec!["--sandbox", "--sandbox-state", state.as_str(), "-f", example.as_str()];
        all.extend_from_slice(args);
        all.into_iter().map(str::to_string).collect::<Vec<String>>()
    };
    let run = |args: Vec<String>| Run::of(binary().current_dir(bench.dir.path()).args(args).stdin(Stdio::null()));
    let plan = run(sandboxed(&["plan", "--out", &plan_file]));
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert!(plan.stdout.contains("API:     in-process sandbox (--sandbox)"), "{}", plan.stdout);
    assert!(plan.stderr.contains("account pin `acct_1Nv0FGQ9RKHgCVdK` does not apply"));
    let apply = run(sandboxed(&["apply", &plan_file]));
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    let again = run(sandboxed(&["plan", "--detailed-exitcode"]));
    assert_eq!(again.code, Some(0), "{}", again.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_lets_in_flight_writes_finish_then_exits_130() {
    let bench = Bench::with(SandboxBuilder::new().latency(Duration::from_millis(150))).await;
    let shop = arg(&fixture(SHOP));
    let audit = bench.dir.path().join(".stripe-catalog/audit.jsonl");
    let child = bench
        .command(&["apply", "-f", &shop, "--auto-approve", "--parallelism", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(20);
    // The run-start record and the first write.
    while std::fs::read_to_string(&audit).map(|text| text.lines().count()).unwrap_or(0) < 2 && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // The second write is in flight now.
    tokio::time::sleep(Duration::from_millis(30)).await;
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-s", "INT", &pid]).status().expect("kill");
    assert!(sent.success());
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await.expect("join").expect("wait");
    let Run { code, stderr, .. } = Run::from(output);
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("interrupted: starting nothing new"), "{stderr}");
    assert!(stderr.contains("not started"), "{stderr}");
    assert!(stderr.contains("error: apply interrupted: 2 of 6 writes done, 4 not started"), "{stderr}");
    let lines = std::fs::read_to_string(&audit).expect("audit").lines().count();
    assert_eq!(lines, 3, "the run start, and the write in flight finished and was recorded");
    let rerun = bench.run(&["apply", "-f", &shop, "--auto-approve"]).await;
    assert_eq!(rerun.code, Some(0), "{}", rerun.stderr);
    assert_eq!(bench.sandbox.object_count("products"), 2);
    assert_eq!(bench.sandbox.object_count("prices"), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_json_says_what_happened_to_each_action() {
    let bench = Bench::new().await;
    let shop = arg(&fixture(SHOP));
    let run = bench.run(&["apply", "-f", &shop, "--auto-approve", "--format", "json"]).await.ok();
    let document = run.json();
    assert_eq!(document["format_version"], 1);
    assert_eq!(document["result"], "applied");
    assert_eq!(document["summary"]["create"], 5);
    assert_eq!(document["counts"], serde_json::json!({"done": 6, "failed": 0, "skipped": 0}));
    let actions = document["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 6);
    let price = actions.iter().find(|action| action["id"] == "price/pro-monthly/create").expect("the price");
    assert_eq!(price["kind"], "create_price");
    assert_eq!(price["status"], "done");
    assert!(price["object_id"].as_str().is_some_and(|id| id.starts_with("price_")), "{price}");
    assert_eq!((&price["replayed"], &price["error"]), (&serde_json::json!(false), &serde_json::Value::Null));
    assert!(run.stderr.contains("Apply complete: 5 created"), "status stays on stderr: {}", run.stderr);

    let again = bench.run(&["apply", "-f", &shop, "--auto-approve", "--format", "json"]).await.ok().json();
    assert_eq!(again["result"], "no_changes");
    assert_eq!(again["actions"], serde_json::json!([]));
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_json_reports_failed_and_skipped_actions() {
    // Every write is committed, then its answer lost; without retries the first write fails.
    let faults = Faults { drop_after_commit: 1.0, ..Faults::default() };
    let bench = Bench::with(SandboxBuilder::new().faults(faults)).await;
    let shop = arg(&fixture(SHOP));
    let args = ["apply", "-f", &shop, "--auto-approve", "--format", "json", "--max-retries", "0", "--parallelism", "1"];
    let run = bench.run(&args).await.failed();
    let document = run.json();
    assert_eq!(document["result"], "failed");
    assert_eq!(document["counts"], serde_json::json!({"done": 0, "failed": 1, "skipped": 5}));
    let actions = document["actions"].as_array().expect("actions");
    let failed: Vec<&serde_json::Value> = actions.iter().filter(|action| action["status"] == "failed").collect();
    assert_eq!(failed.len(), 1);
    let error = &failed[0]["error"];
    assert!(error["message"].as_str().is_some_and(|message| !message.is_empty()), "{error}");
    assert_eq!(
        (&error["code"], &error["request_id"]),
        (&serde_json::Value::Null, &serde_json::Value::Null),
        "no answer"
    );
    assert!(actions.iter().filter(|action| action["status"] == "skipped").all(|action| action["error"].is_null()));
    assert!(run.stderr.contains("error: apply stopped: 0 of 6 writes done, 1 failed, 5 not started"), "{}", run.stderr);
    assert!(!run.stderr.contains("┌"), "the JSON document replaces the table: {}", run.stderr);
}

#[test]
fn a_rate_limited_apply_says_the_limit_sets_the_pace_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shop = arg(&fixture(SHOP));
    let apply = |max_rps: &[&str]| {
        Run::of(
            binary()
                .current_dir(dir.path())
                .args(["--sandbox", "apply", "-f", &shop, "--auto-approve"])
                .args(max_rps)
                .stdin(Stdio::null()),
        )
        .ok()
    };
    let paced = apply(&["--max-rps", "2"]);
    let notice = "note: the client-side rate limit sets the pace: at most 2 requests/s; `--max-rps N` changes it \
                  (Stripe allows 25/s in test mode, 100/s live)";
    assert_eq!(paced.stderr.matches(notice).count(), 1, "{}", paced.stderr);
    // The in-process sandbox is not paced unless asked: nothing to say.
    std::fs::remove_dir_all(dir.path().join(".stripe-catalog")).expect("reset");
    let unpaced = apply(&[]);
    assert!(!unpaced.stderr.contains("rate limit"), "{}", unpaced.stderr);
}

#[test]
fn a_pin_naming_the_sandboxs_own_account_gets_no_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |catalog: &str, format: &[&str]| {
        Run::of(binary().current_dir(dir.path()).args(["--sandbox", "plan", "-f", catalog]).args(format)).ok()
    };
    std::fs::copy(fixture(SHOP), dir.path().join("shop.yaml")).expect("copy");
    let account = run("shop.yaml", &["--format", "json"]).json()["account"]["id"].as_str().expect("id").to_string();
    let pinned = |account: &str| {
        std::fs::read_to_string(fixture(SHOP))
            .expect("fixture")
            .replace("version: 1\n", &format!("version: 1\naccount: {account}\n"))
    };
    std::fs::write(dir.path().join("own.yaml"), pinned(&account)).expect("write");
    let own = run("own.yaml", &[]);
    assert!(!own.stderr.contains("does not apply"), "{}", own.stderr);
    std::fs::write(dir.path().join("other.yaml"), pinned("acct_1Nv0FGQ9RKHgCVdK")).expect("write");
    let other = run("other.yaml", &[]);
    assert!(
        other.stderr.contains(
            "sandbox: the catalog's account pin `acct_1Nv0FGQ9RKHgCVdK` does not apply to the local emulator"
        ),
        "{}",
        other.stderr
    );
}

// issue 11 "The plan shows the impact": `plan` reads the subscribers of the price it replaces
// (one subscription list, one payment-link list), an unchanged plan reads none, and applying a
// saved plan reads none either.
#[tokio::test(flavor = "multi_thread")]
async fn plan_shows_who_pays_a_replaced_price_and_reads_nothing_more_when_unchanged() {
    let bench = Bench::new().await;
    let shop = bench.path("shop.yaml");
    std::fs::copy(fixture(SHOP), &shop).expect("copy");
    let applied = bench.run(&["apply", "-f", &shop, "--auto-approve"]).await;
    assert_eq!(applied.code, Some(0), "{}", applied.stderr);
    let prices = bench.sandbox.seed("GET", "/v1/prices?lookup_keys[]=pro-monthly", "").expect("list prices");
    let monthly = prices["data"][0]["id"].as_str().expect("the monthly price").to_string();
    let customer = bench.sandbox.seed("POST", "/v1/customers", "email=payer@example.com").expect("customer");
    let customer = customer["id"].as_str().expect("customer id").to_string();
    let card = bench
        .sandbox
        .seed("POST", "/v1/payment_methods/pm_card_visa/attach", &format!("customer={customer}"))
        .expect("attach");
    let card = card["id"].as_str().expect("card id");
    bench
        .sandbox
        .seed(
            "POST",
            "/v1/subscriptions",
            &format!(
                "customer={customer}&items[0][price]={monthly}&items[0][quantity]=3&default_payment_method={card}"
            ),
        )
        .expect("subscribe");

    bench.sandbox.reset_counters();
    let unchanged = bench.run(&["plan", "-f", &shop]).await;
    assert_eq!(unchanged.code, Some(0), "{}", unchanged.stderr);
    assert!(!unchanged.stdout.contains("impact"), "{}", unchanged.stdout);
    assert_eq!(bench.sandbox.request_count("GET", "/v1/subscriptions"), 0);
    assert_eq!(bench.sandbox.request_count("GET", "/v1/payment_links"), 0);

    std::fs::copy(fixture(SHOP_RAISED), &shop).expect("copy");
    let text = bench.run(&["plan", "-f", &shop]).await;
    assert_eq!(text.code, Some(0), "{}", text.stderr);
    assert!(
        text.stdout.contains("Reading the impact on subscribers and Payment Links cost 2 requests"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("subscribers: 1 active ($87.00 USD / month): 1 subscription keeps paying the old price"),
        "{}",
        text.stdout
    );
    let json = bench.run(&["--format", "json", "plan", "-f", &shop]).await;
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("a JSON plan");
    assert_eq!(document["impact"]["requests"], 2);
    let impact = &document["impact"]["prices"][&monthly];
    assert_eq!(impact["subscriptions"], serde_json::json!({"active": 1, "trialing": 0, "past_due": 0}));
    assert_eq!(impact["monthly_amount"], serde_json::json!([{"currency": "usd", "minor": 8700, "estimate": false}]));
    assert_eq!(impact["payment_links"], serde_json::json!([]));

    let plan_file = bench.path("plan.json");
    let saved = bench.run(&["plan", "-f", &shop, "--out", &plan_file]).await;
    assert_eq!(saved.code, Some(0), "{}", saved.stderr);
    bench.sandbox.reset_counters();
    let apply = bench.run(&["apply", &plan_file]).await;
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    assert_eq!(
        bench.sandbox.request_count("GET", "/v1/subscriptions"),
        0,
        "a saved plan is applied without the impact"
    );
}
