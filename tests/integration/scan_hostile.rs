//! `scan` against hostile hosts and hostile file names (#10): a fake host (the test sshd's
//! `ForceCommand` answers the scan with a crafted stream), a TCP server that never finishes its
//! banner, and files whose names forge alert lines or carry escape sequences.

use crate::scan_ssh::ssh_env;
use crate::sshd::{Account, Kind, Sshd, account, skip};
use crate::util::{TestEnv, stderr, stdout};
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A test sshd whose account answers every command with the shell script `body` (through
/// `ForceCommand`), plus a layout that logs into it.
fn fake_host(body: &str) -> Option<(Sshd, Account, TestEnv)> {
    let a = account(Kind::Bash)?;
    // The script must exist before sshd starts; its path is in the sshd's own directory.
    let dir = tempfile::Builder::new()
        .prefix("fake-host")
        .tempdir()
        .unwrap();
    let script = dir.path().join("answer.sh");
    fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let matched = format!("User {}\n    ForceCommand {}", a.user, script.display());
    let sshd = Sshd::start_with(&[("Match", &matched)])?;
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    // Keep the script's directory for as long as the server lives.
    std::mem::forget(dir);
    Some((sshd, a, env))
}

/// A stream file for the fake host to `cat`, in a directory the test account can read.
fn stream_file(bytes: &[u8]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let p = d.path().join("stream");
    fs::write(&p, bytes).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    d
}

/// `scan ARGS…` with its own state directory; returns the output and that directory.
fn scan(env: &TestEnv, args: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let state = tempfile::tempdir().unwrap();
    let mut all = vec!["scan", "--state-dir", state.path().to_str().unwrap()];
    all.extend_from_slice(args);
    let out = env
        .cmd(&all)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (out, state)
}

fn no_baseline_in(state: &Path) {
    fn files(d: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_none_or(|x| x != "lock") {
                out.push(p);
            }
        }
    }
    let mut left = Vec::new();
    files(state, &mut left);
    assert!(left.is_empty(), "no baseline from a failed scan: {left:?}");
}

/// Runs `cmd` to the end, sampling the child's peak resident set (VmHWM) meanwhile; returns
/// the exit code, stderr and the peak in KiB.
fn run_measuring_peak(mut cmd: Command) -> (Option<i32>, String, u64) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut stderr_pipe = child.stderr.take().unwrap();
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr_pipe, &mut s).unwrap();
        s
    });
    let mut peak = 0;
    let started = Instant::now();
    let status = loop {
        if let Ok(text) = fs::read_to_string(&status_file) {
            for l in text.lines() {
                if let Some(v) = l.strip_prefix("VmHWM:") {
                    let kib: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap();
                    peak = peak.max(kib);
                }
            }
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the flood was not stopped"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    (status.code(), err.join().unwrap(), peak)
}

fn scan_stops_a_host_flooding_paths_within_a_memory_bound() {
    // An endless list of paths inside the root, and one endless path.
    for (body, limit_flag, limit_value, bound_mib) in [
        (
            "printf 'OSSEC-SCAN 1 gnu\\n/r\\0'; exec yes /r/flooding-the-client-with-names | tr '\\n' '\\0'",
            "--max-records",
            "200000",
            64,
        ),
        (
            "printf 'OSSEC-SCAN 1 gnu\\n/r/'; exec yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | tr -d '\\n'",
            // The default limits (64 KiB per path) bound this one.
            "--max-path-bytes",
            "65536",
            40,
        ),
    ] {
        let Some((sshd, a, env)) = fake_host(body) else {
            return;
        };
        let state = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("ossec-agentless"));
        cmd.env_remove("OSSEC_DIR")
            .env("NO_COLOR", "1")
            .arg("--ossec-dir")
            .arg(env.root())
            .args(["scan", "--state-dir"])
            .arg(state.path())
            .args([
                &format!("{}@127.0.0.1", a.user),
                "/r",
                limit_flag,
                limit_value,
            ]);
        let (code, err, peak_kib) = run_measuring_peak(cmd);
        eprintln!(
            "{limit_flag} {limit_value}: peak RSS {} MiB",
            peak_kib / 1024
        );
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(&format!("{}@127.0.0.1", a.user)), "{err}");
        assert!(err.contains(limit_flag), "names the limit: {err}");
        assert!(
            peak_kib < bound_mib * 1024,
            "peak RSS {peak_kib} KiB over {bound_mib} MiB"
        );
        no_baseline_in(state.path());
        drop(sshd);
    }
}

