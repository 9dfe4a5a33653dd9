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

/// Saves `NAME=secret` as one line: appended when the file has no line for `NAME`; otherwise
/// that line is replaced (a re-created endpoint's old secret is stale), the whole file written
/// to a temporary file beside it with mode 0600 and renamed over it, so a reader sees the old
/// file or the new one, never half of either. Returns whether a line was replaced.
///
/// # Errors
/// When the file cannot be opened, read or written, or has become readable by others.
pub fn save(path: &Path, variable: &str, secret: &Secret) -> Result<bool, Hinted> {
    let line = format!("{variable}={}\n", secret.expose());
    let existing = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(unusable(path, &err.to_string())),
    };
    let prefix = format!("{variable}=");
    if !existing.lines().any(|old| old.trim_start().starts_with(&prefix)) {
        append(path, &line)?;
        return Ok(false);
    }
    let metadata = fs::metadata(path).map_err(|err| unusable(path, &err.to_string()))?;
    check_private(path, &metadata)?;
    let replaced: String = existing
        .lines()
        .map(|old| if old.trim_start().starts_with(&prefix) { line.clone() } else { format!("{old}\n") })
        .collect();
    let file_name = path.file_name().map_or_else(|| "secrets".into(), |name| name.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(&temporary)
        .and_then(|mut file| file.write_all(replaced.as_bytes()).and_then(|()| file.sync_all()))
        .and_then(|()| fs::rename(&temporary, path));
    if let Err(err) = written {
        let _ = fs::remove_file(&temporary);
        return Err(unusable(path, &err.to_string()));
    }
    Ok(true)
}

/// Creates `path`, which must not exist, holding `secret` and a newline, with mode 0600 from
/// the start (`sandbox serve --forward-secret-file` for a new file).
///
/// # Errors
/// When the file exists already or cannot be created or written.
pub fn create(path: &Path, secret: &str) -> Result<(), Hinted> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut file| file.write_all(format!("{secret}\n").as_bytes()).and_then(|()| file.sync_all()))
        .map_err(|err| {
            Hinted::new(
                format!("cannot write the forward secret file `{}`: {err}", path.display()),
                "name a new file in an existing folder, or an existing file holding the `whsec_…` to use",
            )
        })
}

/// Appends one line with one `write` (see the module docs).
fn append(path: &Path, line: &str) -> Result<(), Hinted> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|err| unusable(path, &err.to_string()))?;
    let metadata = file.metadata().map_err(|err| unusable(path, &err.to_string()))?;
    check_private(path, &metadata)?;
    file.write_all(line.as_bytes()).and_then(|()| file.sync_data()).map_err(|err| unusable(path, &err.to_string()))
}

/// The signing secret a file holds: a file of one line (`whsec_…`, or `NAME=whsec_…` as
/// [`save`] writes), or, with `key` (a catalog webhook key), the value of
/// `STRIPE_WEBHOOK_SECRET_<KEY>` in a dotenv file of several. `what` names the file's role in
/// messages (`the secret file`).
///
/// # Errors
/// When the file holds no secret, several and no `key` says which (the message lists the
/// names, never a value), or none named for `key`.
pub fn read(text: &str, path: &Path, key: Option<&str>, what: &str) -> Result<Secret, Hinted> {
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect();
    let value_of = |line: &str| {
        let value = line.split_once('=').map_or(line, |(_, value)| value).trim();
        Secret::new(value.trim_matches(|quote| quote == '"' || quote == '\''))
    };
    if let Some(key) = key {
        let wanted = super::secret_variable(key);
        return lines.iter().find(|line| name_of(line) == Some(wanted.as_str())).map(|line| value_of(line)).ok_or_else(
            || Hinted::new(format!("{what} `{}` has no `{wanted}` line", path.display()), names_hint(&lines)),
        );
    }
    match lines.as_slice() {
        [line] => Ok(value_of(line)),
        [] => Err(Hinted::new(
            format!("{what} `{}` holds no secret", path.display()),
            "put the endpoint's `whsec_…` in it (or the `NAME=whsec_…` lines `apply --webhook-secrets` writes)",
        )),
        _ => Err(Hinted::new(
            format!("{what} `{}` holds {} secrets; say which with `--key KEY`", path.display(), lines.len()),
            names_hint(&lines),
        )),
    }
}

