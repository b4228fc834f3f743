//! Installing a public key in a remote account's `~/.ssh/authorized_keys`, the safe way, and
//! proving it works.
//!
//! Everything happens in one POSIX `sh` script run under `exec sh -c` (so the login shell does
//! not matter) with the key line on stdin (so it needs no quoting). The script creates `~/.ssh`
//! 0700 and `authorized_keys` 0600, adds a missing final newline, skips a key that is already
//! there (same type and base64 blob, whatever the comment or options), removes group/world
//! write bits that make sshd ignore the files, and runs `restorecon` where it exists. It reports
//! on lines starting with `oa-push-key:`, so text printed by a noisy profile is ignored.
//! Unlike OpenSSH's `ssh-copy-id`, which leaves existing modes alone (so sshd may go on
//! ignoring a group-writable `authorized_keys`) and finds duplicates only by trying a login with
//! each key (which needs the private key), duplicates are found in the file itself and loose
//! modes are fixed; the host key is verified and pinned, never accepted blindly; and key paths
//! are always explicit (the `ssh-keygen` default type changed in OpenSSH 9.5).

use super::session::{Auth, ConnectOptions, SshTransport};
use super::{Destination, HostKeyDecision};
use crate::secret::Secret;
use crate::transport::{Transport, TransportError};
use std::path::{Path, PathBuf};

/// The remote script (POSIX sh). `dry=1` (set before it) reports without changing anything.
const SCRIPT: &str = include_str!("push_key.sh");

/// The command that installs (or, with `dry_run`, only inspects) the key read from stdin.
///
/// It is one line without `!`, like ssh-copy-id's, so that even a csh-family login shell
/// passes it to `sh` intact (csh rejects newlines inside single quotes).
pub(crate) fn remote_command(dry_run: bool) -> String {
    one_line(&format!("dry={}\n{SCRIPT}", u8::from(dry_run)))
}

/// Joins a script's lines, dropping comment lines: after a word that continues the statement
/// (`then`, `do`, `{`, …) with a space, otherwise with `; `.
fn one_line(script: &str) -> String {
    let mut out = String::new();
    for line in script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if !out.is_empty() {
            let continues = ["then", "do", "else", "{", "in", ";;", "|", "&&", "||"]
                .iter()
                .any(|w| out.ends_with(&format!(" {w}")) || out == *w);
            out.push_str(if continues { " " } else { "; " });
        }
        out.push_str(line);
    }
    out
}

/// Why a key could not be pushed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushKeyError {
    /// The public key file is missing or not a public key.
    #[error("{}: {reason}", path.display())]
    KeyFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// No key given and none in the default places.
    #[error("no public key in {}: create one with `ossec-agentless keygen`, or name one with --identity", dir.display())]
    NoKey {
        /// The `.ssh` directory searched.
        dir: PathBuf,
    },
    /// The remote script failed.
    #[error("{target}: cannot install the key: {message}")]
    Remote {
        /// The host.
        target: String,
        /// What the script or shell said (sanitised for the terminal).
        message: String,
    },
    /// Connecting or running the script failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
}

/// A public key read from a `.pub` file.
#[derive(Debug, Clone)]
pub(crate) struct PublicKeyFile {
    /// The `.pub` file.
    pub(crate) path: PathBuf,
    /// `type base64 comment`, one line.
    pub(crate) line: String,
    /// `SHA256:…`
    pub(crate) fingerprint: String,
    /// `ED25519`, `RSA`, …
    pub(crate) key_type: String,
}

impl PublicKeyFile {
    /// Reads and checks the first key in `path`.
    pub(crate) fn read(path: &Path) -> Result<PublicKeyFile, PushKeyError> {
        let bad = |reason: String| PushKeyError::KeyFile {
            path: path.to_path_buf(),
            reason,
        };
        // Link-safe: a planted link or hard link in .ssh is refused, never read.
        let raw = crate::fsutil::read(path).map_err(|e| bad(crate::causes::chain(&e)))?;
        let text = String::from_utf8(raw).map_err(|_| bad("not UTF-8 text".into()))?;
        if text.contains("PRIVATE KEY") {
            return Err(bad("this is a private key; give the .pub file".into()));
        }
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or_else(|| bad("no key in the file".into()))?;
        let key = ssh_key::PublicKey::from_openssh(first)
            .map_err(|e| bad(format!("not an OpenSSH public key ({e})")))?;
        let line = key
            .to_openssh()
            .map_err(|e| bad(format!("cannot encode the key ({e})")))?;
        let blob = key
            .to_bytes()
            .map_err(|e| bad(format!("cannot encode the key ({e})")))?;
        let raw_type = super::known_hosts::blob_key_type(&blob).unwrap_or("unknown");
        Ok(PublicKeyFile {
            path: path.to_path_buf(),
            line,
            fingerprint: super::known_hosts::sha256_fingerprint(&blob),
            key_type: super::known_hosts::key_type_label(raw_type),
        })
    }

