# The two README commands (demo, test) and the other developer entry points.
# Only deps installs packages (scripts/install-deps, apt-get); demo and test call it first, so a
# fresh Debian 12 machine works. build, samples, bench and install never do.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc)
PREFIX     ?= /usr/local
FUZZ_SECONDS ?= 30

CMAKE_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build samples demo test test-release test-asan bench fuzz format format-check install clean

# Prerequisites run in the order written (deps before build); the parallelism is ninja's.
.NOTPARALLEL:

all: build

deps:
	@scripts/install-deps

build:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DHALLMARK_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

samples:
	@scripts/make-samples samples

demo: deps build samples
	@scripts/demo $(BUILD)/hallmark samples

# Everything twice: an optimised gcc build, then a clang build with AddressSanitizer + UBSan
# and assert() on (so both compilers see every change, and every assert runs), after a
# clang-format check.
test: deps format-check test-release test-asan

test-release: build samples
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: samples
	CXX=clang++ cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DHALLMARK_WERROR=ON \
	  -DHALLMARK_SANITIZE="address;undefined" -DHALLMARK_ASSERTS=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

bench: build samples
	@bench/run $(BUILD)

fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DHALLMARK_FUZZ=ON -DHALLMARK_TESTS=OFF -DHALLMARK_SANITIZE="address;undefined" >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.h')

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
