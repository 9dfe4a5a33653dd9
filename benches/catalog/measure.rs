//! One function per measurement. Request and connection counts come from the sandbox (what
//! arrived), retries from the client; times are wall-clock around exactly the work named.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use futures_util::{StreamExt, TryStreamExt, stream};
use stripe_catalog::apply::execute;
use stripe_catalog::catalog::Loaded;
use stripe_catalog::output::Printer;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY};

use crate::fixture::{self, Shape, UNLIMITED_RPS};

/// Terraform's default `-parallelism`, which the per-object baseline copies.
pub(crate) const BASELINE_CONCURRENCY: usize = 10;

/// `plan` on an unchanged catalog: catalog load, account read, state read and diff.
#[derive(Clone, Debug)]
pub(crate) struct PlanRun {
    pub requests: u64,
    pub account_requests: u64,
    pub product_pages: u64,
    pub price_pages: u64,
    pub connections: u64,
    pub wall: Duration,
    /// Actions the plan holds: 0 when the catalog is unchanged.
    pub changes: usize,
}

pub(crate) async fn plan(sandbox: &RunningSandbox, catalog: &Path, max_rps: Option<u32>) -> Result<PlanRun> {
    sandbox.reset_counters();
    let gateway = fixture::connect(sandbox, max_rps)?;
    let start = Instant::now();
    let loaded = fixture::load(catalog)?;
    let plan = fixture::plan(&gateway, &loaded).await?;
    let wall = start.elapsed();
    Ok(PlanRun {
        requests: sandbox.total_requests(),
        account_requests: sandbox.request_count("GET", "/v1/account"),
        product_pages: sandbox.request_count("GET", "/v1/products"),
        price_pages: sandbox.request_count("GET", "/v1/prices"),
        connections: sandbox.connections_accepted(),
        wall,
        changes: plan.actions.len(),
    })
}

/// The run of median wall time (request counts are the same in each).
pub(crate) fn median(mut runs: Vec<PlanRun>) -> PlanRun {
    runs.sort_by_key(|run| run.wall);
    let middle = runs.len() / 2;
    runs.swap_remove(middle)
}

/// The per-object approach: every product by id and every price by lookup key, one request
/// each, `BASELINE_CONCURRENCY` at a time, through the same client as `plan`.
#[derive(Clone, Debug)]
pub(crate) struct BaselineRun {
    pub requests: u64,
    pub connections: u64,
    pub wall: Duration,
    /// Objects found, to show the baseline read the same catalog.
    pub found: usize,
}

type Read<'a> = Pin<Box<dyn Future<Output = Result<bool>> + Send + 'a>>;

pub(crate) async fn baseline(sandbox: &RunningSandbox, loaded: &Loaded) -> Result<BaselineRun> {
    sandbox.reset_counters();
    let gateway = &fixture::connect(sandbox, Some(UNLIMITED_RPS))?;
    let mut reads: Vec<Read<'_>> = Vec::new();
    for product in &loaded.catalog.products {
        reads.push(Box::pin(async move { Ok(gateway.product_by_id(&product.id).await?.is_some()) }));
        for price in &product.prices {
            let keys = vec![price.key.clone()];
            let active = price.settings.active;
            reads.push(Box::pin(async move { Ok(!gateway.prices_by_lookup_keys(&keys, active).await?.is_empty()) }));
        }
    }
    let start = Instant::now();
    let found: Vec<bool> = stream::iter(reads).buffer_unordered(BASELINE_CONCURRENCY).try_collect().await?;
    let wall = start.elapsed();
    Ok(BaselineRun {
        requests: sandbox.total_requests(),
        connections: sandbox.connections_accepted(),
        wall,
        found: found.into_iter().filter(|found| *found).count(),
    })
}

