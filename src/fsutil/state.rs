//! Where the tool keeps its own state (`scan` baselines, `diff` outputs) and how a state file is
//! named: the one rule both stores follow.

use std::path::PathBuf;

/// `state_dir` (`--state-dir`) when given, else the user's state directory (the data directory
/// as a fallback) + `ossec-agentless`; `None` when the user has neither.
pub(crate) fn state_base(state_dir: Option<PathBuf>) -> Option<PathBuf> {
    match state_dir {
        Some(d) => Some(d),
        None => dirs::state_dir()
            .or_else(dirs::data_dir)
            .map(|d| d.join("ossec-agentless")),
    }
}

/// `<key>_<digest>.<ext>`: the key with only `[A-Za-z0-9._@-]` kept (anything else becomes `_`),
/// cut to 64 characters so that the name stays readable and short, then the digest (hex) that
/// tells keys apart.
pub(crate) fn state_file_name(key: &str, digest_hex: &str, ext: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._@-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    format!("{safe}_{digest_hex}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_only_safe_characters() {
        assert_eq!(
            state_file_name("u@h:22/x y", "00ff", "last"),
            "u@h_22_x_y_00ff.last"
        );
        assert_eq!(state_file_name(&"a".repeat(70), "1", "b").len(), 64 + 4);
        assert_eq!(
            state_base(Some(PathBuf::from("/s"))),
            Some(PathBuf::from("/s"))
        );
    }
}
