# Thin entry points over meson; the build itself is described in meson.build.
#   make deps   install the Debian packages the build needs (apt-get, only the missing ones)
#   make        release build into build/ (the binary is build/nyash)
#   make test   make deps, then a debug build with ASan+UBSan in build-test/, then every test suite; then the
#               same with clang in build-test-clang/, which adds the tail engine, for the
#               suites that run the engines (conformance, differential, audit, engines), and the
#               libFuzzer targets (-Dfuzzers=true) briefly; then
#               every suite again on the release build in build/, the configuration users run
#               (-O3, mimalloc, which sanitizer builds cannot use); then the profiling build
#               (-Dvm_profile=true, nyash only, in build-profile/): the conformance corpus on one
#               engine and the --profile-vm report checks (docs/profiling.md)
#   make demo   make deps, release build of nyash, then the seed programs on every backend and
#               engine with the seed's criterion measured in process, peak memory, and a short
#               engines head-to-head (scripts/demo.py)
#   make fuzz   release build of nyash, then generated programs on the interpreter and every VM
#               engine and opt level for DURATION seconds (default 60) from a fresh random seed,
#               compared in process in batches (differential_batch);
#               failing programs are reduced into tests/fuzz/regressions/open/; then the clang
#               libFuzzer build in build-fuzz/ and each libFuzzer target for DURATION seconds,
#               corpora kept in build-fuzz/corpus/, failing inputs in build-fuzz/artifacts/
#               (docs/testing.md). Fails if any of the three found something.
#   make leaks  the full leak check (docs/testing.md, "Leaks"): every conformance program 1000
#               times on every backend under LeakSanitizer (build-test/), then peak RSS after 1000
#               iterations against 100 on the release build; make test runs shorter versions
#   make compare  the engines head to head (perf/compare, both compilers, Lua peers): docs/results.md
#               with its plots in docs/plots/, a summary added to perf/history/ (perf/README.md)
#   make regress  a quick perf/compare (three programs, 5 rounds) against the committed baseline
#               BASELINE (perf/baselines/); fails when a verdict is slower by more than REGRESSION_PCT
#   make bench-compare A=old.json B=new.json  Google Benchmark's compare.py (libbenchmark-tools) on
#               two outputs of make bench (BENCH_OUT=... names where make bench writes)
#   make clean  remove build/, build-test/, build-test-clang/, build-fuzz/ and build-profile/
# WERROR=true turns compiler warnings into errors (CI sets it).

DEB_PACKAGES := meson ninja-build g++ clang catch2 libbenchmark-dev libspdlog-dev libxbyak-dev libcapstone-dev libmimalloc-dev libedit-dev python3 time
# Only the report targets (compare, regress, bench-compare) install these, through make deps.
REPORT_PACKAGES := python3-matplotlib python3-scipy libbenchmark-tools valgrind lua5.4 luajit
PACKAGES ?= $(DEB_PACKAGES)
# Debian's python3-matplotlib and python3-scipy belong to Debian's python3, whatever python3 is on PATH.
REPORT_PYTHON := /usr/bin/python3
GBENCH_COMPARE := /usr/share/benchmark/compare.py
BASELINE ?= gcc12-epyc
REGRESSION_PCT ?= 5
# Fewer rounds than 5 make a false verdict somewhere likely (perf/README.md, "Reading a verdict").
REGRESSION_ROUNDS ?= 5
BENCH_OUT ?= perf/results/bench_engines.json
BUILD_DIR := build
TEST_DIR := build-test
CLANG_TEST_DIR := build-test-clang
FUZZ_DIR := build-fuzz
PROFILE_DIR := build-profile
CLANG_TEST_TARGETS := nyash unit_vm_engines nyash_engines_audit fuzz_frontend fuzz_pipeline
CLANG_TEST_SUITES := --suite conformance --suite differential --suite audit --suite engines --suite libfuzzer
WERROR ?= false
DURATION ?= 60
RELEASE_OPTIONS = -Dbuildtype=release -Dwerror=$(WERROR)
TEST_OPTIONS = -Dbuildtype=debug -Db_sanitize=address,undefined -Dwerror=$(WERROR)
# The clang test build also builds the libFuzzer targets; build-fuzz is optimised, for long runs.
CLANG_TEST_OPTIONS = $(TEST_OPTIONS) -Dfuzzers=true
FUZZ_OPTIONS = -Dbuildtype=debugoptimized -Db_sanitize=address,undefined -Dfuzzers=true -Dwerror=$(WERROR)
FUZZERS := fuzz_frontend fuzz_pipeline
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# $(call configure,DIR,OPTIONS): set up DIR, or apply OPTIONS to an existing setup.
configure = if [ -f $(1)/build.ninja ]; then meson setup --reconfigure $(1) $(2); else meson setup $(1) $(2); fi

