//! OpenSSH `known_hosts` files, parsed in Rust.
//!
//! libssh2's own check (`KnownHosts::check_port` in ssh2) compares the server's key with stored
//! keys of *every* type, so a host known only by its RSA key that offers ed25519 looks like a
//! changed key. This module matches by key type, as OpenSSH does: plain and hashed (`|1|salt|hash`)
//! host patterns, `[host]:port` for ports other than 22, comma-separated and negated (`!`)
//! patterns with `*`/`?` wildcards, several key types per host, `@revoked` markers honoured and
//! `@cert-authority` lines skipped. Lines it cannot read are skipped, never fatal.
//!
//! It only reads and formats; writing (with lock, owner and mode) is in `hostkey`.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use ssh_key::sha2::{Digest, Sha256};
use std::path::Path;

/// The name a host is stored under: `host` for port 22, `[host]:port` otherwise.
pub(crate) fn host_key_name(host: &str, port: u16) -> String {
    let host = host.to_ascii_lowercase();
    if port == 22 {
        host
    } else {
        format!("[{host}]:{port}")
    }
}

/// The key type named inside an SSH public-key blob (its first string), e.g. `ssh-ed25519`.
pub(crate) fn blob_key_type(blob: &[u8]) -> Option<&str> {
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    std::str::from_utf8(blob.get(4..4 + len)?).ok()
}

/// `SHA256:…` (unpadded base64), the fingerprint format of `ssh-keygen -l`.
pub(crate) fn sha256_fingerprint(blob: &[u8]) -> String {
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(blob)))
}

/// The short key-type name `ssh-keygen -l` prints: `ED25519`, `RSA`, `ECDSA`, …
pub(crate) fn key_type_label(key_type: &str) -> String {
    match key_type {
        "ssh-ed25519" => "ED25519".into(),
        "ssh-rsa" => "RSA".into(),
        "ssh-dss" => "DSA".into(),
        t if t.starts_with("ecdsa-sha2-") => "ECDSA".into(),
        t => t.to_string(),
    }
}

/// Host-key algorithms to offer for a stored key type, most preferred first.
pub(crate) fn algorithms_for(key_type: &str) -> &[&str] {
    match key_type {
        "ssh-ed25519" => &["ssh-ed25519"],
        "ssh-rsa" => &["rsa-sha2-512", "rsa-sha2-256"],
        "ecdsa-sha2-nistp256" => &["ecdsa-sha2-nistp256"],
        "ecdsa-sha2-nistp384" => &["ecdsa-sha2-nistp384"],
        "ecdsa-sha2-nistp521" => &["ecdsa-sha2-nistp521"],
        _ => &[],
    }
}

/// One key line of a known_hosts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line number in the file.
    pub(crate) line: usize,
    /// `@revoked` was given.
    pub(crate) revoked: bool,
    hosts: Hosts,
    /// The key type named in the blob (the authoritative one).
    pub(crate) key_type: String,
    /// The decoded public-key blob.
    pub(crate) blob: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Hosts {
    Hashed { salt: Vec<u8>, hash: Vec<u8> },
    Patterns(Vec<String>),
}

impl Entry {
    /// True when this entry's host field names `name` (as built by [`host_key_name`]).
    pub(crate) fn matches_host(&self, name: &str) -> bool {
        match &self.hosts {
            Hosts::Hashed { salt, hash } => {
                let Ok(mut mac) = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(salt) else {
                    return false;
                };
                mac.update(name.as_bytes());
                mac.verify_slice(hash).is_ok()
            }
            Hosts::Patterns(list) => {
                let mut positive = false;
                for p in list {
                    if let Some(neg) = p.strip_prefix('!') {
                        if glob(neg.as_bytes(), name.as_bytes()) {
                            return false;
                        }
                    } else if glob(p.as_bytes(), name.as_bytes()) {
                        positive = true;
                    }
                }
                positive
            }
        }
    }
}

