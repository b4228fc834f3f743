//! The agentless user's OpenSSH client configuration, `<ossec-dir>/.ssh/config`, read and edited
//! losslessly: only the lines of the `Host` block we manage change; every other byte stays.
//!
//! The stock expect scripts run plain `ssh user@host`, so a `Host <host>` block with a `Port`
//! line is the only way to give them a non-standard port (wazuh/wazuh#14954). `register-host`
//! writes such blocks ([`SshConfig::set_port`], `SshConfig::remove_port`) and our own SSH code
//! reads them back with [`SshConfig::port_for`] / [`port_for`], using OpenSSH's rule: the first
//! `Port` seen in a matching section wins. `Match` sections are not evaluated (treated as not
//! matching) and `Include` is not followed.

use crate::fsutil::{self, EditSession, FsError, Owners, Ownership, WriteOptions};
use crate::sanitize::for_terminal;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A failed ssh config operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SshConfigError {
    /// The file could not be read, written or locked.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// The file is not UTF-8 text.
    #[error("{} is not UTF-8 text; edit it by hand", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// The host already has another port.
    #[error(
        "{host} already uses port {existing} ({} line {line}); the stock scripts run plain \
         `ssh user@{host}`, so one host name can have only one port. Use --replace to change it, \
         or register the other service under another name (a Host alias with HostName)",
        path.display()
    )]
    PortConflict {
        /// The host name.
        host: String,
        /// The port configured now.
        existing: u16,
        /// Where.
        line: usize,
        /// The file.
        path: PathBuf,
    },
    /// A line we do not manage decides the port before our block can.
    #[error(
        "{} line {line} sets port {port} for {host} before any block we could add; \
         move that Port line under a `Host *` section at the end of the file, then retry",
        path.display()
    )]
    Shadowed {
        /// The host name.
        host: String,
        /// The line that wins.
        line: usize,
        /// Its port.
        port: u16,
        /// The file.
        path: PathBuf,
    },
    /// The host name cannot be used as a `Host` pattern.
    #[error("cannot write a Host block for \"{host}\": {reason}")]
    InvalidHost {
        /// The host name (escaped).
        host: String,
        /// Why.
        reason: &'static str,
    },
}

/// One parsed line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    /// Lower-case keyword.
    keyword: String,
    /// Arguments (quotes removed).
    args: Vec<String>,
}

fn parse_line(line: &str) -> Option<Directive> {
    let t = line.trim_end_matches(['\n', '\r']).trim_start();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    let end = t
        .find(|c: char| c.is_whitespace() || c == '=')
        .unwrap_or(t.len());
    let keyword = t[..end].to_ascii_lowercase();
    let mut rest = t[end..].trim_start();
    if let Some(r) = rest.strip_prefix('=') {
        rest = r.trim_start();
    }
    Some(Directive {
        keyword,
        args: split_args(rest),
    })
}

fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// OpenSSH wildcard match (`*`, `?`), ASCII case-insensitive.
fn wildcard(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            wildcard(&pattern[1..], text) || (!text.is_empty() && wildcard(pattern, &text[1..]))
        }
        (Some(b'?'), Some(_)) => wildcard(&pattern[1..], &text[1..]),
        (Some(p), Some(t)) if p.eq_ignore_ascii_case(t) => wildcard(&pattern[1..], &text[1..]),
        _ => false,
    }
}

/// Whether a `Host` line's patterns select `host`: no negated pattern matches and at least one
/// positive pattern does (OpenSSH `match_pattern_list`; comma lists included).
fn host_matches(patterns: &[String], host: &str) -> bool {
    let mut hit = false;
    for p in patterns.iter().flat_map(|p| p.split(',')) {
        if let Some(neg) = p.strip_prefix('!') {
            if wildcard(neg.as_bytes(), host.as_bytes()) {
                return false;
            }
        } else if wildcard(p.as_bytes(), host.as_bytes()) {
            hit = true;
        }
    }
    hit
}

/// What [`SshConfig::set_port`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortChange {
    /// The host already had this port.
    Unchanged,
    /// A new `Host` block was written.
    AddedBlock,
    /// A `Port` line was added to or changed in the host's own block.
    Updated,
}

