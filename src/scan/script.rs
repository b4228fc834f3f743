//! The POSIX `sh` scan script that runs on the target (over SSH, or locally through `sh`), and
//! the command line that starts it.
//!
//! The script uses only `sh`, `find`, `xargs -0`, `stat`, `md5sum`/`sha1sum` (or BSD
//! `md5 -r`/`sha1 -r`), `cat`, `mktemp` and `rm`. It starts a fixed number of processes per
//! batch of files, never one per file: a `find` walk, one `sh` loop of builtins (`test`,
//! `printf`) that classifies every entry (with GNU find, `find` itself classifies while it
//! walks: `-readable`, `-printf`, `-fprint0`), and `xargs` batches of `stat`, `md5sum` and `sha1sum`
//! (the two hashers run in parallel, so two cores are busy).
//!
//! Paths are data: the roots arrive NUL-separated on stdin (never in the command line), every
//! name travels NUL-terminated or as the exact tail of a line, and tools get `--` before names.
//!
//! Output on stdout, in order (the parser is [`super::stream`]):
//! 1. `OSSEC-SCAN 1 <gnu|busybox|bsd>\n` (or `ERR <reason>\n` and exit 3);
//! 2. the walk: every path `find` printed, each NUL-terminated, then an extra NUL;
//! 3. one class byte per path, in the same order, then NUL: `f` regular readable, `u` regular
//!    unreadable, `d` directory, `D` unlistable directory, `l` symlink, `o` other (FIFO, socket,
//!    device), `v` vanished;
//! 4. `stat` lines `<size> <uid> <gid> <st_mode hex> <path>\n` for every class but `d`, `v` and
//!    `l` in walk order, then for the `l` paths in walk order (with `--follow` those are
//!    dangling links, stat'ed without `-L`) (GNU/BusyBox `stat -c '%s %u %g %f %n'`, BSD
//!    `stat -f '%z %u %g %Xp %N'`; GNU find writes `<size> <uid> <gid> t<%y type letter><%m octal perm> <path>` while it walks),
//!    then NUL;
//! 5. `md5sum` lines for the `f` paths, then NUL; 6. `sha1sum` lines likewise, then NUL;
//! 7. `END\n`. A tool that fails on a file prints no line for it: the parser notices.
//!
//! Exit: 0 after `END`; 3 missing tools; 4 a batch tool was killed or could not run.

use super::{ScanError, ScanOptions};
use crate::transport::shell_quote;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// The script text (run as `sh -c SCRIPT ossec-scan FOLLOW`).
pub(crate) const SCRIPT: &str = r#"set -u
LC_ALL=C; export LC_ALL
unset HISTFILE
umask 077
F=$1; export F
fail() { printf 'ERR %s\n' "$1"; exit 3; }
t=$(mktemp -d "${TMPDIR:-/tmp}/ossec-scan.XXXXXX" 2>/dev/null) || fail 'cannot create a temporary directory'
trap 'rm -rf "$t"' EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM
cat > "$t/r" || fail 'cannot read the paths to scan'
command -v find >/dev/null 2>&1 || fail 'find not found'
command -v xargs >/dev/null 2>&1 || fail 'xargs not found'
if stat -c %s / >/dev/null 2>&1; then
  fl=gnu; SO=-c; SF='%s %u %g %f %n'
  case $(stat --help 2>&1) in *BusyBox*) fl=busybox;; esac
elif stat -f %z / >/dev/null 2>&1; then
  fl=bsd; SO=-f; SF='%z %u %g %Xp %N'
else fail 'no usable stat (need stat -c or BSD stat -f)'; fi
if command -v md5sum >/dev/null 2>&1 && command -v sha1sum >/dev/null 2>&1; then M=md5sum; H=sha1sum
elif command -v md5 >/dev/null 2>&1 && command -v sha1 >/dev/null 2>&1; then M='md5 -r'; H='sha1 -r'
else fail 'no md5sum and sha1sum (or BSD md5 and sha1)'; fi
if [ "$F" = 1 ]; then P=-L; SL=-L; else P=; SL=; fi
ok() { [ "$1" -lt 124 ] || exit 4; }
printf 'OSSEC-SCAN 1 %s\n' "$fl"
T=$t; export T
if find / -maxdepth 0 -readable -executable -fprint0 /dev/null -printf '' >/dev/null 2>&1; then
# GNU find: walk and classify in one process (the same classes as the loop below).
# Its metadata lines replace the stat pass: `t<type letter><octal perm>` instead of hex.
# (-fprint0 truncates: if xargs ever split the roots into two runs, fail instead of losing data)
xargs -0 sh -c '[ -e "$T/l" ] && exit 255; M="%s %U %G t%y%m %p\n"; exec find $0 "$@" -fprint0 "$T/l" \( -type l -printf l -fprintf "$T/ml" "$M" \
 -o -type f -readable -printf f -fprint0 "$T/f" -fprintf "$T/m" "$M" -o -type f -printf u -fprintf "$T/m" "$M" \
 -o -type d -readable -executable -printf d -o -type d -printf D -fprintf "$T/m" "$M" \
 -o -printf o -fprintf "$T/m" "$M" \) > "$T/c"' "$P" < "$t/r"; ok $?
