//! Checks that read ossec.conf: it validates; every `<agentless>` host has a `.passlist` entry
//! and a known_hosts entry for the port the scripts use; every configured script exists and is
//! executable.
//!
//! `config validate` also refuses a missing or non-executable script, so such a script shows in
//! both `config validate` (as the command reports it) and `configured scripts` (which can repair
//! the exec bits).
//!
//! Each check loads ossec.conf itself (checks stay independent). A missing ossec.conf makes
//! them `Skipped`; one that cannot be parsed is a problem of `config validate` and makes the
//! others `Skipped`, both naming the line and column.

use super::perms::{EXEC, READ, may, octal};
use super::scripts::STOCK_SCRIPTS;
use super::{Check, CheckResult, DoctorEnv, DoctorError, chain, set_owner_mode};
use crate::config::validate::{self, Severity};
use crate::config::{ConfigFile, LoadError, Position};
use crate::fsutil::FsError;
use crate::passlist::Passlist;
use crate::ssh::known_hosts::KnownHosts;
use crate::sshconfig::SshConfig;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

/// Why ossec.conf cannot be used.
enum Unusable {
    /// It does not exist.
    Missing(String),
    /// It cannot be parsed: `file:line:column: message`.
    Parse(String),
    /// It cannot be read.
    Other(String),
}

fn load_file(env: &DoctorEnv) -> Result<ConfigFile, Unusable> {
    let path = env.layout.config();
    match ConfigFile::load(path) {
        Ok(f) => Ok(f),
        Err(LoadError::Read(FsError::Read { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Err(Unusable::Missing(format!(
                "{} does not exist",
                path.display()
            )))
        }
        Err(LoadError::Parse(e)) => Err(Unusable::Parse(format!(
            "{}:{}:{}: {}",
            e.path.display(),
            e.position.line,
            e.position.column,
            e.message
        ))),
        Err(e) => Err(Unusable::Other(chain(&e))),
    }
}

/// ossec.conf, or the result check `name` reports instead.
fn load(env: &DoctorEnv, name: &str) -> Result<ConfigFile, CheckResult> {
    load_file(env).map_err(|u| match u {
        Unusable::Missing(d) | Unusable::Other(d) => CheckResult::skipped(name, d),
        Unusable::Parse(d) => {
            CheckResult::skipped(name, format!("ossec.conf cannot be parsed ({d})"))
        }
    })
}

/// The distinct `user@host` values of every `<agentless>` block (without `use_su`/`use_sudo`).
fn hosts(file: &ConfigFile) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in file.doc.agentless() {
        for h in e.hosts {
            if !out.contains(&h.user_host) {
                out.push(h.user_host);
            }
        }
    }
    out
}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `config validate` finds no errors.
#[derive(Debug, Default)]
pub struct ConfigValidCheck;

const VALID: &str = "config validate";

impl Check for ConfigValidCheck {
    fn name(&self) -> &'static str {
        VALID
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let file = match load_file(env) {
            Ok(f) => f,
            Err(Unusable::Missing(d) | Unusable::Other(d)) => {
                return CheckResult::skipped(VALID, d);
            }
            // An unparsable file is this check's problem; the others only skip.
            Err(Unusable::Parse(d)) => {
                return CheckResult::problem(
                    VALID,
                    format!("ossec.conf cannot be parsed: {d}"),
                    "correct ossec.conf at that spot (`ossec-agentless config validate` shows it)",
                );
            }
        };
        let opts = validate::Options {
            agentless_dir: env.layout.agentless_dir(),
            flavour: env.install.flavour,
        };
        let found = validate::validate(&file.doc, &opts);
        let errors: Vec<_> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let warnings = found.len() - errors.len();
        let blocks = file.doc.agentless().len();
        let Some(first) = errors.first() else {
            return CheckResult::ok(
                VALID,
                format!("{blocks} <agentless> block(s), no errors, {warnings} warning(s)"),
            );
        };
        let Position { line, column } = Position::of(file.bytes(), first.offset);
        CheckResult::problem(
            VALID,
            format!(
                "{} error(s), {warnings} warning(s); first: {}:{line}:{column}: {}",
                errors.len(),
                file.path.display(),
                first.message
            ),
            "see `ossec-agentless config validate` and correct ossec.conf",
        )
    }
}

/// Every configured host has a `.passlist` entry (the stock scripts need one even for keys).
#[derive(Debug, Default)]
pub struct HostsPasslistCheck;

const PASSLIST: &str = "hosts in .passlist";

