//! Advisory lock files beside the file being edited (`ossec.conf.lock`, `.passlist.lock`).
//!
//! The lock file is created once and never removed: removing it would let two processes hold
//! "the" lock on two different inodes. The lock is released when the [`FileLock`] is dropped.

use super::FsError;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long to wait for another process before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// An exclusive lock held on `<file>.lock` (for dot files, `<file>.lock` as well).
#[derive(Debug)]
pub struct FileLock {
    _file: File,
    path: PathBuf,
}

impl FileLock {
    /// Takes the exclusive lock guarding `target`, waiting up to a minute for other holders.
    pub fn for_file(target: &Path) -> Result<FileLock, FsError> {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let path = target.with_file_name(name);
        Self::acquire(&path, LOCK_WAIT)
    }

    /// Takes the exclusive lock on the lock file `path` itself.
    pub fn acquire(path: &Path, wait: Duration) -> Result<FileLock, FsError> {
        let lerr = |source| FsError::Lock {
            path: path.to_path_buf(),
            source,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map_err(lerr)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(FileLock {
                        _file: file,
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(FsError::LockTimeout {
                        path: path.to_path_buf(),
                        seconds: wait.as_secs(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(lerr(e)),
            }
        }
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
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
