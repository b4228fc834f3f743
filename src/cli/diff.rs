//! `diff`: arguments.

use super::{HostKeyArgs, JsonArgs};
use crate::scan::target::TargetSpec;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `--profile`: which device CLI to expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ProfileArg {
    /// Tell the vendor from `show version`.
    #[default]
    Auto,
    /// Cisco IOS / IOS-XE (`terminal length 0`, `show running-config`).
    CiscoIos,
    /// Cisco ASA, PIX and FWSM (`terminal pager 0`, `show running-config`).
    CiscoAsa,
    /// Foundry / Brocade / Ruckus FastIron (`skip-page-display`, `show running-config`).
    Foundry,
    /// Juniper Junos (`set cli screen-length 0`, `show configuration`).
    Junos,
}

/// Arguments of `diff`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:
  ossec-agentless diff admin@web01 'df -h /; ls -l /etc/cron.d'
  ossec-agentless diff --device netadmin@core-sw1        # enable, pager off, show running-config
  ossec-agentless diff --all --forward                   # every ssh_generic_diff / device entry

Exit status: 0 no change (or first run: output recorded), 1 output changed, 2 error.")]
pub(crate) struct DiffArgs {
    /// Where to run: `local` (this machine, no SSH) or `user@host[:port]` (SSH: logs in with
    /// the host's .passlist password, or the agentless user's key for NOPASS hosts).
    #[arg(value_name = "TARGET", required_unless_present = "all")]
    pub(crate) target: Option<String>,
    /// The commands, as one string like ossec.conf's <arguments>: separated by `;` and run in
    /// order (POSIX hosts: one `sh -c`). For devices, commands run after the configuration
    /// command. Without COMMANDS, the <arguments> of the host's ssh_generic_diff and device
    /// entries in ossec.conf are used.
    #[arg(value_name = "COMMANDS")]
    pub(crate) commands: Option<String>,
    /// Check every host of every ssh_generic_diff, ssh_pixconfig_diff, ssh_asa-fwsmconfig_diff
    /// and ssh_foundry_diff entry in ossec.conf, in parallel.
    #[arg(long, conflicts_with_all = ["target", "commands", "more_targets", "agentless"])]
    pub(crate) all: bool,
    /// Another target to check with the same COMMANDS (repeat for more; they run in parallel).
    #[arg(short = 't', long = "target", value_name = "TARGET", value_parser = super::common::parse_target)]
    pub(crate) more_targets: Vec<TargetSpec>,
    /// How many targets to check at the same time.
    #[arg(short = 'j', long, default_value_t = 8, value_name = "N")]
    pub(crate) jobs: usize,
    /// The target is a network device: an interactive session over a pty (no exec request),
    /// `enable` with the .passlist additional password, the pager turned off, then the
    /// configuration and COMMANDS. Implied for the stock device scripts' entries.
    #[arg(long)]
    pub(crate) device: bool,
    /// The device's CLI (implies --device).
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub(crate) profile: Option<ProfileArg>,
    /// Drop output lines matching this regular expression before comparing (repeat for more).
    #[arg(long, value_name = "REGEX")]
    pub(crate) ignore: Vec<String>,
    /// Keep the lines that change on every run of a device (uptime, clock, "Current
    /// configuration : N bytes", NTP clock period, save stamps); they are ignored by default.
    #[arg(long)]
    pub(crate) keep_noise: bool,
    /// Keep passwords, secrets, SNMP communities and keys in what is stored, printed and
    /// forwarded (masked as <removed> by default).
    #[arg(long)]
    pub(crate) keep_secrets: bool,
    /// Compare but do not record this output as the new one (writes nothing; also spelled
    /// --dry-run).
    #[arg(long, visible_alias = "dry-run")]
    pub(crate) no_update: bool,
    /// Where outputs are kept [default: the user's state directory/ossec-agentless].
    #[arg(long, value_name = "DIR", env = "OSSEC_AGENTLESS_STATE_DIR")]
    pub(crate) state_dir: Option<PathBuf>,
    /// --json: one document with every target's result.
    #[command(flatten)]
    pub(crate) output: JsonArgs,
    /// Send a change to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd
    /// does, so analysisd raises rule 555: location `(<type>) user@host->agentless`, the
    /// normal-format diff cut at 8 lines / 2 KB.
    #[arg(long)]
    pub(crate) forward: bool,
    /// The agentless <type> named in forwarded locations [default: the entry's type, else
    /// ssh_generic_diff].
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) kind: Option<String>,
    /// Speak ossec-agentlessd's script protocol for periodic_diff blocks (`STORE: now` and the
    /// output lines on stdout, only after a complete capture; ERROR: otherwise; `test test`
    /// exits 0). Arguments are the daemon's: [use_su|use_sudo] user@host commands…. No state.
    #[arg(long, conflicts_with_all = ["json", "forward", "no_update"])]
    pub(crate) agentless: bool,
    /// The daemon's arguments after user@host, for --agentless.
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        hide = true
    )]
    pub(crate) rest: Vec<String>,
    /// Host-key policy.
    #[command(flatten)]
    pub(crate) host_key: HostKeyArgs,
    /// Seconds allowed to connect and log in to a host.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub(crate) connect_timeout: u64,
    /// Give up when a host stays silent this long: for commands, no output at all (0: never);
    /// for devices, every wait (prompt, password prompt, a command's output).
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub(crate) timeout: u64,
}
