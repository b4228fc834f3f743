//! `ossec-agentlessd`'s configuration rules (src/config/agentlessd-config.c), plus warnings for
//! what the daemon accepts but ignores or mishandles. Message numbers and texts follow the
//! daemon's so that admins can match them with ossec.log.

use super::agentless::{AgentlessEntry, Child, Escalation, STATES};
use super::document::Document;
use super::text::RawText;
use crate::layout::Flavour;
use serde::Serialize;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// Accepted, but probably not what the admin wants.
    Warning,
    /// The daemon refuses the configuration (or the entry cannot work).
    Error,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// The daemon's message number, when it has one for this case.
    pub(crate) code: Option<u32>,
    /// What is wrong and what to do.
    pub(crate) message: String,
    /// Byte offset in the file.
    #[serde(skip)]
    pub(crate) offset: usize,
    /// The `<agentless>` entry concerned (from 1).
    pub(crate) entry: Option<usize>,
    /// What the finding is about, for callers that treat some findings specially.
    #[serde(skip)]
    pub(crate) topic: Topic,
}

/// What a [`Diagnostic`] is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum Topic {
    /// Anything not listed below.
    #[default]
    Other,
    /// The `<type>` script is missing from the agentless directory or not executable.
    Script,
    /// Several hosts share one type and identical arguments; these entries are involved.
    SharedState(Vec<usize>),
}

/// What validation needs to know besides the file.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// `<ossec-dir>/agentless`, where `<type>` scripts must exist.
    pub(crate) agentless_dir: PathBuf,
    /// The installed product.
    pub(crate) flavour: Flavour,
}

/// Scripts built on main.exp: they need at least one argument.
const MAIN_EXP_SCRIPTS: [&str; 3] = [
    "ssh_integrity_check_linux",
    "ssh_integrity_check_bsd",
    "ssh_generic_diff",
];

/// The daemon's command buffer (`run_periodic_cmd`): longer commands are cut silently.
const COMMAND_BUFFER: usize = 1024;

/// Characters a `/bin/sh -c` would interpret.
const SHELL_META: &[u8] = b";|&<>$`()*?[]{}~\"'\\#!";

fn has_shell_meta(value: &[u8]) -> bool {
    value.iter().any(|b| SHELL_META.contains(b))
}

/// Checks every `<agentless>` entry of `doc`.
pub(crate) fn validate(doc: &Document, opts: &Options) -> Vec<Diagnostic> {
    let mut d = Findings::default();
    for root in doc.roots().filter(|r| r.name != "ossec_config") {
        d.error(
            Some(1230),
            format!("Invalid element in the configuration: '{}'.", root.name),
            root.span.start,
            None,
        );
    }
    let entries = doc.agentless();
    if !opts.flavour.supports_agentless()
        && let Some(first) = entries.first()
    {
        d.error(
            None,
            "agentless monitoring was removed in Wazuh 5.0: the manager rejects <agentless> \
             blocks; remove them and use `ossec-agentless scan` instead"
                .into(),
            first.span.start,
            None,
        );
    }
    for e in &entries {
        check_entry(e, opts, &mut d);
    }
    shared_state(&entries, &mut d);
    d.0.sort_by_key(|x| x.offset);
    d.0
}

#[derive(Default)]
struct Findings(Vec<Diagnostic>);

impl Findings {
    fn push(
        &mut self,
        severity: Severity,
        code: Option<u32>,
        message: String,
        offset: usize,
        entry: Option<usize>,
    ) {
        self.0.push(Diagnostic {
            severity,
            code,
            message,
            offset,
            entry,
            topic: Topic::Other,
        });
    }
    /// Marks the finding pushed last as being about `topic`.
    fn about(&mut self, topic: Topic) {
        if let Some(last) = self.0.last_mut() {
            last.topic = topic;
        }
    }
    fn error(&mut self, code: Option<u32>, message: String, offset: usize, entry: Option<usize>) {
        self.push(Severity::Error, code, message, offset, entry);
    }
    fn warn(&mut self, message: String, offset: usize, entry: Option<usize>) {
        self.push(Severity::Warning, None, message, offset, entry);
    }
}

