//! Fault injection, the rate limiter, latency, connection counting and the request log.

use std::time::{Duration, Instant};

use stripe_sandbox::{Faults, RateLimits, SandboxBuilder};

use super::{Api, start};

// stripe-api.md §5 (429 rate_limit and lock_timeout), §13.9
#[tokio::test]
async fn injected_429s_come_before_execution() {
    let cases = [
        (Faults { rate_limit: 1.0, ..Faults::default() }, "rate_limit", "stripe-rate-limited-reason", "global-rate"),
        (Faults { lock_timeout: 1.0, ..Faults::default() }, "lock_timeout", "stripe-should-retry", "true"),
    ];
    for (faults, code, header, value) in cases {
        let sandbox = SandboxBuilder::new().faults(faults).start().await.unwrap();
        let reply = Api::new(&sandbox).post("/v1/products", "name=A").await;
        assert_eq!((reply.status, reply.code()), (429, code));
        assert_eq!(reply.header(header), Some(value), "{code}");
        assert_eq!(sandbox.object_count("products"), 0, "{code}: nothing was written");
    }
}

// stripe-api.md §5 (500 with Stripe-Should-Retry), §6 (a retried key then executes)
#[tokio::test]
async fn injected_server_errors_are_not_committed_and_are_repeatable() {
    let faults = Faults { server_error: 0.5, seed: 42, ..Faults::default() };
    let run = || async {
        let sandbox = SandboxBuilder::new().faults(faults).start().await.unwrap();
        let api = Api::new(&sandbox);
        let mut statuses = Vec::new();
        for n in 0..20 {
            let reply = api.post("/v1/products", &format!("name=P{n}")).await;
            if reply.status == 500 {
                assert_eq!(reply.body["error"]["type"], "api_error");
                assert_eq!(reply.header("stripe-should-retry"), Some("true"));
            }
            statuses.push(reply.status);
        }
        let succeeded = statuses.iter().filter(|status| **status == 200).count();
        assert_eq!(sandbox.object_count("products"), succeeded);
        statuses
    };
    let first = run().await;
    assert!(first.contains(&500) && first.contains(&200), "{first:?}");
    assert_eq!(run().await, first, "the same seed gives the same faults");
}

// stripe-api.md §6 (the write happened, the client never heard; the retry replays)
#[tokio::test]
async fn dropped_after_commit_then_replayed_by_key() {
    let faults = Faults { drop_after_commit: 0.5, seed: 3, ..Faults::default() };
    let sandbox = SandboxBuilder::new().faults(faults).start().await.unwrap();
    let api = Api::new(&sandbox);
    let mut dropped = 0;
    let mut answer = None;
    for _ in 0..30 {
        let request = api.post_request("/v1/products", "name=Once").header("Idempotency-Key", "drop-key");
        match request.send().await {
            Err(_) => dropped += 1,
            Ok(response) => {
                answer = Some(response.status().as_u16());
                break;
            }
        }
    }
    assert!(dropped > 0, "the seed drops at least the first attempt");
    assert_eq!(answer, Some(200));
    assert_eq!(sandbox.object_count("products"), 1, "committed once, whatever the client heard");
}

// stripe-api.md §7 (test mode limiter)
#[tokio::test]
async fn rate_limiter_refuses_bursts_over_the_limit() {
    let sandbox = SandboxBuilder::new().rate_limit(Some(5)).start().await.unwrap();
    let api = Api::new(&sandbox);
    let started = Instant::now();
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let reply = api.get("/v1/products").await;
        if reply.status == 429 {
            assert_eq!(reply.code(), "rate_limit");
            assert!(reply.header("stripe-rate-limited-reason").is_some());
        }
        statuses.push(reply.status);
    }
    // A burst of 5, then 5 more per second however slow this machine is.
    let admitted = statuses.iter().filter(|status| **status == 200).count();
    let refill = (started.elapsed().as_secs_f64() * 5.0).ceil() as usize;
    assert!(admitted >= 5 && admitted <= 5 + refill, "{statuses:?} in {:?}", started.elapsed());
    assert!(statuses.contains(&429), "{statuses:?}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(api.get("/v1/products").await.status, 200, "tokens refill");
    // Another account has its own bucket.
    assert_eq!(api.on_account("acct_fresh").get("/v1/products").await.status, 200);
}

/// Sends `count` requests at once; returns the statuses and the reasons of the 429s.
async fn burst(api: &Api, method: reqwest::Method, path: &str, count: usize) -> (Vec<u16>, Vec<String>) {
    let tasks: Vec<_> = (0..count)
        .map(|n| {
            let request = api.request(method.clone(), path);
            let request =
                if method == reqwest::Method::POST { request.form(&[("name", format!("P{n}"))]) } else { request };
            tokio::spawn(Api::send(request))
        })
        .collect();
    let mut replies = Vec::with_capacity(count);
    for task in tasks {
        replies.push(task.await.expect("the request task finishes"));
    }
    let statuses = replies.iter().map(|reply| reply.status).collect();
    let reasons = replies
        .iter()
        .filter(|reply| reply.status == 429)
        .map(|reply| {
            assert_eq!(reply.code(), "rate_limit");
            reply.header("stripe-rate-limited-reason").unwrap_or_default().to_string()
        })
        .collect();
    (statuses, reasons)
}

