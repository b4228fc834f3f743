//! Resolving a `USER@HOST[:PORT]` given on the command line into what the SSH layer needs: the
//! port (flag, `:PORT`, the agentless user's `.ssh/config` — the only place the stock scripts
//! take a port from — or 22) and the login password from `.passlist`.

use super::Context;
use crate::passlist::Passlist;
use crate::ssh::{Destination, Password};
use crate::{Error, sshconfig};

/// How `.passlist` says to log in to a host.
pub enum StoredAuth {
    /// A password (and the additional password is not needed here).
    Password(Password),
    /// `NOPASS`: public-key authentication.
    Nopass,
    /// No usable entry.
    Missing,
}

/// Parses `USER@HOST`, `USER@HOST:PORT` or `USER@[V6]:PORT`; the port comes from `port_flag`,
/// then the text, then `<ossec-dir>/.ssh/config`, then 22.
pub fn destination(
    ctx: &Context,
    text: &str,
    port_flag: Option<u16>,
) -> Result<Destination, Error> {
    let (base, text_port) = split_port(text)?;
    if let (Some(f), Some(t)) = (port_flag, text_port)
        && f != t
    {
        return Err(Error::Usage(format!(
            "{text}: the port in the destination ({t}) differs from --port {f}"
        )));
    }
    let host = base.rsplit_once('@').map_or(base, |(_, h)| h);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = match port_flag.or(text_port) {
        Some(p) => p,
        None => sshconfig::port_for(&ctx.layout.ssh_dir().join("config"), host)?.unwrap_or(22),
    };
    Destination::parse(base, port).map_err(Error::Usage)
}

fn split_port(text: &str) -> Result<(&str, Option<u16>), Error> {
    let Some((user, host)) = text.rsplit_once('@') else {
        return Ok((text, None));
    };
    let (host_part, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((_, "")) => return Ok((text, None)),
            Some((_, p)) => (
                &text[..user.len() + 1 + rest.find(']').unwrap_or(0) + 2],
                p.strip_prefix(':'),
            ),
            None => return Ok((text, None)),
        }
    } else {
        match host.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (&text[..user.len() + 1 + h.len()], Some(p)),
            _ => return Ok((text, None)),
        }
    };
    match port {
        Some(p) => {
            let port = p
                .parse::<u16>()
                .ok()
                .filter(|&p| p != 0)
                .ok_or_else(|| Error::Usage(format!("{text}: {p:?} is not a port number")))?;
            Ok((host_part, Some(port)))
        }
        None => Ok((text, None)),
    }
}

/// The `.passlist` verdict for `user@host` (no `use_su`/`use_sudo` prefix).
pub fn stored_auth(ctx: &Context, user_host: &str) -> Result<StoredAuth, Error> {
    let path = ctx.layout.passlist();
    if !path.exists() {
        return Ok(StoredAuth::Missing);
    }
    let list = Passlist::load(&path)?;
    Ok(match list.lookup(user_host) {
        Some(c) if c.is_nopass() => StoredAuth::Nopass,
        Some(c) => StoredAuth::Password(Password::new(c.password.expose())),
        None => StoredAuth::Missing,
    })
}

#[cfg(test)]
mod tests {
    use super::split_port;

    #[test]
    fn ports_in_the_destination() {
        assert_eq!(split_port("root@h").unwrap(), ("root@h", None));
        assert_eq!(split_port("root@h:2222").unwrap(), ("root@h", Some(2222)));
        assert_eq!(
            split_port("root@[::1]:2200").unwrap(),
            ("root@[::1]", Some(2200))
        );
        assert_eq!(split_port("root@[::1]").unwrap(), ("root@[::1]", None));
        assert_eq!(split_port("root@fe80::1").unwrap(), ("root@fe80::1", None));
        assert!(split_port("root@h:x").is_err());
        assert!(split_port("root@h:0").is_err());
    }
}
