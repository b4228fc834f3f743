//! One integration-test binary for the whole package (`autotests = false`), run by its own
//! harness (`harness = false`): see `harness` for why and how to add a test.
//!
//! Support modules:
//! - `harness`: runs the tests; a test whose prerequisites are missing is reported as ignored.
//! - `accounts`: throwaway test accounts for the SSH tests, created as root and removed at exit.
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `sshd`: a throwaway OpenSSH server on 127.0.0.1 and the test accounts (fixture).
//!
//! Test modules:
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
//! - `hygiene`: every dependency is used; modules import only from their layer or below.
//! - `readme`: the README's quick tour runs as written.
//! - `test_script_ssh`: an expect script logs into the test sshd with a `.passlist` password (#6).

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
    config_cli,
    config_fixtures,
    config_props,
    doctor,
    generated,
    hygiene,
    passlist,
    readme,
    scan,
    scan_ssh,
    ssh,
    test_script,
    test_script_ssh,
}
