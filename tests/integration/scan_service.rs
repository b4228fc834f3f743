//! The packaged systemd units `systemd/ossec-agentless-scan.{service,timer}` (#15): they parse,
//! fit together and pass `systemd-analyze verify`, and the service's exact command — its
//! `ExecStart=` argv with its `Environment=` — scans the hosts of ossec.conf over SSH and
//! delivers every record to the manager's queue.
//!
//! systemd is not PID 1 where the tests run, so the command is run directly: as root, and as the
//! unit's `User=`/`Group=` through `setpriv` with the files owned as an installation owns them.
//! The queue is a Unix datagram socket the test binds at `<ossec-dir>/queue/ossec/queue`, where
//! analysisd listens.

use crate::sshd::{Account, Kind, Sshd, account, skip};
use crate::util::{TestEnv, stderr, stdout};
use md5::Digest;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SERVICE: &str = "systemd/ossec-agentless-scan.service";
const TIMER: &str = "systemd/ossec-agentless-scan.timer";
/// Where the unit's ExecStart expects the binary (the package's asset).
const INSTALLED_BIN: &str = "/usr/bin/ossec-agentless";

/// A unit file: its sections in order, each with its `key=value` settings in order.
struct Unit {
    sections: Vec<(String, Vec<(String, String)>)>,
}

impl Unit {
    /// Parses systemd's unit syntax strictly: comments (`#`, `;`), `[Section]` headers,
    /// `Key=Value` lines; no continuation lines (none are used), nothing before the first section.
    fn load(rel: &str) -> Unit {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        let text = fs::read_to_string(&path).unwrap();
        let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            assert!(!line.ends_with('\\'), "{rel}:{}: continuation line", n + 1);
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                sections.push((name.to_string(), Vec::new()));
                continue;
            }
            let (k, v) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("{rel}:{}: not Key=Value: {line}", n + 1));
            let section = sections
                .last_mut()
                .unwrap_or_else(|| panic!("{rel}:{}: setting before any section", n + 1));
            section.1.push((k.trim().to_string(), v.trim().to_string()));
        }
        Unit { sections }
    }

    fn names(&self) -> Vec<&str> {
        self.sections.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Every value of `key` in `section`.
    fn all(&self, section: &str, key: &str) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|(n, _)| n == section)
            .flat_map(|(_, kv)| kv.iter().filter(|(k, _)| k == key))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The one value of `key` in `section`.
    fn one(&self, section: &str, key: &str) -> &str {
        let v = self.all(section, key);
        assert_eq!(v.len(), 1, "[{section}] {key}= must be set once: {v:?}");
        v[0]
    }

    /// `Environment=NAME=VALUE` settings.
    fn environment(&self) -> Vec<(String, String)> {
        self.all("Service", "Environment")
            .iter()
            .map(|s| {
                let (k, v) = s.split_once('=').expect("Environment=NAME=VALUE");
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    /// ExecStart's argv (plain words: no quotes, specifiers or variables are used).
    fn exec_start(&self) -> Vec<String> {
        let cmd = self.one("Service", "ExecStart");
        assert!(
            !cmd.contains(['"', '\'', '$', '%', '\\']),
            "ExecStart must stay plain words: {cmd}"
        );
        cmd.split_whitespace().map(str::to_string).collect()
    }
}

fn scan_service_units_parse_and_fit_together() {
    let service = Unit::load(SERVICE);
    let timer = Unit::load(TIMER);
    assert_eq!(service.names(), ["Unit", "Service"]);
    assert_eq!(timer.names(), ["Unit", "Timer", "Install"]);
    assert_eq!(service.one("Service", "Type"), "oneshot");
    let argv = service.exec_start();
    assert_eq!(argv[0], INSTALLED_BIN);
    assert_eq!(&argv[1..5], ["scan", "--all", "--forward", "--jobs"]);
    assert!(argv[5].parse::<usize>().unwrap() > 1, "parallel jobs");
    // Exit status 1 means "changes found": a successful run, not a failed unit.
    assert_eq!(service.one("Service", "SuccessExitStatus"), "1");
    let env = service.environment();
    let get = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("OSSEC_DIR"), Some("/var/ossec"));
    // The baselines live in the directory systemd creates for the service.
    let state = service.one("Service", "StateDirectory");
    assert_eq!(
        get("OSSEC_AGENTLESS_STATE_DIR"),
        Some(format!("/var/lib/{state}").as_str())
    );
    // The service is started by the timer only: no [Install] of its own.
    assert!(service.all("Install", "WantedBy").is_empty());
    assert_eq!(timer.one("Install", "WantedBy"), "timers.target");
    assert!(!timer.one("Timer", "OnCalendar").is_empty());
    // cargo-deb installs both files under the unit name, neither enabled nor started.
    let manifest =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(
            r#"systemd-units = { unit-scripts = "systemd/", unit-name = "ossec-agentless-scan", enable = false, start = false }"#
        ),
        "Cargo.toml's systemd-units line changed"
    );

    // systemd's own checker, with the built binary standing in for /usr/bin/ossec-agentless
    // (scripts/test-deb.sh verifies the installed files as they are).
    let Ok(out) = Command::new("systemd-analyze").arg("--version").output() else {
        skip::<()>("systemd-analyze is missing (apt-get install systemd)");
        return;
    };
    assert!(out.status.success());
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SERVICE)).unwrap();
    let service_copy = dir.path().join("ossec-agentless-scan.service");
    fs::write(
        &service_copy,
        text.replace(INSTALLED_BIN, env!("CARGO_BIN_EXE_ossec-agentless")),
    )
    .unwrap();
    let timer_copy = dir.path().join("ossec-agentless-scan.timer");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(TIMER),
        &timer_copy,
    )
    .unwrap();
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&service_copy)
        .arg(&timer_copy)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty() && out.stdout.is_empty(),
        "systemd-analyze verify: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// A tree of a few files the test account can read (it scans them over SSH).
