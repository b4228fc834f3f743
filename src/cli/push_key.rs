//! `push-key`: install the agentless user's public key on a host.

use super::{DryRunArgs, HostKeyArgs};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `push-key`.
#[derive(Debug, Clone, Args)]
#[command(mut_arg("dry_run", |a| a.help(
    "Log in and report what would change on the host, but change nothing on either side"
)))]
pub(crate) struct PushKeyArgs {
    /// The account to install the key for, as USER@HOST (the same text as in the
    /// `<host>` of the agentless entry).
    #[arg(value_name = "USER@HOST")]
    pub(crate) destination: String,
    /// SSH port of the host [default: the port in USER@HOST:PORT, else the `Port` of the
    /// host's block in <DIR>/.ssh/config (see `register-host add USER@HOST:PORT`), else 22].
    #[arg(long, short = 'p', value_name = "N", value_parser = super::common::port_parser())]
    pub(crate) port: Option<u16>,
    /// The public key to install [default: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub].
    /// A private key file name gets `.pub` appended.
    #[arg(long, short = 'i', value_name = "FILE")]
    pub(crate) identity: Option<PathBuf>,
    /// Read the login password from the first line of standard input. Without it, the host's
    /// `.passlist` password is used when there is one, else the password is asked for (never
    /// put a password on the command line).
    #[arg(long)]
    pub(crate) password_stdin: bool,
    /// Host-key policy.
    #[command(flatten)]
    pub(crate) host_key: HostKeyArgs,
    /// --dry-run.
    #[command(flatten)]
    pub(crate) dry: DryRunArgs,
    /// After a successful key login, set the host's `.passlist` password to NOPASS (adding the
    /// entry when missing) so the agentless scripts use the key.
    #[arg(long)]
    pub(crate) set_nopass: bool,
    /// Seconds to wait for the connection and login.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub(crate) connect_timeout: u64,
}
