//! Running a command over an established [`SshTransport`]: the session switches to non-blocking
//! mode and this module polls the socket itself, so that stdout and stderr are both drained,
//! stdin is fed as the window allows, and the idle timer counts only silence, never the total
//! duration. Keepalives are sent while waiting.

use super::session::{Deadline, SshTransport, millis, would_block};
use crate::transport::{ExitStatus, OutputSink, Stream, Transport, TransportError, shell_quote};
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

impl SshTransport {
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
                // A bounded number of reads per turn, so neither stream starves the other.
                for _ in 0..16 {
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
    pub(super) fn wait_socket(&self, wait: Duration) {
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
        let target = self.target.clone();
        let ssh_err = |step| super::ssh_err(&target, step);
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
        // Opening the channel is bounded like connecting: a server that keeps sending other
        // packets would otherwise hold these blocking calls forever.
        let watchdog = Deadline::arm(&self.sock, Instant::now() + self.timeouts.connect).map_err(
            |source| TransportError::Spawn {
                target: self.target.clone(),
                source,
            },
        )?;
        let opened = self
            .session
            .channel_session()
            .map_err(ssh_err("channel open"))
            .and_then(|mut ch| ch.exec(&wrapped).map(|()| ch).map_err(ssh_err("exec")));
        if watchdog.fired() {
            self.broken = true;
            return Err(TransportError::Deadline {
                target: self.target.clone(),
                step: "opening the command channel",
                seconds: self.timeouts.connect.as_secs(),
            });
        }
        drop(watchdog);
        let mut ch = opened?;
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
