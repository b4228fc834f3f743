//! Changing ossec.conf by splicing text into the original bytes.
//!
//! - [`add`] inserts a new `<agentless>` block after the last one, or before the last
//!   `</ossec_config>`, or (when the file has no usable root) appends a new `<ossec_config>` root,
//!   as OSSEC's own `contrib/add_localfile.sh` does. The block copies the indentation and line
//!   ending of its neighbours and is preceded by one blank line.
//! - [`remove`] deletes a block's own lines and the one blank line before it, so that `add`
//!   followed by `remove` gives back the original bytes.
//! - Both keep whether the file ends with a line break: a root appended to a file without a
//!   final line break gets none either, and removing the last root of such a file also removes
//!   the line break that separated it.
//! - Everything works on bytes: a file with Latin-1 or other non-UTF-8 bytes is edited as it is.
//! - `remove_host` deletes one `<host>` line from a block that has several.
//!
//! Every result is parsed again and compared with the intended entries before it is returned.

use super::agentless::{AgentlessEntry, HostSpec};
use super::document::{Document, Element, Node};
use std::ops::Range;

/// A block to add. Values are written exactly as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// `<type>`.
    pub kind: String,
    /// `<frequency>`, written explicitly.
    pub frequency: String,
    /// One `<host>` each.
    pub hosts: Vec<String>,
    /// `<state>`.
    pub state: String,
    /// `<arguments>`, if any.
    pub arguments: Option<String>,
}

/// Why an edit was not produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The edited text did not parse back to the intended entries; nothing was written.
    #[error("refusing to write: the edited file would not read back as intended ({0})")]
    Verify(String),
}

impl NewEntry {
    fn render(&self, indent: &str, unit: &str, eol: &str) -> String {
        let inner = format!("{indent}{unit}");
        let mut s = format!("{indent}<agentless>{eol}");
        let mut line = |name: &str, value: &str| {
            s.push_str(&format!("{inner}<{name}>{value}</{name}>{eol}"));
        };
        line("type", &self.kind);
        line("frequency", &self.frequency);
        for h in &self.hosts {
            line("host", h);
        }
        line("state", &self.state);
        if let Some(a) = &self.arguments {
            line("arguments", a);
        }
        s.push_str(&format!("{indent}</agentless>{eol}"));
        s
    }

    /// The entry as it will read back from the file.
    fn matches(&self, e: &AgentlessEntry) -> bool {
        e.kind.as_ref().is_some_and(|k| *k == self.kind)
            && e.frequency.as_ref().is_some_and(|f| *f == self.frequency)
            && e.hosts.len() == self.hosts.len()
            && e.hosts
                .iter()
                .zip(&self.hosts)
                .all(|(h, want)| h.raw == *want)
            && e.states.len() == 1
            && e.states[0] == self.state
            && match (&e.arguments, &self.arguments) {
                (Some(got), Some(want)) => *got == *want,
                (None, None) => true,
                _ => false,
            }
            && e.children.len() == 3 + self.hosts.len() + usize::from(self.arguments.is_some())
    }
}

/// The bytes of `doc` with `entry` added; see the module documentation.
pub fn add(doc: &Document, entry: &NewEntry) -> Result<Vec<u8>, EditError> {
    let src = doc.source();
    let eol = eol_of(src);
    let out = match insertion_point(doc) {
        Some((at, indent, unit)) => {
            let text = format!("{eol}{}", entry.render(&indent, &unit, eol));
            splice(src, at..at, text.as_bytes())
        }
        None => {
            let final_break = src.is_empty() || src.ends_with(b"\n");
            let mut text = String::new();
            if !src.is_empty() {
                // End the last line, then one blank line.
                if !final_break {
                    text.push_str(eol);
                }
                text.push_str(eol);
            }
            text.push_str(&format!("<ossec_config>{eol}"));
            text.push_str(&entry.render("  ", "  ", eol));
            text.push_str("</ossec_config>");
            if final_break {
                text.push_str(eol);
            }
            splice(src, src.len()..src.len(), text.as_bytes())
        }
    };
    let before = doc.agentless();
    let after = reparse(&out)?;
    let unchanged =
        before.len() + 1 == after.len() && before.iter().zip(&after).all(|(a, b)| same_entry(a, b));
    let new = after.last().is_some_and(|e| entry.matches(e));
    if !(unchanged && new) {
        return Err(EditError::Verify(
            "the new block is not the last <agentless> entry".into(),
        ));
    }
    Ok(out)
}

