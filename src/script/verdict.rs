//! What a run means: findings in plain words with the fix for each (exit statuses, timeouts,
//! stock `ERROR:` texts, ssh prompts seen in the output).

use super::exec_failure::{not_executable, not_found};
use super::runner::{Ending, Finished, RunAs};
use super::transcript::Transcript;
use crate::fsutil::perms::Who;
use serde::Serialize;
use std::path::PathBuf;

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
    pub(crate) fn new(problem: impl Into<String>, fix: impl Into<String>) -> Finding {
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
    pub(crate) fn who(&self) -> Who {
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

    pub(crate) fn user(&self) -> String {
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
                "store the right password: `ossec-agentless register-host add {host} --replace`"
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
            format!("register the host: `ossec-agentless register-host add {host}`"),
        ),
        (
            "password-not-found",
            format!(
                "agentless/.passlist has no usable line for {host}: the host must match exactly \
                 (case-sensitive, without use_su), and a line needs two `|` \
                 (`{host}|password|`); lines with one `|` are skipped"
            ),
            format!(
                "`ossec-agentless register-host add {host}` (`--nopass` for key \
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
                "store the right password: `ossec-agentless register-host add {host} --replace`"
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
        (
            "ssh-dir-missing",
            format!(
                "ssh could not create {}: host keys are never saved, so every run accepts \
                 them again without checking",
                s.root.join(".ssh").display()
            ),
            "`ossec-agentless doctor --fix` creates it for the agentless user".to_string(),
        ),
        (
            "host-key-verification",
            format!("ssh refused to connect to {host}: its host key is not trusted"),
            format!(
                "check the fingerprint, then add the key to {} (or remove the stale one with \
                 `ssh-keygen -R`)",
                known_hosts.display()
            ),
        ),
        (
            "key-permissions",
            format!(
                "ssh ignored a private key in {} because others can read it",
                s.root.join(".ssh").display()
            ),
            "`ossec-agentless doctor --fix` makes the keys 0600 and owned by the agentless user"
                .to_string(),
        ),
        (
            "ssh-config-permissions",
            "ssh refused its config file: wrong owner, or writable by others".to_string(),
            "`ossec-agentless doctor --fix` repairs the owner and mode".to_string(),
        ),
        (
            "publickey-only",
            format!("{host} accepts only keys, and none of the agentless user's keys was accepted"),
            format!(
                "install the public key ({}/id_*.pub) in the remote authorized_keys, or allow \
                 password logins and store the password in .passlist",
                s.root.join(".ssh").display()
            ),
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
