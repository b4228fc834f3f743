//! The agentless user and group exist, and the user's home is the OSSEC directory (ssh looks
//! for keys and known_hosts in `<home>/.ssh`, which must be `<ossec-dir>/.ssh`).

use super::{Check, CheckResult, DoctorEnv};
use crate::layout::Flavour;

/// The agentless account.
#[derive(Debug, Default)]
pub(crate) struct AccountCheck;

const NAME: &str = "agentless user and group";

impl Check for AccountCheck {
    fn name(&self) -> &'static str {
        NAME
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let root = env.layout.root();
        let (user, group) = (&env.user, &env.group);
        let create = match env.install.flavour {
            Flavour::Wazuh4 | Flavour::Wazuh5 => {
                "reinstall the wazuh-manager package, which creates them".to_string()
            }
            _ => format!(
                "`groupadd -r {group} && useradd -r -g {group} -d {} -s /sbin/nologin {user}`",
                root.display()
            ),
        };
        let Some(account) = &env.account else {
            return CheckResult::problem(
                NAME,
                format!("the user '{user}' does not exist: the daemon cannot start"),
                create,
            );
        };
        if env.gid.is_none() {
            return CheckResult::problem(
                NAME,
                format!("the group '{group}' does not exist: the daemon cannot start"),
                create,
            );
        }
        if account.uid == 0 {
            return CheckResult::problem(
                NAME,
                format!("'{user}' is root: scripts would run with full privileges"),
                "run the daemon as its own unprivileged user (ossec, or wazuh on Wazuh)",
            );
        }
        let same = |a: &std::path::Path, b: &std::path::Path| {
            a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
        };
        if !same(&account.home, root) {
            return CheckResult::problem(
                NAME,
                format!(
                    "the home of '{user}' is {}, so ssh uses {}/.ssh and not {}/.ssh",
                    account.home.display(),
                    account.home.display(),
                    root.display()
                ),
                format!("`usermod -d {} {user}`", root.display()),
            );
        }
        CheckResult::ok(
            NAME,
            format!(
                "{user} (uid {}), group {group} (gid {}), home {}",
                account.uid,
                env.gid.unwrap_or_default(),
                account.home.display()
            ),
        )
    }
}
