//! How `ossec-agentlessd` turns a script's output into lines and what each line means.
//!
//! The daemon reads the pipe with `fgets(buf, 2048, fp)`, so one read returns at most 2047 bytes:
//! a longer line arrives as several pieces, and each piece is classified on its own. Each piece
//! is then cut at the first `\r` and at the first `\n` (and, being a C string, at the first NUL).
//! Classification, in the daemon's order (`src/agentlessd/agentlessd.c`, `run_periodic_cmd`):
//! `ERROR: ` (7 bytes compared), `INFO: ` (6), `FWD:` and `LOG:` (only 4 compared, but 5 skipped:
//! `FWD:x…` loses the `x`), `STORE: ` (7, only for `periodic_diff`), then anything else.
//!
//! The classification itself is [`crate::protocol::classify`], the one classifier of the
//! protocol. This module only splits and classifies; it never prints.

pub(crate) use crate::protocol::{LineKind, classify};

/// The size of the daemon's `fgets` buffer: one piece holds at most `FGETS_BUFFER - 1` bytes.
pub(crate) const FGETS_BUFFER: usize = 2048;

/// One line as the daemon sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The line after cutting at NUL, `\r` and `\n`.
    pub(crate) bytes: Vec<u8>,
    /// The piece as read, without its trailing line end (`\n` and any `\r` before it; a pty
    /// often sends `\r\r\n`): what `--raw` shows.
    pub(crate) full: Vec<u8>,
    /// Its classification.
    pub(crate) kind: LineKind,
    /// Byte offset of the payload in `bytes` (after `ERROR: `, `FWD: ` …; 0 for other lines).
    pub(crate) payload_start: usize,
    /// True when this piece is the continuation of a line longer than the `fgets` buffer.
    pub(crate) continued: bool,
    /// True when the daemon's buffer filled up before the end of the line: the rest follows
    /// as another piece.
    pub(crate) truncated: bool,
}

impl Line {
    /// The text after the prefix (what the daemon logs or forwards).
    pub(crate) fn payload(&self) -> &[u8] {
        self.bytes.get(self.payload_start..).unwrap_or_default()
    }
}

/// Cuts a piece as the daemon does: at the first NUL, then `\r`, then `\n`.
pub(crate) fn cut(piece: &[u8]) -> &[u8] {
    let mut end = piece.len();
    for stop in [0u8, b'\r', b'\n'] {
        if let Some(i) = piece[..end].iter().position(|&b| b == stop) {
            end = i;
        }
    }
    &piece[..end]
}

/// Splits a byte stream into the pieces `fgets(buf, 2048, fp)` would return, and classifies them.
#[derive(Debug, Default)]
pub(crate) struct LineSplitter {
    pending: Vec<u8>,
    continuing: bool,
    diff_state: bool,
}

impl LineSplitter {
    /// A splitter; `diff_state` makes `STORE: ` lines count (the `periodic_diff` state).
    pub(crate) fn new(diff_state: bool) -> LineSplitter {
        LineSplitter {
            diff_state,
            ..LineSplitter::default()
        }
    }

    /// Adds bytes and returns every piece completed by them.
    pub(crate) fn push(&mut self, data: &[u8]) -> Vec<Line> {
        self.pending.extend_from_slice(data);
        let mut lines = Vec::new();
        let max = FGETS_BUFFER - 1;
        let mut start = 0;
        loop {
            let rest = &self.pending[start..];
            let window = &rest[..rest.len().min(max)];
            if let Some(nl) = window.iter().position(|&b| b == b'\n') {
                lines.push(self.piece(start, start + nl + 1, false));
                start += nl + 1;
            } else if window.len() == max {
                lines.push(self.piece(start, start + max, true));
                start += max;
            } else {
                break;
            }
        }
        self.pending.drain(..start);
        lines
    }

    /// Returns the last piece at end of input, if any bytes are left without a newline.
    pub(crate) fn finish(&mut self) -> Option<Line> {
        if self.pending.is_empty() {
            return None;
        }
        let len = self.pending.len();
        let line = self.piece(0, len, false);
        self.pending.clear();
        Some(line)
    }

