//! How `ossec-agentlessd` classifies one line of a script's output (`src/agentlessd/agentlessd.c`,
//! `run_periodic_cmd`), in the daemon's order: `ERROR: ` (7 bytes compared), `INFO: ` (6), `FWD:`
//! and `LOG:` (only 4 compared, but 5 skipped: `FWD:x…` loses the `x`), `STORE: ` (7, only for
//! `periodic_diff`), then anything else. The one classifier of the protocol: the script runner,
//! the strict [`super::Line`] parser and the escaping of captured output all use it.

use serde::Serialize;

/// What the daemon does with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LineKind {
    /// `ERROR: …`: logged, counted towards the block's 10 failures, and reading stops.
    Error,
    /// `INFO: …`: logged to ossec.log.
    Info,
    /// `FWD: …`: one file record sent to analysisd as syscheck data.
    Fwd,
    /// `LOG: …`: one event sent to analysisd.
    Log,
    /// `STORE: …`: lines after it are captured for the `periodic_diff` comparison.
    Store,
    /// Anything else: ignored (debug log only), or captured after `STORE:`.
    Other,
}

impl LineKind {
    /// The prefix as the scripts write it, or `""` for other lines.
    pub(crate) fn label(self) -> &'static str {
        match self {
            LineKind::Error => "ERROR",
            LineKind::Info => "INFO",
            LineKind::Fwd => "FWD",
            LineKind::Log => "LOG",
            LineKind::Store => "STORE",
            LineKind::Other => "",
        }
    }
}

/// Classifies one cut line; `diff_state` is true for `periodic_diff` blocks (`STORE:` counts).
/// Returns the kind and the payload offset.
pub(crate) fn classify(line: &[u8], diff_state: bool) -> (LineKind, usize) {
    if line.starts_with(b"ERROR: ") {
        (LineKind::Error, 7)
    } else if line.starts_with(b"INFO: ") {
        (LineKind::Info, 6)
    } else if line.starts_with(b"FWD:") {
        // The daemon skips 5 bytes whatever the fifth one is.
        (LineKind::Fwd, 5.min(line.len()))
    } else if line.starts_with(b"LOG:") {
        (LineKind::Log, 5.min(line.len()))
    } else if diff_state && line.starts_with(b"STORE: ") {
        (LineKind::Store, 7)
    } else {
        (LineKind::Other, 0)
    }
}