/// The bytes of `doc` without the block `entry`; see the module documentation.
pub fn remove(doc: &Document, entry: &AgentlessEntry) -> Result<Vec<u8>, EditError> {
    let src = doc.source();
    let mut range = match lone_root_of(doc, entry) {
        Some(root) => widen_to_lines(src, root.span.clone(), true),
        None => widen_to_lines(src, entry.span.clone(), true),
    };
    // The file had no final line break: the line break before the removed end goes too (a CRLF
    // only when the rest of the file uses CRLF, as `add` chose it).
    if range.end == src.len() && !src.is_empty() && !src.ends_with(b"\n") {
        let before = &src[..range.start];
        if before.ends_with(b"\r\n") && eol_of(&before[..before.len() - 2]) == "\r\n" {
            range.start -= 2;
        } else if before.ends_with(b"\n") {
            range.start -= 1;
        }
    }
    let out = splice(src, range, b"");
    let mut expected = doc.agentless();
    expected.retain(|e| e.index != entry.index);
    check_same(&expected, &reparse(&out)?)?;
    Ok(out)
}

/// The bytes of `doc` with the `<host>` `host` (matched on `user@host`) removed from `entry`.
pub(crate) fn remove_host(
    doc: &Document,
    entry: &AgentlessEntry,
    host: &str,
) -> Result<Vec<u8>, EditError> {
    let src = doc.source();
    let child = entry
        .children
        .iter()
        .find(|c| c.name == "host" && HostSpec::parse(c.value.clone()).user_host == host)
        .ok_or_else(|| {
            EditError::Verify(format!("no <host>{host}</host> in entry {}", entry.index))
        })?;
    let out = splice(src, widen_to_lines(src, child.span.clone(), false), b"");
    let mut expected = doc.agentless();
    let target = &mut expected[entry.index - 1];
    let pos = target
        .hosts
        .iter()
        .position(|h| h.user_host == host)
        .unwrap_or(0);
    target.hosts.remove(pos);
    target.children.retain(|c| c.span != child.span);
    check_same(&expected, &reparse(&out)?)?;
    Ok(out)
}

/// The file's line ending: CRLF when it has any, else LF.
fn eol_of(src: &[u8]) -> &'static str {
    if src.windows(2).any(|w| w == b"\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

fn reparse(text: &[u8]) -> Result<Vec<AgentlessEntry>, EditError> {
    Document::parse(text)
        .map(|d| d.agentless())
        .map_err(|e| EditError::Verify(e.kind.to_string()))
}

fn same_entry(a: &AgentlessEntry, b: &AgentlessEntry) -> bool {
    a.kind == b.kind
        && a.hosts == b.hosts
        && a.states == b.states
        && a.frequency == b.frequency
        && a.arguments == b.arguments
        && a.children.len() == b.children.len()
}

fn check_same(expected: &[AgentlessEntry], got: &[AgentlessEntry]) -> Result<(), EditError> {
    if expected.len() == got.len() && expected.iter().zip(got).all(|(a, b)| same_entry(a, b)) {
        Ok(())
    } else {
        Err(EditError::Verify("the remaining entries changed".into()))
    }
}

fn splice(src: &[u8], range: Range<usize>, text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() + text.len());
    out.extend_from_slice(&src[..range.start]);
    out.extend_from_slice(text);
    out.extend_from_slice(&src[range.end..]);
    out
}

