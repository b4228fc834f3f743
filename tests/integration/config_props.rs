//! Property tests: the ossec.conf reader never panics, whatever the bytes, and every document it
//! accepts (any bytes, UTF-8 or not) prints back unchanged, and add followed by remove gives
//! back exactly the original bytes.

use ossec_agentless::config::edit::{self, NewEntry};
use ossec_agentless::config::{ConfigFile, Document};
use proptest::prelude::*;
use std::path::Path;

/// Fragments that exercise the dialect far more often than random bytes would, mixed with
/// arbitrary bytes (Latin-1, invalid UTF-8, controls).
fn xmlish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("<arguments>/srv/caf\u{e9}</arguments>".to_string()),
        Just("<host>u@h</host>".to_string()),
        Just("</ossec_config>\n".to_string()),
        Just("<ossec_config>".to_string()),
        Just("</ossec_config>".to_string()),
        Just("<agentless>".to_string()),
        Just("</agentless>".to_string()),
        Just("<type>t</type>".to_string()),
        Just("<host>root@h</host>".to_string()),
        Just("<state>periodic</state>".to_string()),
        Just("<a x='1'/>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<! c !>".to_string()),
        Just("<?xml v?>".to_string()),
        Just("&&".to_string()),
        Just("\\<".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("  ".to_string()),
        "[a-z<>/!?='\"& \t-]{0,6}",
    ];
    let piece = prop_oneof![
        4 => piece.prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 1..4),
        1 => prop::collection::vec(prop::sample::select(vec![0xe9u8, 0xff, 0x80, 0xc3, 0x93, 0xfe, 0x1b, b'\r']), 1..3),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = ConfigFile::from_bytes(Path::new("fuzz.conf"), bytes);
    }

    fn accepted_documents_round_trip_and_edit_cleanly(src in xmlish()) {
        if let Ok(doc) = Document::parse(&src) {
            prop_assert_eq!(doc.render(), src.clone());
            let entry = NewEntry {
                kind: "k".into(),
                frequency: "60".into(),
                hosts: vec!["u@h".into()],
                state: "periodic".into(),
                arguments: Some("a && b".into()),
            };
            let added = edit::add(&doc, &entry).expect("add always finds a place");
            let doc2 = Document::parse(&added).expect("the result parses");
            let last = doc2.agentless().pop().expect("the new entry is there");
            let removed = edit::remove(&doc2, &last).expect("remove works");
            prop_assert!(removed == src, "add + remove changed the bytes");
        }
    }
}

crate::tests! {
    arbitrary_bytes_never_panic,
    accepted_documents_round_trip_and_edit_cleanly,
}
