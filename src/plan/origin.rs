//! Where a plan was made from: the catalog file and how Stripe was reached (never the key).
//!
//! A saved plan records its origin so that `apply PLAN` needs no flag repeated: the hint
//! `plan --out` prints works as printed, whichever `-f` and target the plan was made with,
//! and a different `catalog.yaml` in the current directory is never picked up by mistake.
//! Paths are written relative to the plan file's directory (a plan saved next to the catalog
//! stays valid wherever the checkout lives) and read back relative to it. A flag given to
//! `apply PLAN` that names another catalog or target than the plan's is refused: the plan
//! was reviewed for that one.

use std::path::{Component, Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::{IN_PROCESS_SANDBOX, PlanHeader};
use crate::error::Hinted;
use crate::settings::{ConnectionOptions, STRIPE_API_BASE, default_sandbox_state};

/// The origin as a plan records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The catalog file.
    pub catalog: String,
    /// The state file of the in-process sandbox, for a plan made with `--sandbox`.
    pub sandbox_state: Option<String>,
    /// The connected account requests acted on (`Stripe-Account`), if any.
    pub stripe_account: Option<String>,
}

impl Origin {
    /// The origin of a plan made from `catalog` over `connection` (once it resolved, so its
    /// values are valid). `None` when a path cannot be written in a JSON document (not
    /// UTF-8); `apply` then takes the flags given to it.
    #[must_use]
    pub fn new(catalog: &Path, connection: &ConnectionOptions) -> Option<Origin> {
        let sandbox_state = if connection.sandbox {
            let state = connection.sandbox_state.clone().unwrap_or_else(default_sandbox_state);
            Some(state.to_str()?.to_string())
        } else {
            None
        };
        Some(Origin {
            catalog: catalog.to_str()?.to_string(),
            sandbox_state,
            stripe_account: connection.stripe_account.as_deref().map(|account| account.trim().to_string()),
        })
    }

    /// The origin with its paths relative to `plan_file`'s directory, for saving.
    #[must_use]
    pub fn relative_to_plan(&self, plan_file: &Path) -> Origin {
        let directory = anchored(directory_of(plan_file));
        let relative = |path: &str| {
            let path = anchored(Path::new(path));
            relative_path(&path, &directory).to_str().map_or_else(|| path.display().to_string(), str::to_string)
        };
        Origin {
            catalog: relative(&self.catalog),
            sandbox_state: self.sandbox_state.as_deref().map(relative),
            stripe_account: self.stripe_account.clone(),
        }
    }

    /// The catalog path, read back from a plan saved at `plan_file`.
    #[must_use]
    pub fn catalog_from(&self, plan_file: &Path) -> PathBuf {
        beside(plan_file, &self.catalog)
    }

    /// The sandbox state path, read back from a plan saved at `plan_file`.
    #[must_use]
    pub fn sandbox_state_from(&self, plan_file: &Path) -> Option<PathBuf> {
        self.sandbox_state.as_deref().map(|state| beside(plan_file, state))
    }
}

/// What `apply PLAN` runs with: the plan's catalog and target, after checking that no flag
/// given to it says otherwise.
#[derive(Debug)]
pub struct ApplyTarget {
    pub catalog: PathBuf,
    pub connection: ConnectionOptions,
}

/// The flags given to `apply PLAN` that could name another catalog or target.
#[derive(Clone, Copy, Debug)]
pub struct Given<'a> {
    /// `-f`, when given.
    pub catalog: Option<&'a Path>,
    pub connection: &'a ConnectionOptions,
}

