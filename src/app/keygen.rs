//! `keygen`: the agentless user's key pair, with owner and modes fixed and every change shown.

use super::Context;
use crate::cli::KeygenArgs;
use crate::fsutil::is_root;
use crate::ssh::keygen::{self, DEFAULT_RSA_BITS, KeyType, Owner};
use crate::{Error, ExitCode};
use serde::Serialize;
use std::path::Path;

/// Runs `keygen`.
pub(crate) fn run(args: &KeygenArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
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
        let report = KeygenReport::new(&plan, args.key_type, bits, None);
        return report.print(args.output.json, ctx);
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
    KeygenReport::new(&plan, args.key_type, bits, Some(&fingerprint)).print(args.output.json, ctx)
}

/// What `keygen` did (or, in a dry run, would do). JSON fields in alphabetical order.
#[derive(Serialize)]
struct KeygenReport<'a> {
    bits: usize,
    changes: &'a [keygen::Change],
    dry_run: bool,
    /// The new key's fingerprint line; absent in a dry run.
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<&'a str>,
    private_key: &'a Path,
    public_key: &'a Path,
    #[serde(rename = "type")]
    key_type: KeyType,
}

impl<'a> KeygenReport<'a> {
    /// The report of `plan`, applied when there is a `fingerprint`, else a dry run.
    fn new(
        plan: &'a keygen::Plan,
        key_type: KeyType,
        bits: usize,
        fingerprint: Option<&'a str>,
    ) -> KeygenReport<'a> {
        KeygenReport {
            bits,
            changes: &plan.changes,
            dry_run: fingerprint.is_none(),
            fingerprint,
            private_key: &plan.private,
            public_key: &plan.public,
            key_type,
        }
    }

    /// Prints the report as JSON or as text (changes and fingerprint on stdout, notes on stderr).
    fn print(&self, json: bool, ctx: &mut Context) -> Result<ExitCode, Error> {
        if json {
            ctx.out.json(self)?;
            return Ok(ExitCode::Success);
        }
        let Some(fingerprint) = self.fingerprint else {
            for c in self.changes {
                ctx.out.line(&format!("would {}", c.describe(false)))?;
            }
            ctx.out.info("dry run: nothing was written")?;
            return Ok(ExitCode::Success);
        };
        for c in self.changes {
            ctx.out.line(&c.describe(true))?;
        }
        ctx.out.line(fingerprint)?;
        ctx.out.info(&format!(
            "next: install the key on each host with `ossec-agentless push-key USER@HOST` (it uses {})",
            self.public_key.display()
        ))?;
        Ok(ExitCode::Success)
    }
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
