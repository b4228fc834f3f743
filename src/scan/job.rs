//! Runs scans: one target (engine choice, baseline lock, compare, atomic update, forwarding),
//! and many targets in parallel with results handed back in input order.

use super::alert_watch::AlertWatch;
use super::baseline::{self, BaselineStore};
use super::diff::{self, Diff};
use super::forward::{self, Plan, Queue, Sent};
use super::script::{self, Root};
use super::stream::{Limit, StreamError, StreamLimits, StreamParser};
use super::syscheck_db;
use super::target::{ConnectOptions, TargetSpec, open_target};
use super::{ProgressFn, ScanError, ScanOptions, ScanResult, native};
use crate::fsutil::FileLock;
use crate::transport::{Stream, Transport};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How `local` is scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Engine {
    /// In process for `local`, the script for SSH targets.
    #[default]
    Auto,
    /// The POSIX sh script, also for `local` (runs `/bin/sh` here).
    Script,
}

/// One target and its paths.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// Where.
    pub(crate) target: TargetSpec,
    /// What.
    pub(crate) paths: Vec<PathBuf>,
    /// The agentless `<type>` this job stands for (from ossec.conf), overriding the forwarded
    /// location's default.
    pub(crate) kind: Option<String>,
}

/// `--forward`: where and as what.
#[derive(Debug, Clone)]
pub(crate) struct ForwardOptions {
    /// analysisd's queue socket.
    pub(crate) socket: PathBuf,
    /// The `<type>` in the location.
    pub(crate) kind: String,
    /// The OSSEC directory, whose `queue/syscheck` database tells the rule each record raises.
    pub(crate) ossec_dir: PathBuf,
    /// Pause where consecutive alerts may have different rules ([`forward::DEFAULT_PACE`]).
    pub(crate) pace: Duration,
}

/// Options shared by every job of a run.
#[derive(Debug, Clone, Default)]
pub(crate) struct JobOptions {
    /// Follow links, sudo.
    pub(crate) scan: ScanOptions,
    /// Engine for `local`.
    pub(crate) engine: Engine,
    /// Timeouts.
    pub(crate) connect: ConnectOptions,
    /// Bounds on what a host may send (SSH targets and the script engine).
    pub(crate) limits: StreamLimits,
    /// Baselines (`None`: do not read or write any).
    pub(crate) store: Option<BaselineStore>,
    /// Replace the baseline after a complete scan (`--no-update` clears this).
    pub(crate) update: bool,
    /// Send records to analysisd.
    pub(crate) forward: Option<ForwardOptions>,
}

/// What happened to the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BaselineOutcome {
    /// None was used.
    NotUsed,
    /// There was none; this scan is the new baseline (or would be, with `--no-update`).
    Created {
        /// Written to disk.
        written: bool,
    },
    /// Compared with the stored one.
    Compared {
        /// The differences.
        diff: Diff,
        /// The baseline was replaced by this scan.
        updated: bool,
    },
}

/// The result of one job.
#[derive(Debug, Clone)]
pub(crate) struct JobReport {
    /// The target as text.
    pub(crate) target: String,
    /// The paths scanned (normalised).
    pub(crate) roots: Vec<Vec<u8>>,
    /// What was found.
    pub(crate) result: ScanResult,
    /// Baseline outcome.
    pub(crate) baseline: BaselineOutcome,
    /// The baseline file.
    pub(crate) baseline_path: Option<PathBuf>,
    /// Tool flavour on the target (`native`, `gnu`, `busybox`, `bsd`).
    pub(crate) flavour: String,
    /// How long the scan took.
    pub(crate) elapsed: Duration,
    /// Forwarding counts.
    pub(crate) forwarded: Option<Sent>,
    /// Why forwarding failed; the baseline was then left as it was, so the next run reports
    /// the same changes (and sends them) again.
    pub(crate) forward_error: Option<String>,
}

impl JobReport {
    /// The differences, if compared.
    pub(crate) fn diff(&self) -> Option<&Diff> {
        match &self.baseline {
            BaselineOutcome::Compared { diff, .. } => Some(diff),
            _ => None,
        }
    }
}

