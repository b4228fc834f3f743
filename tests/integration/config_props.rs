//! Property tests: the ossec.conf reader never panics, whatever the bytes, and every document it
//! accepts prints back unchanged and survives add + remove.

use ossec_agentless::config::edit::{self, NewEntry};
use ossec_agentless::config::{ConfigFile, Document};
use proptest::prelude::*;
use std::path::Path;

/// Fragments that exercise the dialect far more often than random bytes would.
fn xmlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
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
            let original = Document::parse(&removed).expect("still parses").agentless();
            prop_assert_eq!(original.len(), doc.agentless().len());
        }
    }
}

crate::tests! {
    arbitrary_bytes_never_panic,
    accepted_documents_round_trip_and_edit_cleanly,
}
