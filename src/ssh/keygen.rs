//! The agentless user's SSH key pair: generated in Rust (`ssh-key`), written as
//! `<ossec-dir>/.ssh/id_<type>` (0600) and `.pub` (0644) in OpenSSH formats, with `.ssh` created
//! or fixed to 0700 and everything owned by the agentless user.
//!
//! Planning and applying are separate so a dry run can show every change without making a key,
//! and the caller can show a spinner while an RSA key is generated. Nothing here prints.

use crate::fsutil::create_private_dir;
use crate::fsutil::{FsError, Ownership, WriteOptions, atomic_write};
use ssh_key::private::{Ed25519Keypair, KeypairData, RsaKeypair};
use ssh_key::rand_core::OsRng;
use ssh_key::{HashAlg, LineEnding, PrivateKey};
use std::fmt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Default RSA size, as ssh-keygen since OpenSSH 8.0.
pub(crate) const DEFAULT_RSA_BITS: usize = 3072;

/// The key algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    /// Ed25519 (the default; ssh-keygen's default since OpenSSH 9.5).
    Ed25519,
    /// RSA (for old servers).
    Rsa,
}

impl KeyType {
    /// The file name stem: `id_ed25519`, `id_rsa`.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            KeyType::Ed25519 => "id_ed25519",
            KeyType::Rsa => "id_rsa",
        }
    }
}

/// Why a key could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeygenError {
    /// A key file is in the way and `--force` was not given.
    #[error(
        "{} already exists; keeping it (use --force to replace it: the old key then stops working wherever it was installed)",
        path.display()
    )]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// The path exists but is not a directory.
    #[error("{} exists but is not a directory", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// An unsupported size.
    #[error("--bits {bits}: {reason}")]
    Bits {
        /// What was asked.
        bits: usize,
        /// Why not.
        reason: &'static str,
    },
    /// The crypto library failed.
    #[error("cannot generate the key")]
    Generate(#[source] ssh_key::Error),
    /// A file could not be written.
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// Who should own `.ssh` and the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// User name (for messages).
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
}

/// One change to the file system, planned or made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// A directory to create.
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Its mode.
        mode: u32,
        /// Its owner, when set.
        owner: Option<String>,
    },
    /// A directory's mode to fix.
    DirMode {
        /// The directory.
        path: PathBuf,
        /// Mode before.
        from: u32,
        /// Mode after.
        to: u32,
    },
    /// A directory's owner to fix.
    DirOwner {
        /// The directory.
        path: PathBuf,
        /// `uid:gid` before.
        from: String,
        /// The new owner.
        to: String,
    },
    /// A key file to write.
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Its mode.
        mode: u32,
        /// Its owner, when set.
        owner: Option<String>,
        /// True when an existing file is replaced (`--force`).
        replaces: bool,
    },
}

impl Change {
    /// One line for the user: `create …` / `created …` (with `done`).
    pub(crate) fn describe(&self, done: bool) -> String {
        let verb = |now: &str, past: &str| {
            if done {
                past.to_string()
            } else {
                now.to_string()
            }
        };
        let own = |o: &Option<String>| {
            o.as_ref()
                .map(|o| format!(", owner {o}"))
                .unwrap_or_default()
        };
        match self {
            Change::CreateDir { path, mode, owner } => format!(
                "{} {} (mode {mode:04o}{})",
                verb("create", "created"),
                path.display(),
                own(owner)
            ),
            Change::DirMode { path, from, to } => format!(
                "{} mode of {} from {from:04o} to {to:04o}",
                verb("change", "changed"),
                path.display()
            ),
            Change::DirOwner { path, from, to } => format!(
                "{} owner of {} from {from} to {to}",
                verb("change", "changed"),
                path.display()
            ),
            Change::WriteFile {
                path,
                mode,
                owner,
                replaces,
            } => format!(
                "{} {} (mode {mode:04o}{})",
                match (replaces, done) {
                    (true, true) => "replaced",
                    (true, false) => "replace",
                    (false, true) => "wrote",
                    (false, false) => "write",
                },
                path.display(),
                own(owner)
            ),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(false))
    }
}

/// What `keygen` will do.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The private key file.
    pub(crate) private: PathBuf,
    /// The public key file.
    pub(crate) public: PathBuf,
    /// Every change, in order.
    pub changes: Vec<Change>,
    owner: Option<Owner>,
}

