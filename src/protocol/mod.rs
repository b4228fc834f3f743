//! The line protocol between an agentless script and `ossec-agentlessd` (as the daemon's
//! `src/agentlessd/agentlessd.c` reads it):
//! `FWD:` file records, `INFO:`, `ERROR:`, `LOG:` and `STORE:` lines.
//!
//! Parsing is strict where the stock daemon is not: hashes must be lowercase hex of the right
//! length, numbers must be decimal. The perm field is accepted in both of its meanings (Linux
//! octal `%a` text such as `644`/`4755`, or BSD decimal `st_mode` such as `33188`), normalised
//! to the permission bits, and the raw text is kept so a record prints back byte for byte.
//! This module never touches files or the network.

mod fwd;
mod kind;

pub use fwd::FileRecord;
pub(crate) use fwd::{Perm, hex, parse_hex};
pub(crate) use kind::{LineKind, classify};

use std::fmt;

/// Why a line could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The line has no known prefix.
    #[error("not a protocol line (expected FWD:, INFO:, ERROR:, LOG: or STORE:)")]
    UnknownPrefix,
    /// A `FWD:` line whose record is malformed.
    #[error("bad FWD record: {0}")]
    BadRecord(String),
}

/// One line of script output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// `FWD: <record>`: one file for syscheck.
    Fwd(FileRecord),
    /// `INFO: <text>`: progress, logged by the daemon.
    Info(String),
    /// `ERROR: <text>`: failure; the daemon stops reading.
    Error(String),
    /// `LOG: <text>`: a log event for analysisd.
    Log(String),
    /// `STORE: <text>`: start of captured output (periodic_diff).
    Store(String),
}

impl Line {
    /// Parses one line (without its line ending; a trailing `\r` is cut, as the daemon does).
    ///
    /// The inverse of [`Line::to_bytes`], kept for the fuzz tests that prove the round trip;
    /// the crate reads script output with the line classifier (`classify`) and
    /// [`FileRecord`]'s parser.
    pub fn parse(line: &[u8]) -> Result<Line, ProtocolError> {
        let line = match line.iter().position(|&b| b == b'\r') {
            Some(i) => &line[..i],
            None => line,
        };
        let (kind, start) = classify(line, true);
        // Strict where the daemon is not: `FWD:` and `LOG:` need their space too.
        if matches!(kind, LineKind::Fwd | LineKind::Log) && line.get(4) != Some(&b' ') {
            return Err(ProtocolError::UnknownPrefix);
        }
        let rest = &line[start..];
        let text = || String::from_utf8_lossy(rest).into_owned();
        match kind {
            LineKind::Fwd => FileRecord::parse_payload(rest).map(Line::Fwd),
            LineKind::Info => Ok(Line::Info(text())),
            LineKind::Error => Ok(Line::Error(text())),
            LineKind::Log => Ok(Line::Log(text())),
            LineKind::Store => Ok(Line::Store(text())),
            LineKind::Other => Err(ProtocolError::UnknownPrefix),
        }
    }

    /// The line as bytes, without a line ending (paths may be any bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Line::Fwd(r) => {
                let mut v = b"FWD: ".to_vec();
                v.extend(r.payload());
                v
            }
            other => other.to_string().into_bytes(),
        }
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Fwd(r) => write!(f, "FWD: {}", String::from_utf8_lossy(&r.payload())),
            Line::Info(t) => write!(f, "INFO: {t}"),
            Line::Error(t) => write!(f, "ERROR: {t}"),
            Line::Log(t) => write!(f, "LOG: {t}"),
            Line::Store(t) => write!(f, "STORE: {t}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_kinds_round_trip() {
        for l in [
            "INFO: Started.",
            "ERROR: Timeout while running commands on host: h .",
            "LOG: something happened",
            "STORE: now",
        ] {
            let parsed = Line::parse(l.as_bytes()).unwrap();
            assert_eq!(parsed.to_string(), l);
        }
        assert_eq!(
            Line::parse(b"INFO: Finished.\r").unwrap(),
            Line::Info("Finished.".into())
        );
        assert_eq!(
            Line::parse(b"spawn ssh h"),
            Err(ProtocolError::UnknownPrefix)
        );
    }
}
