//! Project hygiene that the compiler does not check: every dependency in Cargo.toml is used;
//! the library's modules import only from their own layer or the layers below (the map is in
//! `src/lib.rs`); a public module is used outside the library; comments cite no document that
//! is not in the repository.

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

/// The layers as `src/lib.rs` lists them: `N. Name:` lines, each followed by its modules as
/// ``- [`module`]: …`` items (``- `module`: …`` for a private module, which rustdoc cannot link
/// from the public crate docs). Index 0 is the bottom.
fn layers_from_lib_docs(lib: &str) -> Vec<(String, Vec<String>)> {
    let mut layers: Vec<(String, Vec<String>)> = Vec::new();
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            continue;
        };
        let t = doc.trim();
        if let Some((num, rest)) = t.split_once(". ")
            && num.parse::<usize>() == Ok(layers.len() + 1)
        {
            let name = rest.split(':').next().unwrap().to_string();
            layers.push((name, Vec::new()));
        } else if let Some(item) = t.strip_prefix("- [`").or_else(|| t.strip_prefix("- `"))
            && let Some((module, _)) = item.split_once('`')
            && let Some(last) = layers.last_mut()
        {
            last.1.push(module.to_string());
        }
    }
    layers
}

/// The library's top-level modules, from `mod`/`pub(crate) mod`/`pub mod` lines in lib.rs.
fn declared_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            let t = l.trim();
            let t = t.strip_prefix("pub ").or_else(|| t.strip_prefix("pub(crate) ")).unwrap_or(t);
            t.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// The library's public top-level modules, from `pub mod` lines in lib.rs.
fn public_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            let t = l.trim().strip_prefix("pub mod ")?;
            t.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// Root re-exports (`pub use module::Item;` in lib.rs): `crate::Item` means that module.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for l in lib.lines() {
        if let Some(path) = l.trim().strip_prefix("pub use ").and_then(|p| p.strip_suffix(';'))
            && let Some((module, item)) = path.split_once("::")
        {
            let item = item.rsplit("::").next().unwrap();
            m.insert(item.to_string(), module.to_string());
        }
    }
    m
}

/// The first path segment of every `crate::…` path in `code`, with its line; a group
/// `crate::{a, b::c}` gives `a` and `b`. (Paths between top-level modules are written
/// `crate::…` in this code base; `super::` is used only inside a module.)
fn crate_paths(code: &str) -> Vec<(String, usize)> {
    prefixed_paths(code, "crate::")
}

/// The first path segment of every `<prefix>…` path in `code` (`prefix` ends in `::`), with its
/// line; a group `<prefix>{a, b::c}` gives `a` and `b`.
fn prefixed_paths(code: &str, prefix: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let line = code[..i].matches('\n').count() + 1;
            let rest = &code[i + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // Top-level items of the group (nested groups belong to their item).
                let mut depth = 0;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.push((first_segment(&item), line));
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        item.push(c);
                    }
                }
                out.push((first_segment(&item), line));
            } else {
                out.push((first_segment(rest), line));
            }
        }
    }
    out.retain(|(s, _)| !s.is_empty() && s != "self" && s != "super");
    out
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// `(from, to, where)` for every use of one top-level module by another.
fn module_uses(src: &Path, lib: &str) -> Vec<(String, String, String)> {
    let reexports = root_reexports(lib);
    let mut uses = Vec::new();
    for path in rust_files(src) {
        let rel = path.strip_prefix(src).unwrap();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if parts[0] == "lib" || parts[0] == "main" || parts[0] == "bin" {
            continue; // the crate root, and the binaries at the top
        }
        let from = parts[0].clone();
        for (seg, line) in crate_paths(&code_of(&path)) {
            let to = reexports.get(&seg).cloned().unwrap_or(seg);
            if to != from {
                uses.push((from.clone(), to, format!("src/{}:{line}", rel.display())));
            }
        }
    }
    uses
}

