//! The real OSSEC daemons of an existing installation, for interop tests.
//!
//! The installation is the one at `$OA_OSSEC_DIR`, else `/var/tmp/ossec-upstream/install`
//! (built from upstream outside the repository; see docs/forwarding.md). Tests need root (the
//! daemons chroot and drop to the `ossec` user). Without either, [`installation`] ends the test
//! as *ignored* with the reason: such a test could not run and must be reported so.
//!
//! [`Installation::start_analysisd`] takes a lock shared by every test process (one
//! installation, many parallel tests), replaces `etc/ossec.conf` with a throwaway
//! configuration (e-mail off, `<alert_new_files>`, the `<agentless>` blocks asked for), runs
//! `ossec-analysisd -f` as a child, and on drop stops every daemon it started, restores the
//! original `ossec.conf` byte for byte and removes the state the tests left (syscheck
//! databases, agentless markers and diffs, our own baselines). Tests use unique
//! (type, host) locations, so alerts and databases of parallel or earlier runs never mix.

#![allow(dead_code)]

use std::collections::HashSet;
use std::fs::File;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The default installation path.
pub const DEFAULT_DIR: &str = "/var/tmp/ossec-upstream/install";

/// An OSSEC server installation usable by this test process.
#[derive(Debug, Clone)]
pub struct Installation {
    dir: PathBuf,
}

/// The installation, checked for root and the `ossec` account. Without them the test is ignored
/// (a failure under CI, where `.ci/run` provides both).
pub fn installation() -> Option<Installation> {
    let dir = installation_dir();
    if !ossec_agentless::fsutil::is_root() {
        crate::harness::ignore("the real OSSEC daemons need root");
    }
    if ossec_agentless::fsutil::lookup_user("ossec").is_none() {
        crate::harness::ignore("no `ossec` account for the daemons");
    }
    Some(Installation { dir })
}

/// The directory of the real OSSEC server installation: `$OA_OSSEC_DIR`, else [`DEFAULT_DIR`].
/// Without one the test is ignored, also under CI: the installation is built from upstream's
/// source outside the repository, which a fresh machine does not have.
pub fn installation_dir() -> PathBuf {
    let dir = std::env::var_os("OA_OSSEC_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    if !dir.join("bin/ossec-analysisd").is_file() {
        crate::harness::ignore_always(format!(
            "no OSSEC installation at {} (set OA_OSSEC_DIR to one built from upstream)",
            dir.display()
        ));
    }
    dir
}

/// The throwaway configuration of one session.
#[derive(Debug, Clone)]
pub struct DaemonConfig {
    /// `<alert_new_files>yes</alert_new_files>` in `<syscheck>` (rule 554 for new paths).
    pub alert_new_files: bool,
    /// `<agentless>` blocks, as XML text.
    pub agentless: String,
}

impl Default for DaemonConfig {
    fn default() -> Self {
        DaemonConfig {
            alert_new_files: true,
            agentless: String::new(),
        }
    }
}

impl Installation {
    /// The OSSEC directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// analysisd with the default throwaway configuration (`<alert_new_files>` on).
    pub fn start_analysisd(&self) -> Analysisd {
        self.start_analysisd_with(&DaemonConfig::default())
    }

    /// analysisd with `config`; waits for the lock other test processes hold first.
    pub fn start_analysisd_with(&self, config: &DaemonConfig) -> Analysisd {
        let lock = lock(&self.dir);
        let conf_path = self.dir.join("etc/ossec.conf");
        let original = std::fs::read(&conf_path).expect("read ossec.conf");
        let before = state_entries(&self.dir);
        let text = throwaway_config(&String::from_utf8_lossy(&original), config);
        std::fs::write(&conf_path, text).expect("write the throwaway ossec.conf");
        let mut d = Analysisd {
            dir: self.dir.clone(),
            _lock: lock,
            original,
            before,
            analysisd: None,
            agentlessd: None,
        };
        // Holding the lock, no other test session runs a daemon here.
        assert!(
            !accepts(&d.queue()),
            "an ossec-analysisd not started by these tests is running on {}: stop it first",
            d.queue().display()
        );
        d.restart();
        d
    }
}

