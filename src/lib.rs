//! ossec-agentless: tooling for OSSEC HIDS and Wazuh 4.x agentless monitoring.
//!
//! This crate is the library behind the `ossec-agentless` and `ossec-config` binaries. Its API is
//! internal: there are no semver promises for it. It never prints: commands write to an
//! [`output::Output`] handed in by the binary, and every fallible function returns a typed error.
//!
//! Modules:
//! - [`config`]: the ossec.conf dialect (lossless parse, typed `<agentless>` view, splicing edits).
//! - [`fsutil`]: atomic writes, lock files, owners and modes.
//! - [`layout`]: where things live under the OSSEC directory and which flavour is installed.
//! - [`sshconfig`]: `Host` blocks (ports) in the agentless user's `.ssh/config`.
//! - [`passlist`]: the agentless `.passlist` credential file (plaintext and Wazuh base64).
//! - [`ssh`]: SSH transport, known_hosts, host-key policy, keygen and push-key.
//! - [`protocol`]: the agentless script line protocol (`FWD:` records and friends).
//! - [`scan`]: integrity scans, baselines and reports.
//! - [`diff`]: command-output and network-device configuration monitoring.
//! - [`parallel`]: independent jobs on a few threads, results in input order.
//! - [`app`]: the subcommands, driven by [`cli::Cli`].
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
// clap turns these doc comments into --help text, where <DIR>, <agentless> and [default: …]
// must appear literally; rustdoc would read them as HTML tags and links.
#[allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]
pub mod cli;
pub mod config;
pub mod diff;
pub mod doctor;
pub mod error;
pub mod exit;
pub mod fsutil;
pub mod generate;
pub mod host;
pub mod layout;
pub mod output;
pub mod parallel;
pub mod passlist;
pub mod prompt;
pub mod protocol;
pub mod sanitize;
pub mod scan;
pub mod script;
pub mod ssh;
pub mod sshconfig;
pub mod textdiff;
pub mod transport;

pub use error::Error;
pub use exit::ExitCode;
