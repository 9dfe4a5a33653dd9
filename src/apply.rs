//! Executes a [`Plan`] against Stripe: each action once its dependencies are done, up to
//! `parallelism` at a time (independent products run side by side; within a product the
//! dependencies keep product → prices → default move → archive in order).
//!
//! On the first failure nothing new is scheduled; actions already in flight finish, and the
//! caller gets an [`Outcome`] saying what was done, what failed and what never started.
//! Every write carries a deterministic idempotency key ([`crate::plan::idempotency_key`]) and
//! is appended to the audit log, so a rerun converges and "what did the release job change?"
//! has an answer. The audit log is not optional: it is opened and written (a run-start record)
//! before the first write, and a write that cannot be recorded stops the run like a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, OpenOptions};
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use serde::Serialize;

use anyhow::Result;

pub mod document;
mod migrate;
mod replay;

use crate::error::Hinted;
use crate::escape::shown_lines;
use crate::gateway::{Gateway, GatewayError, GatewayErrorKind, NewMeter, NewPrice, NewProduct, WriteEndpoint};
use crate::objects::{
    APPLIED_FINGERPRINT_KEY, MetadataPatch, OnReplace, PricePatch, PriceSettings, ProductFields, ProductPatch,
    REPLACES_KEY,
};
use crate::output::Printer;
use crate::plan::policy::PolicyReport;
use crate::plan::{
    Action, Change, DefaultPriceTarget, MeterTarget, Plan, PlanHeader, idempotency_key, price_fingerprint,
    product_fingerprint,
};
use crate::secret::Secret;

/// How to run.
#[derive(Clone, Debug)]
pub struct ApplyOptions {
    /// Actions in flight at most.
    pub parallelism: usize,
    /// Where the audit trail is appended (JSON lines).
    pub audit_log: PathBuf,
    /// Distinguishes this run's non-create idempotency keys from earlier runs'.
    pub run_id: String,
    /// Where created webhook endpoints' signing secrets are appended
    /// ([`crate::webhooks::secrets`]); `apply` refuses a plan that creates one without it.
    pub webhook_secrets: Option<PathBuf>,
}

/// What happened to each action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Action id → the Stripe id written.
    pub done: Vec<(String, String)>,
    pub failed: Vec<Failed>,
    pub not_started: Vec<String>,
    /// Ctrl-C stopped the run (in-flight writes were let finish).
    pub interrupted: bool,
    /// The first audit record that could not be written, and why: the run stopped there
    /// (nothing new started after it).
    pub audit_error: Option<String>,
    /// A created webhook endpoint whose signing secret could not be saved, and why: the run
    /// stopped there, as for the audit log (Stripe shows the secret only once).
    pub secret_error: Option<String>,
    /// Actions whose outcome is not in the audit log (their writes happened or failed all the
    /// same), in the order they finished.
    pub unrecorded: Vec<String>,
    /// Actions whose answer was a replay of an earlier request with the same idempotency key,
    /// verified against Stripe as it is now: nothing was written by this run.
    pub replayed: Vec<String>,
    /// Actions whose replayed answer was stale (the object changed or went since), with the
    /// reason; each was repeated under a fresh key and is in `done` with the new object.
    pub stale_replays: Vec<(String, String)>,
}

/// An action that failed, with what Stripe said about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Failed {
    /// The action id.
    pub action: String,
    /// The error, in words.
    pub message: String,
    /// Stripe's error code (`resource_missing`, …), when Stripe answered with one.
    pub code: Option<String>,
    /// Stripe's request id (`req_…`), when Stripe answered.
    pub request_id: Option<String>,
}

impl Outcome {
    /// Whether every action succeeded.
    #[must_use]
    pub fn succeeded(&self) -> bool {
        self.failed.is_empty()
            && self.not_started.is_empty()
            && !self.interrupted
            && self.audit_error.is_none()
            && self.secret_error.is_none()
    }

    /// Whether nothing new may start: a write failed, Ctrl-C came, or the audit log failed.
    fn stopping(&self) -> bool {
        !self.failed.is_empty() || self.interrupted || self.audit_error.is_some() || self.secret_error.is_some()
    }
}

/// One line of `.stripe-catalog/audit.jsonl`.
#[derive(Debug, Serialize)]
struct AuditRecord<'a> {
    time: String,
    run_id: &'a str,
    account: &'a str,
    mode: &'static str,
    action: &'a str,
    kind: &'static str,
    object_id: Option<&'a str>,
    outcome: &'static str,
    request_id: Option<&'a str>,
    idempotency_key: &'a str,
    /// Stripe answered with the key's earlier response (verified); this run wrote nothing.
    replayed: bool,
    /// A replayed answer that no longer held, and why; the write was repeated under
    /// `idempotency_key`, a fresh key.
    #[serde(skip_serializing_if = "Option::is_none")]
    stale_replay: Option<&'a str>,
    error: Option<&'a str>,
}

