//! Parses the output of the scan [`script`](super::script) as it streams in, keeping only
//! compact per-path entries (never the whole output).
//!
//! The `stat` and hash sections print names at the end of lines, and a name may itself contain
//! newlines. Each tool gets its paths in a known order and prints them in that order, skipping
//! those it fails on, so each line is matched against the next expected paths: the first one
//! whose exact bytes followed by `\n` come next is the line's path. GNU `md5sum` escapes names
//! holding `\` or a newline (the line then starts with `\`); those are unescaped and compared.

use super::script::Root;
use super::{Kind, Meta, Problem, ProblemKind, Record, ScanResult};
use crate::sanitize::bytes_for_terminal;

/// Bounds on what a host may send, so that no host can exhaust this machine's memory or keep
/// a run going forever. The defaults are far above any real host; past one, the target fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamLimits {
    /// Longest path (bytes) in any section; Linux's `PATH_MAX` is 4096.
    pub max_path: usize,
    /// Most paths in the walk (files, directories, links, …).
    pub max_records: usize,
    /// Most bytes in any one section (the walk, the stat lines, each hash section).
    pub max_section_bytes: u64,
}

impl StreamLimits {
    /// The defaults (also those of `scan --max-…`): 64 KiB per path, 5,000,000 paths, 2 GiB
    /// per section. At the record limit an honest scan needs about 1.5 GB (see the README).
    pub(crate) const DEFAULT: StreamLimits = StreamLimits {
        max_path: 65_536,
        max_records: 5_000_000,
        max_section_bytes: 2 << 30,
    };
}

impl Default for StreamLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Which limit a host went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`StreamLimits::max_path`].
    PathLength(usize),
    /// [`StreamLimits::max_records`].
    Records(usize),
    /// [`StreamLimits::max_section_bytes`].
    SectionBytes(u64),
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::PathLength(n) => write!(f, "a path longer than {n} bytes (--max-path-bytes)"),
            Limit::Records(n) => write!(f, "more than {n} paths (--max-records)"),
            Limit::SectionBytes(n) => {
                write!(
                    f,
                    "more than {n} bytes in one section (--max-section-bytes)"
                )
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Header,
    List,
    Codes,
    Stat,
    Md5,
    Sha1,
    End,
    Done,
}

/// The paths of the walk and what the later sections say about each, column by column: the
/// names back to back in one buffer (a path costs its bytes plus 9), and the per-path
/// metadata and hashes allocated only once the walk has ended.
#[derive(Default)]
struct Entries {
    names: Vec<u8>,
    ends: Vec<u64>,
    codes: Vec<u8>,
    meta: Vec<Option<Meta>>,
    md5: Vec<Option<[u8; 16]>>,
    sha1: Vec<Option<[u8; 20]>>,
}

impl Entries {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn path(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.names[start..self.ends[i] as usize]
    }

    fn push(&mut self, path: &[u8]) {
        self.names.extend_from_slice(path);
        self.ends.push(self.names.len() as u64);
    }

    /// Room for what the stat and hash sections tell, once the walk is complete.
    fn walk_done(&mut self) {
        let n = self.len();
        self.names.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.meta = vec![None; n];
        self.md5 = vec![None; n];
        self.sha1 = vec![None; n];
    }
}

/// What [`StreamParser::feed`] found wrong. Texts quoted from the stream are already escaped
/// with [`crate::sanitize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// The script refused to run (`ERR …`): missing tools and the like.
    Refused(String),
    /// The output does not follow the format.
    Bad(String),
    /// The host sent more than a [`StreamLimits`] allows.
    Limit(Limit),
    /// A path outside the requested roots (escaped).
    OutsideRoots(String),
}

/// Incremental parser for the script's stdout.
pub struct StreamParser {
    state: State,
    buf: Vec<u8>,
    pos: usize,
    flavour: String,
    entries: Entries,
    stat_cands: Vec<u32>,
    file_cands: Vec<u32>,
    cursor: usize,
    hashed: u64,
    hashed_bytes: u64,
    /// Bytes of text skipped before the header (a login profile that prints).
    noise: usize,
    limits: StreamLimits,
    /// Bytes consumed in the current section.
    section: u64,
}

