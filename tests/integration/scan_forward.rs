//! `scan --forward` and `scan --agentless` against the real ossec-analysisd and
//! ossec-agentlessd of an existing OSSEC installation (see `ossecd`): the exact alerts, rule
//! and path, nothing lost when the queue is down, right rule numbers under load (#11).

use crate::ossecd::{self, Alert, Analysisd, DaemonConfig};
use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `ossec-agentless --ossec-dir <installation> scan local <tree> --forward --type <kind>`.
fn scan_forward(d: &Analysisd, tree: &Path, kind: &str, state: &Path) -> std::process::Output {
    assert_cmd::Command::cargo_bin("ossec-agentless")
        .unwrap()
        .env("NO_COLOR", "1")
        .env_remove("OSSEC_DIR")
        .arg("--ossec-dir")
        .arg(d.dir())
        .args(["scan", "local"])
        .arg(tree)
        .args(["--forward", "--type", kind, "--state-dir"])
        .arg(state)
        // To measure other paces: OA_TEST_FORWARD_PACE=<ms> (the default when unset).
        .args(
            std::env::var("OA_TEST_FORWARD_PACE")
                .ok()
                .map(|ms| ["--forward-pace".to_string(), ms])
                .into_iter()
                .flatten(),
        )
        .output()
        .unwrap()
}

/// The path an alert is about.
fn alert_path(a: &Alert) -> String {
    let first = a.body.lines().next().unwrap_or_default();
    let start = first.find('\'').map(|i| i + 1).unwrap_or(0);
    let end = first.rfind('\'').unwrap_or(first.len());
    first[start..end.max(start)].to_string()
}

/// (path, rule) of each alert, sorted.
fn by_path(alerts: &[Alert]) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = alerts.iter().map(|a| (alert_path(a), a.rule)).collect();
    v.sort();
    v
}

fn tree_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(t.path().join(name), text).unwrap();
    }
    t
}

fn name_of(tree: &Path, f: &str) -> String {
    format!("{}/{f}", tree.display())
}

