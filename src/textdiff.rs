//! Unified diffs for `--dry-run`: what a command would change in a file, and nothing else.

/// A unified diff (3 lines of context) from `old` to `new`, labelled with `path`.
/// Empty when the texts are equal. Invalid UTF-8 is shown with replacement characters.
pub fn unified(path: &str, old: &[u8], new: &[u8]) -> String {
    if old == new {
        return String::new();
    }
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shows_only_changes() {
        let d = super::unified("f", b"a\nb\n", b"a\nc\nb\n");
        assert!(d.contains("+c\n"), "{d}");
        assert!(d.starts_with("--- f\n+++ f\n"), "{d}");
        assert_eq!(super::unified("f", b"x", b"x"), "");
    }
}
