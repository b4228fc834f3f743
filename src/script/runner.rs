//! Starts a script the way `ossec-agentlessd` does and watches it under a deadline.
//!
//! The daemon runs scripts with the OSSEC directory as working directory, as the agentless user,
//! with stdout and stderr on one pipe (`2>&1`). We do the same without a shell: the script is
//! executed directly, in its own process group, so that a timeout can stop the script and
//! everything it started (expect, ssh). Stopping means SIGTERM to the group, then SIGKILL to
//! whatever is left after a grace period.
//!
//! Reading follows the daemon: pieces as `fgets` returns them, and after the first `ERROR: `
//! line the pipe is closed and the script is waited for (the daemon's `pclose`); a script that
//! does not exit then is stopped after the grace period (the daemon would wait forever).

use super::ScriptError;
use super::lines::{Line, LineKind, LineSplitter};
use super::process_tree::{stop_group, stop_leftovers};
use serde::Serialize;
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The account to run the script as (dropped to from root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct RunAs {
    /// User name, for messages.
    pub(crate) name: String,
    /// User id.
    pub(crate) uid: u32,
    /// Group id (the daemon's `-g` group: `ossec` or `wazuh`).
    pub(crate) gid: u32,
}

/// How to start the script.
#[derive(Debug, Clone)]
pub(crate) struct RunSettings {
    /// The script's path.
    pub(crate) script: PathBuf,
    /// The working directory (the OSSEC directory).
    pub(crate) cwd: PathBuf,
    /// Run as this account; `None` runs as the current user.
    pub(crate) run_as: Option<RunAs>,
    /// Stop the script after this long.
    pub(crate) timeout: Duration,
    /// Time between SIGTERM and SIGKILL.
    pub(crate) grace: Duration,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "end", rename_all = "snake_case")]
pub(crate) enum Ending {
    /// The script exited with this status.
    Exited {
        /// The exit status.
        code: i32,
    },
    /// The script was killed by a signal it did not get from us.
    Signalled {
        /// The signal number.
        signal: i32,
    },
    /// The deadline passed; the process group was stopped.
    TimedOut,
    /// The script could not be executed at all; `code` is what a shell would report
    /// (126 not executable, 127 not found), as the daemon would see it.
    NotStarted {
        /// The shell-equivalent exit status.
        code: i32,
        /// The operating system's reason.
        reason: String,
    },
}

impl Ending {
    /// The exit status as the daemon would log it (`Test failed for '…' (N)`); a signal
    /// shows as 0 there, a timeout has none (the daemon would still be waiting).
    pub(crate) fn daemon_code(&self) -> Option<i32> {
        match self {
            Ending::Exited { code } | Ending::NotStarted { code, .. } => Some(*code),
            Ending::Signalled { .. } => Some(0),
            Ending::TimedOut => None,
        }
    }

    /// True for exit status 0.
    pub(crate) fn success(&self) -> bool {
        *self == Ending::Exited { code: 0 }
    }
}

/// The result of one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Finished {
    /// How it ended.
    #[serde(flatten)]
    pub(crate) ending: Ending,
    /// Reading stopped at an `ERROR: ` line, as the daemon does.
    pub(crate) stopped_at_error: bool,
    /// Processes of the group were still alive at the end and were stopped.
    pub(crate) leftovers_stopped: bool,
    /// Wall-clock time, in milliseconds.
    pub(crate) duration_ms: u64,
}

/// Runs the daemon's startup probe: `<script> test test`, output discarded.
pub(crate) fn probe(settings: &RunSettings) -> Result<Finished, ScriptError> {
    let start = Instant::now();
    let mut cmd = command(settings, &super::Invocation::probe_argv());
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = match spawn(&mut cmd, &settings.script)? {
        Ok(child) => child,
        Err(ending) => return Ok(finished(ending, false, false, start)),
    };
    drop(cmd);
    let deadline = start + settings.timeout;
    let pgid = child_pgid(&child);
    let (ending, leftovers) = match wait_until(&mut child, deadline, &settings.script)? {
        Some(e) => (
            e,
            stop_leftovers(pgid, &mut child, settings.grace, &settings.script)?,
        ),
        None => {
            stop_group(pgid, &mut child, settings.grace, &settings.script)?;
            (Ending::TimedOut, false)
        }
    };
    Ok(finished(ending, false, leftovers, start))
}