/// One line per subscription item a migration moved.
#[derive(Debug, Serialize)]
struct ItemAuditRecord<'a> {
    time: String,
    run_id: &'a str,
    account: &'a str,
    mode: &'static str,
    /// The migration's action id (`price/pro_monthly/migrate`).
    action: &'a str,
    /// Always `migrate_subscription_item`.
    kind: &'static str,
    /// The item (`si_…`).
    object_id: &'a str,
    subscription: &'a str,
    from_price: &'a str,
    to_price: &'a str,
    outcome: &'static str,
    request_id: Option<&'a str>,
    idempotency_key: &'a str,
    /// Stripe answered with the key's earlier response and the item is on `to_price`: an
    /// earlier run moved it.
    replayed: bool,
}

/// The first line a run appends, before any write: proof that the log takes records, and
/// the start of the run's part of the trail.
#[derive(Debug, Serialize)]
struct RunStartRecord<'a> {
    time: String,
    run_id: &'a str,
    account: &'a str,
    mode: &'static str,
    /// Always `run_start`; write records carry the write's kind here.
    kind: &'static str,
    /// Writes the plan holds.
    actions: usize,
}

/// A policy rule let through by `apply --allow`, recorded after the run-start record and
/// before any write: who allowed which rule for which actions, in which run.
#[derive(Debug, Serialize)]
struct PolicyAllowedRecord<'a> {
    time: String,
    run_id: &'a str,
    account: &'a str,
    mode: &'static str,
    /// Always `policy_allowed`.
    kind: &'static str,
    rule: &'static str,
    /// The actions whose violations it lets through (a catalog price the plan does not
    /// touch is named as `price "key"`).
    actions: &'a [String],
    /// The OS user who ran apply (`$USER`/`%USERNAME%`, else `unknown`).
    allowed_by: &'a str,
}

/// The ids an audit line names.
struct AuditIds<'a> {
    object_id: Option<&'a str>,
    request_id: Option<&'a str>,
    replayed: bool,
    stale_replay: Option<&'a str>,
}

/// A finished write: the Stripe object's id and its request id.
struct Finished {
    object_id: String,
    request_id: Option<String>,
    /// The answer was a verified replay.
    replayed: bool,
    /// A replayed answer was stale for this reason, and the write was repeated under
    /// `idempotency_key`.
    stale_replay: Option<String>,
    /// The key the successful request carried.
    idempotency_key: String,
    /// A created webhook endpoint's signing secret, to be saved and never shown.
    secret: Option<Secret>,
}

type Running = Pin<Box<dyn Future<Output = (usize, String, Result<Finished, GatewayError>)> + Send>>;

