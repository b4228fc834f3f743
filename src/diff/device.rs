//! Network devices: an interactive CLI driven over a pty, one prompt at a time.
//!
//! The session: wait for the first prompt (`>` user mode, `#` privileged; the banner before it
//! is dropped) → with [`Profile::Auto`], `show version` tells the vendor → `enable`, answering
//! `Password:` with the `.passlist` additional password → the vendor's pager-off command → the
//! configuration command and the extra commands, one at a time → `exit`. Every wait has a
//! timeout that counts silence. The output kept for a command is what the device printed
//! between the echo of the command and the next prompt, after a small terminal emulation
//! (carriage returns, backspaces, escape sequences) and with any pager prompt (`--More--`,
//! `<--- More --->`, `---(more)---`) answered with a space and removed. Trailing blanks of
//! each line are dropped, and so are blank lines (and Junos' `{master:0}`) just before a
//! prompt. The enable password is never kept: it is sent only at a password prompt, and any
//! echo of it is masked.

use super::DiffError;
use crate::secret::Secret;
use crate::ssh::Received;
use regex::Regex;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// A vendor's CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Profile {
    /// Decide from `show version`.
    Auto,
    /// Cisco IOS / IOS-XE.
    CiscoIos,
    /// Cisco ASA, PIX and FWSM.
    CiscoAsa,
    /// Foundry / Brocade / Ruckus FastIron.
    Foundry,
    /// Juniper Junos.
    Junos,
}

impl Profile {
    /// The command that turns the pager off.
    pub(crate) fn pager_off(self) -> &'static str {
        match self {
            Profile::Auto | Profile::CiscoIos => "terminal length 0",
            Profile::CiscoAsa => "terminal pager 0",
            Profile::Foundry => "skip-page-display",
            Profile::Junos => "set cli screen-length 0",
        }
    }

    /// The command that shows the configuration.
    pub(crate) fn config_command(self) -> &'static str {
        match self {
            Profile::Junos => "show configuration",
            _ => "show running-config",
        }
    }

    /// True when the vendor has an `enable` mode.
    pub(crate) fn has_enable(self) -> bool {
        !matches!(self, Profile::Junos)
    }

    /// The profile for a stock agentless device script (`ssh_pixconfig_diff` …).
    pub(crate) fn for_stock_script(kind: &str) -> Option<Profile> {
        match kind {
            "ssh_pixconfig_diff" | "ssh_asa-fwsmconfig_diff" => Some(Profile::CiscoAsa),
            "ssh_foundry_diff" => Some(Profile::Foundry),
            _ => None,
        }
    }

    /// Tells the vendor from `show version` output.
    pub(crate) fn detect(version: &str) -> Option<Profile> {
        let v = version.to_ascii_lowercase();
        if ["adaptive security appliance", "pix", "fwsm", "firepower"]
            .iter()
            .any(|k| v.contains(k))
        {
            Some(Profile::CiscoAsa)
        } else if v.contains("junos") {
            Some(Profile::Junos)
        } else if ["foundry", "brocade", "fastiron", "icx", "ruckus"]
            .iter()
            .any(|k| v.contains(k))
        {
            Some(Profile::Foundry)
        } else if [
            "cisco ios",
            "ios-xe",
            "ios xe",
            "internetwork operating system",
        ]
        .iter()
        .any(|k| v.contains(k))
        {
            Some(Profile::CiscoIos)
        } else {
            None
        }
    }
}

/// A terminal session with a device: keystrokes out, screen bytes in.
pub(crate) trait Terminal {
    /// The host, for messages.
    fn target(&self) -> String;
    /// Sends keystrokes.
    fn send(&mut self, data: &[u8]) -> Result<(), DiffError>;
    /// What arrives within `wait`.
    fn recv(&mut self, wait: Duration) -> Result<Received, DiffError>;
}

impl Terminal for crate::ssh::PtyShell<'_> {
    fn target(&self) -> String {
        crate::ssh::PtyShell::target(self).to_string()
    }
    fn send(&mut self, data: &[u8]) -> Result<(), DiffError> {
        Ok(crate::ssh::PtyShell::send(
            self,
            data,
            Duration::from_secs(30),
        )?)
    }
    fn recv(&mut self, wait: Duration) -> Result<Received, DiffError> {
        Ok(crate::ssh::PtyShell::recv(self, wait)?)
    }
}

