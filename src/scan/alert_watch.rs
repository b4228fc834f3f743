//! Watches analysisd's `logs/alerts/alerts.log` for the alert of one record: the barrier that
//! lets [`super::forward`] send the next group only once analysisd has matched the rules of
//! the previous one (see there).
//!
//! Read-only: the file is opened without following a link or blocking and must be a regular
//! file; only text written after [`AlertWatch::open`] is read, and at most a bounded carry-over
//! is kept between reads.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// Carry-over kept between reads (an alert block is far smaller).
const CARRY: usize = 64 * 1024;

/// The end of alerts.log as it grows.
#[derive(Debug)]
pub(crate) struct AlertWatch {
    file: File,
    pending: Vec<u8>,
    /// Alerts waited for in vain (the wait timed out).
    pub(crate) timeouts: usize,
}

impl AlertWatch {
    /// Opens `path` (analysisd's alerts.log) at its current end.
    pub(crate) fn open(path: &Path) -> io::Result<AlertWatch> {
        let mut file = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(path)?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        file.seek(SeekFrom::End(0))?;
        Ok(AlertWatch {
            file,
            pending: Vec::new(),
            timeouts: 0,
        })
    }

    /// Waits until an alert of `location` about `path` was written, or `timeout` passed
    /// (then counted in [`AlertWatch::timeouts`]). True when it was seen.
    pub(crate) fn wait_for(&mut self, location: &str, path: &[u8], timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        let mut needle = Vec::with_capacity(path.len() + 2);
        needle.push(b'\'');
        needle.extend_from_slice(path);
        needle.push(b'\'');
        let mut buf = [0u8; 16 * 1024];
        loop {
            loop {
                match self.file.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => self.pending.extend_from_slice(&buf[..n]),
                }
            }
            if self.consume_until(location.as_bytes(), &needle) {
                return true;
            }
            if Instant::now() >= end {
                self.timeouts += 1;
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Looks through the complete alert blocks read so far; drops those before the match.
    fn consume_until(&mut self, location: &[u8], needle: &[u8]) -> bool {
        let text = &self.pending;
        // Blocks end with an empty line; the last one may still be being written.
        let complete = match find_last(text, b"\n\n") {
            Some(i) => i + 2,
            None => {
                self.trim();
                return false;
            }
        };
        let mut start = 0;
        let mut found = None;
        while start < complete {
            let end = find(&text[start..complete], b"\n\n").map_or(complete, |i| start + i + 2);
            let block = &text[start..end];
            if find(block, location).is_some() && find(block, needle).is_some() {
                found = Some(end);
                break;
            }
            start = end;
        }
        match found {
            Some(end) => {
                self.pending.drain(..end);
                true
            }
            None => {
                self.pending.drain(..complete);
                self.trim();
                false
            }
        }
    }

    fn trim(&mut self) {
        if self.pending.len() > CARRY {
            let cut = self.pending.len() - CARRY;
            self.pending.drain(..cut);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn sees_only_new_complete_alerts_of_the_location() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("alerts.log");
        let old = "** Alert 1: - syscheck\n2026 (t) h->syscheck->(t) h->syscheck\nRule: 550 (level 7) -> 'x'\nIntegrity checksum changed for: '/a'\n\n";
        std::fs::write(&p, old).unwrap();
        let mut w = AlertWatch::open(&p).unwrap();
        let short = Duration::from_millis(20);
        assert!(
            !w.wait_for("(t) h->syscheck", b"/a", short),
            "old alert seen"
        );
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        write!(f, "** Alert 2: - syscheck\n2026 (u) h->syscheck->(u) h->syscheck\nRule: 553 (level 7) -> 'x'\nFile '/a' was deleted. Unable to retrieve checksum.\n\n").unwrap();
        write!(f, "** Alert 3: - syscheck\n2026 (t) h->syscheck->(t) h->syscheck\nRule: 553 (level 7) -> 'x'\nFile '/a b' was deleted.").unwrap();
        assert!(
            !w.wait_for("(t) h->syscheck", b"/a", short),
            "other location"
        );
        assert!(
            !w.wait_for("(t) h->syscheck", b"/a b", short),
            "incomplete block"
        );
        write!(f, " Unable to retrieve checksum.\n\n").unwrap();
        assert!(w.wait_for("(t) h->syscheck", b"/a b", short));
        assert_eq!(w.timeouts, 3);
    }

    #[test]
    fn refuses_links() {
        let dir = tempfile::tempdir().unwrap();
        let l = dir.path().join("l");
        std::os::unix::fs::symlink("/etc/hostname", &l).unwrap();
        assert!(AlertWatch::open(&l).is_err());
    }
}
