//! `scan`: odd names through both engines, unreadable / vanished / symlinked files, change
//! reporting in every format, interrupted scans, idle timeout, many targets, `--forward`
//! datagrams and the `--agentless` protocol (the installed wrapper is tested in `install_script`).

use crate::util::{TestEnv, stdout};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const ODD: &[&[u8]] = &[
    b"plain",
    b"with space",
    b"new\nline",
    b"quote'd\"",
    b"*glob?[ab]",
    b"-leading-dash",
    b"; rm -rf *",
    b"non-utf8-\xff\xfe",
    b"back\\slash",
    b"tab\there",
];

fn write(dir: &Path, name: &[u8], contents: &[u8]) -> PathBuf {
    let p = dir.join(OsStr::from_bytes(name));
    std::fs::write(&p, contents).unwrap();
    p
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A tree with every odd name, a subdirectory, a symlink and a FIFO.
fn odd_tree(env: &TestEnv) -> PathBuf {
    let t = env.path("tree");
    std::fs::create_dir_all(t.join("sub dir")).unwrap();
    for (i, n) in ODD.iter().enumerate() {
        write(&t, n, format!("content {i}\n").as_bytes());
    }
    write(&t.join("sub dir"), b"-x", b"deep\n");
    std::fs::create_dir_all(t.join("; rm -rf ")).unwrap();
    write(&t.join("; rm -rf "), b"x", b"path with ; rm -rf /x\n");
    std::os::unix::fs::symlink("plain", t.join("link")).unwrap();
    let fifo = std::ffi::CString::new(t.join("fifo").as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    t
}

/// A directory of fake tools put first in PATH.
fn fake_tools(env: &TestEnv, tools: &[(&str, &str)]) -> String {
    let bin = env.path("fakebin");
    std::fs::create_dir_all(&bin).unwrap();
    for (name, body) in tools {
        let p = bin.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        chmod(&p, 0o755);
    }
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// Every path in a JSON list, as exact bytes (path_base64 when not UTF-8).
fn paths_of(list: &serde_json::Value) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut v: Vec<Vec<u8>> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| match o.get("path_base64") {
            Some(b) => base64::engine::general_purpose::STANDARD
                .decode(b.as_str().unwrap())
                .unwrap(),
            None => o["path"].as_str().unwrap().as_bytes().to_vec(),
        })
        .collect();
    v.sort();
    v
}

fn scan(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let state = env.path("state");
    let mut full = vec!["scan", "--state-dir", state.to_str().unwrap()];
    full.extend_from_slice(args);
    env.cmd(&full)
}

/// A directory of BusyBox applets for the script engine's BusyBox variant; ignores the test
/// when BusyBox is not installed.
fn busybox_path(env: &TestEnv) -> String {
    let Some(bb) = which("busybox") else {
        crate::harness::ignore("busybox is not installed (apt-get install busybox)")
    };
    let dir = env.path("bb");
    std::fs::create_dir_all(&dir).unwrap();
    for a in [
        "sh", "find", "xargs", "stat", "md5sum", "sha1sum", "cat", "mktemp", "rm",
    ] {
        std::os::unix::fs::symlink(&bb, dir.join(a)).unwrap();
    }
    dir.display().to_string()
}

/// `uid:gid` that files this process creates get (`0:0` as root), as FWD records show them.
pub(crate) fn owner_ids() -> String {
    // SAFETY: geteuid and getegid cannot fail.
    let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
    format!("{uid}:{gid}")
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
}

fn odd_names_are_scanned_exactly_by_every_engine() {
    let env = TestEnv::new();
    let t = odd_tree(&env);
    let tree = t.to_str().unwrap();
    let mut expected: Vec<Vec<u8>> = ODD
        .iter()
        .map(|n| [t.as_os_str().as_bytes(), b"/", n].concat())
        .collect();
    expected.push([t.as_os_str().as_bytes(), b"/sub dir/-x"].concat());
    expected.push([t.as_os_str().as_bytes(), b"/; rm -rf /x"].concat());
    expected.sort();

    let bb = busybox_path(&env);
    let engines: Vec<(&str, Option<String>)> =
        vec![("auto", None), ("script", None), ("script", Some(bb))];
    let mut fwd_outputs = Vec::new();
    for (engine, path) in &engines {
        // A first scan records the baseline; a second with --no-update adds nothing.
        let mut c = scan(
            &env,
            &["local", tree, "--engine", engine, "--no-update", "--json"],
        );
        if let Some(p) = path {
            c.env("PATH", p);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
        let doc = json(&out);
        let t0 = &doc["targets"][0];
        assert_eq!(t0["files"], ODD.len() + 2, "{engine} {path:?}: {t0}");
        assert_eq!(t0["records"], ODD.len() + 4, "files + symlink + fifo: {t0}");
        // Every name, byte for byte, via FWD lines (the newline name is reported, not printed).
        let mut c = scan(
            &env,
            &[
                "local",
                tree,
                "--engine",
                engine,
                "--no-update",
                "--format",
                "fwd",
            ],
        );
        if let Some(p) = path {
            c.env("PATH", p);
        }
        let out = c.output().unwrap();
        let mut names: Vec<Vec<u8>> = out
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                let sp = l.iter().position(|&b| b == b' ').unwrap();
                let rest = &l[sp + 1..];
                let sp2 = rest.iter().position(|&b| b == b' ').unwrap();
                rest[sp2 + 1..].to_vec()
            })
            .collect();
        names.push([t.as_os_str().as_bytes(), b"/new\nline"].concat());
        names.sort();
        assert_eq!(names, expected, "{engine} {path:?}");
        assert!(
            crate::util::stderr(&out).contains("new\\nline"),
            "the newline name is reported"
        );
        fwd_outputs.push(out.stdout);
    }
    // All engines agree byte for byte.
    for o in &fwd_outputs[1..] {
        assert_eq!(o, &fwd_outputs[0]);
    }
}