/// Runs `<script> <argv…>`, handing every line to `on_line` as it arrives.
///
/// `on_line` returning an error stops the script and returns that error.
pub(crate) fn run(
    settings: &RunSettings,
    argv: &[String],
    on_line: &mut dyn FnMut(&Line) -> io::Result<()>,
) -> Result<Finished, ScriptError> {
    let start = Instant::now();
    let deadline = start + settings.timeout;
    let script = &settings.script;
    let (mut reader, writer) = io::pipe().map_err(|source| ScriptError::Pipe { source })?;
    let writer2 = writer
        .try_clone()
        .map_err(|source| ScriptError::Pipe { source })?;
    let mut cmd = command(settings, argv);
    cmd.stdout(writer2).stderr(writer);
    let spawned = spawn(&mut cmd, script)?;
    // The Command holds our copies of the pipe's write end: drop it, or EOF never comes.
    drop(cmd);
    let mut child = match spawned {
        Ok(child) => child,
        Err(ending) => return Ok(finished(ending, false, false, start)),
    };
    let pgid = child_pgid(&child);

    let mut splitter = LineSplitter::new(true);
    let mut buf = vec![0u8; 64 * 1024];
    let mut stopped_at_error = false;
    let mut timed_out = false;
    let mut sink_error = None;
    'read: loop {
        let now = Instant::now();
        if now >= deadline {
            timed_out = true;
            break;
        }
        if !poll_readable(&reader, deadline - now) {
            continue;
        }
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(source) => {
                stop_group(pgid, &mut child, settings.grace, script)?;
                return Err(ScriptError::Read {
                    script: script.clone(),
                    source,
                });
            }
        };
        let lines = if n == 0 {
            splitter.finish().into_iter().collect()
        } else {
            splitter.push(&buf[..n])
        };
        for line in &lines {
            if let Err(e) = on_line(line) {
                sink_error = Some(e);
                break 'read;
            }
            if line.kind == LineKind::Error {
                stopped_at_error = true;
                break 'read;
            }
        }
        if n == 0 {
            break;
        }
    }
    if timed_out && sink_error.is_none() {
        // Show what the script was stuck on: often a prompt without a newline
        // ("Password: ", a menu), which the daemon's fgets would still be waiting to complete.
        if let Some(partial) = splitter.finish()
            && let Err(e) = on_line(&partial)
        {
            sink_error = Some(e);
        }
    }
    // Stop reading: close our end, as pclose does, then wait for the script.
    drop(reader);
    if let Some(e) = sink_error {
        stop_group(pgid, &mut child, settings.grace, script)?;
        return Err(ScriptError::Output { source: e });
    }
    let mut stopped = timed_out;
    let ending = if timed_out {
        stop_group(pgid, &mut child, settings.grace, script)?;
        Ending::TimedOut
    } else {
        // After an ERROR the daemon waits in pclose; we allow the grace period (bounded by
        // the deadline) and then stop the group.
        let wait_end = if stopped_at_error {
            deadline.min(Instant::now() + settings.grace)
        } else {
            deadline
        };
        match wait_until(&mut child, wait_end, script)? {
            Some(e) => e,
            None if stopped_at_error => {
                stop_group(pgid, &mut child, settings.grace, script)?;
                stopped = true;
                exit_ending(&mut child, script)?
            }
            None => {
                stop_group(pgid, &mut child, settings.grace, script)?;
                stopped = true;
                Ending::TimedOut
            }
        }
    };
    // Only a script that ended by itself can have left processes behind unnoticed.
    let leftovers = !stopped && stop_leftovers(pgid, &mut child, settings.grace, script)?;
    Ok(finished(ending, stopped_at_error, leftovers, start))
}

