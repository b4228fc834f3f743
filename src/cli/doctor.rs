//! `doctor`: check the agentless setup and optionally repair it.

use super::JsonArgs;
use clap::Args;

/// Check the agentless setup and say what is wrong, with the fix for each problem.
///
/// Checks: the installed product and version; agentless enabled (OSSEC: the last
/// AGENTLESS_DAEMON= line in <DIR>/bin/.process_list; always on with Wazuh 4.x); expect
/// installed; the agentless user and group exist with <DIR> as home; <DIR>/.ssh owned by that
/// user (0700, or root:wazuh 0770 as Wazuh installs it); private keys 0600 and known_hosts
/// owned by the user; the agentless directory and stock scripts usable by the user;
/// agentless/.passlist in the form the install reads (plaintext for OSSEC, base64 for Wazuh),
/// not looser than 0640 and readable by the user, without lines the stock scripts skip or
/// misread. From ossec.conf: `config validate` finds no errors; every <agentless> host has a
/// .passlist entry and a key in <DIR>/.ssh/known_hosts for the port the scripts use (from
/// <DIR>/.ssh/config, else 22); every configured script exists and is executable.
///
/// --fix repairs what it can (enables agentless as `ossec-control enable agentless` does,
/// creates or chowns .ssh, fixes key, script and .passlist modes) and reports each change.
///
/// Exit status: 0 all good, 1 problems found, 2 could not check.
#[derive(Debug, Clone, Args)]
pub(crate) struct DoctorArgs {
    /// Repair the problems marked as repairable.
    #[arg(long)]
    pub(crate) fix: bool,
    /// With --fix: show what would change, and change nothing.
    #[arg(long, requires = "fix")]
    pub(crate) dry_run: bool,
    /// Check for this account instead of the agentless user (ossec or wazuh).
    #[arg(long, value_name = "NAME")]
    pub(crate) user: Option<String>,
    /// --json.
    #[command(flatten)]
    pub(crate) output: JsonArgs,
}
