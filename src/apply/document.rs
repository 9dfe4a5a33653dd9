//! What an apply did, as the JSON document `apply --format json` prints: the plan's header and
//! summary, then every action with its status, the Stripe object and any error.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Failed, Outcome, kind};
use crate::objects::{Account, Mode};
use crate::plan::{FORMAT_VERSION, Plan, Summary};

/// The document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub format_version: u32,
    pub account: &'a Account,
    pub mode: Mode,
    pub api_base: Option<&'a str>,
    pub summary: Summary,
    pub changes_present: bool,
    /// `applied`, `no_changes`, `failed` (a write failed) or `interrupted` (Ctrl-C).
    pub result: &'static str,
    pub counts: Counts,
    pub actions: Vec<ActionResult<'a>>,
}

/// How many actions ended each way.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub done: usize,
    pub failed: usize,
    pub skipped: usize,
}

/// One action and what became of it.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct ActionResult<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    /// `done`, `failed`, or `skipped` (never started: an earlier write failed, or Ctrl-C).
    pub status: &'static str,
    /// The Stripe object written (for a create, the new one); for an action not done, the
    /// existing object it was to write, if any.
    pub object_id: Option<&'a str>,
    /// Stripe answered with an earlier request's response (same idempotency key), verified
    /// against Stripe as it is: this run wrote nothing.
    pub replayed: bool,
    /// A replayed answer no longer held, for this reason; the write was made anew.
    pub stale_replay: Option<&'a str>,
    pub error: Option<ErrorDetail<'a>>,
}

/// Why an action failed.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct ErrorDetail<'a> {
    pub message: &'a str,
    /// Stripe's error code, when Stripe gave one.
    pub code: Option<&'a str>,
    /// Stripe's request id, when Stripe answered.
    pub request_id: Option<&'a str>,
}

/// The document for `plan` run to `outcome` (an empty plan has an empty outcome).
#[must_use]
pub fn document<'a>(plan: &'a Plan, outcome: &'a Outcome) -> Document<'a> {
    let done: BTreeMap<&str, &str> = outcome.done.iter().map(|(id, object)| (id.as_str(), object.as_str())).collect();
    let failed: BTreeMap<&str, &Failed> =
        outcome.failed.iter().map(|failed| (failed.action.as_str(), failed)).collect();
    let stale: BTreeMap<&str, &str> =
        outcome.stale_replays.iter().map(|(id, reason)| (id.as_str(), reason.as_str())).collect();
    let mut counts = Counts::default();
    let actions = plan
        .actions
        .iter()
        .map(|action| {
            let id = action.id.as_str();
            let (status, object_id, error) = if let Some(object) = done.get(id) {
                counts.done += 1;
                ("done", Some(*object), None)
            } else if let Some(failed) = failed.get(id) {
                counts.failed += 1;
                let error = ErrorDetail {
                    message: &failed.message,
                    code: failed.code.as_deref(),
                    request_id: failed.request_id.as_deref(),
                };
                ("failed", action.change.object_id(), Some(error))
            } else {
                counts.skipped += 1;
                ("skipped", action.change.object_id(), None)
            };
            ActionResult {
                id,
                kind: kind(&action.change),
                status,
                object_id,
                replayed: outcome.replayed.iter().any(|replayed| replayed == id),
                stale_replay: stale.get(id).copied(),
                error,
            }
        })
        .collect();
    let result = if plan.is_empty() {
        "no_changes"
    } else if !outcome.failed.is_empty() {
        "failed"
    } else if outcome.interrupted {
        "interrupted"
    } else {
        "applied"
    };
    Document {
        format_version: FORMAT_VERSION,
        account: &plan.header.account,
        mode: plan.header.mode,
        api_base: plan.header.api_base.as_deref(),
        summary: plan.summary(),
        changes_present: !plan.is_empty(),
        result,
        counts,
        actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixtures::{catalog, header, monthly, product};
    use crate::plan::{DiffOptions, diff};

    fn plan() -> Plan {
        let wanted = catalog(vec![product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900)])]);
        diff(&wanted, &crate::objects::RemoteState::default(), &DiffOptions { adopt: false, header: header() }).unwrap()
    }

    #[test]
    fn every_action_has_its_status_object_and_error() {
        let plan = plan();
        let ids: Vec<&str> = plan.actions.iter().map(|action| action.id.as_str()).collect();
        assert_eq!(ids, ["product/pro/create", "price/pro_monthly/create", "product/pro/default_price"]);
        let outcome = Outcome {
            done: vec![("product/pro/create".to_string(), "pro".to_string())],
            failed: vec![Failed {
                action: "price/pro_monthly/create".to_string(),
                message: "Stripe refused: lookup key taken".to_string(),
                code: Some("lookup_key_taken".to_string()),
                request_id: Some("req_1".to_string()),
            }],
            not_started: vec!["product/pro/default_price".to_string()],
            replayed: vec!["product/pro/create".to_string()],
            ..Outcome::default()
        };
        let value = serde_json::to_value(document(&plan, &outcome)).unwrap();
        assert_eq!(value["result"], "failed");
        assert_eq!(value["counts"], serde_json::json!({"done": 1, "failed": 1, "skipped": 1}));
        assert_eq!(value["summary"]["create"], 2);
        assert_eq!(
            value["actions"],
            serde_json::json!([
                {"id": "product/pro/create", "kind": "create_product", "status": "done", "object_id": "pro",
                 "replayed": true, "stale_replay": null, "error": null},
                {"id": "price/pro_monthly/create", "kind": "create_price", "status": "failed", "object_id": null,
                 "replayed": false, "stale_replay": null,
                 "error": {"message": "Stripe refused: lookup key taken", "code": "lookup_key_taken", "request_id": "req_1"}},
                {"id": "product/pro/default_price", "kind": "set_default_price", "status": "skipped", "object_id": "pro",
                 "replayed": false, "stale_replay": null, "error": null},
            ])
        );
    }

    #[test]
    fn an_interrupted_run_and_an_empty_plan_say_so() {
        let plan = plan();
        let interrupted = Outcome {
            not_started: plan.actions.iter().map(|action| action.id.clone()).collect(),
            interrupted: true,
            ..Outcome::default()
        };
        let value = serde_json::to_value(document(&plan, &interrupted)).unwrap();
        assert_eq!(value["result"], "interrupted");
        assert_eq!(value["counts"]["skipped"], 3);
        let empty = Plan { actions: Vec::new(), ..plan };
        let value = serde_json::to_value(document(&empty, &Outcome::default())).unwrap();
        assert_eq!(value["result"], "no_changes");
        assert_eq!(value["changes_present"], false);
        assert_eq!(value["actions"], serde_json::json!([]));
    }
}
