//! `doctor`: run every check, repair with `--fix`, show a table (or JSON).

use super::Context;
use crate::causes::chain;
use crate::cli::DoctorArgs;
use crate::doctor::{Check, CheckResult, DoctorEnv, Status, standard_checks};
use crate::sanitize::for_terminal;
use crate::{Error, ExitCode};
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Repair {
    check: String,
    changes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    ossec_dir: String,
    flavour: crate::layout::Flavour,
    version: Option<&'a str>,
    user: &'a str,
    checks: &'a [CheckResult],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    repairs: Vec<Repair>,
    dry_run: bool,
    problems: usize,
}

/// Runs `doctor`.
pub(crate) fn run(args: &DoctorArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let root = ctx.layout.root().to_path_buf();
    if !root.is_dir() {
        ctx.out.error(&format!(
            "cannot check: {} is not a directory (give the OSSEC directory with --ossec-dir)",
            root.display()
        ))?;
        return Ok(ExitCode::Error);
    }
    let mut env = DoctorEnv::new(&ctx.layout, args.user.as_deref());
    let checks = standard_checks();
    let mut results = run_all(&checks, &env);
    let mut repairs = Vec::new();
    if args.fix {
        for (check, result) in checks.iter().zip(&results) {
            if result.status != Status::Problem || !result.repairable {
                continue;
            }
            let (changes, error) = match check.repair(&env, args.dry_run) {
                Ok(c) => (c, None),
                Err(e) => (Vec::new(), Some(chain(&e))),
            };
            repairs.push(Repair {
                check: check.name().to_string(),
                changes,
                error,
            });
        }
        if !args.dry_run && !repairs.is_empty() {
            env = DoctorEnv::new(&ctx.layout, args.user.as_deref());
            results = run_all(&checks, &env);
        }
    }
    let problems = results
        .iter()
        .filter(|r| r.status == Status::Problem)
        .count();
    let repair_failed = repairs.iter().any(|r| r.error.is_some());

    if args.output.json {
        let doc = JsonDoc {
            ossec_dir: root.display().to_string(),
            flavour: env.install.flavour,
            version: env.install.version.as_deref(),
            user: &env.user,
            checks: &results,
            repairs,
            dry_run: args.dry_run,
            problems,
        };
        let text = serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::Output(std::io::Error::other(e)))?;
        ctx.out.line(&text)?;
    } else {
        for r in &repairs {
            let verb = if args.dry_run { "would" } else { "fixed" };
            for c in &r.changes {
                ctx.out.info(&format!("{verb}: {}", for_terminal(c)))?;
            }
            if let Some(e) = &r.error {
                ctx.out
                    .error(&format!("cannot repair '{}': {}", r.check, for_terminal(e)))?;
            }
        }
        ctx.out.line(&table(&results).to_string())?;
        let summary = match problems {
            0 => "no problems found".to_string(),
            1 => "1 problem found".to_string(),
            n => format!("{n} problems found"),
        };
        let hint = if problems > 0 && !args.fix && results.iter().any(|r| r.repairable) {
            "; `doctor --fix` repairs the ones that say so"
        } else {
            ""
        };
        ctx.out.line(&format!("{summary}{hint}"))?;
    }
    Ok(if repair_failed {
        ExitCode::Error
    } else {
        ExitCode::differences_if(problems > 0)
    })
}

fn run_all(checks: &[Box<dyn Check>], env: &DoctorEnv) -> Vec<CheckResult> {
    checks.iter().map(|c| c.run(env)).collect()
}

fn table(results: &[CheckResult]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(table_width())
        .set_header(vec!["", "check", "result", "fix"]);
    for r in results {
        let mark = match r.status {
            Status::Ok => "✔",
            Status::Problem => "✘",
            Status::Skipped => "–",
        };
        let mut fix = r.fix.clone().unwrap_or_default();
        if r.repairable {
            fix.push_str("; or `doctor --fix`");
        }
        t.add_row(vec![
            mark.to_string(),
            r.name.clone(),
            for_terminal(&r.detail),
            for_terminal(&fix),
        ]);
    }
    t
}

/// `COLUMNS` when the shell exports it, else 120.
fn table_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|&c| c >= 60)
        .unwrap_or(120)
}
