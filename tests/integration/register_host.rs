//! `register-host` and the `.passlist` library: exact files in both forms, the stock parser's
//! reading of what we write, concurrency, modes, validation, and no secret in any output.

use crate::util::{TestEnv, assert_text_eq, stderr, stdout};
use ossec_agentless::passlist::{Form, PasslistEditor, Security};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::process::{Command, Stdio};

/// A hand-edited OSSEC file: comment, blank line, a two-field line the scripts skip, a
/// duplicate, CRLF, and `xroot@h`, which is not `root@h`.
const PLAIN: &str = "# managed by hand\n\
                     xroot@h|pw1|\n\
                     \n\
                     broken@h|twofields\n\
                     mon@db01|pw2|su2\n\
                     mon@db01|shadowed|\n\
                     win@h|pw3|\r\n";

/// The stock expect scripts' reading (`main.exp`), written independently of the
/// library: first line whose text before the first `|` is `host`; password between the first
/// and last `|`; lines with fewer than two `|` skipped; `x` = not found.
fn stock_lookup(content: &[u8], host: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    for line in content.split(|&b| b == b'\n') {
        let bars: Vec<usize> = line
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'|')
            .map(|(i, _)| i)
            .collect();
        if bars.len() < 2 {
            continue;
        }
        let (first, last) = (bars[0], bars[bars.len() - 1]);
        if &line[..first] == host.as_bytes() {
            let pass = line[first + 1..last].to_vec();
            if pass == b"x" {
                return None;
            }
            return Some((pass, line[last + 1..].to_vec()));
        }
    }
    None
}

/// `base64` (GNU coreutils) of `data`, as Wazuh's register_host.sh writes it.
fn gnu_base64(data: &[u8]) -> Vec<u8> {
    pipe("base64", &[], data)
}

fn gnu_base64_decode(data: &[u8]) -> Vec<u8> {
    pipe("base64", &["-d"], data)
}

fn pipe(cmd: &str, args: &[&str], data: &[u8]) -> Vec<u8> {
    let mut c = Command::new(cmd)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("coreutils base64");
    c.stdin.take().unwrap().write_all(data).unwrap();
    let o = c.wait_with_output().unwrap();
    assert!(o.status.success());
    o.stdout
}

fn wazuh_env() -> TestEnv {
    let env = TestEnv::new();
    env.write("bin/wazuh-agentlessd", "");
    env.write("bin/wazuh-control", "");
    env
}

fn mode(env: &TestEnv, rel: &str) -> u32 {
    std::fs::metadata(env.path(rel)).unwrap().mode() & 0o7777
}

/// Runs `register-host ARGS` with `input` on stdin; asserts the exit code and that no secret
/// appears on stdout or stderr.
#[track_caller]
fn run(env: &TestEnv, args: &[&str], input: &str, code: i32, secrets: &[&str]) -> (String, String) {
    let mut full = vec!["register-host"];
    full.extend_from_slice(args);
    let o = env
        .cmd(&full)
        .write_stdin(input)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(
        o.status.code(),
        Some(code),
        "{args:?}\nstdout:\n{out}\nstderr:\n{err}"
    );
    for s in secrets {
        assert!(
            !out.contains(s) && !err.contains(s),
            "secret {s:?} leaked for {args:?}:\n{out}\n{err}"
        );
    }
    (out, err)
}

