//! The `FWD:` record: `size:perm:uid:gid:md5:sha1 path`, as the shipped scripts print it and
//! analysisd's syscheck stores it.

use super::ProtocolError;
use std::fmt::Write as _;

/// The perm field: the raw text as sent, and the permission bits it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Perm {
    raw: String,
    mode: u32,
}

impl Perm {
    /// Parses the field. Up to 4 digits: Linux `stat %a` octal text (`644`, `4755`). 5 or more:
    /// BSD `stat -f %Dp` decimal `st_mode` with the file-type bits (`33188` = regular 0644).
    pub(crate) fn parse(raw: &str) -> Result<Perm, ProtocolError> {
        let bad = || ProtocolError::BadRecord(format!("bad perm field '{raw}'"));
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let mode = if raw.len() <= 4 {
            u32::from_str_radix(raw, 8).map_err(|_| bad())?
        } else {
            raw.parse::<u32>().map_err(|_| bad())? & 0o7777
        };
        Ok(Perm {
            raw: raw.to_string(),
            mode,
        })
    }

    /// The Linux rendering of permission bits (what GNU `stat %a` prints: octal, no leading 0).
    pub(crate) fn from_mode(mode: u32) -> Perm {
        let mode = mode & 0o7777;
        Perm {
            raw: format!("{mode:o}"),
            mode,
        }
    }

    /// The permission bits (`0o7777` at most).
    pub(crate) fn mode(&self) -> u32 {
        self.mode
    }

    /// The field exactly as received.
    pub(crate) fn raw(&self) -> &str {
        &self.raw
    }
}

/// One file as reported on a `FWD:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Size in bytes.
    pub(crate) size: u64,
    /// Permission field.
    pub(crate) perm: Perm,
    /// Numeric owner.
    pub(crate) uid: u32,
    /// Numeric group.
    pub(crate) gid: u32,
    /// MD5 of the contents.
    pub(crate) md5: [u8; 16],
    /// SHA-1 of the contents.
    pub(crate) sha1: [u8; 20],
    /// The path, exactly as bytes (may contain spaces).
    pub(crate) path: Vec<u8>,
}

