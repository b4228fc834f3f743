//! The stored result of the last complete scan of one target and path set.
//!
//! One file per (target, sorted paths) under `<state dir>/ossec-agentless/baselines/`, named
//! `<target>_<16 hex digits of SHA-1 over target and paths>.baseline` (the target part keeps
//! only `[A-Za-z0-9._@-]`). Format, one item per line, paths escaped (`\\`, and `\xNN` for
//! bytes below 0x21 except space, 0x7f and above):
//!
//! ```text
//! # ossec-agentless baseline 1
//! target local
//! root /etc
//! F <size> <mode octal> <uid> <gid> <md5> <sha1> <path>
//! L|S|U <size> <mode octal> <uid> <gid> <path>
//! end <records>
//! ```
//!
//! `F` hashed file, `L` symlink, `S` FIFO/socket/device, `U` unreadable. Records are sorted by
//! path bytes. The file is replaced atomically, so a reader sees the old or the new one, never
//! a mix; the `end` line catches truncation.

use super::{Kind, Meta, Record, ScanError};
use crate::fsutil::{
    Owners, WriteOptions, atomic_write, ensure_state_dir, state_base, state_file_name,
    state_file_trusted,
};
use crate::protocol::{hex, parse_hex};
use sha1::{Digest, Sha1};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const MAGIC: &str = "# ossec-agentless baseline 1";

/// Where baselines live.
#[derive(Debug, Clone)]
pub(crate) struct BaselineStore {
    dir: PathBuf,
    key_prefix: String,
}

impl BaselineStore {
    /// `--state-dir DIR` when given, else the user's state directory (data directory as a
    /// fallback) + `ossec-agentless/baselines`.
    pub(crate) fn new(state_dir: Option<PathBuf>) -> Result<BaselineStore, ScanError> {
        let base = state_base(state_dir).ok_or_else(|| ScanError::Baseline {
            path: PathBuf::from("~"),
            reason: "no state or data directory; use --state-dir".into(),
        })?;
        Ok(BaselineStore {
            dir: base.join("baselines"),
            key_prefix: String::new(),
        })
    }

    /// The store of `scan --agentless` for one agentless `<type>`: under `state_dir` (the
    /// OSSEC directory's [`agentless_state_dir`](crate::layout::Layout::agentless_state_dir)),
    /// one baseline per (type, host, paths).
    pub(crate) fn for_agentless_type(state_dir: &Path, kind: &str) -> BaselineStore {
        BaselineStore {
            dir: state_dir.join("baselines"),
            key_prefix: format!("({kind}) "),
        }
    }

    /// The directory holding the baseline files.
    #[cfg(test)]
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the directory (mode 0700) if needed, then checks it and the state directory
    /// holding it with `fsutil::ensure_state_dir`: owned by root or us, not writable by group or others
    /// (whoever else could write them could swap a baseline and hide a change).
    pub(crate) fn ensure_dir(&self) -> Result<(), ScanError> {
        Ok(ensure_state_dir(&self.dir)?)
    }

    /// The baseline file for `target` and `roots` (order of `roots` does not matter).
    pub(crate) fn path_for(&self, target: &str, roots: &[Vec<u8>]) -> PathBuf {
        let target = format!("{}{target}", self.key_prefix);
        let target = target.as_str();
        let mut sorted: Vec<&Vec<u8>> = roots.iter().collect();
        sorted.sort();
        sorted.dedup();
        let mut h = Sha1::new();
        h.update(target.as_bytes());
        for r in sorted {
            h.update([0u8]);
            h.update(r);
        }
        self.dir.join(state_file_name(
            target,
            &hex(&h.finalize()[..8]),
            "baseline",
        ))
    }
}