/// What the file says about a host's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// An entry of this type holds exactly this key.
    Match {
        /// Its line.
        line: usize,
    },
    /// The key is listed as `@revoked` for this host.
    Revoked {
        /// Its line.
        line: usize,
    },
    /// An entry of the same type holds a different key: the key changed.
    Changed {
        /// The first such line.
        line: usize,
    },
    /// The host is known only by keys of other types.
    OtherTypes {
        /// Line and key type of each.
        known: Vec<(usize, String)>,
    },
    /// Nothing stored for this host.
    Unknown,
}

/// A parsed known_hosts file.
#[derive(Debug, Clone, Default)]
pub struct KnownHosts {
    entries: Vec<Entry>,
    skipped: Vec<usize>,
}

impl KnownHosts {
    /// Reads `path` link-safely (a planted link or hard link is refused); a missing file is an
    /// empty list.
    pub(crate) fn load(path: &Path) -> Result<KnownHosts, crate::fsutil::FsError> {
        match crate::fsutil::read_optional(path, crate::fsutil::Owners::Any)? {
            Some(bytes) => Ok(Self::parse(&String::from_utf8_lossy(&bytes))),
            None => Ok(KnownHosts::default()),
        }
    }

    /// Parses file text; unreadable lines are skipped (see [`KnownHosts::skipped_lines`]).
    pub fn parse(text: &str) -> KnownHosts {
        let mut kh = KnownHosts::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(i + 1, line) {
                Some(Some(e)) => kh.entries.push(e),
                Some(None) => {}
                None => kh.skipped.push(i + 1),
            }
        }
        kh
    }

    /// Line numbers that could not be read.
    ///
    /// Only the fuzz tests use it (every line is either an entry or skipped); a connection only
    /// needs the entries.
    pub fn skipped_lines(&self) -> &[usize] {
        &self.skipped
    }

    /// Entries (not `@revoked`) stored for `host` on `port`.
    pub fn entries_for(&self, host: &str, port: u16) -> impl Iterator<Item = &Entry> {
        let name = host_key_name(host, port);
        self.entries
            .iter()
            .filter(move |e| !e.revoked && e.matches_host(&name))
    }

    /// Host-key algorithm preference for connecting to `host`: the stored types first (as
    /// OpenSSH does), then `others` in their order. Certificate algorithms are left out.
    pub fn algorithm_preference(&self, host: &str, port: u16, others: &[&str]) -> String {
        let mut prefs: Vec<&str> = Vec::new();
        for e in self.entries_for(host, port) {
            for a in algorithms_for(&e.key_type) {
                if !prefs.contains(a) {
                    prefs.push(a);
                }
            }
        }
        for a in others {
            if !a.contains("-cert-") && !prefs.contains(a) {
                prefs.push(a);
            }
        }
        prefs.join(",")
    }

    /// Judges the key `blob` offered by `host` on `port`.
    pub fn check(&self, host: &str, port: u16, blob: &[u8]) -> Verdict {
        let name = host_key_name(host, port);
        let key_type = blob_key_type(blob).unwrap_or_default();
        let mut changed = None;
        let mut others = Vec::new();
        for e in self.entries.iter().filter(|e| e.matches_host(&name)) {
            if e.revoked {
                if e.blob == blob {
                    return Verdict::Revoked { line: e.line };
                }
                continue;
            }
            if e.blob == blob {
                // Keep looking: a later @revoked line for the same key still wins.
                if !self
                    .entries
                    .iter()
                    .any(|r| r.revoked && r.blob == blob && r.matches_host(&name))
                {
                    return Verdict::Match { line: e.line };
                }
            } else if e.key_type == key_type {
                changed.get_or_insert(e.line);
            } else {
                others.push((e.line, e.key_type.clone()));
            }
        }
        if let Some(r) = self
            .entries
            .iter()
            .find(|r| r.revoked && r.blob == blob && r.matches_host(&name))
        {
            return Verdict::Revoked { line: r.line };
        }
        match changed {
            Some(line) => Verdict::Changed { line },
            None if !others.is_empty() => Verdict::OtherTypes { known: others },
            None => Verdict::Unknown,
        }
    }
}

