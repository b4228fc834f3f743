//! Runs commands on this machine with `/bin/sh -c`, in their own process group, so that an idle
//! timeout can stop the command and everything it started.

use super::{ExitStatus, OutputSink, Stream, Timeouts, Transport, TransportError};
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The local machine, as a [`Transport`].
#[derive(Debug, Clone, Default)]
pub(crate) struct LocalTransport {
    timeouts: Timeouts,
}

impl LocalTransport {
    /// A local transport with the given timeouts (only `idle` applies).
    pub(crate) fn new(timeouts: Timeouts) -> LocalTransport {
        LocalTransport { timeouts }
    }
}

enum Event {
    Data(Stream, Vec<u8>),
    Closed,
    Failed(std::io::Error),
}

impl Transport for LocalTransport {
    fn target(&self) -> String {
        "local".to_string()
    }

    fn exec(
        &mut self,
        command: &str,
        stdin: &[u8],
        sink: &mut OutputSink<'_>,
    ) -> Result<ExitStatus, TransportError> {
        let target = self.target();
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .map_err(|source| TransportError::Spawn {
                target: target.clone(),
                source,
            })?;
        let pgid = child.id() as i32;
        let (tx, rx) = mpsc::channel();
        let mut input = child.stdin.take().expect("piped stdin");
        let data = stdin.to_vec();
        // Feed stdin from a thread so a command that writes before reading cannot deadlock us.
        let feeder = std::thread::spawn(move || {
            let _ = input.write_all(&data);
        });
        let readers = [
            spawn_reader(
                Stream::Stdout,
                child.stdout.take().expect("piped"),
                tx.clone(),
            ),
            spawn_reader(Stream::Stderr, child.stderr.take().expect("piped"), tx),
        ];
        let mut open = 2;
        let mut failure = None;
        while open > 0 {
            let event = match self.timeouts.idle {
                Some(idle) => rx.recv_timeout(idle),
                None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            };
            match event {
                Ok(Event::Data(stream, bytes)) => {
                    if failure.is_none()
                        && let Err(source) = sink(stream, &bytes)
                    {
                        failure = Some(TransportError::Sink {
                            target: target.clone(),
                            source,
                        });
                        kill_group(pgid);
                    }
                }
                Ok(Event::Closed) => open -= 1,
                Ok(Event::Failed(source)) => {
                    failure.get_or_insert(TransportError::Io {
                        target: target.clone(),
                        source,
                    });
                    open -= 1;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    kill_group(pgid);
                    let _ = child.wait();
                    return Err(TransportError::IdleTimeout {
                        target,
                        seconds: self.timeouts.idle.unwrap_or(Duration::ZERO).as_secs(),
                    });
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let status = child.wait().map_err(|source| TransportError::Io {
            target: target.clone(),
            source,
        })?;
        let _ = feeder.join();
        for r in readers {
            let _ = r.join();
        }
        if let Some(f) = failure {
            return Err(f);
        }
        Ok(match (status.code(), status.signal()) {
            (Some(c), _) => ExitStatus::Code(c),
            (None, Some(s)) => ExitStatus::Signal(s.to_string()),
            (None, None) => ExitStatus::Signal("unknown".into()),
        })
    }
}

fn spawn_reader(
    stream: Stream,
    mut r: impl Read + Send + 'static,
    tx: mpsc::Sender<Event>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match r.read(&mut buf) {
                Ok(0) => {
                    let _ = tx.send(Event::Closed);
                    return;
                }
                Ok(n) => {
                    if tx.send(Event::Data(stream, buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Event::Failed(e));
                    return;
                }
            }
        }
    })
}

/// Sends SIGKILL to the whole process group.
pub(crate) fn kill_group(pgid: i32) {
    // SAFETY: kill(2) with a negative pid targets the group we created; no memory is involved.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Transport;

    #[test]
    fn runs_with_stdin_and_status() {
        let mut t = LocalTransport::default();
        let (status, out, err) = t
            .exec_collect("cat; echo oops >&2; exit 3", b"hello")
            .unwrap();
        assert_eq!(status, ExitStatus::Code(3));
        assert_eq!(out, b"hello");
        assert_eq!(err, b"oops\n");
    }

    #[test]
    fn idle_timeout_fires_only_on_silence() {
        let mut t = LocalTransport::new(Timeouts {
            idle: Some(Duration::from_millis(600)),
            ..Timeouts::default()
        });
        // Keeps talking for 1.2 s in total: longer than the idle timeout, never silent that long.
        let (status, out, _) = t
            .exec_collect("for i in 1 2 3 4 5 6; do echo $i; sleep 0.2; done", b"")
            .unwrap();
        assert!(status.success());
        assert_eq!(out.len(), 12);
        let err = t.exec_collect("sleep 5 & sleep 5; wait", b"").unwrap_err();
        assert!(matches!(err, TransportError::IdleTimeout { .. }), "{err}");
    }
}