/// Text a login profile may print before the header (bash runs `~/.bashrc` even for the
/// commands of an ssh session); more than this is an error.
const MAX_NOISE: usize = 64 * 1024;

impl Default for StreamParser {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamParser {
    /// A parser waiting for the header line, with the default limits.
    pub fn new() -> StreamParser {
        Self::with_limits(StreamLimits::default())
    }

    /// A parser waiting for the header line, enforcing `limits`.
    pub fn with_limits(limits: StreamLimits) -> StreamParser {
        StreamParser {
            state: State::Header,
            buf: Vec::new(),
            pos: 0,
            flavour: String::new(),
            entries: Entries::default(),
            stat_cands: Vec::new(),
            file_cands: Vec::new(),
            cursor: 0,
            hashed: 0,
            hashed_bytes: 0,
            noise: 0,
            limits,
            section: 0,
        }
    }

    /// The tool flavour the script detected (`gnu`, `busybox`, `bsd`), once known.
    pub(crate) fn flavour(&self) -> &str {
        &self.flavour
    }

    /// Files and bytes hashed so far (MD5 lines seen), for progress.
    pub(crate) fn progress(&self) -> (u64, u64) {
        (self.hashed, self.hashed_bytes)
    }

    /// True once the `END` line has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Feeds the next chunk of stdout.
    pub fn feed(&mut self, data: &[u8]) -> Result<(), StreamError> {
        if self.pos > 0 && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(data);
        loop {
            let before = self.pos;
            let more = self.step()?;
            self.section += (self.pos - before) as u64;
            if self.section > self.limits.max_section_bytes {
                return Err(StreamError::Limit(Limit::SectionBytes(
                    self.limits.max_section_bytes,
                )));
            }
            if !more {
                break;
            }
        }
        // Whatever is still buffered waits for the end of one path or line: bounded.
        if self.buf.len() - self.pos > self.max_pending() {
            return Err(StreamError::Limit(Limit::PathLength(self.limits.max_path)));
        }
        Ok(())
    }

    /// The most bytes one unfinished item may take: a path, or a stat or hash line.
    fn max_pending(&self) -> usize {
        self.limits.max_path.saturating_mul(2).saturating_add(4096)
    }

    /// Moves to the next section.
    fn next_section(&mut self, state: State) {
        self.state = state;
        self.section = 0;
    }

