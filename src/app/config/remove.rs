//! `config remove`: delete entries (or one host of a multi-host entry) by index, host or type,
//! and the daemon's stale marker file for what is no longer monitored.

use super::super::Context;
use super::{WriteMode, edit_file};
use crate::cli::RemoveArgs;
use crate::config::{AgentlessEntry, Document, RawText, edit};
use crate::sanitize::for_terminal;
use crate::{Error, ExitCode};

/// One planned removal.
#[derive(Debug, Clone)]
enum Removal {
    /// The whole block.
    Block,
    /// Only this host's line.
    Host(String),
}

/// Runs `config remove`.
pub(crate) fn run(args: &RemoveArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let mode = WriteMode {
        dry_run: args.edit.dry_run,
        backup: !args.edit.no_backup,
    };
    let removed = edit_file(ctx, mode, |file, _ctx| {
        let entries = file.doc.agentless();
        let plan = select(args, &entries)?;
        let mut text = file.doc.source().to_vec();
        let mut gone: Vec<(RawText, RawText)> = Vec::new();
        // Apply one at a time from the last entry backwards, re-reading each time, so spans and
        // indices stay valid.
        for (index, removal) in plan.into_iter().rev() {
            let doc = Document::parse(&text).map_err(|e| Error::Refused(e.kind.to_string()))?;
            let current = doc.agentless();
            let e = &current[index - 1];
            let kind = e.kind.clone().unwrap_or_default();
            text = match &removal {
                Removal::Block => {
                    gone.extend(e.hosts.iter().map(|h| (kind.clone(), h.user_host.clone())));
                    edit::remove(&doc, e)?
                }
                Removal::Host(h) => {
                    gone.push((kind, h.into()));
                    edit::remove_host(&doc, e, h)?
                }
            };
        }
        let still = Document::parse(&text)
            .map(|d| d.agentless())
            .unwrap_or_default();
        gone.retain(|(k, h)| {
            !still
                .iter()
                .any(|e| e.kind.as_ref() == Some(k) && e.hosts.iter().any(|x| &x.user_host == h))
        });
        Ok((text, gone))
    })?;
    for (kind, host) in &removed {
        // The daemon's marker name, byte for byte: `(<type>) <user@host>`.
        let name: Vec<u8> = [b"(", kind.as_bytes(), b") ", host.as_bytes()].concat();
        let marker = ctx
            .layout
            .root()
            .join("queue/agentless")
            .join(RawText::from(name).to_os_str());
        if marker.exists() {
            if args.edit.dry_run {
                ctx.out.info(&format!(
                    "would remove the stale marker {}",
                    for_terminal(&marker.display().to_string())
                ))?;
            } else if std::fs::remove_file(&marker).is_ok() {
                ctx.out.info(&format!(
                    "removed the stale marker {}",
                    for_terminal(&marker.display().to_string())
                ))?;
            }
        }
    }
    if !args.edit.dry_run {
        ctx.out.line(&format!(
            "removed {} from {}",
            removed
                .iter()
                .map(|(k, h)| format!("{} ({})", h.escaped(), k.escaped()))
                .collect::<Vec<_>>()
                .join(", "),
            ctx.layout.config().display()
        ))?;
    }
    Ok(ExitCode::Success)
}

/// The entries to change, in file order.
fn select(args: &RemoveArgs, entries: &[AgentlessEntry]) -> Result<Vec<(usize, Removal)>, Error> {
    if let Some(i) = args.index {
        if i == 0 || i > entries.len() {
            return Err(Error::Usage(format!(
                "there is no entry {i}: ossec.conf has {} <agentless> entries (see `config show`)",
                entries.len()
            )));
        }
        return Ok(vec![(i, Removal::Block)]);
    }
    let matches: Vec<(usize, Removal)> = entries
        .iter()
        .filter(|e| {
            args.kind
                .as_ref()
                .is_none_or(|k| e.kind.as_ref().is_some_and(|t| t == k))
        })
        .filter_map(|e| match &args.host {
            None => Some((e.index, Removal::Block)),
            Some(h) => {
                let hit = e.hosts.iter().any(|x| x.user_host == *h || x.raw == *h);
                let others = e.hosts.iter().any(|x| x.user_host != *h && x.raw != *h);
                match (hit, others) {
                    (false, _) => None,
                    (true, false) => Some((e.index, Removal::Block)),
                    (true, true) => {
                        // `h` came from the command line, so it is UTF-8.
                        let uh = crate::config::HostSpec::parse(h)
                            .user_host
                            .lossy()
                            .into_owned();
                        Some((e.index, Removal::Host(uh)))
                    }
                }
            }
        })
        .collect();
    match matches.len() {
        0 => Err(Error::Usage("no <agentless> entry matches".into())),
        1 => Ok(matches),
        _ if args.all_matching => Ok(matches),
        n => Err(Error::Refused(format!(
            "{n} entries match ({}): pass an index, narrow with --host/--type, or use --all-matching",
            matches
                .iter()
                .map(|(i, _)| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