/// Escapes a path for the baseline file.
pub(crate) fn escape(p: &[u8]) -> String {
    let mut s = String::with_capacity(p.len());
    for &b in p {
        match b {
            b'\\' => s.push_str("\\\\"),
            b' ' => s.push(' '),
            0x21..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s
}

fn unescape(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            match b.get(i + 1)? {
                b'\\' => {
                    out.push(b'\\');
                    i += 2;
                }
                b'x' => {
                    let h = s.get(i + 2..i + 4)?;
                    out.push(u8::from_str_radix(h, 16).ok()?);
                    i += 4;
                }
                _ => return None,
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Renders a baseline.
pub(crate) fn encode(target: &str, roots: &[Vec<u8>], records: &[Record]) -> Vec<u8> {
    let mut s = String::with_capacity(records.len() * 120 + 128);
    s.push_str(MAGIC);
    s.push('\n');
    let _ = writeln!(s, "target {}", escape(target.as_bytes()));
    for r in roots {
        let _ = writeln!(s, "root {}", escape(r));
    }
    for r in records {
        let m = &r.meta;
        let tag = match r.kind {
            Kind::File { md5, sha1 } => {
                let _ = writeln!(
                    s,
                    "F {} {:o} {} {} {} {} {}",
                    m.size,
                    m.mode,
                    m.uid,
                    m.gid,
                    hex(&md5),
                    hex(&sha1),
                    escape(&r.path)
                );
                continue;
            }
            Kind::Symlink => 'L',
            Kind::Special => 'S',
            Kind::Unreadable => 'U',
        };
        let _ = writeln!(
            s,
            "{tag} {} {:o} {} {} {}",
            m.size,
            m.mode,
            m.uid,
            m.gid,
            escape(&r.path)
        );
    }
    let _ = writeln!(s, "end {}", records.len());
    s.into_bytes()
}

/// Parses a baseline file's contents.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<Record>, String> {
    let text = std::str::from_utf8(text).map_err(|_| "not text".to_string())?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, l)) if l == MAGIC => {}
        _ => return Err("not an ossec-agentless baseline (bad first line)".into()),
    }
    let mut records = Vec::new();
    for (n, line) in lines {
        let bad = || format!("line {}: malformed", n + 1);
        if line.starts_with("target ") || line.starts_with("root ") {
            continue;
        }
        if let Some(count) = line.strip_prefix("end ") {
            if count.parse::<usize>().ok() != Some(records.len()) {
                return Err(format!("line {}: record count does not match", n + 1));
            }
            return Ok(records);
        }
        let (tag, rest) = line.split_at_checked(2).ok_or_else(bad)?;
        let nf = if tag == "F " { 7 } else { 5 };
        let f: Vec<&str> = rest.splitn(nf, ' ').collect();
        if f.len() != nf {
            return Err(bad());
        }
        let meta = Meta {
            size: f[0].parse().map_err(|_| bad())?,
            mode: u32::from_str_radix(f[1], 8).map_err(|_| bad())?,
            uid: f[2].parse().map_err(|_| bad())?,
            gid: f[3].parse().map_err(|_| bad())?,
        };
        let kind = match tag {
            "F " => Kind::File {
                md5: parse_hex(f[4]).ok_or_else(bad)?,
                sha1: parse_hex(f[5]).ok_or_else(bad)?,
            },
            "L " => Kind::Symlink,
            "S " => Kind::Special,
            "U " => Kind::Unreadable,
            _ => return Err(bad()),
        };
        let path = unescape(f[nf - 1]).ok_or_else(bad)?;
        records.push(Record {
            path: path.into(),
            meta,
            kind,
        });
    }
    Err("truncated (no end line)".into())
}

/// Loads the baseline at `path`; `None` when there is none yet. Its directory and the state
/// directory above it are checked first (`fsutil::state_file_trusted`) and the file is read link-safely.
pub(crate) fn load(path: &Path) -> Result<Option<Vec<Record>>, ScanError> {
    if !state_file_trusted(path)? {
        return Ok(None);
    }
    let Some(bytes) = crate::fsutil::read_optional(path, Owners::root_or(None))? else {
        return Ok(None);
    };
    let mut records = decode(&bytes).map_err(|reason| ScanError::Baseline {
        path: path.to_path_buf(),
        reason,
    })?;
    records.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(records))
}

/// Replaces the baseline at `path` atomically (mode 0600).
pub(crate) fn save(
    path: &Path,
    target: &str,
    roots: &[Vec<u8>],
    records: &[Record],
) -> Result<(), ScanError> {
    let bytes = encode(target, roots, records);
    atomic_write(
        path,
        &bytes,
        &WriteOptions {
            mode: Some(0o600),
            owners: Owners::root_or(None),
            ..Default::default()
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_odd_names() {
        let recs = vec![
            Record {
                path: b"/a b\\c\n\xff;rm -rf /".to_vec().into(),
                meta: Meta {
                    size: 3,
                    mode: 0o100644,
                    uid: 0,
                    gid: 0,
                },
                kind: Kind::File {
                    md5: [1; 16],
                    sha1: [2; 20],
                },
            },
            Record {
                path: b"/l".to_vec().into(),
                meta: Meta {
                    size: 1,
                    mode: 0o120777,
                    uid: 1,
                    gid: 2,
                },
                kind: Kind::Symlink,
            },
        ];
        let enc = encode("local", &[b"/".to_vec()], &recs);
        assert_eq!(decode(&enc).unwrap(), recs);
        assert!(decode(&enc[..enc.len() - 3]).is_err());
    }

    #[test]
    fn names_are_stable_and_safe() {
        let s = BaselineStore::new(Some("/s".into())).unwrap();
        let a = s.path_for("root@h:22", &[b"/etc".to_vec(), b"/bin".to_vec()]);
        let b = s.path_for("root@h:22", &[b"/bin".to_vec(), b"/etc".to_vec()]);
        assert_eq!(a, b);
        let name = a.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("root@h_22_"), "{name}");
        assert!(a.starts_with("/s/baselines"));
        let t = BaselineStore::for_agentless_type(Path::new("/o"), "ssh_integrity_check_bsd");
        let c = t.path_for("root@h:22", &[b"/etc".to_vec(), b"/bin".to_vec()]);
        assert_ne!(c.file_name(), a.file_name());
        assert!(c.starts_with("/o/baselines"));
        let name = c.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("_ssh_integrity_check_bsd__root@h_22_"),
            "{name}"
        );
    }

    #[test]
    fn private_state_dir() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let store = BaselineStore::for_agentless_type(&d.path().join("a"), "t");
        store.ensure_dir().unwrap();
        let mode = std::fs::metadata(store.dir()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        std::fs::set_permissions(store.dir(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(store.ensure_dir().is_err());
        if crate::fsutil::is_root() {
            // A link planted by another user in its place is not followed.
            let l = d.path().join("l");
            std::os::unix::fs::symlink(store.dir(), &l).unwrap();
            std::os::unix::fs::lchown(&l, Some(65534), Some(65534)).unwrap();
            let linked = BaselineStore::for_agentless_type(&l, "t");
            assert!(linked.ensure_dir().is_err());
        }
    }
}