impl FileRecord {
    /// Parses the payload after `FWD: `: everything after the first space is the path.
    pub(crate) fn parse_payload(payload: &[u8]) -> Result<FileRecord, ProtocolError> {
        let bad = |m: &str| ProtocolError::BadRecord(m.to_string());
        let sp = payload
            .iter()
            .position(|&b| b == b' ')
            .ok_or_else(|| bad("no space before the path"))?;
        let (fields, path) = (&payload[..sp], &payload[sp + 1..]);
        if path.is_empty() {
            return Err(bad("empty path"));
        }
        let fields = std::str::from_utf8(fields).map_err(|_| bad("fields are not text"))?;
        let f: Vec<&str> = fields.split(':').collect();
        if f.len() != 6 {
            return Err(bad(&format!(
                "expected 6 ':'-separated fields, found {}",
                f.len()
            )));
        }
        let num = |s: &str, what: &str| -> Result<u64, ProtocolError> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(&format!("bad {what} '{s}'")));
            }
            s.parse().map_err(|_| bad(&format!("bad {what} '{s}'")))
        };
        let id = |s: &str, what: &str| -> Result<u32, ProtocolError> {
            u32::try_from(num(s, what)?).map_err(|_| bad(&format!("{what} out of range")))
        };
        Ok(FileRecord {
            size: num(f[0], "size")?,
            perm: Perm::parse(f[1])?,
            uid: id(f[2], "uid")?,
            gid: id(f[3], "gid")?,
            md5: parse_hex(f[4]).ok_or_else(|| bad(&format!("bad md5 '{}'", f[4])))?,
            sha1: parse_hex(f[5]).ok_or_else(|| bad(&format!("bad sha1 '{}'", f[5])))?,
            path: path.to_vec(),
        })
    }

    /// `size:perm:uid:gid:md5:sha1` as the stock script renders it.
    pub(crate) fn checksum(&self) -> String {
        format!(
            "{}:{}:{}:{}:{}:{}",
            self.size,
            self.perm.raw(),
            self.uid,
            self.gid,
            hex(&self.md5),
            hex(&self.sha1)
        )
    }

    /// The payload: `size:perm:uid:gid:md5:sha1 path` (path bytes unchanged).
    pub(crate) fn payload(&self) -> Vec<u8> {
        let mut v = self.checksum().into_bytes();
        v.push(b' ');
        v.extend_from_slice(&self.path);
        v
    }
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Parses exactly `2*N` lowercase hex digits.
pub(crate) fn parse_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let b = s.as_bytes();
    if b.len() != 2 * N {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = digit(b[2 * i])? << 4 | digit(b[2 * i + 1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Line;
    use proptest::prelude::*;

    const STOCK: &str = "FWD: 6:644:0:0:1ddab9058a07abc0db2605ab02a61a00:96eebd6d7ef91bc42afb9bd168cb82ab643da052 /etc/hosts";

    #[test]
    fn stock_line_round_trips() {
        let Line::Fwd(r) = Line::parse(STOCK.as_bytes()).unwrap() else {
            panic!("not FWD")
        };
        assert_eq!(r.size, 6);
        assert_eq!(r.perm.mode(), 0o644);
        assert_eq!(r.path, b"/etc/hosts");
        assert_eq!(Line::Fwd(r).to_string(), STOCK);
    }

    #[test]
    fn perm_both_meanings() {
        assert_eq!(Perm::parse("4755").unwrap().mode(), 0o4755);
        assert_eq!(Perm::parse("33188").unwrap().mode(), 0o644);
        assert_eq!(Perm::parse("33188").unwrap().raw(), "33188");
        assert!(Perm::parse("8").is_err());
        assert!(Perm::parse("-1").is_err());
        assert_eq!(Perm::from_mode(0o100755).raw(), "755");
    }

    #[test]
    fn strict_fields() {
        let good = "1:644:0:0:1ddab9058a07abc0db2605ab02a61a00:96eebd6d7ef91bc42afb9bd168cb82ab643da052 /a b";
        assert_eq!(
            FileRecord::parse_payload(good.as_bytes()).unwrap().path,
            b"/a b"
        );
        for bad in [
            "1:644:0:0:1DDAB9058A07ABC0DB2605AB02A61A00:96eebd6d7ef91bc42afb9bd168cb82ab643da052 /a",
            "1:644:0:0:1ddab9058a07abc0db2605ab02a61a0:96eebd6d7ef91bc42afb9bd168cb82ab643da052 /a",
            "x:644:0:0:1ddab9058a07abc0db2605ab02a61a00:96eebd6d7ef91bc42afb9bd168cb82ab643da052 /a",
            "1:644:0:1ddab9058a07abc0db2605ab02a61a00:96eebd6d7ef91bc42afb9bd168cb82ab643da052 /a",
            "1:644:0:0:1ddab9058a07abc0db2605ab02a61a00:96eebd6d7ef91bc42afb9bd168cb82ab643da052",
        ] {
            assert!(FileRecord::parse_payload(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    fn perm_strategy() -> impl Strategy<Value = Perm> {
        prop_oneof![
            (0u32..=0o7777).prop_map(Perm::from_mode),
            (0u32..=0o7777).prop_map(|m| Perm::parse(&(0o100000 | m).to_string()).unwrap()),
        ]
    }

    proptest! {
        #[test]
        fn print_parse_round_trip(
            size in any::<u64>(), perm in perm_strategy(), uid in any::<u32>(), gid in any::<u32>(),
            md5 in any::<[u8; 16]>(), sha1 in any::<[u8; 20]>(),
            path in proptest::collection::vec(any::<u8>().prop_filter("no line end", |b| *b != b'\n' && *b != b'\r'), 1..64),
        ) {
            let r = FileRecord { size, perm, uid, gid, md5, sha1, path };
            let line = Line::Fwd(r.clone());
            let parsed = Line::parse(&line.to_bytes()).unwrap();
            prop_assert_eq!(parsed, line);
        }
    }
}
