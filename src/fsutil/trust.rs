//! Whether a place may be trusted as root: executables ([`check_root_executable`], the rule sudo
//! and sshd apply) and state directories ([`check_state_dir`], where baselines are kept).

use super::safe::unsafe_err;
use super::sys::{Stat, components};
use super::{FsError, Hazard, Owners, SafeDir};
use std::io;
use std::path::{Path, PathBuf};

/// Checks that `path` may be executed as root: root owns it and every directory above it, and
/// none of them is writable by group or others (sticky directories such as `/tmp` excepted for
/// the directories) — the rule sudo and sshd apply. Links are followed only as
/// [`SafeDir::open`] does.
pub(crate) fn check_root_executable(path: &Path) -> Result<(), FsError> {
    let abs;
    let path = if path.is_absolute() {
        path
    } else {
        abs = std::env::current_dir()
            .map_err(|source| FsError::Read {
                path: path.to_path_buf(),
                source,
            })?
            .join(path);
        &abs
    };
    let (dir, name) = SafeDir::open_parent(path, Owners::Trusted(Some(0)))?;
    // Every directory from `/` down: owned by root, not writable by others.
    let mut p = PathBuf::from("/");
    for c in components(dir.path()).into_iter().rev() {
        p.push(&c);
        let d = SafeDir::open(&p, Owners::Any)?;
        check_root_dir(&p, &d.stat())?;
    }
    check_root_dir(dir.path(), &dir.stat())?;
    let f = dir.open_file(&name)?.ok_or_else(|| FsError::Read {
        path: path.to_path_buf(),
        source: io::Error::from(io::ErrorKind::NotFound),
    })?;
    let st = f.stat();
    if st.uid != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Owner {
                uid: st.uid,
                expected: "root".into(),
            },
        ));
    }
    if st.mode & 0o022 != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Writable { mode: st.mode },
        ));
    }
    Ok(())
}

fn check_root_dir(path: &Path, st: &Stat) -> Result<(), FsError> {
    if st.uid != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Owner {
                uid: st.uid,
                expected: "root".into(),
            },
        ));
    }
    if !st.root_only() {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Writable { mode: st.mode },
        ));
    }
    Ok(())
}

/// Checks a state directory (or a baseline file's directory) before its contents are trusted:
/// it must be owned by root or `expected_owner` (the user whose run keeps the state, e.g. the
/// agentless user for a baseline its wrapper keeps) and not writable by group or others.
/// Returns the directory opened. A missing directory is created with mode 0700 and that owner
/// when `create` is set.
pub(crate) fn check_state_dir(
    path: &Path,
    expected_owner: Option<(u32, u32)>,
    create: bool,
) -> Result<SafeDir, FsError> {
    let owners = Owners::Trusted(expected_owner.map(|(u, _)| u));
    let dir = match SafeDir::open(path, owners) {
        Ok(d) => d,
        Err(e) if e.is_not_found() && create => {
            let (parent, name) = SafeDir::open_parent(path, owners)?;
            parent.create_dir(&name, 0o700, expected_owner)?.0
        }
        Err(e) => return Err(e),
    };
    if dir.stat().mode & 0o022 != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Writable {
                mode: dir.stat().mode,
            },
        ));
    }
    Ok(dir)
}

/// Makes `dir` ready to keep state files: creates it (mode 0700) and a missing parent (0700),
/// then checks both with [`check_state_dir`] (no expected owner but root or us). `scan`'s
/// baselines and `diff`'s kept outputs use it.
pub(crate) fn ensure_state_dir(dir: &Path) -> Result<(), FsError> {
    use std::os::unix::fs::DirBuilderExt;
    if let Some(base) = dir.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(base)
            .map_err(|source| FsError::Write {
                path: base.to_path_buf(),
                source,
            })?;
        check_state_dir(base, None, false)?;
    }
    check_state_dir(dir, None, true)?;
    Ok(())
}

/// Whether the state file at `path` may be read: its directory and the one above pass
/// [`check_state_dir`]. `Ok(false)` when either does not exist (there is no state yet).
pub(crate) fn state_file_trusted(path: &Path) -> Result<bool, FsError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    for d in [dir.parent(), Some(dir)].into_iter().flatten() {
        match check_state_dir(d, None, false) {
            Ok(_) => {}
            Err(e) if e.is_not_found() => return Ok(false),
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn state_dirs_are_private() {
        let d = tempfile::tempdir().unwrap();
        let new = d.path().join("state");
        check_state_dir(&new, None, true).unwrap();
        assert_eq!(std::fs::metadata(&new).unwrap().mode() & 0o777, 0o700);
        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = check_state_dir(&new, None, false).unwrap_err().to_string();
        assert!(
            e.contains("writable by group or others") && e.contains("chmod go-w"),
            "{e}"
        );
        assert!(
            check_state_dir(&d.path().join("missing"), None, false)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn executables_must_be_roots_alone() {
        if !super::super::is_root() {
            return;
        }
        let d = tempfile::tempdir().unwrap();
        let bin = d.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let exe = bin.join("daemon");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        check_root_executable(&exe).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o775)).unwrap();
        let e = check_root_executable(&exe).unwrap_err().to_string();
        assert!(e.contains(&bin.display().to_string()), "{e}");
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o775)).unwrap();
        assert!(check_root_executable(&exe).is_err());
    }
}
