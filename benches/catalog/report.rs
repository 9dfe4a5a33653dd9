//! The tables and the target checks. Every figure printed is one measured in this run; the
//! floors next to them are computed from the catalog's shape and the configured latencies.

use std::fmt::Write as _;
use std::time::Duration;

use comfy_table::presets::ASCII_MARKDOWN;
use comfy_table::{Cell, CellAlignment, Table};
use stripe_catalog::gateway::ENDPOINT_INTERVAL;
use stripe_catalog::settings::{DEFAULT_LIVE_RPS, DEFAULT_TEST_RPS};

use crate::fixture::Shape;
use crate::measure::{ApplyRun, BASELINE_CONCURRENCY, BaselineRun, PlanRun, RssRun};
use crate::options::Options;
use crate::{APPLY_PARALLELISM, STRIPE_TEST_RATE_LIMIT};

/// Requests `plan` runs side by side: the account read, the four lists and the webhook
/// endpoints (issue #12).
const PLAN_CONCURRENCY: u64 = 6;
/// The size of issue #6's baseline comparison: 1,000 products of 3 prices.
const BASELINE_TARGET_PRICES: usize = 3_000;
const RSS_TARGET_PRICES: usize = 15_000;
const RSS_TARGET_KIB: u64 = 64 * 1024;
const COLD_START_TARGET: Duration = Duration::from_millis(20);

pub(crate) struct SizeRow {
    pub shape: Shape,
    /// At the client's default limit for a test key.
    pub limited: PlanRun,
    /// With the client limiter lifted.
    pub unlimited: PlanRun,
    pub baseline: BaselineRun,
}

pub(crate) struct ApplyRow {
    pub shape: Shape,
    pub clean: ApplyRun,
    pub faulty: ApplyRun,
}

/// `plan` on an unchanged, all-active catalog before and after archived prices outside it
/// were added (issue #13): `[at the default client limit, limiter lifted]`, medians.
pub(crate) struct HistoryRow {
    pub shape: Shape,
    pub archived: usize,
    pub without: [PlanRun; 2],
    pub with: [PlanRun; 2],
}

/// Stripe's per-endpoint limit, which the live profile's sandbox enforces.
const STRIPE_ENDPOINT_LIMIT: u64 = 25;

pub(crate) struct Footprint {
    pub rss: Option<(Shape, RssRun)>,
    /// Sorted.
    pub cold_starts: Vec<Duration>,
}

pub(crate) struct Report {
    pub machine: Machine,
    pub options: Options,
    pub sizes: Vec<SizeRow>,
    pub applies: Vec<ApplyRow>,
    pub history: Option<HistoryRow>,
    /// The live-profile apply from empty.
    pub live: Option<(Shape, ApplyRun)>,
    pub footprint: Footprint,
    pub elapsed: Duration,
}

impl Report {
    /// The least time `plan` can take at these latencies: one connection, then the longest of
    /// the three lists read side by side (the account read runs alongside), one page after
    /// another.
    fn latency_floor(&self, shape: Shape) -> Duration {
        self.options.connection_delay + self.options.latency * u32::try_from(shape.longest_chain()).unwrap_or(1)
    }

    /// The least time `requests` requests take through the client limiter at `rps` (a GCRA
    /// with bursts of `rps / 5`, see `gateway/transport.rs`), the last one's latency included.
    fn rate_floor(&self, requests: u64, rps: u32) -> Duration {
        let burst = u64::from((rps / 5).max(1));
        let spaced = u32::try_from(requests.saturating_sub(burst)).unwrap_or(u32::MAX);
        Duration::from_secs(1) / rps.max(1) * spaced + self.options.latency
    }