    /// One step; `Ok(false)` when more data is needed.
    fn step(&mut self) -> Result<bool, StreamError> {
        let rest = &self.buf[self.pos..];
        match self.state {
            State::Header | State::End => {
                let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
                    return if rest.len() > 4096 {
                        Err(StreamError::Bad("no header line".into()))
                    } else {
                        Ok(false)
                    };
                };
                let line = &rest[..nl];
                let shown = bytes_for_terminal(line);
                self.pos += nl + 1;
                if self.state == State::End {
                    if line != b"END" {
                        return Err(StreamError::Bad(format!("expected END, got '{shown}'")));
                    }
                    self.next_section(State::Done);
                    return Ok(false);
                }
                if let Some(reason) = line.strip_prefix(b"ERR ") {
                    return Err(StreamError::Refused(bytes_for_terminal(reason)));
                }
                match line.strip_prefix(b"OSSEC-SCAN 1 ") {
                    Some(fl @ (b"gnu" | b"busybox" | b"bsd")) => {
                        self.flavour = String::from_utf8_lossy(fl).into_owned();
                    }
                    // What a login profile printed before the script started: skipped.
                    None if self.noise + nl < MAX_NOISE => {
                        self.noise += nl + 1;
                        return Ok(true);
                    }
                    _ => return Err(StreamError::Bad(format!("unexpected header '{shown}'"))),
                }
                self.next_section(State::List);
                Ok(true)
            }
            State::List => {
                let Some(nul) = rest.iter().position(|&b| b == 0) else {
                    if rest.len() > self.limits.max_path {
                        return Err(StreamError::Limit(Limit::PathLength(self.limits.max_path)));
                    }
                    return Ok(false);
                };
                if nul > self.limits.max_path {
                    return Err(StreamError::Limit(Limit::PathLength(self.limits.max_path)));
                }
                if nul == 0 {
                    self.next_section(State::Codes);
                } else {
                    if self.entries.len() >= self.limits.max_records {
                        return Err(StreamError::Limit(Limit::Records(self.limits.max_records)));
                    }
                    self.entries.push(&rest[..nul]);
                }
                self.pos += nul + 1;
                Ok(true)
            }
            State::Codes => {
                let mut n = 0;
                for &b in rest {
                    n += 1;
                    if b == 0 {
                        if self.entries.codes.len() != self.entries.len() {
                            return Err(StreamError::Bad(format!(
                                "{} classes for {} paths",
                                self.entries.codes.len(),
                                self.entries.len()
                            )));
                        }
                        self.entries.walk_done();
                        self.pos += n;
                        // The stat lines come in walk order, links (`l`) last: with --follow
                        // those are dangling and stat'ed without -L in a batch of their own.
                        for (i, &code) in self.entries.codes.iter().enumerate() {
                            if !matches!(code, b'd' | b'v' | b'l') {
                                self.stat_cands.push(i as u32);
                            }
                            if code == b'f' {
                                self.file_cands.push(i as u32);
                            }
                        }
                        for (i, &code) in self.entries.codes.iter().enumerate() {
                            if code == b'l' {
                                self.stat_cands.push(i as u32);
                            }
                        }
                        self.next_section(State::Stat);
                        self.cursor = 0;
                        return Ok(true);
                    }
                    if !b"fudDlov".contains(&b) || self.entries.codes.len() >= self.entries.len() {
                        return Err(StreamError::Bad(format!("bad class byte {b:#04x}")));
                    }
                    self.entries.codes.push(b);
                }
                self.pos += n;
                Ok(false)
            }
            State::Stat | State::Md5 | State::Sha1 => {
                if rest.is_empty() {
                    return Ok(false);
                }
                if rest[0] == 0 {
                    self.pos += 1;
                    self.cursor = 0;
                    self.next_section(match self.state {
                        State::Stat => State::Md5,
                        State::Md5 => State::Sha1,
                        _ => State::End,
                    });
                    return Ok(true);
                }
                self.line()
            }
            State::Done => Ok(false),
        }
    }

