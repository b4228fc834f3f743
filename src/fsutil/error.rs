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
    /// A file or directory the tool would act through is not safe to use (a planted link, a
    /// hard link, a wrong owner …): nothing was read, written or changed through it.
    #[error("refusing {}: it {hazard}; {}", path.display(), hazard.fix(path))]
    Unsafe {
        /// The file or directory.
        path: PathBuf,
        /// What is wrong with it.
        hazard: super::Hazard,
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

impl FsError {
    /// True when the error says the file or directory does not exist.
    pub(crate) fn is_not_found(&self) -> bool {
        match self {
            FsError::Read { source, .. }
            | FsError::Write { source, .. }
            | FsError::Lock { source, .. }
            | FsError::Permissions { source, .. } => source.kind() == io::ErrorKind::NotFound,
            _ => false,
        }
    }
}
