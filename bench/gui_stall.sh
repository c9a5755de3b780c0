#!/usr/bin/env bash
# Benchmark (not a test): the longest GUI event-loop stall while an information-plane experiment
# computes in the real window. A 5 ms timer records the gaps between its ticks; the aim is < 50 ms.
#   bench/gui_stall.sh [BUILD_DIR] [EXPERIMENT.json]
# Default experiment: the bundled tanh information-plane example (a full one if present, else the
# quick one at the 12-bit task's usual 1000 epochs).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
experiment="${2:-}"
if [[ -z "$experiment" ]]; then
  for candidate in "$here"/resources/examples/*tanh*.json; do
    [[ "$candidate" == *quick* ]] && continue
    experiment="$candidate"
    break
  done
fi
if [[ -z "$experiment" ]]; then
  experiment="$(mktemp --suffix=.json)"
  sed 's/"epochs": 400, "recorded_epochs": 24/"epochs": 1000, "recorded_epochs": 40/' \
    "$here/resources/examples/ib12bit-tanh-binning-quick.json" > "$experiment"
fi
echo "experiment: $experiment"
if [[ -n "${DISPLAY:-}" ]]; then
  "$build/bin/miwb-bench-gui-stall" "$experiment"
else
  xvfb-run -a -s "-screen 0 1600x1000x24" "$build/bin/miwb-bench-gui-stall" "$experiment"
fi