    /// Parses one `stat` or hash line at `pos`, if complete.
    fn line(&mut self) -> Result<bool, StreamError> {
        let rest = &self.buf[self.pos..];
        let bad = |m: String| Err(StreamError::Bad(m));
        // The fields: 4 space-terminated tokens for stat, 1 (+ separator) for hashes.
        let escaped = self.state != State::Stat && rest[0] == b'\\';
        let start = usize::from(escaped);
        let tokens = if self.state == State::Stat { 4 } else { 1 };
        let mut idx = start;
        let mut fields: Vec<&[u8]> = Vec::with_capacity(4);
        for _ in 0..tokens {
            let Some(sp) = rest[idx..].iter().position(|&b| b == b' ') else {
                return if rest[idx..].iter().any(|&b| b == b'\n' || b == 0) || rest.len() > 256 {
                    bad(format!(
                        "malformed line '{}'",
                        bytes_for_terminal(&rest[..rest.len().min(80)])
                    ))
                } else {
                    Ok(false)
                };
            };
            fields.push(&rest[idx..idx + sp]);
            idx += sp + 1;
        }
        if self.state != State::Stat {
            // GNU/BusyBox: "hash  name" or "hash *name"; BSD -r: "hash name".
            match rest.get(idx) {
                None => return Ok(false),
                Some(b' ' | b'*') => idx += 1,
                Some(_) => {}
            }
        }
        let name_start = idx;
        let cands = if self.state == State::Stat {
            &self.stat_cands
        } else {
            &self.file_cands
        };
        // Find the candidate this line names, and where the line ends.
        let mut found = None;
        if escaped {
            let Some(nl) = rest[name_start..].iter().position(|&b| b == b'\n') else {
                return Ok(false);
            };
            let name = unescape(&rest[name_start..name_start + nl]);
            for (k, &c) in cands.iter().enumerate().skip(self.cursor) {
                if self.entries.path(c as usize) == &name[..] {
                    found = Some((k, name_start + nl + 1));
                    break;
                }
            }
            if found.is_none() {
                self.pos += name_start + nl + 1;
                return Ok(true);
            }
        } else {
            let avail = &rest[name_start..];
            for (k, &c) in cands.iter().enumerate().skip(self.cursor) {
                let p = self.entries.path(c as usize);
                if avail.len() > p.len() {
                    if avail.starts_with(p) && avail[p.len()] == b'\n' {
                        found = Some((k, name_start + p.len() + 1));
                        break;
                    }
                } else if p.starts_with(avail) {
                    return Ok(false);
                }
            }
            if found.is_none() {
                // Not a path we asked about: skip the line.
                let Some(nl) = avail.iter().position(|&b| b == b'\n') else {
                    return Ok(false);
                };
                self.pos += name_start + nl + 1;
                return Ok(true);
            }
        }
        let (k, len) = found.expect("checked");
        let entry = cands[k] as usize;
        let text = |f: &[u8]| bytes_for_terminal(&f[..f.len().min(80)]);
        match self.state {
            State::Stat => {
                let num =
                    |f: &[u8], radix| u64::from_str_radix(std::str::from_utf8(f).ok()?, radix).ok();
                let (Some(size), Some(uid), Some(gid), Some(mode)) = (
                    num(fields[0], 10),
                    num(fields[1], 10),
                    num(fields[2], 10),
                    find_mode(fields[3]).or_else(|| num(fields[3], 16)),
                ) else {
                    return bad(format!(
                        "bad stat fields in '{}'",
                        text(&rest[..name_start])
                    ));
                };
                self.entries.meta[entry] = Some(Meta {
                    size,
                    mode: mode as u32,
                    uid: uid as u32,
                    gid: gid as u32,
                });
            }
            State::Md5 => {
                let Some(h) = std::str::from_utf8(fields[0])
                    .ok()
                    .and_then(crate::protocol::parse_hex::<16>)
                else {
                    return bad(format!("bad md5 '{}'", text(fields[0])));
                };
                self.entries.md5[entry] = Some(h);
                self.hashed += 1;
                self.hashed_bytes += self.entries.meta[entry].map_or(0, |m| m.size);
            }
            _ => {
                let Some(h) = std::str::from_utf8(fields[0])
                    .ok()
                    .and_then(crate::protocol::parse_hex::<20>)
                else {
                    return bad(format!("bad sha1 '{}'", text(fields[0])));
                };
                self.entries.sha1[entry] = Some(h);
            }
        }
        self.cursor = k + 1;
        self.pos += len;
        Ok(true)
    }

