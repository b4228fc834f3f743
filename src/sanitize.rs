//! Escapes text that came from outside (remote hosts, files) before it reaches a terminal.
//!
//! A file name or a remote line may hold escape sequences that move the cursor, change the
//! title or hide text. Everything that is not printable is shown as a visible escape instead.
//! This must never be applied to data written for machines (FWD lines, JSON): those keep bytes.

/// Returns `s` with control characters, bidi overrides and zero-width characters escaped as
/// `\xNN` or `\u{NNNN}`; backslashes are left alone so that ordinary paths read naturally.
pub fn for_terminal(s: &str) -> String {
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
pub fn bytes_for_terminal(b: &[u8]) -> String {
    let mut out = String::new();
    for chunk in b.utf8_chunks() {
        out.push_str(&for_terminal(chunk.valid()));
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x80..=0x9f          // C1 controls (CSI is 0x9b)
        | 0x200b..=0x200f    // zero-width space, joiners, LRM/RLM
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
    fn invalid_utf8_bytes_are_shown() {
        assert_eq!(bytes_for_terminal(b"a\xffb"), "a\\xffb");
    }
}
