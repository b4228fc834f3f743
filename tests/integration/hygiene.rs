//! Project hygiene that the compiler does not check: every dependency in Cargo.toml is used,
//! and the library's modules import only from their own layer or the layers below (the map is
//! in `src/lib.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The source text without `//` comments (doc comments included), so that prose does not count.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate names a package is imported as, where it differs from the package name.
const LIB_NAMES: &[(&str, &str)] = &[("md-5", "md5")];

/// `(section, package)` for every dependency declared in Cargo.toml.
fn declared_dependencies() -> Vec<(String, String)> {
    let toml = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let mut section = String::new();
    let mut deps = Vec::new();
    for line in toml.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            section = h.trim_matches(|c| c == '[' || c == ']').to_string();
            // `[dependencies.name]` tables.
            for kind in ["dependencies", "dev-dependencies", "build-dependencies"] {
                if let Some(name) = section.strip_prefix(&format!("{kind}.")) {
                    deps.push((kind.to_string(), name.to_string()));
                }
            }
            continue;
        }
        let kind = section.rsplit('.').next().unwrap_or("");
        if !["dependencies", "dev-dependencies", "build-dependencies"].contains(&kind) {
            continue;
        }
        if let Some((name, _)) = t.split_once('=')
            && !t.starts_with('#')
        {
            let name = name.trim().split('.').next().unwrap().trim();
            deps.push((kind.to_string(), name.to_string()));
        }
    }
    deps
}

/// True when `code` uses crate `ident` as a path (`ident::…`), a macro (`ident!`) or in a `use`.
fn uses_crate(code: &str, ident: &str) -> bool {
    code.match_indices(ident).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = &code[i + ident.len()..];
        let starts_path = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        starts_path
            && (after.starts_with("::")
                || after.starts_with('!')
                || (code[..i].ends_with("use ") && after.starts_with([';', ' '])))
    })
}

fn every_dependency_is_used() {
    let src: Vec<String> = rust_files(&repo().join("src"))
        .iter()
        .map(|p| code_of(p))
        .collect();
    let mut anywhere = src.clone();
    for dir in ["tests", "benches", "examples"] {
        anywhere.extend(rust_files(&repo().join(dir)).iter().map(|p| code_of(p)));
    }
    let build: Vec<String> = [repo().join("build.rs")]
        .iter()
        .filter(|p| p.exists())
        .map(|p| code_of(p))
        .collect();
    let deps = declared_dependencies();
    assert!(
        deps.iter().any(|(_, n)| n == "clap") && deps.iter().any(|(_, n)| n == "assert_cmd"),
        "the Cargo.toml reader found too little: {deps:?}"
    );
    let mut unused = Vec::new();
    for (kind, name) in &deps {
        let ident = LIB_NAMES
            .iter()
            .find(|(pkg, _)| pkg == name)
            .map_or_else(|| name.replace('-', "_"), |(_, lib)| lib.to_string());
        let files = match kind.as_str() {
            "dependencies" => &src,
            "build-dependencies" => &build,
            _ => &anywhere,
        };
        if !files.iter().any(|code| uses_crate(code, &ident)) {
            unused.push(format!("[{kind}] {name} (as `{ident}`)"));
        }
    }
    assert!(
        unused.is_empty(),
        "declared in Cargo.toml but never used (remove them, or add the crate name to LIB_NAMES \
         here if it is imported under another name):\n  {}",
        unused.join("\n  ")
    );
}

fn the_unused_dependency_check_finds_a_crate_by_path_macro_or_use() {
    assert!(uses_crate("let x = serde_json::json!(1);", "serde_json"));
    assert!(uses_crate("proptest! { }", "proptest"));
    assert!(uses_crate("use zeroize;", "zeroize"));
    assert!(!uses_crate("let a = my_serde_json::x;", "serde_json"));
    assert!(!uses_crate("crate::md5::x", "md5"));
    assert!(!uses_crate("let md5 = 1;", "md5"));
}

crate::tests! {
    every_dependency_is_used,
    the_unused_dependency_check_finds_a_crate_by_path_macro_or_use,
}
