//! One `.passlist` line: the stock parser's reading of it, what we write, and validation.

use super::PasslistError;
use crate::sanitize::{bytes_for_terminal, for_terminal};
use crate::secret::Secret;
use serde::Serialize;

/// The password the scripts read as "use public-key authentication".
pub(crate) const NOPASS: &str = "NOPASS";
/// The stock scripts' "not found" sentinel: a stored password of exactly `x` is never found.
pub(crate) const SENTINEL: &str = "x";

/// A line as the stock expect scripts split it: host before the first `|`, password between the
/// first and the last `|`, additional password after the last `|`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StockFields<'a> {
    /// Text before the first `|`.
    pub(crate) host: &'a [u8],
    /// Text between the first and the last `|`.
    pub(crate) password: &'a [u8],
    /// Text after the last `|` (a trailing CR stays part of it, as in the scripts).
    pub(crate) additional: &'a [u8],
}

/// Splits `line` (without its `\n`) by the stock rule; `None` for lines with fewer than two `|`,
/// which the scripts skip.
pub(crate) fn stock_split(line: &[u8]) -> Option<StockFields<'_>> {
    let first = line.iter().position(|&b| b == b'|')?;
    let last = line.iter().rposition(|&b| b == b'|')?;
    if first == last {
        return None;
    }
    Some(StockFields {
        host: &line[..first],
        password: &line[first + 1..last],
        additional: &line[last + 1..],
    })
}

/// How an entry authenticates, without the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum AuthKind {
    /// A password is stored.
    Password,
    /// `NOPASS`: public-key authentication.
    Nopass,
    /// The password field is empty.
    Empty,
    /// The password is `x`, which the scripts report as "not found".
    Sentinel,
}

impl AuthKind {
    pub(crate) fn of(password: &[u8]) -> AuthKind {
        match password {
            b"" => AuthKind::Empty,
            b"NOPASS" => AuthKind::Nopass,
            b"x" => AuthKind::Sentinel,
            _ => AuthKind::Password,
        }
    }

    /// A short word for listings.
    pub(crate) fn label(self) -> &'static str {
        match self {
            AuthKind::Password => "password",
            AuthKind::Nopass => "NOPASS",
            AuthKind::Empty => "empty",
            AuthKind::Sentinel => "x (never found)",
        }
    }
}

/// The password of a new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Password {
    /// `NOPASS`: public-key authentication.
    Nopass,
    /// A real password.
    Secret(Secret),
}

/// A validated entry ready to be written: `host|password|additional`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    host: String,
    password: Password,
    additional: Secret,
}

impl Entry {
    /// Checks every field against what the stock scripts can read back; see [`validate_host`].
    ///
    /// Refused: newline, CR or NUL in a password; `|` in the additional password (the scripts
    /// split at the last `|`); the password `x` (the scripts' "not found" sentinel); a password
    /// spelled `NOPASS` (use [`Password::Nopass`]); an empty password.
    pub(crate) fn new(
        host: &str,
        password: Password,
        additional: Secret,
    ) -> Result<Entry, PasslistError> {
        validate_host(host)?;
        let bad = |which, reason| PasslistError::InvalidPassword {
            host: host.to_string(),
            which,
            reason,
        };
        if let Password::Secret(pw) = &password {
            let pw = pw.expose();
            if let Some(reason) = line_breaker(pw) {
                return Err(bad("password", reason));
            }
            if pw.is_empty() {
                return Err(bad(
                    "password",
                    "is empty (for key authentication use --nopass, which writes NOPASS)",
                ));
            }
            if pw == SENTINEL {
                return Err(bad(
                    "password",
                    "is the single letter x, which the stock scripts treat as \"password not found\"",
                ));
            }
            if pw == NOPASS {
                return Err(bad(
                    "password",
                    "is the word NOPASS, which the scripts read as \"use key authentication\"; \
                     use --nopass if that is what you mean",
                ));
            }
        }
        let add = additional.expose();
        if let Some(reason) = line_breaker(add) {
            return Err(bad("additional password", reason));
        }
        if add.contains('|') {
            return Err(bad(
                "additional password",
                "contains |, which the stock scripts cannot read back \
                 (they split the line at the first and the last |)",
            ));
        }
        Ok(Entry {
            host: host.to_string(),
            password,
            additional,
        })
    }

    /// The `user@host` text.
    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    /// The line as written to the file (without `\n`). Holds the secrets.
    pub(crate) fn render(&self) -> Vec<u8> {
        let pw = match &self.password {
            Password::Nopass => NOPASS,
            Password::Secret(s) => s.expose(),
        };
        let mut line =
            Vec::with_capacity(self.host.len() + pw.len() + self.additional.expose().len() + 2);
        line.extend_from_slice(self.host.as_bytes());
        line.push(b'|');
        line.extend_from_slice(pw.as_bytes());
        line.push(b'|');
        line.extend_from_slice(self.additional.expose().as_bytes());
        line
    }
}

fn line_breaker(s: &str) -> Option<&'static str> {
    if s.contains('\n') || s.contains('\r') {
        Some("contains a line break, which would split the .passlist entry")
    } else if s.contains('\0') {
        Some("contains a NUL byte, which the scripts cannot handle")
    } else {
        None
    }
}

