#!/bin/sh
# Benchmark `ossec-agentless scan` over SSH, side by side with (a) the stock per-file loop and
# (b) one batched find/xargs pipeline, both run over one SSH connection to the same throwaway
# sshd on 127.0.0.1; plus 10 hosts in parallel against one. Not a test: run by hand as root
# (a few minutes); the figures go to the README.
#
#   scripts/bench-scan-ssh.sh USER [BINARY] [WORKDIR]
#
# The stock loop (a) is run in the account's login shell, as the stock script types its
# command line into the remote login shell (bash for a usual account), and for comparison in
# dash.
#
# USER is an unprivileged local account the sshd logs in (key only; its home is not touched:
# the key goes to the server's own AuthorizedKeysFile directory). Trees are made by
# scripts/bench-scan.sh in the same WORKDIR (run it first), world-readable.
set -eu
U=$1
BIN=${2:-target/release/ossec-agentless}
W=${3:-/tmp/ossec-scan-bench}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -e "$W/big/.done" ] || { echo "run scripts/bench-scan.sh first (it makes the trees)"; exit 2; }
chmod -R a+rX "$W/big" "$W/small" "$W/rss" "$W/big-sample" "$W/small-sample"
D=$(mktemp -d); chmod 755 "$D"
trap 'kill $(cat "$D/sshd.pid" 2>/dev/null) 2>/dev/null; rm -rf "$D"' EXIT
mkdir -p /run/sshd "$D/ak" "$D/ossec/.ssh" "$D/ossec/agentless" "$D/ossec/etc"
ssh-keygen -q -t ed25519 -N '' -f "$D/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$D/ossec/.ssh/id_ed25519"
cp "$D/ossec/.ssh/id_ed25519.pub" "$D/ak/$U"; chmod 755 "$D/ak"; chmod 644 "$D/ak/$U"
P=22400; while ss -Hltn "sport = :$P" | grep -q .; do P=$((P+1)); done
{
  echo "Port $P"; for i in 1 2 3 4 5 6 7 8 9 10; do echo "ListenAddress 127.0.0.$i"; done
  echo "HostKey $D/host_ed25519"; echo "PidFile $D/sshd.pid"
  echo "AuthorizedKeysFile $D/ak/%u"; echo "StrictModes no"; echo "UsePAM yes"
  echo "PasswordAuthentication no"; echo "MaxStartups 100:30:200"; echo "MaxSessions 50"
} > "$D/sshd_config"
/usr/sbin/sshd -f "$D/sshd_config"
sleep 0.5
: > "$D/ossec/.ssh/known_hosts"
for i in 1 2 3 4 5 6 7 8 9 10; do
  echo "[127.0.0.$i]:$P $(cut -d' ' -f1,2 "$D/host_ed25519.pub")" >> "$D/ossec/.ssh/known_hosts"
  echo "$U@127.0.0.$i|NOPASS|" >> "$D/ossec/agentless/.passlist"
done
SSH="ssh -p $P -i $D/ossec/.ssh/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile=$D/ossec/.ssh/known_hosts -o StrictHostKeyChecking=yes $U@127.0.0.1"
cd "$W"
S="--ossec-dir $D/ossec scan --state-dir $D/state --no-update --format fwd"
HF="hyperfine --style basic --warmup 1 --runs 5 --export-markdown"
for t in big small; do
  echo "== $t tree over SSH"
  $HF "ssh-$t.md" \
    -n "scan over SSH" "$BIN $S $U@127.0.0.1:$P $W/$t > /dev/null" \
    -n "batched pipeline over one SSH connection (b)" "$SSH sh -s $W/$t < batched.sh > /dev/null" \
    -n "scan local (in process, no SSH)" "$BIN $S local $W/$t > /dev/null"
  echo "== stock per-file loop over SSH (a), 1,000-file sample of $t"
  hyperfine --style basic --runs 1 --export-markdown "ssh-$t-stock.md" \
    -n "stock loop over SSH (login shell), 1000 files" "$SSH 'exec \"\$SHELL\" -s' $W/$t-sample < stock.sh > /dev/null" \
    -n "stock loop over SSH (dash), 1000 files" "$SSH sh -s $W/$t-sample < stock.sh > /dev/null"
done
echo "== 10 hosts in parallel vs 1 (1,000-file sample: connection and per-host overhead)"
T10=""; for i in 2 3 4 5 6 7 8 9 10; do T10="$T10 --target $U@127.0.0.$i:$P"; done
$HF "ssh-parallel.md" \
  -n "1 host" "$BIN $S $U@127.0.0.1:$P $W/small-sample > /dev/null" \
  -n "10 hosts, --jobs 10" "$BIN $S --jobs 10 $U@127.0.0.1:$P $T10 $W/small-sample > /dev/null"
echo "== client peak RSS, 100,000 files over SSH"
/usr/bin/time -v "$BIN" $S "$U@127.0.0.1:$P" "$W/rss" 2> "$D/rss.txt" > /dev/null || true
grep -E 'Maximum resident|Elapsed' "$D/rss.txt"
