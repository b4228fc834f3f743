//! `<ossec-dir>/agentless/.passlist`: the form the install's scripts read, a mode that keeps the
//! passwords from other users while the agentless user can still read them, and lines the stock
//! scripts skip or misread. Nothing here reads or shows a password.

use super::perms::{READ, may, octal};
use super::{Check, CheckResult, DoctorEnv, DoctorError, set_owner_mode};
use crate::fsutil::{group_id, is_root};
use crate::passlist::{Form, Inspection, Security, inspect};
use std::os::unix::fs::MetadataExt;

/// The loosest mode accepted: `rw-r-----` (OSSEC's 0640 root:ossec).
const LOOSEST: u32 = 0o640;

/// Reads the file's form, mode and lines; `Err` is the result to report instead.
fn inspection(env: &DoctorEnv, name: &str) -> Result<Option<Inspection>, CheckResult> {
    let path = env.layout.passlist();
    match inspect(&path, env.install.flavour) {
        Ok(i) if !i.exists => Ok(None),
        Ok(i) => Ok(Some(i)),
        Err(e) => Err(CheckResult::skipped(name, crate::causes::chain(&e))),
    }
}

fn absent(env: &DoctorEnv, name: &str) -> CheckResult {
    CheckResult::ok(
        name,
        format!(
            "{} does not exist (no host has a stored password)",
            env.layout.passlist().display()
        ),
    )
}

/// Plaintext (OSSEC) or base64 (Wazuh 4.x), as the installed scripts read it.
#[derive(Debug, Default)]
pub(crate) struct PasslistFormCheck;

const FORM: &str = ".passlist form";

fn form_name(f: Form) -> &'static str {
    match f {
        Form::Plaintext => "plaintext",
        _ => "base64",
    }
}

impl Check for PasslistFormCheck {
    fn name(&self) -> &'static str {
        FORM
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let info = match inspection(env, FORM) {
            Ok(Some(i)) => i,
            Ok(None) => return absent(env, FORM),
            Err(r) => return r,
        };
        let found = info.form.map_or("unknown", form_name);
        match (info.form_warning(), info.expected_form) {
            (Some(w), _) => {
                let p = info.path.display();
                let fix = if info.form == Some(Form::Plaintext) {
                    format!("`base64 {p} > {p}.new && mv {p}.new {p}` (keep its owner and mode)")
                } else {
                    format!("`base64 -d {p} > {p}.new && mv {p}.new {p}` (keep its owner and mode)")
                };
                CheckResult::problem(FORM, w, fix)
            }
            (None, None) => CheckResult::ok(
                FORM,
                format!("{found} (the product is unknown, so the form expected is too)"),
            ),
            (None, Some(_)) => CheckResult::ok(
                FORM,
                format!(
                    "{found}, as {} reads it ({} entr{})",
                    env.install.flavour.daemon_name(),
                    info.entries.len(),
                    if info.entries.len() == 1 { "y" } else { "ies" }
                ),
            ),
        }
    }
}

/// Not readable by others, readable by the agentless user.
#[derive(Debug, Default)]
pub(crate) struct PasslistModeCheck;

const MODE: &str = ".passlist mode";

/// What the file should be: [`Security`] for the agentless group.
fn wanted(env: &DoctorEnv) -> Security {
    Security::resolve(&env.group, is_root(), group_id)
}

/// The problems with the file's owner and mode, in words.
fn mode_problems(env: &DoctorEnv, meta: &std::fs::Metadata) -> Vec<String> {
    let mode = meta.mode() & 0o7777;
    let mut out = Vec::new();
    if mode & !LOOSEST != 0 {
        let others = if mode & 0o004 != 0 {
            ": every local user can read the passwords"
        } else {
            ""
        };
        out.push(format!("mode {} is looser than 0640{others}", octal(mode)));
    }
    if let Some(who) = env.who()
        && !may(meta, who, READ)
    {
        out.push(format!(
            "{} cannot read it ({}:{} {}), so the scripts find no password",
            env.user,
            crate::fsutil::user_name(meta.uid()),
            super::group_name(meta.gid()).unwrap_or_else(|| meta.gid().to_string()),
            octal(mode)
        ));
    }
    out
}

impl Check for PasslistModeCheck {
    fn name(&self) -> &'static str {
        MODE
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let path = env.layout.passlist();
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return absent(env, MODE),
            Err(e) => return CheckResult::skipped(MODE, format!("{}: {e}", path.display())),
        };
        let problems = mode_problems(env, &meta);
        if problems.is_empty() {
            return CheckResult::ok(
                MODE,
                format!(
                    "{} {}:{} {}",
                    path.display(),
                    crate::fsutil::user_name(meta.uid()),
                    super::group_name(meta.gid()).unwrap_or_else(|| meta.gid().to_string()),
                    octal(meta.mode())
                ),
            );
        }
        let w = wanted(env);
        let owner = match (w.uid, w.gid) {
            (Some(u), Some(g)) => format!(
                "chown {}:{} {p} && ",
                crate::fsutil::user_name(u),
                super::group_name(g).unwrap_or_else(|| g.to_string()),
                p = path.display()
            ),
            _ => String::new(),
        };
        CheckResult::problem(
            MODE,
            format!("{}: {}", path.display(), problems.join("; ")),
            format!("`{owner}chmod {} {}`", octal(w.mode), path.display()),
        )
        .repairable()
    }

    fn repair(&self, env: &DoctorEnv, dry_run: bool) -> Result<Vec<String>, DoctorError> {
        let path = env.layout.passlist();
        let Ok(meta) = std::fs::metadata(&path) else {
            return Ok(Vec::new());
        };
        if mode_problems(env, &meta).is_empty() {
            return Ok(Vec::new());
        }
        let w = wanted(env);
        set_owner_mode(&path, w.uid, w.gid, w.mode, dry_run)
    }
}

/// Lines the stock scripts skip or misread ([`crate::passlist::Passlist::problems`]).
#[derive(Debug, Default)]
pub(crate) struct PasslistLinesCheck;

const LINES: &str = ".passlist lines";

impl Check for PasslistLinesCheck {
    fn name(&self) -> &'static str {
        LINES
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let info = match inspection(env, LINES) {
            Ok(Some(i)) => i,
            Ok(None) => return absent(env, LINES),
            Err(r) => return r,
        };
        if info.form_mismatch() {
            return CheckResult::skipped(
                LINES,
                "the file is in the other form (see .passlist form)",
            );
        }
        if info.problems.is_empty() {
            return CheckResult::ok(
                LINES,
                format!("{} entries, every line readable", info.entries.len()),
            );
        }
        let list: Vec<String> = info.problems.iter().map(ToString::to_string).collect();
        CheckResult::problem(
            LINES,
            list.join("; "),
            "rewrite the entry with `ossec-agentless register-host add USER@HOST --replace`, or \
             drop the line with `ossec-agentless register-host remove USER@HOST` (or an editor)",
        )
    }
}
