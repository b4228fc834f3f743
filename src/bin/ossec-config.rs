//! `ossec-config`: the 2009 tool's command line (`--section agentless --show/--add`), kept working
//! (the same pattern as `ossec-agentless`'s `main`: [`exit::conclude`] decides).

use clap::Parser;
use ossec_agentless::{app, cli::OssecConfigCli, exit, output::Output, sanitize};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = OssecConfigCli::parse();
    let mut out =
        Output::stdio(cli.global.color).with_verbosity(cli.global.quiet, cli.global.verbose);
    let result = app::run_ossec_config(cli, &mut out);
    let flushed = out.flush();
    match exit::conclude(result, flushed) {
        Ok(code) => code.into(),
        Err(e) => {
            // The last guard: no raw control byte reaches the terminal.
            let text = format!("{:#}", anyhow::Error::from(e));
            eprintln!("ossec-config: error: {}", sanitize::message(&text));
            ExitCode::from(2)
        }
    }
}