    fn piece(&mut self, from: usize, to: usize, truncated: bool) -> Line {
        let raw = &self.pending[from..to];
        let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
        let end = raw.iter().rposition(|&b| b != b'\r').map_or(0, |i| i + 1);
        let full = raw[..end].to_vec();
        let bytes = cut(&self.pending[from..to]).to_vec();
        let (kind, payload_start) = classify(&bytes, self.diff_state);
        let continued = self.continuing;
        self.continuing = truncated;
        Line {
            bytes,
            full,
            kind,
            payload_start,
            continued,
            truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &[u8]) -> Vec<(LineKind, String)> {
        let mut s = LineSplitter::new(true);
        let mut v = s.push(input);
        v.extend(s.finish());
        v.into_iter()
            .map(|l| (l.kind, String::from_utf8_lossy(l.payload()).into_owned()))
            .collect()
    }

    #[test]
    fn classifies_like_the_daemon() {
        let out = kinds(
            b"spawn ssh root@h\r\nINFO: Started.\r\nFWD: 6:644:0:0:a:b /etc/hosts\r\n\
              FWD:x1:2\nLOG: hello\nSTORE: now\nERROR: Password for 'root@h' not found.\n\
              ERROR:no space\nINFO:no space\ntail",
        );
        use LineKind::*;
        let expect = [
            (Other, "spawn ssh root@h"),
            (Info, "Started."),
            (Fwd, "6:644:0:0:a:b /etc/hosts"),
            (Fwd, "1:2"),
            (Log, "hello"),
            (Store, "now"),
            (Error, "Password for 'root@h' not found."),
            (Other, "ERROR:no space"),
            (Other, "INFO:no space"),
            (Other, "tail"),
        ];
        let expect: Vec<_> = expect.iter().map(|(k, s)| (*k, s.to_string())).collect();
        assert_eq!(out, expect);
    }

    #[test]
    fn full_keeps_the_text_after_a_carriage_return() {
        let mut s = LineSplitter::new(false);
        let lines = s.push(b"refused\r\r\nprogress 10%\rprogress 20%\r\n");
        assert_eq!(lines[0].full, b"refused");
        assert_eq!(lines[1].bytes, b"progress 10%");
        assert_eq!(lines[1].full, b"progress 10%\rprogress 20%");
    }

    #[test]
    fn short_fwd_has_an_empty_payload() {
        assert_eq!(classify(b"FWD:", false), (LineKind::Fwd, 4));
        assert_eq!(classify(b"STORE: now", false).0, LineKind::Other);
    }

    #[test]
    fn cuts_at_cr_then_lf_then_nul() {
        assert_eq!(cut(b"a\rb\n"), b"a");
        assert_eq!(cut(b"ab\n"), b"ab");
        assert_eq!(cut(b"a\0b\r\n"), b"a");
    }

    #[test]
    fn long_lines_split_like_fgets() {
        let mut long = b"FWD: ".to_vec();
        long.extend(std::iter::repeat_n(b'x', 3000));
        long.push(b'\n');
        let mut s = LineSplitter::new(false);
        // Feed in small chunks: splitting must not depend on how reads arrive.
        let mut lines = Vec::new();
        for chunk in long.chunks(100) {
            lines.extend(s.push(chunk));
        }
        lines.extend(s.finish());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].bytes.len(), 2047);
        assert!(lines[0].truncated && !lines[0].continued);
        assert_eq!(lines[0].kind, LineKind::Fwd);
        assert_eq!(lines[1].bytes.len(), 3005 - 2047);
        assert!(lines[1].continued && !lines[1].truncated);
        assert_eq!(lines[1].kind, LineKind::Other);
    }

    #[test]
    fn exactly_2047_bytes_plus_newline_gives_an_empty_piece() {
        // fgets returns 2047 bytes, then the lone "\n" as a second, empty line.
        let mut line = vec![b'y'; 2047];
        line.push(b'\n');
        let mut s = LineSplitter::new(false);
        let lines = s.push(&line);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].bytes.is_empty());
    }
}