/// Works out the changes for a key of `key_type` in `ssh_dir`, refusing to replace existing
/// keys unless `force`.
pub fn plan(
    ssh_dir: &Path,
    key_type: KeyType,
    force: bool,
    owner: Option<Owner>,
) -> Result<Plan, KeygenError> {
    let private = ssh_dir.join(key_type.file_name());
    let public = ssh_dir.join(format!("{}.pub", key_type.file_name()));
    let mut exists = [false, false];
    for (i, p) in [&private, &public].into_iter().enumerate() {
        if p.symlink_metadata().is_ok() {
            if !force {
                return Err(KeygenError::Exists { path: p.clone() });
            }
            // Refuse a planted link or hard link before anything is written.
            let (dir, name) = crate::fsutil::SafeDir::open_parent(p, crate::fsutil::Owners::Any)?;
            dir.open_file(&name)?;
            exists[i] = true;
        }
    }
    let owner_name = owner.as_ref().map(|o| o.name.clone());
    let mut changes = Vec::new();
    match std::fs::metadata(ssh_dir) {
        Err(_) => changes.push(Change::CreateDir {
            path: ssh_dir.to_path_buf(),
            mode: 0o700,
            owner: owner_name.clone(),
        }),
        Ok(m) if !m.is_dir() => {
            return Err(KeygenError::NotADirectory {
                path: ssh_dir.to_path_buf(),
            });
        }
        Ok(m) => {
            if m.mode() & 0o7777 != 0o700 {
                changes.push(Change::DirMode {
                    path: ssh_dir.to_path_buf(),
                    from: m.mode() & 0o7777,
                    to: 0o700,
                });
            }
            if let Some(o) = &owner
                && (m.uid(), m.gid()) != (o.uid, o.gid)
            {
                changes.push(Change::DirOwner {
                    path: ssh_dir.to_path_buf(),
                    from: format!("{}:{}", m.uid(), m.gid()),
                    to: o.name.clone(),
                });
            }
        }
    }
    for (path, mode, replaces) in [(&private, 0o600, exists[0]), (&public, 0o644, exists[1])] {
        changes.push(Change::WriteFile {
            path: path.clone(),
            mode,
            owner: owner_name.clone(),
            replaces,
        });
    }
    Ok(Plan {
        private,
        public,
        changes,
        owner,
    })
}

/// Generates a key pair (RSA takes seconds; ed25519 microseconds).
pub fn generate(key_type: KeyType, bits: usize, comment: &str) -> Result<PrivateKey, KeygenError> {
    let data = match key_type {
        KeyType::Ed25519 => KeypairData::from(Ed25519Keypair::random(&mut OsRng)),
        KeyType::Rsa => {
            check_rsa_bits(bits)?;
            KeypairData::from(RsaKeypair::random(&mut OsRng, bits).map_err(KeygenError::Generate)?)
        }
    };
    PrivateKey::new(data, comment).map_err(KeygenError::Generate)
}

/// Checks an RSA size.
pub(crate) fn check_rsa_bits(bits: usize) -> Result<(), KeygenError> {
    if bits < 2048 {
        return Err(KeygenError::Bits {
            bits,
            reason: "RSA keys need at least 2048 bits",
        });
    }
    if bits > 16384 || !bits.is_multiple_of(8) {
        return Err(KeygenError::Bits {
            bits,
            reason: "use a multiple of 8 up to 16384 (3072 or 4096 are usual)",
        });
    }
    Ok(())
}

