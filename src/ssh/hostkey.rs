//! The host-key policy: decide whether to trust the key a server offered, before any password
//! or key is sent, and record newly trusted keys in the agentless user's known_hosts.
//!
//! A changed key is always refused, whatever the policy. Nothing here prompts: the caller
//! chooses the policy up front (`--accept-new`, `--fingerprint`).

use super::known_hosts::{
    KnownHosts, Verdict, blob_key_type, format_entry, host_key_name, key_type_label,
    sha256_fingerprint,
};
use crate::fsutil::{EditSession, FsError, Owners, Ownership, SafeDir, WriteOptions};
use crate::transport::TransportError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use std::path::{Path, PathBuf};

/// How to treat a host key that is not in known_hosts yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKeyPolicy {
    /// Refuse unknown keys, showing the fingerprint and the flag to trust it
    /// (OpenSSH `StrictHostKeyChecking=yes`).
    Strict,
    /// Trust an unknown key on first use and record it (`StrictHostKeyChecking=accept-new`).
    AcceptNew,
    /// Trust only the key with this `SHA256:…` fingerprint, and record it.
    Fingerprint(String),
}

impl HostKeyPolicy {
    /// Builds the `--fingerprint` policy, checking the text looks like `SHA256:<43 base64>`.
    pub(crate) fn fingerprint(text: &str) -> Result<HostKeyPolicy, String> {
        let b64 = text
            .strip_prefix("SHA256:")
            .ok_or_else(|| bad_fingerprint(text))?
            .trim_end_matches('=');
        match STANDARD_NO_PAD.decode(b64) {
            Ok(bytes) if bytes.len() == 32 => {
                Ok(HostKeyPolicy::Fingerprint(format!("SHA256:{b64}")))
            }
            _ => Err(bad_fingerprint(text)),
        }
    }
}

fn bad_fingerprint(text: &str) -> String {
    format!(
        "--fingerprint {text:?}: expected SHA256: followed by 43 base64 characters, as printed by `ssh-keygen -lf KEY.pub`"
    )
}

/// The agentless user's known_hosts file and who should own it.
#[derive(Debug, Clone)]
pub struct KnownHostsFile {
    /// The file (`<ossec-dir>/.ssh/known_hosts`).
    pub path: PathBuf,
    /// `(uid, gid)` to own the file (and a newly created `.ssh`): the agentless user when we
    /// run as root. `None` leaves owners as they are (new files: ours).
    pub owner: Option<(u32, u32)>,
}

pub(crate) use crate::transport::HostKeyError;

/// What was decided about the host key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostKeyDecision {
    /// `ED25519`, `RSA`, …
    pub(crate) key_type: String,
    /// `SHA256:…`
    pub(crate) fingerprint: String,
    /// How it was trusted.
    pub(crate) trust: Trust,
}

/// Why a host key was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Trust {
    /// Already in known_hosts at this line.
    Known {
        /// 1-based line.
        line: usize,
    },
    /// New; this line is to be appended once login succeeds.
    New {
        /// The known_hosts line.
        entry: String,
    },
}

