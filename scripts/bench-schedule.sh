#!/bin/bash
# Many loopback hosts scheduled two ways, side by side (docs/scheduled-scans.md):
#   (a) one host after the other, one scan process per host, as ossec-agentlessd runs its
#       entries (without its sleeps between entries);
#   (b) the systemd service's command, `scan --all --forward --jobs 32`, all hosts from ossec.conf.
# Both forward every record to a queue socket that a reader drains, as analysisd would. A
# second round adds one hung host (accepts TCP, never answers) that each way must wait out.
# Not a test: run by hand as root (a few minutes); the figures go to docs/scheduled-scans.md.
#
#   scripts/bench-schedule.sh USER [HOSTS] [FILES] [RUNS] [BINARY]
#
# USER is an unprivileged local account the throwaway sshd logs in by key (its home is not
# touched: the key goes to the server's own AuthorizedKeysFile directory). HOSTS loopback
# addresses 127.0.1.1… (default 100), each scanning the same FILES-file tree (default 200).
set -euo pipefail
U=$1; N=${2:-100}; F=${3:-200}; RUNS=${4:-3}
BIN=${5:-target/release/ossec-agentless}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
D=$(mktemp -d); chmod 755 "$D"
cleanup() {
  for f in "$D"/sshd-*.pid; do kill "$(cat "$f")" 2>/dev/null || true; done
  [ -n "${READER:-}" ] && kill "$READER" 2>/dev/null || true
  [ -n "${HUNG:-}" ] && kill "$HUNG" 2>/dev/null || true
  rm -rf "$D"
}
trap cleanup EXIT
trap "exit 130" INT TERM
mkdir -p /run/sshd "$D/ak" "$D/ossec/.ssh" "$D/ossec/agentless" "$D/ossec/etc" "$D/ossec/queue/ossec" "$D/tree"
for i in $(seq "$F"); do head -c 1000 /dev/urandom > "$D/tree/f$i"; done
chmod -R a+rX "$D/tree"
ssh-keygen -q -t ed25519 -N '' -f "$D/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$D/ossec/.ssh/id_ed25519"
cp "$D/ossec/.ssh/id_ed25519.pub" "$D/ak/$U"; chmod 755 "$D/ak"; chmod 644 "$D/ak/$U"
P=22500; while ss -Hltn "sport = :$P" | grep -q .; do P=$((P+1)); done
hosts=(); for i in $(seq "$N"); do hosts+=("127.0.$((1 + (i - 1) / 250)).$((1 + (i - 1) % 250))"); done
# OpenSSH listens on at most 16 sockets per server: one sshd per 16 addresses.
for ((g = 0; g < N; g += 16)); do
  {
    echo "Port $P"; for h in "${hosts[@]:g:16}"; do echo "ListenAddress $h"; done
    echo "HostKey $D/host_ed25519"; echo "PidFile $D/sshd-$g.pid"
    echo "AuthorizedKeysFile $D/ak/%u"; echo "StrictModes no"; echo "UsePAM yes"
    echo "PasswordAuthentication no"; echo "MaxStartups 200:30:400"
  } > "$D/sshd_config-$g"
  /usr/sbin/sshd -f "$D/sshd_config-$g"
done
sleep 1
: > "$D/ossec/.ssh/known_hosts"
for h in "${hosts[@]}"; do
  echo "[$h]:$P $(cut -d' ' -f1,2 "$D/host_ed25519.pub")" >> "$D/ossec/.ssh/known_hosts"
  echo "$U@$h|NOPASS|" >> "$D/ossec/agentless/.passlist"
  printf 'Host %s\n  Port %s\n' "$h" "$P" >> "$D/ossec/.ssh/config"
done
# ossec.conf: entries of 10 hosts each, as a large installation groups them.
conf() {
  echo "<ossec_config>"
  local n=0
  for h in "$@"; do
    if [ $((n % 10)) = 0 ]; then
      [ $n -gt 0 ] && echo "  </agentless>"
      printf '  <agentless>\n    <type>ssh_integrity_check_linux</type>\n    <frequency>3600</frequency>\n    <state>periodic</state>\n    <arguments>%s</arguments>\n' "$D/tree"
    fi
    echo "    <host>$U@$h</host>"
    n=$((n + 1))
  done
  echo "  </agentless>"
  echo "</ossec_config>"
}
# The queue: a reader that counts datagrams, as analysisd would receive them.
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1])
n = 0
while True:
    s.recv(65536); n += 1
    if n % 100 == 0: open(sys.argv[2], "w").write(str(n))
' "$D/ossec/queue/ossec/queue" "$D/received" &
READER=$!
sleep 0.5

export OSSEC_DIR=$D/ossec
now() { date +%s.%N; }
sequential() { # (a)
  for h in "$@"; do
    rc=0; "$BIN" scan --forward --state-dir "$D/state-a" "$U@$h" "$D/tree" > /dev/null 2>> "$D/err-a" || rc=$?
    [ "$rc" != 2 ] || [ "$h" = 127.0.0.1 ] || { echo "scan of $h failed:"; tail -n 3 "$D/err-a"; exit 1; }
  done
}
parallel() { # (b): the unit's ExecStart
  rc=0; OSSEC_AGENTLESS_STATE_DIR=$D/state-b "$BIN" scan --all --forward --jobs 32 > /dev/null 2> "$D/err-b" || rc=$?
  # 2 is expected only with the hung host, and then only for it.
  if [ "$rc" = 2 ] && [ "$(grep -c 'error:' "$D/err-b")" != 1 ]; then echo "scan --all failed:"; tail -n 3 "$D/err-b"; exit 1; fi
}
round() {
  local label=$1; shift
  conf "$@" > "$D/ossec/etc/ossec.conf"
  sequential "$@"; parallel   # warm-up: baselines recorded
  local a=() b=()
  for _ in $(seq "$RUNS"); do
    t=$(now); sequential "$@"; a+=("$(echo "$(now) - $t" | bc)")
    t=$(now); parallel; b+=("$(echo "$(now) - $t" | bc)")
  done
  med() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  ma=$(med "${a[@]}"); mb=$(med "${b[@]}")
  printf '%s: (a) one after the other %.2f s [%s]; (b) scan --all --jobs 32 %.2f s [%s]; (a)/(b) %.1fx\n' \
    "$label" "$ma" "${a[*]}" "$mb" "${b[*]}" "$(echo "$ma / $mb" | bc -l)"
}
echo "== $N hosts x $F files, $RUNS runs each, median [all runs], load $(cut -d' ' -f1-3 /proc/loadavg)"
round "$N hosts" "${hosts[@]}"
# A hung host: accepts the TCP connection and never sends the SSH banner.
HP=$((P + 1)); while ss -Hltn "sport = :$HP" | grep -q .; do HP=$((HP+1)); done
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(100)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' "$HP" &
HUNG=$!
sleep 0.3
echo "[127.0.0.1]:$HP $(cut -d' ' -f1,2 "$D/host_ed25519.pub")" >> "$D/ossec/.ssh/known_hosts"
echo "$U@127.0.0.1:$HP|NOPASS|" >> "$D/ossec/agentless/.passlist"
printf 'Host 127.0.0.1\n  Port %s\n' "$HP" >> "$D/ossec/.ssh/config"
round "$N hosts + 1 hung (10 s connect timeout)" "127.0.0.1" "${hosts[@]}"
echo "records received by the queue reader (counted by the hundred): $(cat "$D/received" 2>/dev/null || echo 0)"
