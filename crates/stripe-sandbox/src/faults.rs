//! Injected faults and Stripe's test-mode rate limiter (stripe-api.md §5, §7): a seeded random
//! draw per request decides whether it is answered 429 `rate_limit`, 429 `lock_timeout` or 500
//! (before anything is executed), and a second draw per successful POST whether the connection
//! is dropped after the write was committed.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::errors::ApiError;

/// Fractions (0..1) of requests that fail, and the seed that makes the failures repeatable.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Faults {
    /// Answered 429 `rate_limit` before execution.
    pub rate_limit: f64,
    /// Answered 429 `lock_timeout` (with `Stripe-Should-Retry: true`) before execution.
    pub lock_timeout: f64,
    /// Answered 500 `api_error` (with `Stripe-Should-Retry: true`) before execution.
    pub server_error: f64,
    /// POSTs whose write is committed, then the connection is closed without a response.
    pub drop_after_commit: f64,
    /// Seed of the fault draws.
    pub seed: u64,
}

/// The fault draws, in request order.
pub(crate) struct FaultInjector {
    faults: Faults,
    rng: Mutex<StdRng>,
}

impl FaultInjector {
    pub(crate) fn new(faults: Faults) -> FaultInjector {
        FaultInjector { faults, rng: Mutex::new(StdRng::seed_from_u64(faults.seed)) }
    }

    fn draw(&self) -> f64 {
        let mut rng = self.rng.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        rng.random::<f64>()
    }

    /// The fault to answer this request with, if any.
    pub(crate) fn before_execution(&self) -> Option<ApiError> {
        let Faults { rate_limit, lock_timeout, server_error, .. } = self.faults;
        if rate_limit + lock_timeout + server_error <= 0.0 {
            return None;
        }
        let draw = self.draw();
        if draw < rate_limit {
            Some(ApiError::rate_limited(Limited::Global))
        } else if draw < rate_limit + lock_timeout {
            Some(ApiError::lock_timeout())
        } else if draw < rate_limit + lock_timeout + server_error {
            Some(ApiError::server_error())
        } else {
            None
        }
    }

    /// Whether to drop the connection of this committed POST.
    pub(crate) fn drop_after_commit(&self) -> bool {
        self.faults.drop_after_commit > 0.0 && self.draw() < self.faults.drop_after_commit
    }
}

/// Stripe's rate limits (https://docs.stripe.com/rate-limits; stripe-api.md §7): a global limit
/// per account, and on top of it a limit for each API endpoint ("Every named operation is its own
/// endpoint: `POST /v1/payment_intents` ≠ `GET /v1/payment_intents/{id}`"), plus the Search API's
/// own limit across all search endpoints. Each is a token bucket refilled at its rate and holding
/// at most one second's worth, the algorithm Stripe describes for its limiters
/// (https://stripe.com/blog/rate-limiters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// Requests per second per account, all endpoints together.
    pub global: u32,
    /// Requests per second per account to each endpoint (method and path template).
    pub endpoint: u32,
    /// Requests per second per account to all search endpoints together.
    pub search: u32,
}

impl RateLimits {
    /// Test mode and sandboxes: 25 requests per second, 25 per endpoint, 20 searches.
    pub const TEST: RateLimits = RateLimits { global: 25, endpoint: 25, search: 20 };
    /// Live mode: 100 requests per second, 25 per endpoint, 20 searches.
    pub const LIVE: RateLimits = RateLimits { global: 100, endpoint: 25, search: 20 };

    /// Another global limit, with Stripe's default per-endpoint and search limits.
    #[must_use]
    pub fn global(requests_per_second: u32) -> RateLimits {
        RateLimits { global: requests_per_second, ..RateLimits::TEST }
    }
}

/// Why a request was refused, as `Stripe-Rate-Limited-Reason` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Limited {
    Global,
    Endpoint,
}

impl Limited {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Limited::Global => "global-rate",
            Limited::Endpoint => "endpoint-rate",
        }
    }
}

/// How long the admission log keeps one-second windows, per endpoint.
const LOG_WINDOWS: usize = 600;

/// The limiter (when limits are set) and the log of admitted requests (always), which tests read
/// to see how fast a client really went.
pub(crate) struct RateLimiter {
    limits: Option<RateLimits>,
    started: Instant,
    buckets: Mutex<HashMap<(String, String), (f64, Instant)>>,
    admitted: Mutex<HashMap<String, VecDeque<(u64, u64)>>>,
}

impl RateLimiter {
    pub(crate) fn new(limits: Option<RateLimits>) -> RateLimiter {
        RateLimiter {
            limits,
            started: Instant::now(),
            buckets: Mutex::new(HashMap::new()),
            admitted: Mutex::new(HashMap::new()),
        }
    }

