//! The lossless tree: every byte of the file belongs to exactly one node, so [`Document::render`]
//! gives back the input. The file is bytes, as OSSEC reads it (no encoding is assumed, a
//! Latin-1 byte is as good as any other), and values are never decoded (`&amp;` stays `&amp;`,
//! `\<` keeps its backslash).

use super::error::{ParseError, ParseErrorKind};
use super::text::RawText;
use std::ops::Range;

/// OSSEC's limit for an element name or content (`XML_MAXSIZE`).
const MAX_STRING: usize = 8192;
/// OSSEC's nesting limit.
const MAX_DEPTH: usize = 1024;

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    /// Name.
    pub(crate) name: String,
    /// Value as written, without the quotes.
    pub(crate) value: RawText,
}

/// An element with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    /// Tag name.
    pub(crate) name: String,
    /// From `<` of the start tag to `>` of the end tag (or of `/>`).
    pub(crate) span: Range<usize>,
    /// The start tag (`<name …>` or `<name …/>`).
    pub(crate) open_tag: Range<usize>,
    /// The end tag, `None` for `<name/>`.
    pub(crate) close_tag: Option<Range<usize>>,
    /// Attributes in order.
    pub(crate) attrs: Vec<Attr>,
    /// Content.
    pub(crate) children: Vec<Node>,
}

/// A piece of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// An element.
    Element(Element),
    /// Text (including whitespace and, at the top level, junk between roots).
    Text(Range<usize>),
    /// A comment, `<!` … `-->` / `!>`.
    Comment(Range<usize>),
    /// A `<?` … `?>` declaration.
    Declaration(Range<usize>),
}

/// A parsed ossec.conf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    src: Vec<u8>,
    bom: usize,
    nodes: Vec<Node>,
}

impl Element {
    /// The element's value as OSSEC sees it: its text with comments removed, untrimmed.
    pub(crate) fn text(&self, src: &[u8]) -> RawText {
        let mut s = Vec::new();
        for c in &self.children {
            if let Node::Text(r) = c {
                s.extend_from_slice(&src[r.clone()]);
            }
        }
        RawText::new(s)
    }

    /// Child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }
}

impl Document {
    /// Parses `src`, whatever its encoding (OSSEC reads bytes).
    pub fn parse(src: &[u8]) -> Result<Document, ParseError> {
        let bom = if src.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        let nodes = Parser { s: src, pos: bom }.parse()?;
        Ok(Document {
            src: src.to_vec(),
            bom,
            nodes,
        })
    }

    /// The original bytes.
    pub fn source(&self) -> &[u8] {
        &self.src
    }

