//! `ossec-agentless`: parse the command line, run the command, map the result to an exit code
//! (the same pattern as `ossec-config`'s `main`: [`exit::conclude`] decides).

use clap::Parser;
use ossec_agentless::{app, cli::Cli, exit, output::Output, prompt::TerminalPrompter, sanitize};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out =
        Output::stdio(cli.global.color).with_verbosity(cli.global.quiet, cli.global.verbose);
    let mut stdin = std::io::stdin().lock();
    let result = app::run(cli, &mut out, &mut TerminalPrompter, &mut stdin);
    let flushed = out.flush();
    match exit::conclude(result, flushed) {
        Ok(code) => code.into(),
        Err(e) => {
            // The last guard: no raw control byte reaches the terminal.
            let text = format!("{:#}", anyhow::Error::from(e));
            eprintln!("ossec-agentless: error: {}", sanitize::message(&text));
            ExitCode::from(2)
        }
    }
}