fn scan_fails_a_host_sending_records_outside_the_roots() {
    const MD5: &str = "d41d8cd98f00b204e9800998ecf8427e";
    const SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    for outside in ["/etc/shadow", "../../../../etc/x", "/r/../etc/x"] {
        let stream = format!(
            "OSSEC-SCAN 1 gnu\n/r\0/r/ok\0{outside}\0\0dff\00 0 0 81a4 /r/ok\n0 0 0 81a4 {outside}\n\0{MD5}  /r/ok\n{MD5}  {outside}\n\0{SHA1}  /r/ok\n{SHA1}  {outside}\n\0END\n"
        );
        let file = stream_file(stream.as_bytes());
        let body = format!("cat '{}/stream'", file.path().display());
        let Some((_sshd, a, env)) = fake_host(&body) else {
            return;
        };
        let target = format!("{}@127.0.0.1", a.user);
        let (out, state) = scan(&env, &[&target, "/r", "--format", "fwd"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&target) && err.contains(outside), "{err}");
        assert!(err.contains("outside the requested paths"), "{err}");
        assert!(stdout(&out).is_empty(), "nothing printed or forwarded");
        no_baseline_in(state.path());
    }
}

fn scan_shows_escape_laden_remote_text_escaped() {
    let body = "printf 'ERR \\033]52;c;Zm9yZ2Vk\\007\\033[2J\\n** Alert 1: - x\\n'; exit 3";
    let Some((_sshd, a, env)) = fake_host(body) else {
        return;
    };
    for extra in [&[][..], &["--json"][..]] {
        let mut args = vec![format!("{}@127.0.0.1", a.user), "/r".to_string()];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (out, _state) = scan(&env, &args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let all = [&out.stdout[..], &out.stderr[..]].concat();
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{all:?}");
        let text = if extra.is_empty() {
            String::from_utf8_lossy(&all).into_owned()
        } else {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            v["targets"][0]["error"].as_str().unwrap().to_string()
        };
        assert!(text.contains("\\x1b]52;c;Zm9yZ2Vk\\x07"), "{text}");
        assert!(
            !text.lines().any(|l| l.starts_with("** Alert")),
            "no forged line: {text}"
        );
    }
}

fn scan_gives_up_a_server_that_never_finishes_its_banner() {
    // A TCP server that sends lines before the SSH banner for ever.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            std::thread::spawn(move || {
                let line = b"not yet a banner, keep waiting\r\n".repeat(128);
                while conn.write_all(&line).is_ok() {}
            });
        }
    });
    let env = TestEnv::new();
    let fake = format!("nobody@127.0.0.1:{port}");
    let o = env
        .cmd(&["register-host", "add", &fake, "--password-stdin"])
        .write_stdin("secret\n")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let tree = tempfile::tempdir().unwrap();
    fs::write(tree.path().join("f"), "x").unwrap();
    let started = Instant::now();
    // One job at a time: `local` only starts once the fake host has been given up.
    let (out, _state) = scan(
        &env,
        &[
            &fake,
            tree.path().to_str().unwrap(),
            "-t",
            "local",
            "-j",
            "1",
            "--connect-timeout",
            "2",
        ],
    );
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        took < Duration::from_secs(2 + 4),
        "gave up after {took:?}, not within the connect timeout plus a margin"
    );
    assert!(stderr(&out).contains("connect timeout"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("local  "),
        "the target after it completed: {}",
        stdout(&out)
    );
}

/// The forged names: a line break followed by an alert header and a rule line, and an escape
/// sequence (clipboard write, screen clear).
const FORGED: &[&[u8]] = &[
    b"f\n** Alert 1: - x\nRule: 550 (level 7) -> 'Integrity checksum changed.'",
    b"e\x1b]52;c;Zm9yZ2Vk\x07\x1b[2J",
];

