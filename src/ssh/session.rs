//! The `ssh2` transport: connect, verify the host key, then log in (module `auth`); running
//! commands is in module `exec`.
//!
//! Connecting, the handshake and login use blocking calls bounded by the connect timeout
//! (`Session::set_timeout` applies per call). The host key is judged before any credential is
//! sent, and a newly trusted key is recorded only after login succeeded.

use super::auth::authenticate;
use super::hostkey::{self, HostKeyDecision, HostKeyPolicy, KnownHostsFile, Trust};
use super::{Destination, Password};
use crate::transport::{Timeouts, TransportError};
use ssh2::{MethodType, Session};
use std::io;
use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::path::Path;
use std::time::Duration;

/// How to log in.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// Password, then keyboard-interactive answered with the same password (PAM servers).
    Password(&'a Password),
    /// A private key file (unencrypted), with its `.pub` when at hand.
    KeyFile {
        /// The private key.
        private: &'a Path,
        /// The public key, if any.
        public: Option<&'a Path>,
    },
}

/// Connection settings.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Connect (and login) and idle timeouts.
    pub timeouts: Timeouts,
    /// What to do with host keys not yet known.
    pub policy: HostKeyPolicy,
    /// The known_hosts file to check and record in.
    pub known_hosts: KnownHostsFile,
    /// Record a newly trusted key after login (false for dry runs).
    pub record_new_keys: bool,
    /// Seconds between keepalive messages while a command runs (0: none).
    pub keepalive_secs: u32,
}

/// A logged-in SSH connection.
pub struct SshTransport {
    pub(super) session: Session,
    pub(super) fd: RawFd,
    pub(super) target: String,
    pub(super) timeouts: Timeouts,
    host_key: HostKeyDecision,
    recorded: bool,
    pub(super) broken: bool,
}

impl std::fmt::Debug for SshTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SshTransport")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

/// A connection whose host key has been accepted, not yet logged in.
pub struct Handshake {
    session: Session,
    fd: RawFd,
    target: String,
    user: String,
    opts: ConnectOptions,
    decision: HostKeyDecision,
}

impl std::fmt::Debug for Handshake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handshake")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl Handshake {
    /// How the host key was trusted.
    pub fn host_key(&self) -> &HostKeyDecision {
        &self.decision
    }

    /// Logs in with `auth`, then records a newly trusted host key (unless disabled).
    pub fn login(self, auth: Auth<'_>) -> Result<SshTransport, TransportError> {
        let Handshake {
            session,
            fd,
            target,
            user,
            opts,
            decision,
        } = self;
        authenticate(&session, &target, &user, auth)?;
        let mut recorded = false;
        if let (Trust::New { entry }, true) = (&decision.trust, opts.record_new_keys) {
            hostkey::record(&opts.known_hosts, entry).map_err(|source| {
                TransportError::KnownHosts {
                    target: target.clone(),
                    source,
                }
            })?;
            recorded = true;
        }
        session.set_keepalive(true, opts.keepalive_secs);
        Ok(SshTransport {
            session,
            fd,
            target,
            timeouts: opts.timeouts,
            host_key: decision,
            recorded,
            broken: false,
        })
    }
}

impl SshTransport {
    /// Connects to `dest`, checks its host key under `opts.policy` (refusing before any
    /// credential is sent), logs in with `auth`, and then records a newly trusted host key.
    pub fn connect(
        dest: &Destination,
        auth: Auth<'_>,
        opts: &ConnectOptions,
    ) -> Result<SshTransport, TransportError> {
        Self::handshake(dest, opts)?.login(auth)
    }

    /// Connects to `dest` and checks its host key under `opts.policy`; nothing is written and
    /// no credential is sent. Use it to refuse a host before asking the user for a password.
    pub fn handshake(
        dest: &Destination,
        opts: &ConnectOptions,
    ) -> Result<Handshake, TransportError> {
        let target = dest.target();
        let ssh_err = |step: &'static str| {
            let target = target.clone();
            move |source| TransportError::Ssh {
                target,
                step,
                source,
            }
        };
        let tcp =
            tcp_connect(dest, opts.timeouts.connect).map_err(|source| TransportError::Connect {
                target: target.clone(),
                source,
            })?;
        let fd = tcp.as_raw_fd();
        let mut session = Session::new().map_err(ssh_err("setup"))?;
        session.set_tcp_stream(tcp);
        session.set_timeout(millis(opts.timeouts.connect));

        // Prefer the key types already stored for this host, as OpenSSH does.
        let known =
            super::known_hosts::KnownHosts::load(&opts.known_hosts.path).unwrap_or_default();
        let supported = session
            .supported_algs(MethodType::HostKey)
            .map_err(ssh_err("setup"))?;
        let prefs = known.algorithm_preference(&dest.host, dest.port, &supported);
        session
            .method_pref(MethodType::HostKey, &prefs)
            .map_err(ssh_err("setup"))?;
        session.handshake().map_err(ssh_err("handshake"))?;

        let (blob, _) = session.host_key().ok_or_else(|| TransportError::Ssh {
            target: target.clone(),
            step: "host key",
            source: ssh2::Error::new(ssh2::ErrorCode::Session(-1), "the server sent no host key"),
        })?;
        let decision = hostkey::decide(
            &target,
            &dest.host,
            dest.port,
            blob,
            &opts.policy,
            &opts.known_hosts,
        )?;
        Ok(Handshake {
            session,
            fd,
            target,
            user: dest.user.clone(),
            opts: opts.clone(),
            decision,
        })
    }

    /// How the host key was trusted.
    pub fn host_key(&self) -> &HostKeyDecision {
        &self.host_key
    }

    /// True when a new host key was written to known_hosts by this connection.
    pub fn recorded_new_key(&self) -> bool {
        self.recorded
    }
}

impl Drop for SshTransport {
    fn drop(&mut self) {
        self.session.set_blocking(true);
        self.session.set_timeout(1000);
        let _ = self.session.disconnect(None, "done", None);
        // Freeing the session closes any channel left open; do not wait for replies.
        self.session.set_blocking(false);
    }
}

/// libssh2's `LIBSSH2_ERROR_EAGAIN`: a non-blocking call would block.
pub(super) fn would_block(e: &ssh2::Error) -> bool {
    e.code() == ssh2::ErrorCode::Session(-37)
}

pub(super) fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

fn tcp_connect(dest: &Destination, timeout: Duration) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the name resolved to no address");
    for addr in (dest.host.as_str(), dest.port).to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}
