//! `scan`: scan one or more targets, compare with baselines, and report; or, with
//! `--agentless`, act as an ossec-agentlessd script.

use super::Context;
use super::agentless::fail;
use super::target::{entry_targets, entry_text};
use crate::causes::chain;
use crate::cli::{EngineArg, ScanArgs, ScanFormat};
use crate::fsutil::FileLock;
use crate::sanitize::{bytes_for_terminal, for_terminal};
use crate::scan::baseline::{self, BaselineStore};
use crate::scan::forward;
use crate::scan::job::{self, BaselineOutcome, Engine, ForwardOptions, Job, JobOptions, JobReport};
use crate::scan::report;
use crate::scan::script;
use crate::scan::stream::StreamLimits;
use crate::scan::target::{ConnectOptions, SshSettings, TargetSpec};
use crate::scan::{ProgressFn, ScanError, ScanOptions};
use crate::transport::Timeouts;
use crate::{Error, ExitCode};
use serde::Serialize;
use std::os::unix::ffi::OsStrExt;
use std::time::Duration;

fn options(args: &ScanArgs, ctx: &Context) -> Result<JobOptions, Error> {
    let policy = args.host_key.policy();
    Ok(JobOptions {
        scan: ScanOptions {
            follow: args.follow,
            sudo: args.sudo,
        },
        engine: match args.engine {
            EngineArg::Auto => Engine::Auto,
            EngineArg::Script => Engine::Script,
        },
        connect: ConnectOptions {
            timeouts: Timeouts {
                connect: Duration::from_secs(args.connect_timeout),
                idle: (args.idle_timeout > 0).then(|| Duration::from_secs(args.idle_timeout)),
            },
            ssh: Some(SshSettings::for_layout(
                &ctx.layout,
                policy,
                crate::layout::agentless_owner(ctx.layout.detect().flavour),
            )),
        },
        limits: StreamLimits {
            max_path: usize::try_from(args.max_path_bytes).unwrap_or(usize::MAX),
            max_records: usize::try_from(args.max_records).unwrap_or(usize::MAX),
            max_section_bytes: args.max_section_bytes,
        },
        store: if args.agentless {
            None
        } else {
            Some(BaselineStore::new(args.state_dir.clone())?)
        },
        update: !args.no_update,
        forward: args.forward.then(|| ForwardOptions {
            socket: ctx.layout.analysisd_queue(),
            kind: args.kind.clone(),
            ossec_dir: ctx.layout.root().to_path_buf(),
            pace: Duration::from_millis(args.forward_pace),
        }),
    })
}

/// The jobs: the targets given with their PATHs, or from ossec.conf (no PATH, `--all`).
fn jobs(args: &ScanArgs, ctx: &Context) -> Result<Vec<Job>, Error> {
    if args.all {
        let jobs = configured_jobs(ctx, None)?;
        if jobs.is_empty() {
            return Err(Error::Usage(format!(
                "{} has no ssh_integrity_check_* entry to scan",
                ctx.layout.config().display()
            )));
        }
        return Ok(jobs);
    }
    let mut jobs = Vec::new();
    let first = args.target.as_deref().map(TargetSpec::parse).transpose()?;
    for target in first.into_iter().chain(args.more_targets.iter().cloned()) {
        if !args.paths.is_empty() {
            jobs.push(Job {
                target,
                paths: args.paths.clone(),
                kind: None,
            });
            continue;
        }
        let found = match &target {
            TargetSpec::Local => Vec::new(),
            TargetSpec::Ssh { .. } => configured_jobs(ctx, Some(&target))?,
        };
        if found.is_empty() {
            return Err(Error::Usage(format!(
                "no PATH given and {} has no ssh_integrity_check_* entry for {}: name the files \
                 and directories to scan",
                ctx.layout.config().display(),
                target.ossec_host()
            )));
        }
        jobs.extend(found);
    }
    Ok(jobs)
}

/// One job per host of every `ssh_integrity_check_*` entry (only `only`'s user@host when
/// given), with the entry's arguments as paths and its type for forwarding.
fn configured_jobs(ctx: &Context, only: Option<&TargetSpec>) -> Result<Vec<Job>, Error> {
    let file = crate::config::ConfigFile::load(ctx.layout.config())?;
    let mut jobs = Vec::new();
    for e in file
        .doc
        .agentless()
        .iter()
        .filter(|e| e.is_integrity_check())
    {
        // Paths keep their bytes (a Latin-1 file name stays one).
        let paths: Vec<std::path::PathBuf> = e
            .argument_words()
            .iter()
            .map(|w| w.to_os_str().into())
            .collect();
        if paths.is_empty() {
            continue;
        }
        for (target, _) in entry_targets(e, only, "scan")? {
            jobs.push(Job {
                target,
                paths: paths.clone(),
                kind: e
                    .kind
                    .as_ref()
                    .map(|k| entry_text(e, k, "<type>", "scan"))
                    .transpose()?,
            });
        }
    }
    Ok(jobs)
}

