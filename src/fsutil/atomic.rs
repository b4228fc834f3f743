//! Atomic file replacement: write a temporary file in the same directory, fsync it, give it the
//! intended owner and mode, keep an optional backup, then rename it over the target and fsync the
//! directory. A failure at any step leaves the original file as it was.

use super::{FsError, Owners, SafeDir};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Who should own the written file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Ownership {
    /// Keep the owner and group of the file being replaced (new files: the current user).
    #[default]
    KeepExisting,
    /// Set these ids (`None` leaves that id as the existing file's, or ours for a new file).
    Set {
        /// The owner.
        uid: Option<u32>,
        /// The group.
        gid: Option<u32>,
    },
}

/// How [`atomic_write`] treats mode, owner and backup.
#[derive(Debug, Clone)]
pub(crate) struct WriteOptions {
    /// Permission bits for the result. `None` keeps the existing file's mode, or uses
    /// `new_file_mode` when the file does not exist yet.
    pub(crate) mode: Option<u32>,
    /// Mode for a file that does not exist yet when `mode` is `None` (default 0644).
    pub(crate) new_file_mode: Option<u32>,
    /// Owner and group of the result.
    pub(crate) ownership: Ownership,
    /// Where to keep a copy of the previous contents (replaced atomically too).
    pub(crate) backup: Option<PathBuf>,
    /// Who may own the directory and the file replaced (default: anyone; writers under the
    /// OSSEC directory pass [`Owners::Trusted`]).
    pub(crate) owners: Owners,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            mode: None,
            new_file_mode: None,
            ownership: Ownership::KeepExisting,
            backup: None,
            owners: Owners::Any,
        }
    }
}

/// Replaces `path` with `contents` atomically; see the module documentation. The directory is
/// opened and the old file checked by the link-safe layer ([`super::SafeDir`]) with
/// `opts.owners`.
pub(crate) fn atomic_write(
    path: &Path,
    contents: &[u8],
    opts: &WriteOptions,
) -> Result<(), FsError> {
    let (dir, name) = SafeDir::open_parent(path, opts.owners).map_err(|e| match e {
        FsError::Read { source, .. } => FsError::Write {
            path: path.to_path_buf(),
            source,
        },
        e => e,
    })?;
    write_in(&dir, &name, contents, opts)
}

/// [`atomic_write`] into an opened directory.
pub(crate) fn write_in(
    dir: &SafeDir,
    name: &OsStr,
    contents: &[u8],
    opts: &WriteOptions,
) -> Result<(), FsError> {
    let existing = dir.open_file(name)?;
    let meta = existing.as_ref().map(|f| f.stat());
    let mode = opts
        .mode
        .or_else(|| meta.map(|m| m.mode))
        .unwrap_or(opts.new_file_mode.unwrap_or(0o644));
    let (uid, gid) = match opts.ownership {
        Ownership::KeepExisting => (meta.map(|m| m.uid), meta.map(|m| m.gid)),
        Ownership::Set { uid, gid } => (uid.or(meta.map(|m| m.uid)), gid.or(meta.map(|m| m.gid))),
    };
    if let (Some(backup), Some(mut old)) = (&opts.backup, existing) {
        let old = old.read_all()?;
        let bname = backup.file_name().unwrap_or_default();
        if backup.parent() == Some(dir.path()) {
            dir.replace(bname, &old, mode, uid, gid)?;
        } else {
            let (bdir, bname) = SafeDir::open_parent(backup, opts.owners)?;
            bdir.replace(&bname, &old, mode, uid, gid)?;
        }
    }
    dir.replace(name, contents, mode, uid, gid)
}

/// Creates `dir` with mode 0700 and, when given, that owner (set through its descriptor).
pub(crate) fn create_private_dir(
    dir: &Path,
    owner: Option<(u32, u32)>,
) -> Result<(), super::FsError> {
    let (parent, name) = SafeDir::open_parent(dir, Owners::Any)?;
    let (_, created) = parent.create_dir(&name, 0o700, owner)?;
    if !created {
        return Err(FsError::Write {
            path: dir.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{self, Permissions};
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn replaces_and_keeps_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.conf");
        fs::write(&p, b"old").unwrap();
        fs::set_permissions(&p, Permissions::from_mode(0o640)).unwrap();
        let opts = WriteOptions {
            backup: Some(dir.path().join("f.conf.bak")),
            ..Default::default()
        };
        atomic_write(&p, b"new", &opts).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::read(dir.path().join("f.conf.bak")).unwrap(), b"old");
        assert_eq!(fs::metadata(&p).unwrap().mode() & 0o7777, 0o640);
        // no temporary file is left behind
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn new_file_gets_requested_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret");
        let opts = WriteOptions {
            mode: Some(0o600),
            ..Default::default()
        };
        atomic_write(&p, b"x", &opts).unwrap();
        assert_eq!(fs::metadata(&p).unwrap().mode() & 0o7777, 0o600);
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_file() {
        let err = atomic_write(
            Path::new("/nonexistent-dir-xyz/f"),
            b"x",
            &WriteOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir-xyz/f"));
    }
}