/// The catalog and connection to apply a plan saved at `plan_file` with.
///
/// # Errors
/// When a flag given names another catalog, target or connected account than the plan's.
pub fn apply_target(plan_file: &Path, header: &PlanHeader, origin: &Origin, given: Given<'_>) -> Result<ApplyTarget> {
    let catalog = origin.catalog_from(plan_file);
    let refuse = |what: String, flag: &str| -> anyhow::Error {
        Hinted {
            message: format!("`{}` was made {what}", plan_file.display()),
            hints: vec![
                format!("leave `{flag}` out: `apply PLAN` uses the plan's own catalog and target"),
                "or make a plan for the new one with `stripe-catalog plan --out FILE` and apply that".to_string(),
            ],
        }
        .into()
    };
    if let Some(given) = given.catalog
        && !same_file(given, &catalog)
    {
        let what = format!("from `{}`, not `{}` (given with `-f`)", catalog.display(), given.display());
        return Err(refuse(what, "-f"));
    }
    let mut connection = given.connection.clone();
    let planned_base = header.api_base.as_deref();
    let in_process = planned_base == Some(IN_PROCESS_SANDBOX);
    let against = || match planned_base {
        None => "Stripe (api.stripe.com)".to_string(),
        Some(IN_PROCESS_SANDBOX) => "the in-process sandbox (`--sandbox`)".to_string(),
        Some(base) => format!("`{base}`"),
    };
    if connection.sandbox && !in_process {
        return Err(refuse(format!("against {}, not the in-process sandbox (`--sandbox`)", against()), "--sandbox"));
    }
    if let Some(base) = &connection.api_base {
        let wanted = planned_base.unwrap_or(STRIPE_API_BASE);
        if in_process || base.trim().trim_end_matches('/') != wanted {
            let what = format!("against {}, not `{base}` (given with `--api-base` or `STRIPE_API_BASE`)", against());
            return Err(refuse(what, "--api-base"));
        }
    }
    if in_process {
        let state = origin.sandbox_state_from(plan_file);
        if let (Some(given), Some(state)) = (&connection.sandbox_state, &state)
            && !same_file(given, state)
        {
            let what = format!(
                "with the sandbox state `{}`, not `{}` (given with `--sandbox-state`)",
                state.display(),
                given.display()
            );
            return Err(refuse(what, "--sandbox-state"));
        }
        connection.sandbox = true;
        connection.sandbox_state = connection.sandbox_state.or(state);
    } else if let Some(base) = planned_base {
        connection.api_base = Some(base.to_string());
    }
    let planned_account = origin.stripe_account.as_deref();
    if connection.stripe_account.as_deref().map(str::trim) != planned_account && connection.stripe_account.is_some() {
        let what = match planned_account {
            Some(account) => format!("for connected account `{account}`"),
            None => "without a connected account".to_string(),
        };
        let given_account = connection.stripe_account.as_deref().unwrap_or_default();
        let what = format!("{what}, not `{given_account}` (given with `--stripe-account` or `STRIPE_ACCOUNT`)");
        return Err(refuse(what, "--stripe-account"));
    }
    connection.stripe_account = planned_account.map(str::to_string);
    Ok(ApplyTarget { catalog, connection })
}

