//! `config`: read and edit the <agentless> entries of ossec.conf.

use super::{EditArgs, JsonArgs};
use clap::{Args, Subcommand, ValueEnum};

/// Arguments of `config`.
#[derive(Debug, Args)]
pub(crate) struct ConfigArgs {
    /// What to do with ossec.conf.
    #[command(subcommand)]
    pub(crate) command: ConfigCommand,
}

/// The `config` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// List the <agentless> entries (prints nothing when there are none).
    Show(ShowArgs),
    /// Add an <agentless> entry, keeping every other byte of the file.
    ///
    /// The new block goes after the last <agentless> block (or before the last
    /// </ossec_config>) with the file's own indentation and line endings. <frequency> is always
    /// written, 86400 (the daemon's default) unless given. Restart OSSEC afterwards.
    ///
    /// Example: ossec-agentless config add --type ssh_integrity_check_linux
    /// --host root@web01 --state periodic --arguments "/bin /etc /sbin"
    Add(AddArgs),
    /// Remove <agentless> entries by index (see `config show`) or by host and type.
    ///
    /// With --host, a block that also monitors other hosts only loses that <host> line.
    Remove(RemoveArgs),
    /// Check the entries against ossec-agentlessd's rules and warn about silent pitfalls.
    ///
    /// Exit status: 0 valid (warnings allowed), 1 invalid, 2 could not run.
    Validate(ValidateArgs),
}

/// Output formats of `config show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ShowFormat {
    /// A table.
    #[default]
    Table,
    /// The 2009 `ossec-config --show` format: 40 dashes, then type, frequency, host, state,
    /// arguments lines.
    Legacy,
    /// JSON (same as --json).
    Json,
}

/// Arguments of `config show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: ShowFormat,
    /// --json (also spelled --format json).
    #[command(flatten)]
    pub(crate) output: JsonArgs,
}

/// Arguments of `config add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The agentless script in <ossec-dir>/agentless/, e.g. ssh_integrity_check_linux.
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) kind: String,
    /// A monitored host, `user@host`, optionally `use_su user@host` (repeat for several hosts).
    #[arg(long, required = true, value_name = "USER@HOST", value_parser = super::common::parse_config_host)]
    pub(crate) host: Vec<String>,
    /// periodic (FWD integrity records) or periodic_diff (command output diffs).
    #[arg(long, value_name = "STATE")]
    pub(crate) state: String,
    /// Seconds between runs.
    #[arg(long, value_name = "SECONDS", default_value = "86400", value_parser = super::common::parse_frequency)]
    pub(crate) frequency: String,
    /// The script's arguments: paths for the integrity checks, a command for the diff scripts.
    #[arg(long, value_name = "ARGS", allow_hyphen_values = true)]
    pub(crate) arguments: Option<String>,
    /// --dry-run, --no-backup.
    #[command(flatten)]
    pub(crate) edit: EditArgs,
    /// Add even if the script does not exist (yet) in <ossec-dir>/agentless/.
    #[arg(long)]
    pub(crate) force: bool,
}

/// Arguments of `config remove`.
#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// The entry's index as shown by `config show`.
    #[arg(value_name = "INDEX", required_unless_present_any = ["host", "kind"])]
    pub(crate) index: Option<usize>,
    /// Remove the entries monitoring this `user@host` (only its <host> line when the block has others).
    #[arg(long, value_name = "USER@HOST", conflicts_with = "index")]
    pub(crate) host: Option<String>,
    /// Remove the entries of this type (with --host: only that host's entries of this type).
    #[arg(long = "type", value_name = "TYPE", conflicts_with = "index")]
    pub(crate) kind: Option<String>,
    /// Remove every match instead of refusing when several entries match.
    #[arg(long)]
    pub(crate) all_matching: bool,
    /// --dry-run, --no-backup.
    #[command(flatten)]
    pub(crate) edit: EditArgs,
}

/// Arguments of `config validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// --json.
    #[command(flatten)]
    pub(crate) output: JsonArgs,
    /// Also run `<ossec-dir>/bin/ossec-agentlessd -t -c FILE` (or wazuh-agentlessd) and report
    /// its verdict.
    #[arg(long)]
    pub(crate) with_daemon: bool,
}
