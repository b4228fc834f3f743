//! `diff` against the test sshd and the real analysisd (#13): a POSIX account whose command
//! output changes, a fake Cisco device (a login program behind `ForceCommand` that refuses
//! exec requests, shows a banner, a `>` prompt, asks for the enable password and pages with
//! `--More--`), `--forward` raising rule 555, and the `--agentless` protocol.

use crate::ossecd;
use crate::sshd::{Account, Kind, Sshd, account};
use crate::util::{TestEnv, stderr, stdout};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The enable password of the fake device; the tests look for it everywhere afterwards.
const ENABLE: &str = "En4ble-Zq7xK";

/// A Cisco-like CLI for a pty login: banner, `>` prompt, `enable` + `Password:` (no echo),
/// `terminal length 0`, `show version`, `show running-config` with `--More--` every 8 lines
/// (always, when the `pager-stuck` file exists), `exit`. Exec requests are refused.
const FAKE_DEVICE: &str = r##"#!/usr/bin/python3
import os, sys, time, termios, tty, getpass
HERE = os.path.dirname(os.path.abspath(__file__))
ENABLE = "@ENABLE@"
def w(s):
    os.write(1, s.encode())
if os.environ.get("SSH_ORIGINAL_COMMAND") is not None or not os.isatty(0):
    w("% exec requests are not supported on this device\r\n")
    sys.exit(1)
w("\r\nUser Access Verification\r\n\r\n*** fake-r1: authorised access only ***\r\n\r\n")
mode = ">"
pager = True
def readline():
    data = b""
    while not data.endswith(b"\n"):
        c = os.read(0, 1024)
        if not c:
            sys.exit(0)
        data += c
    return data.decode().strip()
def page(lines):
    n = 0
    stuck = os.path.exists(os.path.join(HERE, "pager-stuck"))
    for l in lines:
        if (pager or stuck) and n and n % 8 == 0:
            w(" --More-- ")
            old = termios.tcgetattr(0)
            tty.setcbreak(0)
            try:
                c = os.read(0, 1)
            finally:
                termios.tcsetattr(0, termios.TCSADRAIN, old)
            if c in (b"q", b"\x03"):
                w("\r\n")
                return
            w("\b" * 10 + " " * 10 + "\b" * 10)
        w(l + "\r\n")
        n += 1
while True:
    w("fake-r1" + mode)
    cmd = readline()
    if cmd == "":
        continue
    elif cmd in ("exit", "logout", "quit"):
        sys.exit(0)
    elif cmd == "enable":
        if mode == "#":
            continue
        pw = getpass.getpass("Password: ")
        if pw == ENABLE:
            mode = "#"
        else:
            w("% Access denied\r\n\r\n")
    elif cmd in ("terminal length 0", "term len 0"):
        pager = False
    elif cmd == "show version":
        page(["Cisco IOS Software, Fake Software (FAKE-K9), Version 15.2(7)",
              "fake-r1 uptime is %d minutes" % (int(time.time()) % 1000)])
    elif cmd in ("show running-config", "sh run") and mode == "#":
        with open(os.path.join(HERE, "config.txt")) as f:
            body = f.read().splitlines()
        page(["Building configuration...", "",
              "Current configuration : %d bytes" % (1000 + int(time.time() * 1000) % 997),
              "! Last configuration change at %s" % time.ctime()] + body)
    else:
        w("          ^\r\n% Invalid input detected at '^' marker.\r\n\r\n")
"##;

/// The configuration the fake device shows (after the noise lines it adds).
const CONFIG_1: &str = "!\nversion 15.2\nhostname fake-r1\n!\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\nusername admin privilege 15 secret 9 $9$abc\n!\ninterface GigabitEthernet0/1\n description uplink\n ip address 10.0.0.1 255.255.255.0\n!\nsnmp-server community pr1vate RO\nntp server 10.0.0.9\nline vty 0 4\n transport input ssh\n!\nend\n";