/// Runs the plan's actions in dependency order; never panics, never stops half-way through
/// an in-flight write.
///
/// # Errors
/// When the audit log cannot be opened or written before the first write: then nothing was
/// sent to Stripe. Everything that happens once writes began is in the [`Outcome`].
pub async fn execute(
    plan: &Plan,
    gateway: &Gateway,
    options: &ApplyOptions,
    printer: &Printer,
) -> Result<Outcome, Hinted> {
    let total = plan.actions.len();
    let mut audit = AuditLog::open(&options.audit_log, &plan.header, &options.run_id, total)?;
    audit.allowances(&plan.policy)?;
    let bar = printer.progress_bar(total as u64, "applying");
    let mut outcome = Outcome::default();
    let mut started: BTreeSet<usize> = BTreeSet::new();
    // The ids of objects created by this run, by the id of the action that created them: a
    // later action may need one (a default moving to a new price, a price on a new meter).
    let mut created: BTreeMap<String, String> = BTreeMap::new();
    // Dependencies are counted down as actions finish, so scheduling costs O(actions + edges)
    // rather than a rescan of the whole plan per write (plans run to thousands of actions).
    let index_of: BTreeMap<&str, usize> =
        plan.actions.iter().enumerate().map(|(index, action)| (action.id.as_str(), index)).collect();
    let mut unmet: Vec<usize> = plan.actions.iter().map(|action| action.depends_on.len()).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); total];
    for (index, action) in plan.actions.iter().enumerate() {
        for dependency in &action.depends_on {
            if let Some(&dependency) = index_of.get(dependency.as_str()) {
                dependents[dependency].push(index);
            }
        }
    }
    let mut ready = Ready::default();
    for index in (0..total).filter(|&index| unmet[index] == 0) {
        ready.insert(index, &plan.actions[index].change);
    }
    let mut running: FuturesUnordered<Running> = FuturesUnordered::new();
    let parallelism = options.parallelism.max(1);
    // Ctrl-C is handled like a failure: nothing new starts, writes in flight finish (killing
    // the process mid-write would leave the outcome of that write unknown to the user).
    let mut interrupt = std::pin::pin!(tokio::signal::ctrl_c());
    let mut pace = Pace::new(gateway);
    let mut finished = 0;
    let (events, mut migration_events) = tokio::sync::mpsc::unbounded_channel();
    let stop = Arc::new(AtomicBool::new(false));
    let migrations = Arc::new(migrate::Migrations {
        header: plan.header.clone(),
        run_id: options.run_id.clone(),
        parallelism,
        events,
        stop: Arc::clone(&stop),
    });
    let mut progress = MigrationProgress::default();
    loop {
        // Set when ready actions wait for their endpoints' rate-limit slots: the loop wakes
        // then, without a worker held waiting meanwhile.
        let mut wake: Option<std::time::Duration> = None;
        if !outcome.stopping() {
            while running.len() < parallelism {
                let index = match ready.pick(gateway) {
                    Ok(Some(index)) => index,
                    Ok(None) => break,
                    Err(wait) => {
                        wake = Some(wait);
                        break;
                    }
                };
                let action = &plan.actions[index];
                started.insert(index);
                let key = idempotency_key(&plan.header, action, &options.run_id);
                let created_id = action.change.needs_created().and_then(|action| created.get(&action)).cloned();
                let attempt = Attempt {
                    index,
                    change: action.change.clone(),
                    key,
                    run_id: options.run_id.clone(),
                    migrations: Arc::clone(&migrations),
                };
                running.push(Box::pin(write(gateway.clone(), attempt, created_id)));
            }
        }
        if running.is_empty() && wake.is_none() {
            break;
        }
        let next = tokio::select! {
            // Moves are recorded as they happen, before the migration's own outcome.
            biased;
            Some(event) = migration_events.recv() => {
                progress.event(event, plan, &mut audit, &mut outcome, &bar, printer);
                if outcome.stopping() {
                    stop.store(true, Ordering::SeqCst);
                }
                continue;
            }
            _ = &mut interrupt, if !outcome.interrupted => {
                outcome.interrupted = true;
                stop.store(true, Ordering::SeqCst);
                bar.suspend(|| printer.warn("interrupted: starting nothing new, letting the writes in flight finish"));
                continue;
            }
            () = tokio::time::sleep(wake.unwrap_or_default()), if wake.is_some() => {
                pace.held_back += 1;
                continue;
            }
            next = running.next(), if !running.is_empty() => next,
        };
        let Some((index, key, result)) = next else { break };
        // A migration's last moves may still be queued behind its own outcome.
        while let Ok(event) = migration_events.try_recv() {
            progress.event(event, plan, &mut audit, &mut outcome, &bar, printer);
        }
        let action = &plan.actions[index];
        bar.inc(1);
        finished += 1;
        if let Some(notice) = pace.notice(gateway) {
            bar.suspend(|| printer.status(&notice));
        }
        // Each finished write is recorded before anything else is decided about it.
        let (line, audit_problem) = match result {
            Ok(done) => {
                for &dependent in &dependents[index] {
                    unmet[dependent] -= 1;
                    if unmet[dependent] == 0 {
                        ready.insert(dependent, &plan.actions[dependent].change);
                    }
                }
                if action.change.creates() {
                    created.insert(action.id.clone(), done.object_id.clone());
                }
                if let (Change::CreateWebhook { key, .. }, Some(secret)) = (&action.change, &done.secret)
                    && let Some(problem) = save_secret(options.webhook_secrets.as_deref(), key, &done.object_id, secret)
                {
                    bar.suspend(|| {
                        printer.warn(&format!("{problem}: starting nothing new, letting the writes in flight finish"))
                    });
                    outcome.secret_error.get_or_insert(problem);
                }
                let ids = AuditIds {
                    object_id: Some(&done.object_id),
                    request_id: done.request_id.as_deref(),
                    replayed: done.replayed,
                    stale_replay: done.stale_replay.as_deref(),
                };
                let problem = audit.record(action, &done.idempotency_key, &ids, None, &mut outcome);
                // `[n/total]`: without a terminal (CI logs) there is no bar to say how far along.
                let line = match (&done.stale_replay, done.replayed) {
                    (Some(reason), _) => {
                        format!(
                            "  done  [{finished}/{total}] {} → {} (a replayed answer was stale: {reason}; written anew)",
                            action.id, done.object_id
                        )
                    }
                    (None, true) => {
                        format!(
                            "  done  [{finished}/{total}] {} → {} (replayed by Stripe, verified)",
                            action.id, done.object_id
                        )
                    }
                    (None, false) => format!("  done  [{finished}/{total}] {} → {}", action.id, done.object_id),
                };
                if done.replayed {
                    outcome.replayed.push(action.id.clone());
                }
                if let Some(reason) = done.stale_replay {
                    outcome.stale_replays.push((action.id.clone(), reason));
                }
                outcome.done.push((action.id.clone(), done.object_id));
                (line, problem)
            }
            Err(err) => {
                let message = err.to_string();
                let request_id = err.api_error().and_then(|api| api.request_id.as_deref());
                let ids =
                    AuditIds { object_id: action.change.object_id(), request_id, replayed: false, stale_replay: None };
                let problem = audit.record(action, &key, &ids, Some(&message), &mut outcome);
                let line = format!("  FAILED [{finished}/{total}] {}: {message}", action.id);
                outcome.failed.push(Failed {
                    action: action.id.clone(),
                    code: err.code().map(str::to_string),
                    request_id: request_id.map(str::to_string),
                    message,
                });
                (line, problem)
            }
        };
        if printer.shows_progress() {
            // The progress bar prints raw: the line carries Stripe's text, escaped here.
            bar.println(shown_lines(&line));
        } else {
            printer.status(&line);
        }
        if let Some(problem) = audit_problem {
            bar.suspend(|| {
                printer.warn(&format!("{problem}: starting nothing new, letting the writes in flight finish"))
            });
        }
        if outcome.stopping() {
            stop.store(true, Ordering::SeqCst);
        }
    }
    bar.finish_and_clear();
    outcome.not_started = plan
        .actions
        .iter()
        .enumerate()
        .filter(|(index, _)| !started.contains(index))
        .map(|(_, a)| a.id.clone())
        .collect();
    Ok(outcome)
}

