//! Every ossec.conf fixture: round trip, agentless view, what `add` changes, add + remove.

use ossec_agentless::config::edit::{self, NewEntry};
use ossec_agentless::config::{ConfigFile, Document};
use similar::{ChangeTag, TextDiff};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ossec-conf");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .collect();
    v.sort();
    assert!(v.len() >= 15, "at least 15 fixtures, found {}", v.len());
    v
}

fn load(p: &Path) -> ConfigFile {
    ConfigFile::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn new_entry() -> NewEntry {
    NewEntry {
        kind: "ssh_integrity_check_linux".into(),
        frequency: "86400".into(),
        hosts: vec!["root@new.example.net".into()],
        state: "periodic".into(),
        arguments: Some("/bin /etc && /sbin".into()),
    }
}

fn round_trip_is_byte_identical() {
    for p in fixtures() {
        let f = load(&p);
        let bytes = std::fs::read(&p).unwrap();
        assert_eq!(f.doc.render().as_bytes(), &bytes[..], "{}", p.display());
    }
}

fn agentless_view_matches_the_expected_list() {
    for p in fixtures() {
        let f = load(&p);
        let got: Vec<serde_json::Value> = f
            .doc
            .agentless()
            .iter()
            .map(|e| {
                serde_json::json!({
                    "type": e.kind,
                    "hosts": e.hosts.iter().map(|h| h.raw.clone()).collect::<Vec<_>>(),
                    "states": e.states,
                    "frequency": e.frequency,
                    "arguments": e.arguments,
                })
            })
            .collect();
        let expected: Vec<serde_json::Value> =
            std::fs::read_to_string(p.with_extension("expected"))
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
        assert_eq!(got, expected, "{}", p.display());
    }
}

fn add_changes_only_the_inserted_lines() {
    for p in fixtures() {
        let f = load(&p);
        let before = f.doc.source();
        let after = edit::add(&f.doc, &new_entry()).unwrap();
        let diff = TextDiff::from_lines(before, after.as_str());
        let mut inserted = String::new();
        for change in diff.iter_all_changes() {
            match change.tag() {
                ChangeTag::Delete => {
                    // Only a final line without a newline may be re-emitted with one when a new
                    // root is appended after it.
                    assert!(
                        !before.ends_with('\n') && before.ends_with(change.value()),
                        "{}: add deleted {:?}",
                        p.display(),
                        change.value()
                    );
                }
                ChangeTag::Insert => inserted.push_str(change.value()),
                ChangeTag::Equal => {}
            }
        }
        let norm = inserted.replace("\r\n", "\n");
        for line in [
            "<type>ssh_integrity_check_linux</type>",
            "<frequency>86400</frequency>",
            "<host>root@new.example.net</host>",
            "<state>periodic</state>",
            "<arguments>/bin /etc && /sbin</arguments>",
        ] {
            assert!(
                norm.contains(line),
                "{}: {line} missing in {norm}",
                p.display()
            );
        }
        // The file's own line ending is kept.
        if before.contains("\r\n") {
            assert!(
                !inserted.replace("\r\n", "").contains('\n'),
                "{}",
                p.display()
            );
        }
        let doc = Document::parse(&after).unwrap();
        let n = f.doc.agentless().len();
        assert_eq!(doc.agentless().len(), n + 1, "{}", p.display());
    }
}

fn add_then_remove_is_identity() {
    for p in fixtures() {
        let f = load(&p);
        let added = edit::add(&f.doc, &new_entry()).unwrap();
        let doc = Document::parse(&added).unwrap();
        let last = doc.agentless().pop().unwrap();
        let removed = edit::remove(&doc, &last).unwrap();
        if f.doc.source().is_empty() || f.doc.source().ends_with('\n') {
            assert_eq!(removed, f.doc.source(), "{}", p.display());
        } else {
            // A file without a final newline gets one before an appended root; nothing else.
            assert_eq!(
                removed.trim_end(),
                f.doc.source().trim_end(),
                "{}",
                p.display()
            );
        }
    }
}

crate::tests! {
    round_trip_is_byte_identical,
    agentless_view_matches_the_expected_list,
    add_changes_only_the_inserted_lines,
    add_then_remove_is_identity,
}
