//! Exit codes shared by every command: 0 success, 1 differences or a failed check, 2 error.
//!
//! Commands that handle several independent items (hosts, entries) merge per-item results with
//! [`ExitCode::merge`]: an error anywhere wins over differences, which win over success.

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
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Differences => 1,
            ExitCode::Error => 2,
        }
    }

    /// Combines two results: the more serious one wins.
    #[must_use]
    pub fn merge(self, other: ExitCode) -> ExitCode {
        self.max(other)
    }

    /// `Differences` when `found` is true, else `Success`.
    pub fn differences_if(found: bool) -> ExitCode {
        if found {
            ExitCode::Differences
        } else {
            ExitCode::Success
        }
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
    fn codes() {
        assert_eq!(
            [Success.code(), Differences.code(), Error.code()],
            [0, 1, 2]
        );
    }
}
