//! `push-key` against a real sshd: host-key policies, passwords, accounts' `~/.ssh` (issue #4).
//! `keygen` is tested in `keygen`, the SSH transport in `ssh_transport`.
//!
//! Tests that change a test account's `~/.ssh` hold [`home_lock`] so they do not race; the
//! others only use the server's own key directory.

use crate::sshd::{Account, Kind, Sshd, account};
use crate::keygen::{keygen, mode};
use crate::util::{TestEnv, stderr, stdout};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
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
    push_key_twice_leaves_one_line_and_records_the_host_key,
    push_key_fixes_a_group_writable_ssh_dir,
    push_key_works_for_dash_and_noisy_accounts,
    unknown_host_key_is_refused_with_the_flag_to_trust_it,
    changed_host_key_is_refused_even_with_accept_new,
    wrong_password_is_a_clear_error_and_changes_nothing,
    keyboard_interactive_only_server_works,
    only_the_rsa_host_key_stored_is_not_taken_for_a_change,
    hashed_known_hosts_from_ssh_keyscan_is_honoured,
    push_key_takes_port_and_password_from_the_ossec_files_then_sets_nopass,
}
