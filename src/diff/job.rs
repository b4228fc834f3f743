//! One `diff` check (capture → filter → compare → forward → record) and many in parallel.

use super::capture::{self, CaptureOptions, Method};
use super::device::Profile;
use super::filter::Filters;
use super::store::{self, DiffStore};
use super::{DiffError, render};
use crate::scan::target::{ConnectOptions, TargetSpec};
use crate::scan::{ScanError, forward};
use crate::transport::shell_quote;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The `<type>` used when neither ossec.conf nor `--type` names one.
pub(crate) const DEFAULT_TYPE: &str = "ssh_generic_diff";

/// One target and what to run there.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// Where.
    pub(crate) target: TargetSpec,
    /// The commands, as one `<arguments>` string.
    pub(crate) commands: String,
    /// The agentless `<type>` (forwarded location; part of the state key).
    pub(crate) kind: String,
    /// Exec or device.
    pub(crate) method: Method,
    /// Run the commands through `sudo -n` (ossec.conf's `use_sudo`).
    pub(crate) sudo: bool,
}

impl Job {
    /// The commands as they are run: POSIX hosts get the whole string (one `sh -c`, which runs
    /// `;`-separated commands in order); devices get each `;`-separated command.
    pub(crate) fn command_list(&self) -> Vec<String> {
        match self.method {
            Method::Exec if self.sudo => vec![format!(
                "sudo -n sh -c {}",
                String::from_utf8_lossy(&shell_quote(self.commands.as_bytes()))
            )],
            Method::Exec => vec![self.commands.clone()],
            Method::Device(_) => self
                .commands
                .split(';')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
        }
    }
}

/// Settings shared by every job of a run.
#[derive(Debug, Clone)]
pub(crate) struct JobOptions {
    /// Connection settings.
    pub(crate) connect: ConnectOptions,
    /// Longest silence allowed in a device session.
    pub(crate) device_timeout: Duration,
    /// Most bytes one capture may produce.
    pub(crate) limit: usize,
    /// Filters for command output.
    pub(crate) exec_filters: Filters,
    /// Filters for device output (with the built-in noise list unless turned off).
    pub(crate) device_filters: Filters,
    /// Where outputs are kept (`None`: nothing is read or written).
    pub(crate) store: Option<DiffStore>,
    /// Record a new or changed output (`--no-update` clears this).
    pub(crate) update: bool,
    /// analysisd's queue socket, for `--forward`.
    pub(crate) forward: Option<PathBuf>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// No earlier output: this one is the baseline (written unless `--no-update`).
    Created {
        /// Written to disk.
        written: bool,
    },
    /// The same as last time.
    Unchanged,
    /// Different from last time.
    Changed {
        /// The new output was recorded.
        updated: bool,
    },
    /// Not compared (no store: `--agentless`).
    NotCompared,
}

/// The result of one job.
#[derive(Debug, Clone)]
pub(crate) struct JobReport {
    /// The target as text.
    pub(crate) target: String,
    /// The `<type>`.
    pub(crate) kind: String,
    /// The device profile used.
    pub(crate) profile: Option<Profile>,
    /// What happened.
    pub(crate) outcome: Outcome,
    /// The previous kept text, if any.
    pub(crate) old: Option<String>,
    /// The kept text of this run (filtered and masked).
    pub(crate) new: String,
    /// The state file.
    pub(crate) state_file: Option<PathBuf>,
    /// The change was sent to analysisd.
    pub(crate) forwarded: bool,
    /// How long it took.
    pub(crate) elapsed: Duration,
}

impl JobReport {
    /// The unified diff (empty unless changed).
    pub(crate) fn unified(&self) -> String {
        match (&self.outcome, &self.old) {
            (Outcome::Changed { .. }, Some(old)) => {
                render::unified(&format!("{} {}", self.target, self.kind), old, &self.new)
            }
            _ => String::new(),
        }
    }
}

/// Captures the output of `job` and keeps what the filters let through.
pub(crate) fn capture_filtered(
    job: &Job,
    opts: &JobOptions,
) -> Result<(String, Option<Profile>), DiffError> {
    let c = capture::capture(
        &job.target,
        &job.command_list(),
        &CaptureOptions {
            connect: opts.connect.clone(),
            method: job.method.clone(),
            device_timeout: opts.device_timeout,
            limit: opts.limit,
        },
    )?;
    let filters = match job.method {
        Method::Exec => &opts.exec_filters,
        Method::Device(_) => &opts.device_filters,
    };
    Ok((filters.apply(&c.text), c.profile))
}

/// Runs one job: lock, capture, compare, forward a change, then record it.
pub(crate) fn run_job(job: &Job, opts: &JobOptions) -> Result<JobReport, DiffError> {
    let started = Instant::now();
    let target = job.target.to_string();
    let (state_file, _lock, old) = match &opts.store {
        Some(store) => {
            if opts.update {
                store.ensure_dir()?;
            }
            // Keyed like agentlessd's queue/diff/<user@host>-><type>: the port is not part of
            // it (it comes from .ssh/config when not given), so both spellings share a state.
            let path = store.path_for(&job.target.ossec_host(), &job.kind, &job.commands);
            let lock = if opts.update {
                Some(store.lock(&path)?)
            } else {
                None
            };
            let old = store::load(&path)?;
            (Some(path), lock, old)
        }
        None => (None, None, None),
    };
    let (new, profile) = capture_filtered(job, opts)?;
    let outcome = match (&state_file, &old) {
        (None, _) => Outcome::NotCompared,
        (Some(_), None) => Outcome::Created {
            written: opts.update,
        },
        (Some(_), Some(o)) if *o == new => Outcome::Unchanged,
        (Some(_), Some(_)) => Outcome::Changed {
            updated: opts.update,
        },
    };
    let mut forwarded = false;
    if let (Outcome::Changed { .. }, Some(old), Some(socket)) = (&outcome, &old, &opts.forward) {
        let msg = render::alert_message(&render::normal(old, &new));
        let loc = forward::agentless_location(&job.kind, &job.target.ossec_host());
        send(socket, &loc, msg.as_bytes())?;
        forwarded = true;
    }
    // Recorded only now: after a complete capture and after the change was delivered.
    if let Some(path) = &state_file
        && opts.update
        && matches!(outcome, Outcome::Created { .. } | Outcome::Changed { .. })
    {
        store::save(path, &new)?;
    }
    Ok(JobReport {
        target,
        kind: job.kind.clone(),
        profile,
        outcome,
        old,
        new,
        state_file,
        forwarded,
        elapsed: started.elapsed(),
    })
}

/// Sends one message to analysisd's log queue (`LOCALFILE_MQ`) as `location`, through the
/// queue connection `scan --forward` uses.
fn send(socket: &std::path::Path, location: &str, msg: &[u8]) -> Result<(), DiffError> {
    forward::Queue::connect(socket)
        .and_then(|q| q.send(forward::LOCALFILE_MQ, location, msg))
        .map_err(|e| match e {
            ScanError::Forward { path, source } => DiffError::Forward { path, source },
            other => DiffError::Target(other),
        })
}

/// Runs `jobs` on up to `parallel` threads; `on_done` gets each result on this thread, in
/// input order, as soon as it and every job before it have finished.
pub(crate) fn run_all(
    jobs: &[Job],
    opts: &JobOptions,
    parallel: usize,
    on_done: &mut dyn FnMut(usize, Result<JobReport, DiffError>),
) {
    crate::parallel::run_ordered(jobs, parallel, &|_, job| run_job(job, opts), on_done);
}
