//! The two on-disk forms of `.passlist`: OSSEC's plaintext lines and Wazuh 4.x's base64 of the
//! whole file (GNU `base64` output: 76 columns per line, each line ending in `\n`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use std::fmt;

/// GNU `base64` wraps its output at this many columns.
pub(crate) const WRAP_COLUMNS: usize = 76;

/// How the file is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// OSSEC: `user@host|password|additional` lines as they are.
    Plaintext,
    /// Wazuh 4.x: the same lines, the whole file base64-encoded.
    Base64,
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Form::Plaintext => "plaintext",
            Form::Base64 => "base64",
        })
    }
}

/// Decides the form of existing file contents; `None` for an empty (or all-blank) file, whose
/// form only the install flavour can tell.
///
/// A file is base64 when it holds only base64 characters and line breaks and decodes cleanly.
/// Plaintext entries always contain `|` and `@`, which base64 never uses, so a file with any real
/// entry cannot be mistaken for base64.
pub(crate) fn detect(raw: &[u8]) -> Option<Form> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    if decode(raw).is_some() {
        Some(Form::Base64)
    } else {
        Some(Form::Plaintext)
    }
}

/// Decodes a base64 file (line breaks ignored); `None` when it is not valid base64.
pub(crate) fn decode(raw: &[u8]) -> Option<Vec<u8>> {
    let mut compact = Vec::with_capacity(raw.len());
    for &b in raw {
        match b {
            b'\n' | b'\r' => {}
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=' => compact.push(b),
            _ => return None,
        }
    }
    if compact.is_empty() {
        return None;
    }
    STANDARD.decode(&compact).ok()
}

/// True for text that is made of base64 characters only (no `|`, so no plaintext entry) but does
/// not decode: most likely a damaged Wazuh file, which must not be appended to as plaintext.
pub(crate) fn looks_like_damaged_base64(raw: &[u8]) -> bool {
    detect(raw) == Some(Form::Plaintext)
        && raw.iter().all(|&b| {
            matches!(b, b'\n' | b'\r' | b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=')
        })
}

/// Encodes `content` exactly as GNU `base64` does by default: lines of 76 characters, each
/// ending in `\n`; empty input gives empty output.
pub(crate) fn encode(content: &[u8]) -> Vec<u8> {
    let flat = STANDARD.encode(content);
    let mut out = Vec::with_capacity(flat.len() + flat.len() / WRAP_COLUMNS + 1);
    for chunk in flat.as_bytes().chunks(WRAP_COLUMNS) {
        out.extend_from_slice(chunk);
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_forms() {
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"\n\n"), None);
        assert_eq!(detect(b"root@h|pw|\n"), Some(Form::Plaintext));
        assert_eq!(detect(b"cm9vdEBofHB3fAo=\n"), Some(Form::Base64));
        // Not a multiple of 4 after compaction: plaintext junk.
        assert_eq!(detect(b"hello\n"), Some(Form::Plaintext));
        assert!(looks_like_damaged_base64(b"cm9vdEBofHB3fAo\n"));
        assert!(!looks_like_damaged_base64(b"root@h|pw\n"));
        assert!(!looks_like_damaged_base64(b"cm9vdEBofHB3fAo=\n"));
    }

    #[test]
    fn wraps_like_gnu_base64() {
        let e = encode(&[b'a'; 100]);
        let text = String::from_utf8(e).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0].len(), 76);
        assert!(text.ends_with('\n'));
        assert_eq!(encode(b""), b"");
        assert_eq!(decode(text.as_bytes()).unwrap(), vec![b'a'; 100]);
    }
}
