//! `keygen`, `push-key` and the SSH transport against a real sshd (issue #4).
//!
//! Tests that change a test account's `~/.ssh` hold [`home_lock`] so they do not race; the
//! others only use the server's own key directory.

use crate::sshd::{Account, Kind, Sshd, account};
use crate::util::{TestEnv, stderr, stdout};
use ossec_agentless::ssh::{
    Auth, ConnectOptions, Destination, HostKeyPolicy, KnownHostsFile, Password, SshTransport,
};
use ossec_agentless::transport::{ExitStatus, Timeouts, Transport, TransportError};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Serialises tests that change an account's home directory.
fn home_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

fn reset_home(a: &Account) {
    let _ = fs::remove_dir_all(a.home.join(".ssh"));
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().mode() & 0o7777
}

fn keygen(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["keygen"];
    all.extend_from_slice(args);
    let out = env.cmd(&all).output().unwrap();
    assert!(out.status.success(), "keygen failed: {}", stderr(&out));
    stdout(&out)
}

/// `push-key USER@127.0.0.1 --port P --password-stdin ARGS…` with `pass` on stdin.
fn push_key(
    env: &TestEnv,
    sshd: &Sshd,
    user: &str,
    pass: &str,
    args: &[&str],
) -> std::process::Output {
    let port = sshd.port.to_string();
    let dest = format!("{user}@127.0.0.1");
    let mut all = vec!["push-key", &dest, "--port", &port, "--password-stdin"];
    all.extend_from_slice(args);
    env.cmd(&all)
        .write_stdin(format!("{pass}\n"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

fn keygen_keys_are_read_by_ssh_keygen_and_accepted_by_sshd() {
    let Some(sshd) = Sshd::start() else { return };
    let Some(acct) = account(Kind::Bash) else {
        return;
    };
    let env = TestEnv::new();
    for (ty, args) in [
        ("ed25519", vec![]),
        ("rsa", vec!["--type", "rsa", "--bits", "2048"]),
    ] {
        let out = keygen(&env, &args);
        let key = env.path(&format!(".ssh/id_{ty}"));
        assert_eq!(mode(&env.path(".ssh")), 0o700);
        assert_eq!(mode(&key), 0o600);
        assert_eq!(mode(&env.path(&format!(".ssh/id_{ty}.pub"))), 0o644);
        // ssh-keygen prints the same fingerprint line for both files as keygen did
        let printed = out.lines().last().unwrap();
        for f in [key.clone(), env.path(&format!(".ssh/id_{ty}.pub"))] {
            let l = Command::new("ssh-keygen")
                .arg("-lf")
                .arg(&f)
                .output()
                .unwrap();
            assert!(l.status.success(), "ssh-keygen -l {}", f.display());
            assert_eq!(String::from_utf8_lossy(&l.stdout).trim(), printed);
        }
        assert!(printed.contains(" ossec@"), "{printed}");
        sshd.authorize(
            &acct.user,
            &fs::read_to_string(env.path(&format!(".ssh/id_{ty}.pub"))).unwrap(),
        );
        let login = sshd.ssh_with_key(&acct.user, &key);
        assert!(
            login.status.success(),
            "ssh -i {ty} key: {}",
            stderr(&login)
        );
    }
}

fn keygen_refuses_to_overwrite_and_dry_run_writes_nothing() {
    let env = TestEnv::new();
    let out = env.cmd(&["keygen", "--dry-run"]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("would create"), "{}", stdout(&out));
    let out = env
        .cmd(&["keygen", "--dry-run", "--json", "--type", "rsa"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["bits"], 3072);
    assert_eq!(v["changes"][0]["change"], "create-dir");
    assert!(!env.path(".ssh").exists());
    let out = env.cmd(&["keygen", "--bits", "4096"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--bits applies to RSA keys only"),
        "{}",
        stderr(&out)
    );
    keygen(&env, &[]);
    let before = fs::read(env.path(".ssh/id_ed25519")).unwrap();
    let out = env.cmd(&["keygen"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("id_ed25519 already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(env.path(".ssh/id_ed25519")).unwrap(), before);
    let out = keygen(&env, &["--force"]);
    assert!(out.contains("replaced"), "{out}");
    assert_ne!(fs::read(env.path(".ssh/id_ed25519")).unwrap(), before);
}

fn push_key_twice_leaves_one_line_and_records_the_host_key() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    let out = push_key(&env, &sshd, &a.user, &a.pass, &["--accept-new"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("key added"), "{text}");
    assert!(text.contains("key login works"), "{text}");
    assert!(text.contains("added host key"), "{text}");
    let kh = fs::read_to_string(env.path(".ssh/known_hosts")).unwrap();
    assert_eq!(kh.lines().count(), 1, "{kh}");
    assert!(
        kh.starts_with(&format!("[127.0.0.1]:{} ssh-", sshd.port)),
        "{kh}"
    );

    // again, now without --accept-new: the host key is known
    let out = push_key(&env, &sshd, &a.user, &a.pass, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("key already present"),
        "{}",
        stdout(&out)
    );
    let ak = a.home.join(".ssh/authorized_keys");
    let keys = fs::read_to_string(&ak).unwrap();
    assert_eq!(keys.lines().count(), 1, "{keys}");
    assert_eq!(
        keys,
        fs::read_to_string(env.path(".ssh/id_ed25519.pub")).unwrap()
    );
    assert_eq!(mode(&a.home.join(".ssh")), 0o700);
    assert_eq!(mode(&ak), 0o600);
    let uid = ossec_agentless::fsutil::lookup_user(&a.user).unwrap().uid;
    assert_eq!(fs::metadata(&ak).unwrap().uid(), uid);
    assert_eq!(
        fs::read_to_string(env.path(".ssh/known_hosts")).unwrap(),
        kh
    );
    reset_home(&a);
}

fn push_key_fixes_a_group_writable_ssh_dir() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let dir = a.home.join(".ssh");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o775)).unwrap();
    let acct = ossec_agentless::fsutil::lookup_user(&a.user).unwrap();
    std::os::unix::fs::chown(&dir, Some(acct.uid), Some(acct.gid)).unwrap();
    let env = TestEnv::new();
    keygen(&env, &[]);
    // a dry run reports, and changes nothing on either side
    let out = push_key(
        &env,
        &sshd,
        &a.user,
        &a.pass,
        &["--accept-new", "--dry-run"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("would remove group/world write permission from ~/.ssh "),
        "{text}"
    );
    assert!(text.contains("would add the key"), "{text}");
    assert!(text.contains("would add host key"), "{text}");
    assert_eq!(mode(&dir), 0o775);
    assert!(!dir.join("authorized_keys").exists());
    assert!(!env.path(".ssh/known_hosts").exists());

    let out = push_key(&env, &sshd, &a.user, &a.pass, &["--accept-new"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("removed group/world write permission from ~/.ssh "),
        "{text}"
    );
    assert!(text.contains("was drwxrwxr-x"), "{text}");
    assert_eq!(mode(&dir) & 0o022, 0, "mode {:o}", mode(&dir));
    assert!(
        text.contains("key added") && text.contains("key login works"),
        "{text}"
    );
    reset_home(&a);
}

fn push_key_works_for_dash_and_noisy_accounts() {
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    for kind in [Kind::Dash, Kind::Noisy] {
        let Some(a) = account(kind) else { return };
        reset_home(&a);
        let env = TestEnv::new();
        keygen(&env, &[]);
        for expected in ["key added", "key already present"] {
            let out = push_key(&env, &sshd, &a.user, &a.pass, &["--accept-new"]);
            let text = stdout(&out);
            assert!(out.status.success(), "{kind:?}: {text}{}", stderr(&out));
            assert!(text.contains(expected), "{kind:?}: {text}");
            assert!(text.contains("key login works"), "{kind:?}: {text}");
            assert!(!text.contains("Welcome"), "profile noise leaked: {text}");
        }
        let keys = fs::read_to_string(a.home.join(".ssh/authorized_keys")).unwrap();
        assert_eq!(keys.lines().count(), 1, "{kind:?}: {keys}");
        reset_home(&a);
    }
}

fn unknown_host_key_is_refused_with_the_flag_to_trust_it() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    let out = push_key(&env, &sshd, &a.user, &a.pass, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("unknown host key"), "{err}");
    let fp = sshd.host_key_fingerprint("host_ed25519");
    let flag = format!("--fingerprint {fp}");
    assert!(err.contains(&flag), "{err}");
    assert!(!err.contains(&a.pass));
    // nothing written on either side, and no password was tried
    assert!(!env.path(".ssh/known_hosts").exists());
    assert!(!a.home.join(".ssh").exists());
    assert!(
        !sshd
            .log()
            .contains(&format!("Failed password for {}", a.user))
    );

    // without --password-stdin the host key is still checked before any password question
    let port = sshd.port.to_string();
    let dest = format!("{}@127.0.0.1", a.user);
    let out = env
        .cmd(&["push-key", &dest, "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown host key"),
        "{}",
        stderr(&out)
    );

    // the flag the message names works, and pins the key
    let out = push_key(&env, &sshd, &a.user, &a.pass, &["--fingerprint", &fp]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kh = fs::read_to_string(env.path(".ssh/known_hosts")).unwrap();
    assert!(kh.contains(&sshd.host_key_fields("host_ed25519")), "{kh}");
    // with a known host and no terminal, the password question explains --password-stdin
    let out = env
        .cmd(&["push-key", &dest, "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--password-stdin"),
        "{}",
        stderr(&out)
    );
    // a wrong pin is refused
    let wrong = sshd.host_key_fingerprint("host_rsa");
    let out = push_key(&env, &sshd, &a.user, &a.pass, &["--fingerprint", &wrong]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not match"), "{}", stderr(&out));
    reset_home(&a);
}

fn changed_host_key_is_refused_even_with_accept_new() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    // known_hosts holds another ed25519 key for this host:port, on line 2
    let other = env.path(".ssh/id_ed25519.pub");
    let other_key = fs::read_to_string(&other).unwrap();
    let fields: Vec<&str> = other_key.split_whitespace().take(2).collect();
    let kh = format!(
        "# managed by hand\n[127.0.0.1]:{} {} {}\n",
        sshd.port, fields[0], fields[1]
    );
    env.write(".ssh/known_hosts", &kh);
    let out = push_key(&env, &sshd, &a.user, &a.pass, &["--accept-new"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("HOST KEY CHANGED"), "{err}");
    assert!(
        err.contains(&format!(
            "{} line 2",
            env.path(".ssh/known_hosts").display()
        )),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(env.path(".ssh/known_hosts")).unwrap(),
        kh
    );
    assert!(!a.home.join(".ssh").exists());
}

fn wrong_password_is_a_clear_error_and_changes_nothing() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    let wrong = format!("{}-wrong", a.pass);
    let out = push_key(&env, &sshd, &a.user, &wrong, &["--accept-new"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("authentication failed for user {}", a.user)),
        "{err}"
    );
    assert!(err.contains("127.0.0.1"), "{err}");
    assert!(!err.contains(&wrong) && !stdout(&out).contains(&wrong));
    assert!(
        !env.path(".ssh/known_hosts").exists(),
        "known_hosts written"
    );
    assert!(!a.home.join(".ssh").exists(), "remote ~/.ssh created");
}

fn keyboard_interactive_only_server_works() {
    let Some(sshd) = Sshd::start_with(&[
        ("PasswordAuthentication", "no"),
        ("KbdInteractiveAuthentication", "yes"),
    ]) else {
        return;
    };
    let Some(a) = account(Kind::Bash) else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    let out = push_key(&env, &sshd, &a.user, &a.pass, &["--accept-new"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("key added"), "{}", stdout(&out));
    assert!(
        sshd.log().contains("keyboard-interactive"),
        "{}",
        sshd.log()
    );
    reset_home(&a);
}

fn only_the_rsa_host_key_stored_is_not_taken_for_a_change() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    env.write(
        ".ssh/known_hosts",
        format!(
            "[127.0.0.1]:{} {}\n",
            sshd.port,
            sshd.host_key_fields("host_rsa")
        ),
    );
    // no flag: the stored RSA key must be negotiated and match
    let out = push_key(&env, &sshd, &a.user, &a.pass, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    reset_home(&a);
}

fn hashed_known_hosts_from_ssh_keyscan_is_honoured() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    // `ssh-keyscan -H`: hashed host names, RSA only (so ed25519 must not be taken for a change)
    let scan = Command::new("ssh-keyscan")
        .args(["-H", "-t", "rsa", "-p", &sshd.port.to_string(), "127.0.0.1"])
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&scan.stdout).into_owned();
    assert!(lines.starts_with("|1|"), "{lines}");
    env.write(".ssh/known_hosts", &lines);
    let out = push_key(&env, &sshd, &a.user, &a.pass, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(env.path(".ssh/known_hosts")).unwrap(),
        lines
    );
    reset_home(&a);
}

/// A logged-in transport with a fresh key authorised in the server's key directory.
fn key_transport(sshd: &Sshd, user: &str, idle: Option<Duration>) -> (TestEnv, SshTransport) {
    let env = TestEnv::new();
    keygen(&env, &[]);
    sshd.authorize(
        user,
        &fs::read_to_string(env.path(".ssh/id_ed25519.pub")).unwrap(),
    );
    let dest = Destination::parse(&format!("{user}@127.0.0.1"), sshd.port).unwrap();
    let opts = ConnectOptions {
        timeouts: Timeouts {
            connect: Duration::from_secs(10),
            idle,
        },
        policy: HostKeyPolicy::Strict,
        known_hosts: KnownHostsFile {
            path: sshd.known_hosts(),
            owner: None,
        },
        record_new_keys: false,
        keepalive_secs: 5,
    };
    let key = env.path(".ssh/id_ed25519");
    let t = SshTransport::connect(
        &dest,
        Auth::KeyFile {
            private: &key,
            public: None,
        },
        &opts,
    )
    .expect("key login");
    (env, t)
}

fn transport_streams_both_outputs_with_stdin_and_status() {
    let Some(sshd) = Sshd::start() else { return };
    for kind in [Kind::Bash, Kind::Dash, Kind::Noisy] {
        let Some(a) = account(kind) else { return };
        let (_env, mut t) = key_transport(&sshd, &a.user, Some(Duration::from_secs(20)));
        let (status, out, err) = t
            .exec_collect(
                "cat; echo 'to stderr' >&2; exit 3",
                b"line one\nline 'two'\n",
            )
            .unwrap();
        assert_eq!(status, ExitStatus::Code(3), "{kind:?}");
        // noisy profiles may print before the command runs; the command's output comes last
        assert!(
            String::from_utf8_lossy(&out).ends_with("line one\nline 'two'\n"),
            "{kind:?}"
        );
        assert!(
            String::from_utf8_lossy(&err).ends_with("to stderr\n"),
            "{kind:?}"
        );
        // a large output that interleaves both streams is read without stalling
        let (status, out, err) = t
            .exec_collect(
                "i=0; while [ $i -lt 2000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done",
                b"",
            )
            .unwrap();
        assert!(status.success());
        assert!(String::from_utf8_lossy(&out).contains("out1999\n"));
        assert!(String::from_utf8_lossy(&err).contains("err1999\n"));
        // stdin larger than the channel window arrives whole
        let big = vec![b'x'; 3_000_000];
        let (status, out, _) = t.exec_collect("wc -c", &big).unwrap();
        assert!(status.success());
        assert!(
            String::from_utf8_lossy(&out).ends_with("3000000\n"),
            "{kind:?}"
        );
        let (status, _, _) = t.exec_collect("kill -TERM $$", b"").unwrap();
        assert_eq!(status, ExitStatus::Signal("TERM".into()), "{kind:?}");
    }
}

fn transport_idle_timeout_counts_silence_not_duration() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let (_env, mut t) = key_transport(&sshd, &a.user, Some(Duration::from_millis(1500)));
    // 3 s in total, never silent for 1.5 s
    let (status, out, _) = t
        .exec_collect("for i in 1 2 3 4 5 6; do echo $i; sleep 0.5; done", b"")
        .unwrap();
    assert!(status.success());
    assert_eq!(out, b"1\n2\n3\n4\n5\n6\n");
    let start = std::time::Instant::now();
    let err = t.exec_collect("sleep 10", b"").unwrap_err();
    assert!(matches!(err, TransportError::IdleTimeout { .. }), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // the connection is not reused after a timeout
    let err = t.exec_collect("true", b"").unwrap_err();
    assert!(matches!(err, TransportError::Disconnected { .. }), "{err}");
}

fn transport_password_login_and_auth_failure_messages() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let dest = Destination::parse(&format!("{}@127.0.0.1", a.user), sshd.port).unwrap();
    let opts = ConnectOptions {
        timeouts: Timeouts::default(),
        policy: HostKeyPolicy::Strict,
        known_hosts: KnownHostsFile {
            path: sshd.known_hosts(),
            owner: None,
        },
        record_new_keys: false,
        keepalive_secs: 0,
    };
    let pw = Password::new(a.pass.clone());
    let mut t = SshTransport::connect(&dest, Auth::Password(&pw), &opts).unwrap();
    let (status, out, _) = t.exec_collect("id -un", b"").unwrap();
    assert!(status.success());
    assert_eq!(String::from_utf8_lossy(&out).trim(), a.user);
    let bad = Password::new("not-the-password");
    let err = SshTransport::connect(&dest, Auth::Password(&bad), &opts).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&dest.target()) && msg.contains("authentication failed"),
        "{msg}"
    );
    assert!(!msg.contains("not-the-password"));
    // nothing listens: a connect error naming the host
    let closed = Destination::parse("u@127.0.0.1", 1).unwrap();
    let err = SshTransport::connect(&closed, Auth::Password(&pw), &opts).unwrap_err();
    assert!(matches!(err, TransportError::Connect { .. }), "{err}");
    assert!(err.to_string().contains("u@127.0.0.1:1"), "{err}");
}

fn keygen_gives_ssh_dir_and_keys_to_the_agentless_user() {
    // A source install leaves <ossec-dir>/.ssh as root, 0755; keygen (as root) hands it over.
    // The test account stands in for the `ossec` user.
    use ossec_agentless::ssh::keygen::{self, Change, KeyType, Owner};
    if !ossec_agentless::fsutil::is_root() {
        let _: Option<()> = crate::sshd::skip("changing owners needs root");
        return;
    }
    let Some(a) = account(Kind::Bash) else { return };
    let acct = ossec_agentless::fsutil::lookup_user(&a.user).unwrap();
    let env = TestEnv::new();
    let dir = env.path(".ssh");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    let owner = Owner {
        name: a.user.clone(),
        uid: acct.uid,
        gid: acct.gid,
    };
    let plan = keygen::plan(&dir, KeyType::Ed25519, false, Some(owner)).unwrap();
    assert!(matches!(
        plan.changes[0],
        Change::DirMode {
            from: 0o755,
            to: 0o700,
            ..
        }
    ));
    assert!(
        matches!(plan.changes[1], Change::DirOwner { .. }),
        "{:?}",
        plan.changes
    );
    let key = keygen::generate(KeyType::Ed25519, 0, "ossec@test").unwrap();
    keygen::apply(&plan, &key).unwrap();
    for p in [
        dir.clone(),
        dir.join("id_ed25519"),
        dir.join("id_ed25519.pub"),
    ] {
        let m = fs::metadata(&p).unwrap();
        assert_eq!((m.uid(), m.gid()), (acct.uid, acct.gid), "{}", p.display());
    }
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("id_ed25519")), 0o600);

    // a root-owned known_hosts (left by a source install) is handed over when a key is recorded
    let kh = dir.join("known_hosts");
    fs::write(&kh, "# old\n").unwrap();
    fs::set_permissions(&kh, fs::Permissions::from_mode(0o600)).unwrap();
    let file = KnownHostsFile {
        path: kh.clone(),
        owner: Some((acct.uid, acct.gid)),
    };
    let entry =
        "[h]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKmik6YBFN4De0L05u2l1QaXoD/Fvy8zZmxhyW6YZ8KG";
    ossec_agentless::ssh::hostkey::record(&file, entry).unwrap();
    let m = fs::metadata(&kh).unwrap();
    assert_eq!((m.uid(), m.mode() & 0o777), (acct.uid, 0o600));
    assert_eq!(
        fs::read_to_string(&kh).unwrap(),
        format!("# old\n{entry}\n")
    );
}

fn push_key_takes_port_and_password_from_the_ossec_files_then_sets_nopass() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let _g = home_lock();
    reset_home(&a);
    let env = TestEnv::new();
    keygen(&env, &[]);
    let dest = format!("{}@127.0.0.1", a.user);
    // register-host writes the password to .passlist and the port to .ssh/config.
    let reg = env
        .cmd(&[
            "register-host",
            "add",
            &format!("{dest}:{}", sshd.port),
            "--password-stdin",
        ])
        .write_stdin(format!("{}\n", a.pass))
        .output()
        .unwrap();
    assert!(reg.status.success(), "{}", stderr(&reg));
    // No --port, no password on stdin: both come from the OSSEC files.
    let out = env
        .cmd(&["push-key", &dest, "--accept-new", "--set-nopass"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let (o, e) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{o}{e}");
    assert!(
        e.contains(&format!("using the .passlist password of {dest}")),
        "{e}"
    );
    assert!(
        o.contains("key added") && o.contains("key login works"),
        "{o}"
    );
    assert!(
        o.contains(&format!("set the .passlist password of {dest} to NOPASS")),
        "{o}"
    );
    assert!(!o.contains(&a.pass) && !e.contains(&a.pass));
    let passlist = fs::read_to_string(env.path("agentless/.passlist")).unwrap();
    assert_eq!(passlist, format!("{dest}|NOPASS|\n"));
    // Now NOPASS: the key itself logs in, and the key is found in place.
    let out = env
        .cmd(&["push-key", &dest])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("key already present"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("NOPASS in .passlist"),
        "{}",
        stderr(&out)
    );
    reset_home(&a);
}

crate::tests! {
    keygen_keys_are_read_by_ssh_keygen_and_accepted_by_sshd,
    keygen_refuses_to_overwrite_and_dry_run_writes_nothing,
    push_key_twice_leaves_one_line_and_records_the_host_key,
    push_key_fixes_a_group_writable_ssh_dir,
    push_key_works_for_dash_and_noisy_accounts,
    unknown_host_key_is_refused_with_the_flag_to_trust_it,
    changed_host_key_is_refused_even_with_accept_new,
    wrong_password_is_a_clear_error_and_changes_nothing,
    keyboard_interactive_only_server_works,
    only_the_rsa_host_key_stored_is_not_taken_for_a_change,
    hashed_known_hosts_from_ssh_keyscan_is_honoured,
    transport_streams_both_outputs_with_stdin_and_status,
    transport_idle_timeout_counts_silence_not_duration,
    transport_password_login_and_auth_failure_messages,
    keygen_gives_ssh_dir_and_keys_to_the_agentless_user,
    push_key_takes_port_and_password_from_the_ossec_files_then_sets_nopass,
}