/// The line to append for a new key: `name type base64`.
pub(crate) fn format_entry(host: &str, port: u16, blob: &[u8]) -> String {
    let key_type = blob_key_type(blob).unwrap_or("unknown");
    format!(
        "{} {} {}",
        host_key_name(host, port),
        key_type,
        STANDARD.encode(blob)
    )
}

/// `Some(Some(entry))`: a key line; `Some(None)`: a line to ignore silently
/// (`@cert-authority`); `None`: unreadable.
fn parse_line(number: usize, line: &str) -> Option<Option<Entry>> {
    let mut fields = line.split_ascii_whitespace();
    let mut first = fields.next()?;
    let mut revoked = false;
    if let Some(marker) = first.strip_prefix('@') {
        match marker {
            "revoked" => revoked = true,
            "cert-authority" => return Some(None),
            _ => return None,
        }
        first = fields.next()?;
    }
    let _declared_type = fields.next()?;
    let blob = STANDARD.decode(fields.next()?).ok()?;
    let key_type = blob_key_type(&blob)?.to_string();
    let hosts = if let Some(rest) = first.strip_prefix("|1|") {
        let (salt, hash) = rest.split_once('|')?;
        Hosts::Hashed {
            salt: STANDARD.decode(salt).ok()?,
            hash: STANDARD.decode(hash).ok()?,
        }
    } else {
        Hosts::Patterns(first.split(',').map(|p| p.to_ascii_lowercase()).collect())
    };
    Some(Some(Entry {
        line: number,
        revoked,
        hosts,
        key_type,
        blob,
    }))
}