fn symlinks_are_links_unless_follow() {
    let env = TestEnv::new();
    let t = odd_tree(&env);
    for engine in ["auto", "script"] {
        let out = scan(
            &env,
            &[
                "local",
                t.to_str().unwrap(),
                "--engine",
                engine,
                "--no-update",
                "--json-lines",
            ],
        )
        .output()
        .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let summary: serde_json::Value = serde_json::from_slice(
            out.stdout
                .split(|&b| b == b'\n')
                .find(|l| !l.is_empty())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(summary["files"], ODD.len() + 2);
        let out = scan(
            &env,
            &[
                "local",
                t.to_str().unwrap(),
                "--engine",
                engine,
                "--no-update",
                "--follow",
                "--format",
                "fwd",
            ],
        )
        .output()
        .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let link = text
            .lines()
            .find(|l| l.ends_with("/link"))
            .expect("link hashed with --follow");
        let plain = text.lines().find(|l| l.ends_with("/plain")).unwrap();
        assert_eq!(link.split(' ').nth(1), plain.split(' ').nth(1), "{engine}");
    }
}

/// Runs the binary as `nobody`, so permissions apply (root reads everything).
fn as_nobody(env: &TestEnv, args: &[&str], path: Option<&str>) -> Option<std::process::Output> {
    if !ossec_agentless::fsutil::is_root() || which("setpriv").is_none() {
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("ossec-agentless");
    let mut c = std::process::Command::new("setpriv");
    c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
        .arg(bin)
        .arg("--ossec-dir")
        .arg(env.root())
        .args(args)
        .env("NO_COLOR", "1");
    if let Some(p) = path {
        c.env("PATH", p);
    }
    Some(c.output().unwrap())
}

fn unreadable_and_vanished_files_are_reported() {
    let env = TestEnv::new();
    chmod(env.root(), 0o755);
    let t = env.path("tree");
    std::fs::create_dir_all(t.join("closed")).unwrap();
    write(&t, b"ok", b"ok\n");
    write(&t, b"secret", b"s\n");
    write(&t.join("closed"), b"inside", b"i\n");
    write(&t, b"gone", b"g\n");
    chmod(&t.join("secret"), 0o000);
    chmod(&t.join("closed"), 0o000);
    chmod(&t, 0o777);
    let state = env.path("state");
    std::fs::create_dir_all(&state).unwrap();
    // The state directory must be the scanning user's own (a shared writable one is refused).
    if let Some(nobody) = ossec_agentless::fsutil::lookup_user("nobody") {
        std::os::unix::fs::chown(&state, Some(nobody.uid), Some(nobody.gid)).unwrap();
    }
    chmod(&state, 0o700);
    let tree = t.to_str().unwrap().to_string();
    // An md5sum that deletes `gone` first: listed by the walk, gone before it is read.
    let fake = fake_tools(
        &env,
        &[(
            "md5sum",
            &format!("rm -f '{tree}/gone'; exec /usr/bin/md5sum \"$@\""),
        )],
    );
    for engine in ["auto", "script"] {
        let args = [
            "scan",
            "--state-dir",
            state.to_str().unwrap(),
            "local",
            &tree,
            "--engine",
            engine,
            "--no-update",
            "--json",
        ];
        let out = match as_nobody(&env, &args, Some(&fake)) {
            Some(o) => o,
            None => return, // not root: cannot make files unreadable for ourselves
        };
        assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
        let doc = json(&out);
        let t0 = &doc["targets"][0];
        let unreadable = paths_of(&t0["unreadable"]);
        assert_eq!(
            unreadable,
            vec![
                format!("{tree}/closed").into_bytes(),
                format!("{tree}/secret").into_bytes()
            ],
            "{engine}: {t0}"
        );
        if engine == "script" {
            assert_eq!(
                paths_of(&t0["vanished"]),
                vec![format!("{tree}/gone").into_bytes()],
                "{t0}"
            );
            write(&t, b"gone", b"g\n");
        }
        // Human output names them too.
        let args = [
            "scan",
            "--state-dir",
            state.to_str().unwrap(),
            "local",
            &tree,
            "--engine",
            engine,
            "--no-update",
        ];
        let out = as_nobody(&env, &args, None).unwrap();
        let text = stdout(&out);
        assert!(
            text.contains(&format!("unreadable: {tree}/secret")),
            "{text}"
        );
        assert!(
            text.contains(&format!("unreadable directory: {tree}/closed")),
            "{text}"
        );
    }
}

fn change_addition_and_deletion_in_every_format() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    let changed = write(&t, b"changed", b"old\n");
    write(&t, b"deleted", b"bye\n");
    write(&t, b"same", b"same\n");
    let tree = t.to_str().unwrap();
    for engine in ["auto", "script"] {
        let state = env.path(&format!("state-{engine}"));
        let st = state.to_str().unwrap();
        let base = ["scan", "--state-dir", st, "local", tree, "--engine", engine];
        // (Re)create the starting tree, record it.
        std::fs::write(&changed, b"old\n").unwrap();
        chmod(&changed, 0o644);
        write(&t, b"deleted", b"bye\n");
        let _ = std::fs::remove_file(t.join("added"));
        let out = env.cmd(&base).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("new baseline recorded"));
        std::fs::write(&changed, b"new contents\n").unwrap();
        chmod(&changed, 0o4755);
        std::fs::remove_file(t.join("deleted")).unwrap();
        write(&t, b"added", b"hi\n");

        let run = |extra: &[&str]| {
            let mut a = base.to_vec();
            a.push("--no-update");
            a.extend_from_slice(extra);
            let out = env.cmd(&a).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{extra:?}: {}", stdout(&out));
            stdout(&out)
        };
        let human = run(&[]);
        assert!(human.contains("1 added, 1 removed, 1 changed"), "{human}");
        for s in [
            "added", "removed", "changed", "size", "perm", "4755", "md5", "sha1",
        ] {
            assert!(human.contains(s), "{s} in {human}");
        }
        let md5_old = "814fa5ca98406a903e22b43d9b610105";
        let ossec = run(&["--format", "ossec"]);
        let expected_550 = format!(
            "Rule: 550 (level 7) -> 'Integrity checksum changed.'\n\
             Integrity checksum changed for: '{tree}/changed'\n\
             Size changed from '4' to '13'\n\
             Permissions changed from 'rw-r--r--' to 'rwsr-xr-x'\n\
             Old md5sum was: '{md5_old}'\n"
        );
        assert!(ossec.contains(&expected_550), "{ossec}");
        assert!(ossec.contains(&format!(
            "Rule: 553 (level 7) -> 'File deleted. Unable to retrieve checksum.'\nFile '{tree}/deleted' was deleted. Unable to retrieve checksum.\n"
        )), "{ossec}");
        assert!(ossec.contains(&format!(
            "Rule: 554 (level 5) -> 'File added to the system.'\nNew file '{tree}/added' added to the file system.\nNew sha1sum is : '"
        )), "{ossec}");
        assert_eq!(ossec.matches("Rule: ").count(), 3, "{ossec}");
        assert!(ossec.contains("** Alert: (ssh_integrity_check_linux) local->syscheck\n"));

        let fwd = run(&["--format", "fwd"]);
        assert_eq!(fwd.lines().count(), 3, "{fwd}");
        assert!(fwd.contains(&format!(":4755:{}:", owner_ids())), "{fwd}");
        assert!(fwd.lines().all(|l| l.starts_with("FWD: ")));

        let doc: serde_json::Value = serde_json::from_str(&run(&["--json"])).unwrap();
        let t0 = &doc["targets"][0];
        assert_eq!(doc["exit"], 1);
        assert_eq!(
            paths_of(&t0["added"]),
            vec![format!("{tree}/added").into_bytes()]
        );
        assert_eq!(
            paths_of(&t0["removed"]),
            vec![format!("{tree}/deleted").into_bytes()]
        );
        let ch = &t0["changed"][0]["changes"];
        assert_eq!(ch["size"]["old"], "4");
        assert_eq!(ch["size"]["new"], "13");
        assert_eq!(ch["perm"]["new"], "4755");
        assert_eq!(ch["md5"]["old"], md5_old);
        assert!(ch.get("uid").is_none());
        assert_eq!(ch.as_object().unwrap().len(), 4, "{ch}");

        let lines = run(&["--json-lines"]);
        let events: Vec<serde_json::Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let kinds: Vec<&str> = events
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["added", "removed", "changed", "summary"]);

        // Now record it; the next scan is clean.
        let out = env.cmd(&base).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout(&out).contains("(baseline updated)"));
        let out = env.cmd(&base).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        assert!(stdout(&out).contains("no changes"));
    }
}

