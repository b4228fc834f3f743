//! Error messages with their causes, for every layer: [`chain`] puts an error and its sources on
//! one line, as the binaries print them and as checks report them.

/// An error and its causes on one line, joined by `: ` (a cause already at the end of the
/// message is not repeated).
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        let t = c.to_string();
        if !s.ends_with(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = c.source();
    }
    s
}
