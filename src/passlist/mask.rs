//! Showing `.passlist` lines and changes without their secrets.

use super::entry::{NOPASS, host_for_display, stock_split};
use similar::{Algorithm, DiffOp, capture_diff_slices, group_diff_ops};

/// What a secret is shown as.
pub(crate) const MASK: &str = "********";

fn mask_field(f: &[u8]) -> &'static str {
    match f {
        b"" => "",
        b"NOPASS" => NOPASS,
        _ => MASK,
    }
}

/// One line with its secrets masked: `root@h|********|` for an entry, `root@h|********` for a
/// two-field line, and `********` for a non-empty line without `|` (it might be a password).
pub(crate) fn mask_line(line: &[u8]) -> String {
    if let Some(f) = stock_split(line) {
        return format!(
            "{}|{}|{}",
            host_for_display(f.host),
            mask_field(f.password),
            mask_field(f.additional)
        );
    }
    match line.iter().position(|&b| b == b'|') {
        Some(i) => format!(
            "{}|{}",
            host_for_display(&line[..i]),
            mask_field(&line[i + 1..])
        ),
        None if line.is_empty() => String::new(),
        None => MASK.to_string(),
    }
}

/// A unified diff (3 lines of context) between two line lists, computed on the real bytes but
/// printed masked, so that a changed password shows as a changed line without showing either.
pub(crate) fn masked_diff(label: &str, old: &[Vec<u8>], new: &[Vec<u8>]) -> String {
    let ops = capture_diff_slices(Algorithm::Myers, old, new);
    let groups = group_diff_ops(ops, 3);
    if groups.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    for group in groups {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let o = first.old_range().start..last.old_range().end;
        let n = first.new_range().start..last.new_range().end;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(o.start, o.len()),
            hunk_range(n.start, n.len())
        ));
        for op in &group {
            let (tag_old, tag_new) = match op {
                DiffOp::Equal { .. } => (Some(' '), None),
                DiffOp::Delete { .. } => (Some('-'), None),
                DiffOp::Insert { .. } => (None, Some('+')),
                DiffOp::Replace { .. } => (Some('-'), Some('+')),
            };
            if let Some(t) = tag_old {
                for l in &old[op.old_range()] {
                    out.push(t);
                    out.push_str(&mask_line(l));
                    out.push('\n');
                }
            }
            if let Some(t) = tag_new {
                for l in &new[op.new_range()] {
                    out.push(t);
                    out.push_str(&mask_line(l));
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn hunk_range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<Vec<u8>> {
        s.lines().map(|l| l.as_bytes().to_vec()).collect()
    }

    #[test]
    fn masks_every_secret() {
        assert_eq!(mask_line(b"root@h|p|w|su"), "root@h|********|********");
        assert_eq!(mask_line(b"root@h|NOPASS|"), "root@h|NOPASS|");
        assert_eq!(mask_line(b"root@h|secret"), "root@h|********");
        assert_eq!(mask_line(b"secret"), "********");
        assert_eq!(mask_line(b""), "");
    }

    #[test]
    fn changed_password_shows_as_change() {
        let d = masked_diff(
            ".passlist",
            &lines("a@h|NOPASS|\nroot@h|old|\n"),
            &lines("a@h|NOPASS|\nroot@h|new|\n"),
        );
        assert_eq!(
            d,
            "--- a/.passlist\n+++ b/.passlist\n@@ -1,2 +1,2 @@\n a@h|NOPASS|\n-root@h|********|\n+root@h|********|\n"
        );
        assert!(masked_diff("f", &lines("a|b|c"), &lines("a|b|c")).is_empty());
    }
}
