//! What the daemon runs for one host of one `<agentless>` block, built as an argv (no shell).
//!
//! OSSEC pastes `<arguments>` unquoted into a `/bin/sh -c` command line, so the local shell
//! splits it on blanks and interprets any shell syntax in it on the OSSEC server; Wazuh 4.x
//! splits it on single spaces without a shell. We split the same way, pass every word
//! literally, and report the characters a shell would have interpreted.

use crate::layout::Flavour;
use serde::Serialize;

/// The optional word the daemon puts before the host (`<host>use_su user@h</host>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum HostPrefix {
    /// Plain `user@host`.
    None,
    /// `use_su user@host`: log in, then `su` with the additional password.
    UseSu,
    /// `use_sudo user@host`: accepted, but no stock script acts on it.
    UseSudo,
}

impl HostPrefix {
    /// The argv word the daemon passes before the host.
    pub(crate) fn word(self) -> Option<&'static str> {
        match self {
            HostPrefix::None => None,
            HostPrefix::UseSu => Some("use_su"),
            HostPrefix::UseSudo => Some("use_sudo"),
        }
    }
}

/// One script run: the `<type>`, one `<host>` and the `<arguments>` of a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Invocation {
    /// The script's file name in `<ossec-dir>/agentless/`.
    pub(crate) script_type: String,
    /// `use_su` / `use_sudo`, if the host had that prefix.
    pub(crate) prefix: HostPrefix,
    /// `user@host`, without the prefix.
    pub(crate) host: String,
    /// The words of `<arguments>`, split as the daemon does.
    pub(crate) args: Vec<String>,
    /// Things the daemon would do differently from what the text suggests.
    pub(crate) warnings: Vec<String>,
}

/// Characters `/bin/sh` interprets in an unquoted word.
const SHELL_META: &[char] = &[
    ';', '|', '&', '<', '>', '$', '`', '(', ')', '*', '?', '[', ']', '{', '}', '~', '\'', '"',
    '\\', '#', '\n',
];
/// Characters `/bin/sh` still interprets inside double quotes (the daemon quotes the host so).
const DQUOTE_META: &[char] = &['$', '`', '\\', '"'];

/// The daemon's command buffer (`snprintf(command, 1024, …)`): longer commands are cut.
const OSSEC_COMMAND_MAX: usize = 1023;

impl Invocation {
    /// Builds the invocation from the plain fields of an `<agentless>` block.
    ///
    /// `host` is one `<host>` value (optionally `use_su ` / `use_sudo ` + `user@host`),
    /// `arguments` the `<arguments>` text; `root` is the OSSEC directory (for OSSEC's 1024-byte
    /// command limit). Fails only when `script_type` is not a plain file name.
    pub(crate) fn from_entry(
        script_type: &str,
        host: &str,
        arguments: &str,
        flavour: Flavour,
        root: &std::path::Path,
    ) -> Result<Invocation, String> {
        if script_type.is_empty()
            || script_type.contains('/')
            || script_type == "."
            || script_type == ".."
        {
            return Err(format!(
                "'{script_type}' is not a script name: give the file name of a script in \
                 {}/agentless (the <type> of an <agentless> block)",
                root.display()
            ));
        }
        let (prefix, bare) = if let Some(rest) = host.strip_prefix("use_su ") {
            (HostPrefix::UseSu, rest)
        } else if let Some(rest) = host.strip_prefix("use_sudo ") {
            (HostPrefix::UseSudo, rest)
        } else {
            (HostPrefix::None, host)
        };
        let mut warnings = Vec::new();
        let wazuh = matches!(flavour, Flavour::Wazuh4 | Flavour::Wazuh5);
        let args = split_arguments(arguments, wazuh);
        if !wazuh {
            if let Some(found) = meta_in(arguments, SHELL_META) {
                warnings.push(format!(
                    "the arguments contain {found}: OSSEC runs the script through /bin/sh, which \
                     would interpret this on the OSSEC server (e.g. `; pwd` runs pwd locally); \
                     test-script passes it literally, as Wazuh does"
                ));
            }
            if let Some(found) = meta_in(bare, DQUOTE_META) {
                warnings.push(format!(
                    "the host contains {found}: OSSEC puts the host in double quotes on a \
                     /bin/sh command line, where this is still interpreted"
                ));
            }
            let len = format!(
                "{}/agentless/{script_type} \"use_sudo\" \"{bare}\" {arguments} 2>&1",
                root.display()
            )
            .len();
            if len > OSSEC_COMMAND_MAX {
                warnings.push(format!(
                    "the command line is {len} bytes: OSSEC cuts it silently at \
                     {OSSEC_COMMAND_MAX} bytes, so the last arguments would be lost or mangled"
                ));
            }
        } else {
            if arguments.contains(['\t', '\n']) {
                warnings.push(
                    "the arguments contain tabs or newlines: Wazuh splits only on spaces, so \
                     they stay inside the words"
                        .to_string(),
                );
            }
            if let Some(found) = meta_in(arguments, &[';', '|', '&', '$', '`', '{', '}', '"']) {
                warnings.push(format!(
                    "the arguments contain {found}: Wazuh passes it literally and expect \
                     Tcl-quotes such words when it sends them (`/etc;` arrives as `{{/etc;}}`)"
                ));
            }
        }
        if bare.chars().any(char::is_whitespace) || bare.is_empty() {
            warnings.push(format!(
                "the host '{bare}' is empty or contains blanks: the scripts expect exactly \
                 user@host"
            ));
        } else if !bare.contains('@') {
            warnings.push(format!(
                "the host '{bare}' has no user@ part: ssh logs in as the agentless user's name"
            ));
        }
        Ok(Invocation {
            script_type: script_type.to_string(),
            prefix,
            host: bare.to_string(),
            args,
            warnings,
        })
    }

