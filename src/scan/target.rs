//! Targets: `local` (this machine) or `user@host[:port]` (SSH), and the one function that
//! opens a [`Transport`] to a target.

use super::ScanError;
use crate::layout::Layout;
use crate::ssh::login::{self, StoredAuth};
use crate::ssh::{
    Auth, ConnectOptions as SshConnect, Destination, HostKeyPolicy, KnownHostsFile, SshTransport,
};
use crate::transport::{LocalTransport, Timeouts, Transport};
use std::fmt;
use std::path::PathBuf;

/// A host to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TargetSpec {
    /// This machine, without SSH.
    Local,
    /// A host over SSH.
    Ssh {
        /// Login name.
        user: String,
        /// Host name or address (IPv6 without brackets).
        host: String,
        /// Port, when not 22.
        port: Option<u16>,
    },
}

impl TargetSpec {
    /// Parses `local`, or a host as [`crate::host::Host`] does for the command line
    /// (`user@host`, `user@host:port`, `user@[v6addr]:port`): this is a thin user of that one
    /// host type.
    pub(crate) fn parse(s: &str) -> Result<TargetSpec, ScanError> {
        if s == "local" {
            return Ok(TargetSpec::Local);
        }
        let h = crate::host::Host::parse(s, crate::host::Context::Command).map_err(|e| {
            ScanError::BadTarget {
                spec: s.to_string(),
                reason: e.reason,
            }
        })?;
        Ok(TargetSpec::Ssh {
            user: h.user,
            host: h.name,
            port: h.port,
        })
    }

    /// The `user@host` part used in OSSEC locations (`local` for this machine).
    pub(crate) fn ossec_host(&self) -> String {
        match self {
            TargetSpec::Local => "local".into(),
            TargetSpec::Ssh { user, host, .. } => format!("{user}@{host}"),
        }
    }
}

impl fmt::Display for TargetSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetSpec::Local => f.write_str("local"),
            TargetSpec::Ssh { user, host, port } => {
                let h = if host.contains(':') {
                    format!("[{host}]")
                } else {
                    host.clone()
                };
                match port {
                    Some(p) => write!(f, "{user}@{h}:{p}"),
                    None => write!(f, "{user}@{h}"),
                }
            }
        }
    }
}

/// How to reach SSH targets: the agentless user's files under `<ossec-dir>`.
#[derive(Debug, Clone)]
pub(crate) struct SshSettings {
    /// What to do with host keys not yet in known_hosts.
    pub(crate) policy: HostKeyPolicy,
    /// `<ossec-dir>/.ssh/known_hosts` and its owner.
    pub(crate) known_hosts: KnownHostsFile,
    /// `<ossec-dir>/.ssh/config`, where `register-host USER@HOST:PORT` keeps ports.
    pub(crate) ssh_config: PathBuf,
    /// Private keys to try, in order (`<ossec-dir>/.ssh/id_ed25519`, `id_rsa`, …).
    pub(crate) identities: Vec<PathBuf>,
    /// `<ossec-dir>/agentless/.passlist`: a host's password, or `NOPASS` for key login.
    pub(crate) passlist: PathBuf,
}

impl SshSettings {
    /// The settings for the agentless user of `layout`.
    pub(crate) fn for_layout(
        layout: &Layout,
        policy: HostKeyPolicy,
        owner: Option<(u32, u32)>,
    ) -> Self {
        let ssh = layout.ssh_dir();
        SshSettings {
            policy,
            known_hosts: KnownHostsFile {
                path: ssh.join("known_hosts"),
                owner,
            },
            ssh_config: ssh.join("config"),
            identities: ["id_ed25519", "id_ecdsa", "id_rsa"]
                .iter()
                .map(|n| ssh.join(n))
                .collect(),
            passlist: layout.passlist(),
        }
    }
}

/// How to connect.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectOptions {
    /// Connect and idle timeouts.
    pub(crate) timeouts: Timeouts,
    /// SSH settings (`None`: only `local` can be scanned).
    pub(crate) ssh: Option<SshSettings>,
}

/// Opens a transport to `spec`: the only place that knows how each kind of target is reached.
///
/// SSH targets log in with the host's `.passlist` password when it has one, else (also for
/// `NOPASS`) with the agentless user's key; the port is the target's, else the `Port` of the
/// host's block in `<ossec-dir>/.ssh/config`, else 22; the host key is checked against
/// `<ossec-dir>/.ssh/known_hosts` under the chosen policy before any credential is sent.
pub(crate) fn open_target(
    spec: &TargetSpec,
    opts: &ConnectOptions,
) -> Result<Box<dyn Transport>, ScanError> {
    open_target_as(spec, opts, &spec.ossec_host())
}

