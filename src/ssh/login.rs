//! How to log in to a host: the one credential and port resolution that `scan`, `diff`,
//! `push-key` and `test-script`'s cross-check share, from the agentless user's files as the
//! stock scripts read them.
//!
//! - The port: the one given (`:PORT` or `--port`), else the `Port` of the host's block in
//!   `<ossec-dir>/.ssh/config` (the only place the stock scripts take a port from), else 22.
//! - The password: the host's `.passlist` line ([`crate::passlist::Passlist::read`]: a missing
//!   file is no entry, an unreadable or damaged one an error naming the file); `NOPASS` means
//!   public-key login.

use crate::passlist::{Form, Passlist, PasslistError};
use crate::secret::Secret;
use crate::sshconfig::{self, SshConfigError};
use std::path::Path;

/// The port to connect to `host` on: `given`, else the `Port` of `host`'s block in
/// `ssh_config`, else 22.
pub(crate) fn port(
    ssh_config: &Path,
    host: &str,
    given: Option<u16>,
) -> Result<u16, SshConfigError> {
    match given {
        Some(p) => Ok(p),
        None => Ok(sshconfig::port_for(ssh_config, host)?.unwrap_or(22)),
    }
}

/// How `.passlist` says to log in to a host.
pub(crate) enum StoredAuth {
    /// A password.
    Password(Secret),
    /// `NOPASS`: public-key authentication.
    Nopass,
    /// No usable entry (no file, no line, or the password `x`).
    Missing,
}

/// The `.passlist` verdict for `lookup_host`: `user@host` without a `use_su`/`use_sudo` prefix,
/// or, for a stock script's run, its host argument exactly as given (the scripts look it up
/// unchanged, for example `ssh://user@host:port`).
pub(crate) fn stored_auth(passlist: &Path, lookup_host: &str) -> Result<StoredAuth, PasslistError> {
    let Some(list) = Passlist::read(passlist, Form::Plaintext)? else {
        return Ok(StoredAuth::Missing);
    };
    Ok(match list.lookup(lookup_host) {
        Some(c) if c.is_nopass() => StoredAuth::Nopass,
        Some(c) => StoredAuth::Password(c.password.clone()),
        None => StoredAuth::Missing,
    })
}

/// The additional password of `lookup_host`'s `.passlist` line (a network device's `enable`
/// password), if there is one.
pub(crate) fn additional_password(
    passlist: &Path,
    lookup_host: &str,
) -> Result<Option<Secret>, PasslistError> {
    Ok(Passlist::read(passlist, Form::Plaintext)?
        .and_then(|l| l.lookup(lookup_host))
        .and_then(|c| c.additional().cloned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_and_password_come_from_the_agentless_users_files() {
        let d = tempfile::tempdir().unwrap();
        let (pl, cfg) = (d.path().join(".passlist"), d.path().join("config"));
        // No files: port 22 (or the one given), no entry.
        assert_eq!(port(&cfg, "h", None).unwrap(), 22);
        assert_eq!(port(&cfg, "h", Some(2)).unwrap(), 2);
        assert!(matches!(
            stored_auth(&pl, "u@h").unwrap(),
            StoredAuth::Missing
        ));
        std::fs::write(&cfg, "Host h\n    Port 2222\n").unwrap();
        assert_eq!(port(&cfg, "h", None).unwrap(), 2222);
        assert_eq!(port(&cfg, "h", Some(2)).unwrap(), 2);
        std::fs::write(&pl, "u@h|pw|en\nk@h|NOPASS|\nx@h|x|\n").unwrap();
        assert!(
            matches!(stored_auth(&pl, "u@h").unwrap(), StoredAuth::Password(p) if p.expose() == "pw")
        );
        assert!(matches!(
            stored_auth(&pl, "k@h").unwrap(),
            StoredAuth::Nopass
        ));
        assert!(matches!(
            stored_auth(&pl, "x@h").unwrap(),
            StoredAuth::Missing
        ));
        assert_eq!(
            additional_password(&pl, "u@h").unwrap().unwrap().expose(),
            "en"
        );
        assert!(additional_password(&pl, "k@h").unwrap().is_none());
        // A damaged base64 file is an error naming the file, not "no entry".
        std::fs::write(&pl, "YUBofHB3fA").unwrap();
        let e = stored_auth(&pl, "u@h").err().unwrap().to_string();
        assert!(
            e.contains(".passlist") && e.contains("damaged base64"),
            "{e}"
        );
    }
}
