//! `generate`: writes (or, with `--check`, verifies) completions/ and man/.

use super::Context;
use crate::cli::GenerateArgs;
use crate::fsutil::{WriteOptions, atomic_write};
use crate::generate::render_all;
use crate::{Error, ExitCode};

/// Runs `generate`.
pub(crate) fn run(args: &GenerateArgs, ctx: &mut Context) -> Result<ExitCode, Error> {
    let mut stale = Vec::new();
    for file in render_all() {
        let path = args.dir.join(&file.path);
        if std::fs::read(&path).ok().as_deref() == Some(&file.contents[..]) {
            continue;
        }
        stale.push(file.path.display().to_string());
        if !args.check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| {
                    crate::fsutil::FsError::Write {
                        path: parent.to_path_buf(),
                        source,
                    }
                })?;
            }
            atomic_write(&path, &file.contents, &WriteOptions::default())?;
        }
    }
    for s in &stale {
        let verb = if args.check { "stale" } else { "wrote" };
        ctx.out.line(&format!("{verb} {s}"))?;
    }
    Ok(ExitCode::differences_if(args.check && !stale.is_empty()))
}