fn finished(ending: Ending, stopped_at_error: bool, leftovers: bool, start: Instant) -> Finished {
    Finished {
        ending,
        stopped_at_error,
        leftovers_stopped: leftovers,
        duration_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}

/// `PATH` a daemon started by systemd or `ossec-control` at boot has.
pub const DAEMON_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The environment a script gets: a daemon's, never the caller's (whose variables, such as
/// `SSH_AUTH_SOCK`, `LD_PRELOAD` or `BASH_ENV`, would change what the script does or let it act
/// with the caller's credentials): `PATH` as [`DAEMON_PATH`], `HOME` of the account it runs as,
/// `LC_ALL=C`/`LANG=C`, and `USER`/`LOGNAME`.
pub(crate) fn daemon_env(run_as: Option<&RunAs>) -> Vec<(&'static str, std::ffi::OsString)> {
    let uid = run_as.map_or_else(crate::fsutil::effective_uid, |r| r.uid);
    let account = run_as
        .and_then(|r| crate::fsutil::lookup_user(&r.name))
        .filter(|a| a.uid == uid)
        .or_else(|| crate::fsutil::lookup_uid(uid));
    let mut env = vec![
        ("PATH", DAEMON_PATH.into()),
        ("LC_ALL", "C".into()),
        ("LANG", "C".into()),
    ];
    match account {
        Some(a) => {
            env.push(("HOME", a.home.into_os_string()));
            env.push(("USER", a.name.clone().into()));
            env.push(("LOGNAME", a.name.into()));
        }
        None => env.push(("HOME", "/".into())),
    }
    env
}

fn command(settings: &RunSettings, argv: &[String]) -> Command {
    let mut cmd = Command::new(&settings.script);
    cmd.args(argv)
        .current_dir(&settings.cwd)
        .stdin(Stdio::null())
        .process_group(0)
        .env_clear()
        .envs(daemon_env(settings.run_as.as_ref()));
    if let Some(who) = &settings.run_as {
        // std clears the supplementary groups before setuid: like the daemon, the script
        // keeps only the one group.
        cmd.gid(who.gid).uid(who.uid);
    }
    cmd
}

/// Spawns; an exec failure becomes the `Ending` a shell would have reported.
fn spawn(cmd: &mut Command, script: &Path) -> Result<Result<Child, Ending>, ScriptError> {
    match cmd.spawn() {
        Ok(child) => Ok(Ok(child)),
        Err(e) => {
            let code = match e.raw_os_error() {
                Some(libc::ENOENT | libc::ENOTDIR | libc::ELOOP) => 127,
                Some(libc::EACCES | libc::EPERM | libc::ENOEXEC | libc::ETXTBSY | libc::EISDIR) => {
                    126
                }
                _ => {
                    return Err(ScriptError::Start {
                        script: script.to_path_buf(),
                        source: e,
                    });
                }
            };
            Ok(Err(Ending::NotStarted {
                code,
                reason: e.to_string(),
            }))
        }
    }
}

fn child_pgid(child: &Child) -> i32 {
    // process_group(0): the child leads a new group whose id is its pid.
    i32::try_from(child.id()).unwrap_or(i32::MAX)
}

fn status_ending(status: std::process::ExitStatus) -> Ending {
    match (status.code(), status.signal()) {
        (Some(code), _) => Ending::Exited { code },
        (None, Some(signal)) => Ending::Signalled { signal },
        (None, None) => Ending::Signalled { signal: 0 },
    }
}

fn exit_ending(child: &mut Child, script: &Path) -> Result<Ending, ScriptError> {
    child
        .wait()
        .map(status_ending)
        .map_err(|source| ScriptError::Wait {
            script: script.to_path_buf(),
            source,
        })
}

/// Waits for the child until `deadline`; `None` when it is still running then.
fn wait_until(
    child: &mut Child,
    deadline: Instant,
    script: &Path,
) -> Result<Option<Ending>, ScriptError> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(Some(status_ending(status))),
            Ok(None) => {}
            Err(source) => {
                return Err(ScriptError::Wait {
                    script: script.to_path_buf(),
                    source,
                });
            }
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(10)));
    }
}

