//! `config show/add/remove/validate`, and the locked read-modify-write they share with the
//! `ossec-config` binary.

mod add;
mod remove;
mod show;
mod validate;

pub(crate) use add::add_entry;
pub(crate) use show::{print_legacy, show};

use super::Context;
use crate::cli::{ConfigArgs, ConfigCommand};
use crate::config::ConfigFile;
use crate::fsutil::{EditSession, FsError, Owners, WriteOptions};
use crate::{Error, ExitCode};

/// Runs `config …`.
pub(crate) fn run(args: ConfigArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    match args.command {
        ConfigCommand::Show(a) => show(&a, ctx),
        ConfigCommand::Add(a) => add::run(&a, ctx),
        ConfigCommand::Remove(a) => remove::run(&a, ctx),
        ConfigCommand::Validate(a) => validate::run(&a, ctx),
    }
}

/// Reads and parses ossec.conf.
pub(crate) fn load(ctx: &Context) -> Result<ConfigFile, Error> {
    Ok(ConfigFile::load(ctx.layout.config())?)
}

/// How an edit is applied.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WriteMode {
    /// Print a diff instead of writing.
    pub(crate) dry_run: bool,
    /// Keep ossec.conf.bak.
    pub(crate) backup: bool,
}

/// Locks ossec.conf, reads it, lets `edit` compute the new bytes, then writes them atomically
/// (or prints the diff for a dry run); nothing is written when they are unchanged.
pub(crate) fn edit_file<T>(
    ctx: &mut Context,
    mode: WriteMode,
    edit: impl FnOnce(&ConfigFile, &mut Context) -> Result<(Vec<u8>, T), Error>,
) -> Result<T, Error> {
    let path = ctx.layout.config().to_path_buf();
    // One locked edit session of the link-safe layer (as for .passlist and .ssh/config).
    let owners = Owners::root_or(
        crate::layout::agentless_owner(ctx.layout.detect().flavour).map(|(u, _)| u),
    );
    let mut session = if mode.dry_run {
        EditSession::open_unlocked(&path, owners)?
    } else {
        EditSession::open(&path, owners)?
    };
    let bytes = session.take_original().ok_or_else(|| FsError::Read {
        path: path.clone(),
        source: std::io::Error::from(std::io::ErrorKind::NotFound),
    })?;
    let file = ConfigFile::from_bytes(&path, bytes)?;
    file.check_editable()?;
    let (new_text, result) = edit(&file, ctx)?;
    if mode.dry_run {
        let diff = crate::textdiff::unified(&path.display().to_string(), file.bytes(), &new_text);
        ctx.out.out().write_all(diff.as_bytes())?;
        ctx.out.info("dry run: nothing was written")?;
        return Ok(result);
    }
    if new_text != file.bytes() {
        let mut bak = path.clone().into_os_string();
        bak.push(".bak");
        let opts = WriteOptions {
            backup: mode.backup.then(|| bak.into()),
            owners,
            ..WriteOptions::default()
        };
        session.commit(&new_text, &opts)?;
    }
    Ok(result)
}