    /// The least time the per-object approach can take: each of its concurrent workers pays
    /// one connection, then its share of the requests one after another.
    fn baseline_floor(&self, requests: u64) -> Duration {
        let rounds = u32::try_from(requests.div_ceil(BASELINE_CONCURRENCY as u64)).unwrap_or(u32::MAX);
        self.options.connection_delay + self.options.latency * rounds
    }

    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        let Options { latency, connection_delay, .. } = &self.options;
        let _ = writeln!(
            out,
            "stripe-catalog bench, {}: {}; sandbox latency {} per request, {} per new connection; finished in {}\n",
            self.machine.date,
            self.machine.describe(),
            duration(*latency),
            duration(*connection_delay),
            duration(self.elapsed)
        );
        let _ = writeln!(out, "{}\n", self.plan_table());
        let _ = writeln!(out, "{}\n", self.baseline_table());
        if !self.applies.is_empty() {
            let _ = writeln!(out, "{}\n", self.apply_table());
        }
        if let Some(history) = &self.history {
            let _ = writeln!(out, "{}\n", history_table(history));
        }
        if let Some((shape, run)) = &self.live {
            let _ = writeln!(out, "{}\n", live_table(*shape, run));
        }
        let _ = writeln!(out, "{}\n", self.footprint_table());
        let _ = writeln!(out, "Targets (issues #6 and #13):");
        for target in self.targets() {
            let _ = writeln!(out, "  {} {}: {}", if target.pass { "PASS" } else { "MISS" }, target.name, target.detail);
        }
        out
    }

    fn plan_table(&self) -> String {
        let mut table = table(&[
            "prices (active+archived)",
            "products",
            "requests (floor)",
            "conns",
            "changes",
            "latency floor",
            &format!("wall @{DEFAULT_TEST_RPS} req/s"),
            "× floor",
            &format!("rate floor @{DEFAULT_TEST_RPS}"),
            "wall, no limiter",
            "× floor",
        ]);
        for row in &self.sizes {
            let shape = row.shape;
            let floor = self.latency_floor(shape);
            table.add_row(cells(vec![
                format!("{} ({}+{})", shape.prices, shape.active, shape.archived),
                shape.products.to_string(),
                format!("{} / {} ({})", row.limited.requests, row.unlimited.requests, 1 + shape.list_floor()),
                format!("{} / {}", row.limited.connections, row.unlimited.connections),
                format!("{} / {}", row.limited.changes, row.unlimited.changes),
                duration(floor),
                duration(row.limited.wall),
                ratio(row.limited.wall, floor),
                duration(self.rate_floor(row.limited.requests, DEFAULT_TEST_RPS)),
                duration(row.unlimited.wall),
                ratio(row.unlimited.wall, floor),
            ]));
        }
        format!(
            "plan on an unchanged catalog (catalog load + account read + state read + diff; \"a / b\" = at the default \
             client limit / limiter lifted; floor = 1 account read + pages of 100 over products, active prices, \
             meters and webhook endpoints + the catalog's archived prices: one lookup_keys request per 10 of them, or past 100 the pages \
             of the archived list)\n{table}"
        )
    }

    fn baseline_table(&self) -> String {
        let mut table = table(&[
            "prices",
            "per-object requests",
            "conns",
            "per-object wall",
            "per-object floor",
            "plan requests",
            "plan wall",
            "fewer requests",
            "less wall time",
            "vs floor",
        ]);
        for row in &self.sizes {
            table.add_row(cells(vec![
                row.shape.prices.to_string(),
                format!("{} ({} found)", row.baseline.requests, row.baseline.found),
                row.baseline.connections.to_string(),
                duration(row.baseline.wall),
                duration(self.baseline_floor(row.baseline.requests)),
                row.unlimited.requests.to_string(),
                duration(row.unlimited.wall),
                format!("{:.1}×", row.baseline.requests as f64 / row.unlimited.requests.max(1) as f64),
                ratio(row.baseline.wall, row.unlimited.wall),
                ratio(self.baseline_floor(row.baseline.requests), row.unlimited.wall),
            ]));
        }
        format!(
            "per-object baseline (one GET per product by id, one per price by lookup key, {BASELINE_CONCURRENCY} at a \
             time as Terraform's -parallelism) vs plan, same client, limiter lifted for both; per-object floor = one \
             connection + ⌈requests / {BASELINE_CONCURRENCY}⌉ × latency, what a server with no cost of its own would \
             allow (the sandbox's lookup-key filter scans every price, which Stripe's index would not)\n{table}"
        )
    }

    fn apply_table(&self) -> String {
        let mut table = table(&[
            "prices",
            "run",
            "actions",
            "write requests",
            "wall",
            "writes/s warm",
            &format!("of {DEFAULT_TEST_RPS}/s"),
            "client retries",
            "errors surfaced",
            "duplicates",
            "plan after",
        ]);
        for row in &self.applies {
            let runs = [("clean", &row.clean, None), ("faults", &row.faulty, Some(row.clean.wall))];
            for (label, run, clean_wall) in runs {
                let wall = match clean_wall {
                    Some(clean) => format!("{} ({})", duration(run.wall), signed_duration(run.wall, clean)),
                    None => duration(run.wall),
                };
                table.add_row(cells(vec![
                    row.shape.prices.to_string(),
                    label.to_string(),
                    run.actions.to_string(),
                    run.writes.to_string(),
                    wall,
                    format!("{:.1}", run.warm_rate),
                    format!("{:.0}%", 100.0 * run.warm_rate / f64::from(DEFAULT_TEST_RPS)),
                    run.client_retries.to_string(),
                    run.surfaced.len().to_string(),
                    if run.duplicates.none() { "none".to_string() } else { format!("{:?}", run.duplicates) },
                    if run.converged { "no changes".to_string() } else { "CHANGES LEFT".to_string() },
                ]));
            }
        }
        format!(
            "apply from empty (sandbox limiter {STRIPE_TEST_RATE_LIMIT} req/s as Stripe's test mode, client default \
             {DEFAULT_TEST_RPS} req/s, --parallelism {APPLY_PARALLELISM}; faults = {:.0}% of requests answered 429 or \
             500, half each; wall = the executor's run, in brackets the extra time over the clean run)\n{table}",
            self.options.fault_rate * 100.0
        )
    }

    fn footprint_table(&self) -> String {
        let mut table = table(&["measure", "value", "how"]);
        if let Some((shape, rss)) = &self.footprint.rss {
            table.add_row(cells(vec![
                format!("peak RSS of plan, {} prices / {} products", shape.prices, shape.products),
                format!("{:.1} MiB", rss.peak_kib as f64 / 1024.0),
                format!(
                    "release binary `stripe-catalog plan` (default client limit) against the bench's sandbox (no \
                     latency), VmHWM from /proc/<pid>/status, {} samples over {}",
                    rss.samples,
                    duration(rss.wall)
                ),
            ]));
        }
        let times = &self.footprint.cold_starts;
        if let (Some(first), Some(last)) = (times.first(), times.last()) {
            table.add_row(cells(vec![
                "cold start, `stripe-catalog --version`".to_string(),
                duration(median(times)),
                format!(
                    "median of {} runs of the release binary, spawn to exit (min {}, max {})",
                    times.len(),
                    duration(*first),
                    duration(*last)
                ),
            ]));
        }
        format!("footprint\n{table}")
    }

    fn targets(&self) -> Vec<Target> {
        let mut targets = Vec::new();
        let runs = || self.sizes.iter().flat_map(|row| [(row, &row.limited), (row, &row.unlimited)]);

        let off: Vec<String> = runs()
            .filter(|(row, run)| {
                run.requests != 1 + row.shape.list_floor()
                    || run.account_requests != 1
                    || run.product_pages != row.shape.chains()[0]
                    || run.price_pages != crate::fixture::price_reads(row.shape)
                    || run.changes != 0
            })
            .map(|(row, run)| {
                format!("{} prices: {} requests, floor {}", row.shape.prices, run.requests, 1 + row.shape.list_floor())
            })
            .collect();
        targets.push(Target::new(
            "plan makes exactly the minimum requests at every size",
            off.is_empty(),
            if off.is_empty() {
                "1 account read + one list request per page of 100 (and one lookup per 10 archived catalog keys) at \
                 every size, both client settings"
                    .to_string()
            } else {
                off.join("; ")
            },
        ));

        let most = runs().map(|(_, run)| run.connections).max().unwrap_or(0);
        targets.push(Target::new(
            &format!("plan opens at most {PLAN_CONCURRENCY} connections (its concurrent requests)"),
            most <= PLAN_CONCURRENCY,
            format!("at most {most} connections in any run"),
        ));

        for (label, limited) in [
            (format!("at the default {DEFAULT_TEST_RPS} req/s client limit"), true),
            ("with the client limiter lifted".to_string(), false),
        ] {
            let slow: Vec<String> = self
                .sizes
                .iter()
                .filter_map(|row| {
                    let run = if limited { &row.limited } else { &row.unlimited };
                    let floor = self.latency_floor(row.shape);
                    let allowed = floor.mul_f64(1.2) + Duration::from_millis(200);
                    (run.wall > allowed).then(|| {
                        let mut reason = format!(
                            "{} prices took {} > {} allowed (latency floor {})",
                            row.shape.prices,
                            duration(run.wall),
                            duration(allowed),
                            duration(floor)
                        );
                        let rate_floor = self.rate_floor(run.requests, DEFAULT_TEST_RPS);
                        if limited && rate_floor > allowed {
                            let _ = write!(
                                reason,
                                ": {} requests through a {DEFAULT_TEST_RPS} req/s limiter need at least {}",
                                run.requests,
                                duration(rate_floor)
                            );
                        }
                        reason
                    })
                })
                .collect();
            targets.push(Target::new(
                &format!("plan wall time within 1.2× the latency floor + 200 ms, {label}"),
                slow.is_empty(),
                if slow.is_empty() { "every size".to_string() } else { slow.join("; ") },
            ));
        }

        match self.sizes.iter().find(|row| row.shape.prices == BASELINE_TARGET_PRICES) {
            Some(row) => {
                let requests = row.baseline.requests as f64 / row.unlimited.requests.max(1) as f64;
                targets.push(Target::new(
                    "≥ 20× fewer requests than per-object at 1,000 products × 3 prices",
                    requests >= 20.0,
                    format!("{requests:.1}× ({} vs {})", row.baseline.requests, row.unlimited.requests),
                ));
                let plan_wall = row.unlimited.wall.as_secs_f64().max(f64::EPSILON);
                let wall = row.baseline.wall.as_secs_f64() / plan_wall;
                let floor = self.baseline_floor(row.baseline.requests);
                targets.push(Target::new(
                    "≥ 10× less wall time than per-object at 1,000 products × 3 prices",
                    wall >= 10.0,
                    format!(
                        "{wall:.1}× ({} vs {}, both with the limiter lifted; {:.1}× against the per-object floor of \
                         {}; at the default limit per-object would need at least {} for its {} requests)",
                        duration(row.baseline.wall),
                        duration(row.unlimited.wall),
                        floor.as_secs_f64() / plan_wall,
                        duration(floor),
                        duration(self.rate_floor(row.baseline.requests, DEFAULT_TEST_RPS)),
                        row.baseline.requests
                    ),
                ));
            }
            None => targets.push(Target::new(
                "per-object comparison at 1,000 products × 3 prices",
                false,
                format!("not measured: add {BASELINE_TARGET_PRICES} to --sizes"),
            )),
        }

        if self.applies.is_empty() {
            targets.push(Target::new("apply targets", false, "not measured: --apply-sizes is empty".to_string()));
        }
        let wanted = 0.9 * f64::from(DEFAULT_TEST_RPS);
        let rates: Vec<String> = self
            .applies
            .iter()
            .map(|row| format!("{} prices {:.1}/s", row.shape.prices, row.clean.warm_rate))
            .collect();
        if !self.applies.is_empty() {
            targets.push(Target::new(
                &format!("apply sustains ≥ 90% of the {DEFAULT_TEST_RPS} req/s limit once warmed up (≥ {wanted:.0}/s)"),
                self.applies.iter().all(|row| row.clean.warm_rate >= wanted),
                format!(
                    "{} (measured on the apply sizes only: at ~20 writes/s larger catalogs take minutes)",
                    rates.join(", ")
                ),
            ));
            let surfaced: Vec<String> = self
                .applies
                .iter()
                .flat_map(|row| [&row.clean, &row.faulty])
                .flat_map(|run| run.surfaced.iter().take(3).cloned())
                .collect();
            let retries: u64 = self.applies.iter().map(|row| row.faulty.client_retries).sum();
            targets.push(Target::new(
                "apply surfaces no 429 (nor any error) to the user",
                surfaced.is_empty(),
                if surfaced.is_empty() {
                    format!("0 errors in every run; {retries} failed attempts retried under faults")
                } else {
                    surfaced.join("; ")
                },
            ));
            let bad: Vec<String> = self
                .applies
                .iter()
                .filter(|row| !row.faulty.duplicates.none() || !row.faulty.converged)
                .map(|row| {
                    format!(
                        "{} prices: {:?}, converged: {}",
                        row.shape.prices, row.faulty.duplicates, row.faulty.converged
                    )
                })
                .collect();
            targets.push(Target::new(
                "apply duplicates nothing under injected faults",
                bad.is_empty(),
                if bad.is_empty() {
                    "no product id or lookup key twice, no key with two active prices, object counts exact, plan empty after"
                        .to_string()
                } else {
                    bad.join("; ")
                },
            ));
        }

        self.history_targets(&mut targets);
        self.live_targets(&mut targets);

        match &self.footprint.rss {
            Some((shape, rss)) => targets.push(Target::new(
                &format!("peak RSS of plan over {RSS_TARGET_PRICES} prices under 64 MiB"),
                shape.prices >= RSS_TARGET_PRICES && rss.peak_kib < RSS_TARGET_KIB,
                format!("{:.1} MiB at {} prices", rss.peak_kib as f64 / 1024.0, shape.prices),
            )),
            None => targets.push(Target::new("peak RSS of plan", false, "not measured: --rss-size 0".to_string())),
        }
        let cold = median(&self.footprint.cold_starts);
        targets.push(Target::new(
            "cold start under 20 ms",
            cold < COLD_START_TARGET,
            format!("median {}", duration(cold)),
        ));
        targets
    }
}

