//! The error type of the commands: each module's typed error, plus the few that belong to the
//! command layer itself. The binary prints it once with its causes and exits 2.

use crate::fsutil::FsError;
use std::io;

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read, written or locked.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// ossec.conf could not be read or is not safe to edit.
    #[error(transparent)]
    ConfigLoad(#[from] crate::config::LoadError),
    /// ossec.conf has a problem at a known spot.
    #[error(transparent)]
    ConfigParse(#[from] crate::config::ConfigError),
    /// An edit of ossec.conf could not be made safely.
    #[error(transparent)]
    ConfigEdit(#[from] crate::config::edit::EditError),
    /// A `.passlist` operation failed.
    #[error(transparent)]
    Passlist(#[from] crate::passlist::PasslistError),
    /// An `.ssh/config` operation failed.
    #[error(transparent)]
    SshConfig(#[from] crate::sshconfig::SshConfigError),
    /// An agentless script could not be run.
    #[error(transparent)]
    Script(#[from] crate::script::ScriptError),
    /// A doctor repair failed.
    #[error(transparent)]
    Doctor(#[from] crate::doctor::DoctorError),
    /// Writing to stdout or stderr failed (a closed pipe counts as success).
    #[error("cannot write output")]
    Output(#[source] io::Error),
    /// Reading standard input or asking at the terminal failed.
    #[error("cannot read input")]
    Input(#[source] io::Error),
    /// A scan failed.
    #[error(transparent)]
    Scan(#[from] crate::scan::ScanError),
    /// A `diff` check failed.
    #[error(transparent)]
    Diff(#[from] crate::diff::DiffError),
    /// The request makes no sense as given (a usage error the CLI parser cannot catch).
    #[error("{0}")]
    Usage(String),
    /// Connecting to a host or running a command there failed.
    #[error(transparent)]
    Transport(#[from] crate::transport::TransportError),
    /// `keygen` failed.
    #[error(transparent)]
    Keygen(#[from] crate::ssh::keygen::KeygenError),
    /// `push-key` failed.
    #[error(transparent)]
    PushKey(#[from] crate::ssh::push_key::PushKeyError),
    /// The command refuses to act, for the reason given.
    #[error("{0}")]
    Refused(String),
}

impl Error {
    /// True when the error is a closed stdout pipe (`… | head`), which is not a failure.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<io::Error> for Error {
    /// Bare I/O errors in command code come from writing output.
    fn from(e: io::Error) -> Self {
        Error::Output(e)
    }
}