/// What to do in the session.
#[derive(Debug, Clone)]
pub(crate) struct Request<'a> {
    /// The vendor, or [`Profile::Auto`].
    pub(crate) profile: Profile,
    /// Commands run after the configuration command.
    pub(crate) extra: &'a [String],
    /// The `.passlist` additional password, for `enable`.
    pub(crate) enable_password: Option<&'a Secret>,
    /// How long any wait may stay silent.
    pub(crate) timeout: Duration,
    /// The most bytes the session may send us.
    pub(crate) limit: usize,
}

/// What a session kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Capture {
    /// The profile used (the detected one for `Auto`).
    pub(crate) profile: Profile,
    /// The commands' output, one line per line, each ending with a newline.
    pub(crate) text: String,
}

static FIRST_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9_.@:/~{}\[\]-]{1,80}(\([A-Za-z0-9_.:/-]*\))?[>#]$")
        .unwrap_or_else(|e| panic!("prompt pattern: {e}"))
});
static MODE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\([A-Za-z0-9_.:/-]*\))?[>#]$").unwrap_or_else(|e| panic!("mode pattern: {e}"))
});
static JUNOS_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\{[A-Za-z0-9_:-]+\}$").unwrap_or_else(|e| panic!("status pattern: {e}"))
});
static PAGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(--+\s*\(?\s*more\b.*|<-+\s*more\s*-+>.*|press any key to continue.*)$")
        .unwrap_or_else(|e| panic!("pager pattern: {e}"))
});

/// A tiny terminal: lines as the device drew them.
#[derive(Debug, Default)]
struct Screen {
    lines: Vec<Vec<u8>>,
    cur: Vec<u8>,
    cursor: usize,
    esc: u8, // 0 normal, 1 after ESC, 2 in CSI, 3 charset byte, 4 in OSC
    total: usize,
}

impl Screen {
    fn feed(&mut self, data: &[u8]) {
        self.total += data.len();
        for &b in data {
            match (self.esc, b) {
                (1, b'[') => self.esc = 2,
                (1, b'(' | b')') => self.esc = 3,
                (1, b']') => self.esc = 4,
                (1, _) => self.esc = 0,
                (2, 0x40..=0x7e) => self.esc = 0,
                (2, _) => {}
                // ESC ( B: one charset byte; ESC ] …: an OSC string up to BEL or ESC.
                (3, _) | (4, 0x07) => self.esc = 0,
                (4, 0x1b) => self.esc = 1,
                (4, _) => {}
                (_, 0x1b) => self.esc = 1,
                (_, b'\r') => self.cursor = 0,
                (_, b'\n') => {
                    self.lines.push(std::mem::take(&mut self.cur));
                    self.cursor = 0;
                }
                (_, 0x08) => self.cursor = self.cursor.saturating_sub(1),
                (_, b'\t') => self.put(b'\t'),
                (_, 0..=0x1f | 0x7f) => {}
                (_, _) => self.put(b),
            }
        }
    }

    fn put(&mut self, b: u8) {
        if self.cursor < self.cur.len() {
            self.cur[self.cursor] = b;
        } else {
            self.cur.push(b);
        }
        self.cursor += 1;
    }

    fn partial(&self) -> String {
        String::from_utf8_lossy(&self.cur).trim().to_string()
    }

    fn clear(&mut self) {
        self.lines.clear();
        self.cur.clear();
        self.cursor = 0;
    }

    fn clear_partial(&mut self) {
        self.cur.clear();
        self.cursor = 0;
    }
}

/// What a wait ended on.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    Prompt,
    Password,
}

struct Session<'t> {
    term: &'t mut dyn Terminal,
    screen: Screen,
    base: String,
    timeout: Duration,
    limit: usize,
    settle: Duration,
}