fn check_entry(e: &AgentlessEntry, opts: &Options, d: &mut Findings) {
    let at = e.span.start;
    let n = Some(e.index);
    if e.children.is_empty() {
        d.error(
            Some(1230),
            "Invalid element in the configuration: 'agentless'. (an empty block is rejected by every OSSEC daemon)".into(),
            at,
            n,
        );
        return;
    }
    let missing: Vec<&str> = [
        ("<type>", e.kind.is_none()),
        ("<host>", e.hosts.is_empty()),
        ("<state>", e.states.is_empty()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        d.error(
            Some(7103),
            format!("Missing agentless options. (no {})", missing.join(", no ")),
            at,
            n,
        );
    }
    for c in &e.children {
        check_child(e, c, opts, d);
    }
    if let Some(kind) = &e.kind {
        check_type(e, kind, opts, d);
    }
    let only_periodic = !e.states.is_empty() && e.states.iter().all(|s| s == "periodic");
    if only_periodic && e.effective_frequency() == Some(0) {
        let off = child_offset(e, "frequency").unwrap_or(at);
        d.error(
            Some(7102),
            "Frequency not set for the periodic option.".into(),
            off,
            n,
        );
    }
    check_command_line(e, opts, d);
}

fn child_offset(e: &AgentlessEntry, name: &str) -> Option<usize> {
    e.children
        .iter()
        .rev()
        .find(|c| c.name == name)
        .map(|c| c.span.start)
}

fn check_child(e: &AgentlessEntry, c: &Child, opts: &Options, d: &mut Findings) {
    let n = Some(e.index);
    let at = c.span.start;
    let invalid = |d: &mut Findings, what: &str| {
        d.error(
            Some(1235),
            format!(
                "Invalid value for element '{}': {}.{what}",
                c.name,
                c.value.escaped()
            ),
            at,
            n,
        );
    };
    if c.value.contains(&0) {
        d.warn(
            format!(
                "<{}> holds a NUL byte: the daemon's value ends there, the rest is lost",
                c.name
            ),
            at,
            n,
        );
    }
    if c.has_elements {
        d.error(
            Some(1230),
            format!("<{}> must hold text, not elements", c.name),
            at,
            n,
        );
        return;
    }
    match c.name.as_str() {
        "state" => {
            if !STATES.iter().any(|s| c.value == *s) {
                invalid(d, " (allowed: periodic, periodic_diff, stay_connected)");
            } else if c.value == "stay_connected" {
                d.warn(
                    "state stay_connected is accepted but never run by the daemon; use periodic or periodic_diff".into(),
                    at,
                    n,
                );
            }
        }
        "frequency" => {
            if c.value.is_empty() || !c.value.iter().all(|b| b.is_ascii_digit()) {
                invalid(d, " (seconds, digits only)");
            } else if c.value.len() > 9 {
                d.warn(
                    format!(
                        "frequency {} overflows the daemon's integer and becomes a nonsense value",
                        c.value.escaped()
                    ),
                    at,
                    n,
                );
            }
        }
        "port" => {
            if c.value.is_empty() || !c.value.iter().all(|b| b.is_ascii_digit()) {
                invalid(d, " (digits only)");
            } else {
                d.warn(
                    "<port> is parsed but never used by the daemon or the scripts; set the port with \
                     `ossec-agentless register-host add USER@HOST:PORT` (it writes the agentless user's .ssh/config)"
                        .into(),
                    at,
                    n,
                );
            }
        }
        "run_command" => d.warn(
            "<run_command> is parsed but never used by the daemon".into(),
            at,
            n,
        ),
        "host" => check_host(e, c, opts, d),
        "type" | "arguments" => {}
        _ => d.error(
            Some(1230),
            format!("Invalid element in the configuration: '{}'.", c.name),
            at,
            n,
        ),
    }
}

fn check_host(e: &AgentlessEntry, c: &Child, opts: &Options, d: &mut Findings) {
    let n = Some(e.index);
    let at = c.span.start;
    let spec = super::HostSpec::parse(c.value.clone());
    if spec.escalation == Some(Escalation::UseSudo) {
        d.warn(
            "use_sudo is accepted but no stock script acts on it: the commands run as the login user".into(),
            at,
            n,
        );
    }
    let uh = &spec.user_host;
    if uh.trim_ascii().is_empty() {
        d.error(None, "empty <host>".into(), at, n);
    } else if uh.trim_ascii() != uh.as_bytes() {
        d.warn(
            "<host> has leading or trailing whitespace, which the scripts keep: the .passlist lookup will not match".into(),
            at,
            n,
        );
    } else if !uh.contains(&b'@') {
        d.warn(
            format!(
                "<host>{}</host> has no user: the scripts expect user@host",
                uh.escaped()
            ),
            at,
            n,
        );
    }
    if has_shell_meta(uh) {
        d.warn(shell_warning("<host>", opts.flavour), at, n);
    }
}

fn check_type(e: &AgentlessEntry, kind: &RawText, opts: &Options, d: &mut Findings) {
    let n = Some(e.index);
    let at = child_offset(e, "type").unwrap_or(e.span.start);
    // The daemon stats the name's exact bytes; only the messages are escaped.
    let path = opts.agentless_dir.join(kind.to_os_str());
    let is_path = kind.contains(&b'/') || kind.windows(2).any(|w| w == b"..");
    let kind = kind.escaped();
    if is_path {
        d.error(
            Some(1235),
            format!("Invalid value for element 'type': {kind}. (a script name, not a path)"),
            at,
            n,
        );
        return;
    }
    match std::fs::metadata(&path) {
        Err(_) => d.error(
            Some(1235),
            format!(
                "Unable to find '{kind}' at '{}'. Invalid value for element 'type': {kind}.",
                opts.agentless_dir.display()
            ),
            at,
            n,
        ),
        Ok(m) if !m.is_file() || m.permissions().mode() & 0o111 == 0 => d.error(
            None,
            format!(
                "{} is not an executable file: the daemon's test would fail with status 126 (chmod 0750 it)",
                path.display()
            ),
            at,
            n,
        ),
        Ok(_) => return,
    }
    d.about(Topic::Script);
}

fn check_command_line(e: &AgentlessEntry, opts: &Options, d: &mut Findings) {
    let n = Some(e.index);
    let args = e.arguments.as_ref().map_or(&b""[..], RawText::as_bytes);
    let at = child_offset(e, "arguments").unwrap_or(e.span.start);
    if let Some(kind) = &e.kind
        && MAIN_EXP_SCRIPTS.iter().any(|s| *kind == *s)
        && args.trim_ascii().is_empty()
    {
        d.warn(
            format!(
                "{} needs <arguments>: without them it stops with a usage error at every run",
                kind.escaped()
            ),
            at,
            n,
        );
    }
    if has_shell_meta(args) {
        d.warn(shell_warning("<arguments>", opts.flavour), at, n);
    }
    let kind_len = e.kind.as_ref().map_or(0, |k| k.len());
    for h in &e.hosts {
        // /var/ossec/agentless/<type> ["use_su" ]"<host>" <arguments> 2>&1
        let prefix = h.escalation.map_or(0, |x| x.word().len() + 3);
        let len = "/var/ossec/agentless/".len()
            + kind_len
            + 1
            + prefix
            + h.user_host.len()
            + 3
            + args.len()
            + 5;
        if len >= COMMAND_BUFFER {
            d.warn(
                format!(
                    "the command for {} is {len} bytes; the daemon cuts it at {} and the end of <arguments> is lost",
                    h.user_host.escaped(),
                    COMMAND_BUFFER - 1
                ),
                at,
                n,
            );
        }
    }
}

fn shell_warning(what: &str, flavour: Flavour) -> String {
    match flavour {
        Flavour::Wazuh4 | Flavour::Wazuh5 => format!(
            "{what} contains shell metacharacters: Wazuh passes them to the script literally and \
             expect quotes them in Tcl syntax ({{;}}), so they rarely do what was meant"
        ),
        _ => format!(
            "{what} contains shell metacharacters: OSSEC runs the script through `/bin/sh -c` on \
             this server, so `;`, `|`, `&&`, `$()` and globs are interpreted here, as user ossec"
        ),
    }
}

/// Several hosts with one type and identical arguments share syscheck state in Wazuh
/// (wazuh/wazuh#3565) and produce endless "checksum changed" alerts.
fn shared_state(entries: &[AgentlessEntry], d: &mut Findings) {
    /// (entry index, user@host, offset) per (type, arguments).
    type Group = Vec<(usize, RawText, usize)>;
    let mut groups: BTreeMap<(RawText, RawText), Group> = BTreeMap::new();
    for e in entries {
        if let Some(kind) = &e.kind {
            for h in &e.hosts {
                groups
                    .entry((kind.clone(), e.arguments.clone().unwrap_or_default()))
                    .or_default()
                    .push((e.index, h.user_host.clone(), e.span.start));
            }
        }
    }
    for ((kind, _), hosts) in groups {
        let mut names: Vec<&RawText> = hosts.iter().map(|h| &h.1).collect();
        names.sort_unstable();
        names.dedup();
        let kind = kind.escaped();
        if names.len() > 1 {
            d.warn(
                format!(
                    "{} hosts share type {kind} and identical arguments ({}): Wazuh can mix up their \
                     integrity state (wazuh/wazuh#3565); give each host its own block with the paths \
                     in a different order",
                    names.len(),
                    names
                        .iter()
                        .map(|n| n.escaped())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                hosts[0].2,
                Some(hosts[0].0),
            );
            let mut entries: Vec<usize> = hosts.iter().map(|h| h.0).collect();
            entries.dedup();
            d.about(Topic::SharedState(entries));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    fn check(src: &str) -> Vec<(Severity, Option<u32>, String)> {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("ok_script");
        std::fs::write(&script, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(dir.path().join("noexec"), "").unwrap();
        let opts = Options {
            agentless_dir: dir.path().to_path_buf(),
            flavour: Flavour::Ossec,
        };
        validate(&Document::parse(src.as_bytes()).unwrap(), &opts)
            .into_iter()
            .map(|d| (d.severity, d.code, d.message))
            .collect()
    }

    fn block(inner: &str) -> String {
        format!("<ossec_config><agentless>{inner}</agentless></ossec_config>")
    }

    #[test]
    fn a_good_block_is_clean() {
        let f = check(&block(
            "<type>ok_script</type><host>root@h</host><state>periodic</state><arguments>/etc</arguments>",
        ));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn daemon_rules() {
        let codes = |src: &str| {
            check(src)
                .into_iter()
                .filter(|f| f.0 == Severity::Error)
                .map(|f| f.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(&block("<host>root@h</host><state>periodic</state>")),
            [Some(7103)]
        );
        assert_eq!(
            codes(&block(
                "<type>ok_script</type><host>r@h</host><state>continuous</state>"
            )),
            [Some(1235)]
        );
        assert_eq!(
            codes(&block(
                "<type>ok_script</type><host>r@h</host><state>periodic</state><frequency>1h</frequency>"
            )),
            [Some(1235)]
        );
        assert_eq!(
            codes(&block(
                "<type>ok_script</type><host>r@h</host><state>periodic</state><frequency>0</frequency>"
            )),
            [Some(7102)]
        );
        assert!(codes(&block("<type>ok_script</type><host>r@h</host><state>periodic_diff</state><frequency>0</frequency>")).is_empty());
        assert_eq!(
            codes(&block(
                "<type>ok_script</type><host>r@h</host><state>periodic</state><foo>1</foo>"
            )),
            [Some(1230)]
        );
        assert_eq!(
            codes(&block(
                "<type>missing</type><host>r@h</host><state>periodic</state>"
            )),
            [Some(1235)]
        );
        assert_eq!(
            codes(&block(
                "<type>noexec</type><host>r@h</host><state>periodic</state>"
            )),
            [None]
        );
        assert_eq!(
            codes("<ossec_config><agentless/></ossec_config>"),
            [Some(1230)]
        );
    }

    #[test]
    fn values_are_checked_as_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"scr\xe9");
        let script = dir.path().join(name);
        std::fs::write(&script, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let opts = Options {
            agentless_dir: dir.path().to_path_buf(),
            flavour: Flavour::Ossec,
        };
        let run = |inner: &[u8]| {
            let src = [
                &b"<ossec_config><agentless>"[..],
                inner,
                b"</agentless></ossec_config>",
            ]
            .concat();
            validate(&Document::parse(&src).unwrap(), &opts)
        };
        // The Latin-1 script name is found under its exact bytes.
        let f = run(b"<type>scr\xe9</type><host>r@h</host><state>periodic</state><arguments>/srv/caf\xe9</arguments>");
        assert!(f.is_empty(), "{f:?}");
        // The same name in UTF-8 is another file.
        let f = run("<type>scr\u{e9}</type><host>r@h</host><state>periodic</state>".as_bytes());
        assert_eq!(f[0].code, Some(1235), "{f:?}");
        assert!(f[0].message.contains("scr\u{e9}"), "{f:?}");
        let f = run(b"<type>scr\xe9</type><host>r@h</host><state>periodic\xe9</state>");
        assert!(f[0].message.contains("'state': periodic\\xe9."), "{f:?}");
        let f = run(b"<type>scr\xe9</type><host>r@h\x00x</host><state>periodic</state>");
        assert!(f.iter().any(|d| d.message.contains("NUL byte")), "{f:?}");
    }

    #[test]
    fn warnings_for_what_the_daemon_ignores() {
        let f = check(&block(
            "<type>ok_script</type><host>use_sudo r@h</host><state>stay_connected</state><port>22</port><run_command>x</run_command><arguments>a; b</arguments>",
        ));
        assert!(f.iter().all(|x| x.0 == Severity::Warning), "{f:?}");
        assert_eq!(f.len(), 5, "{f:?}");
        let long = block(&format!(
            "<type>ok_script</type><host>r@h</host><state>periodic</state><arguments>{}</arguments>",
            "/x".repeat(600)
        ));
        assert!(check(&long).iter().any(|x| x.2.contains("cuts it")));
        let shared = "<ossec_config><agentless><type>ok_script</type><host>a@x</host><host>b@y</host><state>periodic</state><arguments>/etc</arguments></agentless></ossec_config>";
        assert!(check(shared).iter().any(|x| x.2.contains("#3565")));
    }
}