/// Scans with the script over `transport`, reading at most what `limits` allow.
pub(crate) fn run_script(
    transport: &mut dyn Transport,
    opts: &ScanOptions,
    roots: &[Root],
    limits: StreamLimits,
    progress: Option<&ProgressFn>,
) -> Result<(ScanResult, String), ScanError> {
    let target = transport.target();
    let (cmd, stdin) = script::command(opts, roots);
    let mut parser = StreamParser::with_limits(limits);
    let mut stream_err: Option<StreamError> = None;
    let mut stderr_tail: Vec<u8> = Vec::new();
    let mut stderr_total: u64 = 0;
    let status = transport.exec(&cmd, &stdin, &mut |s, data| {
        match s {
            Stream::Stdout => {
                if let Err(e) = parser.feed(data) {
                    stream_err = Some(e);
                    return Err(std::io::Error::other("bad scan output"));
                }
                if let Some(p) = progress {
                    let (f, b) = parser.progress();
                    p(f, b);
                }
            }
            Stream::Stderr => {
                // Error output is not kept, but an endless stream of it must not hold the run.
                stderr_total += data.len() as u64;
                if stderr_total > limits.max_section_bytes {
                    stream_err = Some(StreamError::Limit(Limit::SectionBytes(
                        limits.max_section_bytes,
                    )));
                    return Err(std::io::Error::other("too much error output"));
                }
                stderr_tail.extend_from_slice(data);
                if stderr_tail.len() > 4096 {
                    stderr_tail.drain(..stderr_tail.len() - 4096);
                }
            }
        }
        Ok(())
    });
    let last_err = || {
        stderr_tail
            .split(|&b| b == b'\n')
            .rev()
            .find(|l| !l.trim_ascii().is_empty())
            .map(|l| {
                let shown = crate::sanitize::bytes_for_terminal(l.trim_ascii());
                format!(" (last error output: {shown})")
            })
            .unwrap_or_default()
    };
    if let Some(e) = stream_err {
        return Err(stream_error(target, e));
    }
    let status = status?;
    if !parser.is_done() || !status.success() {
        let how = match &status {
            crate::transport::ExitStatus::Code(c) => {
                format!("the scan script exited with status {c}")
            }
            crate::transport::ExitStatus::Signal(s) => {
                format!(
                    "the scan script was killed by signal {}",
                    crate::sanitize::for_terminal(s)
                )
            }
        };
        return Err(ScanError::Incomplete {
            target,
            reason: format!("{how}{}", last_err()),
        });
    }
    let flavour = parser.flavour().to_string();
    let mut result = parser
        .finish(roots)
        .map_err(|e| stream_error(target.clone(), e))?;
    recheck_unhashed(transport, &mut result)?;
    Ok((result, flavour))
}

fn stream_error(target: String, e: StreamError) -> ScanError {
    match e {
        StreamError::Refused(reason) => ScanError::Unsupported { target, reason },
        StreamError::Bad(reason) => ScanError::BadOutput { target, reason },
        StreamError::Limit(limit) => ScanError::Limit { target, limit },
        StreamError::OutsideRoots(path) => ScanError::OutsideRoots { target, path },
    }
}

/// Regular files that were listed but not hashed are either unreadable or gone by the time
/// they were read: one more batched command tells which, so gone ones are reported as vanished.
fn recheck_unhashed(
    transport: &mut dyn Transport,
    result: &mut ScanResult,
) -> Result<(), ScanError> {
    let idx: Vec<usize> = result
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == super::Kind::Unreadable && r.meta.file_type() == 0o100000)
        .map(|(i, _)| i)
        .collect();
    if idx.is_empty() {
        return Ok(());
    }
    let mut stdin = Vec::new();
    for &i in &idx {
        stdin.extend_from_slice(&result.records[i].path);
        stdin.push(0);
    }
    let cmd = "exec xargs -0 sh -c 'for f do if [ -e \"$f\" ] || [ -h \"$f\" ]; then printf e; else printf v; fi; done' sh";
    // One byte per path is all that may come back: a host sending more is cut off.
    let mut out = Vec::new();
    let status = transport.exec(cmd, &stdin, &mut |s, data| {
        if s == Stream::Stdout {
            if out.len() + data.len() > idx.len() {
                return Err(std::io::Error::other("more answers than paths"));
            }
            out.extend_from_slice(data);
        }
        Ok(())
    });
    let Ok(status) = status else {
        return Ok(()); // keep them as unreadable: that is still reported
    };
    if !status.success() || out.len() != idx.len() {
        return Ok(()); // keep them as unreadable: that is still reported
    }
    let gone: Vec<usize> = idx
        .iter()
        .zip(&out)
        .filter(|(_, c)| **c == b'v')
        .map(|(i, _)| *i)
        .collect();
    for &i in gone.iter().rev() {
        let r = result.records.remove(i);
        result.problems.push(super::Problem {
            path: r.path,
            kind: super::ProblemKind::Vanished,
        });
    }
    result.problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(())
}

/// Scans `job.target` with the right engine.
pub(crate) fn scan_target(
    job: &Job,
    opts: &JobOptions,
    progress: Option<&ProgressFn>,
) -> Result<(ScanResult, String), ScanError> {
    let roots = script::roots(&job.paths)?;
    match (&job.target, opts.engine) {
        (TargetSpec::Local, Engine::Auto) => {
            let r = native::scan(&job.paths, &opts.scan, progress, None)?;
            Ok((r, "native".into()))
        }
        _ => {
            let mut t = open_target(&job.target, &opts.connect)?;
            run_script(t.as_mut(), &opts.scan, &roots, opts.limits, progress)
        }
    }
}

