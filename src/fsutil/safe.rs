//! Link-safe file access: the one way the tool opens, creates, locks, chowns and replaces files
//! as root in places another user owns or can write (`<ossec-dir>/.ssh`, which the agentless
//! user owns, and anything else under the OSSEC directory).
//!
//! - A directory is opened by walking down from `/` one component at a time with
//!   `O_DIRECTORY | O_NOFOLLOW`. A symbolic link on the way is followed only when root owns it
//!   and the directory holding it is root's alone (not writable by group or others, or sticky
//!   like `/tmp`), so nobody but root can have planted it.
//! - Files are opened relative to that directory handle with `O_NOFOLLOW | O_CLOEXEC` and
//!   checked with `fstat`: a regular file, owned by an expected owner, with a single link (a hard
//!   link would be another name for a file elsewhere, such as `/etc/shadow`).
//! - Owner and mode are changed through the descriptor, never by path.
//! - Files are replaced by writing a temporary file created with `O_EXCL` in the same directory
//!   and renaming it over the old one with `renameat`.
//! - Lock files are opened the same way (`O_CREAT | O_NOFOLLOW`, then the same checks).
//!
//! A refusal is [`FsError::Unsafe`]: it names the path, says what is wrong ([`Hazard`]) and how
//! to repair it. The CLI exits 2 on it and `doctor` reports the same finding.
//!
//! This module never follows a link it did not decide to follow and never writes through a
//! descriptor it has not checked.