/// `NAME` of a `NAME=value` line (an `export ` before it allowed).
fn name_of(line: &str) -> Option<&str> {
    line.split_once('=').map(|(name, _)| name.trim().trim_start_matches("export ").trim())
}

fn names_hint(lines: &[&str]) -> String {
    let keys: Vec<String> = lines
        .iter()
        .filter_map(|line| name_of(line))
        .map(|name| match name.strip_prefix("STRIPE_WEBHOOK_SECRET_") {
            Some(key) => format!("`{name}` (`--key {}`)", key.to_ascii_lowercase().replace('_', "-")),
            None => format!("`{}`", crate::escape::shown(name)),
        })
        .collect();
    if keys.is_empty() {
        "it holds no `NAME=whsec_…` lines; put the one secret in a file of its own".to_string()
    } else {
        format!("it names: {} (`--key` takes the catalog's webhook key)", keys.join(", "))
    }
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
        assert!(!save(&path, "STRIPE_WEBHOOK_SECRET_A", &Secret::new("whsec_a")).expect("append"));
        assert!(!save(&path, "STRIPE_WEBHOOK_SECRET_B", &Secret::new("whsec_b")).expect("append"));
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
        let err = save(&path, "X", &Secret::new("whsec_x")).expect_err("world-readable");
        assert!(err.message.contains("has mode 644"), "{err:?}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "");
        let missing = dir.path().join("no/such/folder/webhooks.env");
        assert!(check(&missing).expect_err("no folder").message.contains("does not exist"));
    }

    // issue 12 review, item 6: a key applied again replaces its line, atomically, still 0600.
    #[test]
    fn a_secret_saved_again_for_a_key_replaces_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("webhooks.env");
        save(&path, "STRIPE_WEBHOOK_SECRET_A", &Secret::new("whsec_old")).expect("save");
        save(&path, "STRIPE_WEBHOOK_SECRET_B", &Secret::new("whsec_b")).expect("save");
        assert!(save(&path, "STRIPE_WEBHOOK_SECRET_A", &Secret::new("whsec_new")).expect("replace"));
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "STRIPE_WEBHOOK_SECRET_A=whsec_new\nSTRIPE_WEBHOOK_SECRET_B=whsec_b\n"
        );
        assert_eq!(fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary file left");
    }

    // issue 12 review, item 6: a file of several secrets takes `--key`, and lists the names without it.
    #[test]
    fn read_picks_by_key_and_lists_the_names_without_one() {
        let path = Path::new("webhooks.env");
        let text = "STRIPE_WEBHOOK_SECRET_FULFILMENT=whsec_f\nSTRIPE_WEBHOOK_SECRET_BILLING_EVENTS=whsec_b\n";
        assert_eq!(read(text, path, Some("billing-events"), "the secret file").expect("by key").expose(), "whsec_b");
        let err = read(text, path, None, "the secret file").expect_err("which one?");
        assert_eq!(err.message, "the secret file `webhooks.env` holds 2 secrets; say which with `--key KEY`");
        let hint = err.hints.join(" ");
        assert!(hint.contains("`STRIPE_WEBHOOK_SECRET_FULFILMENT` (`--key fulfilment`)"), "{hint}");
        assert!(hint.contains("(`--key billing-events`)") && !hint.contains("whsec_"), "{hint}");
        let err = read(text, path, Some("other"), "the secret file").expect_err("no such key");
        assert!(err.message.contains("has no `STRIPE_WEBHOOK_SECRET_OTHER` line"), "{}", err.message);
        assert_eq!(read("whsec_only\n", path, None, "the secret file").expect("one").expose(), "whsec_only");
    }
}