/// The upward uses and the cycles in `uses`, given the layers.
fn layer_violations(
    layers: &[(String, Vec<String>)],
    uses: &[(String, String, String)],
) -> Vec<String> {
    let layer_of = |m: &str| layers.iter().position(|(_, ms)| ms.iter().any(|x| x == m));
    let mut problems = Vec::new();
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to, at) in uses {
        match (layer_of(from), layer_of(to)) {
            (Some(a), Some(b)) if b > a => problems.push(format!(
                "{at}: `{from}` ({}) uses `{to}` ({}), a layer above it",
                layers[a].0, layers[b].0
            )),
            (None, _) => problems.push(format!("{at}: `{from}` is in no layer of lib.rs")),
            (_, None) => problems.push(format!("{at}: `{to}` is in no layer of lib.rs")),
            _ => {}
        }
        edges.entry(from).or_default().insert(to);
    }
    // Cycles: a module that reaches itself.
    let mut cyclic = BTreeSet::new();
    for &start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = edges[start].iter().copied().collect();
        while let Some(m) = stack.pop() {
            if m == start {
                cyclic.insert(start);
                break;
            }
            if seen.insert(m) {
                stack.extend(edges.get(m).into_iter().flatten().copied());
            }
        }
    }
    if !cyclic.is_empty() {
        let names: Vec<&str> = cyclic.into_iter().collect();
        problems.push(format!("modules that use each other (a cycle): {}", names.join(", ")));
    }
    problems
}

fn modules_use_only_their_layer_and_below() {
    let src = repo().join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let layers = layers_from_lib_docs(&lib);
    let names: Vec<&str> = layers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Files and formats",
            "Transport and SSH",
            "Operations",
            "Commands",
            "CLI"
        ],
        "the layer list in src/lib.rs"
    );
    let listed: Vec<&String> = layers.iter().flat_map(|(_, ms)| ms).collect();
    let listed_set: BTreeSet<String> = listed.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed.len(), listed_set.len(), "a module listed twice in src/lib.rs");
    assert_eq!(
        listed_set,
        declared_modules(&lib),
        "src/lib.rs: the layer list and the `mod` lines must name the same modules"
    );
    let uses = module_uses(&src, &lib);
    assert!(uses.len() > 50, "too few module uses found: {uses:?}");
    let problems = layer_violations(&layers, &uses);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// A module is public only when a binary or a test outside the library uses it (the rule in
/// `src/lib.rs`), so that rustc's dead-code lint sees everything else.
fn public_modules_are_used_outside_the_library() {
    let lib = std::fs::read_to_string(repo().join("src/lib.rs")).unwrap();
    let mut outside = rust_files(&repo().join("tests"));
    outside.extend(rust_files(&repo().join("src/bin")));
    outside.push(repo().join("src/main.rs"));
    let used: BTreeSet<String> = outside
        .iter()
        .flat_map(|p| prefixed_paths(&code_of(p), "ossec_agentless::"))
        .map(|(seg, _)| seg)
        .collect();
    let public = public_modules(&lib);
    assert!(public.len() > 5, "too few `pub mod` lines found in src/lib.rs: {public:?}");
    let unused: Vec<&String> = public.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "src/lib.rs: nothing outside the library uses these public modules; make them `mod`: \
         {unused:?}"
    );
}

fn the_public_module_check_reads_paths_and_groups() {
    let code = "use my_lib::{a, b::c};\nfn f() { my_lib::d::e(); other::my_lib::x(); }";
    let segs: Vec<String> = prefixed_paths(code, "my_lib::").into_iter().map(|(s, _)| s).collect();
    assert_eq!(segs, ["a", "b", "d"]);
    let lib = "pub mod a;\nmod b;\npub(crate) mod c;\n#[allow(x)]\npub mod d;";
    assert_eq!(public_modules(lib), ["a".to_string(), "d".to_string()].into());
    assert_eq!(declared_modules(lib).len(), 4);
}

