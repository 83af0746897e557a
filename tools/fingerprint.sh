#!/bin/bash
# Sweeps every shipped experiment (bench aside) with BIN into OUT and writes OUT/hashes.txt: the sha256
# of every table but timings.csv. Two fingerprints whose hashes.txt agree come from byte-identical
# results: the check a refactoring owes (`diff A/hashes.txt B/hashes.txt`; tools/compare-summaries.py
# when numbers are meant to move only in their last bits). Run from the repository's root.
# usage: tools/fingerprint.sh BIN OUT      e.g. tools/fingerprint.sh .build/release/drypowder /tmp/fp-after
set -eu
bin=$1 out=$2
[ -x "$bin" ] || { echo "usage: $0 BIN OUT (BIN: a built drypowder)" >&2; exit 2; }
[ -d Experiments ] || { echo "$0: run from the repository's root" >&2; exit 2; }
rm -rf "$out"; mkdir -p "$out"
for e in Experiments/*.yaml; do
  n=$(basename "$e" .yaml)
  [ "$n" = bench ] && continue
  "$bin" sweep "$e" --out "$out/$n" --jobs 2 >/dev/null 2>"$out/$n.err" || echo "FAILED $n" >> "$out/failures"
done
(cd "$out" && find . -name '*.csv' ! -name timings.csv | sort | xargs sha256sum) > "$out/hashes.txt"
[ ! -f "$out/failures" ] || { cat "$out/failures" >&2; exit 1; }
