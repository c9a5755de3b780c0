#!/usr/bin/env bash
# Installs what is missing, builds, and runs the bundled example experiment.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIWB_ONLY= > /dev/null
cmake --build build --parallel "$(nproc)"
example=${1:-resources/examples/ksg-vs-n.json}
out=${2:-out/$(basename "$example" .json)}
build/bin/miwb-cli run "$example" --out "$out"
