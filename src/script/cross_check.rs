//! The cross-check of integrity scripts: the files a direct scan of the same paths finds on
//! the host, compared with the `FWD:` records the script delivered to the daemon.
//!
//! The stock `ssh_integrity_check_*` scripts walk the paths with an unquoted
//! `for i in $(find …)` typed into the remote login shell: a name with white space or glob
//! characters is split or expanded, an unreadable file is skipped without a word, and a record
//! printed after a terminal control sequence or `\r` never reaches the daemon. None of this
//! shows in the output, so [`compare`] lists every regular file the script did not report,
//! with the reason where it can be told. The scan itself is run by the caller (it needs the
//! host's credentials); this module only compares.

use super::transcript::LostLine;
use crate::protocol::FileRecord;
use crate::scan::report::json_path;
use crate::scan::{Kind, ProblemKind, ScanResult};
use serde::{Serialize, Serializer};
use std::collections::HashMap;

/// True for the scripts the cross-check applies to (`ssh_integrity_check_*`: the stock Linux
/// and BSD scripts, and wrappers installed under such a name).
pub(crate) fn applies(script_type: &str) -> bool {
    script_type.starts_with("ssh_integrity_check_")
}

/// Why the script did not report a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Reason {
    /// The remote login shell rejected the command line: no file was checked.
    ShellRejected,
    /// The name holds a space, tab or line break: `for i in $(find …)` splits it.
    WhiteSpace,
    /// The name holds `*`, `?` or `[`: the remote shell expands it as a pattern.
    GlobCharacters,
    /// The file's `FWD:` line was hidden behind a control sequence or `\r`, or cut.
    LostLine,
    /// The remote user cannot read the file.
    Unreadable,
    /// The remote user cannot list the directory: nothing inside it is checked.
    UnreadableDirectory,
    /// Not known (run with `--raw` to look at the output).
    Unknown,
}

impl Reason {
    /// The reason in plain words.
    pub(crate) fn text(self) -> &'static str {
        match self {
            Reason::ShellRejected => "the remote login shell rejected the script's command line",
            Reason::WhiteSpace => "white space in the name: the script's word splitting drops it",
            Reason::GlobCharacters => {
                "pattern characters (* ? [) in the name: the remote shell expands them"
            }
            Reason::LostLine => {
                "its FWD: line came after a control sequence or \\r and the daemon cut it"
            }
            Reason::Unreadable => "unreadable for the remote user",
            Reason::UnreadableDirectory => {
                "a directory the remote user cannot list: nothing inside it is checked"
            }
            Reason::Unknown => "reason not known (look at the output with --raw)",
        }
    }
}

/// A file on the host that the daemon would not get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreported {
    /// The path, as bytes.
    pub(crate) path: Vec<u8>,
    /// Why.
    pub(crate) reason: Reason,
}

/// A file the script reported with other values than the scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch {
    /// The path.
    pub(crate) path: Vec<u8>,
    /// `size:perm:uid:gid:md5:sha1` as the script reported it.
    pub(crate) reported: String,
    /// The same fields as the scan found them.
    pub(crate) found: String,
}

/// JSON as `scan --json` writes paths: `path` (invalid bytes as `\xNN`, plus `path_base64`
/// with the exact bytes when the name is not UTF-8), then the other fields.
fn path_object<S: Serializer>(
    path: &[u8],
    fields: &[(&str, serde_json::Value)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut o = serde_json::Map::new();
    json_path(&mut o, path);
    for (k, v) in fields {
        o.insert((*k).to_string(), v.clone());
    }
    o.serialize(s)
}

impl Serialize for Unreported {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let reason = serde_json::to_value(self.reason).map_err(serde::ser::Error::custom)?;
        path_object(&self.path, &[("reason", reason)], s)
    }
}

impl Serialize for Mismatch {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        path_object(
            &self.path,
            &[
                ("reported", self.reported.clone().into()),
                ("found", self.found.clone().into()),
            ],
            s,
        )
    }
}