/// `apply` from an empty account.
#[derive(Clone, Debug)]
pub(crate) struct ApplyRun {
    pub actions: usize,
    /// Write requests that reached the sandbox, retried attempts included.
    pub writes: u64,
    /// The executor's run, after planning.
    pub wall: Duration,
    /// Writes per second from one second after the first write to the last.
    pub warm_rate: f64,
    pub client_retries: u64,
    /// Per write endpoint, as the sandbox counted it: requests that reached it, and the most
    /// it admitted in any one-second window.
    pub endpoints: Vec<EndpointLoad>,
    /// Actions that failed or never started: errors the user would see.
    pub surfaced: Vec<String>,
    pub duplicates: Duplicates,
    /// `plan` afterwards has nothing to do.
    pub converged: bool,
}

/// One endpoint's share of an apply.
#[derive(Clone, Debug)]
pub(crate) struct EndpointLoad {
    /// `POST /v1/prices` and so on.
    pub endpoint: String,
    pub requests: u64,
    pub busiest_second: u64,
}

/// `max_rps`: the client's global limit, the CLI's default for a test key when `None`.
pub(crate) async fn apply(
    sandbox: &RunningSandbox,
    loaded: &Loaded,
    shape: Shape,
    parallelism: usize,
    max_rps: Option<u32>,
    directory: &Path,
    printer: &Printer,
) -> Result<ApplyRun> {
    let gateway = &fixture::connect(sandbox, max_rps)?;
    let plan = fixture::plan(gateway, loaded).await?;
    let options = fixture::apply_options(directory, parallelism, "apply");
    let retries_before = gateway.stats().retries;
    sandbox.reset_counters();
    let finished = AtomicBool::new(false);
    let start = Instant::now();
    let run = async {
        let outcome = execute(&plan, gateway, &options, printer).await;
        finished.store(true, Ordering::SeqCst);
        (outcome, start.elapsed())
    };
    let sampler = async {
        let mut samples = Vec::new();
        loop {
            samples.push((start.elapsed(), sandbox.total_requests()));
            if finished.load(Ordering::SeqCst) {
                return samples;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    let ((outcome, wall), samples) = tokio::join!(run, sampler);
    let outcome = outcome?;
    let writes = sandbox.total_requests();
    let client_retries = gateway.stats().retries - retries_before;
    let endpoints = gateway
        .stats()
        .by_endpoint
        .into_keys()
        .filter_map(|endpoint| {
            let (method, template) = endpoint.split_once(' ')?;
            if method != "POST" {
                return None;
            }
            let busiest = sandbox.admitted_per_second(method, template).into_iter().map(|(_, count)| count).max();
            let requests = sandbox.request_count(method, template);
            Some(EndpointLoad { requests, busiest_second: busiest.unwrap_or(0), endpoint })
        })
        .collect();
    let surfaced = outcome
        .failed
        .iter()
        .map(|failed| format!("{}: {}", failed.action, failed.message))
        .chain(outcome.not_started.iter().map(|action| format!("{action}: not started")))
        .collect();
    let check = fixture::connect(sandbox, Some(UNLIMITED_RPS))?;
    let duplicates = Duplicates::find(&check.read_state().await?, shape);
    let converged = fixture::plan(&check, loaded).await?.is_empty();
    Ok(ApplyRun {
        actions: plan.actions.len(),
        writes,
        wall,
        warm_rate: warm_rate(&samples, wall),
        client_retries,
        endpoints,
        surfaced,
        duplicates,
        converged,
    })
}

/// Writes per second once warmed up: from one second after the first write to the last
/// (the whole run when that leaves less than a second).
fn warm_rate(samples: &[(Duration, u64)], wall: Duration) -> f64 {
    let total = samples.last().map_or(0, |(_, count)| *count);
    let first = samples.iter().find(|(_, count)| *count > 0).map_or(Duration::ZERO, |(at, _)| *at);
    let last = samples.iter().find(|(_, count)| *count == total).map_or(wall, |(at, _)| *at);
    let warm = first + Duration::from_secs(1);
    match samples.iter().find(|(at, _)| *at >= warm) {
        Some((at, count)) if last > *at + Duration::from_secs(1) => (total - count) as f64 / (last - *at).as_secs_f64(),
        _ => total as f64 / wall.as_secs_f64().max(f64::EPSILON),
    }
}

/// What a retried write that was not idempotent would leave behind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Duplicates {
    /// Product ids held by more than one product.
    pub product_ids: usize,
    /// Lookup keys held by more than one price.
    pub lookup_keys: usize,
    /// Keys with more than one active price.
    pub active_per_key: usize,
    /// Prices beyond the catalog's (a duplicate created without its key), or missing.
    pub extra_prices: i64,
    pub extra_products: i64,
}

impl Duplicates {
    fn find(state: &stripe_catalog::objects::RemoteState, shape: Shape) -> Duplicates {
        let mut products: BTreeMap<&str, usize> = BTreeMap::new();
        for product in &state.products {
            *products.entry(product.id.as_str()).or_default() += 1;
        }
        let mut keys: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for price in &state.prices {
            if let Some(key) = &price.lookup_key {
                let entry = keys.entry(key.as_str()).or_default();
                entry.0 += 1;
                entry.1 += usize::from(price.settings.active);
            }
        }
        let signed = |count: usize| i64::try_from(count).unwrap_or(i64::MAX);
        Duplicates {
            product_ids: products.values().filter(|count| **count > 1).count(),
            lookup_keys: keys.values().filter(|(count, _)| *count > 1).count(),
            active_per_key: keys.values().filter(|(_, active)| *active > 1).count(),
            extra_prices: signed(state.prices.len()) - signed(shape.prices),
            extra_products: signed(state.products.len()) - signed(shape.products),
        }
    }

    pub(crate) fn none(&self) -> bool {
        *self == Duplicates::default()
    }
}

/// Peak RSS of the real binary's `plan`, read from `/proc/<pid>/status` (`VmHWM`, the kernel's
/// own high-water mark) every 2 ms while it runs: exact unless memory grew in the last 2 ms
/// before exit.
#[derive(Clone, Debug)]
pub(crate) struct RssRun {
    pub peak_kib: u64,
    pub wall: Duration,
    pub samples: usize,
}

pub(crate) async fn plan_rss(
    binary: &Path,
    catalog: &Path,
    sandbox: &RunningSandbox,
    directory: &Path,
) -> Result<RssRun> {
    let stdout = File::create(directory.join("plan.out")).context("could not create plan.out")?;
    let stderr = File::create(directory.join("plan.err")).context("could not create plan.err")?;
    let mut command = Command::new(binary);
    command
        .current_dir(directory)
        .args(["--quiet", "--color", "never", "plan", "--detailed-exitcode"])
        .arg("--catalog")
        .arg(catalog)
        .args(["--api-base", &sandbox.base_url(), "--api-key", SANDBOX_API_KEY])
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    let directory = directory.to_path_buf();
    tokio::task::spawn_blocking(move || -> Result<RssRun> {
        let start = Instant::now();
        let mut child = command.spawn().context("could not start stripe-catalog")?;
        let status_file = format!("/proc/{}/status", child.id());
        let (mut peak_kib, mut samples) = (0, 0);
        let status = loop {
            if let Some(kib) = std::fs::read_to_string(&status_file).ok().as_deref().and_then(vm_hwm_kib) {
                peak_kib = peak_kib.max(kib);
                samples += 1;
            }
            if let Some(status) = child.try_wait()? {
                break status;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let wall = start.elapsed();
        if status.code() != Some(0) {
            let stderr = std::fs::read_to_string(directory.join("plan.err")).unwrap_or_default();
            bail!("`stripe-catalog plan --detailed-exitcode` ended with {status} (0 = no changes): {stderr}");
        }
        Ok(RssRun { peak_kib, wall, samples })
    })
    .await
    .context("the RSS sampler stopped")?
}

fn vm_hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Wall time of `stripe-catalog --version`, spawn to exit, each run.
pub(crate) fn cold_starts(binary: &Path, runs: usize) -> Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(binary)
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .context("could not run stripe-catalog --version")?;
        times.push(start.elapsed());
        if !status.success() {
            bail!("`stripe-catalog --version` ended with {status}");
        }
    }
    times.sort_unstable();
    Ok(times)
}
