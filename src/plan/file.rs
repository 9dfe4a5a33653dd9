//! Saved plans (`plan --out FILE`, `apply FILE`): the JSON plan document on disk, and the
//! check that it still describes what `apply` would do now.
//!
//! A saved plan holds the account, mode, API base, catalog hash and the actions, never the API
//! key. It is applied only if a fresh plan against Stripe, computed at apply time, is the same:
//! same account, mode and catalog, and the very same actions (an object changed in Stripe since
//! changes the recomputed actions' old values, so it is caught too).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::{FORMAT_VERSION, Plan, render};
use crate::error::Hints;
use crate::files;

/// Saved plans larger than this are refused unread. A plan holds every action with its old
/// and new values, pretty-printed: a few times the size of its catalog, and catalogs are capped
/// at 10 MiB ([`crate::catalog::MAX_CATALOG_BYTES`]), so 64 MiB leaves room for the largest plan
/// while `apply /dev/zero` (or a wrong path to a disk image) stops at once.
pub const MAX_PLAN_BYTES: u64 = 64 * 1024 * 1024;

/// A plan read back from a file, with its actions exactly as written (so the comparison with a
/// fresh plan is byte-for-byte in JSON terms, whatever serde round trips lose).
#[derive(Debug)]
pub struct SavedPlan {
    pub plan: Plan,
    actions: serde_json::Value,
}

/// Writes the plan document to `path`, replacing any file there atomically.
///
/// # Errors
/// When the file cannot be written.
pub fn save(plan: &Plan, path: &Path) -> Result<()> {
    let text = serde_json::to_string_pretty(&render::document(plan)).context("could not encode the plan")?;
    let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(directory)
        .with_context(|| format!("could not create a file next to {}", path.display()))?;
    file.write_all(text.as_bytes()).and_then(|()| file.write_all(b"\n")).context("could not write the plan")?;
    file.persist(path).with_context(|| format!("could not write the plan to {}", path.display()))?;
    Ok(())
}

/// Reads a plan written by [`save`].
///
/// # Errors
/// When the file is missing, is not a plan, or was written by an incompatible version.
pub fn load(path: &Path) -> Result<SavedPlan> {
    let bytes = files::read_named(
        path,
        MAX_PLAN_BYTES,
        "the plan file",
        "pass the file `stripe-catalog plan --out FILE` wrote",
    )?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).with_context(|| format!("{} is not a plan file (not JSON)", path.display()))?;
    #[derive(Deserialize)]
    struct Version {
        format_version: Option<u32>,
    }
    let version = Version::deserialize(&value).ok().and_then(|version| version.format_version);
    if version != Some(FORMAT_VERSION) {
        return Err(anyhow::Error::new(crate::error::Hinted::new(
            format!(
                "{} is not a plan file this version can apply (format_version {}, expected {FORMAT_VERSION})",
                path.display(),
                version.map_or_else(|| "missing".to_string(), |version| version.to_string())
            ),
            "run `stripe-catalog plan --out FILE` with this version and apply that file",
        )));
    }
    let plan: Plan =
        Plan::deserialize(&value).with_context(|| format!("{} is not a valid plan file", path.display()))?;
    let actions = value.get("actions").cloned().unwrap_or(serde_json::Value::Null);
    Ok(SavedPlan { plan, actions })
}

/// Why a saved plan can no longer be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Stale {
    #[error("saved plan is stale: it was made for account {saved}, the key is for {current}")]
    Account { saved: String, current: String },
    #[error("saved plan is stale: it was made in {saved} mode, the key is a {current} key")]
    Mode { saved: &'static str, current: &'static str },
    #[error("saved plan is stale: it was made against {saved}, this run uses {current}")]
    ApiBase { saved: String, current: String },
    #[error("saved plan is stale: the catalog file changed since the plan was made")]
    Catalog,
    #[error("saved plan is stale: Stripe or the catalog changed since the plan was made ({detail})")]
    Actions { detail: String },
}

