//! `keygen`: keys OpenSSH reads and sshd accepts, no overwrite without `--force`, `--dry-run`,
//! and the `.ssh` directory handed to the agentless user (issue #4).

use crate::sshd::{Kind, Sshd, account};
use crate::util::{TestEnv, stderr, stdout};
use ossec_agentless::ssh::KnownHostsFile;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

/// Permission bits of `p`.
pub(crate) fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().mode() & 0o7777
}

/// `keygen ARGS…`, which must succeed; its stdout.
pub(crate) fn keygen(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["keygen"];
    all.extend_from_slice(args);
    let out = env.cmd(&all).output().unwrap();
    assert!(out.status.success(), "keygen failed: {}", stderr(&out));
    stdout(&out)
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

crate::tests! {
    keygen_keys_are_read_by_ssh_keygen_and_accepted_by_sshd,
    keygen_refuses_to_overwrite_and_dry_run_writes_nothing,
    keygen_gives_ssh_dir_and_keys_to_the_agentless_user,
}