/// The session: analysisd running (unless stopped), the configuration replaced.
#[derive(Debug)]
pub struct Analysisd {
    dir: PathBuf,
    _lock: File,
    original: Vec<u8>,
    before: HashSet<PathBuf>,
    analysisd: Option<Child>,
    agentlessd: Option<Child>,
}

/// One alert of `logs/alerts/alerts.log`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// `Rule: <id>`.
    pub rule: u32,
    /// `(level <n>)`.
    pub level: u32,
    /// The rule's description.
    pub description: String,
    /// The location (`(type) host->syscheck`).
    pub location: String,
    /// The lines after the rule line.
    pub body: String,
}

impl Analysisd {
    /// analysisd's queue socket.
    pub fn queue(&self) -> PathBuf {
        self.dir.join("queue/ossec/queue")
    }

    /// The OSSEC directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The length of alerts.log now: pass it to [`Analysisd::wait_alerts`].
    pub fn alerts_mark(&self) -> u64 {
        std::fs::metadata(self.alerts_log())
            .map(|m| m.len())
            .unwrap_or(0)
    }

    fn alerts_log(&self) -> PathBuf {
        self.dir.join("logs/alerts/alerts.log")
    }

    /// The alerts written after `since`, once there are `n` of them or `timeout` passed, plus
    /// any that follow within half a second (so that extra alerts are seen too).
    pub fn wait_alerts(&self, since: u64, n: usize, timeout: Duration) -> Vec<Alert> {
        let end = Instant::now() + timeout;
        loop {
            let got = self.alerts_since(since);
            if got.len() >= n || Instant::now() >= end {
                std::thread::sleep(Duration::from_millis(500));
                return self.alerts_since(since);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The alerts written after `since` so far.
    pub fn alerts_since(&self, since: u64) -> Vec<Alert> {
        use std::io::{Read, Seek, SeekFrom};
        let mut text = Vec::new();
        if let Ok(mut f) = File::open(self.alerts_log()) {
            f.seek(SeekFrom::Start(since)).unwrap();
            f.read_to_end(&mut text).unwrap();
        }
        // Only whole alerts: the writer may be in the middle of one.
        let text = String::from_utf8_lossy(&text);
        let complete = match text.rfind("\n\n") {
            Some(i) => &text[..i + 1],
            None => "",
        };
        parse_alerts(complete)
    }

    /// The alerts after `since` of one location.
    pub fn wait_alerts_of(
        &self,
        location: &str,
        since: u64,
        n: usize,
        timeout: Duration,
    ) -> Vec<Alert> {
        let end = Instant::now() + timeout;
        loop {
            let got: Vec<Alert> = self
                .alerts_since(since)
                .into_iter()
                .filter(|a| a.location == location)
                .collect();
            if got.len() >= n || Instant::now() >= end {
                std::thread::sleep(Duration::from_millis(500));
                return self
                    .alerts_since(since)
                    .into_iter()
                    .filter(|a| a.location == location)
                    .collect();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops analysisd (the queue goes down; the socket file stays).
    pub fn stop(&mut self) {
        if let Some(c) = self.analysisd.take() {
            stop_child(c);
        }
    }

    /// Starts analysisd again (after [`Analysisd::stop`]) and waits until its queue accepts.
    pub fn restart(&mut self) {
        self.stop();
        let child = Command::new(self.dir.join("bin/ossec-analysisd"))
            .arg("-f")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ossec-analysisd");
        self.analysisd = Some(child);
        let end = Instant::now() + Duration::from_secs(30);
        loop {
            if accepts(&self.queue()) {
                break;
            }
            if let Some(c) = &mut self.analysisd
                && let Ok(Some(status)) = c.try_wait()
            {
                panic!("ossec-analysisd exited at start ({status}); see logs/ossec.log");
            }
            assert!(
                Instant::now() < end,
                "ossec-analysisd did not open its queue"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        // Let the pipeline threads start before the first record.
        std::thread::sleep(Duration::from_millis(500));
    }

    /// Starts ossec-agentlessd with the session's `<agentless>` blocks. It tests each script
    /// with `test test` at once, then runs them about a minute later, then every frequency.
    pub fn start_agentlessd(&mut self) {
        let child = Command::new(self.dir.join("bin/ossec-agentlessd"))
            .arg("-f")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ossec-agentlessd");
        self.agentlessd = Some(child);
    }

    /// The length of logs/ossec.log now.
    pub fn log_mark(&self) -> u64 {
        std::fs::metadata(self.dir.join("logs/ossec.log"))
            .map(|m| m.len())
            .unwrap_or(0)
    }

    /// Waits until logs/ossec.log has a line containing `needle` after `since`; returns the
    /// text after `since`.
    pub fn wait_log(&self, since: u64, needle: &str, timeout: Duration) -> Option<String> {
        use std::io::{Read, Seek, SeekFrom};
        let end = Instant::now() + timeout;
        loop {
            let mut text = Vec::new();
            if let Ok(mut f) = File::open(self.dir.join("logs/ossec.log")) {
                f.seek(SeekFrom::Start(since)).unwrap();
                f.read_to_end(&mut text).unwrap();
            }
            let text = String::from_utf8_lossy(&text).into_owned();
            if text.contains(needle) {
                return Some(text);
            }
            if Instant::now() >= end {
                eprintln!("ossec.log since the mark:\n{text}");
                return None;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

impl Drop for Analysisd {
    fn drop(&mut self) {
        if let Some(c) = self.agentlessd.take() {
            stop_child(c);
        }
        self.stop();
        let _ = std::fs::write(self.dir.join("etc/ossec.conf"), &self.original);
        for p in state_entries(&self.dir).difference(&self.before) {
            let _ = match std::fs::symlink_metadata(p) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
                _ => std::fs::remove_file(p),
            };
        }
    }
}

fn stop_child(mut c: Child) {
    // SIGTERM: the daemons remove their pid files and close their queues.
    unsafe {
        libc::kill(c.id() as libc::pid_t, libc::SIGTERM);
    }
    let end = Instant::now() + Duration::from_secs(20);
    while Instant::now() < end {
        if let Ok(Some(_)) = c.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = c.kill();
    let _ = c.wait();
}

fn accepts(queue: &Path) -> bool {
    UnixDatagram::unbound()
        .and_then(|s| s.connect(queue))
        .is_ok()
}

/// The lock all test processes take before using the installation.
fn lock(dir: &Path) -> File {
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".oa-tests.lock"))
        .expect("open the installation's test lock");
    f.lock().expect("lock the installation");
    f
}

/// What tests may leave in the installation: removed again when a session ends.
fn state_entries(dir: &Path) -> HashSet<PathBuf> {
    let mut set = HashSet::new();
    for d in [
        "queue/syscheck",
        "queue/agentless",
        "queue/diff",
        "agentless",
    ] {
        if let Ok(rd) = std::fs::read_dir(dir.join(d)) {
            set.extend(rd.flatten().map(|e| e.path()));
        }
    }
    set
}

/// The installation's own ossec.conf with e-mail off, only the `<rules>` block kept, and the
/// session's syscheck and agentless settings.
pub fn throwaway_config(original: &str, config: &DaemonConfig) -> String {
    let rules = match (original.find("<rules>"), original.find("</rules>")) {
        (Some(a), Some(b)) if a < b => &original[a..b + "</rules>".len()],
        _ => {
            "<rules>\n    <include>rules_config.xml</include>\n    <include>ossec_rules.xml</include>\n  </rules>"
        }
    };
    format!(
        "<!-- throwaway configuration of the ossec-agentless tests -->\n<ossec_config>\n  \
         <global>\n    <email_notification>no</email_notification>\n  </global>\n  {rules}\n  \
         <syscheck>\n    <alert_new_files>{}</alert_new_files>\n  </syscheck>\n  <alerts>\n    \
         <log_alert_level>1</log_alert_level>\n  </alerts>\n{}</ossec_config>\n",
        if config.alert_new_files { "yes" } else { "no" },
        config.agentless
    )
}

/// Parses alerts.log text.
pub fn parse_alerts(text: &str) -> Vec<Alert> {
    let mut out = Vec::new();
    for block in text.split("** Alert ").skip(1) {
        let mut lines = block.lines();
        let _stamp = lines.next();
        let Some(header) = lines.next() else { continue };
        // `<yyyy> <Mon> <dd> <hh:mm:ss> <hostname>-><location>`. For a syscheck location
        // `(type) host->syscheck` the hostname is the location itself (`X->X`); for an
        // agentless one, `(type) host->agentless` is written as it is.
        let rest = header.splitn(5, ' ').nth(4).unwrap_or(header);
        let location = rest
            .match_indices("->")
            .map(|(i, _)| i)
            .find(|&i| rest[..i] == rest[i + 2..])
            .map(|i| &rest[i + 2..])
            .or_else(|| (!rest.starts_with('(')).then(|| rest.split_once("->").map(|(_, l)| l))?)
            .unwrap_or(rest)
            .to_string();
        let Some(rule_line) = lines.next() else {
            continue;
        };
        let Some(rest) = rule_line.strip_prefix("Rule: ") else {
            continue;
        };
        let (id, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let level = rest
            .strip_prefix("(level ")
            .and_then(|r| r.split_once(')'))
            .and_then(|(n, _)| n.parse().ok())
            .unwrap_or(0);
        let description = rest
            .split_once("-> '")
            .map(|(_, d)| d.trim_end_matches('\'').to_string())
            .unwrap_or_default();
        let body: Vec<&str> = lines.collect();
        out.push(Alert {
            rule: id.parse().unwrap_or(0),
            level,
            description,
            location,
            body: body.join("\n").trim_end().to_string(),
        });
    }
    out
}

/// A location unique to this process and call: `(<prefix>_<pid>_<n>) <host>->syscheck` is
/// made of the returned type.
pub fn unique_type(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    // Fixed width: the throwaway configuration then has the same layout in every run (one run
    // saw the real agentlessd read `<state>periodic</state>` with a stray byte after it; the
    // layout of the file was the only thing that varied).
    format!(
        "{prefix}_{:07}_{:03}_{nanos:09}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

fn alerts_log_parses() {
    let text = "** Alert 1796135191.0: - ossec,syscheck,\n2026 Dec 01 14:26:31 (t) root@h->syscheck->(t) root@h->syscheck\nRule: 553 (level 7) -> 'File deleted. Unable to retrieve checksum.'\nFile '/f/a' was deleted. Unable to retrieve checksum.\n\n** Alert 1796135191.1: - ossec,syscheck,\n2026 Dec 01 14:26:31 (t) root@h->syscheck\nRule: 550 (level 7) -> 'Integrity checksum changed.'\nIntegrity checksum changed for: '/f/b'\nSize changed from '1' to '2'\n\n";
    let a = parse_alerts(text);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].rule, 553);
    assert_eq!(a[0].level, 7);
    assert_eq!(a[0].location, "(t) root@h->syscheck");
    assert_eq!(a[1].location, "(t) root@h->syscheck");
    let b = parse_alerts("** Alert 1.2: mail  - ossec,syscheck,agentless\n2026 Dec 01 15:14:19 (d) u@h->agentless\nRule: 555 (level 7) -> 'x'\nbody\n");
    assert_eq!((b[0].rule, b[0].location.as_str()), (555, "(d) u@h->agentless"));
    assert_eq!(
        a[0].description,
        "File deleted. Unable to retrieve checksum."
    );
    assert_eq!(
        a[1].body,
        "Integrity checksum changed for: '/f/b'\nSize changed from '1' to '2'"
    );
}

crate::tests! {
    alerts_log_parses,
}
