//! What a run means: counts of each line kind, the first error, and plain-words findings with
//! the fix for each (exit statuses, stock `ERROR:` texts, ssh prompts seen in the output).

use super::lines::{Line, LineKind};
use super::runner::{Ending, Finished, RunAs};
use crate::doctor::perms::{self, Who};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many lines of each kind the daemon would have seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// `INFO:` lines.
    pub info: usize,
    /// `ERROR:` lines (at most 1: reading stops there).
    pub error: usize,
    /// `FWD:` lines (file records for syscheck).
    pub fwd: usize,
    /// `LOG:` lines.
    pub log: usize,
    /// `STORE:` lines.
    pub store: usize,
    /// Lines captured after `STORE:` (the `periodic_diff` output).
    pub stored: usize,
    /// Other lines (ignored by the daemon).
    pub other: usize,
    /// Lines longer than the daemon's 2047-byte buffer (each was split into pieces).
    pub split: usize,
}

/// What the output of a run showed, gathered line by line.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    /// Line counts.
    pub counts: Counts,
    /// The text of the first `ERROR:` line.
    pub first_error: Option<String>,
    /// Lines that looked like an ssh password prompt.
    pub password_prompts: usize,
    /// ssh asked to accept an unknown host key.
    pub host_key_prompt: bool,
    /// Recognised texts: keys of [`PATTERNS`] with the first line that matched.
    seen: Vec<(&'static str, String)>,
    /// An `ERROR: ` text the daemon does not see, because it is not at the start of a line
    /// (after a `\r` or a prompt): the daemon logs nothing and does not count the failure.
    pub hidden_error: Option<String>,
    /// The last few non-empty lines (for timeouts: where it was stuck).
    pub tail: Vec<String>,
    in_store: bool,
}

/// Texts in the output (any line kind) that point at a known cause: (needle, key).
const PATTERNS: &[(&str, &str)] = &[
    ("Password list not present", "no-passlist"),
    ("not found.", "password-not-found"),
    ("has changed. Unable to access", "host-key-changed"),
    ("REMOTE HOST IDENTIFICATION HAS CHANGED", "host-key-changed"),
    ("Unable to connect to remote host", "connect"),
    ("Timeout while connecting to host", "connect-timeout"),
    ("Incorrect password to remote host", "wrong-password"),
    ("EOF while logging to host", "eof-login"),
    ("Timeout while running on host", "prompt-timeout"),
    ("Public key authentication failed", "pubkey"),
    ("Unable to run su", "su"),
    ("Incorrect su password", "su-password"),
    ("EOF while running su", "su-eof"),
    ("Timeout while running commands on host", "scan-timeout"),
    ("ERROR: ssh_integrity_check <hostname> <arguments>", "usage"),
    ("<hostname> <commands>", "usage"),
    ("couldn't read file \"agentless/main.exp\"", "main-exp"),
    ("couldn't execute \"ssh\"", "no-ssh"),
    ("Unknown cipher type", "des"),
    ("The system has no more ptys", "ptys"),
    (
        "Failed to add the host to the list of known hosts",
        "known-hosts-unwritable",
    ),
    ("couldn't read file \"", "tcl-source"),
    ("    while executing", "tcl-error"),
];

/// True for a line of Tcl source, as expect prints it in a stack trace: it quotes the stock
/// texts (`send_user "…has changed…"`, `"*assword:*"`) without them having happened.
fn tcl_source(text: &str) -> bool {
    text.contains("send_user") || text.contains("\"*") || text.contains("$hostname")
}

