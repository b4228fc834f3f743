//! The one host type: `USER@HOST`, `USER@HOST:PORT`, `USER@[V6]:PORT` (or a bare IPv6 address
//! without a port), and in ossec.conf the `use_su ` / `use_sudo ` prefixes. Every command that
//! takes a host parses it here (`register-host`, `push-key`, `scan`, `test-script`, `config add`,
//! `ossec-config --add`), so they all give the same verdict on the same text.
//!
//! The host ends up on a `/bin/sh` command line (the daemon's `popen`), as an `ssh` argument (the
//! stock scripts run `ssh user@host`, where a leading `-` is an option such as
//! `-oProxyCommand=…`) and in `.passlist` and ossec.conf lines. So it refuses: an empty user or
//! host, a user or host starting with `-`, white space, control characters and shell
//! metacharacters (only letters, digits, `.`, `_`, `-` are allowed, plus `:` and `%` in an IPv6
//! address), `@` in the host, a port outside 1–65535 and anything after the port.
//!
//! OpenSSH's URI form `ssh://USER@HOST[:PORT]` is accepted in both contexts: the stock scripts
//! hand the host to `ssh` unchanged, so it is the one way to give ossec.conf a port without
//! `.ssh/config`.
//!
//! It does no I/O.

use crate::sanitize::for_terminal;
use std::fmt;

/// The optional word before the host in ossec.conf (`<host>use_su user@h</host>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prefix {
    /// `use_su `: log in, then `su` with the additional password.
    UseSu,
    /// `use_sudo `.
    UseSudo,
}

impl Prefix {
    /// The word as written in ossec.conf.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Prefix::UseSu => "use_su",
            Prefix::UseSudo => "use_sudo",
        }
    }
}

/// Why a host was refused. The message names the host (escaped) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid host '{host}': {reason}")]
pub struct HostError {
    /// The text given, escaped for the terminal.
    pub(crate) host: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Where a host is given, which decides what may come with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// On the command line of `scan`, `push-key`, `register-host`: `USER@HOST[:PORT]`.
    Command,
    /// A `<host>` of ossec.conf (`config add`, `ossec-config --add`, `test-script`): an
    /// optional `use_su `/`use_sudo ` prefix, no port (the stock scripts take ports from
    /// `.ssh/config` only).
    Config,
}

/// A parsed host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    /// `use_su` / `use_sudo`, only from [`Context::Config`].
    pub(crate) prefix: Option<Prefix>,
    /// Remote login name.
    pub(crate) user: String,
    /// Host name or address (IPv6 without brackets).
    pub(crate) name: String,
    /// Port, when given.
    pub port: Option<u16>,
    /// Written as OpenSSH's URI, `ssh://USER@HOST[:PORT]`.
    pub(crate) uri: bool,
}

impl Host {
    /// Parses `text` as given in `context`; see the module documentation.
    pub fn parse(text: &str, context: Context) -> Result<Host, HostError> {
        let bad = |reason: &str| HostError {
            host: for_terminal(text),
            reason: reason.to_string(),
        };
        let (prefix, rest) = if let Some(r) = text.strip_prefix("use_su ") {
            (Some(Prefix::UseSu), r)
        } else if let Some(r) = text.strip_prefix("use_sudo ") {
            (Some(Prefix::UseSudo), r)
        } else {
            (None, text)
        };
        let (uri, rest) = match rest.strip_prefix("ssh://") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if prefix.is_some() && context == Context::Command {
            return Err(bad(
                "give the host without the use_su/use_sudo prefix (that belongs in ossec.conf only)",
            ));
        }
        if rest.contains(['\n', '\r']) {
            return Err(bad("contains a line break"));
        }
        if rest.contains('\0') {
            return Err(bad("contains a NUL byte"));
        }
        if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("contains white space or a control character"));
        }
        let Some((user, after)) = rest.split_once('@') else {
            return Err(bad("expected USER@HOST"));
        };
        check_part(user, "user").map_err(|r| bad(&r))?;
        if after.contains('@') {
            return Err(bad("the host contains @ (expected one USER@HOST)"));
        }
        let (name, port) = if let Some(inner) = after.strip_prefix('[') {
            let Some((addr, tail)) = inner.split_once(']') else {
                return Err(bad("missing ] after the IPv6 address"));
            };
            if !is_ipv6(addr) {
                return Err(bad("only an IPv6 address goes between [ and ]"));
            }
            match tail {
                "" => (addr, None),
                t => match t.strip_prefix(':') {
                    Some(p) => (addr, Some(p)),
                    None => return Err(bad("unexpected text after ] (expected :PORT)")),
                },
            }
        } else {
            match after.split_once(':') {
                // Several colons: a bare IPv6 address (no port possible without brackets).
                Some(_) if after.matches(':').count() > 1 => {
                    if !is_ipv6(after) {
                        return Err(bad(
                            "unexpected text after the port (an IPv6 address with a port is \
                             written USER@[ADDRESS]:PORT)",
                        ));
                    }
                    (after, None)
                }
                Some((h, p)) => (h, Some(p)),
                None => (after, None),
            }
        };
        if !is_ipv6(name) {
            check_part(name, "host").map_err(|r| bad(&r))?;
        }
        let port = match port {
            None => None,
            Some(p) => Some(parse_port(p).map_err(|r| bad(&r))?),
        };
        if port.is_some() && context == Context::Config && !uri {
            return Err(bad(
                "ossec.conf takes no port (the stock scripts run plain `ssh user@host`); \
                 register the port with `register-host USER@HOST:PORT` (it goes to .ssh/config), \
                 or write the host as ssh://USER@HOST:PORT",
            ));
        }
        Ok(Host {
            prefix,
            user: user.to_string(),
            name: name.to_string(),
            port,
            uri,
        })
    }

    /// `user@name` without prefix or port: what `.passlist` and OSSEC locations use.
    pub(crate) fn user_host(&self) -> String {
        format!("{}@{}", self.user, self.name)
    }
}