    /// Builds the result once the stream is complete; `roots` as sent to the script.
    pub fn finish(self, roots: &[Root]) -> Result<ScanResult, StreamError> {
        if self.state != State::Done {
            return Err(StreamError::Bad("the output ended early".into()));
        }
        let mut result = ScanResult::default();
        let e = &self.entries;
        let n = e.len();
        for i in 0..n {
            let path = unprefixed(roots, e.path(i));
            if !roots.iter().any(|r| within(&r.original, path)) {
                return Err(StreamError::OutsideRoots(bytes_for_terminal(
                    &path[..path.len().min(4096)],
                )));
            }
        }
        let mut seen_roots = vec![false; roots.len()];
        let sent: Vec<Vec<u8>> = roots.iter().map(Root::sent).collect();
        for i in 0..n {
            let raw = e.path(i);
            // BusyBox `test` judges -r/-x by mode bits even for root, so a directory it calls
            // unlistable may still have been walked: its children follow it in the list.
            let walked = i + 1 < n && {
                let next = e.path(i + 1);
                next.len() > raw.len() && next.starts_with(raw) && next[raw.len()] == b'/'
            };
            let code = match e.codes[i] {
                b'D' if walked => b'd',
                c => c,
            };
            for (k, s) in sent.iter().enumerate() {
                if raw == &s[..] {
                    seen_roots[k] = true;
                }
            }
            let path: Box<[u8]> = unprefixed(roots, raw).into();
            let meta = match (code, e.meta[i]) {
                (b'd', _) => continue,
                (b'v', _) | (_, None) => {
                    result.problems.push(Problem {
                        path,
                        kind: ProblemKind::Vanished,
                    });
                    continue;
                }
                (_, Some(m)) => m,
            };
            let ft = meta.file_type();
            if ft == 0o040000 && code != b'D' {
                continue;
            }
            let kind = match ft {
                0o100000 => match (code, e.md5[i], e.sha1[i]) {
                    (b'f', Some(md5), Some(sha1)) => Kind::File { md5, sha1 },
                    _ => Kind::Unreadable,
                },
                0o120000 => Kind::Symlink,
                0o040000 => Kind::Unreadable,
                _ => Kind::Special,
            };
            result.records.push(Record { path, meta, kind });
        }
        for (i, r) in roots.iter().enumerate() {
            if !seen_roots[i] {
                result.problems.push(Problem {
                    path: r.original.clone().into(),
                    kind: ProblemKind::Missing,
                });
            }
        }
        result.normalise();
        Ok(result)
    }
}

/// `path` without the `./` the script put in front of a root (see [`Root::prefixed`]).
fn unprefixed<'a>(roots: &[Root], path: &'a [u8]) -> &'a [u8] {
    if let Some(tail) = path.strip_prefix(b"./")
        && roots
            .iter()
            .any(|r| r.prefixed && tail.starts_with(&r.original))
    {
        return tail;
    }
    path
}

/// True when `path` is `root` or a path `find` could print below it: `root/…` whose every
/// component after the root is a real name (not empty, `.` or `..`). Byte-wise.
pub(crate) fn within(root: &[u8], path: &[u8]) -> bool {
    let Some(tail) = path.strip_prefix(root) else {
        return false;
    };
    if tail.is_empty() {
        return true;
    }
    let tail = if root.ends_with(b"/") {
        tail
    } else {
        match tail.strip_prefix(b"/") {
            Some(t) => t,
            None => return false,
        }
    };
    tail.split(|&b| b == b'/')
        .all(|c| !c.is_empty() && c != b"." && c != b"..")
}

/// GNU find's `t<type letter><octal perm>` (`tf644`) as an `st_mode`.
fn find_mode(f: &[u8]) -> Option<u64> {
    let rest = f.strip_prefix(b"t")?;
    let (&t, perm) = rest.split_first()?;
    let ft = match t {
        b'f' => 0o100000,
        b'd' => 0o040000,
        b'l' => 0o120000,
        b'p' => 0o010000,
        b's' => 0o140000,
        b'c' => 0o020000,
        b'b' => 0o060000,
        _ => return None,
    };
    let perm = u64::from_str_radix(std::str::from_utf8(perm).ok()?, 8).ok()?;
    Some(ft | perm)
}

