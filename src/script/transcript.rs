//! What the output of a run showed: counts of each line kind, the first error, prompts, and
//! the stock texts that point at a known cause. Built line by line while the script runs.
//!
//! Texts are matched on the whole pty line, not on the daemon's cut: an ssh prompt or an
//! `ERROR:` text often comes after a `\r`, where the daemon no longer looks. The same pass
//! recognises the rejection messages of remote login shells ([`Shell`]) and the lines the
//! daemon would cut or misread ([`LostLine`]), and keeps the `FWD:` records the daemon would
//! get, for the cross-check.

use super::lines::{Line, LineKind};
use super::verdict::Cause;
use crate::protocol::FileRecord;
use serde::Serialize;

/// Lost lines listed one by one; more are only counted.
pub(crate) const MAX_LISTED_LOST: usize = 200;
/// Shell rejections kept (the first ones say it all).
const MAX_REJECTIONS: usize = 5;
/// `FWD:` records kept for the cross-check; beyond this the cross-check does not run.
pub(crate) const MAX_REPORTED: usize = 2_000_000;
/// Path bytes of the kept records, at most (a host sending long names cannot exhaust memory).
pub(crate) const MAX_REPORTED_BYTES: usize = 256 << 20;

/// How many lines of each kind the daemon would have seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    /// `INFO:` lines.
    pub(crate) info: usize,
    /// `ERROR:` lines (at most 1: reading stops there).
    pub(crate) error: usize,
    /// `FWD:` lines (file records for syscheck).
    pub(crate) fwd: usize,
    /// `LOG:` lines.
    pub(crate) log: usize,
    /// `STORE:` lines.
    pub(crate) store: usize,
    /// Lines captured after `STORE:` (the `periodic_diff` output).
    pub(crate) stored: usize,
    /// Other lines (ignored by the daemon).
    pub(crate) other: usize,
    /// Lines longer than the daemon's 2047-byte buffer (each was split into pieces).
    pub(crate) split: usize,
}

/// What the output of a run showed, gathered line by line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Transcript {
    /// Line counts.
    pub(crate) counts: Counts,
    /// The text of the first `ERROR:` line.
    pub(crate) first_error: Option<String>,
    /// Lines that looked like an ssh password prompt.
    pub(crate) password_prompts: usize,
    /// ssh asked to accept an unknown host key.
    pub(crate) host_key_prompt: bool,
    /// Recognised texts: causes of [`PATTERNS`] with the first line that matched.
    seen: Vec<(Cause, String)>,
    /// Rejections of the command line by the remote login shell (the first few).
    pub(crate) shell_rejections: Vec<ShellRejection>,
    /// Lines the daemon would cut or misread (the first [`MAX_LISTED_LOST`]).
    pub(crate) lost: Vec<LostLine>,
    /// Lost lines beyond [`MAX_LISTED_LOST`].
    pub(crate) lost_unlisted: usize,
    /// The `FWD:` records the daemon would get (only from [`Transcript::keeping_records`]).
    pub(crate) reported: Vec<FileRecord>,
    /// More than [`MAX_REPORTED`] records arrived: `reported` is incomplete.
    pub(crate) reported_overflow: bool,
    reported_bytes: usize,
    keep_records: bool,
    /// An `ERROR: ` text the daemon does not see, because it is not at the start of a line
    /// (after a `\r` or a prompt): the daemon logs nothing and does not count the failure.
    pub(crate) hidden_error: Option<String>,
    /// The last few non-empty lines (for timeouts: where it was stuck).
    pub(crate) tail: Vec<String>,
    in_store: bool,
}