    /// The private key beside it (`X` for `X.pub`).
    pub(crate) fn private_path(&self) -> Option<PathBuf> {
        let s = self.path.to_str()?;
        s.strip_suffix(".pub").map(PathBuf::from)
    }
}

/// The key to push: `--identity FILE` (`FILE.pub` when FILE is the private key), else
/// `id_ed25519.pub`, else `id_rsa.pub` in `ssh_dir`.
pub(crate) fn choose_identity(
    ssh_dir: &Path,
    given: Option<&Path>,
) -> Result<PathBuf, PushKeyError> {
    if let Some(p) = given {
        if p.extension().is_some_and(|e| e == "pub") {
            return Ok(p.to_path_buf());
        }
        let mut with_pub = p.as_os_str().to_os_string();
        with_pub.push(".pub");
        return Ok(PathBuf::from(with_pub));
    }
    ["id_ed25519.pub", "id_rsa.pub"]
        .iter()
        .map(|n| ssh_dir.join(n))
        // Not following links: a planted (even dangling) link is chosen, then refused by name.
        .find(|p| std::fs::symlink_metadata(p).is_ok())
        .ok_or_else(|| PushKeyError::NoKey {
            dir: ssh_dir.to_path_buf(),
        })
}

/// What the remote script found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RemoteReport {
    /// The key was added (or, in a dry run, would be).
    pub(crate) added: bool,
    /// `~/.ssh` was (or would be) created.
    pub(crate) created_dir: bool,
    /// Files whose group/world write bit was (or would be) removed, with their old mode.
    pub(crate) fixed_modes: Vec<(String, String)>,
    /// A missing final newline was (or would be) added.
    pub(crate) added_newline: bool,
    /// restorecon ran.
    pub(crate) restorecon: bool,
    /// Problems not fixed (a writable home directory).
    pub(crate) warnings: Vec<String>,
}

/// Parses the script's `oa-push-key:` lines; other text (from profiles) is ignored.
pub(crate) fn parse_report(
    target: &str,
    stdout: &str,
    stderr: &str,
) -> Result<RemoteReport, PushKeyError> {
    let mut r = RemoteReport::default();
    let mut done = false;
    for line in stdout.lines() {
        let Some(msg) = line.trim_end().strip_prefix("oa-push-key: ") else {
            continue;
        };
        let mut words = msg.split(' ');
        match words.next() {
            Some("added") => r.added = true,
            Some("present") => r.added = false,
            Some("create") => r.created_dir = true,
            Some("add-newline") => r.added_newline = true,
            Some("restorecon") => r.restorecon = true,
            Some("fix-mode") => {
                // Words from the remote side: escaped before anyone shows them.
                let file = crate::sanitize::for_terminal(words.next().unwrap_or_default());
                let mode = crate::sanitize::for_terminal(words.next().unwrap_or_default());
                r.fixed_modes.push((file, mode));
            }
            Some("warning") => r.warnings.push(format!(
                "the home directory is group- or world-writable ({}); sshd with StrictModes refuses keys until that is fixed",
                crate::sanitize::for_terminal(words.nth(1).unwrap_or_default())
            )),
            Some("error:") => {
                return Err(PushKeyError::Remote {
                    target: target.to_string(),
                    message: crate::sanitize::for_terminal(msg.trim_start_matches("error: ")),
                });
            }
            Some("done") => done = true,
            _ => {}
        }
    }
    if !done {
        let said = stderr.trim();
        return Err(PushKeyError::Remote {
            target: target.to_string(),
            message: if said.is_empty() {
                "the script did not finish (no report from the remote shell)".into()
            } else {
                crate::sanitize::for_terminal(said)
            },
        });
    }
    Ok(r)
}

/// Runs the script over `t` with `key_line` on stdin.
pub(crate) fn install_key(
    t: &mut dyn Transport,
    key_line: &str,
    dry_run: bool,
) -> Result<RemoteReport, PushKeyError> {
    let (_status, out, err) = t.exec_collect(&remote_command(dry_run), key_line.as_bytes())?;
    parse_report(
        &t.target(),
        &String::from_utf8_lossy(&out),
        &String::from_utf8_lossy(&err),
    )
}

