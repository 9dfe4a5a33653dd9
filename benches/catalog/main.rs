//! `cargo bench --bench catalog`: what `plan` and `apply` cost against the in-process sandbox,
//! next to the floor Stripe's API allows and to the per-object approach (issue #6).
//!
//! Layout: `options.rs` reads the command line, `fixture.rs` builds catalogs and seeds
//! sandboxes, `measure.rs` runs one measurement per function, `report.rs` prints the tables
//! and checks each target. The numbers in BENCHMARKS.md come from this program's output.

mod fixture;
mod measure;
mod options;
mod report;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use stripe_catalog::output::Printer;
use stripe_catalog::settings::DEFAULT_LIVE_RPS;
use stripe_catalog::settings::{ColorChoice, ConnectionOptions, GlobalSettings, OutputFormat};
use stripe_sandbox::{Faults, RateLimits};

use fixture::Shape;
use options::Options;
use report::{ApplyRow, Footprint, HistoryRow, Machine, Report, SizeRow};

/// Writes in flight during `apply`: the CLI's default `--parallelism`.
const APPLY_PARALLELISM: usize = 4;

/// Stripe's test-mode limit, which the sandbox enforces during `apply`.
const STRIPE_TEST_RATE_LIMIT: u32 = 25;

/// Runs of each history `plan`, the median reported: the two are compared within 10%.
const HISTORY_RUNS: usize = 5;

