//! Errors from running commands on a host. Every variant names the target.
//! None of them ever holds a password.

use std::io;

/// Why a command could not be run, or did not finish.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The command could not be started.
    #[error("{target}: cannot start the command")]
    Spawn {
        /// The host.
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Nothing arrived for the idle timeout; the command was killed.
    #[error("{target}: no output for {seconds} s (idle timeout); the command was stopped")]
    IdleTimeout {
        /// The host.
        target: String,
        /// The timeout.
        seconds: u64,
    },
    /// Reading or writing the command's streams failed.
    #[error("{target}: lost the connection to the command")]
    Io {
        /// The host.
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The caller's output sink refused the data.
    #[error("{target}: output handling failed")]
    Sink {
        /// The host.
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The TCP connection could not be made.
    #[error("{target}: cannot connect")]
    Connect {
        /// The host.
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The SSH protocol failed at the named step (handshake, channel, …).
    #[error("{target}: ssh {step} failed")]
    Ssh {
        /// The host.
        target: String,
        /// What we were doing.
        step: &'static str,
        /// libssh2's error.
        #[source]
        source: ssh2::Error,
    },
    /// The host key was refused: unknown, changed, revoked or not the pinned one.
    #[error(transparent)]
    HostKey(Box<crate::ssh::hostkey::HostKeyError>),
    /// known_hosts could not be read or written.
    #[error("{target}: cannot update the known hosts file")]
    KnownHosts {
        /// The host.
        target: String,
        /// Why.
        #[source]
        source: crate::fsutil::FsError,
    },
    /// Login was refused.
    #[error("{target}: authentication failed for user {user} ({detail})")]
    AuthFailed {
        /// The host.
        target: String,
        /// The remote user.
        user: String,
        /// Which methods were tried and what the server offers.
        detail: String,
    },
    /// A step that must finish within the connect timeout did not: connecting (TCP, the SSH
    /// banner, key exchange, login; a host that never finishes its banner, say) or opening a
    /// command channel. The connection was cut.
    #[error("{target}: {step} took longer than {seconds} s (connect timeout); gave up")]
    Deadline {
        /// The host.
        target: String,
        /// What did not finish.
        step: &'static str,
        /// The timeout.
        seconds: u64,
    },
    /// The connection dropped while a command ran.
    #[error("{target}: connection lost")]
    Disconnected {
        /// The host.
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
}
