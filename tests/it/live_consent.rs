//! Issue #16 item 3: every command that writes needs `--live` with a live key, as `apply`
//! does, and refuses `--live` with a test key; the refusal comes before any request. Read-only
//! commands need no consent. Live keys are built at run time: no string in the repository
//! looks like a real one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::routing::post;
use stripe_catalog::gateway::{self, NewProduct};
use stripe_catalog::objects::ProductFields;
use stripe_catalog::secret::Secret;
use stripe_catalog::settings::StripeSettings;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

use crate::shop::Shop;
use crate::support::{Run, binary, repo_root};

/// A made-up live key of the given kind (`sk` or `rk`).
fn live_key(kind: &str) -> String {
    format!("{kind}_live_{}", "x".repeat(24))
}

/// Each writing command, with the arguments it needs to get as far as talking to Stripe.
fn writing_commands() -> Vec<(&'static str, Vec<String>)> {
    let shop = repo_root().join("tests/fixtures/plan/shop.yaml").display().to_string();
    let owned = |args: &[&str]| args.iter().map(|arg| (*arg).to_string()).collect::<Vec<_>>();
    vec![
        ("apply", owned(&["-f", &shop, "apply", "--auto-approve"])),
        (
            "checkout session",
            owned(&["checkout", "session", "--price", "pro-monthly", "--success-url", "https://example.com/thanks"]),
        ),
        ("checkout link", owned(&["checkout", "link", "--price", "pro-monthly"])),
        ("checkout link deactivate", owned(&["checkout", "link", "deactivate", "plink_123"])),
        ("sandbox pay", owned(&["sandbox", "pay", "cs_test_abc"])),
    ]
}

/// Runs the binary against `base` with `key` and `args` (plus `extra`), in a fresh directory.
async fn run(base: &str, key: &str, args: &[String], extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = binary();
    command
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["--api-base", base, "--api-key", key, "--max-retries", "0"])
        .args(args)
        .args(extra)
        .stdin(std::process::Stdio::null());
    Run::off_runtime(command).await
}

