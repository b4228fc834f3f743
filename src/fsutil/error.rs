//! Errors from file-system helpers; every variant names the path involved.

use std::io;
use std::path::PathBuf;

/// A failed file-system operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FsError {
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The file could not be written; the original is unchanged.
    #[error("cannot write {} (the original is unchanged)", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The lock file could not be created or taken.
    #[error("cannot lock {}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Another process held the lock for too long.
    #[error("timed out after {seconds} s waiting for the lock {} (another ossec-agentless run is editing this file)", path.display())]
    LockTimeout {
        /// The lock file.
        path: PathBuf,
        /// How long we waited.
        seconds: u64,
    },
    /// Owner, group or mode could not be set.
    #[error("cannot set owner or mode of {}", path.display())]
    Permissions {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}
