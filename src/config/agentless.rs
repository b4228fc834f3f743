//! The typed view of `<agentless>` blocks, read exactly as `ossec-agentlessd` reads them
//! (src/config/agentlessd-config.c): values untrimmed, several `<host>` allowed, `<state>`
//! repeated and OR'ed, the last `<type>`, `<frequency>` and `<arguments>` winning.

use super::document::{Document, Element};
use super::text::RawText;
use serde::Serialize;
use std::ops::Range;

/// The states the daemon accepts.
pub(crate) const STATES: [&str; 3] = ["periodic", "periodic_diff", "stay_connected"];

/// The daemon's frequency when `<frequency>` is absent.
pub(crate) const DEFAULT_FREQUENCY: u64 = 86400;

/// The privilege-escalation prefix of a `<host>` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Escalation {
    /// `use_su `: the scripts run `su` with the additional password.
    UseSu,
    /// `use_sudo `: accepted, but no stock script acts on it.
    UseSudo,
}

impl Escalation {
    /// The word as written in ossec.conf and passed to the scripts.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Escalation::UseSu => "use_su",
            Escalation::UseSudo => "use_sudo",
        }
    }
}

/// One `<host>` value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostSpec {
    /// The text as written.
    pub raw: RawText,
    /// `use_su ` / `use_sudo ` prefix, if any.
    pub(crate) escalation: Option<Escalation>,
    /// `user@host` without the prefix: what `.passlist` and the syscheck location use.
    pub(crate) user_host: RawText,
}

impl HostSpec {
    /// Splits the optional prefix (exactly one space after it, as the daemon compares).
    pub(crate) fn parse(raw: impl Into<RawText>) -> HostSpec {
        let raw = raw.into();
        let (escalation, rest) = if let Some(r) = raw.strip_prefix(b"use_su ") {
            (Some(Escalation::UseSu), r)
        } else if let Some(r) = raw.strip_prefix(b"use_sudo ") {
            (Some(Escalation::UseSudo), r)
        } else {
            (None, raw.as_bytes())
        };
        HostSpec {
            user_host: RawText::from(rest),
            escalation,
            raw,
        }
    }
}

/// One child element of an `<agentless>` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Child {
    /// Element name.
    pub(crate) name: String,
    /// Its value (text, comments removed, untrimmed).
    pub(crate) value: RawText,
    /// Its byte range in the file.
    pub(crate) span: Range<usize>,
    /// True when it holds elements itself (never valid in `<agentless>`).
    pub(crate) has_elements: bool,
}

/// One `<agentless>` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentlessEntry {
    /// Position among the file's `<agentless>` blocks, from 1.
    pub(crate) index: usize,
    /// The block's byte range.
    pub(crate) span: Range<usize>,
    /// `<type>`: the script name (last one wins).
    pub kind: Option<RawText>,
    /// Every `<host>`, in order.
    pub hosts: Vec<HostSpec>,
    /// Every `<state>`, in order.
    pub states: Vec<RawText>,
    /// `<frequency>` as written (last one wins).
    pub frequency: Option<RawText>,
    /// `<arguments>` as written (last one wins).
    pub arguments: Option<RawText>,
    /// All children in order, including the ones above and unknown ones.
    pub(crate) children: Vec<Child>,
}

impl AgentlessEntry {
    fn from_element(index: usize, el: &Element, src: &[u8]) -> AgentlessEntry {
        let mut e = AgentlessEntry {
            index,
            span: el.span.clone(),
            kind: None,
            hosts: Vec::new(),
            states: Vec::new(),
            frequency: None,
            arguments: None,
            children: Vec::new(),
        };
        for c in el.elements() {
            let value = c.text(src);
            match c.name.as_str() {
                "type" => e.kind = Some(value.clone()),
                "host" => e.hosts.push(HostSpec::parse(value.clone())),
                "state" => e.states.push(value.clone()),
                "frequency" => e.frequency = Some(value.clone()),
                "arguments" => e.arguments = Some(value.clone()),
                _ => {}
            }
            e.children.push(Child {
                name: c.name.clone(),
                value,
                span: c.span.clone(),
                has_elements: c.elements().next().is_some(),
            });
        }
        e
    }

    /// The frequency the daemon will use: the written digits, or 86400 when absent.
    /// `None` when the value is not all digits (a configuration error).
    pub(crate) fn effective_frequency(&self) -> Option<u64> {
        match &self.frequency {
            None => Some(DEFAULT_FREQUENCY),
            Some(f) if !f.is_empty() && f.iter().all(|b| b.is_ascii_digit()) => {
                f.to_str().and_then(|f| f.parse().ok())
            }
            Some(_) => None,
        }
    }

    /// `<arguments>` split into words as the daemon's `/bin/sh` (OSSEC) or `strtok` (Wazuh) would
    /// split plain words: on runs of whitespace. The words keep their bytes.
    pub(crate) fn argument_words(&self) -> Vec<RawText> {
        self.arguments
            .as_ref()
            .map(RawText::words)
            .unwrap_or_default()
    }

    /// True for the file-integrity scripts (`ssh_integrity_check_linux`, `…_bsd`), whose
    /// arguments are paths.
    pub(crate) fn is_integrity_check(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| k.starts_with(b"ssh_integrity_check_"))
    }
}

impl Document {
    /// Every `<agentless>` block directly inside an `<ossec_config>` root, in file order
    /// (the daemon merges all roots).
    pub fn agentless(&self) -> Vec<AgentlessEntry> {
        self.roots()
            .filter(|r| r.name == "ossec_config")
            .flat_map(|r| r.elements())
            .filter(|e| e.name == "agentless")
            .enumerate()
            .map(|(i, e)| AgentlessEntry::from_element(i + 1, e, self.source()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_across_roots() {
        let src = "<ossec_config>\n<agentless>\n<type>ssh_integrity_check_linux</type>\n<frequency>3600</frequency>\n<host>root@a</host>\n<host>use_su mon@b</host>\n<state>periodic</state>\n<arguments>/bin /etc && x</arguments>\n</agentless>\n</ossec_config>\n<ossec_config><agentless><type>t</type><host> x@y</host><state>periodic_diff</state><foo/></agentless></ossec_config>";
        let d = Document::parse(src.as_bytes()).unwrap();
        let e = d.agentless();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].kind.as_ref().unwrap(), "ssh_integrity_check_linux");
        assert_eq!(e[0].hosts[1].escalation, Some(Escalation::UseSu));
        assert_eq!(e[0].hosts[1].user_host, "mon@b");
        assert_eq!(e[0].arguments.as_ref().unwrap(), "/bin /etc && x");
        assert_eq!(e[0].effective_frequency(), Some(3600));
        assert_eq!(
            e[0].argument_words(),
            ["/bin", "/etc", "&&", "x"].map(RawText::from)
        );
        assert!(e[0].is_integrity_check() && !e[1].is_integrity_check());
        assert_eq!(e[1].hosts[0].user_host, " x@y");
        assert_eq!(e[1].effective_frequency(), Some(DEFAULT_FREQUENCY));
        assert_eq!(e[1].index, 2);
    }
}
