//! `install-script`: writes the agentless wrapper that runs `scan --agentless`.

use super::Context;
use crate::cli::InstallScriptArgs;
use crate::fsutil::{Ownership, WriteOptions, atomic_write, group_id, is_root, lookup_user};
use crate::sanitize::for_terminal;
use crate::transport::shell_quote;
use crate::{Error, ExitCode};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// The wrapper's text.
pub fn wrapper(binary: &Path, ossec_dir: &Path, kind: &str) -> Vec<u8> {
    let mut s = b"#!/bin/sh\n\
# Installed by `ossec-agentless install-script`. ossec-agentlessd runs\n\
#   agentless/<this name> [use_su|use_sudo] user@host path...\n\
# (and `test test` at startup); the scanner answers in the daemon's protocol.\n\
exec "
        .to_vec();
    s.extend(shell_quote(binary.as_os_str().as_bytes()));
    s.extend_from_slice(b" --ossec-dir ");
    s.extend(shell_quote(ossec_dir.as_os_str().as_bytes()));
    s.extend_from_slice(b" scan --agentless --type ");
    s.extend(shell_quote(kind.as_bytes()));
    s.extend_from_slice(b" -- \"$@\"\n");
    s
}

/// Runs `install-script`.
pub fn run(args: &InstallScriptArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    if args.name.is_empty()
        || args.name.contains('/')
        || args.name.starts_with('.')
        || args
            .name
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(Error::Usage(format!(
            "bad script name '{}': use a plain file name",
            for_terminal(&args.name)
        )));
    }
    let binary = match &args.binary {
        Some(b) => b.clone(),
        None => std::env::current_exe()
            .map_err(|e| Error::Refused(format!("cannot find this binary's path: {e}")))?,
    };
    let dir = ctx.layout.agentless_dir();
    let path = dir.join(&args.name);
    let contents = wrapper(&binary, ctx.layout.root(), &args.name);
    let old = std::fs::read(&path).ok();
    if old.as_deref() == Some(&contents[..]) {
        ctx.out.info(&format!("{} is up to date", path.display()))?;
        return Ok(ExitCode::Success);
    }
    let user = ctx.layout.detect().flavour.agentless_user();
    let gid = lookup_user(user).map(|a| a.gid).or_else(|| group_id(user));
    if args.dry_run {
        let diff = crate::textdiff::unified(
            &path.display().to_string(),
            old.as_deref().unwrap_or_default(),
            &contents,
        );
        ctx.out.out().write_all(diff.as_bytes())?;
        ctx.out.info(&format!(
            "dry run: would write {} (mode 0750, owner root, group {})",
            path.display(),
            gid.map_or("unchanged".to_string(), |g| g.to_string())
        ))?;
        return Ok(ExitCode::Success);
    }
    let ownership = if is_root() {
        Ownership::Set { uid: Some(0), gid }
    } else {
        ctx.out
            .warn("not running as root: the script keeps your user as owner")?;
        Ownership::KeepExisting
    };
    atomic_write(
        &path,
        &contents,
        &WriteOptions {
            mode: Some(0o750),
            ownership,
            ..Default::default()
        },
    )?;
    ctx.out.info(&format!(
        "wrote {}; name it in ossec.conf: <type>{}</type>",
        path.display(),
        args.name
    ))?;
    Ok(ExitCode::Success)
}