impl Transcript {
    /// Takes one line into account.
    pub fn add(&mut self, line: &Line) {
        // Patterns look at the whole piece: the daemon cuts at the first `\r`, but an ssh
        // prompt or a stock error text often comes after one (pty output).
        let text = String::from_utf8_lossy(&line.full);
        let c = &mut self.counts;
        if line.truncated {
            c.split += 1;
        }
        match line.kind {
            LineKind::Error => {
                c.error += 1;
                if self.first_error.is_none() {
                    self.first_error = Some(String::from_utf8_lossy(line.payload()).into_owned());
                }
            }
            LineKind::Info => c.info += 1,
            LineKind::Fwd => c.fwd += 1,
            LineKind::Log => c.log += 1,
            LineKind::Store => {
                c.store += 1;
                self.in_store = true;
            }
            LineKind::Other if self.in_store => c.stored += 1,
            LineKind::Other => c.other += 1,
        }
        if !tcl_source(&text) {
            if line.kind != LineKind::Error
                && self.hidden_error.is_none()
                && let Some((_, rest)) = text.split_once("ERROR: ")
            {
                self.hidden_error = Some(rest.trim_end().to_string());
            }
            if text.contains("assword:") {
                self.password_prompts += 1;
            }
            if text.contains("Are you sure you want to continue connecting") {
                self.host_key_prompt = true;
            }
            for (needle, key) in PATTERNS {
                // "not found." is only meaningful in the stock "Password for '…' not found."
                if *key == "password-not-found" && !text.contains("Password for '") {
                    continue;
                }
                if text.contains(needle) && !self.saw(key) {
                    self.seen.push((key, text.trim().to_string()));
                }
            }
        }
        let last = text.rsplit('\r').find(|t| !t.trim().is_empty());
        if let Some(last) = last {
            if self.tail.len() == 5 {
                self.tail.remove(0);
            }
            self.tail.push(last.to_string());
        }
    }

    fn saw(&self, key: &str) -> bool {
        self.seen.iter().any(|(k, _)| *k == key)
    }

    fn seen_line(&self, key: &str) -> Option<&str> {
        self.seen
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| l.as_str())
    }
}

/// One problem found, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What is wrong, in plain words.
    pub problem: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    fn new(problem: impl Into<String>, fix: impl Into<String>) -> Finding {
        Finding {
            problem: problem.into(),
            fix: Some(fix.into()),
        }
    }
}

/// Facts about the setup that the explanations refer to.
#[derive(Debug, Clone)]
pub struct Setting {
    /// The OSSEC directory.
    pub root: PathBuf,
    /// The script's path.
    pub script: PathBuf,
    /// The `<type>`.
    pub script_type: String,
    /// `user@host`.
    pub host: String,
    /// Who ran it (`None`: the current user).
    pub run_as: Option<RunAs>,
    /// The agentless group name (`ossec` / `wazuh`).
    pub group: String,
    /// The timeout, in seconds.
    pub timeout_secs: f64,
}

impl Setting {
    fn who(&self) -> Who {
        match &self.run_as {
            Some(r) => Who {
                uid: r.uid,
                gid: r.gid,
            },
            None => Who {
                uid: crate::fsutil::effective_uid(),
                // SAFETY: getegid has no preconditions and cannot fail.
                gid: unsafe { libc::getegid() },
            },
        }
    }

    fn user(&self) -> String {
        self.run_as
            .as_ref()
            .map_or_else(|| "the current user".to_string(), |r| r.name.clone())
    }
}

/// Explains the startup probe's result; empty when it passed.
pub fn explain_probe(probe: &Finished, s: &Setting) -> Vec<Finding> {
    let t = &s.script_type;
    match &probe.ending {
        Ending::Exited { code: 0 } => Vec::new(),
        Ending::Exited { code: 126 } | Ending::NotStarted { code: 126, .. } => {
            vec![not_executable(s)]
        }
        Ending::Exited { code: 127 } | Ending::NotStarted { code: 127, .. } => {
            vec![not_found(s)]
        }
        Ending::TimedOut => vec![Finding::new(
            format!(
                "the startup probe `agentless/{t} test test` did not finish within {} s; the \
                 daemon waits for it forever, so agentless monitoring would hang at startup",
                s.timeout_secs
            ),
            "a script must exit at once when called with `test test` (main.exp does)",
        )],
        ending => {
            let code = ending.daemon_code().unwrap_or(0);
            vec![Finding::new(
                format!(
                    "the startup probe `agentless/{t} test test` {}: the daemon logs \"Test \
                     failed for '{t}' ({code}). Ignoring.\" and never runs this block until it \
                     is restarted",
                    describe(ending)
                ),
                "a custom script must exit 0 when its arguments are `test test`, as the stock \
                 scripts do through main.exp",
            )]
        }
    }
}

