//! `test-script`: the daemon's probe and run of one script, streamed and explained.

use super::Context;
use crate::cli::TestScriptArgs;
use crate::fsutil::{effective_uid, group_id, is_root, lookup_user};
use crate::layout::Flavour;
use crate::output::Paint;
use crate::sanitize::bytes_for_terminal;
use crate::scan::target::{ConnectOptions, SshSettings, TargetSpec, open_target_as};
use crate::scan::{ScanOptions, ScanResult, job, script::roots};
use crate::script::cross_check::{self, CrossCheck};
use crate::script::{
    self, CrossCheckOutcome, Ending, Finished, HostPrefix, Invocation, Line, LineKind, Report,
    RunAs, RunSettings, ScriptError, Setting,
};
use crate::ssh::HostKeyPolicy;
use crate::transport::Timeouts;
use crate::{Error, ExitCode};
use serde::Serialize;
use std::time::Duration;

/// Time between SIGTERM and SIGKILL when a script is stopped.
const GRACE: Duration = Duration::from_secs(2);

/// Options of one test run: shared by `test-script TYPE USER@HOST` and, once ossec.conf entries
/// are read, by `--entry N` / `--all` (one [`Invocation`] per `<host>` of a block).
#[derive(Debug, Clone)]
pub(crate) struct RunOptions {
    /// Seconds before the script is stopped.
    pub(crate) timeout: f64,
    /// `--user`.
    pub(crate) user: Option<String>,
    /// `--raw`: every line.
    pub(crate) raw: bool,
    /// `--json`: no live output; the caller prints [`Outcome::json`].
    pub(crate) json: bool,
    /// Cross-check integrity scripts with a direct scan (`--no-cross-check` clears it).
    pub(crate) cross_check: bool,
}

/// What one test run produced.
pub(crate) struct Outcome {
    /// 0 passed, 1 failed.
    pub(crate) code: ExitCode,
    /// The JSON document, with `--json`.
    pub(crate) json: Option<serde_json::Value>,
}

/// Runs `test-script`.
pub(crate) fn run(args: &TestScriptArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let root = ctx.layout.root().to_path_buf();
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory: give the OSSEC directory with --ossec-dir",
            root.display()
        )));
    }
    let opts = RunOptions {
        timeout: args.timeout,
        user: args.user.clone(),
        raw: args.raw,
        json: args.output.json,
        cross_check: !args.no_cross_check,
    };
    if args.entry.is_some() || args.all {
        return super::test_entries::run(args.entry, &opts, ctx);
    }
    let (Some(script_type), Some(host)) = (&args.script_type, &args.host) else {
        return Err(Error::Usage(
            "give TYPE and USER@HOST, or --entry N / --all to test blocks of ossec.conf".into(),
        ));
    };
    let flavour = ctx.layout.detect().flavour;
    let inv = Invocation::from_entry(script_type, host, &args.args.join(" "), flavour, &root)
        .map_err(Error::Usage)?;
    let outcome = test_one(&inv, &opts, ctx)?;
    if let Some(doc) = outcome.json {
        ctx.out.json_pretty(&doc)?;
    }
    Ok(outcome.code)
}

/// Probes and runs one invocation as the daemon would, printing live unless `--json`.
pub(crate) fn test_one(
    inv: &Invocation,
    opts: &RunOptions,
    ctx: &mut Context,
) -> Result<Outcome, Error> {
    test_in_block(inv, opts, ctx, &mut None)
}

