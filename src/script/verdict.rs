//! What a run means: every problem found has one [`Cause`], and [`finding`] is the one place
//! that turns a cause into plain words and the fix (exit statuses, timeouts, stock `ERROR:`
//! texts, ssh prompts, shell rejections, lines the daemon cuts, files the script missed).

use super::cross_check::Reason;
use super::exec_failure::{not_executable, not_found};
use super::runner::{Ending, Finished, RunAs};
use super::transcript::{LineLoss, LostLine, Shell, ShellRejection, Transcript};
use crate::fsutil::perms::Who;
use serde::{Serialize, Serializer};
use std::path::PathBuf;

/// Why a run does not give the daemon what it needs (or is unsafe): one variant per cause.
///
/// [`Cause::name`] is the stable name used in JSON; [`finding`] explains each cause with its
/// fix; [`Cause::fails`] says whether the cause alone makes the verdict fail.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum Cause {
    /// Status 126: the script cannot be executed by the agentless user.
    NotExecutable,
    /// Status 127: the script, its interpreter or a program it needs is missing.
    NotFound,
    /// The startup probe `TYPE test test` did not finish.
    ProbeTimeout,
    /// The startup probe failed otherwise.
    ProbeFailed {
        /// How it ended.
        ending: Ending,
    },
    /// The run was stopped at the timeout.
    RunTimeout,
    /// The run was killed by a signal.
    Signalled {
        /// The signal number.
        signal: i32,
    },
    /// The run exited non-zero without an `ERROR:` line.
    SilentExit {
        /// The exit status.
        code: i32,
    },
    /// The password prompt came back: the stored password was refused.
    PasswordPrompts {
        /// How many prompts.
        count: usize,
    },
    /// ssh asked to accept an unknown host key (the stock scripts say yes).
    HostKeyPrompt,
    /// `agentless/.passlist` could not be opened.
    NoPasslist,
    /// `.passlist` has no line for the host.
    PasswordNotFound,
    /// The host key changed.
    HostKeyChanged,
    /// ssh could not reach the host.
    Connect,
    /// No prompt from the host within the stock 20 s.
    ConnectTimeout,
    /// The host refused the stored password.
    WrongPassword,
    /// The host closed the connection during login.
    EofLogin,
    /// Logged in, but no prompt ending in `$` or `#`.
    PromptTimeout,
    /// A password was asked although `.passlist` says NOPASS.
    Pubkey,
    /// `su` did not ask for a password.
    Su,
    /// The su password was refused.
    SuPassword,
    /// The host closed the connection during su.
    SuEof,
    /// The remote commands ran longer than the stock 600 s.
    ScanTimeout,
    /// The script was called without arguments.
    Usage,
    /// `agentless/main.exp` could not be read.
    MainExp,
    /// expect could not start ssh.
    NoSsh,
    /// The script forces the DES cipher.
    Des,
    /// No pseudo-terminal left for expect.
    Ptys,
    /// ssh could not save the host key.
    KnownHostsUnwritable,
    /// ssh could not create the `.ssh` directory.
    SshDirMissing,
    /// ssh refused an untrusted host key.
    HostKeyVerification,
    /// ssh ignored a private key readable by others.
    KeyPermissions,
    /// ssh refused its config file.
    SshConfigPermissions,
    /// The host accepts only keys, and none was accepted.
    PublickeyOnly,
    /// The expect script could not source one of its files.
    TclSource,
    /// The expect script stopped with a Tcl error.
    TclError,
    /// An `ERROR:` text not at the start of a line: the daemon does not see it.
    HiddenError {
        /// The text after `ERROR: `.
        text: String,
    },
    /// The script reported an error not explained by another cause.
    ReportedError,
    /// Lines longer than the daemon's 2047-byte buffer.
    SplitLines {
        /// How many.
        count: usize,
    },
    /// The remote login shell rejected the command line the script typed.
    ShellRejected(ShellRejection),
    /// The remote login shell rejected a command of the account's startup files at login.
    ProfileRejected(ShellRejection),
    /// A line the daemon cuts or misreads, so its record is lost or wrong.
    LostLine(LostLine),
    /// More lost lines than are listed one by one.
    MoreLostLines {
        /// How many were not listed.
        count: usize,
    },
    /// The run delivered no `FWD:`, `LOG:` or `STORE:` line.
    NoData,
    /// A path given to an integrity check does not exist on the host (cross-check).
    MissingPath {
        /// The path.
        path: Vec<u8>,
    },
    /// Files on the host that the script did not report (cross-check).
    Unreported {
        /// How many.
        count: usize,
        /// Regular files the cross-check found.
        files: usize,
        /// How many for each reason.
        reasons: Vec<(Reason, usize)>,
    },
    /// Files the script reported with other attributes or hashes than the cross-check found.
    Mismatched {
        /// How many.
        count: usize,
    },
    /// The cross-check of an integrity script could not run.
    CrossCheckNotRun {
        /// Why.
        reason: String,
    },
}

