//! `register-host`: the `.passlist` credential registry (replaces `register_host.sh`).

use super::{DryRunArgs, JsonArgs};
use clap::{Args, Subcommand};

/// Arguments of `register-host`.
#[derive(Debug, Args)]
pub(crate) struct RegisterHostArgs {
    /// What to do.
    #[command(subcommand)]
    pub(crate) action: RegisterHostAction,
}

/// The `register-host` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum RegisterHostAction {
    /// Add a host's credentials to `<DIR>/agentless/.passlist`.
    ///
    /// Passwords are never taken as arguments (they would show in `ps` and shell history): you are
    /// asked twice without echo, or they are read from standard input with --password-stdin.
    /// The file keeps its form (plaintext on OSSEC, base64 on Wazuh) and every other line, and
    /// gets mode 0640 root:ossec (root:wazuh on Wazuh), or 0600 when that group does not exist.
    ///
    /// Example: printf '%s\n' "$PW" | ossec-agentless register-host add root@web01:2222 --password-stdin
    Add(AddArgs),
    /// List registered hosts and how each authenticates (never a password).
    List(ListArgs),
    /// Remove a host's entry from .passlist (and the port block it got from `add`).
    Remove(RemoveArgs),
}

/// Arguments of `register-host add`.
#[derive(Debug, Args)]
#[command(mut_arg("dry_run", |a| a.help("Show what would change (passwords masked), and write nothing")))]
pub(crate) struct AddArgs {
    /// The host as it appears in ossec.conf `<host>` (without use_su), e.g. root@web01.example.net.
    /// A `:PORT` suffix (IPv6: `root@[fe80::1]:2222`) sets the SSH port like --port.
    #[arg(value_name = "USER@HOST[:PORT]")]
    pub(crate) target: String,
    /// SSH port: written as a `Host` block with `Port` to `<DIR>/.ssh/config`, the only place the
    /// stock scripts (plain `ssh user@host`) take a port from.
    #[arg(long, value_name = "N", value_parser = super::common::port_parser())]
    pub(crate) port: Option<u16>,
    /// Public-key authentication: write NOPASS as the password (no password is asked for).
    #[arg(long, conflicts_with = "password_stdin")]
    pub(crate) nopass: bool,
    /// Read the password from the first line of standard input instead of asking.
    #[arg(long)]
    pub(crate) password_stdin: bool,
    /// Read the additional password (su root password, or Cisco enable password) from the next
    /// line of standard input (the first line with --nopass).
    #[arg(long)]
    pub(crate) additional_password_stdin: bool,
    /// Rewrite the host's existing entry (and port) in place instead of refusing. The whole
    /// entry is replaced: an additional password not given again is dropped.
    #[arg(long)]
    pub(crate) replace: bool,
    /// --dry-run.
    #[command(flatten)]
    pub(crate) dry: DryRunArgs,
}

/// Arguments of `register-host list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// --json.
    #[command(flatten)]
    pub(crate) output: JsonArgs,
}

/// Arguments of `register-host remove`.
#[derive(Debug, Args)]
#[command(mut_arg("dry_run", |a| a.help("Show what would change (passwords masked), and write nothing")))]
pub(crate) struct RemoveArgs {
    /// The host to remove, exactly as registered (e.g. root@web01.example.net).
    #[arg(value_name = "USER@HOST")]
    pub(crate) target: String,
    /// --dry-run.
    #[command(flatten)]
    pub(crate) dry: DryRunArgs,
}