/// Texts in the output (any line kind) that point at a known cause: (needle, cause).
const PATTERNS: &[(&str, Cause)] = &[
    ("Password list not present", Cause::NoPasslist),
    ("not found.", Cause::PasswordNotFound),
    ("has changed. Unable to access", Cause::HostKeyChanged),
    (
        "REMOTE HOST IDENTIFICATION HAS CHANGED",
        Cause::HostKeyChanged,
    ),
    ("Unable to connect to remote host", Cause::Connect),
    ("Timeout while connecting to host", Cause::ConnectTimeout),
    ("Incorrect password to remote host", Cause::WrongPassword),
    ("EOF while logging to host", Cause::EofLogin),
    ("Timeout while running on host", Cause::PromptTimeout),
    ("Public key authentication failed", Cause::Pubkey),
    ("Unable to run su", Cause::Su),
    ("Incorrect su password", Cause::SuPassword),
    ("EOF while running su", Cause::SuEof),
    ("Timeout while running commands on host", Cause::ScanTimeout),
    (
        "ERROR: ssh_integrity_check <hostname> <arguments>",
        Cause::Usage,
    ),
    ("<hostname> <commands>", Cause::Usage),
    ("couldn't read file \"agentless/main.exp\"", Cause::MainExp),
    ("couldn't execute \"ssh\"", Cause::NoSsh),
    ("Unknown cipher type", Cause::Des),
    ("The system has no more ptys", Cause::Ptys),
    (
        "Failed to add the host to the list of known hosts",
        Cause::KnownHostsUnwritable,
    ),
    ("Could not create directory", Cause::SshDirMissing),
    ("Host key verification failed", Cause::HostKeyVerification),
    ("UNPROTECTED PRIVATE KEY FILE", Cause::KeyPermissions),
    ("Bad owner or permissions on", Cause::SshConfigPermissions),
    ("Permission denied (publickey", Cause::PublickeyOnly),
    ("couldn't read file \"", Cause::TclSource),
    ("    while executing", Cause::TclError),
];

/// True for a line of Tcl source, as expect prints it in a stack trace: it quotes the stock
/// texts (`send_user "…has changed…"`, `"*assword:*"`) without them having happened.
fn tcl_source(text: &str) -> bool {
    text.contains("send_user") || text.contains("\"*") || text.contains("$hostname")
}

impl Transcript {
    /// A transcript that also keeps the `FWD:` records the daemon would get (for the
    /// cross-check of integrity scripts).
    pub(crate) fn keeping_records() -> Transcript {
        Transcript {
            keep_records: true,
            ..Transcript::default()
        }
    }

    /// Takes one line into account.
    pub(crate) fn add(&mut self, line: &Line) {
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
            LineKind::Fwd => {
                c.fwd += 1;
                if self.keep_records && !line.continued {
                    if self.reported.len() >= MAX_REPORTED
                        || self.reported_bytes >= MAX_REPORTED_BYTES
                    {
                        self.reported_overflow = true;
                    } else if let Ok(r) = FileRecord::parse_payload(line.payload()) {
                        self.reported_bytes += r.path.len();
                        self.reported.push(r);
                    }
                }
            }
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
            for (needle, cause) in PATTERNS {
                // "not found." is only meaningful in the stock "Password for '…' not found."
                if *cause == Cause::PasswordNotFound && !text.contains("Password for '") {
                    continue;
                }
                if text.contains(needle) && !self.saw(cause) {
                    self.seen.push((cause.clone(), text.trim().to_string()));
                }
            }
            // Data lines are the host's files and logs, not messages of its shell.
            if line.kind == LineKind::Other
                && self.shell_rejections.len() < MAX_REJECTIONS
                && let Some(mut r) = shell_rejection(&text)
            {
                r.before_start = self.counts.info == 0;
                if !self.shell_rejections.contains(&r) {
                    self.shell_rejections.push(r);
                }
            }
        }
        // After `STORE:`, other lines are the captured output of a command, not records.
        let captured = self.in_store && line.kind == LineKind::Other;
        if !captured && let Some(lost) = lost_line(line) {
            if self.lost.len() < MAX_LISTED_LOST {
                self.lost.push(lost);
            } else {
                self.lost_unlisted += 1;
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

    /// The causes of the recognised texts, each once, in the order of the pattern table.
    pub(crate) fn seen_causes(&self) -> impl Iterator<Item = &Cause> {
        PATTERNS
            .iter()
            .enumerate()
            .filter(|(i, (_, c))| {
                self.saw(c) && !PATTERNS[..*i].iter().any(|(_, earlier)| earlier == c)
            })
            .map(|(_, (_, c))| c)
    }

    pub(crate) fn saw(&self, cause: &Cause) -> bool {
        self.seen.iter().any(|(k, _)| k == cause)
    }

    pub(crate) fn seen_line(&self, cause: &Cause) -> Option<&str> {
        self.seen
            .iter()
            .find(|(k, _)| k == cause)
            .map(|(_, l)| l.as_str())
    }
}

/// A remote login shell, as told by the format of its error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Shell {
    /// dash (Debian's and Ubuntu's `/bin/sh`): `sh: 1: …`.
    Dash,
    /// bash: `-bash: …`, `bash: line 1: …`.
    Bash,
    /// BusyBox ash: `-sh: …` without a line number.
    BusyBox,
    /// ksh93 or mksh.
    Ksh,
    /// zsh.
    Zsh,
    /// csh or tcsh.
    Csh,
}

impl Shell {
    /// The name shown to the user.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Shell::Dash => "dash",
            Shell::Bash => "bash",
            Shell::BusyBox => "BusyBox ash",
            Shell::Ksh => "ksh",
            Shell::Zsh => "zsh",
            Shell::Csh => "csh/tcsh",
        }
    }
}

