//! The process exit codes, in one place so `--help` and the README can promise them.

use std::process::ExitCode;

/// How a run ended. The numbers are part of the tool's interface: CI scripts depend on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command did what was asked (for `plan --detailed-exitcode`: and found no changes).
    Success,
    /// Anything went wrong: bad input, a refused action, a Stripe error.
    Error,
    /// `plan --detailed-exitcode` found changes to make.
    ChangesPresent,
    /// A policy of the catalog blocks the plan (`plan`, `apply`; `validate` for the static
    /// rules): wins over [`ExitStatus::ChangesPresent`].
    BlockedByPolicy,
    /// The user interrupted the run (Ctrl-C).
    Interrupted,
}

impl ExitStatus {
    /// The numeric code the process exits with.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Error => 1,
            ExitStatus::ChangesPresent => 2,
            ExitStatus::BlockedByPolicy => 3,
            ExitStatus::Interrupted => 130,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status.code())
    }
}
