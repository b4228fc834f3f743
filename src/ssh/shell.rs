//! An interactive login shell over a pty, for hosts that refuse exec requests (routers,
//! firewalls, switches): the caller writes keystrokes and reads what the terminal shows.
//!
//! The session runs in non-blocking mode; every read waits at most the time the caller gives,
//! so nothing the host does (or does not do) can hang the caller.

use super::session::{SshTransport, millis};
use crate::transport::TransportError;
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// What one [`PtyShell::recv`] got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Received {
    /// Some bytes (stdout and stderr of the pty, in arrival order).
    Data(Vec<u8>),
    /// Nothing arrived within the wait.
    Quiet,
    /// The host closed the session.
    Closed,
}

/// An open `shell` channel with a pty.
pub(crate) struct PtyShell<'a> {
    transport: &'a mut SshTransport,
    ch: ssh2::Channel,
}

impl std::fmt::Debug for PtyShell<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PtyShell")
            .field("target", &self.transport.target)
            .finish_non_exhaustive()
    }
}

impl SshTransport {
    /// Opens a session channel, asks for a pty (`vt100`, `cols`×`rows`) and starts the login
    /// shell: no exec request is made.
    pub(crate) fn shell(&mut self, cols: u32, rows: u32) -> Result<PtyShell<'_>, TransportError> {
        if self.broken {
            return Err(TransportError::Disconnected {
                target: self.target.clone(),
                source: io::Error::other("the connection was dropped after an earlier failure"),
            });
        }
        let target = self.target.clone();
        let ssh_err = |step| super::ssh_err(&target, step);
        self.session.set_blocking(true);
        self.session.set_timeout(millis(self.timeouts.connect));
        let mut ch = self
            .session
            .channel_session()
            .map_err(ssh_err("channel open"))?;
        ch.request_pty("vt100", None, Some((cols, rows, 0, 0)))
            .map_err(ssh_err("pty request"))?;
        ch.shell().map_err(ssh_err("shell request"))?;
        self.session.set_blocking(false);
        Ok(PtyShell {
            transport: self,
            ch,
        })
    }
}

impl PtyShell<'_> {
    /// The host, for messages.
    pub(crate) fn target(&self) -> &str {
        &self.transport.target
    }

    fn lost(&mut self, source: io::Error) -> TransportError {
        self.transport.broken = true;
        TransportError::Disconnected {
            target: self.transport.target.clone(),
            source,
        }
    }

    /// Writes all of `data`, waiting at most `timeout` for the window.
    pub(crate) fn send(&mut self, data: &[u8], timeout: Duration) -> Result<(), TransportError> {
        let start = Instant::now();
        let mut written = 0;
        while written < data.len() {
            match self.ch.write(&data[written..]) {
                Ok(n) => written += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if start.elapsed() >= timeout {
                        self.transport.broken = true;
                        return Err(TransportError::IdleTimeout {
                            target: self.transport.target.clone(),
                            seconds: timeout.as_secs(),
                        });
                    }
                    self.transport.wait_socket(Duration::from_millis(50));
                }
                Err(e) => return Err(self.lost(e)),
            }
        }
        loop {
            match self.ch.flush() {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if start.elapsed() >= timeout {
                        return Ok(());
                    }
                    self.transport.wait_socket(Duration::from_millis(50));
                }
                Err(e) => return Err(self.lost(e)),
            }
        }
    }

    /// Returns what arrives within `wait` (as soon as anything does), [`Received::Quiet`]
    /// when nothing did, or [`Received::Closed`] at the end of the session.
    pub(crate) fn recv(&mut self, wait: Duration) -> Result<Received, TransportError> {
        let start = Instant::now();
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let mut got = Vec::new();
            for id in [0, 1] {
                for _ in 0..16 {
                    match self.ch.stream(id).read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => got.extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(e) => return Err(self.lost(e)),
                    }
                }
            }
            if !got.is_empty() {
                return Ok(Received::Data(got));
            }
            if self.ch.eof() {
                return Ok(Received::Closed);
            }
            let spent = start.elapsed();
            if spent >= wait {
                return Ok(Received::Quiet);
            }
            let _ = self.transport.session.keepalive_send();
            self.transport
                .wait_socket((wait - spent).min(Duration::from_millis(500)));
        }
    }
}

impl Drop for PtyShell<'_> {
    fn drop(&mut self) {
        // Non-blocking: closing must not wait on a host that stopped answering.
        let _ = self.ch.close();
        self.transport.session.set_blocking(true);
    }
}
