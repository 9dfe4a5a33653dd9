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

/// Sends `count` requests to each of `paths` at once (GET, the sandbox key) and returns each
/// refusal's `Stripe-Rate-Limited-Reason` (`None` for an admitted request), in no order.
async fn burst(base_url: &str, paths: &[&str], count: usize) -> Vec<Option<String>> {
    let http = reqwest::Client::new();
    let requests = paths.iter().flat_map(|path| std::iter::repeat_n(*path, count)).map(|path| {
        let request = http.get(format!("{base_url}{path}")).bearer_auth(stripe_sandbox::SANDBOX_API_KEY);
        async move {
            let response = request.send().await.expect("the server answers");
            let reason = response.headers().get("Stripe-Rate-Limited-Reason").and_then(|value| value.to_str().ok());
            (response.status() == 429).then(|| reason.unwrap_or("429 without a reason").to_string())
        }
    });
    futures_util::future::join_all(requests).await
}

// issue #10: `sandbox serve --rate-limit test|live|N`: Stripe's global limit per account (25/s
// test, 100/s live) with its 25/s per endpoint on top, or a global limit of N alone; a 429 says
// which in `Stripe-Rate-Limited-Reason`
#[tokio::test(flavor = "multi_thread")]
async fn serve_limits_requests_as_stripe_does() {
    let directory = tempfile::tempdir().unwrap();
    // (flag, paths, requests to each, most admitted, the reason of the refusals)
    let cases: [(&str, &[&str], usize, usize, &str); 3] = [
        ("test", &["/v1/products", "/v1/prices"], 20, 25, "global-rate"),
        ("live", &["/v1/products"], 40, 25, "endpoint-rate"),
        ("35", &["/v1/products"], 50, 35, "global-rate"),
    ];
    for (flag, paths, count, admitted, reason) in cases {
        let state = directory.path().join(format!("{flag}.json"));
        let served = crate::served::Served::start(directory.path(), &state, &["--rate-limit", flag]);
        let answers = burst(&served.base_url, paths, count).await;
        let passed = answers.iter().filter(|answer| answer.is_none()).count();
        // A bucket refills while the burst runs (at 25 per second, one more every 40 ms), so a few
        // more may pass on a busy machine; with `35`, more than 25 passing shows that no
        // per-endpoint limit applies.
        assert!((admitted..=admitted + 8).contains(&passed), "--rate-limit {flag}: {passed} admitted");
        let reasons: Vec<&str> = answers.iter().flatten().map(String::as_str).collect();
        assert!(
            !reasons.is_empty() && reasons.iter().all(|found| *found == reason),
            "--rate-limit {flag}: {reasons:?}"
        );
    }
    let unlimited = crate::served::Served::start(directory.path(), &directory.path().join("none.json"), &[]);
    assert!(
        burst(&unlimited.base_url, &["/v1/products"], 60).await.iter().all(Option::is_none),
        "no limit unless asked"
    );
}

// issue #10: `--search-lag-ms N` keeps new objects out of search for N ms, as Stripe's index
// trails writes; a limit that is not `test`, `live` or a positive number is refused
#[tokio::test(flavor = "multi_thread")]
async fn serve_lags_search_when_asked_and_checks_the_rate_limit() {
    let directory = tempfile::tempdir().unwrap();
    let served =
        crate::served::Served::start(directory.path(), &directory.path().join("lag.json"), &["--search-lag-ms", "500"]);
    let http = reqwest::Client::new();
    let created = http
        .post(format!("{}/v1/customers", served.base_url))
        .bearer_auth(stripe_sandbox::SANDBOX_API_KEY)
        .form(&[("email", "jane@example.com")])
        .send()
        .await
        .expect("the server answers");
    assert_eq!(created.status(), 200);
    let search = || async {
        let found: serde_json::Value = http
            .get(format!("{}/v1/customers/search", served.base_url))
            .query(&[("query", "email:\"jane@example.com\"")])
            .bearer_auth(stripe_sandbox::SANDBOX_API_KEY)
            .send()
            .await
            .expect("the server answers")
            .bytes()
            .await
            .map(|bytes| serde_json::from_slice(&bytes).unwrap_or_default())
            .expect("a search result");
        found["data"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(search().await, 0, "not searchable at once");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(search().await, 1, "searchable once the lag has passed");

    for (flag, message) in [("fast", "is not `test`, `live` or a number"), ("0", "admits nothing")] {
        Command::cargo_bin("stripe-catalog")
            .unwrap()
            .args(["sandbox", "serve", "--rate-limit", flag])
            .assert()
            .failure()
            .stderr(predicates::str::contains(message));
    }
}
