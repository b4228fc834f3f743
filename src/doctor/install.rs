//! Which product is installed, and whether it still supports agentless monitoring.

use super::{Check, CheckResult, DoctorEnv};
use crate::layout::Flavour;

/// Flavour and version.
#[derive(Debug, Default)]
pub(crate) struct InstallCheck;

const NAME: &str = "installation";

impl Check for InstallCheck {
    fn name(&self) -> &'static str {
        NAME
    }

    fn run(&self, env: &DoctorEnv) -> CheckResult {
        let i = &env.install;
        let version = i.version.as_deref().unwrap_or("version unknown");
        let root = env.layout.root().display();
        match i.flavour {
            Flavour::Unknown => CheckResult::problem(
                NAME,
                format!(
                    "no OSSEC or Wazuh installation recognised in {root} (none of \
                     bin/ossec-agentlessd, bin/wazuh-agentlessd, bin/ossec-control, \
                     etc/ossec-init.conf)"
                ),
                "point --ossec-dir (or OSSEC_DIR) at the installation directory",
            ),
            Flavour::Wazuh5 => CheckResult::problem(
                NAME,
                format!("Wazuh 5.x ({version}) in {root}: agentless monitoring was removed"),
                "keep agentless hosts on a Wazuh 4.x manager, or move them to agents \
                 (Wazuh's agentless-4x-to-5x migration guide)",
            ),
            f => CheckResult::ok(NAME, format!("{f} ({version}) in {root}")),
        }
    }
}