use super::FsError;
use super::owners::{Hazard, Owners};
use super::sys::{Stat, components, cstr, fchmod, openat, readlinkat};
use std::ffi::{CString, OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// At most this many symbolic links are followed while opening one path (as the kernel's 40).
const MAX_LINKS: usize = 40;

pub(crate) fn unsafe_err(path: PathBuf, hazard: Hazard) -> FsError {
    FsError::Unsafe { path, hazard }
}

/// A directory opened without following links planted by anyone but root.
#[derive(Debug)]
pub(crate) struct SafeDir {
    fd: OwnedFd,
    path: PathBuf,
    stat: Stat,
    owners: Owners,
}

impl SafeDir {
    /// Opens `path` (see the module documentation). A missing directory is
    /// [`FsError::Read`] with [`io::ErrorKind::NotFound`] (test with [`FsError::is_not_found`]).
    pub(crate) fn open(path: &Path, owners: Owners) -> Result<SafeDir, FsError> {
        let read_err = |p: &Path, source| FsError::Read {
            path: p.to_path_buf(),
            source,
        };
        // A relative path is walked from `/` too (through the current directory's path), so
        // that a leading `..` means what it says.
        let given = path;
        let abs;
        let path = if path.is_absolute() {
            path
        } else {
            abs = std::env::current_dir()
                .map_err(|e| read_err(given, e))?
                .join(path);
            abs.as_path()
        };
        let start = Path::new("/");
        let root_name = CString::new(start.as_os_str().as_bytes()).expect("no NUL");
        let fd = openat(
            libc::AT_FDCWD,
            &root_name,
            libc::O_RDONLY | libc::O_DIRECTORY,
            0,
        )
        .map_err(|e| read_err(start, e))?;
        let stat = Stat::of(fd.as_raw_fd()).map_err(|e| read_err(start, e))?;
        // The directories walked so far, with the path that names each.
        let mut stack: Vec<(OwnedFd, Stat, PathBuf)> = vec![(fd, stat, start.to_path_buf())];
        let mut pending: Vec<OsString> = components(path);
        let mut links = 0;
        while let Some(c) = pending.pop() {
            if c == "." {
                continue;
            }
            if c == ".." {
                if stack.len() > 1 {
                    stack.pop();
                }
                continue;
            }
            let (cur, cur_stat, cur_path) = stack.last().expect("never empty");
            let here = cur_path.join(&c);
            let name = cstr(&c).map_err(|e| read_err(&here, e))?;
            match openat(
                cur.as_raw_fd(),
                &name,
                libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
                0,
            ) {
                Ok(fd) => {
                    let st = Stat::of(fd.as_raw_fd()).map_err(|e| read_err(&here, e))?;
                    if !owners.allows(st.uid) {
                        return Err(unsafe_err(
                            here,
                            Hazard::Owner {
                                uid: st.uid,
                                expected: owners.describe(),
                            },
                        ));
                    }
                    stack.push((fd, st, here));
                }
                Err(e)
                    if e.raw_os_error() == Some(libc::ELOOP)
                        || e.raw_os_error() == Some(libc::ENOTDIR) =>
                {
                    let lst = Stat::at(cur.as_raw_fd(), &name).map_err(|e| read_err(&here, e))?;
                    if lst.kind != libc::S_IFLNK {
                        return Err(unsafe_err(
                            here,
                            Hazard::NotDirectory {
                                kind: lst.kind_name(),
                            },
                        ));
                    }
                    if !(lst.uid == 0 && cur_stat.root_only()) {
                        return Err(unsafe_err(here, Hazard::Symlink));
                    }
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(unsafe_err(here, Hazard::LinkLoop));
                    }
                    let target =
                        readlinkat(cur.as_raw_fd(), &name).map_err(|e| read_err(&here, e))?;
                    if target.is_absolute() {
                        stack.truncate(1);
                        if stack[0].2 != Path::new("/") {
                            let fd = openat(
                                libc::AT_FDCWD,
                                &CString::new("/").expect("no NUL"),
                                libc::O_RDONLY | libc::O_DIRECTORY,
                                0,
                            )
                            .map_err(|e| read_err(Path::new("/"), e))?;
                            let st = Stat::of(fd.as_raw_fd()).map_err(|e| read_err(&here, e))?;
                            stack[0] = (fd, st, PathBuf::from("/"));
                        }
                    }
                    pending.extend(components(&target));
                }
                Err(e) => return Err(read_err(&here, e)),
            }
        }
        let (fd, stat, _) = stack.pop().expect("never empty");
        Ok(SafeDir {
            fd,
            path: given.to_path_buf(),
            stat,
            owners,
        })
    }

    /// Opens the directory holding `file` and returns it with the file's name.
    pub(crate) fn open_parent(file: &Path, owners: Owners) -> Result<(SafeDir, OsString), FsError> {
        let name = file
            .file_name()
            .ok_or_else(|| FsError::Read {
                path: file.to_path_buf(),
                source: io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
            })?
            .to_os_string();
        let parent = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Ok((SafeDir::open(parent, owners)?, name))
    }

    /// The directory's path as given.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Its `fstat` facts.
    pub(crate) fn stat(&self) -> Stat {
        self.stat
    }

    fn child(&self, name: &OsStr) -> PathBuf {
        self.path.join(name)
    }

    fn name(&self, name: &OsStr) -> Result<CString, FsError> {
        let bad = || FsError::Read {
            path: self.child(name),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a plain file name"),
        };
        if name.is_empty() || name == "." || name == ".." || name.as_bytes().contains(&b'/') {
            return Err(bad());
        }
        cstr(name).map_err(|_| bad())
    }

    /// Checks an opened file: regular, a single link, expected owner.
    fn check_file(&self, path: &Path, st: &Stat) -> Result<(), FsError> {
        if st.kind != libc::S_IFREG {
            return Err(unsafe_err(
                path.to_path_buf(),
                Hazard::NotRegular {
                    kind: st.kind_name(),
                },
            ));
        }
        if st.nlink != 1 {
            return Err(unsafe_err(
                path.to_path_buf(),
                Hazard::HardLink { links: st.nlink },
            ));
        }
        if !self.owners.allows(st.uid) {
            return Err(unsafe_err(
                path.to_path_buf(),
                Hazard::Owner {
                    uid: st.uid,
                    expected: self.owners.describe(),
                },
            ));
        }
        Ok(())
    }

    /// Opens the file `name` here for reading; `None` when it does not exist.
    pub(crate) fn open_file(&self, name: &OsStr) -> Result<Option<SafeFile>, FsError> {
        self.open_file_depth(name, 0)
    }

    fn open_file_depth(&self, name: &OsStr, depth: usize) -> Result<Option<SafeFile>, FsError> {
        let path = self.child(name);
        let c = self.name(name)?;
        let read_err = |source| FsError::Read {
            path: path.clone(),
            source,
        };
        match openat(
            self.fd.as_raw_fd(),
            &c,
            libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY,
            0,
        ) {
            Ok(fd) => {
                let st = Stat::of(fd.as_raw_fd()).map_err(read_err)?;
                self.check_file(&path, &st)?;
                Ok(Some(SafeFile {
                    file: File::from(fd),
                    path,
                    stat: st,
                }))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                // A link root planted in a directory only root can write is followed.
                let lst = Stat::at(self.fd.as_raw_fd(), &c).map_err(read_err)?;
                if lst.kind != libc::S_IFLNK || lst.uid != 0 || !self.stat.root_only() {
                    return Err(unsafe_err(path, Hazard::Symlink));
                }
                if depth >= MAX_LINKS {
                    return Err(unsafe_err(path, Hazard::LinkLoop));
                }
                let target = readlinkat(self.fd.as_raw_fd(), &c).map_err(read_err)?;
                let target = self.path.join(target);
                let (dir, name) = SafeDir::open_parent(&target, self.owners)?;
                dir.open_file_depth(&name, depth + 1)
            }
            Err(e) => Err(read_err(e)),
        }
    }

    /// Reads the whole file `name`; `None` when it does not exist.
    pub(crate) fn read(&self, name: &OsStr) -> Result<Option<Vec<u8>>, FsError> {
        match self.open_file(name)? {
            Some(mut f) => f.read_all().map(Some),
            None => Ok(None),
        }
    }

    /// Takes the exclusive lock on the lock file `name` here, creating it (0600) when missing,
    /// waiting up to `wait` for other holders. The lock file is checked like any other file.
    pub(crate) fn lock(&self, name: &OsStr, wait: Duration) -> Result<super::FileLock, FsError> {
        let path = self.child(name);
        let c = self.name(name)?;
        let lerr = |source| FsError::Lock {
            path: path.clone(),
            source,
        };
        let fd = match openat(
            self.fd.as_raw_fd(),
            &c,
            libc::O_RDWR | libc::O_CREAT | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY,
            0o600,
        ) {
            Ok(fd) => fd,
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return Err(unsafe_err(path, Hazard::Symlink));
            }
            Err(e) => return Err(lerr(e)),
        };
        let st = Stat::of(fd.as_raw_fd()).map_err(lerr)?;
        if st.kind == libc::S_IFREG && st.nlink != 1 {
            // Lock files are chowned: never one with other names, even in root's directories.
            return Err(unsafe_err(path, Hazard::HardLink { links: st.nlink }));
        }
        self.check_file(&path, &st)?;
        let file = File::from(fd);
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(super::FileLock::new(file, path)),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(FsError::LockTimeout {
                        path,
                        seconds: wait.as_secs(),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(lerr(e)),
            }
        }
    }

    /// Replaces (or creates) `name` with `contents` atomically: a temporary file created with
    /// `O_EXCL` here, given `mode` and, when set, `uid`/`gid` through its descriptor, synced,
    /// then renamed over `name`. On failure the old file is unchanged and the temporary file is
    /// removed.
    pub(crate) fn replace(
        &self,
        name: &OsStr,
        contents: &[u8],
        mode: u32,
        uid: Option<u32>,
        gid: Option<u32>,
    ) -> Result<(), FsError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = self.child(name);
        let target = self.name(name)?;
        let werr = |source| FsError::Write {
            path: path.clone(),
            source,
        };
        let (tmp_name, fd) = loop {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let mut t = OsString::from(".");
            t.push(name);
            t.push(format!(
                ".{}.{nanos:x}{:x}.tmp",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            let c = cstr(&t).map_err(werr)?;
            match openat(
                self.fd.as_raw_fd(),
                &c,
                libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW,
                0o600,
            ) {
                Ok(fd) => break (c, fd),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(werr(e)),
            }
        };
        let result = (|| {
            let mut file = File::from(fd);
            file.write_all(contents).map_err(werr)?;
            if uid.is_some() || gid.is_some() {
                std::os::unix::fs::fchown(&file, uid, gid).map_err(|source| {
                    FsError::Permissions {
                        path: path.clone(),
                        source,
                    }
                })?;
            }
            // chmod after chown: chown clears set-id bits.
            fchmod(&file, mode).map_err(|source| FsError::Permissions {
                path: path.clone(),
                source,
            })?;
            file.sync_all().map_err(werr)?;
            // SAFETY: both names are NUL-terminated and relative to our directory descriptor.
            let rc = unsafe {
                libc::renameat(
                    self.fd.as_raw_fd(),
                    tmp_name.as_ptr(),
                    self.fd.as_raw_fd(),
                    target.as_ptr(),
                )
            };
            if rc != 0 {
                return Err(werr(io::Error::last_os_error()));
            }
            Ok(())
        })();
        if result.is_err() {
            // SAFETY: the name is NUL-terminated; removing our own temporary file.
            unsafe { libc::unlinkat(self.fd.as_raw_fd(), tmp_name.as_ptr(), 0) };
            return result;
        }
        // SAFETY: fsync on our directory descriptor.
        unsafe { libc::fsync(self.fd.as_raw_fd()) };
        Ok(())
    }

    /// Opens the subdirectory `name`, creating it with `mode` (and, when given, that owner,
    /// set through its descriptor) when missing. Returns it and whether it was created.
    pub(crate) fn create_dir(
        &self,
        name: &OsStr,
        mode: u32,
        owner: Option<(u32, u32)>,
    ) -> Result<(SafeDir, bool), FsError> {
        let path = self.child(name);
        let c = self.name(name)?;
        let werr = |source| FsError::Write {
            path: path.clone(),
            source,
        };
        // SAFETY: the name is NUL-terminated and relative to our directory descriptor.
        let created = if unsafe { libc::mkdirat(self.fd.as_raw_fd(), c.as_ptr(), 0o700) } == 0 {
            true
        } else {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::AlreadyExists {
                return Err(werr(e));
            }
            false
        };
        let dir = self.subdir(name)?;
        if created {
            let f = File::from(dir.fd.try_clone().map_err(werr)?);
            if let Some((uid, gid)) = owner {
                std::os::unix::fs::fchown(&f, Some(uid), Some(gid)).map_err(|source| {
                    FsError::Permissions {
                        path: path.clone(),
                        source,
                    }
                })?;
            }
            fchmod(&f, mode).map_err(|source| FsError::Permissions {
                path: path.clone(),
                source,
            })?;
        }
        Ok((dir, created))
    }

    /// Opens the existing subdirectory `name` (not through a link), checking its owner.
    pub(crate) fn subdir(&self, name: &OsStr) -> Result<SafeDir, FsError> {
        let path = self.child(name);
        let c = self.name(name)?;
        let fd = match openat(
            self.fd.as_raw_fd(),
            &c,
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
            0,
        ) {
            Ok(fd) => fd,
            Err(e)
                if e.raw_os_error() == Some(libc::ELOOP)
                    || e.raw_os_error() == Some(libc::ENOTDIR) =>
            {
                let lst = Stat::at(self.fd.as_raw_fd(), &c).map_err(|source| FsError::Read {
                    path: path.clone(),
                    source,
                })?;
                let hazard = if lst.kind == libc::S_IFLNK {
                    Hazard::Symlink
                } else {
                    Hazard::NotDirectory {
                        kind: lst.kind_name(),
                    }
                };
                return Err(unsafe_err(path, hazard));
            }
            Err(source) => return Err(FsError::Read { path, source }),
        };
        let stat = Stat::of(fd.as_raw_fd()).map_err(|source| FsError::Read {
            path: path.clone(),
            source,
        })?;
        if !self.owners.allows(stat.uid) {
            return Err(unsafe_err(
                path,
                Hazard::Owner {
                    uid: stat.uid,
                    expected: self.owners.describe(),
                },
            ));
        }
        Ok(SafeDir {
            fd,
            path,
            stat,
            owners: self.owners,
        })
    }

    /// Changes this directory's owner (when given) and mode through its descriptor.
    pub(crate) fn set_own_owner_mode(
        &self,
        owner: Option<(u32, u32)>,
        mode: Option<u32>,
    ) -> Result<(), FsError> {
        let perr = |source| FsError::Permissions {
            path: self.path.clone(),
            source,
        };
        let f = File::from(self.fd.try_clone().map_err(perr)?);
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::fchown(&f, Some(uid), Some(gid)).map_err(perr)?;
        }
        if let Some(m) = mode {
            fchmod(&f, m).map_err(perr)?;
        }
        Ok(())
    }
}

