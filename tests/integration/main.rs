//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `sshd`: a throwaway OpenSSH server on 127.0.0.1 and the test accounts (fixture).
//! - `generated`: completions and man pages are current.
//! - `config_fixtures`: every ossec.conf fixture (Latin-1 and other non-UTF-8 bytes, no final line
//!   break) round-trips, reads and edits exactly; add + remove is byte identity (#2, #12).
//! - `config_props`: property tests: no panics on any bytes; accepted files round-trip (#2).
//! - `config_cli`: `config show/add/remove/validate` and `ossec-config` end to end (#2); ossec.conf
//!   bytes through show/add/remove/validate, against the real `ossec-agentlessd` when
//!   `OA_OSSEC_DIR` is set (#12).
//! - `passlist`: `register-host` and the `.passlist` / `.ssh/config` libraries (#3).
//! - `ssh`: keygen, push-key and the SSH transport against that server (#4).
//! - `test_script`: `test-script` runs real scripts as the daemon does (#6).
//! - `doctor`: `doctor` finds planted problems and `--fix` repairs them (#6).
//! - `scan_hostile`: `scan` against a fake hostile host, a banner flood and forged names (#10).
//! - `scan_ssh`: `scan` over SSH against the test sshd (#5).
//! - `scan_service`: the packaged systemd units, and the service's command delivering to the queue (#15).
//! - `scan`: `scan` and `install-script`: engines, baselines, formats, forwarding, agentless mode (#5).
//! - `package`: the Debian package's version comes from CHANGELOG.md; the README's docs/ links (#15).
//! - `readme`: the README's quick tour runs as written.
//! - `ossecd`: the real OSSEC daemons (analysisd) for interop tests (fixture).
//! - `diff`: `diff` over SSH, a fake Cisco device, rule 555 in the real analysisd, agentless mode (#13).
//! - `test_script_ssh`: an expect script logs into the test sshd with a `.passlist` password (#6).
//! - `security`: root never acts through what a less-trusted user controls: planted links, the
//!   scripts' environment, executables run as root, state directories, one host verdict (#9).

mod ossecd;
mod sshd;
mod util;

mod config_cli;
mod config_fixtures;
mod config_props;
mod diff;
mod doctor;
mod generated;
mod package;
mod passlist;
mod readme;
mod scan;
mod scan_hostile;
mod scan_service;
mod scan_ssh;
mod security;
mod ssh;
mod test_script;
mod test_script_ssh;
