//! Reading ossec.conf from disk with the checks that make a later edit safe.

use super::document::Document;
use super::error::{ConfigError, ParseErrorKind};
use crate::fsutil::{self, FsError};
use std::path::{Path, PathBuf};

/// The largest ossec.conf we accept (real ones are well under 100 KiB).
pub(crate) const MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;

/// Why ossec.conf could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Missing or unreadable.
    #[error(transparent)]
    Read(#[from] FsError),
    /// Not a file we can edit safely; points at the spot.
    // Transparent: a `{0}` message with the error also as its source was printed twice.
    #[error(transparent)]
    Parse(#[from] ConfigError),
}

/// An ossec.conf read from disk and parsed.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// Where it was read from.
    pub(crate) path: PathBuf,
    /// The parsed document (its source is the file's exact bytes).
    pub doc: Document,
}

impl ConfigFile {
    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<ConfigFile, LoadError> {
        if let Ok(meta) = std::fs::metadata(path)
            && meta.len() > MAX_FILE_SIZE
        {
            let kind = ParseErrorKind::TooLarge { size: meta.len() };
            return Err(ConfigError::at(path, b"", 0, kind.to_string()).into());
        }
        let bytes = fsutil::read(path)?;
        Ok(ConfigFile {
            doc: parse_bytes(path, bytes)?,
            path: path.to_path_buf(),
        })
    }

    /// Parses bytes that claim to be `path` (used to re-check an edit before writing it).
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<ConfigFile, ConfigError> {
        Ok(ConfigFile {
            doc: parse_bytes(path, bytes)?,
            path: path.to_path_buf(),
        })
    }

    /// The file's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.doc.source()
    }

    /// Refuses to edit a file that holds a NUL byte. The daemon reads such a file (a NUL in a
    /// comment or between roots is harmless to it), so it is only refused for editing: no text
    /// file holds one, and splicing text into a binary file that happens to parse would damage it.
    pub(crate) fn check_editable(&self) -> Result<(), ConfigError> {
        match self.bytes().iter().position(|&b| b == 0) {
            None => Ok(()),
            Some(i) => Err(ConfigError::at(
                &self.path,
                self.bytes(),
                i,
                ParseErrorKind::Binary.to_string(),
            )),
        }
    }
}

fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, ConfigError> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        let kind = ParseErrorKind::TooLarge {
            size: bytes.len() as u64,
        };
        return Err(ConfigError::at(path, b"", 0, kind.to_string()));
    }
    // No encoding check: OSSEC reads bytes, so Latin-1 or any other bytes are kept as they are.
    Document::parse(&bytes).map_err(|e| ConfigError::at(path, &bytes, e.offset, e.kind.to_string()))
}
