//! Test harness: a temporary OSSEC directory and a runner for the built binaries.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// A temporary OSSEC directory (`etc/`, `agentless/`, `bin/`) and a way to run commands in it.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl TestEnv {
    /// An empty layout with `etc/`, `agentless/`, `bin/` and `.ssh/`.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("tempdir");
        for d in ["etc", "agentless", "bin", "queue/ossec", "logs"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        TestEnv { dir }
    }

    /// The OSSEC directory.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the OSSEC directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file inside the OSSEC directory, creating parents.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Reads a file inside the OSSEC directory.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap()
    }

    /// An executable script in `agentless/`.
    pub fn script(&self, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let p = self.write(&format!("agentless/{name}"), body);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    }

    /// `ossec-agentless --ossec-dir <root> ARGS…`, ready to run.
    pub fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("ossec-agentless").unwrap();
        c.env_remove("OSSEC_DIR")
            .env("NO_COLOR", "1")
            .arg("--ossec-dir")
            .arg(self.root())
            .args(args);
        c
    }

    /// `ossec-config --ossec-dir <root> ARGS…`, ready to run.
    pub fn ossec_config(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("ossec-config").unwrap();
        c.env_remove("OSSEC_DIR")
            .env("NO_COLOR", "1")
            .arg("--ossec-dir")
            .arg(self.root())
            .args(args);
        c
    }
}

/// Stdout of a finished command as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr of a finished command as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts two texts are equal, printing both between rulers when they are not.
#[track_caller]
pub fn assert_text_eq(expected: &str, actual: &str) {
    if expected != actual {
        panic!(
            "\ntext differs\n--- expected ---\n{expected}\n--- actual ---\n{actual}\n--- end ---\n{}",
            similar_diff(expected, actual)
        );
    }
}

fn similar_diff(a: &str, b: &str) -> String {
    ossec_agentless::textdiff::unified("text", a.as_bytes(), b.as_bytes())
}
