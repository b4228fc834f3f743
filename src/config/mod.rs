//! The ossec.conf dialect, as OSSEC's own reader (`os_xml`) understands it — not strict XML.
//!
//! - [`Document`] parses the bytes into a tree of spans that covers every byte, so printing it
//!   gives back the input unchanged (several `<ossec_config>` roots, `<!` … `!>` comments, junk
//!   text between roots, no entity decoding, `\<` in content, whitespace kept). Like OSSEC's
//!   reader it assumes no encoding: values are [`RawText`], the exact bytes (Latin-1 and other
//!   non-UTF-8 bytes included), escaped only for display.
//! - [`AgentlessEntry`] is the typed view of each `<agentless>` block.
//! - [`edit`] changes the file by splicing text into the original bytes; untouched bytes are
//!   copied verbatim and every result is parsed again before anyone writes it. A file that holds
//!   a NUL byte is read but not edited (it is not a text file; see `ConfigFile::check_editable`).
//! - `validate` applies `ossec-agentlessd`'s rules and warns about what it silently ignores.
//!
//! Reading rejects what OSSEC's reader rejects (CDATA, unclosed or mismatched elements, unquoted
//! attributes, …) and files over `MAX_FILE_SIZE`; it accepts every byte the daemon accepts.

mod agentless;
mod document;
pub mod edit;
mod error;
mod file;
pub use file::LoadError;
mod text;
pub(crate) mod validate;

pub use agentless::{AgentlessEntry, HostSpec};
pub(crate) use agentless::{DEFAULT_FREQUENCY, Escalation};
pub use document::Document;
pub use error::ConfigError;
pub(crate) use error::Position;
pub use file::ConfigFile;
pub(crate) use file::MAX_FILE_SIZE;
pub use text::RawText;