/// The actions whose dependencies are done, queued per endpoint in plan order, so that a
/// busy endpoint (price creates at their 24 a second) never keeps a ready action of another endpoint
/// (a product update) from starting: Stripe limits each endpoint separately, so both can go
/// at full speed side by side (docs.stripe.com/rate-limits).
#[derive(Default)]
struct Ready {
    queues: BTreeMap<Option<WriteEndpoint>, BTreeSet<usize>>,
}

impl Ready {
    fn insert(&mut self, index: usize, change: &Change) {
        self.queues.entry(endpoint(change)).or_default().insert(index);
    }

    /// The next action to start: the first in plan order whose endpoint has a rate-limit slot
    /// now (reserved for it, so it leaves at once). `Ok(None)` when nothing is ready,
    /// `Err(wait)` when every ready action's endpoint is busy: the soonest slot comes in `wait`.
    fn pick(&mut self, gateway: &Gateway) -> Result<Option<usize>, std::time::Duration> {
        let mut heads: Vec<(usize, Option<WriteEndpoint>)> =
            self.queues.iter().filter_map(|(endpoint, queue)| Some((*queue.first()?, *endpoint))).collect();
        heads.sort_unstable();
        let mut soonest: Option<std::time::Duration> = None;
        for (index, endpoint) in heads {
            match endpoint.map_or(Ok(()), |endpoint| gateway.try_reserve(endpoint)) {
                Ok(()) => {
                    if let Some(queue) = self.queues.get_mut(&endpoint) {
                        queue.remove(&index);
                        if queue.is_empty() {
                            self.queues.remove(&endpoint);
                        }
                    }
                    return Ok(Some(index));
                }
                Err(wait) => soonest = Some(soonest.map_or(wait, |soonest| soonest.min(wait))),
            }
        }
        soonest.map_or(Ok(None), Err)
    }
}

/// The endpoint an action's first write goes to; `None` for a migration, whose many writes
/// (one per subscription item, after reads) each wait for their own slot in the transport.
fn endpoint(change: &Change) -> Option<WriteEndpoint> {
    Some(match change {
        Change::CreateProduct { .. } => WriteEndpoint::CreateProduct,
        Change::UpdateProduct { .. } | Change::SetDefaultPrice { .. } | Change::ArchiveProduct { .. } => {
            WriteEndpoint::UpdateProduct
        }
        Change::CreatePrice { .. } => WriteEndpoint::CreatePrice,
        Change::UpdatePrice { .. } | Change::ArchivePrice { .. } | Change::ReactivatePrice { .. } => {
            WriteEndpoint::UpdatePrice
        }
        Change::MigrateSubscriptions { .. } => return None,
        // An account has at most 16 webhook endpoints: their few writes wait in the transport's
        // per-endpoint buckets instead of reserving a slot here.
        Change::CreateWebhook { .. } | Change::UpdateWebhook { .. } | Change::DeleteWebhook { .. } => return None,
        Change::CreateMeter { .. } => WriteEndpoint::CreateMeter,
        Change::UpdateMeter { .. } => WriteEndpoint::UpdateMeter,
        Change::ReactivateMeter { .. } => WriteEndpoint::ReactivateMeter,
        Change::DeactivateMeter { .. } => WriteEndpoint::DeactivateMeter,
    })
}

/// Watches whether the client-side rate limit, rather than Stripe's answers, sets the pace
/// of the run, so that a slow apply says why once (and how to change it).
struct Pace {
    /// [`Gateway::throttled`] when the run started: planning's reads do not count.
    before: u64,
    /// Times the scheduler waited for a rate-limit slot with actions ready to start.
    held_back: u64,
    said: bool,
}

impl Pace {
    fn new(gateway: &Gateway) -> Pace {
        Pace { before: gateway.throttled(), held_back: 0, said: gateway.max_rps() == crate::settings::UNLIMITED_RPS }
    }

    /// The notice, the first time a second's worth of requests has been held back.
    fn notice(&mut self, gateway: &Gateway) -> Option<String> {
        let rps = gateway.max_rps();
        let held = gateway.throttled().saturating_sub(self.before) + self.held_back;
        if self.said || held < u64::from(rps) {
            return None;
        }
        self.said = true;
        Some(format!(
            "note: the client-side rate limit sets the pace: at most {rps} requests/s; `--max-rps N` changes it \
             (Stripe allows 25/s in test mode, 100/s live)"
        ))
    }
}