/// Checks `user@host` as it will appear in `.passlist` and in `<host>` in ossec.conf: exactly one
/// `@` with a user before it and a host after it; no `|` (the field separator), line break, NUL,
/// white space or other control character; no leading `-` (ssh would read an option).
pub(crate) fn validate_host(host: &str) -> Result<(), PasslistError> {
    let bad = |reason: &str| PasslistError::InvalidHost {
        host: for_terminal(host),
        reason: reason.to_string(),
    };
    if host.contains('|') {
        return Err(bad("contains |, the .passlist field separator"));
    }
    if host.contains('\n') || host.contains('\r') {
        return Err(bad("contains a line break"));
    }
    if host.contains('\0') {
        return Err(bad("contains a NUL byte"));
    }
    if host.starts_with("use_su ") || host.starts_with("use_sudo ") {
        return Err(bad(
            "give the host without the use_su/use_sudo prefix (that belongs in ossec.conf only)",
        ));
    }
    // The one host type decides the rest (same verdict as every other command).
    match crate::host::Host::parse(host, crate::host::Context::Command) {
        Ok(h) if h.port.is_none() => Ok(()),
        Ok(_) => Err(bad(
            "give the host without :PORT here (the port goes to .ssh/config)",
        )),
        Err(e) => Err(bad(&e.reason)),
    }
}

/// Splits `USER@HOST[:PORT]` (IPv6: `USER@[ADDR]:PORT`) into the `user@host` text and the port,
/// with the one host type ([`crate::host::Host`]).
pub(crate) fn parse_target(text: &str) -> Result<(String, Option<u16>), PasslistError> {
    let h = crate::host::Host::parse(text, crate::host::Context::Command).map_err(|e| {
        PasslistError::InvalidHost {
            host: e.host,
            reason: e.reason,
        }
    })?;
    Ok((h.user_host(), h.port))
}

/// The host field of a line for display (escaped).
pub(crate) fn host_for_display(host: &[u8]) -> String {
    bytes_for_terminal(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(s: &str) -> Password {
        Password::Secret(Secret::new(s))
    }

    #[test]
    fn stock_split_uses_first_and_last_bar() {
        let f = stock_split(b"root@h|a|b|c").unwrap();
        assert_eq!(
            (f.host, f.password, f.additional),
            (&b"root@h"[..], &b"a|b"[..], &b"c"[..])
        );
        assert!(stock_split(b"root@h|pw").is_none());
        assert!(stock_split(b"").is_none());
        let f = stock_split(b"h||").unwrap();
        assert_eq!((f.password, f.additional), (&b""[..], &b""[..]));
    }

    #[test]
    fn host_validation() {
        assert!(validate_host("root@web01.example.net").is_ok());
        assert!(validate_host("root@::1").is_ok());
        for (bad, needle) in [
            ("root", "expected USER@HOST"),
            ("@h", "user before @ is empty"),
            ("root@", "host after @ is empty"),
            ("root@h|x", "contains |"),
            ("root@h\nx", "line break"),
            ("root@h\0", "NUL"),
            ("root@h x", "white space"),
            ("a@b@c", "the host contains @"),
            ("-oProxyCommand=x@h", "starts with -"),
            ("root@h:22", "without :PORT"),
            ("use_su root@h", "use_su"),
        ] {
            let e = validate_host(bad).unwrap_err().to_string();
            assert!(e.contains(needle), "{bad:?}: {e}");
        }
    }

    #[test]
    fn password_validation_never_shows_the_password() {
        for (p, add, needle) in [
            ("a\nb", "", "line break"),
            ("a\0b", "", "NUL"),
            ("x", "", "single letter x"),
            ("NOPASS", "", "NOPASS"),
            ("", "", "empty"),
            ("good", "en|able", "contains |"),
            ("good", "en\nable", "line break"),
            ("good", "a\0", "NUL"),
        ] {
            let e = Entry::new("root@h", pw(p), Secret::new(add)).unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains(needle), "{msg}");
            let dbg = format!("{e:?}");
            for s in [p, add] {
                if s.len() > 1 && s != "NOPASS" {
                    assert!(!msg.contains(s) && !dbg.contains(s), "{msg} / {dbg}");
                }
            }
        }
        assert!(Entry::new("root@h", pw("a|b"), Secret::default()).is_ok());
        assert!(Entry::new("root@h", Password::Nopass, Secret::new("su")).is_ok());
    }

    #[test]
    fn targets_with_ports() {
        assert_eq!(parse_target("root@h").unwrap(), ("root@h".into(), None));
        assert_eq!(
            parse_target("root@h:2222").unwrap(),
            ("root@h".into(), Some(2222))
        );
        assert_eq!(
            parse_target("root@[::1]:22").unwrap(),
            ("root@::1".into(), Some(22))
        );
        assert_eq!(
            parse_target("root@fe80::1").unwrap(),
            ("root@fe80::1".into(), None)
        );
        assert!(
            parse_target("root@h:0")
                .unwrap_err()
                .to_string()
                .contains("1 to 65535")
        );
        assert!(parse_target("root@h:x").is_err());
        assert!(parse_target("root@h:99999").is_err());
        assert!(parse_target("h").is_err());
    }
}
