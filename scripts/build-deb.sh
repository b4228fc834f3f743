#!/bin/sh
# Builds the Debian package with cargo-deb from the [package.metadata.deb] table of Cargo.toml
# and prints the path of the .deb on stdout (build messages go to stderr).
#
#   scripts/build-deb.sh [OUTPUT-DIR]      (default: target/debian)
#
# The package version is the newest release section of CHANGELOG.md (`## [X.Y.Z] - DATE`),
# revision 1; the build stops when it differs from Cargo.toml's version, so that a release is
# never packaged without its CHANGELOG section. Needs cargo-deb
# (`cargo install cargo-deb --locked`) and dpkg-shlibdeps (dpkg-dev) to detect dependencies.
set -eu
cd "$(dirname "$0")/.."
out=${1:-target/debian}

fail() { echo "build-deb: $*" >&2; exit 2; }
cargo deb --version >/dev/null 2>&1 || fail "cargo-deb is missing: cargo install cargo-deb --locked"
command -v dpkg-shlibdeps >/dev/null 2>&1 || fail "dpkg-shlibdeps is missing: apt-get install dpkg-dev"

version=$(sed -n 's/^## \[\([0-9][0-9.]*[^]]*\)\] - [0-9].*$/\1/p' CHANGELOG.md | head -n 1)
[ -n "$version" ] || fail "CHANGELOG.md has no release section (## [X.Y.Z] - YYYY-MM-DD)"
crate=$(sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ "$version" = "$crate" ] ||
  fail "CHANGELOG.md's newest release is $version but Cargo.toml's version is $crate"

mkdir -p "$out"
# cargo-deb prints the path of the package it wrote as its last line.
deb=$(cargo deb --locked --deb-version "$version-1" --output "$out" | tail -n 1)
[ -f "$deb" ] || fail "cargo deb did not report a package file (got: $deb)"
echo "$deb"
