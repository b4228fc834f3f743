//! Renders scan reports: the human summary and table, FWD lines, OSSEC alert texts (as
//! analysisd words them for rules 550/553/554), and JSON values. Writers are passed in; nothing
//! here prints by itself.
//! Human text passes paths through [`crate::sanitize`]; machine formats keep the bytes.

use super::diff::{Change, Field};
use super::forward::is_line_safe;
use super::job::{BaselineOutcome, JobReport};
use super::{Kind, ProblemKind, Record};
use crate::protocol::{Line, hex};
use crate::sanitize::bytes_for_terminal;
use base64::Engine as _;
use serde_json::{Value, json};
use std::io::{self, Write};

/// Longest path OSSEC puts in an alert: analysisd cuts longer ones at 756 characters.
const OSSEC_PATH_MAX: usize = 756;

/// Writes the FWD line of every hashed file; returns the paths left out (line breaks).
pub fn write_fwd(w: &mut dyn Write, records: &[Record]) -> io::Result<Vec<Box<[u8]>>> {
    let mut w = io::BufWriter::with_capacity(64 * 1024, w);
    let mut skipped = Vec::new();
    for r in records {
        if let Some(fwd) = r.to_fwd() {
            if !is_line_safe(&r.path) {
                skipped.push(r.path.clone());
                continue;
            }
            w.write_all(&Line::Fwd(fwd).to_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;
    Ok(skipped)
}

/// OSSEC's 9-character permission text (`rw-r--r--`, with s/S/t/T).
pub fn rwx9(perm: u32) -> String {
    let bit = |m: u32, c: char| if perm & m != 0 { c } else { '-' };
    let special = |x: u32, s: u32, lower: char, upper: char| match (perm & x != 0, perm & s != 0) {
        (true, true) => lower,
        (false, true) => upper,
        (true, false) => 'x',
        (false, false) => '-',
    };
    [
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        special(0o100, 0o4000, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        special(0o010, 0o2000, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        special(0o001, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect()
}

/// A path in alert text: escaped (a name cannot forge a line of the alert), then cut to the
/// length OSSEC keeps.
fn ossec_path(p: &[u8]) -> String {
    bytes_for_terminal(p).chars().take(OSSEC_PATH_MAX).collect()
}

/// The body of a rule 550 alert for a changed regular file.
pub fn ossec_changed(c: &Change) -> Option<String> {
    let (Kind::File { md5: om, sha1: os }, Kind::File { md5: nm, sha1: ns }) =
        (c.old.kind, c.new.kind)
    else {
        return None;
    };
    let (o, n) = (&c.old.meta, &c.new.meta);
    let mut s = format!(
        "Integrity checksum changed for: '{}'\n",
        ossec_path(&c.new.path)
    );
    if o.size != n.size {
        s += &format!("Size changed from '{}' to '{}'\n", o.size, n.size);
    }
    if o.perm() != n.perm() && o.perm() > 0 && n.perm() > 0 {
        s += &format!(
            "Permissions changed from '{}' to '{}'\n",
            rwx9(o.perm()),
            rwx9(n.perm())
        );
    }
    if o.uid != n.uid {
        s += &format!("Ownership was '{}', now it is '{}'\n", o.uid, n.uid);
    }
    if o.gid != n.gid {
        s += &format!("Group ownership was '{}', now it is '{}'\n", o.gid, n.gid);
    }
    if om != nm {
        s += &format!(
            "Old md5sum was: '{}'\nNew md5sum is : '{}'\n",
            hex(&om),
            hex(&nm)
        );
    }
    if os != ns {
        s += &format!(
            "Old sha1sum was: '{}'\nNew sha1sum is : '{}'\n",
            hex(&os),
            hex(&ns)
        );
    }
    Some(s)
}

/// The OSSEC alerts for one report: 554 added, 553 deleted, 550 changed (regular files only,
/// as the stock script reports only those).
pub fn write_ossec(w: &mut dyn Write, report: &JobReport, location: &str) -> io::Result<()> {
    let Some(diff) = report.diff() else {
        return Ok(());
    };
    let file = |r: &Record| matches!(r.kind, Kind::File { .. });
    let location = crate::sanitize::for_terminal(location);
    let header = |w: &mut dyn Write, rule: &str| {
        writeln!(w, "** Alert: {location}")?;
        writeln!(w, "{rule}")
    };
    for c in &diff.changed {
        match (file(&c.old), file(&c.new)) {
            (true, true) => {
                if let Some(body) = ossec_changed(c) {
                    header(w, "Rule: 550 (level 7) -> 'Integrity checksum changed.'")?;
                    writeln!(w, "{body}")?;
                }
            }
            (true, false) => deleted(w, &c.old, &header)?,
            (false, true) => added(w, &c.new, &header)?,
            (false, false) => {}
        }
    }
    for r in diff.removed.iter().filter(|r| file(r)) {
        deleted(w, r, &header)?;
    }
    for r in diff.added.iter().filter(|r| file(r)) {
        added(w, r, &header)?;
    }
    Ok(())
}

type Header<'a> = dyn Fn(&mut dyn Write, &str) -> io::Result<()> + 'a;

fn deleted(w: &mut dyn Write, r: &Record, header: &Header<'_>) -> io::Result<()> {
    header(
        w,
        "Rule: 553 (level 7) -> 'File deleted. Unable to retrieve checksum.'",
    )?;
    writeln!(
        w,
        "File '{}' was deleted. Unable to retrieve checksum.\n",
        ossec_path(&r.path)
    )
}

fn added(w: &mut dyn Write, r: &Record, header: &Header<'_>) -> io::Result<()> {
    let Kind::File { md5, sha1 } = r.kind else {
        return Ok(());
    };
    header(w, "Rule: 554 (level 5) -> 'File added to the system.'")?;
    writeln!(
        w,
        "New file '{}' added to the file system.\nNew sha1sum is : '{}'\nNew md5sum is : '{}'\n",
        ossec_path(&r.path),
        hex(&sha1),
        hex(&md5)
    )
}

/// A path for JSON: text when it is UTF-8; otherwise invalid bytes as `\xNN`, plus the exact
/// bytes in `path_base64`.
pub fn json_path(obj: &mut serde_json::Map<String, Value>, p: &[u8]) {
    match std::str::from_utf8(p) {
        Ok(s) => {
            obj.insert("path".into(), Value::String(s.into()));
        }
        Err(_) => {
            let mut s = String::new();
            for chunk in p.utf8_chunks() {
                s.push_str(chunk.valid());
                for b in chunk.invalid() {
                    s.push_str(&format!("\\x{b:02x}"));
                }
            }
            obj.insert("path".into(), Value::String(s));
            obj.insert(
                "path_base64".into(),
                Value::String(base64::engine::general_purpose::STANDARD.encode(p)),
            );
        }
    }
}

/// A record as JSON.
pub fn record_json(r: &Record) -> Value {
    let mut o = serde_json::Map::new();
    json_path(&mut o, &r.path);
    o.insert("type".into(), json!(r.kind.name(&r.meta)));
    o.insert("size".into(), json!(r.meta.size));
    o.insert("perm".into(), json!(format!("{:o}", r.meta.perm())));
    o.insert("uid".into(), json!(r.meta.uid));
    o.insert("gid".into(), json!(r.meta.gid));
    if let Kind::File { md5, sha1 } = r.kind {
        o.insert("md5".into(), json!(hex(&md5)));
        o.insert("sha1".into(), json!(hex(&sha1)));
    }
    Value::Object(o)
}

/// A change as JSON: `{path, changes: {field: {old, new}}}`.
pub fn change_json(c: &Change) -> Value {
    let mut o = serde_json::Map::new();
    json_path(&mut o, &c.new.path);
    let mut ch = serde_json::Map::new();
    for f in &c.fields {
        ch.insert(
            f.name().into(),
            json!({"old": f.value(&c.old), "new": f.value(&c.new)}),
        );
    }
    o.insert("changes".into(), Value::Object(ch));
    Value::Object(o)
}

fn path_list(report: &JobReport, want: ProblemKind) -> Vec<Value> {
    report
        .result
        .problems
        .iter()
        .filter(|p| p.kind == want)
        .map(|p| {
            let mut o = serde_json::Map::new();
            json_path(&mut o, &p.path);
            Value::Object(o)
        })
        .collect()
}

fn paths_json(roots: &[Vec<u8>]) -> Vec<Value> {
    roots
        .iter()
        .map(|r| Value::String(String::from_utf8_lossy(r).into_owned()))
        .collect()
}

/// The baseline state as a word.
pub fn baseline_word(b: &BaselineOutcome) -> &'static str {
    match b {
        BaselineOutcome::NotUsed => "not-used",
        BaselineOutcome::Created { .. } => "created",
        BaselineOutcome::Compared { .. } => "compared",
    }
}

/// One target's report as a JSON object.
pub fn report_json(r: &JobReport) -> Value {
    let (added, removed, changed, updated) = match &r.baseline {
        BaselineOutcome::Compared { diff, updated } => (
            diff.added.iter().map(record_json).collect(),
            diff.removed.iter().map(record_json).collect(),
            diff.changed.iter().map(change_json).collect(),
            *updated,
        ),
        BaselineOutcome::Created { written } => (vec![], vec![], vec![], *written),
        BaselineOutcome::NotUsed => (vec![], vec![], vec![], false),
    };
    json!({
        "target": r.target,
        "paths": paths_json(&r.roots),
        "status": "ok",
        "engine": r.flavour,
        "baseline": baseline_word(&r.baseline),
        "baseline_file": r.baseline_path.as_ref().map(|p| p.display().to_string()),
        "baseline_updated": updated,
        "files": r.result.files(),
        "records": r.result.records.len(),
        "added": added,
        "removed": removed,
        "changed": changed,
        "unreadable": r.result.unreadable().map(record_json).collect::<Vec<_>>(),
        "vanished": path_list(r, ProblemKind::Vanished),
        "missing": path_list(r, ProblemKind::Missing),
        "forwarded": r.forwarded.map(|f| f.sent),
        "forward_error": r.forward_error,
        "elapsed_ms": r.elapsed.as_millis() as u64,
    })
}

/// A failed target as a JSON object.
pub fn error_json(target: &str, paths: &[Vec<u8>], error: &str) -> Value {
    json!({"target": target, "paths": paths_json(paths), "status": "error", "error": error})
}

/// One target's report as JSON-lines events (added, removed, changed, unreadable, vanished,
/// missing, then summary).
pub fn report_events(r: &JobReport) -> Vec<Value> {
    let mut ev = Vec::new();
    let tag = |mut v: Value, event: &str| {
        if let Value::Object(o) = &mut v {
            o.insert("event".into(), json!(event));
            o.insert("target".into(), json!(r.target));
        }
        v
    };
    if let Some(d) = r.diff() {
        ev.extend(d.added.iter().map(|x| tag(record_json(x), "added")));
        ev.extend(d.removed.iter().map(|x| tag(record_json(x), "removed")));
        ev.extend(d.changed.iter().map(|x| tag(change_json(x), "changed")));
    }
    ev.extend(
        r.result
            .unreadable()
            .map(|x| tag(record_json(x), "unreadable")),
    );
    for (k, name) in [
        (ProblemKind::Vanished, "vanished"),
        (ProblemKind::Missing, "missing"),
    ] {
        ev.extend(path_list(r, k).into_iter().map(|x| tag(x, name)));
    }
    let mut summary = report_json(r);
    if let Value::Object(o) = &mut summary {
        for k in [
            "added",
            "removed",
            "changed",
            "unreadable",
            "vanished",
            "missing",
        ] {
            let n = o.get(k).and_then(|v| v.as_array()).map_or(0, |a| a.len());
            o.insert(k.into(), json!(n));
        }
    }
    ev.push(tag(summary, "summary"));
    ev
}

/// The human summary and table of changes for one target.
pub fn write_human(w: &mut dyn Write, r: &JobReport) -> io::Result<()> {
    let paths: Vec<String> = r.roots.iter().map(|p| bytes_for_terminal(p)).collect();
    writeln!(
        w,
        "{}  {}  ({}, {} files, {} records, {:.2} s)",
        bytes_for_terminal(r.target.as_bytes()),
        paths.join(" "),
        r.flavour,
        r.result.files(),
        r.result.records.len(),
        r.elapsed.as_secs_f64()
    )?;
    match &r.baseline {
        BaselineOutcome::NotUsed => {}
        BaselineOutcome::Created { written: true } => {
            writeln!(w, "  new baseline recorded")?;
        }
        BaselineOutcome::Created { written: false } => {
            let why = match r.forward_error {
                Some(_) => "the records were not delivered",
                None => "--no-update",
            };
            writeln!(w, "  no baseline yet (not recorded: {why})")?;
        }
        BaselineOutcome::Compared { diff, updated } => {
            if diff.is_empty() {
                writeln!(w, "  no changes")?;
            } else {
                writeln!(
                    w,
                    "  {} added, {} removed, {} changed{}",
                    diff.added.len(),
                    diff.removed.len(),
                    diff.changed.len(),
                    if *updated {
                        " (baseline updated)"
                    } else if r.forward_error.is_some() {
                        " (baseline kept: the records were not delivered)"
                    } else {
                        " (baseline kept: --no-update)"
                    }
                )?;
                let mut t = comfy_table::Table::new();
                t.force_no_tty();
                t.set_header(["change", "path", "what", "old", "new"]);
                for a in &diff.added {
                    t.add_row([
                        "added".to_string(),
                        bytes_for_terminal(&a.path),
                        a.kind.name(&a.meta).to_string(),
                        String::new(),
                        String::new(),
                    ]);
                }
                for a in &diff.removed {
                    t.add_row([
                        "removed".to_string(),
                        bytes_for_terminal(&a.path),
                        a.kind.name(&a.meta).to_string(),
                        String::new(),
                        String::new(),
                    ]);
                }
                for c in &diff.changed {
                    for (i, f) in c.fields.iter().enumerate() {
                        let (first, path) = if i == 0 {
                            ("changed".to_string(), bytes_for_terminal(&c.new.path))
                        } else {
                            (String::new(), String::new())
                        };
                        t.add_row([
                            first,
                            path,
                            f.name().to_string(),
                            short(*f, &c.old),
                            short(*f, &c.new),
                        ]);
                    }
                }
                writeln!(w, "{t}")?;
            }
        }
    }
    for u in r.result.unreadable() {
        writeln!(
            w,
            "  {}: {}",
            u.kind.name(&u.meta),
            bytes_for_terminal(&u.path)
        )?;
    }
    for p in &r.result.problems {
        writeln!(w, "  {}: {}", p.kind.name(), bytes_for_terminal(&p.path))?;
    }
    Ok(())
}

fn short(f: Field, r: &Record) -> String {
    f.value(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rwx_rendering() {
        assert_eq!(rwx9(0o644), "rw-r--r--");
        assert_eq!(rwx9(0o4755), "rwsr-xr-x");
        assert_eq!(rwx9(0o1777), "rwxrwxrwt");
        assert_eq!(rwx9(0o2644), "rw-r-Sr--");
    }
}