/// Everything `push_key` needs. The password can come from any source (a `.passlist` entry,
/// `--password-stdin`, a prompt); without one, the key itself is used to log in (to repair
/// modes where key login already works).
#[derive(Debug, Clone)]
pub(crate) struct PushKeyOptions {
    /// Where to.
    pub(crate) dest: Destination,
    /// The key to install.
    pub(crate) key: PublicKeyFile,
    /// The password for the first login.
    pub(crate) password: Option<Secret>,
    /// Timeouts, host-key policy and the known_hosts file.
    pub(crate) connect: ConnectOptions,
    /// Inspect only: change nothing on either side.
    pub(crate) dry_run: bool,
}

/// The result of the key-only login made after installing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Proof {
    /// A new connection logged in with only the key and ran a command.
    Works,
    /// It failed, with the reason.
    Failed(String),
    /// Not tried (dry run, or the private key is not readable), with the reason.
    Skipped(String),
}

/// What `push_key` did.
#[derive(Debug, Clone)]
pub(crate) struct PushReport {
    /// The host key and how it was trusted.
    pub(crate) host_key: HostKeyDecision,
    /// The remote side.
    pub(crate) remote: RemoteReport,
    /// The key-only login.
    pub(crate) proof: Proof,
}

/// Logs in (password, or the key when no password is given), installs the key, then proves a
/// key-only login works.
pub(crate) fn push_key(opts: &PushKeyOptions) -> Result<PushReport, PushKeyError> {
    let private = opts.key.private_path();
    let auth = match (&opts.password, &private) {
        (Some(pw), _) => Auth::Password(pw),
        (None, Some(p)) => Auth::KeyFile {
            private: p,
            public: Some(&opts.key.path),
        },
        (None, None) => {
            return Err(PushKeyError::KeyFile {
                path: opts.key.path.clone(),
                reason: "no password given and no private key beside this file".into(),
            });
        }
    };
    let mut t = SshTransport::connect(&opts.dest, auth, &opts.connect)?;
    let remote = install_key(&mut t, &opts.key.line, opts.dry_run)?;
    let host_key = t.host_key().clone();
    drop(t);
    let proof = if opts.dry_run {
        Proof::Skipped("dry run".into())
    } else {
        prove(opts, private.as_deref())
    };
    Ok(PushReport {
        host_key,
        remote,
        proof,
    })
}

