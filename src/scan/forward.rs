//! Sends messages to the local OSSEC manager as `ossec-agentlessd` does: one
//! datagram `<queue>:<location>:<message>` plus a trailing NUL to the Unix datagram socket
//! `<ossec-dir>/queue/ossec/queue` ([`Queue`]). File records go to the syscheck queue
//! (`8:(<type>) <user@host>->syscheck:<size:perm:uid:gid:md5:sha1> <path>`); other tools (the
//! `diff --forward` of command output) use [`Queue::send`] with `LOCALFILE_MQ` and
//! `agentless_location` (`(<type>) <user@host>->agentless`).
//!
//! **Order and pace.** analysisd's syscheck decoder keeps one decoder object per thread, and
//! every event it decodes points at that object; the rule id on it is overwritten by the next
//! alerting event the thread decodes, sometimes before the earlier event's rules are matched,
//! which then gets the later event's rule number (`Rule: 553 … File deleted` over a body
//! `Integrity checksum changed for: …`). A deletion or re-addition even writes two ids in turn
//! (the change count's, then 553/554). So records are sent in a `Plan`: first those that
//! raise nothing, then each group that raises one and the same rule (changes by their change
//! count, new files), then deletions and re-additions one by one, with a pause wherever the
//! rule can differ from the previous alerting record's: the pace, plus one pace per
//! `BACKLOG_PER_PACE` alerting records sent since the previous pause (a large group takes
//! the rule matcher longer to catch up with). Which rule a record
//! raises is read from analysisd's own database of the location (`super::syscheck_db`);
//! without it, every record not known to be unchanged is sent alone. Plans of one process are
//! sent one at a time. See `docs/forwarding.md` for the measurements behind the default pace.
//!
//! Differences from the daemon, both deliberate: a file that was in the baseline and is gone
//! is sent with the checksum `-1`, which analysisd turns into rule 553 ("File deleted"), so
//! deletions alert; and a name containing a newline or carriage return is not sent (analysisd
//! stores one path per line) but counted, so the caller can report it.

use super::alert_watch::AlertWatch;
use super::syscheck_db::SyscheckDb;
use super::{Record, ScanError};
use std::collections::HashSet;
use std::io::{self, Write};
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// analysisd's queue id for syscheck records.
pub const SYSCHECK_MQ: u8 = b'8';
/// analysisd's queue id for log lines (agentless `LOG:` lines and diff alerts).
pub(crate) const LOCALFILE_MQ: u8 = b'1';

/// What was sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sent {
    /// Datagrams sent.
    pub(crate) sent: usize,
    /// Names not sent because they contain a line break.
    pub(crate) skipped: usize,
    /// Pauses made to keep rule numbers right.
    pub(crate) pauses: usize,
}

/// `(<type>) <host>->syscheck`.
pub(crate) fn location(kind: &str, host: &str) -> String {
    format!("({kind}) {host}->syscheck")
}

/// `(<type>) <host>->agentless`: where agentlessd sends a `periodic_diff` change (rule 555).
pub(crate) fn agentless_location(kind: &str, host: &str) -> String {
    format!("({kind}) {host}->agentless")
}

/// One datagram: `<mq>:<location>:<message>` and a NUL.
pub(crate) fn message(mq: u8, location: &str, msg: &[u8]) -> Vec<u8> {
    let mut d = Vec::with_capacity(location.len() + msg.len() + 4);
    d.push(mq);
    d.push(b':');
    d.extend_from_slice(location.as_bytes());
    d.push(b':');
    d.extend_from_slice(msg);
    d.push(0);
    d
}

/// True when a path can travel in OSSEC's line-based formats.
pub(crate) fn is_line_safe(path: &[u8]) -> bool {
    !path.iter().any(|&b| b == b'\n' || b == b'\r')
}

/// A connection to analysisd's queue socket.
#[derive(Debug)]
pub struct Queue {
    sock: UnixDatagram,
    path: PathBuf,
}

impl Queue {
    /// Connects to the socket at `path` (`<ossec-dir>/queue/ossec/queue`).
    pub fn connect(path: &Path) -> Result<Queue, ScanError> {
        let err = |source| ScanError::Forward {
            path: path.to_path_buf(),
            source,
        };
        let sock = UnixDatagram::unbound().map_err(err)?;
        sock.connect(path).map_err(err)?;
        Ok(Queue {
            sock,
            path: path.to_path_buf(),
        })
    }

