//! `scan` over SSH against the test sshd: exact names, changes, a crash, the idle timeout,
//! host-key refusal and many hosts at once (#5).
//!
//! The monitored tree lives on this machine, so the remote scan (the POSIX sh script, run by
//! the test account over SSH) and `scan local` (in-process) must agree byte for byte.

use crate::sshd::{Account, Kind, Sshd, account};
use crate::util::{TestEnv, stderr, stdout};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A layout whose known_hosts trusts the sshd and whose .passlist holds the account's password
/// (and its port in .ssh/config), both written by our own commands.
pub(crate) fn ssh_env(sshd: &Sshd, a: &Account, hosts: &[&str]) -> TestEnv {
    let env = TestEnv::new();
    env.write(".ssh/known_hosts", fs::read(sshd.known_hosts()).unwrap());
    for h in hosts {
        let o = env
            .cmd(&[
                "register-host",
                "add",
                &format!("{}@{h}:{}", a.user, sshd.port),
                "--password-stdin",
            ])
            .write_stdin(format!("{}\n", a.pass))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    env
}

/// A world-readable tree with awkward names.
fn tree() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    fs::set_permissions(t.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let names: &[&[u8]] = &[
        b"plain.conf",
        b"with space",
        b"new\nline",
        b"quote'\"s",
        b"glob*?[x]",
        b"-leading-dash",
        b"; rm -rf x",
        b"latin1-\xe9",
    ];
    for n in names {
        let p = t.path().join(std::ffi::OsStr::from_bytes(n));
        fs::write(&p, [n, &b" contents\n"[..]].concat()).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    }
    fs::create_dir(t.path().join("sub dir")).unwrap();
    fs::set_permissions(t.path().join("sub dir"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(t.path().join("sub dir/inner"), "x").unwrap();
    std::os::unix::fs::symlink("plain.conf", t.path().join("link")).unwrap();
    t
}

fn scan(env: &TestEnv, state: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["scan", "--state-dir", state.to_str().unwrap()];
    all.extend_from_slice(args);
    env.cmd(&all)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

/// Every file below `d` with its bytes.
fn dir_bytes(d: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v = Vec::new();
    for e in fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            v.extend(dir_bytes(&p));
        } else {
            v.push((p.clone(), fs::read(&p).unwrap()));
        }
    }
    v.sort();
    v
}

fn ssh_scan_matches_the_local_scan_byte_for_byte() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    let t = tree();
    let root = t.path().to_str().unwrap();
    let state = tempfile::tempdir().unwrap();
    let remote = scan(
        &env,
        state.path(),
        &[&format!("{}@127.0.0.1", a.user), root, "--format", "fwd"],
    );
    assert_eq!(remote.status.code(), Some(0), "{}", stderr(&remote));
    let local = scan(&env, state.path(), &["local", root, "--format", "fwd"]);
    assert_eq!(local.status.code(), Some(0), "{}", stderr(&local));
    assert_eq!(stdout(&remote), stdout(&local));
    let fwd = stdout(&remote);
    for name in [
        "plain.conf",
        "with space",
        "quote'\"s",
        "glob*?[x]",
        "-leading-dash",
        "; rm -rf x",
        "sub dir/inner",
    ] {
        assert!(
            fwd.contains(&format!("{root}/{name}\n")),
            "{name} missing:\n{fwd}"
        );
    }
    assert!(fwd.starts_with("FWD: "), "{fwd}");
    assert!(!fwd.contains(&a.pass) && !stderr(&remote).contains(&a.pass));
    // The name with a newline cannot be a FWD line; it is reported, not dropped silently.
    assert!(
        stderr(&remote).contains("line break"),
        "{}",
        stderr(&remote)
    );
    // Both engines recorded the same baseline records (names with newlines and the symlink
    // included): a second run of each against the other's tree state reports no change.
    let again = scan(
        &env,
        state.path(),
        &[
            &format!("{}@127.0.0.1", a.user),
            root,
            "--json",
            "--no-update",
        ],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["targets"][0]["records"], 10, "{v}");
}

fn ssh_scan_reports_a_change_an_addition_and_a_deletion() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    let t = tree();
    let root = t.path().to_str().unwrap();
    let target = format!("{}@127.0.0.1", a.user);
    let state = tempfile::tempdir().unwrap();
    let first = scan(&env, state.path(), &[&target, root]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    fs::write(
        t.path().join("plain.conf"),
        "changed, and longer than before\n",
    )
    .unwrap();
    fs::write(t.path().join("added"), "new\n").unwrap();
    fs::set_permissions(t.path().join("added"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(t.path().join("with space")).unwrap();
    let second = scan(&env, state.path(), &[&target, root, "--json"]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    let text = stdout(&second);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = v.to_string();
    assert!(
        s.contains("plain.conf") && s.contains("added") && s.contains("with space"),
        "{s}"
    );
    assert_eq!(s.matches("plain.conf").count(), 1, "{s}");
    // Nothing changed since: exit 0.
    let third = scan(&env, state.path(), &[&target, root]);
    assert_eq!(third.status.code(), Some(0), "{}", stdout(&third));
}

/// A sparse file that takes the target several seconds to hash, silently.
fn slow_file(dir: &Path) {
    let f = fs::File::create(dir.join("big.img")).unwrap();
    f.set_len(12 * 1024 * 1024 * 1024).unwrap();
    fs::set_permissions(dir.join("big.img"), fs::Permissions::from_mode(0o644)).unwrap();
}

fn sshd_killed_mid_scan_exits_2_and_keeps_the_baseline() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(mut sshd) = Sshd::start() else {
        return;
    };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    let t = tree();
    let root = t.path().to_str().unwrap().to_string();
    let target = format!("{}@127.0.0.1", a.user);
    let state = tempfile::tempdir().unwrap();
    assert_eq!(
        scan(&env, state.path(), &[&target, &root]).status.code(),
        Some(0)
    );
    let before = dir_bytes(state.path());
    assert!(!before.is_empty());
    slow_file(t.path());
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_ossec-agentless"))
        .arg("--ossec-dir")
        .arg(env.root())
        .args([
            "scan",
            "--state-dir",
            state.path().to_str().unwrap(),
            &target,
            &root,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    sshd.kill_all();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(&target), "{}", stderr(&out));
    assert_eq!(dir_bytes(state.path()), before, "the baseline changed");
}

fn idle_timeout_fires_on_a_silent_host() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    let t = tempfile::tempdir().unwrap();
    fs::set_permissions(t.path(), fs::Permissions::from_mode(0o755)).unwrap();
    slow_file(t.path());
    let state = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = scan(
        &env,
        state.path(),
        &[
            &format!("{}@127.0.0.1", a.user),
            t.path().to_str().unwrap(),
            "--idle-timeout",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("idle timeout"), "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(20));
    let left: Vec<_> = dir_bytes(state.path())
        .into_iter()
        .filter(|f| f.0.extension().is_none_or(|e| e != "lock"))
        .collect();
    assert!(
        left.is_empty(),
        "no baseline from a failed scan: {:?}",
        left.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
}

fn a_changed_host_key_is_refused_even_with_accept_new() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    // Replace the ed25519 entry with another ed25519 key.
    let key = env.path("other");
    assert!(
        std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&key)
            .status()
            .unwrap()
            .success()
    );
    let other: Vec<String> = fs::read_to_string(key.with_extension("pub"))
        .unwrap()
        .split_whitespace()
        .take(2)
        .map(String::from)
        .collect();
    let kh = format!("[127.0.0.1]:{} {} {}\n", sshd.port, other[0], other[1]);
    env.write(".ssh/known_hosts", &kh);
    let state = tempfile::tempdir().unwrap();
    let out = scan(
        &env,
        state.path(),
        &[
            &format!("{}@127.0.0.1", a.user),
            "/etc/hostname",
            "--accept-new",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("HOST KEY CHANGED"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(env.path(".ssh/known_hosts")).unwrap(),
        kh
    );
    // Unknown key without a flag: refused, with the flag to use.
    env.write(".ssh/known_hosts", "");
    let out = scan(
        &env,
        state.path(),
        &[&format!("{}@127.0.0.1", a.user), "/etc/hostname"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--accept-new"), "{}", stderr(&out));
}

fn ten_targets_in_parallel_one_unreachable() {
    let Some(a) = account(Kind::Bash) else { return };
    let ips: Vec<String> = (1..=9).map(|i| format!("127.0.0.{i}")).collect();
    let listen: Vec<(&str, &str)> = ips
        .iter()
        .map(|ip| ("ListenAddress", ip.as_str()))
        .collect();
    let Some(sshd) = Sshd::start_with(&listen) else {
        return;
    };
    let hosts: Vec<&str> = ips.iter().map(String::as_str).collect();
    let env = ssh_env(&sshd, &a, &hosts);
    let t = tree();
    let root = t.path().to_str().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec![
        format!("{}@{}", a.user, ips[0]),
        root.to_string(),
        "--accept-new".into(),
    ];
    for ip in &ips[1..5] {
        args.extend(["--target".into(), format!("{}@{ip}", a.user)]);
    }
    // Port 1 on loopback: nothing listens, the connection is refused.
    args.extend(["--target".into(), format!("{}@127.0.0.1:1", a.user)]);
    for ip in &ips[5..] {
        args.extend(["--target".into(), format!("{}@{ip}", a.user)]);
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = scan(&env, state.path(), &argv);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains(&format!("{}@127.0.0.1:1", a.user)), "{err}");
    let text = stdout(&out);
    // Nine results, in the order given.
    let mut last = 0;
    for ip in &ips {
        let at = text
            .find(&format!("{}@{ip}", a.user))
            .unwrap_or_else(|| panic!("{ip} missing:\n{text}"));
        assert!(at >= last, "results out of order:\n{text}");
        last = at;
    }
}

fn paths_come_from_ossec_conf_without_path_and_with_all() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    let t = tree();
    let root = t.path().to_str().unwrap();
    env.write(
        "etc/ossec.conf",
        format!(
            "<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <frequency>3600</frequency>\n    <host>{u}@127.0.0.1</host>\n    <state>periodic</state>\n    <arguments>{root}/sub\\ dir {root}/plain.conf</arguments>\n  </agentless>\n  <agentless>\n    <type>ssh_generic_diff</type>\n    <host>{u}@127.0.0.1</host>\n    <state>periodic_diff</state>\n    <arguments>ls /</arguments>\n  </agentless>\n</ossec_config>\n",
            u = a.user
        ),
    );
    let state = tempfile::tempdir().unwrap();
    let one = scan(
        &env,
        state.path(),
        &[&format!("{}@127.0.0.1", a.user), "--format", "fwd"],
    );
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    // The entry's words, split as the daemon's shell would: `{root}/sub\` and `dir` are two
    // words (OSSEC cannot express a space in a path); plain.conf is scanned.
    assert!(
        stdout(&one).contains(&format!("{root}/plain.conf\n")),
        "{}",
        stdout(&one)
    );
    let all = scan(&env, state.path(), &["--all", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(v["targets"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["targets"][0]["target"], format!("{}@127.0.0.1", a.user));
    // A host without an integrity-check entry needs PATHs.
    let none = scan(&env, state.path(), &["nobody@127.0.0.1"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("no ssh_integrity_check_* entry for nobody@127.0.0.1"),
        "{}",
        stderr(&none)
    );
}

/// The whole daemon path: `install-script` writes the wrapper, and `test-script` runs it as
/// ossec-agentlessd would (probe, then `<wrapper> user@host paths`), over SSH with the host's
/// `.passlist` password and verified host key.
fn the_installed_wrapper_scans_over_ssh_as_the_daemon_runs_it() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    let o = env
        .cmd(&["install-script", "--name", "oa_scan"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // The test runs as root; `--user root` stands in for the agentless user, with a state
    // directory of root's for the wrapper's baselines (as root it refuses the agentless
    // user's).
    let me = "root".to_string();
    let state = tempfile::tempdir().unwrap();
    let o = env
        .cmd(&[
            "test-script",
            "--user",
            &me,
            "--timeout",
            "60",
            "oa_scan",
            &format!("{}@127.0.0.1", a.user),
            "/etc/hostname /etc/passwd",
        ])
        .env("OSSEC_AGENTLESS_STATE_DIR", state.path())
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("passed"), "{out}");
    assert!(out.contains("lines: 2 FWD"), "{out}");
    assert!(
        out.contains(" /etc/hostname\n") && out.contains(" /etc/passwd\n"),
        "{out}"
    );
    assert!(!out.contains(&a.pass) && !err.contains(&a.pass));
}

crate::tests! {
    ssh_scan_matches_the_local_scan_byte_for_byte,
    ssh_scan_reports_a_change_an_addition_and_a_deletion,
    sshd_killed_mid_scan_exits_2_and_keeps_the_baseline,
    idle_timeout_fires_on_a_silent_host,
    a_changed_host_key_is_refused_even_with_accept_new,
    ten_targets_in_parallel_one_unreachable,
    paths_come_from_ossec_conf_without_path_and_with_all,
    the_installed_wrapper_scans_over_ssh_as_the_daemon_runs_it,
}
