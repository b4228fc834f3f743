//! The real OSSEC server daemons for interop tests (ossec-daemons.md): an installation built
//! from upstream source outside the repository, at `$OA_OSSEC_DIR` or
//! `/var/tmp/ossec-upstream/install`.
//!
//! Minimal version for `diff --forward` (rule 555). [`installation`] returns `None` (printing
//! `ignored: <reason>` on stderr) when there is none or we are not root. [`Installation::
//! start_analysisd`] takes a cross-process lock on the installation, and either uses an
//! analysisd of this installation that is already running (left alone), or writes a throwaway
//! `etc/ossec.conf`, starts `ossec-analysisd -f`, and on drop stops it and restores the file.

#![allow(dead_code)]

use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An OSSEC server installation.
#[derive(Debug, Clone)]
pub struct Installation {
    dir: PathBuf,
}

/// One alert from alerts.log.
#[derive(Debug, Clone)]
pub struct Alert {
    /// Rule id.
    pub rule: u32,
    /// Rule level.
    pub level: u32,
    /// Rule description.
    pub description: String,
    /// The location (after the date on the second line).
    pub location: String,
    /// The lines after the `Rule:` line, joined with `\n`.
    pub body: String,
}

/// The installation, or `None` with `ignored: reason` on stderr.
pub fn installation() -> Option<Installation> {
    let dir = installation_dir();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        crate::harness::ignore("the OSSEC daemons must be started as root");
    }
    Some(Installation { dir })
}

/// The directory of the real OSSEC server installation: `$OA_OSSEC_DIR`, else
/// `/var/tmp/ossec-upstream/install`. Without one the test is ignored, also under CI: the
/// installation is built from upstream's source outside the repository, which a fresh machine
/// does not have.
pub fn installation_dir() -> PathBuf {
    let dir = std::env::var_os("OA_OSSEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    if !dir.join("bin/ossec-analysisd").exists() {
        crate::harness::ignore_always(format!(
            "no OSSEC installation at {} (set OA_OSSEC_DIR to one built from upstream's source)",
            dir.display()
        ));
    }
    dir
}

/// Where the developers' and CI's machines keep the OSSEC build.
pub const DEFAULT_DIR: &str = "/var/tmp/ossec-upstream/install";

impl Installation {
    /// The installation directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A running analysisd for this test (see the module documentation).
    pub fn start_analysisd(&self) -> Analysisd {
        let lock = lock(&self.dir.join(".oa-tests.lock"));
        let queue = self.dir.join("queue/ossec/queue");
        if accepts(&queue) {
            return Analysisd {
                dir: self.dir.clone(),
                child: None,
                saved_conf: None,
                _lock: lock,
            };
        }
        let conf = self.dir.join("etc/ossec.conf");
        let saved = fs::read(&conf).expect("read ossec.conf");
        let rules = include_lines(&String::from_utf8_lossy(&saved));
        let text = format!(
            "<ossec_config>\n  <global>\n    <email_notification>no</email_notification>\n  \
             </global>\n  <rules>\n{rules}  </rules>\n  <alerts>\n    \
             <log_alert_level>1</log_alert_level>\n  </alerts>\n</ossec_config>\n"
        );
        fs::write(&conf, text).expect("write ossec.conf");
        let child = Command::new(self.dir.join("bin/ossec-analysisd"))
            .arg("-f")
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ossec-analysisd");
        let a = Analysisd {
            dir: self.dir.clone(),
            child: Some(child),
            saved_conf: Some(saved),
            _lock: lock,
        };
        let start = Instant::now();
        while !accepts(&queue) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "ossec-analysisd did not open {}",
                queue.display()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        a
    }
}

fn include_lines(conf: &str) -> String {
    let mut s = String::new();
    for l in conf.lines() {
        let t = l.trim();
        if t.starts_with("<include>") {
            s.push_str("    ");
            s.push_str(t);
            s.push('\n');
        }
    }
    if s.is_empty() {
        s = "    <include>rules_config.xml</include>\n    <include>ossec_rules.xml</include>\n"
            .into();
    }
    s
}

fn accepts(queue: &Path) -> bool {
    UnixDatagram::unbound()
        .and_then(|s| s.connect(queue))
        .is_ok()
}

fn lock(path: &Path) -> fs::File {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .expect("lock file");
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor we own.
    let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) };
    assert_eq!(r, 0, "flock {}", path.display());
    f
}

/// A running analysisd.
pub struct Analysisd {
    dir: PathBuf,
    child: Option<Child>,
    saved_conf: Option<Vec<u8>>,
    _lock: fs::File,
}

impl Analysisd {
    /// Its queue socket.
    pub fn queue(&self) -> PathBuf {
        self.dir.join("queue/ossec/queue")
    }

    fn alerts_log(&self) -> PathBuf {
        self.dir.join("logs/alerts/alerts.log")
    }

    /// The current end of alerts.log.
    pub fn alerts_mark(&self) -> u64 {
        fs::metadata(self.alerts_log())
            .map(|m| m.len())
            .unwrap_or(0)
    }

    /// The alerts written after `since`, once there are `n` (or when `timeout` has passed).
    pub fn wait_alerts(&self, since: u64, n: usize, timeout: Duration) -> Vec<Alert> {
        let start = Instant::now();
        loop {
            let alerts = self.read_alerts(since);
            if alerts.len() >= n || start.elapsed() >= timeout {
                return alerts;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn read_alerts(&self, since: u64) -> Vec<Alert> {
        let Ok(mut f) = fs::File::open(self.alerts_log()) else {
            return Vec::new();
        };
        let mut text = Vec::new();
        if f.seek(SeekFrom::Start(since)).is_err() || f.read_to_end(&mut text).is_err() {
            return Vec::new();
        }
        let text = String::from_utf8_lossy(&text);
        let mut out = Vec::new();
        for block in text.split("** Alert ").skip(1) {
            // A block still being written has no blank line yet.
            if !block.contains("\n\n") {
                continue;
            }
            let mut lines = block.lines().skip(1);
            let Some(loc_line) = lines.next() else {
                continue;
            };
            // "2026 Dec 01 14:28:57 <location>"
            let location = loc_line.splitn(5, ' ').nth(4).unwrap_or("").to_string();
            let Some(rule_line) = lines.next() else {
                continue;
            };
            let Some(rest) = rule_line.strip_prefix("Rule: ") else {
                continue;
            };
            let (id, rest) = rest.split_once(" (level ").unwrap_or(("0", rest));
            let (level, rest) = rest.split_once(") -> '").unwrap_or(("0", rest));
            let description = rest.strip_suffix('\'').unwrap_or(rest).to_string();
            let body: Vec<&str> = lines.take_while(|l| !l.is_empty()).collect();
            out.push(Alert {
                rule: id.trim().parse().unwrap_or(0),
                level: level.trim().parse().unwrap_or(0),
                description,
                location,
                body: body.join("\n"),
            });
        }
        out
    }
}

impl Drop for Analysisd {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            // SAFETY: kill(2) on the pid of our own child.
            unsafe {
                libc::kill(c.id() as i32, libc::SIGTERM);
            }
            let _ = c.wait();
        }
        if let Some(saved) = self.saved_conf.take() {
            let _ = fs::write(self.dir.join("etc/ossec.conf"), saved);
        }
    }
}