/// Runs one job: lock the baseline, scan, compare, update, forward.
pub(crate) fn run_job(
    job: &Job,
    opts: &JobOptions,
    progress: Option<&ProgressFn>,
) -> Result<JobReport, ScanError> {
    let started = Instant::now();
    let roots: Vec<Vec<u8>> = script::roots(&job.paths)?
        .into_iter()
        .map(|r| r.original)
        .collect();
    let target = job.target.to_string();
    let (baseline_path, _lock, old) = match &opts.store {
        Some(store) => {
            // --no-update (--dry-run) writes nothing, not even the directory.
            if opts.update {
                store.ensure_dir()?;
            }
            let path = store.path_for(&target, &roots);
            // Readers see the old or the new file (atomic rename): only writers lock.
            let lock = if opts.update {
                Some(FileLock::for_file(&path)?)
            } else {
                None
            };
            let old = baseline::load(&path)?;
            (Some(path), lock, old)
        }
        None => (None, None, None),
    };
    let (result, flavour) = scan_target(job, opts, progress)?;
    let diff = old.as_ref().map(|old| diff::diff(old, &result.records));
    // Send, then record: the baseline moves only once every record was accepted.
    let (forwarded, forward_error) = match &opts.forward {
        Some(f) => match forward_job(job, f, &result.records, diff.as_ref()) {
            Ok(sent) => (Some(sent), None),
            Err(e) => (None, Some(crate::causes::chain(&e))),
        },
        None => (None, None),
    };
    let record = opts.update && forward_error.is_none();
    let baseline = match (&baseline_path, diff) {
        (None, _) => BaselineOutcome::NotUsed,
        (Some(path), None) => {
            if record {
                baseline::save(path, &target, &roots, &result.records)?;
            }
            BaselineOutcome::Created { written: record }
        }
        (Some(path), Some(diff)) => {
            let updated = record && !diff.is_empty();
            if updated {
                baseline::save(path, &target, &roots, &result.records)?;
            }
            BaselineOutcome::Compared { diff, updated }
        }
    };
    Ok(JobReport {
        target,
        roots,
        result,
        baseline,
        baseline_path,
        flavour,
        elapsed: started.elapsed(),
        forwarded,
        forward_error,
    })
}

/// Sends one job's records (and `-1` for its deletions) in a [`Plan`] built from analysisd's
/// database of the location, or, when that cannot be read, from `diff`.
fn forward_job(
    job: &Job,
    f: &ForwardOptions,
    records: &[super::Record],
    diff: Option<&Diff>,
) -> Result<Sent, ScanError> {
    let removed = diff.map(|d| &d.removed[..]).unwrap_or(&[]);
    let kind = job.kind.as_deref().unwrap_or(&f.kind);
    let loc = forward::location(kind, &job.target.ossec_host());
    let queue = Queue::connect(&f.socket)?;
    let plan = plan_for(&f.ossec_dir, &loc, records, removed, diff);
    let mut watch = alert_watch(&f.ossec_dir);
    forward::send_plan(&queue, &loc, &plan, f.pace, watch.as_mut())
}

/// analysisd's alerts.log under `ossec_dir`, at its end, when it can be read.
pub(crate) fn alert_watch(ossec_dir: &std::path::Path) -> Option<AlertWatch> {
    let log = crate::layout::Layout::new(ossec_dir, None).alerts_log();
    AlertWatch::open(&log).ok()
}

/// The sending plan of one location: from analysisd's database when it can be read, else
/// from our own comparison (`diff`: what is not added or changed is unchanged).
pub(crate) fn plan_for(
    ossec_dir: &std::path::Path,
    location: &str,
    records: &[super::Record],
    removed: &[super::Record],
    diff: Option<&Diff>,
) -> Plan {
    let wanted: HashSet<&[u8]> = records.iter().chain(removed).map(|r| &r.path[..]).collect();
    let db =
        syscheck_db::db_path(ossec_dir, location).and_then(|p| syscheck_db::load(&p, &wanted).ok());
    let unchanged: HashSet<&[u8]> = match diff {
        Some(d) => {
            let moved: HashSet<&[u8]> = d
                .added
                .iter()
                .map(|r| &r.path[..])
                .chain(d.changed.iter().map(|c| &c.new.path[..]))
                .collect();
            wanted.difference(&moved).copied().collect()
        }
        None => HashSet::new(),
    };
    Plan::new(records, removed, db.as_ref(), &unchanged)
}

/// Runs `jobs` on up to `parallel` threads; `on_done` is called on this thread for each job,
/// in input order, as soon as it and every job before it have finished.
pub(crate) fn run_all(
    jobs: &[Job],
    opts: &JobOptions,
    parallel: usize,
    progress: &(dyn Fn(usize) -> Option<Box<ProgressFn>> + Sync),
    on_done: &mut dyn FnMut(usize, Result<JobReport, ScanError>),
) {
    crate::parallel::run_ordered(
        jobs,
        parallel,
        &|i, job| {
            let p = progress(i);
            run_job(job, opts, p.as_deref())
        },
        on_done,
    );
}
