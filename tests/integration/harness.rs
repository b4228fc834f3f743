//! The test harness of the integration tests (`harness = false` in Cargo.toml).
//!
//! Why not libtest: a test whose prerequisites are missing (no sshd, not root, no OSSEC
//! installation, …) must be reported as *ignored*, with its reason, and libtest can only ignore
//! a test at compile time. Here a test calls [`ignore`] (usually through a prerequisite helper
//! such as `sshd::account`, `Sshd::start` or `ossecd::installation`) and the harness reports it
//! as ignored, never as passed.
//!
//! Writing a test: a plain `fn name()` in a module of `tests/integration/`, listed in the
//! `crate::tests! { … }` block at the end of that module (there is no `#[test]` attribute here:
//! without libtest it would compile the function out, so [`self_check`] fails on one). A
//! function left out of the list is dead code, which `cargo clippy -- -D warnings` rejects; a
//! listed name that does not exist does not compile. New modules go into `test_modules!` in
//! `main.rs`.
//!
//! Output and options follow libtest, so `cargo test` reads the same: `test NAME ... ok`,
//! `ignored, REASON` and the closing `test result: ok. N passed; 0 failed; M ignored; 0 measured;
//! K filtered out; finished in …` line. Understood: `FILTER…`, `--exact`, `--skip F`, `--list`,
//! `--format pretty|terse`, `-q`, `--test-threads N` (or `RUST_TEST_THREADS`), `--nocapture`,
//! `--show-output`, `--include-ignored`, `--ignored`, `--color`. Output is not captured (test
//! code prints little; the commands they run are captured by `assert_cmd`), so `--nocapture`
//! changes nothing.
//!
//! With `CI` set, a missing prerequisite fails the test instead, so that CI cannot go green
//! without running everything.

use std::collections::BTreeMap;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

/// One test: the module it is in and its function.
pub struct Test {
    /// `module_path!()` of its module, e.g. `integration::scan`.
    pub module: &'static str,
    /// The function's name.
    pub name: &'static str,
    /// The function.
    pub run: fn(),
}

impl Test {
    /// `scan::name`, as libtest names it.
    pub fn full_name(&self) -> String {
        let module = self.module.split_once("::").map_or("", |(_, m)| m);
        if module.is_empty() {
            self.name.to_string()
        } else {
            format!("{module}::{}", self.name)
        }
    }
}

/// Lists the tests of a module: `crate::tests! { first_test, second_test }` at its end.
#[macro_export]
macro_rules! tests {
    ($($name:ident),* $(,)?) => {
        /// The tests of this module, in the order written.
        pub const TESTS: &[$crate::harness::Test] = &[$(
            $crate::harness::Test { module: module_path!(), name: stringify!($name), run: $name },
        )*];
    };
}

/// The panic payload of an ignored test.
struct Ignored(String);

/// Ends the current test as *ignored* because a prerequisite is missing (`reason` says which and
/// how to get it). With `CI` set the test fails instead.
pub fn ignore(reason: impl std::fmt::Display) -> ! {
    let reason = reason.to_string();
    if std::env::var_os("CI").is_some() {
        panic!("CI is set, so this test may not be ignored: {reason}");
    }
    // resume_unwind skips the panic hook: nothing is printed here, the harness reports it.
    resume_unwind(Box::new(Ignored(reason)))
}

/// Ends the current test as *ignored* even with `CI` set: for a prerequisite that no script of
/// this repository can provide on a fresh machine — a real OSSEC installation, which is built
/// from upstream's source outside the repository and never by it.
pub fn ignore_always(reason: impl std::fmt::Display) -> ! {
    resume_unwind(Box::new(Ignored(reason.to_string())))
}

enum Outcome {
    Passed,
    Failed(String),
    Ignored(String),
}

#[derive(Default)]
struct Options {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    terse: bool,
    threads: Option<usize>,
    only_ignored: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if a.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--exact" => o.exact = true,
            "--list" => o.list = true,
            "-q" | "--quiet" => o.terse = true,
            "--nocapture" | "--no-capture" | "--show-output" | "--include-ignored" | "--test" => {}
            "--ignored" => o.only_ignored = true,
            "--skip" => o.skip.push(value("--skip")?),
            "--color" => drop(value("--color")?),
            "--format" => match value("--format")?.as_str() {
                "pretty" => o.terse = false,
                "terse" => o.terse = true,
                other => return Err(format!("--format {other} is not supported here")),
            },
            "--test-threads" => {
                let v = value("--test-threads")?;
                let n: usize = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--test-threads: '{v}' is not a positive number"))?;
                o.threads = Some(n);
            }
            "-Z" => drop(value("-Z")?),
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ => o.filters.push(a),
        }
    }
    if o.threads.is_none()
        && let Ok(v) = std::env::var("RUST_TEST_THREADS")
    {
        o.threads = v.parse().ok().filter(|n| *n > 0);
    }
    Ok(o)
}

fn selected(o: &Options, name: &str) -> bool {
    let hit = |f: &String| {
        if o.exact {
            name == f
        } else {
            name.contains(f.as_str())
        }
    };
    // No test is ignored before it runs, so `--ignored` selects none.
    !o.only_ignored
        && (o.filters.is_empty() || o.filters.iter().any(hit))
        && !o.skip.iter().any(hit)
}