impl Cause {
    /// The stable name of the cause (JSON `cause`).
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Cause::NotExecutable => "not_executable",
            Cause::NotFound => "not_found",
            Cause::ProbeTimeout => "probe_timeout",
            Cause::ProbeFailed { .. } => "probe_failed",
            Cause::RunTimeout => "run_timeout",
            Cause::Signalled { .. } => "signalled",
            Cause::SilentExit { .. } => "silent_exit",
            Cause::PasswordPrompts { .. } => "password_prompts",
            Cause::HostKeyPrompt => "host_key_prompt",
            Cause::NoPasslist => "no_passlist",
            Cause::PasswordNotFound => "password_not_found",
            Cause::HostKeyChanged => "host_key_changed",
            Cause::Connect => "connect",
            Cause::ConnectTimeout => "connect_timeout",
            Cause::WrongPassword => "wrong_password",
            Cause::EofLogin => "eof_login",
            Cause::PromptTimeout => "prompt_timeout",
            Cause::Pubkey => "pubkey",
            Cause::Su => "su",
            Cause::SuPassword => "su_password",
            Cause::SuEof => "su_eof",
            Cause::ScanTimeout => "scan_timeout",
            Cause::Usage => "usage",
            Cause::MainExp => "main_exp",
            Cause::NoSsh => "no_ssh",
            Cause::Des => "des",
            Cause::Ptys => "ptys",
            Cause::KnownHostsUnwritable => "known_hosts_unwritable",
            Cause::SshDirMissing => "ssh_dir_missing",
            Cause::HostKeyVerification => "host_key_verification",
            Cause::KeyPermissions => "key_permissions",
            Cause::SshConfigPermissions => "ssh_config_permissions",
            Cause::PublickeyOnly => "publickey_only",
            Cause::TclSource => "tcl_source",
            Cause::TclError => "tcl_error",
            Cause::HiddenError { .. } => "hidden_error",
            Cause::ReportedError => "reported_error",
            Cause::SplitLines { .. } => "split_lines",
            Cause::ShellRejected(_) => "shell_rejected",
            Cause::ProfileRejected(_) => "profile_rejected",
            Cause::LostLine(_) => "lost_line",
            Cause::MoreLostLines { .. } => "more_lost_lines",
            Cause::NoData => "no_data",
            Cause::MissingPath { .. } => "missing_path",
            Cause::Unreported { .. } => "unreported_files",
            Cause::Mismatched { .. } => "mismatched_files",
            Cause::CrossCheckNotRun { .. } => "cross_check_not_run",
        }
    }

    /// True when this cause alone means the daemon would not get all the data, so the verdict
    /// fails. The others are failures only with the `ERROR:` line or exit status they come
    /// with, or are risks (an unknown host key accepted) that do not lose data.
    pub(crate) fn fails(&self) -> bool {
        match self {
            Cause::ShellRejected(_)
            | Cause::LostLine(_)
            | Cause::MoreLostLines { .. }
            | Cause::NoData
            | Cause::Unreported { .. }
            | Cause::Mismatched { .. }
            | Cause::CrossCheckNotRun { .. }
            | Cause::SplitLines { .. }
            | Cause::HiddenError { .. } => true,
            Cause::NotExecutable
            | Cause::NotFound
            | Cause::ProbeTimeout
            | Cause::ProbeFailed { .. }
            | Cause::RunTimeout
            | Cause::Signalled { .. }
            | Cause::SilentExit { .. }
            | Cause::PasswordPrompts { .. }
            | Cause::HostKeyPrompt
            | Cause::NoPasslist
            | Cause::PasswordNotFound
            | Cause::HostKeyChanged
            | Cause::Connect
            | Cause::ConnectTimeout
            | Cause::WrongPassword
            | Cause::EofLogin
            | Cause::PromptTimeout
            | Cause::Pubkey
            | Cause::Su
            | Cause::SuPassword
            | Cause::SuEof
            | Cause::ScanTimeout
            | Cause::Usage
            | Cause::MainExp
            | Cause::NoSsh
            | Cause::Des
            | Cause::Ptys
            | Cause::KnownHostsUnwritable
            | Cause::SshDirMissing
            | Cause::HostKeyVerification
            | Cause::KeyPermissions
            | Cause::SshConfigPermissions
            | Cause::PublickeyOnly
            | Cause::TclSource
            | Cause::TclError
            | Cause::ReportedError
            | Cause::MissingPath { .. }
            | Cause::ProfileRejected(_) => false,
        }
    }
}

