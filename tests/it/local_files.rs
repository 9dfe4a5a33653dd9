//! Issue #16 item 5: the files the tool reads (API key file, saved plan, catalog) are capped and
//! must be regular files; the audit log is opened and tested before the first write, and a
//! write that cannot be recorded stops the run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use stripe_sandbox::SANDBOX_API_KEY;

use crate::support::{Run, binary, repo_root};

/// A named pipe in `dir`. Reading one blocks until a writer comes, so a tool that opened it
/// would hang: every test using one also proves nothing was opened.
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(made.success());
    path
}

/// Runs the binary in `dir` and checks it failed within seconds (no endless read, no hang).
fn run_quickly(dir: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut command = binary();
    command.current_dir(dir).args(args).stdin(std::process::Stdio::null());
    let run = Run::of(&mut command).failed();
    assert!(started.elapsed() < Duration::from_secs(10), "{args:?} took {:?}", started.elapsed());
    run
}

#[test]
fn the_api_key_file_must_be_a_small_regular_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big-key");
    // A key followed by junk: the message must not quote any of it.
    std::fs::write(&big, format!("sk_test_{}", "k".repeat(5000))).expect("write");
    let fifo = fifo(dir.path());
    let cases = [
        (PathBuf::from("/dev/zero"), "it is a character device, not a regular file"),
        (dir.path().to_path_buf(), "it is a directory, not a regular file"),
        (fifo, "it is a named pipe (FIFO), not a regular file"),
        (big, "it is 5008 bytes, more than the 4 KiB allowed"),
    ];
    for (path, problem) in cases {
        let path_text = path.display().to_string();
        let run = run_quickly(dir.path(), &["--api-key-file", &path_text, "payments", "list"]);
        assert!(
            run.stderr.starts_with(&format!("error: could not read the API key file `{path_text}`: {problem}\n")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint: `--api-key-file` takes a regular file holding the key alone"));
        assert!(!run.stderr.contains("kkkk"), "the file's contents are never shown");
    }
}

#[test]
fn a_saved_plan_must_be_a_regular_file_within_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.json");
    // Sparse: the size is refused from the file system's answer, nothing is read.
    std::fs::File::create(&huge).and_then(|file| file.set_len(64 * 1024 * 1024 + 1)).expect("sparse file");
    let fifo = fifo(dir.path());
    let cases = [
        (PathBuf::from("/dev/zero"), "it is a character device, not a regular file"),
        (dir.path().to_path_buf(), "it is a directory, not a regular file"),
        (fifo, "it is a named pipe (FIFO), not a regular file"),
        (huge, "it is 67108865 bytes, more than the 64 MiB allowed"),
    ];
    for (path, problem) in cases {
        let path_text = path.display().to_string();
        let run = run_quickly(dir.path(), &["--api-key", SANDBOX_API_KEY, "apply", &path_text]);
        assert!(
            run.stderr.starts_with(&format!("error: could not read the plan file `{path_text}`: {problem}\n")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("hint: pass the file `stripe-catalog plan --out FILE` wrote"), "{}", run.stderr);
    }
}

#[test]
fn the_catalog_must_be_a_regular_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = fifo(dir.path());
    for (path, problem) in [
        (PathBuf::from("/dev/zero"), "it is a character device, not a regular file"),
        (fifo, "it is a named pipe (FIFO), not a regular file"),
    ] {
        let path_text = path.display().to_string();
        let run = run_quickly(dir.path(), &["validate", "-f", &path_text]);
        assert!(
            run.stderr.starts_with(&format!("error: cannot read the catalog `{path_text}`: {problem}\n")),
            "{}",
            run.stderr
        );
    }
    // The example catalog still loads, so the cap is not in the way of real files.
    let example = repo_root().join("catalog.example.yaml").display().to_string();
    let mut command = binary();
    command.args(["validate", "-f", &example]);
    Run::of(&mut command).ok();
}
