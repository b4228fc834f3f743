//! `test-script` runs an expect script that logs into the test sshd with the password that
//! `register-host` stored in `.passlist`, and the script's FWD lines make it pass (#6).
//!
//! Nothing here touches the test account's home: the script only runs a command remotely, and
//! ssh is pointed at the OSSEC directory's `.ssh` (never root's own).
//!
//! The stock `ssh_integrity_check_linux` (#12) runs as `nobody`, whose home does not exist, so
//! its `ssh` reads and writes no `~/.ssh` at all; it reaches the test sshd's port through the
//! `ssh://user@127.0.0.1:PORT` form of the host, which `.passlist` holds as is. The stock
//! scripts are copied at run time from the OSSEC installation of the interop tests
//! (`ossecd::installation_dir`), never shipped with the tests.

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
    ossec_agentless::fsutil::user_name(unsafe { libc::geteuid() })
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

/// The stock agentless scripts of the OSSEC installation the interop tests use.
fn stock_scripts() -> Option<std::path::PathBuf> {
    let a = crate::ossecd::installation_dir().join("agentless");
    if a.join("ssh_integrity_check_linux").is_file() && a.join("main.exp").is_file() {
        return Some(a);
    }
    skip(&format!(
        "the stock OSSEC agentless scripts are not in {}",
        a.display()
    ))
}

/// A tree the remote accounts can read: `a file` (a space in the name), `b`, `sub/c`.
fn tree() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let mode = |p: &std::path::Path, m| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(t.path(), 0o755);
    std::fs::create_dir(t.path().join("sub")).unwrap();
    mode(&t.path().join("sub"), 0o755);
    for (name, text) in [("a file", "spaced\n"), ("b", "bee\n"), ("sub/c", "sea\n")] {
        let p = t.path().join(name);
        std::fs::write(&p, text).unwrap();
        mode(&p, 0o644);
    }
    t
}

/// An OSSEC directory with the stock Linux integrity script, readable by `nobody`, whose
/// `.passlist` holds `pass` for `host` and whose known_hosts holds the test sshd's keys (for
/// the cross-check).
fn stock_layout(stock: &std::path::Path, sshd: &Sshd, host: &str, pass: &str) -> TestEnv {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let mode = |p: &std::path::Path, m| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(env.root(), 0o755);
    mode(&env.path("agentless"), 0o755);
    for f in [
        "main.exp",
        "ssh.exp",
        "sshlogin.exp",
        "ssh_nopass.exp",
        "su.exp",
        "ssh_integrity_check_linux",
    ] {
        let to = env.path(&format!("agentless/{f}"));
        std::fs::copy(stock.join(f), &to).unwrap();
        mode(&to, 0o755);
    }
    let passlist = env.write("agentless/.passlist", format!("{host}|{pass}|\n"));
    mode(&passlist, 0o644);
    env.write(
        ".ssh/known_hosts",
        std::fs::read(sshd.known_hosts()).unwrap(),
    );
    env
}

/// `test-script --json` of the stock Linux script as `nobody` on `tree`.
fn run_stock(
    env: &TestEnv,
    host: &str,
    tree: &std::path::Path,
) -> (i32, serde_json::Value, String) {
    let o = env
        .cmd(&[
            "test-script",
            "--json",
            "--user",
            "nobody",
            "--timeout",
            "60",
            "ssh_integrity_check_linux",
            host,
            tree.to_str().unwrap(),
        ])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (o.status.code().unwrap_or(-1), v, err)
}

fn stock_prerequisites() -> Option<std::path::PathBuf> {
    if ossec_agentless::script::which("expect").is_none() {
        return skip("expect is not installed");
    }
    if ossec_agentless::fsutil::lookup_user("nobody").is_none() {
        return skip("there is no user nobody to run the stock script as");
    }
    stock_scripts()
}

fn causes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cause"].as_str().unwrap().to_string())
        .collect()
}

fn the_stock_linux_script_fails_on_a_dash_login_shell_with_the_shells_error_named() {
    let Some(stock) = stock_prerequisites() else {
        return;
    };
    let Some(a) = account(Kind::Dash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let host = format!("ssh://{}@127.0.0.1:{}", a.user, sshd.port);
    let env = stock_layout(&stock, &sshd, &host, &a.pass);
    let t = tree();
    let (code, v, err) = run_stock(&env, &host, t.path());
    assert_eq!(code, 1, "{v:#}\n{err}");
    assert_eq!(v["passed"], false);
    assert_eq!(v["counts"]["fwd"], 0, "{v:#}");
    let rejected = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["cause"] == "shell_rejected")
        .unwrap_or_else(|| panic!("no shell rejection: {v:#}"));
    let problem = rejected["problem"].as_str().unwrap();
    assert!(
        problem.contains("(dash) rejected")
            && problem.contains("unset: INFO: Starting.: bad variable name"),
        "{problem}"
    );
    assert!(
        rejected["fix"].as_str().unwrap().contains("install-script"),
        "{v:#}"
    );
    // Nothing was delivered, and the cross-check names every file the daemon would miss.
    let c = causes(&v);
    assert!(c.contains(&"no_data".to_string()), "{c:?}");
    assert!(c.contains(&"unreported_files".to_string()), "{c:?}");
    assert_eq!(v["cross_check"]["files"], 3, "{v:#}");
    for u in v["cross_check"]["unreported"].as_array().unwrap() {
        assert_eq!(u["reason"], "shell_rejected", "{v:#}");
    }
    assert!(!err.contains(&a.pass), "password leaked");
}

