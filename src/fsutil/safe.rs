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
use std::ffi::{CString, OsStr, OsString};
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// At most this many symbolic links are followed while opening one path (as the kernel's 40).
const MAX_LINKS: usize = 40;

/// Who may own the directories and files opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owners {
    /// Any owner: for places outside the OSSEC directory (generated files in a checkout). Links
    /// and hard links are still refused as everywhere.
    Any,
    /// Root, the user running the tool, and this further user when given (the agentless user,
    /// who owns `<ossec-dir>/.ssh`).
    Trusted(Option<u32>),
}

impl Owners {
    /// Root, the current user and `agentless` (its uid) when given.
    pub fn root_or(agentless: Option<u32>) -> Owners {
        Owners::Trusted(agentless)
    }

    /// True when `uid` may own what is opened.
    pub fn allows(&self, uid: u32) -> bool {
        match self {
            Owners::Any => true,
            Owners::Trusted(extra) => {
                uid == 0 || uid == super::effective_uid() || *extra == Some(uid)
            }
        }
    }

    fn describe(&self) -> String {
        let mut names = vec!["root".to_string()];
        let me = super::effective_uid();
        if me != 0 {
            names.push(user_name(me));
        }
        if let Owners::Trusted(Some(u)) = self
            && *u != 0
            && *u != me
        {
            names.push(user_name(*u));
        }
        names.join(" or ")
    }
}

/// What is wrong with a file or directory the tool refuses to act through.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hazard {
    /// A symbolic link that someone other than root could have planted.
    Symlink,
    /// A regular file with more than one name (a hard link).
    HardLink {
        /// `st_nlink`.
        links: u64,
    },
    /// Not a regular file (a directory, FIFO, device, socket …).
    NotRegular {
        /// What it is.
        kind: &'static str,
    },
    /// Not a directory where one was expected.
    NotDirectory {
        /// What it is.
        kind: &'static str,
    },
    /// Owned by someone not expected.
    Owner {
        /// The owner found.
        uid: u32,
        /// Who may own it, in words (`root or ossec`).
        expected: String,
    },
    /// Writable by group or others.
    Writable {
        /// The permission bits.
        mode: u32,
    },
    /// Too many symbolic links to follow.
    LinkLoop,
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hazard::Symlink => f.write_str(
                "is a symbolic link in a directory that a user other than root can write",
            ),
            Hazard::HardLink { links } => write!(
                f,
                "is a hard link ({links} names for the same file: it may be a file from elsewhere, such as /etc/shadow)"
            ),
            Hazard::NotRegular { kind } => write!(f, "is a {kind}, not a regular file"),
            Hazard::NotDirectory { kind } => write!(f, "is a {kind}, not a directory"),
            Hazard::Owner { uid, expected } => write!(
                f,
                "is owned by {} (uid {uid}); expected {expected}",
                user_name(*uid)
            ),
            Hazard::Writable { mode } => {
                write!(f, "is writable by group or others (mode {mode:04o})")
            }
            Hazard::LinkLoop => f.write_str("leads through too many symbolic links"),
        }
    }
}

impl Hazard {
    /// How to repair it, as a sentence naming `path`.
    pub fn fix(&self, path: &Path) -> String {
        let p = path.display();
        match self {
            Hazard::Symlink | Hazard::HardLink { .. } | Hazard::LinkLoop => format!(
                "someone may be trying to make root write another file; check it (ls -l {p}), \
                 remove it (rm {p}) and run the command again"
            ),
            Hazard::NotRegular { .. } | Hazard::NotDirectory { .. } => {
                format!("move it out of the way (mv {p} {p}.old) and run the command again")
            }
            Hazard::Owner { expected, .. } => format!(
                "if it is meant to be there, give it to {} (chown {} {p}); otherwise remove it",
                expected.split(" or ").last().unwrap_or("root"),
                expected.split(" or ").last().unwrap_or("root"),
            ),
            Hazard::Writable { .. } => format!("remove the write bits (chmod go-w {p})"),
        }
    }
}

/// The `fstat` facts a caller needs about an opened file or directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Permission bits (`& 0o7777`).
    pub mode: u32,
    /// File type bits (`S_IFMT`).
    pub kind: u32,
    /// Number of names.
    pub nlink: u64,
    /// Size in bytes.
    pub size: u64,
}

impl Stat {
    fn of(fd: RawFd) -> io::Result<Stat> {
        // SAFETY: `st` is a plain C struct that fstat fills in; fd is a valid descriptor.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Stat::from_raw(&st))
    }

    fn at(dir: RawFd, name: &CString) -> io::Result<Stat> {
        // SAFETY: as above; the name is NUL-terminated.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Stat::from_raw(&st))
    }

