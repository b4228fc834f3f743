//! Root never acts through what a less-trusted user controls (#9): links and hard links planted
//! in the agentless user's `.ssh` for every command that opens a file there, the scripts'
//! environment, executables run as root, state directories, and one verdict on host strings
//! from every command that takes a host.
//!
//! The planted files stand for what the agentless user (the bash test account, which
//! owns the planted links) can do in `.ssh`; the target is a root-only file outside the OSSEC
//! directory. These tests need root (only root can have a root-only file to protect).

use crate::sshd::{Kind, Sshd, account, skip};
use crate::util::{TestEnv, stderr};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A root-only file (0600 in a 0700 directory) the attacker would like root to leak or chown,
/// and a path in the same directory that a dangling link points at.
struct Secret {
    _dir: tempfile::TempDir,
    path: PathBuf,
    absent: PathBuf,
    content: Vec<u8>,
    meta: (u32, u32, u32, u64),
}

impl Secret {
    fn new() -> Secret {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("root-only");
        let content = format!("ROOT-ONLY-SECRET-{}\n", std::process::id()).into_bytes();
        fs::write(&path, &content).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let m = fs::metadata(&path).unwrap();
        Secret {
            absent: dir.path().join("created-by-root"),
            meta: (m.uid(), m.gid(), m.mode(), m.ino()),
            _dir: dir,
            path,
            content,
        }
    }

    /// The target is unchanged, the dangling link's target was not created, and no other file
    /// under `root` holds the secret.
    #[track_caller]
    fn assert_untouched(&self, root: &Path, what: &str) {
        let m = fs::metadata(&self.path).unwrap();
        assert_eq!(
            (m.uid(), m.gid(), m.mode(), m.ino()),
            self.meta,
            "{what}: owner/mode changed"
        );
        assert_eq!(fs::read(&self.path).unwrap(), self.content, "{what}");
        assert!(
            !self.absent.exists(),
            "{what}: the link's target was created"
        );
        for (p, bytes) in files_under(root) {
            let ino = fs::metadata(&p).unwrap().ino();
            if ino != self.meta.3 {
                assert!(
                    !bytes.windows(self.content.len()).any(|w| w == self.content),
                    "{what}: the secret was copied into {}",
                    p.display()
                );
            }
        }
    }
}

/// Every regular file (not links) below `d`, with its bytes.
fn files_under(d: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v = Vec::new();
    for e in fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        let m = fs::symlink_metadata(&p).unwrap();
        if m.is_dir() {
            v.extend(files_under(&p));
        } else if m.is_file() {
            v.push((p.clone(), fs::read(&p).unwrap()));
        }
    }
    v
}

/// The `.baseline` files below `d` (lock files aside).
fn baselines(d: &Path) -> Vec<PathBuf> {
    files_under(d)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.extension().is_some_and(|e| e == "baseline"))
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Plant {
    /// A symbolic link to the root-only file.
    Link,
    /// A symbolic link to a file that does not exist.
    Dangling,
    /// A hard link to the root-only file.
    HardLink,
}

const PLANTS: [Plant; 3] = [Plant::Link, Plant::Dangling, Plant::HardLink];

/// Replaces `rel` in `env` by `kind`, owned (for links) by the test account.
fn plant(env: &TestEnv, rel: &str, kind: Plant, secret: &Secret) -> PathBuf {
    let p = env.path(rel);
    let _ = fs::remove_file(&p);
    match kind {
        Plant::Link => std::os::unix::fs::symlink(&secret.path, &p).unwrap(),
        Plant::Dangling => std::os::unix::fs::symlink(&secret.absent, &p).unwrap(),
        Plant::HardLink => fs::hard_link(&secret.path, &p).unwrap(),
    }
    if let (Plant::Link | Plant::Dangling, Some(a)) = (kind, agentless_like()) {
        std::os::unix::fs::lchown(&p, Some(a.uid), Some(a.gid)).unwrap();
    }
    p
}

/// The test account standing for the agentless user (the harness provides it as root; without
/// it the test is ignored).
fn agentless_like() -> Option<ossec_agentless::fsutil::Account> {
    let a = account(Kind::Bash)?;
    ossec_agentless::fsutil::lookup_user(&a.user)
}

fn need_root() -> Option<()> {
    if ossec_agentless::fsutil::is_root() {
        Some(())
    } else {
        skip("needs root: only root has root-only files to protect")
    }
}

