//! Throwaway test accounts the harness creates for the SSH tests, and removes at exit.
//!
//! `sshd::account` asks for an account of a [`Kind`]; when `OA_TEST_USER`/`OA_TEST_PASS` (or
//! the `DASH`/`NOISY` pairs) are set, those are used as given. Otherwise, when running as root on
//! a machine with OpenSSH (`/usr/sbin/sshd`) and `useradd`, the first request for a kind
//! creates one with a random password: `oa-test-<pid>` (bash), `oa-dash-<pid>` (login shell
//! `/bin/sh`), `oa-noisy-<pid>` (bash, and its `.bashrc` and `.profile` print text to stdout and
//! stderr, as some real hosts' do). [`remove_all`] deletes them when the run ends, whether tests
//! passed, failed or panicked; accounts of an earlier run that was killed are found by their
//! comment and removed by the next run. `OA_TEST_PROVISION=0` turns provisioning off (to see what
//! a machine without the accounts reports).

use crate::sshd::Kind;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

/// The comment (GECOS field) that marks an account as ours.
const MARK: &str = "ossec-agentless test account";

/// The accounts this run created, removed by [`remove_all`].
static CREATED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// `(user, password)` of a provisioned account of `kind`, or why there is none.
pub fn provisioned(kind: Kind) -> Result<(String, String), String> {
    static CELLS: [OnceLock<Result<(String, String), String>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = match kind {
        Kind::Bash => 0,
        Kind::Dash => 1,
        Kind::Noisy => 2,
    };
    CELLS[i].get_or_init(|| create(kind)).clone()
}

fn create(kind: Kind) -> Result<(String, String), String> {
    if std::env::var("OA_TEST_PROVISION").is_ok_and(|v| v == "0") {
        return Err("creating them is off (OA_TEST_PROVISION=0)".into());
    }
    if !ossec_agentless::fsutil::is_root() {
        return Err("the harness creates test accounts only as root".into());
    }
    if !Path::new("/usr/sbin/sshd").exists() {
        return Err("/usr/sbin/sshd is missing (install openssh-server)".into());
    }
    remove_stale();
    let (prefix, shell) = match kind {
        Kind::Bash => ("oa-test", "/bin/bash"),
        Kind::Dash => ("oa-dash", "/bin/sh"),
        Kind::Noisy => ("oa-noisy", "/bin/bash"),
    };
    let user = format!("{prefix}-{}", std::process::id());
    let out = Command::new("useradd")
        .args(["-m", "-s", shell, "-c", MARK])
        .arg(&user)
        .output()
        .map_err(|e| format!("useradd: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "useradd {user} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    CREATED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(user.clone());
    let pass = random_password();
    // The password goes through stdin, never argv.
    let mut child = Command::new("chpasswd")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("chpasswd: {e}"))?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{user}:{pass}\n").as_bytes())
        .map_err(|e| format!("chpasswd: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("chpasswd: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "chpasswd for {user} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    if let Kind::Noisy = kind {
        make_noisy(&user)?;
    }
    Ok((user, pass))
}

/// Prepends lines that print to stdout and stderr to the account's `.bashrc` and `.profile`.
fn make_noisy(user: &str) -> Result<(), String> {
    let acct = ossec_agentless::fsutil::lookup_user(user)
        .ok_or_else(|| format!("{user} vanished after useradd"))?;
    for f in [".bashrc", ".profile"] {
        let p = acct.home.join(f);
        let old = std::fs::read(&p).unwrap_or_default();
        let mut text =
            format!("echo 'Welcome! (printed by {f})'\necho 'more noise' >&2\n").into_bytes();
        text.extend_from_slice(&old);
        std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
        std::os::unix::fs::chown(&p, Some(acct.uid), Some(acct.gid))
            .map_err(|e| format!("{}: {e}", p.display()))?;
    }
    Ok(())
}

fn random_password() -> String {
    let mut b = [0u8; 12];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut b))
        .expect("read /dev/urandom");
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("Pw-{hex}")
}

/// Removes the accounts this run created (the harness calls it when the run ends).
pub fn remove_all() {
    let users = std::mem::take(&mut *CREATED.lock().unwrap_or_else(|p| p.into_inner()));
    for u in users {
        remove(&u);
    }
}

/// Removes accounts marked as ours whose run (the pid in the name) is gone.
fn remove_stale() {
    let Ok(passwd) = std::fs::read_to_string("/etc/passwd") else {
        return;
    };
    for line in passwd.lines() {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() < 5 || f[4] != MARK {
            continue;
        }
        let pid = f[0].rsplit('-').next().unwrap_or("");
        if pid.parse::<u32>().is_ok() && !Path::new(&format!("/proc/{pid}")).exists() {
            remove(f[0]);
        }
    }
}

/// Kills the account's processes (a session may still be ending) and deletes it with its home.
fn remove(user: &str) {
    for _ in 0..10 {
        let Some(acct) = ossec_agentless::fsutil::lookup_user(user) else {
            return;
        };
        kill_processes_of(acct.uid);
        let ok = Command::new("userdel")
            .args(["-r", user])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    eprintln!("warning: could not delete the test account {user}; delete it with userdel -r");
}

/// SIGKILLs every process whose real uid is `uid` (never uid 0).
fn kill_processes_of(uid: u32) {
    if uid == 0 {
        return;
    }
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(e.path().join("status")) else {
            continue;
        };
        let real = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u32>().ok());
        if real == Some(uid) {
            // SAFETY: kill(2) has no memory-safety preconditions.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
}
