//! The sandbox's own clock (`POST /v1/test_helpers/sandbox/advance`): sandbox only, Stripe has
//! no such endpoint.

use serde::Deserialize;

use super::wire::{Pairs, WirePage, push};
use super::{Gateway, GatewayError};

/// The sandbox clock after an advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct SandboxClock {
    /// The sandbox's time now, in Unix seconds.
    pub frozen_time: i64,
    /// How far the sandbox has been advanced past the real time, in seconds.
    pub offset_seconds: i64,
}

impl Gateway {
    /// Moves the sandbox clock forward by `seconds`, which bills everything that falls due on
    /// the way (renewals, retries).
    ///
    /// # Errors
    /// When the step is further than the sandbox allows at once (two intervals of the shortest
    /// subscription, or two years), or the server is not the sandbox.
    pub async fn sandbox_advance(&self, seconds: i64, idempotency_key: &str) -> Result<SandboxClock, GatewayError> {
        let mut form = Pairs::new();
        push(&mut form, "seconds", seconds);
        self.post_json("advance the sandbox clock", "/test_helpers/sandbox/advance", &form, idempotency_key).await
    }
}

/// An invoice as `sandbox advance` reports it: what a renewal billed and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BilledInvoice {
    pub id: String,
    /// `draft`, `open`, `paid`, `void` or `uncollectible`.
    pub status: String,
    /// `subscription_cycle`, `subscription_create`, `subscription_update`, …
    #[serde(default)]
    pub billing_reason: Option<String>,
    pub amount_due: i64,
    pub currency: String,
    #[serde(default)]
    pub customer: Option<String>,
    pub created: i64,
    /// Payment attempts so far (more than one after a retry).
    #[serde(default)]
    pub attempt_count: u32,
}

impl Gateway {
    /// The invoices created at or after `since` (Unix seconds), newest first: read page by
    /// page, newest first, until a page reaches older ones.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn invoices_created_since(&self, since: i64) -> Result<Vec<BilledInvoice>, GatewayError> {
        let mut invoices = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut query = Pairs::new();
            push(&mut query, "limit", 100);
            if let Some(after) = &after {
                push(&mut query, "starting_after", after);
            }
            let page: WirePage<BilledInvoice> = self.get_json("list invoices", "/invoices", &query).await?;
            let reached_older = page.data.iter().any(|invoice| invoice.created < since);
            after = page.data.last().map(|invoice| invoice.id.clone());
            invoices.extend(page.data.into_iter().filter(|invoice| invoice.created >= since));
            if reached_older || !page.has_more || after.is_none() {
                return Ok(invoices);
            }
        }
    }
}
