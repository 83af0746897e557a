# drypowder: `make run` builds and runs the default experiment; `make test` runs the test suite.
# Both install GSL (Debian's libgsl-dev) first when pkg-config cannot find it.

SWIFT      ?= swift
EXPERIMENT ?= Experiments/seed-crash.yaml
OUT        ?= out
SWEEP      ?= Experiments/dry-powder-sweep.yaml
SWEEP_OUT  ?= $(OUT)/sweeps/$(basename $(notdir $(SWEEP)))
SUDO       := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps build release run sweep test test-crash test-slurm bench instructions calibrate targets clean

all: build

deps:
	@if pkg-config --exists gsl 2>/dev/null; then \
	  echo "GSL $$(pkg-config --modversion gsl) found"; \
	else \
	  echo "GSL not found by pkg-config: installing libgsl-dev and pkg-config with apt-get"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev pkg-config >/dev/null && \
	  echo "installed GSL $$(pkg-config --modversion gsl)"; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	.build/release/drypowder run $(EXPERIMENT) --out $(OUT) --replace

# A batch: every point, replication and variant of $(SWEEP) on every core; rerun continues it (--resume).
sweep: release
	.build/release/drypowder sweep $(SWEEP) --out $(SWEEP_OUT) $(if $(wildcard $(SWEEP_OUT)/plan.json),--resume)

# Chromium (Debian's package) is installed when missing: ReportTests opens `drypowder report`'s page in it.
test: deps
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium (headless browser for ReportTests)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; } \
	  || echo "could not install chromium: the browser test of ReportTests will be skipped"
	$(SWIFT) test

# Kills a sweep and a run at every durable file operation in turn and checks nothing is lost
# (Tests/Crash/crash-test.sh); strace, installed if missing, adds kills at rename syscalls.
test-crash: build
	@command -v strace >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq strace >/dev/null; } || true
	Tests/Crash/crash-test.sh .build/debug/drypowder

# A one-node Slurm started and stopped by the test (Tests/Slurm/slurm-test.sh): slurm/submit.sh's 3-shard sweep
# and merge against a plain sweep, a failed shard's merge cancelled. Installs slurm-wlm and munge if missing.
test-slurm: release
	Tests/Slurm/slurm-test.sh .build/release/drypowder

# Timings in a release build, each against its target and physical limit (docs/PERFORMANCE.md).
# BENCH_ARGS, e.g. "--repetitions 9 retail model" or "--tiny"; `drypowder-bench --help` lists them.
# docs/RESULTS.md from the shipped experiments: each swept into out/results/NAME unless already there
# (delete a folder to rerun it), then every table computed by tools/results.py.
results: release
	python3 tools/results.py --binary .build/release/drypowder --out out/results --write docs/RESULTS.md

# The calibration's targets from real series (tools/targets.py), installing the Python package arch if missing.
targets:
	@python3 -c "import arch" 2>/dev/null || python3 -m pip install -q arch
	python3 tools/targets.py --write Experiments/targets/baseline.yaml

# The shipped calibration by simulated moments into out/calibrate/ (a killed one resumes from its trace).
CALIBRATION := calibrate-baseline
calibrate: release
	.build/release/drypowder calibrate Experiments/$(CALIBRATION).yaml --out out/calibrate/$(CALIBRATION) \
		$(if $(wildcard out/calibrate/$(CALIBRATION)/trace.csv),--resume)

bench: release
	.build/release/drypowder-bench $(BENCH_ARGS)

# Instructions per step of a small run under callgrind (installs valgrind if missing): steady where timings
# on a shared machine are not, for comparing two builds of the step (tools/step-instructions.sh).
instructions: release
	tools/step-instructions.sh .build/release/drypowder

clean:
	rm -rf .build $(OUT)