impl Report {
    fn history_targets(&self, targets: &mut Vec<Target>) {
        let Some(row) = &self.history else {
            targets.push(Target::new("history targets", false, "not measured: --history-prices 0".to_string()));
            return;
        };
        let expected = 1 + row.shape.list_floor();
        let counts: Vec<u64> = row.without.iter().chain(&row.with).map(|run| run.requests).collect();
        targets.push(Target::new(
            &format!(
                "plan over {} archived prices makes 1 + ⌈products/100⌉ + ⌈active/100⌉ + 1 meter page + 1 webhook endpoint page requests, as \
                 without them",
                row.archived
            ),
            counts.iter().all(|&count| count == expected) && row.with.iter().all(|run| run.changes == 0),
            format!("{expected} expected; measured {counts:?} (without/with history, each client setting)"),
        ));
        for (index, label) in [
            (0, format!("at the default {DEFAULT_TEST_RPS} req/s client limit")),
            (1, "with the client limiter lifted".to_string()),
        ] {
            let (without, with) = (&row.without[index], &row.with[index]);
            let change = with.wall.as_secs_f64() / without.wall.as_secs_f64().max(f64::EPSILON) - 1.0;
            targets.push(Target::new(
                &format!("plan wall time with the history within 10% of without, {label}"),
                change <= 0.10,
                format!("{} vs {} ({:+.1}%)", duration(with.wall), duration(without.wall), change * 100.0),
            ));
        }
    }

