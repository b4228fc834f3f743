//! The checked-in completions and man pages match the CLI definition.

use std::path::Path;

fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for file in ossec_agentless::generate::render_all() {
        let on_disk = std::fs::read(root.join(&file.path)).unwrap_or_default();
        if on_disk != file.contents {
            stale.push(file.path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run `cargo run -- generate`): {stale:?}"
    );
}

crate::tests! {
    completions_and_man_pages_are_current,
}