/// Waits until the pipe has data or EOF, or `timeout` passes.
fn poll_readable(reader: &io::PipeReader, timeout: Duration) -> bool {
    let mut fds = libc::pollfd {
        fd: reader.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = i32::try_from(timeout.as_millis().clamp(1, 60_000)).unwrap_or(60_000);
    // SAFETY: one valid pollfd on the stack, count 1.
    let r = unsafe { libc::poll(&mut fds, 1, ms) };
    if r < 0 {
        // EINTR or worse: do not spin; the caller re-checks its deadline.
        std::thread::sleep(Duration::from_millis(10));
    }
    r > 0 && fds.revents != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn script(dir: &Path, body: &str) -> RunSettings {
        let p = dir.join("s");
        std::fs::write(&p, body).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        RunSettings {
            script: p,
            cwd: dir.to_path_buf(),
            run_as: None,
            timeout: Duration::from_secs(10),
            grace: Duration::from_millis(500),
        }
    }

    fn collect(s: &RunSettings, argv: &[&str]) -> (Finished, Vec<(LineKind, String)>) {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let mut lines = Vec::new();
        let f = run(s, &argv, &mut |l| {
            lines.push((l.kind, String::from_utf8_lossy(l.payload()).into_owned()));
            Ok(())
        })
        .unwrap();
        (f, lines)
    }

    #[test]
    fn merges_stderr_and_passes_argv_and_cwd() {
        let dir = tempfile::tempdir().unwrap();
        let s = script(
            dir.path(),
            "#!/bin/sh\necho \"INFO: $#:$1:$2\"\necho 'FWD: x' >&2\npwd\nexit 4\n",
        );
        let (f, lines) = collect(&s, &["a b", "c"]);
        assert_eq!(f.ending, Ending::Exited { code: 4 });
        assert_eq!(lines[0], (LineKind::Info, "2:a b:c".into()));
        assert_eq!(lines[1], (LineKind::Fwd, "x".into()));
        let cwd = dir.path().canonicalize().unwrap();
        assert_eq!(lines[2], (LineKind::Other, cwd.display().to_string()));
    }

    #[test]
    fn stops_reading_at_the_first_error() {
        let dir = tempfile::tempdir().unwrap();
        let s = script(
            dir.path(),
            "#!/bin/sh\necho 'ERROR: first'\necho 'INFO: never seen'\nsleep 30\n",
        );
        let (f, lines) = collect(&s, &[]);
        assert!(f.stopped_at_error);
        assert_eq!(lines, [(LineKind::Error, "first".into())]);
        assert!(f.duration_ms < 5000, "{}", f.duration_ms);
    }

    #[test]
    fn missing_and_unexecutable_scripts_map_to_shell_codes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = script(dir.path(), "#!/bin/sh\n");
        std::fs::set_permissions(&s.script, std::fs::Permissions::from_mode(0o644)).unwrap();
        let code = |s: &RunSettings| probe(s).unwrap().ending.daemon_code();
        assert_eq!(code(&s), Some(126));
        std::fs::write(&s.script, "#!/nonexistent/interp\n").unwrap();
        std::fs::set_permissions(&s.script, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(code(&s), Some(127));
        s.script = dir.path().join("missing");
        assert_eq!(code(&s), Some(127));
    }

    #[test]
    fn timeout_stops_the_whole_group() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("pid");
        let mut s = script(
            dir.path(),
            &format!(
                "#!/bin/sh\nsh -c 'trap \"\" TERM; echo $$ > {p}; exec sleep 60' &\n\
                 while [ ! -s {p} ]; do sleep 0.05; done\nsleep 60\n",
                p = pidfile.display()
            ),
        );
        s.timeout = Duration::from_millis(500);
        let (f, _) = collect(&s, &[]);
        assert_eq!(f.ending, Ending::TimedOut);
        let pid: i32 = std::fs::read_to_string(&pidfile)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!(!process_alive(pid), "pid {pid} survived");
    }

    fn process_alive(pid: i32) -> bool {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => !matches!(
                stat.rsplit_once(')')
                    .map(|(_, r)| r.split_whitespace().next()),
                Some(Some("Z" | "X"))
            ),
            Err(_) => false,
        }
    }
}