    fn live_targets(&self, targets: &mut Vec<Target>) {
        let Some((shape, run)) = &self.live else {
            targets.push(Target::new("live-profile targets", false, "not measured: --live-prices 0".to_string()));
            return;
        };
        targets.push(Target::new(
            "live profile: no 429 (nor any error) reaches the user",
            run.surfaced.is_empty(),
            if run.surfaced.is_empty() { "0 errors".to_string() } else { run.surfaced.join("; ") },
        ));
        let share = run.client_retries as f64 / run.writes.max(1) as f64;
        targets.push(Target::new(
            "live profile: fewer than 1% of requests answered 429",
            share < 0.01,
            format!("{} of {} ({:.2}%)", run.client_retries, run.writes, share * 100.0),
        ));
        let (allowed, measured, ratio) = live_throughput(run);
        targets.push(Target::new(
            "live profile: throughput ≥ 90% of what the per-endpoint limits allow for the mix",
            ratio >= 0.9,
            format!(
                "{measured:.1} writes/s once warmed up, of {allowed:.1} allowed ({:.0}%) for {} prices",
                ratio * 100.0,
                shape.prices
            ),
        ));
        let over: Vec<String> = run
            .endpoints
            .iter()
            .filter(|load| load.busiest_second > STRIPE_ENDPOINT_LIMIT)
            .map(|load| format!("{} {}", load.endpoint, load.busiest_second))
            .collect();
        targets.push(Target::new(
            &format!("live profile: no endpoint above Stripe's {STRIPE_ENDPOINT_LIMIT}/s in any one-second window"),
            over.is_empty(),
            if over.is_empty() { "counted by the sandbox".to_string() } else { over.join("; ") },
        ));
    }
}

