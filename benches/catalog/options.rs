//! The bench's command line: `cargo bench --bench catalog -- [OPTIONS]`. Arguments rather than
//! environment variables, so every run's settings are visible in the command BENCHMARKS.md
//! quotes. Cargo adds `--bench` to a `harness = false` target's arguments; it is accepted and
//! ignored.

use std::time::Duration;

use anyhow::{Context, Result, bail};

pub(crate) const USAGE: &str = "\
usage: cargo bench --bench catalog -- [OPTIONS]

Measures plan and apply against the in-process sandbox (see BENCHMARKS.md).

options:
  --sizes N,N,...        catalog sizes in prices for plan and the per-object baseline
                         [default: 100,1000,3000,5000]
  --apply-sizes N,...    catalog sizes in prices for apply from empty, which runs at the
                         rate limit (about 20 writes/s) [default: 100,300]
  --rss-size N           prices in the catalog whose `plan` peak RSS is measured; 0 skips
                         [default: 15000]
  --latency-ms N         added to every sandbox request [default: 20]
  --connection-ms N      added to every new connection, a TLS handshake's cost [default: 40]
  --fault-rate F         share of requests failing with 429 or 500 in the fault run
                         [default: 0.10]
  --cold-start-runs N    runs of `stripe-catalog --version` to take the median of [default: 21]
  --history-prices N     active prices of the history row's catalog (all active); 0 skips
                         [default: 1000]
  --history-archived N   archived prices outside the catalog added for the history row
                         [default: 10000]
  --live-prices N        prices of the live-profile apply (from empty, sandbox enforcing
                         live mode's limits); 0 skips [default: 1000]
  -h, --help             this text";

/// What to measure.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub sizes: Vec<usize>,
    pub apply_sizes: Vec<usize>,
    pub rss_size: usize,
    pub latency: Duration,
    pub connection_delay: Duration,
    pub fault_rate: f64,
    pub cold_start_runs: usize,
    pub history_prices: usize,
    pub history_archived: usize,
    pub live_prices: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            sizes: vec![100, 1_000, 3_000, 5_000],
            apply_sizes: vec![100, 300],
            rss_size: 15_000,
            latency: Duration::from_millis(20),
            connection_delay: Duration::from_millis(40),
            fault_rate: 0.10,
            cold_start_runs: 21,
            history_prices: 1_000,
            history_archived: 10_000,
            live_prices: 1_000,
        }
    }
}

/// `None` when help was asked for.
pub(crate) fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg, None),
        };
        let mut value = || -> Result<String> {
            match inline.clone() {
                Some(value) => Ok(value),
                None => args.next().with_context(|| format!("`{name}` needs a value")),
            }
        };
        match name.as_str() {
            "--bench" => {}
            "-h" | "--help" => return Ok(None),
            "--sizes" => options.sizes = sizes(&name, &value()?)?,
            "--apply-sizes" => options.apply_sizes = sizes(&name, &value()?)?,
            "--rss-size" => options.rss_size = number(&name, &value()?)?,
            "--latency-ms" => options.latency = Duration::from_millis(number(&name, &value()?)?),
            "--connection-ms" => options.connection_delay = Duration::from_millis(number(&name, &value()?)?),
            "--history-prices" => options.history_prices = number(&name, &value()?)?,
            "--history-archived" => options.history_archived = number(&name, &value()?)?,
            "--live-prices" => options.live_prices = number(&name, &value()?)?,
            "--cold-start-runs" => options.cold_start_runs = number::<usize>(&name, &value()?)?.max(1),
            "--fault-rate" => {
                let text = value()?;
                let rate: f64 = text.parse().ok().filter(|rate| (0.0..=0.5).contains(rate)).with_context(|| {
                    format!("`--fault-rate {text}`: expected a share between 0 and 0.5, such as 0.10")
                })?;
                options.fault_rate = rate;
            }
            other => bail!("unknown option `{other}`\n\n{USAGE}"),
        }
    }
    Ok(Some(options))
}

fn number<T: std::str::FromStr>(name: &str, text: &str) -> Result<T> {
    text.parse().ok().with_context(|| format!("`{name} {text}`: expected a whole number"))
}

fn sizes(name: &str, text: &str) -> Result<Vec<usize>> {
    let sizes = text
        .split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| number::<usize>(name, part.trim()))
        .collect::<Result<Vec<_>>>()?;
    if sizes.contains(&0) {
        bail!("`{name} {text}`: sizes are numbers of prices, at least 1");
    }
    Ok(sizes)
}