/// Runs the tests of `modules` as the command line asks; returns the exit status (101 when a
/// test failed, as libtest).
pub fn main(modules: &[&'static [Test]]) -> std::process::ExitCode {
    let start = Instant::now();
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(101);
        }
    };
    let mut all: Vec<(String, fn())> = modules
        .iter()
        .flat_map(|m| m.iter())
        .map(|t| (t.full_name(), t.run))
        .collect();
    all.push(("harness::self_check".to_string(), self_check));
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let total = all.len();
    let tests: Vec<(String, fn())> = all
        .into_iter()
        .filter(|(n, _)| selected(&opts, n))
        .collect();
    let filtered_out = total - tests.len();

    if opts.list {
        for (n, _) in &tests {
            println!("{n}: test");
        }
        if !opts.terse {
            println!("\n{} tests, 0 benchmarks", tests.len());
        }
        return std::process::ExitCode::SUCCESS;
    }

    let threads = opts
        .threads
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    println!(
        "\nrunning {} test{}",
        tests.len(),
        if tests.len() == 1 { "" } else { "s" }
    );
    let results = run_all(tests, threads, opts.terse);
    crate::accounts::remove_all();

    let mut passed = 0;
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut ignored: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, outcome) in results {
        match outcome {
            Outcome::Passed => passed += 1,
            Outcome::Failed(msg) => failed.push((name, msg)),
            Outcome::Ignored(why) => ignored.entry(why).or_default().push(name),
        }
    }
    let n_ignored: usize = ignored.values().map(Vec::len).sum();
    if opts.terse {
        println!();
    }
    if !ignored.is_empty() {
        println!("\nignored, because a prerequisite is missing:");
        for (why, names) in &ignored {
            println!("    {} test(s): {why}", names.len());
        }
    }
    if !failed.is_empty() {
        println!("\nfailures:\n");
        for (name, msg) in &failed {
            println!("---- {name} ----\n{msg}\n");
        }
        println!("failures:");
        for (name, _) in &failed {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {passed} passed; {} failed; {n_ignored} ignored; 0 measured; \
         {filtered_out} filtered out; finished in {:.2}s\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        failed.len(),
        start.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(101)
    }
}

/// Runs `tests` on up to `threads` threads at once, each in a thread named after its test (as
/// libtest, so panic messages name the test); prints each result as it comes.
fn run_all(tests: Vec<(String, fn())>, threads: usize, terse: bool) -> Vec<(String, Outcome)> {
    let (tx, rx) = mpsc::channel::<(String, Outcome)>();
    let mut queue = tests.into_iter();
    let mut running = 0;
    let mut results = Vec::new();
    let mut printed = 0usize;
    let total = queue.len();
    loop {
        while running < threads {
            let Some((name, run)) = queue.next() else {
                break;
            };
            let tx = tx.clone();
            let spawned = std::thread::Builder::new()
                .name(name.clone())
                .spawn(move || {
                    let outcome = match catch_unwind(AssertUnwindSafe(run)) {
                        Ok(()) => Outcome::Passed,
                        Err(p) => match p.downcast::<Ignored>() {
                            Ok(i) => Outcome::Ignored(i.0),
                            Err(p) => Outcome::Failed(panic_message(p.as_ref())),
                        },
                    };
                    let _ = tx.send((name, outcome));
                });
            if let Err(e) = spawned {
                eprintln!("error: cannot start a test thread: {e}");
                std::process::exit(101);
            }
            running += 1;
        }
        if running == 0 {
            break;
        }
        let (name, outcome) = rx.recv().expect("a test thread ended without a result");
        running -= 1;
        let mut out = std::io::stdout().lock();
        if terse {
            let c = match outcome {
                Outcome::Passed => '.',
                Outcome::Failed(_) => 'F',
                Outcome::Ignored(_) => 'i',
            };
            let _ = write!(out, "{c}");
            printed += 1;
            if printed.is_multiple_of(88) {
                let _ = writeln!(out, " {printed}/{total}");
            }
        } else {
            let verdict = match &outcome {
                Outcome::Passed => "ok".to_string(),
                Outcome::Failed(_) => "FAILED".to_string(),
                Outcome::Ignored(why) => format!("ignored, {why}"),
            };
            let _ = writeln!(out, "test {name} ... {verdict}");
        }
        let _ = out.flush();
        results.push((name, outcome));
    }
    results
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "the test panicked (no message)".to_string()
    }
}

/// Fails when a test would silently not run or silently pass: a `#[test]` attribute (compiled
/// out without libtest), a source file that `main.rs` does not declare, or a prerequisite
/// check that prints "skipped:"/"ignored:" and returns instead of calling [`ignore`].
fn self_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("read main.rs");
    let mut problems = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read tests/integration")
        .map(|e| e.expect("read tests/integration").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = file.trim_end_matches(".rs");
        let declared = main.lines().any(|l| {
            let l = l.trim();
            l == format!("mod {stem};") || l.trim_end_matches(',') == stem
        });
        if file != "main.rs" && !declared {
            problems.push(format!(
                "{file}: not declared in main.rs, so it is not compiled"
            ));
        }
        if file == "harness.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read a test source");
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            let at = format!("{file}:{}", i + 1);
            if t == "#[test]" || t.starts_with("#[test]") {
                problems.push(format!(
                    "{at}: #[test] is compiled out by this harness: list the function in the \
                     crate::tests! block at the end of the file instead"
                ));
            }
            for word in ["skipped:", "ignored:"] {
                if t.starts_with("eprintln!") && t.contains(&format!("\"{word}")) {
                    problems.push(format!(
                        "{at}: a missing prerequisite must call crate::harness::ignore(reason) \
                         (reported as ignored), not print '{word}' and return (reported as passed)"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