#[track_caller]
fn assert_refused(out: &std::process::Output, planted: &Path, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(
        err.contains(&planted.display().to_string()),
        "{what}: the error does not name {}: {err}",
        planted.display()
    );
    assert!(
        err.contains("symbolic link") || err.contains("hard link"),
        "{what}: {err}"
    );
}

fn ssh_dir(env: &TestEnv) {
    fs::create_dir_all(env.path(".ssh")).unwrap();
    fs::set_permissions(env.path(".ssh"), fs::Permissions::from_mode(0o700)).unwrap();
}

fn register_host_add_refuses_planted_ssh_config_and_lock() {
    let Some(()) = need_root() else { return };
    for rel in [".ssh/config", ".ssh/config.lock"] {
        for kind in PLANTS {
            let what = format!("register-host add, {rel} as {kind:?}");
            let secret = Secret::new();
            let env = TestEnv::new();
            ssh_dir(&env);
            let planted = plant(&env, rel, kind, &secret);
            let out = env
                .cmd(&["register-host", "add", "monitor@web01:2222", "--nopass"])
                .output()
                .unwrap();
            assert_refused(&out, &planted, &what);
            secret.assert_untouched(env.root(), &what);
            assert!(
                !env.path("agentless/.passlist").exists(),
                "{what}: .passlist written although the run failed"
            );
        }
    }
}

fn register_host_remove_refuses_planted_ssh_config_and_lock() {
    let Some(()) = need_root() else { return };
    for rel in [".ssh/config", ".ssh/config.lock"] {
        for kind in PLANTS {
            let what = format!("register-host remove, {rel} as {kind:?}");
            let secret = Secret::new();
            let env = TestEnv::new();
            let o = env
                .cmd(&["register-host", "add", "monitor@web01:2222", "--nopass"])
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            let passlist = env.read("agentless/.passlist");
            let planted = plant(&env, rel, kind, &secret);
            let out = env
                .cmd(&["register-host", "remove", "monitor@web01"])
                .output()
                .unwrap();
            assert_refused(&out, &planted, &what);
            secret.assert_untouched(env.root(), &what);
            assert_eq!(env.read("agentless/.passlist"), passlist, "{what}");
        }
    }
}

fn keygen_force_refuses_planted_keys() {
    let Some(()) = need_root() else { return };
    for rel in [".ssh/id_ed25519", ".ssh/id_ed25519.pub"] {
        for kind in PLANTS {
            let what = format!("keygen --force, {rel} as {kind:?}");
            let secret = Secret::new();
            let env = TestEnv::new();
            ssh_dir(&env);
            let planted = plant(&env, rel, kind, &secret);
            let out = env.cmd(&["keygen", "--force"]).output().unwrap();
            assert_refused(&out, &planted, &what);
            secret.assert_untouched(env.root(), &what);
            // Nothing created: only the planted file is in .ssh.
            assert_eq!(fs::read_dir(env.path(".ssh")).unwrap().count(), 1, "{what}");
        }
    }
}

fn register_host_add_refuses_an_ssh_dir_owned_by_another_user() {
    let Some(()) = need_root() else { return };
    let Some(other) = agentless_like() else {
        return;
    };
    let agentless =
        ossec_agentless::layout::agentless_owner(ossec_agentless::layout::Flavour::Ossec);
    if agentless.map(|(u, _)| u) == Some(other.uid) {
        return; // the test account is the agentless user here: its .ssh is legitimate
    }
    let env = TestEnv::new();
    ssh_dir(&env);
    std::os::unix::fs::chown(env.path(".ssh"), Some(other.uid), Some(other.gid)).unwrap();
    let out = env
        .cmd(&["register-host", "add", "monitor@web01:2222", "--nopass"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&env.path(".ssh").display().to_string()) && err.contains("owned by"),
        "{err}"
    );
    assert!(!env.path(".ssh/config").exists());
    assert!(!env.path(".ssh/config.lock").exists());
}

