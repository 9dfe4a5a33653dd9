//! issue #16 acceptance: `apply` killed with SIGKILL in the middle of its writes, again and
//! again at different points, against one `sandbox serve` that is never restarted, always
//! converges on a rerun: an empty plan, one product per catalog id, one active price per
//! lookup key. Before the sandbox released the idempotency key of a request whose client was
//! killed, the rerun's same-key retry got 409 `idempotency_key_in_use` until the server restarted.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use stripe_sandbox::SANDBOX_API_KEY;

use super::served::{Served, binary_in};

/// Products in the catalog; each has two prices.
const PRODUCTS: usize = 30;

/// How the catalog changes from one round to the next, so each killed run has work to do.
struct Round {
    /// Bumped to change every price's amount: each price is replaced (create, move the key
    /// and the default, archive the old one).
    amounts: u32,
    /// Bumped to rename every product: an update each.
    names: u32,
    /// The killed run is killed once the server has answered this many of its POSTs.
    kill_after_posts: usize,
}

const ROUNDS: [Round; 5] = [
    Round { amounts: 0, names: 0, kill_after_posts: 1 },
    Round { amounts: 1, names: 0, kill_after_posts: 5 },
    Round { amounts: 1, names: 1, kill_after_posts: 15 },
    Round { amounts: 2, names: 1, kill_after_posts: 30 },
    Round { amounts: 3, names: 1, kill_after_posts: 60 },
];

fn catalog(round: &Round) -> String {
    // Amounts grow ×11 from round to round (10 → 110): no unit mistake, so the default
    // `max_amount_change: 10x` policy is turned off.
    let mut yaml = String::from("version: 1\npolicy:\n  max_amount_change: off\nproducts:\n");
    for index in 0..PRODUCTS {
        let id = format!("crash-{index:02}");
        let monthly = 10 + index as u32 + 100 * round.amounts;
        let once = 500 + index as u32 + 100 * round.amounts;
        yaml.push_str(&format!(
            "  - id: {id}\n    name: Crash {index} (edition {names})\n    default_price: {id}-monthly\n    prices:\n      \
             - {{ key: {id}-monthly, amount: {monthly}, currency: usd, recurring: {{ interval: month }} }}\n      \
             - {{ key: {id}-once, amount: {once}, currency: usd }}\n",
            names = round.names,
        ));
    }
    yaml
}

/// The binary against the served sandbox, without the client's test-mode rate limit (20 per
/// second), which would make the test wait on the client rather than the server.
fn against(directory: &Path, server: &Served, args: &[&str]) -> Command {
    let mut command = binary_in(directory);
    command.args(["--api-base", &server.base_url, "--api-key", SANDBOX_API_KEY, "--max-rps", "1000"]).args(args);
    command
}

/// Every object of a list endpoint, page by page.
async fn list_all(http: &reqwest::Client, server: &Served, path: &str) -> Vec<Value> {
    let mut objects: Vec<Value> = Vec::new();
    loop {
        let mut url = format!("{}{path}?limit=100", server.base_url);
        if let Some(last) = objects.last() {
            url.push_str(&format!("&starting_after={}", last["id"].as_str().expect("an id")));
        }
        let response = http.get(url).bearer_auth(SANDBOX_API_KEY).send().await.expect("the sandbox answers");
        let page: Value = serde_json::from_slice(&response.bytes().await.expect("a body")).expect("a JSON list");
        objects.extend(page["data"].as_array().expect("a list").iter().cloned());
        if page["has_more"] != Value::Bool(true) {
            return objects;
        }
    }
}

