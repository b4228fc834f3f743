# push-key's remote script, run as `exec sh -c '<this, joined into one line>'` with the public
# key line on stdin. `dry` is set before it (1: report only). It reports on lines starting with
# "oa-push-key: " so that text from a noisy login profile is ignored.
# Keep it POSIX sh, with no `!` and no comments after code on a line (see one_line()).
set -f
umask 077
say() { printf 'oa-push-key: %s\n' "$*"; }
die() { say "error: $*"; exit 3; }
perms() { ls -ld "$1" 2>/dev/null | cut -c1-10; }
loose() { case $(perms "$1") in ?????w*|????????w*) return 0;; esac; return 1; }
k=$(cat) || die "cannot read the key from standard input"
set -- $k
[ $# -ge 2 ] || die "malformed key line"
t=$1 b=$2
cd || die "cannot change to the home directory ${HOME:-(HOME is not set)}"
d=.ssh f=.ssh/authorized_keys
if loose .; then say "warning home $(perms .)"; fi
if [ -d "$d" ]; then
  if loose "$d"; then
    say "fix-mode ~/.ssh $(perms "$d")"
    [ "$dry" = 1 ] || chmod go-w "$d" || die "cannot change the mode of ~/.ssh"
  fi
elif [ -e "$d" ] || [ -h "$d" ]; then
  die "~/.ssh exists but is not a directory"
else
  say "create ~/.ssh"
  [ "$dry" = 1 ] || mkdir -m 700 "$d" || die "cannot create ~/.ssh"
fi
present=0
if [ -f "$f" ]; then
  if awk -v t="$t" -v b="$b" '{ for (i = 1; i < NF; i++) if ($i == t && $(i+1) == b) found = 1 } END { exit found ? 0 : 1 }' "$f"; then
    present=1
  fi
  if loose "$f"; then
    say "fix-mode ~/.ssh/authorized_keys $(perms "$f")"
    [ "$dry" = 1 ] || chmod go-w "$f" || die "cannot change the mode of ~/.ssh/authorized_keys"
  fi
elif [ -e "$f" ]; then
  die "~/.ssh/authorized_keys exists but is not a regular file"
fi
if [ "$present" = 1 ]; then
  say "present"
else
  if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then
    say "add-newline"
    [ "$dry" = 1 ] || printf '\n' >> "$f" || die "cannot write ~/.ssh/authorized_keys"
  fi
  [ "$dry" = 1 ] || printf '%s\n' "$k" >> "$f" || die "cannot write ~/.ssh/authorized_keys"
  say "added"
fi
if [ "$dry" = 0 ] && command -v restorecon >/dev/null 2>&1; then
  restorecon -F "$d" "$f" >/dev/null 2>&1 && say "restorecon"
fi
say "done"
