//! `.passlist` on disk: locking, owner and mode, atomic commit.

use super::{Form, Passlist, PasslistError, mask};
use crate::fsutil::{self, EditSession, Owners, Ownership, WriteOptions};
use crate::layout::Flavour;
use crate::secret::wipe;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Owner, group and mode a credential file should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Security {
    /// Permission bits.
    pub(crate) mode: u32,
    /// Owner to set (`None`: leave as is).
    pub(crate) uid: Option<u32>,
    /// Group to set (`None`: leave as is).
    pub(crate) gid: Option<u32>,
}

impl Security {
    /// What `.passlist` should be on this install: 0640 root:`ossec` (`wazuh` on Wazuh) when
    /// running as root and that group exists, 0600 root:root as root without the group, and
    /// 0600 for the current user otherwise.
    ///
    /// Wazuh before 4.3 still used the `ossec` group, so on Wazuh `ossec` is tried when `wazuh`
    /// does not exist.
    pub fn for_passlist(flavour: Flavour) -> Security {
        let group = [flavour.agentless_user(), "ossec"]
            .into_iter()
            .find(|g| fsutil::group_id(g).is_some())
            .unwrap_or(flavour.agentless_user());
        Security::resolve(group, fsutil::is_root(), fsutil::group_id)
    }

    /// `Security::for_passlist` with the group name, privilege and group lookup given (tests
    /// use an existing group instead of creating `ossec`).
    pub fn resolve(group: &str, root: bool, group_id: impl Fn(&str) -> Option<u32>) -> Security {
        if root {
            match group_id(group) {
                Some(gid) => Security {
                    mode: 0o640,
                    uid: Some(0),
                    gid: Some(gid),
                },
                None => Security {
                    mode: 0o600,
                    uid: Some(0),
                    gid: Some(0),
                },
            }
        } else {
            // SAFETY: getegid has no preconditions and cannot fail.
            let egid = unsafe { libc::getegid() };
            Security {
                mode: 0o600,
                uid: Some(fsutil::effective_uid()),
                gid: Some(egid),
            }
        }
    }

    /// True when `mode` grants anything this policy does not.
    pub(crate) fn is_looser(&self, mode: u32) -> bool {
        mode & 0o7777 & !self.mode != 0
    }

    fn matches(&self, meta: &fsutil::Stat) -> bool {
        meta.mode == self.mode
            && self.uid.is_none_or(|u| u == meta.uid)
            && self.gid.is_none_or(|g| g == meta.gid)
    }

    /// Write options applying this policy.
    pub(crate) fn write_options(&self) -> WriteOptions {
        WriteOptions {
            mode: Some(self.mode),
            new_file_mode: Some(self.mode),
            ownership: Ownership::Set {
                uid: self.uid,
                gid: self.gid,
            },
            backup: None,
            owners: Owners::Any,
        }
    }
}

/// What `register-host list` and `doctor` report about the file as a whole (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Inspection {
    /// The file.
    pub(crate) path: PathBuf,
    /// False when there is no file (no entries, no problems).
    pub(crate) exists: bool,
    /// The form found (or, for an empty file, the install's).
    pub(crate) form: Option<Form>,
    /// The form the install's scripts read (`None` when the flavour is unknown).
    pub(crate) expected_form: Option<Form>,
    /// Permission bits of the file.
    pub(crate) mode: Option<u32>,
    /// The mode our writes give it.
    pub(crate) wanted_mode: u32,
    /// True when `mode` grants more than `wanted_mode`.
    pub(crate) too_loose: bool,
    /// The entries.
    pub(crate) entries: Vec<super::EntryInfo>,
    /// Lines the stock scripts skip or misread.
    pub(crate) problems: Vec<super::Problem>,
}

impl Inspection {
    /// True when the file is in the other install's form (the scripts cannot read it at all).
    pub(crate) fn form_mismatch(&self) -> bool {
        matches!((self.form, self.expected_form), (Some(f), Some(e)) if f != e)
    }

    /// One sentence about a form mismatch, if there is one.
    pub(crate) fn form_warning(&self) -> Option<String> {
        if !self.form_mismatch() {
            return None;
        }
        Some(match self.form {
            Some(Form::Plaintext) => format!(
                "{} is plaintext, but Wazuh's scripts read it through `base64 -d`, so no host \
                 will be found; convert it with `base64 < .passlist > .passlist.new` and move the \
                 result into place",
                self.path.display()
            ),
            _ => format!(
                "{} is base64 (Wazuh's form), but OSSEC's scripts read plaintext, so no host \
                 will be found; convert it with `base64 -d`",
                self.path.display()
            ),
        })
    }
}

/// Inspects `path` for an install of `flavour`: form, mode, entries and problems.
pub(crate) fn inspect(path: &Path, flavour: Flavour) -> Result<Inspection, PasslistError> {
    let security = Security::for_passlist(flavour);
    let expected_form = match flavour {
        Flavour::Unknown => None,
        f => Some(Form::for_flavour(f)),
    };
    let meta = match fsutil::SafeDir::open_parent(path, Owners::Any) {
        Ok((dir, name)) => dir.open_file(&name)?.map(|f| f.stat()),
        Err(e) if e.is_not_found() => None,
        Err(e) => return Err(e.into()),
    };
    let mut out = Inspection {
        path: path.to_path_buf(),
        exists: meta.is_some(),
        form: None,
        expected_form,
        mode: meta.as_ref().map(|m| m.mode),
        wanted_mode: security.mode,
        too_loose: meta.as_ref().is_some_and(|m| security.is_looser(m.mode)),
        entries: Vec::new(),
        problems: Vec::new(),
    };
    if out.exists {
        let form = Form::for_flavour(flavour);
        let pl = Passlist::read(path, form)?.unwrap_or_else(|| Passlist::new(form));
        out.form = Some(pl.form());
        out.entries = pl.entries();
        out.problems = pl.problems();
    }
    Ok(out)
}

