//! Whether `ossec-control` starts the agentless daemon.
//!
//! OSSEC's `ossec-control` sources `bin/.process_list`; `ossec-control enable agentless` appends
//! `AGENTLESS_DAEMON=ossec-agentlessd` and `disable` appends `AGENTLESS_DAEMON=""`, so the last
//! assignment wins. Wazuh 4.x always starts `wazuh-agentlessd`.

use super::{Check, CheckResult, DoctorEnv, DoctorError};
use crate::fsutil::{FileLock, FsError, Owners, WriteOptions, atomic_write, read_optional};
use crate::layout::{Flavour, Layout};
use std::path::PathBuf;

/// The line `ossec-control enable agentless` appends.
pub(crate) const ENABLE_LINE: &str = "AGENTLESS_DAEMON=ossec-agentlessd";

/// The last `AGENTLESS_DAEMON=` assignment in `.process_list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcessList {
    /// The value, without quotes; `None` when no line assigns it.
    pub(crate) value: Option<String>,
    /// Its 1-based line number.
    pub(crate) line: usize,
}

impl ProcessList {
    /// Parses the file's text (it is a shell fragment; simple assignments only).
    pub(crate) fn parse(text: &str) -> ProcessList {
        let mut found = ProcessList {
            value: None,
            line: 0,
        };
        for (i, line) in text.lines().enumerate() {
            let l = line.trim_start();
            let l = l.strip_prefix("export ").map_or(l, str::trim_start);
            let Some(v) = l.strip_prefix("AGENTLESS_DAEMON=") else {
                continue;
            };
            let v = v.trim_end().trim_end_matches(';').trim_end();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            found = ProcessList {
                value: Some(v.to_string()),
                line: i + 1,
            };
        }
        found
    }

    /// True when the daemon would be started.
    pub(crate) fn enabled(&self) -> bool {
        self.value.as_deref() == Some("ossec-agentlessd")
    }

    /// `<ossec-dir>/bin/.process_list`.
    pub(crate) fn path(layout: &Layout) -> PathBuf {
        layout.bin_dir().join(".process_list")
    }

    /// Reads [`ProcessList::path`] (link-safely); `None` when it does not exist.
    pub(crate) fn read(layout: &Layout) -> Result<Option<ProcessList>, FsError> {
        Ok(read_optional(&ProcessList::path(layout), Owners::Any)?
            .map(|b| ProcessList::parse(&String::from_utf8_lossy(&b))))
    }
}

/// `AGENTLESS_DAEMON` in `bin/.process_list`.
#[derive(Debug, Default)]
pub(crate) struct AgentlessEnabled;

const NAME: &str = "agentless enabled";

fn path(env: &DoctorEnv) -> PathBuf {
    ProcessList::path(&env.layout)
}

impl Check for AgentlessEnabled {
    fn name(&self) -> &'static str {
        NAME
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        match env.install.flavour {
            Flavour::Wazuh4 => {
                return CheckResult::ok(NAME, "always enabled on Wazuh 4.x");
            }
            Flavour::Wazuh5 => {
                return CheckResult::skipped(NAME, "Wazuh 5.x has no agentless daemon");
            }
            Flavour::Ossec | Flavour::Unknown => {}
        }
        let p = path(env);
        let fix = "`ossec-control enable agentless`, then \
                   `ossec-control restart`";
        let pl = match ProcessList::read(&env.layout) {
            Ok(Some(pl)) => pl,
            Ok(None) => {
                return CheckResult::problem(
                    NAME,
                    format!("not enabled: {} does not exist", p.display()),
                    fix,
                )
                .repairable();
            }
            Err(e) => {
                return CheckResult::problem(NAME, crate::causes::chain(&e), "run doctor as root");
            }
        };
        match &pl.value {
            _ if pl.enabled() => CheckResult::ok(
                NAME,
                format!("AGENTLESS_DAEMON=ossec-agentlessd (line {})", pl.line),
            ),
            None => CheckResult::problem(
                NAME,
                format!("not enabled: no AGENTLESS_DAEMON line in {}", p.display()),
                fix,
            )
            .repairable(),
            Some(v) => CheckResult::problem(
                NAME,
                format!(
                    "not enabled: the last assignment (line {}) is AGENTLESS_DAEMON=\"{v}\"",
                    pl.line
                ),
                fix,
            )
            .repairable(),
        }
    }

    fn repair(&self, env: &DoctorEnv, dry_run: bool) -> Result<Vec<String>, DoctorError> {
        if self.run(env).status != super::Status::Problem {
            return Ok(Vec::new());
        }
        let p = path(env);
        let change = vec![format!("append {ENABLE_LINE} to {}", p.display())];
        if dry_run {
            return Ok(change);
        }
        let _lock = FileLock::for_file(&p)?;
        let mut text = read_optional(&p, Owners::Any)?.unwrap_or_default();
        // ossec-control's `echo … >>` would glue the line onto an unterminated last line.
        if !text.is_empty() && !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        text.extend_from_slice(ENABLE_LINE.as_bytes());
        text.push(b'\n');
        atomic_write(
            &p,
            &text,
            &WriteOptions {
                new_file_mode: Some(0o644),
                ..WriteOptions::default()
            },
        )?;
        Ok(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_assignment_wins() {
        let p = ProcessList::parse("AGENTLESS_DAEMON=ossec-agentlessd\nAGENTLESS_DAEMON=\"\"\n");
        assert_eq!(p.value.as_deref(), Some(""));
        assert_eq!(p.line, 2);
        assert!(!p.enabled());
        let p = ProcessList::parse(
            "DB_DAEMON=ossec-dbd\nAGENTLESS_DAEMON=\"\"\n  AGENTLESS_DAEMON=\"ossec-agentlessd\";\n",
        );
        assert!(p.enabled());
        assert_eq!(ProcessList::parse("DEBUG_CLI=\"-d\"\n").value, None);
    }
}
