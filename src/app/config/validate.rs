//! `config validate`: the daemon's rules, our warnings, and optionally the daemon's own `-t`.

use super::super::Context;
use crate::cli::ValidateArgs;
use crate::config::validate::{self, Diagnostic, Severity};
use crate::config::{ConfigError, ConfigFile, LoadError};
use crate::sanitize::for_terminal;
use crate::{Error, ExitCode};
use serde::Serialize;
use std::path::Path;
use std::process::Command;

/// Runs `config validate`.
pub(crate) fn run(args: &ValidateArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let install = ctx.layout.detect();
    let file = match ConfigFile::load(ctx.layout.config()) {
        Ok(f) => f,
        Err(LoadError::Parse(e)) => return report_unparsable(args, ctx, &e),
        Err(e) => return Err(e.into()),
    };
    let opts = validate::Options {
        agentless_dir: ctx.layout.agentless_dir(),
        flavour: install.flavour,
    };
    let findings = validate::validate(&file.doc, &opts);
    let errors = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let daemon = if args.with_daemon {
        run_daemon(ctx)?
    } else {
        None
    };
    let daemon_failed = daemon.as_ref().is_some_and(|d| !d.passed);
    let code = ExitCode::differences_if(errors > 0 || daemon_failed);

    let report = ValidateReport {
        config: &file.path,
        valid: code == ExitCode::Success,
        errors,
        warnings,
        findings: findings
            .iter()
            .map(|d| {
                let pos = crate::config::Position::of(file.bytes(), d.offset);
                Finding {
                    severity: d.severity,
                    code: d.code,
                    message: &d.message,
                    line: pos.line,
                    column: pos.column,
                    entry: Some(EntryIndex { entry: d.entry }),
                }
            })
            .collect(),
        parsed: Some(ParsedFile {
            install: &install,
            entries: file.doc.agentless().len(),
            daemon: daemon.as_ref(),
        }),
    };
    if args.output.json {
        ctx.out.json_pretty(&report)?;
    } else {
        report.print_text(&file, &findings, ctx)?;
    }
    Ok(code)
}

impl ValidateReport<'_> {
    /// The report for people: the install, each finding with a caret under its place in
    /// `file`, the daemon's verdict, and a summary line.
    fn print_text(
        &self,
        file: &ConfigFile,
        diagnostics: &[Diagnostic],
        ctx: &mut Context,
    ) -> Result<(), Error> {
        let Some(parsed) = &self.parsed else {
            return Ok(());
        };
        let install = parsed.install;
        ctx.out.line(&format!(
            "install: {}{} at {}",
            install.flavour,
            install
                .version
                .as_deref()
                .map(|v| format!(" {}", for_terminal(v)))
                .unwrap_or_default(),
            ctx.layout.root().display()
        ))?;
        for d in diagnostics {
            print_finding(ctx, file, d)?;
        }
        if let Some(d) = parsed.daemon {
            let verdict = if d.passed { "passed" } else { "FAILED" };
            ctx.out.line(&format!(
                "{}: {verdict} (exit status {})",
                d.command, d.status
            ))?;
            for l in d.output.lines() {
                ctx.out.line(&format!("  {}", for_terminal(l)))?;
            }
        }
        let counts = format!(
            "{}, {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings")
        );
        let summary = if self.valid {
            format!(
                "{}: valid ({}, {counts})",
                self.config.display(),
                plural(parsed.entries, "agentless entry", "agentless entries")
            )
        } else {
            format!("{}: invalid ({counts})", self.config.display())
        };
        ctx.out.line(&summary)?;
        Ok(())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn print_finding(ctx: &mut Context, file: &ConfigFile, d: &Diagnostic) -> Result<(), Error> {
    let label = match (d.severity, d.code) {
        (Severity::Error, Some(c)) => format!("error({c})"),
        (Severity::Error, None) => "error".to_string(),
        (Severity::Warning, _) => "warning".to_string(),
    };
    let e = ConfigError::at(&file.path, file.bytes(), d.offset, for_terminal(&d.message));
    let paint = if d.severity == Severity::Error {
        crate::output::Paint::Red
    } else {
        crate::output::Paint::Yellow
    };
    let label = ctx.out.paint(&label, paint);
    ctx.out.line(&format!("{label}: {e}"))?;
    Ok(())
}