#[test]
fn apply_killed_at_five_points_converges_without_restarting_the_sandbox() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("served.json");
    // Latency makes each write last long enough for a kill to land while others are in flight.
    let server = Served::start(directory.path(), &state, &["--latency-ms", "15"]);
    let catalog_path = directory.path().join("catalog.yaml");
    let catalog_arg = catalog_path.display().to_string();
    let apply = ["apply", "-f", catalog_arg.as_str(), "--auto-approve"];
    let plan = ["plan", "-f", catalog_arg.as_str(), "--detailed-exitcode"];
    // Per round: POSTs answered when the kill was sent, whether the run was still going, and
    // how many reruns it took.
    let mut kills = Vec::new();

    for round in &ROUNDS {
        std::fs::write(&catalog_path, catalog(round)).unwrap();
        let before = server.posts();
        let mut child = against(directory.path(), &server, &apply)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn apply");
        // Bounded (60 s), so a run that never writes fails the test instead of hanging it.
        let mut mid_run = false;
        for _ in 0..60_000 {
            if child.try_wait().expect("poll apply").is_some() {
                break;
            }
            if server.posts() - before >= round.kill_after_posts {
                mid_run = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let at = server.posts() - before;

        let mut reruns = 0;
        loop {
            reruns += 1;
            let rerun = against(directory.path(), &server, &apply).output().expect("rerun apply");
            if rerun.status.success() {
                break;
            }
            assert!(
                reruns < 3,
                "apply does not converge after a kill at {at} POSTs: {}",
                String::from_utf8_lossy(&rerun.stderr)
            );
        }
        kills.push((at, mid_run, reruns));
        let planned = against(directory.path(), &server, &plan).output().expect("run plan");
        assert_eq!(
            planned.status.code(),
            Some(0),
            "an empty plan after the reruns (kills so far: {kills:?}): {}{}",
            String::from_utf8_lossy(&planned.stdout),
            String::from_utf8_lossy(&planned.stderr)
        );
    }
    // Kills that land after the run finished prove nothing: most must have landed mid-run.
    let mid_runs = kills.iter().filter(|(_, mid_run, _)| *mid_run).count();
    assert!(mid_runs >= 4, "kills (POSTs answered, mid-run, reruns): {kills:?}");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let http = reqwest::Client::new();
    let (products, prices) = runtime.block_on(async {
        (list_all(&http, &server, "/v1/products").await, list_all(&http, &server, "/v1/prices").await)
    });
    let final_round = &ROUNDS[ROUNDS.len() - 1];
    let mut ids: Vec<&str> = products.iter().filter_map(|product| product["id"].as_str()).collect();
    ids.sort_unstable();
    let expected: Vec<String> = (0..PRODUCTS).map(|index| format!("crash-{index:02}")).collect();
    assert_eq!(ids, expected, "exactly one product per catalog id, and no other");
    for product in &products {
        assert_eq!(product["active"], true, "{product}");
        assert!(
            product["name"].as_str().is_some_and(|name| name.ends_with(&format!("(edition {})", final_round.names)))
        );
    }
    let mut active_by_key: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for price in prices.iter().filter(|price| price["active"] == true) {
        let key = price["lookup_key"].as_str().unwrap_or("(no lookup key)").to_string();
        active_by_key.entry(key).or_default().push(price);
    }
    let duplicated: Vec<_> = active_by_key.iter().filter(|(_, prices)| prices.len() != 1).collect();
    assert!(duplicated.is_empty(), "one active price per lookup key, and none without: {duplicated:?}");
    assert_eq!(active_by_key.len(), 2 * PRODUCTS, "{:?}", active_by_key.keys().collect::<Vec<_>>());
    for (index, product) in expected.iter().enumerate() {
        let monthly = active_by_key[&format!("{product}-monthly")][0];
        let cents = 100 * i64::try_from(10 + index + 100 * final_round.amounts as usize).unwrap();
        assert_eq!(monthly["unit_amount"], cents, "{monthly}");
        assert_eq!(monthly["product"], product.as_str());
        let listed = products.iter().find(|listed| listed["id"] == product.as_str()).expect("listed");
        assert_eq!(listed["default_price"], monthly["id"], "the default is the live monthly price");
    }
}