/// Shell-style wildcard match: `*` any run, `?` one byte.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two real host keys (from `ssh-keygen`), as blobs.
    const ED: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIKmik6YBFN4De0L05u2l1QaXoD/Fvy8zZmxhyW6YZ8KG";
    const ED2: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIP/G8zGykIL3ssM5Zh/zlgve421nQupLxflAScfqX1x6";
    const RSA: &str = "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+esnZHlF/rs/sj5+8sy8Yx+Ii+h1NP0qDf0iHiccGEi03bXKRBkSHgPP3Doy7aVGo1rsNtWlR0mQeAmJc8yqk0ToAryCI/1a5PDWJ26jCcmBgYuaJUXyZb9SWRhu3K7RsUAYE0803/jDPk2n4NO8G9J/QBFPLvyXnIM/FXaqEPQ==";

    fn blob(b64: &str) -> Vec<u8> {
        STANDARD.decode(b64).unwrap()
    }

    fn hashed(name: &str, salt: &[u8]) -> String {
        let mut mac = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(salt).unwrap();
        mac.update(name.as_bytes());
        let hash = mac.finalize().into_bytes();
        format!("|1|{}|{}", STANDARD.encode(salt), STANDARD.encode(hash))
    }

    fn kh(text: &str) -> KnownHosts {
        KnownHosts::parse(text)
    }

    #[test]
    fn key_type_comes_from_the_blob() {
        assert_eq!(blob_key_type(&blob(ED)), Some("ssh-ed25519"));
        assert_eq!(blob_key_type(&blob(RSA)), Some("ssh-rsa"));
        assert_eq!(blob_key_type(b"\0\0"), None);
    }

    #[test]
    fn plain_entries_with_ports_and_patterns() {
        let k = kh(&format!(
            "# comment\n\nweb1,web2 ssh-ed25519 {ED}\n[10.0.0.5]:2222 ssh-ed25519 {ED}\n*.example.org,!bad.example.org ssh-ed25519 {ED}\n"
        ));
        assert_eq!(k.check("web2", 22, &blob(ED)), Verdict::Match { line: 3 });
        assert_eq!(k.check("WEB1", 22, &blob(ED)), Verdict::Match { line: 3 });
        // port 22 entry does not cover another port, and vice versa
        assert_eq!(k.check("web1", 2222, &blob(ED)), Verdict::Unknown);
        assert_eq!(k.check("10.0.0.5", 22, &blob(ED)), Verdict::Unknown);
        assert_eq!(
            k.check("10.0.0.5", 2222, &blob(ED)),
            Verdict::Match { line: 4 }
        );
        assert_eq!(
            k.check("a.example.org", 22, &blob(ED)),
            Verdict::Match { line: 5 }
        );
        assert_eq!(k.check("bad.example.org", 22, &blob(ED)), Verdict::Unknown);
    }

    #[test]
    fn hashed_entries_match_only_their_host() {
        let k = kh(&format!(
            "{} ssh-ed25519 {ED}\n{} ssh-ed25519 {ED}\n",
            hashed("host.example", b"0123456789abcdefghij"),
            hashed("[127.0.0.1]:2200", b"saltsaltsaltsaltsalt"),
        ));
        assert_eq!(
            k.check("host.example", 22, &blob(ED)),
            Verdict::Match { line: 1 }
        );
        assert_eq!(k.check("other", 22, &blob(ED)), Verdict::Unknown);
        assert_eq!(
            k.check("127.0.0.1", 2200, &blob(ED)),
            Verdict::Match { line: 2 }
        );
        assert_eq!(k.check("127.0.0.1", 22, &blob(ED)), Verdict::Unknown);
    }

    #[test]
    fn a_different_key_of_the_same_type_is_a_change() {
        let k = kh(&format!("h ssh-rsa {RSA}\nh ssh-ed25519 {ED}\n"));
        assert_eq!(k.check("h", 22, &blob(ED2)), Verdict::Changed { line: 2 });
        assert_eq!(k.check("h", 22, &blob(RSA)), Verdict::Match { line: 1 });
    }

    #[test]
    fn only_rsa_stored_and_ed25519_offered_is_not_a_change() {
        let k = kh(&format!("h ssh-rsa {RSA}\n"));
        assert_eq!(
            k.check("h", 22, &blob(ED)),
            Verdict::OtherTypes {
                known: vec![(1, "ssh-rsa".into())]
            }
        );
        // and the stored type is preferred when connecting
        assert_eq!(
            k.algorithm_preference(
                "h",
                22,
                &["ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com"]
            ),
            "rsa-sha2-512,rsa-sha2-256,ssh-ed25519"
        );
        assert_eq!(
            k.algorithm_preference("x", 22, &["ssh-ed25519", "rsa-sha2-512"]),
            "ssh-ed25519,rsa-sha2-512"
        );
    }

    #[test]
    fn revoked_wins_and_odd_lines_are_skipped() {
        let k = kh(&format!(
            "h ssh-ed25519 {ED}\n@revoked * ssh-ed25519 {ED}\n@cert-authority *.x ssh-ed25519 {ED2}\ngarbage\nh ssh-ed25519 !!notbase64\n@weird h ssh-ed25519 {ED}\n"
        ));
        assert_eq!(k.check("h", 22, &blob(ED)), Verdict::Revoked { line: 2 });
        assert_eq!(k.skipped_lines(), &[4, 5, 6]);
    }

    #[test]
    fn formats_entries_and_fingerprints() {
        assert_eq!(
            format_entry("127.0.0.1", 2222, &blob(ED)),
            format!("[127.0.0.1]:2222 ssh-ed25519 {ED}")
        );
        assert_eq!(
            format_entry("Host", 22, &blob(ED)),
            format!("host ssh-ed25519 {ED}")
        );
        // the same text as `ssh-keygen -lf` printed for this key
        assert_eq!(
            sha256_fingerprint(&blob(ED)),
            "SHA256:6GDc4bnD746UrNj4YgARfH2SQteuvJteKEtZtr82jwI"
        );
    }

    #[test]
    fn glob_matches_like_openssh() {
        assert!(glob(b"*", b"anything"));
        assert!(glob(b"10.0.?.*", b"10.0.1.25"));
        assert!(!glob(b"10.0.?.*", b"10.0.12.5"));
        assert!(glob(b"a*b*c", b"axxbyyc"));
        assert!(!glob(b"a*b", b"ac"));
    }
}
