#!/usr/bin/env bash
# Installs what is missing and builds the tree into build/: the one configuration that
# scripts/run.sh and scripts/test.sh share, so running both compiles the tree once.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# A unity build (sources compiled in batches) takes a third of the CPU time of one file at a time.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIWB_ONLY= -DCMAKE_UNITY_BUILD=ON > /dev/null
cmake --build build --parallel "$(nproc)"
