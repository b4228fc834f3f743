//! `doctor`: independent checks of an agentless setup, each able to say what is wrong, how to
//! fix it, and (for some) to repair it.
//!
//! A check is a [`Check`]: `run` returns a [`CheckResult`] and never changes anything; `repair`
//! (optional) fixes exactly what `run` reported and describes each change. Checks do not depend
//! on each other's results, so more can be added to [`standard_checks`] without touching the
//! others. Nothing here prints.

use crate::fsutil::perms;

mod account;
mod config;
mod config_scripts;
mod enabled;
mod expect;
mod install;
mod passlist;
mod scripts;
mod ssh;

use crate::fsutil::{Account, FsError, group_id, lookup_user, user_name};
use crate::layout::{Install, Layout};
use serde::Serialize;
use std::path::PathBuf;

pub(crate) use account::AccountCheck;
pub(crate) use config::{ConfigValidCheck, HostsKnownCheck, HostsPasslistCheck};
pub(crate) use config_scripts::ConfiguredScriptsCheck;
pub(crate) use enabled::{AgentlessEnabled, ProcessList};
pub(crate) use expect::ExpectCheck;
pub(crate) use install::InstallCheck;
pub(crate) use passlist::{PasslistFormCheck, PasslistLinesCheck, PasslistModeCheck};
pub(crate) use scripts::ScriptsCheck;
pub(crate) use ssh::{SshDirCheck, SshFilesCheck};

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    /// Nothing wrong.
    Ok,
    /// Something needs attention (see `fix`).
    Problem,
    /// Could not be checked because something it needs is missing (see `detail`).
    Skipped,
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CheckResult {
    /// The check's name, e.g. `agentless enabled`.
    pub(crate) name: String,
    /// The outcome.
    pub(crate) status: Status,
    /// What was found, in plain words.
    pub(crate) detail: String,
    /// What to do about a problem.
    pub(crate) fix: Option<String>,
    /// True when `doctor --fix` can repair this problem.
    pub(crate) repairable: bool,
}

impl CheckResult {
    /// A passing result.
    pub(crate) fn ok(name: &str, detail: impl Into<String>) -> CheckResult {
        CheckResult {
            name: name.to_string(),
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
            repairable: false,
        }
    }

    /// A problem with the fix to apply by hand.
    pub(crate) fn problem(
        name: &str,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> CheckResult {
        CheckResult {
            name: name.to_string(),
            status: Status::Problem,
            detail: detail.into(),
            fix: Some(fix.into()),
            repairable: false,
        }
    }

    /// Marks a problem as one that `repair` can fix.
    #[must_use]
    pub(crate) fn repairable(mut self) -> CheckResult {
        self.repairable = self.status == Status::Problem;
        self
    }

    /// A check that could not run.
    pub(crate) fn skipped(name: &str, detail: impl Into<String>) -> CheckResult {
        CheckResult {
            name: name.to_string(),
            status: Status::Skipped,
            detail: detail.into(),
            fix: None,
            repairable: false,
        }
    }
}

/// Why a repair failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DoctorError {
    /// A file could not be read, written or locked.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// Owner or mode of a path could not be changed, or a directory not created.
    #[error("cannot change {}", path.display())]
    Change {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The repair needs something that is missing (e.g. the agentless user).
    #[error("{0}")]
    Unavailable(String),
}

/// What the checks look at: the layout, the detected product and the agentless account.
#[derive(Debug, Clone)]
pub(crate) struct DoctorEnv {
    /// Paths.
    pub(crate) layout: Layout,
    /// Flavour and version.
    pub(crate) install: Install,
    /// The agentless user's name (`ossec`, `wazuh`, or `--user`).
    pub(crate) user: String,
    /// The agentless group's name.
    pub(crate) group: String,
    /// The user's account, if it exists.
    pub(crate) account: Option<Account>,
    /// The group's id, if it exists.
    pub(crate) gid: Option<u32>,
}

impl DoctorEnv {
    /// Detects the product; `user` overrides the flavour's agentless user (its group is the
    /// group of the same name, or else the user's primary group).
    pub(crate) fn new(layout: &Layout, user: Option<&str>) -> DoctorEnv {
        let install = layout.detect();
        let name = user.unwrap_or(install.flavour.agentless_user()).to_string();
        let account = lookup_user(&name);
        let (group, gid) = match group_id(&name) {
            Some(g) => (name.clone(), Some(g)),
            None if user.is_some() => match &account {
                Some(a) => (
                    group_name(a.gid).unwrap_or_else(|| a.gid.to_string()),
                    Some(a.gid),
                ),
                None => (name.clone(), None),
            },
            None => (name.clone(), None),
        };
        DoctorEnv {
            layout: layout.clone(),
            install,
            user: name,
            group,
            account,
            gid,
        }
    }

