//! The commands: each file turns one subcommand's arguments into actions through the library,
//! writing to the [`Output`] it is given.

mod agentless;
pub(crate) mod config;
mod context;
mod diff;
mod doctor;
mod generate;
mod install_script;
mod keygen;
mod ossec_config;
mod push_key;
mod register_host;
mod scan;
mod target;
mod test_entries; // test-script --entry N / --all
mod test_script;

pub(crate) use context::Context;

use crate::cli::{Cli, Command};
use crate::output::Output;
use crate::prompt::Prompter;
use crate::{Error, ExitCode};
use std::io::BufRead;

/// Runs the command described by `cli`.
pub fn run(
    cli: Cli,
    out: &mut Output<'_>,
    prompter: &mut dyn Prompter,
    stdin: &mut dyn BufRead,
) -> Result<ExitCode, Error> {
    let mut ctx = Context::new(&cli.global, out, prompter, stdin);
    match cli.command {
        Command::Config(args) => config::run(args, &mut ctx),
        Command::Generate(args) => generate::run(&args, &mut ctx),
        Command::RegisterHost(args) => register_host::run(args, &mut ctx),
        Command::Keygen(args) => keygen::run(&args, &mut ctx),
        Command::PushKey(args) => push_key::run(&args, &mut ctx),
        Command::TestScript(args) => test_script::run(&args, &mut ctx),
        Command::Doctor(args) => doctor::run(&args, &mut ctx),
        Command::Scan(args) => scan::run(&args, &mut ctx),
        Command::Diff(args) => diff::run(&args, &mut ctx),
        Command::InstallScript(args) => install_script::run(&args, &mut ctx),
    }
}

/// Runs the `ossec-config` compatibility binary.
pub fn run_ossec_config(
    cli: crate::cli::OssecConfigCli,
    out: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    ossec_config::run(cli, out)
}
