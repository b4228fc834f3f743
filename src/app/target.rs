//! Resolving a `USER@HOST[:PORT]` given on the command line into what the SSH layer needs: the
//! port (flag, `:PORT`, the agentless user's `.ssh/config` — the only place the stock scripts
//! take a port from — or 22) and the login password from `.passlist`, both through
//! [`crate::ssh::login`], as every command resolves them.

use super::Context;
use crate::Error;
use crate::config::{AgentlessEntry, HostSpec, RawText};
use crate::scan::target::TargetSpec;
use crate::ssh::Destination;
use crate::ssh::login::{self, StoredAuth};

/// Parses `USER@HOST`, `USER@HOST:PORT` or `USER@[V6]:PORT` (as `scan` targets are parsed);
/// the port comes from `port_flag`, then the text, then `<ossec-dir>/.ssh/config`, then 22.
pub(crate) fn destination(
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
pub(crate) fn stored_auth(ctx: &Context, user_host: &str) -> Result<StoredAuth, Error> {
    Ok(login::stored_auth(&ctx.layout.passlist(), user_host)?)
}

/// The text of an `<agentless>` value that `command` (`scan`, `diff`) needs as text: a value that
/// is not UTF-8 is refused, naming the block to correct.
pub(crate) fn entry_text(
    e: &AgentlessEntry,
    v: &RawText,
    what: &str,
    command: &str,
) -> Result<String, Error> {
    v.to_str().map(str::to_string).ok_or_else(|| {
        Error::Refused(format!(
            "<agentless> block {}: {what} {} is not UTF-8 text, so {command} cannot use it; \
             correct the block (`ossec-agentless config remove {}`, then `config add`)",
            e.index,
            v.escaped(),
            e.index
        ))
    })
}

/// The hosts of the ossec.conf entry `e` that `command` runs on, with their targets: only
/// `only`'s `user@host` when given (the target as given, with its port), else every host.
pub(crate) fn entry_targets<'a>(
    e: &'a AgentlessEntry,
    only: Option<&TargetSpec>,
    command: &str,
) -> Result<Vec<(TargetSpec, &'a HostSpec)>, Error> {
    let mut out = Vec::new();
    for h in &e.hosts {
        let target = match only {
            Some(t) if h.user_host != t.ossec_host() => continue,
            Some(t) => t.clone(),
            None => TargetSpec::parse(&entry_text(e, &h.user_host, "<host>", command)?)?,
        };
        out.push((target, h));
    }
    Ok(out)
}