    /// The agentless account as the kernel checks it, when user and group exist.
    pub(crate) fn who(&self) -> Option<perms::Who> {
        Some(perms::Who {
            uid: self.account.as_ref()?.uid,
            gid: self.gid?,
        })
    }

    /// Why checks about the account cannot run, if they cannot.
    pub(crate) fn missing_account(&self) -> Option<String> {
        if self.account.is_none() {
            Some(format!("the user '{}' does not exist", self.user))
        } else if self.gid.is_none() {
            Some(format!("the group '{}' does not exist", self.group))
        } else {
            None
        }
    }
}

fn group_name(gid: u32) -> Option<String> {
    let text = std::fs::read_to_string("/etc/group").ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 3 && f[2].parse() == Ok(gid)).then(|| f[0].to_string())
    })
}

/// One independent check.
pub(crate) trait Check {
    /// The name shown in the table.
    fn name(&self) -> &'static str;
    /// Looks, changes nothing.
    fn run(&self, env: &DoctorEnv) -> CheckResult;
    /// Repairs what `run` reported as repairable, or with `dry_run` only describes it.
    /// Returns one line per change. The default: nothing to repair.
    fn repair(&self, _env: &DoctorEnv, _dry_run: bool) -> Result<Vec<String>, DoctorError> {
        Ok(Vec::new())
    }
}

/// Every check, in the order of the table: file-system checks, then `.passlist`, then the
/// checks that read ossec.conf.
pub(crate) fn standard_checks() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(InstallCheck),
        Box::new(AgentlessEnabled),
        Box::new(ExpectCheck),
        Box::new(AccountCheck),
        Box::new(SshDirCheck),
        Box::new(SshFilesCheck),
        Box::new(ScriptsCheck),
        Box::new(PasslistFormCheck),
        Box::new(PasslistModeCheck),
        Box::new(PasslistLinesCheck),
        Box::new(ConfigValidCheck),
        Box::new(HostsPasslistCheck),
        Box::new(HostsKnownCheck),
        Box::new(ConfiguredScriptsCheck),
    ]
}

/// Sets owner, group and mode of `path` without following a symlink; returns a description
/// of what changed (empty when nothing needed changing).
pub(crate) fn set_owner_mode(
    path: &std::path::Path,
    uid: Option<u32>,
    gid: Option<u32>,
    mode: u32,
    dry_run: bool,
) -> Result<Vec<String>, DoctorError> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let cerr = |source| DoctorError::Change {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::symlink_metadata(path).map_err(cerr)?;
    if meta.file_type().is_symlink() {
        return Err(DoctorError::Unavailable(format!(
            "{} is a symbolic link; not changing it",
            path.display()
        )));
    }
    let mut changes = Vec::new();
    let uid = uid.filter(|&u| u != meta.uid());
    let gid = gid.filter(|&g| g != meta.gid());
    if uid.is_some() || gid.is_some() {
        let who = match (uid, gid) {
            (Some(u), Some(g)) => format!(
                "{}:{}",
                user_name(u),
                group_name(g).unwrap_or(g.to_string())
            ),
            (Some(u), None) => user_name(u),
            (None, Some(g)) => format!(":{}", group_name(g).unwrap_or(g.to_string())),
            (None, None) => String::new(),
        };
        changes.push(format!("chown {who} {}", path.display()));
    }
    if meta.mode() & 0o7777 != mode {
        changes.push(format!("chmod {} {}", perms::octal(mode), path.display()));
    }
    if dry_run || changes.is_empty() {
        return Ok(changes);
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(cerr)?;
    // Checked through the descriptor: never chown a second name of a file from elsewhere.
    let now = file.metadata().map_err(cerr)?;
    if now.is_file() && now.nlink() != 1 {
        return Err(FsError::Unsafe {
            path: path.to_path_buf(),
            hazard: crate::fsutil::Hazard::HardLink { links: now.nlink() },
        }
        .into());
    }
    std::os::unix::fs::fchown(&file, uid, gid).map_err(cerr)?;
    // chmod after chown: chown clears set-id bits.
    file.set_permissions(std::fs::Permissions::from_mode(mode))
        .map_err(cerr)?;
    Ok(changes)
}
