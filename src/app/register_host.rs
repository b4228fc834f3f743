//! `register-host add | list | remove`: the `.passlist` registry and its SSH port blocks.

use super::Context;
use crate::cli::{
    RegisterAddArgs as AddArgs, RegisterHostAction, RegisterHostArgs, RegisterListArgs as ListArgs,
    RegisterRemoveArgs as RemoveArgs,
};
use crate::layout::Flavour;
use crate::passlist::{
    Change, Entry, Form, PasslistEditor, PasslistError, Password, Secret, Security, inspect,
    parse_target,
};
use crate::sanitize::for_terminal;
use crate::sshconfig::{self, SshConfig, SshConfigEditor};
use crate::{Error, ExitCode};
use comfy_table::{Table, presets};
use serde::Serialize;
use std::io::{self, IsTerminal};
use std::path::Path;

/// Runs `register-host`.
pub(crate) fn run(args: RegisterHostArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    match args.action {
        RegisterHostAction::Add(a) => add(&a, ctx),
        RegisterHostAction::List(a) => list(&a, ctx),
        RegisterHostAction::Remove(a) => remove(&a, ctx),
    }
}

/// The host name part of `user@host` (what `ssh` matches `Host` patterns against).
fn host_name(host: &str) -> &str {
    host.rsplit_once('@').map_or(host, |(_, h)| h)
}

fn add(args: &AddArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let (host, suffix_port) = parse_target(&args.target)?;
    let port = match (suffix_port, args.port) {
        (Some(a), Some(b)) if a != b => {
            return Err(Error::Usage(format!(
                "two different ports given for {host}: {a} in the host and {b} with --port"
            )));
        }
        (Some(0), _) | (_, Some(0)) => {
            return Err(Error::Usage("the port must be from 1 to 65535".into()));
        }
        (a, b) => a.or(b),
    };
    if args.additional_password_stdin && !args.password_stdin && !args.nopass {
        return Err(Error::Usage(
            "--additional-password-stdin needs --password-stdin (the password is the first line, \
             the additional password the second) or --nopass"
                .into(),
        ));
    }
    let (password, additional) = read_secrets(args, &host, ctx)?;
    let entry = Entry::new(&host, password, additional)?;

    let flavour = ctx.layout.detect().flavour;
    let path = ctx.layout.passlist();
    let mut ed = if args.dry.dry_run {
        PasslistEditor::open_unlocked(&path, Form::for_flavour(flavour))?
    } else {
        PasslistEditor::open(&path, Form::for_flavour(flavour))?
    };
    let change = ed.passlist.add(&entry, args.replace, &path)?;
    drop(entry);
    if ed.exists()
        && flavour != Flavour::Unknown
        && ed.passlist.form() != Form::for_flavour(flavour)
    {
        ctx.out.warn(&format!(
            "{} is {}, but {flavour} reads {}; keeping the file's form (see `register-host list`)",
            path.display(),
            ed.passlist.form(),
            Form::for_flavour(flavour)
        ))?;
    }

    let ssh_path = ctx.layout.ssh_dir().join("config");
    let owner = crate::layout::agentless_owner(flavour);
    let mut ssh = None;
    if let Some(port) = port {
        let mut se = if args.dry.dry_run {
            SshConfigEditor::open_unlocked(&ssh_path, owner)?
        } else {
            if sshconfig::ensure_ssh_dir(&ctx.layout.ssh_dir(), owner)? {
                ctx.out.info(&format!(
                    "created {} (mode 0700)",
                    ctx.layout.ssh_dir().display()
                ))?;
            }
            SshConfigEditor::open(&ssh_path, owner)?
        };
        se.config
            .set_port(host_name(&host), port, args.replace, &ssh_path)?;
        ssh = Some((se, port));
    }

    if args.dry.dry_run {
        let mut shown = false;
        let d = ed.masked_diff();
        if !d.is_empty() {
            let note = if ed.passlist.form() == Form::Base64 {
                " (base64 file, shown decoded)"
            } else {
                ""
            };
            ctx.out
                .info(&format!("would change {}{note}:", path.display()))?;
            ctx.out.out().write_all(d.as_bytes())?;
            shown = true;
        }
        if let Some((se, _)) = &ssh {
            let d = se.diff();
            if !d.is_empty() {
                ctx.out.out().write_all(d.as_bytes())?;
                shown = true;
            }
        }
        if !shown {
            ctx.out.info("nothing would change")?;
        }
        ctx.out.info("dry run: nothing written")?;
        return Ok(ExitCode::Success);
    }

    let security = Security::for_passlist(flavour);
    let form = ed.passlist.form();
    let problems = ed.passlist.problems();
    let commit = ed.commit(&security)?;
    report_tightened(ctx, &path, commit.tightened_from, &security)?;
    let shown = for_terminal(&host);
    match change {
        Change::Added(n) => ctx.out.info(&format!(
            "added {shown} to {} (line {n}, {form})",
            path.display()
        ))?,
        Change::Replaced(n) => ctx.out.info(&format!(
            "updated {shown} in {} (line {n}, {form})",
            path.display()
        ))?,
        Change::Unchanged(_) => ctx
            .out
            .info(&format!("{shown} already has exactly these credentials"))?,
    }
    if let Some((se, port)) = ssh {
        if se.commit(owner)? {
            ctx.out.info(&format!(
                "set port {port} for {} in {}",
                for_terminal(host_name(&host)),
                ssh_path.display()
            ))?;
        }
        warn_ssh_dir_access(ctx, flavour, owner)?;
    }
    for p in problems {
        ctx.out.warn(&p.to_string())?;
    }
    Ok(ExitCode::Success)
}

