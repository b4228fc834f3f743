//! `diff`: run commands or read device configurations on one or more targets, compare with
//! the last kept output, print a unified diff, optionally forward the change to analysisd;
//! or, with `--agentless`, act as an ossec-agentlessd `periodic_diff` script.

use super::Context;
use super::agentless::fail;
use super::target::{entry_targets, entry_text};
use crate::causes::chain;
use crate::cli::{DiffArgs, ProfileArg};
use crate::diff::DiffError;
use crate::diff::capture::{DEFAULT_LIMIT, Method};
use crate::diff::device::Profile;
use crate::diff::filter::Filters;
use crate::diff::job::{self, DEFAULT_TYPE, Job, JobOptions, JobReport, Outcome};
use crate::diff::render;
use crate::diff::store::DiffStore;
use crate::protocol::{LineKind, classify};
use crate::sanitize::for_terminal;
use crate::scan::target::{ConnectOptions, SshSettings, TargetSpec};
use crate::transport::Timeouts;
use crate::{Error, ExitCode};
use serde::Serialize;
use std::time::Duration;

/// The one place `diff` turns a TARGET into a target (the coordinator may switch the parser).
fn parse_target(text: &str) -> Result<TargetSpec, Error> {
    Ok(TargetSpec::parse(text)?)
}

fn profile(p: ProfileArg) -> Profile {
    match p {
        ProfileArg::Auto => Profile::Auto,
        ProfileArg::CiscoIos => Profile::CiscoIos,
        ProfileArg::CiscoAsa => Profile::CiscoAsa,
        ProfileArg::Foundry => Profile::Foundry,
        ProfileArg::Junos => Profile::Junos,
    }
}

fn options(args: &DiffArgs, ctx: &Context, store: bool) -> Result<JobOptions, Error> {
    let policy = args.host_key.policy();
    let usage = |e: crate::diff::filter::PatternError| Error::Usage(e.to_string());
    Ok(JobOptions {
        connect: ConnectOptions {
            timeouts: Timeouts {
                connect: Duration::from_secs(args.connect_timeout),
                idle: (args.timeout > 0).then(|| Duration::from_secs(args.timeout)),
            },
            ssh: Some(SshSettings::for_layout(
                &ctx.layout,
                policy,
                crate::layout::agentless_owner(ctx.layout.detect().flavour),
            )),
        },
        device_timeout: Duration::from_secs(if args.timeout > 0 { args.timeout } else { 60 }),
        limit: DEFAULT_LIMIT,
        exec_filters: Filters::new(&args.ignore, false, args.keep_secrets).map_err(usage)?,
        device_filters: Filters::new(&args.ignore, !args.keep_noise, args.keep_secrets)
            .map_err(usage)?,
        store: if store {
            Some(DiffStore::new(args.state_dir.clone()).map_err(Error::Diff)?)
        } else {
            None
        },
        update: !args.no_update,
        forward: args.forward.then(|| ctx.layout.analysisd_queue()),
    })
}

/// The method for `kind`, given the flags.
fn method(args: &DiffArgs, kind: Option<&str>) -> Method {
    let stock = kind.and_then(Profile::for_stock_script);
    match (args.profile, stock) {
        (Some(p), _) => Method::Device(profile(p)),
        (None, Some(p)) => Method::Device(p),
        (None, None) if args.device => Method::Device(Profile::Auto),
        (None, None) => Method::Exec,
    }
}

fn is_diff_entry(kind: &str) -> bool {
    kind == DEFAULT_TYPE || Profile::for_stock_script(kind).is_some()
}