/// One action's write, as scheduled.
struct Attempt {
    index: usize,
    change: Change,
    /// The plan's idempotency key for it.
    key: String,
    run_id: String,
    migrations: Arc<migrate::Migrations>,
}

/// How far each migration of the run has got, for the progress display: a migration may move
/// thousands of items within one action, so the bar counts items as well as actions, and a
/// log without a terminal gets a line every [`MigrationProgress::EVERY`] items.
#[derive(Default)]
struct MigrationProgress {
    /// By action index: items moved, items to move, when the listing came.
    runs: BTreeMap<usize, (u64, u64, Option<Instant>)>,
}

impl MigrationProgress {
    const EVERY: u64 = 100;

    fn event(
        &mut self,
        event: migrate::Event,
        plan: &Plan,
        audit: &mut AuditLog,
        outcome: &mut Outcome,
        bar: &indicatif::ProgressBar,
        printer: &Printer,
    ) {
        match event {
            migrate::Event::Listed { action, total, skipped } => {
                self.runs.insert(action, (0, total, Some(Instant::now())));
                bar.inc_length(total);
                let id = &plan.actions[action].id;
                let mut line = format!("  migrating {id}: {total} subscription items to move");
                if !skipped.is_empty() {
                    let list: Vec<String> =
                        skipped.iter().map(|(subscription, status)| format!("{subscription} ({status})")).collect();
                    line.push_str(&format!(
                        "; left on the old price, as Stripe lets no price change there: {}",
                        list.join(", ")
                    ));
                }
                bar.suspend(|| printer.status(&shown_lines(&line)));
            }
            migrate::Event::Moved { action, moved } => {
                bar.inc(1);
                if let Some(problem) = audit.record_item(&plan.actions[action], &moved, outcome) {
                    bar.suspend(|| {
                        printer.warn(&format!("{problem}: starting nothing new, letting the writes in flight finish"));
                    });
                }
                let Some((done, total, started)) = self.runs.get_mut(&action) else { return };
                *done += 1;
                let elapsed = started.map_or(0.0, |started| started.elapsed().as_secs_f64());
                let rate = if elapsed > 0.0 { *done as f64 / elapsed } else { 0.0 };
                let left = total.saturating_sub(*done);
                let eta = if rate > 0.0 { format!("{:.0}s", left as f64 / rate) } else { "?".to_string() };
                let text = format!(
                    "{}: {done}/{total} subscription items moved ({rate:.1}/s, ETA {eta})",
                    plan.actions[action].id
                );
                if printer.shows_progress() {
                    bar.set_message(format!("applying; {text}"));
                } else if *done % Self::EVERY == 0 || *done == *total {
                    printer.status(&format!("  migrating {text}"));
                }
            }
        }
    }
}

/// `created_id` is the id of the object an earlier action of the run created that this write
/// needs ([`Change::needs_created`]).
async fn write(
    gateway: Gateway,
    attempt: Attempt,
    created_id: Option<String>,
) -> (usize, String, Result<Finished, GatewayError>) {
    let Attempt { index, change, key, run_id, migrations } = attempt;
    let result = match &change {
        Change::MigrateSubscriptions { from, to, .. } => {
            let to = match to {
                DefaultPriceTarget::Existing { id, .. } => id.clone(),
                DefaultPriceTarget::Created { key: price_key } => created_id.unwrap_or_else(|| price_key.clone()),
            };
            migrate::run(&gateway, &migrations, index, from, &to).await.map(|_| Finished {
                object_id: to,
                request_id: None,
                replayed: false,
                stale_replay: None,
                idempotency_key: key.clone(),
                secret: None,
            })
        }
        _ => verified(&gateway, &change, &key, &run_id, created_id).await,
    };
    (index, key, result)
}

/// Writes once; a replayed answer is checked against Stripe as it is now, and when it no
/// longer holds, the write is repeated once under a fresh key. A second stale answer (only
/// possible if something keeps undoing the write) fails the action rather than be believed.
async fn verified(
    gateway: &Gateway,
    change: &Change,
    key: &str,
    run_id: &str,
    created_id: Option<String>,
) -> Result<Finished, GatewayError> {
    let first = perform(gateway, change.clone(), key, created_id.clone()).await?;
    if !first.replayed {
        return Ok(first);
    }
    let Some(reason) = replay::stale_reason(gateway, change, &first.object_id, created_id.as_deref()).await? else {
        return Ok(first);
    };
    let fresh = replay::fresh_key(key, run_id);
    let second = perform(gateway, change.clone(), &fresh, created_id.clone()).await?;
    if second.replayed
        && let Some(again) = replay::stale_reason(gateway, change, &second.object_id, created_id.as_deref()).await?
    {
        return Err(GatewayError::new(
            format!(
                "verify the replayed answer to `{}`",
                change.object_id().or(change.product()).unwrap_or(&first.object_id)
            ),
            GatewayErrorKind::Unexpected(format!(
                "Stripe replayed a stale answer twice ({reason}; then {again}); nothing was recorded as done"
            )),
        ));
    }
    Ok(Finished { replayed: false, stale_replay: Some(reason), ..second })
}

