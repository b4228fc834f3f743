//! Running agentless scripts exactly as `ossec-agentlessd` does, and explaining the result.
//!
//! - `invocation`: the argv the daemon builds from `<type>`, `<host>` and `<arguments>`.
//! - `lines`: the daemon's line splitting and `ERROR:`/`INFO:`/`FWD:`/`LOG:`/`STORE:` rules.
//! - [`runner`]: process start (cwd, user, process group), probe, deadline; `process_tree`
//!   stops the script and everything it started.
//! - `transcript`: counts, first error, prompts and stock texts seen in the output.
//! - `verdict`: the `Cause` of each finding and its fix (with `exec_failure` for statuses
//!   126 and 127).
//! - `cross_check`: what a direct scan found that an integrity script did not report.
//!
//! Nothing here prints; lines are handed to a callback and the result is a `Report`.

pub(crate) mod cross_check;
mod exec_failure;
pub(crate) mod invocation;
pub(crate) mod lines;
mod process_tree;
pub mod runner;
pub(crate) mod transcript;
pub(crate) mod verdict;

pub use exec_failure::which;
pub(crate) use invocation::{HostPrefix, Invocation};
pub(crate) use lines::{Line, LineKind};
pub(crate) use runner::{Ending, Finished, RunAs, RunSettings};
pub(crate) use transcript::{Counts, Transcript};
pub(crate) use verdict::{Cause, Finding, Setting};

use crate::protocol::FileRecord;
use cross_check::CrossCheck;
use serde::Serialize;
use std::io;
use std::path::PathBuf;