/// An ssh client config file as lines, each with its own line ending.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SshConfig {
    lines: Vec<String>,
}

impl SshConfig {
    /// Parses `text`.
    pub fn parse(text: &str) -> SshConfig {
        SshConfig {
            lines: text.split_inclusive('\n').map(str::to_string).collect(),
        }
    }

    /// Reads `path` link-safely (a planted link or hard link is refused); a missing file is an
    /// empty config.
    pub(crate) fn load(path: &Path) -> Result<SshConfig, SshConfigError> {
        let raw = fsutil::read_optional(path, Owners::Any)?;
        Self::from_raw(path, raw)
    }

    fn from_raw(path: &Path, raw: Option<Vec<u8>>) -> Result<SshConfig, SshConfigError> {
        match raw {
            Some(raw) => String::from_utf8(raw)
                .map(|t| SshConfig::parse(&t))
                .map_err(|_| SshConfigError::NotUtf8 {
                    path: path.to_path_buf(),
                }),
            None => Ok(SshConfig::default()),
        }
    }

    /// The text, byte for byte as read plus our edits.
    pub fn text(&self) -> String {
        self.lines.concat()
    }

    /// The port OpenSSH would use for `ssh user@host`, with the 0-based line that sets it.
    fn port_line(&self, host: &str) -> Option<(usize, u16)> {
        let mut active = true;
        for (i, l) in self.lines.iter().enumerate() {
            let Some(d) = parse_line(l) else { continue };
            match d.keyword.as_str() {
                "host" => active = host_matches(&d.args, host),
                "match" => active = false,
                "port" if active => {
                    if let Some(p) = d.args.first().and_then(|a| a.parse::<u16>().ok()) {
                        return Some((i, p));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The port configured for `host` (the part after `@`), if any.
    pub fn port_for(&self, host: &str) -> Option<u16> {
        self.port_line(host).map(|(_, p)| p)
    }

    /// Header lines (`Host`/`Match`) in order, with their directives.
    fn headers(&self) -> Vec<(usize, Directive)> {
        self.lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| parse_line(l).map(|d| (i, d)))
            .filter(|(_, d)| d.keyword == "host" || d.keyword == "match")
            .collect()
    }

    /// The block we manage for `host`: a `Host` line naming exactly that one host.
    /// Returns (header line, end of block exclusive).
    fn own_block(&self, host: &str) -> Option<(usize, usize)> {
        let headers = self.headers();
        headers.iter().enumerate().find_map(|(k, (i, d))| {
            (d.keyword == "host" && d.args.len() == 1 && d.args[0].eq_ignore_ascii_case(host)).then(
                || {
                    let end = headers.get(k + 1).map_or(self.lines.len(), |(j, _)| *j);
                    (*i, end)
                },
            )
        })
    }

    /// True when the section holding line `line` names `host` literally (not by a wildcard).
    fn names_host(&self, line: usize, host: &str) -> bool {
        self.headers()
            .into_iter()
            .rev()
            .find(|(i, _)| *i < line)
            .is_some_and(|(_, d)| {
                d.keyword == "host"
                    && d.args
                        .iter()
                        .flat_map(|a| a.split(','))
                        .any(|p| p.eq_ignore_ascii_case(host))
            })
    }

    /// Makes `ssh …@host` use `port`. A different port already set for this host name (in a
    /// section naming it, not by a wildcard) is refused unless `replace`; a wildcard section's
    /// port is overridden by putting our block before it. Refuses a different existing port unless `replace`.
    /// `path` only names the file in errors.
    pub fn set_port(
        &mut self,
        host: &str,
        port: u16,
        replace: bool,
        path: &Path,
    ) -> Result<PortChange, SshConfigError> {
        if host.is_empty()
            || host.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '*' | '?' | '!' | ',' | '"')
            })
        {
            return Err(SshConfigError::InvalidHost {
                host: for_terminal(host),
                reason: "white space, quotes, commas and the wildcards * ? ! are not allowed",
            });
        }
        let current = self.port_line(host);
        match current {
            Some((_, p)) if p == port => return Ok(PortChange::Unchanged),
            Some((line, existing)) if !replace && self.names_host(line, host) => {
                return Err(SshConfigError::PortConflict {
                    host: for_terminal(host),
                    existing,
                    line: line + 1,
                    path: path.to_path_buf(),
                });
            }
            _ => {}
        }
        let before = self.clone();
        let change = if let Some((start, end)) = self.own_block(host) {
            let own_port = (start + 1..end)
                .find(|&i| parse_line(&self.lines[i]).is_some_and(|d| d.keyword == "port"));
            match own_port {
                Some(i) => self.lines[i] = rewrite_value(&self.lines[i], &port.to_string()),
                None => {
                    let indent = (start + 1..end)
                        .find_map(|i| {
                            parse_line(&self.lines[i]).map(|_| leading_ws(&self.lines[i]))
                        })
                        .unwrap_or("    ")
                        .to_string();
                    let eol = eol_of(&self.lines[start]);
                    if !self.lines[start].ends_with('\n') {
                        self.lines[start].push('\n');
                    }
                    self.lines
                        .insert(start + 1, format!("{indent}Port {port}{eol}"));
                }
            }
            PortChange::Updated
        } else {
            // Before the first section that also applies to this host, so that ours wins.
            let at = self
                .headers()
                .into_iter()
                .find(|(_, d)| d.keyword == "match" || host_matches(&d.args, host));
            match at {
                Some((i, _)) => {
                    let block = [
                        format!("Host {host}\n"),
                        format!("    Port {port}\n"),
                        "\n".to_string(),
                    ];
                    self.lines.splice(i..i, block);
                }
                None => {
                    if let Some(last) = self.lines.last_mut() {
                        if !last.ends_with('\n') {
                            last.push('\n');
                        }
                        if last.trim() != "" {
                            self.lines.push("\n".to_string());
                        }
                    }
                    self.lines.push(format!("Host {host}\n"));
                    self.lines.push(format!("    Port {port}\n"));
                }
            }
            PortChange::AddedBlock
        };
        match self.port_line(host) {
            Some((_, p)) if p == port => Ok(change),
            other => {
                *self = before;
                let (line, port) = other.unwrap_or((0, 22));
                Err(SshConfigError::Shadowed {
                    host: for_terminal(host),
                    line: line + 1,
                    port,
                    path: path.to_path_buf(),
                })
            }
        }
    }

    /// Removes the `Port` lines of `host`'s own block, and the block itself when nothing else is
    /// left in it (with the blank line that separated it). Returns true when something changed.
    pub(crate) fn remove_port(&mut self, host: &str) -> bool {
        let Some((start, end)) = self.own_block(host) else {
            return false;
        };
        let directives: Vec<usize> = (start + 1..end)
            .filter(|&i| parse_line(&self.lines[i]).is_some())
            .collect();
        let ports: Vec<usize> = directives
            .iter()
            .copied()
            .filter(|&i| parse_line(&self.lines[i]).is_some_and(|d| d.keyword == "port"))
            .collect();
        if ports.is_empty() {
            return false;
        }
        if ports.len() < directives.len() {
            for &i in ports.iter().rev() {
                self.lines.remove(i);
            }
            return true;
        }
        let last = *directives.last().unwrap_or(&start);
        self.lines.drain(start..=last);
        let blank = |l: &String| l.trim().is_empty();
        if self.lines.get(start).is_some_and(blank) {
            self.lines.remove(start);
        } else if start > 0 && start == self.lines.len() && blank(&self.lines[start - 1]) {
            self.lines.remove(start - 1);
        }
        true
    }
}

fn leading_ws(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

fn eol_of(line: &str) -> &'static str {
    if line.ends_with("\r\n") { "\r\n" } else { "\n" }
}

/// Replaces the value of a `Keyword value` line, keeping indentation, spelling, separator and
/// line ending.
fn rewrite_value(line: &str, value: &str) -> String {
    let body = line.trim_end_matches(['\n', '\r']);
    let eol = &line[body.len()..];
    let indent = leading_ws(body);
    let t = &body[indent.len()..];
    let kw_end = t
        .find(|c: char| c.is_whitespace() || c == '=')
        .unwrap_or(t.len());
    let after = &t[kw_end..];
    let sep_len = after.len()
        - after
            .trim_start_matches(|c: char| c.is_whitespace() || c == '=')
            .len();
    let sep = if sep_len == 0 { " " } else { &after[..sep_len] };
    format!("{indent}{}{sep}{value}{eol}", &t[..kw_end])
}

/// The port for `host` in the config file at `path` (missing file: `None`).
pub fn port_for(path: &Path, host: &str) -> Result<Option<u16>, SshConfigError> {
    Ok(SshConfig::load(path)?.port_for(host))
}

/// Creates the `.ssh` directory (mode 0700, owned by `owner`) when missing. Returns true when
/// it was created. An existing `.ssh` that is a link or has an unexpected owner is refused.
pub fn ensure_ssh_dir(dir: &Path, owner: Option<(u32, u32)>) -> Result<bool, SshConfigError> {
    let owners = Owners::root_or(owner.map(|(u, _)| u));
    let (parent, name) = fsutil::SafeDir::open_parent(dir, owners)?;
    Ok(parent.create_dir(&name, 0o700, owner)?.1)
}

/// A locked ssh config being edited (lock file `config.lock` beside it), in one
/// `EditSession` of the link-safe layer.
#[derive(Debug)]
pub struct SshConfigEditor {
    session: EditSession,
    original: Option<String>,
    /// The config being edited.
    pub config: SshConfig,
}

impl SshConfigEditor {
    /// Locks and loads `path` (its directory must exist); files and directory may be owned by
    /// root, us or `owner` (the agentless user).
    pub fn open(path: &Path, owner: Option<(u32, u32)>) -> Result<SshConfigEditor, SshConfigError> {
        Self::load(EditSession::open(
            path,
            Owners::root_or(owner.map(|(u, _)| u)),
        )?)
    }

