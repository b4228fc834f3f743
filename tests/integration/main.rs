//! One integration-test binary for the whole package (`autotests = false`), run by its own
//! harness (`harness = false`): see `harness` for why and how to add a test.
//!
//! Support modules:
//! - `harness`: runs the tests; a test whose prerequisites are missing is reported as ignored.
//! - `accounts`: throwaway test accounts for the SSH tests, created as root and removed at exit.
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `sshd`: a throwaway OpenSSH server on 127.0.0.1 and the test accounts (fixture).
//! - `ossecd`: the real OSSEC daemons (analysisd, agentlessd) for interop tests (fixture).
//!
//! Test modules:
//! - `generated`: completions and man pages are current.
//! - `config_fixtures`: every ossec.conf fixture (Latin-1 and other non-UTF-8 bytes, no final line
//!   break) round-trips, reads and edits exactly; add + remove is byte identity (#2, #12).
//! - `config_props`: property tests: no panics on any bytes; accepted files round-trip (#2).
//! - `config`: `config show/add/remove/validate` and `ossec-config` end to end (#2); ossec.conf
//!   bytes through show/add/remove/validate, against the real `ossec-agentlessd` (#12).
//! - `register_host`: `register-host` and the `.passlist` / `.ssh/config` libraries (#3).
//! - `keygen`: `keygen` against that server (#4).
//! - `push_key`: `push-key` against that server: host-key policies, passwords, accounts (#4).
//! - `ssh_transport`: the SSH transport the commands run on, against that server (#4).
//! - `test_script`: `test-script` runs real scripts as the daemon does (#6).
//! - `doctor`: `doctor` finds planted problems and `--fix` repairs them (#6).
//! - `scan_hostile`: `scan` against a fake hostile host, a banner flood and forged names (#10).
//! - `scan_ssh`: `scan` over SSH against the test sshd (#5).
//! - `scan_service`: the packaged systemd units, and the service's command delivering to the queue (#15).
//! - `scan`: `scan`: engines, baselines, formats, forwarding, agentless mode (#5).
//! - `install_script`: `install-script` and the wrapper it installs, run as the daemon runs it (#5).
//! - `hygiene`: every dependency is used; modules import only from their layer or below.
//! - `package`: the Debian package's version comes from CHANGELOG.md; the README's docs/ links (#15).
//! - `readme`: the README's quick tour runs as written.
//! - `diff`: `diff` over SSH, a fake Cisco device, rule 555 in the real analysisd, agentless mode (#13).
//! - `security`: root never acts through what a less-trusted user controls: planted links, the
//!   scripts' environment, executables run as root, state directories, one host verdict (#9).
//! - `test_script_ssh`: an expect script logs into the test sshd with a `.passlist` password (#6).
//! - `scan_forward`: `scan --forward` / `--agentless` against the real analysisd and agentlessd (#11).

mod accounts;
mod harness;
mod sshd;
mod util;

/// Declares the test modules and runs the tests each lists in its `crate::tests!` block.
macro_rules! test_modules {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*

        fn main() -> std::process::ExitCode {
            harness::main(&[$($module::TESTS),*])
        }
    };
}

test_modules! {
    config,
    config_fixtures,
    config_props,
    diff,
    doctor,
    generated,
    hygiene,
    install_script,
    keygen,
    ossecd,
    package,
    push_key,
    readme,
    register_host,
    scan,
    scan_forward,
    scan_hostile,
    scan_service,
    scan_ssh,
    security,
    ssh_transport,
    test_script,
    test_script_ssh,
}
