//! `config show/add/remove/validate` and the `ossec-config` binary, run as a user would.

use crate::util::{TestEnv, assert_text_eq, stderr, stdout};
use std::os::unix::fs::PermissionsExt;

const BASE: &str = "<!-- server -->\n<ossec_config>\n  <global>\n    <email_notification>no</email_notification>\n  </global>\n\n  <syscheck>\n    <frequency>79200</frequency>\n  </syscheck>\n</ossec_config>\n";

fn env_with(conf: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write("etc/ossec.conf", conf);
    env.script("ssh_integrity_check_linux", "#!/bin/sh\nexit 0\n");
    env.script("ssh_generic_diff", "#!/bin/sh\nexit 0\n");
    env
}

const ADD: &[&str] = &[
    "config",
    "add",
    "--type",
    "ssh_integrity_check_linux",
    "--host",
    "root@web01",
    "--state",
    "periodic",
    "--arguments",
    "/bin /etc /sbin",
];

fn add_then_show_json() {
    let env = env_with(BASE);
    let o = env.cmd(ADD).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("added <agentless> entry 1"));
    let conf = String::from_utf8(env.read("etc/ossec.conf")).unwrap();
    assert_text_eq(
        &BASE.replace(
            "  </syscheck>\n",
            "  </syscheck>\n\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <frequency>86400</frequency>\n    <host>root@web01</host>\n    <state>periodic</state>\n    <arguments>/bin /etc /sbin</arguments>\n  </agentless>\n",
        ),
        &conf,
    );
    assert_eq!(env.read("etc/ossec.conf.bak"), BASE.as_bytes());
    let o = env.cmd(&["config", "show", "--json"]).output().unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let e = &v["entries"][0];
    assert_eq!(e["type"], "ssh_integrity_check_linux");
    assert_eq!(e["hosts"][0]["user_host"], "root@web01");
    assert_eq!(e["effective_frequency"], 86400);
    assert_eq!(e["arguments"], "/bin /etc /sbin");
    assert_eq!(e["line"], 11);
}

fn dry_run_prints_a_diff_and_writes_nothing() {
    let env = env_with(BASE);
    let mut args = ADD.to_vec();
    args.push("--dry-run");
    let o = env.cmd(&args).output().unwrap();
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("+  <agentless>\n"), "{out}");
    assert!(out.contains("+    <host>root@web01</host>\n"), "{out}");
    assert!(
        !out.lines()
            .any(|l| l.starts_with('-') && !l.starts_with("---"))
    );
    assert_eq!(env.read("etc/ossec.conf"), BASE.as_bytes());
    assert!(!env.path("etc/ossec.conf.bak").exists());
}

fn add_keeps_owner_and_mode() {
    let env = env_with(BASE);
    let p = env.path("etc/ossec.conf");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(
        env.cmd(ADD)
            .arg("--no-backup")
            .output()
            .unwrap()
            .status
            .success()
    );
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777,
        0o640
    );
    assert!(!env.path("etc/ossec.conf.bak").exists());
}

fn show_formats() {
    let env = env_with(BASE);
    // No entries: nothing at all, exit 0, in every text format.
    for fmt in ["table", "legacy"] {
        let o = env
            .cmd(&["config", "show", "--format", fmt])
            .output()
            .unwrap();
        assert!(o.status.success());
        assert_eq!(stdout(&o), "");
    }
    env.cmd(ADD).assert().success();
    env.cmd(&[
        "config",
        "add",
        "--type",
        "ssh_generic_diff",
        "--host",
        "root@gw",
        "--host",
        "use_su mon@db",
        "--state",
        "periodic_diff",
        "--frequency",
        "600",
        "--arguments",
        "cat /etc/hosts",
    ])
    .assert()
    .success();
    let o = env
        .cmd(&["config", "show", "--format", "legacy"])
        .output()
        .unwrap();
    assert_text_eq(
        &format!(
            "{d}\ntype: ssh_integrity_check_linux\nfrequency: 86400\nhost: root@web01\nstate: periodic\narguments: /bin /etc /sbin\n{d}\ntype: ssh_generic_diff\nfrequency: 600\nhost: root@gw\nhost: use_su mon@db\nstate: periodic_diff\narguments: cat /etc/hosts\n",
            d = "-".repeat(40)
        ),
        &stdout(&o),
    );
    let o = env.cmd(&["config", "show"]).output().unwrap();
    let t = stdout(&o);
    assert!(
        t.contains("ssh_generic_diff") && t.contains("use_su mon@db") && t.contains("600"),
        "{t}"
    );
}