fn the_layer_check_finds_upward_uses_and_cycles() {
    let layers = vec![
        ("Low".to_string(), vec!["fsutil".to_string(), "layout".to_string()]),
        ("High".to_string(), vec!["app".to_string()]),
    ];
    let code = "use crate::{layout, app::run};\nfn f() { crate::app::x(); my_crate::app::y(); }";
    let found: Vec<(String, usize)> = crate_paths(code);
    let names: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(names, ["layout", "app", "app"]);
    let uses: Vec<(String, String, String)> = [("fsutil", "app"), ("fsutil", "layout"), ("layout", "fsutil")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string(), "x.rs:1".to_string()))
        .collect();
    let problems = layer_violations(&layers, &uses);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("`fsutil` (Low) uses `app` (High)"), "{problems:?}");
    assert!(problems[1].contains("a cycle): fsutil, layout"), "{problems:?}");
    let ok = layer_violations(&layers, &uses[2..]);
    assert!(ok.is_empty(), "{ok:?}");
}

/// Markdown files of the repository (README, CHANGELOG, docs/…), relative to its root.
fn repo_markdown() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for dir in ["", "docs"] {
        for e in std::fs::read_dir(repo().join(dir)).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                out.insert(if dir.is_empty() { name } else { format!("{dir}/{name}") });
            }
        }
    }
    out
}

/// Problems with the documents a line of source text cites: `.md` files that are not in the
/// repository, and `§` section citations that name no document at all.
fn outside_citations(line: &str, markdown: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut names_a_document = false;
    for word in line.split(|c: char| c.is_whitespace() || "`()[]<>,;:'\"".contains(c)) {
        let word = word.trim_end_matches('.');
        if let Some(stem) = word.strip_suffix(".md")
            && !stem.is_empty()
        {
            let known = markdown
                .iter()
                .any(|m| m == word || m.rsplit('/').next() == Some(word));
            names_a_document = true;
            if !known {
                problems.push(format!("cites {word}, which is not in the repository"));
            }
        }
    }
    if line.contains('§') && !names_a_document {
        problems.push("cites a section (§) of a document that is not in the repository".into());
    }
    problems
}

fn comments_cite_only_documents_in_the_repository() {
    let markdown = repo_markdown();
    assert!(markdown.contains("README.md"), "{markdown:?}");
    let mut problems = Vec::new();
    let mut files = rust_files(&repo().join("src"));
    files.extend(rust_files(&repo().join("tests")));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let rel = path.strip_prefix(repo()).unwrap().display().to_string();
        if rel.ends_with("hygiene.rs") {
            continue; // this file's own examples
        }
        for (n, line) in text.lines().enumerate() {
            for p in outside_citations(line, &markdown) {
                problems.push(format!("{rel}:{}: {p}", n + 1));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "doc comments must stand on their own: say what the cited text says, or cite a file of \
         the repository\n{}",
        problems.join("\n")
    );
}

fn the_citation_check_knows_repository_documents() {
    let md: BTreeSet<String> = ["README.md".to_string(), "docs/testing.md".to_string()].into();
    assert!(outside_citations("see [docs/testing.md](docs/testing.md) §2", &md).is_empty());
    assert!(outside_citations("as in `README.md`.", &md).is_empty());
    assert_eq!(outside_citations("(crates-and-test-sshd.md §10)", &md).len(), 1);
    assert_eq!(outside_citations("(reference §7)", &md).len(), 1);
}

crate::tests! {
    every_dependency_is_used,
    the_unused_dependency_check_finds_a_crate_by_path_macro_or_use,
    modules_use_only_their_layer_and_below,
    the_layer_check_finds_upward_uses_and_cycles,
    public_modules_are_used_outside_the_library,
    the_public_module_check_reads_paths_and_groups,
    comments_cite_only_documents_in_the_repository,
    the_citation_check_knows_repository_documents,
}
