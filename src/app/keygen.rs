//! `keygen`: the agentless user's key pair, with owner and modes fixed and every change shown.

use super::Context;
use crate::cli::KeygenArgs;
use crate::fsutil::is_root;
use crate::ssh::keygen::{self, DEFAULT_RSA_BITS, KeyType, Owner};
use crate::{Error, ExitCode};

/// Runs `keygen`.
pub fn run(args: &KeygenArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let bits = match (args.key_type, args.bits) {
        (KeyType::Ed25519, Some(_)) => {
            return Err(Error::Usage(
                "--bits applies to RSA keys only (ed25519 keys have a fixed size)".into(),
            ));
        }
        (KeyType::Ed25519, None) => 256,
        (KeyType::Rsa, b) => {
            let b = b.unwrap_or(DEFAULT_RSA_BITS);
            keygen::check_rsa_bits(b)?;
            b
        }
    };
    let owner = agentless_owner(ctx, true)?;
    let ssh_dir = ctx.layout.ssh_dir();
    let plan = keygen::plan(&ssh_dir, args.key_type, args.force, owner)?;

    if args.dry.dry_run {
        if args.json {
            let v = serde_json::json!({
                "dry_run": true,
                "private_key": plan.private,
                "public_key": plan.public,
                "type": args.key_type,
                "bits": bits,
                "changes": plan.changes,
            });
            ctx.out.line(&v.to_string())?;
        } else {
            for c in &plan.changes {
                ctx.out.line(&format!("would {}", c.describe(false)))?;
            }
            ctx.out.info("dry run: nothing was written")?;
        }
        return Ok(ExitCode::Success);
    }

    let comment = keygen::default_comment();
    let key = if args.key_type == KeyType::Rsa && ctx.out.progress_allowed() {
        let spinner = indicatif::ProgressBar::new_spinner()
            .with_message(format!("generating a {bits}-bit RSA key…"));
        spinner.enable_steady_tick(std::time::Duration::from_millis(100));
        let key = keygen::generate(args.key_type, bits, &comment);
        spinner.finish_and_clear();
        key?
    } else {
        keygen::generate(args.key_type, bits, &comment)?
    };
    let fingerprint = keygen::apply(&plan, &key)?;

    if args.json {
        let v = serde_json::json!({
            "dry_run": false,
            "private_key": plan.private,
            "public_key": plan.public,
            "type": args.key_type,
            "bits": bits,
            "fingerprint": fingerprint,
            "changes": plan.changes,
        });
        ctx.out.line(&v.to_string())?;
    } else {
        for c in &plan.changes {
            ctx.out.line(&c.describe(true))?;
        }
        ctx.out.line(&fingerprint)?;
        ctx.out.info(&format!(
            "next: install the key on each host with `ossec-agentless push-key USER@HOST` (it uses {})",
            plan.public.display()
        ))?;
    }
    Ok(ExitCode::Success)
}

/// The agentless user as the owner for files we create ([`crate::layout::agentless_account`]);
/// with `warn`, say so when we run as root and the account is missing.
pub(crate) fn agentless_owner(ctx: &mut Context, warn: bool) -> Result<Option<Owner>, Error> {
    let flavour = ctx.layout.detect().flavour;
    match crate::layout::agentless_account(flavour) {
        Some((name, uid, gid)) => Ok(Some(Owner { name, uid, gid })),
        None => {
            if warn && is_root() {
                let name = flavour.agentless_user();
                ctx.out.warn(&format!(
                    "user {name} does not exist on this machine: files stay owned by root (the agentless daemon runs as {name} and must be able to read them)"
                ))?;
            }
            Ok(None)
        }
    }
}
