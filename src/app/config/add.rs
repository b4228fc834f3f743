//! `config add` (and `ossec-config --add`): validate a new entry, then splice it in.

use super::super::Context;
use super::{WriteMode, edit_file};
use crate::cli::AddArgs;
use crate::config::edit::{self, NewEntry};
use crate::config::validate::{self, Severity, Topic};
use crate::layout::Flavour;
use crate::sanitize::for_terminal;
use crate::{Error, ExitCode};

/// Runs `config add`.
pub(crate) fn run(args: &AddArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let entry = NewEntry {
        kind: args.kind.clone(),
        frequency: args.frequency.clone(),
        hosts: args.host.clone(),
        state: args.state.clone(),
        arguments: args.arguments.clone(),
    };
    let mode = WriteMode {
        dry_run: args.edit.dry_run,
        backup: !args.edit.no_backup,
    };
    add_entry(ctx, &entry, mode, !args.force)
}

/// Checks and adds `entry`; shared with `ossec-config --add`.
pub(crate) fn add_entry(
    ctx: &mut Context,
    entry: &NewEntry,
    mode: WriteMode,
    check_script: bool,
) -> Result<ExitCode, Error> {
    let flavour = ctx.layout.detect().flavour;
    if !flavour.supports_agentless() {
        return Err(Error::Refused(format!(
            "{} is Wazuh 5.x, which removed agentless monitoring (the manager rejects <agentless> \
             blocks); use `ossec-agentless scan` instead",
            ctx.layout.root().display()
        )));
    }
    check_values(entry)?;
    let opts = validate::Options {
        agentless_dir: ctx.layout.agentless_dir(),
        flavour,
    };
    let index = edit_file(ctx, mode, |file, ctx| {
        let text = edit::add(&file.doc, entry)?;
        let doc = crate::config::Document::parse(&text)
            .map_err(|e| Error::Refused(e.kind.to_string()))?;
        let index = doc.agentless().len();
        let mut errors = Vec::new();
        let mut missing_script = false;
        for d in validate::validate(&doc, &opts) {
            let involves_new = match &d.topic {
                Topic::SharedState(entries) => entries.contains(&index),
                _ => d.entry == Some(index),
            };
            if !involves_new {
                continue;
            }
            let script = d.topic == Topic::Script;
            match d.severity {
                Severity::Error if script && !check_script => {
                    ctx.out.warn(&for_terminal(&d.message))?;
                }
                Severity::Error => {
                    missing_script |= script;
                    errors.push(d.message);
                }
                Severity::Warning => ctx.out.warn(&for_terminal(&d.message))?,
            }
        }
        if !errors.is_empty() {
            let hint = if missing_script {
                " (install the script first, or pass --force to add the entry anyway)"
            } else {
                ""
            };
            return Err(Error::Refused(format!(
                "not adding the entry: {}{hint}",
                for_terminal(&errors.join("; "))
            )));
        }
        Ok((text, index))
    })?;
    if !mode.dry_run {
        ctx.out.line(&format!(
            "added <agentless> entry {index} ({} for {}) to {}",
            for_terminal(&entry.kind),
            for_terminal(&entry.hosts.join(", ")),
            ctx.layout.config().display()
        ))?;
        let control = format!(
            "{}/bin/{}-control",
            ctx.layout.root().display(),
            if flavour == Flavour::Wazuh4 {
                "wazuh"
            } else {
                "ossec"
            }
        );
        // OSSEC's ossec-control starts ossec-agentlessd only once agentless was enabled.
        let enabled = flavour == Flavour::Wazuh4
            || matches!(crate::doctor::ProcessList::read(&ctx.layout), Ok(Some(p)) if p.enabled());
        if enabled {
            ctx.out
                .info(&format!("restart OSSEC to apply it: {control} restart"))?;
        } else {
            ctx.out.info(&format!(
                "agentless monitoring is not enabled, so ossec-control would never start \
                 ossec-agentlessd: run `{control} enable agentless`, then `{control} restart`"
            ))?;
        }
    }
    Ok(ExitCode::Success)
}

/// Refuses values that would change the file's structure or could never work.
fn check_values(e: &NewEntry) -> Result<(), Error> {
    let bad = |what: &str, v: &str, why: &str| {
        Err(Error::Usage(format!("{what} {:?} {why}", for_terminal(v))))
    };
    // Hosts were checked by the one host type as the command line was read.
    let mut fields: Vec<(&str, &str)> = vec![
        ("--type", &e.kind),
        ("--state", &e.state),
        ("--frequency", &e.frequency),
    ];
    fields.extend(e.hosts.iter().map(|h| ("--host", h.as_str())));
    if let Some(a) = &e.arguments {
        fields.push(("--arguments", a));
    }
    for (what, v) in fields {
        if v.chars().any(|c| c.is_control()) {
            return bad(what, v, "contains a newline or control character");
        }
        if v.contains('<') {
            return bad(
                what,
                v,
                "contains '<', which would end the value in ossec.conf",
            );
        }
    }
    if crate::host::check_plain_name("--type", &e.kind).is_err() {
        return bad(
            "--type",
            &e.kind,
            "must be a script name in <ossec-dir>/agentless/ (a plain file name)",
        );
    }
    Ok(())
}