/// What the per-endpoint limits allow for an apply's mix of writes (each endpoint's writes at
/// Stripe's 25/s, the endpoints side by side: the busiest endpoint sets the time), what was
/// measured once warmed up (from one second after the first write to the last, as the
/// test-mode apply rows measure), and their ratio.
fn live_throughput(run: &ApplyRun) -> (f64, f64, f64) {
    let busiest = run.endpoints.iter().map(|load| load.requests).max().unwrap_or(0);
    let least_time = busiest as f64 / STRIPE_ENDPOINT_LIMIT as f64;
    let allowed = run.writes as f64 / least_time.max(f64::EPSILON);
    (allowed, run.warm_rate, run.warm_rate / allowed.max(f64::EPSILON))
}

fn history_table(row: &HistoryRow) -> String {
    let mut table = table(&[
        "history",
        "requests",
        "GET /v1/prices",
        "conns",
        "changes",
        &format!("wall @{DEFAULT_TEST_RPS} req/s"),
        "wall, no limiter",
    ]);
    for (label, runs) in [("none", &row.without), (&*format!("{} archived", row.archived), &row.with)] {
        table.add_row(cells(vec![
            label.to_string(),
            format!("{} / {}", runs[0].requests, runs[1].requests),
            format!("{} / {}", runs[0].price_pages, runs[1].price_pages),
            format!("{} / {}", runs[0].connections, runs[1].connections),
            format!("{} / {}", runs[0].changes, runs[1].changes),
            duration(runs[0].wall),
            duration(runs[1].wall),
        ]));
    }
    format!(
        "plan with history (issue #13): an unchanged catalog of {} active prices over {} products, then with {} \
         archived prices outside it added to its products; median of 5 runs each; \"a / b\" = at the default client \
         limit / limiter lifted\n{table}",
        row.shape.prices, row.shape.products, row.archived
    )
}

