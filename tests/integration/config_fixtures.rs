//! Every ossec.conf fixture: round trip, agentless view, what `add` changes, add + remove.
//! Fixtures are bytes: some hold Latin-1 and other bytes that are not UTF-8 (19-22), some have
//! no final line break (08, 17, 20, 21); every one must come back byte for byte.

use ossec_agentless::config::edit::{self, NewEntry};
use ossec_agentless::config::{ConfigFile, Document};
use similar::{Algorithm, ChangeTag, capture_diff_slices};
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
        assert_eq!(f.doc.render(), bytes, "{}", p.display());
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
        let (old, new) = (lines(before), lines(&after));
        let mut inserted = Vec::new();
        for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
            for change in op.iter_changes(&old, &new) {
                match change.tag() {
                    ChangeTag::Delete => {
                        // Only a final line without a line break may be re-emitted with one
                        // when a new root is appended after it.
                        assert!(
                            !before.ends_with(b"\n") && before.ends_with(change.value()),
                            "{}: add deleted {:?}",
                            p.display(),
                            String::from_utf8_lossy(change.value())
                        );
                    }
                    ChangeTag::Insert => inserted.extend_from_slice(change.value()),
                    ChangeTag::Equal => {}
                }
            }
        }
        // Lossy is enough here: the bytes are compared exactly above and below.
        let inserted = String::from_utf8_lossy(&inserted).into_owned();
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
        if before.windows(2).any(|w| w == b"\r\n") {
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
        assert!(removed == f.doc.source(), "{}", p.display());
    }
}

/// The lines of `b`, each with its line break.
fn lines(b: &[u8]) -> Vec<&[u8]> {
    b.split_inclusive(|&c| c == b'\n').collect()
}

fn fixtures_cover_non_utf8_and_missing_final_line_breaks() {
    let all: Vec<Vec<u8>> = fixtures()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let non_utf8 = all
        .iter()
        .filter(|b| std::str::from_utf8(b).is_err())
        .count();
    let no_final = all
        .iter()
        .filter(|b| !b.is_empty() && !b.ends_with(b"\n"))
        .count();
    assert!(non_utf8 >= 4, "{non_utf8} non-UTF-8 fixtures");
    assert!(
        no_final >= 4,
        "{no_final} fixtures without a final line break"
    );
}

crate::tests! {
    round_trip_is_byte_identical,
    agentless_view_matches_the_expected_list,
    add_changes_only_the_inserted_lines,
    add_then_remove_is_identity,
    fixtures_cover_non_utf8_and_missing_final_line_breaks,
}