/// Start of the line holding `pos`.
fn line_start(src: &[u8], pos: usize) -> usize {
    src[..pos]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The whitespace before `pos` on its line, if only spaces and tabs precede it.
fn indent_before(src: &[u8], pos: usize) -> Option<&str> {
    let prefix = &src[line_start(src, pos)..pos];
    if prefix.iter().all(|&b| is_blank(b)) {
        std::str::from_utf8(prefix).ok()
    } else {
        None
    }
}

/// End of the line holding `pos` (after its `\n`), if only whitespace follows `pos` on it.
fn line_end_after(src: &[u8], pos: usize) -> Option<usize> {
    let rest = &src[pos..];
    let nl = rest.iter().position(|&b| b == b'\n');
    let tail = &rest[..nl.unwrap_or(rest.len())];
    tail.iter()
        .all(|&b| is_blank(b) || b == b'\r')
        .then(|| nl.map_or(src.len(), |i| pos + i + 1))
}

/// True when the line ending just before `pos` (a line start) is blank.
fn blank_line_before(src: &[u8], pos: usize) -> Option<usize> {
    if pos == 0 {
        return None;
    }
    let prev = line_start(src, pos - 1);
    src[prev..pos]
        .iter()
        .all(u8::is_ascii_whitespace)
        .then_some(prev)
}

/// Widens `span` to its whole lines when it stands on lines of its own, and (for blocks) to
/// the blank line before it.
fn widen_to_lines(src: &[u8], span: Range<usize>, with_blank: bool) -> Range<usize> {
    match (
        indent_before(src, span.start),
        line_end_after(src, span.end),
    ) {
        (Some(_), Some(end)) => {
            let start = line_start(src, span.start);
            let start = if with_blank {
                blank_line_before(src, start).unwrap_or(start)
            } else {
                start
            };
            start..end
        }
        _ => span,
    }
}

/// Where a new block goes: (offset at a line start, block indentation, indentation unit).
fn insertion_point(doc: &Document) -> Option<(usize, String, String)> {
    let src = doc.source();
    let roots: Vec<&Element> = doc.roots().filter(|r| r.name == "ossec_config").collect();
    let last_block = roots
        .iter()
        .flat_map(|r| r.elements())
        .filter(|e| e.name == "agentless")
        .last();
    if let Some(b) = last_block
        && let (Some(indent), Some(at)) = (
            indent_before(src, b.span.start),
            line_end_after(src, b.span.end),
        )
    {
        let unit = b
            .elements()
            .next()
            .and_then(|c| indent_before(src, c.span.start))
            .and_then(|ci| ci.strip_prefix(indent))
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| default_unit(indent));
        return Some((at, indent.to_string(), unit));
    }
    // A root that holds only white space is left alone: with the new block as its only
    // content, `remove` would take the whole root away (see `lone_root_of`).
    let root = roots.last().filter(|r| !holds_only(doc, r, None))?;
    let close = root.close_tag.as_ref()?;
    let root_indent = indent_before(src, close.start)?;
    let first = root.elements().next();
    let indent = first
        .and_then(|c| indent_before(src, c.span.start))
        .filter(|i| i.len() > root_indent.len() || !i.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("{root_indent}{}", default_unit(root_indent)));
    let unit = first
        .and_then(|c| c.elements().next())
        .and_then(|g| indent_before(src, g.span.start))
        .and_then(|gi| gi.strip_prefix(indent.as_str()))
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| {
            indent
                .strip_prefix(root_indent)
                .filter(|u| !u.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| default_unit(&indent))
        });
    let at = line_start(src, close.start);
    let at = blank_line_before(src, at).unwrap_or(at);
    Some((at, indent, unit))
}

fn default_unit(indent: &str) -> String {
    if indent.contains('\t') { "\t" } else { "  " }.to_string()
}

/// The root holding `entry` when that root holds nothing else but whitespace.
fn lone_root_of<'d>(doc: &'d Document, entry: &AgentlessEntry) -> Option<&'d Element> {
    doc.roots().filter(|r| r.name == "ossec_config").find(|r| {
        r.span.start < entry.span.start
            && entry.span.end <= r.span.end
            && r.attrs.is_empty()
            && holds_only(doc, r, Some(&entry.span))
    })
}