/// Runs `scan`: options, jobs, run (each target printed as it finishes), exit status.
pub(crate) fn run(args: &ScanArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    if args.agentless {
        return agentless(args, ctx);
    }
    let opts = options(args, ctx)?;
    let jobs = jobs(args, ctx)?;
    let format = OutputFormat::of(args);
    let bars = progress_bars(
        &jobs,
        ctx.out.progress_allowed()
            && !matches!(format, OutputFormat::Json | OutputFormat::JsonLines),
    );
    let progress = |i: usize| bars.as_ref().and_then(|b| b.progress(i));
    let mut printer = Printer {
        args,
        format,
        ctx,
        code: ExitCode::Success,
        documents: Vec::new(),
        failed_output: None,
    };
    job::run_all(&jobs, &opts, args.jobs, &progress, &mut |i, result| {
        let print = || printer.target_done(&jobs[i], result);
        match &bars {
            Some(b) => b.finish_one(i, print),
            None => print(),
        }
    });
    printer.finish()
}

/// How `scan` prints its results.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    /// `--json`: one document at the end.
    Json,
    /// `--json-lines`: events as each target finishes.
    JsonLines,
    /// `--format human|fwd|ossec`, as each target finishes.
    Text(ScanFormat),
}

impl OutputFormat {
    fn of(args: &ScanArgs) -> OutputFormat {
        if args.output.json {
            OutputFormat::Json
        } else if args.json_lines {
            OutputFormat::JsonLines
        } else {
            OutputFormat::Text(args.format)
        }
    }
}

/// The `--json` document of `scan`: every target's result and the exit status.
#[derive(Serialize)]
struct ScanReport {
    targets: Vec<TargetDocument>,
    exit: u8,
}

/// One target of a [`ScanReport`].
#[derive(Serialize)]
#[serde(untagged)]
enum TargetDocument {
    Scanned(Box<report::TargetDoc>),
    Failed(report::TargetErrorDoc),
}

/// Prints each target's result as it finishes and keeps the exit status (and, for `--json`,
/// the documents until the end).
struct Printer<'a, 'c, 'x, 'o> {
    args: &'a ScanArgs,
    format: OutputFormat,
    ctx: &'c mut Context<'x, 'o>,
    code: ExitCode,
    documents: Vec<TargetDocument>,
    /// The first error writing the output; reported at the end.
    failed_output: Option<std::io::Error>,
}

impl Printer<'_, '_, '_, '_> {
    /// Records and prints the result of `job`.
    fn target_done(&mut self, job: &Job, result: Result<JobReport, ScanError>) {
        let printed = match result {
            Ok(rep) => self.scanned(job, &rep),
            Err(e) => self.failed(job, &e),
        };
        if let Err(e) = printed {
            self.failed_output.get_or_insert(e);
        }
    }

    fn scanned(&mut self, job: &Job, rep: &JobReport) -> std::io::Result<()> {
        if rep.diff().is_some_and(|d| !d.is_empty()) {
            self.code = self.code.merge(ExitCode::Differences);
        }
        self.print_report(rep, &job.target)?;
        if let Some(e) = &rep.forward_error {
            self.code = self.code.merge(ExitCode::Error);
            self.ctx
                .out
                .error(&for_terminal(&forward_failure(&rep.target, e)))?;
        }
        Ok(())
    }

    fn failed(&mut self, job: &Job, e: &ScanError) -> std::io::Result<()> {
        self.code = self.code.merge(ExitCode::Error);
        let name = job.target.to_string();
        let msg = chain(e);
        let msg = if msg.starts_with(&name) {
            msg
        } else {
            format!("{name}: {msg}")
        };
        let roots: Vec<Vec<u8>> = job
            .paths
            .iter()
            .map(|p| p.as_os_str().as_bytes().to_vec())
            .collect();
        let doc = report::TargetErrorDoc::new(&name, &roots, &msg);
        match self.format {
            OutputFormat::Json => {
                self.documents.push(TargetDocument::Failed(doc));
                Ok(())
            }
            OutputFormat::JsonLines => self.ctx.out.json(&report::Event::error(doc)),
            OutputFormat::Text(_) => self.ctx.out.error(&for_terminal(&msg)),
        }
    }

