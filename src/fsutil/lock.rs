//! Advisory lock files beside the file being edited (`ossec.conf.lock`, `.passlist.lock`).
//!
//! The lock file is created once and never removed: removing it would let two processes hold
//! "the" lock on two different inodes. The lock is released when the [`FileLock`] is dropped.
//! Lock files are opened by the link-safe layer ([`super::SafeDir::lock`]): never through a
//! symbolic link, never a hard link, never created through a dangling link.

use super::{FsError, Owners, SafeDir};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long to wait for another process before giving up.
pub(crate) const LOCK_WAIT: Duration = Duration::from_secs(60);

/// An exclusive lock held on `<file>.lock` (for dot files, `<file>.lock` as well).
#[derive(Debug)]
pub(crate) struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    pub(crate) fn new(file: File, path: PathBuf) -> FileLock {
        FileLock { file, path }
    }

    /// The name of the lock file guarding `target` (`<name>.lock`).
    pub(crate) fn lock_name(target: &Path) -> std::ffi::OsString {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        name
    }

    /// Takes the exclusive lock guarding `target`, waiting up to a minute for other holders.
    pub(crate) fn for_file(target: &Path) -> Result<FileLock, FsError> {
        let path = target.with_file_name(Self::lock_name(target));
        Self::acquire(&path, LOCK_WAIT)
    }

    /// Takes the exclusive lock on the lock file `path` itself.
    pub(crate) fn acquire(path: &Path, wait: Duration) -> Result<FileLock, FsError> {
        let (dir, name) = SafeDir::open_parent(path, Owners::Any)?;
        dir.lock(&name, wait)
    }

    /// The lock file's path.
    #[cfg(test)]
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the lock file to `uid`/`gid` through its descriptor (so that the agentless user
    /// can take the lock too).
    pub(crate) fn chown(&self, uid: u32, gid: u32) -> Result<(), FsError> {
        std::os::unix::fs::fchown(&self.file, Some(uid), Some(gid)).map_err(|source| {
            FsError::Permissions {
                path: self.path.clone(),
                source,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_waits_then_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ossec.conf");
        let held = FileLock::for_file(&target).unwrap();
        assert!(held.path().ends_with("ossec.conf.lock"));
        let err = FileLock::acquire(held.path(), Duration::from_millis(100)).unwrap_err();
        assert!(matches!(err, FsError::LockTimeout { .. }));
        drop(held);
        FileLock::acquire(
            &dir.path().join("ossec.conf.lock"),
            Duration::from_millis(100),
        )
        .unwrap();
    }
}