fn tree() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    fs::set_permissions(t.path(), fs::Permissions::from_mode(0o755)).unwrap();
    for (name, body, mode) in [
        ("passwd", "root:x:0:0::/root:/bin/sh\n", 0o644),
        ("with space.conf", "a = b\n", 0o604),
        ("empty", "", 0o444),
    ] {
        let p = t.path().join(name);
        fs::write(&p, body).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
    }
    t
}

/// The datagram analysisd gets for `file` scanned on `user_host`: `8:(type) user@host->syscheck:
/// size:perm:uid:gid:md5:sha1 path` and a NUL.
fn expected_datagram(user_host: &str, file: &Path) -> Vec<u8> {
    let meta = fs::metadata(file).unwrap();
    let bytes = fs::read(file).unwrap();
    let md5 = hex(&md5::Md5::digest(&bytes));
    let sha1 = hex(&sha1::Sha1::digest(&bytes));
    let mut d = format!(
        "8:(ssh_integrity_check_linux) {user_host}->syscheck:{}:{:o}:{}:{}:{md5}:{sha1} {}",
        meta.len(),
        meta.mode() & 0o7777,
        meta.uid(),
        meta.gid(),
        file.display()
    )
    .into_bytes();
    d.push(0);
    d
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Runs the unit's ExecStart argv with the unit's environment, `OSSEC_DIR` and the state
/// directory pointed at the test's, and the binary just built standing in for the installed one.
/// With `user`, it runs under that user and group (and the user's supplementary groups), as
/// systemd runs it with `User=` and `Group=`.
fn run_service_command(
    service: &Unit,
    ossec_dir: &Path,
    state: &Path,
    user: Option<&str>,
) -> std::process::Output {
    let argv = service.exec_start();
    let bin = env!("CARGO_BIN_EXE_ossec-agentless");
    let mut c = match user {
        None => Command::new(bin),
        Some(u) => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid", u, "--regid", u, "--init-groups", "--", bin]);
            c
        }
    };
    c.args(&argv[1..]).env_clear().env("PATH", "/usr/bin:/bin");
    for (k, v) in service.environment() {
        let v = match k.as_str() {
            "OSSEC_DIR" => ossec_dir.as_os_str().to_owned(),
            "OSSEC_AGENTLESS_STATE_DIR" => state.as_os_str().to_owned(),
            _ => v.into(),
        };
        c.env(k, v);
    }
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("the service command ran for over 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// Every datagram waiting on the socket.
fn drain(sock: &UnixDatagram) -> Vec<Vec<u8>> {
    sock.set_nonblocking(true).unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; 65536];
    while let Ok(n) = sock.recv(&mut buf) {
        got.push(buf[..n].to_vec());
    }
    got
}

/// The test hosts (three loopback addresses of one sshd) as an administrator sets them up: host
/// keys in known_hosts, passwords in .passlist (by `register-host`), and two ossec.conf entries —
/// two hosts in one, one in the other — scanning `tree`.
fn service_layout(a: &Account, sshd: &Sshd, ips: &[&str], tree: &Path) -> TestEnv {
    let env = TestEnv::new();
    let mut known = String::new();
    for ip in ips {
        for k in ["host_ed25519", "host_rsa"] {
            known.push_str(&format!(
                "[{ip}]:{} {}\n",
                sshd.port,
                sshd.host_key_fields(k)
            ));
        }
        let o = env
            .cmd(&[
                "register-host",
                "add",
                &format!("{}@{ip}:{}", a.user, sshd.port),
                "--password-stdin",
            ])
            .write_stdin(format!("{}\n", a.pass))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    env.write(".ssh/known_hosts", known);
    let root = tree.to_str().unwrap();
    env.write(
        "etc/ossec.conf",
        format!(
            "<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <frequency>3600</frequency>\n    <host>{u}@{}</host>\n    <host>{u}@{}</host>\n    <state>periodic</state>\n    <arguments>{root}</arguments>\n  </agentless>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <frequency>3600</frequency>\n    <host>{u}@{}</host>\n    <state>periodic</state>\n    <arguments>{root}</arguments>\n  </agentless>\n</ossec_config>\n",
            ips[0],
            ips[1],
            ips[2],
            u = a.user
        ),
    );
    env
}

/// Every datagram a scan of `tree` on each of `ips` sends, sorted.
fn expected_all(user: &str, ips: &[&str], tree: &Path) -> Vec<String> {
    let mut want = Vec::new();
    for ip in ips {
        for f in ["passwd", "with space.conf", "empty"] {
            let d = expected_datagram(&format!("{user}@{ip}"), &tree.join(f));
            want.push(String::from_utf8_lossy(&d).into_owned());
        }
    }
    want.sort();
    want
}

fn sorted_text(got: &[Vec<u8>]) -> Vec<String> {
    let mut v: Vec<String> = got
        .iter()
        .map(|d| String::from_utf8_lossy(d).into_owned())
        .collect();
    v.sort();
    v
}

fn scan_service_command_forwards_every_hosts_records_to_the_queue() {
    let Some(a) = account(Kind::Bash) else { return };
    let ips = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];
    let listen: Vec<(&str, &str)> = ips.iter().map(|ip| ("ListenAddress", *ip)).collect();
    let Some(sshd) = Sshd::start_with(&listen) else {
        return;
    };
    let t = tree();
    let env = service_layout(&a, &sshd, &ips, t.path());
    let sock = UnixDatagram::bind(env.path("queue/ossec/queue")).unwrap();
    let state = tempfile::tempdir().unwrap();
    let service = Unit::load(SERVICE);

    // First run: new baselines, every record of every host delivered; exit 0.
    let out = run_service_command(&service, env.root(), state.path(), None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(
        sorted_text(&drain(&sock)),
        expected_all(&a.user, &ips, t.path())
    );
    assert!(!stdout(&out).contains(&a.pass) && !stderr(&out).contains(&a.pass));

    // A file changes: the next run exits 1 (the unit's SuccessExitStatus) and delivers its new
    // record from every host.
    fs::write(t.path().join("passwd"), "root:x:0:0::/root:/bin/bash\n").unwrap();
    let out = run_service_command(&service, env.root(), state.path(), None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let got = drain(&sock);
    for ip in ips {
        let d = expected_datagram(&format!("{}@{ip}", a.user), &t.path().join("passwd"));
        assert!(
            got.contains(&d),
            "{ip}: changed record missing: {:?}",
            sorted_text(&got)
        );
    }
}

/// The unit runs the command as `User=`/`Group=` (the agentless user), not as root. With the
/// files owned as an installation owns them — ossec.conf and .passlist root:<group> 0640, `.ssh`
/// the user's, the queue socket the user's (analysisd creates it), the state directory the
/// user's (systemd creates it) — the same command run under that user and group delivers every
/// record.
fn scan_service_command_runs_as_the_units_user() {
    let Some(a) = account(Kind::Bash) else { return };
    let service = Unit::load(SERVICE);
    let user = service.one("Service", "User").to_string();
    assert_eq!(service.one("Service", "Group"), user);
    let Some(acct) = ossec_agentless::fsutil::lookup_user(&user) else {
        skip::<()>(&format!(
            "no {user} account here (an OSSEC installation creates it)"
        ));
        return;
    };
    let ips = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];
    let listen: Vec<(&str, &str)> = ips.iter().map(|ip| ("ListenAddress", *ip)).collect();
    let Some(sshd) = Sshd::start_with(&listen) else {
        return;
    };
    let t = tree();
    let env = service_layout(&a, &sshd, &ips, t.path());
    let (uid, gid) = (acct.uid, acct.gid);
    let own = |rel: &str, owner: Option<u32>, mode: u32| {
        let p = env.path(rel);
        std::os::unix::fs::chown(&p, owner, Some(gid)).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
    };
    own("", Some(0), 0o750);
    own("etc", Some(0), 0o750);
    own("etc/ossec.conf", Some(0), 0o640);
    own("agentless", Some(0), 0o750);
    own("agentless/.passlist", Some(0), 0o640);
    own(".ssh", Some(uid), 0o700);
    own(".ssh/known_hosts", Some(uid), 0o644);
    own(".ssh/config", Some(uid), 0o600);
    own("queue", Some(uid), 0o750);
    own("queue/ossec", Some(uid), 0o770);
    let sock = UnixDatagram::bind(env.path("queue/ossec/queue")).unwrap();
    own("queue/ossec/queue", Some(uid), 0o660);
    let state = tempfile::tempdir().unwrap();
    std::os::unix::fs::chown(state.path(), Some(uid), Some(gid)).unwrap();

    let out = run_service_command(&service, env.root(), state.path(), Some(&user));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(
        sorted_text(&drain(&sock)),
        expected_all(&a.user, &ips, t.path())
    );
    // The baselines belong to the user, in its state directory.
    let baselines: Vec<_> = fs::read_dir(state.path()).unwrap().flatten().collect();
    assert!(!baselines.is_empty());
    for b in baselines {
        assert_eq!(b.metadata().unwrap().uid(), uid, "{}", b.path().display());
    }
}

crate::tests! {
    scan_service_units_parse_and_fit_together,
    scan_service_command_forwards_every_hosts_records_to_the_queue,
    scan_service_command_runs_as_the_units_user,
}
