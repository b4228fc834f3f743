//! `generate`: the hidden maintainer command that writes completions/ and man/.

use clap::Args;
use std::path::PathBuf;

/// Arguments of `generate`.
#[derive(Debug, Clone, Args)]
pub(crate) struct GenerateArgs {
    /// Only check that the files on disk are current; exit 1 if any is stale.
    #[arg(long)]
    pub(crate) check: bool,
    /// The project directory holding completions/ and man/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) dir: PathBuf,
}