/// The remote login shell refused (part of) the command line a script typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ShellRejection {
    /// Which shell, by the format of the message.
    pub(crate) shell: Shell,
    /// The message, from the shell's name on (escape sequences removed).
    pub(crate) message: String,
    /// Seen before the first `INFO:` line. The stock scripts print `INFO: Started.` once the
    /// login prompt appeared, before they type their command line: a rejection before it comes
    /// from the account's startup files, not from the script.
    pub(crate) before_start: bool,
}

impl ShellRejection {
    /// True when the rejection hit the script's command line: after `INFO: Started.`, or in
    /// a run without any `INFO:` line (`info_lines` is the run's count), where nothing tells
    /// the login from the commands.
    pub(crate) fn of_the_script(&self, info_lines: usize) -> bool {
        !self.before_start || info_lines == 0
    }

    /// True for the stock `ssh_integrity_check_linux` typo `unset HISTFILE echo "INFO: …"`.
    pub(crate) fn is_stock_unset_typo(&self) -> bool {
        self.message.contains("unset") && self.message.contains("INFO: Starting.")
    }
}

/// What makes a line reach the daemon other than as the script meant it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LineLoss {
    /// A `FWD:`/`LOG:` record after a `\r` or a terminal control sequence: the daemon sees the
    /// line start, not the record, and drops it.
    HiddenPrefix,
    /// A record with a `\r` or NUL inside: the daemon keeps only the part before it.
    CutAtCr,
    /// `FWD:x…`: the daemon skips five bytes whatever they are and loses the first character.
    ByteSkipped,
}

/// A line the daemon would cut or misread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LostLine {
    /// The whole piece as the script sent it (without its line end).
    pub(crate) full: Vec<u8>,
    /// What the daemon takes from it.
    pub(crate) seen: Vec<u8>,
    /// How it is lost.
    pub(crate) how: LineLoss,
}

impl LostLine {
    /// `FWD` or `LOG`: the prefix of the record concerned.
    pub(crate) fn prefix(&self) -> &'static str {
        let at = |p: &[u8]| self.full.windows(p.len()).position(|w| w == p);
        match (at(b"FWD:"), at(b"LOG:")) {
            (None, Some(_)) => "LOG",
            (Some(f), Some(l)) if l < f => "LOG",
            _ => "FWD",
        }
    }
}

/// Removes terminal escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL` or `ESC ] … ESC \`,
/// and two-byte `ESC x`), which a pty prints around prompts.
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn strip_escapes_bytes(b: &[u8]) -> Vec<u8> {
    if !b.contains(&0x1b) {
        return b.to_vec();
    }
    strip_escapes(&String::from_utf8_lossy(b)).into_bytes()
}

