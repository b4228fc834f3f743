//! `test-script --entry N` / `--all`: every `<host>` of ossec.conf's `<agentless>` blocks, run as
//! the daemon runs them.
//!
//! The daemon probes each block once (`<type> test test`), not each host, and skips every host of
//! a block whose probe fails; so the probe runs once per block here too and its result is reused
//! for the block's hosts. The runs themselves are [`test_script::test_in_block`].

use super::Context;
use super::test_script::{self, RunOptions};
use crate::config::{AgentlessEntry, Position, RawText};
use crate::output::Paint;
use crate::sanitize::for_terminal;
use crate::script::Invocation;
use crate::{Error, ExitCode};
use serde::Serialize;

/// The `--json` document of `test-script --entry N` / `--all`.
#[derive(Serialize)]
struct EntriesReport<'a> {
    config: &'a str,
    results: Vec<EntryResult<'a>>,
    passed: usize,
    failed: usize,
    /// Blocks and hosts that could not be run.
    errors: usize,
}

/// One result of an [`EntriesReport`].
#[derive(Serialize)]
#[serde(untagged)]
enum EntryResult<'a> {
    /// A block the daemon cannot run (no `<type>` or no `<host>`).
    Unusable { entry: usize, error: String },
    /// A host of a block that could not be run as written.
    NotRun {
        entry: usize,
        host: &'a RawText,
        error: String,
    },
    /// A host that ran: `result` is `test-script`'s own document.
    Ran {
        entry: usize,
        host: &'a RawText,
        result: Option<serde_json::Value>,
    },
}

/// One (block, host) result, for the summary.
struct Row {
    entry: usize,
    host: String,
    /// `None`: the host could not be run (see the error printed above).
    passed: Option<bool>,
}

/// Runs the block `entry` (from 1), or every block when `entry` is `None`.
pub(crate) fn run(
    entry: Option<usize>,
    opts: &RunOptions,
    ctx: &mut Context,
) -> Result<ExitCode, Error> {
    let file = super::config::load(ctx)?;
    let entries = file.doc.agentless();
    let path = file.path.display().to_string();
    let selected: Vec<&AgentlessEntry> = match entry {
        Some(n) => match n.checked_sub(1).and_then(|i| entries.get(i)) {
            Some(e) => vec![e],
            None => {
                return Err(Error::Usage(format!(
                    "--entry {n} is out of range: {path} has {} <agentless> block(s), numbered \
                     from 1 as `ossec-agentless config show` lists them",
                    entries.len()
                )));
            }
        },
        None => entries.iter().collect(),
    };
    if selected.is_empty() {
        return Err(Error::Usage(format!(
            "{path} has no <agentless> blocks: nothing to test (add one with `ossec-agentless \
             config add`)"
        )));
    }
    let root = ctx.layout.root().to_path_buf();
    let flavour = ctx.layout.detect().flavour;
    let mut code = ExitCode::Success;
    let mut rows = Vec::new();
    let mut results = Vec::new();
    for e in selected {
        let line = Position::of(file.bytes(), e.span.start).line;
        let what = format!("<agentless> block {} ({path}:{line})", e.index);
        let unusable = match (&e.kind, e.hosts.is_empty()) {
            (None, _) => Some("has no <type>"),
            (Some(k), _) if k.is_empty() => Some("has an empty <type>"),
            (_, true) => Some("has no <host>"),
            _ => None,
        };
        let kind = match (unusable, &e.kind) {
            (None, Some(k)) => k,
            (why, _) => {
                let msg = format!(
                    "{what} {}: the daemon cannot run it; fix it (`ossec-agentless config \
                     validate`)",
                    why.unwrap_or("has no <type>")
                );
                if entry.is_some() {
                    return Err(Error::Usage(msg));
                }
                ctx.out.error(&msg)?;
                code = code.merge(ExitCode::Error);
                results.push(EntryResult::Unusable {
                    entry: e.index,
                    error: msg,
                });
                continue;
            }
        };
        if !opts.json {
            let head = format!(
                "== {what}: {}, {} host(s) ==",
                kind.escaped(),
                e.hosts.len()
            );
            let head = ctx.out.paint(&head, Paint::Bold);
            ctx.out.line(&head)?;
        }
        if !e.states.iter().any(|s| s.starts_with(b"periodic")) && !e.states.is_empty() {
            ctx.out.warn(&format!(
                "{what} has no periodic or periodic_diff state: the daemon never runs it"
            ))?;
        }
        let mut probe = None;
        for h in &e.hosts {
            let args = e.arguments.clone().unwrap_or_default();
            let inv = match utf8_values(kind, &h.raw, &args)
                .and_then(|(k, h, a)| Invocation::from_entry(k, h, a, flavour, &root))
            {
                Ok(inv) => inv,
                Err(msg) => {
                    let msg = format!("{what}: {msg}");
                    ctx.out.error(&msg)?;
                    code = code.merge(ExitCode::Error);
                    results.push(EntryResult::NotRun {
                        entry: e.index,
                        host: &h.raw,
                        error: msg,
                    });
                    rows.push(Row {
                        entry: e.index,
                        host: h.raw.escaped(),
                        passed: None,
                    });
                    continue;
                }
            };
            let outcome = test_script::test_in_block(&inv, opts, ctx, &mut probe)?;
            code = code.merge(outcome.code);
            rows.push(Row {
                entry: e.index,
                host: h.raw.escaped(),
                passed: Some(outcome.code == ExitCode::Success),
            });
            results.push(EntryResult::Ran {
                entry: e.index,
                host: &h.raw,
                result: outcome.json,
            });
            if !opts.json {
                ctx.out.line("")?;
            }
        }
    }
    if opts.json {
        let count = |p: Option<bool>| rows.iter().filter(|r| r.passed == p).count();
        let errors = results
            .iter()
            .filter(|r| !matches!(r, EntryResult::Ran { .. }))
            .count();
        ctx.out.json_pretty(&EntriesReport {
            config: &path,
            passed: count(Some(true)),
            failed: count(Some(false)),
            errors,
            results,
        })?;
    } else {
        print_summary(&rows, ctx)?;
    }
    Ok(code)
}

fn print_summary(rows: &[Row], ctx: &mut Context) -> Result<(), Error> {
    let out = &mut *ctx.out;
    out.line("summary:")?;
    for r in rows {
        let verdict = match r.passed {
            Some(true) => out.paint("PASSED", Paint::Green),
            Some(false) => out.paint("FAILED", Paint::Red),
            None => out.paint("ERROR ", Paint::Red),
        };
        out.line(&format!(
            "  {verdict} entry {} {}",
            r.entry,
            for_terminal(&r.host)
        ))?;
    }
    Ok(())
}

/// `<type>`, `<host>` and `<arguments>` as text: the script runner takes UTF-8 only, so a value
/// with other bytes is reported (escaped) instead of being run with altered bytes.
fn utf8_values<'a>(
    kind: &'a RawText,
    host: &'a RawText,
    args: &'a RawText,
) -> Result<(&'a str, &'a str, &'a str), String> {
    let text = |v: &'a RawText, what: &str| {
        v.to_str().ok_or_else(|| {
            format!(
                "{what} {} is not UTF-8 text: test-script cannot run it as written (the daemon \
                 passes these bytes on unchanged)",
                v.escaped()
            )
        })
    };
    Ok((
        text(kind, "<type>")?,
        text(host, "<host>")?,
        text(args, "<arguments>")?,
    ))
}
