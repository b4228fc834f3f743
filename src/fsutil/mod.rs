//! File-system helpers that every writer in the crate shares: the link-safe access layer
//! (`SafeDir`, `EditSession`), atomic replacement that keeps owner and mode, advisory lock
//! files, account lookups, and who may do what with a file (`perms`).
//!
//! Nothing here knows about OSSEC formats; callers pass finished bytes.

mod accounts;
mod atomic;
mod error;
mod lock;
mod owners;
pub(crate) mod perms;
mod safe;
mod session;
mod state;
mod sys;
mod trust;

pub(crate) use accounts::lookup_uid;
pub use accounts::{Account, effective_uid, group_id, is_root, lookup_user};
pub(crate) use atomic::{Ownership, WriteOptions, atomic_write, create_private_dir};
pub use error::FsError;
pub(crate) use lock::FileLock;
pub use owners::Hazard;
pub(crate) use owners::Owners;
pub use owners::user_name;
pub(crate) use safe::{SafeDir, read_optional};
pub(crate) use session::EditSession;
pub(crate) use state::{state_base, state_file_name};
pub(crate) use sys::Stat;
pub(crate) use trust::{check_root_executable, ensure_state_dir, state_file_trusted};

use std::path::Path;

/// Reads a whole file link-safely ([`SafeDir`], any owner), naming the path in the error.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    read_optional(path, Owners::Any)?.ok_or_else(|| FsError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::from(std::io::ErrorKind::NotFound),
    })
}
