//! A throwaway OpenSSH server on 127.0.0.1 for tests.
//!
//! Each [`Sshd`] has its own temp directory (0755) with host keys (ed25519 and RSA made by
//! `ssh-keygen`), config, log and a known_hosts file for it, listens on a free port found at
//! run time, and is killed on drop; when the test is failing, its log is printed. It never
//! touches the machine's own sshd, `/etc/ssh` or anyone's `~/.ssh`.
//!
//! Test accounts: `OA_TEST_USER` / `OA_TEST_PASS` (bash), `OA_TEST_DASH_USER` /
//! `OA_TEST_DASH_PASS` (login shell /bin/sh), `OA_TEST_NOISY_USER` / `OA_TEST_NOISY_PASS`
//! (profile prints text) when set; else the harness creates them (`accounts`, as root). A
//! missing sshd or account ends the test as ignored, with its reason (`harness::ignore`); with
//! `CI` set it fails the test instead.

#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

/// A test account.
#[derive(Debug, Clone)]
pub struct Account {
    /// Login name.
    pub user: String,
    /// Its password.
    pub pass: String,
    /// Its home directory.
    pub home: PathBuf,
}

/// Which test account.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// bash login shell.
    Bash,
    /// /bin/sh (dash) login shell.
    Dash,
    /// A profile that prints text at login.
    Noisy,
}

/// Ends the test as ignored because `why` (fails it under CI): [`crate::harness::ignore`]. Never
/// returns; its type lets prerequisite helpers write `return skip(…)`.
pub fn skip<T>(why: &str) -> Option<T> {
    crate::harness::ignore(why)
}

/// The account of `kind` from the environment.
pub fn account(kind: Kind) -> Option<Account> {
    let (u, p) = match kind {
        Kind::Bash => ("OA_TEST_USER", "OA_TEST_PASS"),
        Kind::Dash => ("OA_TEST_DASH_USER", "OA_TEST_DASH_PASS"),
        Kind::Noisy => ("OA_TEST_NOISY_USER", "OA_TEST_NOISY_PASS"),
    };
    let (user, pass) = match (std::env::var(u), std::env::var(p)) {
        (Ok(user), Ok(pass)) => (user, pass),
        _ => match crate::accounts::provisioned(kind) {
            Ok(up) => up,
            Err(why) => return skip(&format!("no test account: {u}/{p} are not set, and {why}")),
        },
    };
    let Some(acct) = ossec_agentless::fsutil::lookup_user(&user) else {
        return skip(&format!("{u}={user} is not an account on this machine"));
    };
    Some(Account {
        user,
        pass,
        home: acct.home,
    })
}

/// A running sshd.
pub struct Sshd {
    dir: tempfile::TempDir,
    /// Its port on 127.0.0.1.
    pub port: u16,
    child: Child,
}

impl Sshd {
    /// Starts sshd with the default test config.
    pub fn start() -> Option<Sshd> {
        Self::start_with(&[])
    }

    /// Starts sshd with some settings replaced, e.g. `("PasswordAuthentication", "no")`.
    pub fn start_with(overrides: &[(&str, &str)]) -> Option<Sshd> {
        if !Path::new(SSHD).exists() {
            return skip("/usr/sbin/sshd is missing (install openssh-server)");
        }
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return skip("the test sshd must run as root to log in other users");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
        fs::create_dir_all("/run/sshd").unwrap();
        fs::set_permissions("/run/sshd", fs::Permissions::from_mode(0o755)).unwrap();
        for (name, t, bits) in [
            ("host_ed25519", "ed25519", None),
            ("host_rsa", "rsa", Some("3072")),
        ] {
            let mut c = Command::new("ssh-keygen");
            c.args(["-q", "-t", t, "-N", "", "-C", "testhost", "-f"])
                .arg(d.join(name));
            if let Some(b) = bits {
                c.args(["-b", b]);
            }
            assert!(c.status().expect("ssh-keygen").success(), "ssh-keygen {t}");
        }
        fs::create_dir(d.join("authorized_keys")).unwrap();
        fs::set_permissions(d.join("authorized_keys"), fs::Permissions::from_mode(0o755)).unwrap();

        let mut last_log = String::new();
        for _attempt in 0..5 {
            let port = free_port();
            let config = d.join("sshd_config");
            fs::write(&config, config_text(d, port, overrides)).unwrap();
            let check = Command::new(SSHD)
                .arg("-t")
                .arg("-f")
                .arg(&config)
                .output()
                .unwrap();
            assert!(
                check.status.success(),
                "sshd -t rejected the config: {}",
                String::from_utf8_lossy(&check.stderr)
            );
            let log_path = d.join("sshd.log");
            let log = fs::File::create(&log_path).unwrap();
            let mut child = Command::new(SSHD)
                .args(["-D", "-e", "-f"])
                .arg(&config)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("start sshd");
            if wait_listening(&log_path, &mut child) {
                let sshd = Sshd { dir, port, child };
                sshd.write_known_hosts();
                return Some(sshd);
            }
            // Port taken meanwhile, most likely: try another one.
            last_log = fs::read_to_string(&log_path).unwrap_or_default();
            stop(&mut child);
        }
        panic!("sshd did not start; its log:\n{last_log}");
    }

    fn write_known_hosts(&self) {
        let mut out = String::new();
        for k in ["host_ed25519", "host_rsa"] {
            out.push_str(&format!(
                "[127.0.0.1]:{} {}\n",
                self.port,
                self.host_key_fields(k)
            ));
        }
        fs::write(self.path("known_hosts"), out).unwrap();
    }