    /// Sends one message to queue `mq` ([`SYSCHECK_MQ`], `LOCALFILE_MQ`) as `location`.
    pub fn send(&self, mq: u8, location: &str, msg: &[u8]) -> Result<(), ScanError> {
        self.sock
            .send(&message(mq, location, msg))
            .map(|_| ())
            .map_err(|source| ScanError::Forward {
                path: self.path.clone(),
                source,
            })
    }
}

/// What analysisd will do with a record, as far as is known before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Outcome {
    /// Same checksum as stored: no alert.
    Unchanged,
    /// Changed after this many earlier changes (550, 551, 552; 3 and more: 550 or nothing).
    Changed(u8),
    /// Deleted (`-1`): 553.
    Deleted,
    /// Back after a deletion: 554 "was re-added".
    ReAdded,
    /// Not stored yet: 554 with `<alert_new_files>`, else nothing.
    New,
    /// Not known (analysisd's database could not be read).
    Unknown,
}

impl Outcome {
    /// Sent alone, with a pause before and after: the rule may differ from every neighbour's,
    /// or decoding it writes two rule ids in turn.
    fn alone(self) -> bool {
        matches!(self, Outcome::Deleted | Outcome::ReAdded | Outcome::Unknown)
    }
}

/// One record of a [`Plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Planned {
    /// `size:perm:uid:gid:md5:sha1 path`, or `-1 path`.
    pub(crate) payload: Vec<u8>,
    /// What analysisd is expected to do.
    pub(crate) outcome: Outcome,
    /// Wait before sending it ([`pause`] of the backlog).
    pub(crate) pause_before: bool,
    /// Alerting records sent since the previous pause: the analysisd backlog the pause before
    /// this record lets drain.
    pub(crate) backlog: usize,
    /// analysisd will certainly alert for it (so its alert can be waited for).
    pub(crate) sure: bool,
    /// Before sending it, wait for the alert of this earlier record (an index into the plan).
    pub(crate) wait_for: Option<usize>,
}

impl Planned {
    /// The path part of the payload.
    pub(crate) fn path(&self) -> &[u8] {
        match self.payload.iter().position(|&b| b == b' ') {
            Some(i) => &self.payload[i + 1..],
            None => &self.payload,
        }
    }
}

/// Records per extra pace of pause: a pause lasts `pace × (1 + backlog / PER_PACE)`, since the
/// rule matcher needs longer to catch up after a large group than after one record.
pub(crate) const BACKLOG_PER_PACE: usize = 20;

/// The longest pause that a backlog adds to (a first forward of a large host is one group of
/// new files: its final pause must not grow with the host).
pub(crate) const MAX_BACKLOG_PAUSE: Duration = Duration::from_secs(2);

/// How long to pause after `backlog` alerting records.
pub(crate) fn pause(pace: Duration, backlog: usize) -> Duration {
    let extra = u32::try_from(backlog / BACKLOG_PER_PACE).unwrap_or(u32::MAX);
    (pace.saturating_add(pace.saturating_mul(extra))).min(pace.max(MAX_BACKLOG_PAUSE))
}

/// The records of one (type, host) in sending order, with the pauses; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// In order.
    pub(crate) items: Vec<Planned>,
    /// Names not planned because they contain a line break.
    pub(crate) skipped: usize,
    /// Whether any record may alert (then a last pause follows the plan).
    pub(crate) alerts: bool,
    /// Alerting records after the last pause (the backlog of the final pause).
    pub(crate) tail_backlog: usize,
    /// The record whose alert the final pause waits for.
    pub(crate) tail_wait_for: Option<usize>,
}

