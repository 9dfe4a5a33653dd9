//! The sandbox as a separate process: `stripe-catalog sandbox serve` run as the built binary,
//! on a state file of its own, for tests where two processes meet (the state file lock) or
//! where the client is killed while the server lives on (`sigkill.rs`).
//!
//! Tests: one `sandbox serve` refuses a second on its state file and `sandbox reset` of it, both
//! naming its pid; a `--sandbox` run on that file waits for it and then goes on.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::support::{Run, binary};

/// The binary (with a clean environment) run in `directory`, with nothing on stdin.
pub(crate) fn binary_in(directory: &Path) -> Command {
    let mut command = binary();
    command.current_dir(directory).stdin(Stdio::null());
    command
}

/// A child's stderr, collected line by line on a thread (so a full pipe never stalls it), with
/// a running count of the lines that start with `POST ` (a server's access log of writes).
#[derive(Clone, Default)]
pub(crate) struct Lines {
    lines: Arc<Mutex<Vec<String>>>,
    posts: Arc<AtomicUsize>,
}

impl Lines {
    pub(crate) fn collect(child: &mut Child) -> Lines {
        let collected = Lines::default();
        let stderr = child.stderr.take().expect("stderr piped");
        let Lines { lines, posts } = collected.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.starts_with("POST ") {
                    posts.fetch_add(1, Ordering::SeqCst);
                }
                lines.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(line);
            }
        });
        collected
    }

    pub(crate) fn snapshot(&self) -> Vec<String> {
        self.lines.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The first line `pick` accepts, waiting up to 30 s for it (so a bug fails, not hangs).
    pub(crate) fn wait_for<T>(&self, what: &str, pick: impl Fn(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(found) = self.snapshot().iter().find_map(|line| pick(line)) {
                return found;
            }
            assert!(Instant::now() < deadline, "no {what} in: {:?}", self.snapshot());
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// `sandbox serve` on a free port; killed when dropped, even when an assertion fails first.
pub(crate) struct Served {
    child: Child,
    pub(crate) base_url: String,
    log: Lines,
}

impl Served {
    /// Starts `sandbox serve --port 0 --state STATE` plus `extra` in `directory`, and waits for
    /// the address it listens on.
    pub(crate) fn start(directory: &Path, state: &Path, extra: &[&str]) -> Served {
        let mut child = binary_in(directory)
            .args(["sandbox", "serve", "--port", "0", "--color", "never", "--state"])
            .arg(state)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn sandbox serve");
        let log = Lines::collect(&mut child);
        let base_url = log.wait_for("listening address", |line| {
            line.split_whitespace().find(|word| word.starts_with("http://127.0.0.1:")).map(str::to_string)
        });
        Served { child, base_url, log }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's stderr once `enough` accepts it (waiting up to 30 s, as `Lines::wait_for`),
    /// line by line: what a server printed reaches the test a moment after it happened.
    pub(crate) fn lines_once(&self, what: &str, enough: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.log.wait_for(what, |_| {
            let lines = self.log.snapshot();
            enough(&lines).then_some(lines)
        })
    }

    /// How many POSTs the server has answered so far (its access log has a line for each).
    pub(crate) fn posts(&self) -> usize {
        self.log.posts.load(Ordering::SeqCst)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// issue #16 section 6: two servers on one state file would lose each other's writes; the
// second is refused and names the first
#[test]
fn a_second_serve_and_a_reset_are_refused_naming_the_first() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("shared.json");
    let first = Served::start(directory.path(), &state, &[]);

    let second =
        Run::of(binary_in(directory.path()).args(["sandbox", "serve", "--port", "0", "--state"]).arg(&state)).failed();
    assert!(second.stderr.contains("shared.json is in use by pid "), "{}", second.stderr);
    assert!(second.stderr.contains(&format!("pid {}", first.pid())), "names the first server: {}", second.stderr);

    let reset = || Run::of(binary_in(directory.path()).args(["sandbox", "reset", "--state"]).arg(&state));
    let refused = reset().failed();
    assert!(refused.stderr.contains(&format!("in use by pid {}", first.pid())), "{}", refused.stderr);
    assert!(state.exists(), "the state of a running server is not deleted");
    drop(first);

    reset().ok();
    assert!(!state.exists(), "reset once the server is gone");
}

// issue #16 section 6: a `--sandbox` run on a state file a server holds waits its turn, says
// for whom, then runs on what the server wrote
#[tokio::test(flavor = "multi_thread")]
async fn a_sandbox_run_waits_for_the_server_holding_its_state_file() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("shared.json");
    let server = Served::start(directory.path(), &state, &[]);
    let written = reqwest::Client::new()
        .post(format!("{}/v1/products", server.base_url))
        .bearer_auth(stripe_sandbox::SANDBOX_API_KEY)
        .form(&[("id", "written-by-the-server"), ("name", "Served")])
        .send()
        .await
        .expect("the server answers");
    assert_eq!(written.status(), 200);

    let catalog = directory.path().join("catalog.yaml");
    std::fs::write(&catalog, "version: 1\nproducts:\n  - id: waited\n    name: Waited\n").unwrap();
    let mut run = binary_in(directory.path())
        .args(["--sandbox", "--sandbox-state"])
        .arg(&state)
        .args(["apply", "--auto-approve", "-f"])
        .arg(&catalog)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn a --sandbox apply");
    let log = Lines::collect(&mut run);
    let notice = log.wait_for("waiting notice", |line| line.contains("waiting for").then(|| line.to_string()));
    assert!(
        notice.starts_with("sandbox: waiting for the sandbox state file ")
            && notice.ends_with(&format!("held by pid {}…", server.pid())),
        "{notice}"
    );
    assert!(run.try_wait().unwrap().is_none(), "still waiting while the server runs");

    drop(server);
    let status = tokio::task::spawn_blocking(move || run.wait()).await.expect("join").expect("wait");
    assert_eq!(status.code(), Some(0), "{:?}", log.snapshot());
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let products = saved
        .pointer(&format!("/accounts/{}/collections/products/objects", saved["platform_account"].as_str().unwrap()))
        .expect("products");
    assert!(products.get("written-by-the-server").is_some(), "the server's write was kept: {products}");
    assert!(products.get("waited").is_some(), "the waiting run wrote after it: {products}");
}
