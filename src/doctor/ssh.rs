//! `<ossec-dir>/.ssh` and the files in it must be usable by the agentless user.
//!
//! ssh runs as that user and uses `<home>/.ssh`: it must be able to read its private keys
//! (which ssh refuses when others can read them) and to write `known_hosts` (otherwise every
//! run accepts the host key again without checking). OSSEC installs `.ssh` as `0700 root:ossec`,
//! which blocks both; Wazuh installs `0770 root:wazuh`, which works and is accepted here.
//! See: <https://github.com/wazuh/wazuh/pull/2660>

use super::perms::octal;
use super::{Check, CheckResult, DoctorEnv, DoctorError, set_owner_mode};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Owner and mode of `<ossec-dir>/.ssh`.
#[derive(Debug, Default)]
pub(crate) struct SshDirCheck;

const DIR_NAME: &str = ".ssh directory";

fn dir_ok(meta: &std::fs::Metadata, uid: u32, gid: u32) -> bool {
    let mode = meta.mode() & 0o7777;
    let own = meta.uid() == uid && mode & 0o700 == 0o700 && mode & 0o077 == 0;
    // Wazuh's default: root:wazuh 0770.
    let wazuh = meta.uid() == 0 && meta.gid() == gid && mode == 0o770;
    own || wazuh
}

impl Check for SshDirCheck {
    fn name(&self) -> &'static str {
        DIR_NAME
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let (Some(who), None) = (env.who(), env.missing_account()) else {
            return CheckResult::skipped(DIR_NAME, env.missing_account().unwrap_or_default());
        };
        let dir = env.layout.ssh_dir();
        let fix = format!(
            "`install -d -o {u} -g {g} -m 0700 {d}`",
            u = env.user,
            g = env.group,
            d = dir.display()
        );
        let meta = match std::fs::symlink_metadata(&dir) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return CheckResult::problem(
                    DIR_NAME,
                    format!(
                        "{} does not exist: ssh cannot record host keys, so every run accepts \
                         them without checking",
                        dir.display()
                    ),
                    fix,
                )
                .repairable();
            }
            Err(e) => {
                return CheckResult::problem(
                    DIR_NAME,
                    format!("cannot examine {}: {e}", dir.display()),
                    "run doctor as root",
                );
            }
        };
        if !meta.is_dir() {
            return CheckResult::problem(
                DIR_NAME,
                format!("{} is not a directory", dir.display()),
                format!("move it away, then {fix}"),
            );
        }
        let desc = describe(&meta);
        if dir_ok(&meta, who.uid, who.gid) {
            CheckResult::ok(DIR_NAME, format!("{} {desc}", dir.display()))
        } else {
            CheckResult::problem(
                DIR_NAME,
                format!(
                    "{} is {desc}: {} cannot save host keys or use its keys there (it must be \
                     {}-owned 0700, or root:{} 0770 as Wazuh installs it)",
                    dir.display(),
                    env.user,
                    env.user,
                    env.group
                ),
                format!(
                    "`chown {u}:{g} {d} && chmod 0700 {d}`",
                    u = env.user,
                    g = env.group,
                    d = dir.display()
                ),
            )
            .repairable()
        }
    }

    fn repair(&self, env: &DoctorEnv, dry_run: bool) -> Result<Vec<String>, DoctorError> {
        if self.run(env).status != super::Status::Problem {
            return Ok(Vec::new());
        }
        let who = env
            .who()
            .ok_or_else(|| DoctorError::Unavailable(env.missing_account().unwrap_or_default()))?;
        let dir = env.layout.ssh_dir();
        if !dir.exists() {
            let change = format!(
                "mkdir {} (owner {}:{}, mode 0700)",
                dir.display(),
                env.user,
                env.group
            );
            if dry_run {
                return Ok(vec![change]);
            }
            std::fs::create_dir(&dir).map_err(|source| DoctorError::Change {
                path: dir.clone(),
                source,
            })?;
            set_owner_mode(&dir, Some(who.uid), Some(who.gid), 0o700, false)?;
            return Ok(vec![change]);
        }
        set_owner_mode(&dir, Some(who.uid), Some(who.gid), 0o700, dry_run)
    }
}

fn describe(meta: &std::fs::Metadata) -> String {
    format!(
        "{}:{} {}",
        crate::fsutil::user_name(meta.uid()),
        super::group_name(meta.gid()).unwrap_or_else(|| meta.gid().to_string()),
        octal(meta.mode())
    )
}

/// Owner and mode of the private keys, `known_hosts` and `config` in `<ossec-dir>/.ssh`.
#[derive(Debug, Default)]
pub(crate) struct SshFilesCheck;

const FILES_NAME: &str = "ssh keys and known_hosts";

/// A file that needs a new owner or mode.
struct Bad {
    path: PathBuf,
    problem: String,
    uid: Option<u32>,
    mode: u32,
}

