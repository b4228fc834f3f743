//! Errors that point into ossec.conf: a byte offset turned into line and column, shown with the
//! offending line and a caret under the spot (as toml_edit renders its errors).

use std::fmt;
use std::path::PathBuf;

/// What is wrong at a spot in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
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
    pub kind: ParseErrorKind,
    /// Byte offset in the file.
    pub offset: usize,
}

/// A 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `src` (bytes that are not UTF-8 count as one column).
    pub fn of(src: &[u8], offset: usize) -> Position {
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
    pub path: PathBuf,
    /// Where.
    pub position: Position,
    /// What.
    pub message: String,
    /// The text of the offending line (escaped for a terminal).
    pub line_text: String,
    /// The spot's column in `line_text`, from 1: differs from `position.column` when bytes
    /// before it were escaped (a Latin-1 byte shows as `\xNN`).
    pub text_column: usize,
}

impl ConfigError {
    /// Ties a message at `offset` in `src` to `path`.
    pub fn at(path: &std::path::Path, src: &[u8], offset: usize, message: String) -> ConfigError {
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
        let shown = |b: &[u8]| crate::sanitize::bytes_for_terminal(b).replace("\\t", "\t");
        let before = &raw[..(offset - start).min(raw.len())];
        ConfigError {
            path: path.to_path_buf(),
            position,
            message,
            line_text: shown(raw),
            text_column: shown(before).chars().count() + 1,
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
            .take(self.text_column.saturating_sub(1))
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
}