fn cause_name<S: Serializer>(cause: &Cause, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(cause.name())
}

/// One problem found, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    /// Why (JSON: the cause's name).
    #[serde(serialize_with = "cause_name")]
    pub(crate) cause: Cause,
    /// What is wrong, in plain words.
    pub(crate) problem: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) fix: Option<String>,
}

/// Facts about the setup that the explanations refer to.
#[derive(Debug, Clone)]
pub(crate) struct Setting {
    /// The OSSEC directory.
    pub(crate) root: PathBuf,
    /// The script's path.
    pub(crate) script: PathBuf,
    /// The `<type>`.
    pub(crate) script_type: String,
    /// `user@host`.
    pub(crate) host: String,
    /// Who ran it (`None`: the current user).
    pub(crate) run_as: Option<RunAs>,
    /// The agentless group name (`ossec` / `wazuh`).
    pub(crate) group: String,
    /// The timeout, in seconds.
    pub(crate) timeout_secs: f64,
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

/// The causes of a failed startup probe; empty when it passed.
fn probe_causes(probe: &Finished) -> Vec<Cause> {
    match &probe.ending {
        Ending::Exited { code: 0 } => Vec::new(),
        Ending::Exited { code: 126 } | Ending::NotStarted { code: 126, .. } => {
            vec![Cause::NotExecutable]
        }
        Ending::Exited { code: 127 } | Ending::NotStarted { code: 127, .. } => {
            vec![Cause::NotFound]
        }
        Ending::TimedOut => vec![Cause::ProbeTimeout],
        ending => vec![Cause::ProbeFailed {
            ending: ending.clone(),
        }],
    }
}

/// Explains the startup probe's result; empty when it passed.
pub(crate) fn explain_probe(probe: &Finished, s: &Setting) -> Vec<Finding> {
    let tr = Transcript::default();
    probe_causes(probe)
        .into_iter()
        .map(|c| finding(c, s, &tr))
        .collect()
}

/// The causes found in a real run, in the order they are listed.
fn run_causes(run: &Finished, tr: &Transcript) -> Vec<Cause> {
    let mut c = Vec::new();
    match &run.ending {
        Ending::NotStarted { code: 126, .. } => c.push(Cause::NotExecutable),
        Ending::NotStarted { .. } => c.push(Cause::NotFound),
        Ending::TimedOut => c.push(Cause::RunTimeout),
        Ending::Signalled { signal } if !run.stopped_at_error => {
            c.push(Cause::Signalled { signal: *signal });
        }
        Ending::Exited { code }
            if *code != 0
                && tr.first_error.is_none()
                && tr.hidden_error.is_none()
                && !tr.saw(&Cause::TclError)
                && !tr.saw(&Cause::TclSource) =>
        {
            c.push(match code {
                126 => Cause::NotExecutable,
                127 => Cause::NotFound,
                _ => Cause::SilentExit { code: *code },
            });
        }
        _ => {}
    }
    // The stock "Incorrect password" error says the same more precisely.
    if tr.password_prompts >= 2 && !tr.saw(&Cause::WrongPassword) {
        c.push(Cause::PasswordPrompts {
            count: tr.password_prompts,
        });
    }
    if tr.host_key_prompt {
        c.push(Cause::HostKeyPrompt);
    }
    // The stock texts in the order of the pattern table; the Tcl ones are explained below.
    c.extend(
        tr.seen_causes()
            .filter(|t| !matches!(t, Cause::TclSource | Cause::TclError))
            .cloned(),
    );
    c.extend(tr.shell_rejections.iter().map(|r| {
        if r.of_the_script(tr.counts.info) {
            Cause::ShellRejected(r.clone())
        } else {
            Cause::ProfileRejected(r.clone())
        }
    }));
    if let (Some(hidden), None) = (&tr.hidden_error, &tr.first_error) {
        c.push(Cause::HiddenError {
            text: hidden.clone(),
        });
    }
    if tr.seen_line(&Cause::TclSource).is_some() {
        if !tr.saw(&Cause::MainExp) {
            c.push(Cause::TclSource);
        }
    } else if tr.saw(&Cause::TclError) && tr.first_error.is_none() {
        c.push(Cause::TclError);
    }
    if tr.first_error.is_some() && c.is_empty() {
        c.push(Cause::ReportedError);
    }
    if tr.counts.split > 0 {
        c.push(Cause::SplitLines {
            count: tr.counts.split,
        });
    }
    c.extend(tr.lost.iter().cloned().map(Cause::LostLine));
    if tr.lost_unlisted > 0 {
        c.push(Cause::MoreLostLines {
            count: tr.lost_unlisted,
        });
    }
    let n = &tr.counts;
    let ended_well = matches!(run.ending, Ending::Exited { code: 0 }) && !run.stopped_at_error;
    if ended_well && n.fwd + n.log + n.store == 0 {
        c.push(Cause::NoData);
    }
    c
}

/// Explains a real run; empty when nothing is wrong.
pub(crate) fn explain_run(run: &Finished, tr: &Transcript, s: &Setting) -> Vec<Finding> {
    run_causes(run, tr)
        .into_iter()
        .map(|c| finding(c, s, tr))
        .collect()
}

/// The one place that says what each cause means and how to fix it.
pub(crate) fn finding(cause: Cause, s: &Setting, tr: &Transcript) -> Finding {
    let t = &s.script_type;
    let host = &s.host;
    let known_hosts = s.root.join(".ssh").join("known_hosts");
    let ssh_dir = s.root.join(".ssh");
    let (problem, fix): (String, Option<String>) = match &cause {
        Cause::NotExecutable => {
            let (p, f) = not_executable(s);
            (p, Some(f))
        }
        Cause::NotFound => {
            let (p, f) = not_found(s);
            (p, Some(f))
        }
        Cause::ProbeTimeout => (
            format!(
                "the startup probe `agentless/{t} test test` did not finish within {} s; the \
                 daemon waits for it forever, so agentless monitoring would hang at startup",
                s.timeout_secs
            ),
            Some("a script must exit at once when called with `test test` (main.exp does)".into()),
        ),
        Cause::ProbeFailed { ending } => {
            let code = ending.daemon_code().unwrap_or(0);
            (
                format!(
                    "the startup probe `agentless/{t} test test` {}: the daemon logs \"Test \
                     failed for '{t}' ({code}). Ignoring.\" and never runs this block until it \
                     is restarted",
                    describe(ending)
                ),
                Some(
                    "a custom script must exit 0 when its arguments are `test test`, as the \
                     stock scripts do through main.exp"
                        .into(),
                ),
            )
        }
        Cause::RunTimeout => {
            let mut problem = format!(
                "the script did not finish within {} s and was stopped (the daemon has no \
                 timeout of its own; the stock scripts give up after 20 s at login and 600 s \
                 for the scan)",
                s.timeout_secs
            );
            if let Some(last) = tr.tail.last() {
                problem.push_str(&format!("; the last line was \"{}\"", last.trim_end()));
            }
            (
                problem,
                Some(
                    "a login banner, a menu or a prompt that does not end in `$` or `#` keeps \
                     the scripts waiting: look at the output with --raw, and make the account \
                     log into a plain POSIX shell"
                        .into(),
                ),
            )
        }
        Cause::Signalled { signal } => (
            format!("the script was killed by signal {signal}"),
            Some("check the system log (out of memory, or another process killed it)".into()),
        ),
        Cause::SilentExit { code } => (
            format!(
                "the script exited with status {code} without printing an ERROR: line; the \
                 daemon ignores the status, so such a failure goes unnoticed"
            ),
            Some("run it with --raw to see everything it printed".into()),
        ),
        Cause::PasswordPrompts { count } => (
            format!(
                "the password prompt appeared {count} times: the password stored in .passlist \
                 for {host} was rejected"
            ),
            Some(format!(
                "store the right password: `ossec-agentless register-host add {host} --replace`"
            )),
        ),
        Cause::HostKeyPrompt => (
            format!(
                "ssh asked to confirm an unknown host key for {host}; the stock scripts answer \
                 \"yes\" without checking, so a first connection is open to impersonation"
            ),
            Some(format!(
                "record the key before the daemon runs: `ssh-keyscan <host> >> {}` as {}, after \
                 checking its fingerprint with the host's administrator",
                known_hosts.display(),
                s.user()
            )),
        ),
        Cause::NoPasslist => (
            format!(
                "the script could not open agentless/.passlist{}",
                if s.root.join("agentless/.passlist").exists() {
                    format!(": the file exists but {} cannot read it", s.user())
                } else {
                    ": it does not exist".to_string()
                }
            ),
            Some(format!(
                "register the host: `ossec-agentless register-host add {host}`"
            )),
        ),
        Cause::PasswordNotFound => (
            format!(
                "agentless/.passlist has no usable line for {host}: the host must match exactly \
                 (case-sensitive, without use_su), and a line needs two `|` \
                 (`{host}|password|`); lines with one `|` are skipped"
            ),
            Some(format!(
                "`ossec-agentless register-host add {host}` (`--nopass` for key \
                 authentication: the line is still required)"
            )),
        ),
        Cause::HostKeyChanged => (
            format!("the host key of {host} is not the one recorded in known_hosts"),
            Some(format!(
                "if the change is expected (reinstall), verify the new fingerprint, then \
                 `ssh-keygen -f {} -R <host>` and connect once; otherwise treat it as an attack",
                known_hosts.display()
            )),
        ),
        Cause::Connect => (
            format!("ssh could not reach {host} (refused, unknown name or closed)"),
            Some(
                "check the name, the network and that sshd listens on port 22 (the daemon \
                 ignores <port>; a different port needs a Host block in <ossec-dir>/.ssh/config)"
                    .into(),
            ),
        ),
        Cause::ConnectTimeout => (
            format!("no password or host-key prompt from {host} within 20 s"),
            Some(
                "check firewalls and DNS; a login banner or a slow reverse lookup on the server \
                 can also delay the prompt"
                    .into(),
            ),
        ),
        Cause::WrongPassword => (
            format!("{host} refused the password stored in .passlist"),
            Some(format!(
                "store the right password: `ossec-agentless register-host add {host} --replace`"
            )),
        ),
        Cause::EofLogin => (
            format!("{host} closed the connection during login"),
            Some(
                "the account may have no shell (nologin), may be locked, or the server may have \
                 no free ptys"
                    .into(),
            ),
        ),
        Cause::PromptTimeout => (
            format!("logged in to {host}, but no shell prompt ending in `$` or `#` was seen"),
            Some(
                "make the account's prompt end in `$` or `#` (zsh `%`, menus and `>` prompts \
                 are not recognised by OSSEC's scripts); with use_su a wrong su password also \
                 ends here"
                    .into(),
            ),
        ),
        Cause::Pubkey => (
            format!("{host} asked for a password although .passlist says NOPASS"),
            Some(format!(
                "install the agentless user's public key ({}/id_*.pub) in the remote \
                 authorized_keys, and check that the private key is owned by that user with \
                 mode 0600 (`ossec-agentless doctor`)",
                ssh_dir.display()
            )),
        ),
        Cause::Su => (
            format!("`su` on {host} did not ask for a password"),
            Some("check that su exists on the host and is allowed for the login user".into()),
        ),
        Cause::SuPassword => (
            format!("the su (root) password for {host} was refused"),
            Some(format!(
                "the su password is the third field of the .passlist line: re-register {host}"
            )),
        ),
        Cause::SuEof => (
            format!("{host} closed the connection while running su"),
            Some("check that the login user may run su".into()),
        ),
        Cause::ScanTimeout => (
            format!("the remote commands on {host} ran longer than the script's 600 s limit"),
            Some(
                "monitor fewer or smaller directories per block (every file costs four \
                 processes), and keep FIFOs and device files out of the monitored paths"
                    .into(),
            ),
        ),
        Cause::Usage => (
            "the script was called without arguments: <arguments> is empty".into(),
            Some(
                "give the paths (integrity checks) or the command (generic diff) in <arguments>"
                    .into(),
            ),
        ),
        Cause::MainExp => (
            "the script could not read agentless/main.exp".into(),
            Some(format!(
                "reinstall the stock scripts into {}/agentless, readable by the {} group",
                s.root.display(),
                s.group
            )),
        ),
        Cause::NoSsh => (
            "expect could not start ssh: the ssh client is not installed or not in PATH".into(),
            Some(
                "install the OpenSSH client (`apt-get install openssh-client` or `dnf install \
                 openssh-clients`)"
                    .into(),
            ),
        ),
        Cause::Des => (
            "the script forces the DES cipher (`ssh -c des`), which modern OpenSSH no longer \
             has"
            .into(),
            Some(
                "the PIX/ASA scripts cannot work with current OpenSSH; use ssh_generic_diff or \
                 a custom script with a modern cipher"
                    .into(),
            ),
        ),
        Cause::Ptys => (
            "the OSSEC server ran out of pseudo-terminals (expect needs one per session)".into(),
            Some(
                "raise the pty limit (kernel.pty.max, or the container's /dev/pts settings)".into(),
            ),
        ),
        Cause::KnownHostsUnwritable => (
            format!(
                "ssh could not save the host key: {} is not writable by {}, so every run \
                 accepts the key again without checking",
                known_hosts.display(),
                s.user()
            ),
            Some("`ossec-agentless doctor --fix` gives .ssh to the agentless user".into()),
        ),
        Cause::SshDirMissing => {
            // ssh names the directory: `Could not create directory '/nonexistent/.ssh' (…)`.
            let named = tr
                .seen_line(&Cause::SshDirMissing)
                .and_then(|l| l.split('\'').nth(1))
                .map(PathBuf::from);
            match named {
                Some(dir) if dir != ssh_dir => (
                    format!(
                        "ssh could not create {}: {} has another home than the OSSEC directory, \
                         so host keys are never saved and every run accepts them again without \
                         checking",
                        dir.display(),
                        s.user()
                    ),
                    Some(format!(
                        "run the scripts as the agentless user, whose home is {} (as the \
                         daemon does)",
                        s.root.display()
                    )),
                ),
                _ => (
                    format!(
                        "ssh could not create {}: host keys are never saved, so every run \
                         accepts them again without checking",
                        ssh_dir.display()
                    ),
                    Some("`ossec-agentless doctor --fix` creates it for the agentless user".into()),
                ),
            }
        }
        Cause::HostKeyVerification => (
            format!("ssh refused to connect to {host}: its host key is not trusted"),
            Some(format!(
                "check the fingerprint, then add the key to {} (or remove the stale one with \
                 `ssh-keygen -R`)",
                known_hosts.display()
            )),
        ),
        Cause::KeyPermissions => (
            format!(
                "ssh ignored a private key in {} because others can read it",
                ssh_dir.display()
            ),
            Some(
                "`ossec-agentless doctor --fix` makes the keys 0600 and owned by the agentless \
                 user"
                    .into(),
            ),
        ),
        Cause::SshConfigPermissions => (
            "ssh refused its config file: wrong owner, or writable by others".into(),
            Some("`ossec-agentless doctor --fix` repairs the owner and mode".into()),
        ),
        Cause::PublickeyOnly => (
            format!("{host} accepts only keys, and none of the agentless user's keys was accepted"),
            Some(format!(
                "install the public key ({}/id_*.pub) in the remote authorized_keys, or allow \
                 password logins and store the password in .passlist",
                ssh_dir.display()
            )),
        ),
        Cause::TclSource => {
            let line = tr.seen_line(&Cause::TclSource).unwrap_or_default();
            let file = line.split('"').nth(1).unwrap_or("a file it sources");
            (
                format!("the expect script stopped: it could not read {file} ({line})"),
                Some(format!(
                    "install the missing file in {}/agentless, readable by the {} group (the \
                     scripts open it relative to the OSSEC directory)",
                    s.root.display(),
                    s.group
                )),
            )
        }
        Cause::TclError => (
            "the expect script stopped with a Tcl error, without an ERROR: line the daemon \
             would log"
                .into(),
            Some("run test-script with --raw to see the error and the stack trace".into()),
        ),
        Cause::HiddenError { text } => (
            format!(
                "the script printed \"ERROR: {text}\" but not at the start of a line (after a \
                 carriage return or a prompt), so the daemon does not see it: it logs nothing \
                 and does not count the failure"
            ),
            Some(
                "the cause is reported separately; a custom script should print errors as \
                 \"\\nERROR: …\\n\" so that they start a line"
                    .into(),
            ),
        ),
        Cause::ReportedError => ("the script reported an error (see above)".into(), None),
        Cause::SplitLines { count } => (
            format!(
                "{count} line(s) were longer than 2047 bytes: the daemon reads them in pieces, \
                 and only the first piece keeps the prefix (a long FWD: path arrives cut)"
            ),
            Some("keep monitored paths shorter, or exclude the deep directories".into()),
        ),
        Cause::ShellRejected(r) => shell_rejected(r, s),
        Cause::ProfileRejected(r) => (
            format!(
                "while logging in to {host}, the login shell ({}) rejected a command of the \
                 account's startup files: \"{}\"",
                r.shell.name(),
                r.message
            ),
            Some(
                "this does not stop the script, but it is noise in every run: fix the \
                 account's ~/.profile or ~/.bashrc (or the system-wide ones) on the host"
                    .into(),
            ),
        ),
        Cause::LostLine(l) => lost_line(l),
        Cause::MoreLostLines { count } => (
            format!("{count} more line(s) the daemon would cut or misread (not listed)"),
            Some(install_fix()),
        ),
        Cause::NoData => (
            "the run delivered no FWD:, LOG: or STORE: line: the daemon would receive no data \
             from it"
                .into(),
            Some(
                "look at the output with --raw: an integrity check must print one FWD: line \
                 per file, so check that the paths exist on the host and are readable by the \
                 remote user"
                    .into(),
            ),
        ),
        Cause::MissingPath { path } => (
            format!("{} does not exist on {host}", String::from_utf8_lossy(path)),
            Some("fix the path in <arguments>".into()),
        ),
        Cause::Unreported {
            count,
            files,
            reasons,
        } => {
            let why: Vec<String> = reasons
                .iter()
                .map(|(r, n)| format!("{n} {}", reason_short(*r)))
                .collect();
            let mut fixes = Vec::new();
            let has = |want: &[Reason]| reasons.iter().any(|(r, _)| want.contains(r));
            if has(&[
                Reason::ShellRejected,
                Reason::WhiteSpace,
                Reason::GlobCharacters,
                Reason::LostLine,
            ]) {
                fixes.push(install_fix());
            }
            if has(&[Reason::Unreadable, Reason::UnreadableDirectory]) {
                fixes.push(
                    "for unreadable files, log in as a user who can read them (root, or \
                     `use_su`), or leave them out of <arguments>"
                        .to_string(),
                );
            }
            if has(&[Reason::Unknown]) {
                fixes.push("look at the script's output with --raw".to_string());
            }
            (
                format!(
                    "{count} of the {files} file(s) a direct scan found on {host} were not \
                     reported by the script ({}; listed below): the daemon would never check \
                     them",
                    why.join(", ")
                ),
                Some(fixes.join("; ")),
            )
        }
        Cause::Mismatched { count } => (
            format!(
                "{count} file(s) were reported with another size, mode, owner or hash than a \
                 direct scan found (listed below): the daemon would record wrong values (or \
                 the files changed during the test)"
            ),
            Some("run the test again; if the differences stay, ".to_string() + &install_fix()),
        ),
        Cause::CrossCheckNotRun { reason } => (
            format!(
                "the cross-check (a direct scan of the same paths, to find files the script \
                 missed) could not run: {reason}; without it nothing shows that the daemon \
                 would get every file"
            ),
            Some(
                "make the host reachable with the agentless user's credentials and a known host \
                 key (`ossec-agentless register-host add USER@HOST`), or skip the check with \
                 --no-cross-check"
                    .into(),
            ),
        ),
    };
    Finding {
        cause,
        problem,
        fix,
    }
}

/// A reason in a few words, for counts.
fn reason_short(r: Reason) -> &'static str {
    match r {
        Reason::ShellRejected => "because the login shell rejected the command line",
        Reason::WhiteSpace => "with white space in the name",
        Reason::GlobCharacters => "with pattern characters in the name",
        Reason::LostLine => "whose line the daemon cut",
        Reason::Unreadable => "unreadable for the remote user",
        Reason::UnreadableDirectory => "unlistable directories",
        Reason::Unknown => "for reasons not known",
    }
}

