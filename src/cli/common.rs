//! Flag groups shared by several commands, flattened (`#[command(flatten)]`) into each command
//! that takes them so that every command spells, documents and parses them the same way.

use crate::scan::target::TargetSpec;
use crate::ssh::HostKeyPolicy;
use clap::Args;

/// How to treat a host key that is not in <DIR>/.ssh/known_hosts yet (`--accept-new`,
/// `--fingerprint`); without either, an unknown key is refused.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct HostKeyArgs {
    /// Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use).
    /// A changed key is refused all the same.
    #[arg(long, conflicts_with = "fingerprint")]
    pub(crate) accept_new: bool,
    /// Trust only a host key with this fingerprint (SHA256:…, as `ssh-keygen -lf
    /// /etc/ssh/ssh_host_ed25519_key.pub` prints it on the host), and record it.
    #[arg(long, value_name = "SHA256:…", value_parser = HostKeyPolicy::fingerprint)]
    pub(crate) fingerprint: Option<HostKeyPolicy>,
}

impl HostKeyArgs {
    /// The policy these flags ask for: the fingerprint, else trust on first use, else strict.
    pub(crate) fn policy(&self) -> HostKeyPolicy {
        match (&self.fingerprint, self.accept_new) {
            (Some(pinned), _) => pinned.clone(),
            (None, true) => HostKeyPolicy::AcceptNew,
            (None, false) => HostKeyPolicy::Strict,
        }
    }
}

/// `--dry-run` of a command that writes.
#[derive(Debug, Clone, Copy, Default, Args)]
pub(crate) struct DryRunArgs {
    /// Show what would change, and change nothing.
    #[arg(long, short = 'n')]
    pub(crate) dry_run: bool,
}

/// `--dry-run` and `--no-backup` of a command that edits ossec.conf.
#[derive(Debug, Clone, Copy, Default, Args)]
pub(crate) struct EditArgs {
    /// Show the change as a unified diff, and write nothing.
    #[arg(long, short = 'n')]
    pub(crate) dry_run: bool,
    /// Do not keep the previous file as ossec.conf.bak.
    #[arg(long)]
    pub(crate) no_backup: bool,
}

/// `--json`: print one JSON document instead of text. The one spelling every command that can
/// print JSON accepts (`config show` also keeps `--format json`).
#[derive(Debug, Clone, Copy, Default, Args)]
pub(crate) struct JsonArgs {
    /// Print the result as one JSON document instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Value parser of a `--target`: `local`, `user@host` or `user@host:port` (IPv6: `[addr]:port`).
pub(crate) fn parse_target(text: &str) -> Result<TargetSpec, String> {
    TargetSpec::parse(text).map_err(|e| e.to_string())
}

/// Value parser of a `<host>` of ossec.conf (`config add --host`, `ossec-config --host`,
/// `test-script USER@HOST`): `user@host` with an optional `use_su `/`use_sudo ` prefix, checked
/// by the one host type ([`crate::host::Host::parse`]).
pub(crate) fn parse_config_host(text: &str) -> Result<String, String> {
    crate::host::Host::parse(text, crate::host::Context::Config)
        .map(|_| text.to_string())
        .map_err(|e| e.reason)
}

/// Value parser of a `--frequency`: seconds, digits only (as ossec-agentlessd reads it).
pub(crate) fn parse_frequency(text: &str) -> Result<String, String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err("Invalid value for element 'frequency': seconds, digits only".into())
    }
}

/// Value parser of a `--port`: 1 to 65535.
pub(crate) fn port_parser() -> clap::builder::RangedI64ValueParser<u16> {
    clap::value_parser!(u16).range(1..)
}