/// `path` made absolute against the current directory, without touching the file system
/// beyond that (the file may not exist yet). Symlinks are resolved where the path exists, so
/// two spellings of one file compare equal.
fn anchored(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = normalised(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    // A file not written yet (the sandbox's state) in a directory that exists.
    match (absolute.parent().map(Path::canonicalize), absolute.file_name()) {
        (Some(Ok(directory)), Some(name)) => directory.join(name),
        _ => absolute,
    }
}

/// Drops `.` and folds `..` into its parent, lexically.
fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let above = out.components().next_back() == Some(Component::ParentDir);
                if above || !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `directory` (both absolute), with `..` where needed; `path` itself when
/// they share no root (another drive on Windows).
fn relative_path(path: &Path, directory: &Path) -> PathBuf {
    let path_parts: Vec<Component<'_>> = path.components().collect();
    let directory_parts: Vec<Component<'_>> = directory.components().collect();
    let common = path_parts.iter().zip(&directory_parts).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut relative = PathBuf::new();
    for _ in common..directory_parts.len() {
        relative.push("..");
    }
    for part in &path_parts[common..] {
        relative.push(part);
    }
    relative
}

/// A path from a saved plan, relative to the plan file's directory, as a path from here.
fn beside(plan_file: &Path, recorded: &str) -> PathBuf {
    let recorded = Path::new(recorded);
    if recorded.is_absolute() {
        return recorded.to_path_buf();
    }
    let joined = directory_of(plan_file).join(recorded);
    // `sub/../cat.yaml` reads better as `cat.yaml`; lexical folding is exact here, since the
    // path was made relative from resolved paths.
    let folded = normalised(&joined);
    if folded.as_os_str().is_empty() { PathBuf::from(".") } else { folded }
}

/// The directory a file is in; `.` for a bare file name.
fn directory_of(file: &Path) -> &Path {
    file.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn same_file(a: &Path, b: &Path) -> bool {
    anchored(a) == anchored(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::{Account, Mode};

    fn header(api_base: Option<&str>) -> PlanHeader {
        PlanHeader {
            account: Account { id: "acct_1".to_string(), display_name: None },
            mode: Mode::Test,
            api_base: api_base.map(str::to_string),
            catalog_sha256: "0".repeat(64),
        }
    }

    fn options() -> ConnectionOptions {
        ConnectionOptions { max_retries: 4, ..ConnectionOptions::default() }
    }

    #[test]
    fn paths_are_saved_relative_to_the_plan_and_read_back_from_here() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        std::fs::create_dir_all(dir.path().join("plans")).unwrap();
        std::fs::write(dir.path().join("sub/cat.yaml"), "").unwrap();
        let origin = Origin {
            catalog: dir.path().join("sub/cat.yaml").display().to_string(),
            sandbox_state: Some(dir.path().join(".stripe-catalog/sandbox.json").display().to_string()),
            stripe_account: None,
        };
        let plan_file = dir.path().join("plans/p.json");
        let saved = origin.relative_to_plan(&plan_file);
        assert_eq!(saved.catalog, "../sub/cat.yaml");
        assert_eq!(saved.sandbox_state.as_deref(), Some("../.stripe-catalog/sandbox.json"));
        assert_eq!(saved.catalog_from(Path::new("plans/p.json")), PathBuf::from("sub/cat.yaml"));
        assert_eq!(saved.catalog_from(&plan_file), normalised(&dir.path().join("sub/cat.yaml")));
        assert_eq!(
            saved.sandbox_state_from(Path::new("p.json")),
            Some(PathBuf::from("../.stripe-catalog/sandbox.json"))
        );
        assert_eq!(normalised(Path::new("../../a/./b/../c")), PathBuf::from("../../a/c"));
    }

    #[test]
    fn the_plans_target_is_used_and_contrary_flags_are_refused() {
        let origin =
            Origin { catalog: "cat.yaml".to_string(), sandbox_state: Some("state.json".into()), ..Origin::default() };
        let sandbox = header(Some(IN_PROCESS_SANDBOX));
        let plain = options();
        let given = Given { catalog: None, connection: &plain };
        let target = apply_target(Path::new("p.json"), &sandbox, &origin, given).unwrap();
        assert_eq!(target.catalog, PathBuf::from("cat.yaml"));
        assert!(target.connection.sandbox);
        assert_eq!(target.connection.sandbox_state, Some(PathBuf::from("state.json")));

        let other = Given { catalog: Some(Path::new("other.yaml")), connection: &plain };
        let err = apply_target(Path::new("p.json"), &sandbox, &origin, other).unwrap_err().to_string();
        assert_eq!(err, "`p.json` was made from `cat.yaml`, not `other.yaml` (given with `-f`)");
        let same = Given { catalog: Some(Path::new("./cat.yaml")), connection: &plain };
        assert!(apply_target(Path::new("p.json"), &sandbox, &origin, same).is_ok());

        let api_base = ConnectionOptions { api_base: Some("http://127.0.0.1:12111".into()), ..options() };
        let given = Given { catalog: None, connection: &api_base };
        let err = apply_target(Path::new("p.json"), &sandbox, &origin, given).unwrap_err().to_string();
        assert!(err.contains("against the in-process sandbox (`--sandbox`), not `http://127.0.0.1:12111`"), "{err}");

        let remote = Origin { catalog: "cat.yaml".to_string(), ..Origin::default() };
        let with_sandbox = ConnectionOptions { sandbox: true, ..options() };
        let given = Given { catalog: None, connection: &with_sandbox };
        let err = apply_target(Path::new("p.json"), &header(None), &remote, given).unwrap_err().to_string();
        assert!(err.contains("against Stripe (api.stripe.com), not the in-process sandbox"), "{err}");

        let given = Given { catalog: None, connection: &plain };
        let mock = header(Some("http://127.0.0.1:4242"));
        let target = apply_target(Path::new("p.json"), &mock, &remote, given).unwrap();
        assert_eq!(target.connection.api_base.as_deref(), Some("http://127.0.0.1:4242"));
        let slash = ConnectionOptions { api_base: Some("http://127.0.0.1:4242/".into()), ..options() };
        let given = Given { catalog: None, connection: &slash };
        assert!(apply_target(Path::new("p.json"), &mock, &remote, given).is_ok(), "a trailing slash is the same base");
    }

    #[test]
    fn the_connected_account_comes_from_the_plan() {
        let origin = Origin { catalog: "cat.yaml".into(), stripe_account: Some("acct_9".into()), ..Origin::default() };
        let plain = options();
        let given = Given { catalog: None, connection: &plain };
        let target = apply_target(Path::new("p.json"), &header(None), &origin, given).unwrap();
        assert_eq!(target.connection.stripe_account.as_deref(), Some("acct_9"));
        let other = ConnectionOptions { stripe_account: Some("acct_8".into()), ..options() };
        let given = Given { catalog: None, connection: &other };
        let err = apply_target(Path::new("p.json"), &header(None), &origin, given).unwrap_err().to_string();
        assert!(err.contains("for connected account `acct_9`, not `acct_8`"), "{err}");
    }
}
