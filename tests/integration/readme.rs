//! The README's quick tour runs exactly as written, with the freshly built binaries on PATH.

use std::path::Path;

fn quick_tour_runs_as_written() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- tour:start -->")
        .expect("tour start marker");
    let end = readme.find("<!-- tour:end -->").expect("tour end marker");
    let block = &readme[start..end];
    let script = block
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(body, _)| body)
        .expect("a ```sh block inside the tour markers");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_ossec-agentless"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let work = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("/bin/sh")
        .arg("-ec")
        .arg(script)
        .current_dir(work.path())
        .env("PATH", path)
        .env("TMPDIR", work.path())
        .env("NO_COLOR", "1")
        .env_remove("OSSEC_DIR")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the tour failed:\n{stdout}\n{stderr}");
    for expected in [
        "added <agentless> entry 1 (ssh_integrity_check_linux for root@web01.example.net)",
        "valid (1 agentless entry, 0 errors, 0 warnings)",
        "set port 2222 for web01.example.net",
        "(ED25519)",
        "new baseline recorded",
        "FWD: ",
    ] {
        assert!(
            stdout.contains(expected) || stderr.contains(expected),
            "{expected:?} missing from the tour's output:\n{stdout}\n{stderr}"
        );
    }
}

crate::tests! {
    quick_tour_runs_as_written,
}