// Issue #10, stripe-api.md §7 (https://docs.stripe.com/rate-limits): a global limit per account
// (25/s in test mode, 100/s live) and, on top, 25/s for each named operation; a 429 names its
// cause in Stripe-Rate-Limited-Reason. The admission log shows what got through each second.
#[tokio::test]
async fn rate_limits_are_global_and_per_endpoint() {
    let within = |admitted: usize, limit: usize, started: Instant| {
        let refill = (started.elapsed().as_secs_f64() * 25.0).ceil() as usize;
        admitted >= limit && admitted <= limit + refill
    };
    // Live: the endpoint limit bites first, and another endpoint still gets through.
    let sandbox = SandboxBuilder::new().rate_limits(Some(RateLimits::LIVE)).start().await.unwrap();
    let api = Api::new(&sandbox);
    let started = Instant::now();
    let (statuses, reasons) = burst(&api, reqwest::Method::POST, "/v1/products", 40).await;
    let admitted = statuses.iter().filter(|status| **status == 200).count();
    assert!(within(admitted, 25, started), "{admitted} admitted: {statuses:?}");
    assert!(!reasons.is_empty() && reasons.iter().all(|reason| reason == "endpoint-rate"), "{reasons:?}");
    assert_eq!(api.get("/v1/products").await.status, 200, "another endpoint has its own bucket");
    let log = sandbox.admitted_per_second("POST", "/v1/products");
    assert_eq!(log.iter().map(|(_, count)| *count as usize).sum::<usize>(), admitted);
    assert_eq!(sandbox.object_count("products"), admitted, "refused requests wrote nothing");
    assert_eq!(sandbox.admitted_per_second("GET", "/v1/products").iter().map(|(_, count)| *count).sum::<u64>(), 1);

    // Test mode: 20 reads of one endpoint, then another endpoint meets the global limit.
    let sandbox = SandboxBuilder::new().rate_limits(Some(RateLimits::TEST)).start().await.unwrap();
    let api = Api::new(&sandbox);
    let started = Instant::now();
    let (first, _) = burst(&api, reqwest::Method::GET, "/v1/products", 20).await;
    assert!(first.iter().all(|status| *status == 200), "{first:?}");
    let (second, reasons) = burst(&api, reqwest::Method::GET, "/v1/prices", 20).await;
    let admitted = second.iter().filter(|status| **status == 200).count();
    assert!(within(20 + admitted, 25, started), "{admitted} more admitted: {second:?}");
    assert!(!reasons.is_empty() && reasons.iter().all(|reason| reason == "global-rate"), "{reasons:?}");
    // Each account has its own buckets.
    assert_eq!(api.on_account("acct_other").get("/v1/prices").await.status, 200);
}

// stripe-api.md §13.9 (latency), issue #3 (connection reuse is observable)
#[tokio::test]
async fn latency_connection_delay_and_connection_counting() {
    let sandbox = SandboxBuilder::new()
        .latency(Duration::from_millis(100))
        .connection_delay(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sandbox);
    let started = Instant::now();
    assert_eq!(api.get("/v1/products").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300), "new connection: delay + latency");
    let started = Instant::now();
    for _ in 0..4 {
        api.get("/v1/products").await;
    }
    let reused = started.elapsed();
    assert!(reused >= Duration::from_millis(400), "four requests of 100 ms latency took {reused:?}");
    // Reuse is proven by the count, not by an upper time bound (a busy machine would flake it).
    assert_eq!(sandbox.connections_accepted(), 1, "keep-alive reuses one connection");

    let no_pool = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    for _ in 0..3 {
        let response =
            no_pool.get(format!("{}/v1/products", sandbox.base_url())).bearer_auth("sk_test_x").send().await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert_eq!(sandbox.connections_accepted(), 4);
}

// issue #3 (request log readable by tests)
#[tokio::test]
async fn request_log_counts_by_method_and_template() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = super::id(&api.create("/v1/products", "name=A").await);
    api.get(&format!("/v1/products/{product}")).await;
    api.get("/v1/products/prod_other").await;
    api.get("/v1/prices?limit=3").await;
    assert_eq!(sandbox.request_count("POST", "/v1/products"), 1);
    assert_eq!(sandbox.request_count("GET", "/v1/products/{id}"), 2);
    assert_eq!(sandbox.request_count("get", "/v1/prices"), 1);
    assert_eq!(sandbox.total_requests(), 4);
    sandbox.reset_counters();
    assert_eq!((sandbox.total_requests(), sandbox.connections_accepted()), (0, 0));
    assert_eq!(sandbox.request_count("POST", "/v1/products"), 0);
}