/// The jobs: the targets given with COMMANDS, or ossec.conf's diff entries.
fn jobs(args: &DiffArgs, ctx: &Context) -> Result<Vec<Job>, Error> {
    if args.all {
        let jobs = configured_jobs(args, ctx, None)?;
        if jobs.is_empty() {
            return Err(Error::Usage(format!(
                "{} has no ssh_generic_diff or device (ssh_pixconfig_diff, \
                 ssh_asa-fwsmconfig_diff, ssh_foundry_diff) entry",
                ctx.layout.config().display()
            )));
        }
        return Ok(jobs);
    }
    if !args.rest.is_empty() {
        return Err(Error::Usage(
            "give COMMANDS as one quoted string, e.g. 'uname -a; df -h'".into(),
        ));
    }
    let mut jobs = Vec::new();
    let first = args.target.as_deref().map(parse_target).transpose()?;
    for target in first.into_iter().chain(args.more_targets.iter().cloned()) {
        let device = matches!(method(args, None), Method::Device(_));
        if device && target == TargetSpec::Local {
            return Err(Error::Usage(
                "--device needs user@host: `local` is not a network device".into(),
            ));
        }
        let commands = match &args.commands {
            Some(c) if c.trim().is_empty() && !device => {
                return Err(Error::Usage("COMMANDS is empty".into()));
            }
            Some(c) => c.clone(),
            None => {
                let found = match &target {
                    TargetSpec::Local => Vec::new(),
                    TargetSpec::Ssh { .. } => configured_jobs(args, ctx, Some(&target))?,
                };
                // A device without an entry or COMMANDS: just its configuration.
                if found.is_empty() && device {
                    String::new()
                } else if found.is_empty() {
                    return Err(Error::Usage(format!(
                        "no COMMANDS given and {} has no ssh_generic_diff or device entry for \
                         {}: give the commands to run",
                        ctx.layout.config().display(),
                        target.ossec_host()
                    )));
                } else {
                    jobs.extend(found);
                    continue;
                }
            }
        };
        let kind = args.kind.clone().unwrap_or_else(|| DEFAULT_TYPE.into());
        jobs.push(Job {
            target,
            commands,
            method: method(args, Some(&kind)),
            kind,
            sudo: false,
        });
    }
    Ok(jobs)
}

/// One job per host of every diff entry of ossec.conf (only `only`'s user@host when given).
fn configured_jobs(
    args: &DiffArgs,
    ctx: &Context,
    only: Option<&TargetSpec>,
) -> Result<Vec<Job>, Error> {
    // Looking up one target's entries: no ossec.conf simply means no entries.
    if only.is_some() && !ctx.layout.config().exists() {
        return Ok(Vec::new());
    }
    let file = crate::config::ConfigFile::load(ctx.layout.config())?;
    let mut jobs = Vec::new();
    for e in file.doc.agentless() {
        let Some(kind) = e
            .kind
            .as_ref()
            .and_then(|k| k.to_str())
            .filter(|k| is_diff_entry(k))
        else {
            continue;
        };
        let commands = match &e.arguments {
            Some(a) => entry_text(&e, a, "<arguments>", "diff")?,
            None => String::new(),
        };
        let m = method(args, Some(kind));
        if matches!(m, Method::Exec) && commands.trim().is_empty() {
            continue;
        }
        for (target, h) in entry_targets(&e, only, "diff")? {
            jobs.push(Job {
                target,
                commands: commands.clone(),
                kind: args.kind.clone().unwrap_or_else(|| kind.to_string()),
                method: m.clone(),
                sudo: matches!(h.escalation, Some(crate::config::Escalation::UseSudo)),
            });
        }
    }
    Ok(jobs)
}

/// Runs `diff`: options, jobs, run (each target printed as it finishes), exit status.
pub(crate) fn run(args: &DiffArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    if args.agentless {
        return agentless(args, ctx);
    }
    let opts = options(args, ctx, true)?;
    let jobs = jobs(args, ctx)?;
    let mut printer = Printer {
        json: args.output.json,
        ctx,
        code: ExitCode::Success,
        documents: Vec::new(),
        failed_output: None,
    };
    job::run_all(&jobs, &opts, args.jobs, &mut |i, result| {
        printer.target_done(&jobs[i], result);
    });
    printer.finish()
}