/// The fix for files or lines the stock integrity scripts lose.
fn install_fix() -> String {
    "the stock integrity scripts split names on white space and read the shell's terminal \
     output: use ossec-agentless's scanner instead (`ossec-agentless install-script --name \
     NAME`, then <type>NAME</type>), which reports every file and every problem"
        .to_string()
}

fn shell_rejected(r: &ShellRejection, s: &Setting) -> (String, Option<String>) {
    let host = &s.host;
    let shell = r.shell.name();
    let message = &r.message;
    if r.is_stock_unset_typo() {
        return (
            format!(
                "the login shell on {host} ({shell}) rejected the command line the script typed \
                 (\"{message}\"): the stock ssh_integrity_check_linux types `unset HISTFILE echo \
                 \"INFO: Starting.\"` without a `;` (an OSSEC bug, fixed in Wazuh), which \
                 {shell} refuses, dropping the whole line, so no file was checked"
            ),
            Some(format!(
                "{}; or give the remote account bash as login shell (`chsh -s /bin/bash` on \
                 the host); or add the missing `;` after `unset HISTFILE` in the script",
                install_fix()
            )),
        );
    }
    let sh_family = !matches!(r.shell, Shell::Csh);
    (
        format!(
            "the login shell on {host} ({shell}) rejected the command line the script typed: \
             \"{message}\""
        ),
        Some(if sh_family {
            format!(
                "the agentless scripts type POSIX sh commands into the login shell: give the \
                 remote account a POSIX login shell (`chsh -s /bin/bash` or `/bin/sh` on the \
                 host); for integrity checks, {}",
                install_fix()
            )
        } else {
            "the agentless scripts type POSIX sh commands into the login shell, which csh and \
             tcsh do not understand: give the remote account a POSIX login shell (`chsh -s \
             /bin/sh` on the host)"
                .to_string()
        }),
    )
}

