#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# A unity build (sources compiled in batches) takes a third of the CPU time of one file at a time.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIWB_ONLY= -DCMAKE_UNITY_BUILD=ON > /dev/null
cmake --build build --parallel "$(nproc)"
# Many tests wait on child processes and timers: four at a time keep two cores busy.
ctest --test-dir build --output-on-failure --parallel 4