fn prove(opts: &PushKeyOptions, private: Option<&Path>) -> Proof {
    let Some(private) = private else {
        return Proof::Skipped(format!("no private key beside {}", opts.key.path.display()));
    };
    if let Err(e) = std::fs::File::open(private) {
        return Proof::Skipped(format!("cannot read {} ({e})", private.display()));
    }
    let auth = Auth::KeyFile {
        private,
        public: Some(&opts.key.path),
    };
    let result = SshTransport::connect(&opts.dest, auth, &opts.connect)
        .and_then(|mut t| t.exec_collect("true", b""));
    match result {
        Ok((status, _, _)) if status.success() => Proof::Works,
        Ok((status, _, _)) => Proof::Failed(format!("`true` ended with {status:?}")),
        Err(e) => Proof::Failed(crate::causes::chain(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::{LocalTransport, shell_quote};
    use std::os::unix::fs::PermissionsExt;

    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKmik6YBFN4De0L05u2l1QaXoD/Fvy8zZmxhyW6YZ8KG ossec@test";

    /// Runs the script locally with HOME set to `home`, under dash (/bin/sh).
    fn run_in(home: &Path, key: &str, dry: bool) -> Result<RemoteReport, PushKeyError> {
        let cmd = format!(
            "HOME={}; export HOME\n{}",
            String::from_utf8_lossy(&shell_quote(home.as_os_str().as_encoded_bytes())),
            remote_command(dry)
        );
        let mut t = LocalTransport::default();
        let (_s, out, err) = t.exec_collect(&cmd, key.as_bytes()).unwrap();
        parse_report(
            "local",
            &String::from_utf8_lossy(&out),
            &String::from_utf8_lossy(&err),
        )
    }

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn remote_words_in_the_report_are_escaped() {
        let out = "oa-push-key: fix-mode /h/.ssh\x1b]52;c;eA==\x07 0700\noa-push-key: warning home /h\x1b[2J\noa-push-key: done\n";
        let r = parse_report("u@h:22", out, "").unwrap();
        assert_eq!(r.fixed_modes[0].0, "/h/.ssh\\x1b]52;c;eA==\\x07");
        assert!(r.warnings[0].contains("/h\\x1b[2J"), "{:?}", r.warnings);
        let e = parse_report("u@h:22", "oa-push-key: error: no\x1b[2J\n", "").unwrap_err();
        assert!(!e.to_string().contains('\x1b'), "{e}");
        let e = parse_report("u@h:22", "", "bash: \x1b]0;title\x07oops\nline").unwrap_err();
        assert!(!e.to_string().contains(['\x1b', '\x07', '\n']), "{e}");
    }

    #[test]
    fn adds_once_with_modes() {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let r = run_in(h, KEY, false).unwrap();
        assert!(r.added && r.created_dir, "{r:?}");
        assert_eq!(mode(&h.join(".ssh")), 0o700);
        assert_eq!(mode(&h.join(".ssh/authorized_keys")), 0o600);
        // the same key with another comment is already present
        let r = run_in(h, &KEY.replace("ossec@test", "other"), false).unwrap();
        assert!(!r.added, "{r:?}");
        let text = std::fs::read_to_string(h.join(".ssh/authorized_keys")).unwrap();
        assert_eq!(text, format!("{KEY}\n"));
    }

    #[test]
    fn fixes_modes_adds_newline_and_sees_keys_behind_options() {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        std::fs::create_dir(h.join(".ssh")).unwrap();
        std::fs::set_permissions(h.join(".ssh"), std::fs::Permissions::from_mode(0o775)).unwrap();
        let ak = h.join(".ssh/authorized_keys");
        std::fs::write(&ak, "ssh-rsa AAAAB3Nza other").unwrap();
        std::fs::set_permissions(&ak, std::fs::Permissions::from_mode(0o664)).unwrap();
        // a dry run reports and changes nothing
        let r = run_in(h, KEY, true).unwrap();
        assert!(
            r.added && r.added_newline && r.fixed_modes.len() == 2,
            "{r:?}"
        );
        assert_eq!(mode(&h.join(".ssh")), 0o775);
        assert_eq!(
            std::fs::read_to_string(&ak).unwrap(),
            "ssh-rsa AAAAB3Nza other"
        );
        let r = run_in(h, KEY, false).unwrap();
        assert_eq!(
            r.fixed_modes,
            vec![
                ("~/.ssh".to_string(), "drwxrwxr-x".to_string()),
                (
                    "~/.ssh/authorized_keys".to_string(),
                    "-rw-rw-r--".to_string()
                )
            ]
        );
        assert_eq!(mode(&h.join(".ssh")), 0o755);
        assert_eq!(mode(&ak), 0o644);
        assert_eq!(
            std::fs::read_to_string(&ak).unwrap(),
            format!("ssh-rsa AAAAB3Nza other\n{KEY}\n")
        );
        std::fs::write(&ak, format!("from=\"10.0.0.1\",no-pty {KEY}\n")).unwrap();
        assert!(!run_in(h, KEY, false).unwrap().added);
    }

    #[test]
    fn refuses_a_file_where_the_directory_should_be() {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join(".ssh"), "").unwrap();
        let err = run_in(home.path(), KEY, false).unwrap_err();
        assert!(
            err.to_string()
                .contains("~/.ssh exists but is not a directory"),
            "{err}"
        );
    }

    #[test]
    fn the_command_is_one_line_without_history_characters() {
        for dry in [false, true] {
            let c = remote_command(dry);
            assert!(!c.contains('\n') && !c.contains('!'), "{c}");
        }
        assert_eq!(
            one_line("if a; then\n  b\nelse\n  c\nfi\nf() { x; }\ny"),
            "if a; then b; else c; fi; f() { x; }; y"
        );
    }

    #[test]
    fn ignores_profile_noise() {
        let out = "Welcome to host!\noa-push-key: fake\noa-push-key: added\noa-push-key: done\n";
        assert!(parse_report("h", out, "").unwrap().added);
        assert!(parse_report("h", "motd\n", "sh: awk: not found").is_err());
    }

    #[test]
    fn identity_choice() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert!(choose_identity(d, None).is_err());
        std::fs::write(d.join("id_rsa.pub"), "").unwrap();
        assert_eq!(choose_identity(d, None).unwrap(), d.join("id_rsa.pub"));
        std::fs::write(d.join("id_ed25519.pub"), "").unwrap();
        assert_eq!(choose_identity(d, None).unwrap(), d.join("id_ed25519.pub"));
        assert_eq!(
            choose_identity(d, Some(Path::new("/k/mykey"))).unwrap(),
            PathBuf::from("/k/mykey.pub")
        );
    }
}