/// What `diff` keeps of CONFIG_1: the building line and blank line, no noise, secrets masked.
const KEPT_1: &str = "Building configuration...\n\n!\nversion 15.2\nhostname fake-r1\n!\nenable secret 5 <removed>\nusername admin privilege 15 secret 9 <removed>\n!\ninterface GigabitEthernet0/1\n description uplink\n ip address 10.0.0.1 255.255.255.0\n!\nsnmp-server community <removed>\nntp server 10.0.0.9\nline vty 0 4\n transport input ssh\n!\nend\n";

/// A layout whose known_hosts trusts the sshd and whose .passlist holds the account's password
/// (and `additional`, when given), both written by our own commands.
fn ssh_env(sshd: &Sshd, a: &Account, additional: Option<&str>) -> TestEnv {
    let env = TestEnv::new();
    env.write(".ssh/known_hosts", fs::read(sshd.known_hosts()).unwrap());
    let mut args = vec![
        "register-host".to_string(),
        "add".into(),
        format!("{}@127.0.0.1:{}", a.user, sshd.port),
        "--password-stdin".into(),
    ];
    let mut input = format!("{}\n", a.pass);
    if let Some(x) = additional {
        args.push("--additional-password-stdin".into());
        input.push_str(&format!("{x}\n"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = env.cmd(&args).write_stdin(input).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    env
}

fn diff(env: &TestEnv, state: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["diff", "--state-dir", state.to_str().unwrap()];
    all.extend_from_slice(args);
    env.cmd(&all)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

/// A world-readable directory (the test account reads it over SSH).
fn shared_dir() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    fs::set_permissions(t.path(), fs::Permissions::from_mode(0o755)).unwrap();
    t
}

fn write_public(p: &Path, text: &str) {
    fs::write(p, text).unwrap();
    fs::set_permissions(p, fs::Permissions::from_mode(0o644)).unwrap();
}

/// The one state file below `state`, and checks its mode and its directory's.
fn state_file(state: &Path) -> PathBuf {
    let dir = state.join("diff");
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "last"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    files[0].clone()
}

fn diff_over_ssh_reports_changed_command_output() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, None);
    let data = shared_dir();
    let f = data.path().join("motd");
    write_public(&f, "alpha\nbeta\ngamma\n");
    let state = tempfile::tempdir().unwrap();
    let target = format!("{}@127.0.0.1", a.user);
    let cmd = format!("cat {}; echo done", f.display());

    let o = diff(&env, state.path(), &[&target, &cmd]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
    let kept = state_file(state.path());
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        "alpha\nbeta\ngamma\ndone\n"
    );

    write_public(&f, "alpha\nBETA\ngamma\ndelta\n");
    let o = diff(&env, state.path(), &[&target, &cmd]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let changes: Vec<&str> = out
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    assert_eq!(changes, ["-beta", "+BETA", "+delta"], "{out}");
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        "alpha\nBETA\ngamma\ndelta\ndone\n"
    );

    // No change: exit 0, nothing on stdout.
    let o = diff(&env, state.path(), &[&target, &cmd]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");

    // A failed capture (unreachable host) leaves the kept output alone and exits 2.
    let before = fs::read(&kept).unwrap();
    let o = diff(
        &env,
        state.path(),
        &[
            &format!("{}@127.0.0.1:1", a.user),
            &cmd,
            "--connect-timeout",
            "3",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fs::read(&kept).unwrap(), before);
}

fn diff_takes_commands_from_ossec_conf_and_all_checks_every_entry() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, None);
    let data = shared_dir();
    let f = data.path().join("issue");
    write_public(&f, "v1\n");
    let user_host = format!("{}@127.0.0.1", a.user);
    env.write(
        "etc/ossec.conf",
        format!(
            "<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    \
             <frequency>3600</frequency>\n    <host>{user_host}</host>\n    \
             <state>periodic</state>\n    <arguments>/etc</arguments>\n  </agentless>\n  \
             <agentless>\n    <type>ssh_generic_diff</type>\n    <frequency>3600</frequency>\n    \
             <host>{user_host}</host>\n    <state>periodic_diff</state>\n    \
             <arguments>cat {}</arguments>\n  </agentless>\n</ossec_config>\n",
            f.display()
        ),
    );
    let state = tempfile::tempdir().unwrap();
    let with_port = format!("{user_host}:{}", sshd.port);
    let o = diff(&env, state.path(), &[&with_port]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        fs::read_to_string(state_file(state.path())).unwrap(),
        "v1\n"
    );
    write_public(&f, "v2\n");
    // --all finds the same entry (port from .ssh/config) and the same kept output.
    let o = diff(&env, state.path(), &["--all", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let targets = doc["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1, "{doc:#}");
    assert_eq!(targets[0]["status"], "changed");
    assert_eq!(targets[0]["type"], "ssh_generic_diff");
    assert_eq!(targets[0]["removed"], serde_json::json!(["v1"]));
    assert_eq!(targets[0]["added"], serde_json::json!(["v2"]));
    assert_eq!(doc["exit"], 1);
}

/// The daemon's path: `install-script --diff` writes the wrapper and `test-script --entry`
/// runs a periodic_diff block with it as ossec-agentlessd would (probe, then the real run over
/// SSH), and the output arrives after `STORE: now`.
fn the_installed_diff_wrapper_runs_a_periodic_diff_block_as_the_daemon_does() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, None);
    let o = env
        .cmd(&["install-script", "--diff", "--name", "oa_diff"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let data = shared_dir();
    let f = data.path().join("fstab");
    write_public(&f, "UUID=1 / ext4 defaults 0 1\nFWD: 1:2:3 /forged\n");
    env.write(
        "etc/ossec.conf",
        format!(
            "<ossec_config>\n  <agentless>\n    <type>oa_diff</type>\n    \
             <frequency>3600</frequency>\n    <host>{}@127.0.0.1</host>\n    \
             <state>periodic_diff</state>\n    <arguments>cat {}</arguments>\n  \
             </agentless>\n</ossec_config>\n",
            a.user,
            f.display()
        ),
    );
    let o = env
        .cmd(&[
            "test-script",
            "--user",
            "root",
            "--timeout",
            "60",
            "--entry",
            "1",
        ])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("UUID=1 / ext4 defaults 0 1"), "{out}");
    // The forged line is kept as output, not read as a record.
    assert!(
        out.contains("lines: 0 FWD, 2 INFO, 0 LOG, 1 STORE, 2 stored"),
        "{out}"
    );
    assert!(!out.contains(&a.pass) && !err.contains(&a.pass));
}

/// Starts an sshd whose logins for the account run the fake device.
fn device_sshd(a: &Account) -> Option<(Sshd, tempfile::TempDir)> {
    let dev = shared_dir();
    let prog = dev.path().join("fake-ios");
    fs::write(&prog, FAKE_DEVICE.replace("@ENABLE@", ENABLE)).unwrap();
    fs::set_permissions(&prog, fs::Permissions::from_mode(0o755)).unwrap();
    write_public(&dev.path().join("config.txt"), CONFIG_1);
    let force = prog.display().to_string();
    let m = format!("User {}", a.user);
    let sshd = Sshd::start_with(&[("Match", m.as_str()), ("ForceCommand", force.as_str())])?;
    Some((sshd, dev))
}

/// Every file below `d` as text.
fn all_text(d: &Path) -> String {
    let mut s = String::new();
    for e in fs::read_dir(d).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            s.push_str(&all_text(&p));
        } else {
            s.push_str(&String::from_utf8_lossy(&fs::read(&p).unwrap_or_default()));
        }
    }
    s
}

/// Command lines of every process, while `run` runs (checked every few milliseconds).
fn watch_argv<T>(run: impl FnOnce() -> T) -> (T, bool) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = AtomicBool::new(false);
    let seen = AtomicBool::new(false);
    let r = std::thread::scope(|s| {
        s.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                for e in fs::read_dir("/proc").into_iter().flatten().flatten() {
                    if let Ok(c) = fs::read(e.path().join("cmdline"))
                        && String::from_utf8_lossy(&c).contains(ENABLE)
                    {
                        seen.store(true, Ordering::Relaxed);
                    }
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        let r = run();
        stop.store(true, Ordering::Relaxed);
        r
    });
    (r, seen.load(Ordering::Relaxed))
}

fn diff_device_keeps_the_configuration_exactly_and_never_the_enable_password() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some((sshd, dev)) = device_sshd(&a) else {
        return;
    };
    let env = ssh_env(&sshd, &a, Some(ENABLE));
    let state = tempfile::tempdir().unwrap();
    let target = format!("{}@127.0.0.1", a.user);
    let mut outputs = String::new();

    // First run, with a pager the device keeps on despite `terminal length 0`.
    write_public(&dev.path().join("pager-stuck"), "");
    let (o, in_argv) = watch_argv(|| diff(&env, state.path(), &["--device", &target]));
    assert!(!in_argv, "the enable password appeared in a command line");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    outputs.push_str(&(stdout(&o) + &stderr(&o)));
    let kept = state_file(state.path());
    crate::util::assert_text_eq(KEPT_1, &fs::read_to_string(&kept).unwrap());

    // Second run, pager off, new clock and size lines: no change.
    fs::remove_file(dev.path().join("pager-stuck")).unwrap();
    let o = diff(&env, state.path(), &["--device", &target]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
    outputs.push_str(&(stdout(&o) + &stderr(&o)));

    // A changed configuration: exactly the changed lines, secrets still masked.
    let config_2 = CONFIG_1
        .replace(" description uplink\n", " description uplink to core\n")
        .replace(
            "snmp-server community pr1vate RO",
            "snmp-server community n3w RW",
        )
        .replace(
            "ntp server 10.0.0.9\n",
            "ntp server 10.0.0.9\nntp server 10.0.0.10\n",
        );
    write_public(&dev.path().join("config.txt"), &config_2);
    let o = diff(
        &env,
        state.path(),
        &["--device", "--profile", "cisco-ios", &target],
    );
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    outputs.push_str(&(out.clone() + &stderr(&o)));
    let changes: Vec<&str> = out
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    assert_eq!(
        changes,
        [
            "- description uplink",
            "+ description uplink to core",
            "+ntp server 10.0.0.10",
        ],
        "{out}"
    );
    for noise in [
        "fake-r1>",
        "fake-r1#",
        "--More--",
        "Password",
        "Current configuration",
    ] {
        assert!(!out.contains(noise), "{noise} in {out}");
        assert!(
            !fs::read_to_string(&kept).unwrap().contains(noise),
            "{noise} kept"
        );
    }
    for secret in [ENABLE, "pr1vate", "n3w RW", "$1$mERr", &a.pass] {
        assert!(!outputs.contains(secret), "{secret} in the output");
        assert!(
            !all_text(state.path()).contains(secret),
            "{secret} in the state"
        );
    }
    assert!(
        !sshd.log().contains(ENABLE),
        "enable password in the sshd log"
    );

    // A wrong enable password is an error naming no password; the kept output stays.
    let before = fs::read(&kept).unwrap();
    let env2 = ssh_env(&sshd, &a, Some("wrong-Enable-9"));
    let o = diff(&env2, state.path(), &["--device", &target]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("enable password was refused"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("wrong-Enable-9"));
    assert_eq!(fs::read(&kept).unwrap(), before);
}

fn diff_forward_raises_rule_555_in_the_real_analysisd() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(ossec) = ossecd::installation() else {
        return;
    };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, None);
    let analysisd = ossec.start_analysisd();
    std::os::unix::fs::symlink(analysisd.queue(), env.path("queue/ossec/queue")).unwrap();
    let data = shared_dir();
    let f = data.path().join("routes");
    write_public(&f, "10.0.0.0/8 via 10.0.0.1\n");
    let state = tempfile::tempdir().unwrap();
    let target = format!("{}@127.0.0.1", a.user);
    let cmd = format!("cat {}", f.display());
    let kind = format!("ssh_generic_diff_{}", std::process::id());

    let o = diff(
        &env,
        state.path(),
        &[&target, &cmd, "--forward", "--type", &kind],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    write_public(&f, "10.0.0.0/8 via 10.0.0.254\n");
    let mark = analysisd.alerts_mark();
    let o = diff(
        &env,
        state.path(),
        &[&target, &cmd, "--forward", "--type", &kind],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let location = format!("({kind}) {}->agentless", target);
    let alerts: Vec<ossecd::Alert> = analysisd
        .wait_alerts(mark, 1, Duration::from_secs(20))
        .into_iter()
        .filter(|al| al.location == location)
        .collect();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(alerts[0].rule, 555, "{alerts:?}");
    assert_eq!(
        alerts[0].description,
        "Integrity checksum for agentless device changed."
    );
    // analysisd strips the newlines (control characters) of the message.
    assert_eq!(
        alerts[0].body,
        "ossec: agentless: Change detected:1c1< 10.0.0.0/8 via 10.0.0.1---> 10.0.0.0/8 via 10.0.0.254"
    );
}

fn diff_agentless_speaks_the_periodic_diff_protocol() {
    let env = TestEnv::new();
    let o = env
        .cmd(&["diff", "--agentless", "test", "test"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    // As the daemon calls it: the host, then <arguments> split into words.
    let o = env
        .cmd(&[
            "diff",
            "--agentless",
            "--",
            "local",
            "printf",
            r"'one\nFWD: 1:2:3 /x\nsecret 5 abc\n'",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "INFO: Starting.\nSTORE: now\none\n FWD: 1:2:3 /x\nsecret 5 <removed>\nINFO: Finished.\n"
    );
    // A failed capture prints ERROR and no STORE, so the daemon keeps its last output.
    let o = env
        .cmd(&["diff", "--agentless", "--", "local", "kill", "-9", "$$"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(!out.contains("STORE:"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("ERROR: ")), "{out}");

    // install-script --diff writes a wrapper the daemon can run.
    let o = env
        .cmd(&["install-script", "--diff", "--device"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let w = String::from_utf8(env.read("agentless/ossec_agentless_diff")).unwrap();
    assert!(
        w.ends_with(" 'diff' '--agentless' '--device' -- \"$@\"\n"),
        "{w}"
    );
    let o = std::process::Command::new(env.path("agentless/ossec_agentless_diff"))
        .args(["test", "test"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A device that never shows a prompt: the wait gives up after --timeout, exit 2, no state.
fn diff_device_that_never_prompts_times_out() {
    let Some(a) = account(Kind::Bash) else { return };
    let m = format!("User {}", a.user);
    let Some(sshd) = Sshd::start_with(&[
        ("Match", m.as_str()),
        ("ForceCommand", "echo 'Welcome'; exec sleep 120"),
    ]) else {
        return;
    };
    let env = ssh_env(&sshd, &a, Some(ENABLE));
    let state = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let o = diff(
        &env,
        state.path(),
        &[
            "--device",
            "--timeout",
            "2",
            &format!("{}@127.0.0.1", a.user),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("timed out after 2 s waiting for the first prompt"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(all_text(state.path()).is_empty());
}

/// `-t` targets run in parallel; results come in input order and one unreachable host does
/// not stop the others (exit 2, the others still recorded).
fn diff_several_targets_one_unreachable() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, None);
    let state = tempfile::tempdir().unwrap();
    let good = format!("{}@127.0.0.1", a.user);
    let bad = format!("{}@127.0.0.1:1", a.user);
    let o = diff(
        &env,
        state.path(),
        &[
            "local",
            "echo here",
            "-t",
            &bad,
            "-t",
            &good,
            "--connect-timeout",
            "3",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let t = doc["targets"].as_array().unwrap();
    let summary: Vec<(&str, &str)> = t
        .iter()
        .map(|x| (x["target"].as_str().unwrap(), x["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            ("local", "created"),
            (bad.as_str(), "error"),
            (good.as_str(), "created")
        ]
    );
    assert_eq!(
        fs::read_dir(state.path().join("diff"))
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "last"))
            .count(),
        2
    );
}

crate::tests! {
    diff_over_ssh_reports_changed_command_output,
    diff_takes_commands_from_ossec_conf_and_all_checks_every_entry,
    the_installed_diff_wrapper_runs_a_periodic_diff_block_as_the_daemon_does,
    diff_device_keeps_the_configuration_exactly_and_never_the_enable_password,
    diff_forward_raises_rule_555_in_the_real_analysisd,
    diff_agentless_speaks_the_periodic_diff_protocol,
    diff_device_that_never_prompts_times_out,
    diff_several_targets_one_unreachable,
}