/// Makes the planned changes with `key`. Returns `ssh-keygen -l` style text:
/// `256 SHA256:… comment (ED25519)`.
pub fn apply(plan: &Plan, key: &PrivateKey) -> Result<String, KeygenError> {
    let ids = plan.owner.as_ref().map(|o| (o.uid, o.gid));
    for change in &plan.changes {
        match change {
            Change::CreateDir { path, .. } => create_private_dir(path, ids)?,
            // Through the directory's descriptor, never by path (a link is not followed).
            Change::DirMode { path, to, .. } => {
                crate::fsutil::SafeDir::open(path, crate::fsutil::Owners::Any)?
                    .set_own_owner_mode(None, Some(*to))?;
            }
            Change::DirOwner { path, .. } => {
                if ids.is_some() {
                    crate::fsutil::SafeDir::open(path, crate::fsutil::Owners::Any)?
                        .set_own_owner_mode(ids, None)?;
                }
            }
            Change::WriteFile { .. } => {}
        }
    }
    let ownership = match ids {
        Some((uid, gid)) => Ownership::Set {
            uid: Some(uid),
            gid: Some(gid),
        },
        None => Ownership::KeepExisting,
    };
    let private_text = key
        .to_openssh(LineEnding::LF)
        .map_err(KeygenError::Generate)?;
    let public_line = key
        .public_key()
        .to_openssh()
        .map_err(KeygenError::Generate)?;
    // The private key first: a .pub without its private key is the less harmful leftover.
    atomic_write(
        &plan.private,
        private_text.as_bytes(),
        &WriteOptions {
            mode: Some(0o600),
            ownership,
            ..WriteOptions::default()
        },
    )?;
    atomic_write(
        &plan.public,
        format!("{public_line}\n").as_bytes(),
        &WriteOptions {
            mode: Some(0o644),
            ownership,
            ..WriteOptions::default()
        },
    )?;
    Ok(fingerprint_line(key))
}

/// `bits SHA256:… comment (TYPE)`, as `ssh-keygen -l` prints it.
pub(crate) fn fingerprint_line(key: &PrivateKey) -> String {
    let public = key.public_key();
    let (bits, label) = match public.key_data() {
        ssh_key::public::KeyData::Rsa(rsa) => (
            rsa.n.as_positive_bytes().map_or(0, |b| {
                b.len() * 8 - b.first().map_or(0, |x| x.leading_zeros() as usize)
            }),
            "RSA",
        ),
        _ => (256, "ED25519"),
    };
    format!(
        "{bits} {} {} ({label})",
        public.fingerprint(HashAlg::Sha256),
        public.comment()
    )
}

/// `ossec@<hostname>`, the comment of the key.
pub(crate) fn default_comment() -> String {
    format!("ossec@{}", hostname())
}

fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates within it or
    // truncates, and we stop at the first NUL or the end.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "localhost".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().mode() & 0o7777
    }

    #[test]
    fn writes_an_ed25519_pair_with_modes_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let ssh = dir.path().join(".ssh");
        let p = plan(&ssh, KeyType::Ed25519, false, None).unwrap();
        assert_eq!(p.changes.len(), 3, "{:?}", p.changes);
        let key = generate(KeyType::Ed25519, 0, "ossec@test").unwrap();
        let fp = apply(&p, &key).unwrap();
        assert!(
            fp.starts_with("256 SHA256:") && fp.ends_with(" ossec@test (ED25519)"),
            "{fp}"
        );
        assert_eq!(mode(&ssh), 0o700);
        assert_eq!(mode(&ssh.join("id_ed25519")), 0o600);
        assert_eq!(mode(&ssh.join("id_ed25519.pub")), 0o644);
        let text = std::fs::read_to_string(ssh.join("id_ed25519")).unwrap();
        assert!(text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        let err = plan(&ssh, KeyType::Ed25519, false, None).unwrap_err();
        assert!(
            err.to_string().contains("id_ed25519 already exists"),
            "{err}"
        );
        let p = plan(&ssh, KeyType::Ed25519, true, None).unwrap();
        assert!(matches!(
            p.changes[0],
            Change::WriteFile { replaces: true, .. }
        ));
    }

    #[test]
    fn fixes_a_loose_directory_mode() {
        let dir = tempfile::tempdir().unwrap();
        let ssh = dir.path().join(".ssh");
        std::fs::create_dir(&ssh).unwrap();
        std::fs::set_permissions(&ssh, std::fs::Permissions::from_mode(0o755)).unwrap();
        let p = plan(&ssh, KeyType::Ed25519, false, None).unwrap();
        assert_eq!(
            p.changes[0].to_string(),
            format!("change mode of {} from 0755 to 0700", ssh.display())
        );
    }

    #[test]
    fn rsa_bits_are_checked() {
        assert!(check_rsa_bits(1024).is_err());
        assert!(check_rsa_bits(3000).is_ok());
        assert!(check_rsa_bits(3001).is_err());
    }
}
