//! The release metadata the Debian package is built from (#15): `scripts/build-deb.sh` takes
//! the package version from CHANGELOG.md's newest release section, which must be the crate's
//! version, and every `docs/` page the README links to exists. (`scripts/test-deb.sh`, run by
//! `.ci/run` as root, installs the package itself.)

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// `X.Y.Z` of the first `## [X.Y.Z] - YYYY-MM-DD` heading.
fn newest_release(changelog: &str) -> Option<&str> {
    changelog.lines().find_map(|l| {
        let rest = l.strip_prefix("## [")?;
        let (version, date) = rest.split_once("] - ")?;
        (version.starts_with(|c: char| c.is_ascii_digit())
            && date.len() == 10
            && date.chars().all(|c| c.is_ascii_digit() || c == '-'))
        .then_some(version)
    })
}

fn package_version_is_the_newest_changelog_release() {
    let changelog = read("CHANGELOG.md");
    assert_eq!(newest_release(&changelog), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(
        newest_release("## [Unreleased]\n\n## [1.2.3] - 2026-12-01\n"),
        Some("1.2.3")
    );
    assert_eq!(newest_release("## [Unreleased]\n"), None);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ossec-agentless"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("ossec-agentless {}", env!("CARGO_PKG_VERSION"))
    );
}

fn package_docs_linked_from_the_readme_exist() {
    let readme = read("README.md");
    let mut linked = 0;
    for (i, _) in readme.match_indices("](docs/") {
        let rest = &readme[i + 2..];
        let target = &rest[..rest.find([')', '#']).unwrap()];
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(target).is_file(),
            "README links to {target}, which does not exist"
        );
        linked += 1;
    }
    assert!(linked >= 8, "only {linked} links to docs/");
}

crate::tests! {
    package_version_is_the_newest_changelog_release,
    package_docs_linked_from_the_readme_exist,
}
