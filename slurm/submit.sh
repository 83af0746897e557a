#!/bin/bash
# Submits a sweep as N array tasks (one shard each) and a merge that runs when all have succeeded:
#
#   make release && slurm/submit.sh Experiments/dry-powder-sweep.yaml out/dry-powder-sweep 16
#
# Check the plan first: .build/release/drypowder plan EXPERIMENT --shard 1/N
set -euo pipefail
EXPERIMENT=${1:?usage: slurm/submit.sh EXPERIMENT OUT N}
OUT=${2:?usage: slurm/submit.sh EXPERIMENT OUT N}
N=${3:?usage: slurm/submit.sh EXPERIMENT OUT N}
cd "$(dirname "$0")/.."
ARRAY=$(sbatch --parsable --array=1-"$N" slurm/sweep.sbatch "$EXPERIMENT" "$OUT")
sbatch --dependency=afterok:"$ARRAY" slurm/merge.sbatch "$OUT" "$N"
echo "array job $ARRAY: $N shards into $OUT/shard-*; merge into $OUT/merged when all succeed"