    /// Admits a request of `account` to `endpoint` (`"POST /v1/prices"`), or says which limit it
    /// is over. A refused request takes no token from any bucket.
    pub(crate) fn admit(&self, account: &str, endpoint: &str) -> Result<(), Limited> {
        if let Some(limits) = self.limits {
            let now = Instant::now();
            let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let mut wanted = vec![(String::new(), limits.global, Limited::Global)];
            wanted.push((endpoint.to_string(), limits.endpoint, Limited::Endpoint));
            if endpoint.starts_with("GET ") && endpoint.ends_with("/search") {
                wanted.push(("search".to_string(), limits.search, Limited::Endpoint));
            }
            for (bucket, rate, limited) in &wanted {
                let rate = f64::from((*rate).max(1));
                let (tokens, last) = buckets.entry((account.to_string(), bucket.clone())).or_insert((rate, now));
                *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * rate).min(rate);
                *last = now;
                if *tokens < 1.0 {
                    return Err(*limited);
                }
            }
            for (bucket, _, _) in &wanted {
                if let Some((tokens, _)) = buckets.get_mut(&(account.to_string(), bucket.clone())) {
                    *tokens -= 1.0;
                }
            }
        }
        self.log(endpoint);
        Ok(())
    }

    fn log(&self, endpoint: &str) {
        let window = self.started.elapsed().as_secs();
        let mut admitted = self.admitted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let windows = admitted.entry(endpoint.to_string()).or_default();
        match windows.back_mut() {
            Some((last, count)) if *last == window => *count += 1,
            _ => windows.push_back((window, 1)),
        }
        if windows.len() > LOG_WINDOWS {
            windows.pop_front();
        }
    }

    /// The requests admitted to `endpoint`, per one-second window since the sandbox started:
    /// `(window, admitted)` for each window that admitted any, oldest first.
    pub(crate) fn admitted(&self, endpoint: &str) -> Vec<(u64, u64)> {
        let admitted = self.admitted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        admitted.get(endpoint).map(|windows| windows.iter().copied().collect()).unwrap_or_default()
    }

    /// Forgets the admission log.
    pub(crate) fn reset_log(&self) {
        self.admitted.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::{FaultInjector, Faults, Limited, RateLimiter, RateLimits};

    #[test]
    fn same_seed_same_faults() {
        let faults = Faults { server_error: 0.3, rate_limit: 0.1, seed: 7, ..Faults::default() };
        let draws = |injector: &FaultInjector| {
            (0..200).map(|_| injector.before_execution().map(|error| error.status.as_u16())).collect::<Vec<_>>()
        };
        let first = draws(&FaultInjector::new(faults));
        assert_eq!(first, draws(&FaultInjector::new(faults)));
        let failed = first.iter().filter(|status| status.is_some()).count();
        assert!((50..110).contains(&failed), "{failed} of 200 failed");
    }

    #[test]
    fn buckets_admit_a_burst_then_refuse_with_a_reason() {
        let limiter = RateLimiter::new(Some(RateLimits::TEST));
        let results: Vec<_> = (0..40).map(|_| limiter.admit("acct_1", "POST /v1/prices")).collect();
        assert_eq!(results.iter().filter(|result| result.is_ok()).count(), 25);
        assert_eq!(results[30], Err(Limited::Global));
        assert!(limiter.admit("acct_2", "POST /v1/prices").is_ok());
        assert_eq!(limiter.admitted("POST /v1/prices").iter().map(|(_, count)| count).sum::<u64>(), 26);

        // Live mode: the global bucket holds 100, each endpoint 25.
        let live = RateLimiter::new(Some(RateLimits::LIVE));
        assert_eq!((0..30).filter(|_| live.admit("acct_1", "GET /v1/prices").is_ok()).count(), 25);
        assert_eq!(live.admit("acct_1", "GET /v1/prices"), Err(Limited::Endpoint));
        assert!(live.admit("acct_1", "GET /v1/products").is_ok());
        let searches: Vec<_> = (0..25).map(|_| live.admit("acct_1", "GET /v1/products/search")).collect();
        assert_eq!(searches.iter().filter(|result| result.is_ok()).count(), 20);
        assert_eq!(searches[24], Err(Limited::Endpoint));

        let unlimited = RateLimiter::new(None);
        assert!((0..100).all(|_| unlimited.admit("acct_1", "GET /v1/prices").is_ok()));
        assert_eq!(unlimited.admitted("GET /v1/prices").iter().map(|(_, count)| count).sum::<u64>(), 100);
    }
}
