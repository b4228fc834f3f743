//! Who may own what the tool opens as root ([`Owners`]) and what can be wrong with a file or
//! directory ([`Hazard`]), with the sentence that repairs it.

use std::fmt;
use std::path::Path;

/// Who may own the directories and files opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owners {
    /// Any owner: for places outside the OSSEC directory (generated files in a checkout). Links
    /// and hard links are still refused as everywhere.
    Any,
    /// Root, the user running the tool, and this further user when given (the agentless user,
    /// who owns `<ossec-dir>/.ssh`).
    Trusted(Option<u32>),
}

impl Owners {
    /// Root, the current user and `agentless` (its uid) when given.
    pub(crate) fn root_or(agentless: Option<u32>) -> Owners {
        Owners::Trusted(agentless)
    }

    /// True when `uid` may own what is opened.
    pub(crate) fn allows(&self, uid: u32) -> bool {
        match self {
            Owners::Any => true,
            Owners::Trusted(extra) => {
                uid == 0 || uid == super::effective_uid() || *extra == Some(uid)
            }
        }
    }

    pub(crate) fn describe(&self) -> String {
        let mut names = vec!["root".to_string()];
        let me = super::effective_uid();
        if me != 0 {
            names.push(user_name(me));
        }
        if let Owners::Trusted(Some(u)) = self
            && *u != 0
            && *u != me
        {
            names.push(user_name(*u));
        }
        names.join(" or ")
    }
}

/// What is wrong with a file or directory the tool refuses to act through.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hazard {
    /// A symbolic link that someone other than root could have planted.
    Symlink,
    /// A regular file with more than one name (a hard link).
    HardLink {
        /// `st_nlink`.
        links: u64,
    },
    /// Not a regular file (a directory, FIFO, device, socket …).
    NotRegular {
        /// What it is.
        kind: &'static str,
    },
    /// Not a directory where one was expected.
    NotDirectory {
        /// What it is.
        kind: &'static str,
    },
    /// Owned by someone not expected.
    Owner {
        /// The owner found.
        uid: u32,
        /// Who may own it, in words (`root or ossec`).
        expected: String,
    },
    /// Writable by group or others.
    Writable {
        /// The permission bits.
        mode: u32,
    },
    /// Too many symbolic links to follow.
    LinkLoop,
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hazard::Symlink => f.write_str(
                "is a symbolic link in a directory that a user other than root can write",
            ),
            Hazard::HardLink { links } => write!(
                f,
                "is a hard link ({links} names for the same file: it may be a file from elsewhere, such as /etc/shadow)"
            ),
            Hazard::NotRegular { kind } => write!(f, "is a {kind}, not a regular file"),
            Hazard::NotDirectory { kind } => write!(f, "is a {kind}, not a directory"),
            Hazard::Owner { uid, expected } => write!(
                f,
                "is owned by {} (uid {uid}); expected {expected}",
                user_name(*uid)
            ),
            Hazard::Writable { mode } => {
                write!(f, "is writable by group or others (mode {mode:04o})")
            }
            Hazard::LinkLoop => f.write_str("leads through too many symbolic links"),
        }
    }
}

impl Hazard {
    /// How to repair it, as a sentence naming `path`.
    pub(crate) fn fix(&self, path: &Path) -> String {
        let p = path.display();
        match self {
            Hazard::Symlink | Hazard::HardLink { .. } | Hazard::LinkLoop => format!(
                "someone may be trying to make root write another file; check it (ls -l {p}), \
                 remove it (rm {p}) and run the command again"
            ),
            Hazard::NotRegular { .. } | Hazard::NotDirectory { .. } => {
                format!("move it out of the way (mv {p} {p}.old) and run the command again")
            }
            Hazard::Owner { expected, .. } => format!(
                "if it is meant to be there, give it to {} (chown {} {p}); otherwise remove it",
                expected.split(" or ").last().unwrap_or("root"),
                expected.split(" or ").last().unwrap_or("root"),
            ),
            Hazard::Writable { .. } => format!("remove the write bits (chmod go-w {p})"),
        }
    }
}

/// The name of user `uid` from `/etc/passwd`, or the number.
pub fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() >= 3 && f[2].parse() == Ok(uid)).then(|| f[0].to_string())
            })
        })
        .unwrap_or_else(|| uid.to_string())
}
