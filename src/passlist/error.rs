//! Errors of the `.passlist` library. No variant holds a password: messages name the file, the
//! line or the host, and say what is wrong with a password without showing it.

use crate::fsutil::FsError;
use std::path::PathBuf;

/// A failed `.passlist` operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PasslistError {
    /// The file could not be read, written or locked.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// There is no `.passlist` (the stock scripts fail the same way).
    #[error("{} does not exist (register a host first)", path.display())]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// The file holds only base64 characters but does not decode, so its form is unknown.
    #[error(
        "{} looks like a damaged base64 (Wazuh) file: it has no | but does not decode; \
         check it with `base64 -d` and repair it before registering hosts",
        path.display()
    )]
    Undecidable {
        /// The file.
        path: PathBuf,
    },
    /// The `user@host` text is not acceptable.
    #[error("invalid host \"{host}\": {reason}")]
    InvalidHost {
        /// The host as given, escaped for the terminal.
        host: String,
        /// What is wrong.
        reason: String,
    },
    /// A password is not acceptable (the password itself is never shown).
    #[error("the {which} for {host} {reason}")]
    InvalidPassword {
        /// The host the password is for.
        host: String,
        /// "password" or "additional password".
        which: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// `add` without `--replace` for a host that already has an entry.
    #[error("{host} is already registered ({} line {line}); use --replace to update it", path.display())]
    Duplicate {
        /// The host.
        host: String,
        /// The file.
        path: PathBuf,
        /// The line of the existing entry (1-based, in the decoded text).
        line: usize,
    },
    /// `remove` (or an update) for a host without an entry.
    #[error("{host} is not registered in {}", path.display())]
    NotFound {
        /// The host.
        host: String,
        /// The file.
        path: PathBuf,
    },
}