/// A path given to scan that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Missing(pub(crate) Vec<u8>);

impl Serialize for Missing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        path_object(&self.0, &[], s)
    }
}

/// The result of a cross-check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct CrossCheck {
    /// Regular files the scan found (readable or not).
    pub(crate) files: usize,
    /// Of those, files the script reported.
    pub(crate) reported: usize,
    /// Files (and unlistable directories) the daemon would not get.
    pub(crate) unreported: Vec<Unreported>,
    /// Files reported with other values than found.
    pub(crate) mismatched: Vec<Mismatch>,
    /// Paths given to scan that do not exist on the host.
    pub(crate) missing: Vec<Missing>,
}

impl CrossCheck {
    /// How many unreported files there are for each reason, in a fixed order.
    pub(crate) fn reasons(&self) -> Vec<(Reason, usize)> {
        let mut counts: HashMap<Reason, usize> = HashMap::new();
        for u in &self.unreported {
            *counts.entry(u.reason).or_default() += 1;
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort();
        v
    }
}

/// What the run showed, beyond its records, that tells why files are missing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunFacts {
    /// The script ran as root through `use_su` while the scan ran as the login user, so files
    /// the scan could not read say nothing about the script.
    pub(crate) su_run: bool,
    /// The remote login shell rejected the script's command line.
    pub(crate) shell_rejected: bool,
}

/// Compares what a script delivered (`reported`, and the `lost` lines the daemon cut) with a
/// scan of the same paths.
pub(crate) fn compare(
    reported: &[FileRecord],
    lost: &[LostLine],
    scan: &ScanResult,
    facts: RunFacts,
) -> CrossCheck {
    let reason = |path: &[u8]| {
        if facts.shell_rejected {
            Reason::ShellRejected
        } else {
            reason(path, lost)
        }
    };
    let by_path: HashMap<&[u8], &FileRecord> =
        reported.iter().map(|r| (r.path.as_slice(), r)).collect();
    let mut cc = CrossCheck::default();
    for rec in &scan.records {
        let regular = rec.meta.file_type() == 0o100000;
        match rec.kind {
            Kind::File { .. } => {
                cc.files += 1;
                match by_path.get(&rec.path[..]) {
                    Some(r) => {
                        cc.reported += 1;
                        let found = rec.to_fwd().expect("a hashed file has a record");
                        if !same(r, &found) {
                            cc.mismatched.push(Mismatch {
                                path: rec.path.to_vec(),
                                reported: r.checksum(),
                                found: found.checksum(),
                            });
                        }
                    }
                    None => cc.unreported.push(Unreported {
                        path: rec.path.to_vec(),
                        reason: reason(&rec.path),
                    }),
                }
            }
            Kind::Unreadable if facts.su_run => {}
            Kind::Unreadable if regular => {
                cc.files += 1;
                let why = match reason(&rec.path) {
                    Reason::Unknown => Reason::Unreadable,
                    r => r,
                };
                cc.unreported.push(Unreported {
                    path: rec.path.to_vec(),
                    reason: why,
                });
            }
            Kind::Unreadable if rec.meta.file_type() == 0o040000 => {
                cc.unreported.push(Unreported {
                    path: rec.path.to_vec(),
                    reason: Reason::UnreadableDirectory,
                });
            }
            // Links, devices, FIFOs: the stock scripts report links through their target and
            // skip the rest; neither is a regular file the daemon should have.
            _ => {}
        }
    }
    cc.missing = scan
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Missing)
        .map(|p| Missing(p.path.to_vec()))
        .collect();
    cc
}

/// The same values, comparing the permission bits (a BSD script sends the whole `st_mode`).
fn same(a: &FileRecord, b: &FileRecord) -> bool {
    a.size == b.size
        && a.perm.mode() == b.perm.mode()
        && a.uid == b.uid
        && a.gid == b.gid
        && a.md5 == b.md5
        && a.sha1 == b.sha1
}