async fn perform(
    gateway: &Gateway,
    change: Change,
    key: &str,
    created_id: Option<String>,
) -> Result<Finished, GatewayError> {
    let finished = |object_id: String, request_id: Option<String>, replayed: bool| Finished {
        object_id,
        request_id,
        replayed,
        stale_replay: None,
        idempotency_key: key.to_string(),
        secret: None,
    };
    let product_done = |written: crate::gateway::Written<crate::objects::RemoteProduct>| {
        finished(written.object.id, written.request_id, written.replayed)
    };
    let price_done = |written: crate::gateway::Written<crate::objects::RemotePrice>| {
        finished(written.object.id, written.request_id, written.replayed)
    };
    let meter_done = |written: crate::gateway::Written<crate::objects::RemoteMeter>| {
        finished(written.object.id, written.request_id, written.replayed)
    };
    match change {
        Change::CreateProduct { product, fields } => {
            let fields = with_fingerprint(fields);
            gateway.create_product(&NewProduct { id: product, fields }, key).await.map(product_done)
        }
        Change::UpdateProduct { product, mut patch, fingerprint } => {
            stamp(&mut patch.metadata, fingerprint);
            gateway.update_product(&product, &patch, None, key).await.map(product_done)
        }
        Change::SetDefaultPrice { product, price, .. } => {
            let id = match price {
                DefaultPriceTarget::Existing { id, .. } => id,
                DefaultPriceTarget::Created { key: price_key } => created_id.unwrap_or(price_key),
            };
            gateway.update_product(&product, &ProductPatch::default(), Some(&id), key).await.map(product_done)
        }
        Change::ArchiveProduct { product, fingerprint, .. } => {
            let mut patch = ProductPatch { active: Some(false), ..ProductPatch::default() };
            stamp(&mut patch.metadata, fingerprint);
            gateway.update_product(&product, &patch, None, key).await.map(product_done)
        }
        Change::CreatePrice { product, key: price_key, mut terms, settings, replaces, meter } => {
            // The catalog names the meter by key; Stripe takes its id.
            if let (Some(recurring), Some(meter)) = (terms.recurring.as_mut(), meter) {
                recurring.meter = Some(match meter {
                    MeterTarget::Existing { id, .. } => id,
                    MeterTarget::Created { key: meter_key } => created_id.unwrap_or(meter_key),
                });
            }
            let mut settings = price_with_fingerprint(settings);
            // Names the price whose subscribers move, so a plan after a crash finishes the move.
            if let Some(replaced) = replaces.as_ref().filter(|replaced| replaced.on_replace == OnReplace::Migrate) {
                settings.metadata.insert(REPLACES_KEY.to_string(), replaced.price.clone());
            }
            let new = NewPrice { product, key: price_key, terms, settings, transfer_lookup_key: replaces.is_some() };
            gateway.create_price(&new, key).await.map(price_done)
        }
        Change::UpdatePrice { price, mut patch, fingerprint, .. } => {
            stamp(&mut patch.metadata, fingerprint);
            gateway.update_price(&price, &patch, key).await.map(price_done)
        }
        Change::ReactivatePrice { price, key: price_key, mut patch, fingerprint, replaces, .. } => {
            stamp(&mut patch.metadata, fingerprint);
            if let Some(replaced) = replaces.as_ref().filter(|replaced| replaced.on_replace == OnReplace::Migrate) {
                patch.metadata.set.insert(REPLACES_KEY.to_string(), replaced.price.clone());
            }
            gateway.reactivate_price(&price, &price_key, &patch, key).await.map(price_done)
        }
        // Run by `write` itself: it reports each move as it happens.
        Change::MigrateSubscriptions { from, .. } => Err(GatewayError::new(
            format!("move the subscriptions on price `{from}`"),
            GatewayErrorKind::Unexpected("a migration is not a single write".to_string()),
        )),
        Change::ArchivePrice { price, mark_managed, fingerprint, .. } => {
            let mut patch = PricePatch { active: Some(false), mark_managed, ..PricePatch::default() };
            stamp(&mut patch.metadata, fingerprint);
            gateway.update_price(&price, &patch, key).await.map(price_done)
        }
        Change::CreateMeter { display_name, terms, .. } => {
            gateway.create_meter(&NewMeter { display_name, terms }, key).await.map(meter_done)
        }
        Change::UpdateMeter { meter, display_name, .. } => {
            gateway.rename_meter(&meter, &display_name, key).await.map(meter_done)
        }
        Change::ReactivateMeter { meter, .. } => gateway.set_meter_active(&meter, true, key).await.map(meter_done),
        Change::DeactivateMeter { meter, key: meter_key, .. } => {
            let id = meter.or(created_id).or(meter_key).unwrap_or_default();
            gateway.set_meter_active(&id, false, key).await.map(meter_done)
        }
        Change::CreateWebhook { key: webhook_key, fields } => {
            let written = gateway.create_webhook_endpoint(&webhook_key, &fields, key).await?;
            let (endpoint, secret) = written.object;
            Ok(Finished { secret, ..finished(endpoint.id, written.request_id, written.replayed) })
        }
        Change::UpdateWebhook { webhook, fields, unset_metadata, .. } => {
            let written = gateway.update_webhook_endpoint(&webhook, &fields, &unset_metadata, key).await?;
            Ok(finished(written.object.id, written.request_id, written.replayed))
        }
        Change::DeleteWebhook { webhook, .. } => {
            let written = gateway.delete_webhook_endpoint(&webhook).await?;
            Ok(finished(written.object, written.request_id, written.replayed))
        }
    }
}

