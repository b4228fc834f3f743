//! SSH access to monitored hosts, and the agentless user's keys.
//!
//! - [`SshTransport`]: a [`crate::transport::Transport`] over `ssh2`: connect with a timeout,
//!   check the host key by [`HostKeyPolicy`] *before* logging in, log in by key, password or
//!   keyboard-interactive, run commands with stdin and streamed output, idle timeout, keepalive.
//! - [`known_hosts`]: an OpenSSH known_hosts reader (ssh2's own check is wrong about key types).
//! - [`hostkey`]: the policy and the recording of new keys.
//! - [`keygen`]: the agentless user's key pair and `.ssh` directory.
//! - `push_key`: installing a public key on a host (ssh-copy-id done safely).
//! - `login`: a host's port and `.passlist` credentials, resolved in one place for every command.
//!
//! Nothing here prompts or prints; passwords ([`crate::secret::Secret`]) never appear in errors.

mod auth;
mod exec;
pub mod hostkey;
pub mod keygen;
pub mod known_hosts;
pub(crate) mod login;
pub(crate) mod push_key;
mod session;
mod shell;

pub(crate) use hostkey::{HostKeyDecision, Trust};
pub use hostkey::{HostKeyPolicy, KnownHostsFile};
pub use session::{Auth, ConnectOptions, SshTransport};
pub(crate) use shell::{PtyShell, Received};

use crate::transport::TransportError;

/// The error for a libssh2 failure while doing `step` on `target` (one place for every step of
/// connecting, logging in, running and the interactive shell).
fn ssh_err(target: &str, step: &'static str) -> impl FnOnce(ssh2::Error) -> TransportError + use<> {
    let target = target.to_string();
    move |source| TransportError::Ssh {
        target,
        step,
        source,
    }
}

/// `USER@HOST` plus a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// Remote user.
    pub(crate) user: String,
    /// Host name or address (IPv6 without brackets).
    pub(crate) host: String,
    /// TCP port.
    pub(crate) port: u16,
}

impl Destination {
    /// Parses `user@host` (or `user@[v6addr]`) with the one host type
    /// ([`crate::host::Host`]); the port is given separately.
    pub fn parse(text: &str, port: u16) -> Result<Destination, String> {
        let h = crate::host::Host::parse(text, crate::host::Context::Command)
            .map_err(|e| e.to_string())?;
        if h.port.is_some() {
            return Err(format!("{text:?}: give the port separately"));
        }
        let (user, host) = (h.user.as_str(), h.name.as_str());
        if port == 0 {
            return Err("port 0 is not valid".into());
        }
        Ok(Destination {
            user: user.to_string(),
            host: host.to_string(),
            port,
        })
    }

    /// `user@host:port`, for messages.
    pub fn target(&self) -> String {
        if self.host.contains(':') {
            format!("{}@[{}]:{}", self.user, self.host, self.port)
        } else {
            format!("{}@{}:{}", self.user, self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        let d = Destination::parse("root@web1", 22).unwrap();
        assert_eq!(d.target(), "root@web1:22");
        let d = Destination::parse("admin@[::1]", 2222).unwrap();
        assert_eq!(
            (d.host.as_str(), d.target()),
            ("::1", "admin@[::1]:2222".into())
        );
        assert!(Destination::parse("web1", 22).is_err());
        assert!(Destination::parse("root@-oProxyCommand=x", 22).is_err());
        assert!(Destination::parse("root@a b", 22).is_err());
        assert!(Destination::parse("@h", 22).is_err());
    }
}