fn lost_line(l: &LostLine) -> (String, Option<String>) {
    let full = String::from_utf8_lossy(&l.full);
    let seen = String::from_utf8_lossy(&l.seen);
    let problem = match l.how {
        LineLoss::HiddenPrefix => format!(
            "the line \"{full}\" holds a {} record after a carriage return or a terminal \
             control sequence: the daemon cuts lines at the first \\r and sees only \"{seen}\", \
             so the record is lost",
            l.prefix()
        ),
        LineLoss::CutAtCr => format!(
            "the line \"{full}\" contains a carriage return or NUL: the daemon cuts it there \
             and gets \"{seen}\" (a name with \\r arrives truncated)"
        ),
        LineLoss::ByteSkipped => format!(
            "the line \"{full}\" has no space after `FWD:`/`LOG:`: the daemon skips 5 bytes \
             anyway and gets \"{seen}\" without its first character"
        ),
    };
    (problem, Some(install_fix()))
}

/// "exited with status 3", "was killed by signal 9", …
pub(crate) fn describe(ending: &Ending) -> String {
    match ending {
        Ending::Exited { code } => format!("exited with status {code}"),
        Ending::Signalled { signal } => format!("was killed by signal {signal}"),
        Ending::TimedOut => "timed out".to_string(),
        Ending::NotStarted { code, reason } => {
            format!("could not be started ({reason}; a shell reports {code})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::transcript::{LineLoss, LostLine, Shell, ShellRejection};

    /// One value of every cause.
    fn every_cause() -> Vec<Cause> {
        let rejection = ShellRejection {
            shell: Shell::Dash,
            message: "sh: 1: x: not found".into(),
            before_start: false,
        };
        vec![
            Cause::NotExecutable,
            Cause::NotFound,
            Cause::ProbeTimeout,
            Cause::ProbeFailed {
                ending: Ending::Exited { code: 3 },
            },
            Cause::RunTimeout,
            Cause::Signalled { signal: 9 },
            Cause::SilentExit { code: 2 },
            Cause::PasswordPrompts { count: 2 },
            Cause::HostKeyPrompt,
            Cause::NoPasslist,
            Cause::PasswordNotFound,
            Cause::HostKeyChanged,
            Cause::Connect,
            Cause::ConnectTimeout,
            Cause::WrongPassword,
            Cause::EofLogin,
            Cause::PromptTimeout,
            Cause::Pubkey,
            Cause::Su,
            Cause::SuPassword,
            Cause::SuEof,
            Cause::ScanTimeout,
            Cause::Usage,
            Cause::MainExp,
            Cause::NoSsh,
            Cause::Des,
            Cause::Ptys,
            Cause::KnownHostsUnwritable,
            Cause::SshDirMissing,
            Cause::HostKeyVerification,
            Cause::KeyPermissions,
            Cause::SshConfigPermissions,
            Cause::PublickeyOnly,
            Cause::TclSource,
            Cause::TclError,
            Cause::HiddenError { text: "x".into() },
            Cause::ReportedError,
            Cause::SplitLines { count: 1 },
            Cause::ShellRejected(rejection.clone()),
            Cause::ProfileRejected(rejection),
            Cause::LostLine(LostLine {
                full: b"\rFWD: 1:644:0:0:aa:bb /x".to_vec(),
                seen: Vec::new(),
                how: LineLoss::HiddenPrefix,
            }),
            Cause::MoreLostLines { count: 3 },
            Cause::NoData,
            Cause::MissingPath {
                path: b"/nope".to_vec(),
            },
            Cause::Unreported {
                count: 1,
                files: 2,
                reasons: vec![(Reason::WhiteSpace, 1)],
            },
            Cause::Mismatched { count: 1 },
            Cause::CrossCheckNotRun {
                reason: "refused".into(),
            },
        ]
    }

    #[test]
    fn every_cause_has_a_unique_name_an_explanation_and_documentation() {
        let s = Setting {
            root: PathBuf::from("/var/ossec"),
            script: PathBuf::from("/var/ossec/agentless/x"),
            script_type: "x".into(),
            host: "root@h".into(),
            run_as: None,
            group: "ossec".into(),
            timeout_secs: 600.0,
        };
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/test-script.md"),
        )
        .unwrap();
        let tr = Transcript::default();
        let mut names = std::collections::HashSet::new();
        for c in every_cause() {
            let name = c.name();
            assert!(names.insert(name), "{name} twice");
            assert!(
                doc.contains(&format!("`{name}`")),
                "{name} not in docs/test-script.md"
            );
            let f = finding(c, &s, &tr);
            assert!(!f.problem.is_empty(), "{name}");
            let json = serde_json::to_value(&f).unwrap();
            assert_eq!(json["cause"], name);
        }
    }
}
