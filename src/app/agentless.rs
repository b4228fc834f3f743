//! What `scan --agentless` and `diff --agentless` share as scripts of ossec-agentlessd: the
//! `ERROR:` line that ends a run, and the `use_sudo` / `use_su` word the daemon puts before the
//! host when ossec.conf's `<host>` has it.

use crate::output::Output;
use crate::{Error, ExitCode};

/// Prints `ERROR: <msg>` on one line (the daemon reads up to the line break, so control
/// characters become spaces) and returns the error exit status.
pub(super) fn fail(out: &mut Output, msg: &str) -> Result<ExitCode, Error> {
    let one_line: String = msg
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    out.line(&format!("ERROR: {one_line}"))?;
    Ok(ExitCode::Error)
}

/// The daemon's first word: `Ok(true)` for `use_sudo` (run under `sudo -n`; the caller drops
/// the word), `Ok(false)` for a host, `Err` with the message for `use_su`, which needs the root
/// password and is not supported.
pub(super) fn escalation(first: Option<&[u8]>) -> Result<bool, &'static str> {
    match first {
        Some(b"use_sudo") => Ok(true),
        Some(b"use_su") => {
            Err("use_su needs the root password and is not supported; use use_sudo (sudo -n)")
        }
        _ => Ok(false),
    }
}
