//! How a change is shown: a unified diff for people, and for OSSEC the normal-format diff
//! (`diff old new`, as ossec-agentlessd runs it) cut as the daemon cuts it, the message at most
//! about 4 KB.

use similar::{DiffTag, TextDiff};

/// Unified diff (3 lines of context) from `old` to `new`, with `label` in both headers;
/// empty when equal.
pub(crate) fn unified(label: &str, old: &str, new: &str) -> String {
    crate::textdiff::unified(label, old.as_bytes(), new.as_bytes())
}

/// The lines removed and added, in order (for JSON and counts).
pub(crate) fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let d = TextDiff::from_lines(old, new);
    let (mut minus, mut plus) = (Vec::new(), Vec::new());
    for op in d.ops() {
        for c in d.iter_changes(op) {
            let line = c.value().trim_end_matches('\n').to_string();
            match c.tag() {
                similar::ChangeTag::Delete => minus.push(line),
                similar::ChangeTag::Insert => plus.push(line),
                similar::ChangeTag::Equal => {}
            }
        }
    }
    (minus, plus)
}

fn range(start: usize, end: usize) -> String {
    // 1-based inclusive; `start` is 0-based.
    if end > start + 1 {
        format!("{},{}", start + 1, end)
    } else {
        format!("{}", start + 1)
    }
}

/// The normal-format diff (what `diff old new` prints without options): `NaM`, `NdM` and
/// `NcM` hunks with `< ` and `> ` lines. Both texts are taken to end with a newline.
pub(crate) fn normal(old: &str, new: &str) -> String {
    let d = TextDiff::from_lines(old, new);
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let mut out = String::new();
    // Merge adjacent non-equal ops into one hunk, as diff does.
    let mut hunks: Vec<(usize, usize, usize, usize)> = Vec::new();
    for op in d.ops() {
        if op.tag() == DiffTag::Equal {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        match hunks.last_mut() {
            Some(h) if h.1 == o.start && h.3 == n.start => {
                h.1 = o.end;
                h.3 = n.end;
            }
            _ => hunks.push((o.start, o.end, n.start, n.end)),
        }
    }
    for (o1, o2, n1, n2) in hunks {
        match (o1 == o2, n1 == n2) {
            (true, false) => out.push_str(&format!("{}a{}\n", o1, range(n1, n2))),
            (false, true) => out.push_str(&format!("{}d{}\n", range(o1, o2), n1)),
            _ => out.push_str(&format!("{}c{}\n", range(o1, o2), range(n1, n2))),
        }
        for l in &old_lines[o1..o2] {
            out.push_str("< ");
            out.push_str(l);
            out.push('\n');
        }
        if o1 != o2 && n1 != n2 {
            out.push_str("---\n");
        }
        for l in &new_lines[n1..n2] {
            out.push_str("> ");
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// The message ossec-agentlessd sends for a changed output (gen_diff_alert): at most 2047
/// bytes of the diff (cut back to the last newline once 2040 or more were read, or to 256
/// bytes for one long line), then at most 8 lines, then `... diff was truncated ...` when
/// anything was cut.
pub(crate) fn alert_message(diff: &str) -> String {
    let bytes = diff.as_bytes();
    let n = bytes.len().min(2047);
    let mut truncated = bytes.len() >= 2047;
    let mut buf: &[u8] = &bytes[..n];
    if n >= 2040 {
        truncated = true;
        buf = match buf.iter().rposition(|&b| b == b'\n') {
            Some(i) => &buf[..i],
            None => &buf[..256],
        };
    }
    let mut lines = 0;
    let mut pos = 0;
    while let Some(i) = buf[pos..].iter().position(|&b| b == b'\n') {
        if lines >= 7 {
            buf = &buf[..pos + i];
            truncated = true;
            break;
        }
        lines += 1;
        pos += i + 1;
    }
    let mut msg = String::from("ossec: agentless: Change detected:\n");
    msg.push_str(&String::from_utf8_lossy(buf));
    if truncated {
        msg.push_str("\n... diff was truncated ...");
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real `diff` agrees on a few shapes (skipped where it is missing).
    #[test]
    fn normal_format_matches_gnu_diff() {
        let cases = [
            ("a\nb\nc\n", "a\nc\n"),
            ("a\nc\n", "a\nb\nc\n"),
            ("a\nb\nc\n", "a\nx\nc\n"),
            ("a\nb\nc\nd\n", "x\ny\nc\nd\ne\n"),
            ("", "a\n"),
            ("a\n", ""),
            ("1\n2\n3\n4\n5\n6\n", "1\n3\n4\nfive\n6\n7\n"),
        ];
        let Ok(dir) = tempfile::tempdir() else { return };
        for (old, new) in cases {
            let (a, b) = (dir.path().join("a"), dir.path().join("b"));
            std::fs::write(&a, old).unwrap();
            std::fs::write(&b, new).unwrap();
            let Ok(out) = std::process::Command::new("diff").arg(&a).arg(&b).output() else {
                return;
            };
            assert_eq!(
                normal(old, new),
                String::from_utf8_lossy(&out.stdout),
                "{old:?} -> {new:?}"
            );
        }
    }

    #[test]
    fn alert_is_cut_as_the_daemon_cuts_it() {
        assert_eq!(
            alert_message("1c1\n< a\n---\n> b\n"),
            "ossec: agentless: Change detected:\n1c1\n< a\n---\n> b\n"
        );
        let long: String = (1..=20).map(|i| format!("< {i}\n")).collect();
        let m = alert_message(&long);
        assert_eq!(
            m,
            "ossec: agentless: Change detected:\n< 1\n< 2\n< 3\n< 4\n< 5\n< 6\n< 7\n< 8\n... diff was truncated ..."
        );
        // Exactly eight lines count as truncated too (the daemon's quirk).
        let eight: String = (1..=8).map(|i| format!("{i}\n")).collect();
        assert!(alert_message(&eight).ends_with("8\n... diff was truncated ..."));
        let big = "x".repeat(3000);
        let m = alert_message(&big);
        assert_eq!(
            m.len(),
            "ossec: agentless: Change detected:\n".len() + 256 + 27
        );
    }
}