async fn sandbox() -> RunningSandbox {
    SandboxBuilder::new().start().await.expect("sandbox")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_live_key_writes_nothing_without_live() {
    let sandbox = sandbox().await;
    for kind in ["sk", "rk"] {
        let key = live_key(kind);
        for (name, args) in writing_commands() {
            let run = run(&sandbox.base_url(), &key, &args, &[]).await.failed();
            let expected = format!("error: this is a LIVE key: `{name}` writes to live Stripe only with `--live`");
            assert!(run.stderr.starts_with(&expected), "{name}: {}", run.stderr);
            assert!(run.stderr.contains("hint:") && run.stderr.contains("--live"), "{name}: {}", run.stderr);
            assert!(!run.stderr.contains(&key) && !run.stdout.contains(&key), "{name}: the key is never printed");
            assert_eq!(sandbox.total_requests(), 0, "{name}: refused before any request");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn with_live_a_live_key_goes_through_to_the_server() {
    // The sandbox is test mode only: it answers a live key with 401. That answer proves the
    // command passed the consent check and sent its request.
    let sandbox = sandbox().await;
    let key = live_key("sk");
    for (name, args) in writing_commands() {
        let before = sandbox.total_requests();
        let run = run(&sandbox.base_url(), &key, &args, &["--live"]).await.failed();
        assert!(run.stderr.contains("it refuses live mode keys"), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("only with `--live`"), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains(&key), "{name}: the key is never printed");
        assert!(sandbox.total_requests() > before, "{name}: the request was sent");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn live_with_a_test_key_is_refused() {
    let sandbox = sandbox().await;
    for (name, args) in writing_commands() {
        let run = run(&sandbox.base_url(), SANDBOX_API_KEY, &args, &["--live"]).await.failed();
        assert!(
            run.stderr.starts_with("error: `--live` was given, but the key is a test key"),
            "{name}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(&format!("to run `{name}` in test mode")), "{name}: {}", run.stderr);
        assert_eq!(sandbox.total_requests(), 0, "{name}: refused before any request");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn live_with_the_in_process_sandbox_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = binary();
    command.current_dir(dir.path()).args(["--sandbox", "checkout", "link", "deactivate", "plink_123", "--live"]);
    let run = Run::off_runtime(command).await.failed();
    assert!(run.stderr.starts_with("error: `--live` was given, but `--sandbox` is test mode only"), "{}", run.stderr);
    assert!(!dir.path().join(".stripe-catalog").exists(), "the sandbox never started");
}

#[tokio::test(flavor = "multi_thread")]
async fn read_only_commands_need_no_live() {
    let sandbox = sandbox().await;
    let key = live_key("rk");
    let shop = repo_root().join("tests/fixtures/plan/shop.yaml").display().to_string();
    let read_only: [&[&str]; 5] = [
        &["-f", &shop, "plan"],
        &["import"],
        &["payments", "list"],
        &["payments", "show", "pi_123"],
        &["checkout", "link", "list"],
    ];
    for args in read_only {
        let args: Vec<String> = args.iter().map(|arg| (*arg).to_string()).collect();
        let before = sandbox.total_requests();
        let run = run(&sandbox.base_url(), &key, &args, &[]).await.failed();
        assert!(run.stderr.contains("it refuses live mode keys"), "{args:?}: {}", run.stderr);
        assert!(sandbox.total_requests() > before, "{args:?}: no consent needed to read");
        let with_live = run_usage(&args).await;
        assert!(with_live.stderr.contains("unexpected argument '--live'"), "{args:?}: {}", with_live.stderr);
    }
}

/// `args --live`, which clap refuses before anything else happens.
async fn run_usage(args: &[String]) -> Run {
    let mut command = binary();
    command.args(args).arg("--live");
    Run::off_runtime(command).await.failed()
}

/// A live write that succeeds says LIVE in its summary. The sandbox refuses live keys, so a
/// stub answers the one request `checkout link deactivate` makes.
#[tokio::test(flavor = "multi_thread")]
async fn a_live_write_says_live_in_its_summary() {
    let requests = Arc::new(AtomicU64::new(0));
    let counter = requests.clone();
    let app = Router::new().route(
        "/v1/payment_links/{id}",
        post(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { r#"{"id":"plink_123","url":"https://buy.stripe.com/live_abc","active":false,"metadata":{}}"# }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let args: Vec<String> = ["checkout", "link", "deactivate", "plink_123"].map(str::to_string).to_vec();
    let run = run(&base, &live_key("sk"), &args, &["--live"]).await.ok();
    assert!(run.stderr.starts_with("Deactivated plink_123 (LIVE): https://buy.stripe.com/live_abc"), "{}", run.stderr);
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_test_write_says_test_mode_in_its_summary() {
    let shop = Shop::open().await;
    let link = shop.run(&["checkout", "link", "--price", "pro-monthly"]).ok();
    assert!(link.stderr.contains("(subscription, test mode)"), "{}", link.stderr);
    let id = shop.run(&["--format", "json", "checkout", "link", "list"]).ok().json()[0]["id"]
        .as_str()
        .map(str::to_string)
        .expect("the link is listed");
    let deactivated = shop.run(&["checkout", "link", "deactivate", &id]).ok();
    assert!(deactivated.stderr.starts_with(&format!("Deactivated {id} (test mode): ")), "{}", deactivated.stderr);
}

/// A command resolved as read-only cannot write even if its code tried: the transport refuses
/// the request unsent, so a writer that was not declared as one can never skip the consent.
#[tokio::test]
async fn a_read_only_gateway_sends_no_write() {
    let sandbox = sandbox().await;
    let mut settings =
        StripeSettings::remote(Secret::new(SANDBOX_API_KEY), &sandbox.base_url()).expect("valid settings");
    settings.read_only = true;
    let gateway = gateway::connect(&settings).expect("connect");
    let new = NewProduct { id: "pro".to_string(), fields: ProductFields::named("Pro") };
    let err = gateway.create_product(&new, "key").await.expect_err("a write is refused");
    assert!(
        err.to_string().contains("`POST /v1/products` is a write, and this command was set up to only read"),
        "{err}"
    );
    assert_eq!(sandbox.total_requests(), 0);
    assert!(gateway.account().await.is_ok(), "reads still work");
}
