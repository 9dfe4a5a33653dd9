//! Injected faults and Stripe's test-mode rate limiter (stripe-api.md §5, §7): a seeded random
//! draw per request decides whether it is answered 429 `rate_limit`, 429 `lock_timeout` or 500
//! (before anything is executed), and a second draw per successful POST whether the connection
//! is dropped after the write was committed.

use std::collections::HashMap;
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
            Some(ApiError::rate_limited())
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

/// A token bucket per account: `rate` requests per second, bursts up to `rate`.
pub(crate) struct RateLimiter {
    rate: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    pub(crate) fn new(rate: u32) -> RateLimiter {
        RateLimiter { rate: f64::from(rate.max(1)), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes a token for `account`, or says the request is over the limit.
    pub(crate) fn admit(&self, account: &str) -> bool {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (tokens, last) = buckets.entry(account.to_string()).or_insert((self.rate, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * self.rate).min(self.rate);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FaultInjector, Faults, RateLimiter};

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
    fn bucket_admits_a_burst_then_refuses() {
        let limiter = RateLimiter::new(25);
        assert_eq!((0..40).filter(|_| limiter.admit("acct_1")).count(), 25);
        assert!(limiter.admit("acct_2"));
    }
}
