//! Errors from running commands on a host. Every variant names the target.

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
}
