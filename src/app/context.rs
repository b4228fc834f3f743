//! What every command receives: the layout, the output, a way to ask the user, and stdin.

use crate::cli::GlobalArgs;
use crate::layout::Layout;
use crate::output::Output;
use crate::prompt::Prompter;
use std::io::BufRead;

/// The environment a command runs in.
pub struct Context<'a, 'o> {
    /// Paths under the OSSEC directory.
    pub layout: Layout,
    /// Where to write.
    pub out: &'a mut Output<'o>,
    /// How to ask the user.
    pub prompter: &'a mut dyn Prompter,
    /// Standard input (for `--password-stdin`).
    pub stdin: &'a mut dyn BufRead,
}

impl<'a, 'o> Context<'a, 'o> {
    /// Builds the context from the global options.
    pub fn new(
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
}
