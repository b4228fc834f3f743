//! Getting the text to keep: commands over exec (POSIX hosts and `local`), or a device session
//! over a pty (no exec request). Only a complete, successful capture returns text.

use super::DiffError;
use super::device::{self, Profile};
use crate::scan::target::{ConnectOptions, TargetSpec, open_ssh, open_target};
use crate::secret::Secret;
use crate::ssh::login;
use crate::transport::{ExitStatus, Stream};
use std::time::Duration;

/// The most output one capture may produce (64 MiB).
pub(crate) const DEFAULT_LIMIT: usize = 64 << 20;

/// How to capture.
#[derive(Debug, Clone)]
pub(crate) enum Method {
    /// Each command through `sh -c` on the host; stdout and stderr kept in arrival order.
    Exec,
    /// An interactive device session with this profile.
    Device(Profile),
}

/// One capture's settings.
#[derive(Debug, Clone)]
pub(crate) struct CaptureOptions {
    /// Connection settings (as `scan`'s).
    pub(crate) connect: ConnectOptions,
    /// Exec or device.
    pub(crate) method: Method,
    /// Device waits: the longest silence allowed.
    pub(crate) device_timeout: Duration,
    /// The most bytes kept.
    pub(crate) limit: usize,
}

/// What a capture produced.
#[derive(Debug, Clone)]
pub(crate) struct Captured {
    /// The raw text (before noise filters and masking).
    pub(crate) text: String,
    /// The device profile used, for device sessions.
    pub(crate) profile: Option<Profile>,
}

/// Runs `commands` on `target` by `opts.method`.
pub(crate) fn capture(
    target: &TargetSpec,
    commands: &[String],
    opts: &CaptureOptions,
) -> Result<Captured, DiffError> {
    match opts.method {
        Method::Exec => exec(target, commands, opts),
        Method::Device(profile) => device(target, commands, profile, opts),
    }
}

fn exec(
    target: &TargetSpec,
    commands: &[String],
    opts: &CaptureOptions,
) -> Result<Captured, DiffError> {
    let mut t = open_target(target, &opts.connect)?;
    let name = t.target();
    let mut out: Vec<u8> = Vec::new();
    for cmd in commands {
        let mut too_big = false;
        let status = t.exec(cmd, b"", &mut |_s: Stream, d: &[u8]| {
            if out.len() + d.len() > opts.limit {
                too_big = true;
                return Err(std::io::Error::other("output limit"));
            }
            out.extend_from_slice(d);
            Ok(())
        });
        if too_big {
            return Err(DiffError::TooLarge {
                target: name,
                limit: opts.limit,
            });
        }
        match status? {
            // 126/127: the shell could not run the command at all; a signal: it did not end.
            ExitStatus::Code(c @ (126 | 127)) => {
                return Err(DiffError::Command {
                    target: name,
                    reason: format!("`{cmd}` could not be run (exit status {c})"),
                });
            }
            ExitStatus::Signal(s) => {
                return Err(DiffError::Command {
                    target: name,
                    reason: format!("`{cmd}` was killed by signal {s}"),
                });
            }
            ExitStatus::Code(_) => {}
        }
        if !out.is_empty() && !out.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    Ok(Captured {
        text: String::from_utf8_lossy(&out).into_owned(),
        profile: None,
    })
}

fn device(
    target: &TargetSpec,
    commands: &[String],
    profile: Profile,
    opts: &CaptureOptions,
) -> Result<Captured, DiffError> {
    let enable = enable_password(target, &opts.connect)?;
    let mut ssh = open_ssh(target, &opts.connect)?;
    let mut shell = ssh.shell(200, 50000)?;
    let c = device::capture(
        &mut shell,
        &device::Request {
            profile,
            extra: commands,
            enable_password: enable.as_ref(),
            timeout: opts.device_timeout,
            limit: opts.limit,
        },
    )?;
    Ok(Captured {
        text: c.text,
        profile: Some(c.profile),
    })
}

/// The `.passlist` additional password of `user@host`, if any.
fn enable_password(
    target: &TargetSpec,
    connect: &ConnectOptions,
) -> Result<Option<Secret>, DiffError> {
    let Some(ssh) = connect.ssh.as_ref() else {
        return Ok(None);
    };
    login::additional_password(&ssh.passlist, &target.ossec_host())
        .map_err(|e| DiffError::Target(e.into()))
}
