//! Where things live under the OSSEC directory, and which product is installed there.
//!
//! OSSEC and Wazuh 4.x share the `/var/ossec` tree but differ in daemon names, the agentless
//! user (`ossec` / `wazuh`) and the `.passlist` encoding. Wazuh 5.x removed agentless monitoring.
//! Detection only looks at files; it never runs anything.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The product installed in an OSSEC directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flavour {
    /// OSSEC HIDS (any version).
    Ossec,
    /// Wazuh 4.x (or 3.x): agentless supported, base64 `.passlist`, user `wazuh` from 4.3.
    Wazuh4,
    /// Wazuh 5.x: agentless monitoring was removed.
    Wazuh5,
    /// Nothing recognisable (an empty or hand-made directory).
    Unknown,
}

impl Flavour {
    /// The user and group the agentless daemon runs as.
    pub(crate) fn agentless_user(self) -> &'static str {
        match self {
            Flavour::Wazuh4 | Flavour::Wazuh5 => "wazuh",
            Flavour::Ossec | Flavour::Unknown => "ossec",
        }
    }

    /// The agentless daemon's binary name.
    pub(crate) fn daemon_name(self) -> &'static str {
        match self {
            Flavour::Wazuh4 | Flavour::Wazuh5 => "wazuh-agentlessd",
            Flavour::Ossec | Flavour::Unknown => "ossec-agentlessd",
        }
    }

    /// True when `<agentless>` blocks are still honoured.
    pub(crate) fn supports_agentless(self) -> bool {
        self != Flavour::Wazuh5
    }
}

impl fmt::Display for Flavour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flavour::Ossec => "OSSEC",
            Flavour::Wazuh4 => "Wazuh 4.x",
            Flavour::Wazuh5 => "Wazuh 5.x",
            Flavour::Unknown => "unknown",
        })
    }
}

/// The account that owns the agentless user's files (`ossec`, or `wazuh` on Wazuh, falling back
/// to `ossec` for Wazuh before 4.3) as `(name, uid, gid)`, when we run as root and it exists;
/// `None` otherwise (files stay the current user's). The gid is the group of the same name when
/// there is one, else the account's primary group.
pub(crate) fn agentless_account(flavour: Flavour) -> Option<(String, u32, u32)> {
    if !crate::fsutil::is_root() {
        return None;
    }
    [flavour.agentless_user(), "ossec"]
        .into_iter()
        .find_map(|name| {
            let a = crate::fsutil::lookup_user(name)?;
            let gid = crate::fsutil::group_id(name).unwrap_or(a.gid);
            Some((name.to_string(), a.uid, gid))
        })
}

/// `agentless_account` as the `(uid, gid)` pair file writers take.
pub fn agentless_owner(flavour: Flavour) -> Option<(u32, u32)> {
    agentless_account(flavour).map(|(_, uid, gid)| (uid, gid))
}

/// What detection found: the flavour and, when a file states it, the version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Install {
    /// The product.
    pub flavour: Flavour,
    /// The version text as found (`v3.7.0`, `4.14.7`), if any.
    pub(crate) version: Option<String>,
}

/// Paths under one OSSEC directory.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
    config: PathBuf,
}

impl Layout {
    /// A layout rooted at `root`, with ossec.conf at `config` or `<root>/etc/ossec.conf`.
    pub fn new(root: impl Into<PathBuf>, config: Option<PathBuf>) -> Layout {
        let root = root.into();
        let config = config.unwrap_or_else(|| root.join("etc").join("ossec.conf"));
        Layout { root, config }
    }

    /// The OSSEC directory.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }
    /// ossec.conf.
    pub(crate) fn config(&self) -> &Path {
        &self.config
    }
    /// `<root>/agentless`, where the scripts and `.passlist` live.
    pub(crate) fn agentless_dir(&self) -> PathBuf {
        self.root.join("agentless")
    }
    /// `<root>/agentless/.passlist`.
    pub fn passlist(&self) -> PathBuf {
        self.agentless_dir().join(".passlist")
    }
    /// `<root>/.ssh`, the agentless user's ssh directory (its home is the OSSEC directory).
    pub(crate) fn ssh_dir(&self) -> PathBuf {
        self.root.join(".ssh")
    }
    /// `<root>/bin`.
    pub(crate) fn bin_dir(&self) -> PathBuf {
        self.root.join("bin")
    }
    /// `<root>/queue/ossec/queue`, analysisd's datagram socket.
    pub(crate) fn analysisd_queue(&self) -> PathBuf {
        self.root.join("queue").join("ossec").join("queue")
    }

