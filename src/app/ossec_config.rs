//! The `ossec-config` binary: maps the 2009 tool's flags onto the `config` commands.
//!
//! `--show` prints the 2009 format (nothing at all without entries); `--add` appends one entry
//! and, like the 2009 tool, writes `<frequency>3600</frequency>` unless `--frequency` is given.

use super::Context;
use super::config::{WriteMode, add_entry, load, print_legacy};
use crate::cli::OssecConfigCli;
use crate::config::edit::NewEntry;
use crate::output::Output;
use crate::prompt::NoTerminal;
use crate::{Error, ExitCode};

/// The 2009 tool's default frequency.
pub(crate) const LEGACY_FREQUENCY: &str = "3600";

/// Runs `ossec-config`.
pub(crate) fn run(cli: OssecConfigCli, out: &mut Output<'_>) -> Result<ExitCode, Error> {
    if cli.section != "agentless" {
        return Err(Error::Usage(format!(
            "section '{}' is not supported: ossec-config only handles --section agentless",
            cli.section
        )));
    }
    let mut stdin = std::io::empty();
    let mut stdin = std::io::BufReader::new(&mut stdin);
    let mut prompter = NoTerminal;
    let mut ctx = Context::new(&cli.global, out, &mut prompter, &mut stdin);
    if cli.show {
        let file = load(&ctx)?;
        print_legacy(&file.doc.agentless(), ctx.out)?;
        return Ok(ExitCode::Success);
    }
    if !cli.add {
        return Err(Error::Usage(
            "nothing to do: pass --show or --add (see ossec-config --help)".into(),
        ));
    }
    let (Some(host), Some(kind), Some(state)) = (cli.host, cli.kind, cli.state) else {
        return Err(Error::Usage(
            "--add needs --host, --type and --state".into(),
        ));
    };
    let entry = NewEntry {
        kind,
        frequency: cli
            .frequency
            .unwrap_or_else(|| LEGACY_FREQUENCY.to_string()),
        hosts: vec![host],
        state,
        arguments: cli.argv,
    };
    let mode = WriteMode {
        dry_run: cli.edit.dry_run,
        backup: !cli.edit.no_backup,
    };
    add_entry(&mut ctx, &entry, mode, true)
}
