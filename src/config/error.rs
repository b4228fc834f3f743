//! Errors that point into ossec.conf: a byte offset turned into line and column, shown with the
//! offending line and a caret under the spot (as toml_edit renders its errors).

use std::fmt;
use std::path::PathBuf;

/// What is wrong at a spot in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum ParseErrorKind {
    /// A NUL byte, in a file about to be edited.
    Binary,
    /// The file is larger than the limit.
    TooLarge {
        /// Its size.
        size: u64,
    },
    /// `<![CDATA[`: OSSEC treats it as a comment that is usually never closed.
    Cdata,
    /// A comment (`<!` … `-->` or `!>`) that is never closed.
    CommentNotClosed,
    /// A `<?` … `?>` declaration that is never closed.
    DeclarationNotClosed,
    /// A tag that runs into the end of the file.
    TagNotClosed,
    /// `<` not followed by a valid element name.
    BadName,
    /// A close tag that does not match the open element.
    Mismatched {
        /// The element that is open.
        open: String,
        /// The close tag found.
        found: String,
    },
    /// A close tag with no open element.
    NotOpened {
        /// The close tag found.
        found: String,
    },
    /// End of file with this element still open.
    NotClosed {
        /// The open element.
        name: String,
    },
    /// `attr=value` without quotes.
    UnquotedAttribute {
        /// The attribute.
        name: String,
    },
    /// `attr` without `=`.
    AttributeWithoutValue {
        /// The attribute.
        name: String,
    },
    /// An attribute given twice.
    DuplicateAttribute {
        /// The attribute.
        name: String,
    },
    /// An element name or content longer than OSSEC's 8192-byte buffer.
    StringOverflow,
    /// More than 1024 nested elements.
    TooDeep,
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ParseErrorKind::*;
        match self {
            Binary => write!(
                f,
                "binary data (a NUL byte): this is not a text file; refusing to edit it"
            ),
            TooLarge { size } => write!(
                f,
                "file is {size} bytes, more than the {} bytes an ossec.conf can sensibly be",
                super::MAX_FILE_SIZE
            ),
            Cdata => write!(
                f,
                "CDATA sections are not supported by OSSEC's reader (it treats `<![CDATA[` as an unclosed comment)"
            ),
            CommentNotClosed => write!(
                f,
                "comment not closed (OSSEC comments end with `-->` or `!>`)"
            ),
            DeclarationNotClosed => write!(f, "`<?` declaration not closed with `?>`"),
            TagNotClosed => write!(f, "tag not closed: the file ends inside it"),
            BadName => write!(
                f,
                "`<` must start an element name, a comment or a close tag (write `\\<` for a literal `<` in a value)"
            ),
            Mismatched { open, found } => {
                write!(f, "element '{open}' not closed: found </{found}> instead")
            }
            NotOpened { found } => write!(f, "close tag </{found}> has no open element"),
            NotClosed { name } => write!(f, "end of file and element '{name}' was not closed"),
            UnquotedAttribute { name } => write!(f, "attribute '{name}' not followed by a \" or '"),
            AttributeWithoutValue { name } => write!(f, "attribute '{name}' has no value"),
            DuplicateAttribute { name } => write!(f, "attribute '{name}' already defined"),
            StringOverflow => write!(
                f,
                "string overflow: element name or content longer than 8192 bytes"
            ),
            TooDeep => write!(f, "more than 1024 nested elements"),
        }
    }
}

/// A parse failure at a byte offset (before it is tied to a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub(crate) kind: ParseErrorKind,
    /// Byte offset in the file.
    pub(crate) offset: usize,
}

/// A 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Position {
    /// Line number, from 1.
    pub(crate) line: usize,
    /// Column number, from 1.
    pub(crate) column: usize,
}

impl Position {
    /// The position of byte `offset` in `src` (bytes that are not UTF-8 count as one column).
    pub(crate) fn of(src: &[u8], offset: usize) -> Position {
        let offset = offset.min(src.len());
        let before = &src[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Position { line, column }
    }
}

/// An error tied to a file: rendered as `file:line:column: message`, the line, and a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub(crate) path: PathBuf,
    /// Where.
    pub(crate) position: Position,
    /// What.
    pub(crate) message: String,
    /// The text of the offending line (escaped for a terminal), cut to a window of
    /// `SNIPPET_WINDOW` (120) characters around the column (`…` marks a cut).
    pub(crate) line_text: String,
    /// Characters of `line_text` before the caret (escapes such as `\xe9` for a Latin-1 byte
    /// count as the characters shown).
    pub(crate) caret: usize,
}

