//! `push-key`: install the agentless user's public key on a host, then prove key login works.

use super::Context;
use crate::cli::PushKeyArgs;
use crate::passlist::{Form, PasslistEditor, Security};
use crate::secret::Secret;
use crate::ssh::login::StoredAuth;
use crate::ssh::push_key::{self, Proof, PublicKeyFile, PushKeyOptions};
use crate::ssh::{ConnectOptions, Destination, KnownHostsFile, SshTransport, Trust};
use crate::transport::Timeouts;
use crate::{Error, ExitCode};
use std::time::Duration;

/// Runs `push-key`.
pub(crate) fn run(args: &PushKeyArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let dest = super::target::destination(ctx, &args.destination, args.port)?;
    let user_host = format!("{}@{}", dest.user, dest.host);
    let policy = args.host_key.policy();
    let ssh_dir = ctx.layout.ssh_dir();
    let identity = push_key::choose_identity(&ssh_dir, args.identity.as_deref())?;
    let key = PublicKeyFile::read(&identity)?;
    ctx.out.info(&format!(
        "key: {} ({} {})",
        identity.display(),
        key.key_type,
        key.fingerprint
    ))?;
    let owner = crate::layout::agentless_owner(ctx.layout.detect().flavour);
    let connect = ConnectOptions {
        timeouts: Timeouts {
            connect: Duration::from_secs(args.connect_timeout.max(1)),
            idle: Some(Duration::from_secs(60)),
        },
        policy,
        known_hosts: KnownHostsFile {
            path: ssh_dir.join("known_hosts"),
            owner,
        },
        record_new_keys: !args.dry.dry_run,
        keepalive_secs: 15,
    };
    let password = password(args, ctx, &dest, &user_host, &connect)?;
    let opts = PushKeyOptions {
        dest: dest.clone(),
        key,
        password,
        connect,
        dry_run: args.dry.dry_run,
    };
    let report = push_key::push_key(&opts)?;
    let target = dest.target();
    let dry = args.dry.dry_run;
    // "would create" in a dry run, "created" otherwise.
    let did = |now: &str, past: &str| {
        if dry {
            format!("would {now}")
        } else {
            past.to_string()
        }
    };

    let hk = &report.host_key;
    match &hk.trust {
        Trust::Known { line } => ctx.out.verbose(&format!(
            "host key {} {} matches {} line {line}",
            hk.key_type,
            hk.fingerprint,
            opts.connect.known_hosts.path.display()
        ))?,
        Trust::New { .. } => {
            let what = format!("host key {} {} of {target}", hk.key_type, hk.fingerprint);
            let file = opts.connect.known_hosts.path.display();
            ctx.out.line(&if args.dry.dry_run {
                format!("would add {what} to {file}")
            } else {
                format!("added {what} to {file}")
            })?
        }
    }
    let r = &report.remote;
    if r.created_dir {
        ctx.out.line(&format!(
            "{} ~/.ssh (mode 0700) on {target}",
            did("create", "created")
        ))?;
    }
    for (file, old) in &r.fixed_modes {
        ctx.out.line(&format!(
            "{} group/world write permission from {file} on {target} (was {old}; sshd ignores keys in writable files)",
            did("remove", "removed")
        ))?;
    }
    if r.added_newline {
        ctx.out.line(&format!(
            "{} the missing final newline to ~/.ssh/authorized_keys on {target}",
            did("add", "added")
        ))?;
    }
    for w in &r.warnings {
        ctx.out.warn(&format!("{target}: {w}"))?;
    }
    ctx.out.line(&match (r.added, args.dry.dry_run) {
        (true, false) => format!("key added to ~/.ssh/authorized_keys on {target}"),
        (true, true) => format!("would add the key to ~/.ssh/authorized_keys on {target}"),
        (false, _) => format!("key already present in ~/.ssh/authorized_keys on {target}"),
    })?;
    if r.restorecon {
        ctx.out
            .verbose("restorecon reset the SELinux labels of ~/.ssh")?;
    }
    match &report.proof {
        Proof::Works => {
            ctx.out.line(&format!(
                "key login works: {target} accepted a new connection with only the key"
            ))?;
            if args.set_nopass {
                set_nopass(ctx, &user_host)?;
            }
            Ok(ExitCode::Success)
        }
        Proof::Skipped(why) if args.dry.dry_run => {
            ctx.out
                .info(&format!("{why}: nothing was changed on either side"))?;
            if args.set_nopass {
                ctx.out.line(&format!(
                    "would set the .passlist password of {user_host} to NOPASS"
                ))?;
            }
            Ok(ExitCode::Success)
        }
        Proof::Skipped(why) => {
            ctx.out.warn(&format!("key login not tested: {why}"))?;
            Ok(ExitCode::Success)
        }
        Proof::Failed(why) => {
            ctx.out.error(&format!(
                "key login FAILED: {} (check the sshd log on the host)",
                crate::sanitize::for_terminal(why)
            ))?;
            Ok(ExitCode::Differences)
        }
    }
}

/// Sets `user_host`'s `.passlist` password to `NOPASS`, keeping its additional password.
fn set_nopass(ctx: &mut Context, user_host: &str) -> Result<(), Error> {
    let flavour = ctx.layout.detect().flavour;
    let path = ctx.layout.passlist();
    let mut editor = PasslistEditor::open(&path, Form::for_flavour(flavour))?;
    editor.passlist.set_nopass(user_host)?;
    editor.commit(&Security::for_passlist(flavour))?;
    ctx.out.line(&format!(
        "set the .passlist password of {user_host} to NOPASS in {}",
        path.display()
    ))?;
    Ok(())
}

/// The login password: `--password-stdin`; else the host's `.passlist` password (`None` when
/// it is `NOPASS`: the key itself logs in); else a no-echo prompt (after checking the host key,
/// so nobody types a password for a host that is refused anyway).
fn password(
    args: &PushKeyArgs,
    ctx: &mut Context,
    dest: &Destination,
    user_host: &str,
    connect: &ConnectOptions,
) -> Result<Option<Secret>, Error> {
    if args.password_stdin {
        let pw = ctx.read_secret_line("the password", 1)?;
        if pw.expose().is_empty() {
            return Err(Error::Usage(
                "--password-stdin: standard input held no password".into(),
            ));
        }
        return Ok(Some(pw));
    }
    match super::target::stored_auth(ctx, user_host)? {
        StoredAuth::Password(p) => {
            ctx.out
                .info(&format!("using the .passlist password of {user_host}"))?;
            return Ok(Some(p));
        }
        StoredAuth::Nopass => {
            ctx.out.info(&format!(
                "{user_host} is NOPASS in .passlist: logging in with the key"
            ))?;
            return Ok(None);
        }
        StoredAuth::Missing => {}
    }
    drop(SshTransport::handshake(dest, connect)?);
    ctx.prompter
        .password(&format!("Password for {}", dest.target()), None, false)
        .map(|p| Some(Secret::new(p)))
        .map_err(Error::Input)
}
