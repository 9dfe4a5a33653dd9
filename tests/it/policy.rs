//! Policies (issue #15) through the binary against the in-process sandbox: the unit mistake
//! blocked with exit 3 and let through on record by `--allow`, each other rule blocking and
//! passing on its own example, and `validate` on a malformed `policy:`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Run, binary};

/// A folder with a catalog, a sandbox state and an audit log, and the binary run in it as the
/// OS user `ci-bot`.
struct Dir {
    dir: tempfile::TempDir,
}

const PRO: &str = "  - id: pro
    name: Pro
    default_price: pro-monthly
    prices:
      - key: pro-monthly
        AMOUNT
        currency: usd
        recurring: { interval: month }
EXTRA";

impl Dir {
    fn new() -> Dir {
        Dir { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes the catalog: `policy` (YAML lines under `policy:`, or none), then the product
    /// `pro` whose one price has `amount` (a whole `amount: …` line) and `extra` lines.
    fn catalog(&self, policy: &str, amount: &str, extra: &str) {
        let policy = if policy.is_empty() { String::new() } else { format!("policy:\n{policy}") };
        let text = format!(
            "version: 1\ncheckout:\n  success_url: https://example.com/ok\n{policy}products:\n{}",
            PRO.replace("AMOUNT", amount).replace("EXTRA", extra)
        );
        std::fs::write(self.path().join("catalog.yaml"), text).expect("catalog");
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_as(&[("USER", "ci-bot")], args)
    }

    /// A run with the OS user variables set to `user` only (the others removed).
    fn run_as(&self, user: &[(&str, &str)], args: &[&str]) -> Run {
        let mut command = binary();
        for name in ["USER", "USERNAME", "LOGNAME"] {
            command.env_remove(name);
        }
        command.envs(user.iter().copied());
        command
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .arg("--sandbox")
            .arg("--sandbox-state")
            .arg(self.path().join("sandbox.json"))
            .args(args);
        Run::of(&mut command)
    }

    fn audit(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(self.audit_path()).unwrap_or_default();
        text.lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect()
    }

    fn audit_path(&self) -> PathBuf {
        self.path().join("audit.jsonl")
    }

    fn apply(&self, extra: &[&str]) -> Run {
        let audit = self.audit_path();
        let mut args = vec!["apply", "--auto-approve", "--audit-log", audit.to_str().expect("utf-8")];
        args.extend_from_slice(extra);
        self.run(&args)
    }
}

fn code(run: &Run) -> Option<i32> {
    run.code
}

/// Issue #15 acceptance: `29.00` → `2900` is blocked with exit 3 (also under
/// `--detailed-exitcode`, where 3 wins over 2), the message names the factor and the unit fix,
/// apply refuses it (with or without a saved plan) and writes nothing, and `--allow
/// max_amount_change` lets it apply with the allowance in the audit log.
#[test]
fn the_unit_mistake_is_blocked_and_allowed_on_record() {
    let dir = Dir::new();
    dir.catalog("", "amount: 29.00", "");
    dir.apply(&[]).ok();
    let first_apply = dir.audit().len();
    dir.catalog("", "amount: 2900", "");

    let plan = dir.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(code(&plan), Some(3), "{}\n{}", plan.stdout, plan.stderr);
    for expected in [
        "✗ blocked by policy max_amount_change: price \"pro-monthly\": unit_amount $29.00 USD → $2,900.00 USD, 100× up; max_amount_change blocks a move of 10× or more, up or down",
        "hint: $2,900.00 USD is 100× $29.00 USD: an amount in minor units written where major units go? `amount` is in major units; if $29.00 USD is meant, write `amount: 29.00` (or `unit_amount: 2900`)",
    ] {
        assert!(plan.stdout.contains(expected), "{expected}\nin:\n{}", plan.stdout);
    }
    assert!(plan.stderr.contains("error: blocked by policy: 1 violation (max_amount_change)"), "{}", plan.stderr);

    let json = dir.run(&["plan", "--format", "json"]);
    assert_eq!(code(&json), Some(3));
    let document = json.json();
    assert_eq!(document["blocked_by_policy"], true);
    let violation = &document["policy"]["violations"][0];
    assert_eq!(violation["rule"], "max_amount_change");
    assert_eq!(violation["action"], "price/pro-monthly/create");
    assert_eq!(violation["amounts"][0]["old"], 2900);
    assert_eq!(violation["amounts"][0]["new"], 290_000);
    assert_eq!(violation["amounts"][0]["factor"], "100×");

    let refused = dir.apply(&[]);
    assert_eq!(code(&refused), Some(3), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("error: apply refused: blocked by policy: 1 violation (max_amount_change); nothing was written"),
        "{}",
        refused.stderr
    );
    assert_eq!(refused.stderr.matches("error:").count(), 1, "one error line: {}", refused.stderr);
    let saved = dir.run(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&saved), Some(3));
    let audit = dir.audit_path();
    let from_file = dir.run(&["apply", "plan.json", "--audit-log", audit.to_str().expect("utf-8")]);
    assert_eq!(code(&from_file), Some(3), "{}", from_file.stderr);
    assert!(
        from_file.stderr.contains("error: policy max_amount_change on price/pro-monthly/create: price \"pro-monthly\""),
        "a saved plan's violations are listed: {}",
        from_file.stderr
    );
    assert_eq!(dir.audit().len(), first_apply, "refused before the audit log's run start: nothing written");
    assert_eq!(code(&dir.run(&["plan"])), Some(3), "Stripe is unchanged");

    let allowed =
        dir.run(&["apply", "plan.json", "--audit-log", audit.to_str().expect("utf-8"), "--allow", "max_amount_change"]);
    assert_eq!(code(&allowed), Some(0), "{}", allowed.stderr);
    assert!(
        allowed
            .stderr
            .contains("policy max_amount_change allowed by `--allow max_amount_change` for price/pro-monthly/create"),
        "{}",
        allowed.stderr
    );
    let records = dir.audit();
    let start = records.iter().rposition(|record| record["kind"] == "run_start").expect("a run start");
    let allowance = &records[start + 1];
    assert_eq!(allowance["kind"], "policy_allowed");
    assert_eq!(allowance["rule"], "max_amount_change");
    assert_eq!(allowance["actions"], serde_json::json!(["price/pro-monthly/create"]));
    assert_eq!(allowance["allowed_by"], "ci-bot");
    assert_eq!(allowance["run_id"], records[start]["run_id"], "the record names the run");
    assert!(records[start + 2..].iter().any(|record| record["action"] == "price/pro-monthly/create"));
    dir.run(&["plan", "--detailed-exitcode"]).ok();
}

#[test]
fn a_mistyped_allow_is_a_usage_error_with_the_rule_it_means() {
    let dir = Dir::new();
    dir.catalog("", "amount: 29.00", "");
    let run = dir.run(&["plan", "--allow", "max_amount_chnage"]).failed();
    assert!(run.stderr.contains("error: --allow: `max_amount_chnage` is not a policy rule"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: did you mean `max_amount_change`?"), "{}", run.stderr);
}

/// A move under the factor passes; the factor can be tightened.
#[test]
fn max_amount_change_blocks_at_the_catalogs_own_factor() {
    let dir = Dir::new();
    dir.catalog("  max_amount_change: 2x\n", "amount: 29.00", "");
    dir.apply(&[]).ok();
    dir.catalog("  max_amount_change: 2x\n", "amount: 49.00", "");
    assert_eq!(code(&dir.run(&["plan", "--detailed-exitcode"])), Some(2), "1.69× passes 2x");
    dir.catalog("  max_amount_change: 2x\n", "amount: 14.50", "");
    let run = dir.run(&["plan"]);
    assert_eq!(code(&run), Some(3));
    assert!(run.stdout.contains("unit_amount $29.00 USD → $14.50 USD, 2× down"), "{}", run.stdout);
    dir.catalog("  max_amount_change: off\n", "amount: 2900", "");
    dir.run(&["plan"]).ok();
}

/// `require_currencies`: every active price offers the currencies, as its own or an option.
#[test]
fn require_currencies_blocks_a_price_without_them_and_passes_with_an_option() {
    let dir = Dir::new();
    let policy = "  require_currencies: [usd, EUR]\n";
    dir.catalog(policy, "amount: 29.00", "");
    let run = dir.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(code(&run), Some(3), "{}", run.stderr);
    assert!(
        run.stdout.contains("✗ blocked by policy require_currencies: price \"pro-monthly\" (USD) has no price in EUR"),
        "{}",
        run.stdout
    );
    assert_eq!(code(&dir.run(&["plan", "--allow", "require_currencies"])), Some(0));
    dir.catalog(policy, "amount: 29.00", "        currency_options:\n          eur: { amount: 27.00 }\n");
    assert_eq!(code(&dir.run(&["plan", "--detailed-exitcode"])), Some(2));
    dir.apply(&[]).ok();
    dir.run(&["plan", "--detailed-exitcode"]).ok();
}

/// `require_tax_behavior`: an unchanged price still counts (the rule is about the catalog).
#[test]
fn require_tax_behavior_blocks_an_unspecified_price_and_passes_once_set() {
    let dir = Dir::new();
    dir.catalog("", "amount: 29.00", "");
    dir.apply(&[]).ok();
    let policy = "  require_tax_behavior: true\n";
    dir.catalog(policy, "amount: 29.00", "");
    let run = dir.run(&["plan"]);
    assert_eq!(code(&run), Some(3), "{}", run.stderr);
    assert!(run.stdout.contains("No changes. Stripe matches the catalog."), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "✗ blocked by policy require_tax_behavior: price \"pro-monthly\" leaves tax_behavior unspecified in USD"
        ),
        "{}",
        run.stdout
    );
    dir.catalog(policy, "amount: 29.00", "        tax_behavior: exclusive\n");
    assert_eq!(code(&dir.run(&["plan", "--detailed-exitcode"])), Some(2));
    dir.apply(&[]).ok();
}

/// `subscribed_prices` on a price someone subscribed to: `warn` (the default) warns, `block`
/// blocks, `require_on_replace` blocks a replace until `on_replace` is set.
#[test]
fn subscribed_prices_warns_by_default_and_blocks_when_asked() {
    let dir = Dir::new();
    dir.catalog("", "amount: 29.00", "");
    dir.apply(&[]).ok();
    let url = dir.run(&["checkout", "session", "--price", "pro-monthly", "--email", "ann@example.com"]).ok();
    dir.run(&["sandbox", "pay", url.stdout.trim()]).ok();

    dir.catalog("", "amount: 35.00", "");
    let warned = dir.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(code(&warned), Some(2), "{}", warned.stderr);
    assert!(
        warned.stdout.contains("warning: policy subscribed_prices: replacing price \"pro-monthly\""),
        "{}",
        warned.stdout
    );
    assert!(
        warned.stdout.contains("1 subscription bills on it (1 active, 0 trialing, 0 past_due)"),
        "{}",
        warned.stdout
    );

    dir.catalog("  subscribed_prices: block\n", "amount: 35.00", "");
    let blocked = dir.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(code(&blocked), Some(3));
    assert!(blocked.stdout.contains("✗ blocked by policy subscribed_prices: replacing price \"pro-monthly\""));
    assert_eq!(code(&dir.run(&["plan", "--allow", "subscribed_prices"])), Some(0));

    dir.catalog("  subscribed_prices: require_on_replace\n", "amount: 35.00", "");
    let required = dir.run(&["plan"]);
    assert_eq!(code(&required), Some(3));
    assert!(
        required
            .stdout
            .contains("hint: say what happens to the subscribers with `on_replace: keep` or `on_replace: migrate`"),
        "{}",
        required.stdout
    );
    // Written at any level (here the catalog's top), `on_replace` satisfies the rule, and the
    // warning says what happens to the subscriber.
    dir.catalog("  subscribed_prices: require_on_replace\non_replace: keep\n", "amount: 35.00", "");
    let kept = dir.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(code(&kept), Some(2), "{}", kept.stdout);
    assert!(
        kept.stdout.contains("(1 active, 0 trialing, 0 past_due) and keeps paying the old price"),
        "{}",
        kept.stdout
    );
    dir.catalog("  subscribed_prices: require_on_replace\non_replace: migrate\n", "amount: 35.00", "");
    let migrated = dir.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(code(&migrated), Some(2), "{}", migrated.stdout);
    assert!(migrated.stdout.contains("and move to the new price (on_replace: migrate)"), "{}", migrated.stdout);

    dir.catalog("  subscribed_prices: require_on_replace\n", "amount: 35.00", "");
    let applied = dir.apply(&["--allow", "subscribed_prices"]);
    assert_eq!(code(&applied), Some(0), "{}", applied.stderr);
    let allowance = dir.audit().into_iter().find(|record| record["kind"] == "policy_allowed").expect("recorded");
    assert_eq!(allowance["rule"], "subscribed_prices");
    assert_eq!(allowance["actions"], serde_json::json!(["price/pro-monthly/create"]));
}

/// `validate` checks the section with positions, and the static rules offline (exit 3).
#[test]
fn validate_reports_a_malformed_policy_with_its_place() {
    let dir = Dir::new();
    dir.catalog(
        "  max_amount_change: 10\n  require_currencies: [usd, eurr]\n  subscribed_prices: blok\n",
        "amount: 29.00",
        "",
    );
    let run = dir.run(&["validate"]).failed();
    for expected in [
        "catalog.yaml:5:22: error: `10` is a number, not a factor",
        "hint: write `10x`: a replace whose amount moves by 10 times or more, up or down, is blocked (or `off`)",
        "catalog.yaml:6:29: error: `eurr` is not a currency Stripe supports",
        "hint: did you mean `eur`?",
        "catalog.yaml:7:22: error: `blok` is not a valid subscribed_prices",
        "hint: use `warn`, `require_on_replace` or `block`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\nin:\n{}", run.stderr);
    }
    dir.catalog("  max_amount_change: 0.5x\n", "amount: 29.00", "");
    let run = dir.run(&["validate"]).failed();
    assert!(run.stderr.contains("catalog.yaml:5:22: error: `0.5x` is not more than 1x"), "{}", run.stderr);
    dir.catalog("  max_amount_chnage: 10x\n", "amount: 29.00", "");
    let run = dir.run(&["validate"]).failed();
    assert!(run.stderr.contains("catalog.yaml:5:3: error: unknown field `max_amount_chnage`"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: did you mean `max_amount_change`?"), "{}", run.stderr);

    dir.catalog("  require_tax_behavior: true\n", "amount: 29.00", "");
    let run = dir.run(&["validate"]);
    assert_eq!(code(&run), Some(3), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "catalog.yaml:11:14: error: policy require_tax_behavior: price `pro-monthly` leaves tax_behavior unspecified in USD"
        ),
        "{}",
        run.stderr
    );
}

/// Issue #15 review: once `amount: 2900` went through with `--allow max_amount_change`, going
/// back to `amount: 29.00` reactivates the original price (the revert rule) and is not
/// blocked: a return to terms billed before is no unit mistake.
#[test]
fn fixing_an_allowed_unit_mistake_by_a_revert_is_not_blocked() {
    let dir = Dir::new();
    dir.catalog("", "amount: 29.00", "");
    dir.apply(&[]).ok();
    dir.catalog("", "amount: 2900", "");
    let allowed = dir.apply(&["--allow", "max_amount_change"]).ok();
    let shown = format!("{}{}", allowed.stdout, allowed.stderr);
    assert!(shown.contains("1 violation, allowed by `--allow`: the plan may be applied"), "{shown}");
    dir.catalog("", "amount: 29.00", "");

    let plan = dir.run(&["plan"]);
    assert_eq!(code(&plan), Some(0), "{}\n{}", plan.stdout, plan.stderr);
    assert!(plan.stdout.contains("will be reactivated"), "the revert rule applies: {}", plan.stdout);
    assert!(!plan.stdout.contains("max_amount_change"), "{}", plan.stdout);
}

/// A ×100 move down may be the fix of an earlier mistake: the hint says so and does not advise
/// writing the old amount back.
#[test]
fn a_hundredfold_move_down_does_not_advise_restoring_the_old_amount() {
    let dir = Dir::new();
    dir.catalog("", "amount: 2900", "");
    dir.apply(&[]).ok();
    dir.catalog("", "amount: 29.00", "");

    let plan = dir.run(&["plan"]);
    assert_eq!(code(&plan), Some(3), "{}\n{}", plan.stdout, plan.stderr);
    let expected = "hint: $29.00 USD is 1/100 of $2,900.00 USD: if $29.00 USD is right, the old amount may have been the mistake; if not, check the unit: `unit_amount` counts minor units (`unit_amount: 2900` is $29.00 USD), `amount` major units";
    assert!(plan.stdout.contains(expected), "{expected}\nin:\n{}", plan.stdout);
    assert!(!plan.stdout.contains("write `unit_amount: 290000`"), "{}", plan.stdout);
}

/// `allowed_by` falls back from `$USER` to `$LOGNAME`, then to what `id -un` says, never to
/// "unknown" on a machine that knows its user.
#[test]
fn allowed_by_falls_back_to_logname_then_the_os_user() {
    let dir = Dir::new();
    let audit = dir.audit_path();
    let audit = audit.to_str().expect("utf-8");
    let apply = ["apply", "--auto-approve", "--audit-log", audit, "--allow", "max_amount_change"];
    let allowed_by = |dir: &Dir| {
        let records = dir.audit();
        let record = records.iter().rfind(|record| record["kind"] == "policy_allowed").expect("an allowance");
        record["allowed_by"].as_str().expect("a name").to_string()
    };
    dir.catalog("", "amount: 29.00", "");
    dir.apply(&[]).ok();
    dir.catalog("", "amount: 2900", "");
    dir.run_as(&[("LOGNAME", "night-cron")], &apply).ok();
    assert_eq!(allowed_by(&dir), "night-cron");

    dir.catalog("", "amount: 290000", "");
    dir.run_as(&[], &apply).ok();
    let id = std::process::Command::new("id").arg("-un").output().expect("id runs");
    let expected = String::from_utf8(id.stdout).expect("utf-8").trim().to_string();
    assert!(!expected.is_empty());
    assert_eq!(allowed_by(&dir), expected);
}