impl SavedPlan {
    /// Checks that `current`, computed now, is the plan that was saved.
    ///
    /// # Errors
    /// [`Stale`] naming the first difference.
    pub fn check_fresh(&self, current: &Plan) -> Result<(), Stale> {
        let (saved, now) = (&self.plan.header, &current.header);
        if saved.account.id != now.account.id {
            return Err(Stale::Account { saved: saved.account.id.clone(), current: now.account.id.clone() });
        }
        if saved.mode != now.mode {
            return Err(Stale::Mode { saved: saved.mode.label(), current: now.mode.label() });
        }
        if saved.api_base != now.api_base {
            let show = |base: &Option<String>| base.clone().unwrap_or_else(|| "api.stripe.com".to_string());
            return Err(Stale::ApiBase { saved: show(&saved.api_base), current: show(&now.api_base) });
        }
        if saved.catalog_sha256 != now.catalog_sha256 {
            return Err(Stale::Catalog);
        }
        // A migration's subscription count is read for people, and subscribers come and go
        // between plan and apply: it is no part of what the plan writes.
        let fresh = without_counts(serde_json::to_value(&current.actions).unwrap_or(serde_json::Value::Null));
        if fresh == without_counts(self.actions.clone()) {
            return Ok(());
        }
        let ids = |value: &serde_json::Value| -> Vec<String> {
            value
                .as_array()
                .map(|actions| {
                    actions.iter().filter_map(|action| action.get("id")?.as_str().map(str::to_string)).collect()
                })
                .unwrap_or_default()
        };
        let (saved_ids, fresh_ids) = (ids(&self.actions), ids(&fresh));
        let detail = if let Some(id) = saved_ids.iter().find(|id| !fresh_ids.contains(id)) {
            format!("`{id}` is no longer needed")
        } else if let Some(id) = fresh_ids.iter().find(|id| !saved_ids.contains(id)) {
            format!("`{id}` is now needed")
        } else {
            saved_ids
                .iter()
                .zip(self.actions.as_array().into_iter().flatten().zip(fresh.as_array().into_iter().flatten()))
                .find(|(_, (saved, fresh))| saved != fresh)
                .map_or_else(
                    || "the actions differ".to_string(),
                    |(id, _)| format!("`{id}` would now write something else"),
                )
        };
        Err(Stale::Actions { detail })
    }
}

impl Hints for Stale {
    fn hints(&self) -> Vec<String> {
        vec!["run `stripe-catalog plan --out FILE` again, review it, and apply the new file".to_string()]
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::objects::Mode;
    use crate::plan::fixtures::{applied, catalog, header, monthly, product};
    use crate::plan::{DiffOptions, diff};

    fn plan_for(amount: i64) -> Plan {
        let before = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 2900)])]);
        let after = catalog(vec![product("pro", None, vec![monthly("pro_monthly", amount)])]);
        let mut plan = diff(&after, &applied(&before), &DiffOptions { adopt: false, header: header() }).unwrap();
        // Some(None) patches must survive the JSON round trip for the comparison to hold.
        plan.actions.push(crate::plan::Action {
            id: "product/pro/update".to_string(),
            depends_on: Vec::new(),
            changes: Vec::new(),
            change: crate::plan::Change::UpdateProduct {
                product: "pro".to_string(),
                patch: crate::objects::ProductPatch { description: Some(None), ..Default::default() },
                fingerprint: "f".to_string(),
            },
        });
        plan
    }

    fn saved(plan: &Plan) -> (tempfile::TempDir, SavedPlan) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        save(plan, &path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("sk_"), "a plan file never holds a key");
        (dir, load(&path).unwrap())
    }

    #[test]
    fn a_saved_plan_round_trips_and_is_fresh_against_the_same_plan() {
        let plan = plan_for(3500);
        let (_dir, saved) = saved(&plan);
        assert_eq!(saved.plan.header, plan.header);
        assert_eq!(saved.check_fresh(&plan), Ok(()));
    }

    #[test]
    fn any_difference_makes_it_stale() {
        let plan = plan_for(3500);
        let (_dir, saved) = saved(&plan);
        let mut other = plan.clone();
        other.header.account.id = "acct_other".to_string();
        assert!(matches!(saved.check_fresh(&other), Err(Stale::Account { .. })));
        let mut other = plan.clone();
        other.header.mode = Mode::Live;
        assert!(matches!(saved.check_fresh(&other), Err(Stale::Mode { .. })));
        let mut other = plan.clone();
        other.header.catalog_sha256 = "1".repeat(64);
        assert_eq!(saved.check_fresh(&other), Err(Stale::Catalog));
        let changed = plan_for(3600);
        let err = saved.check_fresh(&changed).unwrap_err();
        assert_eq!(
            err.to_string(),
            "saved plan is stale: Stripe or the catalog changed since the plan was made (`price/pro_monthly/create` would now write something else)"
        );
        let mut fewer = plan.clone();
        fewer.actions.pop();
        assert!(
            saved.check_fresh(&fewer).unwrap_err().to_string().contains("`product/pro/update` is no longer needed")
        );
    }

    #[test]
    fn files_from_another_format_version_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        fs::write(&path, r#"{"format_version": 99}"#).unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.to_string().contains("format_version 99, expected 1"), "{err}");
        fs::write(&path, "not json").unwrap();
        assert!(load(&path).unwrap_err().to_string().contains("not a plan file"));
    }
}

/// Actions as JSON without the `subscriptions` count of migrations.
fn without_counts(mut actions: serde_json::Value) -> serde_json::Value {
    for action in actions.as_array_mut().into_iter().flatten() {
        if action.get("kind").and_then(serde_json::Value::as_str) == Some("migrate_subscriptions")
            && let Some(object) = action.as_object_mut()
        {
            object.remove("subscriptions");
        }
    }
    actions
}