/// [`open_target`] with the `.passlist` line looked up under `passlist_host` instead of
/// `user@host`: the stock scripts look up their host argument exactly as given (for example
/// `ssh://user@host:port`), and `test-script`'s cross-check must log in as the script did.
pub(crate) fn open_target_as(
    spec: &TargetSpec,
    opts: &ConnectOptions,
    passlist_host: &str,
) -> Result<Box<dyn Transport>, ScanError> {
    match spec {
        TargetSpec::Local => Ok(Box::new(LocalTransport::new(opts.timeouts))),
        TargetSpec::Ssh { .. } => Ok(Box::new(open_ssh_as(spec, opts, passlist_host)?)),
    }
}

/// Opens an SSH connection to an SSH target, as [`open_target`] does (for callers that need
/// more than exec, such as an interactive shell).
pub(crate) fn open_ssh(
    spec: &TargetSpec,
    opts: &ConnectOptions,
) -> Result<SshTransport, ScanError> {
    open_ssh_as(spec, opts, &spec.ossec_host())
}

/// [`open_ssh`] with the `.passlist` line looked up under `passlist_host`.
fn open_ssh_as(
    spec: &TargetSpec,
    opts: &ConnectOptions,
    passlist_host: &str,
) -> Result<SshTransport, ScanError> {
    let (user, host, port) = match spec {
        TargetSpec::Local => {
            return Err(ScanError::Unsupported {
                target: spec.to_string(),
                reason: "`local` is not reached over SSH".into(),
            });
        }
        TargetSpec::Ssh { user, host, port } => (user, host, port),
    };
    let target = spec.to_string();
    let ssh = opts.ssh.as_ref().ok_or_else(|| ScanError::Unsupported {
        target: target.clone(),
        reason: "SSH targets need the OSSEC directory's .ssh settings".into(),
    })?;
    let port = login::port(&ssh.ssh_config, host, *port).map_err(|e| ScanError::Unsupported {
        target: target.clone(),
        reason: e.to_string(),
    })?;
    let dest = Destination {
        user: user.clone(),
        host: host.clone(),
        port,
    };
    let connect = SshConnect {
        timeouts: opts.timeouts,
        policy: ssh.policy.clone(),
        known_hosts: ssh.known_hosts.clone(),
        record_new_keys: true,
        keepalive_secs: 15,
    };
    let user_host = passlist_host;
    let password = match login::stored_auth(&ssh.passlist, user_host)? {
        StoredAuth::Password(p) => Some(p),
        StoredAuth::Nopass | StoredAuth::Missing => None,
    };
    let transport = match &password {
        Some(p) => SshTransport::connect(&dest, Auth::Password(p), &connect)?,
        None => {
            // Not following links: a planted (even dangling) link is found, then refused by name.
            let key = ssh
                .identities
                .iter()
                .find(|k| k.symlink_metadata().is_ok())
                .ok_or_else(|| ScanError::Unsupported {
                    target: target.clone(),
                    reason: format!(
                        "no password for {user_host} in {} and no key in {}: run \
                         `ossec-agentless register-host add {user_host}` or `keygen` + `push-key`",
                        ssh.passlist.display(),
                        ssh.known_hosts
                            .path
                            .parent()
                            .unwrap_or(&ssh.passlist)
                            .display()
                    ),
                })?;
            // libssh2 opens the key by path: check it first through the link-safe layer (a
            // planted link or hard link in .ssh is refused).
            let (dir, name) = crate::fsutil::SafeDir::open_parent(key, crate::fsutil::Owners::Any)?;
            dir.open_file(&name)?;
            let public = key.with_extension("pub");
            let auth = Auth::KeyFile {
                private: key,
                public: public.exists().then_some(public.as_path()),
            };
            SshTransport::connect(&dest, auth, &connect)?
        }
    };
    Ok(transport)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_targets() {
        assert_eq!(TargetSpec::parse("local").unwrap(), TargetSpec::Local);
        let t = TargetSpec::parse("root@web01:2222").unwrap();
        assert_eq!(t.to_string(), "root@web01:2222");
        assert_eq!(t.ossec_host(), "root@web01");
        let bare = TargetSpec::parse("root@fe80::1").unwrap();
        assert_eq!(bare.to_string(), "root@[fe80::1]");
        assert_eq!(
            TargetSpec::parse("root@[::1]").unwrap().to_string(),
            "root@[::1]"
        );
        let v6 = TargetSpec::parse("me@[::1]:22").unwrap();
        assert_eq!(v6.to_string(), "me@[::1]:22");
        for bad in ["web01", "@h", "u@", "u@h:0", "u@h:x", "u@h;rm", "u@[::1"] {
            assert!(TargetSpec::parse(bad).is_err(), "{bad}");
        }
    }
}
