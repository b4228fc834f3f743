//! Local account lookups (`/etc/passwd`, `/etc/group`) and the effective user id.
//!
//! OSSEC's own accounts (`ossec`, `wazuh`) are always local, so reading the files is enough and
//! avoids calling into NSS.

use std::path::PathBuf;

/// A local user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Login name.
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Home directory.
    pub home: PathBuf,
    /// Login shell.
    pub(crate) shell: String,
}

/// Looks up `name` in `/etc/passwd`.
pub fn lookup_user(name: &str) -> Option<Account> {
    let text = std::fs::read_to_string("/etc/passwd").ok()?;
    text.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() >= 7 && f[0] == name {
            Some(Account {
                name: f[0].to_string(),
                uid: f[2].parse().ok()?,
                gid: f[3].parse().ok()?,
                home: PathBuf::from(f[5]),
                shell: f[6].to_string(),
            })
        } else {
            None
        }
    })
}

/// Looks up the account with user id `uid` in `/etc/passwd`.
pub(crate) fn lookup_uid(uid: u32) -> Option<Account> {
    let text = std::fs::read_to_string("/etc/passwd").ok()?;
    let name = text.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() >= 7 && f[2].parse() == Ok(uid)).then(|| f[0].to_string())
    })?;
    lookup_user(&name)
}

/// Looks up the id of group `name` in `/etc/group`.
pub fn group_id(name: &str) -> Option<u32> {
    let text = std::fs::read_to_string("/etc/group").ok()?;
    text.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() >= 3 && f[0] == name {
            f[2].parse().ok()
        } else {
            None
        }
    })
}

/// The effective user id of this process.
pub fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// True when running as root.
pub fn is_root() -> bool {
    effective_uid() == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_exists() {
        let root = lookup_user("root").expect("root in /etc/passwd");
        assert_eq!(root.uid, 0);
        assert_eq!(group_id("root"), Some(0));
        assert!(lookup_user("no-such-user-xyz").is_none());
    }
}