/// Explains a real run; empty when nothing is wrong.
pub fn explain_run(run: &Finished, tr: &Transcript, s: &Setting) -> Vec<Finding> {
    let mut f = Vec::new();
    let host = &s.host;
    let known_hosts = s.root.join(".ssh").join("known_hosts");
    match &run.ending {
        Ending::NotStarted { code: 126, .. } => f.push(not_executable(s)),
        Ending::NotStarted { .. } => f.push(not_found(s)),
        Ending::TimedOut => {
            let mut problem = format!(
                "the script did not finish within {} s and was stopped (the daemon has no \
                 timeout of its own; the stock scripts give up after 20 s at login and 600 s \
                 for the scan)",
                s.timeout_secs
            );
            if let Some(last) = tr.tail.last() {
                problem.push_str(&format!("; the last line was \"{}\"", last.trim_end()));
            }
            f.push(Finding::new(
                problem,
                "a login banner, a menu or a prompt that does not end in `$` or `#` keeps the \
                 scripts waiting: look at the output with --raw, and make the account log into \
                 a plain POSIX shell",
            ));
        }
        Ending::Signalled { signal } if !run.stopped_at_error => f.push(Finding::new(
            format!("the script was killed by signal {signal}"),
            "check the system log (out of memory, or another process killed it)",
        )),
        Ending::Exited { code }
            if *code != 0
                && tr.first_error.is_none()
                && tr.hidden_error.is_none()
                && !tr.saw("tcl-error")
                && !tr.saw("tcl-source") =>
        {
            f.push(match code {
                126 => not_executable(s),
                127 => not_found(s),
                _ => Finding::new(
                    format!(
                        "the script exited with status {code} without printing an ERROR: line; \
                         the daemon ignores the status, so such a failure goes unnoticed"
                    ),
                    "run it with --raw to see everything it printed",
                ),
            });
        }
        _ => {}
    }
    // The stock "Incorrect password" error says the same more precisely.
    if tr.password_prompts >= 2 && !tr.saw("wrong-password") {
        f.push(Finding::new(
            format!(
                "the password prompt appeared {} times: the password stored in .passlist for \
                 {host} was rejected",
                tr.password_prompts
            ),
            format!(
                "store the right password: remove the {host} line from .passlist and run \
                 `ossec-agentless register-host {host}`"
            ),
        ));
    }
    if tr.host_key_prompt {
        f.push(Finding::new(
            format!(
                "ssh asked to confirm an unknown host key for {host}; the stock scripts answer \
                 \"yes\" without checking, so a first connection is open to impersonation"
            ),
            format!(
                "record the key before the daemon runs: `ssh-keyscan <host> >> {}` as {}, after \
                 checking its fingerprint with the host's administrator",
                known_hosts.display(),
                s.user()
            ),
        ));
    }
    let table: &[(&str, String, String)] = &[
        (
            "no-passlist",
            format!(
                "the script could not open agentless/.passlist{}",
                if s.root.join("agentless/.passlist").exists() {
                    format!(": the file exists but {} cannot read it", s.user())
                } else {
                    ": it does not exist".to_string()
                }
            ),
            format!("register the host: `ossec-agentless register-host {host}`"),
        ),
        (
            "password-not-found",
            format!(
                "agentless/.passlist has no usable line for {host}: the host must match exactly \
                 (case-sensitive, without use_su), and a line needs two `|` \
                 (`{host}|password|`); lines with one `|` are skipped"
            ),
            format!(
                "`ossec-agentless register-host {host}` (use NOPASS as the password for key \
                 authentication: the line is still required)"
            ),
        ),
        (
            "host-key-changed",
            format!("the host key of {host} is not the one recorded in known_hosts"),
            format!(
                "if the change is expected (reinstall), verify the new fingerprint, then \
                 `ssh-keygen -f {} -R <host>` and connect once; otherwise treat it as an attack",
                known_hosts.display()
            ),
        ),
        (
            "connect",
            format!("ssh could not reach {host} (refused, unknown name or closed)"),
            "check the name, the network and that sshd listens on port 22 (the daemon ignores \
             <port>; a different port needs a Host block in <ossec-dir>/.ssh/config)"
                .to_string(),
        ),
        (
            "connect-timeout",
            format!("no password or host-key prompt from {host} within 20 s"),
            "check firewalls and DNS; a login banner or a slow reverse lookup on the server can \
             also delay the prompt"
                .to_string(),
        ),
        (
            "wrong-password",
            format!("{host} refused the password stored in .passlist"),
            format!(
                "remove the {host} line from .passlist and run `ossec-agentless register-host \
                 {host}` with the right password"
            ),
        ),
        (
            "eof-login",
            format!("{host} closed the connection during login"),
            "the account may have no shell (nologin), may be locked, or the server may have no \
             free ptys"
                .to_string(),
        ),
        (
            "prompt-timeout",
            format!("logged in to {host}, but no shell prompt ending in `$` or `#` was seen"),
            "make the account's prompt end in `$` or `#` (zsh `%`, menus and `>` prompts are \
             not recognised by OSSEC's scripts); with use_su a wrong su password also ends here"
                .to_string(),
        ),
        (
            "pubkey",
            format!("{host} asked for a password although .passlist says NOPASS"),
            format!(
                "install the agentless user's public key ({}/id_*.pub) in the remote \
                 authorized_keys, and check that the private key is owned by that user with mode \
                 0600 (`ossec-agentless doctor`)",
                s.root.join(".ssh").display()
            ),
        ),
        (
            "su",
            format!("`su` on {host} did not ask for a password"),
            "check that su exists on the host and is allowed for the login user".to_string(),
        ),
        (
            "su-password",
            format!("the su (root) password for {host} was refused"),
            format!("the su password is the third field of the .passlist line: re-register {host}"),
        ),
        (
            "su-eof",
            format!("{host} closed the connection while running su"),
            "check that the login user may run su".to_string(),
        ),
        (
            "scan-timeout",
            format!("the remote commands on {host} ran longer than the script's 600 s limit"),
            "monitor fewer or smaller directories per block (every file costs four processes), \
             and keep FIFOs and device files out of the monitored paths"
                .to_string(),
        ),
        (
            "usage",
            "the script was called without arguments: <arguments> is empty".to_string(),
            "give the paths (integrity checks) or the command (generic diff) in <arguments>"
                .to_string(),
        ),
        (
            "main-exp",
            "the script could not read agentless/main.exp".to_string(),
            format!(
                "reinstall the stock scripts into {}/agentless, readable by the {} group",
                s.root.display(),
                s.group
            ),
        ),
        (
            "no-ssh",
            "expect could not start ssh: the ssh client is not installed or not in PATH"
                .to_string(),
            "install the OpenSSH client (`apt-get install openssh-client` or `dnf install \
             openssh-clients`)"
                .to_string(),
        ),
        (
            "des",
            "the script forces the DES cipher (`ssh -c des`), which modern OpenSSH no longer has"
                .to_string(),
            "the PIX/ASA scripts cannot work with current OpenSSH; use ssh_generic_diff or a \
             custom script with a modern cipher"
                .to_string(),
        ),
        (
            "ptys",
            "the OSSEC server ran out of pseudo-terminals (expect needs one per session)"
                .to_string(),
            "raise the pty limit (kernel.pty.max, or the container's /dev/pts settings)"
                .to_string(),
        ),
        (
            "known-hosts-unwritable",
            format!(
                "ssh could not save the host key: {} is not writable by {}, so every run \
                 accepts the key again without checking",
                known_hosts.display(),
                s.user()
            ),
            "`ossec-agentless doctor --fix` gives .ssh to the agentless user".to_string(),
        ),
    ];
    for (key, problem, fix) in table {
        if tr.saw(key) {
            f.push(Finding::new(problem.clone(), fix.clone()));
        }
    }
    if let (Some(hidden), None) = (&tr.hidden_error, &tr.first_error) {
        f.push(Finding::new(
            format!(
                "the script printed \"ERROR: {hidden}\" but not at the start of a line (after a \
                 carriage return or a prompt), so the daemon does not see it: it logs nothing \
                 and does not count the failure"
            ),
            "the cause is reported separately; a custom script should print errors as \
             \"\\nERROR: …\\n\" so that they start a line",
        ));
    }
    if let Some(line) = tr.seen_line("tcl-source") {
        let file = line
            .split('"')
            .nth(1)
            .unwrap_or("a file it sources")
            .to_string();
        if !tr.saw("main-exp") {
            f.push(Finding::new(
                format!("the expect script stopped: it could not read {file} ({line})"),
                format!(
                    "install the missing file in {}/agentless, readable by the {} group (the \
                     scripts open it relative to the OSSEC directory)",
                    s.root.display(),
                    s.group
                ),
            ));
        }
    } else if tr.saw("tcl-error") && tr.first_error.is_none() {
        f.push(Finding::new(
            "the expect script stopped with a Tcl error, without an ERROR: line the daemon \
             would log",
            "run test-script with --raw to see the error and the stack trace",
        ));
    }
    if tr.first_error.is_some() && f.is_empty() {
        f.push(Finding {
            problem: "the script reported an error (see above)".to_string(),
            fix: None,
        });
    }
    if tr.counts.split > 0 {
        f.push(Finding::new(
            format!(
                "{} line(s) were longer than 2047 bytes: the daemon reads them in pieces, and \
                 only the first piece keeps the prefix (a long FWD: path arrives cut)",
                tr.counts.split
            ),
            "keep monitored paths shorter, or exclude the deep directories",
        ));
    }
    f
}

