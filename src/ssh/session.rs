//! The `ssh2` transport: connect, verify the host key, then log in (module `auth`); running
//! commands is in module `exec`.
//!
//! Connecting, the handshake and login use blocking calls. `Session::set_timeout` bounds each
//! wait, but not a server that keeps sending (an endless stream of lines before its banner):
//! a [`Deadline`] watchdog shuts the socket down when the connect timeout has passed, so TCP
//! connect, banner, key exchange and login together never take longer. The host key is judged
//! before any credential is sent, and a newly trusted key is recorded only after login
//! succeeded.

use super::Destination;
use super::auth::authenticate;
use super::hostkey::{self, HostKeyDecision, HostKeyPolicy, KnownHostsFile, Trust};
use crate::secret::Secret;
use crate::transport::{Timeouts, TransportError};
use ssh2::{MethodType, Session};
use std::io;
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The step [`TransportError::Deadline`] names when a connection is not ready in time.
const CONNECTING: &str = "connecting (TCP, SSH banner, key exchange, login)";

/// Shuts a connection's socket down once `until` has passed, unless dropped before: every
/// blocking libssh2 call on it then fails at once. It holds its own duplicate of the socket,
/// so it can never touch a descriptor number reused after the session closed.
pub(super) struct Deadline {
    cancel: Option<mpsc::Sender<()>>,
    fired: Arc<AtomicBool>,
}

impl Deadline {
    /// Arms a watchdog on `sock` for `until`.
    pub(super) fn arm(sock: &TcpStream, until: Instant) -> io::Result<Deadline> {
        let dup = sock.try_clone()?;
        let (tx, rx) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&fired);
        std::thread::Builder::new()
            .name("ssh-deadline".into())
            .spawn(move || {
                let wait = until.saturating_duration_since(Instant::now());
                if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(wait) {
                    flag.store(true, Ordering::SeqCst);
                    let _ = dup.shutdown(Shutdown::Both);
                }
            })?;
        Ok(Deadline {
            cancel: Some(tx),
            fired,
        })
    }

    /// True once the socket was shut down because the deadline passed.
    pub(super) fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        // Dropping the sender wakes the watchdog, which then ends without touching the socket.
        self.cancel.take();
    }
}

/// How to log in.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// Password, then keyboard-interactive answered with the same password (PAM servers).
    Password(&'a Secret),
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
    /// A duplicate of the socket, for arming deadlines.
    pub(super) sock: TcpStream,
    pub(super) target: String,
    pub(super) timeouts: Timeouts,
    host_key: HostKeyDecision,
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
pub(crate) struct Handshake {
    session: Session,
    fd: RawFd,
    /// A duplicate of the socket, for arming the login deadline.
    sock: TcpStream,
    /// The deadline of the whole connect (set by [`SshTransport::connect`]); `None` after a
    /// bare [`SshTransport::handshake`], whose caller may prompt before logging in.
    deadline: Option<Instant>,
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
    /// Logs in with `auth`, then records a newly trusted host key (unless disabled). Login
    /// must finish within the connect timeout (counted from now after a bare handshake).
    pub(crate) fn login(self, auth: Auth<'_>) -> Result<SshTransport, TransportError> {
        let Handshake {
            session,
            fd,
            sock,
            deadline,
            target,
            user,
            opts,
            decision,
        } = self;
        let until = deadline.unwrap_or_else(|| Instant::now() + opts.timeouts.connect);
        let watchdog = Deadline::arm(&sock, until).map_err(|source| TransportError::Connect {
            target: target.clone(),
            source,
        })?;
        let logged_in = authenticate(&session, &target, &user, auth);
        if watchdog.fired() {
            return Err(TransportError::Deadline {
                target,
                step: CONNECTING,
                seconds: opts.timeouts.connect.as_secs(),
            });
        }
        drop(watchdog);
        logged_in?;
        if let (Trust::New { entry }, true) = (&decision.trust, opts.record_new_keys) {
            hostkey::record(&opts.known_hosts, entry).map_err(|source| {
                TransportError::KnownHosts {
                    target: target.clone(),
                    source,
                }
            })?;
        }
        session.set_keepalive(true, opts.keepalive_secs);
        Ok(SshTransport {
            session,
            fd,
            sock,
            target,
            timeouts: opts.timeouts,
            host_key: decision,
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
        let until = Instant::now() + opts.timeouts.connect;
        let mut hs = Self::handshake_until(dest, opts, until)?;
        hs.deadline = Some(until);
        hs.login(auth)
    }

    /// Connects to `dest` and checks its host key under `opts.policy`; nothing is written and
    /// no credential is sent. Use it to refuse a host before asking the user for a password.
    pub(crate) fn handshake(
        dest: &Destination,
        opts: &ConnectOptions,
    ) -> Result<Handshake, TransportError> {
        Self::handshake_until(dest, opts, Instant::now() + opts.timeouts.connect)
    }

    /// [`Self::handshake`], finished by `until` or failed with [`TransportError::Deadline`].
    fn handshake_until(
        dest: &Destination,
        opts: &ConnectOptions,
        until: Instant,
    ) -> Result<Handshake, TransportError> {
        let target = dest.target();
        let timed_out = || TransportError::Deadline {
            target: target.clone(),
            step: CONNECTING,
            seconds: opts.timeouts.connect.as_secs(),
        };
        let ssh_err = |step| super::ssh_err(&target, step);
        let connect_err = |source| TransportError::Connect {
            target: target.clone(),
            source,
        };
        let tcp = tcp_connect(dest, until).map_err(|e| {
            if e.kind() == io::ErrorKind::TimedOut && Instant::now() >= until {
                timed_out()
            } else {
                connect_err(e)
            }
        })?;
        let fd = tcp.as_raw_fd();
        let sock = tcp.try_clone().map_err(connect_err)?;
        let watchdog = Deadline::arm(&sock, until).map_err(connect_err)?;
        let mut session = Session::new().map_err(ssh_err("setup"))?;
        session.set_tcp_stream(tcp);
        session.set_timeout(millis(until.saturating_duration_since(Instant::now())).max(1));
        let result = Self::negotiate(&mut session, dest, opts, &target);
        // A step that failed because the watchdog cut the socket is a timeout, whatever
        // libssh2 made of it.
        if watchdog.fired() {
            return Err(timed_out());
        }
        drop(watchdog);
        let decision = result?;
        Ok(Handshake {
            session,
            fd,
            sock,
            deadline: None,
            target,
            user: dest.user.clone(),
            opts: opts.clone(),
            decision,
        })
    }

    /// Key exchange and the host-key decision, on a connected session.
    fn negotiate(
        session: &mut Session,
        dest: &Destination,
        opts: &ConnectOptions,
        target: &str,
    ) -> Result<HostKeyDecision, TransportError> {
        let ssh_err = |step| super::ssh_err(target, step);

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
            target: target.to_string(),
            step: "host key",
            source: ssh2::Error::new(ssh2::ErrorCode::Session(-1), "the server sent no host key"),
        })?;
        hostkey::decide(
            target,
            &dest.host,
            dest.port,
            blob,
            &opts.policy,
            &opts.known_hosts,
        )
    }

    /// How the host key was trusted.
    pub(crate) fn host_key(&self) -> &HostKeyDecision {
        &self.host_key
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

/// Connects to the first address of `dest` that answers, all tries together by `until`.
fn tcp_connect(dest: &Destination, until: Instant) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the name resolved to no address");
    for addr in (dest.host.as_str(), dest.port).to_socket_addrs()? {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "connect timeout"));
        }
        match TcpStream::connect_timeout(&addr, left) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}