fn plaintext_add_replace_remove_list_exact() {
    let env = TestEnv::new();
    env.write("bin/ossec-agentlessd", "");
    env.write("agentless/.passlist", PLAIN);

    run(
        &env,
        &["add", "root@h", "--password-stdin"],
        "s3cret!\n",
        0,
        &["s3cret!"],
    );
    assert_text_eq(
        &format!("{PLAIN}root@h|s3cret!|\n"),
        &String::from_utf8(env.read("agentless/.passlist")).unwrap(),
    );

    // Replace in place: the line keeps its position, every other byte stays.
    run(
        &env,
        &[
            "add",
            "mon@db01",
            "--password-stdin",
            "--additional-password-stdin",
            "--replace",
        ],
        "n3w|pw\nn3wsu\n",
        0,
        &["n3w|pw", "n3wsu"],
    );
    let replaced = PLAIN.replace("mon@db01|pw2|su2\n", "mon@db01|n3w|pw|n3wsu\n");
    assert_text_eq(
        &format!("{replaced}root@h|s3cret!|\n"),
        &String::from_utf8(env.read("agentless/.passlist")).unwrap(),
    );

    let (out, err) = run(
        &env,
        &["list"],
        "",
        0,
        &["pw1", "n3w", "shadowed", "s3cret", "pw3", "twofields"],
    );
    assert_text_eq(
        "LINE  HOST      AUTH                          ADDITIONAL  PORT\n\
         2     xroot@h   password                      no          -\n\
         5     mon@db01  password                      yes         -\n\
         6     mon@db01  password (duplicate, unused)  no          -\n\
         7     win@h     password                      yes         -\n\
         8     root@h    password                      no          -\n",
        &out,
    );
    assert!(err.contains("line 4: broken@h: only one |"), "{err}");
    assert!(err.contains("line 6: mon@db01: duplicate entry"), "{err}");
    assert!(
        err.contains("line 7: win@h: ends in a carriage return"),
        "{err}"
    );

    // remove deletes every exact entry (both mon@db01 lines), nothing else.
    run(&env, &["remove", "mon@db01"], "", 0, &["n3w"]);
    assert_text_eq(
        "# managed by hand\nxroot@h|pw1|\n\nbroken@h|twofields\nwin@h|pw3|\r\nroot@h|s3cret!|\n",
        &String::from_utf8(env.read("agentless/.passlist")).unwrap(),
    );
    let (_, err) = run(&env, &["remove", "mon@db01"], "", 2, &[]);
    assert!(err.contains("mon@db01 is not registered"), "{err}");
}