/// "exited with status 3", "was killed by signal 9", …
pub fn describe(ending: &Ending) -> String {
    match ending {
        Ending::Exited { code } => format!("exited with status {code}"),
        Ending::Signalled { signal } => format!("was killed by signal {signal}"),
        Ending::TimedOut => "timed out".to_string(),
        Ending::NotStarted { code, reason } => {
            format!("could not be started ({reason}; a shell reports {code})")
        }
    }
}

fn not_executable(s: &Setting) -> Finding {
    let t = &s.script_type;
    let who = s.who();
    let user = s.user();
    let path = s.script.display();
    let (problem, fix) = match std::fs::metadata(&s.script) {
        Ok(m) if !perms::may(&m, who, perms::EXEC) => (
            format!(
                "status 126: {path} is not executable by {user} (mode {}), so the daemon logs \
                 \"Test failed for '{t}' (126)\"",
                perms::octal(std::os::unix::fs::PermissionsExt::mode(&m.permissions()))
            ),
            format!(
                "`chgrp {} {path} && chmod 0550 {path}` (the stock scripts are 0550 root:{})",
                s.group, s.group
            ),
        ),
        Ok(_) if perms::mounted_noexec(&s.script) => (
            format!("status 126: {path} is on a file system mounted noexec"),
            "remount it without noexec (check /etc/fstab), or move the OSSEC directory".to_string(),
        ),
        Ok(_) => match perms::blocked_ancestor(&s.script, who) {
            Some(dir) => (
                format!(
                    "status 126: {user} cannot enter {}, so {path} cannot be run",
                    dir.display()
                ),
                format!(
                    "give the {} group search permission on {} (`chmod g+x`)",
                    s.group,
                    dir.display()
                ),
            ),
            None => (
                format!(
                    "status 126: {path} could not be executed by {user} (the script itself may \
                     have exited 126, which shells use for \"cannot execute\")"
                ),
                "check the first line (`#!/usr/bin/env expect`) and the file's format".to_string(),
            ),
        },
        Err(_) => (
            format!("status 126: {path} cannot be examined by {user}"),
            format!("check the permissions of {}/agentless", s.root.display()),
        ),
    };
    Finding::new(problem, fix)
}

