//! Issue #16 item 4: the API key never travels in clear text to another machine, and no API
//! base with credentials in it is accepted, so none is shown or saved.

use stripe_sandbox::{SANDBOX_API_KEY, SandboxBuilder};

use crate::support::{Run, binary, repo_root};

fn shop() -> String {
    repo_root().join("tests/fixtures/plan/shop.yaml").display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_to_another_machine_is_refused_before_anything_is_sent() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): nothing answers there, and nothing may be tried.
    // `.invalid` never resolves (RFC 2606): were the check to regress, nothing would be sent.
    for base in ["http://api.stripe.com", "http://stripe-proxy.invalid:12111"] {
        let mut command = binary();
        command.args(["-f", &shop(), "plan", "--api-key", SANDBOX_API_KEY, "--api-base", base]);
        let run = Run::off_runtime(command).await.failed();
        assert!(
            run.stderr.starts_with(&format!(
                "error: `--api-base` `{base}` is plain HTTP to another machine: the API key would be sent in clear text"
            )),
            "{}",
            run.stderr
        );
        // The refusal is the first and only error: no connection was tried (that would fail
        // with a connection error instead).
        assert!(run.stderr.contains("hint: use `https://`"), "{}", run.stderr);
        assert!(!run.stderr.contains("could not"), "{}", run.stderr);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_to_this_machine_is_the_sandbox_and_allowed() {
    let sandbox = SandboxBuilder::new().start().await.expect("sandbox");
    let port = sandbox.base_url().rsplit(':').next().unwrap_or_default().to_string();
    for base in [format!("http://localhost:{port}"), format!("http://127.0.0.1:{port}")] {
        let mut command = binary();
        command.args(["-f", &shop(), "plan", "--api-key", SANDBOX_API_KEY, "--api-base", &base]);
        Run::off_runtime(command).await.ok();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn credentials_in_the_api_base_are_refused_never_shown_or_saved() {
    let sandbox = SandboxBuilder::new().start().await.expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let with_password = sandbox.base_url().replace("http://", "http://ops:hunter2@");
    let plan_file = dir.path().join("plan.json");
    let out = plan_file.display().to_string();
    for (flag, from_env) in [("`--api-base`", false), ("`STRIPE_API_BASE`", true)] {
        let mut command = binary();
        command.current_dir(dir.path()).args(["-f", &shop(), "--api-key", SANDBOX_API_KEY, "plan", "--out", &out]);
        if from_env {
            command.env("STRIPE_API_BASE", &with_password);
        } else {
            command.args(["--api-base", &with_password]);
        }
        let run = Run::off_runtime(command).await.failed();
        assert!(run.stderr.contains(&format!("error: {flag} `http://…@127.0.0.1:")), "{}", run.stderr);
        assert!(run.stderr.contains("carries user info"), "{}", run.stderr);
        assert!(run.stderr.contains("HTTPS_PROXY"), "{}", run.stderr);
        assert!(!run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"), "{}", run.stderr);
        assert!(!plan_file.exists(), "no plan is saved");
    }
    let mut apply = binary();
    apply.current_dir(dir.path()).args([
        "-f",
        &shop(),
        "--api-key",
        SANDBOX_API_KEY,
        "--api-base",
        &with_password,
        "apply",
        "--auto-approve",
    ]);
    let run = Run::off_runtime(apply).await.failed();
    assert!(!run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"), "{}", run.stderr);
    assert!(!dir.path().join(".stripe-catalog").exists(), "no audit log was written");
    assert_eq!(sandbox.total_requests(), 0, "refused before any request");
}