impl Session<'_> {
    fn fail(&self, reason: impl Into<String>) -> DiffError {
        DiffError::Device {
            target: self.term.target(),
            reason: reason.into(),
        }
    }

    fn is_prompt(&self, line: &str) -> bool {
        if self.base.is_empty() {
            return FIRST_PROMPT.is_match(line);
        }
        line.strip_prefix(self.base.as_str())
            .is_some_and(|rest| MODE_SUFFIX.is_match(rest))
    }

    /// Reads until a prompt (or, with `password_ok`, a password prompt) is the last,
    /// unfinished line and the device then stays quiet for a moment.
    fn wait(&mut self, what: &str, password_ok: bool) -> Result<Seen, DiffError> {
        let mut last = Instant::now();
        let mut check_now = true;
        loop {
            if check_now {
                let p = self.screen.partial();
                let seen = if self.is_prompt(&p) {
                    Some(Seen::Prompt)
                } else if password_ok && p.to_ascii_lowercase().ends_with("password:") {
                    Some(Seen::Password)
                } else {
                    None
                };
                if let Some(seen) = seen {
                    match self.term.recv(self.settle)? {
                        Received::Quiet => return Ok(seen),
                        Received::Data(d) => {
                            self.take(&d)?;
                            last = Instant::now();
                            continue;
                        }
                        Received::Closed => {
                            return Err(self.fail(format!("closed the session at {what}")));
                        }
                    }
                }
                if PAGER.is_match(&p) {
                    self.screen.clear_partial();
                    self.term.send(b" ")?;
                    last = Instant::now();
                }
            }
            let spent = last.elapsed();
            if spent >= self.timeout {
                return Err(DiffError::Timeout {
                    target: self.term.target(),
                    waiting_for: what.to_string(),
                    seconds: self.timeout.as_secs(),
                });
            }
            match self
                .term
                .recv((self.timeout - spent).min(Duration::from_millis(500)))?
            {
                Received::Data(d) => {
                    self.take(&d)?;
                    last = Instant::now();
                    check_now = true;
                }
                Received::Quiet => check_now = false,
                Received::Closed => {
                    return Err(self.fail(format!("closed the session while we waited for {what}")));
                }
            }
        }
    }

    fn take(&mut self, d: &[u8]) -> Result<(), DiffError> {
        self.screen.feed(d);
        if self.screen.total > self.limit {
            return Err(DiffError::TooLarge {
                target: self.term.target(),
                limit: self.limit,
            });
        }
        Ok(())
    }

    fn send_line(&mut self, line: &str) -> Result<(), DiffError> {
        self.screen.clear();
        let mut b = line.as_bytes().to_vec();
        b.push(b'\r');
        self.term.send(&b)
    }

    /// Runs `cmd` and returns its output lines (echo and prompt removed).
    fn run(&mut self, cmd: &str) -> Result<Vec<String>, DiffError> {
        self.send_line(cmd)?;
        self.wait(&format!("the prompt after `{cmd}`"), false)?;
        let mut lines: Vec<String> = self
            .screen
            .lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).trim_end().to_string())
            .collect();
        if lines
            .first()
            .is_some_and(|l| l.trim_end().ends_with(cmd.trim()))
        {
            lines.remove(0);
        }
        // Blank lines and Junos' `{master:0}` before the prompt belong to the prompt.
        while lines
            .last()
            .is_some_and(|l| l.trim().is_empty() || JUNOS_STATUS.is_match(l.trim()))
        {
            lines.pop();
        }
        Ok(lines)
    }

    fn mode_is_privileged(&self) -> bool {
        self.screen.partial().ends_with('#')
    }
}

