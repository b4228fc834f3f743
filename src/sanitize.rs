//! The one rule for untrusted text shown to a person: file names, remote lines, words from a
//! host, anything read from a file a less-trusted party controls.
//!
//! A file name or a remote line may hold escape sequences that move the cursor, change the
//! title, write the clipboard (OSC 52) or hide text, and line breaks that forge whole lines of
//! output (a fake `** Alert` block). Everything that is not printable is shown as a visible
//! escape instead (`\n`, `\x1b`, `\u{202e}`; invalid UTF-8 as `\xNN`), so no such text can
//! start a new line. Human output, `--format ossec`, error messages, `push-key` reports and
//! `test-script` verdicts use it; data written for machines (`--format fwd`, JSON, baselines)
//! keeps the exact bytes and must never go through it.

/// Returns `s` with control characters, bidi overrides and zero-width characters escaped as
/// `\xNN` or `\u{NNNN}`; backslashes are left alone so that ordinary paths read naturally.
pub(crate) fn for_terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_invisible(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Like [`for_terminal`], for bytes that may not be UTF-8: invalid bytes become `\xNN`.
pub(crate) fn bytes_for_terminal(b: &[u8]) -> String {
    let mut out = String::new();
    for chunk in b.utf8_chunks() {
        out.push_str(&for_terminal(chunk.valid()));
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

/// For a whole message whose own line breaks are wanted (an error with a caret snippet):
/// keeps `\n` and `\t`, escapes every other control character like `for_terminal`. Texts
/// from outside must already have been escaped where they entered the message; this is the
/// last guard that keeps raw escape bytes off the terminal.
pub fn message(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            line.split('\t')
                .map(for_terminal)
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x80..=0x9f          // C1 controls (CSI is 0x9b)
        | 0x200b..=0x200f    // zero-width space, joiners, LRM/RLM
        | 0x2028..=0x2029    // line and paragraph separators
        | 0x202a..=0x202e    // bidi embeddings and overrides
        | 0x2066..=0x2069    // bidi isolates
        | 0xfeff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(for_terminal("a\x1b[31mb"), "a\\x1b[31mb");
        assert_eq!(for_terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(for_terminal("/etc/host s\n"), "/etc/host s\\n");
        assert_eq!(for_terminal("日本/ß"), "日本/ß");
    }

    #[test]
    fn messages_keep_their_own_lines_only() {
        assert_eq!(
            message("a:1:2: bad\n1 | \tx\x1b]52;c;Zm9v\x07"),
            "a:1:2: bad\n1 | \tx\\x1b]52;c;Zm9v\\x07"
        );
        assert_eq!(message("x\ry"), "x\\ry");
    }

    #[test]
    fn no_name_can_start_a_line() {
        let forged = "a\n** Alert 1: - x\nRule: 550\r\x1b[2J\u{2028}";
        let shown = for_terminal(forged);
        assert!(!shown.contains(['\n', '\r', '\x1b', '\u{2028}']), "{shown}");
    }

    #[test]
    fn invalid_utf8_bytes_are_shown() {
        assert_eq!(bytes_for_terminal(b"a\xffb"), "a\\xffb");
    }
}
