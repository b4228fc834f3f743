//! `ossec-config`: the 2009 tool's command line (`--section agentless --show/--add`), kept working.

use clap::Parser;
use ossec_agentless::{app, cli::OssecConfigCli, output::Output};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = OssecConfigCli::parse();
    let mut out =
        Output::stdio(cli.global.color).with_verbosity(cli.global.quiet, cli.global.verbose);
    let result = app::run_ossec_config(cli, &mut out);
    let _ = out.flush();
    match result {
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // The last guard: no raw control byte reaches the terminal.
            let text = format!("{:#}", anyhow::Error::from(e));
            eprintln!(
                "ossec-config: error: {}",
                ossec_agentless::sanitize::message(&text)
            );
            ExitCode::from(2)
        }
        Ok(code) => code.into(),
    }
}
