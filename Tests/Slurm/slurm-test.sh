#!/usr/bin/env bash
# The Slurm test (`make test-slurm`): a one-node Slurm (munged, slurmctld, slurmd) started here, a 3-shard
# sweep and its merge submitted through slurm/submit.sh, the merged tables compared byte for byte with a
# plain sweep's; then a sweep whose shard fails, whose merge Slurm must cancel. The daemons it started are
# stopped by their process ids. Installs slurm-wlm and munge when missing (as root, with apt-get).
# Usage: Tests/Slurm/slurm-test.sh [DRYPOWDER_BINARY]
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin=$(realpath "${1:-.build/release/drypowder}")
work=$(mktemp -d /tmp/drypowder-slurm.XXXXXX)
pids=()
failures=0
fail() { echo "slurm test: FAIL: $*" >&2; failures=$((failures + 1)); }
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; done
  rm -rf "$work"
}
trap stop EXIT

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null \
    || { echo "slurm test: cannot install slurm-wlm and munge" >&2; exit 1; }
fi

# munge: its own socket and key here, so as not to meet a system munged.
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 600 "$work/munge.key"
munged --force --key-file="$work/munge.key" --socket="$work/munge.socket" --pid-file="$work/munged.pid" \
  --log-file="$work/munged.log" --seed-file="$work/munge.seed" || { echo "slurm test: munged did not start" >&2; exit 1; }
for _ in $(seq 50); do [ -s "$work/munged.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/munged.pid")")

host=$(hostname -s)
memory=$(($(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) / 2))
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=drypowder-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$work/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF" || { echo "slurm test: slurmctld did not start: $(tail -5 "$work/slurmctld.log")" >&2; exit 1; }
for _ in $(seq 50); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$SLURM_CONF" || { echo "slurm test: slurmd did not start: $(tail -5 "$work/slurmd.log")" >&2; exit 1; }
for _ in $(seq 50); do [ -s "$work/slurmd.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmd.pid")")
for _ in $(seq 100); do sinfo -h -o %t 2>/dev/null | grep -q idle && break; sleep 0.2; done
sinfo -h -o %t | grep -q idle || { echo "slurm test: the node never came up: $(tail -5 "$work/slurmd.log")" >&2; exit 1; }

# Waits until Slurm holds no job (or 120 s).
drain() { for _ in $(seq 600); do [ -z "$(squeue -h -o %i)" ] && return 0; sleep 0.2; done; return 1; }

# A 3-shard sweep from another folder, with relative paths, then merged; against a plain sweep.
experiment=Tests/Slurm/slurm.yaml
"$bin" sweep "$experiment" --out "$work/plain" --jobs 1 --quiet || { echo "slurm test: the plain sweep failed" >&2; exit 1; }
mkdir -p "$work/caller"
(cd "$work/caller" && DRYPOWDER="$bin" "$root/slurm/submit.sh" --cpus 1 --mem 500M --time 00:10:00 \
  "$root/$experiment" sharded 3) >"$work/submit.log" 2>&1 || fail "submit.sh failed: $(cat "$work/submit.log")"
drain || fail "jobs still queued after 120 s: $(squeue)"
merged="$work/caller/sharded/merged"
[ -f "$merged/manifest.json" ] || fail "no merged sweep: $(cat "$work/caller/sharded/logs/"*.out 2>/dev/null | tail -20)"
for table in runs.csv design.csv summary.csv timeseries.csv; do
  cmp -s "$work/plain/$table" "$merged/$table" || fail "merged $table differs from the plain sweep's"
done
[ -d "$root/sharded" ] && fail "the sweep wrote into the repository"

# A shard that fails (its output folder already holds something else): the merge is cancelled, not left pending.
mkdir -p "$work/caller/broken/shard-2" && echo "not a sweep" > "$work/caller/broken/shard-2/mine.txt"
(cd "$work/caller" && DRYPOWDER="$bin" "$root/slurm/submit.sh" --cpus 1 --mem 500M --time 00:10:00 \
  "$root/$experiment" broken 3) >"$work/submit2.log" 2>&1 || fail "submit.sh failed: $(cat "$work/submit2.log")"
drain || fail "after a failed shard, jobs are still queued (the merge left pending?): $(squeue)"
[ -e "$work/caller/broken/merged" ] && fail "the merge ran although a shard failed"
[ "$(cat "$work/caller/broken/shard-2/mine.txt")" = "not a sweep" ] || fail "a user's file was touched"

# An experiment that does not validate is refused before anything is submitted.
printf 'run: {steps: -1}\n' > "$work/bad.yaml"
if (cd "$work/caller" && DRYPOWDER="$bin" "$root/slurm/submit.sh" "$work/bad.yaml" bad 2) >/dev/null 2>&1; then
  fail "submit.sh accepted an experiment that does not validate"
fi
[ -z "$(squeue -h -o %i)" ] || fail "a job was submitted for an invalid experiment"

echo "slurm test: $failures failures (checked: 3 shards merged byte-identical to a plain sweep; a failed shard's merge" \
  "cancelled; an invalid experiment refused)"
[ $failures -eq 0 ]
