#!/bin/sh
# Benchmark `ossec-agentless scan` against the stock agentless loop, one batched coreutils
# pipeline, and AIDE. Not a test: run by hand (a few minutes), figures go to the README.
#
#   scripts/bench-scan.sh [BINARY] [WORKDIR]
#
# BINARY defaults to target/release/ossec-agentless (cargo build --release first).
# Trees: big = 5,000 files / ~300 MB; small = 50,000 files of ~100 bytes; rss = 100,000 files.
# The remote path runs the same POSIX sh script SSH targets get, through `sh` on this machine
# (`--engine script`); rerun over SSH by replacing `local` with user@host once it is wired.
# The stock per-file loop is timed on a 1,000-file sample of each tree and scaled linearly:
# at ~6 processes per file a full run would take minutes.
set -eu
BIN=${1:-target/release/ossec-agentless}
W=${2:-/tmp/ossec-scan-bench}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
mkdir -p "$W"
cd "$W"

mk_tree() { # dir files dirs size
    [ -e "$1/.done" ] && return 0
    rm -rf "$1"; mkdir -p "$1"
    python3 - "$1" "$2" "$3" "$4" <<'PY'
import os, sys
root, files, dirs, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for d in range(dirs):
    os.makedirs(f"{root}/d{d:03}", exist_ok=True)
for i in range(files):
    with open(f"{root}/d{i % dirs:03}/f{i:06}", "wb") as f:
        f.write(os.urandom(size))
PY
    touch "$1/.done"
}
mk_sample() { # src dst n
    [ -e "$2/.done" ] && return 0
    rm -rf "$2"; mkdir -p "$2"
    find "$1" -type f ! -name .done | head -n "$3" | while read -r f; do cp "$f" "$2/"; done
    touch "$2/.done"
}
echo "== creating trees in $W (first run only)"
mk_tree big 5000 50 61440
mk_tree small 50000 100 100
mk_tree rss 100000 200 16
mk_sample big big-sample 1000
mk_sample small small-sample 1000

# (a) the stock ssh_integrity_check_linux loop, per file: tail, md5sum, sha1sum, stat.
cat > stock.sh <<'SH'
for i in `find "$1" 2>/dev/null`; do tail $i >/dev/null 2>&1 && m=`md5sum $i | cut -d " " -f 1` && s=`sha1sum $i | cut -d " " -f 1` && echo FWD: `stat --printf "%s:%a:%u:%g" $i`:$m:$s $i; done
SH
# (b) one batched pipeline: find -print0 | xargs -0 stat, md5sum, sha1sum.
cat > batched.sh <<'SH'
find "$1" -type f -print0 > /tmp/ossec-bench-list
xargs -0 stat --printf '%s:%a:%u:%g %n\n' < /tmp/ossec-bench-list
xargs -0 md5sum < /tmp/ossec-bench-list
xargs -0 sha1sum < /tmp/ossec-bench-list
SH
aide_conf() {
    cat > "aide-$1.conf" <<CONF
database_out=file:$W/aide-$1.db
gzip_dbout=no
num_workers=2
R = md5+sha1
$W/$1 R
CONF
}
aide_conf big; aide_conf small

S="--state-dir $W/state --no-update --format fwd"
HF="hyperfine --style basic --warmup 1 --runs 5 --export-markdown"
for t in big small; do
    echo "== $t tree"
    $HF "res-$t.md" \
        -n "scan local (in process)" "$BIN scan $S local $W/$t > /dev/null" \
        -n "scan via sh script" "$BIN scan $S --engine script local $W/$t > /dev/null" \
        -n "batched pipeline (b)" "sh batched.sh $W/$t > /dev/null" \
        -n "aide --init (md5+sha1, 2 workers)" "aide --init -c aide-$t.conf > /dev/null"
    echo "== stock per-file loop (a), 1,000-file sample of $t (x$(( $(find $t -type f | wc -l) / 1000 )) for the full tree)"
    hyperfine --style basic --runs 1 --export-markdown "res-$t-stock.md" \
        -n "stock loop, 1000 files" "sh stock.sh $W/$t-sample > /dev/null"
done
echo "== peak RSS at 100,000 files"
for e in auto script; do
    /usr/bin/time -v "$BIN" scan $S --engine $e local "$W/rss" 2> "rss-$e.txt" > /dev/null || true
    printf '%s: ' "$e"; grep -E 'Maximum resident|Elapsed' "rss-$e.txt" | tr '\n' ' '; echo
done
