//! Errors of a scan; every variant names the target.

use crate::transport::TransportError;

/// Why a scan did not complete.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScanError {
    /// The target could not be reached or the command not run.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The target specification is malformed.
    #[error("bad target '{spec}': {reason}")]
    BadTarget {
        /// What was given.
        spec: String,
        /// Why it is wrong.
        reason: String,
    },
    /// The scan script ended before it had sent everything (killed, disconnected, failed).
    #[error("{target}: the scan did not complete: {reason}")]
    Incomplete {
        /// The target.
        target: String,
        /// What happened.
        reason: String,
    },
    /// The scan script's output did not follow its format.
    #[error("{target}: unexpected scan output: {reason}")]
    BadOutput {
        /// The target.
        target: String,
        /// What was wrong.
        reason: String,
    },
    /// The host sent more than a limit allows (a hostile or broken host): nothing of this scan
    /// is kept.
    #[error("{target}: the host sent {limit}; nothing of this scan was kept")]
    Limit {
        /// The target.
        target: String,
        /// Which limit.
        limit: super::stream::Limit,
    },
    /// The host sent a record for a path outside the requested roots.
    #[error("{target}: the host sent a record outside the requested paths: '{path}'")]
    OutsideRoots {
        /// The target.
        target: String,
        /// The path (escaped for a terminal).
        path: String,
    },
    /// A path to scan is not usable (empty, or contains a NUL byte).
    #[error("bad path to scan: {0}")]
    BadPath(String),
    /// No hashing tool, `find` or `stat` on the target.
    #[error("{target}: {reason}")]
    Unsupported {
        /// The target.
        target: String,
        /// What is missing.
        reason: String,
    },
    /// The local walk failed in a way that is not about one file.
    #[error("local: {0}")]
    Local(#[source] std::io::Error),
    /// The baseline could not be read, parsed or written.
    #[error("baseline {}: {reason}", path.display())]
    Baseline {
        /// The baseline file.
        path: std::path::PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// Reading, writing or locking a file failed.
    #[error(transparent)]
    Fs(#[from] crate::fsutil::FsError),
    /// `.passlist` could not be read or is damaged (the error names the file).
    #[error(transparent)]
    Passlist(#[from] crate::passlist::PasslistError),
    /// Sending to analysisd's queue failed.
    #[error("cannot send to {}", path.display())]
    Forward {
        /// The socket.
        path: std::path::PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}
