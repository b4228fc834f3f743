//! Exit codes shared by every command: 0 success, 1 differences or a failed check, 2 error.
//!
//! Commands that handle several independent items (hosts, entries) merge per-item results with
//! `ExitCode::merge`: an error anywhere wins over differences, which win over success.
//! [`conclude`] is how both binaries turn a command's result into their exit status.

use crate::Error;

/// The process exit status of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitCode {
    /// Everything worked and there is nothing to report (exit 0).
    Success,
    /// The command ran but found differences or problems (exit 1).
    Differences,
    /// The command could not do its job (exit 2).
    Error,
}

impl ExitCode {
    /// The numeric status passed to the operating system.
    pub(crate) fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Differences => 1,
            ExitCode::Error => 2,
        }
    }

    /// Combines two results: the more serious one wins.
    #[must_use]
    pub(crate) fn merge(self, other: ExitCode) -> ExitCode {
        self.max(other)
    }

    /// `Differences` when `found` is true, else `Success`.
    pub(crate) fn differences_if(found: bool) -> ExitCode {
        if found {
            ExitCode::Differences
        } else {
            ExitCode::Success
        }
    }
}

/// How both binaries end, decided in one place: the command's `result` and whether its output
/// could be `flushed`. A closed stdout pipe (`… | head`) is success; a failed flush of a
/// command that otherwise succeeded is an [`Error::Output`]. `Err` is what the binary prints, with
/// its causes, before exiting 2.
pub fn conclude(
    result: Result<ExitCode, Error>,
    flushed: std::io::Result<()>,
) -> Result<ExitCode, Error> {
    let result = result.and_then(|code| flushed.map(|()| code).map_err(Error::Output));
    match result {
        Err(e) if e.is_broken_pipe() => Ok(ExitCode::Success),
        r => r,
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode::*;

    #[test]
    fn merge_prefers_the_most_serious() {
        assert_eq!(Success.merge(Success), Success);
        assert_eq!(Success.merge(Differences), Differences);
        assert_eq!(Differences.merge(Error), Error);
        assert_eq!(Error.merge(Success), Error);
    }

    #[test]
    fn conclude_treats_a_closed_pipe_as_success_and_a_failed_flush_as_an_error() {
        use super::conclude;
        use std::io::{Error as IoError, ErrorKind};
        let pipe = || IoError::from(ErrorKind::BrokenPipe);
        assert_eq!(conclude(Ok(Differences), Ok(())).unwrap(), Differences);
        assert_eq!(conclude(Ok(Differences), Err(pipe())).unwrap(), Success);
        let out = |e| crate::Error::Output(e);
        assert_eq!(conclude(Err(out(pipe())), Ok(())).unwrap(), Success);
        let full = || IoError::from(ErrorKind::StorageFull);
        assert!(matches!(
            conclude(Ok(Success), Err(full())),
            Err(crate::Error::Output(_))
        ));
        // The command's own error wins over a failed flush.
        assert!(matches!(
            conclude(Err(crate::Error::Usage("u".into())), Err(full())),
            Err(crate::Error::Usage(_))
        ));
    }

    #[test]
    fn codes() {
        assert_eq!(
            [Success.code(), Differences.code(), Error.code()],
            [0, 1, 2]
        );
    }
}
