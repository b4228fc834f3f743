//! `install-script`: writes the agentless wrapper that runs `scan --agentless`.

use super::Context;
use crate::cli::InstallScriptArgs;
use crate::fsutil::{Ownership, WriteOptions, atomic_write, group_id, is_root, lookup_user};
use crate::transport::shell_quote;
use crate::{Error, ExitCode};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// The wrapper's text: `scan --agentless --type KIND` with no `command` (the scan keeps its
/// baseline per type, host and paths), else the given subcommand words (e.g.
/// `diff --agentless --device`).
pub(crate) fn wrapper(
    binary: &Path,
    ossec_dir: &Path,
    command: Option<&[&str]>,
    kind: &str,
) -> Vec<u8> {
    let mut s = match command {
        None => b"#!/bin/sh\n\
# Installed by `ossec-agentless install-script`. ossec-agentlessd runs\n\
#   agentless/<this name> [use_su|use_sudo] user@host path...\n\
# (and `test test` at startup); the scanner answers in the daemon's protocol.\n\
# It runs with a daemon's environment (HOME: the agentless user's, the OSSEC directory),\n\
# never the caller's.\n\
exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
LC_ALL=C LANG=C "
            .to_vec(),
        Some(_) => b"#!/bin/sh\n\
# Installed by `ossec-agentless install-script --diff`. ossec-agentlessd runs\n\
#   agentless/<this name> [use_su|use_sudo] user@host commands...\n\
# for a periodic_diff block (and `test test` at startup); the output goes after STORE: now.\n\
# It runs with a daemon's environment (HOME: the agentless user's, the OSSEC directory),\n\
# never the caller's.\n\
exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
LC_ALL=C LANG=C "
            .to_vec(),
    };
    let mut home = b"HOME=".to_vec();
    home.extend_from_slice(ossec_dir.as_os_str().as_bytes());
    s.extend(shell_quote(&home));
    s.push(b' ');
    s.extend(shell_quote(binary.as_os_str().as_bytes()));
    s.extend_from_slice(b" --ossec-dir ");
    s.extend(shell_quote(ossec_dir.as_os_str().as_bytes()));
    match command {
        None => {
            s.extend_from_slice(b" scan --agentless --type ");
            s.extend(shell_quote(kind.as_bytes()));
        }
        Some(words) => {
            for w in words {
                s.push(b' ');
                s.extend(shell_quote(w.as_bytes()));
            }
        }
    }
    s.extend_from_slice(b" -- \"$@\"\n");
    s
}

/// Runs `install-script`.
pub(crate) fn run(args: &InstallScriptArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let name = args.name.clone().unwrap_or_else(|| {
        if args.diff {
            "ossec_agentless_diff".into()
        } else {
            "ossec_agentless_scan".into()
        }
    });
    crate::host::check_plain_name("--name", &name).map_err(Error::Usage)?;
    let binary = match &args.binary {
        Some(b) => b.clone(),
        None => std::env::current_exe()
            .map_err(|e| Error::Refused(format!("cannot find this binary's path: {e}")))?,
    };
    let dir = ctx.layout.agentless_dir();
    let path = dir.join(&name);
    let mut words: Vec<&str> = vec!["diff", "--agentless"];
    let profile_name = args
        .profile
        .and_then(|p| clap::ValueEnum::to_possible_value(&p))
        .map(|v| v.get_name().to_string());
    if let Some(p) = &profile_name {
        words.push("--profile");
        words.push(p);
    } else if args.device {
        words.push("--device");
    }
    let contents = wrapper(
        &binary,
        ctx.layout.root(),
        args.diff.then_some(words.as_slice()),
        &name,
    );
    let old = crate::fsutil::read_optional(&path, crate::fsutil::Owners::Any)
        .ok()
        .flatten();
    if old.as_deref() == Some(&contents[..]) {
        ctx.out.info(&format!("{} is up to date", path.display()))?;
        return Ok(ExitCode::Success);
    }
    let user = ctx.layout.detect().flavour.agentless_user();
    let gid = lookup_user(user).map(|a| a.gid).or_else(|| group_id(user));
    if args.dry.dry_run {
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
        name
    ))?;
    Ok(ExitCode::Success)
}
