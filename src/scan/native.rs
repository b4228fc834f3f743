//! The in-process engine for the `local` target: walk with `std::fs`, then hash regular files
//! on one worker per core, reading each file once into MD5 and SHA-1 together.
//!
//! It classifies entries exactly like the scan script (same paths, same kinds), so a `local`
//! scan and a scan of this machine through `sh` give the same records.

use super::{
    Kind, Meta, Problem, ProblemKind, ProgressFn, Record, ScanError, ScanOptions, ScanResult,
};
use md5::{Digest, Md5};
use sha1::Sha1;
use std::collections::HashSet;
use std::ffi::{CString, OsStr};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

const BUF: usize = 256 * 1024;

/// Scans `paths` on this machine.
pub(crate) fn scan(
    paths: &[PathBuf],
    opts: &ScanOptions,
    progress: Option<&ProgressFn>,
    cancel: Option<&AtomicBool>,
) -> Result<ScanResult, ScanError> {
    let roots = super::script::roots(paths)?;
    let mut result = ScanResult::default();
    let mut files: Vec<(Box<[u8]>, Meta)> = Vec::new();
    let mut visited = HashSet::new();
    for root in &roots {
        let p = Path::new(OsStr::from_bytes(&root.original));
        let meta = if opts.follow {
            fs::metadata(p).or_else(|_| fs::symlink_metadata(p))
        } else {
            fs::symlink_metadata(p)
        };
        match meta {
            Ok(m) => walk(p, &m, opts, &mut result, &mut files, &mut visited),
            Err(_) => result.problems.push(Problem {
                path: root.original.clone().into(),
                kind: ProblemKind::Missing,
            }),
        }
    }
    hash_all(files, opts, progress, cancel, &mut result)?;
    result.normalise();
    Ok(result)
}

fn meta_of(m: &fs::Metadata) -> Meta {
    Meta {
        size: m.size(),
        mode: m.mode(),
        uid: m.uid(),
        gid: m.gid(),
    }
}

/// `test -r`/`-x` semantics (effective ids), as the script's `[ -r ]` uses.
fn access(p: &Path, mode: i32) -> bool {
    let Ok(c) = CString::new(p.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    unsafe { libc::faccessat(libc::AT_FDCWD, c.as_ptr(), mode, libc::AT_EACCESS) == 0 }
}

fn walk(
    root: &Path,
    root_meta: &fs::Metadata,
    opts: &ScanOptions,
    result: &mut ScanResult,
    files: &mut Vec<(Box<[u8]>, Meta)>,
    visited: &mut HashSet<(u64, u64)>,
) {
    let mut stack: Vec<(PathBuf, fs::Metadata)> = vec![(root.to_path_buf(), root_meta.clone())];
    while let Some((path, m)) = stack.pop() {
        let bytes: Box<[u8]> = path.as_os_str().as_bytes().into();
        let ft = m.file_type();
        if ft.is_dir() {
            if !(access(&path, libc::R_OK) && access(&path, libc::X_OK)) {
                result.records.push(Record {
                    path: bytes,
                    meta: meta_of(&m),
                    kind: Kind::Unreadable,
                });
                continue;
            }
            if opts.follow && !visited.insert((m.dev(), m.ino())) {
                continue; // a symlink loop
            }
            let Ok(rd) = fs::read_dir(&path) else {
                result.records.push(Record {
                    path: bytes,
                    meta: meta_of(&m),
                    kind: Kind::Unreadable,
                });
                continue;
            };
            for ent in rd.flatten() {
                let child = ent.path();
                let cm = if opts.follow {
                    fs::metadata(&child).or_else(|_| fs::symlink_metadata(&child))
                } else {
                    fs::symlink_metadata(&child)
                };
                match cm {
                    Ok(cm) => stack.push((child, cm)),
                    Err(_) => result.problems.push(Problem {
                        path: child.as_os_str().as_bytes().into(),
                        kind: ProblemKind::Vanished,
                    }),
                }
            }
        } else if ft.is_file() {
            files.push((bytes, meta_of(&m)));
        } else {
            let kind = if ft.is_symlink() {
                Kind::Symlink
            } else {
                Kind::Special
            };
            result.records.push(Record {
                path: bytes,
                meta: meta_of(&m),
                kind,
            });
        }
    }
}

enum Outcome {
    Hashed([u8; 16], [u8; 20]),
    Unreadable,
    Vanished,
}

fn hash_all(
    files: Vec<(Box<[u8]>, Meta)>,
    opts: &ScanOptions,
    progress: Option<&ProgressFn>,
    cancel: Option<&AtomicBool>,
    result: &mut ScanResult,
) -> Result<(), ScanError> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(files.len().max(1));
    // Biggest first, so one large file does not start last.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].1.size));
    let next = AtomicUsize::new(0);
    let done_files = AtomicU64::new(0);
    let done_bytes = AtomicU64::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..files.len()).map(|_| None).collect());
    let stopped = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                let mut buf = vec![0u8; BUF];
                loop {
                    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                        stopped.store(true, Ordering::Relaxed);
                        return;
                    }
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = order.get(k) else { return };
                    let (path, meta) = &files[i];
                    let out = hash_file(Path::new(OsStr::from_bytes(path)), opts, &mut buf);
                    let f = done_files.fetch_add(1, Ordering::Relaxed) + 1;
                    let b = done_bytes.fetch_add(meta.size, Ordering::Relaxed) + meta.size;
                    if let Some(p) = progress {
                        p(f, b);
                    }
                    if let Ok(mut o) = outcomes.lock() {
                        o[i] = Some(out);
                    }
                }
            });
        }
    });
    if stopped.load(Ordering::Relaxed) {
        return Err(ScanError::Local(io::Error::new(
            io::ErrorKind::Interrupted,
            "the scan was interrupted",
        )));
    }
    let outcomes = outcomes
        .into_inner()
        .map_err(|_| ScanError::Local(io::Error::other("a hashing thread panicked")))?;
    for ((path, meta), out) in files.into_iter().zip(outcomes) {
        match out {
            Some(Outcome::Hashed(md5, sha1)) => result.records.push(Record {
                path,
                meta,
                kind: Kind::File { md5, sha1 },
            }),
            Some(Outcome::Unreadable) => result.records.push(Record {
                path,
                meta,
                kind: Kind::Unreadable,
            }),
            Some(Outcome::Vanished) => result.problems.push(Problem {
                path,
                kind: ProblemKind::Vanished,
            }),
            None => {
                return Err(ScanError::Local(io::Error::other(
                    "a file was not hashed (worker failed)",
                )));
            }
        }
    }
    Ok(())
}

fn hash_file(path: &Path, opts: &ScanOptions, buf: &mut [u8]) -> Outcome {
    let mut o = OpenOptions::new();
    o.read(true);
    if !opts.follow {
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    } else {
        o.custom_flags(libc::O_NONBLOCK);
    }
    let mut f: File = match o.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Outcome::Vanished,
        Err(_) => return Outcome::Unreadable,
    };
    // Replaced by something else since the walk: do not read a FIFO or device.
    if !f.metadata().is_ok_and(|m| m.is_file()) {
        return Outcome::Unreadable;
    }
    let mut md5 = Md5::new();
    let mut sha1 = Sha1::new();
    loop {
        match f.read(buf) {
            Ok(0) => break,
            Ok(n) => {
                md5.update(&buf[..n]);
                sha1.update(&buf[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Outcome::Unreadable,
        }
    }
    Outcome::Hashed(md5.finalize().into(), sha1.finalize().into())
}