/// Why a script could not be run at all (as opposed to running and failing).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScriptError {
    /// The output pipe could not be created.
    #[error("cannot create a pipe for the script's output")]
    Pipe {
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The process could not be created (not an exec failure: those are results).
    #[error("cannot start {}", script.display())]
    Start {
        /// The script.
        script: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Reading the script's output failed.
    #[error("cannot read the output of {}", script.display())]
    Read {
        /// The script.
        script: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Waiting for the script failed.
    #[error("cannot wait for {}", script.display())]
    Wait {
        /// The script.
        script: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The line callback failed (writing to the terminal); the script was stopped.
    #[error("cannot write the script's output")]
    Output {
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// Everything `test-script` found out about one run.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    /// True when the probe passed, the run ended with status 0 and no `ERROR:` text, and no
    /// finding's [`Cause`] loses data ([`Cause::fails`]); a cross-check may still fail it
    /// ([`Report::add_cross_check`]).
    pub(crate) passed: bool,
    /// The `<type>`.
    pub(crate) script_type: String,
    /// `user@host`.
    pub(crate) host: String,
    /// `use_su` / `use_sudo` / none.
    pub(crate) prefix: HostPrefix,
    /// The script's arguments as passed.
    pub(crate) argv: Vec<String>,
    /// The account the script ran as (`None`: the current user).
    pub(crate) user: Option<RunAs>,
    /// The startup probe `<script> test test`.
    pub(crate) probe: Finished,
    /// The real run (absent when the probe failed: the daemon would not run the block).
    pub(crate) run: Option<Finished>,
    /// Lines of each kind.
    pub(crate) counts: Counts,
    /// The first `ERROR:` line (as the daemon sees it).
    pub(crate) first_error: Option<String>,
    /// An `ERROR:` text the daemon does not see (not at the start of a line).
    pub(crate) hidden_error: Option<String>,
    /// Problems found, with fixes.
    pub(crate) findings: Vec<Finding>,
    /// Remarks that do not make the run fail.
    pub(crate) warnings: Vec<String>,
    /// The cross-check of an integrity script (absent for other scripts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cross_check: Option<CrossCheckOutcome>,
    /// The `FWD:` records the daemon would get (kept for integrity scripts, for the
    /// cross-check).
    #[serde(skip)]
    pub(crate) reported: Vec<FileRecord>,
    /// More records arrived than were kept.
    #[serde(skip)]
    pub(crate) reported_overflow: bool,
    /// Lines the daemon would cut or misread (the cross-check names their files).
    #[serde(skip)]
    pub(crate) lost: Vec<transcript::LostLine>,
    /// The remote login shell rejected the command line.
    #[serde(skip)]
    pub(crate) shell_rejected: bool,
}

/// What became of the cross-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub(crate) enum CrossCheckOutcome {
    /// It ran: the comparison.
    Done(CrossCheck),
    /// It could not run (the verdict fails: nothing shows every file arrived).
    NotRun {
        /// Why.
        reason: String,
    },
    /// Not attempted: the run had already failed, so its output proves nothing either way.
    NotAttempted,
    /// Skipped on request (`--no-cross-check`).
    Skipped,
}

impl Report {
    /// True when the script is an integrity check whose run ended normally, so a cross-check
    /// can tell what it missed.
    pub(crate) fn wants_cross_check(&self) -> bool {
        cross_check::applies(&self.script_type)
            && self
                .run
                .as_ref()
                .is_some_and(|r| r.ending.success() && !r.stopped_at_error)
            && self.first_error.is_none()
    }

    /// Records the cross-check's outcome: its findings are added and fail the verdict as their
    /// causes say.
    pub(crate) fn add_cross_check(&mut self, outcome: CrossCheckOutcome, setting: &Setting) {
        let mut causes = Vec::new();
        match &outcome {
            CrossCheckOutcome::Done(cc) => {
                causes.extend(
                    cc.missing
                        .iter()
                        .map(|p| Cause::MissingPath { path: p.0.clone() }),
                );
                if !cc.unreported.is_empty() {
                    causes.push(Cause::Unreported {
                        count: cc.unreported.len(),
                        files: cc.files,
                        reasons: cc.reasons(),
                    });
                }
                if !cc.mismatched.is_empty() {
                    causes.push(Cause::Mismatched {
                        count: cc.mismatched.len(),
                    });
                }
            }
            CrossCheckOutcome::NotRun { reason } => causes.push(Cause::CrossCheckNotRun {
                reason: reason.clone(),
            }),
            CrossCheckOutcome::NotAttempted | CrossCheckOutcome::Skipped => {}
        }
        let tr = Transcript::default();
        for c in causes {
            self.passed &= !c.fails();
            self.findings.push(verdict::finding(c, setting, &tr));
        }
        self.cross_check = Some(outcome);
    }
}

/// Runs the script after its startup probe (`probe`, from the caller): if the probe passed, the
/// real run; `on_line` sees every line as it arrives. The daemon probes once per `<agentless>`
/// block, so `test-script --entry` probes once and reuses the result for every host of the block.
pub(crate) fn test_probed(
    inv: &Invocation,
    settings: &RunSettings,
    setting: &Setting,
    probe: Finished,
    on_line: &mut dyn FnMut(&Line) -> io::Result<()>,
) -> Result<Report, ScriptError> {
    let mut findings = verdict::explain_probe(&probe, setting);
    let mut warnings = inv.warnings.clone();
    let mut transcript = if cross_check::applies(&inv.script_type) {
        Transcript::keeping_records()
    } else {
        Transcript::default()
    };
    let run = if probe.ending.success() {
        let r = runner::run(settings, &inv.argv(), &mut |line| {
            transcript.add(line);
            on_line(line)
        })?;
        findings.extend(verdict::explain_run(&r, &transcript, setting));
        if r.leftovers_stopped {
            warnings
                .push("the script left processes running after it ended; they were stopped".into());
        }
        Some(r)
    } else {
        None
    };
    let passed = probe.ending.success()
        && run
            .as_ref()
            .is_some_and(|r| r.ending.success() && !r.stopped_at_error)
        && transcript.first_error.is_none()
        // An ERROR text the daemon misses is still a failure of the run.
        && transcript.hidden_error.is_none()
        && !findings.iter().any(|f| f.cause.fails());
    let shell_rejected = transcript
        .shell_rejections
        .iter()
        .any(|r| r.of_the_script(transcript.counts.info));
    Ok(Report {
        passed,
        script_type: inv.script_type.clone(),
        host: inv.host.clone(),
        prefix: inv.prefix,
        argv: inv.argv(),
        user: settings.run_as.clone(),
        probe,
        run,
        counts: transcript.counts,
        first_error: transcript.first_error,
        hidden_error: transcript.hidden_error,
        findings,
        warnings,
        cross_check: None,
        reported: transcript.reported,
        reported_overflow: transcript.reported_overflow,
        lost: transcript.lost,
        shell_rejected,
    })
}
