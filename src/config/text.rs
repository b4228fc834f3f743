//! [`RawText`]: a value exactly as ossec.conf holds it. OSSEC's reader never decodes the file,
//! so a value is a run of bytes (usually UTF-8, sometimes Latin-1 or anything else).
//!
//! Three ways out, so that every caller says which one it means:
//! - [`RawText::as_bytes`] / [`RawText::to_os_str`]: the exact bytes, for comparisons, paths and
//!   everything the daemon would do with the value;
//! - [`RawText::escaped`]: for a terminal, invalid bytes as `\xNN` and control characters escaped
//!   ([`crate::sanitize::bytes_for_terminal`]);
//! - JSON ([`serde::Serialize`]): a string when the bytes are UTF-8, otherwise an object
//!   `{"hex": "<every byte as two lowercase hex digits>", "lossy": "<UTF-8 with U+FFFD>"}`, so a
//!   consumer can never take a lossy string for the real value (docs/ossec-conf-encoding.md).

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt;
use std::ops::Deref;
use std::os::unix::ffi::OsStrExt;

/// A value from ossec.conf, byte for byte; see the module documentation.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RawText(Vec<u8>);

impl RawText {
    /// Wraps bytes.
    pub(crate) fn new(bytes: Vec<u8>) -> RawText {
        RawText(bytes)
    }

    /// The exact bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The value as text, when it is UTF-8.
    pub(crate) fn to_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// The value with invalid bytes replaced by U+FFFD: for messages only, never for a decision.
    pub fn lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// The value for a terminal: invalid bytes as `\xNN`, control and invisible characters
    /// escaped.
    pub(crate) fn escaped(&self) -> String {
        crate::sanitize::bytes_for_terminal(&self.0)
    }

    /// The bytes as an `OsStr` (a file name, a path), without any conversion.
    pub(crate) fn to_os_str(&self) -> &OsStr {
        OsStr::from_bytes(&self.0)
    }

    /// The value split on runs of ASCII white space, as a shell or `strtok` splits plain words.
    pub(crate) fn words(&self) -> Vec<RawText> {
        self.0
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| RawText(w.to_vec()))
            .collect()
    }
}

impl Deref for RawText {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for RawText {
    fn from(v: Vec<u8>) -> RawText {
        RawText(v)
    }
}

impl From<&[u8]> for RawText {
    fn from(v: &[u8]) -> RawText {
        RawText(v.to_vec())
    }
}

impl From<&str> for RawText {
    fn from(s: &str) -> RawText {
        RawText(s.as_bytes().to_vec())
    }
}

impl From<&String> for RawText {
    fn from(s: &String) -> RawText {
        RawText(s.as_bytes().to_vec())
    }
}

impl From<String> for RawText {
    fn from(s: String) -> RawText {
        RawText(s.into_bytes())
    }
}

impl PartialEq<str> for RawText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<&str> for RawText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<String> for RawText {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_bytes()
    }
}

impl fmt::Debug for RawText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.escaped())
    }
}

impl Serialize for RawText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.to_str() {
            Some(t) => s.serialize_str(t),
            None => {
                use serde::ser::SerializeStruct;
                let hex = crate::protocol::hex(&self.0);
                let mut st = s.serialize_struct("RawText", 2)?;
                st.serialize_field("hex", &hex)?;
                st.serialize_field("lossy", &self.lossy())?;
                st.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_a_string_and_other_bytes_are_hex_in_json() {
        assert_eq!(
            serde_json::to_string(&RawText::from("café")).unwrap(),
            "\"café\""
        );
        assert_eq!(
            serde_json::to_string(&RawText::from(&b"caf\xe9"[..])).unwrap(),
            "{\"hex\":\"636166e9\",\"lossy\":\"caf\u{fffd}\"}"
        );
    }

    #[test]
    fn escaped_lossy_and_words() {
        let t = RawText::from(&b" /srv/caf\xe9\t/etc \x1b[2J"[..]);
        assert_eq!(t.escaped(), " /srv/caf\\xe9\\t/etc \\x1b[2J");
        assert_eq!(t.words().len(), 3);
        assert_eq!(t.words()[0].as_bytes(), b"/srv/caf\xe9");
        assert_eq!(t.to_str(), None);
        assert_eq!(t.words()[1], "/etc");
    }
}
