//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `generated`: completions and man pages are current.
//! - `passlist`: `register-host` and the `.passlist` / `.ssh/config` libraries (#3).

mod util;

mod generated;
mod passlist;
