//! Who may do what with a file, computed from its owner, group and mode bits.
//!
//! Used to explain failures in terms of the agentless user (which is usually not us) and to
//! check the OSSEC tree. Only the classic Unix bits are considered (no ACLs); like the daemon,
//! the user is assumed to have exactly one group.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Read permission.
pub(crate) const READ: u32 = 4;
/// Write permission.
#[cfg(test)]
pub(crate) const WRITE: u32 = 2;
/// Execute (files) or search (directories) permission.
pub(crate) const EXEC: u32 = 1;

/// An account as the kernel checks it: one user id and one group id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Who {
    /// User id.
    pub(crate) uid: u32,
    /// Group id.
    pub(crate) gid: u32,
}

/// True when `who` has every permission in `want` (a sum of [`READ`], [`WRITE`], [`EXEC`]).
pub(crate) fn may(meta: &std::fs::Metadata, who: Who, want: u32) -> bool {
    let mode = meta.mode();
    if who.uid == 0 {
        // root passes read/write checks; exec needs at least one x bit (or a directory).
        return want & EXEC == 0 || meta.is_dir() || mode & 0o111 != 0;
    }
    let bits = if meta.uid() == who.uid {
        (mode >> 6) & 7
    } else if meta.gid() == who.gid {
        (mode >> 3) & 7
    } else {
        mode & 7
    };
    bits & want == want
}

/// The first ancestor directory of `path` (from `/` down) that `who` cannot search.
pub(crate) fn blocked_ancestor(path: &Path, who: Who) -> Option<std::path::PathBuf> {
    let mut blocked = None;
    for dir in path
        .ancestors()
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        if dir.as_os_str().is_empty() {
            continue;
        }
        match std::fs::metadata(dir) {
            Ok(m) if !may(&m, who, EXEC) => {
                blocked = Some(dir.to_path_buf());
                break;
            }
            _ => {}
        }
    }
    blocked
}

/// True when the file system holding `path` is mounted `noexec`.
pub(crate) fn mounted_noexec(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: statvfs writes into the zeroed struct we own; the path is NUL-terminated.
    unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        libc::statvfs(c.as_ptr(), &mut st) == 0 && st.f_flag & libc::ST_NOEXEC != 0
    }
}

/// Mode bits as `0750`.
pub(crate) fn octal(mode: u32) -> String {
    format!("{:04o}", mode & 0o7777)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn owner_group_other_bits() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, "").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o540)).unwrap();
        let m = std::fs::metadata(&f).unwrap();
        let owner = Who {
            uid: m.uid(),
            gid: 12345,
        };
        let group = Who {
            uid: 54321,
            gid: m.gid(),
        };
        let other = Who {
            uid: 54321,
            gid: 12345,
        };
        assert!(may(&m, owner, READ | EXEC));
        assert!(may(&m, group, READ));
        assert!(!may(&m, group, EXEC));
        assert!(!may(&m, other, READ));
        assert_eq!(octal(m.mode()), "0540");
    }

    #[test]
    fn root_needs_an_exec_bit() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, "").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        let m = std::fs::metadata(&f).unwrap();
        let root = Who { uid: 0, gid: 0 };
        assert!(may(&m, root, READ | WRITE));
        assert!(!may(&m, root, EXEC));
    }
}