fn reason(path: &[u8], lost: &[LostLine]) -> Reason {
    if path.iter().any(|b| matches!(b, b' ' | b'\t' | b'\n')) {
        Reason::WhiteSpace
    } else if path.iter().any(|b| matches!(b, b'*' | b'?' | b'[')) {
        Reason::GlobCharacters
    } else if lost.iter().any(|l| l.full.ends_with(path)) {
        Reason::LostLine
    } else {
        Reason::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{Meta, Problem, Record};
    use crate::script::transcript::LineLoss;

    fn file(path: &str, md5: u8) -> Record {
        Record {
            path: path.as_bytes().into(),
            meta: Meta {
                size: 2,
                mode: 0o100644,
                uid: 0,
                gid: 0,
            },
            kind: Kind::File {
                md5: [md5; 16],
                sha1: [1; 20],
            },
        }
    }

    #[test]
    fn lists_every_unreported_file_with_its_reason() {
        let scan = ScanResult {
            records: vec![
                file("/t/a file", 1),
                file("/t/b", 1),
                file("/t/c", 1),
                file("/t/d", 1),
                file("/t/g*", 1),
                file("/t/same", 1),
                Record {
                    path: b"/t/secret"[..].into(),
                    meta: Meta {
                        mode: 0o100600,
                        ..Meta::default()
                    },
                    kind: Kind::Unreadable,
                },
            ],
            problems: vec![Problem {
                path: b"/t/nope"[..].into(),
                kind: ProblemKind::Missing,
            }],
        };
        let reported: Vec<FileRecord> = ["/t/same", "/t/d"]
            .iter()
            .map(|p| file(p, if *p == "/t/d" { 9 } else { 1 }).to_fwd().unwrap())
            .collect();
        let lost = [LostLine {
            full: b"\x1b[?2004l\rFWD: 2:644:0:0:aa:bb /t/b".to_vec(),
            seen: b"\x1b[?2004l".to_vec(),
            how: LineLoss::HiddenPrefix,
        }];
        let cc = compare(&reported, &lost, &scan, RunFacts::default());
        assert_eq!(cc.files, 7);
        assert_eq!(cc.reported, 2);
        let got: Vec<(&[u8], Reason)> = cc
            .unreported
            .iter()
            .map(|u| (&u.path[..], u.reason))
            .collect();
        assert_eq!(
            got,
            [
                (&b"/t/a file"[..], Reason::WhiteSpace),
                (b"/t/b", Reason::LostLine),
                (b"/t/c", Reason::Unknown),
                (b"/t/g*", Reason::GlobCharacters),
                (b"/t/secret", Reason::Unreadable),
            ]
        );
        assert_eq!(cc.mismatched.len(), 1);
        assert_eq!(cc.mismatched[0].path, b"/t/d");
        assert_eq!(cc.missing, [Missing(b"/t/nope".to_vec())]);
        let json = serde_json::to_value(&cc).unwrap();
        assert_eq!(json["unreported"][0]["path"], "/t/a file");
        assert_eq!(json["unreported"][0]["reason"], "white_space");
        assert_eq!(json["missing"][0]["path"], "/t/nope");
        // With use_su the script read as root: unreadable for the login user says nothing.
        let su = RunFacts {
            su_run: true,
            ..RunFacts::default()
        };
        assert_eq!(compare(&reported, &lost, &scan, su).files, 6);
        // A rejected command line explains every missing file.
        let rejected = RunFacts {
            shell_rejected: true,
            ..RunFacts::default()
        };
        let cc = compare(&reported, &lost, &scan, rejected);
        assert!(
            cc.unreported
                .iter()
                .all(|u| u.reason == Reason::ShellRejected)
        );
    }

    #[test]
    fn applies_to_integrity_checks_only() {
        assert!(applies("ssh_integrity_check_linux"));
        assert!(applies("ssh_integrity_check_bsd"));
        assert!(!applies("ssh_generic_diff"));
    }
}
