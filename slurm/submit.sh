#!/bin/bash
# Submits a sweep as N array tasks (one shard each) and a merge that runs when all have succeeded:
#
#   make release && slurm/submit.sh [OPTIONS] EXPERIMENT OUT N
#
# OPTIONS, passed to sbatch for the shards (defaults fit a small node):
#   --cpus C (1)  --mem M (2G)  --time T (04:00:00)  --partition P  --account A
# EXPERIMENT and OUT may be relative to where you are. The experiment is validated before anything is
# submitted. A shard that fails makes the merge impossible, and Slurm then cancels it (kill-on-invalid-dep).
# Logs go to OUT/logs. Check the plan first: .build/release/drypowder plan EXPERIMENT --shard 1/N
set -euo pipefail
usage="usage: slurm/submit.sh [--cpus C] [--mem M] [--time T] [--partition P] [--account A] EXPERIMENT OUT N"
CPUS=1 MEM=2G TIME=04:00:00
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cpus) CPUS=${2:?$usage}; shift 2 ;;
    --mem) MEM=${2:?$usage}; shift 2 ;;
    --time) TIME=${2:?$usage}; shift 2 ;;
    --partition) EXTRA+=(--partition="${2:?$usage}"); shift 2 ;;
    --account) EXTRA+=(--account="${2:?$usage}"); shift 2 ;;
    -h|--help) echo "$usage"; exit 0 ;;
    --*) echo "slurm/submit.sh: unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 3 ] || { echo "$usage" >&2; exit 2; }
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
EXPERIMENT=$(absolute "$1")
OUT=$(absolute "$2")
N=$3
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "slurm/submit.sh: N must be a whole number >= 1, not '$N'" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRYPOWDER=$(absolute "${DRYPOWDER:-$ROOT/.build/release/drypowder}")
[ -x "$DRYPOWDER" ] || { echo "slurm/submit.sh: no $DRYPOWDER: run make release first" >&2; exit 2; }
"$DRYPOWDER" validate "$EXPERIMENT" >/dev/null || { echo "slurm/submit.sh: $EXPERIMENT does not validate; nothing submitted" >&2; exit 2; }
mkdir -p "$OUT/logs"
COMMON=(--parsable --chdir="$ROOT" --export=ALL,DRYPOWDER="$DRYPOWDER" "${EXTRA[@]}")
ARRAY=$(sbatch "${COMMON[@]}" --array=1-"$N" --cpus-per-task="$CPUS" --mem="$MEM" --time="$TIME" \
  --output="$OUT/logs/shard-%a.out" slurm/sweep.sbatch "$EXPERIMENT" "$OUT")
MERGE=$(sbatch "${COMMON[@]}" --dependency=afterok:"$ARRAY" --kill-on-invalid-dep=yes --cpus-per-task=1 --mem="$MEM" \
  --output="$OUT/logs/merge.out" slurm/merge.sbatch "$OUT" "$N")
echo "array job $ARRAY: $N shards into $OUT/shard-*; merge job $MERGE into $OUT/merged when all succeed"
