//! A narrow interface for running commands on a monitored host: over SSH (`ssh` module, added
//! by the SSH layer) or on this machine (`LocalTransport`).
//!
//! The transport never prompts and never prints. It runs one POSIX `sh` command line with bytes
//! on stdin, hands stdout and stderr to the caller as they arrive, and reports the exit status.
//! An idle timeout fires only when nothing arrives for that long; there is no cap on the total
//! duration, so a long scan that keeps streaming is never cut off.

mod error;
mod local;

pub use error::HostKeyError;
pub use error::TransportError;
pub(crate) use local::LocalTransport;

use std::time::Duration;

/// Which stream a chunk of output came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// How a remote or local command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitStatus {
    /// It exited with this code.
    Code(i32),
    /// It was killed by this signal (name or number as text).
    Signal(String),
}

impl ExitStatus {
    /// True for `Code(0)`.
    pub fn success(&self) -> bool {
        *self == ExitStatus::Code(0)
    }
}

/// Timeouts applied by a transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For establishing the connection and logging in.
    pub connect: Duration,
    /// Fires when no output at all arrives for this long (`None`: wait forever).
    pub idle: Option<Duration>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            idle: Some(Duration::from_secs(600)),
        }
    }
}

/// The most bytes [`Transport::exec_collect`] keeps of each stream (16 MiB).
pub(crate) const COLLECT_LIMIT: usize = 16 << 20;

/// Receives output as it arrives. Returning an error aborts the command.
pub(crate) type OutputSink<'a> = dyn FnMut(Stream, &[u8]) -> std::io::Result<()> + 'a;

/// Something that runs commands on a host.
pub trait Transport: Send {
    /// What this transport talks to, for messages: `local` or `user@host:port`.
    fn target(&self) -> String;

    /// Runs `command` with `/bin/sh -c` semantics (remote: the login shell runs `exec sh -c`),
    /// writes `stdin` to it and closes it, streams output to `sink`, and returns the status.
    fn exec(
        &mut self,
        command: &str,
        stdin: &[u8],
        sink: &mut OutputSink<'_>,
    ) -> Result<ExitStatus, TransportError>;

    /// Runs `command` and collects stdout and stderr, each up to `COLLECT_LIMIT` bytes: a
    /// host that sends more fails the command (with [`TransportError::Sink`]).
    fn exec_collect(
        &mut self,
        command: &str,
        stdin: &[u8],
    ) -> Result<(ExitStatus, Vec<u8>, Vec<u8>), TransportError> {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let status = self.exec(command, stdin, &mut |s, d| {
            let buf = match s {
                Stream::Stdout => &mut out,
                Stream::Stderr => &mut err,
            };
            if buf.len() + d.len() > COLLECT_LIMIT {
                return Err(std::io::Error::other(format!(
                    "more than {COLLECT_LIMIT} bytes of output"
                )));
            }
            buf.extend_from_slice(d);
            Ok(())
        })?;
        Ok((status, out, err))
    }
}

/// Quotes `s` as one word for a POSIX shell (`'…'`, with `'` written as `'\''`).
///
/// Any byte string survives, including newlines, `;`, `$()`, globs and leading dashes; callers
/// still put `--` before paths for commands that take options.
pub(crate) fn shell_quote(s: &[u8]) -> Vec<u8> {
    let mut q = Vec::with_capacity(s.len() + 2);
    q.push(b'\'');
    for &b in s {
        if b == b'\'' {
            q.extend_from_slice(b"'\\''");
        } else {
            q.push(b);
        }
    }
    q.push(b'\'');
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn collected_output_is_bounded() {
        let mut t = LocalTransport::new(Timeouts::default());
        let err = t
            .exec_collect("exec yes", b"")
            .expect_err("an endless output fails");
        assert!(matches!(err, TransportError::Sink { .. }), "{err:?}");
    }

    #[test]
    fn quoting_survives_a_real_shell() {
        let nasty: &[&[u8]] = &[
            b"a b",
            b"; rm -rf /",
            b"it's",
            b"$(id)",
            b"-n",
            b"*",
            b"x\ny",
        ];
        for word in nasty {
            let mut cmd = b"printf '%s' ".to_vec();
            cmd.extend(shell_quote(word));
            let out = std::process::Command::new("/bin/sh")
                .arg("-c")
                .arg(std::ffi::OsStr::from_bytes(&cmd))
                .output()
                .unwrap();
            assert_eq!(&out.stdout[..], *word);
        }
    }
}