/// Appends a new endpoint's signing secret to the secrets file; the problem, in words, when it
/// cannot be saved. The secret itself is never part of the message.
fn save_secret(path: Option<&Path>, key: &str, endpoint: &str, secret: &Secret) -> Option<String> {
    let lost = format!(
        "the signing secret of webhook endpoint {endpoint} (\"{key}\") could not be saved, and Stripe shows it only once: \
         roll it in the Dashboard (Developers → Webhooks → the endpoint → Roll secret), or delete the endpoint and apply again"
    );
    let Some(path) = path else {
        return Some(format!("{lost} (no `--webhook-secrets FILE` was given)"));
    };
    crate::webhooks::secrets::save(path, &crate::webhooks::secret_variable(key), secret)
        .err()
        .map(|err| format!("{lost} ({})", err.message))
}

fn with_fingerprint(mut fields: ProductFields) -> ProductFields {
    let fingerprint = product_fingerprint(&fields);
    fields.metadata.insert(APPLIED_FINGERPRINT_KEY.to_string(), fingerprint);
    fields
}

fn price_with_fingerprint(mut settings: PriceSettings) -> PriceSettings {
    let fingerprint = price_fingerprint(&settings);
    settings.metadata.insert(APPLIED_FINGERPRINT_KEY.to_string(), fingerprint);
    settings
}

/// Records the catalog values' fingerprint with the write, so the next plan can tell drift.
fn stamp(metadata: &mut MetadataPatch, fingerprint: String) {
    // A plan saved by a version before archives carried one has none: write nothing then.
    if fingerprint.is_empty() {
        return;
    }
    metadata.set.insert(APPLIED_FINGERPRINT_KEY.to_string(), fingerprint);
}

fn kind(change: &Change) -> &'static str {
    match change {
        Change::CreateProduct { .. } => "create_product",
        Change::UpdateProduct { .. } => "update_product",
        Change::SetDefaultPrice { .. } => "set_default_price",
        Change::ArchiveProduct { .. } => "archive_product",
        Change::CreatePrice { .. } => "create_price",
        Change::UpdatePrice { .. } => "update_price",
        Change::ArchivePrice { .. } => "archive_price",
        Change::ReactivatePrice { .. } => "reactivate_price",
        Change::MigrateSubscriptions { .. } => "migrate_subscriptions",
        Change::CreateMeter { .. } => "create_meter",
        Change::UpdateMeter { .. } => "update_meter",
        Change::ReactivateMeter { .. } => "reactivate_meter",
        Change::DeactivateMeter { .. } => "deactivate_meter",
        Change::CreateWebhook { .. } => "create_webhook",
        Change::UpdateWebhook { .. } => "update_webhook",
        Change::DeleteWebhook { .. } => "delete_webhook",
    }
}

/// The append-only audit file: one JSON line per record, each written whole and flushed, so
/// a record that the OS refuses (a full disk, `/dev/full`) is known at once.
struct AuditLog {
    file: fs::File,
    path: PathBuf,
    account: String,
    mode: &'static str,
    run_id: String,
}

/// Checks that the audit log can be opened for appending (its folder is created if missing),
/// so `apply` can refuse before it asks for confirmation rather than after. A log that opens
/// but cannot take a line (a full disk) is still caught before the first write.
///
/// # Errors
/// Naming the log and what is wrong with it.
pub fn check_audit_log(path: &Path) -> Result<(), Hinted> {
    open_audit_file(path).map(drop)
}

fn open_audit_file(path: &Path) -> Result<fs::File, Hinted> {
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|err| {
            unusable_audit_log(path, format!("its folder `{}` cannot be created ({err})", parent.display()))
        })?;
    }
    OpenOptions::new().create(true).append(true).open(path).map_err(|err| unusable_audit_log(path, err.to_string()))
}

fn unusable_audit_log(path: &Path, problem: String) -> Hinted {
    Hinted {
        message: format!("cannot use the audit log `{}`: {problem}", path.display()),
        hints: vec![
            "nothing was written to Stripe: apply records every write, so it starts only once the log takes records"
                .to_string(),
            "pass `--audit-log PATH` naming a file apply can append to (missing folders are created)".to_string(),
        ],
    }
}