fn is_private_key(path: &Path, name: &str) -> bool {
    if name.ends_with(".pub") {
        return false;
    }
    if name.starts_with("id_") {
        return true;
    }
    let mut head = [0u8; 64];
    use std::io::Read;
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.starts_with("-----BEGIN") && head.contains("PRIVATE KEY")
}

/// A planted link or hard link: reported, never repaired by chown (the tool refuses to act
/// through it with the same words, see [`crate::fsutil::Hazard`]).
struct Planted {
    path: PathBuf,
    hazard: crate::fsutil::Hazard,
}

/// Examines the files; `Err` carries the result to report when the check cannot run.
fn inspect(env: &DoctorEnv) -> Result<(Vec<Bad>, usize, Vec<Planted>), CheckResult> {
    let (Some(who), None) = (env.who(), env.missing_account()) else {
        return Err(CheckResult::skipped(
            FILES_NAME,
            env.missing_account().unwrap_or_default(),
        ));
    };
    let dir = env.layout.ssh_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CheckResult::skipped(
                FILES_NAME,
                format!("{} does not exist", dir.display()),
            ));
        }
        Err(e) => {
            return Err(CheckResult::skipped(
                FILES_NAME,
                format!("cannot list {}: {e}", dir.display()),
            ));
        }
    };
    let mut bad = Vec::new();
    let mut planted = Vec::new();
    let mut keys = 0;
    let mut names: Vec<_> = entries.flatten().collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            planted.push(Planted {
                path,
                hazard: crate::fsutil::Hazard::Symlink,
            });
            continue;
        }
        if !meta.is_file() {
            continue;
        }
        if meta.nlink() != 1 {
            planted.push(Planted {
                path,
                hazard: crate::fsutil::Hazard::HardLink {
                    links: meta.nlink(),
                },
            });
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let mode = meta.mode() & 0o7777;
        let owner_ok = meta.uid() == who.uid;
        let desc = describe(&meta);
        if is_private_key(&path, &name) {
            keys += 1;
            if !owner_ok || mode & 0o077 != 0 || mode & 0o400 == 0 {
                bad.push(Bad {
                    problem: format!(
                        "private key {name} is {desc} (ssh needs it owned by {} and 0600)",
                        env.user
                    ),
                    path,
                    uid: Some(who.uid),
                    mode: 0o600,
                });
            }
        } else if name == "known_hosts" || name == "known_hosts2" {
            if !owner_ok || mode & 0o600 != 0o600 || mode & 0o022 != 0 {
                bad.push(Bad {
                    problem: format!(
                        "{name} is {desc} ({} must own it and be the only one able to write \
                         it, or new host keys are never saved)",
                        env.user
                    ),
                    path,
                    uid: Some(who.uid),
                    mode: (mode | 0o600) & 0o644,
                });
            }
        } else if name == "config"
            && ((meta.uid() != who.uid && meta.uid() != 0) || mode & 0o022 != 0)
        {
            bad.push(Bad {
                problem: format!(
                    "config is {desc} (ssh refuses a config writable by others: \"Bad owner or \
                     permissions\")"
                ),
                path,
                uid: Some(who.uid),
                mode: mode & 0o644,
            });
        }
    }
    Ok((bad, keys, planted))
}

impl Check for SshFilesCheck {
    fn name(&self) -> &'static str {
        FILES_NAME
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        match inspect(env) {
            Err(result) => result,
            Ok((_, _, planted)) if !planted.is_empty() => CheckResult::problem(
                FILES_NAME,
                planted
                    .iter()
                    .map(|p| format!("{} {}", p.path.display(), p.hazard))
                    .collect::<Vec<_>>()
                    .join("; "),
                planted
                    .iter()
                    .map(|p| p.hazard.fix(&p.path))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Ok((bad, keys, _)) if bad.is_empty() => CheckResult::ok(
                FILES_NAME,
                if keys == 0 {
                    "no private keys (password authentication only)".to_string()
                } else {
                    format!("{keys} private key(s) owned by {}, mode 0600", env.user)
                },
            ),
            Ok((bad, _, _)) => {
                let problems: Vec<String> = bad.iter().map(|b| b.problem.clone()).collect();
                let fixes: Vec<String> = bad
                    .iter()
                    .map(|b| {
                        format!(
                            "chown {}:{} {p} && chmod {} {p}",
                            env.user,
                            env.group,
                            octal(b.mode),
                            p = b.path.display()
                        )
                    })
                    .collect();
                CheckResult::problem(
                    FILES_NAME,
                    problems.join("; "),
                    format!("`{}`", fixes.join(" && ")),
                )
                .repairable()
            }
        }
    }

    fn repair(&self, env: &DoctorEnv, dry_run: bool) -> Result<Vec<String>, DoctorError> {
        let Ok((bad, _, _)) = inspect(env) else {
            return Ok(Vec::new());
        };
        let gid = env.gid;
        let mut changes = Vec::new();
        for b in bad {
            changes.extend(set_owner_mode(&b.path, b.uid, gid, b.mode, dry_run)?);
        }
        Ok(changes)
    }
}