    /// Prints one target's report in the chosen format.
    fn print_report(&mut self, rep: &JobReport, target: &TargetSpec) -> std::io::Result<()> {
        let out = &mut *self.ctx.out;
        let format = match self.format {
            OutputFormat::Json => {
                let doc = report::TargetDoc::of(rep);
                self.documents.push(TargetDocument::Scanned(Box::new(doc)));
                return Ok(());
            }
            OutputFormat::JsonLines => {
                for event in report::report_events(rep) {
                    out.json(&event)?;
                }
                return Ok(());
            }
            OutputFormat::Text(format) => format,
        };
        match format {
            ScanFormat::Human => report::write_human(out.out(), rep)?,
            ScanFormat::Fwd => {
                let skipped = report::write_fwd(out.out(), &rep.result.records)?;
                for p in skipped {
                    out.warn(&format!(
                        "{}: no FWD line for a name with a line break: {}",
                        rep.target,
                        bytes_for_terminal(&p)
                    ))?;
                }
            }
            ScanFormat::Ossec => {
                let loc = forward::location(&self.args.kind, &target.ossec_host());
                report::write_ossec(out.out(), rep, &loc)?;
            }
        }
        if let Some(f) = rep.forwarded {
            out.info(&format!(
                "{}: sent {} records to {}",
                rep.target,
                f.sent,
                self.ctx.layout.analysisd_queue().display()
            ))?;
            if f.skipped > 0 {
                self.ctx.out.warn(&format!(
                    "{}: {} names with line breaks were not sent",
                    rep.target, f.skipped
                ))?;
            }
        }
        Ok(())
    }

    /// Prints the `--json` document and returns the exit status.
    fn finish(self) -> Result<ExitCode, Error> {
        if let Some(e) = self.failed_output {
            return Err(Error::Output(e));
        }
        if self.format == OutputFormat::Json {
            self.ctx.out.json_pretty(&ScanReport {
                targets: self.documents,
                exit: self.code.code(),
            })?;
        }
        Ok(self.code)
    }
}

/// The message for a run whose records did not all reach analysisd.
fn forward_failure(target: &str, error: &str) -> String {
    format!(
        "{target}: {error}; the baseline was not updated, so the next run will report (and \
         send) the same changes again"
    )
}

/// One spinner per target on stderr (only on a terminal, and not for JSON output).
struct ProgressBars {
    all: indicatif::MultiProgress,
    bars: Vec<indicatif::ProgressBar>,
}

impl ProgressBars {
    /// The progress callback of job `i`.
    fn progress(&self, i: usize) -> Option<Box<ProgressFn>> {
        let bar = self.bars.get(i)?.clone();
        Some(Box::new(move |files, bytes| {
            bar.set_message(format!("{files} files, {} MB hashed", bytes / 1_000_000));
        }))
    }

    /// Clears job `i`'s spinner and runs `print` with the other spinners out of the way.
    fn finish_one<R>(&self, i: usize, print: impl FnOnce() -> R) -> R {
        if let Some(b) = self.bars.get(i) {
            b.finish_and_clear();
        }
        self.all.suspend(print)
    }
}

