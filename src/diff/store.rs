//! The last kept output of each monitored (target, commands) pair.
//!
//! One file per pair under `<state dir>/ossec-agentless/diff/`, named
//! `<target>_<16 hex digits of SHA-1 over target, kind and commands>.last` (the target part
//! keeps only `[A-Za-z0-9._@-]`). The file holds exactly the kept text (after noise filters and
//! masking); it is written only after a complete, successful capture, atomically (a reader sees
//! the old or the new text), mode 0600 in a 0700 directory, under a lock.

use super::DiffError;
use crate::fsutil::{
    FileLock, Owners, WriteOptions, atomic_write, ensure_state_dir, read_optional, state_base,
    state_file_name, state_file_trusted,
};
use crate::protocol::hex;
use sha1::{Digest, Sha1};
use std::path::{Path, PathBuf};

/// Where outputs are kept.
#[derive(Debug, Clone)]
pub(crate) struct DiffStore {
    dir: PathBuf,
}

impl DiffStore {
    /// `--state-dir DIR` when given, else the user's state directory (data directory as a
    /// fallback) + `ossec-agentless`; outputs go to its `diff/` subdirectory.
    pub(crate) fn new(state_dir: Option<PathBuf>) -> Result<DiffStore, DiffError> {
        let base = state_base(state_dir).ok_or_else(|| DiffError::State {
            path: PathBuf::from("~"),
            reason: "no state or data directory; use --state-dir".into(),
        })?;
        Ok(DiffStore {
            dir: base.join("diff"),
        })
    }

    /// Creates the directory (and missing parents) with mode 0700, then checks it and the
    /// directory holding it as `scan` checks its baselines' (`fsutil::ensure_state_dir`): owned by root
    /// or us and not writable by group or others, since whoever else could write there could
    /// swap the kept output and hide a change.
    pub(crate) fn ensure_dir(&self) -> Result<(), DiffError> {
        Ok(ensure_state_dir(&self.dir)?)
    }

    /// The file for `target` (`user@host` or `local`), `kind` and `commands`.
    pub(crate) fn path_for(&self, target: &str, kind: &str, commands: &str) -> PathBuf {
        let mut h = Sha1::new();
        for part in [target, kind, commands] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        self.dir
            .join(state_file_name(target, &hex(&h.finalize()[..8]), "last"))
    }

    /// Locks `path` for a read-compare-write cycle.
    pub(crate) fn lock(&self, path: &Path) -> Result<FileLock, DiffError> {
        Ok(FileLock::for_file(path)?)
    }
}

/// The kept text, or `None` when there is none yet (read link-safely, as it is written).
pub(crate) fn load(path: &Path) -> Result<Option<String>, DiffError> {
    // Only from a state directory nobody else controls (as `scan` reads its baselines).
    if !state_file_trusted(path)? {
        return Ok(None);
    }
    let Some(bytes) = read_optional(path, Owners::root_or(None))? else {
        return Ok(None);
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| DiffError::State {
            path: path.to_path_buf(),
            reason: "is not UTF-8 text: not written by ossec-agentless diff".into(),
        })
}

/// Replaces the kept text (mode 0600).
pub(crate) fn save(path: &Path, text: &str) -> Result<(), DiffError> {
    atomic_write(
        path,
        text.as_bytes(),
        &WriteOptions {
            mode: Some(0o600),
            ..Default::default()
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn files_are_private_and_replaced_whole() {
        let t = tempfile::tempdir().unwrap();
        let s = DiffStore::new(Some(t.path().join("st"))).unwrap();
        s.ensure_dir().unwrap();
        let p = s.path_for("u@h:22", "ssh_generic_diff", "ls");
        assert_ne!(p, s.path_for("u@h:22", "ssh_generic_diff", "ls -l"));
        assert!(load(&p).unwrap().is_none());
        save(&p, "a\n").unwrap();
        save(&p, "b\n").unwrap();
        assert_eq!(load(&p).unwrap().as_deref(), Some("b\n"));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o600);
        assert_eq!(mode(&s.dir), 0o700);
    }
}