fn scan_forward_raises_550_550_553_554() {
    let Some(inst) = ossecd::installation() else {
        return;
    };
    let d = inst.start_analysisd();
    let kind = ossecd::unique_type("oa_rules");
    let loc = format!("({kind}) local->syscheck");
    let t = tree_with(&[("content", "one\n"), ("mode", "m\n"), ("gone", "g\n")]);
    let state = tempfile::tempdir().unwrap();

    // First run: a new (type, host) raises one 554 per file (alert_new_files is on).
    let mark = d.alerts_mark();
    let out = scan_forward(&d, t.path(), &kind, state.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let first = d.wait_alerts_of(&loc, mark, 3, Duration::from_secs(20));
    let p = |f: &str| name_of(t.path(), f);
    assert_eq!(
        by_path(&first),
        vec![(p("content"), 554), (p("gone"), 554), (p("mode"), 554)]
    );
    assert!(
        first
            .iter()
            .all(|a| a.description == "File added to the system.")
    );

    std::fs::write(t.path().join("content"), "two\n").unwrap();
    std::fs::set_permissions(
        t.path().join("mode"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::fs::remove_file(t.path().join("gone")).unwrap();
    std::fs::write(t.path().join("added"), "a\n").unwrap();
    let mark = d.alerts_mark();
    let out = scan_forward(&d, t.path(), &kind, state.path());
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let alerts = d.wait_alerts_of(&loc, mark, 4, Duration::from_secs(20));
    assert_eq!(
        by_path(&alerts),
        vec![
            (p("added"), 554),
            (p("content"), 550),
            (p("gone"), 553),
            (p("mode"), 550),
        ]
    );
    let find = |f: &str| alerts.iter().find(|a| alert_path(a) == p(f)).unwrap();
    assert_eq!(
        find("gone").body,
        format!(
            "File '{}' was deleted. Unable to retrieve checksum.",
            p("gone")
        )
    );
    assert!(
        find("mode").body.contains("Permissions changed from"),
        "{alerts:?}"
    );
    assert!(
        find("content").body.contains("Old md5sum was:"),
        "{alerts:?}"
    );
    assert_eq!(find("content").level, 7);
}

fn scan_forward_queue_down_keeps_the_baseline_and_resends() {
    let Some(inst) = ossecd::installation() else {
        return;
    };
    let mut d = inst.start_analysisd();
    let kind = ossecd::unique_type("oa_down");
    let loc = format!("({kind}) local->syscheck");
    let t = tree_with(&[("keep", "k\n"), ("gone", "g\n")]);
    let state = tempfile::tempdir().unwrap();
    let mark = d.alerts_mark();
    let out = scan_forward(&d, t.path(), &kind, state.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        d.wait_alerts_of(&loc, mark, 2, Duration::from_secs(20))
            .len(),
        2
    );
    let baselines: Vec<PathBuf> = std::fs::read_dir(state.path().join("baselines"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "baseline"))
        .collect();
    assert_eq!(baselines.len(), 1);
    let before = std::fs::read(&baselines[0]).unwrap();

    std::fs::remove_file(t.path().join("gone")).unwrap();
    d.stop();
    let out = scan_forward(&d, t.path(), &kind, state.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stdout.contains("1 removed"), "{stdout}");
    assert!(stdout.contains(&name_of(t.path(), "gone")), "{stdout}");
    assert!(
        stdout.contains("baseline kept: the records were not delivered"),
        "{stdout}"
    );
    assert!(stderr.contains("cannot send to"), "{stderr}");
    assert!(
        stderr.contains("the next run will report (and send) the same changes again"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&baselines[0]).unwrap(),
        before,
        "baseline changed"
    );

    d.restart();
    let mark = d.alerts_mark();
    let out = scan_forward(&d, t.path(), &kind, state.path());
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let alerts = d.wait_alerts_of(&loc, mark, 1, Duration::from_secs(20));
    assert_eq!(by_path(&alerts), vec![(name_of(t.path(), "gone"), 553)]);
    assert_ne!(std::fs::read(&baselines[0]).unwrap(), before);
}

/// What analysisd counts per path (auto-ignore on): changes alerted so far, and deleted.
#[derive(Default, Clone, Copy)]
struct Seen {
    changes: u32,
    deleted: bool,
}

fn scan_forward_bursts_keep_rule_numbers() {
    let Some(inst) = ossecd::installation() else {
        return;
    };
    let d = inst.start_analysisd();
    let kind = ossecd::unique_type("oa_burst");
    let loc = format!("({kind}) local->syscheck");
    let t = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let n = 700;
    let name = |i: usize| format!("f{i:04}");
    for i in 0..n {
        std::fs::write(t.path().join(name(i)), format!("{i}\n")).unwrap();
    }
    let mark = d.alerts_mark();
    let out = scan_forward(&d, t.path(), &kind, state.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let first = d.wait_alerts_of(&loc, mark, n, Duration::from_secs(60));
    assert_eq!(first.len(), n);
    assert!(first.iter().all(|a| a.rule == 554));

    let mut seen: HashMap<String, Seen> = (0..n).map(|i| (name(i), Seen::default())).collect();
    let mut next_new = n;
    for burst in 0..3 {
        // Files still alertable (fewer than 3 changes), in a burst-dependent order so that
        // files changed before change again (551, 552) among first changes (550).
        let mut live: Vec<String> = seen
            .iter()
            .filter(|(_, s)| !s.deleted && s.changes < 3)
            .map(|(k, _)| k.clone())
            .collect();
        live.sort();
        live.rotate_left(burst * 90);
        let mut dead: Vec<String> = seen
            .iter()
            .filter(|(_, s)| s.deleted && s.changes < 3)
            .map(|(k, _)| k.clone())
            .collect();
        dead.sort();
        let mut expect: Vec<(String, u32)> = Vec::new();
        let rule = |s: &Seen| 550 + s.changes;
        for f in &live[..160] {
            let s = seen.get_mut(f).unwrap();
            std::fs::write(t.path().join(f), format!("{f} {burst}\n")).unwrap();
            expect.push((name_of(t.path(), f), rule(s)));
            s.changes += 1;
        }
        for f in &live[160..220] {
            let s = seen.get_mut(f).unwrap();
            let p = t.path().join(f);
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            let new = if mode == 0o644 { 0o600 } else { 0o644 };
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(new)).unwrap();
            expect.push((name_of(t.path(), f), rule(s)));
            s.changes += 1;
        }
        for f in &live[220..270] {
            let s = seen.get_mut(f).unwrap();
            std::fs::remove_file(t.path().join(f)).unwrap();
            expect.push((name_of(t.path(), f), 553));
            s.changes += 1;
            s.deleted = true;
        }
        for f in dead.iter().take(25) {
            let s = seen.get_mut(f).unwrap();
            std::fs::write(t.path().join(f), "back\n").unwrap();
            expect.push((name_of(t.path(), f), 554));
            s.changes += 1;
            s.deleted = false;
        }
        while expect.len() < 330 {
            let f = name(next_new);
            next_new += 1;
            std::fs::write(t.path().join(&f), "new\n").unwrap();
            expect.push((name_of(t.path(), &f), 554));
            seen.insert(f, Seen::default());
        }
        expect.sort();
        let mark = d.alerts_mark();
        let started = std::time::Instant::now();
        let out = scan_forward(&d, t.path(), &kind, state.path());
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let took = started.elapsed();
        let got = d.wait_alerts_of(&loc, mark, expect.len(), Duration::from_secs(60));
        let got = by_path(&got);
        let wrong: Vec<_> = got.iter().filter(|g| !expect.contains(g)).collect();
        eprintln!(
            "burst {burst}: {} changes, {} alerts, {} wrong, scan and send {:.2} s",
            expect.len(),
            got.len(),
            wrong.len(),
            took.as_secs_f64()
        );
        assert!(wrong.is_empty(), "burst {burst}: wrong rules {wrong:?}");
        assert_eq!(got, expect, "burst {burst}: one alert per change");
    }
}

/// The installed wrapper, run by the real ossec-agentlessd as the `ossec` user, keeps its
/// baseline and reports a deleted file: a real 553.
fn scan_agentless_wrapper_deletion_raises_553() {
    let Some(inst) = ossecd::installation() else {
        return;
    };
    let kind = ossecd::unique_type("oa_wrapper");
    let loc = format!("({kind}) local->syscheck");
    // A tree the agentless user can read.
    let t = tempfile::Builder::new()
        .prefix("oa-agentless-")
        .tempdir_in("/var/tmp")
        .unwrap();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in ["a", "b", "c"] {
        std::fs::write(t.path().join(f), format!("{f}\n")).unwrap();
    }
    let tree = t.path().to_str().unwrap().to_string();
    let config = DaemonConfig {
        alert_new_files: true,
        agentless: format!(
            "  <agentless>\n    <type>{kind}</type>\n    <frequency>20</frequency>\n    \
             <host>local</host>\n    <state>periodic</state>\n    <arguments>{tree}</arguments>\n  \
             </agentless>\n"
        ),
    };
    let mut d = inst.start_analysisd_with(&config);
    let bin = assert_cmd::cargo::cargo_bin("ossec-agentless");
    let out = std::process::Command::new(&bin)
        .arg("--ossec-dir")
        .arg(d.dir())
        .args(["install-script", "--name", &kind])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let script = d.dir().join("agentless").join(&kind);

    // As root the wrapper refuses: the baselines belong to the agentless user.
    let out = std::process::Command::new(&script)
        .args(["local", &tree])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ERROR: run this as ossec"), "{text}");

    // The first run, as the daemon makes it (as ossec): its FWD: lines reach analysisd as the
    // daemon sends them.
    let out = std::process::Command::new("runuser")
        .args(["-u", "ossec", "--"])
        .arg(&script)
        .args(["local", &tree])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.ends_with("INFO: Finished.\n"), "{text}");
    let queue = ossec_agentless::scan::forward::Queue::connect(&d.queue()).unwrap();
    let mark = d.alerts_mark();
    for l in text.lines() {
        if let Some(payload) = l.strip_prefix("FWD: ") {
            queue
                .send(
                    ossec_agentless::scan::forward::SYSCHECK_MQ,
                    &loc,
                    payload.as_bytes(),
                )
                .unwrap();
        }
    }
    assert_eq!(
        d.wait_alerts_of(&loc, mark, 3, Duration::from_secs(20))
            .len(),
        3
    );
    let state = d.dir().join("queue/agentless/ossec-agentless/baselines");
    let meta = std::fs::metadata(&state).unwrap();
    let ossec = ossec_agentless::fsutil::lookup_user("ossec").unwrap();
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        meta.uid(),
        ossec.uid,
        "baselines belong to the agentless user"
    );
    assert_eq!(meta.mode() & 0o777, 0o700);

    // The daemon's own run, a minute after its start, reports the deletion.
    std::fs::remove_file(t.path().join("b")).unwrap();
    let mark = d.alerts_mark();
    let log = d.log_mark();
    d.start_agentlessd();
    let alerts = d.wait_alerts_of(&loc, mark, 1, Duration::from_secs(150));
    assert_eq!(
        by_path(&alerts),
        vec![(format!("{tree}/b"), 553)],
        "ossec.log: {:?}",
        d.wait_log(log, "agentless", Duration::from_secs(1))
    );
    assert_eq!(
        alerts[0].body,
        format!("File '{tree}/b' was deleted. Unable to retrieve checksum.")
    );
}

crate::tests! {
    scan_forward_raises_550_550_553_554,
    scan_forward_queue_down_keeps_the_baseline_and_resends,
    scan_forward_bursts_keep_rule_numbers,
    scan_agentless_wrapper_deletion_raises_553,
}