/// [`test_one`] for one host of an `<agentless>` block: the daemon's startup probe runs once per
/// block, so `probe` holds its result after the first host and is reused for the others.
pub(crate) fn test_in_block(
    inv: &Invocation,
    opts: &RunOptions,
    ctx: &mut Context,
    probe: &mut Option<Finished>,
) -> Result<Outcome, Error> {
    // Absolute: the script path must not be resolved again inside the working directory.
    let root = ctx
        .layout
        .root()
        .canonicalize()
        .unwrap_or_else(|_| ctx.layout.root().to_path_buf());
    let flavour = ctx.layout.detect().flavour;
    if !flavour.supports_agentless() {
        ctx.out
            .warn("Wazuh 5.x has no agentless daemon; running the script anyway")?;
    }
    let run_as = choose_account(opts.user.as_deref(), flavour, ctx)?;
    if run_as.as_ref().map_or_else(is_root, |r| r.uid == 0) {
        // Run as root: only a script root owns, in directories only root can write.
        crate::fsutil::check_root_executable(&root.join("agentless").join(&inv.script_type))?;
    }
    let settings = RunSettings {
        script: root.join("agentless").join(&inv.script_type),
        cwd: root.clone(),
        run_as: run_as.clone(),
        timeout: Duration::from_secs_f64(opts.timeout),
        grace: GRACE,
    };
    let reused = probe.is_some();
    let setting = Setting {
        root: root.clone(),
        script: settings.script.clone(),
        script_type: inv.script_type.clone(),
        host: inv.host.clone(),
        run_as,
        group: flavour.agentless_user().to_string(),
        timeout_secs: opts.timeout,
    };
    if opts.json {
        return run_json(inv, &settings, &setting, opts, probe, ctx);
    }
    for w in &inv.warnings {
        ctx.out.warn(w)?;
    }
    let who = settings
        .run_as
        .as_ref()
        .map_or_else(|| "the current user".to_string(), |r| r.name.clone());
    ctx.out.info(&format!(
        "running {} as {who} in {}, timeout {} s",
        bytes_for_terminal(inv.display().as_bytes()),
        root.display(),
        opts.timeout
    ))?;
    let raw = opts.raw;
    let verbose = ctx.out.verbose_level() > 0;
    let mut in_store = false;
    let out = &mut *ctx.out;
    let result = probe_and_test(inv, &settings, &setting, probe, &mut |line| {
        print_line(out, line, raw, verbose, &mut in_store)
    });
    let mut report = match result {
        Ok(r) => r,
        Err(ScriptError::Output { source }) => return Err(Error::Output(source)),
        Err(e) => return Err(e.into()),
    };
    if cross_check::applies(&inv.script_type) && opts.cross_check && report.wants_cross_check() {
        ctx.out.info(&format!(
            "cross-check: scanning the same paths on {} directly",
            bytes_for_terminal(inv.host.as_bytes())
        ))?;
    }
    cross_check_run(&mut report, inv, opts, &setting, ctx);
    print_verdict(&report, inv, reused, ctx)?;
    Ok(Outcome {
        code: ExitCode::differences_if(!report.passed),
        json: None,
    })
}

fn print_line(
    out: &mut crate::output::Output<'_>,
    line: &Line,
    raw: bool,
    verbose: bool,
    in_store: &mut bool,
) -> std::io::Result<()> {
    if raw {
        return out.line(&bytes_for_terminal(&line.full));
    }
    let label = match line.kind {
        LineKind::Other if *in_store => ">",
        LineKind::Other if verbose => "-",
        LineKind::Other => return Ok(()),
        LineKind::Store => {
            *in_store = true;
            "STORE"
        }
        k => k.label(),
    };
    let paint = match line.kind {
        LineKind::Error => Paint::Red,
        LineKind::Info => Paint::Bold,
        LineKind::Other => Paint::Dim,
        _ => Paint::Green,
    };
    let text = if line.kind == LineKind::Other {
        &line.bytes[..]
    } else {
        line.payload()
    };
    let label = out.paint(&format!("{label:<5}"), paint);
    out.line(&format!("{label} {}", bytes_for_terminal(text)))
}

/// Runs the probe unless `cache` holds its result already, then the real run.
fn probe_and_test(
    inv: &Invocation,
    settings: &RunSettings,
    setting: &Setting,
    cache: &mut Option<Finished>,
    on_line: &mut dyn FnMut(&Line) -> std::io::Result<()>,
) -> Result<Report, ScriptError> {
    let probe = match cache {
        Some(p) => p.clone(),
        None => cache.insert(script::runner::probe(settings)?).clone(),
    };
    script::test_probed(inv, settings, setting, probe, on_line)
}

fn print_verdict(
    report: &Report,
    inv: &Invocation,
    reused: bool,
    ctx: &mut Context,
) -> Result<(), Error> {
    let out = &mut *ctx.out;
    let target = bytes_for_terminal(format!("{} {}", inv.script_type, inv.host).as_bytes());
    let probe_desc = match &report.probe.ending {
        Ending::Exited { code: 0 } => "passed".to_string(),
        e => format!("failed: {}", script::verdict::describe(e)),
    };
    out.line("")?;
    let head = if report.passed {
        out.paint("PASSED", Paint::Green)
    } else {
        out.paint("FAILED", Paint::Red)
    };
    out.line(&format!("{head} {target}"))?;
    let once = if reused {
        " (run once for the block)"
    } else {
        ""
    };
    out.line(&format!("  probe `test test`{once}: {probe_desc}"))?;
    match &report.run {
        None => out.line("  run: not attempted (the daemon skips a block whose probe fails)")?,
        Some(r) => {
            let mut end = script::verdict::describe(&r.ending);
            if r.stopped_at_error {
                end = format!("stopped at the first ERROR line; the script {end}");
            }
            out.line(&format!(
                "  run: {end} after {:.1} s",
                r.duration_ms as f64 / 1000.0
            ))?;
            let c = &report.counts;
            out.line(&format!(
                "  lines: {} FWD, {} INFO, {} LOG, {} STORE, {} stored, {} ignored",
                c.fwd, c.info, c.log, c.store, c.stored, c.other
            ))?;
        }
    }
    if let Some(cc) = &report.cross_check {
        print_cross_check(out, cc)?;
    }
    if let Some(e) = &report.first_error {
        out.line(&format!(
            "  first error: {}",
            bytes_for_terminal(e.as_bytes())
        ))?;
    }
    let cross = out.paint("✘", Paint::Red);
    for f in &report.findings {
        out.line(&format!(
            "  {cross} {}",
            bytes_for_terminal(f.problem.as_bytes())
        ))?;
        if let Some(fix) = &f.fix {
            out.line(&format!("    fix: {}", bytes_for_terminal(fix.as_bytes())))?;
        }
    }
    // The invocation's warnings were shown before the run.
    for w in report.warnings.iter().filter(|w| !inv.warnings.contains(w)) {
        out.warn(w)?;
    }
    Ok(())
}