/// The most characters of the offending line an error shows, around the column.
pub(crate) const SNIPPET_WINDOW: usize = 120;

impl ConfigError {
    /// Ties a message at `offset` in `src` to `path`.
    pub(crate) fn at(
        path: &std::path::Path,
        src: &[u8],
        offset: usize,
        message: String,
    ) -> ConfigError {
        let position = Position::of(src, offset);
        let offset = offset.min(src.len());
        let start = src[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = src[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(src.len(), |i| offset + i);
        let raw = &src[start..end];
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        // Only a window of the line is escaped and shown: a 4 MB one-line file must not make
        // megabytes of error output. The window is counted in bytes of the file (which need
        // not be UTF-8); escaping may widen it, and the caret counts what is shown.
        let shown = |b: &[u8]| crate::sanitize::bytes_for_terminal(b).replace("\\t", "\t");
        let rel = (offset - start).min(raw.len());
        let half = SNIPPET_WINDOW / 2;
        let from = rel.saturating_sub(half);
        let to = (from + SNIPPET_WINDOW).min(raw.len());
        let mut line_text = String::new();
        if from > 0 {
            line_text.push('…');
        }
        let caret = usize::from(from > 0) + shown(&raw[from..rel]).chars().count();
        line_text.push_str(&shown(&raw[from..to]));
        if to < raw.len() {
            line_text.push('…');
        }
        ConfigError {
            path: path.to_path_buf(),
            position,
            message,
            line_text,
            caret,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Position { line, column } = self.position;
        writeln!(
            f,
            "{}:{line}:{column}: {}",
            self.path.display(),
            self.message
        )?;
        let gutter = line.to_string().len();
        writeln!(f, "{:gutter$} |", "")?;
        writeln!(f, "{line} | {}", self.line_text)?;
        // Keep tabs under tabs so the caret lines up.
        let pad: String = self
            .line_text
            .chars()
            .take(self.caret)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{:gutter$} | {pad}^", "")
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_line_column_and_caret() {
        let src = b"<a>\n  <b x=1>\n</a>\n";
        let e = ConfigError::at(std::path::Path::new("/x/ossec.conf"), src, 9, "bad".into());
        assert_eq!(e.position, Position { line: 2, column: 6 });
        assert_eq!(
            e.to_string(),
            "/x/ossec.conf:2:6: bad\n  |\n2 |   <b x=1>\n  |      ^"
        );
    }

    #[test]
    fn caret_stays_under_the_spot_after_escaped_bytes() {
        let src = b"<!-- caf\xe9 --> <";
        let e = ConfigError::at(std::path::Path::new("c"), src, 14, "bad".into());
        assert_eq!(
            e.position,
            Position {
                line: 1,
                column: 15
            }
        );
        assert_eq!(
            e.to_string(),
            format!(
                "c:1:15: bad\n  |\n1 | <!-- caf\\xe9 --> <\n  | {}^",
                " ".repeat(17)
            )
        );
    }

    #[test]
    fn a_huge_line_is_cut_to_a_window_around_the_column() {
        let mut src = vec![b'a'; 4 << 20];
        src[3_000_000] = b'<';
        let e = ConfigError::at(std::path::Path::new("c"), &src, 3_000_000, "bad".into());
        assert_eq!(e.position.column, 3_000_001);
        let text = e.to_string();
        assert!(text.len() < 2 * SNIPPET_WINDOW + 100, "{}", text.len());
        let lines: Vec<&str> = text.lines().collect();
        let at = lines[2].find('<').unwrap();
        assert_eq!(lines[3].chars().count() - 1, lines[2][..at].chars().count());
        assert!(lines[2].contains("…aaa") && lines[2].ends_with("aaa…"));
    }

    #[test]
    fn escapes_before_the_column_keep_the_caret_aligned() {
        let src = b"\x1b\x1b<x";
        let e = ConfigError::at(std::path::Path::new("c"), src, 2, "bad".into());
        let text = e.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "1 | \\x1b\\x1b<x");
        assert_eq!(lines[3], "  |         ^");
    }
}