fn the_stock_linux_script_fails_on_a_name_with_a_space_and_lists_it() {
    let Some(stock) = stock_prerequisites() else {
        return;
    };
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let host = format!("ssh://{}@127.0.0.1:{}", a.user, sshd.port);
    let env = stock_layout(&stock, &sshd, &host, &a.pass);
    let t = tree();
    let (code, v, err) = run_stock(&env, &host, t.path());
    assert_eq!(code, 1, "{v:#}\n{err}\n{}", sshd.log());
    assert_eq!(v["cross_check"]["status"], "done", "{v:#}");
    let c = causes(&v);
    assert!(!c.iter().any(|c| c.ends_with("_rejected")), "{c:?}");
    assert_eq!(v["cross_check"]["files"], 3, "{v:#}");
    let unreported = v["cross_check"]["unreported"].as_array().unwrap();
    let spaced = format!("{}/a file", t.path().display());
    assert!(
        unreported
            .iter()
            .any(|u| u["path"] == spaced.as_str() && u["reason"] == "white_space"),
        "{v:#}"
    );
    // Every file the daemon would miss has its reason: bash's bracketed-paste sequence before
    // the first record hides that line from the daemon, and that line is reported as well.
    for u in unreported {
        assert_ne!(u["reason"], "unknown", "{v:#}");
        if u["reason"] == "lost_line" {
            assert!(causes(&v).contains(&"lost_line".to_string()), "{v:#}");
        }
    }
    let fwd = v["counts"]["fwd"].as_u64().unwrap() as usize;
    assert_eq!(fwd + unreported.len(), 3, "{v:#}");
    // The text verdict lists the name with its reason.
    let o = env
        .cmd(&[
            "test-script",
            "--user",
            "nobody",
            "--timeout",
            "60",
            "ssh_integrity_check_linux",
            &host,
            t.path().to_str().unwrap(),
        ])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "not reported: {spaced} (white space in the name: the script's word splitting \
             drops it)"
        )),
        "{out}"
    );
    assert!(out.contains("ossec-agentless install-script"), "{out}");
}

fn the_installed_wrapper_passes_on_the_same_tree_with_every_file_counted() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let dest = format!("{}@127.0.0.1", a.user);
    let env = layout(&sshd, &dest, &a.pass);
    let o = env
        .cmd(&["install-script", "--name", "ssh_integrity_check_oa"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let t = tree();
    // The test runs as root; `--user root` stands in for the agentless user.
    let o = env
        .cmd(&[
            "test-script",
            "--json",
            "--user",
            "root",
            "--timeout",
            "60",
            "ssh_integrity_check_oa",
            &dest,
            t.path().to_str().unwrap(),
        ])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    assert_eq!(o.status.code(), Some(0), "{v:#}\n{err}");
    assert_eq!(v["passed"], true);
    assert_eq!(v["counts"]["fwd"], 3, "{v:#}");
    assert_eq!(v["findings"], serde_json::json!([]), "{v:#}");
    assert_eq!(v["cross_check"]["status"], "done", "{v:#}");
    assert_eq!(v["cross_check"]["files"], 3, "{v:#}");
    assert_eq!(v["cross_check"]["reported"], 3, "{v:#}");
    assert_eq!(v["cross_check"]["unreported"], serde_json::json!([]));
    assert_eq!(v["cross_check"]["mismatched"], serde_json::json!([]));
    let spaced = format!("{}/a file", t.path().display());
    assert!(
        v["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["kind"] == "fwd" && l["text"].as_str().unwrap().ends_with(&spaced)),
        "{v:#}"
    );
    assert!(!out.contains(&a.pass) && !err.contains(&a.pass));
}

fn a_profile_that_prints_at_login_does_not_stop_the_cross_check() {
    let Some(stock) = stock_prerequisites() else {
        return;
    };
    let Some(a) = account(Kind::Noisy) else {
        return;
    };
    let Some(sshd) = Sshd::start() else { return };
    let host = format!("ssh://{}@127.0.0.1:{}", a.user, sshd.port);
    let env = stock_layout(&stock, &sshd, &host, &a.pass);
    let t = tree();
    let (code, v, err) = run_stock(&env, &host, t.path());
    assert_eq!(code, 1, "{v:#}\n{err}");
    // bash runs ~/.bashrc for the scan's command too; its text is skipped, not taken for a
    // broken scan, and it is no shell rejection either.
    assert_eq!(v["cross_check"]["status"], "done", "{v:#}");
    assert_eq!(v["cross_check"]["files"], 3, "{v:#}");
    let c = causes(&v);
    assert!(!c.iter().any(|c| c.ends_with("_rejected")), "{c:?}");
    let spaced = format!("{}/a file", t.path().display());
    assert!(
        v["cross_check"]["unreported"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["path"] == spaced.as_str() && u["reason"] == "white_space"),
        "{v:#}"
    );
}

crate::tests! {
    an_expect_script_logs_in_with_the_passlist_password_and_passes,
    a_wrong_passlist_password_fails_with_the_incorrect_password_finding,
    the_stock_linux_script_fails_on_a_dash_login_shell_with_the_shells_error_named,
    the_stock_linux_script_fails_on_a_name_with_a_space_and_lists_it,
    the_installed_wrapper_passes_on_the_same_tree_with_every_file_counted,
    a_profile_that_prints_at_login_does_not_stop_the_cross_check,
}
