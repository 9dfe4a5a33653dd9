//! Issue #16 item 5: the files the tool reads (API key file, saved plan, catalog) are capped and
//! must be regular files; the audit log is opened and tested before the first write, and a
//! write that cannot be recorded stops the run.

use std::path::{Path, PathBuf};
use std::time::Duration;

use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

use crate::support::{Run, binary, repo_root};

/// A named pipe in `dir`. Reading one blocks until a writer comes, so a tool that opened it
/// would hang: every test using one also proves nothing was opened.
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(made.success());
    path
}

/// Runs the binary in `dir` and checks it failed (a regression that reads endlessly or blocks
/// on a FIFO would hang the test rather than pass it).
fn run_quickly(dir: &Path, args: &[&str]) -> Run {
    let mut command = binary();
    command.current_dir(dir).args(args).stdin(std::process::Stdio::null());
    Run::of(&mut command).failed()
}

/// Runs `args(path)` for each case and checks that it fails fast with
/// `error: {message} `PATH`: {problem}` and the hint that says what the file should be.
fn each_is_refused(
    dir: &Path,
    cases: Vec<(PathBuf, &str)>,
    args: &dyn Fn(&str) -> Vec<String>,
    message: &str,
    hint: &str,
) {
    for (path, problem) in cases {
        let path_text = path.display().to_string();
        let args = args(&path_text);
        let run = run_quickly(dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(run.stderr.starts_with(&format!("error: {message} `{path_text}`: {problem}\n")), "{}", run.stderr);
        assert!(run.stderr.contains(&format!("hint: {hint}")), "{}", run.stderr);
        assert!(!run.stderr.contains("kkkk"), "a file's contents are never shown");
    }
}

/// Refused whatever reads them: a device that never ends, a directory, a FIFO.
fn not_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    vec![
        (PathBuf::from("/dev/zero"), "it is a character device, not a regular file"),
        (dir.to_path_buf(), "it is a directory, not a regular file"),
        (fifo(dir), "it is a named pipe (FIFO), not a regular file"),
    ]
}

#[test]
fn the_api_key_file_must_be_a_small_regular_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big-key");
    // A key followed by junk: the message must not quote any of it.
    std::fs::write(&big, format!("sk_test_{}", "k".repeat(5000))).expect("write");
    let mut cases = not_files(dir.path());
    cases.push((big, "it is 5008 bytes, more than the 4 KiB allowed"));
    let args = |path: &str| ["--api-key-file", path, "payments", "list"].map(str::to_string).to_vec();
    let hint = "`--api-key-file` takes a regular file holding the key alone";
    each_is_refused(dir.path(), cases, &args, "could not read the API key file", hint);
}

#[test]
fn a_saved_plan_must_be_a_regular_file_within_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.json");
    // Sparse: the size is refused from the file system's answer, nothing is read.
    std::fs::File::create(&huge).and_then(|file| file.set_len(64 * 1024 * 1024 + 1)).expect("sparse file");
    let mut cases = not_files(dir.path());
    cases.push((huge, "it is 67108865 bytes, more than the 64 MiB allowed"));
    let args = |path: &str| ["--api-key", SANDBOX_API_KEY, "apply", path].map(str::to_string).to_vec();
    let hint = "pass the file `stripe-catalog plan --out FILE` wrote";
    each_is_refused(dir.path(), cases, &args, "could not read the plan file", hint);
}

#[test]
fn the_catalog_must_be_a_regular_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = |path: &str| ["validate", "-f", path].map(str::to_string).to_vec();
    let hint = "pass the catalog file itself, e.g. `-f catalog.yaml`";
    each_is_refused(dir.path(), not_files(dir.path()), &args, "cannot read the catalog", hint);
    // The example catalog still loads, so the cap is not in the way of real files.
    let example = repo_root().join("catalog.example.yaml").display().to_string();
    let mut command = binary();
    command.args(["validate", "-f", &example]);
    Run::of(&mut command).ok();
}

/// Runs `apply --auto-approve` of the shop catalog against `sandbox` in `dir`, with `extra`.
async fn apply(sandbox: &RunningSandbox, dir: &Path, extra: &[&str]) -> Run {
    let shop = repo_root().join("tests/fixtures/plan/shop.yaml").display().to_string();
    let mut command = binary();
    command
        .current_dir(dir)
        .args(["-f", &shop, "--api-key", SANDBOX_API_KEY, "--api-base", &sandbox.base_url()])
        .args(["apply", "--auto-approve"])
        .args(extra)
        .stdin(std::process::Stdio::null());
    Run::off_runtime(command).await
}

/// Objects the shop's apply creates that the sandbox holds.
fn created(sandbox: &RunningSandbox) -> usize {
    sandbox.object_count("products") + sandbox.object_count("prices")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_audit_log_that_takes_no_records_stops_apply_before_any_write() {
    let sandbox = SandboxBuilder::new().start().await.expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").expect("write");
    let under_a_file = file.join("audit.jsonl");
    let cases = [
        (dir.path().to_path_buf(), "Is a directory"),
        (PathBuf::from("/dev/full"), "the run-start record cannot be written (No space left on device"),
        (under_a_file, "its folder `"),
    ];
    for (path, problem) in cases {
        let path_text = path.display().to_string();
        let run = apply(&sandbox, dir.path(), &["--audit-log", &path_text]).await.failed();
        assert!(
            run.stderr.contains(&format!("error: cannot use the audit log `{path_text}`: {problem}")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint: nothing was written to Stripe"), "{}", run.stderr);
        assert!(run.stderr.contains("hint: pass `--audit-log PATH`"), "{}", run.stderr);
        assert_eq!(sandbox.request_count("POST", "/v1/products"), 0, "{path_text}: no write was sent");
        assert_eq!(created(&sandbox), 0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_that_cannot_be_recorded_stops_the_run() {
    let sandbox = SandboxBuilder::new().latency(Duration::from_millis(200)).start().await.expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let log = fifo(dir.path());
    // The log's only reader takes the run-start record and the first write's record, then
    // goes away: every later record fails with a broken pipe, as a disk that fills up would.
    // Opened read-write, so this never blocks waiting for the tool.
    let reader = std::fs::OpenOptions::new().read(true).write(true).open(&log).expect("open the FIFO");
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(reader).lines();
        let first_two: Vec<String> = lines.by_ref().take(2).map_while(Result::ok).collect();
        drop(lines);
        let _ = sender.send(first_two);
    });
    let log_text = log.display().to_string();
    let run = apply(&sandbox, dir.path(), &["--audit-log", &log_text, "--parallelism", "1"]).await.failed();
    let recorded = received.recv_timeout(Duration::from_secs(10)).expect("the reader got its lines");
    assert!(recorded[0].contains(r#""kind":"run_start""#), "{recorded:?}");
    assert!(recorded[1].contains(r#""outcome":"done""#), "{recorded:?}");
    assert!(
        run.stderr.contains(&format!(
            "warning: could not write to the audit log `{log_text}`: Broken pipe (os error 32): starting nothing new"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error: apply stopped: could not write to the audit log"), "{}", run.stderr);
    assert!(run.stderr.contains("2 of 6 writes done (1 not on record: "), "{}", run.stderr);
    assert!(run.stderr.contains("0 failed, 4 not started"), "{}", run.stderr);
    assert_eq!(created(&sandbox), 2, "the write in flight finished; nothing new started");

    // With a log that works, the rerun finishes the job.
    apply(&sandbox, dir.path(), &["--audit-log", "audit.jsonl"]).await.ok();
    assert_eq!(created(&sandbox), 5);
}
