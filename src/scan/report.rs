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
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Longest path OSSEC puts in an alert: analysisd cuts longer ones at 756 characters.
const OSSEC_PATH_MAX: usize = 756;

/// Writes the FWD line of every hashed file; returns the paths left out (line breaks).
pub(crate) fn write_fwd(w: &mut dyn Write, records: &[Record]) -> io::Result<Vec<Box<[u8]>>> {
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
pub(crate) fn rwx9(perm: u32) -> String {
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
pub(crate) fn ossec_changed(c: &Change) -> Option<String> {
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
pub(crate) fn write_ossec(w: &mut dyn Write, report: &JobReport, location: &str) -> io::Result<()> {
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
#[derive(Debug, Clone, Serialize)]
pub(crate) struct JsonPath {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_base64: Option<String>,
}

impl JsonPath {
    /// The JSON form of `p`.
    pub(crate) fn of(p: &[u8]) -> JsonPath {
        match std::str::from_utf8(p) {
            Ok(s) => JsonPath {
                path: s.into(),
                path_base64: None,
            },
            Err(_) => {
                let mut s = String::new();
                for chunk in p.utf8_chunks() {
                    s.push_str(chunk.valid());
                    for b in chunk.invalid() {
                        s.push_str(&format!("\\x{b:02x}"));
                    }
                }
                JsonPath {
                    path: s,
                    path_base64: Some(base64::engine::general_purpose::STANDARD.encode(p)),
                }
            }
        }
    }
}

/// Adds `path` (and `path_base64`) for `p` to a JSON object, as [`JsonPath`] writes them.
pub(crate) fn json_path(obj: &mut serde_json::Map<String, Value>, p: &[u8]) {
    let JsonPath { path, path_base64 } = JsonPath::of(p);
    obj.insert("path".into(), Value::String(path));
    if let Some(b) = path_base64 {
        obj.insert("path_base64".into(), Value::String(b));
    }
}

/// A record in JSON: its path, type, size, permissions (octal), owner and, for a file, hashes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecordDoc {
    #[serde(flatten)]
    path: JsonPath,
    #[serde(rename = "type")]
    kind: &'static str,
    size: u64,
    perm: String,
    uid: u32,
    gid: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    md5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha1: Option<String>,
}

impl RecordDoc {
    /// The JSON form of `r`.
    pub(crate) fn of(r: &Record) -> RecordDoc {
        let (md5, sha1) = match r.kind {
            Kind::File { md5, sha1 } => (Some(hex(&md5)), Some(hex(&sha1))),
            _ => (None, None),
        };
        RecordDoc {
            path: JsonPath::of(&r.path),
            kind: r.kind.name(&r.meta),
            size: r.meta.size,
            perm: format!("{:o}", r.meta.perm()),
            uid: r.meta.uid,
            gid: r.meta.gid,
            md5,
            sha1,
        }
    }
}

/// A change in JSON: `{path, changes: {field: {old, new}}}`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeDoc {
    #[serde(flatten)]
    path: JsonPath,
    changes: BTreeMap<&'static str, OldNew>,
}

/// One field's values before and after a change.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OldNew {
    old: String,
    new: String,
}

impl ChangeDoc {
    /// The JSON form of `c`.
    pub(crate) fn of(c: &Change) -> ChangeDoc {
        ChangeDoc {
            path: JsonPath::of(&c.new.path),
            changes: c
                .fields
                .iter()
                .map(|f| {
                    let values = OldNew {
                        old: f.value(&c.old),
                        new: f.value(&c.new),
                    };
                    (f.name(), values)
                })
                .collect(),
        }
    }
}

/// A list in a target's document: the items, or (in a JSON-lines summary) how many there are.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum Listed<T> {
    /// Every item.
    Items(Vec<T>),
    /// Only the count.
    Count(usize),
}

impl<T> Listed<T> {
    fn counted(self) -> Listed<T> {
        match self {
            Listed::Items(v) => Listed::Count(v.len()),
            c => c,
        }
    }
}

/// The baseline state as a word.
pub(crate) fn baseline_word(b: &BaselineOutcome) -> &'static str {
    match b {
        BaselineOutcome::NotUsed => "not-used",
        BaselineOutcome::Created { .. } => "created",
        BaselineOutcome::Compared { .. } => "compared",
    }
}

fn root_texts(roots: &[Vec<u8>]) -> Vec<String> {
    roots
        .iter()
        .map(|r| String::from_utf8_lossy(r).into_owned())
        .collect()
}

fn problem_paths(report: &JobReport, want: ProblemKind) -> Vec<JsonPath> {
    report
        .result
        .problems
        .iter()
        .filter(|p| p.kind == want)
        .map(|p| JsonPath::of(&p.path))
        .collect()
}

/// One scanned target in JSON (`scan --json`; with counts instead of lists, the JSON-lines
/// summary).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TargetDoc {
    target: String,
    paths: Vec<String>,
    /// Always `ok` (a target that failed is a [`TargetErrorDoc`]).
    status: &'static str,
    engine: String,
    baseline: &'static str,
    baseline_file: Option<String>,
    baseline_updated: bool,
    files: usize,
    records: usize,
    added: Listed<RecordDoc>,
    removed: Listed<RecordDoc>,
    changed: Listed<ChangeDoc>,
    unreadable: Listed<RecordDoc>,
    vanished: Listed<JsonPath>,
    missing: Listed<JsonPath>,
    forwarded: Option<usize>,
    forward_error: Option<String>,
    elapsed_ms: u64,
}

