//! `install-script`: arguments.

use clap::Args;
use std::path::PathBuf;

/// Arguments of `install-script`.
#[derive(Debug, Clone, Args)]
pub struct InstallScriptArgs {
    /// Name of the script in <DIR>/agentless/; use it as <type> in ossec.conf.
    #[arg(long, default_value = "ossec_agentless_scan", value_name = "NAME")]
    pub name: String,
    /// The ossec-agentless binary the wrapper runs [default: this binary].
    #[arg(long, value_name = "FILE")]
    pub binary: Option<PathBuf>,
    /// Show what would be written; change nothing.
    #[arg(long)]
    pub dry_run: bool,
}
