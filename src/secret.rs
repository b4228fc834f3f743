//! The one secret type: a password or additional password that never shows itself (`Debug`
//! prints a placeholder and there is no `Display`) and is zeroized when dropped, and `wipe`
//! for the byte buffers secrets pass through (file contents, lines sent to a host).

use std::fmt;
use zeroize::Zeroize;

/// A password or additional password. Read it with `Secret::expose`, only where it is needed
/// (sending it to a host, writing the `.passlist`). The memory is zeroized when dropped.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The secret text.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// True when the secret is the empty string.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(********)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// Zeroizes `bytes` (a buffer that held a secret) before it is reused or freed.
pub(crate) fn wipe(bytes: &mut [u8]) {
    bytes.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_text() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(********)");
        assert_eq!(s.expose(), "hunter2");
        let mut v = b"abc".to_vec();
        wipe(&mut v);
        assert_eq!(v, [0, 0, 0]);
    }
}
