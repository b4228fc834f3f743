//! `keygen`: make the agentless user's SSH key pair.

use super::{DryRunArgs, JsonArgs};
use crate::ssh::keygen::KeyType;
use clap::Args;

/// Arguments of `keygen`.
#[derive(Debug, Clone, Args)]
pub(crate) struct KeygenArgs {
    /// Key type. ed25519 is what ssh-keygen makes since OpenSSH 9.5; use rsa only for old
    /// servers that do not accept ed25519.
    #[arg(
        long = "type",
        short = 't',
        value_enum,
        default_value = "ed25519",
        value_name = "TYPE"
    )]
    pub(crate) key_type: KeyType,
    /// RSA key size in bits (2048 to 16384) [default: 3072]. Not used for ed25519.
    #[arg(long, short = 'b', value_name = "N")]
    pub(crate) bits: Option<usize>,
    /// Replace an existing key of this type. The old key then stops working on every host
    /// where it was installed: run push-key again for each.
    #[arg(long)]
    pub(crate) force: bool,
    /// --dry-run.
    #[command(flatten)]
    pub(crate) dry: DryRunArgs,
    /// --json.
    #[command(flatten)]
    pub(crate) output: JsonArgs,
}
