//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `generated`: completions and man pages are current.
//! - `config_fixtures`: every ossec.conf fixture round-trips, reads and edits exactly.
//! - `config_props`: property tests: no panics on any bytes; accepted files round-trip.
//! - `config_cli`: `config show/add/remove/validate` and `ossec-config` end to end.
//! - `passlist`: `register-host` and the `.passlist` / `.ssh/config` libraries (#3).
//! - `sshd`: a throwaway OpenSSH server on 127.0.0.1 and the test accounts (fixture).
//! - `ssh`: keygen, push-key and the SSH transport against that server (#4).

mod util;

mod config_cli;
mod config_fixtures;
mod config_props;
mod generated;
mod passlist;
mod ssh;
mod sshd;
