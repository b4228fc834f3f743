//! Asking the person at the terminal: passwords without echo and yes/no questions.
//!
//! Commands take a `&mut dyn Prompter` so that the terminal is touched only through
//! [`TerminalPrompter`]; without a terminal, `NoTerminal` refuses with a hint to use
//! `--password-stdin` or `--yes`.

use std::io::{self, IsTerminal};

/// Something that can ask the user.
pub trait Prompter {
    /// Asks for a secret without echo. With `confirm`, asks twice and insists on a match.
    fn password(
        &mut self,
        prompt: &str,
        confirm: Option<&str>,
        allow_empty: bool,
    ) -> io::Result<String>;
    /// Asks a yes/no question.
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool>;
}

/// Prompts on the controlling terminal through dialoguer.
#[derive(Debug, Default)]
pub struct TerminalPrompter;

impl Prompter for TerminalPrompter {
    fn password(
        &mut self,
        prompt: &str,
        confirm: Option<&str>,
        allow_empty: bool,
    ) -> io::Result<String> {
        if !io::stdin().is_terminal() {
            return NoTerminal.password(prompt, confirm, allow_empty);
        }
        let mut p = dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(allow_empty);
        if let Some(again) = confirm {
            p = p.with_confirmation(again, "the two entries differ; try again");
        }
        p.interact().map_err(dialoguer_io)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool> {
        if !io::stdin().is_terminal() {
            return NoTerminal.confirm(prompt, default);
        }
        dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(default)
            .interact()
            .map_err(dialoguer_io)
    }
}

fn dialoguer_io(e: dialoguer::Error) -> io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

/// Refuses every question: for runs without a terminal.
#[derive(Debug, Default)]
pub(crate) struct NoTerminal;

impl Prompter for NoTerminal {
    fn password(&mut self, _: &str, _: Option<&str>, _: bool) -> io::Result<String> {
        Err(io::Error::new(
            io::ErrorKind::NotConnected,
            "no terminal to ask for a password: pass it on standard input with --password-stdin",
        ))
    }

    fn confirm(&mut self, prompt: &str, _: bool) -> io::Result<bool> {
        Err(io::Error::new(
            io::ErrorKind::NotConnected,
            format!("no terminal to answer \"{prompt}\": re-run with --yes to agree"),
        ))
    }
}
