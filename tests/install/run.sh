#!/usr/bin/env bash
# make install, as a user of libhallmark meets it: installs the build into a fresh prefix, then
# builds tests/install/consumer against what was installed, once through find_package(hallmark)
# and once through pkg-config, and runs each (it signs, verifies, tampers, verifies).
#   tests/install/run.sh BUILD_DIR CXX [FLAGS]
# FLAGS go to every compile and link (the sanitizers of an instrumented build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD_DIR CXX [FLAGS]}
cxx=${2:?usage: run.sh BUILD_DIR CXX [FLAGS]}
flags=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() { echo "install: $*"; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
lib=$(find "$prefix" -name libhallmark.a)
[ -n "$lib" ] || fail "no libhallmark.a under the prefix"
libdir=$(dirname "$lib")
[ -f "$prefix/include/hallmark/verify.h" ] || fail "no public headers under include/hallmark"
[ -f "$libdir/cmake/hallmark/hallmarkConfig.cmake" ] || fail "no CMake package config"
[ -f "$libdir/pkgconfig/hallmark.pc" ] || fail "no pkg-config file"
[ -x "$prefix/bin/hallmark" ] || fail "no hallmark binary"
# Only the public headers: nothing of src/ is installed.
if find "$prefix/include" -type f ! -path "$prefix/include/hallmark/*" | grep -q .; then
  fail "headers outside include/hallmark were installed"
fi

# find_package(hallmark), as a CMake project would.
mkdir "$work/run-cmake" "$work/run-pc"
cmake -S "$here/consumer" -B "$work/cmake" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$flags" >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; fail "find_package(hallmark) failed"; }
cmake --build "$work/cmake" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "the find_package build failed"; }
# The headers came from the prefix, not from the source tree.
if grep -q -- "-I$(cd "$here/../.." && pwd)/include" "$work/cmake/build.ninja"; then
  fail "the find_package build reads the source tree's headers"
fi
out=$("$work/cmake/consumer" "$work/run-cmake") || fail "find_package consumer: $out"
[ "$out" = "verified tampered" ] || fail "find_package consumer printed: $out"
echo "find_package(hallmark): $out"

# pkg-config, as a Makefile would (a static library: --static for its C libraries).
export PKG_CONFIG_PATH=$libdir/pkgconfig
pc_flags=$(pkg-config --cflags --libs --static hallmark) || fail "pkg-config cannot read hallmark.pc"
[ "$(pkg-config --modversion hallmark)" = "$(sed -n 's/^Version: //p' "$libdir/pkgconfig/hallmark.pc")" ] || fail "modversion"
# shellcheck disable=SC2086  # word splitting of the flags is wanted
"$cxx" -std=c++20 $flags "$here/consumer/consumer.cpp" -o "$work/consumer-pc" $pc_flags \
  2>"$work/pc.log" || { cat "$work/pc.log"; fail "the pkg-config build failed"; }
out=$("$work/consumer-pc" "$work/run-pc") || fail "pkg-config consumer: $out"
[ "$out" = "verified tampered" ] || fail "pkg-config consumer printed: $out"
echo "pkg-config hallmark: $out"