impl fmt::Display for Host {
    /// `[use_su ]user@host[:port]`, IPv6 in brackets when a port follows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.prefix {
            write!(f, "{} ", p.word())?;
        }
        if self.uri {
            f.write_str("ssh://")?;
        }
        match self.port {
            Some(port) if self.name.contains(':') => {
                write!(f, "{}@[{}]:{port}", self.user, self.name)
            }
            Some(port) => write!(f, "{}@{}:{port}", self.user, self.name),
            None => write!(f, "{}@{}", self.user, self.name),
        }
    }
}

/// Parses an SSH port number (digits only, 1–65535).
pub(crate) fn parse_port(text: &str) -> Result<u16, String> {
    match text.parse::<u16>() {
        Ok(p) if p > 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(p),
        _ => Err(format!(
            "the port \"{}\" is not a number from 1 to 65535",
            for_terminal(text)
        )),
    }
}

fn check_part(s: &str, what: &str) -> Result<(), String> {
    if s.is_empty() {
        let side = if what == "user" { "before" } else { "after" };
        return Err(format!("the {what} {side} @ is empty (expected USER@HOST)"));
    }
    if s.starts_with('-') {
        return Err(format!(
            "the {what} starts with - (ssh would read it as an option)"
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "the {what} contains {} (only letters, digits, '.', '_' and '-' are allowed: \
             the host ends up on a shell command line)",
            for_terminal(&c.to_string())
        ));
    }
    Ok(())
}

/// An IPv6 address, optionally with a `%zone` (letters, digits, `.`, `_`, `-`).
fn is_ipv6(s: &str) -> bool {
    let (addr, zone) = match s.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (s, None),
    };
    addr.parse::<std::net::Ipv6Addr>().is_ok()
        && zone.is_none_or(|z| {
            !z.is_empty()
                && z.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
}

/// Checks that `value` of option `what` (`--type`, `--name`) is a plain file name: not empty,
/// not `.`/`..`, not starting with `.` or `-`, only letters, digits, `.`, `_` and `-` (it
/// names a script in `<ossec-dir>/agentless/` and goes into OSSEC locations such as
/// `(user@host) TYPE->path`, where `)`, `->` or a newline would forge another location).
pub(crate) fn check_plain_name(what: &str, value: &str) -> Result<(), String> {
    let ok = !value.is_empty()
        && !value.starts_with(['.', '-'])
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !value.contains("->");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{what} '{}' is not a plain file name (letters, digits, '.', '_', '-'; not starting \
             with '.' or '-')",
            for_terminal(value)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(t: &str) -> Host {
        Host::parse(t, Context::Command).unwrap_or_else(|e| panic!("{t}: {e}"))
    }

    #[test]
    fn accepted_forms() {
        let h = ok("root@web01.example.net");
        assert_eq!(
            (h.user.as_str(), h.name.as_str(), h.port),
            ("root", "web01.example.net", None)
        );
        assert_eq!(ok("root@h:2222").port, Some(2222));
        let v6 = ok("root@[::1]:2222");
        assert_eq!((v6.name.as_str(), v6.port), ("::1", Some(2222)));
        assert_eq!(v6.to_string(), "root@[::1]:2222");
        assert_eq!(ok("root@fe80::1%eth0").port, None);
        assert_eq!(ok("root@[::1]").to_string(), "root@::1");
        let c = Host::parse("use_su admin@h", Context::Config).unwrap();
        assert_eq!(c.prefix, Some(Prefix::UseSu));
        assert_eq!(c.to_string(), "use_su admin@h");
        assert_eq!(c.user_host(), "admin@h");
        // OpenSSH's URI form carries a port into ossec.conf; plain USER@HOST:PORT does not.
        let u = Host::parse("ssh://root@127.0.0.1:2222", Context::Config).unwrap();
        assert_eq!((u.uri, u.port), (true, Some(2222)));
        assert_eq!(u.to_string(), "ssh://root@127.0.0.1:2222");
        assert!(Host::parse("root@127.0.0.1:2222", Context::Config).is_err());
        assert!(Host::parse("ssh://-oProxyCommand=x@h", Context::Config).is_err());
    }

    #[test]
    fn refused_forms() {
        for bad in [
            "",
            "h",
            "@h",
            "root@",
            "a@b@c",
            "root@-oProxyCommand=x",
            "-oProxyCommand=x@h",
            "root@h;id",
            "r@h$(id)",
            "root@h`id`",
            "root@a b",
            "root@h\n",
            "root@h:0",
            "root@h:99999",
            "root@h:x",
            "a@h:99999:2222",
            "root@h:22:",
            "root@[::1]x",
            "root@[::1]:22:1",
            "root@[web]:22",
            "use_su root@h",
            "root@h|x",
            "root@h/x",
            "root@h'",
            "ro\"ot@h",
        ] {
            assert!(Host::parse(bad, Context::Command).is_err(), "{bad:?}");
        }
        assert!(Host::parse("root@h:22", Context::Config).is_err());
        assert!(Host::parse("use_sudo -x@h", Context::Config).is_err());
    }

    #[test]
    fn plain_names() {
        assert!(check_plain_name("--type", "ssh_integrity_check_linux").is_ok());
        for bad in [
            "", ".", "..", "a/b", "x)y", "a->b", "a\nb", "-x", ".hidden", "a b",
        ] {
            assert!(check_plain_name("--type", bad).is_err(), "{bad:?}");
        }
    }
}