/// Unreported files listed on the terminal; `--json` lists them all.
const LISTED_FILES: usize = 100;

fn print_cross_check(
    out: &mut crate::output::Output<'_>,
    cc: &CrossCheckOutcome,
) -> std::io::Result<()> {
    match cc {
        CrossCheckOutcome::Done(c) => {
            out.line(&format!(
                "  cross-check: {} file(s) on the host, {} reported, {} not reported, {} with \
                 other values",
                c.files,
                c.reported,
                c.unreported.len(),
                c.mismatched.len()
            ))?;
            for u in c.unreported.iter().take(LISTED_FILES) {
                out.line(&format!(
                    "    not reported: {} ({})",
                    bytes_for_terminal(&u.path),
                    u.reason.text()
                ))?;
            }
            if c.unreported.len() > LISTED_FILES {
                out.line(&format!(
                    "    … and {} more (all are in --json)",
                    c.unreported.len() - LISTED_FILES
                ))?;
            }
            for m in c.mismatched.iter().take(LISTED_FILES) {
                out.line(&format!(
                    "    other values: {} (reported {}, found {})",
                    bytes_for_terminal(&m.path),
                    m.reported,
                    m.found
                ))?;
            }
            if c.mismatched.len() > LISTED_FILES {
                out.line(&format!(
                    "    … and {} more (all are in --json)",
                    c.mismatched.len() - LISTED_FILES
                ))?;
            }
        }
        CrossCheckOutcome::NotRun { reason } => out.line(&format!(
            "  cross-check: not run ({})",
            bytes_for_terminal(reason.as_bytes())
        ))?,
        CrossCheckOutcome::NotAttempted => {
            out.line("  cross-check: not attempted (the run itself failed)")?;
        }
        CrossCheckOutcome::Skipped => out.line("  cross-check: skipped (--no-cross-check)")?,
    }
    Ok(())
}

/// The cross-check of an integrity script: scans the script's paths on its host directly and
/// adds what the script missed to the report. Other scripts are left alone.
fn cross_check_run(
    report: &mut Report,
    inv: &Invocation,
    opts: &RunOptions,
    setting: &Setting,
    ctx: &Context,
) {
    if !cross_check::applies(&inv.script_type) {
        return;
    }
    let outcome = if !opts.cross_check {
        CrossCheckOutcome::Skipped
    } else if !report.wants_cross_check() {
        CrossCheckOutcome::NotAttempted
    } else if report.reported_overflow {
        CrossCheckOutcome::NotRun {
            reason: format!(
                "the script printed more than {} FWD: lines",
                script::transcript::MAX_REPORTED
            ),
        }
    } else {
        match scan_like_the_script(inv, opts, ctx) {
            Ok(scan) => CrossCheckOutcome::Done(compare(report, &scan, inv)),
            Err(reason) => CrossCheckOutcome::NotRun { reason },
        }
    };
    report.add_cross_check(outcome, setting);
}

fn compare(report: &Report, scan: &ScanResult, inv: &Invocation) -> CrossCheck {
    let facts = cross_check::RunFacts {
        su_run: inv.prefix == HostPrefix::UseSu,
        shell_rejected: report.shell_rejected,
    };
    cross_check::compare(&report.reported, &report.lost, scan, facts)
}

/// The host as the script's ssh sees it: `user@host`, or the `ssh://user@host[:port]` form
/// ssh also takes. The `.passlist` line is the one for the text as given, as main.exp reads it.
fn script_target(host: &str) -> Result<TargetSpec, String> {
    let spec = host.strip_prefix("ssh://").unwrap_or(host);
    TargetSpec::parse(spec.trim_end_matches('/')).map_err(|e| e.to_string())
}

