//! ossec-agentless: tooling for OSSEC HIDS and Wazuh 4.x agentless monitoring.
//!
//! This crate is the library behind the `ossec-agentless` and `ossec-config` binaries. Its API is
//! internal: there are no semver promises for it. It never prints: commands write to an
//! [`output::Output`] handed in by the binary, and every fallible function returns a typed error.
//!
//! # Public surface
//!
//! Only what is used from outside the library is public: what the two binaries call
//! ([`app::run`], [`app::run_ossec_config`], the [`cli`] types, [`output::Output`], [`exit`],
//! [`sanitize::message`]) and what the integration and fuzz tests (`tests/`) and the doc
//! examples (which compile outside the crate) drive directly: [`layout::Layout`],
//! the file formats' parsers and editors ([`config`], [`passlist`], [`sshconfig`], known_hosts,
//! the scan stream parser), the SSH transport, account lookups, and [`generate::render_all`].
//! Public types that only appear in those items' signatures (their errors, their results) are
//! public so that they can be named. Everything else is `pub(crate)` or private, and modules
//! nothing outside uses (`causes`, `diff`, `doctor`, `error`, `parallel`) are private, so that
//! rustc's `dead_code` lint reports whatever the crate itself no longer uses (a test,
//! `tests/integration/hygiene.rs`, fails on a `pub mod` nothing outside uses). Make an item
//! `pub` only when a binary or a test outside the library needs it, and say so in its doc when
//! only a test does; an item only unit tests use is `#[cfg(test)]`.
//!
//! # Layers
//!
//! The modules form layers, listed here from the bottom. A module uses only modules of its own
//! layer or of the layers below it, and no two modules use each other; a test
//! (`tests/integration/hygiene.rs`) reads this list and fails on any import upward or any cycle,
//! so a new module must be added here.
//!
//! 1. Files and formats:
//!    - [`fsutil`]: atomic writes, lock files, account lookups, owners, modes and permissions.
//!    - `causes`: an error with its causes on one line.
//!    - [`sanitize`]: escaping of outside text before it reaches a terminal.
//!    - [`secret`]: the one secret type (passwords), hidden from `Debug` and zeroized on drop.
//!    - [`host`]: the one host type, `USER@HOST[:PORT]`, parsed and checked in one place.
//!    - `parallel`: independent jobs on a few threads, results in input order.
//!    - [`textdiff`]: unified diffs for `--dry-run`.
//!    - [`layout`]: where things live under the OSSEC directory and which flavour is installed.
//!    - [`config`]: the ossec.conf dialect (lossless parse, typed `<agentless>` view, splicing edits).
//!    - [`passlist`]: the agentless `.passlist` credential file (plaintext and Wazuh base64).
//!    - [`sshconfig`]: `Host` blocks (ports) in the agentless user's `.ssh/config`.
//!    - [`protocol`]: the agentless script line protocol (`FWD:` records and friends).
//! 2. Transport and SSH:
//!    - [`transport`]: running a command on a host (the interface, its errors, and this machine).
//!    - [`ssh`]: the SSH transport, known_hosts, host-key policy, keygen and push-key.
//! 3. Operations:
//!    - [`script`]: running agentless scripts as `ossec-agentlessd` does, and explaining the result.
//!    - [`scan`]: integrity scans, baselines and reports.
//!    - `doctor`: checks of an agentless setup, and their repairs.
//!    - `diff`: command-output and network-device configuration monitoring.
//! 4. Commands:
//!    - [`cli`]: the clap definitions of both binaries' arguments (no logic).
//!    - [`app`]: the subcommands: each runs from its parsed [`cli`] arguments.
//!    - [`output`]: the user-facing streams the commands write to.
//!    - [`prompt`]: questions at the terminal (passwords, yes/no).
//!    - `error`: [`Error`], what a command reports when it cannot do its job.
//!    - [`exit`]: [`ExitCode`] 0 / 1 / 2.
//!    - [`generate`]: shell completions and man pages from the [`cli`] definitions.
//! 5. CLI: the binaries `ossec-agentless` (`src/main.rs`) and `ossec-config`
//!    (`src/bin/ossec-config.rs`) parse the command line, run [`app`] and print errors.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
mod causes;
// clap turns these doc comments into --help text, where <DIR>, <agentless> and [default: …]
// must appear literally; rustdoc would read them as HTML tags and links.
#[allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]
pub mod cli;
pub mod config;
mod diff;
mod doctor;
mod error;
pub mod exit;
pub mod fsutil;
pub mod generate;
pub mod host;
pub mod layout;
pub mod output;
mod parallel;
pub mod passlist;
pub mod prompt;
pub mod protocol;
pub mod sanitize;
pub mod scan;
pub mod script;
pub mod secret;
pub mod ssh;
pub mod sshconfig;
pub mod textdiff;
pub mod transport;

pub use error::Error;
pub use exit::ExitCode;
