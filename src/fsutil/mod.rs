//! File-system helpers that every writer in the crate shares: atomic replacement that keeps
//! owner and mode, advisory lock files, account lookups, and who may do what with a file
//! ([`perms`]).
//!
//! Nothing here knows about OSSEC formats; callers pass finished bytes.

mod accounts;
mod atomic;
mod error;
mod lock;
pub mod perms;

pub use accounts::{Account, effective_uid, group_id, is_root, lookup_user};
pub use atomic::{Ownership, WriteOptions, atomic_write, create_private_dir};
pub use error::FsError;
pub use lock::FileLock;

use std::path::Path;

/// Reads a whole file, naming the path in the error.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    std::fs::read(path).map_err(|source| FsError::Read {
        path: path.to_path_buf(),
        source,
    })
}
