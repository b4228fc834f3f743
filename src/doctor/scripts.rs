//! The agentless user must be able to enter `<ossec-dir>/agentless`, run the stock scripts in
//! it and read the expect files they source (installed `0550 root:ossec`).

use super::perms::{EXEC, READ, may, octal};
use super::{Check, CheckResult, DoctorEnv, DoctorError, set_owner_mode};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

/// Scripts shipped with OSSEC that the daemon executes.
pub(crate) const STOCK_SCRIPTS: &[&str] = &[
    "ssh_integrity_check_linux",
    "ssh_integrity_check_bsd",
    "ssh_generic_diff",
    "ssh_pixconfig_diff",
    "ssh_asa-fwsmconfig_diff",
    "ssh_foundry_diff",
];
/// Expect files the scripts source.
pub(crate) const STOCK_SOURCED: &[&str] = &[
    "main.exp",
    "ssh.exp",
    "sshlogin.exp",
    "ssh_nopass.exp",
    "su.exp",
];

/// Access to the agentless directory and the stock scripts.
#[derive(Debug, Default)]
pub(crate) struct ScriptsCheck;

const NAME: &str = "agentless scripts";

struct Bad {
    path: PathBuf,
    problem: String,
    add: u32,
}

fn inspect(env: &DoctorEnv) -> Result<(Vec<Bad>, usize), CheckResult> {
    let Some(who) = env.who() else {
        return Err(CheckResult::skipped(
            NAME,
            env.missing_account().unwrap_or_default(),
        ));
    };
    let dir = env.layout.agentless_dir();
    let meta = match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => m,
        Ok(_) => {
            return Err(CheckResult::problem(
                NAME,
                format!("{} is not a directory", dir.display()),
                "reinstall OSSEC's agentless scripts",
            ));
        }
        Err(e) => {
            return Err(CheckResult::problem(
                NAME,
                format!("{} is missing ({e})", dir.display()),
                "reinstall OSSEC's agentless scripts",
            ));
        }
    };
    let mut bad = Vec::new();
    if !may(&meta, who, READ | EXEC) {
        bad.push(Bad {
            problem: format!(
                "{} is {} and not readable and searchable by {}",
                dir.display(),
                octal(meta.mode()),
                env.user
            ),
            path: dir.clone(),
            add: 0o050,
        });
    }
    let mut present = 0;
    for (names, want, add, what) in [
        (STOCK_SCRIPTS, READ | EXEC, 0o050, "executable"),
        (STOCK_SOURCED, READ, 0o040, "readable"),
    ] {
        for name in names {
            let path = dir.join(name);
            let Ok(m) = std::fs::metadata(&path) else {
                continue;
            };
            present += 1;
            if !may(&m, who, want) {
                bad.push(Bad {
                    problem: format!(
                        "{name} is {} and not {what} by {}",
                        octal(m.mode()),
                        env.user
                    ),
                    path,
                    add,
                });
            }
        }
    }
    Ok((bad, present))
}

impl Check for ScriptsCheck {
    fn name(&self) -> &'static str {
        NAME
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        match inspect(env) {
            Err(r) => r,
            Ok((bad, n)) if bad.is_empty() => CheckResult::ok(
                NAME,
                format!(
                    "{} is usable by {} ({n} stock file(s) found)",
                    env.layout.agentless_dir().display(),
                    env.user
                ),
            ),
            Ok((bad, _)) => {
                let problems: Vec<String> = bad.iter().map(|b| b.problem.clone()).collect();
                let paths: Vec<String> = bad.iter().map(|b| b.path.display().to_string()).collect();
                CheckResult::problem(
                    NAME,
                    problems.join("; "),
                    format!(
                        "`chgrp {g} {p} && chmod g+rx {p}`",
                        g = env.group,
                        p = paths.join(" ")
                    ),
                )
                .repairable()
            }
        }
    }

    fn repair(&self, env: &DoctorEnv, dry_run: bool) -> Result<Vec<String>, DoctorError> {
        let Ok((bad, _)) = inspect(env) else {
            return Ok(Vec::new());
        };
        let mut changes = Vec::new();
        let uid = env.who().map(|w| w.uid);
        for b in bad {
            let meta = std::fs::metadata(&b.path).map_err(|source| DoctorError::Change {
                path: b.path.clone(),
                source,
            })?;
            // The owner's bits apply when the agentless user owns the file; else the group's.
            let (gid, add) = if Some(meta.uid()) == uid {
                (None, b.add << 3)
            } else {
                (env.gid, b.add)
            };
            let mode = (meta.mode() | add) & 0o7777;
            changes.extend(set_owner_mode(&b.path, None, gid, mode, dry_run)?);
        }
        Ok(changes)
    }
}
