//! Fuzzing on stable Rust (#10): property tests over every parser of untrusted input — the
//! scan stream from a host, FWD lines, known_hosts, `.passlist`, ossec.conf and the ssh config.
//!
//! Each harness mixes the format's own pieces (so cases reach deep states) with random bytes,
//! and checks: no panic; memory stays linear in the input (a counting allocator measures the
//! peak of every parse); and what the format promises (the scan stream parses the same however
//! it is split into chunks, stays under a fixed bound with small limits whatever arrives; an
//! ssh config and a FWD line print back exactly; an ossec.conf error stays short).
//!
//! Cases per harness: `OA_FUZZ_CASES` (default 256, what CI runs); run much longer by hand with
//! e.g. `OA_FUZZ_CASES=200000 cargo test --release --test fuzz`. See docs/fuzzing.md.

use ossec_agentless::config::ConfigFile;
use ossec_agentless::passlist::{Form, Passlist};
use ossec_agentless::protocol::Line;
use ossec_agentless::scan::script::roots;
use ossec_agentless::scan::stream::{StreamLimits, StreamParser};
use ossec_agentless::ssh::known_hosts::KnownHosts;
use ossec_agentless::sshconfig::SshConfig;
use proptest::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

/// Counts the bytes live on each thread and their peak, so one parse can be measured.
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grew(n: usize) {
    let _ = LIVE.try_with(|l| {
        let now = l.get() + n;
        l.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

fn shrank(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
}

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its result and the most bytes it had allocated at once (this thread).
fn peak_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let r = f();
    (r, PEAK.with(Cell::get).saturating_sub(base))
}

/// Memory a parse may use: linear in its input.
fn linear(input: usize, per_byte: usize) -> usize {
    64 * 1024 + per_byte * input
}

fn cases() -> u32 {
    std::env::var("OA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Joins pieces drawn from `piece`, up to `max` of them.
fn pieces(
    piece: impl Strategy<Value = Vec<u8>> + 'static,
    max: usize,
) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

fn lit(s: &'static [u8]) -> BoxedStrategy<Vec<u8>> {
    Just(s.to_vec()).boxed()
}

/// Pieces of the scan script's output.
fn stream_piece() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        lit(b"OSSEC-SCAN 1 gnu\n"),
        lit(b"OSSEC-SCAN 1 busybox\n"),
        lit(b"ERR no md5sum\n"),
        lit(b"/r\0"),
        lit(b"/r/a\0"),
        lit(b"/r/a\nb\0"),
        lit(b"/r/../etc/x\0"),
        lit(b"/etc/shadow\0"),
        lit(b"\0"),
        lit(b"dffulDov"),
        lit(b"0 0 0 81a4 /r/a\n"),
        lit(b"3 0 0 tf644 /r/a\nb\n"),
        lit(b"9 0 0 a1ff /r/a\n"),
        lit(b"d41d8cd98f00b204e9800998ecf8427e  /r/a\n"),
        lit(b"\\d41d8cd98f00b204e9800998ecf8427e  /r/a\\nb\n"),
        lit(b"da39a3ee5e6b4b0d3255bfef95601890afd80709 */r/a\n"),
        lit(b"END\n"),
        "[0-9a-f /r\\\\\n\0]{0,12}"
            .prop_map(String::into_bytes)
            .boxed(),
        bytes(16).boxed(),
    ]
    .boxed()
}

fn parse_stream(data: &[u8], chunk: usize, limits: StreamLimits) -> Result<String, String> {
    let mut p = StreamParser::with_limits(limits);
    for c in data.chunks(chunk.max(1)) {
        p.feed(c).map_err(|e| format!("{e:?}"))?;
    }
    let r = p
        .finish(&roots(&["/r"]).unwrap())
        .map_err(|e| format!("{e:?}"))?;
    Ok(format!("{:?} {:?}", r.records, r.problems))
}

#[test]
fn the_allocator_measures_a_parse() {
    let (_, peak) = peak_during(|| vec![0u8; 1 << 20]);
    assert!(peak >= 1 << 20, "{peak}");
    // An honest stream of 10,000 paths keeps them all: the measure sees it.
    let mut data = b"OSSEC-SCAN 1 gnu\n/r\0".to_vec();
    for i in 0..10_000 {
        data.extend_from_slice(format!("/r/{i:05}\0").as_bytes());
    }
    let (_, peak) = peak_during(|| {
        let mut p = StreamParser::new();
        p.feed(&data).unwrap();
        p
    });
    assert!(peak > 10_000 * 8, "{peak}");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn scan_stream(data in pieces(stream_piece(), 60), chunk in 1usize..64) {
        let limits = StreamLimits::default();
        let (whole, peak) = peak_during(|| parse_stream(&data, data.len(), limits));
        prop_assert!(peak <= linear(data.len(), 256), "{peak} bytes for {}", data.len());
        // However the bytes arrive, the result is the same.
        let split = parse_stream(&data, chunk, limits);
        match (&whole, &split) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "whole {whole:?} but split {split:?}"),
        }
    }

    #[test]
    fn scan_stream_flood_stays_under_a_fixed_bound(
        head in pieces(stream_piece(), 8),
        unit in pieces(stream_piece(), 6),
        chunk in 1usize..4096,
    ) {
        // Whatever a host repeats, with small limits the parser's memory has a fixed bound.
        let limits = StreamLimits { max_path: 512, max_records: 2000, max_section_bytes: 1 << 20 };
        let unit = if unit.is_empty() { b"/r/x\0".to_vec() } else { unit };
        let mut data = head;
        while data.len() < (2 << 20) {
            data.extend_from_slice(&unit);
        }
        let (_, peak) = peak_during(|| {
            let mut p = StreamParser::with_limits(limits);
            for c in data.chunks(chunk) {
                if p.feed(c).is_err() {
                    break;
                }
            }
        });
        prop_assert!(peak < 2 << 20, "{peak} bytes");
    }

    #[test]
    fn fwd_lines(line in prop_oneof![
        pieces(prop_oneof![
            lit(b"FWD: "), lit(b"INFO: "), lit(b"ERROR: "), lit(b"STORE: "),
            lit(b"1234:"), lit(b"644:"), lit(b"rw-r--r--:"), lit(b"0:0:"),
            lit(b"d41d8cd98f00b204e9800998ecf8427e:"),
            lit(b"da39a3ee5e6b4b0d3255bfef95601890afd80709 "),
            lit(b"/etc/passwd"), lit(b"-1 /gone"), lit(b"\r"), lit(b" "), lit(b":"),
            bytes(8).boxed(),
        ], 16),
        bytes(200),
    ]) {
        let (parsed, peak) = peak_during(|| Line::parse(&line));
        prop_assert!(peak <= linear(line.len(), 8));
        if let Ok(l) = parsed {
            // A line we accept prints back to one that parses the same.
            prop_assert_eq!(Line::parse(&l.to_bytes()).ok(), Some(l));
        }
    }

    #[test]
    fn known_hosts(text in pieces(prop_oneof![
        lit(b"host "), lit(b"[127.0.0.1]:2222 "), lit(b"h1,h2,!h3,*.example "),
        lit(b"|1|c2FsdHNhbHQ=|aGFzaGhhc2hoYXNoaGFzaA== "), lit(b"@revoked "),
        lit(b"@cert-authority "), lit(b"ssh-ed25519 "), lit(b"ssh-rsa "),
        lit(b"ecdsa-sha2-nistp256 "),
        lit(b"AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"),
        lit(b" comment"), lit(b"\n"), lit(b"#"), lit(b"\t"), lit(b"?"), lit(b"*"),
        bytes(12).boxed(),
    ], 40)) {
        let text = String::from_utf8_lossy(&text).into_owned();
        let (kh, peak) = peak_during(|| {
            let kh = KnownHosts::parse(&text);
            let _ = kh.algorithm_preference("host", 22, &["ssh-ed25519", "ssh-rsa"]);
            let _ = kh.check("127.0.0.1", 2222, b"\0\0\0\x0bssh-ed25519");
            let _ = kh.entries_for("h1", 22).count();
            kh
        });
        prop_assert!(peak <= linear(text.len(), 64), "{peak} bytes for {}", text.len());
        prop_assert!(kh.skipped_lines().len() <= text.lines().count());
    }

    #[test]
    fn passlist(raw in prop_oneof![
        pieces(prop_oneof![
            lit(b"root@host|secret\n"), lit(b"u@h|NOPASS\n"), lit(b"u@h|p|additional\n"),
            lit(b"|"), lit(b"@"), lit(b"\n"), lit(b"\r\n"), lit(b"#"),
            lit(b"cm9vdEBob3N0fHNlY3JldAo="), bytes(10).boxed(),
        ], 30),
        bytes(300),
    ], form in prop_oneof![Just(Form::Plaintext), Just(Form::Base64)]) {
        let (p, peak) = peak_during(|| {
            let p = Passlist::parse(&raw, form);
            let _ = p.lookup("root@host");
            let _ = p.entries();
            let _ = p.problems();
            p
        });
        prop_assert!(peak <= linear(raw.len(), 64), "{peak} bytes for {}", raw.len());
        // What was read is written back exactly.
        let again = Passlist::parse(&p.to_bytes(), form);
        prop_assert_eq!(again.content(), p.content());
    }

    #[test]
    fn ossec_conf(raw in prop_oneof![
        pieces(prop_oneof![
            lit(b"<ossec_config>"), lit(b"</ossec_config>"), lit(b"<agentless>"),
            lit(b"</agentless>"), lit(b"<type>ssh_integrity_check_linux</type>"),
            lit(b"<host>root@h</host>"), lit(b"<arguments>/etc</arguments>"),
            lit(b"<!-- c -->"), lit(b"<a x='1'/>"), lit(b"\n"), lit(b"<"), lit(b">"),
            bytes(10).boxed(),
        ], 40),
        bytes(400),
    ], long_line in 0usize..20000) {
        // Sometimes one very long line: the error must stay short all the same.
        let mut raw = raw;
        raw.extend(std::iter::repeat_n(b'x', long_line));
        raw.push(b'<');
        let len = raw.len();
        let (parsed, peak) = peak_during(|| ConfigFile::from_bytes(Path::new("ossec.conf"), raw));
        prop_assert!(peak <= linear(len, 64), "{peak} bytes for {len}");
        if let Err(e) = parsed {
            let shown = e.to_string();
            prop_assert!(shown.len() < 2000, "{} bytes of error", shown.len());
        }
    }

    #[test]
    fn ssh_config(raw in prop_oneof![
        pieces(prop_oneof![
            lit(b"Host web1\n"), lit(b"Host *\n"), lit(b"  Port 2222\n"), lit(b"Port=22\n"),
            lit(b"Match all\n"), lit(b"  HostName x\n"), lit(b"\t"), lit(b"#"), lit(b"\""),
            lit(b"\n"), lit(b"\r\n"), bytes(10).boxed(),
        ], 40),
        bytes(300),
    ]) {
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (cfg, peak) = peak_during(|| {
            let cfg = SshConfig::parse(&text);
            let _ = cfg.port_for("web1");
            cfg
        });
        prop_assert!(peak <= linear(text.len(), 64), "{peak} bytes for {}", text.len());
        prop_assert_eq!(cfg.text(), text);
    }
}