fn live_table(shape: Shape, run: &ApplyRun) -> String {
    let mut table = table(&["endpoint", "requests", "busiest second (sandbox)", "least time at 25/s"]);
    for load in &run.endpoints {
        table.add_row(cells(vec![
            load.endpoint.clone(),
            load.requests.to_string(),
            load.busiest_second.to_string(),
            duration(Duration::from_secs_f64(load.requests as f64 / STRIPE_ENDPOINT_LIMIT as f64)),
        ]));
    }
    let (allowed, measured, ratio) = live_throughput(run);
    format!(
        "apply from empty, live profile (issue #13): {} prices over {} products against the sandbox enforcing live \
         mode's limits (100 req/s in all, 25 per endpoint), client at a live key's default {DEFAULT_LIVE_RPS} req/s \
         and one request per {} per endpoint, --parallelism {APPLY_PARALLELISM}\n{table}\n\
         {} actions, {} write requests in {} ({:.1} writes/s over the whole run); once warmed up {measured:.1} \
         writes/s of the {allowed:.1} the per-endpoint limits allow for this mix ({:.0}%); {} answered 429 and \
         retried; {} errors surfaced; {}; {}",
        shape.prices,
        shape.products,
        duration(ENDPOINT_INTERVAL),
        run.actions,
        run.writes,
        duration(run.wall),
        run.writes as f64 / run.wall.as_secs_f64().max(f64::EPSILON),
        ratio * 100.0,
        run.client_retries,
        run.surfaced.len(),
        if run.duplicates.none() { "no duplicates".to_string() } else { format!("{:?}", run.duplicates) },
        if run.converged { "plan after: no changes" } else { "plan after: CHANGES LEFT" },
    )
}