impl TargetDoc {
    /// The document of `r`.
    pub(crate) fn of(r: &JobReport) -> TargetDoc {
        let (added, removed, changed, updated) = match &r.baseline {
            BaselineOutcome::Compared { diff, updated } => (
                diff.added.iter().map(RecordDoc::of).collect(),
                diff.removed.iter().map(RecordDoc::of).collect(),
                diff.changed.iter().map(ChangeDoc::of).collect(),
                *updated,
            ),
            BaselineOutcome::Created { written } => (vec![], vec![], vec![], *written),
            BaselineOutcome::NotUsed => (vec![], vec![], vec![], false),
        };
        TargetDoc {
            target: r.target.clone(),
            paths: root_texts(&r.roots),
            status: "ok",
            engine: r.flavour.clone(),
            baseline: baseline_word(&r.baseline),
            baseline_file: r.baseline_path.as_ref().map(|p| p.display().to_string()),
            baseline_updated: updated,
            files: r.result.files(),
            records: r.result.records.len(),
            added: Listed::Items(added),
            removed: Listed::Items(removed),
            changed: Listed::Items(changed),
            unreadable: Listed::Items(r.result.unreadable().map(RecordDoc::of).collect()),
            vanished: Listed::Items(problem_paths(r, ProblemKind::Vanished)),
            missing: Listed::Items(problem_paths(r, ProblemKind::Missing)),
            forwarded: r.forwarded.map(|f| f.sent),
            forward_error: r.forward_error.clone(),
            elapsed_ms: u64::try_from(r.elapsed.as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// The same document with counts instead of lists (the JSON-lines summary).
    pub(crate) fn counted(self) -> TargetDoc {
        TargetDoc {
            added: self.added.counted(),
            removed: self.removed.counted(),
            changed: self.changed.counted(),
            unreadable: self.unreadable.counted(),
            vanished: self.vanished.counted(),
            missing: self.missing.counted(),
            ..self
        }
    }
}

/// A target that could not be scanned, in JSON.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TargetErrorDoc {
    target: String,
    paths: Vec<String>,
    /// Always `error`.
    status: &'static str,
    error: String,
}

impl TargetErrorDoc {
    /// The document of a failed `target` (the paths as given).
    pub(crate) fn new(target: &str, paths: &[Vec<u8>], error: &str) -> TargetErrorDoc {
        TargetErrorDoc {
            target: target.to_string(),
            paths: root_texts(paths),
            status: "error",
            error: error.to_string(),
        }
    }
}

/// One JSON-lines event (`scan --json-lines`): its name, the target, and what it is about.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Event<'a> {
    event: &'static str,
    /// The target, for the events whose body does not name it.
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(flatten)]
    body: EventBody,
}

/// What an [`Event`] is about.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum EventBody {
    /// An added, removed or unreadable record.
    Record(RecordDoc),
    /// A changed path.
    Change(ChangeDoc),
    /// A vanished or missing path.
    Path(JsonPath),
    /// The target's summary.
    Summary(TargetDoc),
    /// The target failed.
    Error(TargetErrorDoc),
}

impl<'a> Event<'a> {
    /// The `error` event of a failed target.
    pub(crate) fn error(doc: TargetErrorDoc) -> Event<'a> {
        Event {
            event: "error",
            target: None,
            body: EventBody::Error(doc),
        }
    }
}

/// One target's report as JSON-lines events (added, removed, changed, unreadable, vanished,
/// missing, then summary).
pub(crate) fn report_events(r: &JobReport) -> Vec<Event<'_>> {
    let item = |event, body| Event {
        event,
        target: Some(r.target.as_str()),
        body,
    };
    let mut ev = Vec::new();
    if let Some(d) = r.diff() {
        ev.extend(
            d.added
                .iter()
                .map(|x| item("added", EventBody::Record(RecordDoc::of(x)))),
        );
        ev.extend(
            d.removed
                .iter()
                .map(|x| item("removed", EventBody::Record(RecordDoc::of(x)))),
        );
        ev.extend(
            d.changed
                .iter()
                .map(|x| item("changed", EventBody::Change(ChangeDoc::of(x)))),
        );
    }
    ev.extend(
        r.result
            .unreadable()
            .map(|x| item("unreadable", EventBody::Record(RecordDoc::of(x)))),
    );
    for k in [ProblemKind::Vanished, ProblemKind::Missing] {
        ev.extend(
            problem_paths(r, k)
                .into_iter()
                .map(|p| item(k.name(), EventBody::Path(p))),
        );
    }
    ev.push(Event {
        event: "summary",
        target: None,
        body: EventBody::Summary(TargetDoc::of(r).counted()),
    });
    ev
}

/// The human summary and table of changes for one target.
pub(crate) fn write_human(w: &mut dyn Write, r: &JobReport) -> io::Result<()> {
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
