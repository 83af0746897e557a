#!/usr/bin/env bash
# The crash test (`make test-crash`), in the spirit of SQLite's: kill `drypowder sweep` and
# `drypowder run` at every durable file operation in turn and check that nothing is lost.
#
# DRYPOWDER_CRASH_AT=N makes drypowder SIGKILL itself just before its N-th create, write, rename,
# mkdir or remove (Sources/Output/Disk.swift, the one door to the disk). For N = 1, 2, ... until a
# run completes without reaching N:
#   sweep: killed at N, then resumed (itself killed at its N-th operation, then resumed again): every
#          table must equal an uninterrupted sweep's byte for byte, with no temporaries left;
#   run:   a previous finished run is in place; killed at N: the run's folder must be the old run or
#          the new one, complete, never missing; a rerun then leaves the new one alone.
# Where strace is installed, `run` is also killed at each rename syscall in turn by strace -e inject,
# and a sweep and two runs are traced to check every file is fsynced before it is renamed into place.
# Usage: Tests/Crash/crash-test.sh [DRYPOWDER_BINARY]
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-.build/debug/drypowder}")
experiment=Tests/Crash/crash.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "crash test: FAIL: $*" >&2; failures=$((failures + 1)); }

tables() { (cd "$1" && ls -- *.csv | grep -v '^timings.csv$'); }

# Every table equal to the reference's; the sweep finished; nothing temporary left.
same_sweep() {
    local ref=$1 dir=$2 what=$3
    [ -f "$dir/manifest.json" ] || { fail "$what: no manifest.json"; return; }
    [ "$(tables "$ref")" = "$(tables "$dir")" ] || fail "$what: tables differ: $(tables "$dir" | tr '\n' ' ')"
    for t in $(tables "$ref"); do cmp -s "$ref/$t" "$dir/$t" || fail "$what: $t differs"; done
    local left
    left=$(find "$dir" -name '.*' -o -name parts | head -3)
    [ -z "$left" ] || fail "$what: left behind: $left"
}

"$bin" sweep "$experiment" --out "$work/reference" --jobs 1 --quiet || { echo "reference sweep failed" >&2; exit 1; }

# --- sweep ---------------------------------------------------------------------------------------
sweep_points=0
n=1
while :; do
    dir="$work/sweep-$n"
    (DRYPOWDER_CRASH_AT=$n "$bin" sweep "$experiment" --out "$dir" --jobs 1 --quiet; exit $?) 2>/dev/null
    status=$?
    if [ $status -eq 0 ]; then break; fi
    [ $status -eq 137 ] || { fail "sweep killed at operation $n exited $status, not by SIGKILL"; break; }
    sweep_points=$n
    # The resume is itself killed at its n-th operation, if it has that many; then resumed to the end.
    (DRYPOWDER_CRASH_AT=$n "$bin" sweep "$experiment" --out "$dir" --jobs 1 --quiet --resume; exit $?) 2>/dev/null
    status=$?
    [ $status -eq 0 ] || [ $status -eq 137 ] || fail "sweep killed at $n: the first resume exited $status"
    "$bin" sweep "$experiment" --out "$dir" --jobs 1 --quiet --resume >/dev/null 2>"$work/err" \
        || fail "sweep killed at $n: resume failed: $(cat "$work/err")"
    same_sweep "$work/reference" "$dir" "sweep killed at operation $n"
    rm -rf "$dir"
    n=$((n + 1))
done
[ $sweep_points -gt 0 ] || fail "the sweep was never killed: is DRYPOWDER_CRASH_AT honoured?"

# --- run -----------------------------------------------------------------------------------------
runs="$work/runs"
"$bin" run "$experiment" --out "$runs/old" --seed 1 --quiet && "$bin" run "$experiment" --out "$runs/new" --seed 2 --quiet \
    || { echo "reference runs failed" >&2; exit 1; }
name=crash
# The folder must be whole: one of the two reference runs, file for file.
whole_run() {
    local dir=$1 what=$2 f
    for ref in "$runs/old/$name" "$runs/new/$name"; do
        local same=1
        for f in timeseries.csv flows.csv; do cmp -s "$ref/$f" "$dir/$f" || same=0; done
        [ -f "$dir/manifest.json" ] || same=0
        [ $same -eq 1 ] && return 0
    done
    fail "$what: $dir is neither the old run nor the new one"
}
check_run_kill() {  # $1: what; runs the kill command prepared by the caller in "$@"
    local what=$1; shift
    rm -rf "$work/out"; mkdir -p "$work/out"
    cp -r "$runs/old/$name" "$work/out/$name"
    ("$@" run "$experiment" --out "$work/out" --seed 2 --quiet --replace >/dev/null; exit $?) 2>/dev/null
    local status=$?
    [ -d "$work/out/$name" ] || fail "$what: the run's folder is missing (status $status)"
    [ -d "$work/out/$name" ] && whole_run "$work/out/$name" "$what"
    "$bin" run "$experiment" --out "$work/out" --seed 2 --quiet --replace 2>"$work/err" || fail "$what: the rerun failed: $(cat "$work/err")"
    [ "$(ls -A "$work/out")" = "$name" ] || fail "$what: left behind: $(ls -A "$work/out" | tr '\n' ' ')"
    for f in timeseries.csv flows.csv; do cmp -s "$runs/new/$name/$f" "$work/out/$name/$f" || fail "$what: rerun's $f differs"; done
    return $status
}
run_points=0
n=1
while :; do
    check_run_kill "run killed at operation $n" env DRYPOWDER_CRASH_AT=$n "$bin"
    status=$?
    if [ $status -eq 0 ]; then break; fi
    [ $status -eq 137 ] || { fail "run killed at operation $n exited $status, not by SIGKILL"; break; }
    run_points=$n
    n=$((n + 1))
done

# --- durability (strace): files fsynced before they are renamed into place, folders after ----------
strace_points=0
if command -v strace >/dev/null; then
    for command in "sweep $experiment --out $work/durable-sweep --jobs 2" "run $experiment --out $work/durable-run" \
                   "run $experiment --out $work/durable-run --replace"; do
        # shellcheck disable=SC2086
        strace -f -y -qq -o "$work/trace" -e trace=openat,fsync,fdatasync,rename,renameat,renameat2 "$bin" $command --quiet \
            && python3 Tests/Crash/check-durability.py "$work/trace" >"$work/durability" \
            || fail "durability of '$command': $(cat "$work/durability")"
    done
    # --- run killed at each rename syscall in turn (strace -e inject) ---------------------------------
    n=1
    while [ $n -le 50 ]; do
        check_run_kill "run killed at rename syscall $n" strace -f -qq -o /dev/null \
            -e inject=rename,renameat,renameat2:signal=KILL:when=$n "$bin"
        status=$?
        if [ $status -eq 0 ]; then break; fi
        strace_points=$n
        n=$((n + 1))
    done
fi

echo "crash test: sweep killed at $sweep_points operations (each resume killed again), run at $run_points operations" \
     "and at $strace_points rename syscalls (strace); durability traced: $(command -v strace >/dev/null && echo yes || echo no);" \
     "$failures failures"
[ $failures -eq 0 ]
