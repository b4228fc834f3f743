//! Every `<type>` configured in ossec.conf exists in `<ossec-dir>/agentless` and the agentless
//! user can execute it (the daemon's probe fails with 127 or 126 otherwise).
//!
//! With the account known, the stock scripts' permissions are left to `agentless scripts`, so
//! one file is not reported twice; `config validate` does report a non-executable script too.

use super::config::{load, quoted};
use super::perms::{EXEC, READ, may, octal};
use super::scripts::STOCK_SCRIPTS;
use super::{Check, CheckResult, DoctorEnv, DoctorError, set_owner_mode};
use crate::config::{ConfigFile, RawText};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

/// Every configured `<type>` exists in `<ossec-dir>/agentless` and is executable.
#[derive(Debug, Default)]
pub(crate) struct ConfiguredScriptsCheck;

const SCRIPTS: &str = "configured scripts";

/// What [`inspect`] found.
struct Found {
    /// Configured scripts that do not exist (or are not files).
    missing: Vec<String>,
    /// Scripts that exist but cannot be executed.
    not_exec: Vec<PathBuf>,
    /// Distinct configured script names.
    total: usize,
    /// Stock scripts whose permissions `agentless scripts` checks instead.
    stock: usize,
}

/// The configured scripts that are missing, and those that exist but cannot be executed.
fn inspect(env: &DoctorEnv, file: &ConfigFile) -> Found {
    let dir = env.layout.agentless_dir();
    let mut kinds: Vec<RawText> = Vec::new();
    for e in file.doc.agentless() {
        match e.kind {
            // Not a file name: `config validate` reports it.
            Some(k)
                if !k.is_empty()
                    && !k.contains(&b'/')
                    && k != "."
                    && k != ".."
                    && !kinds.contains(&k) =>
            {
                kinds.push(k);
            }
            _ => {}
        }
    }
    let who = env.who();
    let (mut missing, mut not_exec, mut stock) = (Vec::new(), Vec::new(), 0);
    for k in &kinds {
        // The name's exact bytes, as the daemon stats it.
        let path = dir.join(k.to_os_str());
        let Ok(meta) = std::fs::metadata(&path) else {
            missing.push(k.escaped());
            continue;
        };
        if !meta.is_file() {
            missing.push(k.escaped());
            continue;
        }
        // With the account known, `agentless scripts` already checks the stock scripts.
        if who.is_some() && STOCK_SCRIPTS.iter().any(|s| *k == *s) {
            stock += 1;
            continue;
        }
        let ok = match who {
            Some(w) => may(&meta, w, READ | EXEC),
            None => meta.mode() & 0o111 != 0,
        };
        if !ok {
            not_exec.push(path);
        }
    }
    Found {
        missing,
        not_exec,
        total: kinds.len(),
        stock,
    }
}

impl Check for ConfiguredScriptsCheck {
    fn name(&self) -> &'static str {
        SCRIPTS
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let file = match load(env, SCRIPTS) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let dir = env.layout.agentless_dir();
        let Found {
            missing,
            not_exec,
            total,
            stock,
        } = inspect(env, &file);
        if missing.is_empty() && not_exec.is_empty() {
            let detail = if stock == 0 {
                format!("{total} script(s), all present and executable")
            } else {
                format!(
                    "{total} script(s), all present; {} custom one(s) executable (stock ones: \
                     see agentless scripts)",
                    total - stock
                )
            };
            return CheckResult::ok(SCRIPTS, detail);
        }
        let mut problems = Vec::new();
        let mut fixes = Vec::new();
        if !missing.is_empty() {
            problems.push(format!(
                "{} missing from {} (the daemon's probe fails with status 127 and the block is \
                 skipped)",
                quoted(&missing),
                dir.display()
            ));
            fixes.push(format!(
                "install each with `install -m 0750 -g {} SCRIPT {}/`",
                env.group,
                dir.display()
            ));
        }
        if !not_exec.is_empty() {
            let list: Vec<String> = not_exec
                .iter()
                .map(|p| match std::fs::metadata(p) {
                    Ok(m) => format!(
                        "{} is {} and not executable by {}",
                        p.display(),
                        octal(m.mode()),
                        env.user
                    ),
                    Err(_) => p.display().to_string(),
                })
                .collect();
            problems.push(format!("{} (status 126)", list.join(", ")));
            let paths: Vec<String> = not_exec.iter().map(|p| p.display().to_string()).collect();
            fixes.push(format!(
                "`chgrp {} {p} && chmod 0750 {p}`",
                env.group,
                p = paths.join(" ")
            ));
        }
        let r = CheckResult::problem(SCRIPTS, problems.join("; "), fixes.join("; "));
        // Repairable only when --fix can repair all of it.
        if missing.is_empty() {
            r.repairable()
        } else {
            r
        }
    }

    fn repair(&self, env: &DoctorEnv, dry_run: bool) -> Result<Vec<String>, DoctorError> {
        let Ok(file) = load(env, SCRIPTS) else {
            return Ok(Vec::new());
        };
        let not_exec = inspect(env, &file).not_exec;
        let uid = env.who().map(|w| w.uid);
        let mut changes = Vec::new();
        for path in not_exec {
            let meta = std::fs::metadata(&path).map_err(|source| DoctorError::Change {
                path: path.clone(),
                source,
            })?;
            // The owner's bits apply when the agentless user owns the script; else the group's.
            let gid = if Some(meta.uid()) == uid {
                None
            } else {
                env.gid
            };
            let mode = (meta.mode() | 0o750) & 0o7777;
            changes.extend(set_owner_mode(&path, None, gid, mode, dry_run)?);
        }
        Ok(changes)
    }
}