/// Undoes GNU coreutils' name escaping in checksum lines (`\\`, `\n`, `\r`).
fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' && i + 1 < s.len() {
            out.push(match s[i + 1] {
                b'n' => b'\n',
                b'r' => b'\r',
                other => other,
            });
            i += 2;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::script::roots;

    fn run(chunks: &[&[u8]]) -> Result<ScanResult, StreamError> {
        let mut p = StreamParser::new();
        for c in chunks {
            p.feed(c)?;
        }
        p.finish(&roots(&["/r"]).unwrap())
    }

    const MD5: &str = "d41d8cd98f00b204e9800998ecf8427e";
    const SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

    #[test]
    fn names_with_newlines_and_failures() {
        let out = format!(
            "OSSEC-SCAN 1 gnu\n/r\0/r/a\nb\0/r/c\0/r/gone\0\0dffu\00 0 0 81a4 /r/a\nb\n0 0 0 81a4 /r/c\n\0\\{MD5}  /r/a\\nb\n\0{SHA1}  /r/a\nb\n\0END\n"
        );
        // Feed byte by byte: the parser must cope with any split.
        let bytes = out.as_bytes();
        let chunks: Vec<&[u8]> = bytes.chunks(1).collect();
        let r = run(&chunks).unwrap();
        assert_eq!(r.records.len(), 2);
        assert_eq!(&*r.records[0].path, b"/r/a\nb");
        assert!(matches!(r.records[0].kind, Kind::File { .. }));
        // /r/c: stat ok, no hashes (read failed at hash time) -> unreadable
        assert_eq!(r.records[1].kind, Kind::Unreadable);
        // /r/gone: classified 'u' but no stat line -> vanished
        assert_eq!(r.problems[0].kind, ProblemKind::Vanished);
        assert_eq!(&*r.problems[0].path, b"/r/gone");
    }

    #[test]
    fn bsd_and_gnu_find_line_forms() {
        // BSD: stat -f '%z %u %g %Xp %N', md5 -r / sha1 -r "hash name" (one space).
        let bsd = format!(
            "OSSEC-SCAN 1 bsd\n/r\0/r/ a\0/r/l\0\0dfl\03 0 0 81a4 /r/ a\n1 0 0 a1ff /r/l\n\0{MD5} /r/ a\n\0{SHA1} /r/ a\n\0END\n"
        );
        let r = run(&[bsd.as_bytes()]).unwrap();
        assert_eq!(&*r.records[0].path, b"/r/ a");
        assert!(matches!(r.records[0].kind, Kind::File { .. }));
        assert_eq!(r.records[0].meta.mode, 0o100644);
        assert_eq!(r.records[1].kind, Kind::Symlink);
        // GNU find's metadata form: t<type><octal perm>.
        let gnu = format!(
            "OSSEC-SCAN 1 gnu\n/r\0/r/x\0\0df\03 0 0 tf4755 /r/x\n\0{MD5}  /r/x\n\0{SHA1}  /r/x\n\0END\n"
        );
        let r = run(&[gnu.as_bytes()]).unwrap();
        assert_eq!(r.records[0].meta.mode, 0o104755);
    }

    #[test]
    fn truncated_output_is_an_error() {
        assert!(run(&[b"OSSEC-SCAN 1 gnu\n/r\0\0d\0\0\0"]).is_err());
        assert_eq!(
            run(&[b"ERR no md5sum\n"]).unwrap_err(),
            StreamError::Refused("no md5sum".into())
        );
    }

    fn run_with(limits: StreamLimits, data: &[u8]) -> Result<ScanResult, StreamError> {
        let mut p = StreamParser::with_limits(limits);
        for c in data.chunks(7) {
            p.feed(c)?;
        }
        p.finish(&roots(&["/r"]).unwrap())
    }

    #[test]
    fn limits_stop_a_flood() {
        let small = StreamLimits {
            max_path: 100,
            max_records: 3,
            max_section_bytes: 1000,
        };
        let mut flood = b"OSSEC-SCAN 1 gnu\n".to_vec();
        for _ in 0..10 {
            flood.extend_from_slice(b"/r/x\0");
        }
        assert_eq!(
            run_with(small, &flood).unwrap_err(),
            StreamError::Limit(Limit::Records(3))
        );
        let mut long = b"OSSEC-SCAN 1 gnu\n/r/".to_vec();
        long.extend(std::iter::repeat_n(b'a', 200));
        assert_eq!(
            run_with(small, &long).unwrap_err(),
            StreamError::Limit(Limit::PathLength(100))
        );
        // Lines that name no expected path are skipped, but only up to the section limit.
        let mut junk = b"OSSEC-SCAN 1 gnu\n/r\0\0d\0".to_vec();
        for _ in 0..100 {
            junk.extend_from_slice(b"0 0 0 81a4 /elsewhere\n");
        }
        assert_eq!(
            run_with(small, &junk).unwrap_err(),
            StreamError::Limit(Limit::SectionBytes(1000))
        );
        // One endless line with no newline is cut at about twice the path limit.
        let mut endless = b"OSSEC-SCAN 1 gnu\n/r\0\0d\x000 0 0 81a4 /r".to_vec();
        endless.extend(std::iter::repeat_n(b'7', 5000));
        assert_eq!(
            run_with(small, &endless).unwrap_err(),
            StreamError::Limit(Limit::PathLength(100))
        );
    }

    #[test]
    fn records_outside_the_roots_fail() {
        for bad in [
            &b"/etc/shadow"[..],
            b"../../../../etc/x",
            b"/r/../etc/x",
            b"/rx",
            b"/r//x",
            b"/r/./x",
        ] {
            let mut out = b"OSSEC-SCAN 1 gnu\n/r\0".to_vec();
            out.extend_from_slice(bad);
            out.extend_from_slice(b"\0\0dd\0\0\0\0END\n");
            assert!(
                matches!(run(&[&out]), Err(StreamError::OutsideRoots(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(within(b"/", b"/etc/x"));
        assert!(within(b".", b"./a"));
        assert!(within(b"/r", b"/r"));
        assert!(within(b"/r", b"/r/..a/b"));
        assert!(!within(b"/r", b"/r/a/"));
        assert!(!within(b"/", b"//etc"));
    }

    #[test]
    fn stat_lines_of_links_come_last() {
        // A dangling link `/r/d` and a sibling whose name starts with `/r/d\n`: the link's
        // line comes after the others, so the sibling's line cannot be taken for the link's.
        let out = format!(
            "OSSEC-SCAN 1 busybox\n/r\0/r/d\0/r/d\nX\0\0dlf\05 0 0 81a4 /r/d\nX\n9 0 0 a1ff /r/d\n\0{MD5}  /r/d\nX\n\0{SHA1}  /r/d\nX\n\0END\n"
        );
        let r = run(&[out.as_bytes()]).unwrap();
        assert_eq!(&*r.records[0].path, b"/r/d");
        assert_eq!(r.records[0].kind, Kind::Symlink);
        assert_eq!(r.records[0].meta.size, 9);
        assert_eq!(&*r.records[1].path, b"/r/d\nX");
        assert_eq!(r.records[1].meta.size, 5);
        assert!(matches!(r.records[1].kind, Kind::File { .. }));
    }

    #[test]
    fn quoted_stream_text_is_escaped() {
        let e = run(&[b"ERR \x1b]52;c;eA==\x07\n"]).unwrap_err();
        assert_eq!(e, StreamError::Refused("\\x1b]52;c;eA==\\x07".into()));
        // Text before the header is a login profile's and skipped; a forged header is quoted.
        let e = run(&[b"OSSEC-SCAN 1 \x1b[2J\n"]).unwrap_err();
        assert_eq!(
            e,
            StreamError::Bad("unexpected header 'OSSEC-SCAN 1 \\x1b[2J'".into())
        );
    }

    #[test]
    fn text_a_login_profile_prints_before_the_header_is_skipped() {
        let out = format!(
            "Welcome! (printed by .bashrc)\nmore noise\nOSSEC-SCAN 1 gnu\n/r\0/r/x\0\0df\03 0 0 tf644 /r/x\n\0{MD5}  /r/x\n\0{SHA1}  /r/x\n\0END\n"
        );
        let r = run(&[out.as_bytes()]).unwrap();
        assert_eq!(r.files(), 1);
        // Not without end: a stream that never starts is an error.
        let endless = "noise\n".repeat(MAX_NOISE / 6 + 1);
        assert!(run(&[endless.as_bytes()]).is_err());
    }

    #[test]
    fn missing_root_is_reported() {
        let r = run(&[b"OSSEC-SCAN 1 gnu\n\0\0\0\0\0END\n"]).unwrap();
        assert_eq!(r.problems[0].kind, ProblemKind::Missing);
    }
}