/// Reads the password and additional password from stdin or the terminal, never from argv.
fn read_secrets(
    args: &AddArgs,
    host: &str,
    ctx: &mut Context,
) -> Result<(Password, Secret), Error> {
    if (args.password_stdin || args.additional_password_stdin) && io::stdin().is_terminal() {
        return Err(Error::Usage(
            "standard input is a terminal, where the password would be echoed: leave out \
             --password-stdin / --additional-password-stdin to be asked without echo"
                .into(),
        ));
    }
    if args.nopass || args.password_stdin {
        let password = if args.nopass {
            Password::Nopass
        } else {
            Password::Secret(ctx.read_secret_line("the password", 1)?)
        };
        let line = if args.nopass { 1 } else { 2 };
        let additional = if args.additional_password_stdin {
            ctx.read_secret_line("the additional password", line)?
        } else {
            Secret::default()
        };
        return Ok((password, additional));
    }
    let shown = for_terminal(host);
    let no_tty = |e: io::Error| {
        if e.kind() == io::ErrorKind::NotConnected {
            Error::Usage(format!(
                "no terminal to ask for the password of {shown}: give it on the first line of \
                 standard input with --password-stdin (the additional password on the second \
                 line with --additional-password-stdin), or use --nopass for key authentication"
            ))
        } else {
            Error::Input(e)
        }
    };
    let password = ctx
        .prompter
        .password(
            &format!("Password for {shown}"),
            Some("Repeat the password"),
            false,
        )
        .map_err(no_tty)?;
    let additional = ctx
        .prompter
        .password(
            &format!("Additional password for {shown} (su root or enable; Enter for none)"),
            Some("Repeat the additional password"),
            true,
        )
        .map_err(no_tty)?;
    Ok((
        Password::Secret(Secret::new(password)),
        Secret::new(additional),
    ))
}

fn report_tightened(
    ctx: &mut Context,
    path: &Path,
    from: Option<u32>,
    security: &Security,
) -> Result<(), Error> {
    if let Some(old) = from {
        ctx.out.warn(&format!(
            "tightened the mode of {} from {old:04o} to {:04o}",
            path.display(),
            security.mode
        ))?;
    }
    Ok(())
}

fn warn_ssh_dir_access(
    ctx: &mut Context,
    flavour: Flavour,
    owner: Option<(u32, u32)>,
) -> Result<(), Error> {
    let dir = ctx.layout.ssh_dir();
    if let Some((uid, gid)) = owner
        && !sshconfig::dir_usable_by(&dir, uid, gid)
    {
        ctx.out.warn(&format!(
            "the {} user cannot read {}, so ssh will not see the port; fix the directory's \
             owner or mode (e.g. chown {}:{} and chmod 0700)",
            flavour.agentless_user(),
            dir.display(),
            flavour.agentless_user(),
            flavour.agentless_user()
        ))?;
    }
    Ok(())
}

fn list(args: &ListArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let flavour = ctx.layout.detect().flavour;
    let info = inspect(&ctx.layout.passlist(), flavour)?;
    let ssh_path = ctx.layout.ssh_dir().join("config");
    let ssh = match SshConfig::load(&ssh_path) {
        Ok(c) => c,
        Err(e) => {
            ctx.out.warn(&format!("ports unknown: {e}"))?;
            SshConfig::default()
        }
    };
    let report = ListReport::new(&info, &ssh);
    if args.output.json {
        ctx.out.json(&report)?;
    } else {
        report.print_text(&info, ctx)?;
    }
    Ok(ExitCode::Success)
}

