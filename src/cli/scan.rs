//! `scan`: arguments.

use super::{HostKeyArgs, JsonArgs};
use crate::scan::stream::StreamLimits;
use crate::scan::target::TargetSpec;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `--format`: how to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ScanFormat {
    /// A summary per target and a table of changes.
    #[default]
    Human,
    /// The exact `FWD:` lines the stock ssh_integrity_check_linux script sends, one per regular
    /// file, sorted by path (diffable with a stock run).
    Fwd,
    /// Each change as the text of OSSEC's alerts: rule 550 (changed), 553 (deleted), 554 (added).
    Ossec,
}

/// `--engine`: how `local` is scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum EngineArg {
    /// In process for `local`; the POSIX sh script for SSH targets.
    #[default]
    Auto,
    /// The POSIX sh script everywhere: for `local` it runs through /bin/sh on this machine
    /// (the exact script SSH targets get; useful to check it).
    Script,
}

/// Arguments of `scan`.
#[derive(Debug, Clone, Args)]
pub(crate) struct ScanArgs {
    /// Where to scan: `local` (this machine, no SSH) or `user@host[:port]` (SSH: logs in with
    /// the host's .passlist password, or the agentless user's key for NOPASS hosts; the port
    /// defaults to the host's `Port` in <DIR>/.ssh/config, else 22).
    #[arg(value_name = "TARGET", required_unless_present = "all")]
    pub(crate) target: Option<String>,
    /// Files and directories to scan. Every name is kept exactly (spaces, newlines, any bytes).
    /// Without PATHs, the <arguments> of the host's ssh_integrity_check_* entries in
    /// ossec.conf are used.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Scan every host of every ssh_integrity_check_* entry in ossec.conf, each with its
    /// entry's <arguments>, in parallel.
    #[arg(long, conflicts_with_all = ["target", "paths", "more_targets", "agentless"])]
    pub(crate) all: bool,
    /// Host-key policy.
    #[command(flatten)]
    pub(crate) host_key: HostKeyArgs,
    /// Another target to scan with the same PATHs (repeat for more; they run in parallel).
    #[arg(short = 't', long = "target", value_name = "TARGET", value_parser = super::common::parse_target)]
    pub(crate) more_targets: Vec<TargetSpec>,
    /// How many targets to scan at the same time.
    #[arg(short = 'j', long, default_value_t = 8, value_name = "N")]
    pub(crate) jobs: usize,
    /// Seconds allowed to connect and log in to a host.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub(crate) connect_timeout: u64,
    /// Stop a host's scan after this many seconds without any output from it (0: never). There
    /// is no limit on the total duration; make it longer than hashing the biggest file takes.
    #[arg(long, default_value_t = 600, value_name = "SECS")]
    pub(crate) idle_timeout: u64,
    /// Fail a host that sends a path longer than this many bytes (a hostile or broken host;
    /// Linux paths are at most 4096).
    #[arg(long, default_value_t = StreamLimits::DEFAULT.max_path as u64, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_path_bytes: u64,
    /// Fail a host that lists more than this many paths (files, directories, links).
    #[arg(long, default_value_t = StreamLimits::DEFAULT.max_records as u64, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_records: u64,
    /// Fail a host that sends more than this many bytes in one section of the scan output
    /// (the file list, the stat lines, each hash list).
    #[arg(long, default_value_t = StreamLimits::DEFAULT.max_section_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_section_bytes: u64,
    /// Follow symbolic links and hash what they point to (default: record the link itself).
    #[arg(long)]
    pub(crate) follow: bool,
    /// Run the scan on the host through `sudo -n` (passwordless sudo; never prompts).
    #[arg(long)]
    pub(crate) sudo: bool,
    /// Compare with the baseline but do not record this scan as the new one (writes nothing;
    /// also spelled --dry-run).
    #[arg(long, visible_alias = "dry-run")]
    pub(crate) no_update: bool,
    /// Where baselines are kept [default: the user's state directory/ossec-agentless; with
    /// --agentless: <DIR>/queue/agentless/ossec-agentless, which belongs to the agentless user].
    #[arg(long, value_name = "DIR", env = "OSSEC_AGENTLESS_STATE_DIR")]
    pub(crate) state_dir: Option<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_enum,
        default_value_t,
        value_name = "FORMAT",
        conflicts_with = "json"
    )]
    pub(crate) format: ScanFormat,
    /// --json: one document with every target's results.
    #[command(flatten)]
    pub(crate) output: JsonArgs,
    /// Print JSON events (added, removed, changed, unreadable, …, summary) one per line as
    /// each target finishes.
    #[arg(long, conflicts_with_all = ["format", "json"])]
    pub(crate) json_lines: bool,
    /// Also send every file record to the local OSSEC manager (<DIR>/queue/ossec/queue) as
    /// ossec-agentlessd does; deleted files are sent as checksum -1 (rule 553). The host part
    /// of the location is user@host, or `local` for this machine.
    #[arg(long)]
    pub(crate) forward: bool,
    /// Forwarding pace in milliseconds. Where the next alert's rule may differ from the
    /// previous one's, records wait until analysisd's alerts.log shows the previous alert and
    /// then this long (without an alert to wait for: this long plus as much again per 20
    /// records since the last pause): analysisd can label alerts sent closer together with the
    /// wrong rule (an upstream bug; see docs/forwarding.md). 0 sends without waiting. Also used
    /// by --agentless.
    #[arg(long, default_value_t = 10, value_name = "MS")]
    pub(crate) forward_pace: u64,
    /// The agentless <type> named in forwarded locations and --format ossec.
    #[arg(
        long = "type",
        default_value = "ssh_integrity_check_linux",
        value_name = "TYPE",
        value_parser = plain_name
    )]
    pub(crate) kind: String,
    /// Speak ossec-agentlessd's script protocol (INFO:/FWD:/ERROR: on stdout; `test test`
    /// exits 0). Arguments are the daemon's: [use_su|use_sudo] user@host paths…. Keeps a
    /// baseline per (--type, host, paths) and prints `FWD: -1 <path>` for deleted files; runs
    /// as the agentless user (as the daemon runs it), not as root.
    #[arg(long, conflicts_with_all = ["json", "json_lines", "format", "forward"])]
    pub(crate) agentless: bool,
    /// Engine for `local`.
    #[arg(long, value_enum, default_value_t, value_name = "ENGINE")]
    pub(crate) engine: EngineArg,
}

/// `--type`: a plain file name only ([`crate::host::check_plain_name`]).
fn plain_name(s: &str) -> Result<String, String> {
    crate::host::check_plain_name("--type", s).map(|()| s.to_string())
}
