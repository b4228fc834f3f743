//! Stopping a script and everything it started.
//!
//! The script leads its own process group; SIGTERM goes to the group, then SIGKILL to whatever
//! is left after a grace period. expect runs `spawn ssh …` in a new session on its own pty,
//! outside that group, so the leader's descendants are also found through `/proc` parent links
//! while the leader is alive, and each is identified by its start time so that a reused pid is
//! never signalled.

use super::ScriptError;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

/// SIGTERM to the group and to every descendant of the leader, then SIGKILL to whatever is
/// left after `grace`; reaps the leader.
///
/// Descendants matter because expect runs `spawn ssh …` in a new session (on its own pty),
/// outside our process group: they are found through their parent links while the leader is
/// still alive, and identified by their start time so that a reused pid is never signalled.
pub(crate) fn stop_group(
    pgid: i32,
    child: &mut Child,
    grace: Duration,
    script: &Path,
) -> Result<(), ScriptError> {
    let tree = descendants(pgid);
    signal_group(pgid, libc::SIGTERM);
    signal_all(&tree, libc::SIGTERM);
    let end = Instant::now() + grace;
    loop {
        // Reap the leader as soon as it exits, so that it no longer counts as a member.
        let _ = child.try_wait();
        if (!group_alive(pgid) && !any_alive(&tree)) || Instant::now() >= end {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    if group_alive(pgid) {
        signal_group(pgid, libc::SIGKILL);
    }
    signal_all(&tree, libc::SIGKILL);
    // SIGKILL is not instant: wait (briefly) until the processes are really gone.
    let end = Instant::now() + Duration::from_secs(1);
    while (group_alive(pgid) || any_alive(&tree)) && Instant::now() < end {
        let _ = child.try_wait();
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait().map_err(|source| ScriptError::Wait {
        script: script.to_path_buf(),
        source,
    })?;
    Ok(())
}

/// After the leader exited: stops any process it left behind in the group.
pub(crate) fn stop_leftovers(
    pgid: i32,
    child: &mut Child,
    grace: Duration,
    script: &Path,
) -> Result<bool, ScriptError> {
    let _ = child.try_wait();
    if !group_alive(pgid) {
        return Ok(false);
    }
    stop_group(pgid, child, grace, script)?;
    Ok(true)
}

fn signal_group(pgid: i32, signal: i32) {
    if pgid > 1 {
        // SAFETY: kill(2) with a negative pid signals the group we created; no memory involved.
        unsafe {
            libc::kill(-pgid, signal);
        }
    }
}

/// One process from `/proc/<pid>/stat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Proc {
    pid: i32,
    ppid: i32,
    pgrp: i32,
    live: bool,
    start: u64,
}

fn read_proc(pid: i32) -> Option<Proc> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid pgrp … starttime(22nd field)"; comm may contain spaces and ')'.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(Proc {
        pid,
        ppid: f.get(1)?.parse().ok()?,
        pgrp: f.get(2)?.parse().ok()?,
        live: !matches!(f.first().copied(), Some("Z" | "X")),
        start: f.get(19)?.parse().ok()?,
    })
}

fn processes() -> Option<Vec<Proc>> {
    let entries = std::fs::read_dir("/proc").ok()?;
    Some(
        entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            .filter_map(read_proc)
            .collect(),
    )
}

/// Every process below `leader` (by parent links), whatever its group or session.
fn descendants(leader: i32) -> Vec<Proc> {
    let Some(all) = processes() else {
        return Vec::new();
    };
    let mut found: Vec<Proc> = Vec::new();
    let mut frontier = vec![leader];
    while let Some(parent) = frontier.pop() {
        for p in all.iter().filter(|p| p.ppid == parent) {
            if !found.iter().any(|f| f.pid == p.pid) {
                found.push(*p);
                frontier.push(p.pid);
            }
        }
    }
    found
}

/// True when `p` still runs (same pid and start time, not a zombie).
fn still_alive(p: &Proc) -> bool {
    read_proc(p.pid).is_some_and(|now| now.start == p.start && now.live)
}

fn any_alive(tree: &[Proc]) -> bool {
    tree.iter().any(still_alive)
}

fn signal_all(tree: &[Proc], signal: i32) {
    for p in tree.iter().filter(|p| still_alive(p)) {
        // SAFETY: kill(2) on a pid we just saw alive with the recorded start time.
        unsafe {
            libc::kill(p.pid, signal);
        }
    }
}

/// True while some live (non-zombie) process is in the group.
fn group_alive(pgid: i32) -> bool {
    match processes() {
        Some(all) => all.iter().any(|p| p.pgrp == pgid && p.live),
        // SAFETY: signal 0 only checks for existence.
        None => (unsafe { libc::kill(-pgid, 0) }) == 0,
    }
}