/// A layout whose .passlist has the account's password and whose .ssh/config has the port.
fn registered(sshd: &Sshd, user: &str, pass: &str) -> TestEnv {
    let env = TestEnv::new();
    let o = env
        .cmd(&[
            "register-host",
            "add",
            &format!("{user}@127.0.0.1:{}", sshd.port),
            "--password-stdin",
        ])
        .write_stdin(format!("{pass}\n"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    env
}

fn scan_accept_new_refuses_planted_known_hosts_lock_and_config() {
    let Some(()) = need_root() else { return };
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    for rel in [".ssh/known_hosts", ".ssh/known_hosts.lock", ".ssh/config"] {
        for kind in PLANTS {
            let what = format!("scan --accept-new, {rel} as {kind:?}");
            let secret = Secret::new();
            let env = registered(&sshd, &a.user, &a.pass);
            let planted = plant(&env, rel, kind, &secret);
            let state = tempfile::tempdir().unwrap();
            let out = env
                .cmd(&[
                    "scan",
                    "--state-dir",
                    state.path().to_str().unwrap(),
                    &format!("{}@127.0.0.1", a.user),
                    "/etc/hostname",
                    "--accept-new",
                ])
                .timeout(Duration::from_secs(120))
                .output()
                .unwrap();
            assert_refused(&out, &planted, &what);
            secret.assert_untouched(env.root(), &what);
            assert!(
                baselines(state.path()).is_empty(),
                "{what}: baseline written"
            );
        }
    }
}

fn scan_refuses_a_planted_private_key() {
    let Some(()) = need_root() else { return };
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    for kind in PLANTS {
        let what = format!("scan with NOPASS, .ssh/id_ed25519 as {kind:?}");
        let secret = Secret::new();
        let env = TestEnv::new();
        env.write(".ssh/known_hosts", fs::read(sshd.known_hosts()).unwrap());
        let o = env
            .cmd(&[
                "register-host",
                "add",
                &format!("{}@127.0.0.1:{}", a.user, sshd.port),
                "--nopass",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let planted = plant(&env, ".ssh/id_ed25519", kind, &secret);
        let state = tempfile::tempdir().unwrap();
        let out = env
            .cmd(&[
                "scan",
                "--state-dir",
                state.path().to_str().unwrap(),
                &format!("{}@127.0.0.1", a.user),
                "/etc/hostname",
            ])
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap();
        assert_refused(&out, &planted, &what);
        secret.assert_untouched(env.root(), &what);
    }
}

fn push_key_refuses_planted_known_hosts_lock_config_and_public_key() {
    let Some(()) = need_root() else { return };
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    for rel in [
        ".ssh/known_hosts",
        ".ssh/known_hosts.lock",
        ".ssh/config",
        ".ssh/id_ed25519.pub",
    ] {
        for kind in PLANTS {
            let what = format!("push-key --accept-new, {rel} as {kind:?}");
            let secret = Secret::new();
            let env = registered(&sshd, &a.user, &a.pass);
            let k = env.cmd(&["keygen"]).output().unwrap();
            assert!(k.status.success(), "{}", stderr(&k));
            let planted = plant(&env, rel, kind, &secret);
            let out = env
                .cmd(&["push-key", &format!("{}@127.0.0.1", a.user), "--accept-new"])
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            assert_refused(&out, &planted, &what);
            secret.assert_untouched(env.root(), &what);
        }
    }
}

fn doctor_reports_planted_links_in_ssh() {
    let Some(()) = need_root() else { return };
    let Some(a) = agentless_like() else {
        return;
    };
    let secret = Secret::new();
    let env = TestEnv::new();
    ssh_dir(&env);
    std::os::unix::fs::chown(env.path(".ssh"), Some(a.uid), Some(a.gid)).unwrap();
    let link = plant(&env, ".ssh/known_hosts.lock", Plant::Link, &secret);
    let hard = plant(&env, ".ssh/known_hosts", Plant::HardLink, &secret);
    for fix in [false, true] {
        let mut args = vec!["doctor", "--user", &a.name, "--json"];
        if fix {
            args.push("--fix");
        }
        let out = env.cmd(&args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
        for (p, words) in [(&link, "symbolic link"), (&hard, "hard link")] {
            assert!(
                text.contains(&p.display().to_string()) && text.contains(words),
                "fix={fix}: {text}"
            );
        }
        secret.assert_untouched(env.root(), &format!("doctor fix={fix}"));
    }
}

fn test_script_gives_the_script_a_daemon_environment() {
    let env = TestEnv::new();
    let dump = env.path("env.out");
    env.script(
        "dump_env",
        &format!("#!/bin/sh\nenv > '{}'\nexit 0\n", dump.display()),
    );
    let me = ossec_agentless::fsutil::user_name(ossec_agentless::fsutil::effective_uid());
    let out = env
        .cmd(&["test-script", "--user", &me, "dump_env", "root@h", "/etc"])
        .env("OA_MARKER_9", "leaked")
        .env("LD_PRELOAD", "/nonexistent/evil.so")
        .env("SSH_AUTH_SOCK", "/tmp/agent.sock")
        .env("LANG", "de_DE.UTF-8")
        .output()
        .unwrap();
    let text = fs::read_to_string(&dump).unwrap_or_else(|_| panic!("{}", stderr(&out)));
    for leaked in ["OA_MARKER_9", "LD_PRELOAD", "SSH_AUTH_SOCK", "de_DE"] {
        assert!(
            !text.contains(leaked),
            "{leaked} reached the script:\n{text}"
        );
    }
    let home = ossec_agentless::fsutil::lookup_user(&me).unwrap().home;
    for want in [
        format!("PATH={}", ossec_agentless::script::runner::DAEMON_PATH),
        "LC_ALL=C".to_string(),
        format!("HOME={}", home.display()),
    ] {
        assert!(text.lines().any(|l| l == want), "{want} missing:\n{text}");
    }
}

const CONF: &str = "<ossec_config>\n  <global>\n    <email_notification>no</email_notification>\n  </global>\n</ossec_config>\n";

fn config_validate_with_daemon_never_runs_a_daemon_root_does_not_own() {
    let Some(()) = need_root() else { return };
    let Some(other) = agentless_like().or_else(|| ossec_agentless::fsutil::lookup_user("nobody"))
    else {
        return;
    };
    // 1: the daemon file belongs to another user; 2: root's, but its directory is
    // group-writable.
    for case in ["owner", "directory"] {
        let env = TestEnv::new();
        env.write("etc/ossec.conf", CONF);
        let marker = env.path("daemon-ran");
        let daemon = env.write(
            "bin/ossec-agentlessd",
            format!("#!/bin/sh\ntouch '{}'\nexit 0\n", marker.display()),
        );
        fs::set_permissions(&daemon, fs::Permissions::from_mode(0o755)).unwrap();
        let named = if case == "owner" {
            std::os::unix::fs::chown(&daemon, Some(other.uid), Some(other.gid)).unwrap();
            daemon.clone()
        } else {
            fs::set_permissions(env.path("bin"), fs::Permissions::from_mode(0o775)).unwrap();
            env.path("bin")
        };
        let out = env
            .cmd(&["config", "validate", "--with-daemon"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{case}: {err}");
        assert!(err.contains(&named.display().to_string()), "{case}: {err}");
        assert!(!marker.exists(), "{case}: the daemon was executed");
    }
}

fn scan_refuses_a_state_directory_another_user_owns_and_others_can_write() {
    let Some(()) = need_root() else { return };
    let Some(other) = agentless_like().or_else(|| ossec_agentless::fsutil::lookup_user("nobody"))
    else {
        return;
    };
    let env = TestEnv::new();
    let tree = env.path("tree");
    fs::create_dir_all(&tree).unwrap();
    fs::write(tree.join("f"), "x").unwrap();
    let state = tempfile::tempdir().unwrap();
    let base = state.path().join("shared");
    fs::create_dir(&base).unwrap();
    std::os::unix::fs::chown(&base, Some(other.uid), Some(other.gid)).unwrap();
    fs::set_permissions(&base, fs::Permissions::from_mode(0o777)).unwrap();
    for update in [true, false] {
        let mut args = vec!["scan", "--state-dir", base.to_str().unwrap(), "local"];
        args.push(tree.to_str().unwrap());
        if !update {
            args.push("--no-update");
        }
        let out = env.cmd(&args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "update={update}: {err}");
        assert!(err.contains(&base.display().to_string()), "{err}");
        assert!(baselines(&base).is_empty(), "a baseline was written");
    }
    // Root-owned but writable by others: refused too.
    std::os::unix::fs::chown(&base, Some(0), Some(0)).unwrap();
    let out = env
        .cmd(&["scan", "--state-dir", base.to_str().unwrap(), "local"])
        .arg(&tree)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("writable by group or others"));
    // A private one is created 0700 and works.
    let private = state.path().join("private");
    let out = env
        .cmd(&["scan", "--state-dir", private.to_str().unwrap(), "local"])
        .arg(&tree)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::metadata(&private).unwrap().mode() & 0o777, 0o700);
    let written = baselines(&private);
    assert_eq!(written.len(), 1);
    assert_eq!(fs::metadata(&written[0]).unwrap().mode() & 0o777, 0o600);
}

/// One row: the host text, and whether the command line accepts it.
const HOSTS: &[(&str, bool)] = &[
    ("monitor@web01", true),
    ("monitor@127.0.0.1", true),
    ("monitor@::1", true),
    ("monitor@[::1]:2222", true),
    ("monitor@web01:2222", true),
    ("a@b@c", false),
    ("root@-oProxyCommand=x", false),
    ("-oProxyCommand=x@h", false),
    ("root@h;id", false),
    ("r@h$(id)", false),
    ("r@h`id`", false),
    ("root@h x", false),
    ("root@h\nx", false),
    ("root@", false),
    ("@h", false),
    ("nohost", false),
    ("root@h:0", false),
    ("root@h:99999", false),
    ("a@h:99999:2222", false),
    ("root@[::1]:22x", false),
    ("root@h|x", false),
];

/// Every command that takes a host, run on `h` in a fresh layout: (name, output, layout).
fn every_command(h: &str, with_port: bool) -> Vec<(String, std::process::Output, TestEnv)> {
    let mut runs = Vec::new();
    let fresh = || {
        let env = TestEnv::new();
        env.write("etc/ossec.conf", CONF);
        env.script("ssh_integrity_check_linux", "#!/bin/sh\nexit 0\n");
        env
    };
    let me = ossec_agentless::fsutil::user_name(ossec_agentless::fsutil::effective_uid());
    let host_opt = format!("--host={h}");
    let mut cmdline: Vec<(&str, Vec<&str>)> = vec![
        (
            "register-host add",
            vec!["register-host", "add", "--nopass", "--", h],
        ),
        (
            "scan",
            vec![
                "scan",
                "--no-update",
                "--connect-timeout",
                "1",
                "--",
                h,
                "/etc/hostname",
            ],
        ),
        (
            "push-key",
            vec!["push-key", "--connect-timeout", "1", "--", h],
        ),
    ];
    if !with_port {
        cmdline.extend([
            (
                "config add",
                vec![
                    "config",
                    "add",
                    "--type",
                    "ssh_integrity_check_linux",
                    &host_opt,
                    "--state",
                    "periodic",
                ],
            ),
            (
                "test-script",
                vec![
                    "test-script",
                    "--user",
                    &me,
                    "--",
                    "ssh_integrity_check_linux",
                    h,
                ],
            ),
        ]);
    }
    for (name, args) in cmdline {
        let env = fresh();
        let out = env
            .cmd(&args)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        runs.push((name.to_string(), out, env));
    }
    if !with_port {
        let env = fresh();
        let out = env
            .ossec_config(&[
                "--section",
                "agentless",
                "--add",
                &host_opt,
                "--type",
                "ssh_integrity_check_linux",
                "--state",
                "periodic",
            ])
            .output()
            .unwrap();
        runs.push(("ossec-config --add".into(), out, env));
    }
    runs
}

fn every_command_that_takes_a_host_gives_the_same_verdict() {
    use ossec_agentless::host::{Context, Host};
    for &(h, accepted) in HOSTS {
        let parsed = Host::parse(h, Context::Command);
        assert_eq!(parsed.is_ok(), accepted, "the host type on {h:?}");
        let with_port = parsed.as_ref().is_ok_and(|p| p.port.is_some());
        for (name, out, env) in every_command(h, with_port) {
            let err = stderr(&out);
            match &parsed {
                Err(e) => {
                    assert_eq!(out.status.code(), Some(2), "{name} {h:?}: {err}");
                    assert!(err.contains(&e.reason), "{name} {h:?}: {err}");
                    // Nothing written: ossec.conf as it was, no .passlist, no .ssh.
                    assert_eq!(env.read("etc/ossec.conf"), CONF.as_bytes(), "{name} {h:?}");
                    assert!(!env.path("agentless/.passlist").exists(), "{name} {h:?}");
                    assert!(!env.path(".ssh").exists(), "{name} {h:?}");
                }
                Ok(_) => {
                    for refusal in ["invalid host", "bad target", "--host \""] {
                        assert!(!err.contains(refusal), "{name} {h:?}: {err}");
                    }
                }
            }
        }
    }
    // ossec.conf hosts: the use_su/use_sudo prefixes are accepted there, a port is not.
    let env = TestEnv::new();
    env.write("etc/ossec.conf", CONF);
    env.script("ssh_integrity_check_linux", "#!/bin/sh\nexit 0\n");
    for (h, ok) in [
        ("use_su root@h", true),
        ("use_sudo root@h", true),
        ("root@h:22", false),
    ] {
        let out = env
            .cmd(&[
                "config",
                "add",
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                h,
                "--state",
                "periodic",
                "--dry-run",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "{h}: {}", stderr(&out));
    }
    assert_eq!(env.read("etc/ossec.conf"), CONF.as_bytes());
}

fn type_and_name_take_plain_file_names_only() {
    let env = TestEnv::new();
    for bad in ["a)b", "x->y", "a\nb", "../x", ".hidden", "-x"] {
        let out = env
            .cmd(&[
                "scan",
                "local",
                "/etc/hostname",
                "--no-update",
                "--type",
                bad,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--type {bad:?}");
        let out = env
            .cmd(&["install-script", "--name", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--name {bad:?}");
        assert!(!env.path(&format!("agentless/{bad}")).exists());
    }
}

fn install_script_wrapper_gives_the_scanner_a_daemon_environment() {
    let env = TestEnv::new();
    // A stand-in for the binary the wrapper runs: it records its environment.
    let dump = env.path("env.out");
    let fake = env.write(
        "fake-binary",
        format!("#!/bin/sh\nenv > '{}'\n", dump.display()),
    );
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let out = env
        .cmd(&["install-script", "--name", "my_scan", "--binary"])
        .arg(&fake)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run = std::process::Command::new(env.path("agentless/my_scan"))
        .args(["test", "test"])
        .env("OA_MARKER_9", "leaked")
        .env("LD_PRELOAD", "")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = fs::read_to_string(&dump).unwrap();
    assert!(
        !text.contains("OA_MARKER_9") && !text.contains("LD_PRELOAD"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "LC_ALL=C"), "{text}");
    assert!(
        text.lines()
            .any(|l| l == format!("HOME={}", env.root().display())),
        "{text}"
    );
}

fn diff_refuses_a_state_directory_another_user_owns_and_others_can_write() {
    let Some(()) = need_root() else { return };
    let Some(other) = agentless_like().or_else(|| ossec_agentless::fsutil::lookup_user("nobody"))
    else {
        return;
    };
    let env = TestEnv::new();
    let state = tempfile::tempdir().unwrap();
    let base = state.path().join("shared");
    fs::create_dir(&base).unwrap();
    std::os::unix::fs::chown(&base, Some(other.uid), Some(other.gid)).unwrap();
    fs::set_permissions(&base, fs::Permissions::from_mode(0o777)).unwrap();
    let diff = |dir: &Path| {
        env.cmd(&["diff", "--state-dir", dir.to_str().unwrap(), "local", "echo kept"])
            .output()
            .unwrap()
    };
    let out = diff(&base);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&base.display().to_string()), "{err}");
    assert!(files_under(&base).is_empty(), "something was kept in {}", base.display());
    // Root-owned but writable by others: refused too.
    std::os::unix::fs::chown(&base, Some(0), Some(0)).unwrap();
    let out = diff(&base);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("writable by group or others"), "{}", stderr(&out));
    assert!(files_under(&base).is_empty());
    // A private one is created 0700 and works.
    let private = state.path().join("private");
    let out = diff(&private);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::metadata(&private).unwrap().mode() & 0o777, 0o700);
    assert!(!files_under(&private).is_empty());
}

crate::tests! {
    register_host_add_refuses_planted_ssh_config_and_lock,
    register_host_remove_refuses_planted_ssh_config_and_lock,
    keygen_force_refuses_planted_keys,
    register_host_add_refuses_an_ssh_dir_owned_by_another_user,
    scan_accept_new_refuses_planted_known_hosts_lock_and_config,
    scan_refuses_a_planted_private_key,
    push_key_refuses_planted_known_hosts_lock_config_and_public_key,
    doctor_reports_planted_links_in_ssh,
    test_script_gives_the_script_a_daemon_environment,
    config_validate_with_daemon_never_runs_a_daemon_root_does_not_own,
    scan_refuses_a_state_directory_another_user_owns_and_others_can_write,
    diff_refuses_a_state_directory_another_user_owns_and_others_can_write,
    every_command_that_takes_a_host_gives_the_same_verdict,
    type_and_name_take_plain_file_names_only,
    install_script_wrapper_gives_the_scanner_a_daemon_environment,
}
