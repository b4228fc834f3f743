//! Reads analysisd's per-location syscheck database (`<ossec-dir>/queue/syscheck/<location>`)
//! to know, before sending, which rule each record will raise (see [`super::forward`]).
//!
//! The file is analysisd's own: one line per path, `XYZ<checksum> !<time> <path>`, where `XYZ`
//! counts the changes seen (`+++` none, `!++` one, `!!+` two, `!!!` three, `!!?` more) and
//! superseded lines start with `#`. This module only reads it: it opens it without following a
//! link and without blocking (it lives in a directory of the daemon's user), refuses anything
//! but a regular file, and keeps only the paths it is asked about. It never writes.

use std::collections::{HashMap, HashSet};
use std::fs::OpenOptions;
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// What analysisd has stored for one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DbEntry {
    /// Changes alerted so far (0 to 4; 3 and more means auto-ignored when that is on).
    pub(crate) changes: u8,
    /// The stored checksum field (`size:perm:uid:gid:md5:sha1`, or `-1` for a deleted file).
    pub(crate) checksum: Vec<u8>,
}

/// The stored state of the paths asked about.
#[derive(Debug, Clone, Default)]
pub(crate) struct SyscheckDb {
    entries: HashMap<Vec<u8>, DbEntry>,
}

impl SyscheckDb {
    /// The entry of `path`, if analysisd knows it.
    pub(crate) fn get(&self, path: &[u8]) -> Option<&DbEntry> {
        self.entries.get(path)
    }

    /// Number of paths found.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no path asked about is stored.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The database file of `location` under the OSSEC directory `ossec_dir`; `None` when the
/// location cannot be a file name (analysisd could not store it either).
pub(crate) fn db_path(ossec_dir: &Path, location: &str) -> Option<PathBuf> {
    if location.is_empty() || location.contains('/') || location.contains('\0') {
        return None;
    }
    Some(ossec_dir.join("queue").join("syscheck").join(location))
}

/// Parses one line: `(changes, checksum, path)`; `None` for comments and malformed lines.
fn parse_line(line: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    if line.len() < 4 || line[0] == b'#' {
        return None;
    }
    let (prefix, rest) = line.split_at(3);
    let changes = match prefix {
        b"+++" => 0,
        b"!++" => 1,
        b"!!+" => 2,
        b"!!!" => 3,
        b"!!?" => 4,
        _ => return None,
    };
    let sep = rest.windows(2).position(|w| w == b" !")?;
    let checksum = &rest[..sep];
    let after = &rest[sep + 2..];
    let sp = after.iter().position(|&b| b == b' ')?;
    if sp == 0 || !after[..sp].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some((changes, checksum, &after[sp + 1..]))
}

/// The longest line kept (a path is at most 4,096 bytes); longer ones are skipped unread, so
/// a file planted by another user cannot make this process hold it in memory.
const MAX_LINE: u64 = 16 * 1024;

/// Parses database text, keeping the paths in `wanted`. The last live line of a path wins.
pub(crate) fn parse(mut reader: impl BufRead, wanted: &HashSet<&[u8]>) -> io::Result<SyscheckDb> {
    let mut db = SyscheckDb::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if (&mut reader).take(MAX_LINE).read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if line.len() as u64 == MAX_LINE {
            skip_line(&mut reader)?;
            continue;
        }
        if let Some((changes, checksum, path)) = parse_line(&line)
            && wanted.contains(path)
        {
            db.entries.insert(
                path.to_vec(),
                DbEntry {
                    changes,
                    checksum: checksum.to_vec(),
                },
            );
        }
    }
    Ok(db)
}

/// Consumes the rest of an over-long line.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Loads the entries of `wanted` from the database at `path`. A missing file is an empty
/// database (analysisd creates it on the first record).
pub(crate) fn load(path: &Path, wanted: &HashSet<&[u8]>) -> io::Result<SyscheckDb> {
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(SyscheckDb::default()),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    parse(BufReader::with_capacity(1 << 16, file), wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DB: &[u8] = b"#++10:644:0:0:aa:bb !1796135191 /f/a\n\
+++11:644:0:0:cc:dd !1796135192 /f/b\n\
!++11:600:0:0:cc:dd !1796135193 /f/a\n\
!!+-1 !1796135194 /f/c\n\
!!?1:644:0:0:ee:ff !1796135195 /f/with space\n\
+++2:644:0:0:ee:ff !1796135195 /f/unwanted\n\
garbage line\n";

    #[test]
    fn live_lines_of_wanted_paths() {
        let wanted: HashSet<&[u8]> = [
            b"/f/a".as_slice(),
            b"/f/b",
            b"/f/c",
            b"/f/with space",
            b"/f/none",
        ]
        .into_iter()
        .collect();
        let db = parse(DB, &wanted).unwrap();
        assert_eq!(db.len(), 4);
        assert_eq!(
            db.get(b"/f/a").unwrap(),
            &DbEntry {
                changes: 1,
                checksum: b"11:600:0:0:cc:dd".to_vec()
            }
        );
        assert_eq!(db.get(b"/f/b").unwrap().changes, 0);
        assert_eq!(db.get(b"/f/c").unwrap().checksum, b"-1");
        assert_eq!(db.get(b"/f/c").unwrap().changes, 2);
        assert_eq!(db.get(b"/f/with space").unwrap().changes, 4);
        assert!(db.get(b"/f/none").is_none());
        assert!(db.get(b"/f/unwanted").is_none());
    }

    #[test]
    fn over_long_lines_are_skipped() {
        let mut text = b"+++1:644:0:0:aa:bb !1 /x".to_vec();
        text.extend(std::iter::repeat_n(b'y', 100_000));
        text.extend_from_slice(b"\n+++2:644:0:0:cc:dd !1 /f/b\n");
        let wanted: HashSet<&[u8]> = [b"/f/b".as_slice()].into_iter().collect();
        let db = parse(&text[..], &wanted).unwrap();
        assert_eq!(db.get(b"/f/b").unwrap().checksum, b"2:644:0:0:cc:dd");
        assert_eq!(db.len(), 1);
    }

    #[test]
    fn locations_that_cannot_be_files() {
        assert!(db_path(Path::new("/o"), "(t) a/b->syscheck").is_none());
        assert_eq!(
            db_path(Path::new("/o"), "(t) root@h->syscheck").unwrap(),
            Path::new("/o/queue/syscheck/(t) root@h->syscheck")
        );
    }

    #[test]
    fn missing_is_empty_and_fifo_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let wanted = HashSet::new();
        assert!(load(&dir.path().join("none"), &wanted).unwrap().is_empty());
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(load(&fifo, &wanted).is_err());
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
        assert!(load(&link, &wanted).is_err());
    }
}
