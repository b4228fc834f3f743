//! `expect` must be installed: every stock script is an expect script (`#!/usr/bin/env expect`).

use super::{Check, CheckResult, DoctorEnv};
use crate::script::which;

/// `expect` in PATH.
#[derive(Debug, Default)]
pub(crate) struct ExpectCheck;

const NAME: &str = "expect installed";

impl Check for ExpectCheck {
    fn name(&self) -> &'static str {
        NAME
    }

    fn run(&self, _env: &DoctorEnv) -> CheckResult {
        match which("expect") {
            Some(p) => CheckResult::ok(NAME, format!("{}", p.display())),
            None => CheckResult::problem(
                NAME,
                "expect is not in PATH: every stock script fails its startup test with status \
                 127 (\"Expect command not found\")",
                "`apt-get install expect` (Debian, Ubuntu) or `dnf install expect` (RHEL, \
                 Fedora), then restart OSSEC",
            ),
        }
    }
}