cat "$t/l"; printf '\0'; cat "$t/c"
else
xargs -0 sh -c 'exec find $0 "$@" -print0' "$P" < "$t/r" > "$t/l"; ok $?
cat "$t/l"; printf '\0'
xargs -0 sh -c '
for f do
  if [ -h "$f" ] && { [ "$F" != 1 ] || [ ! -e "$f" ]; }; then c=l
  elif [ -f "$f" ]; then if [ -r "$f" ]; then c=f; printf "%s\0" "$f" >&3; else c=u; fi
  elif [ -d "$f" ]; then if [ -r "$f" ] && [ -x "$f" ]; then c=d; else c=D; fi
  elif [ -e "$f" ]; then c=o
  else c=v; fi
  case $c in d|v) ;; l) printf "%s\0" "$f" >&5;; *) printf "%s\0" "$f" >&4;; esac
  printf %s "$c"
done' sh < "$t/l" 3> "$t/f" 4> "$t/s" 5> "$t/sl"; ok $?
fi
# The stat lines: every class but d, v and l in walk order, then the links (l) in walk order.
# With --follow those are dangling and stat'ed without -L (stat -L fails on them), so no
# expected line is ever missing and a crafted sibling name cannot take a link's place.
st() {
  if [ -s "$t/m" ] || [ -s "$t/ml" ]; then cat "$t/m" "$t/ml" 2>/dev/null; return 0; fi
  if [ -s "$t/s" ]; then xargs -0 stat $SL $SO "$SF" -- < "$t/s"; ok $?; fi
  if [ -s "$t/sl" ]; then xargs -0 stat $SO "$SF" -- < "$t/sl"; ok $?; fi
}
printf '\0'
if [ -s "$t/f" ]; then
  xargs -0 $H -- < "$t/f" > "$t/h" & hp=$!
  st
  printf '\0'
  xargs -0 $M -- < "$t/f"; ok $?
  printf '\0'
  wait $hp; ok $?
  cat "$t/h"; printf '\0'
else
  st
  printf '\0\0\0'
fi
printf 'END\n'
"#;

/// A root as sent to the script, and whether `./` was put in front of it (so that a name such
/// as `-x` or `(` is not taken for a `find` option); the parser strips it again.
#[derive(Debug, Clone)]
pub struct Root {
    /// The path as the user gave it (trailing slashes removed).
    pub(crate) original: Vec<u8>,
    /// `./` was added in front.
    pub(crate) prefixed: bool,
}

impl Root {
    /// The path as passed to `find`.
    pub(crate) fn sent(&self) -> Vec<u8> {
        if self.prefixed {
            let mut v = b"./".to_vec();
            v.extend_from_slice(&self.original);
            v
        } else {
            self.original.clone()
        }
    }
}

/// Checks and normalises the paths to scan: not empty, no NUL, trailing `/` removed.
pub fn roots(paths: &[impl AsRef<Path>]) -> Result<Vec<Root>, ScanError> {
    if paths.is_empty() {
        return Err(ScanError::BadPath("no path to scan".into()));
    }
    paths
        .iter()
        .map(|p| {
            let mut b = p.as_ref().as_os_str().as_bytes().to_vec();
            if b.is_empty() {
                return Err(ScanError::BadPath("empty path".into()));
            }
            if b.contains(&0) {
                return Err(ScanError::BadPath("path contains a NUL byte".into()));
            }
            while b.len() > 1 && b.ends_with(b"/") {
                b.pop();
            }
            let prefixed = !(b.starts_with(b"/")
                || b.starts_with(b"./")
                || b.starts_with(b"../")
                || b == b"."
                || b == b"..");
            Ok(Root {
                original: b,
                prefixed,
            })
        })
        .collect()
}

/// The command line to run on the target and the bytes to send on its stdin.
pub(crate) fn command(opts: &ScanOptions, roots: &[Root]) -> (String, Vec<u8>) {
    let quoted = String::from_utf8(shell_quote(SCRIPT.as_bytes())).expect("the script is UTF-8");
    let follow = if opts.follow { "1" } else { "0" };
    let sudo = if opts.sudo { "sudo -n " } else { "" };
    let cmd = format!("exec {sudo}sh -c {quoted} ossec-scan {follow}");
    let mut stdin = Vec::new();
    for r in roots {
        stdin.extend(r.sent());
        stdin.push(0);
    }
    (cmd, stdin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_normalised() {
        let r = roots(&["/etc/", "-x", "./y", "/"]).unwrap();
        assert_eq!(r[0].original, b"/etc");
        assert!(r[1].prefixed);
        assert_eq!(r[1].sent(), b"./-x");
        assert!(!r[2].prefixed);
        assert_eq!(r[3].original, b"/");
        let none: [&str; 0] = [];
        assert!(roots(&none).is_err());
    }

    #[test]
    fn script_passes_sh_syntax_check() {
        let out = std::process::Command::new("sh")
            .args(["-n", "-c", SCRIPT])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