fn not_found(s: &Setting) -> Finding {
    let t = &s.script_type;
    let path = s.script.display();
    if !s.script.exists() {
        let available = list_scripts(&s.root.join("agentless"));
        let mut problem = format!(
            "status 127: {path} does not exist; the daemon logs \"Expect command not found (or \
             bad arguments) for '{t}'\""
        );
        if !available.is_empty() {
            problem.push_str(&format!("; available: {}", available.join(", ")));
        }
        return Finding::new(problem, "check the <type> spelling, or install the script");
    }
    if first_line(&s.script).is_some_and(|l| l.ends_with(b"\r")) {
        return Finding::new(
            format!(
                "status 127: the first line of {path} ends in a carriage return (Windows line \
                 endings), so the system looks for an interpreter whose name ends in \\r"
            ),
            format!("convert the file to Unix line endings: `dos2unix {path}`"),
        );
    }
    match interpreter(&s.script) {
        Some(Interp::Env(name)) if which(&name).is_none() => Finding::new(
            format!(
                "status 127: `{name}` is not installed (the script starts with \
                 `#!/usr/bin/env {name}`); the daemon logs \"Expect command not found (or bad \
                 arguments) for '{t}'\""
            ),
            if name == "expect" {
                "install expect: `apt-get install expect` (Debian, Ubuntu) or `dnf install \
                 expect` (RHEL, Fedora)"
                    .to_string()
            } else {
                format!("install {name}, or fix the script's first line")
            },
        ),
        Some(Interp::Path(p)) if !p.exists() => Finding::new(
            format!(
                "status 127: the interpreter {} named on the first line of {path} does not \
                 exist",
                p.display()
            ),
            "install it, or change the first line to `#!/usr/bin/env expect`".to_string(),
        ),
        _ => Finding::new(
            format!(
                "status 127: the script ran, but a program it needs was not found (127 is the \
                 shell's \"command not found\"); the daemon logs \"Expect command not found (or \
                 bad arguments) for '{t}'\""
            ),
            "check that expect and ssh are installed and in the daemon's PATH".to_string(),
        ),
    }
}

