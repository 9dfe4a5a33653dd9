//! Running the binary, for every test that does: the command with a clean environment, and one
//! [`Run`] for what a run gave back.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root, where `catalog.example.yaml` and `tests/fixtures` are.
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, with nothing inherited from the shell that runs the tests which would change
/// what it does: no `NO_COLOR`, no key, API base or account. Each test adds what it means.
pub(crate) fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stripe-catalog"));
    for name in ["NO_COLOR", "STRIPE_API_KEY", "STRIPE_API_BASE", "STRIPE_ACCOUNT"] {
        command.env_remove(name);
    }
    command
}

/// One run of the binary: exit code and output.
pub(crate) struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs `command` to the end.
    pub fn of(command: &mut Command) -> Run {
        Run::from(command.output().unwrap_or_else(|err| panic!("cannot run the binary: {err}")))
    }

    /// Runs `command` to the end on a blocking thread, so the runtime a test's sandbox serves
    /// on keeps serving meanwhile.
    pub async fn off_runtime(mut command: Command) -> Run {
        let output = tokio::task::spawn_blocking(move || command.output()).await.expect("join");
        Run::from(output.unwrap_or_else(|err| panic!("cannot run the binary: {err}")))
    }

    /// Panics with the output unless the run exited 0.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, Some(0), "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Panics unless the run exited 1.
    pub fn failed(self) -> Run {
        assert_eq!(self.code, Some(1), "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| panic!("{err}: {}", self.stdout))
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}
