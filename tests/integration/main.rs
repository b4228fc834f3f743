//! One integration-test binary for the whole package (`autotests = false`).
//!
//! Modules:
//! - `util`: the `TestEnv` builder (temp OSSEC layout, command runner, diffed asserts).
//! - `generated`: completions and man pages are current.
//! - `sshd`: a throwaway OpenSSH server on 127.0.0.1 and the test accounts (fixture).
//! - `ssh`: keygen, push-key and the SSH transport against that server (#4).

mod util;

mod generated;
mod ssh;
mod sshd;
