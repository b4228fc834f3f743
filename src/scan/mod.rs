//! One-shot integrity scans of a host: walk paths, hash regular files, compare with a stored
//! baseline, and report in human, FWD, OSSEC-alert or JSON form.
//!
//! Two engines produce the same [`ScanResult`]:
//! - `native`: this machine, in process (std::fs walk, each file read once into MD5 and SHA-1
//!   together, one worker per core);
//! - [`script`] + [`stream`]: any [`Transport`](crate::transport::Transport) running one POSIX
//!   `sh` script that batches `find`, `stat`, `md5sum` and `sha1sum` (GNU, BusyBox, or BSD
//!   `md5 -r`/`sha1 -r`/`stat -f`) and sends NUL-framed sections, parsed as they stream in.
//!
//! Every name is kept as bytes. Nothing found is dropped silently: unreadable files and
//! directories and files that vanished mid-scan are listed. This module never prints.

pub(crate) mod alert_watch;
pub(crate) mod baseline;
pub(crate) mod diff;
mod error;
pub mod forward;
pub(crate) mod job;
pub(crate) mod native;
mod record;
pub(crate) mod report;
pub mod script;
pub mod stream;
pub(crate) mod syscheck_db;
pub(crate) mod target;

pub use error::ScanError;
pub(crate) use record::{Kind, Meta, ProblemKind};
pub use record::{Problem, Record, ScanResult};

/// What to scan and how, independent of the engine.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScanOptions {
    /// Follow symbolic links (hash what they point to) instead of recording the links.
    pub(crate) follow: bool,
    /// Run the remote script through `sudo -n` (no password prompt).
    pub(crate) sudo: bool,
}

/// Progress callback: called with (files hashed, bytes hashed) so far.
pub(crate) type ProgressFn = dyn Fn(u64, u64) + Send + Sync;