/// What `register-host list` reports: one document for `--json` (fields in alphabetical order),
/// warnings and a table for people.
#[derive(Serialize)]
struct ListReport<'a> {
    entries: Vec<ListedEntry<'a>>,
    exists: bool,
    expected_form: Option<crate::passlist::Form>,
    file: &'a Path,
    form: Option<crate::passlist::Form>,
    form_mismatch: bool,
    mode: Option<String>,
    mode_too_loose: bool,
    problems: Vec<ListedProblem<'a>>,
}

/// One `.passlist` entry of a [`ListReport`], with the port `.ssh/config` gives its host.
#[derive(Serialize)]
struct ListedEntry<'a> {
    additional: bool,
    auth: crate::passlist::AuthKind,
    host: &'a str,
    line: usize,
    port: Option<u16>,
    shadowed: bool,
}

/// One damaged or misread line of a [`ListReport`].
#[derive(Serialize)]
struct ListedProblem<'a> {
    host: Option<&'a str>,
    kind: crate::passlist::ProblemKind,
    line: usize,
    message: String,
}

impl<'a> ListReport<'a> {
    fn new(info: &'a crate::passlist::Inspection, ssh: &SshConfig) -> ListReport<'a> {
        ListReport {
            entries: info
                .entries
                .iter()
                .map(|e| ListedEntry {
                    additional: e.additional,
                    auth: e.auth,
                    host: &e.host,
                    line: e.line,
                    port: ssh.port_for(host_name(&e.host)),
                    shadowed: e.shadowed,
                })
                .collect(),
            exists: info.exists,
            expected_form: info.expected_form,
            file: &info.path,
            form: info.form,
            form_mismatch: info.form_mismatch(),
            mode: info.mode.map(|m| format!("{m:04o}")),
            mode_too_loose: info.too_loose,
            problems: info
                .problems
                .iter()
                .map(|p| ListedProblem {
                    host: p.host.as_deref(),
                    kind: p.kind,
                    line: p.line,
                    message: p.to_string(),
                })
                .collect(),
        }
    }

    /// The warnings on stderr, then a table of the entries on stdout.
    fn print_text(
        &self,
        info: &crate::passlist::Inspection,
        ctx: &mut Context,
    ) -> Result<(), Error> {
        if !self.exists {
            ctx.out.info(&format!(
                "no {} yet (add a host with `register-host add`)",
                self.file.display()
            ))?;
            return Ok(());
        }
        if let (true, Some(mode)) = (info.too_loose, info.mode) {
            ctx.out.warn(&format!(
                "{} has mode {mode:04o}, looser than {:04o}: other users may read the passwords; \
                 any `register-host add` or `remove` tightens it",
                self.file.display(),
                info.wanted_mode
            ))?;
        }
        if let Some(w) = info.form_warning() {
            ctx.out.warn(&w)?;
        }
        for p in &self.problems {
            ctx.out.warn(&p.message)?;
        }
        if self.entries.is_empty() {
            ctx.out
                .info(&format!("no hosts registered in {}", self.file.display()))?;
            return Ok(());
        }
        let mut table = Table::new();
        table.load_style(presets::NOTHING).set_header([
            "LINE",
            "HOST",
            "AUTH",
            "ADDITIONAL",
            "PORT",
        ]);
        for e in &self.entries {
            let auth = if e.shadowed {
                format!("{} (duplicate, unused)", e.auth.label())
            } else {
                e.auth.label().to_string()
            };
            table.add_row([
                e.line.to_string(),
                e.host.to_string(),
                auth,
                if e.additional { "yes" } else { "no" }.to_string(),
                e.port.map_or_else(|| "-".to_string(), |p| p.to_string()),
            ]);
        }
        // Columns two spaces apart, no borders; the last column is not padded.
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        ctx.out.line(&table.trim_fmt())?;
        Ok(())
    }
}

fn remove(args: &RemoveArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let (host, _) = parse_target(&args.target)?;
    let flavour = ctx.layout.detect().flavour;
    let path = ctx.layout.passlist();
    if !path.exists() {
        return Err(PasslistError::Missing { path }.into());
    }
    let mut ed = if args.dry.dry_run {
        PasslistEditor::open_unlocked(&path, Form::for_flavour(flavour))?
    } else {
        PasslistEditor::open(&path, Form::for_flavour(flavour))?
    };
    let removed = ed.passlist.remove(&host);
    if removed.is_empty() {
        return Err(PasslistError::NotFound {
            host: for_terminal(&host),
            path,
        }
        .into());
    }
    let name = host_name(&host);
    let others: Vec<String> = ed
        .passlist
        .entries()
        .into_iter()
        .filter(|e| host_name(&e.host) == name)
        .map(|e| e.host)
        .collect();
    let ssh_path = ctx.layout.ssh_dir().join("config");
    let owner = crate::layout::agentless_owner(flavour);
    let mut ssh = None;
    // symlink_metadata: a planted (even dangling) link is opened by the editor and refused.
    if others.is_empty() && ssh_path.symlink_metadata().is_ok() {
        let mut se = if args.dry.dry_run {
            SshConfigEditor::open_unlocked(&ssh_path, owner)?
        } else {
            SshConfigEditor::open(&ssh_path, owner)?
        };
        if se.config.remove_port(name) {
            ssh = Some(se);
        }
    }

    if args.dry.dry_run {
        ctx.out.out().write_all(ed.masked_diff().as_bytes())?;
        if let Some(se) = &ssh {
            ctx.out.out().write_all(se.diff().as_bytes())?;
        }
        ctx.out.info("dry run: nothing written")?;
        return Ok(ExitCode::Success);
    }
    let security = Security::for_passlist(flavour);
    let commit = ed.commit(&security)?;
    report_tightened(ctx, &path, commit.tightened_from, &security)?;
    let lines: Vec<String> = removed.iter().map(ToString::to_string).collect();
    ctx.out.info(&format!(
        "removed {} from {} (line {})",
        for_terminal(&host),
        path.display(),
        lines.join(", ")
    ))?;
    if let Some(se) = ssh
        && se.commit(owner)?
    {
        ctx.out.info(&format!(
            "removed the port for {} from {}",
            for_terminal(name),
            ssh_path.display()
        ))?;
    }
    if !others.is_empty() && ssh_path.exists() {
        ctx.out.info(&format!(
            "kept any port for {} in {}: still used by {}",
            for_terminal(name),
            ssh_path.display(),
            others.join(", ")
        ))?;
    }
    Ok(ExitCode::Success)
}

#[cfg(test)]
mod tests {
    use crate::cli::Cli;
    use crate::output::Output;
    use crate::prompt::{NoTerminal, Prompter};
    use clap::Parser;
    use std::io;

