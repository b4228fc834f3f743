//! Sends records to the local OSSEC manager as `ossec-agentlessd` does: one
//! datagram `8:(<type>) <user@host>->syscheck:<size:perm:uid:gid:md5:sha1> <path>` plus a
//! trailing NUL per hashed file, to the Unix datagram socket `<ossec-dir>/queue/ossec/queue`.
//!
//! Differences from the daemon, both deliberate: a file that was in the baseline and is gone
//! is sent with the checksum `-1`, which analysisd turns into rule 553 ("File deleted"), so
//! deletions alert; and a name containing a newline or carriage return is not sent (analysisd
//! stores one path per line) but counted, so the caller can report it.

use super::{Record, ScanError};
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

/// The default `<type>`: the stock Linux integrity script's name.
pub const DEFAULT_TYPE: &str = "ssh_integrity_check_linux";

/// What was sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    /// Datagrams sent.
    pub sent: usize,
    /// Names not sent because they contain a line break.
    pub skipped: usize,
}

/// `(<type>) <host>->syscheck`.
pub fn location(kind: &str, host: &str) -> String {
    format!("({kind}) {host}->syscheck")
}

/// One datagram for a payload.
pub fn datagram(location: &str, payload: &[u8]) -> Vec<u8> {
    let mut d = Vec::with_capacity(location.len() + payload.len() + 4);
    d.extend_from_slice(b"8:");
    d.extend_from_slice(location.as_bytes());
    d.push(b':');
    d.extend_from_slice(payload);
    d.push(0);
    d
}

/// True when a path can travel in OSSEC's line-based formats.
pub fn is_line_safe(path: &[u8]) -> bool {
    !path.iter().any(|&b| b == b'\n' || b == b'\r')
}

/// Sends every hashed file of `records`, then `-1` for every removed file.
pub fn send(
    socket: &Path,
    location: &str,
    records: &[Record],
    removed: &[Record],
) -> Result<Sent, ScanError> {
    let err = |source| ScanError::Forward {
        path: PathBuf::from(socket),
        source,
    };
    let sock = UnixDatagram::unbound().map_err(err)?;
    sock.connect(socket).map_err(err)?;
    let mut sent = Sent::default();
    let mut one = |payload: Vec<u8>, path: &[u8]| -> Result<(), ScanError> {
        if !is_line_safe(path) {
            sent.skipped += 1;
            return Ok(());
        }
        sock.send(&datagram(location, &payload)).map_err(err)?;
        sent.sent += 1;
        Ok(())
    };
    for r in records {
        if let Some(fwd) = r.to_fwd() {
            one(fwd.payload(), &r.path)?;
        }
    }
    for r in removed {
        if r.to_fwd().is_some() {
            let mut payload = b"-1 ".to_vec();
            payload.extend_from_slice(&r.path);
            one(payload, &r.path)?;
        }
    }
    Ok(sent)
}