    // nlink_t is u64 on x86_64 but u32 on other targets.
    #[allow(clippy::unnecessary_cast)]
    fn from_raw(st: &libc::stat) -> Stat {
        Stat {
            uid: st.st_uid,
            gid: st.st_gid,
            mode: st.st_mode & 0o7777,
            kind: st.st_mode & libc::S_IFMT,
            nlink: st.st_nlink as u64,
            size: st.st_size as u64,
        }
    }

    /// True for a directory that nobody but root can change: owned by root and not writable by
    /// group or others, unless sticky (like `/tmp`, where others cannot rename root's entries).
    pub fn root_only(&self) -> bool {
        self.uid == 0 && (self.mode & 0o022 == 0 || self.mode & libc::S_ISVTX != 0)
    }

    fn kind_name(&self) -> &'static str {
        match self.kind {
            libc::S_IFREG => "regular file",
            libc::S_IFDIR => "directory",
            libc::S_IFLNK => "symbolic link",
            libc::S_IFIFO => "named pipe (FIFO)",
            libc::S_IFSOCK => "socket",
            libc::S_IFCHR => "character device",
            libc::S_IFBLK => "block device",
            _ => "special file",
        }
    }
}

fn cstr(name: &OsStr) -> io::Result<CString> {
    CString::new(name.as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

fn openat(dir: RawFd, name: &CString, flags: i32, mode: u32) -> io::Result<OwnedFd> {
    // SAFETY: name is NUL-terminated; the returned descriptor is owned by the OwnedFd.
    let fd = unsafe { libc::openat(dir, name.as_ptr(), flags | libc::O_CLOEXEC, mode) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fd was just returned by openat and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn readlinkat(dir: RawFd, name: &CString) -> io::Result<PathBuf> {
    let mut buf = vec![0u8; 4096];
    // SAFETY: buf is writable for buf.len() bytes.
    let n = unsafe { libc::readlinkat(dir, name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    buf.truncate(n as usize);
    Ok(PathBuf::from(OsString::from_vec(buf)))
}

use std::os::unix::ffi::OsStringExt;

fn unsafe_err(path: PathBuf, hazard: Hazard) -> FsError {
    FsError::Unsafe { path, hazard }
}

/// A directory opened without following links planted by anyone but root.
#[derive(Debug)]
pub struct SafeDir {
    fd: OwnedFd,
    path: PathBuf,
    stat: Stat,
    owners: Owners,
}

impl SafeDir {
    /// Opens `path` (see the module documentation). A missing directory is
    /// [`FsError::Read`] with [`io::ErrorKind::NotFound`] (test with [`FsError::is_not_found`]).
    pub fn open(path: &Path, owners: Owners) -> Result<SafeDir, FsError> {
        let read_err = |p: &Path, source| FsError::Read {
            path: p.to_path_buf(),
            source,
        };
        let start = if path.is_absolute() {
            Path::new("/")
        } else {
            Path::new(".")
        };
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
            path: path.to_path_buf(),
            stat,
            owners,
        })
    }

    /// Opens the directory holding `file` and returns it with the file's name.
    pub fn open_parent(file: &Path, owners: Owners) -> Result<(SafeDir, OsString), FsError> {
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
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its `fstat` facts.
    pub fn stat(&self) -> Stat {
        self.stat
    }

    /// The owners allowed here.
    pub fn owners(&self) -> Owners {
        self.owners
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
    pub fn open_file(&self, name: &OsStr) -> Result<Option<SafeFile>, FsError> {
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
    pub fn read(&self, name: &OsStr) -> Result<Option<Vec<u8>>, FsError> {
        match self.open_file(name)? {
            Some(mut f) => f.read_all().map(Some),
            None => Ok(None),
        }
    }

    /// Takes the exclusive lock on the lock file `name` here, creating it (0600) when missing,
    /// waiting up to `wait` for other holders. The lock file is checked like any other file.
    pub fn lock(&self, name: &OsStr, wait: Duration) -> Result<super::FileLock, FsError> {
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
    pub fn replace(
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
    pub fn create_dir(
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
    pub fn subdir(&self, name: &OsStr) -> Result<SafeDir, FsError> {
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
    pub fn set_own_owner_mode(
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

    /// Changes owner and mode of the file `name` here through a checked descriptor (never by
    /// path, never through a link or a hard link).
    pub fn set_owner_mode(
        &self,
        name: &OsStr,
        uid: Option<u32>,
        gid: Option<u32>,
        mode: u32,
    ) -> Result<(), FsError> {
        let path = self.child(name);
        let perr = |source| FsError::Permissions {
            path: path.clone(),
            source,
        };
        let c = self.name(name)?;
        let fd = match openat(
            self.fd.as_raw_fd(),
            &c,
            libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY,
            0,
        ) {
            Ok(fd) => fd,
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return Err(unsafe_err(path, Hazard::Symlink));
            }
            Err(e) => return Err(perr(e)),
        };
        let st = Stat::of(fd.as_raw_fd()).map_err(perr)?;
        if st.kind == libc::S_IFREG && st.nlink != 1 {
            return Err(unsafe_err(path, Hazard::HardLink { links: st.nlink }));
        }
        self.check_file(&path, &st)?;
        let f = File::from(fd);
        if uid.is_some() || gid.is_some() {
            std::os::unix::fs::fchown(&f, uid, gid).map_err(perr)?;
        }
        fchmod(&f, mode).map_err(perr)
    }
}

fn fchmod(f: &File, mode: u32) -> io::Result<()> {
    // SAFETY: fchmod on a descriptor we own.
    if unsafe { libc::fchmod(f.as_raw_fd(), mode as libc::mode_t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A regular file opened and checked by [`SafeDir::open_file`].
#[derive(Debug)]
pub struct SafeFile {
    file: File,
    path: PathBuf,
    stat: Stat,
}

impl SafeFile {
    /// Its `fstat` facts at open time.
    pub fn stat(&self) -> Stat {
        self.stat
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads it to the end.
    pub fn read_all(&mut self) -> Result<Vec<u8>, FsError> {
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

fn components(path: &Path) -> Vec<OsString> {
    let mut v: Vec<OsString> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some("..".into()),
            Component::CurDir => Some(".".into()),
            Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    v.reverse();
    v
}

/// Reads `path` link-safely with `owners`; `None` when it does not exist.
pub fn read_optional(path: &Path, owners: Owners) -> Result<Option<Vec<u8>>, FsError> {
    let (dir, name) = match SafeDir::open_parent(path, owners) {
        Ok(x) => x,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    dir.read(&name)
}

/// Checks that `path` may be executed as root: root owns it and every directory above it, and
/// none of them is writable by group or others (sticky directories such as `/tmp` excepted for
/// the directories) — the rule sudo and sshd apply. Links are followed only as
/// [`SafeDir::open`] does.
pub fn check_root_executable(path: &Path) -> Result<(), FsError> {
    let abs;
    let path = if path.is_absolute() {
        path
    } else {
        abs = std::env::current_dir()
            .map_err(|source| FsError::Read {
                path: path.to_path_buf(),
                source,
            })?
            .join(path);
        &abs
    };
    let (dir, name) = SafeDir::open_parent(path, Owners::Trusted(Some(0)))?;
    // Every directory from `/` down: owned by root, not writable by others.
    let mut p = PathBuf::from("/");
    for c in components(dir.path()).into_iter().rev() {
        p.push(&c);
        let d = SafeDir::open(&p, Owners::Any)?;
        check_root_dir(&p, &d.stat)?;
    }
    check_root_dir(dir.path(), &dir.stat)?;
    let f = dir.open_file(&name)?.ok_or_else(|| FsError::Read {
        path: path.to_path_buf(),
        source: io::Error::from(io::ErrorKind::NotFound),
    })?;
    let st = f.stat();
    if st.uid != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Owner {
                uid: st.uid,
                expected: "root".into(),
            },
        ));
    }
    if st.mode & 0o022 != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Writable { mode: st.mode },
        ));
    }
    Ok(())
}

fn check_root_dir(path: &Path, st: &Stat) -> Result<(), FsError> {
    if st.uid != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Owner {
                uid: st.uid,
                expected: "root".into(),
            },
        ));
    }
    if !st.root_only() {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Writable { mode: st.mode },
        ));
    }
    Ok(())
}

/// Checks a state directory (or a baseline file's directory) before its contents are trusted:
/// it must be owned by root or `expected_owner` (the user whose run keeps the state, e.g. the
/// agentless user for a baseline its wrapper keeps) and not writable by group or others.
/// Returns the directory opened. A missing directory is created with mode 0700 and that owner
/// when `create` is set.
pub fn check_state_dir(
    path: &Path,
    expected_owner: Option<(u32, u32)>,
    create: bool,
) -> Result<SafeDir, FsError> {
    let owners = Owners::Trusted(expected_owner.map(|(u, _)| u));
    let dir = match SafeDir::open(path, owners) {
        Ok(d) => d,
        Err(e) if e.is_not_found() && create => {
            let (parent, name) = SafeDir::open_parent(path, owners)?;
            parent.create_dir(&name, 0o700, expected_owner)?.0
        }
        Err(e) => return Err(e),
    };
    if dir.stat.mode & 0o022 != 0 {
        return Err(unsafe_err(
            path.to_path_buf(),
            Hazard::Writable {
                mode: dir.stat.mode,
            },
        ));
    }
    Ok(dir)
}

fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() >= 3 && f[2].parse() == Ok(uid)).then(|| f[0].to_string())
            })
        })
        .unwrap_or_else(|| uid.to_string())
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
