//! What every command receives: the layout, the output, a way to ask the user, and stdin.

use crate::Error;
use crate::cli::GlobalArgs;
use crate::layout::Layout;
use crate::output::Output;
use crate::prompt::Prompter;
use crate::secret::Secret;
use std::io::BufRead;

/// The environment a command runs in.
pub(crate) struct Context<'a, 'o> {
    /// Paths under the OSSEC directory.
    pub(crate) layout: Layout,
    /// Where to write.
    pub(crate) out: &'a mut Output<'o>,
    /// How to ask the user.
    pub(crate) prompter: &'a mut dyn Prompter,
    /// Standard input (for `--password-stdin`).
    pub(crate) stdin: &'a mut dyn BufRead,
}

impl<'a, 'o> Context<'a, 'o> {
    /// Builds the context from the global options.
    pub(crate) fn new(
        global: &GlobalArgs,
        out: &'a mut Output<'o>,
        prompter: &'a mut dyn Prompter,
        stdin: &'a mut dyn BufRead,
    ) -> Self {
        Context {
            layout: Layout::new(global.ossec_dir.clone(), global.config.clone()),
            out,
            prompter,
            stdin,
        }
    }

    /// One line of standard input without its `\n` / `\r\n`, for `--password-stdin`; `what`
    /// and `line` name it in errors (never the text itself).
    pub(crate) fn read_secret_line(&mut self, what: &str, line: usize) -> Result<Secret, Error> {
        let mut buf = String::new();
        let n = self.stdin.read_line(&mut buf).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                Error::Usage(format!("{what} on standard input is not UTF-8 text"))
            } else {
                Error::Input(e)
            }
        })?;
        if n == 0 {
            return Err(Error::Usage(format!(
                "standard input ended before line {line}, which should hold {what}"
            )));
        }
        if buf.ends_with('\n') {
            buf.pop();
            if buf.ends_with('\r') {
                buf.pop();
            }
        }
        Ok(Secret::new(buf))
    }
}
