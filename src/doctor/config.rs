//! Checks that read ossec.conf: it validates; every `<agentless>` host has a `.passlist` entry
//! and a known_hosts entry for the port the scripts use. (Every configured script exists and is
//! executable: `config_scripts`.)
//!
//! `config validate` also refuses a missing or non-executable script, so such a script shows in
//! both `config validate` (as the command reports it) and `configured scripts` (which can repair
//! the exec bits).
//!
//! Each check loads ossec.conf itself (checks stay independent). A missing ossec.conf makes
//! them `Skipped`; one that cannot be parsed is a problem of `config validate` and makes the
//! others `Skipped`, both naming the line and column.

use super::{Check, CheckResult, DoctorEnv};
use crate::causes::chain;
use crate::config::validate::{self, Severity};
use crate::config::{ConfigFile, LoadError, Position};
use crate::passlist::{Form, Passlist};
use crate::ssh::known_hosts::KnownHosts;
use crate::sshconfig::SshConfig;

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
        Err(LoadError::Read(e)) if e.is_not_found() => Err(Unusable::Missing(format!(
            "{} does not exist",
            path.display()
        ))),
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
pub(super) fn load(env: &DoctorEnv, name: &str) -> Result<ConfigFile, CheckResult> {
    load_file(env).map_err(|u| match u {
        Unusable::Missing(d) | Unusable::Other(d) => CheckResult::skipped(name, d),
        Unusable::Parse(d) => {
            CheckResult::skipped(name, format!("ossec.conf cannot be parsed ({d})"))
        }
    })
}

/// The distinct `user@host` values of every `<agentless>` block (without `use_su`/`use_sudo`).
/// A host name that is not UTF-8 is taken lossily (it cannot be a DNS name; it then shows as
/// missing from `.passlist` and `known_hosts`).
fn hosts(file: &ConfigFile) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in file.doc.agentless() {
        for h in e.hosts {
            let h = h.user_host.lossy().into_owned();
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

pub(super) fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `config validate` finds no errors.
#[derive(Debug, Default)]
pub(crate) struct ConfigValidCheck;

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
pub(crate) struct HostsPasslistCheck;

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
        let pl = match Passlist::read(&path, Form::for_flavour(env.install.flavour)) {
            Ok(p) => p,
            Err(e) => return CheckResult::skipped(PASSLIST, chain(&e)),
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
pub(crate) struct HostsKnownCheck;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;
    use crate::layout::Layout;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEYjTz/YW7O8PW0JX/zdVUNyf1O3dpIZeeH3+8aJR52Y";

    fn layout(conf: &str) -> (tempfile::TempDir, DoctorEnv) {
        let dir = tempfile::tempdir().unwrap();
        for d in ["etc", "agentless", ".ssh"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("etc/ossec.conf"), conf).unwrap();
        let env = DoctorEnv::new(&Layout::new(dir.path(), None), Some("root"));
        (dir, env)
    }

    #[test]
    fn hosts_are_deduplicated_and_matched_on_the_configured_port() {
        let (dir, env) = layout(
            "<ossec_config><agentless><type>t</type><host>a@h1</host><host>use_su a@h1</host>\
             <host>b@h2</host></agentless></ossec_config>",
        );
        let d = dir.path();
        std::fs::write(d.join(".ssh/config"), "Host h2\n  Port 2200\n").unwrap();
        // h2 is stored for port 22 only: ssh will ask on 2200.
        std::fs::write(d.join(".ssh/known_hosts"), format!("h1 {KEY}\nh2 {KEY}\n")).unwrap();
        let r = HostsKnownCheck.run(&env);
        assert_eq!(r.status, Status::Problem);
        assert!(r.detail.contains("for 'b@h2 (port 2200)':"), "{}", r.detail);
        assert!(!r.detail.contains("a@h1"), "{}", r.detail);
        assert_eq!(
            r.fix.as_deref(),
            Some(
                "`ossec-agentless push-key b@h2 --accept-new` (or `--fingerprint SHA256:…` to \
                 check the key)"
            )
        );
        std::fs::write(
            d.join(".ssh/known_hosts"),
            format!("h1 {KEY}\n[h2]:2200 {KEY}\n"),
        )
        .unwrap();
        assert_eq!(HostsKnownCheck.run(&env).status, Status::Ok);

        // No .passlist: both hosts (once each) are missing; `x` counts as missing too.
        let r = HostsPasslistCheck.run(&env);
        assert!(r.detail.contains("for 'a@h1', 'b@h2' ("), "{}", r.detail);
        assert!(r.fix.unwrap().contains("add a@h1` for each"));
        std::fs::write(d.join("agentless/.passlist"), "a@h1|x|\nb@h2|NOPASS|\n").unwrap();
        let r = HostsPasslistCheck.run(&env);
        assert!(r.detail.contains("for 'a@h1' ("), "{}", r.detail);
    }

    #[test]
    fn a_missing_or_broken_ossec_conf_never_panics() {
        let (dir, env) = layout("<ossec_config><agentless>");
        let r = ConfigValidCheck.run(&env);
        assert_eq!(r.status, Status::Problem);
        assert!(r.detail.contains("ossec.conf:1:"), "{}", r.detail);
        assert_eq!(HostsKnownCheck.run(&env).status, Status::Skipped);
        std::fs::remove_file(dir.path().join("etc/ossec.conf")).unwrap();
        for r in [ConfigValidCheck.run(&env), HostsPasslistCheck.run(&env)] {
            assert_eq!(r.status, Status::Skipped);
            assert!(
                r.detail.ends_with("ossec.conf does not exist"),
                "{}",
                r.detail
            );
        }
    }
}