/// The result of [`PasslistEditor::commit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commit {
    /// True when the file was (re)written.
    pub(crate) written: bool,
    /// The previous mode when it was looser than the policy and has been tightened.
    pub tightened_from: Option<u32>,
}

/// A locked `.passlist` being edited. The lock (`.passlist.lock`) is held until the editor is
/// dropped, so load → change → commit cannot lose another process's update.
#[derive(Debug)]
pub struct PasslistEditor {
    path: PathBuf,
    session: EditSession,
    original_raw: Option<Vec<u8>>,
    original: Passlist,
    /// The list being edited.
    pub passlist: Passlist,
}

impl Drop for PasslistEditor {
    fn drop(&mut self) {
        if let Some(raw) = &mut self.original_raw {
            wipe(raw);
        }
    }
}

impl PasslistEditor {
    /// Locks and loads `path` (link-safely, in one `EditSession`); a missing or empty file
    /// starts empty in `new_form`.
    pub fn open(path: &Path, new_form: Form) -> Result<PasslistEditor, PasslistError> {
        Self::load(EditSession::open(path, Owners::Any)?, new_form)
    }

    /// Loads `path` without locking, for a dry run that must not create the lock file.
    pub(crate) fn open_unlocked(
        path: &Path,
        new_form: Form,
    ) -> Result<PasslistEditor, PasslistError> {
        Self::load(EditSession::open_unlocked(path, Owners::Any)?, new_form)
    }

    fn load(mut session: EditSession, new_form: Form) -> Result<PasslistEditor, PasslistError> {
        let path = session.path().to_path_buf();
        let raw = session.take_original();
        let original = match raw
            .as_deref()
            .map(|r| Passlist::from_file(&path, r, new_form))
        {
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                if let Some(mut r) = raw {
                    wipe(&mut r);
                }
                return Err(e);
            }
            None => Passlist::new(new_form),
        };
        Ok(PasslistEditor {
            path,
            session,
            original_raw: raw,
            passlist: original.clone(),
            original,
        })
    }

    /// True when the file exists.
    pub(crate) fn exists(&self) -> bool {
        self.original_raw.is_some()
    }

    /// True when the edited list differs from the file.
    pub(crate) fn changed(&self) -> bool {
        self.original_raw.as_deref() != Some(&self.passlist.to_bytes()[..])
            && !(self.original_raw.is_none() && self.passlist.line_count() == 0)
    }

    /// A unified diff of the decoded lines with every secret masked (for `--dry-run`).
    pub(crate) fn masked_diff(&self) -> String {
        let label = self.path.display().to_string();
        let label = label.trim_start_matches('/');
        mask::masked_diff(label, self.original.raw_lines(), self.passlist.raw_lines())
    }

    /// Writes the list atomically with `security` when it changed, or when the existing owner or
    /// mode differ from `security` (every write tightens a loose mode).
    pub fn commit(self, security: &Security) -> Result<Commit, PasslistError> {
        let meta = self.session.stat();
        let tightened_from = meta
            .as_ref()
            .map(|m| m.mode)
            .filter(|&m| security.is_looser(m));
        let needs = self.changed() || meta.as_ref().is_some_and(|m| !security.matches(m));
        if !needs {
            return Ok(Commit {
                written: false,
                tightened_from: None,
            });
        }
        let mut bytes = self.passlist.to_bytes();
        let result = self.session.commit(&bytes, &security.write_options());
        wipe(&mut bytes);
        result?;
        Ok(Commit {
            written: true,
            tightened_from,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passlist::{Entry, Password, Secret};
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn resolve_policies() {
        let s = Security::resolve("ossec", true, |g| (g == "ossec").then_some(123));
        assert_eq!((s.mode, s.uid, s.gid), (0o640, Some(0), Some(123)));
        let s = Security::resolve("ossec", true, |_| None);
        assert_eq!((s.mode, s.uid, s.gid), (0o600, Some(0), Some(0)));
        let s = Security::resolve("ossec", false, |_| Some(1));
        assert_eq!(s.mode, 0o600);
        assert!(s.is_looser(0o644));
        assert!(!s.is_looser(0o400));
    }

    #[test]
    fn commit_tightens_and_writes_only_when_needed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".passlist");
        std::fs::write(&path, "a@h|p|\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o744)).unwrap();
        let sec = Security::resolve("no-such-group-xyz", fsutil::is_root(), fsutil::group_id);
        let mut ed = PasslistEditor::open(&path, Form::Plaintext).unwrap();
        let e = Entry::new("b@h", Password::Nopass, Secret::default()).unwrap();
        ed.passlist.add(&e, false, &path).unwrap();
        assert!(ed.masked_diff().contains("+b@h|NOPASS|"));
        let c = ed.commit(&sec).unwrap();
        assert_eq!(c.tightened_from, Some(0o744));
        assert_eq!(std::fs::read(&path).unwrap(), b"a@h|p|\nb@h|NOPASS|\n");
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.mode() & 0o7777, 0o600);
        let ed = PasslistEditor::open(&path, Form::Plaintext).unwrap();
        assert!(!ed.commit(&sec).unwrap().written);
    }
}
