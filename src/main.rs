//! `ossec-agentless`: parse the command line, run the command, map the result to an exit code.

use clap::Parser;
use ossec_agentless::{app, cli::Cli, output::Output, prompt::TerminalPrompter};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out =
        Output::stdio(cli.global.color).with_verbosity(cli.global.quiet, cli.global.verbose);
    let mut stdin = std::io::stdin().lock();
    let result = app::run(cli, &mut out, &mut TerminalPrompter, &mut stdin);
    let flushed = out.flush();
    match result {
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // The last guard: no raw control byte reaches the terminal.
            let text = format!("{:#}", anyhow::Error::from(e));
            eprintln!(
                "ossec-agentless: error: {}",
                ossec_agentless::sanitize::message(&text)
            );
            ExitCode::from(2)
        }
        Ok(_)
            if flushed
                .as_ref()
                .is_err_and(|e| e.kind() != std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::from(2)
        }
        Ok(code) => code.into(),
    }
}
