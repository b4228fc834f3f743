//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `generated`: completions and man pages are current.

mod util;

mod generated;
// `scan` and `install-script`: engines, baselines, formats, forwarding, agentless mode.
mod scan;