    /// `<root>/logs/alerts/alerts.log`, where analysisd writes its alerts.
    pub(crate) fn alerts_log(&self) -> PathBuf {
        self.root.join("logs").join("alerts").join("alerts.log")
    }

    /// `<root>/queue/agentless/ossec-agentless`: what `scan --agentless` keeps between runs
    /// (its baselines), beside ossec-agentlessd's own state and owned by the same user.
    pub(crate) fn agentless_state_dir(&self) -> PathBuf {
        self.root
            .join("queue")
            .join("agentless")
            .join("ossec-agentless")
    }

    /// Detects the installed product from the files present.
    pub fn detect(&self) -> Install {
        detect(&self.root)
    }
}

fn detect(root: &Path) -> Install {
    let bin = root.join("bin");
    let has = |name: &str| bin.join(name).exists();
    let version = read_version(root);
    let major = version
        .as_deref()
        .map(|v| v.trim_start_matches(['v', 'V']))
        .and_then(|v| v.split('.').next())
        .and_then(|m| m.parse::<u32>().ok());
    let init_name = init_conf_value(root, "NAME").unwrap_or_default();

    let flavour = if has("wazuh-agentlessd") {
        Flavour::Wazuh4
    } else if has("wazuh-control") || has("wazuh-manager") || init_name.contains("Wazuh") {
        match major {
            Some(m) if m >= 5 => Flavour::Wazuh5,
            Some(_) => Flavour::Wazuh4,
            // wazuh-control without wazuh-agentlessd: the daemon was removed (5.x).
            None if has("wazuh-control") => Flavour::Wazuh5,
            None => Flavour::Wazuh4,
        }
    } else if has("ossec-agentlessd") || has("ossec-control") || !init_name.is_empty() {
        // Wazuh 3.x and early 4.x still shipped ossec-* names; ossec-init.conf says which.
        if init_name.contains("Wazuh") {
            Flavour::Wazuh4
        } else {
            Flavour::Ossec
        }
    } else {
        Flavour::Unknown
    };
    Install { flavour, version }
}

/// `etc/ossec-init.conf` (OSSEC, Wazuh < 4.2) holds `NAME="…"` and `VERSION="…"`.
fn init_conf_value(root: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(root.join("etc").join("ossec-init.conf")).ok()?;
    text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn read_version(root: &Path) -> Option<String> {
    if let Some(v) = init_conf_value(root, "VERSION") {
        return Some(v);
    }
    // Wazuh packages keep a VERSION (4.x) or VERSION.json (5.x) file at the top.
    if let Ok(text) = std::fs::read_to_string(root.join("VERSION.json"))
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
        && let Some(v) = json.get("version").and_then(|v| v.as_str())
    {
        return Some(v.to_string());
    }
    std::fs::read_to_string(root.join("VERSION"))
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn layout_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Layout) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let l = Layout::new(dir.path(), None);
        (dir, l)
    }

    #[test]
    fn detects_each_flavour() {
        let (_d, l) = layout_with(&[
            ("bin/ossec-agentlessd", ""),
            (
                "etc/ossec-init.conf",
                "NAME=\"OSSEC HIDS\"\nVERSION=\"v3.7.0\"\n",
            ),
        ]);
        assert_eq!(
            l.detect(),
            Install {
                flavour: Flavour::Ossec,
                version: Some("v3.7.0".into())
            }
        );
        let (_d, l) = layout_with(&[("bin/wazuh-agentlessd", ""), ("bin/wazuh-control", "")]);
        assert_eq!(l.detect().flavour, Flavour::Wazuh4);
        let (_d, l) = layout_with(&[("bin/wazuh-control", "")]);
        assert_eq!(l.detect().flavour, Flavour::Wazuh5);
        let (_d, l) = layout_with(&[
            ("bin/wazuh-control", ""),
            ("VERSION.json", "{\"version\": \"5.0.0\"}"),
        ]);
        assert_eq!(l.detect().version.as_deref(), Some("5.0.0"));
        let (_d, l) = layout_with(&[("etc/ossec.conf", "")]);
        assert_eq!(l.detect().flavour, Flavour::Unknown);
    }
}
