//! The command-line definition (clap derive only: no IO, no logic).
//!
//! Each subcommand's arguments live in their own file; help text is the `///` doc on each field.
//! `app` turns these into actions.

mod common;
mod config;
mod diff;
mod doctor;
mod generate;
mod install_script;
mod keygen;
mod ossec_config;
mod push_key;
mod register_host;
mod scan;

pub(crate) use config::{
    AddArgs, ConfigArgs, ConfigCommand, RemoveArgs, ShowArgs, ShowFormat, ValidateArgs,
};
mod test_script;

pub(crate) use common::{DryRunArgs, EditArgs, HostKeyArgs, JsonArgs};
pub(crate) use diff::{DiffArgs, ProfileArg};
pub(crate) use doctor::DoctorArgs;
pub(crate) use generate::GenerateArgs;
pub(crate) use install_script::InstallScriptArgs;
pub(crate) use keygen::KeygenArgs;
pub use ossec_config::OssecConfigCli;
pub(crate) use push_key::PushKeyArgs;
pub(crate) use register_host::{
    AddArgs as RegisterAddArgs, ListArgs as RegisterListArgs, RegisterHostAction, RegisterHostArgs,
    RemoveArgs as RegisterRemoveArgs,
};
pub(crate) use scan::{EngineArg, ScanArgs, ScanFormat};
pub(crate) use test_script::TestScriptArgs;

use crate::output::ColorChoice;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Set up and check OSSEC/Wazuh agentless monitoring: ossec.conf entries, the .passlist, SSH
/// keys and host keys, and integrity scans — safely and compatibly with the stock scripts.
///
/// Exit status: 0 success, 1 differences or a failed check, 2 error.
#[derive(Debug, Parser)]
#[command(name = "ossec-agentless", version, propagate_version = true)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options accepted by every command.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The OSSEC (or Wazuh) installation directory.
    #[arg(
        long,
        global = true,
        env = "OSSEC_DIR",
        default_value = "/var/ossec",
        value_name = "DIR"
    )]
    pub(crate) ossec_dir: PathBuf,
    /// The configuration file to read and edit [default: <DIR>/etc/ossec.conf].
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// When to use colours (NO_COLOR in the environment turns them off for `auto`).
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only data and errors: no warnings or notes on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Explain more on stderr (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Scan files on `local` or user@host and report what changed since the last scan.
    ///
    /// Added, removed and changed files (size, perm, uid, gid, md5, sha1), as a table, FWD
    /// lines, OSSEC alert texts or JSON. Exit 0 no change or new baseline, 1 changes found,
    /// 2 error.
    Scan(ScanArgs),
    /// Run commands on `local` or user@host, or read a network device's configuration, and
    /// show what changed since the last run.
    ///
    /// POSIX hosts run COMMANDS over SSH; devices (--device: Cisco IOS, ASA/PIX,
    /// Foundry/Brocade, Junos) are driven over an interactive session with enable and the
    /// pager off. Noise lines are ignored and secrets masked. Exit 0 no change or first run,
    /// 1 changed, 2 error.
    Diff(DiffArgs),
    /// Show, add, remove and validate <agentless> entries in ossec.conf.
    Config(ConfigArgs),
    /// Manage the .passlist credentials the agentless scripts log in with (add, list, remove).
    RegisterHost(RegisterHostArgs),
    /// Make the agentless user's SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner
    /// and modes, and print its fingerprint.
    Keygen(KeygenArgs),
    /// Install the agentless user's public key on a host (safely, once), then prove that a
    /// login with only the key works.
    PushKey(PushKeyArgs),
    // Help text: the doc comments of TestScriptArgs and DoctorArgs.
    TestScript(TestScriptArgs),
    Doctor(DoctorArgs),
    /// Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs `scan --agentless` on
    /// schedule (name it as <type> in ossec.conf).
    InstallScript(InstallScriptArgs),
    /// Regenerate the shell completions and man pages (for maintainers).
    #[command(hide = true)]
    Generate(GenerateArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
        OssecConfigCli::command().debug_assert();
    }
}