/// Prints each target's result as it finishes and keeps the exit status (and, for `--json`,
/// the documents until the end).
struct Printer<'c, 'x, 'o> {
    json: bool,
    ctx: &'c mut Context<'x, 'o>,
    code: ExitCode,
    documents: Vec<TargetDocument>,
    /// The first error writing the output; reported at the end.
    failed_output: Option<std::io::Error>,
}

impl Printer<'_, '_, '_> {
    /// Records and prints the result of `job`.
    fn target_done(&mut self, job: &Job, result: Result<JobReport, DiffError>) {
        let printed = match result {
            Ok(rep) => {
                if matches!(rep.outcome, Outcome::Changed { .. }) {
                    self.code = self.code.merge(ExitCode::Differences);
                }
                if self.json {
                    self.documents.push(TargetDocument::of(&rep, job));
                    Ok(())
                } else {
                    print_text(self.ctx, &rep)
                }
            }
            Err(e) => self.failed(job, &e),
        };
        if let Err(e) = printed {
            self.failed_output.get_or_insert(e);
        }
    }

    fn failed(&mut self, job: &Job, e: &DiffError) -> std::io::Result<()> {
        self.code = self.code.merge(ExitCode::Error);
        let name = job.target.to_string();
        let msg = chain(e);
        let msg = if msg.starts_with(&name) {
            msg
        } else {
            format!("{name}: {msg}")
        };
        if !self.json {
            return self.ctx.out.error(&for_terminal(&msg));
        }
        self.documents.push(TargetDocument::Failed {
            target: name,
            kind: job.kind.clone(),
            commands: job.commands.clone(),
            status: "error",
            error: msg,
        });
        Ok(())
    }

    /// Prints the `--json` document and returns the exit status.
    fn finish(self) -> Result<ExitCode, Error> {
        if let Some(e) = self.failed_output {
            return Err(Error::Output(e));
        }
        if self.json {
            self.ctx.out.json_pretty(&DiffReport {
                targets: self.documents,
                exit: self.code.code(),
            })?;
        }
        Ok(self.code)
    }
}

/// The `--json` document of `diff`: every target's result and the exit status.
#[derive(Serialize)]
struct DiffReport {
    targets: Vec<TargetDocument>,
    exit: u8,
}

/// One target of a [`DiffReport`].
#[derive(Serialize)]
#[serde(untagged)]
enum TargetDocument {
    /// The commands ran (or the device answered): what changed since the last run.
    Done {
        target: String,
        #[serde(rename = "type")]
        kind: String,
        commands: String,
        profile: Option<Profile>,
        /// created, unchanged, changed or captured.
        status: &'static str,
        removed: Vec<String>,
        added: Vec<String>,
        diff: String,
        lines: usize,
        recorded: bool,
        state_file: Option<std::path::PathBuf>,
        forwarded: bool,
        elapsed_ms: u64,
    },
    /// The target could not be checked.
    Failed {
        target: String,
        #[serde(rename = "type")]
        kind: String,
        commands: String,
        /// Always `error`.
        status: &'static str,
        error: String,
    },
}

impl TargetDocument {
    /// The document of a target that was checked.
    fn of(rep: &JobReport, job: &Job) -> TargetDocument {
        let (status, recorded) = match rep.outcome {
            Outcome::Created { written } => ("created", written),
            Outcome::Unchanged => ("unchanged", false),
            Outcome::Changed { updated } => ("changed", updated),
            Outcome::NotCompared => ("captured", false),
        };
        let (removed, added) = match &rep.old {
            Some(old) => render::changed_lines(old, &rep.new),
            None => (Vec::new(), Vec::new()),
        };
        TargetDocument::Done {
            target: rep.target.clone(),
            kind: rep.kind.clone(),
            commands: job.commands.clone(),
            profile: rep.profile,
            status,
            removed,
            added,
            diff: rep.unified(),
            lines: rep.new.lines().count(),
            recorded,
            state_file: rep.state_file.clone(),
            forwarded: rep.forwarded,
            elapsed_ms: u64::try_from(rep.elapsed.as_millis()).unwrap_or(u64::MAX),
        }
    }
}