fn baseline_bytes(state: &Path) -> Vec<u8> {
    let dir = state.join("baselines");
    let f = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".baseline"))
        .unwrap();
    std::fs::read(f.path()).unwrap()
}

fn killed_scan_fails_and_keeps_the_baseline() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    write(&t, b"a", b"a\n");
    let tree = t.to_str().unwrap();
    let state = env.path("state");
    let st = state.to_str().unwrap();
    let args = [
        "scan",
        "--state-dir",
        st,
        "local",
        tree,
        "--engine",
        "script",
    ];
    assert_eq!(env.cmd(&args).output().unwrap().status.code(), Some(0));
    let before = baseline_bytes(&state);
    write(&t, b"b", b"b\n");
    // The whole remote side dies mid-scan (as when sshd or the connection is killed).
    let path = fake_tools(&env, &[("sha1sum", "kill -KILL 0")]);
    let out = env.cmd(&args).env("PATH", &path).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = crate::util::stderr(&out);
    assert!(err.contains("the scan did not complete"), "{err}");
    assert_eq!(baseline_bytes(&state), before);
}

fn idle_timeout_fires() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    write(&t, b"a", b"a\n");
    let path = fake_tools(&env, &[("md5sum", "sleep 30")]);
    let started = std::time::Instant::now();
    let out = scan(
        &env,
        &[
            "local",
            t.to_str().unwrap(),
            "--engine",
            "script",
            "--idle-timeout",
            "1",
        ],
    )
    .env("PATH", &path)
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        crate::util::stderr(&out).contains("idle timeout"),
        "{}",
        crate::util::stderr(&out)
    );
    assert!(started.elapsed().as_secs() < 20);
}

