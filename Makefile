# Thin entry points over meson; the build itself is described in meson.build.
#   make deps   install the Debian packages the build needs (apt-get, only the missing ones)
#   make        release build into build/ (the binary is build/nyash)
#   make test   make deps, then a debug build with ASan+UBSan in build-test/, then every test suite; then the
#               same with clang in build-test-clang/, which adds the tail engine, for the
#               suites that run the engines (conformance, differential, audit, engines); then
#               every suite again on the release build in build/, the configuration users run
#               (-O3, mimalloc, which sanitizer builds cannot use)
#   make demo   make deps, release build of nyash, then the seed programs on every backend and
#               engine with the seed's criterion measured in process, peak memory, and a short
#               engines head-to-head (scripts/demo.py)
#   make fuzz   release build of nyash, then generated programs on the interpreter and every VM
#               engine and opt level for DURATION seconds (default 60) from a fresh random seed;
#               failing programs are reduced into tests/fuzz/regressions/open/ (docs/testing.md)
#   make clean  remove build/, build-test/ and build-test-clang/
# WERROR=true turns compiler warnings into errors (CI sets it).

DEB_PACKAGES := meson ninja-build g++ clang catch2 libbenchmark-dev libspdlog-dev libxbyak-dev libcapstone-dev libmimalloc-dev libedit-dev python3 time
BUILD_DIR := build
TEST_DIR := build-test
CLANG_TEST_DIR := build-test-clang
CLANG_TEST_TARGETS := nyash unit_vm_engines nyash_engines_audit
CLANG_TEST_SUITES := --suite conformance --suite differential --suite audit --suite engines
WERROR ?= false
DURATION ?= 60
RELEASE_OPTIONS = -Dbuildtype=release -Dwerror=$(WERROR)
TEST_OPTIONS = -Dbuildtype=debug -Db_sanitize=address,undefined -Dwerror=$(WERROR)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# $(call configure,DIR,OPTIONS): set up DIR, or apply OPTIONS to an existing setup.
configure = if [ -f $(1)/build.ninja ]; then meson setup --reconfigure $(1) $(2); else meson setup $(1) $(2); fi

.PHONY: all release test demo fuzz deps clean

all: release

release:
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR)

test: deps
	@$(call configure,$(TEST_DIR),$(TEST_OPTIONS))
	meson test -C $(TEST_DIR) --print-errorlogs
	@export CC=clang CXX=clang++; $(call configure,$(CLANG_TEST_DIR),$(TEST_OPTIONS))
	meson compile -C $(CLANG_TEST_DIR) $(CLANG_TEST_TARGETS)
	meson test -C $(CLANG_TEST_DIR) --no-rebuild --print-errorlogs $(CLANG_TEST_SUITES)
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson test -C $(BUILD_DIR) --print-errorlogs

# Only the nyash binary: the demo needs nothing else, and a fresh clone builds it in a few minutes.
demo: deps
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR) nyash
	python3 scripts/demo.py --nyash $(BUILD_DIR)/nyash tests/conformance

fuzz:
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR) nyash
	python3 tests/fuzz/differential.py --nyash $(BUILD_DIR)/nyash --duration $(DURATION) --reduce

# make bench: Google Benchmark over perf/programs on every engine of the release build, JSON into perf/results/.
# make compare: the head-to-head runner (pure build per engine and compiler), writes docs/results.md.
.PHONY: bench compare
bench: release
	mkdir -p perf/results
	$(BUILD_DIR)/perf/bench_engines --benchmark_out=perf/results/bench_engines.json --benchmark_out_format=json perf/programs

compare:
	perf/compare --lua --compilers c++,clang++ --out docs

deps:
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
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
	rm -rf $(BUILD_DIR) $(TEST_DIR) $(CLANG_TEST_DIR)