    /// `type base64` of a host key (`host_ed25519` or `host_rsa`).
    pub fn host_key_fields(&self, name: &str) -> String {
        let text = fs::read_to_string(self.path(&format!("{name}.pub"))).unwrap();
        text.split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `SHA256:…` of a host key, from `ssh-keygen -l`.
    pub fn host_key_fingerprint(&self, name: &str) -> String {
        let out = Command::new("ssh-keygen")
            .arg("-lf")
            .arg(self.path(&format!("{name}.pub")))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_string()
    }

    /// A file in the server's directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A known_hosts file with both host keys, for the stock `ssh` client.
    pub fn known_hosts(&self) -> PathBuf {
        self.path("known_hosts")
    }

    /// Authorises `pub_line` for `user` in the server's own key directory (no home touched).
    pub fn authorize(&self, user: &str, pub_line: &str) {
        let p = self.path(&format!("authorized_keys/{user}"));
        let mut f = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&p)
            .unwrap();
        writeln!(f, "{}", pub_line.trim()).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    }

    /// The stock client logging in with only `key`; returns whether `true` ran.
    pub fn ssh_with_key(&self, user: &str, key: &Path) -> std::process::Output {
        Command::new("ssh")
            .args(["-F", "/dev/null", "-p", &self.port.to_string(), "-i"])
            .arg(key)
            .args([
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "PreferredAuthentications=publickey",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "GlobalKnownHostsFile=/dev/null",
                "-o",
            ])
            .arg(format!(
                "UserKnownHostsFile={}",
                self.known_hosts().display()
            ))
            .arg(format!("{user}@127.0.0.1"))
            .arg("true")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// The server log so far.
    pub fn log(&self) -> String {
        fs::read_to_string(self.path("sshd.log")).unwrap_or_default()
    }
}

impl Sshd {
    /// Kills the server and every session process it started (SIGKILL), as a crash would.
    pub fn kill_all(&mut self) {
        let root = self.child.id() as i32;
        let mut family = vec![root];
        let mut i = 0;
        while i < family.len() {
            for (pid, ppid) in processes() {
                if ppid == family[i] && !family.contains(&pid) {
                    family.push(pid);
                }
            }
            i += 1;
        }
        for pid in family.iter().rev() {
            // SAFETY: kill(2) on processes descended from our own sshd child.
            unsafe {
                libc::kill(*pid, libc::SIGKILL);
            }
        }
        let _ = self.child.wait();
    }
}

/// (pid, parent pid) of every process, from /proc.
fn processes() -> Vec<(i32, i32)> {
    let mut v = Vec::new();
    for e in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …; comm may contain spaces and parentheses.
        if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r)
            && let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok())
        {
            v.push((pid, ppid));
        }
    }
    v
}

impl Drop for Sshd {
    fn drop(&mut self) {
        stop(&mut self.child);
        if std::thread::panicking() {
            eprintln!(
                "---- sshd.log (port {}) ----\n{}---- end ----",
                self.port,
                self.log()
            );
        }
    }
}

fn wait_listening(log: &Path, child: &mut Child) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if fs::read_to_string(log)
            .unwrap_or_default()
            .contains("Server listening on 127.0.0.1")
        {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn stop(child: &mut Child) {
    // SAFETY: kill(2) on the pid of our own child only.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let _ = child.wait();
}

fn config_text(dir: &Path, port: u16, overrides: &[(&str, &str)]) -> String {
    let d = dir.display();
    let defaults: Vec<(&str, String)> = vec![
        ("Port", port.to_string()),
        ("ListenAddress", "127.0.0.1".into()),
        ("HostKey", format!("{d}/host_ed25519")),
        ("HostKey", format!("{d}/host_rsa")),
        ("PidFile", format!("{d}/sshd.pid")),
        (
            "AuthorizedKeysFile",
            format!("{d}/authorized_keys/%u .ssh/authorized_keys"),
        ),
        // StrictModes yes would check every parent of the key directory up to / (and /tmp
        // is world-writable). push-key's own mode fixes are checked on the files instead.
        ("StrictModes", "no".into()),
        ("UsePAM", "yes".into()),
        ("PasswordAuthentication", "yes".into()),
        ("KbdInteractiveAuthentication", "yes".into()),
        ("PubkeyAuthentication", "yes".into()),
        ("PermitRootLogin", "no".into()),
        // The default 10:30:100 drops some of many parallel connections.
        ("MaxStartups", "100:30:200".into()),
        ("MaxSessions", "50".into()),
        ("LogLevel", "VERBOSE".into()),
    ];
    let mut text = String::new();
    let mut done: Vec<&str> = Vec::new();
    for (k, v) in &defaults {
        let given: Vec<&str> = overrides
            .iter()
            .filter(|(ok, _)| ok == k)
            .map(|(_, ov)| *ov)
            .collect();
        if given.is_empty() {
            text.push_str(&format!("{k} {v}\n"));
        } else if !done.contains(k) {
            // Every override of a key is kept (several ListenAddress lines, say).
            for ov in given {
                text.push_str(&format!("{k} {ov}\n"));
            }
            done.push(k);
        }
    }
    for (k, v) in overrides {
        if !defaults.iter().any(|(dk, _)| dk == k) {
            text.push_str(&format!("{k} {v}\n"));
        }
    }
    text
}

/// A port nobody listens on right now (the OS picks it).
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}
