//! `config show`: the entries as a table, the 2009 legacy text, or JSON.
//!
//! Values are shown escaped for the terminal (a byte that is not UTF-8 as `\xNN`); in JSON a
//! value is a string when it is UTF-8 and `{"hex": …, "lossy": …}` otherwise ([`RawText`]).

use super::super::Context;
use crate::cli::{ShowArgs, ShowFormat};
use crate::config::{AgentlessEntry, ConfigFile, Position, RawText};
use crate::output::Output;
use crate::{Error, ExitCode};
use comfy_table::{Table, presets};
use serde::Serialize;

/// Runs `config show`.
pub(crate) fn show(args: &ShowArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let file = super::load(ctx)?;
    let entries = file.doc.agentless();
    let format = if args.output.json {
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

/// The frequency for a terminal (escaped).
fn frequency_text(e: &AgentlessEntry) -> String {
    match (&e.frequency, e.effective_frequency()) {
        (Some(_), Some(f)) => f.to_string(),
        (Some(raw), None) => raw.escaped(),
        (None, _) => crate::config::DEFAULT_FREQUENCY.to_string(),
    }
}

/// An optional value for a terminal (escaped), `or` when absent.
fn shown(v: Option<&RawText>, or: &str) -> String {
    v.map_or_else(|| or.to_string(), RawText::escaped)
}

/// Several values for a terminal (escaped), joined by `sep`.
fn joined<'a>(v: impl IntoIterator<Item = &'a RawText>, sep: &str) -> String {
    v.into_iter()
        .map(RawText::escaped)
        .collect::<Vec<_>>()
        .join(sep)
}

/// The 2009 `ossec-config --section agentless --show` format; nothing at all without entries.
pub(crate) fn print_legacy(entries: &[AgentlessEntry], out: &mut Output) -> Result<(), Error> {
    for e in entries {
        out.line(&"-".repeat(40))?;
        out.line(&format!("type: {}", shown(e.kind.as_ref(), "")))?;
        out.line(&format!("frequency: {}", frequency_text(e)))?;
        for h in &e.hosts {
            out.line(&format!("host: {}", h.raw.escaped()))?;
        }
        out.line(&format!("state: {}", joined(&e.states, " ")))?;
        out.line(&format!("arguments: {}", shown(e.arguments.as_ref(), "")))?;
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
            shown(e.kind.as_ref(), "(missing)"),
            joined(e.hosts.iter().map(|h| &h.raw), "\n"),
            joined(&e.states, ", "),
            freq,
            shown(e.arguments.as_ref(), ""),
        ]);
    }
    out.line(&t.to_string())?;
    Ok(())
}

/// The `--json` document of `config show`.
#[derive(Serialize)]
struct ShowReport<'a> {
    config: &'a std::path::Path,
    install: &'a crate::layout::Install,
    entries: Vec<ShownEntry<'a>>,
}

/// One `<agentless>` block of a [`ShowReport`]; values are [`RawText`].
#[derive(Serialize)]
struct ShownEntry<'a> {
    index: usize,
    /// The line of its `<agentless>` tag.
    line: usize,
    #[serde(rename = "type")]
    kind: &'a Option<RawText>,
    hosts: &'a [crate::config::HostSpec],
    states: &'a [RawText],
    frequency: &'a Option<RawText>,
    effective_frequency: Option<u64>,
    arguments: &'a Option<RawText>,
    /// The block's other elements, in file order.
    other: Vec<OtherElement<'a>>,
}

/// An element of an `<agentless>` block that is not one of the five the daemon reads.
#[derive(Serialize)]
struct OtherElement<'a> {
    name: &'a str,
    value: &'a RawText,
}

fn print_json(
    file: &ConfigFile,
    entries: &[AgentlessEntry],
    install: &crate::layout::Install,
    out: &mut Output,
) -> Result<(), Error> {
    let entries = entries
        .iter()
        .map(|e| ShownEntry {
            index: e.index,
            line: Position::of(file.bytes(), e.span.start).line,
            kind: &e.kind,
            hosts: &e.hosts,
            states: &e.states,
            frequency: &e.frequency,
            effective_frequency: e.effective_frequency(),
            arguments: &e.arguments,
            other: e
                .children
                .iter()
                .filter(|c| {
                    !matches!(
                        c.name.as_str(),
                        "type" | "host" | "state" | "frequency" | "arguments"
                    )
                })
                .map(|c| OtherElement {
                    name: &c.name,
                    value: &c.value,
                })
                .collect(),
        })
        .collect();
    out.json_pretty(&ShowReport {
        config: &file.path,
        install,
        entries,
    })?;
    Ok(())
}