impl Check for HostsPasslistCheck {
    fn name(&self) -> &'static str {
        PASSLIST
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let file = match load(env, PASSLIST) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let hosts = hosts(&file);
        if hosts.is_empty() {
            return CheckResult::ok(PASSLIST, "no <agentless> hosts configured");
        }
        let path = env.layout.passlist();
        let pl = if path.exists() {
            match Passlist::load(&path) {
                Ok(p) => Some(p),
                Err(e) => return CheckResult::skipped(PASSLIST, chain(&e)),
            }
        } else {
            None
        };
        let missing: Vec<String> = hosts
            .iter()
            .filter(|h| pl.as_ref().and_then(|p| p.lookup(h)).is_none())
            .map(|h| crate::sanitize::for_terminal(h))
            .collect();
        if missing.is_empty() {
            return CheckResult::ok(
                PASSLIST,
                format!("all {} host(s) have an entry", hosts.len()),
            );
        }
        let first = &missing[0];
        let each = if missing.len() > 1 { " for each" } else { "" };
        CheckResult::problem(
            PASSLIST,
            format!(
                "no usable entry in {} for {} (the scripts stop with \"password not found\")",
                path.display(),
                quoted(&missing)
            ),
            format!(
                "`ossec-agentless register-host add {first}`{each} (or `--nopass` for a host \
                 that logs in with the key)"
            ),
        )
    }
}

/// Every configured host's key is in `<ossec-dir>/.ssh/known_hosts` for the port ssh will use.
#[derive(Debug, Default)]
pub struct HostsKnownCheck;

const KNOWN: &str = "hosts in known_hosts";

impl Check for HostsKnownCheck {
    fn name(&self) -> &'static str {
        KNOWN
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let file = match load(env, KNOWN) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let hosts = hosts(&file);
        if hosts.is_empty() {
            return CheckResult::ok(KNOWN, "no <agentless> hosts configured");
        }
        let ssh = env.layout.ssh_dir();
        if !ssh.is_dir() {
            return CheckResult::skipped(KNOWN, format!("{} does not exist", ssh.display()));
        }
        let config_path = ssh.join("config");
        let config = match SshConfig::load(&config_path) {
            Ok(c) => c,
            Err(e) => return CheckResult::skipped(KNOWN, chain(&e)),
        };
        let kh_path = ssh.join("known_hosts");
        let kh = match KnownHosts::load(&kh_path) {
            Ok(k) => k,
            Err(e) => return CheckResult::skipped(KNOWN, format!("{}: {e}", kh_path.display())),
        };
        let mut missing = Vec::new();
        for h in &hosts {
            let name = h.rsplit_once('@').map_or(h.as_str(), |(_, n)| n);
            let port = config.port_for(name).unwrap_or(22);
            if kh.entries_for(name, port).next().is_none() {
                let shown = crate::sanitize::for_terminal(h);
                missing.push(if port == 22 {
                    shown
                } else {
                    format!("{shown} (port {port})")
                });
            }
        }
        if missing.is_empty() {
            return CheckResult::ok(
                KNOWN,
                format!(
                    "all {} host(s) have a key in {}",
                    hosts.len(),
                    kh_path.display()
                ),
            );
        }
        let first = missing[0].split(' ').next().unwrap_or_default().to_string();
        let each = if missing.len() > 1 { " for each" } else { "" };
        CheckResult::problem(
            KNOWN,
            format!(
                "no host key in {} for {}: ssh asks to accept it and the scripts stop",
                kh_path.display(),
                quoted(&missing)
            ),
            format!(
                "`ossec-agentless push-key {first} --accept-new`{each} (or `--fingerprint \
                 SHA256:…` to check the key)"
            ),
        )
    }
}

/// Every configured `<type>` exists in `<ossec-dir>/agentless` and is executable.
#[derive(Debug, Default)]
pub struct ConfiguredScriptsCheck;

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
    let mut kinds: Vec<String> = Vec::new();
    for e in file.doc.agentless() {
        match e.kind {
            // Not a file name: `config validate` reports it.
            Some(k)
                if !k.is_empty()
                    && !k.contains('/')
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
        let path = dir.join(k);
        let Ok(meta) = std::fs::metadata(&path) else {
            missing.push(k.clone());
            continue;
        };
        if !meta.is_file() {
            missing.push(k.clone());
            continue;
        }
        // With the account known, `agentless scripts` already checks the stock scripts.
        if who.is_some() && STOCK_SCRIPTS.contains(&k.as_str()) {
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