    /// Loads without locking (dry runs; the directory may be missing).
    pub(crate) fn open_unlocked(
        path: &Path,
        owner: Option<(u32, u32)>,
    ) -> Result<SshConfigEditor, SshConfigError> {
        Self::load(EditSession::open_unlocked(
            path,
            Owners::root_or(owner.map(|(u, _)| u)),
        )?)
    }

    fn load(session: EditSession) -> Result<SshConfigEditor, SshConfigError> {
        let raw = session.original().map(<[u8]>::to_vec);
        let config = SshConfig::from_raw(session.path(), raw)?;
        let original = session.original().is_some().then(|| config.text());
        Ok(SshConfigEditor {
            session,
            original,
            config,
        })
    }

    /// True when the config differs from the file.
    pub(crate) fn changed(&self) -> bool {
        self.original.as_deref().unwrap_or("") != self.config.text()
    }

    /// A unified diff of the change (nothing secret in here).
    pub(crate) fn diff(&self) -> String {
        let label = self.session.path().display().to_string();
        crate::textdiff::unified(
            label.trim_start_matches('/'),
            self.original.as_deref().unwrap_or("").as_bytes(),
            self.config.text().as_bytes(),
        )
    }

    /// Writes the file atomically (mode 0600, owned by `owner` when given) if it changed.
    pub fn commit(self, owner: Option<(u32, u32)>) -> Result<bool, SshConfigError> {
        if !self.changed() {
            return Ok(false);
        }
        let ownership = match owner {
            Some((uid, gid)) => Ownership::Set {
                uid: Some(uid),
                gid: Some(gid),
            },
            None => Ownership::Set {
                uid: Some(fsutil::effective_uid()),
                // SAFETY: getegid has no preconditions and cannot fail.
                gid: Some(unsafe { libc::getegid() }),
            },
        };
        let opts = WriteOptions {
            mode: Some(0o600),
            new_file_mode: Some(0o600),
            ownership,
            backup: None,
            owners: Owners::root_or(owner.map(|(u, _)| u)),
        };
        self.session.commit(self.config.text().as_bytes(), &opts)?;
        Ok(true)
    }
}

/// True when `uid`/`gid` can enter and read `dir` by its owner or group bits (a hint for
/// warnings; ACLs are not considered).
pub(crate) fn dir_usable_by(dir: &Path, uid: u32, gid: u32) -> bool {
    let Ok(m) = std::fs::metadata(dir) else {
        return false;
    };
    let mode = m.mode();
    (m.uid() == uid && mode & 0o500 == 0o500)
        || (m.gid() == gid && mode & 0o050 == 0o050)
        || mode & 0o005 == 0o005
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "/x/.ssh/config";

    fn set(text: &str, host: &str, port: u16, replace: bool) -> Result<String, SshConfigError> {
        let mut c = SshConfig::parse(text);
        c.set_port(host, port, replace, Path::new(P))?;
        Ok(c.text())
    }

    #[test]
    fn round_trip_and_port_lookup() {
        let text =
            "# mine\nHost web01 web02\n  Port 2200\n\nHost *.lan\n\tPort=2300\nHost *\n  Port 22\n";
        let c = SshConfig::parse(text);
        assert_eq!(c.text(), text);
        assert_eq!(c.port_for("web02"), Some(2200));
        assert_eq!(c.port_for("a.LAN"), Some(2300));
        assert_eq!(c.port_for("other"), Some(22));
        let c = SshConfig::parse("Host * !db\n Port 1\nMatch all\n Port 2\n");
        assert_eq!(c.port_for("db"), None);
        assert_eq!(c.port_for("x"), Some(1));
    }

    #[test]
    fn appends_and_removes_byte_identically() {
        for orig in ["", "# keep me\n", "Host a\n  User b\n", "Host a\n  User b"] {
            let added = set(orig, "web01", 2222, false).unwrap();
            assert!(added.ends_with("Host web01\n    Port 2222\n"), "{added:?}");
            let mut c = SshConfig::parse(&added);
            assert_eq!(c.port_for("web01"), Some(2222));
            assert!(c.remove_port("web01"));
            let expect = if orig.ends_with('\n') || orig.is_empty() {
                orig.to_string()
            } else {
                format!("{orig}\n")
            };
            assert_eq!(c.text(), expect);
        }
    }

    #[test]
    fn inserts_before_a_wildcard_and_removes_cleanly() {
        let orig = "Host a\n  Port 1\n\nHost *\n  Port 22\n";
        let added = set(orig, "web01", 2222, false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            added,
            "Host a\n  Port 1\n\nHost web01\n    Port 2222\n\nHost *\n  Port 22\n"
        );
        let mut c = SshConfig::parse(&added);
        assert_eq!(c.port_for("web01"), Some(2222));
        assert!(c.remove_port("web01"));
        assert_eq!(c.text(), orig);
    }

    #[test]
    fn conflicts_and_replace() {
        let orig = "Host web01\n  Port 2222\n";
        assert_eq!(set(orig, "web01", 2222, false).unwrap(), orig);
        let e = set(orig, "web01", 2200, false).unwrap_err().to_string();
        assert!(
            e.contains("already uses port 2222") && e.contains("line 2"),
            "{e}"
        );
        assert_eq!(
            set(orig, "web01", 2200, true).unwrap(),
            "Host web01\n  Port 2200\n"
        );
        // A block of ours without Port gets one, indented like its siblings.
        assert_eq!(
            set("Host web01\n\tUser x\n", "web01", 2, false).unwrap(),
            "Host web01\n\tPort 2\n\tUser x\n"
        );
        // A foreign block naming the host conflicts; with replace ours goes first.
        let orig = "Host web01 web02\n  Port 22\n";
        assert!(set(orig, "web01", 2222, false).is_err());
        assert_eq!(
            set(orig, "web01", 2222, true).unwrap(),
            "Host web01\n    Port 2222\n\nHost web01 web02\n  Port 22\n"
        );
        let orig = "Host *\n  Port 22\n";
        let mut c = SshConfig::parse("Host web01\n    Port 2222\n\nHost *\n  Port 22\n");
        assert!(c.remove_port("web01"));
        assert_eq!(c.text(), orig);
        // A top-level Port cannot be overridden.
        let e = set("Port 22\n", "web01", 2222, true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1 sets port 22"), "{e}");
        assert!(set("", "web*", 1, false).is_err());
    }

    #[test]
    fn remove_keeps_other_directives() {
        let mut c = SshConfig::parse("Host web01\n  Port 2\n  User u\n");
        assert!(c.remove_port("web01"));
        assert_eq!(c.text(), "Host web01\n  User u\n");
        assert!(!c.remove_port("web01"));
        assert!(!c.remove_port("nothere"));
    }
}