fn report_unparsable(
    args: &ValidateArgs,
    ctx: &mut Context,
    e: &ConfigError,
) -> Result<ExitCode, Error> {
    if args.output.json {
        // The daemon's error 1226 (the file cannot be read); nothing else is known.
        ctx.out.json_pretty(&ValidateReport {
            config: &e.path,
            valid: false,
            errors: 1,
            warnings: 0,
            findings: vec![Finding {
                severity: Severity::Error,
                code: Some(1226),
                message: &e.message,
                line: e.position.line,
                column: e.position.column,
                entry: None,
            }],
            parsed: None,
        })?;
    } else {
        let label = ctx.out.paint("error(1226)", crate::output::Paint::Red);
        ctx.out.line(&format!("{label}: {e}"))?;
        ctx.out.line(&format!(
            "{}: invalid (the file cannot be read as OSSEC does)",
            e.path.display()
        ))?;
    }
    Ok(ExitCode::Differences)
}

/// The `--json` document of `config validate`.
#[derive(Serialize)]
struct ValidateReport<'a> {
    config: &'a Path,
    valid: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<Finding<'a>>,
    /// What is known only of a file that could be parsed.
    #[serde(flatten)]
    parsed: Option<ParsedFile<'a>>,
}

/// The parts of a [`ValidateReport`] of a file that could be parsed.
#[derive(Serialize)]
struct ParsedFile<'a> {
    install: &'a crate::layout::Install,
    entries: usize,
    daemon: Option<&'a DaemonRun>,
}

/// One diagnostic of a [`ValidateReport`], with its position.
#[derive(Serialize)]
struct Finding<'a> {
    severity: Severity,
    code: Option<u32>,
    message: &'a str,
    line: usize,
    column: usize,
    /// The entry the finding is about (`null`: the file); absent when the file could not be
    /// parsed into entries.
    #[serde(flatten)]
    entry: Option<EntryIndex>,
}

/// The `entry` field of a [`Finding`].
#[derive(Serialize)]
struct EntryIndex {
    entry: Option<usize>,
}

/// What `ossec-agentlessd -t` said.
#[derive(Serialize)]
struct DaemonRun {
    command: String,
    passed: bool,
    status: i32,
    output: String,
}

/// Runs `<bin>/ossec-agentlessd -t -c FILE` (or wazuh-agentlessd) when it exists.
fn run_daemon(ctx: &mut Context) -> Result<Option<DaemonRun>, Error> {
    let bin = ctx.layout.bin_dir();
    let Some(daemon) = ["ossec-agentlessd", "wazuh-agentlessd"]
        .iter()
        .map(|n| bin.join(n))
        .find(|p| p.exists())
    else {
        ctx.out.warn(&format!(
            "--with-daemon: no ossec-agentlessd or wazuh-agentlessd in {}; skipped",
            bin.display()
        ))?;
        return Ok(None);
    };
    if crate::fsutil::is_root() {
        // Executed as root: only a file root owns, in directories only root can write (the rule
        // sudo and sshd apply); otherwise whoever can write them would run code as root.
        crate::fsutil::check_root_executable(&daemon)?;
    }
    let out = Command::new(&daemon)
        .arg("-t")
        .arg("-c")
        .arg(ctx.layout.config())
        .output()
        .map_err(|e| Error::Refused(format!("cannot run {}: {e}", daemon.display())))?;
    let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
    output.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok(Some(DaemonRun {
        command: format!(
            "{} -t -c {}",
            daemon.display(),
            ctx.layout.config().display()
        ),
        passed: out.status.success(),
        status: out.status.code().unwrap_or(-1),
        output,
    }))
}
