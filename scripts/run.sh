#!/usr/bin/env bash
# Installs what is missing, builds, and opens the workbench on the bundled tanh information-plane
# example (Saxe et al. 2018, Fig. 1A), starting its run. Without a display it runs the same example
# headless through miwb-cli and prints where the results and figures went.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
example=${1:-resources/examples/tanh-plane.json}
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/miwb --run "$example"
fi
out=${2:-out/$(basename "$example" .json)}
echo "no display: running $example headless into $out"
build/bin/miwb-cli run "$example" --out "$out" --figures png,svg,pdf
