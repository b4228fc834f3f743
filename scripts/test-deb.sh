#!/bin/bash
# Installs the Debian package on this machine with dpkg, checks what it installed, removes it
# (purge) and checks that nothing is left. Run as root by .ci/run after scripts/build-deb.sh:
#
#   scripts/test-deb.sh target/debian/ossec-agentless_X.Y.Z-1_ARCH.deb
#
# Checks: control fields (version from CHANGELOG.md, detected dependencies, short and extended
# description); `ossec-agentless --version` and `ossec-config --version`; every page of man/
# installed compressed and found by `man -w`; bash completion, loaded by bash-completion's own
# loader, offers the subcommands; zsh and fish completions, README, CHANGELOG and docs/ in
# place; the systemd units valid and not enabled. Refuses to run when the package is already
# installed, so that it never replaces or removes a real installation.
# Exit status: 0 every check passed, 1 a check failed, 2 it could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:?usage: scripts/test-deb.sh PACKAGE.deb}
pkg=ossec-agentless
failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
cannot() { echo "test-deb: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || cannot "must run as root (it installs the package with dpkg)"
command -v dpkg >/dev/null || cannot "dpkg is missing"
[ -f "$deb" ] || cannot "no such package file: $deb"
for tool in man bash; do command -v "$tool" >/dev/null || cannot "$tool is missing"; done
[ -f /usr/share/bash-completion/bash_completion ] ||
  cannot "bash-completion is missing (apt-get install bash-completion)"
if dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'installed'; then
  cannot "$pkg is already installed here; not touching it"
fi

# --- The control fields, before installing.
version=$(sed -n 's/^## \[\([0-9][0-9.]*[^]]*\)\] - [0-9].*$/\1/p' CHANGELOG.md | head -n 1)
field() { dpkg-deb --field "$deb" "$1"; }
check "Version $(field Version) is CHANGELOG.md's newest release $version, revision 1" \
  test "$(field Version)" = "$version-1"
depends=$(field Depends)
check "dependencies detected: $depends" \
  bash -c '[[ "$1" == *libc6* && "$1" == *libssl3* ]]' _ "$depends"
description=$(field Description)
check "a short description and an extended one ($(wc -l <<<"$description") lines)" \
  bash -c '[ "$(wc -l <<<"$1")" -ge 3 ] && [ -n "$(head -n 1 <<<"$1")" ]' _ "$description"

# --- Install. Whatever happens next, the package is purged on exit.
installed=0
cleanup() { [ "$installed" = 1 ] && dpkg --purge "$pkg" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# Minimal images often exclude man pages and docs in /etc/dpkg/dpkg.cfg.d: include them again.
DEBIAN_FRONTEND=noninteractive dpkg -i --path-include='/usr/share/man/man1/ossec-*' \
  --path-include="/usr/share/doc/$pkg/*" "$deb" >/dev/null
installed=1
ok "dpkg -i $(basename "$deb")"
mapfile -t files < <(dpkg -L "$pkg")

check "ossec-agentless --version prints ossec-agentless $version" \
  test "$(/usr/bin/ossec-agentless --version)" = "ossec-agentless $version"
check "ossec-config --version prints ossec-config $version" \
  test "$(/usr/bin/ossec-config --version)" = "ossec-config $version"

pages=0
for page in man/*.1; do
  name=$(basename "$page" .1)
  gz=/usr/share/man/man1/$name.1.gz
  if [ -f "$gz" ] && cmp -s <(gzip -dc "$gz") "$page"; then
    pages=$((pages + 1))
  else
    bad "man page $name: $gz missing or not the compressed man/$name.1"
  fi
done
ok "$pages man pages installed compressed, identical to man/"
check "man -w ossec-agentless-scan finds the installed page" \
  test "$(man -w ossec-agentless-scan)" = /usr/share/man/man1/ossec-agentless-scan.1.gz
check "man -w ossec-agentless-register-host-add finds the installed page" \
  test "$(man -w ossec-agentless-register-host-add)" = /usr/share/man/man1/ossec-agentless-register-host-add.1.gz

# Bash completion as an interactive shell gets it: bash-completion's loader finds the file by
# the command's name in its vendor directory, then the completion function runs for
# `ossec-agentless <TAB>`.
offered=$(bash --norc --noprofile -c '
  source /usr/share/bash-completion/bash_completion
  if declare -F _comp_load >/dev/null; then _comp_load ossec-agentless; else __load_completion ossec-agentless; fi
  spec=$(complete -p ossec-agentless) || exit 1
  fn=$(sed -n "s/.*-F \([^ ]*\).*/\1/p" <<<"$spec")
  COMP_WORDS=(ossec-agentless ""); COMP_CWORD=1; COMP_LINE="ossec-agentless "; COMP_POINT=${#COMP_LINE}
  "$fn" ossec-agentless "" ossec-agentless
  printf "%s\n" "${COMPREPLY[@]}"' 2>&1) || true
missing=()
for sub in scan config register-host keygen push-key test-script doctor install-script; do
  grep -qx -- "$sub" <<<"$offered" || missing+=("$sub")
done
check "bash completion offers every subcommand after 'ossec-agentless <TAB>'${missing:+ (missing: ${missing[*]})}" \
  test ${#missing[@]} -eq 0

for f in /usr/share/zsh/vendor-completions/_ossec-agentless /usr/share/zsh/vendor-completions/_ossec-config \
  /usr/share/fish/vendor_completions.d/ossec-agentless.fish /usr/share/fish/vendor_completions.d/ossec-config.fish \
  /usr/share/bash-completion/completions/ossec-config \
  /usr/share/doc/$pkg/README.md /usr/share/doc/$pkg/CHANGELOG.md /usr/share/doc/$pkg/copyright; do
  check "$f installed" test -s "$f"
done
for d in docs/*.md; do
  check "/usr/share/doc/$pkg/$d installed" cmp -s "$d" "/usr/share/doc/$pkg/$d"
done

units=(/usr/lib/systemd/system/ossec-agentless-scan.service /usr/lib/systemd/system/ossec-agentless-scan.timer)
for u in "${units[@]}"; do
  check "$u installed" cmp -s "systemd/$(basename "$u")" "$u"
done
if command -v systemd-analyze >/dev/null; then
  verify=$(systemd-analyze verify "${units[@]}" 2>&1) || true
  check "systemd-analyze verify: no complaint about the installed units${verify:+ ($verify)}" test -z "$verify"
else
  echo "not run: systemd-analyze verify (systemd-analyze is missing)"
fi
enabled=$(find /etc/systemd/system -name 'ossec-agentless-scan.*' 2>/dev/null)
check "the units are not enabled${enabled:+ ($enabled)}" test -z "$enabled"

# What a run of the service leaves: its baselines in its StateDirectory. Purge removes them.
mkdir -p /var/lib/$pkg/baselines && echo "baseline" > /var/lib/$pkg/baselines/example

# --- Remove, and check that nothing is left.
dpkg --purge "$pkg" >/dev/null
installed=0
ok "dpkg --purge $pkg"
check "dpkg no longer knows $pkg" bash -c '! dpkg-query -W -f "\${Status}" "$1" 2>/dev/null | grep -q .' _ "$pkg"
left=()
for f in "${files[@]}"; do
  # Directories shared with other packages (/usr/bin, /usr/share/man/man1, …) stay.
  if [ -e "$f" ] && ! [ -d "$f" ]; then left+=("$f"); fi
done
for d in /usr/share/doc/$pkg /var/lib/$pkg; do [ -e "$d" ] && left+=("$d"); done
while IFS= read -r f; do left+=("$f"); done < <(
  find /etc/systemd /var/lib/systemd -name '*ossec-agentless*' 2>/dev/null)
check "nothing of the ${#files[@]} paths it installed is left${left:+ (left: ${left[*]})}" test ${#left[@]} -eq 0

if [ "$failures" -gt 0 ]; then
  echo "test-deb: $failures check(s) failed" >&2
  exit 1
fi
echo "test-deb: every check passed"
