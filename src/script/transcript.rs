//! What the output of a run showed: counts of each line kind, the first error, prompts, and
//! the stock texts that point at a known cause. Built line by line while the script runs.
//!
//! Texts are matched on the whole pty line, not on the daemon's cut: an ssh prompt or an
//! `ERROR:` text often comes after a `\r`, where the daemon no longer looks.

use super::lines::{Line, LineKind};
use serde::Serialize;

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
    ("Could not create directory", "ssh-dir-missing"),
    ("Host key verification failed", "host-key-verification"),
    ("UNPROTECTED PRIVATE KEY FILE", "key-permissions"),
    ("Bad owner or permissions on", "ssh-config-permissions"),
    ("Permission denied (publickey", "publickey-only"),
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

    pub(crate) fn saw(&self, key: &str) -> bool {
        self.seen.iter().any(|(k, _)| *k == key)
    }

    pub(crate) fn seen_line(&self, key: &str) -> Option<&str> {
        self.seen
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| l.as_str())
    }
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
    fn recognises_ssh_client_messages() {
        for (text, key) in [
            (
                "Could not create directory '/var/ossec/.ssh' (Permission denied).",
                "ssh-dir-missing",
            ),
            ("Host key verification failed.", "host-key-verification"),
            (
                "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @",
                "key-permissions",
            ),
            (
                "Bad owner or permissions on /var/ossec/.ssh/config",
                "ssh-config-permissions",
            ),
            ("root@h: Permission denied (publickey).", "publickey-only"),
            (
                "Failed to add the host to the list of known hosts (/var/ossec/.ssh/known_hosts).",
                "known-hosts-unwritable",
            ),
        ] {
            assert!(transcript(text).saw(key), "{key}: {text}");
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
        assert!(t.saw("password-not-found"));
        let t = transcript("ERROR: Incorrect password to remote host: root@h .\n");
        assert!(t.saw("wrong-password"));
        assert!(!t.saw("password-not-found"));
    }
}
