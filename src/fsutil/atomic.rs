//! Atomic file replacement: write a temporary file in the same directory, fsync it, give it the
//! intended owner and mode, keep an optional backup, then rename it over the target and fsync the
//! directory. A failure at any step leaves the original file as it was.

use super::FsError;
use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
use std::path::{Path, PathBuf};

/// Who should own the written file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Ownership {
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
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Permission bits for the result. `None` keeps the existing file's mode, or uses
    /// `new_file_mode` when the file does not exist yet.
    pub mode: Option<u32>,
    /// Mode for a file that does not exist yet when `mode` is `None` (default 0644).
    pub new_file_mode: Option<u32>,
    /// Owner and group of the result.
    pub ownership: Ownership,
    /// Where to keep a copy of the previous contents (replaced atomically too).
    pub backup: Option<PathBuf>,
}

/// Replaces `path` with `contents` atomically; see the module documentation.
pub fn atomic_write(path: &Path, contents: &[u8], opts: &WriteOptions) -> Result<(), FsError> {
    let werr = |source: io::Error| FsError::Write {
        path: path.to_path_buf(),
        source,
    };
    let existing = match fs::metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(werr(e)),
    };
    let mode = opts
        .mode
        .or_else(|| existing.as_ref().map(|m| m.mode() & 0o7777))
        .unwrap_or(opts.new_file_mode.unwrap_or(0o644));
    let (uid, gid) = match opts.ownership {
        Ownership::KeepExisting => (
            existing.as_ref().map(|m| m.uid()),
            existing.as_ref().map(|m| m.gid()),
        ),
        Ownership::Set { uid, gid } => (
            uid.or(existing.as_ref().map(|m| m.uid())),
            gid.or(existing.as_ref().map(|m| m.gid())),
        ),
    };

    if let (Some(backup), Some(_)) = (&opts.backup, &existing) {
        let old = fs::read(path).map_err(werr)?;
        write_replace(backup, &old, mode, uid, gid)?;
    }
    write_replace(path, contents, mode, uid, gid)
}

fn write_replace(
    path: &Path,
    contents: &[u8],
    mode: u32,
    uid: Option<u32>,
    gid: Option<u32>,
) -> Result<(), FsError> {
    let werr = |source: io::Error| FsError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(Permissions::from_mode(0o600))
        .tempfile_in(&dir)
        .map_err(werr)?;
    tmp.write_all(contents).map_err(werr)?;
    if uid.is_some() || gid.is_some() {
        fchown(tmp.as_file(), uid, gid).map_err(|source| FsError::Permissions {
            path: path.to_path_buf(),
            source,
        })?;
    }
    // chmod after chown: chown clears set-id bits.
    tmp.as_file()
        .set_permissions(Permissions::from_mode(mode))
        .map_err(|source| FsError::Permissions {
            path: path.to_path_buf(),
            source,
        })?;
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates `dir` with mode 0700 and, when given, that owner.
pub fn create_private_dir(dir: &Path, owner: Option<(u32, u32)>) -> Result<(), super::FsError> {
    use std::os::unix::fs::{DirBuilderExt, chown};
    let werr = |source| super::FsError::Write {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(dir)
        .map_err(werr)?;
    if let Some((uid, gid)) = owner {
        chown(dir, Some(uid), Some(gid)).map_err(|source| super::FsError::Permissions {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
