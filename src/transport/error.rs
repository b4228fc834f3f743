//! Errors from running commands on a host. Every variant names the target.
//! None of them ever holds a password.

use std::io;
use std::path::PathBuf;

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
    HostKey(Box<HostKeyError>),
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

/// Why a host key was refused. Every message names the host and the key's fingerprint.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HostKeyError {
    /// The host key is not in known_hosts and the policy does not allow adding it.
    #[error(
        "{target}: unknown host key {key_type} {fingerprint} (not in {}{others}); \
         check it with the host's administrator (on the host: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), \
         then re-run with --fingerprint {fingerprint} (or --accept-new to trust it on first use)",
        known_hosts.display()
    )]
    Unknown {
        /// The host.
        target: String,
        /// `ED25519`, `RSA`, …
        key_type: String,
        /// `SHA256:…`
        fingerprint: String,
        /// The file searched.
        known_hosts: PathBuf,
        /// Extra text about keys of other types, or empty.
        others: String,
    },
    /// The host offered a key of a type not stored for it while other types are stored.
    #[error(
        "{target}: the host offered a {key_type} key {fingerprint}, but {} holds only other key types for it ({known}); \
         refusing to trust a new key type on first use: verify the fingerprint and re-run with --fingerprint {fingerprint}",
        known_hosts.display()
    )]
    UnknownType {
        /// The host.
        target: String,
        /// `ED25519`, …
        key_type: String,
        /// `SHA256:…`
        fingerprint: String,
        /// The file.
        known_hosts: PathBuf,
        /// `line 3: RSA`, …
        known: String,
    },
    /// The host key differs from the one stored: always refused.
    #[error(
        "{target}: HOST KEY CHANGED: the host offered {key_type} {fingerprint}, but {} line {line} holds a different {key_type} key; \
         this may be a man-in-the-middle attack. If the host was reinstalled, check the new fingerprint with its administrator, \
         remove line {line} (ssh-keygen -R '{name}' -f {}) and connect again",
        known_hosts.display(), known_hosts.display()
    )]
    Changed {
        /// The host.
        target: String,
        /// The name the key is stored under (`host` or `[host]:port`).
        name: String,
        /// `ED25519`, …
        key_type: String,
        /// The offered key's `SHA256:…`.
        fingerprint: String,
        /// The file.
        known_hosts: PathBuf,
        /// 1-based line holding the old key.
        line: usize,
    },
    /// The host key is marked `@revoked`.
    #[error("{target}: the host key {fingerprint} is marked @revoked in {} line {line}", known_hosts.display())]
    Revoked {
        /// The host.
        target: String,
        /// `SHA256:…`
        fingerprint: String,
        /// The file.
        known_hosts: PathBuf,
        /// The line.
        line: usize,
    },
    /// The host key does not have the fingerprint given with `--fingerprint`.
    #[error(
        "{target}: host key {key_type} {actual} does not match the expected fingerprint {expected}"
    )]
    FingerprintMismatch {
        /// The host.
        target: String,
        /// `ED25519`, …
        key_type: String,
        /// What was expected.
        expected: String,
        /// What the host offered.
        actual: String,
    },
}

impl From<HostKeyError> for TransportError {
    fn from(e: HostKeyError) -> Self {
        TransportError::HostKey(Box::new(e))
    }
}