/// True when `root` holds nothing but white space and, if given, the element at `span`.
fn holds_only(doc: &Document, root: &Element, span: Option<&Range<usize>>) -> bool {
    root.children.iter().all(|c| match c {
        Node::Element(e) => Some(&e.span) == span,
        Node::Text(t) => doc.source()[t.clone()].iter().all(u8::is_ascii_whitespace),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> NewEntry {
        NewEntry {
            kind: "ssh_integrity_check_linux".into(),
            frequency: "86400".into(),
            hosts: vec!["root@h".into()],
            state: "periodic".into(),
            arguments: Some("/bin /etc && x".into()),
        }
    }

    fn roundtrip(src: &str) -> String {
        String::from_utf8(roundtrip_bytes(src.as_bytes())).unwrap()
    }

    fn roundtrip_bytes(src: &[u8]) -> Vec<u8> {
        let d = Document::parse(src).unwrap();
        let added = add(&d, &entry()).unwrap();
        let d2 = Document::parse(&added).unwrap();
        let last = d2.agentless().pop().unwrap();
        assert_eq!(remove(&d2, &last).unwrap(), src, "add+remove is identity");
        added
    }

    #[test]
    fn after_last_block_with_its_indentation() {
        let src = "<ossec_config>\n    <agentless>\n        <type>a</type>\n    </agentless>\n\n    <syscheck/>\n</ossec_config>\n";
        assert_eq!(
            roundtrip(src),
            "<ossec_config>\n    <agentless>\n        <type>a</type>\n    </agentless>\n\n    <agentless>\n        <type>ssh_integrity_check_linux</type>\n        <frequency>86400</frequency>\n        <host>root@h</host>\n        <state>periodic</state>\n        <arguments>/bin /etc && x</arguments>\n    </agentless>\n\n    <syscheck/>\n</ossec_config>\n"
        );
    }

    #[test]
    fn before_last_root_close_with_crlf() {
        let src = "<ossec_config>\r\n\t<global>\r\n\t\t<x>1</x>\r\n\t</global>\r\n</ossec_config>";
        assert_eq!(
            roundtrip(src),
            "<ossec_config>\r\n\t<global>\r\n\t\t<x>1</x>\r\n\t</global>\r\n\r\n\t<agentless>\r\n\t\t<type>ssh_integrity_check_linux</type>\r\n\t\t<frequency>86400</frequency>\r\n\t\t<host>root@h</host>\r\n\t\t<state>periodic</state>\r\n\t\t<arguments>/bin /etc && x</arguments>\r\n\t</agentless>\r\n</ossec_config>"
        );
    }

    #[test]
    fn new_root_when_there_is_none() {
        for src in [
            "",
            "<!-- empty -->\n",
            "<ossec_config><global/></ossec_config>\n",
        ] {
            let out = roundtrip(src);
            assert!(out.ends_with("</agentless>\n</ossec_config>\n"), "{out}");
        }
    }

    #[test]
    fn no_final_line_break_is_kept() {
        for src in [
            "<!-- empty -->",
            "<ossec_config><global/></ossec_config>",
            "<ossec_config><global/></ossec_config>  ",
            "<ossec_config/>\r\n<!-- x -->",
            "junk\n\n<ossec_config><agentless><type>t</type></agentless></ossec_config>",
            "\r",
            "a\r\nb",
            "a\nb\r",
            "<ossec_config>\n</ossec_config>",
        ] {
            let out = roundtrip(src);
            assert!(
                out.ends_with("</agentless>\n</ossec_config>")
                    || out.ends_with("</agentless>\r\n</ossec_config>"),
                "{out:?}"
            );
        }
    }

    #[test]
    fn latin1_bytes_are_edited_as_they_are() {
        let src = b"<!-- caf\xe9 -->\n<ossec_config>\n  <agentless>\n    <type>t</type>\n    <host>root@h\xe9</host>\n    <host>x@y</host>\n    <arguments>/srv/caf\xe9</arguments>\n  </agentless>\n</ossec_config>";
        let added = roundtrip_bytes(src);
        assert!(added.starts_with(b"<!-- caf\xe9 -->\n<ossec_config>\n  <agentless>\n    <type>t</type>\n    <host>root@h\xe9</host>"));
        let d = Document::parse(src).unwrap();
        let e = &d.agentless()[0];
        let out = remove_host(&d, e, "x@y").unwrap();
        let want: Vec<u8> = [&src[..87], &src[108..]].concat();
        assert_eq!(out, want);
    }

    #[test]
    fn remove_one_host_of_several() {
        let src = "<ossec_config>\n  <agentless>\n    <type>t</type>\n    <host>a@x</host>\n    <host>use_su b@y</host>\n    <state>periodic</state>\n  </agentless>\n</ossec_config>\n";
        let d = Document::parse(src.as_bytes()).unwrap();
        let e = &d.agentless()[0];
        let out = remove_host(&d, e, "b@y").unwrap();
        assert_eq!(
            out,
            src.replace("    <host>use_su b@y</host>\n", "").as_bytes()
        );
    }
}