impl AuditLog {
    /// Opens the log for appending and writes the run-start record: a log that cannot take
    /// that line (a directory, no permission, a full disk) is refused before any write, since
    /// an apply whose writes are not on record is what the log exists to prevent.
    fn open(path: &Path, header: &PlanHeader, run_id: &str, actions: usize) -> Result<AuditLog, Hinted> {
        let unusable = |problem: String| unusable_audit_log(path, problem);
        let mut file = open_audit_file(path)?;
        let mode = match header.mode {
            crate::objects::Mode::Test => "test",
            crate::objects::Mode::Live => "live",
        };
        let start = RunStartRecord {
            time: jiff::Timestamp::now().to_string(),
            run_id,
            account: &header.account.id,
            mode,
            kind: "run_start",
            actions,
        };
        append(&mut file, &start).map_err(|err| unusable(format!("the run-start record cannot be written ({err})")))?;
        Ok(AuditLog {
            file,
            path: path.to_path_buf(),
            account: header.account.id.clone(),
            mode,
            run_id: run_id.to_string(),
        })
    }

    /// Records each rule `--allow` lets through ([`PolicyReport::let_through`]); a rule allowed
    /// but not violated is not recorded.
    ///
    /// # Errors
    /// When the log cannot take a record: then nothing has been written to Stripe.
    fn allowances(&mut self, policy: &PolicyReport) -> Result<(), Hinted> {
        let allowed_by = policy.allowed_by.as_deref().unwrap_or("unknown");
        for (rule, actions) in policy.let_through() {
            let record = PolicyAllowedRecord {
                time: jiff::Timestamp::now().to_string(),
                run_id: &self.run_id,
                account: &self.account,
                mode: self.mode,
                kind: "policy_allowed",
                rule: rule.name(),
                actions: &actions,
                allowed_by,
            };
            append(&mut self.file, &record).map_err(|err| {
                unusable_audit_log(&self.path, format!("the policy_allowed record cannot be written ({err})"))
            })?;
        }
        Ok(())
    }

    /// Records a finished action. On failure the action is listed as unrecorded and the run
    /// is marked to stop ([`Outcome::audit_error`]); the first failure's message is returned,
    /// to be shown as it happens.
    fn record(
        &mut self,
        action: &Action,
        key: &str,
        ids: &AuditIds<'_>,
        error: Option<&str>,
        outcome: &mut Outcome,
    ) -> Option<String> {
        let record = AuditRecord {
            time: jiff::Timestamp::now().to_string(),
            run_id: &self.run_id,
            account: &self.account,
            mode: self.mode,
            action: &action.id,
            kind: kind(&action.change),
            object_id: ids.object_id,
            outcome: if error.is_none() { "done" } else { "failed" },
            request_id: ids.request_id,
            idempotency_key: key,
            replayed: ids.replayed,
            stale_replay: ids.stale_replay,
            error,
        };
        let err = append(&mut self.file, &record).err()?;
        outcome.unrecorded.push(action.id.clone());
        if outcome.audit_error.is_some() {
            return None;
        }
        let problem = format!("could not write to the audit log `{}`: {err}", self.path.display());
        outcome.audit_error = Some(problem.clone());
        Some(problem)
    }
}

impl AuditLog {
    /// Records one item a migration moved; on failure, like [`AuditLog::record`].
    fn record_item(&mut self, action: &Action, moved: &migrate::Moved, outcome: &mut Outcome) -> Option<String> {
        let record = ItemAuditRecord {
            time: jiff::Timestamp::now().to_string(),
            run_id: &self.run_id,
            account: &self.account,
            mode: self.mode,
            action: &action.id,
            kind: "migrate_subscription_item",
            object_id: &moved.item,
            subscription: &moved.subscription,
            from_price: &moved.from,
            to_price: &moved.to,
            outcome: "done",
            request_id: moved.request_id.as_deref(),
            idempotency_key: &moved.idempotency_key,
            replayed: moved.replayed,
        };
        let err = append(&mut self.file, &record).err()?;
        outcome.unrecorded.push(format!("{} ({})", action.id, moved.item));
        if outcome.audit_error.is_some() {
            return None;
        }
        let problem = format!("could not write to the audit log `{}`: {err}", self.path.display());
        outcome.audit_error = Some(problem.clone());
        Some(problem)
    }
}

/// One record as one line, in a single write (so concurrent runs appending to the same log
/// never interleave within a line), then flushed.
fn append(file: &mut fs::File, record: &impl Serialize) -> std::io::Result<()> {
    let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
    line.push('\n');
    file.write_all(line.as_bytes())?;
    file.flush()
}

#[cfg(test)]
mod audit_log_tests {
    use super::check_audit_log;

    /// A log apply cannot open is refused before the confirmation prompt (issue #16 item 5).
    #[test]
    fn the_audit_log_is_checked_before_the_question() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = check_audit_log(dir.path()).expect_err("a directory is no log");
        assert!(err.message.starts_with(&format!("cannot use the audit log `{}`", dir.path().display())), "{err:?}");
        let nested = dir.path().join("logs/audit.jsonl");
        check_audit_log(&nested).expect("a missing folder is created");
        assert!(nested.parent().is_some_and(std::path::Path::is_dir));
    }
}
