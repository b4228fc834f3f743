//! Why a script could not be executed (statuses 126 and 127), found by looking at the file,
//! its `#!` line, the directories above it and the mount it is on, as the agentless user.

use super::verdict::Setting;
use crate::fsutil::perms;
use std::path::{Path, PathBuf};

/// Status 126: which permission or mount option stops the agentless user.
pub(crate) fn not_executable(s: &Setting) -> (String, String) {
    let t = &s.script_type;
    let who = s.who();
    let user = s.user();
    let path = s.script.display();
    let (problem, fix) = match std::fs::metadata(&s.script) {
        Ok(m) if !perms::may(&m, who, perms::EXEC) => (
            format!(
                "status 126: {path} is not executable by {user} (mode {}), so the daemon logs \
                 \"Test failed for '{t}' (126)\"",
                perms::octal(std::os::unix::fs::PermissionsExt::mode(&m.permissions()))
            ),
            format!(
                "`chgrp {} {path} && chmod 0550 {path}` (the stock scripts are 0550 root:{})",
                s.group, s.group
            ),
        ),
        Ok(_) if perms::mounted_noexec(&s.script) => (
            format!("status 126: {path} is on a file system mounted noexec"),
            "remount it without noexec (check /etc/fstab), or move the OSSEC directory".to_string(),
        ),
        Ok(_) => match perms::blocked_ancestor(&s.script, who) {
            Some(dir) => (
                format!(
                    "status 126: {user} cannot enter {}, so {path} cannot be run",
                    dir.display()
                ),
                format!(
                    "give the {} group search permission on {} (`chmod g+x`)",
                    s.group,
                    dir.display()
                ),
            ),
            None => (
                format!(
                    "status 126: {path} could not be executed by {user} (the script itself may \
                     have exited 126, which shells use for \"cannot execute\")"
                ),
                "check the first line (`#!/usr/bin/env expect`) and the file's format".to_string(),
            ),
        },
        Err(_) => (
            format!("status 126: {path} cannot be examined by {user}"),
            format!("check the permissions of {}/agentless", s.root.display()),
        ),
    };
    text(problem, fix)
}

/// Status 127: the script, its line endings, its interpreter or a program it runs.
pub(crate) fn not_found(s: &Setting) -> (String, String) {
    let t = &s.script_type;
    let path = s.script.display();
    if !s.script.exists() {
        let available = list_scripts(&s.root.join("agentless"));
        let mut problem = format!(
            "status 127: {path} does not exist; the daemon logs \"Expect command not found (or \
             bad arguments) for '{t}'\""
        );
        if !available.is_empty() {
            problem.push_str(&format!("; available: {}", available.join(", ")));
        }
        return text(problem, "check the <type> spelling, or install the script");
    }
    if first_line(&s.script).is_some_and(|l| l.ends_with(b"\r")) {
        return text(
            format!(
                "status 127: the first line of {path} ends in a carriage return (Windows line \
                 endings), so the system looks for an interpreter whose name ends in \\r"
            ),
            format!("convert the file to Unix line endings: `dos2unix {path}`"),
        );
    }
    match interpreter(&s.script) {
        // Scripts run with a daemon's PATH, never the caller's.
        Some(Interp::Env(name))
            if which_in(&name, super::runner::DAEMON_PATH.as_ref()).is_none() =>
        {
            text(
                format!(
                    "status 127: `{name}` is not installed (the script starts with \
                 `#!/usr/bin/env {name}`); the daemon logs \"Expect command not found (or bad \
                 arguments) for '{t}'\""
                ),
                if name == "expect" {
                    "install expect: `apt-get install expect` (Debian, Ubuntu) or `dnf install \
                 expect` (RHEL, Fedora)"
                        .to_string()
                } else {
                    format!("install {name}, or fix the script's first line")
                },
            )
        }
        Some(Interp::Path(p)) if !p.exists() => text(
            format!(
                "status 127: the interpreter {} named on the first line of {path} does not \
                 exist",
                p.display()
            ),
            "install it, or change the first line to `#!/usr/bin/env expect`".to_string(),
        ),
        _ => text(
            format!(
                "status 127: the script ran, but a program it needs was not found (127 is the \
                 shell's \"command not found\"); the daemon logs \"Expect command not found (or \
                 bad arguments) for '{t}'\""
            ),
            "check that expect and ssh are installed and in the daemon's PATH".to_string(),
        ),
    }
}

/// A problem and its fix.
fn text(problem: impl Into<String>, fix: impl Into<String>) -> (String, String) {
    (problem.into(), fix.into())
}

enum Interp {
    Env(String),
    Path(PathBuf),
}

/// The first line of a file (at most 256 bytes), without its `\n`.
fn first_line(script: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = [0u8; 256];
    let n = std::fs::File::open(script).ok()?.read(&mut head).ok()?;
    head[..n].split(|&b| b == b'\n').next().map(<[u8]>::to_vec)
}

fn interpreter(script: &Path) -> Option<Interp> {
    let first = first_line(script)?;
    let line = std::str::from_utf8(first.strip_prefix(b"#!")?).ok()?.trim();
    let mut words = line.split_whitespace();
    let prog = words.next()?;
    if prog.ends_with("/env") {
        words
            .find(|w| !w.starts_with('-'))
            .map(|w| Interp::Env(w.to_string()))
    } else {
        Some(Interp::Path(PathBuf::from(prog)))
    }
}

/// Finds `name` in `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    which_in(name, &std::env::var_os("PATH")?)
}

/// Finds `name` in the directories of `path`.
fn which_in(name: &str, path: &std::ffi::OsStr) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::split_paths(path).map(|d| d.join(name)).find(|p| {
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}

fn list_scripts(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".exp") && n != "register_host.sh")
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_env_interpreter() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s");
        std::fs::write(&p, "#!/usr/bin/env expect\n").unwrap();
        assert!(matches!(interpreter(&p), Some(Interp::Env(n)) if n == "expect"));
        std::fs::write(&p, "#!/bin/sh -e\n").unwrap();
        assert!(matches!(interpreter(&p), Some(Interp::Path(p)) if p == Path::new("/bin/sh")));
        assert!(which("sh").is_some());
    }
}