fn progress_bars(jobs: &[Job], on: bool) -> Option<ProgressBars> {
    if !on {
        return None;
    }
    let all = indicatif::MultiProgress::with_draw_target(indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template("{spinner} {prefix}: {msg} ({elapsed})")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    let bars = jobs
        .iter()
        .map(|j| {
            let b = all.add(indicatif::ProgressBar::new_spinner());
            b.set_style(style.clone());
            b.set_prefix(for_terminal(&j.target.to_string()));
            b.set_message("starting");
            b.enable_steady_tick(Duration::from_millis(200));
            b
        })
        .collect();
    Some(ProgressBars { all, bars })
}

/// `--agentless`: the ossec-agentlessd script protocol on stdout.
fn agentless(args: &ScanArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let mut words: Vec<&[u8]> =
        std::iter::once(args.target.as_deref().unwrap_or_default().as_bytes())
            .chain(args.paths.iter().map(|p| p.as_os_str().as_bytes()))
            .collect();
    // The daemon's startup probe.
    if words == [b"test".as_slice(), b"test".as_slice()] {
        return Ok(ExitCode::Success);
    }
    let mut opts = options(args, ctx)?;
    let ossec_dir = ctx.layout.root().to_path_buf();
    let state_dir = args
        .state_dir
        .clone()
        .unwrap_or_else(|| ctx.layout.agentless_state_dir());
    // ossec-agentlessd runs its scripts as the agentless user, who owns the state directory;
    // root does not write into a directory another user controls (the nearest existing one of
    // the state directory and its parents decides: `queue/agentless` belongs to the agentless
    // user in an installation).
    let me = crate::fsutil::effective_uid();
    let foreign = {
        use std::os::unix::fs::MetadataExt;
        state_dir
            .ancestors()
            .find_map(|p| std::fs::symlink_metadata(p).ok())
            .is_some_and(|m| m.uid() != me)
    };
    let root_refusal = crate::layout::agentless_account(ctx.layout.detect().flavour)
        .filter(|(_, uid, _)| args.state_dir.is_none() && *uid != me && foreign)
        .map(|(name, _, _)| {
            format!(
                "run this as {name}, as ossec-agentlessd does, not as root: its baselines in {} \
                 belong to {name}",
                state_dir.display()
            )
        });
    let out = &mut *ctx.out;
    out.line("INFO: Started.")?;
    match super::agentless::escalation(words.first().copied()) {
        Ok(true) => {
            opts.scan.sudo = true;
            words.remove(0);
        }
        Ok(false) => {}
        Err(msg) => return fail(out, msg),
    }
    let Some((host, paths)) = words.split_first() else {
        return fail(out, "no host given");
    };
    let host = String::from_utf8_lossy(host).into_owned();
    let target = match TargetSpec::parse(&host) {
        Ok(t) => t,
        Err(e) => return fail(out, &chain(&e)),
    };
    if paths.is_empty() {
        return fail(out, &format!("no paths to scan for {host}"));
    }
    let job = Job {
        target,
        paths: paths
            .iter()
            .map(|p| std::path::PathBuf::from(std::ffi::OsStr::from_bytes(p)))
            .collect(),
        kind: None,
    };
    if let Some(refusal) = &root_refusal {
        return fail(out, refusal);
    }
    // The baseline of this (type, host, paths), kept under the OSSEC directory by the
    // agentless user; recorded only once every FWD: line was written.
    let store = BaselineStore::for_agentless_type(&state_dir, &args.kind);
    let prepared = store
        .ensure_dir()
        .and_then(|()| script::roots(&job.paths))
        .map(|roots| {
            let originals: Vec<Vec<u8>> = roots.into_iter().map(|r| r.original).collect();
            store.path_for(&job.target.to_string(), &originals)
        })
        .and_then(|path| Ok((FileLock::for_file(&path)?, path)));
    let (_lock, baseline_path) = match prepared {
        Ok(p) => p,
        Err(e) => return fail(out, &chain(&e)),
    };
    opts.store = Some(store);
    opts.update = false;
    let rep = match job::run_job(&job, &opts, None) {
        Ok(rep) => rep,
        Err(e) => return fail(out, &chain(&e)),
    };
    let loc = forward::location(&args.kind, &job.target.ossec_host());
    let diff = rep.diff();
    let removed = diff.map(|d| &d.removed[..]).unwrap_or(&[]);
    let plan = job::plan_for(&ossec_dir, &loc, &rep.result.records, removed, diff);
    let mut watch = job::alert_watch(&ossec_dir);
    let pace = Duration::from_millis(args.forward_pace);
    forward::write_plan(out.out(), &loc, &plan, pace, watch.as_mut())?;
    for r in &rep.result.records {
        if r.to_fwd().is_some() && !forward::is_line_safe(&r.path) {
            out.line(&format!(
                "INFO: not sent (line break in the name): {}",
                bytes_for_terminal(&r.path)
            ))?;
        }
    }
    for u in rep.result.unreadable() {
        out.line(&format!(
            "INFO: {}: {}",
            u.kind.name(&u.meta),
            bytes_for_terminal(&u.path)
        ))?;
    }
    for p in &rep.result.problems {
        out.line(&format!(
            "INFO: {}: {}",
            p.kind.name(),
            bytes_for_terminal(&p.path)
        ))?;
    }
    let changed = match &rep.baseline {
        BaselineOutcome::Created { .. } => true,
        BaselineOutcome::Compared { diff, .. } => !diff.is_empty(),
        BaselineOutcome::NotUsed => false,
    };
    if changed && !args.no_update {
        let saved = baseline::save(&baseline_path, &rep.target, &rep.roots, &rep.result.records);
        if let Err(e) = saved {
            return fail(out, &chain(&e));
        }
    }
    out.line("INFO: Finished.")?;
    Ok(ExitCode::Success)
}
