//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `sshd`: a throwaway OpenSSH server on 127.0.0.1 and the test accounts (fixture).
//! - `generated`: completions and man pages are current.
//! - `config_fixtures`: every ossec.conf fixture round-trips, reads and edits exactly (#2).
//! - `config_props`: property tests: no panics on any bytes; accepted files round-trip (#2).
//! - `config_cli`: `config show/add/remove/validate` and `ossec-config` end to end (#2).
//! - `passlist`: `register-host` and the `.passlist` / `.ssh/config` libraries (#3).
//! - `ssh`: keygen, push-key and the SSH transport against that server (#4).
//! - `test_script`: `test-script` runs real scripts as the daemon does (#6).
//! - `doctor`: `doctor` finds planted problems and `--fix` repairs them (#6).
//! - `scan_ssh`: `scan` over SSH against the test sshd (#5).
//! - `scan`: `scan` and `install-script`: engines, baselines, formats, forwarding, agentless mode (#5).
//! - `readme`: the README's quick tour runs as written.
//! - `test_script_ssh`: an expect script logs into the test sshd with a `.passlist` password (#6).
//! - `ossecd`: the real OSSEC daemons of an existing installation (fixture).
//! - `scan_forward`: `scan --forward` / `--agentless` against the real analysisd and agentlessd (#11).

mod ossecd;
mod sshd;
mod util;

mod config_cli;
mod config_fixtures;
mod config_props;
mod doctor;
mod generated;
mod passlist;
mod readme;
mod scan;
mod scan_forward;
mod scan_ssh;
mod ssh;
mod test_script;
mod test_script_ssh;
