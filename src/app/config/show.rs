//! `config show`: the entries as a table, the 2009 legacy text, or JSON.

use super::super::Context;
use crate::cli::{ShowArgs, ShowFormat};
use crate::config::{AgentlessEntry, ConfigFile, Position};
use crate::output::Output;
use crate::sanitize::for_terminal;
use crate::{Error, ExitCode};
use comfy_table::{Table, presets};
use serde_json::json;

/// Runs `config show`.
pub fn show(args: &ShowArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let file = super::load(ctx)?;
    let entries = file.doc.agentless();
    let format = if args.json {
        ShowFormat::Json
    } else {
        args.format
    };
    match format {
        ShowFormat::Json => {
            let install = ctx.layout.detect();
            print_json(&file, &entries, &install, ctx.out)?
        }
        ShowFormat::Legacy => print_legacy(&entries, ctx.out)?,
        ShowFormat::Table => print_table(&entries, ctx.out)?,
    }
    Ok(ExitCode::Success)
}

fn frequency_text(e: &AgentlessEntry) -> String {
    match (&e.frequency, e.effective_frequency()) {
        (Some(_), Some(f)) => f.to_string(),
        (Some(raw), None) => raw.clone(),
        (None, _) => crate::config::DEFAULT_FREQUENCY.to_string(),
    }
}

/// The 2009 `ossec-config --section agentless --show` format; nothing at all without entries.
pub fn print_legacy(entries: &[AgentlessEntry], out: &mut Output) -> Result<(), Error> {
    for e in entries {
        out.line(&"-".repeat(40))?;
        out.line(&format!(
            "type: {}",
            for_terminal(e.kind.as_deref().unwrap_or(""))
        ))?;
        out.line(&format!("frequency: {}", for_terminal(&frequency_text(e))))?;
        for h in &e.hosts {
            out.line(&format!("host: {}", for_terminal(&h.raw)))?;
        }
        out.line(&format!("state: {}", for_terminal(&e.states.join(" "))))?;
        out.line(&format!(
            "arguments: {}",
            for_terminal(e.arguments.as_deref().unwrap_or(""))
        ))?;
    }
    Ok(())
}

fn print_table(entries: &[AgentlessEntry], out: &mut Output) -> Result<(), Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_header(vec![
        "#",
        "type",
        "hosts",
        "state",
        "frequency",
        "arguments",
    ]);
    for e in entries {
        let freq = match &e.frequency {
            Some(_) => frequency_text(e),
            None => format!("{} (default)", frequency_text(e)),
        };
        t.add_row(vec![
            e.index.to_string(),
            for_terminal(e.kind.as_deref().unwrap_or("(missing)")),
            e.hosts
                .iter()
                .map(|h| for_terminal(&h.raw))
                .collect::<Vec<_>>()
                .join("\n"),
            for_terminal(&e.states.join(", ")),
            for_terminal(&freq),
            for_terminal(e.arguments.as_deref().unwrap_or("")),
        ]);
    }
    out.line(&t.to_string())?;
    Ok(())
}

fn print_json(
    file: &ConfigFile,
    entries: &[AgentlessEntry],
    install: &crate::layout::Install,
    out: &mut Output,
) -> Result<(), Error> {
    let entries: Vec<_> = entries
        .iter()
        .map(|e| {
            json!({
                "index": e.index,
                "line": Position::of(file.bytes(), e.span.start).line,
                "type": e.kind,
                "hosts": e.hosts,
                "states": e.states,
                "frequency": e.frequency,
                "effective_frequency": e.effective_frequency(),
                "arguments": e.arguments,
                "other": e.children.iter()
                    .filter(|c| !matches!(c.name.as_str(), "type" | "host" | "state" | "frequency" | "arguments"))
                    .map(|c| json!({"name": c.name, "value": c.value}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "config": file.path,
        "install": install,
        "entries": entries,
    });
    out.line(&serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?)?;
    Ok(())
}