impl Plan {
    /// Orders `records` (this scan's, sorted) and `-1` for each of `removed`. With `db`
    /// (analysisd's stored state of the location) every outcome is known; without it, the
    /// paths in `unchanged` (unchanged since our baseline) are sent first and every other
    /// record alone.
    pub(crate) fn new(
        records: &[Record],
        removed: &[Record],
        db: Option<&SyscheckDb>,
        unchanged: &HashSet<&[u8]>,
    ) -> Plan {
        let mut plan = Plan::default();
        let mut items: Vec<Planned> = Vec::new();
        let mut push = |path: &[u8], checksum: &[u8], plan: &mut Plan| {
            if !is_line_safe(path) {
                plan.skipped += 1;
                return;
            }
            let (outcome, sure) = match db {
                Some(db) => classify(db, path, checksum),
                None if checksum != b"-1" && unchanged.contains(path) => {
                    (Outcome::Unchanged, false)
                }
                None => (Outcome::Unknown, false),
            };
            let mut payload = Vec::with_capacity(checksum.len() + 1 + path.len());
            payload.extend_from_slice(checksum);
            payload.push(b' ');
            payload.extend_from_slice(path);
            items.push(Planned {
                payload,
                outcome,
                pause_before: false,
                backlog: 0,
                sure,
                wait_for: None,
            });
        };
        for r in records {
            if let Some(fwd) = r.to_fwd() {
                push(&r.path, fwd.checksum().as_bytes(), &mut plan);
            }
        }
        for r in removed {
            if r.to_fwd().is_some() {
                push(&r.path, b"-1", &mut plan);
            }
        }
        // Stable: paths stay sorted within a group.
        items.sort_by_key(|p| p.outcome);
        let mut prev: Option<Outcome> = None;
        let mut backlog = 0;
        let mut last_sure = None;
        for (i, it) in items.iter_mut().enumerate() {
            if it.outcome == Outcome::Unchanged {
                continue;
            }
            it.pause_before = prev.is_some_and(|p| p != it.outcome || it.outcome.alone());
            if it.pause_before {
                it.backlog = backlog;
                it.wait_for = last_sure.take();
                backlog = 0;
            }
            backlog += 1;
            if it.sure {
                last_sure = Some(i);
            }
            prev = Some(it.outcome);
        }
        plan.alerts = prev.is_some();
        plan.tail_backlog = backlog;
        plan.tail_wait_for = last_sure;
        plan.items = items;
        plan
    }

    /// Pauses the plan makes, the last one included.
    #[cfg(test)]
    pub(crate) fn pauses(&self) -> usize {
        self.items.iter().filter(|p| p.pause_before).count() + usize::from(self.alerts)
    }
}

/// The outcome, and whether analysisd certainly alerts (with its default auto-ignore, a file
/// changed three times no longer does; new files alert only with `<alert_new_files>`).
fn classify(db: &SyscheckDb, path: &[u8], checksum: &[u8]) -> (Outcome, bool) {
    let Some(stored) = db.get(path) else {
        return (Outcome::New, false);
    };
    let sure = stored.changes < 3;
    if stored.checksum == checksum {
        (Outcome::Unchanged, false)
    } else if checksum == b"-1" {
        (Outcome::Deleted, sure)
    } else if stored.checksum == b"-1" {
        (Outcome::ReAdded, sure)
    } else if !sure {
        // Auto-ignored (nothing) or, with auto-ignore off, 550 like a first change.
        (Outcome::Changed(0), false)
    } else {
        (Outcome::Changed(stored.changes), true)
    }
}

/// One sender at a time in this process: interleaved plans would mix their rules.
static SENDING: Mutex<()> = Mutex::new(());

/// Waits before the record that follows `backlog` alerting records: for the alert of the
/// record `wait_for` when `watch` can see alerts (then, after a group, one pace more for
/// records decoded in parallel), else [`pause`]. A watch that once waits in vain is not used again.
fn drain(
    plan: &Plan,
    location: &str,
    pace: Duration,
    backlog: usize,
    wait_for: Option<usize>,
    watch: &mut Option<&mut AlertWatch>,
) {
    if let (Some(w), Some(i)) = (watch.as_deref_mut(), wait_for)
        && w.timeouts == 0
        && w.wait_for(location, plan.items[i].path(), WAIT_LIMIT)
    {
        // One record alone (a deletion, a re-addition) is matched once its alert shows; after
        // a group, the other decoding thread may still hold one of its records.
        if backlog > 1 {
            std::thread::sleep(pace);
        }
        return;
    }
    std::thread::sleep(pause(pace, backlog));
}

