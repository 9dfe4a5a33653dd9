//! Running a [`Change::MigrateSubscriptions`](crate::plan::Change::MigrateSubscriptions): one
//! action, many writes. The items on the old price are listed when the action runs (so a
//! rerun after a crash finds only those left), then each is moved with its own deterministic
//! idempotency key ([`migration_idempotency_key`]), through the gateway's rate limiter, up to
//! `parallelism` at a time. Every move is reported to the run as it happens ([`Event`]), which
//! writes one audit record per item and drives the progress display; a stop (a failure
//! elsewhere, Ctrl-C, an audit log that fails) ends the migration between two moves.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use super::replay::fresh_key;
use crate::gateway::{Gateway, GatewayError, GatewayErrorKind, MIGRATABLE_STATUSES, SubscribedItem};
use crate::plan::{PlanHeader, migration_idempotency_key};

/// What a migration tells the run while it works.
#[derive(Debug)]
pub(super) enum Event {
    /// The items to move are known: `total` will be moved; `skipped` are on the old price in a
    /// status Stripe lets no price change (`incomplete`), as `(subscription, status)`.
    Listed { action: usize, total: u64, skipped: Vec<(String, String)> },
    /// One item moved.
    Moved { action: usize, moved: Moved },
}

/// One item's move, as the audit log records it.
#[derive(Debug)]
pub(super) struct Moved {
    pub subscription: String,
    pub item: String,
    pub from: String,
    pub to: String,
    pub request_id: Option<String>,
    pub idempotency_key: String,
    /// Stripe answered with the key's first response, and the item is on `to` now: an
    /// earlier run made this move.
    pub replayed: bool,
}

/// What every migration of a run shares.
pub(super) struct Migrations {
    pub header: PlanHeader,
    pub run_id: String,
    pub parallelism: usize,
    pub events: UnboundedSender<Event>,
    /// Set when the run stops: no new move starts.
    pub stop: Arc<AtomicBool>,
}

/// Moves every item on `from` (in a migratable status) to `to`; the number moved.
///
/// # Errors
/// The first failed list or move (the others in flight finish); or, when the run stopped
/// before all were moved, how far it got.
pub(super) async fn run(
    gateway: &Gateway,
    shared: &Migrations,
    action: usize,
    from: &str,
    to: &str,
) -> Result<u64, GatewayError> {
    let (items, _) = gateway.subscribed_items(from).await?;
    let (movable, skipped): (Vec<SubscribedItem>, Vec<SubscribedItem>) = items
        .into_iter()
        .filter(|item| item.status != "canceled" && item.status != "incomplete_expired")
        .partition(|item| MIGRATABLE_STATUSES.contains(&item.status.as_str()));
    let total = movable.len() as u64;
    let skipped = skipped.into_iter().map(|item| (item.subscription, item.status)).collect();
    // A closed receiver means the run is over; the moves still happen and are returned.
    let _ = shared.events.send(Event::Listed { action, total, skipped });
    let moves = futures_util::stream::iter(movable)
        .map(|item| async move {
            if shared.stop.load(Ordering::SeqCst) {
                return Ok(false);
            }
            let moved = move_one(gateway, shared, &item, from, to).await.inspect_err(|_| {
                shared.stop.store(true, Ordering::SeqCst);
            })?;
            let _ = shared.events.send(Event::Moved { action, moved });
            Ok::<bool, GatewayError>(true)
        })
        .buffer_unordered(shared.parallelism.max(1));
    let results: Vec<Result<bool, GatewayError>> = moves.collect().await;
    let mut done = 0;
    let mut first_error = None;
    for result in results {
        match result {
            Ok(true) => done += 1,
            Ok(false) => {}
            Err(err) => {
                first_error.get_or_insert(err);
            }
        }
    }
    if let Some(err) = first_error {
        return Err(err);
    }
    if done < total {
        return Err(GatewayError::new(
            format!("move the subscriptions on price `{from}` to `{to}`"),
            GatewayErrorKind::Unexpected(format!(
                "the run stopped after moving {done} of {total} subscription items; a rerun moves the rest"
            )),
        ));
    }
    Ok(done)
}

/// Moves one item. A replayed answer is believed only when the item is on `to` now;
/// otherwise (it was moved back since) the move is made again under a fresh key.
async fn move_one(
    gateway: &Gateway,
    shared: &Migrations,
    item: &SubscribedItem,
    from: &str,
    to: &str,
) -> Result<Moved, GatewayError> {
    let key = migration_idempotency_key(&shared.header, &item.item, from, to);
    let mut answer = gateway.move_subscription_item(&item.item, to, &key).await?;
    let mut used = key.clone();
    if answer.replayed {
        let now = gateway.subscription_item_price(&item.subscription, &item.item).await?;
        if now.as_deref() != Some(to) {
            used = fresh_key(&key, &shared.run_id);
            answer = gateway.move_subscription_item(&item.item, to, &used).await?;
        }
    }
    Ok(Moved {
        subscription: item.subscription.clone(),
        item: answer.item,
        from: from.to_string(),
        to: answer.price,
        request_id: answer.request_id,
        idempotency_key: used,
        replayed: answer.replayed,
    })
}
