//! What a scan finds: one compact [`Record`] per non-directory entry (plus unreadable
//! directories), and the [`Problem`]s that are not records (vanished files, missing roots).

use crate::protocol::{FileRecord, Perm};

/// `stat` fields of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Meta {
    /// Size in bytes (for a symlink: the length of its target).
    pub(crate) size: u64,
    /// The full `st_mode`: file-type and permission bits.
    pub(crate) mode: u32,
    /// Numeric owner.
    pub(crate) uid: u32,
    /// Numeric group.
    pub(crate) gid: u32,
}

impl Meta {
    /// Permission bits only (`0o7777`).
    pub(crate) fn perm(&self) -> u32 {
        self.mode & 0o7777
    }
    /// File-type bits only (`S_IFMT`).
    pub(crate) fn file_type(&self) -> u32 {
        self.mode & 0o170000
    }
}

/// What kind of entry a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A regular file that was read and hashed.
    File {
        /// MD5 of the contents.
        md5: [u8; 16],
        /// SHA-1 of the contents.
        sha1: [u8; 20],
    },
    /// A symbolic link, recorded as a link (not followed).
    Symlink,
    /// A FIFO, socket or device node: recorded, never opened.
    Special,
    /// A file that could not be read, or a directory that could not be listed.
    Unreadable,
}

impl Kind {
    /// A short name for messages and JSON.
    pub(crate) fn name(&self, meta: &Meta) -> &'static str {
        match self {
            Kind::File { .. } => "file",
            Kind::Symlink => "symlink",
            Kind::Special => "special",
            Kind::Unreadable if meta.file_type() == 0o040000 => "unreadable directory",
            Kind::Unreadable => "unreadable",
        }
    }
}

/// One entry found by a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The path, exactly as bytes.
    pub(crate) path: Box<[u8]>,
    /// Its `stat` fields (for symlinks: of the link itself unless following).
    pub(crate) meta: Meta,
    /// What it is, with hashes for regular files.
    pub(crate) kind: Kind,
}

impl Record {
    /// The `FWD:` record for a hashed regular file, rendered as the Linux stock script does.
    pub(crate) fn to_fwd(&self) -> Option<FileRecord> {
        match self.kind {
            Kind::File { md5, sha1 } => Some(FileRecord {
                size: self.meta.size,
                perm: Perm::from_mode(self.meta.mode),
                uid: self.meta.uid,
                gid: self.meta.gid,
                md5,
                sha1,
                path: self.path.to_vec(),
            }),
            _ => None,
        }
    }
}

/// Something found that is not a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The path.
    pub(crate) path: Box<[u8]>,
    /// What happened.
    pub(crate) kind: ProblemKind,
}

/// The kinds of [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// Listed by the walk, gone before it could be examined.
    Vanished,
    /// A path given to scan does not exist.
    Missing,
}

impl ProblemKind {
    /// A short name for messages and JSON.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ProblemKind::Vanished => "vanished",
            ProblemKind::Missing => "missing",
        }
    }
}

/// The complete result of one scan of one target.
#[derive(Debug, Clone, Default)]
pub struct ScanResult {
    /// Records sorted by path bytes (duplicates removed).
    pub records: Vec<Record>,
    /// Vanished files and missing roots.
    pub problems: Vec<Problem>,
}

impl ScanResult {
    /// Sorts records by path and drops duplicates (overlapping paths such as `/etc /etc/hosts`).
    pub(crate) fn normalise(&mut self) {
        self.records.sort_by(|a, b| a.path.cmp(&b.path));
        self.records.dedup_by(|a, b| a.path == b.path);
        self.problems.sort_by(|a, b| a.path.cmp(&b.path));
        self.problems.dedup();
    }

    /// Number of hashed regular files.
    pub(crate) fn files(&self) -> usize {
        self.records
            .iter()
            .filter(|r| matches!(r.kind, Kind::File { .. }))
            .count()
    }

    /// Records that could not be read.
    pub(crate) fn unreadable(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(|r| r.kind == Kind::Unreadable)
    }
}