/// Runs the session of `req` on `term`.
pub(crate) fn capture(term: &mut dyn Terminal, req: &Request<'_>) -> Result<Capture, DiffError> {
    let mut s = Session {
        term,
        screen: Screen::default(),
        base: String::new(),
        timeout: req.timeout,
        limit: req.limit,
        settle: Duration::from_millis(300),
    };
    s.wait("the first prompt (a line ending in > or #)", false)?;
    let first = s.screen.partial();
    let base = first.trim_end_matches(['>', '#']).trim_end().to_string();
    let base = match base.find('(') {
        Some(i) if base.ends_with(')') => base[..i].to_string(),
        _ => base,
    };
    s.base = base;

    let mut profile = req.profile;
    if profile == Profile::Auto {
        let version = s.run("show version")?.join("\n");
        profile = Profile::detect(&version).ok_or_else(|| {
            s.fail("cannot tell the device type from `show version`; name it with --profile")
        })?;
    }

    if profile.has_enable() && !s.mode_is_privileged() {
        s.send_line("enable")?;
        match s.wait("the enable password prompt or the # prompt", true)? {
            Seen::Prompt => {}
            Seen::Password => {
                let Some(pw) = req.enable_password else {
                    return Err(s.fail(
                        "`enable` asks for a password and .passlist has no additional \
                         password for this host (register-host add … --additional-stdin)",
                    ));
                };
                s.screen.clear();
                let mut b = pw.expose().as_bytes().to_vec();
                b.push(b'\r');
                let sent = s.term.send(&b);
                crate::secret::wipe(&mut b);
                sent?;
                if s.wait("the prompt after the enable password", true)? == Seen::Password {
                    return Err(s.fail("the enable password was refused"));
                }
                if !s.mode_is_privileged() {
                    return Err(s.fail("the enable password was refused"));
                }
            }
        }
    }

    s.run(profile.pager_off())?;
    let mut text = String::new();
    let commands = std::iter::once(profile.config_command().to_string())
        .chain(req.extra.iter().map(|c| c.trim().to_string()))
        .filter(|c| !c.is_empty());
    for cmd in commands {
        for line in s.run(&cmd)? {
            text.push_str(&line);
            text.push('\n');
        }
    }
    // Log out; the device may close at once or not at all, and either is fine.
    let _ = s.term.send(b"exit\r");
    let _ = s.term.recv(Duration::from_millis(500));
    if let Some(pw) = req.enable_password.map(|p| p.expose())
        && pw.len() >= 3
        && text.contains(pw)
    {
        text = text.replace(pw, super::filter::MASK);
    }
    Ok(Capture { profile, text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A scripted device: each key sent produces the next canned screen bytes.
    struct Fake {
        replies: VecDeque<(String, String)>,
        pending: VecDeque<Vec<u8>>,
        sent: Vec<u8>,
    }

    impl Terminal for Fake {
        fn target(&self) -> String {
            "fake".into()
        }
        fn send(&mut self, data: &[u8]) -> Result<(), DiffError> {
            self.sent.extend_from_slice(data);
            let (expect, reply) = self.replies.pop_front().expect("unexpected input");
            assert_eq!(String::from_utf8_lossy(data), expect);
            self.pending.push_back(reply.into_bytes());
            Ok(())
        }
        fn recv(&mut self, _wait: Duration) -> Result<Received, DiffError> {
            Ok(match self.pending.pop_front() {
                Some(d) => Received::Data(d),
                None => Received::Quiet,
            })
        }
    }

    #[test]
    fn cisco_session_keeps_only_the_configuration() {
        let replies = [
            ("enable\r", "enable\r\nPassword: "),
            ("s3cret!\r", "\r\nr1#"),
            ("terminal length 0\r", "terminal length 0\r\nr1#"),
            (
                "show running-config\r",
                "show running-config\r\nhostname r1\r\n--More-- ",
            ),
            (
                " ",
                "\x08\x08\x08\x08\x08\x08\x08\x08\x08         \x08\x08\x08\x08\x08\x08\x08\x08\x08interface Gi0/1\r\n\x1b[Kend\r\nr1#",
            ),
            ("exit\r", ""),
        ];
        let mut f = Fake {
            replies: replies
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            pending: VecDeque::from([b"Welcome\r\nAuthorized use only\r\n\r\nr1>".to_vec()]),
            sent: Vec::new(),
        };
        let pw = Secret::new("s3cret!");
        let c = capture(
            &mut f,
            &Request {
                profile: Profile::CiscoIos,
                extra: &[],
                enable_password: Some(&pw),
                timeout: Duration::from_secs(2),
                limit: 1 << 20,
            },
        )
        .unwrap();
        assert_eq!(c.text, "hostname r1\ninterface Gi0/1\nend\n");
    }

    fn fake(first: &str, replies: &[(&str, &str)]) -> Fake {
        Fake {
            replies: replies
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            pending: VecDeque::from([first.as_bytes().to_vec()]),
            sent: Vec::new(),
        }
    }

    fn request(profile: Profile, pw: Option<&Secret>) -> Request<'_> {
        Request {
            profile,
            extra: &[],
            enable_password: pw,
            timeout: Duration::from_secs(2),
            limit: 1 << 20,
        }
    }

    #[test]
    fn junos_auto_detected_without_enable() {
        let mut f = fake(
            "--- JUNOS 20.4R3 built 2021-01-01\r\n{master:0}\r\nops@mx1> ",
            &[
                (
                    "show version\r",
                    "show version \r\nHostname: mx1\r\nJunos: 20.4R3\r\n\r\n{master:0}\r\nops@mx1> ",
                ),
                (
                    "set cli screen-length 0\r",
                    "set cli screen-length 0 \r\nScreen length set to 0\r\n\r\nops@mx1> ",
                ),
                (
                    "show configuration\r",
                    "show configuration \r\n## Last commit: 2021-01-01 by ops\r\nsystem {\r\n---(more 50%)---",
                ),
                (
                    " ",
                    "\r                                        \r    host-name mx1;\r\n}\r\n\r\n{master:0}\r\nops@mx1> ",
                ),
                ("exit\r", ""),
            ],
        );
        let c = capture(&mut f, &request(Profile::Auto, None)).unwrap();
        assert_eq!(c.profile, Profile::Junos);
        assert_eq!(
            c.text,
            "## Last commit: 2021-01-01 by ops\nsystem {\n    host-name mx1;\n}\n"
        );
        assert!(!String::from_utf8_lossy(&f.sent).contains("enable"));
    }

    #[test]
    fn refused_enable_and_missing_password_are_errors() {
        let mut f = fake(
            "r1>",
            &[
                ("enable\r", "enable\r\nPassword: "),
                ("bad\r", "\r\n% Access denied\r\n\r\nr1>"),
            ],
        );
        let pw = Secret::new("bad");
        let e = capture(&mut f, &request(Profile::CiscoIos, Some(&pw))).unwrap_err();
        assert!(e.to_string().contains("enable password was refused"), "{e}");
        assert!(!e.to_string().contains("bad"), "{e}");
        let mut f = fake("r1>", &[("enable\r", "enable\r\nPassword: ")]);
        let e = capture(&mut f, &request(Profile::CiscoAsa, None)).unwrap_err();
        assert!(e.to_string().contains("no additional"), "{e}");
    }

    #[test]
    fn a_silent_device_times_out() {
        let mut f = fake("Welcome\r\n", &[]);
        let mut r = request(Profile::CiscoIos, None);
        r.timeout = Duration::from_millis(300);
        let e = capture(&mut f, &r).unwrap_err();
        assert!(matches!(e, DiffError::Timeout { .. }), "{e}");
    }

    #[test]
    fn asa_pager_and_foundry_privileged_login() {
        let pw = Secret::new("en-pw");
        let mut f = fake(
            "Type help or '?' for a list of available commands.\r\nfw1> ",
            &[
                ("enable\r", "enable\r\nPassword: "),
                ("en-pw\r", "*****\r\nfw1# "),
                ("terminal pager 0\r", "terminal pager 0\r\nfw1# "),
                (
                    "show running-config\r",
                    "show running-config\r\n: Saved\r\nhostname fw1\r\n<--- More --->",
                ),
                (
                    " ",
                    "\r              \rnames\r\nCryptochecksum:abc\r\n: end\r\nfw1# ",
                ),
                (
                    "show route\r",
                    "show route\r\nS* 0.0.0.0 0.0.0.0 [1/0] via 10.0.0.1\r\nfw1# ",
                ),
                ("exit\r", ""),
            ],
        );
        let extra = ["show route".to_string()];
        let mut r = request(Profile::CiscoAsa, Some(&pw));
        r.extra = &extra;
        let c = capture(&mut f, &r).unwrap();
        assert_eq!(
            c.text,
            ": Saved\nhostname fw1\nnames\nCryptochecksum:abc\n: end\nS* 0.0.0.0 0.0.0.0 [1/0] via 10.0.0.1\n"
        );
        // Already privileged: no enable at all.
        let mut f = fake(
            "SSH@icx1#",
            &[
                (
                    "skip-page-display\r",
                    "skip-page-display\r\nDisable page display mode\r\nSSH@icx1#",
                ),
                (
                    "show running-config\r",
                    "show running-config\r\nhostname icx1\r\nend\r\n\r\nSSH@icx1#",
                ),
                ("exit\r", ""),
            ],
        );
        let c = capture(&mut f, &request(Profile::Foundry, None)).unwrap();
        assert_eq!(c.text, "hostname icx1\nend\n");
    }

    #[test]
    fn escape_sequences_are_not_text() {
        let mut sc = Screen::default();
        sc.feed(b"\x1b]0;title\x07\x1b(Bhost\x1b[1mname\x1b[0m\r\n");
        assert_eq!(sc.lines, [b"hostname".to_vec()]);
    }

    #[test]
    fn detects_vendors() {
        assert_eq!(
            Profile::detect("Cisco Adaptive Security Appliance Software Version 9.8"),
            Some(Profile::CiscoAsa)
        );
        assert_eq!(
            Profile::detect("Cisco IOS Software, C2960 Software"),
            Some(Profile::CiscoIos)
        );
        assert_eq!(
            Profile::detect("JUNOS Software Release [20.4R3]"),
            Some(Profile::Junos)
        );
        assert_eq!(
            Profile::detect("SW: Version 08.0.30 Copyright (c) Brocade Communications"),
            Some(Profile::Foundry)
        );
        assert_eq!(Profile::detect("Linux"), None);
    }

    #[test]
    fn prompts_and_pagers() {
        for p in ["r1>", "r1#", "SSH@icx7150>", "user@mx1>", "asa(config)#"] {
            assert!(FIRST_PROMPT.is_match(p), "{p}");
        }
        for p in ["hostname r1", "$", "user@host:~$", "banner motd #x"] {
            assert!(!FIRST_PROMPT.is_match(p), "{p}");
        }
        for p in [
            "--More--",
            " --More-- ",
            "<--- More --->",
            "---(more 42%)---",
        ] {
            assert!(PAGER.is_match(p), "{p}");
        }
        assert!(!PAGER.is_match("description more ports"));
    }
}
