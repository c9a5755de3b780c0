#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
# Many tests wait on child processes and timers: four at a time keep two cores busy.
ctest --test-dir build --output-on-failure --parallel 4