fn base64_add_replace_remove_list_exact() {
    let env = wazuh_env();
    let plain = "root@a|pw1|\nmon@b|pw2|su\n";
    env.write("agentless/.passlist", gnu_base64(plain.as_bytes()));

    run(
        &env,
        &["add", "new@c", "--password-stdin"],
        "pass word with spaces and a long tail to pass 76 columns\n",
        0,
        &["pass word"],
    );
    let expected =
        format!("{plain}new@c|pass word with spaces and a long tail to pass 76 columns|\n");
    let on_disk = env.read("agentless/.passlist");
    assert_eq!(
        on_disk,
        gnu_base64(expected.as_bytes()),
        "wrapped like GNU base64"
    );
    assert!(on_disk.len() > 77, "long enough to wrap");

    run(
        &env,
        &["add", "root@a", "--nopass", "--replace"],
        "",
        0,
        &[],
    );
    let expected = expected.replace("root@a|pw1|", "root@a|NOPASS|");
    assert_eq!(
        gnu_base64_decode(&env.read("agentless/.passlist")),
        expected.as_bytes()
    );

    let (out, _) = run(&env, &["list", "--json"], "", 0, &["pw2", "pass word"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["form"], "base64");
    let auth: Vec<(&str, &str, bool)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["host"].as_str().unwrap(),
                e["auth"].as_str().unwrap(),
                e["additional"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        auth,
        [
            ("root@a", "nopass", false),
            ("mon@b", "password", true),
            ("new@c", "password", false)
        ]
    );

    run(&env, &["remove", "mon@b"], "", 0, &[]);
    let expected = expected.replace("mon@b|pw2|su\n", "");
    assert_eq!(
        env.read("agentless/.passlist"),
        gnu_base64(expected.as_bytes())
    );
}

fn new_file_follows_the_flavour() {
    let env = wazuh_env();
    run(&env, &["add", "root@h", "--nopass"], "", 0, &[]);
    assert_eq!(
        env.read("agentless/.passlist"),
        gnu_base64(b"root@h|NOPASS|\n")
    );
    let env = TestEnv::new();
    env.write("bin/ossec-agentlessd", "");
    run(&env, &["add", "root@h", "--nopass"], "", 0, &[]);
    assert_eq!(env.read("agentless/.passlist"), b"root@h|NOPASS|\n");
}

fn stock_parser_reads_back_every_password() {
    let cases: &[(&str, &str)] = &[
        ("pa|ss|word", "pl41n-add"),
        ("with spaces  inside ", " add spaced "),
        ("$HOME$(id)`id`", "$PATH"),
        ("'single' \"double\"", "\"q\"'q'"),
        ("back\\slash\\n\\c", "\\t\\"),
        ("100% %s %n", "%d%%"),
        ("ünïcødé 密码 🔑", "пароль"),
        ("-leading-dash", ""),
        ("x|", "tail"),
        ("NOPASSWORD", "x"),
    ];
    for env in [TestEnv::new(), wazuh_env()] {
        for (i, (pw, add)) in cases.iter().enumerate() {
            let host = format!("u{i}@host{i}.example.net");
            let input = format!("{pw}\n{add}\n");
            run(
                &env,
                &[
                    "add",
                    &host,
                    "--password-stdin",
                    "--additional-password-stdin",
                ],
                &input,
                0,
                &[*pw, *add]
                    .into_iter()
                    .filter(|s| s.len() > 2)
                    .collect::<Vec<&str>>(),
            );
        }
        let raw = env.read("agentless/.passlist");
        let content = if raw.contains(&b'|') {
            raw
        } else {
            gnu_base64_decode(&raw)
        };
        for (i, (pw, add)) in cases.iter().enumerate() {
            let host = format!("u{i}@host{i}.example.net");
            let (p, a) =
                stock_lookup(&content, &host).unwrap_or_else(|| panic!("{host} not found"));
            assert_eq!(String::from_utf8(p).unwrap(), *pw);
            assert_eq!(String::from_utf8(a).unwrap(), *add);
        }
    }
}

fn crlf_on_stdin_is_stripped_once() {
    let env = TestEnv::new();
    run(
        &env,
        &[
            "add",
            "r@h",
            "--password-stdin",
            "--additional-password-stdin",
        ],
        "pw \r\nadd\r\n",
        0,
        &[],
    );
    assert_eq!(env.read("agentless/.passlist"), b"r@h|pw |add\n");
}

fn twenty_concurrent_adds_lose_nothing() {
    let env = TestEnv::new();
    env.write("agentless/.passlist", "keep@me|pw|\n");
    let bin = env!("CARGO_BIN_EXE_ossec-agentless");
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut c = Command::new(bin)
                .env_remove("OSSEC_DIR")
                .args(["--ossec-dir"])
                .arg(env.root())
                .args([
                    "register-host",
                    "add",
                    &format!("u{i}@h{i}:{}", 2000 + i),
                    "--password-stdin",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            c.stdin
                .take()
                .unwrap()
                .write_all(format!("secret-{i}\n").as_bytes())
                .unwrap();
            c
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(!String::from_utf8_lossy(&o.stderr).contains("secret-"));
    }
    let content = env.read("agentless/.passlist");
    assert!(content.starts_with(b"keep@me|pw|\n"));
    assert_eq!(
        content
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        21
    );
    let ssh = std::fs::read_to_string(env.path(".ssh/config")).unwrap();
    for i in 0..20 {
        let (p, _) = stock_lookup(&content, &format!("u{i}@h{i}")).unwrap();
        assert_eq!(p, format!("secret-{i}").as_bytes());
        assert!(
            ssh.contains(&format!("Host h{i}\n    Port {}\n", 2000 + i)),
            "{ssh}"
        );
    }
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(env.path("agentless"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n == ".passlist" || n == ".passlist.lock"),
        "{names:?}"
    );
}

fn modes_and_owners() {
    let env = TestEnv::new();
    env.write("agentless/.passlist", "a@h|pw|\n");
    std::fs::set_permissions(
        env.path("agentless/.passlist"),
        PermissionsExt::from_mode(0o744),
    )
    .unwrap();
    let (_, err) = run(&env, &["list"], "", 0, &["pw|"]);
    assert!(err.contains("has mode 0744, looser than"), "{err}");
    let json = run(&env, &["list", "--json"], "", 0, &[]).0;
    assert!(json.contains("\"mode_too_loose\":true"), "{json}");

    run(&env, &["add", "b@h:2222", "--nopass"], "", 0, &[]);
    // The test machine has no `ossec` group (or, if it has, the file gets it).
    let root = ossec_agentless::fsutil::is_root();
    let meta = std::fs::metadata(env.path("agentless/.passlist")).unwrap();
    match ossec_agentless::fsutil::group_id("ossec") {
        Some(gid) if root => assert_eq!(
            (meta.mode() & 0o7777, meta.uid(), meta.gid()),
            (0o640, 0, gid)
        ),
        _ => assert_eq!(meta.mode() & 0o7777, 0o600),
    }
    assert_eq!(mode(&env, ".ssh"), 0o700);
    assert_eq!(mode(&env, ".ssh/config"), 0o600);
    let (_, err) = run(&env, &["list"], "", 0, &[]);
    assert!(!err.contains("looser"), "{err}");
}

fn group_path_with_an_existing_group() {
    // The group lookup is injectable: use `daemon`/`nogroup`/`root` instead of creating `ossec`.
    if !ossec_agentless::fsutil::is_root() {
        crate::harness::ignore("needs root");
    }
    let group = ["daemon", "nogroup", "root"]
        .into_iter()
        .find(|g| ossec_agentless::fsutil::group_id(g).is_some())
        .unwrap();
    let gid = ossec_agentless::fsutil::group_id(group).unwrap();
    let env = TestEnv::new();
    let path = env.write("agentless/.passlist", "a@h|pw|\n");
    std::fs::set_permissions(&path, PermissionsExt::from_mode(0o644)).unwrap();
    let security = Security::resolve(group, true, ossec_agentless::fsutil::group_id);
    let mut ed = PasslistEditor::open(&path, Form::Plaintext).unwrap();
    ed.passlist.set_nopass("b@h").unwrap();
    let c = ed.commit(&security).unwrap();
    assert_eq!(c.tightened_from, Some(0o644));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.mode() & 0o7777, meta.uid(), meta.gid()),
        (0o640, 0, gid)
    );
}

