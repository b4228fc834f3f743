//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `generated`: completions and man pages are current.
//! - `test_script`: `test-script` runs real scripts as the daemon does (#6).
//! - `doctor`: `doctor` finds planted problems and `--fix` repairs them (#6).

mod util;

mod doctor;
mod generated;
mod test_script;
