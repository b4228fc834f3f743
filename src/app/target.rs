//! Resolving a `USER@HOST[:PORT]` given on the command line into what the SSH layer needs: the
//! port (flag, `:PORT`, the agentless user's `.ssh/config` — the only place the stock scripts
//! take a port from — or 22) and the login password from `.passlist`, both through
//! [`crate::ssh::login`], as every command resolves them.

use super::Context;
use crate::Error;
use crate::scan::target::TargetSpec;
use crate::ssh::Destination;
use crate::ssh::login::{self, StoredAuth};

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
    let port = login::port(
        &ctx.layout.ssh_dir().join("config"),
        &host,
        port_flag.or(port),
    )?;
    Destination::parse(&format!("{user}@{host}"), port).map_err(Error::Usage)
}

/// The `.passlist` verdict for `user@host` (no `use_su`/`use_sudo` prefix).
pub fn stored_auth(ctx: &Context, user_host: &str) -> Result<StoredAuth, Error> {
    Ok(login::stored_auth(&ctx.layout.passlist(), user_host)?)
}