/// Judges the key `blob` offered by `host:port` under `policy`. Writes nothing.
pub(crate) fn decide(
    target: &str,
    host: &str,
    port: u16,
    blob: &[u8],
    policy: &HostKeyPolicy,
    file: &KnownHostsFile,
) -> Result<HostKeyDecision, TransportError> {
    let known = KnownHosts::load(&file.path).map_err(|source| TransportError::KnownHosts {
        target: target.to_string(),
        source,
    })?;
    let raw_type = blob_key_type(blob).unwrap_or("unknown");
    let key_type = key_type_label(raw_type);
    let fingerprint = sha256_fingerprint(blob);
    let decision = |trust| HostKeyDecision {
        key_type: key_type.clone(),
        fingerprint: fingerprint.clone(),
        trust,
    };
    let pin_ok = |expected: &String| *expected == fingerprint;
    let mismatch = |expected: &String| HostKeyError::FingerprintMismatch {
        target: target.to_string(),
        key_type: key_type.clone(),
        expected: expected.clone(),
        actual: fingerprint.clone(),
    };
    let new_entry = || Trust::New {
        entry: format_entry(host, port, blob),
    };
    let result = match known.check(host, port, blob) {
        Verdict::Match { line } => match policy {
            HostKeyPolicy::Fingerprint(expected) if !pin_ok(expected) => Err(mismatch(expected)),
            _ => Ok(decision(Trust::Known { line })),
        },
        Verdict::Revoked { line } => Err(HostKeyError::Revoked {
            target: target.to_string(),
            fingerprint,
            known_hosts: file.path.clone(),
            line,
        }),
        Verdict::Changed { line } => Err(HostKeyError::Changed {
            target: target.to_string(),
            name: host_key_name(host, port),
            key_type,
            fingerprint,
            known_hosts: file.path.clone(),
            line,
        }),
        Verdict::OtherTypes { known: others } => match policy {
            HostKeyPolicy::Fingerprint(expected) if pin_ok(expected) => Ok(decision(new_entry())),
            HostKeyPolicy::Fingerprint(expected) => Err(mismatch(expected)),
            HostKeyPolicy::AcceptNew => Err(HostKeyError::UnknownType {
                target: target.to_string(),
                key_type,
                fingerprint,
                known_hosts: file.path.clone(),
                known: describe_others(&others),
            }),
            HostKeyPolicy::Strict => Err(HostKeyError::Unknown {
                target: target.to_string(),
                key_type,
                fingerprint,
                known_hosts: file.path.clone(),
                others: format!("; it holds other key types: {}", describe_others(&others)),
            }),
        },
        Verdict::Unknown => match policy {
            HostKeyPolicy::Fingerprint(expected) if pin_ok(expected) => Ok(decision(new_entry())),
            HostKeyPolicy::Fingerprint(expected) => Err(mismatch(expected)),
            HostKeyPolicy::AcceptNew => Ok(decision(new_entry())),
            HostKeyPolicy::Strict => Err(HostKeyError::Unknown {
                target: target.to_string(),
                key_type,
                fingerprint,
                known_hosts: file.path.clone(),
                others: String::new(),
            }),
        },
    };
    result.map_err(TransportError::from)
}