/// Prints one target's result for people: the unified diff on stdout, notes on stderr.
fn print_text(ctx: &mut Context, rep: &JobReport) -> std::io::Result<()> {
    let name = for_terminal(&rep.target);
    match rep.outcome {
        Outcome::Created { written } => ctx.out.info(&format!(
            "{name}: first run: {} lines {}",
            rep.new.lines().count(),
            if written {
                "recorded"
            } else {
                "captured (not recorded: --no-update)"
            }
        ))?,
        Outcome::Unchanged | Outcome::NotCompared => {
            ctx.out.info(&format!("{name}: no change"))?;
        }
        Outcome::Changed { updated } => {
            let color = ctx.out.color();
            let mut text = String::new();
            for line in rep.unified().lines() {
                let shown = for_terminal(line);
                let painted = match line.as_bytes().first() {
                    Some(b'+') if color && !line.starts_with("+++") => {
                        ctx.out.paint(&shown, crate::output::Paint::Green)
                    }
                    Some(b'-') if color && !line.starts_with("---") => {
                        ctx.out.paint(&shown, crate::output::Paint::Red)
                    }
                    _ => shown,
                };
                text.push_str(&painted);
                text.push('\n');
            }
            ctx.out.out().write_all(text.as_bytes())?;
            if !updated {
                ctx.out
                    .info(&format!("{name}: changed (not recorded: --no-update)"))?;
            }
        }
    }
    if rep.forwarded {
        ctx.out.info(&format!(
            "{name}: sent the change to {}",
            ctx.layout.analysisd_queue().display()
        ))?;
    }
    Ok(())
}

/// A line the daemon would read as a command of its own (`ERROR: `, `INFO: `, `FWD:`,
/// `LOG:`, `STORE: `) is kept with a leading space, so output can never forge one.
fn protocol_safe(line: &str) -> String {
    if classify(line.as_bytes(), true).0 != LineKind::Other {
        format!(" {line}")
    } else {
        line.to_string()
    }
}

/// `--agentless`: the periodic_diff script protocol on stdout.
fn agentless(args: &DiffArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let mut words: Vec<String> = args
        .target
        .iter()
        .chain(&args.commands)
        .chain(&args.rest)
        .cloned()
        .collect();
    // The daemon's startup probe.
    if words == ["test", "test"] {
        return Ok(ExitCode::Success);
    }
    let opts = options(args, ctx, false)?;
    let out = &mut *ctx.out;
    out.line("INFO: Starting.")?;
    let sudo = match super::agentless::escalation(words.first().map(String::as_bytes)) {
        Ok(sudo) => sudo,
        Err(msg) => return fail(out, msg),
    };
    if sudo {
        words.remove(0);
    }
    let Some((host, commands)) = words.split_first() else {
        return fail(out, "no host given");
    };
    let target = match parse_target(host) {
        Ok(t) => t,
        Err(e) => return fail(out, &chain(&e)),
    };
    let kind = args.kind.clone().unwrap_or_else(|| DEFAULT_TYPE.into());
    let job = Job {
        target,
        commands: commands.join(" "),
        method: method(args, Some(&kind)),
        kind,
        sudo,
    };
    if matches!(job.method, Method::Exec) && job.commands.trim().is_empty() {
        return fail(out, &format!("no commands to run for {host}"));
    }
    match job::capture_filtered(&job, &opts) {
        Ok((text, _)) => {
            // STORE only after a complete capture: the daemon compares whatever follows it.
            out.line("STORE: now")?;
            for line in text.lines() {
                out.line(&protocol_safe(line))?;
            }
            out.line("INFO: Finished.")?;
            Ok(ExitCode::Success)
        }
        Err(e) => fail(out, &chain(&e)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn output_cannot_forge_protocol_lines() {
        assert_eq!(super::protocol_safe("FWD: 1:2:3 /x"), " FWD: 1:2:3 /x");
        assert_eq!(super::protocol_safe("STORE: now"), " STORE: now");
        assert_eq!(super::protocol_safe("hostname r1"), "hostname r1");
    }
}