.PHONY: all release test demo fuzz leaks deps clean

all: release

release:
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR)

test: deps
	@$(call configure,$(TEST_DIR),$(TEST_OPTIONS))
	meson test -C $(TEST_DIR) --print-errorlogs
	@export CC=clang CXX=clang++; $(call configure,$(CLANG_TEST_DIR),$(CLANG_TEST_OPTIONS))
	meson compile -C $(CLANG_TEST_DIR) $(CLANG_TEST_TARGETS)
	meson test -C $(CLANG_TEST_DIR) --no-rebuild --print-errorlogs $(CLANG_TEST_SUITES)
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson test -C $(BUILD_DIR) --print-errorlogs
	@$(call configure,$(PROFILE_DIR),$(RELEASE_OPTIONS) -Dvm_profile=true)
	meson compile -C $(PROFILE_DIR) nyash
	python3 tests/run_conformance.py --nyash $(PROFILE_DIR)/nyash --backend vm --extra-arg=--dispatch=switch tests/conformance
	python3 tests/profile_report.py --nyash $(PROFILE_DIR)/nyash --schema docs/profile.schema.json \
		tests/conformance/349_debug_memory_tracking.nyash tests/conformance/903_test_vm_instruction_dispatch.nyash

# Only the nyash binary: the demo needs nothing else, and a fresh clone builds it in a few minutes.
demo: deps
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR) nyash
	python3 scripts/demo.py --nyash $(BUILD_DIR)/nyash tests/conformance

# Each of the three runs even when one before it failed; the status says whether any did.
fuzz:
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR) nyash differential_batch
	@export CC=clang CXX=clang++; $(call configure,$(FUZZ_DIR),$(FUZZ_OPTIONS))
	meson compile -C $(FUZZ_DIR) $(FUZZERS)
	@status=0; \
	python3 tests/fuzz/differential.py --nyash $(BUILD_DIR)/nyash --batch-driver $(BUILD_DIR)/tests/fuzz/in_process/differential_batch \
		--duration $(DURATION) --reduce || status=1; \
	for fuzzer in $(FUZZERS); do \
		python3 tests/fuzz/libfuzzer/run_fuzzer.py --fuzzer $(FUZZ_DIR)/tests/fuzz/libfuzzer/$$fuzzer \
			--seconds $(DURATION) --corpus $(FUZZ_DIR)/corpus/$$fuzzer --artifacts $(FUZZ_DIR)/artifacts || status=1; \
	done; \
	exit $$status

leaks:
	@$(call configure,$(TEST_DIR),$(TEST_OPTIONS))
	meson compile -C $(TEST_DIR) nyash
	python3 tests/leaks/check_leaks.py --nyash $(TEST_DIR)/nyash --lsan --iterations 1000 tests/conformance
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR) nyash
	python3 tests/leaks/check_leaks.py --nyash $(BUILD_DIR)/nyash --rss tests/conformance

# make bench: Google Benchmark over perf/programs on every engine of the release build, JSON into BENCH_OUT.
# make compare: the head-to-head runner (pure build per engine and compiler), writes docs/results.md,
# then the ablation runs, which add their table to it.
.PHONY: bench compare regress bench-compare report-deps
bench: release
	mkdir -p $(dir $(BENCH_OUT))
	$(BUILD_DIR)/perf/bench_engines --benchmark_out=$(BENCH_OUT) --benchmark_out_format=json perf/programs

report-deps:
	@$(MAKE) --no-print-directory deps PACKAGES="$(DEB_PACKAGES) $(REPORT_PACKAGES)"

compare: report-deps
	$(REPORT_PYTHON) perf/compare --lua --compilers c++,clang++ --history --out docs
	$(REPORT_PYTHON) perf/compare --ablations --out docs

regress: report-deps
	$(REPORT_PYTHON) perf/compare --quick --rounds $(REGRESSION_ROUNDS) --compilers c++ --baseline $(BASELINE) \
		--fail-on-regression $(REGRESSION_PCT) --out perf/results/regress

bench-compare: report-deps
	@if [ -z "$(A)" ] || [ -z "$(B)" ]; then echo "usage: make bench-compare A=old.json B=new.json"; exit 2; fi
	$(REPORT_PYTHON) $(GBENCH_COMPARE) benchmarks $(A) $(B)

deps:
	@missing=""; \
	for package in $(PACKAGES); do \
		dpkg -s $$package 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
		echo "all build dependencies are installed"; \
	fi

clean:
	rm -rf $(BUILD_DIR) $(TEST_DIR) $(CLANG_TEST_DIR) $(FUZZ_DIR) $(PROFILE_DIR)
