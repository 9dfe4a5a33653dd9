//! One process per state file. Every sandbox started on a state file (and `reset_state`) holds
//! an exclusive lock on a lock file beside it (`sandbox.json.lock` for `sandbox.json`) for as
//! long as it may write: two processes on one file would each save their own copy of the state
//! after every write, and the later save silently drops the other's acknowledged writes.
//!
//! The lock is on a separate file because the state file itself is replaced by a rename on
//! every save, and a lock on the old file would guard nothing. The lock file is never deleted
//! (deleting it would let a waiter lock the unlinked file while a newcomer locks a new one);
//! its holder writes its pid into it so that the process refused or kept waiting can say who
//! holds it, and empties it on release. The lock is the operating system's (`flock` on Unix),
//! so it goes away with its process, however that process ends: a killed sandbox never leaves
//! a stale lock behind.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Refused: another process holds the state file. Its `Display` names the file and the holder;
/// callers can downcast an `anyhow::Error` to it to add advice of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFileLocked {
    /// The state file asked for.
    pub state_file: PathBuf,
    /// The process that holds it, when its lock file says (it may not have written it yet).
    pub holder_pid: Option<u32>,
}

impl StateFileLocked {
    /// Who holds the file, for messages: `pid 1234`, or `another process`.
    #[must_use]
    pub fn holder(&self) -> String {
        match self.holder_pid {
            Some(pid) => format!("pid {pid}"),
            None => "another process".to_string(),
        }
    }
}

impl fmt::Display for StateFileLocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the sandbox state file {} is in use by {} (another sandbox: `sandbox serve` or a `--sandbox` run); \
             two sandboxes on one state file would lose each other's writes: stop that one, or use another state file",
            self.state_file.display(),
            self.holder()
        )
    }
}

impl std::error::Error for StateFileLocked {}

/// The lock file of a state file: its name with `.lock` added.
pub(crate) fn lock_path(state_file: &Path) -> PathBuf {
    let mut name = state_file.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// An exclusive hold on a state file, released when dropped (or when the process ends).
#[derive(Debug)]
pub(crate) struct StateLock {
    file: File,
}

impl StateLock {
    /// Takes the lock without waiting: `Ok(Err(..))` names the holder when another process has
    /// it; `Err` is an I/O failure (the directory cannot be created, the file system has no locks).
    pub(crate) fn try_acquire(state_file: &Path) -> Result<Result<StateLock, StateFileLocked>> {
        let path = lock_path(state_file);
        if let Some(directory) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(directory)
                .with_context(|| format!("could not create directory {}", directory.display()))?;
        }
        // Not truncated on open: the holder's pid must stay readable to the process refused.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("could not open the sandbox lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Ok(Err(StateFileLocked { state_file: state_file.to_path_buf(), holder_pid: read_pid(&path) }));
            }
            Err(TryLockError::Error(error)) => {
                return Err(error).with_context(|| format!("could not lock the sandbox lock file {}", path.display()));
            }
        }
        // Ours now: say who holds it. A failure here only costs the next process its pid.
        let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| writeln!(file, "{}", std::process::id()));
        Ok(Ok(StateLock { file }))
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // Emptied while still held, so nobody reads a pid that no longer holds the lock; the
        // lock itself goes with the file handle.
        let _ = self.file.set_len(0);
    }
}

/// The pid a lock file names, if it names one.
fn read_pid(lock_file: &Path) -> Option<u32> {
    std::fs::read_to_string(lock_file).ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{StateLock, lock_path};

    #[test]
    fn a_second_hold_is_refused_with_the_holders_pid_until_released() {
        let directory = tempfile::tempdir().unwrap();
        let state = directory.path().join("nested/sandbox.json");
        assert_eq!(lock_path(&state), directory.path().join("nested/sandbox.json.lock"));
        let first = StateLock::try_acquire(&state).unwrap().unwrap();
        // A second open file description conflicts even within one process (flock semantics).
        let refused = StateLock::try_acquire(&state).unwrap().unwrap_err();
        assert_eq!(refused.holder_pid, Some(std::process::id()));
        assert!(refused.to_string().contains(&format!("in use by pid {}", std::process::id())), "{refused}");
        drop(first);
        assert_eq!(std::fs::read_to_string(lock_path(&state)).unwrap(), "", "emptied on release");
        assert!(StateLock::try_acquire(&state).unwrap().is_ok());
    }
}