fn validation_errors() {
    let env = TestEnv::new();
    let cases: &[(&[&str], &str, &str)] = &[
        (&["add", "roothost", "--nopass"], "", "expected USER@HOST"),
        (&["add", "@host", "--nopass"], "", "user before @ is empty"),
        (&["add", "root@", "--nopass"], "", "host after @ is empty"),
        (&["add", "root@h|x", "--nopass"], "", "contains |"),
        (&["add", "root@h\nx", "--nopass"], "", "line break"),
        (&["add", "root@h:99999", "--nopass"], "", "1 to 65535"),
        (
            &["add", "root@h:22", "--port", "23", "--nopass"],
            "",
            "two different ports",
        ),
        (
            &["add", "r@h", "--password-stdin"],
            "x\n",
            "single letter x",
        ),
        (
            &["add", "r@h", "--password-stdin"],
            "NOPASS\n",
            "use --nopass",
        ),
        (&["add", "r@h", "--password-stdin"], "\n", "is empty"),
        (
            &["add", "r@h", "--password-stdin"],
            "",
            "standard input ended before line 1",
        ),
        (
            &["add", "r@h", "--password-stdin"],
            "car\rriage\n",
            "line break",
        ),
        (&["add", "r@h", "--password-stdin"], "nul\0byte\n", "NUL"),
        (
            &[
                "add",
                "r@h",
                "--password-stdin",
                "--additional-password-stdin",
            ],
            "goodpw\nen|able\n",
            "additional password for r@h contains |",
        ),
        (
            &[
                "add",
                "r@h",
                "--password-stdin",
                "--additional-password-stdin",
            ],
            "goodpw\n",
            "before line 2",
        ),
        (
            &["add", "r@h", "--additional-password-stdin"],
            "a\nb\n",
            "needs --password-stdin",
        ),
    ];
    for (args, input, needle) in cases {
        let secrets: Vec<&str> = input
            .lines()
            .filter(|l| l.len() > 2 && *l != "NOPASS")
            .collect();
        let (_, err) = run(&env, args, input, 2, &secrets);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    // Nothing was written by any of them.
    assert!(!env.path("agentless/.passlist").exists());
    // clap refuses any extra positional (there is no password argument).
    let (_, err) = run(&env, &["add", "r@h", "extra-positional"], "", 2, &[]);
    assert!(err.contains("unexpected argument"), "{err}");
}

fn no_terminal_fails_fast_with_the_flag_to_use() {
    let env = TestEnv::new();
    let (_, err) = run(&env, &["add", "r@h"], "", 2, &[]);
    assert!(
        err.contains("--password-stdin") && err.contains("--nopass"),
        "{err}"
    );
}

fn duplicates_are_exact() {
    let env = TestEnv::new();
    env.write("agentless/.passlist", "xroot@h|a|\nroot@h.example|b|\n");
    run(&env, &["add", "root@h", "--nopass"], "", 0, &[]);
    let (_, err) = run(&env, &["add", "root@h", "--nopass"], "", 2, &[]);
    assert!(
        err.contains("root@h is already registered") && err.contains("line 3"),
        "{err}"
    );
    run(
        &env,
        &["add", "root@h", "--password-stdin", "--replace"],
        "pw\n",
        0,
        &[],
    );
    assert_eq!(
        env.read("agentless/.passlist"),
        b"xroot@h|a|\nroot@h.example|b|\nroot@h|pw|\n"
    );
}

fn dry_run_masks_and_writes_nothing() {
    let env = TestEnv::new();
    env.write("agentless/.passlist", "a@h|old-secret|old-su\n");
    let (out, err) = run(
        &env,
        &[
            "add",
            "a@h:2200",
            "--password-stdin",
            "--replace",
            "--dry-run",
        ],
        "new-secret\n",
        0,
        &["old-secret", "new-secret", "old-su"],
    );
    assert!(
        out.contains("-a@h|********|\n+a@h|********|\n")
            || out.contains("-a@h|********|********\n+a@h|********|\n"),
        "{out}"
    );
    assert!(out.contains("+Host h\n+    Port 2200\n"), "{out}");
    assert!(err.contains("dry run: nothing written"));
    assert_eq!(env.read("agentless/.passlist"), b"a@h|old-secret|old-su\n");
    assert!(!env.path(".ssh").exists());
    assert!(!env.path("agentless/.passlist.lock").exists());

    let (out, _) = run(
        &env,
        &["remove", "a@h", "--dry-run"],
        "",
        0,
        &["old-secret", "old-su"],
    );
    assert!(out.contains("-a@h|********|********\n"), "{out}");
    assert_eq!(env.read("agentless/.passlist"), b"a@h|old-secret|old-su\n");
}

fn ports_are_host_blocks() {
    let env = TestEnv::new();
    let cfg = "# my own settings\nHost *\n    ServerAliveInterval 30\n";
    env.write(".ssh/config", cfg);
    run(&env, &["add", "root@web01:2222", "--nopass"], "", 0, &[]);
    run(
        &env,
        &["add", "mon@web01", "--port", "2222", "--nopass"],
        "",
        0,
        &[],
    );
    assert_text_eq(
        "# my own settings\nHost web01\n    Port 2222\n\nHost *\n    ServerAliveInterval 30\n",
        &std::fs::read_to_string(env.path(".ssh/config")).unwrap(),
    );
    let (_, err) = run(&env, &["add", "other@web01:2200", "--nopass"], "", 2, &[]);
    assert!(
        err.contains("web01 already uses port 2222") && err.contains("--replace"),
        "{err}"
    );
    assert!(
        !String::from_utf8(env.read("agentless/.passlist"))
            .unwrap()
            .contains("other@")
    );
    let (out, _) = run(&env, &["list"], "", 0, &[]);
    assert!(
        out.contains("root@web01  NOPASS  no          2222"),
        "{out}"
    );

    run(
        &env,
        &["add", "root@web01:2200", "--nopass", "--replace"],
        "",
        0,
        &[],
    );
    assert!(
        std::fs::read_to_string(env.path(".ssh/config"))
            .unwrap()
            .contains("Host web01\n    Port 2200\n")
    );
    // The block stays while another user on the same host still needs it.
    let (_, err) = run(&env, &["remove", "root@web01"], "", 0, &[]);
    assert!(err.contains("still used by mon@web01"), "{err}");
    run(&env, &["remove", "mon@web01"], "", 0, &[]);
    assert_text_eq(
        cfg,
        &std::fs::read_to_string(env.path(".ssh/config")).unwrap(),
    );
}

fn list_without_a_file() {
    let env = TestEnv::new();
    let o = env.cmd(&["register-host", "list"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no "), "{}", stderr(&o));
    let o = env
        .cmd(&["register-host", "list", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["exists"], false);
}

fn form_mismatch_and_damaged_base64() {
    // A plaintext file on Wazuh: kept plaintext (the file decides), but both commands warn.
    let env = wazuh_env();
    env.write("agentless/.passlist", "a@h|pw|\n");
    let (_, err) = run(&env, &["add", "b@h", "--nopass"], "", 0, &[]);
    assert!(
        err.contains("is plaintext, but Wazuh 4.x reads base64"),
        "{err}"
    );
    assert_eq!(env.read("agentless/.passlist"), b"a@h|pw|\nb@h|NOPASS|\n");
    let (_, err) = run(&env, &["list"], "", 0, &[]);
    assert!(err.contains("read it through `base64 -d`"), "{err}");
    let (out, _) = run(&env, &["list", "--json"], "", 0, &[]);
    assert!(out.contains("\"form_mismatch\":true"), "{out}");

    // A truncated base64 file is neither form: refuse rather than append plaintext to it.
    let env = wazuh_env();
    let mut damaged = gnu_base64(b"a@h|pw|\n");
    damaged.truncate(damaged.len() - 3);
    env.write("agentless/.passlist", &damaged);
    let (_, err) = run(&env, &["add", "b@h", "--nopass"], "", 2, &[]);
    assert!(err.contains("damaged base64"), "{err}");
    assert_eq!(env.read("agentless/.passlist"), damaged);
}

fn ssh_config_owner_is_the_agentless_user() {
    // The owner is injectable: use an existing system account instead of creating `ossec`.
    use ossec_agentless::sshconfig::{SshConfigEditor, ensure_ssh_dir};
    if !ossec_agentless::fsutil::is_root() {
        crate::harness::ignore("needs root");
    }
    let user = ossec_agentless::fsutil::lookup_user("daemon")
        .or_else(|| ossec_agentless::fsutil::lookup_user("nobody"))
        .unwrap();
    let owner = Some((user.uid, user.gid));
    let env = TestEnv::new();
    assert!(ensure_ssh_dir(&env.path(".ssh"), owner).unwrap());
    let mut ed = SshConfigEditor::open(&env.path(".ssh/config"), owner).unwrap();
    ed.config
        .set_port("web01", 2222, false, &env.path(".ssh/config"))
        .unwrap();
    assert!(ed.commit(owner).unwrap());
    for (rel, want) in [(".ssh", 0o700), (".ssh/config", 0o600)] {
        let m = std::fs::metadata(env.path(rel)).unwrap();
        assert_eq!(
            (m.mode() & 0o7777, m.uid(), m.gid()),
            (want, user.uid, user.gid),
            "{rel}"
        );
    }
    assert_eq!(
        ossec_agentless::sshconfig::port_for(&env.path(".ssh/config"), "web01").unwrap(),
        Some(2222)
    );
}

crate::tests! {
    plaintext_add_replace_remove_list_exact,
    base64_add_replace_remove_list_exact,
    new_file_follows_the_flavour,
    stock_parser_reads_back_every_password,
    crlf_on_stdin_is_stripped_once,
    twenty_concurrent_adds_lose_nothing,
    modes_and_owners,
    group_path_with_an_existing_group,
    validation_errors,
    no_terminal_fails_fast_with_the_flag_to_use,
    duplicates_are_exact,
    dry_run_masks_and_writes_nothing,
    ports_are_host_blocks,
    list_without_a_file,
    form_mismatch_and_damaged_base64,
    ssh_config_owner_is_the_agentless_user,
}
