//! `Idempotency-Key` on POSTs (stripe-api.md §6): the first executed response is stored per
//! account and replayed with `Idempotent-Replayed: true`; reuse with other parameters or another
//! endpoint is a 400 `idempotency_error`; a second request while the first still runs is a 409
//! `idempotency_key_in_use`. Requests that fail validation are never stored.
//!
//! A key is in flight from the moment its request is admitted until that request is answered
//! or abandoned: the mark is a [`Claim`] that releases it when dropped, so a request whose
//! client went away (hyper then drops the handler's future, e.g. during injected latency)
//! frees its key instead of answering every retry with 409 until restart. Stripe does the
//! same: it saves a result "only after the execution of an endpoint begins", and a request that
//! never got that far leaves nothing behind, so its retry runs anew (stripe-api.md §6).

use std::collections::HashSet;
use std::sync::Mutex;

use axum::http::StatusCode;
use serde_json::Value;

use super::errors::ApiError;
use super::store::{AccountData, IdempotentRecord};

/// Stripe prunes keys once they are at least 24 hours old; a reused key then runs anew.
const KEY_LIFETIME_SECONDS: i64 = 24 * 60 * 60;

/// Keys longer than this are refused, as Stripe does.
const MAX_KEY_LENGTH: usize = 255;

/// What to do with a keyed request.
pub(crate) enum Decision<'a> {
    /// Execute it; the key is marked as in flight until the claim is dropped.
    Execute(Claim<'a>),
    /// Answer with the stored response.
    Replay(Box<IdempotentRecord>),
}

/// A POST carrying an `Idempotency-Key`.
pub(crate) struct KeyedRequest<'a> {
    pub(crate) account: &'a str,
    pub(crate) key: &'a str,
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) params: &'a Value,
}

/// Keys whose first request is still executing, per account.
#[derive(Default)]
pub(crate) struct InFlight {
    keys: Mutex<HashSet<(String, String)>>,
}

impl InFlight {
    /// Decides a keyed request against the stored records and the keys in flight.
    pub(crate) fn begin(
        &self,
        data: &mut AccountData,
        now: i64,
        request: &KeyedRequest<'_>,
    ) -> Result<Decision<'_>, ApiError> {
        let KeyedRequest { account, key, method, path, params } = *request;
        if key.len() > MAX_KEY_LENGTH {
            return Err(ApiError::invalid(format!(
                "Invalid Idempotency-Key: must be at most {MAX_KEY_LENGTH} characters"
            )));
        }
        data.idempotency.retain(|_, record| now.saturating_sub(record.created) < KEY_LIFETIME_SECONDS);
        if let Some(record) = data.idempotency.get(key) {
            // Stripe names both paths, the first use's first ('/v1/subscriptions' vs
            // '/v1/subscriptions/sub_…' in answers quoted in public code).
            if record.method != method || record.path != path {
                return Err(ApiError {
                    kind: "idempotency_error",
                    ..ApiError::invalid(format!(
                        "Keys for idempotent requests can only be used for the same endpoint they were first used for \
                         ('{}' vs '{path}'). Try using a key other than '{key}' if you meant to execute a different \
                         request.",
                        record.path
                    ))
                });
            }
            if &record.params != params {
                return Err(ApiError {
                    kind: "idempotency_error",
                    ..ApiError::invalid(format!(
                        "Keys for idempotent requests can only be used with the same parameters they were first used \
                         with. Try using a key other than '{key}' if you meant to execute a different request."
                    ))
                });
            }
            return Ok(Decision::Replay(Box::new(record.clone())));
        }
        let mut keys = self.keys.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = (account.to_string(), key.to_string());
        if !keys.insert(entry.clone()) {
            return Err(ApiError::invalid(
                "There is currently another in-progress request using this Idempotent Key (that probably means you \
                 submitted twice, and the other request is still going through): "
                    .to_string()
                    + key
                    + ". Please try again later.",
            )
            .code("idempotency_key_in_use")
            .status(StatusCode::CONFLICT));
        }
        Ok(Decision::Execute(Claim { in_flight: self, entry }))
    }
}

/// A key marked as in flight; dropping it (the request finished, failed, or was abandoned by
/// its client) releases the key. A finished request has stored its record by then, so a retry
/// replays it; an abandoned one never executed, so a retry runs it.
pub(crate) struct Claim<'a> {
    in_flight: &'a InFlight,
    entry: (String, String),
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        let mut keys = self.in_flight.keys.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.remove(&self.entry);
    }
}