fn remove_by_index_host_and_type() {
    let env = env_with(BASE);
    env.cmd(ADD).assert().success();
    let one = env.read("etc/ossec.conf");
    env.cmd(&[
        "config",
        "add",
        "--type",
        "ssh_generic_diff",
        "--host",
        "root@gw",
        "--host",
        "mon@db",
        "--state",
        "periodic_diff",
        "--arguments",
        "cat /etc/hosts",
    ])
    .assert()
    .success();
    // --host on a block with two hosts removes only that line.
    env.cmd(&["config", "remove", "--host", "mon@db"])
        .assert()
        .success();
    let conf = String::from_utf8(env.read("etc/ossec.conf")).unwrap();
    assert!(
        !conf.contains("mon@db") && conf.contains("root@gw"),
        "{conf}"
    );
    // Ambiguous: two entries of different types share no host, but --type narrows.
    env.cmd(&["config", "remove", "--type", "ssh_generic_diff"])
        .assert()
        .success();
    assert_eq!(env.read("etc/ossec.conf"), one);
    env.cmd(&["config", "remove", "1"]).assert().success();
    assert_eq!(env.read("etc/ossec.conf"), BASE.as_bytes());
    let o = env.cmd(&["config", "remove", "1"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no entry 1"), "{}", stderr(&o));
}

fn remove_refuses_ambiguous_matches_without_all_matching() {
    let env = env_with(BASE);
    env.cmd(ADD).assert().success();
    env.cmd(&[
        "config",
        "add",
        "--type",
        "ssh_generic_diff",
        "--host",
        "root@web01",
        "--state",
        "periodic_diff",
        "--arguments",
        "ls",
    ])
    .assert()
    .success();
    let before = env.read("etc/ossec.conf");
    let o = env
        .cmd(&["config", "remove", "--host", "root@web01"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("2 entries match (1, 2)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.read("etc/ossec.conf"), before);
    env.cmd(&["config", "remove", "--host", "root@web01", "--all-matching"])
        .assert()
        .success();
    assert_eq!(env.read("etc/ossec.conf"), BASE.as_bytes());
}

fn remove_cleans_the_stale_marker() {
    let env = env_with(BASE);
    env.cmd(ADD).assert().success();
    let marker = env.write(
        "queue/agentless/(ssh_integrity_check_linux) root@web01",
        "type: syscheck\n",
    );
    env.cmd(&["config", "remove", "1", "--dry-run"])
        .assert()
        .success();
    assert!(marker.exists());
    env.cmd(&["config", "remove", "1"]).assert().success();
    assert!(!marker.exists());
}

fn add_validates_before_writing() {
    let env = env_with(BASE);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--type", "nope", "--host", "r@h", "--state", "periodic"],
            "Unable to find 'nope'",
        ),
        (
            &[
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                "r@h",
                "--state",
                "continuous",
            ],
            "Invalid value for element 'state'",
        ),
        (
            &[
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                "r@h",
                "--state",
                "periodic",
                "--frequency",
                "0",
            ],
            "Frequency not set",
        ),
        (
            &[
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                "r@h",
                "--state",
                "periodic",
                "--frequency",
                "1h",
            ],
            "Invalid value for element 'frequency'",
        ),
        (
            &[
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                "nohost",
                "--state",
                "periodic",
            ],
            "expected USER@HOST",
        ),
        (
            &[
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                "r@h",
                "--state",
                "periodic",
                "--arguments",
                "a</arguments><x>",
            ],
            "contains '<'",
        ),
        (
            &[
                "--type",
                "../bin/sh",
                "--host",
                "r@h",
                "--state",
                "periodic",
            ],
            "script name",
        ),
    ];
    for (args, msg) in cases {
        let mut a = vec!["config", "add"];
        a.extend_from_slice(args);
        let o = env.cmd(&a).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(msg), "{args:?}: {}", stderr(&o));
        assert_eq!(env.read("etc/ossec.conf"), BASE.as_bytes(), "{args:?}");
    }
    // --force adds an entry for a script that is not installed yet, with a warning.
    let o = env
        .cmd(&[
            "config",
            "add",
            "--type",
            "my_custom_check",
            "--host",
            "r@h",
            "--state",
            "periodic",
            "--arguments",
            "x",
            "--force",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: Unable to find 'my_custom_check'"));
}

fn add_warns_about_shell_metacharacters() {
    let env = env_with(BASE);
    let o = env
        .cmd(&[
            "config",
            "add",
            "--type",
            "ssh_generic_diff",
            "--host",
            "root@gw",
            "--state",
            "periodic_diff",
            "--arguments",
            "ls /etc; cat /etc/passwd",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(stderr(&o).contains("/bin/sh -c"), "{}", stderr(&o));
    let conf = String::from_utf8(env.read("etc/ossec.conf")).unwrap();
    assert!(conf.contains("<arguments>ls /etc; cat /etc/passwd</arguments>"));
}

fn wazuh5_refuses_agentless() {
    let env = env_with(BASE);
    env.write("bin/wazuh-control", "");
    let o = env.cmd(ADD).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Wazuh 5.x, which removed agentless"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.read("etc/ossec.conf"), BASE.as_bytes());
}

fn twenty_concurrent_adds_lose_nothing() {
    let env = env_with(BASE);
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_ossec-agentless"));
            c.arg("--ossec-dir").arg(env.root()).args([
                "config",
                "add",
                "--type",
                "ssh_integrity_check_linux",
                "--host",
                &format!("root@host{i}"),
                "--state",
                "periodic",
                "--arguments",
                "/etc",
            ]);
            c.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let f = ossec_agentless::config::ConfigFile::load(&env.path("etc/ossec.conf")).unwrap();
    let mut hosts: Vec<String> = f
        .doc
        .agentless()
        .iter()
        .map(|e| e.hosts[0].raw.lossy().into_owned())
        .collect();
    hosts.sort();
    let mut want: Vec<String> = (0..20).map(|i| format!("root@host{i}")).collect();
    want.sort();
    assert_eq!(hosts, want);
}

fn bad_input_is_a_clear_error_and_nothing_is_written() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "unclosed",
            b"<ossec_config>\n  <global>\n</ossec_config>\n".to_vec(),
            "ossec.conf:3:1: element 'global' not closed",
        ),
        (
            "eof",
            b"<ossec_config>\n  <global>\n".to_vec(),
            "ossec.conf:2:3: end of file and element 'global' was not closed",
        ),
        (
            "mismatch",
            b"<ossec_config>\n<rules><include>a.xml</includea></rules>\n</ossec_config>\n".to_vec(),
            "ossec.conf:2:22: element 'include' not closed: found </includea>",
        ),
        (
            "unquoted",
            b"<ossec_config>\n  <syscheck>\n    <directories check_all=yes>/etc</directories>\n"
                .to_vec(),
            "ossec.conf:3:28: attribute 'check_all' not followed by a \" or '",
        ),
        (
            "cdata",
            b"<ossec_config><localfile><command><![CDATA[x]]></command></localfile></ossec_config>"
                .to_vec(),
            "CDATA sections are not supported",
        ),
    ];
    for (name, bytes, msg) in cases {
        let env = env_with(BASE);
        env.write("etc/ossec.conf", &bytes);
        for args in [ADD, &["config", "show"][..]] {
            let o = env.cmd(args).output().unwrap();
            assert_eq!(o.status.code(), Some(2), "{name}");
            assert!(stderr(&o).contains(msg), "{name}: {}", stderr(&o));
            assert_eq!(stderr(&o).matches(msg).count(), 1, "{name}: printed once");
            assert!(!stderr(&o).contains("panicked"), "{name}");
        }
        assert_eq!(env.read("etc/ossec.conf"), bytes, "{name}");
        assert!(!env.path("etc/ossec.conf.bak").exists());
    }
    // A NUL byte: the daemon reads the file (it is junk text to it), so show works, but it is
    // not a text file and is not edited.
    let elf = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0];
    let env = env_with(BASE);
    env.write("etc/ossec.conf", &elf);
    assert_eq!(
        env.cmd(&["config", "show"]).output().unwrap().status.code(),
        Some(0)
    );
    let o = env.cmd(ADD).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).matches("binary data (a NUL byte)").count(),
        1,
        "{}",
        stderr(&o)
    );
    assert_eq!(env.read("etc/ossec.conf"), elf);
    // Caret under the spot.
    let env = env_with(
        "<ossec_config>\n  <syscheck>\n    <directories check_all=yes>/etc</directories>\n",
    );
    let err = stderr(&env.cmd(&["config", "show"]).output().unwrap());
    assert!(err.contains("3 |     <directories check_all=yes>/etc</directories>\n  |                            ^"), "{err}");
}

