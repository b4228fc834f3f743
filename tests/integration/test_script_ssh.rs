//! `test-script` runs an expect script that logs into the test sshd with the password that
//! `register-host` stored in `.passlist`, and the script's FWD lines make it pass (#6).
//!
//! Nothing here touches the test account's home: the script only runs a command remotely, and
//! ssh is pointed at the OSSEC directory's `.ssh` (never root's own).

use crate::sshd::{Kind, Sshd, account, skip};
use crate::util::{TestEnv, stderr, stdout};
use md5::Md5;
use sha1::{Digest, Sha1};
use std::os::unix::fs::MetadataExt;
use std::time::Duration;

const SCRIPT: &str = include_str!("../fixtures/agentless/ssh_fwd_check");

/// `--user <me>`: the test runs as root, and no `ossec` user is needed.
fn me() -> String {
    // SAFETY: geteuid cannot fail.
    ossec_agentless::doctor::user_name(unsafe { libc::geteuid() })
}

/// The FWD payload OSSEC's integrity scripts print for `path`: `size:perm:uid:gid:md5:sha1 path`.
fn fwd_of(path: &str) -> String {
    let data = std::fs::read(path).unwrap();
    let m = std::fs::metadata(path).unwrap();
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    format!(
        "{}:{:o}:{}:{}:{}:{} {path}",
        m.len(),
        m.mode() & 0o7777,
        m.uid(),
        m.gid(),
        hex(&Md5::digest(&data)),
        hex(&Sha1::digest(&data)),
    )
}

/// A layout with the script, `.passlist` holding `pass` for `dest` (written by register-host,
/// which also puts the port into `.ssh/config`) and the server's host keys in known_hosts.
fn layout(sshd: &Sshd, dest: &str, pass: &str) -> TestEnv {
    let env = TestEnv::new();
    env.script("ssh_fwd_check", SCRIPT);
    let reg = env
        .cmd(&[
            "register-host",
            "add",
            &format!("{dest}:{}", sshd.port),
            "--password-stdin",
        ])
        .write_stdin(format!("{pass}\n"))
        .output()
        .unwrap();
    assert!(reg.status.success(), "{}", stderr(&reg));
    let config = String::from_utf8(env.read(".ssh/config")).unwrap();
    assert!(config.contains(&format!("Port {}", sshd.port)), "{config}");
    env.write(
        ".ssh/known_hosts",
        std::fs::read(sshd.known_hosts()).unwrap(),
    );
    env
}

fn test_script(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let user = me();
    let mut all = vec!["test-script", "--user", &user, "--timeout", "60"];
    all.extend_from_slice(args);
    let o = env
        .cmd(&all)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (o.status.code().unwrap_or(-1), stdout(&o), stderr(&o))
}

fn an_expect_script_logs_in_with_the_passlist_password_and_passes() {
    if ossec_agentless::script::which("expect").is_none() {
        skip::<()>("expect is not installed");
        return;
    }
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let dest = format!("{}@127.0.0.1", a.user);
    let env = layout(&sshd, &dest, &a.pass);

    let files = ["/etc/hostname", "/etc/passwd"];
    let mut args = vec!["--json", "ssh_fwd_check", &dest];
    args.extend_from_slice(&files);
    let (code, out, err) = test_script(&env, &args);
    assert!(
        !out.contains(&a.pass) && !err.contains(&a.pass),
        "password leaked"
    );
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    assert_eq!(code, 0, "{v:#}\n{err}\n{}", sshd.log());
    assert_eq!(v["passed"], true);
    assert_eq!(v["counts"]["fwd"], 2, "{v:#}");
    let fwd: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "fwd")
        .map(|l| l["text"].as_str().unwrap())
        .collect();
    // The server is this machine: the records match the local files exactly.
    assert_eq!(fwd, files.map(fwd_of), "{v:#}");
    assert_eq!(v["findings"], serde_json::json!([]));

    // Live output with every line (--raw): the prompt is there, the password is not.
    let mut args = vec!["--raw", "ssh_fwd_check", &dest];
    args.extend_from_slice(&files);
    let (code, out, err) = test_script(&env, &args);
    assert_eq!(code, 0, "{out}\n{err}");
    // PAM's keyboard-interactive prompt: `(user@host) Password:`.
    assert!(out.to_lowercase().contains("password:"), "{out}");
    assert!(
        out.contains(&format!("FWD: {}", fwd_of("/etc/hostname"))),
        "{out}"
    );
    assert!(out.contains("PASSED ssh_fwd_check"), "{out}");
    assert!(
        !out.contains(&a.pass) && !err.contains(&a.pass),
        "password leaked"
    );
}

fn a_wrong_passlist_password_fails_with_the_incorrect_password_finding() {
    if ossec_agentless::script::which("expect").is_none() {
        skip::<()>("expect is not installed");
        return;
    }
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let dest = format!("{}@127.0.0.1", a.user);
    let wrong = "not-the-password-4711";
    let env = layout(&sshd, &dest, wrong);
    let (code, out, err) = test_script(&env, &["ssh_fwd_check", &dest, "/etc/hostname"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains(&format!("FAILED ssh_fwd_check {dest}")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "first error: Incorrect password to remote host: {dest} ."
        )),
        "{out}"
    );
    assert!(out.contains("lines: 0 FWD"), "{out}");
    assert!(
        out.contains(&format!(
            "fix: store the right password: `ossec-agentless register-host add {dest} --replace`"
        )),
        "{out}"
    );
    assert!(
        !out.contains(wrong) && !err.contains(wrong),
        "password leaked"
    );
}

crate::tests! {
    an_expect_script_logs_in_with_the_passlist_password_and_passes,
    a_wrong_passlist_password_fails_with_the_incorrect_password_finding,
}
