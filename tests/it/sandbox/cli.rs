//! `stripe-catalog sandbox serve` and `sandbox reset`, run as the built binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::prelude::*;
use predicates::prelude::*;

/// Kills the server when the test ends, even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

// issue #3 acceptance: `sandbox serve` answers a plain HTTP client with a Stripe-shaped list
#[tokio::test]
async fn serve_answers_plain_http_clients() {
    let directory = tempfile::tempdir().unwrap();
    let child = Command::cargo_bin("stripe-catalog")
        .unwrap()
        .args(["sandbox", "serve", "--port", "0"])
        .current_dir(directory.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = KillOnDrop(child);
    let stderr = server.0.stderr.take().unwrap();
    // Read stderr on a thread, so a missing line fails the test instead of hanging it.
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let next_line = || lines.recv_timeout(Duration::from_secs(20)).expect("the server writes to stderr");
    let mut base_url = None;
    let mut banner = String::new();
    for _ in 0..5 {
        let line = next_line();
        banner.push_str(&line);
        banner.push('\n');
        if let Some(at) = line.find("http://127.0.0.1:").filter(|_| base_url.is_none()) {
            base_url = Some(line[at..].split_whitespace().next().unwrap().to_string());
        }
        if line.contains("curl") {
            break;
        }
    }
    let base_url = base_url.unwrap_or_else(|| panic!("no URL in: {banner}"));
    assert!(banner.contains("nothing is sent to Stripe"), "{banner}");
    assert!(banner.contains("curl -u sk_test_sandbox:"), "{banner}");

    let http = reqwest::Client::new();
    let created = http
        .post(format!("{base_url}/v1/products"))
        .basic_auth("sk_test_x", Some(""))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("name=Served")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let list: serde_json::Value = serde_json::from_slice(
        &http
            .get(format!("{base_url}/v1/products"))
            .basic_auth("sk_test_x", Some(""))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(list["object"], "list");
    assert_eq!(list["url"], "/v1/products");
    assert_eq!(list["data"][0]["name"], "Served");
    assert_eq!(list["has_more"], false);
    // An access log line per request follows the banner.
    let logged: Vec<String> = (0..3).map(|_| next_line()).collect();
    assert!(logged.iter().any(|line| line.starts_with("POST /v1/products 200 ")), "{logged:?}");
    assert!(
        logged.iter().any(|line| line.starts_with("GET /v1/products 200 ") && line.contains(" req_")),
        "{logged:?}"
    );
    drop(server);
    assert!(directory.path().join(".stripe-catalog/sandbox.json").exists(), "default state path");

    Command::cargo_bin("stripe-catalog")
        .unwrap()
        .args(["sandbox", "reset"])
        .current_dir(directory.path())
        .assert()
        .success();
    assert!(!directory.path().join(".stripe-catalog/sandbox.json").exists());
}

// issue #3 (fault flags are checked)
#[test]
fn serve_refuses_fractions_outside_zero_to_one() {
    Command::cargo_bin("stripe-catalog")
        .unwrap()
        .args(["sandbox", "serve", "--fault-server-error", "1.5"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--fault-server-error"));
}

// A busy port gets an explanation and a way out
#[tokio::test]
async fn serve_explains_a_busy_port() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    Command::cargo_bin("stripe-catalog")
        .unwrap()
        .args(["sandbox", "serve", "--port", &port, "--state", "unused.json"])
        .current_dir(tempfile::tempdir().unwrap().path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("already in use").and(predicates::str::contains("--port 0")));
}