    /// Answers password prompts from a script and records the questions.
    struct Scripted {
        answers: Vec<&'static str>,
        asked: Vec<(String, bool, bool)>,
    }

    impl Prompter for Scripted {
        fn password(
            &mut self,
            prompt: &str,
            confirm: Option<&str>,
            empty: bool,
        ) -> io::Result<String> {
            self.asked
                .push((prompt.to_string(), confirm.is_some(), empty));
            Ok(self.answers.remove(0).to_string())
        }
        fn confirm(&mut self, _: &str, default: bool) -> io::Result<bool> {
            Ok(default)
        }
    }

    fn run_add(
        dir: &std::path::Path,
        prompter: &mut dyn Prompter,
    ) -> (Result<crate::ExitCode, crate::Error>, String) {
        let cli = Cli::try_parse_from([
            "ossec-agentless",
            "--ossec-dir",
            dir.to_str().unwrap(),
            "register-host",
            "add",
            "root@h",
        ])
        .unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let r = {
            let mut o = Output::new(&mut out, &mut err);
            crate::app::run(cli, &mut o, prompter, &mut io::empty())
        };
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&err)
        );
        (r, text)
    }

    #[test]
    fn prompts_twice_for_both_passwords() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("agentless")).unwrap();
        let mut p = Scripted {
            answers: vec!["t0p|secret", "su-secret"],
            asked: Vec::new(),
        };
        let (r, text) = run_add(dir.path(), &mut p);
        r.unwrap();
        assert_eq!(p.asked.len(), 2);
        assert!(p.asked[0].0.contains("Password for root@h") && p.asked[0].1 && !p.asked[0].2);
        assert!(p.asked[1].0.contains("Additional password") && p.asked[1].1 && p.asked[1].2);
        assert!(!text.contains("secret"), "{text}");
        assert_eq!(
            std::fs::read(dir.path().join("agentless/.passlist")).unwrap(),
            b"root@h|t0p|secret|su-secret\n"
        );
    }

    #[test]
    fn without_a_terminal_names_the_flags() {
        let dir = tempfile::tempdir().unwrap();
        let (r, _) = run_add(dir.path(), &mut NoTerminal);
        let e = r.unwrap_err().to_string();
        assert!(
            e.contains("--password-stdin") && e.contains("--nopass"),
            "{e}"
        );
    }
}