fn describe_others(others: &[(usize, String)]) -> String {
    others
        .iter()
        .map(|(line, t)| format!("line {line}: {}", key_type_label(t)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends `entry` to the known_hosts file under its lock, atomically, creating `.ssh` (0700)
/// and the file (0644) when they are missing; with an owner configured, the file is given to
/// that owner (an existing file keeps its mode). An entry that is
/// already present (another run added it meanwhile) is not added twice.
///
/// Everything goes through one `EditSession` of the link-safe layer: `.ssh` is the agentless
/// user's, so a link, hard link or foreign-owned file planted as `known_hosts` or
/// `known_hosts.lock` is refused (`FsError::Unsafe`) before anything is read, created or
/// chowned.
pub fn record(file: &KnownHostsFile, entry: &str) -> Result<(), FsError> {
    let owners = Owners::root_or(file.owner.map(|(u, _)| u));
    let dir = file.path.parent().unwrap_or(Path::new("."));
    let (parent, name) = SafeDir::open_parent(dir, owners)?;
    parent.create_dir(&name, 0o700, file.owner)?;
    let session = EditSession::open(&file.path, owners)?;
    if let (Some((uid, gid)), Some(lock)) = (file.owner, session.lock()) {
        // So that the agentless user can take the lock too (through the checked descriptor).
        lock.chown(uid, gid)?;
    }
    let mut text = session.original().unwrap_or_default().to_vec();
    if String::from_utf8_lossy(&text)
        .lines()
        .any(|l| l.trim() == entry)
    {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with(b"\n") {
        text.push(b'\n');
    }
    text.extend_from_slice(entry.as_bytes());
    text.push(b'\n');
    // The agentless user's ssh reads this file: it must own it (a source install may have
    // left a root-owned one behind).
    let ownership = match file.owner {
        Some((uid, gid)) => Ownership::Set {
            uid: Some(uid),
            gid: Some(gid),
        },
        None => Ownership::KeepExisting,
    };
    session.commit(
        &text,
        &WriteOptions {
            new_file_mode: Some(0o644),
            ownership,
            owners,
            ..WriteOptions::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    const ED: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIKmik6YBFN4De0L05u2l1QaXoD/Fvy8zZmxhyW6YZ8KG";
    const ED2: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIP/G8zGykIL3ssM5Zh/zlgve421nQupLxflAScfqX1x6";
    const FP: &str = "SHA256:6GDc4bnD746UrNj4YgARfH2SQteuvJteKEtZtr82jwI";

    fn setup(text: Option<&str>) -> (tempfile::TempDir, KnownHostsFile) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".ssh/known_hosts");
        if let Some(t) = text {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, t).unwrap();
        }
        (dir, KnownHostsFile { path, owner: None })
    }

    fn run(file: &KnownHostsFile, key: &str, policy: &HostKeyPolicy) -> Result<Trust, String> {
        decide(
            "u@h:2222",
            "h",
            2222,
            &STANDARD.decode(key).unwrap(),
            policy,
            file,
        )
        .map(|d| d.trust)
        .map_err(|e| e.to_string())
    }

    #[test]
    fn strict_refuses_unknown_with_the_flag_to_use() {
        let (_d, f) = setup(None);
        let err = run(&f, ED, &HostKeyPolicy::Strict).unwrap_err();
        assert!(err.contains(FP), "{err}");
        assert!(err.contains(&format!("--fingerprint {FP}")), "{err}");
        assert!(err.contains("--accept-new"), "{err}");
        assert!(!f.path.exists());
    }

    #[test]
    fn accept_new_and_pin() {
        let (_d, f) = setup(None);
        let entry = format!("[h]:2222 ssh-ed25519 {ED}");
        assert_eq!(
            run(&f, ED, &HostKeyPolicy::AcceptNew).unwrap(),
            Trust::New {
                entry: entry.clone()
            }
        );
        let pin = HostKeyPolicy::fingerprint(&format!("{FP}=")).unwrap();
        assert_eq!(
            run(&f, ED, &pin).unwrap(),
            Trust::New {
                entry: entry.clone()
            }
        );
        assert!(run(&f, ED2, &pin).unwrap_err().contains("does not match"));
        record(&f, &entry).unwrap();
        record(&f, &entry).unwrap();
        assert_eq!(
            std::fs::read_to_string(&f.path).unwrap(),
            format!("{entry}\n")
        );
        assert_eq!(
            run(&f, ED, &HostKeyPolicy::Strict).unwrap(),
            Trust::Known { line: 1 }
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&f.path), 0o644);
        assert_eq!(mode(f.path.parent().unwrap()), 0o700);
    }

    #[test]
    fn changed_key_is_refused_whatever_the_policy() {
        let (_d, f) = setup(Some(&format!("# x\n[h]:2222 ssh-ed25519 {ED2}\n")));
        for p in [
            HostKeyPolicy::Strict,
            HostKeyPolicy::AcceptNew,
            HostKeyPolicy::fingerprint(FP).unwrap(),
        ] {
            let err = run(&f, ED, &p).unwrap_err();
            assert!(err.contains("HOST KEY CHANGED"), "{err}");
            assert!(err.contains("line 2"), "{err}");
        }
    }

    #[test]
    fn bad_fingerprints_are_rejected() {
        assert!(HostKeyPolicy::fingerprint("MD5:aa:bb").is_err());
        assert!(HostKeyPolicy::fingerprint("SHA256:short").is_err());
    }
}
