//! `doctor`: a temporary OSSEC layout with problems planted reports exactly those problems;
//! `--fix` repairs what it claims and a second run is clean.
//!
//! The account checks need a real user whose home is the layout, so the main test creates a
//! throwaway user (root only) and always deletes it again.

use crate::util::{TestEnv, stderr, stdout};
use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};
use std::path::{Path, PathBuf};

/// A local user and group created for one test and deleted on drop.
struct TempUser {
    name: String,
    uid: u32,
    gid: u32,
}

impl TempUser {
    /// `None` when not root or `useradd` is missing.
    fn create(home: &Path, tag: &str) -> Option<TempUser> {
        // SAFETY: geteuid cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return None;
        }
        let name = format!("oa{tag}{}", std::process::id() % 100_000);
        for _ in 0..50 {
            let st = std::process::Command::new("useradd")
                .args(["-r", "-M", "-U", "-s", "/usr/sbin/nologin", "-d"])
                .arg(home)
                .arg(&name)
                .output()
                .ok()?;
            if st.status.success() {
                let a = ossec_agentless::fsutil::lookup_user(&name)?;
                let gid = ossec_agentless::fsutil::group_id(&name)?;
                return Some(TempUser {
                    name,
                    uid: a.uid,
                    gid,
                });
            }
            // 10: /etc/passwd is locked by a concurrent useradd.
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        None
    }
}

