#!/bin/sh
# Benchmark `scan --forward` against the real ossec-analysisd: records per second and the
# share of the pacing, for 5,000 unchanged plus 500 changed records (300 contents, 100
# permissions, 50 deleted, 50 added). Not a test: run by hand as root (about a minute); the
# figures go to docs/forwarding.md and the README.
#
#   scripts/bench-forward.sh [BINARY] [ROUNDS]
#
# Needs an OSSEC server installation built from upstream outside the repository, at
# $OA_OSSEC_DIR (default /var/tmp/ossec-upstream/install); nothing is built here. Its
# etc/ossec.conf is replaced by a throwaway one (e-mail off) while the benchmark runs and
# restored at exit; the daemon is started and stopped here.
#
# Each round and variant scans its own copy of the tree under its own <type>, so every timed
# run sees the same 5,500 records against a primed analysisd database:
#   scan      scan and compare only (no --forward)
#   pace0     --forward --forward-pace 0 (rule-safe order, no pauses)
#   default   --forward (rule-safe order and the default pace)
set -eu
BIN=${1:-target/release/ossec-agentless}
ROUNDS=${2:-3}
O=${OA_OSSEC_DIR:-/var/tmp/ossec-upstream/install}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ "$(id -u)" = 0 ] || { echo "run as root (the daemon needs it)"; exit 2; }
[ -x "$O/bin/ossec-analysisd" ] || { echo "no OSSEC installation at $O"; exit 2; }
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release first)"; exit 2; }

# The lock the interop tests take: one user of the installation at a time.
exec 9>"$O/.oa-tests.lock"
flock 9
W=$(mktemp -d)
cp -p "$O/etc/ossec.conf" "$W/ossec.conf.orig"
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  cp -p "$W/ossec.conf.orig" "$O/etc/ossec.conf"
  rm -f "$O/queue/syscheck/(oa_bench_$$_"* "$O/queue/syscheck/.(oa_bench_$$_"*
  rm -rf "$W"
}
trap cleanup EXIT INT TERM
{
  echo '<ossec_config>'
  echo '  <global><email_notification>no</email_notification></global>'
  sed -n '/<rules>/,/<\/rules>/p' "$W/ossec.conf.orig"
  echo '  <syscheck><alert_new_files>yes</alert_new_files></syscheck>'
  echo '  <alerts><log_alert_level>1</log_alert_level></alerts>'
  echo '</ossec_config>'
} > "$O/etc/ossec.conf"
"$O/bin/ossec-analysisd" -f >/dev/null 2>&1 &
PID=$!
python3 - "$O/queue/ossec/queue" <<'PY'
import socket, sys, time
for _ in range(300):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.connect(sys.argv[1]); break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("analysisd did not open its queue")
PY
sleep 1

mk_tree() { # dir
  python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(50):
    os.makedirs(f"{root}/d{d:02}", exist_ok=True)
for i in range(5500):
    with open(f"{root}/d{i % 50:02}/f{i:05}", "w") as f:
        f.write(f"file {i}\n" * 20)
PY
}
change() { # dir: 300 contents, 100 modes, 50 deleted, 50 added
  python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
p = lambda i: f"{root}/d{i % 50:02}/f{i:05}"
for i in range(0, 300):
    with open(p(i), "a") as f: f.write("changed\n")
for i in range(300, 400):
    os.chmod(p(i), 0o600)
for i in range(400, 450):
    os.remove(p(i))
for i in range(5500, 5550):
    with open(p(i), "w") as f: f.write("new\n")
PY
}
now() { date +%s.%N; }

echo "variant round seconds records/s"
for r in $(seq 1 "$ROUNDS"); do
  for v in scan pace0 default; do
    T="$W/tree-$v-$r"; S="$W/state-$v-$r"; K="oa_bench_$$_${v}_$r"
    mk_tree "$T"
    case $v in
      scan) set -- ;;
      pace0) set -- --forward --type "$K" --forward-pace 0 ;;
      default) set -- --forward --type "$K" ;;
    esac
    # Prime the baseline and analysisd's database (first run: all new), then change.
    "$BIN" --ossec-dir "$O" scan local "$T" --state-dir "$S" "$@" >/dev/null
    change "$T"
    sync
    t0=$(now)
    "$BIN" --ossec-dir "$O" scan local "$T" --state-dir "$S" "$@" >/dev/null || [ $? = 1 ]
    t1=$(now)
    echo "$v $r $t0 $t1" | awk '{s=$4-$3; printf "%s %s %.3f %.0f\n", $1, $2, s, 5550/s}'
    rm -rf "$T"
  done
done | tee "$W/results"
awk '{n[$1]++; t[$1]+=$3} END {
  for (v in n) m[v]=t[v]/n[v];
  printf "mean: scan %.3f s, forward pace 0 %.3f s, forward default %.3f s\n", m["scan"], m["pace0"], m["default"];
  printf "records/s: scan %.0f, forward pace 0 %.0f, forward default %.0f\n", 5550/m["scan"], 5550/m["pace0"], 5550/m["default"];
  printf "pacing share of the default run: %.0f%% (%.3f s)\n", 100*(m["default"]-m["pace0"])/m["default"], m["default"]-m["pace0"];
}' "$W/results"
