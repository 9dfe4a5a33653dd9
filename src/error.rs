//! Errors the user can act on: each may carry hints that say what to do next.
//!
//! Command code works with `anyhow`. An error type with an obvious remedy implements [`Hints`];
//! the reporter ([`crate::report`]) walks the cause chain once and shows every hint it finds
//! as a `hint:` line under the message. A one-off failure with a remedy is raised as [`Hinted`].

use std::fmt;

use crate::exit_status::ExitStatus;

/// What the user can do about an error, one hint per line. Every error type with hints
/// implements this, and is listed in the reporter's lookup (`report::hints_of`), which is how
/// the hints reach the user.
pub trait Hints {
    /// The hints, in the order shown; empty when the failure alone says nothing useful.
    fn hints(&self) -> Vec<String>;
}

/// An error message with one or more hints telling the user how to fix it.
#[derive(Debug)]
pub struct Hinted {
    /// What went wrong, as one sentence without a trailing period.
    pub message: String,
    /// What to do about it; each becomes a `hint:` line.
    pub hints: Vec<String>,
}

impl Hinted {
    /// An error with a single hint.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Hinted { message: message.into(), hints: vec![hint.into()] }
    }
}

impl fmt::Display for Hinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Hinted {}

impl Hints for Hinted {
    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }
}

/// Raised when the user interrupts a run, so the process exits with 130.
#[derive(Debug, thiserror::Error)]
#[error("interrupted")]
pub struct Interrupted;

/// Raised when a policy of the catalog blocks the run, so the process exits with 3.
#[derive(Debug, thiserror::Error)]
#[error("blocked by policy")]
pub struct BlockedByPolicy;

/// An error whose details were already printed (e.g. a list of catalog diagnostics):
/// the top-level printer shows only its one-line summary.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct AlreadyReported(pub String);

/// The exit status an error maps to.
#[must_use]
pub fn exit_status_for(err: &anyhow::Error) -> ExitStatus {
    if err.chain().any(|cause| cause.is::<Interrupted>()) {
        ExitStatus::Interrupted
    } else if err.chain().any(|cause| cause.is::<BlockedByPolicy>()) {
        ExitStatus::BlockedByPolicy
    } else {
        ExitStatus::Error
    }
}