    /// The script's arguments: `[use_su|use_sudo] <host> <args…>`.
    pub(crate) fn argv(&self) -> Vec<String> {
        let mut v: Vec<String> = self.prefix.word().map(String::from).into_iter().collect();
        v.push(self.host.clone());
        v.extend(self.args.iter().cloned());
        v
    }

    /// The daemon's startup probe arguments: `test test`.
    pub(crate) fn probe_argv() -> Vec<String> {
        vec!["test".into(), "test".into()]
    }

    /// `agentless/<type> <argv…>` for people to read (words with blanks or quotes are quoted).
    pub(crate) fn display(&self) -> String {
        let mut s = format!("agentless/{}", self.script_type);
        for w in self.argv() {
            s.push(' ');
            if w.is_empty() || w.contains(|c: char| c.is_whitespace() || SHELL_META.contains(&c)) {
                s.push_str(&String::from_utf8_lossy(&crate::transport::shell_quote(
                    w.as_bytes(),
                )));
            } else {
                s.push_str(&w);
            }
        }
        s
    }
}

/// Splits `<arguments>` as the daemon would: OSSEC's `/bin/sh` splits plain words on blanks
/// (space, tab, newline); Wazuh's `strtok` splits on spaces only. Runs of separators collapse.
pub(crate) fn split_arguments(arguments: &str, wazuh: bool) -> Vec<String> {
    let sep = |c: char| {
        if wazuh {
            c == ' '
        } else {
            matches!(c, ' ' | '\t' | '\n')
        }
    };
    arguments
        .split(sep)
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

fn meta_in(text: &str, set: &[char]) -> Option<String> {
    let mut found: Vec<char> = text.chars().filter(|c| set.contains(c)).collect();
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        return None;
    }
    let list: Vec<String> = found
        .iter()
        .map(|c| match c {
            '\n' => "a newline".to_string(),
            c => format!("`{c}`"),
        })
        .collect();
    Some(list.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn inv(host: &str, args: &str, f: Flavour) -> Invocation {
        Invocation::from_entry(
            "ssh_integrity_check_linux",
            host,
            args,
            f,
            Path::new("/var/ossec"),
        )
        .unwrap()
    }

    #[test]
    fn builds_the_daemon_argv() {
        let i = inv("root@h", " /bin  /etc\t/sbin ", Flavour::Ossec);
        assert_eq!(i.argv(), ["root@h", "/bin", "/etc", "/sbin"]);
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
        let i = inv("use_su admin@db", "/etc", Flavour::Ossec);
        assert_eq!(i.argv(), ["use_su", "admin@db", "/etc"]);
        let i = inv("use_sudo admin@db", "", Flavour::Ossec);
        assert_eq!(i.argv(), ["use_sudo", "admin@db"]);
        assert_eq!(Invocation::probe_argv(), ["test", "test"]);
    }

    #[test]
    fn wazuh_splits_on_spaces_only() {
        assert_eq!(split_arguments("a\tb  c", true), ["a\tb", "c"]);
        assert_eq!(split_arguments("a\tb  c", false), ["a", "b", "c"]);
    }

    #[test]
    fn metacharacters_are_reported_and_kept() {
        let i = inv("root@h", "cat /etc/hosts; pwd", Flavour::Ossec);
        assert_eq!(i.args, ["cat", "/etc/hosts;", "pwd"]);
        assert!(i.warnings[0].contains("`;`"), "{:?}", i.warnings);
        assert!(i.warnings[0].contains("OSSEC server"));
        let i = inv("root@$(id)", "/etc", Flavour::Ossec);
        assert!(i.warnings.iter().any(|w| w.contains("`$`")));
        let i = inv("root@h", "/etc;", Flavour::Wazuh4);
        assert!(i.warnings[0].contains("{/etc;}"), "{:?}", i.warnings);
    }

    #[test]
    fn long_commands_are_reported_for_ossec() {
        let long = "/x".repeat(600);
        assert!(
            inv("root@h", &long, Flavour::Ossec)
                .warnings
                .iter()
                .any(|w| w.contains("1023"))
        );
    }

    #[test]
    fn script_type_must_be_a_file_name() {
        for bad in ["", "../bin/x", "a/b", ".."] {
            assert!(
                Invocation::from_entry(bad, "r@h", "", Flavour::Ossec, Path::new("/")).is_err()
            );
        }
    }

    #[test]
    fn display_quotes_odd_words() {
        let i = inv("root@h", "/etc;", Flavour::Ossec);
        assert_eq!(
            i.display(),
            "agentless/ssh_integrity_check_linux root@h '/etc;'"
        );
    }
}
