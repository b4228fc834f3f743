//! `test-script`: run one agentless script exactly as the daemon does.

use super::JsonArgs;
use clap::Args;

/// Run an agentless script exactly as ossec-agentlessd does, and explain the result.
///
/// Runs <DIR>/agentless/TYPE with the OSSEC directory as working directory, as the agentless
/// user (ossec, or wazuh on Wazuh 4.x; root drops privileges to it), with the arguments
/// `[use_su|use_sudo] USER@HOST ARGS…` and without a shell. First comes the daemon's startup
/// probe `TYPE test test`, then the real run under --timeout; on timeout the whole process
/// group and everything the script started (expect, ssh, …) are stopped.
///
/// Output lines are classified as the daemon does: `ERROR: ` ends the run, `INFO: `, `FWD:`,
/// `LOG:` and `STORE: ` are shown, other lines are ignored by the daemon (shown with --raw).
/// The verdict names the first error, counts the FWD lines and explains exit statuses
/// (126, 127), timeouts, ssh prompts and rejections by the remote login shell with the fix for
/// each. A run that delivers no FWD:, LOG: or STORE: line fails, and so does each line the
/// daemon would cut or misread (a record after a `\r` or a terminal control sequence).
///
/// Integrity scripts (`ssh_integrity_check_*`) are cross-checked: the same paths are scanned
/// directly on the same host with the same credentials, nothing recorded, and every file the
/// script did not report is listed with the reason (white space in the name, a cut line,
/// unreadable for the remote user, …); any such file fails the test. --no-cross-check skips it.
///
/// --entry N tests the N-th <agentless> block of ossec.conf (numbered as in `config show`),
/// --all every block: each <host> of a block is run with the block's <type> and <arguments>,
/// after one probe per block (as the daemon probes once per block, not per host).
///
/// Example: ossec-agentless test-script ssh_integrity_check_linux root@web01 "/etc /bin"
///
/// Example: ossec-agentless test-script --entry 2
///
/// Exit status: 0 passed, 1 failed, 2 could not run.
#[derive(Debug, Clone, Args)]
pub(crate) struct TestScriptArgs {
    /// The script: a file name in <DIR>/agentless (the <type> of an <agentless> block).
    #[arg(value_name = "TYPE", required_unless_present_any = ["entry", "all"])]
    pub(crate) script_type: Option<String>,
    /// The host as in <host>: `user@host`, or `"use_su user@host"` / `"use_sudo user@host"`
    /// (one argument, quoted).
    #[arg(
        value_name = "USER@HOST",
        required_unless_present_any = ["entry", "all"],
        value_parser = super::common::parse_config_host
    )]
    pub(crate) host: Option<String>,
    /// The script's arguments, as in <arguments>. Words are split on blanks as the daemon
    /// splits them, so `"/etc /bin"` and `/etc /bin` are the same. Shell characters (`;`, `|`,
    /// `$`, …) are passed literally and reported: OSSEC would interpret them on the server.
    /// Put `--` before arguments that start with `-`.
    #[arg(value_name = "ARGS")]
    pub(crate) args: Vec<String>,
    /// Test the N-th <agentless> block of ossec.conf (from 1, as `config show` numbers them):
    /// every <host> of it, with its <type> and <arguments>.
    #[arg(long, value_name = "N", conflicts_with_all = ["script_type", "host", "args", "all"])]
    pub(crate) entry: Option<usize>,
    /// Test every <agentless> block of ossec.conf, each <host> of each block.
    #[arg(long, conflicts_with_all = ["script_type", "host", "args"])]
    pub(crate) all: bool,
    /// Stop the script after this many seconds (fractions allowed).
    #[arg(long, value_name = "SECONDS", default_value = "600", value_parser = parse_seconds)]
    pub(crate) timeout: f64,
    /// Run as this user instead of the agentless user (needs root unless it is you).
    #[arg(long, value_name = "NAME")]
    pub(crate) user: Option<String>,
    /// Show every line the script prints, not only the ones the daemon acts on.
    #[arg(long)]
    pub(crate) raw: bool,
    /// --json (no live output).
    #[command(flatten)]
    pub(crate) output: JsonArgs,
    /// Do not cross-check integrity scripts. By default, after an `ssh_integrity_check_*`
    /// script ran, the same paths are scanned directly on the same host (same credentials,
    /// nothing recorded) and every file the script did not report fails the test.
    #[arg(long)]
    pub(crate) no_cross_check: bool,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 31_536_000.0 => Ok(v),
        _ => Err(format!("'{s}' is not a number of seconds above 0")),
    }
}
