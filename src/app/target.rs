//! Resolving a `USER@HOST[:PORT]` given on the command line into what the SSH layer needs: the
//! port (flag, `:PORT`, the agentless user's `.ssh/config` — the only place the stock scripts
//! take a port from — or 22) and the login password from `.passlist`.

use super::Context;
use crate::passlist::Passlist;
use crate::scan::target::TargetSpec;
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

/// Parses `USER@HOST`, `USER@HOST:PORT` or `USER@[V6]:PORT` (as `scan` targets are parsed);
/// the port comes from `port_flag`, then the text, then `<ossec-dir>/.ssh/config`, then 22.
pub fn destination(
    ctx: &Context,
    text: &str,
    port_flag: Option<u16>,
) -> Result<Destination, Error> {
    let TargetSpec::Ssh { user, host, port } = TargetSpec::parse(text)? else {
        return Err(Error::Usage(format!(
            "{text:?}: give the remote user too, as USER@HOST"
        )));
    };
    if let (Some(f), Some(t)) = (port_flag, port)
        && f != t
    {
        return Err(Error::Usage(format!(
            "{text}: the port in the destination ({t}) differs from --port {f}"
        )));
    }
    let port = match port_flag.or(port) {
        Some(p) => p,
        None => sshconfig::port_for(&ctx.layout.ssh_dir().join("config"), &host)?.unwrap_or(22),
    };
    Destination::parse(&format!("{user}@{host}"), port).map_err(Error::Usage)
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