enum Interp {
    Env(String),
    Path(PathBuf),
}

/// The first line of a file (at most 256 bytes), without its `\n`.
fn first_line(script: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = [0u8; 256];
    let n = std::fs::File::open(script).ok()?.read(&mut head).ok()?;
    head[..n].split(|&b| b == b'\n').next().map(<[u8]>::to_vec)
}

fn interpreter(script: &Path) -> Option<Interp> {
    let first = first_line(script)?;
    let line = std::str::from_utf8(first.strip_prefix(b"#!")?).ok()?.trim();
    let mut words = line.split_whitespace();
    let prog = words.next()?;
    if prog.ends_with("/env") {
        words
            .find(|w| !w.starts_with('-'))
            .map(|w| Interp::Env(w.to_string()))
    } else {
        Some(Interp::Path(PathBuf::from(prog)))
    }
}

/// Finds `name` in `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

fn list_scripts(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".exp") && n != "register_host.sh")
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::lines::LineSplitter;

    fn transcript(text: &str) -> Transcript {
        let mut s = LineSplitter::new(true);
        let mut t = Transcript::default();
        for l in s.push(text.as_bytes()).iter().chain(s.finish().iter()) {
            t.add(l);
        }
        t
    }

    #[test]
    fn counts_each_kind() {
        let t = transcript(
            "spawn ssh x\nINFO: Started.\nFWD: a\nFWD: b\nLOG: l\nSTORE: now\nout\nERROR: e\n",
        );
        assert_eq!(
            t.counts,
            Counts {
                info: 1,
                error: 1,
                fwd: 2,
                log: 1,
                store: 1,
                stored: 1,
                other: 1,
                split: 0
            }
        );
        assert_eq!(t.first_error.as_deref(), Some("e"));
    }

    #[test]
    fn errors_after_a_carriage_return_are_hidden_from_the_daemon() {
        let t = transcript(
            "\roatarget@h's password: \r\nPermission denied, please try again.\r\n\
             \roatarget@h's password: ERROR: Incorrect password to remote host: oatarget@h .\n",
        );
        assert_eq!(t.counts.error, 0);
        assert_eq!(t.first_error, None);
        assert_eq!(
            t.hidden_error.as_deref(),
            Some("Incorrect password to remote host: oatarget@h .")
        );
        assert!(t.saw("wrong-password"));
        assert_eq!(t.password_prompts, 2);
    }

    #[test]
    fn tcl_stack_traces_are_not_events() {
        let t = transcript(
            "\\roatarget@h's password: couldn't read file \"agentless/sshlogin.exp\": no such file or directory\n\
             \x20   while executing\n\
             \"source $sshloginsrc\"\n\
             \"expect {\n\
             \x20   \"WARNING: REMOTE HOST\" {\n\
             \x20       send_user \"\\nERROR: RSA host key for '$hostname' has changed. Unable to access.\\n\"\n\
             \x20   \"*assword:*\" {\n",
        );
        assert!(!t.saw("host-key-changed"));
        assert_eq!(t.password_prompts, 1);
        assert!(t.saw("tcl-error"));
        assert!(
            t.seen_line("tcl-source")
                .is_some_and(|l| l.contains("agentless/sshlogin.exp"))
        );
    }

    #[test]
    fn recognises_prompts_and_stock_errors() {
        let t = transcript(
            "root@h's password: \r\nPermission denied, please try again.\r\nroot@h's password: \r\n",
        );
        assert_eq!(t.password_prompts, 2);
        let t = transcript("Are you sure you want to continue connecting (yes/no)? ");
        assert!(t.host_key_prompt);
        let t = transcript("\nERROR: Password for 'root@h' not found.\n");
        assert!(t.saw("password-not-found"));
        let t = transcript("ERROR: Incorrect password to remote host: root@h .\n");
        assert!(t.saw("wrong-password"));
        assert!(!t.saw("password-not-found"));
    }

    #[test]
    fn finds_the_env_interpreter() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s");
        std::fs::write(&p, "#!/usr/bin/env expect\n").unwrap();
        assert!(matches!(interpreter(&p), Some(Interp::Env(n)) if n == "expect"));
        std::fs::write(&p, "#!/bin/sh -e\n").unwrap();
        assert!(matches!(interpreter(&p), Some(Interp::Path(p)) if p == Path::new("/bin/sh")));
        assert!(which("sh").is_some());
    }
}
