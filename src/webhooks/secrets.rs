//! The secrets file `apply --webhook-secrets FILE` writes endpoints' signing secrets to.
//!
//! Stripe returns an endpoint's `secret` only in the response to its creation
//! (docs.stripe.com/api/webhook_endpoints/object: "only returned at creation"), so `apply`
//! must put it somewhere the app can read it, and nowhere else: one dotenv line per endpoint,
//! `STRIPE_WEBHOOK_SECRET_<KEY>=whsec_…`, appended to a file only its owner can read.
//!
//! Each line is appended with one `write` on a file opened `O_APPEND|O_CREAT` with mode
//! 0600, so concurrent appenders never interleave inside a line and a new file is never
//! readable by others, not even for a moment. An existing file that group or others may read
//! or write is refused: a secret appended to it would leak at once.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::error::Hinted;
use crate::secret::Secret;

/// Checks, before anything is written to Stripe, that secrets can be appended to `path`.
///
/// # Errors
/// When the file exists and is not a regular file, is readable or writable by group or
/// others, or cannot be opened for appending; or when its folder does not exist.
pub fn check(path: &Path) -> Result<(), Hinted> {
    match fs::metadata(path) {
        Ok(metadata) => {
            if !metadata.is_file() {
                return Err(unusable(path, "it is not a regular file"));
            }
            check_private(path, &metadata)?;
            OpenOptions::new().append(true).open(path).map(drop).map_err(|err| unusable(path, &err.to_string()))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let parent = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if parent.is_dir() {
                Ok(())
            } else {
                Err(unusable(path, &format!("its folder `{}` does not exist", parent.display())))
            }
        }
        Err(err) => Err(unusable(path, &err.to_string())),
    }
}

/// Appends `NAME=secret` as one line.
///
/// # Errors
/// When the file cannot be opened or written, or has become readable by others.
pub fn append(path: &Path, variable: &str, secret: &Secret) -> Result<(), Hinted> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|err| unusable(path, &err.to_string()))?;
    let metadata = file.metadata().map_err(|err| unusable(path, &err.to_string()))?;
    check_private(path, &metadata)?;
    let line = format!("{variable}={}\n", secret.expose());
    file.write_all(line.as_bytes()).and_then(|()| file.sync_data()).map_err(|err| unusable(path, &err.to_string()))
}

#[cfg(unix)]
fn check_private(path: &Path, metadata: &fs::Metadata) -> Result<(), Hinted> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Hinted {
            message: format!(
                "the webhook secrets file `{}` has mode {mode:03o}: group or others may read or write it",
                path.display()
            ),
            hints: vec![format!(
                "`chmod 600 {}` (the file holds signing secrets), or name a new file: it is created with mode 600",
                path.display()
            )],
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _metadata: &fs::Metadata) -> Result<(), Hinted> {
    Ok(())
}

fn unusable(path: &Path, problem: &str) -> Hinted {
    Hinted::new(
        format!("cannot use the webhook secrets file `{}`: {problem}", path.display()),
        "pass `--webhook-secrets FILE` naming a file apply can append to (it is created with mode 600 when missing)",
    )
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_new_file_is_private_and_takes_one_line_per_secret() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("webhooks.env");
        check(&path).expect("a missing file in an existing folder is fine");
        append(&path, "STRIPE_WEBHOOK_SECRET_A", &Secret::new("whsec_a")).expect("append");
        append(&path, "STRIPE_WEBHOOK_SECRET_B", &Secret::new("whsec_b")).expect("append");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "STRIPE_WEBHOOK_SECRET_A=whsec_a\nSTRIPE_WEBHOOK_SECRET_B=whsec_b\n"
        );
        assert_eq!(fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_file_others_can_read_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("webhooks.env");
        fs::write(&path, "").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = check(&path).expect_err("world-readable");
        assert!(err.message.contains("has mode 644"), "{err:?}");
        let err = append(&path, "X", &Secret::new("whsec_x")).expect_err("world-readable");
        assert!(err.message.contains("has mode 644"), "{err:?}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "");
        let missing = dir.path().join("no/such/folder/webhooks.env");
        assert!(check(&missing).expect_err("no folder").message.contains("does not exist"));
    }
}
