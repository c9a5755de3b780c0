#!/usr/bin/env bash
# Configures a clang build tree instrumented with the given sanitizers:
#   scripts/configure-sanitizer-tree.sh DIR SANITIZERS [cmake arguments...]
#   e.g. scripts/configure-sanitizer-tree.sh build-asan address,undefined -DMIWB_FUZZ=ON
# RelWithDebInfo at -O1 with line tables only: exact stack traces, and a build from scratch that
# fits the CI budget (a unity build, like the Release tree's). Every report is fatal
# (-fno-sanitize-recover=all). No Python module: python3 cannot load instrumented libraries unpreloaded.
set -euo pipefail
dir=$1 sanitize=$2
shift 2
flags="-fsanitize=$sanitize -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S "$(dirname "$0")/.." -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  -DCMAKE_SHARED_LINKER_FLAGS="$flags" -DCMAKE_MODULE_LINKER_FLAGS="$flags" -DMIWB_PYTHON=OFF "$@" > /dev/null