/// Where the bench ran, for BENCHMARKS.md.
pub(crate) struct Machine {
    /// UTC, to the minute.
    pub date: String,
    pub cores: usize,
    pub memory_kib: Option<u64>,
    pub cpu: Option<String>,
}

impl Machine {
    pub(crate) fn current() -> Machine {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let field = |text: &str, name: &str| {
            text.lines()
                .find(|line| line.starts_with(name))
                .and_then(|line| line.split_once(':'))
                .map(|(_, value)| value.trim().to_string())
        };
        let meminfo = read("/proc/meminfo");
        Machine {
            date: jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M UTC").to_string(),
            cores: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            memory_kib: field(&meminfo, "MemTotal")
                .and_then(|value| value.split_whitespace().next().and_then(|kib| kib.parse().ok())),
            cpu: field(&read("/proc/cpuinfo"), "model name"),
        }
    }

    fn describe(&self) -> String {
        let memory = self.memory_kib.map_or_else(
            || "memory unknown".to_string(),
            |kib| format!("{:.1} GiB memory", kib as f64 / 1024.0 / 1024.0),
        );
        let cpu = self.cpu.as_deref().unwrap_or("unknown CPU");
        format!("{} cores ({cpu}), {memory}", self.cores)
    }
}

struct Target {
    name: String,
    pass: bool,
    detail: String,
}

impl Target {
    fn new(name: &str, pass: bool, detail: String) -> Target {
        Target { name: name.to_string(), pass, detail }
    }
}

fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(ASCII_MARKDOWN).set_header(header.iter().map(Cell::new));
    table
}

fn cells(values: Vec<String>) -> Vec<Cell> {
    values.into_iter().map(|value| Cell::new(value).set_alignment(CellAlignment::Right)).collect()
}

fn median(sorted: &[Duration]) -> Duration {
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn duration(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
    } else {
        format!("{:.2} s", duration.as_secs_f64())
    }
}

fn signed_duration(value: Duration, base: Duration) -> String {
    if value >= base { format!("+{}", duration(value - base)) } else { format!("−{}", duration(base - value)) }
}

fn ratio(value: Duration, base: Duration) -> String {
    format!("{:.2}×", value.as_secs_f64() / base.as_secs_f64().max(f64::EPSILON))
}
