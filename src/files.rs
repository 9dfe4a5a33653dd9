//! Reading the files a user names (the catalog, a saved plan, the API key file): regular files
//! only, and never more than a cap, so a wrong path costs an error and not the machine.
//! `/dev/zero` or `/dev/urandom` would otherwise be read until memory runs out, a FIFO would
//! block forever, and a directory fails with an unhelpful OS message.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use crate::error::Hinted;

/// Why a file could not be read. Its `Display` is the problem alone (`it is a directory, not
/// a regular file`); callers name the file and add what to do.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at the path.
    NotFound,
    /// A directory, device, FIFO or socket, named as such (`a directory`).
    NotAFile { kind: &'static str },
    /// Over `limit` bytes: `size` when the file system said so up front, `None` when the
    /// file grew (or reported no size) and the read stopped at the cap.
    TooLarge { size: Option<u64>, limit: u64 },
    /// Anything else the OS refused (permissions, I/O errors).
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::NotAFile { kind } => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge { size: Some(size), limit } => {
                write!(f, "it is {size} bytes, more than the {} allowed", human_size(*limit))
            }
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "it holds more than the {} allowed", human_size(*limit))
            }
            ReadError::Io(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(err: io::Error) -> ReadError {
        match err.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(err),
        }
    }
}

/// The bytes of the regular file at `path`, refusing anything that is not a regular file
/// (symlinks to one are fine) and anything over `limit` bytes.
///
/// # Errors
/// [`ReadError`] saying which of these it was.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let metadata = fs::metadata(path)?;
    check_regular(&metadata)?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { size: Some(metadata.len()), limit });
    }
    let file = File::open(path)?;
    // Checked again on what was opened, in case the path changed in between.
    check_regular(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// [`read_capped`] for a file named on the command line, with the error the user sees:
/// `could not read {what} `PATH`: {problem}`, and `right` (what the file should be) as the hint
/// when the file is the wrong kind or too big.
///
/// # Errors
/// A [`Hinted`] error naming the file, the problem and what would be right.
pub fn read_named(path: &Path, limit: u64, what: &str, right: &str) -> Result<Vec<u8>, Hinted> {
    read_capped(path, limit).map_err(|err| {
        let hint = match err {
            ReadError::NotFound | ReadError::Io(_) => "check the path and its permissions",
            ReadError::NotAFile { .. } | ReadError::TooLarge { .. } => right,
        };
        Hinted::new(format!("could not read {what} `{}`: {err}", path.display()), hint)
    })
}

fn check_regular(metadata: &fs::Metadata) -> Result<(), ReadError> {
    if metadata.is_file() { Ok(()) } else { Err(ReadError::NotAFile { kind: kind_of(&metadata.file_type()) }) }
}

/// What a non-regular file is, for the message.
fn kind_of(file_type: &fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "something other than a file"
}

/// `4 KiB`, `64 MiB`, or bytes when neither divides evenly.
fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_the_cap_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file");
        fs::write(&path, b"12345").unwrap();
        assert_eq!(read_capped(&path, 5).unwrap(), b"12345");
        let err = read_capped(&path, 4).unwrap_err();
        assert_eq!(err.to_string(), "it is 5 bytes, more than the 4 bytes allowed");
    }

    #[test]
    fn what_is_not_a_regular_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_capped(dir.path(), 10).unwrap_err().to_string(), "it is a directory, not a regular file");
        assert_eq!(read_capped(&dir.path().join("missing"), 10).unwrap_err().to_string(), "no such file");
        #[cfg(target_os = "linux")]
        for (device, kind) in [("/dev/zero", "a character device"), ("/dev/null", "a character device")] {
            assert_eq!(
                read_capped(Path::new(device), 4096).unwrap_err().to_string(),
                format!("it is {kind}, not a regular file")
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_reports_no_size_is_still_capped() {
        // procfs files report size 0 and are regular files: only the read's own cap holds them.
        let err = read_capped(Path::new("/proc/self/maps"), 16).unwrap_err();
        assert_eq!(err.to_string(), "it holds more than the 16 bytes allowed");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(4096), "4 KiB");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }
}
