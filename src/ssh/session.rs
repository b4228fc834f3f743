//! The `ssh2` transport: connect, verify the host key, log in, and run commands.
//!
//! Connecting, the handshake and login use blocking calls bounded by the connect timeout
//! (`Session::set_timeout` applies per call). Running a command switches the session to
//! non-blocking mode and polls the socket itself, so that stdout and stderr are both drained
//! and the idle timer counts only silence, never total duration.

use super::hostkey::{self, HostKeyDecision, HostKeyPolicy, KnownHostsFile, Trust};
use super::{Destination, Password};
use crate::transport::{
    ExitStatus, OutputSink, Stream, Timeouts, Transport, TransportError, shell_quote,
};
use ssh2::{KeyboardInteractivePrompt, MethodType, Prompt, Session};
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::path::Path;
use std::time::{Duration, Instant};

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
    session: Session,
    fd: RawFd,
    target: String,
    timeouts: Timeouts,
    host_key: HostKeyDecision,
    recorded: bool,
    broken: bool,
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

    fn pump(
        &mut self,
        ch: &mut ssh2::Channel,
        stdin: &[u8],
        sink: &mut OutputSink<'_>,
    ) -> Result<ExitStatus, TransportError> {
        let target = self.target.clone();
        let lost = |source: io::Error| TransportError::Disconnected {
            target: target.clone(),
            source,
        };
        let mut written = 0;
        let mut eof_sent = false;
        let mut last_activity = Instant::now();
        let mut buf = vec![0u8; 32 * 1024];
        loop {
            let mut progress = false;
            if written < stdin.len() {
                match ch.write(&stdin[written..]) {
                    Ok(n) => {
                        written += n;
                        progress = n > 0;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    // The command stopped reading (exited early): stop feeding it.
                    Err(_) => written = stdin.len(),
                }
            } else if !eof_sent {
                match ch.send_eof() {
                    Err(e) if would_block(&e) => {}
                    _ => eof_sent = true,
                }
            }
            for (id, stream) in [(0, Stream::Stdout), (1, Stream::Stderr)] {
                loop {
                    match ch.stream(id).read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            progress = true;
                            sink(stream, &buf[..n]).map_err(|source| TransportError::Sink {
                                target: target.clone(),
                                source,
                            })?;
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(e) => return Err(lost(e)),
                    }
                }
            }
            if ch.eof() {
                break;
            }
            if progress {
                last_activity = Instant::now();
                continue;
            }
            let wait = self.idle_wait(last_activity)?;
            self.wait_socket(wait);
        }
        // Output is complete; wait for the close that carries the exit status.
        loop {
            match ch.wait_close() {
                Ok(()) => break,
                Err(e) if would_block(&e) => {
                    let wait = self.idle_wait(last_activity)?;
                    self.wait_socket(wait);
                }
                Err(e) => return Err(lost(e.into())),
            }
        }
        if let Ok(sig) = ch.exit_signal()
            && let Some(name) = sig.exit_signal
        {
            return Ok(ExitStatus::Signal(name));
        }
        let code = ch.exit_status().map_err(|e| lost(e.into()))?;
        Ok(ExitStatus::Code(code))
    }

    /// How long to sleep before looking again; fails once the idle timeout has passed.
    fn idle_wait(&self, last_activity: Instant) -> Result<Duration, TransportError> {
        let keepalive = match self.session.keepalive_send() {
            Ok(secs) if secs > 0 => Duration::from_secs(u64::from(secs)),
            _ => Duration::from_secs(1),
        };
        match self.timeouts.idle {
            Some(idle) => {
                let quiet = last_activity.elapsed();
                if quiet >= idle {
                    return Err(TransportError::IdleTimeout {
                        target: self.target.clone(),
                        seconds: idle.as_secs(),
                    });
                }
                Ok((idle - quiet).min(keepalive))
            }
            None => Ok(keepalive),
        }
    }

    /// Waits until the socket is ready in the direction libssh2 needs, or `wait` passes.
    fn wait_socket(&self, wait: Duration) {
        let events = match self.session.block_directions() {
            ssh2::BlockDirections::Outbound => libc::POLLOUT,
            ssh2::BlockDirections::Both => libc::POLLIN | libc::POLLOUT,
            _ => libc::POLLIN,
        };
        let mut pfd = libc::pollfd {
            fd: self.fd,
            events,
            revents: 0,
        };
        let ms = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX).max(1);
        // SAFETY: one valid pollfd on the stack, length 1; the fd is owned by the session.
        unsafe {
            libc::poll(&mut pfd, 1, ms);
        }
    }
}

