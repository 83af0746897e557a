#!/bin/bash
# Instructions per step of a small run, counted by callgrind: a figure that does not move with the
# machine's load, for comparing two builds of the step (docs/PERFORMANCE.md). It runs the bench's
# configuration at 2,000 retail traders for 40 and for 140 steps and divides the difference by 100,
# so set-up and start-up cancel; the count includes writing the run's tables.
# Usage: tools/step-instructions.sh [BINARY]   (default .build/release/drypowder; valgrind is installed
# with apt-get when missing)
set -euo pipefail
binary=${1:-.build/release/drypowder}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$binary" ] || { echo "step-instructions: no binary at $binary (make release)" >&2; exit 2; }
if ! command -v valgrind >/dev/null 2>&1; then
    sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq valgrind >/dev/null
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Valgrind cannot read the DWARF 5 forms Swift emits; a stripped copy runs the same code.
strip -o "$scratch/drypowder" "$binary"
count() {
    valgrind --tool=callgrind --callgrind-out-file="$scratch/cg.out" "$scratch/drypowder" run \
        "$root/Experiments/bench.yaml" --set retail.count=2000 --set run.steps="$1" \
        --out "$scratch/out-$1" >/dev/null 2>"$scratch/err-$1" || { cat "$scratch/err-$1" >&2; exit 1; }
    grep -o 'Collected : [0-9]*' "$scratch/err-$1" | grep -o '[0-9]*$'
}
short=$(count 40)
long=$(count 140)
echo "instructions per step: $(( (long - short) / 100 ))  (2,000 traders; 40 steps: $short, 140 steps: $long)"