/// The longest wait for one alert before falling back to timed pauses.
pub(crate) const WAIT_LIMIT: Duration = Duration::from_secs(10);

/// Sends `plan` as `location`, waiting where it says (for the alert of the record named, else
/// a pause). `watch`: analysisd's alerts.log, opened before the first record.
pub(crate) fn send_plan(
    queue: &Queue,
    location: &str,
    plan: &Plan,
    pace: Duration,
    watch: Option<&mut AlertWatch>,
) -> Result<Sent, ScanError> {
    let _one = SENDING.lock().unwrap_or_else(|e| e.into_inner());
    let pauses = deliver(plan, location, pace, watch, |step| match step {
        Step::Record(payload) => queue.send(SYSCHECK_MQ, location, payload),
        Step::Flush => Ok(()),
    })?;
    Ok(Sent {
        skipped: plan.skipped,
        sent: plan.items.len(),
        pauses,
    })
}

/// Writes `plan` as `FWD:` lines for ossec-agentlessd, which sends each line as it reads it:
/// the output is flushed before each pause so the pause reaches the daemon.
pub(crate) fn write_plan(
    out: &mut dyn Write,
    location: &str,
    plan: &Plan,
    pace: Duration,
    watch: Option<&mut AlertWatch>,
) -> io::Result<usize> {
    deliver(plan, location, pace, watch, |step| match step {
        Step::Record(payload) => {
            out.write_all(b"FWD: ")?;
            out.write_all(payload)?;
            out.write_all(b"\n")
        }
        Step::Flush => out.flush(),
    })
}

/// What [`deliver`] asks of its output.
enum Step<'a> {
    /// Send or write one record's payload.
    Record(&'a [u8]),
    /// Before a pause and after the last record: flush, so that a pause reaches a daemon
    /// reading a pipe.
    Flush,
}