    /// The root elements, whatever their name.
    pub(crate) fn roots(&self) -> impl Iterator<Item = &Element> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Prints the document from its tree; equal to the input for every parsed document.
    ///
    /// Only the tests use it (`tests/integration/config_fixtures.rs`, `config_props.rs`): it is
    /// how they prove the tree holds every byte. The editors splice the original bytes instead.
    pub fn render(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.src.len());
        out.extend_from_slice(&self.src[..self.bom]);
        for n in &self.nodes {
            self.render_node(n, &mut out);
        }
        out
    }

    fn render_node(&self, n: &Node, out: &mut Vec<u8>) {
        match n {
            Node::Element(e) => {
                out.extend_from_slice(&self.src[e.open_tag.clone()]);
                for c in &e.children {
                    self.render_node(c, out);
                }
                if let Some(c) = &e.close_tag {
                    out.extend_from_slice(&self.src[c.clone()]);
                }
            }
            Node::Text(r) | Node::Comment(r) | Node::Declaration(r) => {
                out.extend_from_slice(&self.src[r.clone()]);
            }
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

struct Open {
    el: Element,
    name_offset: usize,
}

impl Parser<'_> {
    fn err(&self, kind: ParseErrorKind, offset: usize) -> ParseError {
        ParseError { kind, offset }
    }

    fn starts(&self, at: usize, pat: &[u8]) -> bool {
        self.s[at..].starts_with(pat)
    }

    fn find(&self, from: usize, pat: &[u8]) -> Option<usize> {
        self.s[from..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map(|i| from + i)
    }

    fn parse(mut self) -> Result<Vec<Node>, ParseError> {
        let mut top: Vec<Node> = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        let push = |stack: &mut Vec<Open>, top: &mut Vec<Node>, node: Node| match stack.last_mut() {
            Some(o) => o.el.children.push(node),
            None => top.push(node),
        };
        while self.pos < self.s.len() {
            let start = self.pos;
            if self.s[start] != b'<' {
                let end = self.text_end(start);
                if !stack.is_empty() && end - start > MAX_STRING {
                    return Err(self.err(ParseErrorKind::StringOverflow, start));
                }
                self.pos = end;
                push(&mut stack, &mut top, Node::Text(start..end));
                continue;
            }
            if self.starts(start, b"<![CDATA[") {
                return Err(self.err(ParseErrorKind::Cdata, start));
            }
            if self.starts(start, b"<!") {
                let end = self
                    .comment_end(start + 2)
                    .ok_or_else(|| self.err(ParseErrorKind::CommentNotClosed, start))?;
                self.pos = end;
                push(&mut stack, &mut top, Node::Comment(start..end));
                continue;
            }
            if self.starts(start, b"<?") {
                let end = self
                    .find(start + 2, b"?>")
                    .ok_or_else(|| self.err(ParseErrorKind::DeclarationNotClosed, start))?
                    + 2;
                self.pos = end;
                push(&mut stack, &mut top, Node::Declaration(start..end));
                continue;
            }
            if self.starts(start, b"</") {
                let (name, end) = self.close_tag(start)?;
                let Some(mut open) = stack.pop() else {
                    return Err(self.err(ParseErrorKind::NotOpened { found: name }, start));
                };
                if open.el.name != name {
                    return Err(self.err(
                        ParseErrorKind::Mismatched {
                            open: open.el.name,
                            found: name,
                        },
                        start,
                    ));
                }
                open.el.close_tag = Some(start..end);
                open.el.span = open.el.span.start..end;
                self.pos = end;
                push(&mut stack, &mut top, Node::Element(open.el));
                continue;
            }
            let (el, self_closing) = self.open_tag(start)?;
            self.pos = el.open_tag.end;
            if self_closing {
                push(&mut stack, &mut top, Node::Element(el));
            } else {
                if stack.len() >= MAX_DEPTH {
                    return Err(self.err(ParseErrorKind::TooDeep, start));
                }
                stack.push(Open {
                    el,
                    name_offset: start,
                });
            }
        }
        if let Some(open) = stack.pop() {
            return Err(self.err(
                ParseErrorKind::NotClosed { name: open.el.name },
                open.name_offset,
            ));
        }
        Ok(top)
    }

    /// Text runs to the next `<` that is not escaped as `\<`.
    fn text_end(&self, mut i: usize) -> usize {
        while i < self.s.len() {
            if self.s[i] == b'<' && !(i > 0 && self.s[i - 1] == b'\\') {
                return i;
            }
            i += 1;
        }
        i
    }

    /// A comment opened by `<!` ends at the first `-->` or `!>`.
    fn comment_end(&self, from: usize) -> Option<usize> {
        let a = self.find(from, b"-->").map(|i| i + 3);
        let b = self.find(from, b"!>").map(|i| i + 2);
        match (a, b) {
            (Some(a), Some(b)) => Some(if a - 3 < b - 2 { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// An element or attribute name. Bytes from 0x80 up (UTF-8 or Latin-1 letters) are name
    /// characters, as OSSEC's reader takes them; a name that is not UTF-8 is kept with those
    /// bytes escaped as `\xNN`, which no other name can spell (`\` is not a name character).
    fn name(&self, at: usize) -> Result<(String, usize), ParseError> {
        let s = self.s;
        let mut i = at;
        let start_char = |b: u8| b.is_ascii_alphabetic() || b == b'_' || b >= 0x80;
        if i >= s.len() || !start_char(s[i]) {
            return Err(self.err(ParseErrorKind::BadName, at));
        }
        while i < s.len() && (start_char(s[i]) || s[i].is_ascii_digit() || b"-.:".contains(&s[i])) {
            i += 1;
        }
        if i - at > MAX_STRING {
            return Err(self.err(ParseErrorKind::StringOverflow, at));
        }
        Ok((crate::sanitize::bytes_for_terminal(&s[at..i]), i))
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && self.s[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    }

    fn close_tag(&self, start: usize) -> Result<(String, usize), ParseError> {
        let (name, i) = self.name(start + 2)?;
        let i = self.skip_ws(i);
        if i >= self.s.len() {
            return Err(self.err(ParseErrorKind::TagNotClosed, start));
        }
        if self.s[i] != b'>' {
            return Err(self.err(ParseErrorKind::BadName, i));
        }
        Ok((name, i + 1))
    }

    fn open_tag(&self, start: usize) -> Result<(Element, bool), ParseError> {
        let (name, mut i) = self.name(start + 1)?;
        let mut attrs: Vec<Attr> = Vec::new();
        loop {
            i = self.skip_ws(i);
            if i >= self.s.len() {
                return Err(self.err(ParseErrorKind::TagNotClosed, start));
            }
            match self.s[i] {
                b'>' => {
                    return Ok((element(name, start..i + 1, attrs, false), false));
                }
                b'/' if self.s.get(i + 1) == Some(&b'>') => {
                    return Ok((element(name, start..i + 2, attrs, true), true));
                }
                _ => {}
            }
            let (attr, after) = self.name(i)?;
            let mut j = self.skip_ws(after);
            if self.s.get(j) != Some(&b'=') {
                return Err(self.err(ParseErrorKind::AttributeWithoutValue { name: attr }, i));
            }
            j = self.skip_ws(j + 1);
            let quote = match self.s.get(j) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return Err(self.err(ParseErrorKind::UnquotedAttribute { name: attr }, j)),
            };
            let close = self.s[j + 1..]
                .iter()
                .position(|&b| b == quote)
                .map(|p| j + 1 + p)
                .ok_or_else(|| self.err(ParseErrorKind::TagNotClosed, start))?;
            if attrs.iter().any(|a| a.name == attr) {
                return Err(self.err(ParseErrorKind::DuplicateAttribute { name: attr }, i));
            }
            attrs.push(Attr {
                name: attr,
                value: RawText::from(&self.s[j + 1..close]),
            });
            i = close + 1;
        }
    }
}

fn element(name: String, tag: Range<usize>, attrs: Vec<Attr>, self_closing: bool) -> Element {
    Element {
        name,
        span: tag.clone(),
        open_tag: tag,
        close_tag: if self_closing { None } else { Some(0..0) },
        attrs,
        children: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(src: &str) -> ParseErrorKind {
        Document::parse(src.as_bytes()).unwrap_err().kind
    }

    #[test]
    fn round_trips_the_dialect() {
        let src = "\u{feff}<?xml version=\"1.0\"?>\njunk\n<!-- <agentless> -->\n<ossec_config>\n  <a x='1' y=\"2\">v &amp; && \\<b</a>\n  <!  old style !>\n  <e/>\n</ossec_config>\r\n<ossec_config><c>1<!-- inner --></c></ossec_config>";
        let d = Document::parse(src.as_bytes()).unwrap();
        assert_eq!(d.render(), src.as_bytes());
        assert_eq!(d.roots().count(), 2);
        let root = d.roots().next().unwrap();
        let a = root.elements().next().unwrap();
        assert_eq!(a.text(d.source()), "v &amp; && \\<b");
        assert_eq!(a.attrs.len(), 2);
        let c = d.roots().nth(1).unwrap().elements().next().unwrap();
        assert_eq!(c.text(d.source()), "1");
    }

    #[test]
    fn comment_ends_at_the_first_terminator() {
        let d = Document::parse(b"<!x !> <a>1</a> -->").unwrap();
        assert_eq!(d.roots().count(), 1);
    }

    #[test]
    fn structural_errors() {
        assert!(matches!(
            kind("<a><b></a>"),
            ParseErrorKind::Mismatched { .. }
        ));
        assert!(matches!(kind("<a>"), ParseErrorKind::NotClosed { .. }));
        assert!(matches!(kind("</a>"), ParseErrorKind::NotOpened { .. }));
        assert!(matches!(
            kind("<a x=1/>"),
            ParseErrorKind::UnquotedAttribute { .. }
        ));
        assert!(matches!(
            kind("<a x/>"),
            ParseErrorKind::AttributeWithoutValue { .. }
        ));
        assert!(matches!(
            kind("<a x='1' x='2'/>"),
            ParseErrorKind::DuplicateAttribute { .. }
        ));
        assert_eq!(kind("<a><![CDATA[x]]></a>"), ParseErrorKind::Cdata);
        assert_eq!(kind("<!-- never"), ParseErrorKind::CommentNotClosed);
        assert_eq!(kind("<a"), ParseErrorKind::TagNotClosed);
        assert_eq!(kind("<a>< b</a>"), ParseErrorKind::BadName);
        let long = format!("<a>{}</a>", "x".repeat(9000));
        assert_eq!(kind(&long), ParseErrorKind::StringOverflow);
        let deep = "<a>".repeat(1100);
        assert_eq!(kind(&deep), ParseErrorKind::TooDeep);
    }

    #[test]
    fn any_bytes_round_trip_and_values_keep_them() {
        let src = b"<!-- caf\xe9 \x00 -->\n<ossec_config>\n  <a x='\xff'>/srv/caf\xe9 \x80</a>\n</ossec_config>";
        let d = Document::parse(src).unwrap();
        assert_eq!(d.render(), src);
        let a = d.roots().next().unwrap().elements().next().unwrap();
        assert_eq!(a.text(d.source()).as_bytes(), b"/srv/caf\xe9 \x80");
        assert_eq!(a.attrs[0].value.as_bytes(), b"\xff");
    }

    #[test]
    fn error_offsets_point_at_the_problem() {
        let e = Document::parse(b"<a>\n<b></c></a>").unwrap_err();
        assert_eq!(e.offset, 7);
    }
}