fn missing_huge_and_unreadable_files() {
    let env = TestEnv::new();
    let o = env.cmd(&["config", "show"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read") && stderr(&o).contains("etc/ossec.conf"),
        "{}",
        stderr(&o)
    );
    let big = format!(
        "<ossec_config>\n<!-- {} -->\n</ossec_config>\n",
        "x".repeat(10 * 1024 * 1024)
    );
    env.write("etc/ossec.conf", &big);
    let o = env.cmd(ADD).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("more than the"), "{}", stderr(&o));
    assert_eq!(env.read("etc/ossec.conf").len(), big.len());
}

fn validate_reports_errors_with_carets_and_exit_codes() {
    let env = env_with(
        "<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <host>root@a</host>\n    <state>continuous</state>\n    <port>2222</port>\n  </agentless>\n</ossec_config>\n",
    );
    let o = env.cmd(&["config", "validate"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error(1235): "), "{out}");
    assert!(
        out.contains("ossec.conf:5:5: Invalid value for element 'state': continuous."),
        "{out}"
    );
    assert!(
        out.contains("5 |     <state>continuous</state>\n  |     ^"),
        "{out}"
    );
    assert!(
        out.contains("warning: ") && out.contains("<port> is parsed but never used"),
        "{out}"
    );
    assert!(out.contains("invalid (1 error, 2 warnings)"), "{out}");
    let o = env.cmd(&["config", "validate", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], false);
    let errors: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(errors[0]["code"], 1235);

    let ok = env_with(BASE);
    let o = ok.cmd(&["config", "validate"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let broken = env_with("<ossec_config>\n");
    assert_eq!(
        broken
            .cmd(&["config", "validate"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
    let missing = TestEnv::new();
    assert_eq!(
        missing
            .cmd(&["config", "validate"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

fn validate_with_daemon_reports_its_verdict() {
    let env = env_with(BASE);
    // A stand-in agentlessd that behaves like the real one on a bad config.
    env.write(
        "bin/ossec-agentlessd",
        "#!/bin/sh\n[ \"$1\" = -t ] && [ \"$2\" = -c ] || exit 9\necho \"ossec-agentlessd(7101): ERROR: Invalid agentless configuration.\" >&2\nexit 1\n",
    );
    std::fs::set_permissions(
        env.path("bin/ossec-agentlessd"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let o = env
        .cmd(&["config", "validate", "--with-daemon"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("ossec-agentlessd -t -c") && out.contains("FAILED (exit status 1)"),
        "{out}"
    );
    assert!(
        out.contains("(7101): ERROR: Invalid agentless configuration."),
        "{out}"
    );
}

fn ossec_config_compatibility() {
    let env = env_with(BASE);
    let o = env
        .ossec_config(&["--section", "agentless", "--show"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    env.ossec_config(&[
        "--section",
        "agentless",
        "--add",
        "--host",
        "root@172.17.20.20",
        "--type",
        "ssh_integrity_check_linux",
        "--state",
        "periodic",
        "--argv",
        "/bin /etc /sbin",
    ])
    .assert()
    .success();
    let o = env
        .ossec_config(&["--section", "agentless", "--show"])
        .output()
        .unwrap();
    assert_text_eq(
        &format!(
            "{}\ntype: ssh_integrity_check_linux\nfrequency: 3600\nhost: root@172.17.20.20\nstate: periodic\narguments: /bin /etc /sbin\n",
            "-".repeat(40)
        ),
        &stdout(&o),
    );
    let o = env
        .ossec_config(&["--section", "syscheck", "--show"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not supported"), "{}", stderr(&o));
    let help = stdout(&env.ossec_config(&["--help"]).output().unwrap());
    assert!(help.contains("3600"), "{help}");
}

/// The fixtures that are not UTF-8 or have no final line break.
fn byte_fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ossec-conf");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .filter(|(_, b)| std::str::from_utf8(b).is_err() || !b.ends_with(b"\n"))
        .collect();
    v.sort();
    assert!(v.len() >= 6, "{} fixtures", v.len());
    v
}

fn config_show_add_remove_keep_non_utf8_bytes() {
    for (name, bytes) in byte_fixtures() {
        let env = env_with("");
        env.script("ssh_integrity_check_bsd", "#!/bin/sh\nexit 0\n");
        env.write("etc/ossec.conf", &bytes);
        for args in [
            &["config", "show"][..],
            &["config", "show", "--format", "legacy"],
            &["config", "show", "--json"],
            &["config", "validate"],
        ] {
            let o = env.cmd(args).output().unwrap();
            assert_eq!(
                o.status.code(),
                Some(0),
                "{name} {args:?}: {}{}",
                stdout(&o),
                stderr(&o)
            );
            assert!(
                std::str::from_utf8(&o.stdout).is_ok(),
                "{name} {args:?}: output is UTF-8"
            );
            assert!(!o.stdout.contains(&0x1b), "{name} {args:?}: no raw escape");
        }
        let entries_before = show_json(&env)["entries"].as_array().unwrap().len();
        env.cmd(ADD).assert().success();
        let added = env.read("etc/ossec.conf");
        assert!(added.windows(10).any(|w| w == b"root@web01"), "{name}");
        let n = entries_before + 1;
        env.cmd(&["config", "remove", &n.to_string()])
            .assert()
            .success();
        assert!(
            env.read("etc/ossec.conf") == bytes,
            "{name}: add + remove is byte identity"
        );
        // The backup of the last write is the added file.
        assert!(env.read("etc/ossec.conf.bak") == added, "{name}");
    }
}

fn show_json(env: &TestEnv) -> serde_json::Value {
    let o = env.cmd(&["config", "show", "--json"]).output().unwrap();
    serde_json::from_slice(&o.stdout).unwrap()
}

fn config_show_escapes_non_utf8_values_and_json_gives_their_bytes() {
    let env = env_with("");
    env.write(
        "etc/ossec.conf",
        b"<!-- caf\xe9 -->\n<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <host>root@h\xff</host>\n    <state>periodic</state>\n    <arguments>/srv/caf\xe9 /etc</arguments>\n  </agentless>\n</ossec_config>\n",
    );
    let o = env
        .cmd(&["config", "show", "--format", "legacy"])
        .output()
        .unwrap();
    assert_text_eq(
        "----------------------------------------\ntype: ssh_integrity_check_linux\nfrequency: 86400\nhost: root@h\\xff\nstate: periodic\narguments: /srv/caf\\xe9 /etc\n",
        &stdout(&o),
    );
    let v = show_json(&env);
    let e = &v["entries"][0];
    assert_eq!(e["type"], "ssh_integrity_check_linux");
    assert_eq!(e["arguments"]["hex"], "2f7372762f636166e9202f657463");
    assert_eq!(e["arguments"]["lossy"], "/srv/caf\u{fffd} /etc");
    assert_eq!(e["hosts"][0]["raw"]["hex"], "726f6f744068ff");
    assert_eq!(e["hosts"][0]["user_host"]["hex"], "726f6f744068ff");
    // A bad value is named escaped, once, with the caret under it.
    env.write(
        "etc/ossec.conf",
        b"<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <host>root@h</host>\n    <state>p\xe9riodic</state>\n  </agentless>\n</ossec_config>\n",
    );
    let o = env.cmd(&["config", "validate"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(
        out.matches("Invalid value for element 'state': p\\xe9riodic.")
            .count(),
        1,
        "{out}"
    );
    // A structural error in a Latin-1 file: printed once, the byte escaped.
    env.write(
        "etc/ossec.conf",
        b"<!-- caf\xe9 -->\n<ossec_config>\n  <global>\n</ossec_config>\n",
    );
    let o = env.cmd(&["config", "show"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(
        err.matches("element 'global' not closed").count(),
        1,
        "{err}"
    );
    let o = env.cmd(&["config", "validate"]).output().unwrap();
    assert_eq!(stdout(&o).matches("element 'global' not closed").count(), 1);
}

/// The real `ossec-agentlessd` of the OSSEC installation the interop tests use.
fn real_daemon() -> Option<std::path::PathBuf> {
    Some(crate::ossecd::installation_dir().join("bin/ossec-agentlessd"))
}

fn config_validate_agrees_with_the_real_daemon_on_non_utf8_files() {
    let Some(daemon) = real_daemon() else {
        return;
    };
    let agentless = daemon.parent().unwrap().parent().unwrap().join("agentless");
    for (name, bytes) in byte_fixtures() {
        let env = env_with("");
        std::os::unix::fs::symlink(&daemon, env.path("bin/ossec-agentlessd")).unwrap();
        for s in [
            "ssh_integrity_check_bsd",
            "ssh_integrity_check_linux",
            "ssh_generic_diff",
        ] {
            std::fs::copy(agentless.join(s), env.path(&format!("agentless/{s}"))).unwrap();
        }
        env.write("etc/ossec.conf", &bytes);
        let o = env
            .cmd(&["config", "validate", "--with-daemon"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
        assert!(
            stdout(&o).contains("passed (exit status 0)"),
            "{name}: {}",
            stdout(&o)
        );
        // The edited file is accepted by the daemon too.
        env.cmd(ADD).assert().success();
        let o = env
            .cmd(&["config", "validate", "--with-daemon"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{name} after add: {}", stdout(&o));
    }
    // Both sides reject the same bad Latin-1 value.
    let env = env_with("");
    std::os::unix::fs::symlink(&daemon, env.path("bin/ossec-agentlessd")).unwrap();
    env.write(
        "etc/ossec.conf",
        b"<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <host>root@h</host>\n    <state>periodic\xe9</state>\n  </agentless>\n</ossec_config>\n",
    );
    let o = env
        .cmd(&["config", "validate", "--with-daemon"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error(1235)") && out.contains("FAILED (exit status 1)"),
        "{out}"
    );
}

fn test_script_all_reports_a_non_utf8_value_instead_of_running_it() {
    let env = env_with("");
    env.script(
        "echoing",
        "#!/bin/sh\nif [ \"$1 $2\" = \"test test\" ]; then exit 0; fi\necho \"FWD: 1:644:0:0:aa:bb $2\"\n",
    );
    env.write(
        "etc/ossec.conf",
        b"<ossec_config>\n  <agentless>\n    <type>echoing</type>\n    <host>root@a</host>\n    <state>periodic</state>\n    <arguments>/srv/caf\xe9</arguments>\n  </agentless>\n  <agentless>\n    <type>echoing</type>\n    <host>root@b</host>\n    <state>periodic</state>\n    <arguments>/etc</arguments>\n  </agentless>\n</ossec_config>\n",
    );
    // SAFETY: geteuid cannot fail.
    let me = ossec_agentless::fsutil::user_name(unsafe { libc::geteuid() });
    let o = env
        .cmd(&["test-script", "--user", &me, "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = v["results"].as_array().unwrap();
    assert!(
        results[0]["error"]
            .as_str()
            .unwrap()
            .contains("<arguments> /srv/caf\\xe9 is not UTF-8 text"),
        "{v:#}"
    );
    assert_eq!(results[1]["result"]["passed"], true, "{v:#}");
}

fn scan_all_names_a_non_utf8_host_and_skips_it_for_another_target() {
    let env = env_with("");
    env.write(
        "etc/ossec.conf",
        b"<ossec_config>\n  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <host>root@h\xe9</host>\n    <state>periodic</state>\n    <arguments>/etc</arguments>\n  </agentless>\n</ossec_config>\n",
    );
    let o = env.cmd(&["scan", "--all"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.matches("<agentless> block 1: <host> root@h\\xe9 is not UTF-8 text")
            .count(),
        1,
        "{err}"
    );
    // Another host is not held up by it: it has no entry, which is the usual usage error.
    let o = env.cmd(&["scan", "root@other"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no ssh_integrity_check_* entry for root@other"),
        "{}",
        stderr(&o)
    );
}

/// OSSEC's ossec-control starts ossec-agentlessd only after `enable agentless` (#11).
fn add_tells_to_enable_agentless_when_it_is_not() {
    let env = env_with(BASE);
    let o = env.cmd(ADD).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let control = format!("{}/bin/ossec-control", env.root().display());
    assert!(
        err.contains(&format!(
            "run `{control} enable agentless`, then `{control} restart`"
        )),
        "{err}"
    );
    let env = env_with(BASE);
    env.write(
        "bin/.process_list",
        "AGENTLESS_DAEMON=\"\"\nAGENTLESS_DAEMON=ossec-agentlessd\n",
    );
    let o = env.cmd(ADD).output().unwrap();
    let err = stderr(&o);
    let control = format!("{}/bin/ossec-control", env.root().display());
    assert!(
        err.contains(&format!("restart OSSEC to apply it: {control} restart")),
        "{err}"
    );
    assert!(!err.contains("enable agentless"), "{err}");
}

crate::tests! {
    add_then_show_json,
    dry_run_prints_a_diff_and_writes_nothing,
    add_keeps_owner_and_mode,
    show_formats,
    remove_by_index_host_and_type,
    remove_refuses_ambiguous_matches_without_all_matching,
    remove_cleans_the_stale_marker,
    add_validates_before_writing,
    add_warns_about_shell_metacharacters,
    wazuh5_refuses_agentless,
    twenty_concurrent_adds_lose_nothing,
    bad_input_is_a_clear_error_and_nothing_is_written,
    missing_huge_and_unreadable_files,
    validate_reports_errors_with_carets_and_exit_codes,
    validate_with_daemon_reports_its_verdict,
    ossec_config_compatibility,
    config_show_add_remove_keep_non_utf8_bytes,
    config_show_escapes_non_utf8_values_and_json_gives_their_bytes,
    config_validate_agrees_with_the_real_daemon_on_non_utf8_files,
    test_script_all_reports_a_non_utf8_value_instead_of_running_it,
    scan_all_names_a_non_utf8_host_and_skips_it_for_another_target,
    add_tells_to_enable_agentless_when_it_is_not,
}