impl Drop for TempUser {
    fn drop(&mut self) {
        for _ in 0..50 {
            let ok = std::process::Command::new("userdel")
                .arg(&self.name)
                .status()
                .is_ok_and(|s| s.success());
            if ok || ossec_agentless::fsutil::lookup_user(&self.name).is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = std::process::Command::new("groupdel")
            .arg(&self.name)
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// An OSSEC layout where every check passes for `user`, and a PATH holding a fake `expect`.
fn healthy(env: &TestEnv, user: &TempUser) -> PathBuf {
    env.write("bin/ossec-agentlessd", "");
    env.write(
        "etc/ossec-init.conf",
        "NAME=\"OSSEC HIDS\"\nVERSION=\"v3.7.0\"\n",
    );
    env.write(
        "bin/.process_list",
        "AGENTLESS_DAEMON=\"\"\nAGENTLESS_DAEMON=ossec-agentlessd\n",
    );
    let ssh = env.path(".ssh");
    std::fs::create_dir_all(&ssh).unwrap();
    set(&ssh, user.uid, user.gid, 0o700);
    let key = env.write(".ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    set(&key, user.uid, user.gid, 0o600);
    let pubkey = env.write(".ssh/id_ed25519.pub", "ssh-ed25519 AAAA x\n");
    set(&pubkey, user.uid, user.gid, 0o644);
    let script = env.write(
        "agentless/ssh_integrity_check_linux",
        "#!/usr/bin/env expect\n",
    );
    set(&script, 0, user.gid, 0o550);
    let exp = env.write("agentless/main.exp", "# tcl\n");
    set(&exp, 0, user.gid, 0o440);
    set(&env.path("agentless"), 0, user.gid, 0o550);
    let bin = env.path("fakebin");
    std::fs::create_dir_all(&bin).unwrap();
    let expect = env.write("fakebin/expect", "#!/bin/sh\n");
    std::fs::set_permissions(&expect, std::fs::Permissions::from_mode(0o755)).unwrap();
    // ossec.conf, .passlist and known_hosts agreeing on three hosts: a plain one, one on port
    // 2222 (from .ssh/config) and one with use_su stored under a hashed name.
    env.write("etc/ossec.conf", CONF);
    let custom = env.write("agentless/ssh_custom", "#!/bin/sh\n");
    set(&custom, 0, user.gid, 0o750);
    let pl = env.write(
        "agentless/.passlist",
        "root@a.example|pw|\nmon@b.example|NOPASS|\nmon@c.example|pw|su\n",
    );
    set(&pl, 0, user.gid, 0o640);
    env.write(".ssh/config", "Host b.example\n  Port 2222\n");
    let kh = env.write(".ssh/known_hosts", KNOWN_HOSTS);
    set(&kh, user.uid, user.gid, 0o644);
    bin
}

const CONF: &str = "<ossec_config>
  <agentless>
    <type>ssh_integrity_check_linux</type>
    <frequency>3600</frequency>
    <host>root@a.example</host>
    <host>mon@b.example</host>
    <state>periodic</state>
    <arguments>/etc /bin</arguments>
  </agentless>
  <agentless>
    <type>ssh_custom</type>
    <frequency>3600</frequency>
    <host>use_su mon@c.example</host>
    <state>periodic_diff</state>
  </agentless>
</ossec_config>
";

/// a.example plainly, b.example on port 2222, c.example hashed (`ssh-keygen -H`).
const KNOWN_HOSTS: &str = "a.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEYjTz/YW7O8PW0JX/zdVUNyf1O3dpIZeeH3+8aJR52Y
[b.example]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEYjTz/YW7O8PW0JX/zdVUNyf1O3dpIZeeH3+8aJR52Y
|1|/ooY35Xw3kAYf+L1Ij3VYK9z1cM=|hREEnfMd0iyIaZIf+TDY6Iy/GjA= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEYjTz/YW7O8PW0JX/zdVUNyf1O3dpIZeeH3+8aJR52Y
";

fn set(p: &Path, uid: u32, gid: u32, mode: u32) {
    chown(p, Some(uid), Some(gid)).unwrap();
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn doctor(
    env: &TestEnv,
    user: &str,
    path: &str,
    extra: &[&str],
) -> (i32, serde_json::Value, String) {
    let mut args = vec!["doctor", "--json", "--user", user];
    args.extend_from_slice(extra);
    let o = env.cmd(&args).env("PATH", path).output().unwrap();
    let out = stdout(&o);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{}", stderr(&o)));
    (o.status.code().unwrap_or(-1), v, stderr(&o))
}

/// The names of the checks with each status.
fn statuses(v: &serde_json::Value, status: &str) -> Vec<String> {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == status)
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

fn snapshot(env: &TestEnv) -> Vec<(PathBuf, u32, u32, u32, Vec<u8>)> {
    let mut v = Vec::new();
    for rel in [
        ".ssh",
        ".ssh/id_ed25519",
        ".ssh/known_hosts",
        "agentless",
        "agentless/ssh_integrity_check_linux",
        "bin/.process_list",
    ] {
        let p = env.path(rel);
        let m = std::fs::metadata(&p).unwrap();
        let data = if m.is_file() {
            std::fs::read(&p).unwrap()
        } else {
            Vec::new()
        };
        v.push((p, m.uid(), m.gid(), m.mode(), data));
    }
    v
}

fn planted_problems_are_reported_exactly_and_fix_repairs_them() {
    let env = TestEnv::new();
    let Some(user) = TempUser::create(env.root(), "d") else {
        crate::harness::ignore("needs root and useradd");
    };
    let bin = healthy(&env, &user);
    let good_path = format!("{}:/usr/bin:/bin", bin.display());

    let (code, v, err) = doctor(&env, &user.name, &good_path, &[]);
    assert_eq!(
        statuses(&v, "problem"),
        Vec::<String>::new(),
        "{v:#}\n{err}"
    );
    assert_eq!(code, 0);
    assert_eq!(v["flavour"], "ossec");

    // Plant one problem per check.
    std::fs::write(
        env.path("bin/.process_list"),
        "AGENTLESS_DAEMON=ossec-agentlessd\nAGENTLESS_DAEMON=\"\"",
    )
    .unwrap();
    set(&env.path(".ssh"), 0, 0, 0o700); // OSSEC's install default: root-owned
    set(&env.path(".ssh/id_ed25519"), 0, 0, 0o644);
    set(&env.path(".ssh/known_hosts"), 0, 0, 0o644);
    set(
        &env.path("agentless/ssh_integrity_check_linux"),
        0,
        0,
        0o750,
    );
    let no_expect = "/usr/sbin:/nonexistent-bin";

    let (code, v, _) = doctor(&env, &user.name, no_expect, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        statuses(&v, "problem"),
        [
            "agentless enabled",
            "expect installed",
            ".ssh directory",
            "ssh keys and known_hosts",
            "agentless scripts"
        ]
    );
    assert_eq!(
        statuses(&v, "ok"),
        [
            "installation",
            "agentless user and group",
            ".passlist form",
            ".passlist mode",
            ".passlist lines",
            "config validate",
            "hosts in .passlist",
            "hosts in known_hosts",
            "configured scripts"
        ]
    );
    let detail = |name: &str| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["detail"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(detail("agentless enabled").contains("(line 2) is AGENTLESS_DAEMON=\"\""));
    assert!(detail(".ssh directory").contains("root:root 0700"));
    let files = detail("ssh keys and known_hosts");
    assert!(
        files.contains("private key id_ed25519 is root:root 0644"),
        "{files}"
    );
    assert!(files.contains("known_hosts is root:root 0644"), "{files}");
    assert!(!files.contains(".pub"), "{files}");
    assert!(
        detail("agentless scripts")
            .contains("ssh_integrity_check_linux is 0750 and not executable")
    );

    // --dry-run changes nothing.
    let before = snapshot(&env);
    let o = env
        .cmd(&["doctor", "--fix", "--dry-run", "--user", &user.name])
        .env("PATH", no_expect)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "would: append AGENTLESS_DAEMON=ossec-agentlessd to {}",
            env.path("bin/.process_list").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "would: chown {n}:{n} {}",
            env.path(".ssh").display(),
            n = user.name
        )),
        "{err}"
    );
    assert_eq!(before, snapshot(&env));

    // --fix repairs everything it marks as repairable; expect stays missing.
    let (code, v, err) = doctor(&env, &user.name, no_expect, &["--fix"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(statuses(&v, "problem"), ["expect installed"], "{v:#}");
    let repaired: Vec<&str> = v["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        repaired,
        [
            "agentless enabled",
            ".ssh directory",
            "ssh keys and known_hosts",
            "agentless scripts"
        ]
    );
    assert_eq!(
        String::from_utf8(env.read("bin/.process_list")).unwrap(),
        "AGENTLESS_DAEMON=ossec-agentlessd\nAGENTLESS_DAEMON=\"\"\nAGENTLESS_DAEMON=ossec-agentlessd\n"
    );
    let m = std::fs::metadata(env.path(".ssh/id_ed25519")).unwrap();
    assert_eq!(
        (m.uid(), m.gid(), m.mode() & 0o7777),
        (user.uid, user.gid, 0o600)
    );
    let m = std::fs::metadata(env.path("agentless/ssh_integrity_check_linux")).unwrap();
    assert_eq!((m.gid(), m.mode() & 0o7777), (user.gid, 0o750));

    // With expect installed, a second doctor is clean.
    let (code, v, _) = doctor(&env, &user.name, &good_path, &[]);
    assert_eq!(statuses(&v, "problem"), Vec::<String>::new(), "{v:#}");
    assert_eq!(code, 0);
}

fn missing_ssh_dir_is_created_and_wazuh_defaults_are_accepted() {
    let env = TestEnv::new();
    let Some(user) = TempUser::create(env.root(), "w") else {
        crate::harness::ignore("needs root and useradd");
    };
    let bin = healthy(&env, &user);
    let path = format!("{}:/usr/bin:/bin", bin.display());
    // Wazuh 4.x: no .process_list needed; .ssh root:<group> 0770 is the package default.
    std::fs::remove_file(env.path("bin/ossec-agentlessd")).unwrap();
    std::fs::remove_file(env.path("bin/.process_list")).unwrap();
    env.write("bin/wazuh-agentlessd", "");
    set(&env.path(".ssh"), 0, user.gid, 0o770);
    // Wazuh's scripts read .passlist through `base64 -d`.
    let pl = env.path("agentless/.passlist");
    let b64 = std::process::Command::new("base64")
        .arg(&pl)
        .output()
        .unwrap()
        .stdout;
    std::fs::write(&pl, b64).unwrap();
    let (code, v, _) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(statuses(&v, "problem"), Vec::<String>::new(), "{v:#}");
    assert_eq!(code, 0);
    assert_eq!(v["flavour"], "wazuh4");

    std::fs::remove_dir_all(env.path(".ssh")).unwrap();
    let (code, v, _) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(code, 1);
    assert_eq!(statuses(&v, "problem"), [".ssh directory"]);
    assert_eq!(
        statuses(&v, "skipped"),
        ["ssh keys and known_hosts", "hosts in known_hosts"]
    );
    // The directory is created; the host keys are still to be recorded.
    let (code, v, err) = doctor(&env, &user.name, &path, &["--fix"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(statuses(&v, "problem"), ["hosts in known_hosts"]);
    let m = std::fs::metadata(env.path(".ssh")).unwrap();
    assert_eq!(
        (m.uid(), m.gid(), m.mode() & 0o7777),
        (user.uid, user.gid, 0o700)
    );
}

fn agentless_enabled_follows_the_last_assignment() {
    let env = TestEnv::new();
    env.write("bin/ossec-agentlessd", "");
    let check = |env: &TestEnv| {
        let (_, v, _) = doctor(env, "root", "/usr/bin:/bin", &[]);
        v["checks"][1].clone()
    };
    let c = check(&env);
    assert_eq!(c["name"], "agentless enabled");
    assert_eq!(c["status"], "problem");
    assert!(c["detail"].as_str().unwrap().contains("does not exist"));
    env.write(
        "bin/.process_list",
        "AGENTLESS_DAEMON=\"\"\nDB_DAEMON=ossec-dbd\n",
    );
    assert_eq!(check(&env)["status"], "problem");
    env.write(
        "bin/.process_list",
        "AGENTLESS_DAEMON=\"\"\nAGENTLESS_DAEMON=ossec-agentlessd\n",
    );
    assert_eq!(check(&env)["status"], "ok");
}

fn table_output_and_unknown_users() {
    let env = TestEnv::new();
    let o = env
        .cmd(&["doctor", "--user", "no-such-user-xyz"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("✘"), "{out}");
    assert!(
        out.contains("┆ agentless user and group ┆ the user 'no-such-user-xyz'"),
        "{out}"
    );
    assert!(out.contains("no OSSEC or Wazuh installation"), "{out}");
    assert!(out.contains("3 problems found"), "{out}");
}

fn a_missing_directory_cannot_be_checked() {
    let o = assert_cmd::Command::cargo_bin("ossec-agentless")
        .unwrap()
        .args(["--ossec-dir", "/nonexistent-ossec-dir", "doctor"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot check"));
}

/// The detail of check `name`.
fn detail(v: &serde_json::Value, name: &str) -> String {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name}"))["detail"]
        .as_str()
        .unwrap()
        .to_string()
}

fn fix(v: &serde_json::Value, name: &str) -> String {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()["fix"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn passlist_and_config_problems_are_reported_exactly_and_fix_repairs_them() {
    let env = TestEnv::new();
    let Some(user) = TempUser::create(env.root(), "c") else {
        crate::harness::ignore("needs root and useradd");
    };
    let bin = healthy(&env, &user);
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let (code, v, err) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(
        statuses(&v, "problem"),
        Vec::<String>::new(),
        "{v:#}\n{err}"
    );
    assert_eq!(code, 0);

    // .passlist readable by everyone, with c.example's entry broken (one | only) and a
    // duplicate; b.example's port gone from .ssh/config (its key is stored for 2222); the
    // custom script without its exec bits.
    let pl = env.write(
        "agentless/.passlist",
        "root@a.example|pw|\nmon@b.example|NOPASS|\nmon@c.example|pw\nroot@a.example|other|\n",
    );
    set(&pl, 0, user.gid, 0o644);
    env.write(".ssh/config", "");
    set(&env.path("agentless/ssh_custom"), 0, user.gid, 0o640);

    let (code, v, _) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        statuses(&v, "problem"),
        [
            ".passlist mode",
            ".passlist lines",
            // `config validate` refuses a script without exec bits, too.
            "config validate",
            "hosts in .passlist",
            "hosts in known_hosts",
            "configured scripts"
        ],
        "{v:#}"
    );
    let conf = env.path("etc/ossec.conf");
    assert_eq!(
        detail(&v, "config validate"),
        format!(
            "1 error(s), 1 warning(s); first: {}:11:5: {} is not an executable file: the \
             daemon's test would fail with status 126 (chmod 0750 it)",
            conf.display(),
            env.path("agentless/ssh_custom").display()
        )
    );
    let pl_path = env.path("agentless/.passlist");
    assert_eq!(
        detail(&v, ".passlist mode"),
        format!(
            "{}: mode 0644 is looser than 0640: every local user can read the passwords",
            pl_path.display()
        )
    );
    let lines = detail(&v, ".passlist lines");
    assert!(
        lines.starts_with("line 3: mon@c.example: only one |"),
        "{lines}"
    );
    assert!(
        lines.contains("line 4: root@a.example: duplicate entry, never used because line 1"),
        "{lines}"
    );
    assert!(!lines.contains("pw") && !lines.contains("other"), "{lines}");
    assert_eq!(
        detail(&v, "hosts in .passlist"),
        format!(
            "no usable entry in {} for 'mon@c.example' (the scripts stop with \"password not \
             found\")",
            pl_path.display()
        )
    );
    assert_eq!(
        fix(&v, "hosts in .passlist"),
        "`ossec-agentless register-host add mon@c.example` (or `--nopass` for a host that \
         logs in with the key)"
    );
    // Port 22 now: the key stored as [b.example]:2222 does not count.
    assert!(
        detail(&v, "hosts in known_hosts")
            .ends_with("for 'mon@b.example': ssh asks to accept it and the scripts stop"),
        "{v:#}"
    );
    assert!(
        fix(&v, "hosts in known_hosts")
            .starts_with("`ossec-agentless push-key mon@b.example --accept-new`")
    );
    let custom = env.path("agentless/ssh_custom");
    assert_eq!(
        detail(&v, "configured scripts"),
        format!(
            "{} is 0640 and not executable by {} (status 126)",
            custom.display(),
            user.name
        )
    );
    let repairable: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["repairable"] == true)
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(repairable, [".passlist mode", "configured scripts"]);

    // --fix repairs the mode and the exec bits, and nothing else.
    let before = std::fs::read(&pl_path).unwrap();
    let (code, v, err) = doctor(&env, &user.name, &path, &["--fix"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        statuses(&v, "problem"),
        [
            ".passlist lines",
            "hosts in .passlist",
            "hosts in known_hosts"
        ],
        "{v:#}"
    );
    assert_eq!(std::fs::read(&pl_path).unwrap(), before);
    let m = std::fs::metadata(&pl_path).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (0, user.gid, 0o640));
    let m = std::fs::metadata(&custom).unwrap();
    assert_eq!((m.gid(), m.mode() & 0o7777), (user.gid, 0o750));

    // Mending the rest by hand makes doctor clean again.
    env.write(
        "agentless/.passlist",
        "root@a.example|pw|\nmon@b.example|NOPASS|\nmon@c.example|pw|\n",
    );
    env.write(".ssh/config", "Host b.example\n  Port 2222\n");
    let (code, v, _) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(statuses(&v, "problem"), Vec::<String>::new(), "{v:#}");
    assert_eq!(code, 0);
}

fn a_passlist_the_agentless_user_cannot_read_and_the_wrong_form() {
    let env = TestEnv::new();
    let Some(user) = TempUser::create(env.root(), "f") else {
        crate::harness::ignore("needs root and useradd");
    };
    let bin = healthy(&env, &user);
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let pl = env.path("agentless/.passlist");
    set(&pl, 0, 0, 0o600);
    let (_, v, _) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(statuses(&v, "problem"), [".passlist mode"], "{v:#}");
    assert_eq!(
        detail(&v, ".passlist mode"),
        format!(
            "{}: {} cannot read it (root:root 0600), so the scripts find no password",
            pl.display(),
            user.name
        )
    );
    let (code, v, _) = doctor(&env, &user.name, &path, &["--fix"]);
    assert_eq!((code, statuses(&v, "problem")), (0, vec![]), "{v:#}");

    // A Wazuh 4.x install reads base64: the plaintext file is reported, nothing else breaks.
    std::fs::remove_file(env.path("bin/ossec-agentlessd")).unwrap();
    env.write("bin/wazuh-agentlessd", "");
    let (code, v, _) = doctor(&env, &user.name, &path, &[]);
    assert_eq!(code, 1);
    assert_eq!(statuses(&v, "problem"), [".passlist form"], "{v:#}");
    assert!(detail(&v, ".passlist form").contains("is plaintext, but Wazuh's scripts read it"));
    assert_eq!(statuses(&v, "skipped"), [".passlist lines"]);
}

fn an_unparsable_or_invalid_ossec_conf() {
    let env = TestEnv::new();
    env.write("bin/ossec-agentlessd", "");
    let config_checks = |v: &serde_json::Value| -> Vec<(String, String)> {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .skip(10)
            .map(|c| {
                (
                    c["name"].as_str().unwrap().to_string(),
                    c["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let skipped_all = |s: &str| {
        [
            "config validate",
            "hosts in .passlist",
            "hosts in known_hosts",
            "configured scripts",
        ]
        .iter()
        .map(|n| (n.to_string(), s.to_string()))
        .collect::<Vec<_>>()
    };
    // Missing: nothing to check.
    let (_, v, _) = doctor(&env, "root", "/usr/bin:/bin", &[]);
    assert_eq!(config_checks(&v), skipped_all("skipped"));
    let conf = env.path("etc/ossec.conf");
    assert_eq!(
        detail(&v, "hosts in .passlist"),
        format!("{} does not exist", conf.display())
    );

    // Unparsable: a problem of `config validate` with line and column; the others skip.
    env.write(
        "etc/ossec.conf",
        "<ossec_config>\n  <agentless>\n    <type>x</ossec_config>\n",
    );
    let (code, v, err) = doctor(&env, "root", "/usr/bin:/bin", &[]);
    assert_eq!(code, 1, "{err}");
    let mut want = skipped_all("skipped");
    want[0].1 = "problem".into();
    assert_eq!(config_checks(&v), want);
    let d = detail(&v, "config validate");
    assert!(
        d.starts_with(&format!(
            "ossec.conf cannot be parsed: {}:3:",
            conf.display()
        )),
        "{d}"
    );
    assert!(
        detail(&v, "configured scripts").starts_with("ossec.conf cannot be parsed ("),
        "{v:#}"
    );

    // Parsed but invalid: the error count and the first error's position.
    env.write(
        "etc/ossec.conf",
        "<ossec_config>\n  <agentless>\n    <type>x</type>\n    <host>a@b</host>\n    \
         <frequency>soon</frequency>\n    <state>periodic</state>\n  </agentless>\n</ossec_config>\n",
    );
    let (_, v, _) = doctor(&env, "root", "/usr/bin:/bin", &[]);
    let d = detail(&v, "config validate");
    assert!(
        d.starts_with("2 error(s), ") && d.contains(&format!("first: {}:", conf.display())),
        "{d}"
    );
    assert!(statuses(&v, "problem").contains(&"config validate".to_string()));
}

crate::tests! {
    planted_problems_are_reported_exactly_and_fix_repairs_them,
    missing_ssh_dir_is_created_and_wazuh_defaults_are_accepted,
    agentless_enabled_follows_the_last_assignment,
    table_output_and_unknown_users,
    a_missing_directory_cannot_be_checked,
    passlist_and_config_problems_are_reported_exactly_and_fix_repairs_them,
    a_passlist_the_agentless_user_cannot_read_and_the_wrong_form,
    an_unparsable_or_invalid_ossec_conf,
}
