//! `test-script`: real executables in a temporary `<ossec-dir>/agentless/`, each giving the
//! daemon's verdict and the right exit status.

use crate::util::{TestEnv, stderr, stdout};
use std::time::{Duration, Instant};

/// `--user <me>`: works as root (no privilege change to an absent `ossec` user) and as anyone.
fn me() -> String {
    // SAFETY: geteuid cannot fail.
    ossec_agentless::fsutil::user_name(unsafe { libc::geteuid() })
}

fn run(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let user = me();
    let mut full = vec!["test-script", "--user", &user];
    full.extend_from_slice(args);
    let o = env.cmd(&full).output().unwrap();
    (o.status.code().unwrap_or(-1), stdout(&o), stderr(&o))
}

fn json(env: &TestEnv, args: &[&str]) -> (i32, serde_json::Value) {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let (code, out, err) = run(env, &a);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

/// A script that passes the daemon's `test test` probe and then runs `body`.
fn probed(body: &str) -> String {
    format!("#!/bin/sh\nif [ \"$1 $2\" = \"test test\" ]; then exit 0; fi\n{body}\n")
}

fn every_line_kind_is_classified_like_the_daemon() {
    let env = TestEnv::new();
    env.script(
        "kinds",
        &probed(
            "echo 'spawn ssh root@h'\nprintf 'INFO: Started.\\r\\n'\n\
             echo 'FWD: 6:644:0:0:aa:bb /etc/hosts'\necho 'FWD:x1:2:3:4:cc:dd /etc/x'\n\
             echo 'LOG: an event'\necho 'STORE: now'\necho 'captured output'\n\
             echo 'INFO: Finished.'",
        ),
    );
    // `FWD:x` loses a byte in the daemon: the record is misread, so the test fails.
    let (code, out, err) = run(&env, &["kinds", "root@h", "/etc"]);
    assert_eq!(code, 1, "{out}\n{err}");
    for want in [
        "INFO  Started.\n",
        "FWD   6:644:0:0:aa:bb /etc/hosts\n",
        // 4 bytes compared, 5 skipped: the x is lost, as in the daemon.
        "FWD   1:2:3:4:cc:dd /etc/x\n",
        "LOG   an event\n",
        "STORE now\n",
        ">     captured output\n",
        "FAILED kinds root@h\n",
        "has no space after `FWD:`/`LOG:`: the daemon skips 5 bytes anyway and gets \
         \"FWD:x1:2:3:4:cc:dd /etc/x\" without its first character",
        "lines: 2 FWD, 2 INFO, 1 LOG, 1 STORE, 1 stored, 1 ignored\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert!(
        !out.contains("spawn ssh"),
        "ignored lines are hidden:\n{out}"
    );

    let (code, out, _) = run(&env, &["kinds", "root@h", "/etc", "--raw"]);
    assert_eq!(code, 1);
    assert!(out.contains("spawn ssh root@h\nINFO: Started.\n"), "{out}");

    let (_, v) = json(&env, &["kinds", "root@h", "/etc", "--raw"]);
    assert_eq!(v["lines"][0]["kind"], "other");
    assert_eq!(v["lines"][0]["text"], "spawn ssh root@h");

    let (code, v) = json(&env, &["kinds", "root@h", "/etc"]);
    assert_eq!(code, 1);
    assert_eq!(v["passed"], false);
    assert_eq!(v["findings"][0]["cause"], "lost_line", "{v:#}");
    assert_eq!(v["counts"]["fwd"], 2);
    assert_eq!(v["counts"]["other"], 1);
    assert_eq!(v["lines"][1]["text"], "6:644:0:0:aa:bb /etc/hosts");
    assert_eq!(v["probe"]["code"], 0);
}

fn runs_in_the_ossec_dir_with_the_daemon_argv_and_no_shell() {
    let env = TestEnv::new();
    env.script(
        "args",
        &probed(
            "pwd > args.out\nfor a in \"$@\"; do echo \"[$a]\" >> args.out; done\necho 'FWD: x'",
        ),
    );
    let (code, _, err) = run(
        &env,
        &[
            "args",
            "use_su admin@db",
            "/etc  /bin;",
            "$(id)",
            "--",
            "-x",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let got = String::from_utf8(env.read("args.out")).unwrap();
    let root = env.root().canonicalize().unwrap();
    assert_eq!(
        got,
        format!(
            "{}\n[use_su]\n[admin@db]\n[/etc]\n[/bin;]\n[$(id)]\n[-x]\n",
            root.display()
        )
    );
    assert!(err.contains("`;`") && err.contains("OSSEC server"), "{err}");
}

fn error_line_ends_reading_and_fails() {
    let env = TestEnv::new();
    env.script(
        "err",
        &probed(
            "echo 'INFO: Started.'\necho 'ERROR: Password for '\\''root@h'\\'' not found.'\n\
             echo 'INFO: after the error'\nsleep 30",
        ),
    );
    let start = Instant::now();
    let (code, out, _) = run(&env, &["err", "root@h", "/etc"]);
    assert_eq!(code, 1, "{out}");
    assert!(start.elapsed() < Duration::from_secs(20));
    assert!(
        out.contains("ERROR Password for 'root@h' not found.\n"),
        "{out}"
    );
    assert!(!out.contains("after the error"), "{out}");
    assert!(
        out.contains("first error: Password for 'root@h' not found."),
        "{out}"
    );
    assert!(out.contains("register-host add root@h"), "{out}");
    assert!(out.contains("FAILED err root@h"), "{out}");
}

fn status_126_not_executable() {
    let env = TestEnv::new();
    let p = env.script("noexec", "#!/bin/sh\nexit 0\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, v) = json(&env, &["noexec", "root@h", "/etc"]);
    assert_eq!(code, 1);
    assert_eq!(v["probe"]["code"], 126);
    assert!(v["run"].is_null(), "no real run after a failed probe");
    let problem = v["findings"][0]["problem"].as_str().unwrap();
    assert!(problem.contains("not executable"), "{problem}");
    assert!(
        v["findings"][0]["fix"]
            .as_str()
            .unwrap()
            .contains("chmod 0550")
    );

    env.script("exits126", "#!/bin/sh\nexit 126\n");
    let (code, out, _) = run(&env, &["exits126", "root@h", "/etc"]);
    assert_eq!(code, 1);
    assert!(out.contains("exited with status 126"), "{out}");
    assert!(out.contains("status 126"), "{out}");
}

fn status_127_expect_or_interpreter_missing() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let name = "oa-missing-interpreter";
    env.script("needs_it", &format!("#!/usr/bin/env {name}\nexit 0\n"));
    // The caller's PATH has the interpreter, but scripts run with a daemon's PATH, never the
    // caller's: env(1) exits 127, as when it is not installed.
    let bin = env.path("caller-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join(name);
    std::fs::write(&fake, "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let user = me();
    let o = env
        .cmd(&["test-script", "--user", &user, "needs_it", "root@h", "/etc"])
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("exited with status 127"), "{out}");
    assert!(out.contains(&format!("`{name}` is not installed")), "{out}");
    assert!(out.contains(&format!("install {name}")), "{out}");
}

fn status_3_in_the_probe_and_in_the_run() {
    let env = TestEnv::new();
    env.script("probe3", "#!/bin/sh\nexit 3\n");
    let (code, out, _) = run(&env, &["probe3", "root@h", "/etc"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("\"Test failed for 'probe3' (3). Ignoring.\""),
        "{out}"
    );
    assert!(out.contains("run: not attempted"), "{out}");

    env.script("run3", &probed("echo 'FWD: x'\nexit 3"));
    let (code, v) = json(&env, &["run3", "root@h", "/etc"]);
    assert_eq!(code, 1);
    assert_eq!(v["run"]["code"], 3);
    assert!(
        v["findings"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("exited with status 3 without printing an ERROR")
    );
}

fn a_hanging_script_is_stopped_at_the_timeout() {
    let env = TestEnv::new();
    env.script(
        "hang",
        &probed("echo 'Welcome'\nprintf 'Select an option [1-8]: '\nsleep 60"),
    );
    let start = Instant::now();
    let (code, out, _) = run(&env, &["hang", "root@h", "/etc", "--timeout", "0.5"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    assert!(out.contains("did not finish within 0.5 s"), "{out}");
    assert!(
        out.contains("the last line was \"Select an option [1-8]:\""),
        "{out}"
    );
}

fn the_whole_process_group_dies_even_when_it_ignores_sigterm() {
    let env = TestEnv::new();
    let pidfile = env.path("child.pid");
    env.script(
        "stubborn",
        &probed(&format!(
            "sh -c 'trap \"\" TERM; echo $$ > {p}; exec sleep 120' &\n\
             while [ ! -s {p} ]; do sleep 0.05; done\necho 'INFO: Started.'\nsleep 120",
            p = pidfile.display()
        )),
    );
    let (code, out, err) = run(&env, &["stubborn", "root@h", "/etc", "--timeout", "1"]);
    assert_eq!(code, 1, "{out}");
    // Stopped at the timeout: not reported as processes left behind by a finished script.
    assert!(!err.contains("left processes running"), "{err}");
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(!alive(pid), "child {pid} that ignores SIGTERM survived");
}

fn leftover_background_processes_are_stopped() {
    let env = TestEnv::new();
    let pidfile = env.path("bg.pid");
    env.script(
        "leaves",
        &probed(&format!(
            "sh -c 'echo $$ > {p}; exec sleep 120' >/dev/null 2>&1 &\n\
             while [ ! -s {p} ]; do sleep 0.05; done\necho 'FWD: x'",
            p = pidfile.display()
        )),
    );
    let (code, _, err) = run(&env, &["leaves", "root@h", "/etc"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("left processes running"), "{err}");
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(!alive(pid), "background child {pid} survived");
}

fn alive(pid: i32) -> bool {
    // A zombie waiting for init to reap it is dead for our purpose.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !matches!(
            stat.rsplit_once(')')
                .and_then(|(_, r)| r.split_whitespace().next()),
            Some("Z" | "X")
        ),
        Err(_) => false,
    }
}

fn a_repeated_password_prompt_means_a_wrong_password() {
    let env = TestEnv::new();
    env.script(
        "pw",
        &probed(
            "printf 'spawn ssh root@h\\r\\n'\nprintf \"root@h's password: \\r\\n\"\n\
             printf 'Permission denied, please try again.\\r\\n'\n\
             printf \"root@h's password: \\r\\n\"\n\
             echo 'ERROR: Incorrect password to remote host: root@h .'\nexit 1",
        ),
    );
    let (code, out, _) = run(&env, &["pw", "root@h", "/etc"]);
    assert_eq!(code, 1, "{out}");
    // The stock "Incorrect password" error explains it; no second finding for the prompts.
    assert!(
        out.contains("root@h refused the password stored in .passlist"),
        "{out}"
    );
    assert!(!out.contains("appeared 2 times"), "{out}");

    // Without that error (e.g. a script that ends in a timeout), the prompts tell.
    env.script(
        "pw2",
        &probed(
            "printf \"root@h's password: \\r\\n\"\nprintf \"root@h's password: \\r\\n\"\n\
             echo 'ERROR: Timeout while running on host: root@h .'\nexit 1",
        ),
    );
    let (code, out, _) = run(&env, &["pw2", "root@h", "/etc"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the password prompt appeared 2 times"),
        "{out}"
    );
    assert!(out.contains("register-host add root@h"), "{out}");
}

fn a_host_key_prompt_is_reported_even_when_the_run_passes() {
    let env = TestEnv::new();
    env.script(
        "hostkey",
        &probed(
            "echo 'The authenticity of host '\\''h (10.0.0.1)'\\'' can'\\''t be established.'\n\
             echo 'Are you sure you want to continue connecting (yes/no/[fingerprint])? yes'\n\
             echo 'INFO: Started.'\necho 'FWD: 1:644:0:0:a:b /etc/motd'",
        ),
    );
    let (code, out, _) = run(&env, &["hostkey", "root@h", "/etc"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("unknown host key for root@h"), "{out}");
    assert!(out.contains("ssh-keyscan"), "{out}");
}

fn remote_text_is_escaped_on_the_terminal_but_not_in_json() {
    let env = TestEnv::new();
    env.script(
        "esc",
        &probed("printf 'FWD: 1:2:3:4:a:b /tmp/\\033[2Jx\\n'"),
    );
    let (_, out, _) = run(&env, &["esc", "root@h", "/etc"]);
    assert!(out.contains("/tmp/\\x1b[2Jx"), "{out}");
    assert!(!out.contains('\x1b'));
    let (_, v) = json(&env, &["esc", "root@h", "/etc"]);
    assert_eq!(v["lines"][0]["text"], "1:2:3:4:a:b /tmp/\u{1b}[2Jx");
}

fn lines_longer_than_the_daemon_buffer_are_split() {
    let env = TestEnv::new();
    let long = "d/".repeat(1500);
    env.script(
        "long",
        &probed(&format!("echo 'FWD: 1:644:0:0:a:b /{long}'")),
    );
    // The daemon gets the path cut: the test fails, naming the cause.
    let (code, v) = json(&env, &["long", "root@h", "/etc"]);
    assert_eq!(code, 1);
    assert_eq!(v["findings"][0]["cause"], "split_lines", "{v:#}");
    assert_eq!(v["counts"]["fwd"], 1);
    assert_eq!(v["counts"]["split"], 1);
    assert_eq!(v["counts"]["other"], 1);
    assert_eq!(v["lines"][0]["text"].as_str().unwrap().len(), 2047 - 5);
}

fn privileges_are_dropped_to_the_requested_user() {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        crate::harness::ignore("needs root");
    }
    let Some(nobody) = ossec_agentless::fsutil::lookup_user("nobody") else {
        crate::harness::ignore("no user nobody");
    };
    let env = TestEnv::new();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(env.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    env.script(
        "who",
        &probed("echo \"INFO: uid=$(id -u) groups=$(id -G)\""),
    );
    let o = env
        .cmd(&["test-script", "--user", "nobody", "who", "root@h", "/etc"])
        .output()
        .unwrap();
    let out = stdout(&o);
    let gid = ossec_agentless::fsutil::group_id("nobody").unwrap_or(nobody.gid);
    assert!(
        out.contains(&format!("INFO  uid={} groups={gid}\n", nobody.uid)),
        "{out}"
    );
}

fn refuses_clearly_when_the_user_cannot_be_used() {
    let env = TestEnv::new();
    env.script("x", &probed("echo 'FWD: x'"));
    let o = env
        .cmd(&[
            "test-script",
            "--user",
            "no-such-user-xyz",
            "x",
            "root@h",
            "/etc",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        assert!(
            err.contains("the user 'no-such-user-xyz' does not exist"),
            "{err}"
        );
    } else {
        assert!(err.contains("without root"), "{err}");
    }
    if ossec_agentless::fsutil::lookup_user("ossec").is_none()
        // SAFETY: geteuid cannot fail.
        && unsafe { libc::geteuid() } == 0
    {
        let o = env
            .cmd(&["test-script", "x", "root@h", "/etc"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains("the agentless user 'ossec' does not exist"),
            "{err}"
        );
        assert!(err.contains("useradd"), "{err}");
    }
}

fn have_expect() -> bool {
    ossec_agentless::script::which("expect").is_some()
}

fn a_real_expect_script_sourcing_main_exp_from_the_ossec_dir() {
    if !have_expect() {
        crate::harness::ignore("expect is not installed");
    }
    let env = TestEnv::new();
    // Like the stock scripts: relative `agentless/main.exp`, so the cwd must be the OSSEC dir.
    env.write(
        "agentless/main.exp",
        "if {$argc <= 1} { send_user \"\\nERROR: ssh_integrity_check <hostname> <arguments>\\n\"; exit 1 }\n\
         set hostname [lindex $argv 0]\n\
         set args [lrange $argv 1 end]\n\
         if {$hostname == \"test\" && $args == \"test\"} { exit 0 }\n",
    );
    env.script(
        "ssh_fake_check",
        "#!/usr/bin/env expect\n\
         source \"agentless/main.exp\"\n\
         spawn sh -c \"printf 'remote echo\\\\n'\"\n\
         expect eof\n\
         send_user \"\\nINFO: Started.\\n\"\n\
         foreach f $args { send_user \"FWD: 1:644:0:0:a:b $f\\n\" }\n\
         send_user \"\\nINFO: Finished.\\n\"\n",
    );
    let (code, v) = json(&env, &["ssh_fake_check", "root@h", "/etc /bin"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["counts"]["fwd"], 2);
    assert_eq!(v["lines"][1]["text"], "1:644:0:0:a:b /etc");
    assert_eq!(v["lines"][2]["text"], "1:644:0:0:a:b /bin");

    // Empty <arguments>: main.exp's usage error, recognised with its fix.
    let (code, out, _) = run(&env, &["ssh_fake_check", "root@h"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("<arguments> is empty"), "{out}");
}

fn processes_expect_spawns_on_their_own_pty_die_at_the_timeout() {
    if !have_expect() {
        crate::harness::ignore("expect is not installed");
    }
    let env = TestEnv::new();
    let pidfile = env.path("spawned.pid");
    // expect's spawn starts a new session, outside our process group; this one also ignores
    // the SIGHUP it gets when expect dies and the pty closes.
    env.script(
        "ssh_hangs",
        &format!(
            "#!/usr/bin/env expect\n\
             if {{$argc == 2 && [lindex $argv 0] == \"test\"}} {{ exit 0 }}\n\
             spawn sh -c {{trap '' HUP TERM; echo $$ > {}; exec sleep 120}}\n\
             set timeout -1\n\
             expect eof\n",
            pidfile.display()
        ),
    );
    let (code, out, _) = run(&env, &["ssh_hangs", "root@h", "/etc", "--timeout", "1.5"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("did not finish within 1.5 s"), "{out}");
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(!alive(pid), "process {pid} spawned by expect survived");
}

fn an_error_after_a_carriage_return_is_invisible_to_the_daemon_but_fails_the_test() {
    let env = TestEnv::new();
    // As sshlogin.exp prints it after ssh's prompt on the pty: the daemon cuts the line at the
    // \r, sees an empty line, and never logs the error. EOF while logging even exits 0.
    env.script(
        "hidden",
        &probed(
            "printf \"\\rroot@h's password: \\r\\n\"\n\
             printf '\\rERROR: EOF while logging to host: root@h .\\n'\nexit 0",
        ),
    );
    let (code, v) = json(&env, &["hidden", "root@h", "/etc"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["counts"]["error"], 0);
    assert!(v["first_error"].is_null());
    assert_eq!(v["hidden_error"], "EOF while logging to host: root@h .");
    let problems: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["problem"].as_str().unwrap())
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("the daemon does not see it")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("closed the connection during login")),
        "{problems:?}"
    );
}

fn wazuh_splits_arguments_on_spaces_only_and_runs_as_wazuh() {
    let env = TestEnv::new();
    env.write("bin/wazuh-agentlessd", "");
    env.script(
        "args",
        &probed("for a in \"$@\"; do printf '[%s]\\n' \"$a\" >> args.out; done\necho 'FWD: x'"),
    );
    let (code, _, err) = run(&env, &["args", "root@h", "a\tb  c;"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        String::from_utf8(env.read("args.out")).unwrap(),
        "[root@h]\n[a\tb]\n[c;]\n"
    );
    assert!(err.contains("Wazuh splits only on spaces"), "{err}");
    assert!(err.contains("Tcl-quotes"), "{err}");
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } == 0 && ossec_agentless::fsutil::lookup_user("wazuh").is_none() {
        let o = env
            .cmd(&["test-script", "args", "root@h", "/etc"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("the agentless user 'wazuh' does not exist"),
            "{}",
            stderr(&o)
        );
    }
}

fn a_relative_ossec_dir_works() {
    let env = TestEnv::new();
    env.script("rel", &probed("echo 'FWD: x'"));
    let parent = env.root().parent().unwrap();
    let name = env.root().file_name().unwrap();
    let user = me();
    let o = assert_cmd::Command::cargo_bin("ossec-agentless")
        .unwrap()
        .env_remove("OSSEC_DIR")
        .current_dir(parent)
        .arg("--ossec-dir")
        .arg(name)
        .args(["test-script", "--user", &user, "rel", "root@h", "/etc"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

fn ssh_client_messages_get_their_own_fix() {
    let env = TestEnv::new();
    env.script(
        "strict",
        &probed(
            "printf 'spawn ssh root@h\\r\\n'\n\
             printf \"Could not create directory '%s/.ssh' (Permission denied).\\r\\n\" \"$(pwd)\"\n\
             printf 'Host key verification failed.\\r\\n'\nexit 255",
        ),
    );
    let (code, out, _) = run(&env, &["strict", "root@h", "/etc"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("ssh refused to connect to root@h: its host key is not trusted"),
        "{out}"
    );
    assert!(out.contains("doctor --fix` creates it"), "{out}");

    // Another directory than the OSSEC directory's: the account's home is not the OSSEC dir.
    env.script(
        "homeless",
        &probed(
            "printf 'Could not create directory '\\''/nonexistent/.ssh'\\'' (No such file or directory).\\r\\n'\n\
             echo 'FWD: 6:644:0:0:aa:bb /etc/hosts'",
        ),
    );
    let (_, out, _) = run(&env, &["homeless", "root@h", "/etc"]);
    assert!(
        out.contains("ssh could not create /nonexistent/.ssh: ") && out.contains("another home"),
        "{out}"
    );
}

/// A script that counts its probes in `<ossec-dir>/probes` and fails for `bad@…` hosts.
const COUNTING: &str = "#!/bin/sh
if [ \"$1 $2\" = \"test test\" ]; then echo probe >> probes; exit 0; fi
echo \"INFO: Started.\"
echo \"FWD: 6:644:0:0:aa:bb $2\"
case \"$1\" in bad@*) echo \"ERROR: no luck with $1\";; esac
echo \"INFO: Finished.\"
";

const TWO_BLOCKS: &str = "<ossec_config>
  <agentless>
    <type>counting</type>
    <frequency>3600</frequency>
    <host>root@a</host>
    <host>bad@h</host>
    <state>periodic</state>
    <arguments>/etc /bin</arguments>
  </agentless>
  <agentless>
    <type>counting</type>
    <frequency>3600</frequency>
    <host>use_su mon@c</host>
    <state>periodic_diff</state>
    <arguments>/var</arguments>
  </agentless>
</ossec_config>
";

fn probes(env: &TestEnv) -> usize {
    std::fs::read_to_string(env.path("probes"))
        .unwrap_or_default()
        .lines()
        .count()
}

fn entry_runs_every_host_of_the_block_after_one_probe() {
    let env = TestEnv::new();
    env.script("counting", COUNTING);
    env.write("etc/ossec.conf", TWO_BLOCKS);
    let (code, out, err) = run(&env, &["--entry", "1"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(probes(&env), 1, "one probe per block, not per host");
    let conf = env.path("etc/ossec.conf");
    for want in [
        &format!(
            "== <agentless> block 1 ({}:2): counting, 2 host(s) ==\n",
            conf.display()
        ),
        "FWD   6:644:0:0:aa:bb /etc\n",
        "PASSED counting root@a\n  probe `test test`: passed\n",
        "FAILED counting bad@h\n  probe `test test` (run once for the block): passed\n",
        "  first error: no luck with bad@h\n",
        "summary:\n  PASSED entry 1 root@a\n  FAILED entry 1 bad@h\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert!(!out.contains("mon@c"), "{out}");

    let (code, out, _) = run(&env, &["--entry", "2"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        // use_su comes first: $2 is the host.
        out.contains("FWD   6:644:0:0:aa:bb mon@c\n") && out.contains("PASSED counting mon@c"),
        "{out}"
    );
    assert_eq!(probes(&env), 2);
}

fn all_runs_every_block_and_merges_the_results_into_one_json_document() {
    let env = TestEnv::new();
    env.script("counting", COUNTING);
    env.write("etc/ossec.conf", TWO_BLOCKS);
    let (code, v) = json(&env, &["--all"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(probes(&env), 2);
    assert_eq!(
        (v["passed"].as_u64(), v["failed"].as_u64()),
        (Some(2), Some(1))
    );
    let results = v["results"].as_array().unwrap();
    let rows: Vec<(u64, &str, bool)> = results
        .iter()
        .map(|r| {
            (
                r["entry"].as_u64().unwrap(),
                r["host"].as_str().unwrap(),
                r["result"]["passed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "root@a", true),
            (1, "bad@h", false),
            (2, "use_su mon@c", true)
        ]
    );
    assert_eq!(
        results[2]["result"]["argv"],
        serde_json::json!(["use_su", "mon@c", "/var"])
    );
    assert_eq!(results[1]["result"]["first_error"], "no luck with bad@h");
    assert_eq!(results[0]["result"]["counts"]["fwd"], 1);
}

fn a_failed_probe_skips_every_host_of_the_block() {
    let env = TestEnv::new();
    env.script("counting", "#!/bin/sh\necho probe >> probes\nexit 3\n");
    env.write("etc/ossec.conf", TWO_BLOCKS);
    let (code, v) = json(&env, &["--entry", "1"]);
    assert_eq!(code, 1);
    assert_eq!(probes(&env), 1);
    for r in v["results"].as_array().unwrap() {
        assert_eq!(r["result"]["passed"], false);
        assert_eq!(r["result"]["run"], serde_json::Value::Null);
    }
}

fn entry_errors_are_clear() {
    let env = TestEnv::new();
    env.script("counting", COUNTING);
    // No ossec.conf at all.
    let (code, _, err) = run(&env, &["--all"]);
    assert_eq!(code, 2);
    assert!(err.contains("ossec.conf"), "{err}");

    env.write(
        "etc/ossec.conf",
        "<ossec_config>\n  <agentless>\n    <host>root@a</host>\n    <state>periodic</state>\n  \
         </agentless>\n  <agentless>\n    <type>counting</type>\n    <state>periodic</state>\n  \
         </agentless>\n  <agentless>\n    <type>counting</type>\n    <host>root@b</host>\n    \
         <state>periodic</state>\n  </agentless>\n</ossec_config>\n",
    );
    let conf = env.path("etc/ossec.conf");
    for (n, want) in [
        ("0", "--entry 0 is out of range: ".to_string()),
        (
            "4",
            format!(
                "--entry 4 is out of range: {} has 3 <agentless> block(s)",
                conf.display()
            ),
        ),
        (
            "1",
            format!("<agentless> block 1 ({}:2) has no <type>", conf.display()),
        ),
        (
            "2",
            format!("<agentless> block 2 ({}:6) has no <host>", conf.display()),
        ),
    ] {
        let (code, out, err) = run(&env, &["--entry", n]);
        assert_eq!(code, 2, "{out}\n{err}");
        assert!(err.contains(&want), "missing {want:?} in\n{err}");
        assert_eq!(probes(&env), 0);
    }
    // --all reports the unusable blocks and still runs the good one.
    let (code, out, err) = run(&env, &["--all"]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.contains("PASSED counting root@b"), "{out}");
    assert!(err.contains("block 1") && err.contains("block 2"), "{err}");
    assert!(out.contains("summary:\n  PASSED entry 3 root@b\n"), "{out}");

    // The flags conflict with TYPE USER@HOST.
    let (code, _, err) = run(&env, &["--entry", "3", "counting", "root@b"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let (code, _, err) = run(&env, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("required"), "{err}");
}

fn a_record_after_a_control_sequence_and_a_carriage_return_is_reported() {
    let env = TestEnv::new();
    // As bash prints it after the pasted command line: bracketed paste off, `\r`, the record.
    env.script(
        "cut",
        &probed(
            "printf 'INFO: Started.\\n'\n\
             printf '\\033[?2004l\\rFWD: 2:644:0:0:aa:bb /srv/b\\r\\n'\n\
             printf 'FWD: 2:644:0:0:aa:bb /srv/c\\r\\n'\n\
             printf 'INFO: Finished.\\n'",
        ),
    );
    let (code, out, err) = run(&env, &["cut", "root@h", "/srv"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("FAILED cut root@h"), "{out}");
    assert!(out.contains("lines: 1 FWD"), "{out}");
    // The whole line, escaped for the terminal, and what the daemon makes of it.
    assert!(
        out.contains(
            "the line \"\\x1b[?2004l\\rFWD: 2:644:0:0:aa:bb /srv/b\" holds a FWD record after a \
             carriage return or a terminal control sequence: the daemon cuts lines at the first \
             \\r and sees only \"\\x1b[?2004l\""
        ),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "{out}");
    let (code, v) = json(&env, &["cut", "root@h", "/srv"]);
    assert_eq!(code, 1);
    let causes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cause"].as_str().unwrap())
        .collect();
    assert_eq!(causes, ["lost_line"], "{v:#}");
}

fn a_run_that_delivers_nothing_fails() {
    let env = TestEnv::new();
    env.script(
        "quiet",
        &probed("echo 'INFO: Started.'\necho 'INFO: Finished.'"),
    );
    let (code, v) = json(&env, &["quiet", "root@h", "/etc"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["passed"], false);
    assert_eq!(v["findings"][0]["cause"], "no_data", "{v:#}");
    assert!(
        v["findings"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("no FWD:, LOG: or STORE: line"),
        "{v:#}"
    );
}

/// The real rejection messages of every shell installed here, for `cmd` typed into it on a
/// terminal as an agentless script types it: (shell, its output).
fn shell_outputs(cmd: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut v = Vec::new();
    for (name, argv) in [
        ("dash", &["dash", "-i"][..]),
        ("bash", &["bash", "--norc", "-i"]),
        ("BusyBox ash", &["busybox", "sh", "-i"]),
        ("ksh", &["ksh", "-i"]),
        ("zsh", &["zsh", "-f", "-i"]),
        ("csh/tcsh", &["tcsh", "-f", "-i"]),
    ] {
        if ossec_agentless::script::which(argv[0]).is_none() {
            // dash, bash and BusyBox are prerequisites of the suite; the others are optional.
            assert!(
                !["dash", "bash", "busybox"].contains(&argv[0]),
                "{} is not installed",
                argv[0]
            );
            eprintln!(
                "note: {} is not installed: its messages are not tried",
                argv[0]
            );
            continue;
        }
        let out = std::process::Command::new(argv[0])
            .args(&argv[1..])
            .env("HOME", "/nonexistent")
            .env("ENV", "")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin
                    .take()
                    .unwrap()
                    .write_all(format!("{cmd}\nexit\n").as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        let mut all = out.stdout;
        all.extend(out.stderr);
        v.push((name, all));
    }
    v
}

fn a_command_line_the_login_shell_rejects_fails_with_the_shell_named() {
    let env = TestEnv::new();
    // An unknown command: every shell rejects it in its own words.
    for (shell, output) in shell_outputs("no_such_command_4711 /etc") {
        env.write("shell-output", &output);
        env.script(
            "sh_check",
            &probed("cat shell-output\necho 'FWD: 6:644:0:0:aa:bb /etc/hosts'"),
        );
        let (code, out, err) = run(&env, &["sh_check", "root@h", "/etc"]);
        assert_eq!(code, 1, "{shell}: {out}\n{err}");
        assert!(
            out.contains(&format!("the login shell on root@h ({shell}) rejected")),
            "{shell}: {out}"
        );
        assert!(out.contains("no_such_command_4711"), "{shell}: {out}");
        assert!(out.contains("chsh -s"), "{shell}: {out}");
    }
    // The stock Linux script's `unset HISTFILE echo "INFO: Starting."`: the shells that reject
    // it get the stock-typo explanation and the install-script fix.
    for (shell, output) in shell_outputs("unset HISTFILE echo \"INFO: Starting.\"; echo done") {
        env.write("shell-output", &output);
        let (code, v) = json(&env, &["sh_check", "root@h", "/etc"]);
        let rejected: Vec<&serde_json::Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["cause"] == "shell_rejected")
            .collect();
        if shell == "bash" || shell == "csh/tcsh" {
            // bash accepts it silently; csh's unset takes patterns.
            assert!(rejected.is_empty(), "{shell}: {v:#}");
            continue;
        }
        assert_eq!(code, 1, "{shell}: {v:#}");
        assert_eq!(rejected.len(), 1, "{shell}: {v:#}");
        let problem = rejected[0]["problem"].as_str().unwrap();
        assert!(problem.contains(&format!("({shell})")), "{problem}");
        assert!(problem.contains("without a `;`"), "{problem}");
        assert!(
            rejected[0]["fix"]
                .as_str()
                .unwrap()
                .contains("ossec-agentless install-script"),
            "{v:#}"
        );
    }
}

fn an_integrity_script_is_cross_checked_unless_skipped() {
    let env = TestEnv::new();
    env.script(
        "ssh_integrity_check_fake",
        &probed("echo 'FWD: 6:644:0:0:aa:bb /etc/hosts'"),
    );
    // Nothing listens on port 1: the direct scan cannot run, so nothing shows that every file
    // arrived, and the test fails with that cause.
    let (code, v) = json(
        &env,
        &[
            "ssh_integrity_check_fake",
            "ssh://root@127.0.0.1:1",
            "/etc/hosts",
        ],
    );
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["cross_check"]["status"], "not_run", "{v:#}");
    assert_eq!(v["findings"][0]["cause"], "cross_check_not_run", "{v:#}");
    assert!(
        v["findings"][0]["fix"]
            .as_str()
            .unwrap()
            .contains("--no-cross-check"),
        "{v:#}"
    );
    let (code, out, _) = run(
        &env,
        &[
            "ssh_integrity_check_fake",
            "ssh://root@127.0.0.1:1",
            "/etc/hosts",
            "--no-cross-check",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("cross-check: skipped (--no-cross-check)"),
        "{out}"
    );
    // Other scripts are not cross-checked.
    env.script(
        "fake_diff",
        &probed("echo 'FWD: 6:644:0:0:aa:bb /etc/hosts'"),
    );
    let (code, v) = json(&env, &["fake_diff", "ssh://root@127.0.0.1:1", "/etc/hosts"]);
    assert_eq!(code, 0, "{v:#}");
    assert!(v.get("cross_check").is_none(), "{v:#}");
}

crate::tests! {
    every_line_kind_is_classified_like_the_daemon,
    runs_in_the_ossec_dir_with_the_daemon_argv_and_no_shell,
    error_line_ends_reading_and_fails,
    status_126_not_executable,
    status_127_expect_or_interpreter_missing,
    status_3_in_the_probe_and_in_the_run,
    a_hanging_script_is_stopped_at_the_timeout,
    the_whole_process_group_dies_even_when_it_ignores_sigterm,
    leftover_background_processes_are_stopped,
    a_repeated_password_prompt_means_a_wrong_password,
    a_host_key_prompt_is_reported_even_when_the_run_passes,
    remote_text_is_escaped_on_the_terminal_but_not_in_json,
    lines_longer_than_the_daemon_buffer_are_split,
    privileges_are_dropped_to_the_requested_user,
    refuses_clearly_when_the_user_cannot_be_used,
    a_real_expect_script_sourcing_main_exp_from_the_ossec_dir,
    processes_expect_spawns_on_their_own_pty_die_at_the_timeout,
    an_error_after_a_carriage_return_is_invisible_to_the_daemon_but_fails_the_test,
    wazuh_splits_arguments_on_spaces_only_and_runs_as_wazuh,
    a_relative_ossec_dir_works,
    ssh_client_messages_get_their_own_fix,
    entry_runs_every_host_of_the_block_after_one_probe,
    all_runs_every_block_and_merges_the_results_into_one_json_document,
    a_failed_probe_skips_every_host_of_the_block,
    entry_errors_are_clear,
    a_record_after_a_control_sequence_and_a_carriage_return_is_reported,
    a_run_that_delivers_nothing_fails,
    a_command_line_the_login_shell_rejects_fails_with_the_shell_named,
    an_integrity_script_is_cross_checked_unless_skipped,
}