fn main() -> std::process::ExitCode {
    // Data (the tables) to stdout, progress to stderr; the library's own status lines are
    // silenced so they do not interleave with the bench's.
    let printer = Printer::new(&GlobalSettings {
        catalog_path: "catalog.yaml".into(),
        catalog_given: false,
        format: OutputFormat::Text,
        color: ColorChoice::Never,
        quiet: true,
        connection: ConnectionOptions::default(),
    });
    let options = match options::parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            printer.data(options::USAGE);
            return std::process::ExitCode::SUCCESS;
        }
        Err(err) => {
            stripe_catalog::report::failure(&printer, &err);
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            stripe_catalog::report::failure(
                &printer,
                &anyhow::Error::new(err).context("could not start the async runtime"),
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&options, &printer)) {
        Ok(report) => {
            printer.data(&report.render());
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            stripe_catalog::report::failure(&printer, &err);
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(options: &Options, printer: &Printer) -> Result<Report> {
    let started = Instant::now();
    let machine = Machine::current();
    let directory = tempfile::tempdir().context("could not create a temporary directory")?;
    let binary = Path::new(env!("CARGO_BIN_EXE_stripe-catalog"));
    let progress = |text: String| printer.stderr_line(&format!("[{:>5.1} s] {text}", started.elapsed().as_secs_f64()));

    let mut sizes = Vec::new();
    for &prices in &options.sizes {
        let shape = Shape::new(prices);
        let (path, loaded) = fixture::write_catalog(directory.path(), shape)?;
        let sandbox = fixture::sandbox(options.latency, options.connection_delay, None, Faults::default()).await?;
        progress(format!("{prices} prices: seeding {} products", shape.products));
        fixture::seed(&sandbox, &loaded, directory.path(), printer).await?;
        progress(format!("{prices} prices: plan at the default client limit"));
        let limited = measure::plan(&sandbox, &path, None).await?;
        progress(format!("{prices} prices: plan with the client limiter lifted"));
        let unlimited = measure::plan(&sandbox, &path, Some(fixture::UNLIMITED_RPS)).await?;
        progress(format!("{prices} prices: per-object baseline"));
        let baseline = measure::baseline(&sandbox, &loaded).await?;
        sandbox.shutdown().await;
        sizes.push(SizeRow { shape, limited, unlimited, baseline });
    }

    let mut applies = Vec::new();
    for &prices in &options.apply_sizes {
        let shape = Shape::new(prices);
        let (_, loaded) = fixture::write_catalog(directory.path(), shape)?;
        let limit = Some(RateLimits::global(STRIPE_TEST_RATE_LIMIT));
        progress(format!("{prices} prices: apply from empty"));
        let sandbox = fixture::sandbox(options.latency, options.connection_delay, limit, Faults::default()).await?;
        let clean =
            measure::apply(&sandbox, &loaded, shape, APPLY_PARALLELISM, None, directory.path(), printer).await?;
        sandbox.shutdown().await;
        progress(format!("{prices} prices: apply from empty with {:.0}% faults", options.fault_rate * 100.0));
        let faults = Faults {
            rate_limit: options.fault_rate / 2.0,
            server_error: options.fault_rate / 2.0,
            seed: 6,
            ..Faults::default()
        };
        let sandbox = fixture::sandbox(options.latency, options.connection_delay, limit, faults).await?;
        let faulty =
            measure::apply(&sandbox, &loaded, shape, APPLY_PARALLELISM, None, directory.path(), printer).await?;
        sandbox.shutdown().await;
        applies.push(ApplyRow { shape, clean, faulty });
    }

    let history = if options.history_prices > 0 {
        let shape = Shape::all_active(options.history_prices);
        let (path, loaded) = fixture::write_catalog(directory.path(), shape)?;
        // Two sandboxes with the same catalog, one given the history, measured in turns: load
        // from the other builds on the machine then falls on both alike.
        let plain = fixture::sandbox(options.latency, options.connection_delay, None, Faults::default()).await?;
        let old = fixture::sandbox(options.latency, options.connection_delay, None, Faults::default()).await?;
        progress(format!("history: seeding {} products, {} active prices, twice", shape.products, shape.prices));
        fixture::seed(&plain, &loaded, directory.path(), printer).await?;
        fixture::seed(&old, &loaded, directory.path(), printer).await?;
        progress(format!("history: seeding {} archived prices into the second", options.history_archived));
        fixture::seed_history(&old, shape, options.history_archived)?;
        progress(format!("history: plan without and with the history in turns, {HISTORY_RUNS} runs each"));
        let mut runs: [[Vec<measure::PlanRun>; 2]; 2] = Default::default();
        for _ in 0..HISTORY_RUNS {
            for (limit, max_rps) in [None, Some(fixture::UNLIMITED_RPS)].into_iter().enumerate() {
                runs[0][limit].push(measure::plan(&plain, &path, max_rps).await?);
                runs[1][limit].push(measure::plan(&old, &path, max_rps).await?);
            }
        }
        plain.shutdown().await;
        old.shutdown().await;
        let [without, with] = runs.map(|settings| settings.map(measure::median));
        Some(HistoryRow { shape, archived: options.history_archived, without, with })
    } else {
        None
    };

    let live = if options.live_prices > 0 {
        let shape = Shape::all_active(options.live_prices);
        let (_, loaded) = fixture::write_catalog(directory.path(), shape)?;
        progress(format!("{} prices: apply from empty, live profile", shape.prices));
        let limits = Some(RateLimits::LIVE);
        let sandbox = fixture::sandbox(options.latency, options.connection_delay, limits, Faults::default()).await?;
        let rps = Some(DEFAULT_LIVE_RPS);
        let run = measure::apply(&sandbox, &loaded, shape, APPLY_PARALLELISM, rps, directory.path(), printer).await?;
        sandbox.shutdown().await;
        Some((shape, run))
    } else {
        None
    };

    let rss = if options.rss_size > 0 {
        let shape = Shape::new(options.rss_size);
        let (path, loaded) = fixture::write_catalog(directory.path(), shape)?;
        // Latency changes how long `plan` waits, not what it holds: none here, to seed faster.
        let sandbox = fixture::sandbox(Duration::ZERO, Duration::ZERO, None, Faults::default()).await?;
        progress(format!("{} prices: seeding {} products for the RSS run", shape.prices, shape.products));
        fixture::seed(&sandbox, &loaded, directory.path(), printer).await?;
        progress(format!("{} prices: peak RSS of `stripe-catalog plan`", shape.prices));
        let run = measure::plan_rss(binary, &path, &sandbox, directory.path()).await?;
        sandbox.shutdown().await;
        Some((shape, run))
    } else {
        None
    };

    progress(format!("cold start: {} runs of `stripe-catalog --version`", options.cold_start_runs));
    let cold_starts = measure::cold_starts(binary, options.cold_start_runs)?;
    progress("done".to_string());

    Ok(Report {
        machine,
        options: options.clone(),
        sizes,
        applies,
        history,
        live,
        footprint: Footprint { rss, cold_starts },
        elapsed: started.elapsed(),
    })
}
