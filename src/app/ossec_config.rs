//! The `ossec-config` binary: maps the 2009 tool's flags onto the `config` commands.

use crate::cli::OssecConfigCli;
use crate::output::Output;
use crate::{Error, ExitCode};

/// Runs `ossec-config`.
pub fn run(cli: OssecConfigCli, _out: &mut Output<'_>) -> Result<ExitCode, Error> {
    if cli.section != "agentless" {
        return Err(Error::Usage(format!(
            "section '{}' is not supported: ossec-config only handles --section agentless",
            cli.section
        )));
    }
    Err(Error::Usage("the agentless section is being built".into()))
}