/// The record prefixes whose loss loses data.
fn record_prefix(b: &[u8]) -> bool {
    b.starts_with(b"FWD:") || b.starts_with(b"LOG:")
}

/// Finds a line the daemon would cut or misread; `None` for a line it reads as meant.
fn lost_line(line: &Line) -> Option<LostLine> {
    if line.continued {
        return None; // pieces of a long line are reported as split lines
    }
    let lost = |how| {
        Some(LostLine {
            full: line.full.clone(),
            seen: line.bytes.clone(),
            how,
        })
    };
    match line.kind {
        LineKind::Fwd | LineKind::Log => {
            if line.full.len() > line.bytes.len() {
                lost(LineLoss::CutAtCr)
            } else if line.bytes.get(4).is_some_and(|&b| b != b' ') {
                lost(LineLoss::ByteSkipped)
            } else {
                None
            }
        }
        LineKind::Other => {
            // A record right after a `\r` (and any escape sequences), or right after escape
            // sequences at the line start.
            let after_cr = line
                .full
                .split(|&b| b == b'\r')
                .skip(1)
                .any(|seg| record_prefix(&strip_escapes_bytes(seg)));
            let after_escape =
                line.full.first() == Some(&0x1b) && record_prefix(&strip_escapes_bytes(&line.full));
            if after_cr || after_escape {
                lost(LineLoss::HiddenPrefix)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Recognises a login shell's rejection of a command line: syntax errors, bad variable names,
/// unknown commands, in the message formats of sh (dash), bash, ksh, zsh, csh/tcsh and
/// BusyBox ash. The message may follow a prompt or escape sequences on the same line.
pub(crate) fn shell_rejection(text: &str) -> Option<ShellRejection> {
    for segment in text.split('\r') {
        let seg = strip_escapes(segment);
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        if let Some(r) = sh_family(seg).or_else(|| zsh(seg)).or_else(|| csh(seg)) {
            return Some(r);
        }
    }
    None
}

/// `<name>: [<n>: | line <n>: ]<message>` of dash, bash, ksh and BusyBox ash.
fn sh_family(seg: &str) -> Option<ShellRejection> {
    let mut from = 0;
    while let Some(i) = seg[from..].find("sh: ") {
        let colon = from + i + 2;
        from = colon + 1;
        // The word before ": " is the shell's name (argv[0]; `-` for a login shell).
        let start = seg[..colon]
            .rfind(|c: char| c.is_whitespace() || matches!(c, '$' | '#' | '>'))
            .map_or(0, |p| p + 1);
        let name = seg[start..colon]
            .trim_start_matches('-')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let rest = &seg[colon + 2..];
        let numbered = leading_number(rest);
        let (shell, msg) = match name {
            "bash" => (
                Shell::Bash,
                rest.strip_prefix("line ")
                    .and_then(leading_number)
                    .unwrap_or(rest),
            ),
            "ksh" | "mksh" | "ksh93" | "pdksh" | "lksh" => (Shell::Ksh, rest),
            "sh" | "dash" | "ash" => match numbered {
                Some(m) => (Shell::Dash, m),
                None if name == "dash" => continue,
                // bash started as sh keeps its own messages.
                None if name == "sh" && (rest.starts_with("line ") || bash_only_message(rest)) => (
                    Shell::Bash,
                    rest.strip_prefix("line ")
                        .and_then(leading_number)
                        .unwrap_or(rest),
                ),
                None => (Shell::BusyBox, rest),
            },
            _ => continue,
        };
        let rejected = match shell {
            Shell::Dash => {
                msg.ends_with(": not found")
                    || msg.starts_with("Syntax error:")
                    || msg.ends_with("bad variable name")
                    || msg.ends_with("Bad substitution")
            }
            Shell::Bash => bash_message(msg),
            Shell::Ksh => {
                msg.ends_with(": not found")
                    || msg.ends_with("inaccessible or not found")
                    || msg.starts_with("syntax error")
                    || msg.ends_with("invalid variable name")
                    || msg.ends_with("bad substitution")
            }
            Shell::BusyBox => {
                msg.ends_with(": not found")
                    || msg.starts_with("syntax error:")
                    || msg.ends_with("bad variable name")
                    || msg.ends_with("bad substitution")
            }
            Shell::Zsh | Shell::Csh => false,
        };
        if rejected {
            return Some(ShellRejection {
                shell,
                message: seg[start..].to_string(),
                before_start: false,
            });
        }
    }
    None
}

/// bash's rejections: unknown command, syntax error, bad name, unbalanced quote.
fn bash_message(msg: &str) -> bool {
    bash_only_message(msg) || msg.starts_with("syntax error") || msg.ends_with("bad substitution")
}

/// The rejections only bash words so (BusyBox ash also says `syntax error: unexpected …`).
fn bash_only_message(msg: &str) -> bool {
    msg.ends_with("command not found")
        || msg.starts_with("syntax error near unexpected token")
        || msg.starts_with("syntax error: unexpected end of file")
        || msg.ends_with("not a valid identifier")
        || msg.starts_with("unexpected EOF while looking for matching")
}

/// `"12: rest"` → `"rest"`.
fn leading_number(s: &str) -> Option<&str> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    s[digits..].strip_prefix(": ")
}

fn zsh(seg: &str) -> Option<ShellRejection> {
    const MESSAGES: &[&str] = &[
        "command not found: ",
        "parse error near",
        "parse error: ",
        "bad pattern: ",
        "no matches found: ",
        "bad substitution",
        "unmatched ",
    ];
    let found = |at: usize| {
        Some(ShellRejection {
            shell: Shell::Zsh,
            message: seg[at..].to_string(),
            before_start: false,
        })
    };
    if let Some(i) = seg.find("zsh: ")
        && MESSAGES.iter().any(|m| seg[i + 5..].starts_with(m))
    {
        return found(i);
    }
    // zsh names the builtin, not itself: `unset: INFO: Starting.: invalid parameter name`.
    if seg.ends_with(": invalid parameter name") {
        return found(
            seg.find("unset: ")
                .or_else(|| seg.find("export: "))
                .unwrap_or(0),
        );
    }
    None
}

fn csh(seg: &str) -> Option<ShellRejection> {
    const WHOLE: &[&str] = &[
        "Too many ('s.",
        "Too many )'s.",
        "Badly placed ()'s.",
        "Ambiguous output redirect.",
        "Ambiguous input redirect.",
        "Illegal variable name.",
        "Variable syntax.",
        "Missing }.",
        "Unmatched '\"'.",
        "Unmatched '''.",
        "Unmatched '`'.",
        "Unmatched \".",
        "Unmatched '.",
        "Unmatched `.",
        "Invalid null command.",
    ];
    const TAIL: &[&str] = &[
        ": Command not found.",
        ": Undefined variable.",
        ": Expression Syntax.",
    ];
    if let Some(w) = WHOLE.iter().find(|w| seg.ends_with(**w)) {
        return Some(ShellRejection {
            shell: Shell::Csh,
            message: (*w).to_string(),
            before_start: false,
        });
    }
    let tail = TAIL.iter().find(|t| seg.ends_with(**t))?;
    // The word before the message: after the prompt, which ends in a blank.
    let head = &seg[..seg.len() - tail.len()];
    let start = head.rfind(' ').map_or(0, |p| p + 1);
    Some(ShellRejection {
        shell: Shell::Csh,
        message: seg[start..].to_string(),
        before_start: false,
    })
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
        assert!(t.saw(&Cause::WrongPassword));
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
        assert!(!t.saw(&Cause::HostKeyChanged));
        assert_eq!(t.password_prompts, 1);
        assert!(t.saw(&Cause::TclError));
        assert!(
            t.seen_line(&Cause::TclSource)
                .is_some_and(|l| l.contains("agentless/sshlogin.exp"))
        );
    }

    #[test]
    fn recognises_ssh_client_messages() {
        for (text, key) in [
            (
                "Could not create directory '/var/ossec/.ssh' (Permission denied).",
                Cause::SshDirMissing,
            ),
            ("Host key verification failed.", Cause::HostKeyVerification),
            (
                "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @",
                Cause::KeyPermissions,
            ),
            (
                "Bad owner or permissions on /var/ossec/.ssh/config",
                Cause::SshConfigPermissions,
            ),
            (
                "root@h: Permission denied (publickey).",
                Cause::PublickeyOnly,
            ),
            (
                "Failed to add the host to the list of known hosts (/var/ossec/.ssh/known_hosts).",
                Cause::KnownHostsUnwritable,
            ),
        ] {
            assert!(transcript(text).saw(&key), "{key:?}: {text}");
        }
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
        assert!(t.saw(&Cause::PasswordNotFound));
        let t = transcript("ERROR: Incorrect password to remote host: root@h .\n");
        assert!(t.saw(&Cause::WrongPassword));
        assert!(!t.saw(&Cause::PasswordNotFound));
    }

    /// Messages as the shells print them on a pty (captured from dash 0.5.12, bash 5.2,
    /// BusyBox 1.35 ash, ksh93u+m, zsh 5.9 and tcsh 6.24), after a prompt where one was shown.
    const REJECTIONS: &[(&str, Shell, &str)] = &[
        (
            "$ -sh: 1: unset: INFO: Starting.: bad variable name\r",
            Shell::Dash,
            "-sh: 1: unset: INFO: Starting.: bad variable name",
        ),
        (
            "dash: 1: nosuch: not found",
            Shell::Dash,
            "dash: 1: nosuch: not found",
        ),
        (
            "sh: 2: Syntax error: newline unexpected (expecting \")\")",
            Shell::Dash,
            "sh: 2: Syntax error: newline unexpected (expecting \")\")",
        ),
        (
            "\x1b[?2004l\r-bash: nosuch: command not found",
            Shell::Bash,
            "-bash: nosuch: command not found",
        ),
        (
            "bash: syntax error near unexpected token `then'",
            Shell::Bash,
            "bash: syntax error near unexpected token `then'",
        ),
        (
            "bash: line 1: unset: `a b': not a valid identifier",
            Shell::Bash,
            "bash: line 1: unset: `a b': not a valid identifier",
        ),
        (
            "~ $ -sh: unset: INFO: Starting.: bad variable name",
            Shell::BusyBox,
            "-sh: unset: INFO: Starting.: bad variable name",
        ),
        (
            "$ sh: syntax error: unexpected \"then\"",
            Shell::BusyBox,
            "sh: syntax error: unexpected \"then\"",
        ),
        (
            "sh: nosuch: not found",
            Shell::BusyBox,
            "sh: nosuch: not found",
        ),
        (
            "sh: line 1: nosuch: command not found",
            Shell::Bash,
            "sh: line 1: nosuch: command not found",
        ),
        (
            "sh: nosuch: command not found",
            Shell::Bash,
            "sh: nosuch: command not found",
        ),
        (
            "$ ksh: unset: INFO: Starting.: invalid variable name",
            Shell::Ksh,
            "ksh: unset: INFO: Starting.: invalid variable name",
        ),
        (
            "ksh: syntax error: `(' unexpected",
            Shell::Ksh,
            "ksh: syntax error: `(' unexpected",
        ),
        (
            "\x1b[1m\x1b[7m#\x1b[27m\x1b[1m\x1b[0m \r \r$ zsh: command not found: nosuch",
            Shell::Zsh,
            "zsh: command not found: nosuch",
        ),
        (
            "% unset: INFO: Starting.: invalid parameter name",
            Shell::Zsh,
            "unset: INFO: Starting.: invalid parameter name",
        ),
        ("zsh: bad pattern: (", Shell::Zsh, "zsh: bad pattern: ("),
        (
            "vm:~# nosuch: Command not found.",
            Shell::Csh,
            "nosuch: Command not found.",
        ),
        ("vm:~# Too many ('s.", Shell::Csh, "Too many ('s."),
        (
            "vm:~# Ambiguous output redirect.",
            Shell::Csh,
            "Ambiguous output redirect.",
        ),
        (
            "if: Expression Syntax.",
            Shell::Csh,
            "if: Expression Syntax.",
        ),
    ];

    #[test]
    fn names_the_shell_that_rejected_a_command_line() {
        for (line, shell, message) in REJECTIONS {
            let r = shell_rejection(line).unwrap_or_else(|| panic!("not recognised: {line:?}"));
            assert_eq!(
                (r.shell, r.message.as_str()),
                (*shell, *message),
                "{line:?}"
            );
        }
        let t = transcript("$ -sh: 1: unset: INFO: Starting.: bad variable name\r\n");
        assert!(t.shell_rejections[0].is_stock_unset_typo());
        assert!(t.shell_rejections[0].of_the_script(t.counts.info));
    }

    #[test]
    fn a_rejection_before_the_login_completed_comes_from_the_startup_files() {
        // A broken ~/.bashrc at login, then the stock script's `INFO: Started.` and its records.
        let t = transcript(
            "-bash: fortune: command not found\r\n$ \nINFO: Started.\n\
             FWD: 2:644:0:0:aa:bb /t/c\r\n\
             -bash: ls: command not found\r\n",
        );
        let r: Vec<bool> = t
            .shell_rejections
            .iter()
            .map(|r| r.of_the_script(t.counts.info))
            .collect();
        assert_eq!(r, [false, true]);
    }

    #[test]
    fn ordinary_output_is_not_a_shell_rejection() {
        for line in [
            "unset HISTFILE echo \"INFO: Starting.\"; for i in `find /etc 2>/dev/null`;do tail $i",
            "Password for 'root@h' not found.",
            "ssh: connect to host h port 22: Connection refused",
            "Could not create directory '/nonexistent/.ssh' (No such file or directory).",
            "oa@vm:~$ exit",
            "Connection to 127.0.0.1 closed.",
            "bash: cannot set terminal process group (1): Inappropriate ioctl for device",
        ] {
            assert_eq!(shell_rejection(line), None, "{line}");
        }
        // Data lines are the host's content: a FWD path may say anything.
        let t = transcript("FWD: 1:644:0:0:aa:bb /tmp/sh: 1: x: not found\n");
        assert!(t.shell_rejections.is_empty());
    }

    #[test]
    fn a_record_after_a_control_sequence_and_carriage_return_is_lost() {
        let t = transcript(
            "\x1b[?2004l\rFWD: 2:644:0:0:aa:bb /t/b\r\n\
             FWD: 2:644:0:0:aa:bb /t/c\r\n\
             echo FWD: `stat --printf \"%s\" $i` $i; done; exit\r\n\
             \x1b[?2004hFWD: 2:644:0:0:aa:bb /t/d\n\
             FWD: 2:644:0:0:aa:bb /t/with\rcr\n\
             FWD:x2:644:0:0:aa:bb /t/e\n",
        );
        let lost: Vec<(LineLoss, &[u8])> = t.lost.iter().map(|l| (l.how, &l.seen[..])).collect();
        assert_eq!(
            lost,
            [
                (LineLoss::HiddenPrefix, &b"\x1b[?2004l"[..]),
                (
                    LineLoss::HiddenPrefix,
                    b"\x1b[?2004hFWD: 2:644:0:0:aa:bb /t/d"
                ),
                (LineLoss::CutAtCr, b"FWD: 2:644:0:0:aa:bb /t/with"),
                (LineLoss::ByteSkipped, b"FWD:x2:644:0:0:aa:bb /t/e"),
            ]
        );
        assert_eq!(t.counts.fwd, 3);
        // After STORE: the lines are a command's captured output, not records.
        let t = transcript("STORE: now\nprogress\rFWD: not a record\n");
        assert!(t.lost.is_empty());
    }
}
