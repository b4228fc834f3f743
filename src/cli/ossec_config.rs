//! The `ossec-config` binary's command line: the 2009 `ossec-config` tool's flags, kept working.

use super::{EditArgs, GlobalArgs};
use clap::Parser;

/// Compatible replacement for the 2009 `ossec-config` tool (agentless section only).
///
/// `ossec-config --section agentless --show` lists the <agentless> entries in the 2009 format;
/// `ossec-config --section agentless --add --host H --type T --state S --argv "…"` adds one.
/// Like the 2009 tool, --add writes <frequency>3600</frequency> when --frequency is not given
/// (OSSEC itself would use 86400 for a block without <frequency>).
///
/// Exit status: 0 success, 2 error.
#[derive(Debug, Parser)]
#[command(name = "ossec-config", version)]
pub struct OssecConfigCli {
    /// Options shared with ossec-agentless.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The configuration section; only `agentless` is supported.
    #[arg(long, value_name = "SECTION")]
    pub(crate) section: String,
    /// List the entries of the section.
    #[arg(long, conflicts_with = "add")]
    pub(crate) show: bool,
    /// Append one entry to the section.
    #[arg(long, requires_all = ["host", "kind", "state"])]
    pub(crate) add: bool,
    /// The monitored host, `user@host` (may be prefixed with `use_su `).
    #[arg(long, value_name = "USER@HOST", value_parser = super::common::parse_config_host)]
    pub(crate) host: Option<String>,
    /// The agentless script, e.g. ssh_integrity_check_linux.
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) kind: Option<String>,
    /// The state: periodic or periodic_diff.
    #[arg(long, value_name = "STATE")]
    pub(crate) state: Option<String>,
    /// The script's arguments (written to <arguments>).
    #[arg(long, value_name = "ARGS", allow_hyphen_values = true)]
    pub(crate) argv: Option<String>,
    /// Seconds between runs [default: 3600, as the 2009 tool wrote].
    #[arg(long, value_name = "SECONDS", value_parser = super::common::parse_frequency)]
    pub(crate) frequency: Option<String>,
    /// --dry-run, --no-backup.
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}
