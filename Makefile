# Thin entry points over meson; the build itself is described in meson.build.
#   make deps   install the Debian packages the build needs (apt-get, only the missing ones)
#   make        release build into build/ (the binary is build/nyash)
#   make test   debug build with ASan+UBSan in build-test/, then every test suite
#   make demo   release build, then the seed programs on every backend with timings
#   make clean  remove build/ and build-test/
# WERROR=true turns compiler warnings into errors (CI sets it).

DEB_PACKAGES := meson ninja-build g++ clang catch2 libbenchmark-dev libspdlog-dev libxbyak-dev python3
BUILD_DIR := build
TEST_DIR := build-test
WERROR ?= false
RELEASE_OPTIONS = -Dbuildtype=release -Dwerror=$(WERROR)
TEST_OPTIONS = -Dbuildtype=debug -Db_sanitize=address,undefined -Dwerror=$(WERROR)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# $(call configure,DIR,OPTIONS): set up DIR, or apply OPTIONS to an existing setup.
configure = if [ -f $(1)/build.ninja ]; then meson setup --reconfigure $(1) $(2); else meson setup $(1) $(2); fi

.PHONY: all release test demo deps clean

all: release

release:
	@$(call configure,$(BUILD_DIR),$(RELEASE_OPTIONS))
	meson compile -C $(BUILD_DIR)

test:
	@$(call configure,$(TEST_DIR),$(TEST_OPTIONS))
	meson test -C $(TEST_DIR) --print-errorlogs

demo: release
	python3 scripts/demo.py --nyash $(BUILD_DIR)/nyash tests/conformance

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
	rm -rf $(BUILD_DIR) $(TEST_DIR)
