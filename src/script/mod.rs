//! Running agentless scripts exactly as `ossec-agentlessd` does, and explaining the result.
//!
//! - [`invocation`]: the argv the daemon builds from `<type>`, `<host>` and `<arguments>`.
//! - [`lines`]: the daemon's line splitting and `ERROR:`/`INFO:`/`FWD:`/`LOG:`/`STORE:` rules.
//! - [`runner`]: process start (cwd, user, process group), probe, deadline; `process_tree`
//!   stops the script and everything it started.
//! - [`transcript`]: counts, first error, prompts and stock texts seen in the output.
//! - [`verdict`]: findings and fixes (with `exec_failure` for statuses 126 and 127).
//!
//! Nothing here prints; lines are handed to a callback and the result is a [`Report`].

mod exec_failure;
pub mod invocation;
pub mod lines;
mod process_tree;
pub mod runner;
pub mod transcript;
pub mod verdict;

pub use exec_failure::which;
pub use invocation::{HostPrefix, Invocation};
pub use lines::{Line, LineKind};
pub use runner::{Ending, Finished, RunAs, RunSettings};
pub use transcript::{Counts, Transcript};
pub use verdict::{Finding, Setting};

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
pub struct Report {
    /// True when the probe passed and the run ended with status 0 and no `ERROR:` text.
    pub passed: bool,
    /// The `<type>`.
    pub script_type: String,
    /// `user@host`.
    pub host: String,
    /// `use_su` / `use_sudo` / none.
    pub prefix: HostPrefix,
    /// The script's arguments as passed.
    pub argv: Vec<String>,
    /// The account the script ran as (`None`: the current user).
    pub user: Option<RunAs>,
    /// The startup probe `<script> test test`.
    pub probe: Finished,
    /// The real run (absent when the probe failed: the daemon would not run the block).
    pub run: Option<Finished>,
    /// Lines of each kind.
    pub counts: Counts,
    /// The first `ERROR:` line (as the daemon sees it).
    pub first_error: Option<String>,
    /// An `ERROR:` text the daemon does not see (not at the start of a line).
    pub hidden_error: Option<String>,
    /// Problems found, with fixes.
    pub findings: Vec<Finding>,
    /// Remarks that do not make the run fail.
    pub warnings: Vec<String>,
}

/// Runs the probe and, if it passes, the real run; `on_line` sees every line as it arrives.
pub fn test(
    inv: &Invocation,
    settings: &RunSettings,
    setting: &Setting,
    on_line: &mut dyn FnMut(&Line) -> io::Result<()>,
) -> Result<Report, ScriptError> {
    let probe = runner::probe(settings)?;
    test_probed(inv, settings, setting, probe, on_line)
}

/// [`test()`] with the startup probe already run: the daemon probes once per `<agentless>` block,
/// so `test-script --entry` probes once and reuses the result for every host of the block.
pub fn test_probed(
    inv: &Invocation,
    settings: &RunSettings,
    setting: &Setting,
    probe: Finished,
    on_line: &mut dyn FnMut(&Line) -> io::Result<()>,
) -> Result<Report, ScriptError> {
    let mut findings = verdict::explain_probe(&probe, setting);
    let mut warnings = inv.warnings.clone();
    let mut transcript = Transcript::default();
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
    let c = &transcript.counts;
    let passed = probe.ending.success()
        && run
            .as_ref()
            .is_some_and(|r| r.ending.success() && !r.stopped_at_error)
        && transcript.first_error.is_none()
        // An ERROR text the daemon misses is still a failure of the run.
        && transcript.hidden_error.is_none();
    if passed && c.fwd + c.log + c.store == 0 {
        warnings.push(
            "no FWD:, LOG: or STORE: lines: the daemon would receive no data from this run".into(),
        );
    }
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
    })
}