/// A regular file opened and checked by [`SafeDir::open_file`].
#[derive(Debug)]
pub(crate) struct SafeFile {
    file: File,
    path: PathBuf,
    stat: Stat,
}

impl SafeFile {
    /// Its `fstat` facts at open time.
    pub(crate) fn stat(&self) -> Stat {
        self.stat
    }

    /// Reads it to the end.
    pub(crate) fn read_all(&mut self) -> Result<Vec<u8>, FsError> {
        let mut buf = Vec::with_capacity(self.stat.size as usize);
        self.file
            .read_to_end(&mut buf)
            .map_err(|source| FsError::Read {
                path: self.path.clone(),
                source,
            })?;
        Ok(buf)
    }
}

/// Reads `path` link-safely with `owners`; `None` when it does not exist.
pub(crate) fn read_optional(path: &Path, owners: Owners) -> Result<Option<Vec<u8>>, FsError> {
    let (dir, name) = match SafeDir::open_parent(path, owners) {
        Ok(x) => x,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    dir.read(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn reads_writes_and_replaces_through_the_handle() {
        let d = dir();
        let sd = SafeDir::open(d.path(), Owners::root_or(None)).unwrap();
        assert_eq!(sd.read(OsStr::new("f")).unwrap(), None);
        sd.replace(OsStr::new("f"), b"one", 0o640, None, None)
            .unwrap();
        assert_eq!(sd.read(OsStr::new("f")).unwrap().unwrap(), b"one");
        let m = std::fs::metadata(d.path().join("f")).unwrap();
        assert_eq!(m.mode() & 0o7777, 0o640);
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_links_hard_links_and_fifos_in_a_writable_directory() {
        let d = dir();
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let secret = d.path().join("secret");
        std::fs::write(&secret, "s").unwrap();
        symlink(&secret, d.path().join("sym")).unwrap();
        symlink(d.path().join("nowhere"), d.path().join("dangling")).unwrap();
        std::fs::hard_link(&secret, d.path().join("hard")).unwrap();
        let sd = SafeDir::open(d.path(), Owners::Any).unwrap();
        for (name, want) in [
            ("sym", "symbolic link"),
            ("hard", "hard link"),
            ("dangling", "symbolic link"),
        ] {
            let e = sd.read(OsStr::new(name)).unwrap_err().to_string();
            assert!(e.contains(want) && e.contains(name), "{e}");
            let e = sd
                .lock(OsStr::new(name), Duration::from_millis(10))
                .unwrap_err()
                .to_string();
            assert!(e.contains(want), "{e}");
        }
        assert!(!d.path().join("nowhere").exists());
        assert_eq!(std::fs::read(&secret).unwrap(), b"s");
    }

    #[test]
    fn follows_only_root_owned_links_in_root_only_directories() {
        let d = dir();
        std::fs::create_dir(d.path().join("real")).unwrap();
        std::fs::write(d.path().join("real/f"), "x").unwrap();
        symlink("real", d.path().join("alias")).unwrap();
        if super::super::is_root() {
            // tempdir is 0700 root: the link is trusted.
            let sd = SafeDir::open(&d.path().join("alias"), Owners::root_or(None)).unwrap();
            assert_eq!(sd.read(OsStr::new("f")).unwrap().unwrap(), b"x");
            std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        if super::super::is_root() {
            let e = SafeDir::open(&d.path().join("alias"), Owners::root_or(None)).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
        }
    }

    #[test]
    fn lock_is_exclusive_and_never_follows() {
        let d = dir();
        let sd = SafeDir::open(d.path(), Owners::Any).unwrap();
        let held = sd
            .lock(OsStr::new("x.lock"), Duration::from_secs(1))
            .unwrap();
        let e = sd
            .lock(OsStr::new("x.lock"), Duration::from_millis(50))
            .unwrap_err();
        assert!(matches!(e, FsError::LockTimeout { .. }));
        drop(held);
    }
}
