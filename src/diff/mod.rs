//! Command-output and device-configuration monitoring: what `ossec-agentless diff` runs.
//!
//! - [`capture`]: gets the text: commands over an exec channel (POSIX hosts, `local`), or an
//!   interactive pty session with a network device ([`device`]).
//! - [`device`]: vendor profiles (Cisco IOS, ASA/PIX, Foundry/Brocade, Juniper Junos, auto) and
//!   the prompt state machine: first prompt, `enable` with the `.passlist` additional password,
//!   pager off, one command at a time, pager prompts answered and removed.
//! - [`filter`]: noise lines ignored (clock, uptime, configuration sizes, `--ignore`) and
//!   secrets masked (passwords, secrets, SNMP communities, keys), as RANCID does.
//! - [`store`]: the last output per target and command set (0600 files in a 0700 directory,
//!   atomic replacement under a lock).
//! - [`job`]: one check (capture → filter → compare → forward → record) and many in parallel.
//! - [`render`]: unified diffs for people, the normal-format diff and the rule-555 message
//!   ossec-agentlessd sends.
//!
//! Nothing here prints; secrets never appear in errors.

pub(crate) mod capture;
pub(crate) mod device;
pub(crate) mod filter;
pub(crate) mod job;
pub(crate) mod render;
pub(crate) mod store;

use std::path::PathBuf;

/// Why a diff run failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiffError {
    /// Connecting or running a command failed.
    #[error(transparent)]
    Transport(#[from] crate::transport::TransportError),
    /// The target could not be reached (bad spec, no credentials).
    #[error(transparent)]
    Target(#[from] crate::scan::ScanError),
    /// A device did not show what was expected in time.
    #[error("{target}: timed out after {seconds} s waiting for {waiting_for}")]
    Timeout {
        /// The host.
        target: String,
        /// What was expected.
        waiting_for: String,
        /// The timeout.
        seconds: u64,
    },
    /// A command on a POSIX host could not run or did not end.
    #[error("{target}: {reason}")]
    Command {
        /// The host.
        target: String,
        /// What happened.
        reason: String,
    },
    /// The device session went wrong (closed early, refused enable, …).
    #[error("{target}: {reason}")]
    Device {
        /// The host.
        target: String,
        /// What happened.
        reason: String,
    },
    /// The output is larger than the limit.
    #[error("{target}: the output is larger than {limit} bytes; refusing to keep it")]
    TooLarge {
        /// The host.
        target: String,
        /// The limit.
        limit: usize,
    },
    /// A state file could not be read, written or locked.
    #[error(transparent)]
    Fs(#[from] crate::fsutil::FsError),
    /// The stored state is not usable.
    #[error("{}: {reason}", path.display())]
    State {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Sending to analysisd failed.
    #[error("cannot send to analysisd at {}", path.display())]
    Forward {
        /// The socket.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}
