#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIWB_ONLY= > /dev/null
cmake --build build --parallel "$(nproc)"
ctest --test-dir build --output-on-failure --parallel 2