/// Delivers `plan`'s records through `out`, waiting where the plan says (for the alert of the
/// record named, else a pause): the one pacing loop of both ways to feed OSSEC. Returns the
/// number of pauses.
fn deliver<E>(
    plan: &Plan,
    location: &str,
    pace: Duration,
    mut watch: Option<&mut AlertWatch>,
    mut out: impl FnMut(Step<'_>) -> Result<(), E>,
) -> Result<usize, E> {
    let mut pauses = 0;
    for it in &plan.items {
        if it.pause_before && !pace.is_zero() {
            out(Step::Flush)?;
            drain(plan, location, pace, it.backlog, it.wait_for, &mut watch);
            pauses += 1;
        }
        out(Step::Record(&it.payload))?;
    }
    out(Step::Flush)?;
    if plan.alerts && !pace.is_zero() {
        drain(
            plan,
            location,
            pace,
            plan.tail_backlog,
            plan.tail_wait_for,
            &mut watch,
        );
        pauses += 1;
    }
    Ok(pauses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::syscheck_db;
    use crate::scan::{Kind, Meta};

    fn file(p: &str, size: u64) -> Record {
        Record {
            path: p.as_bytes().into(),
            meta: Meta {
                size,
                mode: 0o100644,
                uid: 0,
                gid: 0,
            },
            kind: Kind::File {
                md5: [size as u8; 16],
                sha1: [size as u8; 20],
            },
        }
    }

    fn db_line(prefix: &str, r: &Record) -> String {
        format!(
            "{prefix}{} !1 {}\n",
            r.to_fwd().unwrap().checksum(),
            String::from_utf8_lossy(&r.path)
        )
    }

    #[test]
    fn groups_by_rule_and_sends_deletions_alone() {
        let old = [file("/a", 1), file("/b", 1), file("/c", 1), file("/d", 1)];
        let mut text = String::new();
        text += &db_line("+++", &old[0]); // unchanged
        text += &db_line("!++", &old[1]); // changed once before
        text += &db_line("+++", &old[2]); // first change
        text += &db_line("+++", &old[3]); // deleted below
        text += "!!+-1 !1 /e\n"; // re-added below
        let now = [
            file("/a", 1),
            file("/b", 2),
            file("/c", 2),
            file("/e", 3),
            file("/f", 4),
        ];
        let paths: Vec<&[u8]> = ["/a", "/b", "/c", "/d", "/e", "/f"]
            .iter()
            .map(|s| s.as_bytes())
            .collect();
        let wanted: HashSet<&[u8]> = paths.iter().copied().collect();
        let db = syscheck_db::parse(text.as_bytes(), &wanted).unwrap();
        let plan = Plan::new(&now, &old[3..], Some(&db), &HashSet::new());
        let got: Vec<(String, Outcome, bool)> = plan
            .items
            .iter()
            .map(|p| {
                let s = String::from_utf8_lossy(&p.payload).into_owned();
                let path = s.rsplit(' ').next().unwrap().to_string();
                (path, p.outcome, p.pause_before)
            })
            .collect();
        let want = [
            ("/a", Outcome::Unchanged, false),
            ("/c", Outcome::Changed(0), false),
            ("/b", Outcome::Changed(1), true),
            ("/d", Outcome::Deleted, true),
            ("/e", Outcome::ReAdded, true),
            ("/f", Outcome::New, true),
        ];
        let want: Vec<(String, Outcome, bool)> = want
            .iter()
            .map(|(p, o, b)| (p.to_string(), *o, *b))
            .collect();
        assert_eq!(got, want);
        assert!(plan.alerts);
        assert_eq!(plan.pauses(), 5);
        let backlogs: Vec<usize> = plan.items.iter().map(|p| p.backlog).collect();
        assert_eq!(backlogs, [0, 0, 1, 1, 1, 1]);
        assert_eq!(plan.tail_backlog, 1);
        let pace = Duration::from_millis(10);
        assert_eq!(pause(pace, 1), pace);
        assert_eq!(pause(pace, 45), pace * 3);
        assert_eq!(pause(pace, 1_000_000), MAX_BACKLOG_PAUSE);
        assert_eq!(pause(Duration::from_secs(5), 100), Duration::from_secs(5));
        assert_eq!(plan.items[3].payload, b"-1 /d");
        // Each pause waits for the alert of the last record certain to alert before it.
        let waits: Vec<Option<usize>> = plan.items.iter().map(|p| p.wait_for).collect();
        assert_eq!(waits, [None, None, Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(plan.tail_wait_for, None, "a new file may not alert");
    }

    #[test]
    fn same_rule_back_to_back_and_unknown_alone() {
        let now = [file("/a", 1), file("/b", 1), file("/c", 1)];
        // Nothing stored yet: all new, one group, no pause inside.
        let plan = Plan::new(&now, &[], Some(&SyscheckDb::default()), &HashSet::new());
        assert!(plan.items.iter().all(|p| p.outcome == Outcome::New));
        assert!(plan.items.iter().all(|p| !p.pause_before));
        assert_eq!(plan.pauses(), 1);
        // No database: only what our baseline says is unchanged goes unpaced.
        let unchanged: HashSet<&[u8]> = [b"/b".as_slice()].into_iter().collect();
        let plan = Plan::new(&now, &[], None, &unchanged);
        let pauses: Vec<bool> = plan.items.iter().map(|p| p.pause_before).collect();
        assert_eq!(plan.items[0].outcome, Outcome::Unchanged);
        assert_eq!(pauses, [false, false, true]);
    }

    #[test]
    fn line_breaks_are_skipped_and_written_plan_is_fwd_lines() {
        let now = [file("/a\nb", 1), file("/c", 1)];
        let plan = Plan::new(&now, &[], Some(&SyscheckDb::default()), &HashSet::new());
        assert_eq!(plan.skipped, 1);
        let mut out = Vec::new();
        write_plan(&mut out, "(t) h->syscheck", &plan, Duration::ZERO, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            format!("FWD: {} /c\n", now[1].to_fwd().unwrap().checksum())
        );
    }

    #[test]
    fn messages() {
        assert_eq!(
            message(LOCALFILE_MQ, &agentless_location("t", "u@h"), b"x"),
            b"1:(t) u@h->agentless:x\0"
        );
        assert_eq!(
            message(SYSCHECK_MQ, &location("t", "u@h"), b"p"),
            b"8:(t) u@h->syscheck:p\0"
        );
    }
}
