//! `install-script`: arguments.

use super::{DryRunArgs, ProfileArg};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `install-script`.
#[derive(Debug, Clone, Args)]
pub(crate) struct InstallScriptArgs {
    /// Name of the script in <DIR>/agentless/; use it as <type> in ossec.conf [default:
    /// ossec_agentless_scan, or ossec_agentless_diff with --diff].
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Install a wrapper for periodic_diff blocks that runs `diff --agentless` (command output)
    /// instead of `scan --agentless`.
    #[arg(long)]
    pub(crate) diff: bool,
    /// With --diff: the hosts are network devices (`diff --agentless --device`).
    #[arg(long, requires = "diff")]
    pub(crate) device: bool,
    /// With --diff: the device CLI (implies --device).
    #[arg(long, value_enum, value_name = "PROFILE", requires = "diff")]
    pub(crate) profile: Option<ProfileArg>,
    /// The ossec-agentless binary the wrapper runs [default: this binary].
    #[arg(long, value_name = "FILE")]
    pub(crate) binary: Option<PathBuf>,
    /// --dry-run.
    #[command(flatten)]
    pub(crate) dry: DryRunArgs,
}
