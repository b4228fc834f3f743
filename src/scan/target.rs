//! Targets: `local` (this machine) or `user@host[:port]` (SSH), and the one function that
//! opens a [`Transport`] to a target.

use super::ScanError;
use crate::transport::{LocalTransport, Timeouts, Transport};
use std::fmt;

/// A host to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSpec {
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
    /// Parses `local`, `user@host`, `user@host:port` or `user@[v6addr]:port`.
    pub fn parse(s: &str) -> Result<TargetSpec, ScanError> {
        let bad = |reason: &str| ScanError::BadTarget {
            spec: s.to_string(),
            reason: reason.to_string(),
        };
        if s == "local" {
            return Ok(TargetSpec::Local);
        }
        let (user, rest) = s
            .rsplit_once('@')
            .ok_or_else(|| bad("expected `local` or user@host[:port]"))?;
        if user.is_empty() || user.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("bad user name"));
        }
        let (host, port) = if let Some(r) = rest.strip_prefix('[') {
            let (h, tail) = r.split_once(']').ok_or_else(|| bad("missing ']'"))?;
            match tail {
                "" => (h, None),
                t => (h, Some(t.strip_prefix(':').ok_or_else(|| bad("bad port"))?)),
            }
        } else {
            match rest.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (rest, None),
            }
        };
        if host.is_empty()
            || host
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "/\\'\"`$;|&<>()".contains(c))
        {
            return Err(bad("bad host name"));
        }
        let port = match port {
            Some(p) => Some(
                p.parse::<u16>()
                    .ok()
                    .filter(|&p| p > 0)
                    .ok_or_else(|| bad("bad port"))?,
            ),
            None => None,
        };
        Ok(TargetSpec::Ssh {
            user: user.to_string(),
            host: host.to_string(),
            port,
        })
    }

    /// The `user@host` part used in OSSEC locations (`local` for this machine).
    pub fn ossec_host(&self) -> String {
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

/// How to connect.
#[derive(Debug, Clone, Copy, Default)]
pub struct ConnectOptions {
    /// Connect and idle timeouts.
    pub timeouts: Timeouts,
}

/// Opens a transport to `spec`: the only place that knows how each kind of target is reached.
pub fn open_target(
    spec: &TargetSpec,
    opts: &ConnectOptions,
) -> Result<Box<dyn Transport>, ScanError> {
    match spec {
        TargetSpec::Local => Ok(Box::new(LocalTransport::new(opts.timeouts))),
        TargetSpec::Ssh { .. } => Err(ScanError::SshNotWired {
            target: spec.to_string(),
        }),
    }
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
        let v6 = TargetSpec::parse("me@[::1]:22").unwrap();
        assert_eq!(v6.to_string(), "me@[::1]:22");
        for bad in ["web01", "@h", "u@", "u@h:0", "u@h:x", "u@h;rm", "u@[::1"] {
            assert!(TargetSpec::parse(bad).is_err(), "{bad}");
        }
    }
}
