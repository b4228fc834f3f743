//! One locked edit session, shared by every editor of a file under the OSSEC directory
//! (ossec.conf, `.passlist`, `.ssh/config`, `.ssh/known_hosts`): lock `<file>.lock`, read the
//! file, let the caller compute new bytes, replace it atomically, release the lock on drop.
//!
//! Everything goes through one directory handle of the link-safe layer ([`SafeDir`]): the lock
//! and the file are opened without following links and checked, and the new file is created
//! beside the old one and renamed over it. The bytes read are only ever the file's own, never a
//! link's target, so nothing read through a link can be copied into a file another user owns.

use super::atomic::write_in;
use super::lock::LOCK_WAIT;
use super::{FileLock, FsError, Owners, SafeDir, Stat, WriteOptions};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A file opened for a read-modify-write under its lock.
#[derive(Debug)]
pub(crate) struct EditSession {
    dir: Option<SafeDir>,
    name: OsString,
    path: PathBuf,
    lock: Option<FileLock>,
    original: Option<Vec<u8>>,
    stat: Option<Stat>,
}

impl EditSession {
    /// Locks and reads `path` (its directory must exist); a missing file reads as `None`.
    pub(crate) fn open(path: &Path, owners: Owners) -> Result<EditSession, FsError> {
        Self::start(path, owners, true)
    }

    /// Reads `path` without locking (dry runs: the lock file is not created; a missing
    /// directory reads as a missing file).
    pub(crate) fn open_unlocked(path: &Path, owners: Owners) -> Result<EditSession, FsError> {
        Self::start(path, owners, false)
    }

    fn start(path: &Path, owners: Owners, lock: bool) -> Result<EditSession, FsError> {
        let (dir, name) = match SafeDir::open_parent(path, owners) {
            Ok((d, n)) => (Some(d), n),
            Err(e) if e.is_not_found() && !lock => {
                (None, path.file_name().unwrap_or_default().to_os_string())
            }
            Err(e) => return Err(e),
        };
        let lock = match (&dir, lock) {
            (Some(d), true) => Some(d.lock(&FileLock::lock_name(path), LOCK_WAIT)?),
            _ => None,
        };
        let (original, stat) = match &dir {
            Some(d) => match d.open_file(&name)? {
                Some(mut f) => (Some(f.read_all()?), Some(f.stat())),
                None => (None, None),
            },
            None => (None, None),
        };
        Ok(EditSession {
            dir,
            name,
            path: path.to_path_buf(),
            lock,
            original,
            stat,
        })
    }

    /// The file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The bytes read (`None`: no file).
    pub(crate) fn original(&self) -> Option<&[u8]> {
        self.original.as_deref()
    }

    /// Takes the bytes read out of the session (for callers that must wipe secrets).
    pub(crate) fn take_original(&mut self) -> Option<Vec<u8>> {
        self.original.take()
    }

    /// The file's owner, group and mode when it was read.
    pub(crate) fn stat(&self) -> Option<Stat> {
        self.stat
    }

    /// The lock held, if any.
    pub(crate) fn lock(&self) -> Option<&FileLock> {
        self.lock.as_ref()
    }

    /// Replaces the file with `contents` as `opts` says (mode, owner, backup), through the
    /// session's directory handle. Unlocked sessions cannot commit.
    pub(crate) fn commit(&self, contents: &[u8], opts: &WriteOptions) -> Result<(), FsError> {
        let (Some(dir), Some(_)) = (&self.dir, &self.lock) else {
            return Err(FsError::Lock {
                path: self.path.clone(),
                source: std::io::Error::other("internal error: commit without the lock"),
            });
        };
        write_in(dir, &self.name, contents, opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_modify_write_under_the_lock() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config");
        std::fs::write(&p, "a\n").unwrap();
        let s = EditSession::open(&p, Owners::root_or(None)).unwrap();
        assert_eq!(s.original(), Some(&b"a\n"[..]));
        assert!(d.path().join("config.lock").exists());
        let again = FileLock::acquire(&d.path().join("config.lock"), std::time::Duration::ZERO);
        assert!(matches!(again, Err(FsError::LockTimeout { .. })));
        s.commit(b"b\n", &WriteOptions::default()).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"b\n");
    }

    #[test]
    fn dry_run_session_creates_nothing() {
        let d = tempfile::tempdir().unwrap();
        let s = EditSession::open_unlocked(&d.path().join("no/such"), Owners::Any).unwrap();
        assert_eq!(s.original(), None);
        assert!(s.commit(b"x", &WriteOptions::default()).is_err());
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
    }
}