impl Transport for SshTransport {
    fn target(&self) -> String {
        self.target.clone()
    }

    fn exec(
        &mut self,
        command: &str,
        stdin: &[u8],
        sink: &mut OutputSink<'_>,
    ) -> Result<ExitStatus, TransportError> {
        let ssh_err = |step: &'static str| {
            let target = self.target.clone();
            move |source| TransportError::Ssh {
                target,
                step,
                source,
            }
        };
        // Whatever the login shell (bash, dash, zsh, fish, a noisy profile), run the command
        // under sh. A csh-family login shell rejects newlines inside the quoted word, so
        // commands meant for such hosts must be one line (push-key's script is).
        let wrapped = format!(
            "exec sh -c {}",
            String::from_utf8_lossy(&shell_quote(command.as_bytes()))
        );
        if self.broken {
            return Err(TransportError::Disconnected {
                target: self.target.clone(),
                source: io::Error::other("the connection was dropped after an earlier failure"),
            });
        }
        self.session.set_blocking(true);
        self.session.set_timeout(millis(self.timeouts.connect));
        let mut ch = self
            .session
            .channel_session()
            .map_err(ssh_err("channel open"))?;
        ch.exec(&wrapped).map_err(ssh_err("exec"))?;
        self.session.set_blocking(false);
        let result = self.pump(&mut ch, stdin, sink);
        if result.is_err() {
            // Still non-blocking: freeing the channel must not wait for the remote command
            // (which may be silent for hours). The connection is not reused after this.
            drop(ch);
            self.broken = true;
        }
        self.session.set_blocking(true);
        result
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
fn would_block(e: &ssh2::Error) -> bool {
    e.code() == ssh2::ErrorCode::Session(-37)
}

fn millis(d: Duration) -> u32 {
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

/// Answers every keyboard-interactive prompt with the password (PAM asks "Password: ", and may
/// send further, empty rounds, which get empty answers).
struct AnswerWithPassword<'a>(&'a Password);

impl KeyboardInteractivePrompt for AnswerWithPassword<'_> {
    fn prompt<'b>(&mut self, _user: &str, _instr: &str, prompts: &[Prompt<'b>]) -> Vec<String> {
        prompts
            .iter()
            .map(|_| self.0.expose().to_string())
            .collect()
    }
}

fn authenticate(
    session: &Session,
    target: &str,
    user: &str,
    auth: Auth<'_>,
) -> Result<(), TransportError> {
    let failed = |detail: String| TransportError::AuthFailed {
        target: target.to_string(),
        user: user.to_string(),
        detail,
    };
    let offered = match session.auth_methods(user) {
        Ok(m) => m.to_string(),
        Err(_) if session.authenticated() => return Ok(()),
        Err(e) => {
            return Err(TransportError::Ssh {
                target: target.to_string(),
                step: "login",
                source: e,
            });
        }
    };
    let has = |m: &str| offered.split(',').any(|o| o == m);
    let mut tried = Vec::new();
    match auth {
        Auth::KeyFile { private, public } => {
            if !has("publickey") {
                return Err(failed(format!(
                    "the server does not accept keys; it offers: {offered}"
                )));
            }
            tried.push("publickey");
            if session
                .userauth_pubkey_file(user, public, private, None)
                .is_ok()
                && session.authenticated()
            {
                return Ok(());
            }
            Err(failed(format!(
                "key {} refused; the server offers: {offered}",
                private.display()
            )))
        }
        Auth::Password(pw) => {
            if has("password") {
                tried.push("password");
                if session.userauth_password(user, pw.expose()).is_ok() && session.authenticated() {
                    return Ok(());
                }
            }
            if has("keyboard-interactive") && !session.authenticated() {
                tried.push("keyboard-interactive");
                let mut answer = AnswerWithPassword(pw);
                if session
                    .userauth_keyboard_interactive(user, &mut answer)
                    .is_ok()
                    && session.authenticated()
                {
                    return Ok(());
                }
            }
            if tried.is_empty() {
                return Err(failed(format!(
                    "the server accepts no password login; it offers: {offered}"
                )));
            }
            Err(failed(format!(
                "wrong password or user? tried {}; the server offers: {offered}",
                tried.join(" and ")
            )))
        }
    }
}