fn ten_targets_one_failing() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    write(&t, b"a", b"a\n");
    let tree = t.to_str().unwrap();
    let mut args = vec!["local", tree, "--json", "--jobs", "4"];
    for i in 0..9 {
        args.push("-t");
        args.push(if i == 4 {
            "nobody@unreachable.invalid"
        } else {
            "local"
        });
    }
    let out = scan(&env, &args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    let targets = doc["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 10);
    let errors: Vec<_> = targets.iter().filter(|t| t["status"] == "error").collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(targets[5]["status"], "error", "input order is kept");
    assert!(
        errors[0]["error"]
            .as_str()
            .unwrap()
            .contains("nobody@unreachable.invalid")
    );
    assert_eq!(targets.iter().filter(|t| t["status"] == "ok").count(), 9);
}

/// A damaged `.passlist` is an error naming the file, before any connection: `scan` does not
/// fall back to the key as if the host had no entry.
fn a_damaged_passlist_is_an_error_naming_the_file() {
    let env = TestEnv::new();
    // Base64 (Wazuh's form) cut short: only base64 characters, but it does not decode.
    env.write("agentless/.passlist", "cm9vdEBofHB3fAo");
    let out = scan(&env, &["root@127.0.0.1:1", "/etc"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = crate::util::stderr(&out);
    assert!(err.contains(".passlist") && err.contains("damaged base64"), "{err}");
    assert!(!err.contains("connect"), "no connection is tried: {err}");
}

fn forward_sends_agentlessd_datagrams() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    write(&t, b"a b", b"a\n");
    write(&t, b"gone", b"g\n");
    let tree = t.to_str().unwrap();
    let sock = std::os::unix::net::UnixDatagram::bind(env.path("queue/ossec/queue")).unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    let recv = || {
        let mut buf = vec![0u8; 65536];
        let n = sock.recv(&mut buf).unwrap();
        buf.truncate(n);
        buf
    };
    let out = scan(&env, &["local", tree, "--forward"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    let mut got = [recv(), recv()];
    got.sort();
    let ids = owner_ids();
    let exp_a = format!(
        "8:(ssh_integrity_check_linux) local->syscheck:2:644:{ids}:60b725f10c9c85c70d97880dfe8191b3:3f786850e387550fdab836ed7e6dc881de23001b {tree}/a b\0"
    );
    assert_eq!(String::from_utf8_lossy(&got[0]), exp_a);
    std::fs::remove_file(t.join("gone")).unwrap();
    let out = scan(&env, &["local", tree, "--forward", "--type", "my_type"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let a = recv();
    assert!(a.starts_with(b"8:(my_type) local->syscheck:2:644:"));
    let deleted = recv();
    assert_eq!(
        String::from_utf8_lossy(&deleted),
        format!("8:(my_type) local->syscheck:-1 {tree}/gone\0")
    );
}

fn agentless_protocol() {
    let env = TestEnv::new();
    let t = env.path("tree");
    std::fs::create_dir_all(&t).unwrap();
    write(&t, b"x", b"x\n");
    let tree = t.to_str().unwrap();
    // The daemon's startup probe.
    let out = env
        .cmd(&["scan", "--agentless", "--", "test", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    // Run as root in a test: the baselines go to a state directory of root's.
    let state = tempfile::tempdir().unwrap();
    let state_env = ("OSSEC_AGENTLESS_STATE_DIR", state.path());
    let ids = owner_ids();
    let x_line = format!(
        "FWD: 2:644:{ids}:401b30e3b8b5d629635a5c613cdb7919:6fcf9dfbd479ed82697fee719b9f8c610a11ff2a {tree}/x\n"
    );
    let out = env
        .cmd(&["scan", "--agentless", "--", "local", tree])
        .env(state_env.0, state_env.1)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let expected = format!("INFO: Started.\n{x_line}INFO: Finished.\n");
    crate::util::assert_text_eq(&expected, &stdout(&out));
    // A deleted file is reported on the next run, after the files that are still there.
    write(&t, b"y", b"y\n");
    let out = env
        .cmd(&["scan", "--agentless", "--", "local", tree])
        .env(state_env.0, state_env.1)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    std::fs::remove_file(t.join("y")).unwrap();
    let out = env
        .cmd(&["scan", "--agentless", "--", "local", tree])
        .env(state_env.0, state_env.1)
        .output()
        .unwrap();
    let expected_del = format!("INFO: Started.\n{x_line}FWD: -1 {tree}/y\nINFO: Finished.\n");
    crate::util::assert_text_eq(&expected_del, &stdout(&out));
    // Another <type> has its own baseline: the same paths are new there.
    let out = env
        .cmd(&[
            "scan",
            "--agentless",
            "--type",
            "other",
            "--",
            "local",
            tree,
        ])
        .env(state_env.0, state_env.1)
        .output()
        .unwrap();
    crate::util::assert_text_eq(&expected, &stdout(&out));
    let baselines = std::fs::read_dir(state.path().join("baselines"))
        .unwrap()
        .count();
    assert_eq!(baselines, 2 * 2, "two baselines and their lock files");
    let out = env
        .cmd(&["scan", "--agentless", "--", "use_su", "root@h", "/etc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "INFO: Started.");
    assert!(lines[1].starts_with("ERROR: use_su"), "{text}");
    assert_eq!(lines.len(), 2);
}

fn dry_run_writes_no_baseline_and_no_directory() {
    let env = crate::util::TestEnv::new();
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("f"), "x").unwrap();
    let state = tempfile::tempdir().unwrap();
    let st = state.path().join("state");
    let o = env
        .cmd(&[
            "scan",
            "local",
            tree.path().to_str().unwrap(),
            "--state-dir",
            st.to_str().unwrap(),
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!st.exists(), "--dry-run created {}", st.display());
}

crate::tests! {
    odd_names_are_scanned_exactly_by_every_engine,
    symlinks_are_links_unless_follow,
    unreadable_and_vanished_files_are_reported,
    change_addition_and_deletion_in_every_format,
    killed_scan_fails_and_keeps_the_baseline,
    idle_timeout_fires,
    ten_targets_one_failing,
    a_damaged_passlist_is_an_error_naming_the_file,
    forward_sends_agentlessd_datagrams,
    agentless_protocol,
    dry_run_writes_no_baseline_and_no_directory,
}
