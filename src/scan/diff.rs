//! Compares a baseline with a new scan: added, removed and changed paths, and for a change
//! which fields differ (old → new). Both inputs are sorted by path, so this is one merge pass.

use super::{Kind, Record};
use crate::protocol::hex;

/// A field that can change between scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// What the entry is (file, symlink, special, unreadable).
    Type,
    /// Size in bytes.
    Size,
    /// Permission bits.
    Perm,
    /// Owner.
    Uid,
    /// Group.
    Gid,
    /// MD5 of the contents.
    Md5,
    /// SHA-1 of the contents.
    Sha1,
}

impl Field {
    /// The field's name in output.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::Size => "size",
            Field::Perm => "perm",
            Field::Uid => "uid",
            Field::Gid => "gid",
            Field::Md5 => "md5",
            Field::Sha1 => "sha1",
        }
    }

    /// The value of this field in `r`, as text (`-` when it has none, e.g. a symlink's md5).
    pub(crate) fn value(self, r: &Record) -> String {
        match (self, r.kind) {
            (Field::Type, k) => k.name(&r.meta).to_string(),
            (Field::Size, _) => r.meta.size.to_string(),
            (Field::Perm, _) => format!("{:o}", r.meta.perm()),
            (Field::Uid, _) => r.meta.uid.to_string(),
            (Field::Gid, _) => r.meta.gid.to_string(),
            (Field::Md5, Kind::File { md5, .. }) => hex(&md5),
            (Field::Sha1, Kind::File { sha1, .. }) => hex(&sha1),
            _ => "-".to_string(),
        }
    }
}

/// One changed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// Before.
    pub(crate) old: Record,
    /// After.
    pub(crate) new: Record,
    /// The fields that differ, in the order of [`Field`].
    pub(crate) fields: Vec<Field>,
}

/// The differences between two scans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Diff {
    /// Paths only in the new scan.
    pub(crate) added: Vec<Record>,
    /// Paths only in the baseline.
    pub(crate) removed: Vec<Record>,
    /// Paths in both whose fields differ.
    pub(crate) changed: Vec<Change>,
}

impl Diff {
    /// True when nothing differs.
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The fields that differ between two records of the same path.
pub(crate) fn changed_fields(old: &Record, new: &Record) -> Vec<Field> {
    let mut f = Vec::new();
    if std::mem::discriminant(&old.kind) != std::mem::discriminant(&new.kind)
        || old.meta.file_type() != new.meta.file_type()
    {
        f.push(Field::Type);
    }
    if old.meta.size != new.meta.size {
        f.push(Field::Size);
    }
    if old.meta.perm() != new.meta.perm() {
        f.push(Field::Perm);
    }
    if old.meta.uid != new.meta.uid {
        f.push(Field::Uid);
    }
    if old.meta.gid != new.meta.gid {
        f.push(Field::Gid);
    }
    match (old.kind, new.kind) {
        (Kind::File { md5: a, sha1: b }, Kind::File { md5: c, sha1: d }) => {
            if a != c {
                f.push(Field::Md5);
            }
            if b != d {
                f.push(Field::Sha1);
            }
        }
        (Kind::File { .. }, _) | (_, Kind::File { .. }) => {
            f.push(Field::Md5);
            f.push(Field::Sha1);
        }
        _ => {}
    }
    f
}

/// Compares `old` and `new` (both sorted by path).
pub(crate) fn diff(old: &[Record], new: &[Record]) -> Diff {
    let mut d = Diff::default();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a.path == b.path => {
                let fields = changed_fields(a, b);
                if !fields.is_empty() {
                    d.changed.push(Change {
                        old: a.clone(),
                        new: b.clone(),
                        fields,
                    });
                }
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.path < b.path => {
                d.removed.push(a.clone());
                i += 1;
            }
            (Some(_), Some(b)) => {
                d.added.push(b.clone());
                j += 1;
            }
            (Some(a), None) => {
                d.removed.push(a.clone());
                i += 1;
            }
            (None, Some(b)) => {
                d.added.push(b.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::Meta;

    fn file(p: &str, size: u64, md5: u8) -> Record {
        Record {
            path: p.as_bytes().into(),
            meta: Meta {
                size,
                mode: 0o100644,
                uid: 0,
                gid: 0,
            },
            kind: Kind::File {
                md5: [md5; 16],
                sha1: [md5; 20],
            },
        }
    }

    #[test]
    fn added_removed_changed() {
        let old = vec![file("/a", 1, 1), file("/b", 1, 1), file("/c", 1, 1)];
        let new = vec![file("/a", 1, 1), file("/b", 2, 2), file("/d", 1, 1)];
        let d = diff(&old, &new);
        assert_eq!(d.added.len(), 1);
        assert_eq!(&*d.added[0].path, b"/d");
        assert_eq!(&*d.removed[0].path, b"/c");
        assert_eq!(d.changed[0].fields, [Field::Size, Field::Md5, Field::Sha1]);
        assert!(diff(&new, &new).is_empty());
    }
}
