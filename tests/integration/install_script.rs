//! `install-script`: `--dry-run` writes nothing; the wrapper it installs is root's, mode 0750,
//! and answers the daemon's startup probe and scans as `scan --agentless` does.

use crate::scan::owner_ids;
use crate::util::{TestEnv, stdout};
use std::os::unix::fs::PermissionsExt;

fn installed_wrapper_runs_as_the_daemon_does() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("x"), "x\n").unwrap();
    let tree = t.to_str().unwrap();
    let ids = owner_ids();
    let expected = format!(
        "INFO: Started.\nFWD: 2:644:{ids}:401b30e3b8b5d629635a5c613cdb7919:6fcf9dfbd479ed82697fee719b9f8c610a11ff2a {tree}/x\nINFO: Finished.\n"
    );
    // Run as root in a test: the baselines go to a state directory of root's.
    let state_env = "OSSEC_AGENTLESS_STATE_DIR";
    // install-script: dry run writes nothing; then the wrapper works as the daemon runs it.
    let out = env
        .cmd(&["install-script", "--name", "my_scan", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("+exec "));
    assert!(!env.path("agentless/my_scan").exists());
    let out = env
        .cmd(&["install-script", "--name", "my_scan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    let script = env.path("agentless/my_scan");
    let meta = std::fs::metadata(&script).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o750);
    if ossec_agentless::fsutil::is_root() {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(meta.uid(), 0);
    }
    assert!(
        String::from_utf8_lossy(&std::fs::read(&script).unwrap())
            .contains(" scan --agentless --type 'my_scan' -- \"$@\"\n")
    );
    let probe = std::process::Command::new(&script)
        .args(["test", "test"])
        .output()
        .unwrap();
    assert_eq!(probe.status.code(), Some(0));
    let fresh = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(&script)
        .args(["local", tree])
        .env(state_env, fresh.path())
        .output()
        .unwrap();
    crate::util::assert_text_eq(&expected, &String::from_utf8_lossy(&run.stdout));
}

crate::tests! {
    installed_wrapper_runs_as_the_daemon_does,
}
