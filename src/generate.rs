//! Shell completions and man pages, rendered from the clap definitions.
//!
//! The rendered files are checked in under `completions/` and `man/`; a test compares them with
//! what [`render_all`] produces, so a CLI change without `ossec-agentless generate` fails CI.

use crate::cli::{Cli, OssecConfigCli};
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::PathBuf;

/// One generated file: its path relative to the project directory, and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Relative path, e.g. `man/ossec-agentless-config-add.1`.
    pub path: PathBuf,
    /// The file's bytes.
    pub contents: Vec<u8>,
}

/// Every completion script and man page of both binaries.
pub fn render_all() -> Vec<Generated> {
    let mut files = Vec::new();
    for cmd in [Cli::command(), OssecConfigCli::command()] {
        let name = cmd.get_name().to_string();
        for (shell, ext) in [
            (Shell::Bash, "bash"),
            (Shell::Zsh, "zsh"),
            (Shell::Fish, "fish"),
        ] {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd.clone(), name.clone(), &mut buf);
            files.push(Generated {
                path: PathBuf::from("completions").join(format!("{name}.{ext}")),
                contents: buf,
            });
        }
        let mut cmd = cmd.disable_help_subcommand(true);
        cmd.build();
        man_pages(&cmd, &mut files);
    }
    files
}

fn man_pages(cmd: &clap::Command, files: &mut Vec<Generated>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, files);
    }
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render(&mut buf)
        .expect("rendering into a Vec cannot fail");
    files.push(Generated {
        path: PathBuf::from("man").join(man.get_filename()),
        contents: buf,
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_man_page_per_visible_command() {
        let files = super::render_all();
        assert!(files.iter().any(|f| f.path.ends_with("ossec-agentless.1")));
        assert!(files.iter().any(|f| f.path.ends_with("ossec-config.1")));
        assert!(
            files
                .iter()
                .any(|f| f.path.ends_with("ossec-agentless.bash"))
        );
        assert!(
            !files
                .iter()
                .any(|f| f.path.to_string_lossy().contains("generate"))
        );
    }
}