/// Scans `target` twice (baseline, then after the forged files appear, change and vanish),
/// and checks that no format meant for people shows a forged line or a raw escape byte.
fn check_forged_names_are_escaped(env: &TestEnv, target: &str) {
    let tree = tempfile::tempdir().unwrap();
    fs::set_permissions(tree.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let root = tree.path().to_str().unwrap();
    let state = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec![
            "scan",
            "--state-dir",
            state.path().to_str().unwrap(),
            target,
            root,
        ];
        all.extend_from_slice(args);
        env.cmd(&all)
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap()
    };
    let write_all = |contents: &[u8]| {
        for n in FORGED {
            let p = tree.path().join(std::ffi::OsStr::from_bytes(n));
            fs::write(&p, contents).unwrap();
            fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        }
    };
    let check = |out: &std::process::Output, what: &str| {
        let all = [&out.stdout[..], &out.stderr[..]].concat();
        assert!(!all.contains(&0x1b), "{what}: raw escape byte: {all:?}");
        let text = String::from_utf8_lossy(&all).into_owned();
        for l in text.lines() {
            assert!(!l.starts_with("** Alert 1"), "{what}: forged line: {text}");
            assert!(
                !l.starts_with("Rule: 550"),
                "{what}: forged rule line (no file changed yet): {text}"
            );
        }
        assert!(text.contains("\\x1b]52;c;Zm9yZ2Vk\\x07"), "{what}: {text}");
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    write_all(b"one\n");
    // Added: rule 554 alerts and the human table (--no-update keeps the empty baseline).
    for args in [
        &["--format", "ossec", "--no-update"][..],
        &["--no-update"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        check(&o, &format!("{target} added {args:?}"));
    }
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Deleted: rule 553 alerts.
    for n in FORGED {
        fs::remove_file(tree.path().join(std::ffi::OsStr::from_bytes(n))).unwrap();
    }
    let o = run(&["--format", "ossec", "--no-update"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    check(&o, &format!("{target} deleted"));
    let text = stdout(&o);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("** Alert")).count(),
        FORGED.len(),
        "one alert per file: {text}"
    );
    // The FWD lines keep the exact bytes of the name without a line break.
    write_all(b"two\n");
    let o = run(&["--format", "fwd", "--no-update"]);
    assert!(
        o.stdout.windows(FORGED[1].len()).any(|w| w == FORGED[1]),
        "fwd keeps bytes"
    );
}

fn scan_escapes_forged_names_locally() {
    let env = TestEnv::new();
    check_forged_names_are_escaped(&env, "local");
}

fn scan_escapes_forged_names_over_ssh() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let env = ssh_env(&sshd, &a, &["127.0.0.1"]);
    check_forged_names_are_escaped(&env, &format!("{}@127.0.0.1", a.user));
}

fn scan_follow_with_busybox_keeps_a_dangling_link_apart_from_a_crafted_sibling() {
    let Some(bb) = which_busybox() else {
        return;
    };
    let env = TestEnv::new();
    let bin = env.path("bb");
    fs::create_dir_all(&bin).unwrap();
    for a in [
        "sh", "find", "xargs", "stat", "md5sum", "sha1sum", "cat", "mktemp", "rm",
    ] {
        std::os::unix::fs::symlink(&bb, bin.join(a)).unwrap();
    }
    let tree = tempfile::tempdir().unwrap();
    let t = tree.path();
    let root = t.to_str().unwrap();
    let state = tempfile::tempdir().unwrap();
    let run = || {
        env.cmd(&[
            "scan",
            "--state-dir",
            state.path().to_str().unwrap(),
            "local",
            root,
            "--engine",
            "script",
            "--follow",
            "--json",
        ])
        .env("PATH", &bin)
        .output()
        .unwrap()
    };
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A dangling link and siblings whose names start with its name and a line break.
    std::os::unix::fs::symlink("/nonexistent/target", t.join("d")).unwrap();
    let sibling = "d\n1 2 3 81a4 y".to_string();
    fs::write(t.join(&sibling), "12345").unwrap();
    fs::write(t.join("d\nX"), "1234567").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let added = v["targets"][0]["added"].as_array().unwrap().clone();
    let find = |name: &str| {
        added
            .iter()
            .find(|r| r["path"] == format!("{root}/{name}"))
            .unwrap_or_else(|| panic!("{name:?} not among {added:#?}"))
    };
    let link = find("d");
    assert_eq!(link["type"], "symlink", "{link}");
    assert_eq!(link["size"], "/nonexistent/target".len(), "{link}");
    assert_eq!(find(&sibling)["size"], 5);
    assert_eq!(find(&sibling)["type"], "file");
    assert_eq!(find("d\nX")["size"], 7);
    assert_eq!(
        v["targets"][0]["vanished"].as_array().unwrap().len(),
        0,
        "{v}"
    );
}

fn which_busybox() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join("busybox"))
        .find(|p| p.exists());
    match found {
        Some(p) => Some(p),
        None => skip("busybox is not installed"),
    }
}

crate::tests! {
    scan_stops_a_host_flooding_paths_within_a_memory_bound,
    scan_fails_a_host_sending_records_outside_the_roots,
    scan_shows_escape_laden_remote_text_escaped,
    scan_gives_up_a_server_that_never_finishes_its_banner,
    scan_escapes_forged_names_locally,
    scan_escapes_forged_names_over_ssh,
    scan_follow_with_busybox_keeps_a_dangling_link_apart_from_a_crafted_sibling,
}