/// Scans the invocation's paths on its host with the agentless user's credentials and known
/// hosts (an unknown host key is refused, nothing is written), as the user the script logs in as.
fn scan_like_the_script(
    inv: &Invocation,
    opts: &RunOptions,
    ctx: &Context,
) -> Result<ScanResult, String> {
    let target = script_target(&inv.host)?;
    if inv.args.is_empty() {
        return Err("the script was given no paths".into());
    }
    let paths: Vec<std::path::PathBuf> = inv.args.iter().map(Into::into).collect();
    let roots = roots(&paths).map_err(|e| crate::causes::chain(&e))?;
    let connect = ConnectOptions {
        timeouts: Timeouts {
            connect: Duration::from_secs(20),
            idle: Some(Duration::from_secs_f64(opts.timeout)),
        },
        ssh: Some(SshSettings::for_layout(
            &ctx.layout,
            HostKeyPolicy::Strict,
            crate::layout::agentless_owner(ctx.layout.detect().flavour),
        )),
    };
    let mut transport =
        open_target_as(&target, &connect, &inv.host).map_err(|e| crate::causes::chain(&e))?;
    let (result, _flavour) = job::run_script(
        transport.as_mut(),
        &ScanOptions::default(),
        &roots,
        crate::scan::stream::StreamLimits::DEFAULT,
        None,
    )
    .map_err(|e| crate::causes::chain(&e))?;
    Ok(result)
}

#[derive(Serialize)]
struct JsonLine {
    kind: &'static str,
    text: String,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    command: String,
    #[serde(flatten)]
    report: &'a Report,
    lines: Vec<JsonLine>,
}

fn run_json(
    inv: &Invocation,
    settings: &RunSettings,
    setting: &Setting,
    opts: &RunOptions,
    probe: &mut Option<Finished>,
    ctx: &Context,
) -> Result<Outcome, Error> {
    let raw = opts.raw;
    let mut lines = Vec::new();
    let mut in_store = false;
    let report = probe_and_test(inv, settings, setting, probe, &mut |line| {
        let kind = match line.kind {
            LineKind::Store => {
                in_store = true;
                "store"
            }
            LineKind::Other if in_store => "stored",
            LineKind::Other if raw => "other",
            LineKind::Other => return Ok(()),
            LineKind::Error => "error",
            LineKind::Info => "info",
            LineKind::Fwd => "fwd",
            LineKind::Log => "log",
        };
        lines.push(JsonLine {
            kind,
            text: String::from_utf8_lossy(if line.kind == LineKind::Other {
                &line.bytes
            } else {
                line.payload()
            })
            .into_owned(),
        });
        Ok(())
    })?;
    let mut report = report;
    cross_check_run(&mut report, inv, opts, setting, ctx);
    let doc = JsonReport {
        command: inv.display(),
        report: &report,
        lines,
    };
    let json = serde_json::to_value(&doc).map_err(|e| Error::Output(std::io::Error::other(e)))?;
    Ok(Outcome {
        code: ExitCode::differences_if(!report.passed),
        json: Some(json),
    })
}

/// Picks the account to run as: the agentless user (or `--user`) when root, else ourselves.
fn choose_account(
    requested: Option<&str>,
    flavour: Flavour,
    ctx: &mut Context,
) -> Result<Option<RunAs>, Error> {
    let target = requested.unwrap_or(flavour.agentless_user());
    if is_root() {
        let Some(account) = lookup_user(target) else {
            return Err(Error::Refused(match requested {
                Some(_) => format!("the user '{target}' does not exist"),
                None => format!(
                    "the agentless user '{target}' does not exist, so the script cannot run as \
                     the daemon runs it (the daemon itself cannot start without it); create it \
                     (`groupadd -r {target} && useradd -r -g {target} -d {} -s /sbin/nologin \
                     {target}`), or pass --user NAME to test as another user",
                    ctx.layout.root().display()
                ),
            }));
        };
        let gid = match (group_id(target), requested) {
            (Some(g), _) => g,
            (None, Some(_)) => account.gid,
            (None, None) => {
                return Err(Error::Refused(format!(
                    "the group '{target}' does not exist: the daemon runs scripts with this \
                     group and cannot start without it; create it (`groupadd -r {target}`), \
                     or pass --user NAME"
                )));
            }
        };
        return Ok(Some(RunAs {
            name: target.to_string(),
            uid: account.uid,
            gid,
        }));
    }
    let me = crate::fsutil::user_name(effective_uid());
    match requested {
        Some(r) if r != me => Err(Error::Refused(format!(
            "cannot run as '{r}' without root: run test-script with sudo, or leave out --user"
        ))),
        Some(_) => Ok(None),
        None => {
            if me != target {
                ctx.out.warn(&format!(
                    "not running as root: the script runs as {me}, not as {target} as the \
                     daemon would; {me}'s permissions and ~/.ssh apply"
                ))?;
            }
            Ok(None)
        }
    }
}
