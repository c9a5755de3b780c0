#!/usr/bin/env bash
# Regenerates every figure the README and docs show, and the numbers their prose quotes, from the
# current code, so that neither can drift from what the program draws:
#   docs/figures/tanh-plane.png, relu-plane.png   the example planes (miwb-cli run --figures)
#   docs/figures/plane-numbers.md + README        I(X;T) first / peak / last per layer (plane_numbers.py)
#   docs/figures/trust-calibration.png            docs/trust.md's worked example (KSG, 10+10 dims)
#   docs/figures/benchmark-heatmap.png            with --benchmark only (the classical estimators of
#                                                 the bmi example: about a minute on 2 cores)
#   docs/screenshot.png (1920 x 1080), docs/screenshot-1280x800.png
#                                                 the window on the tanh run, drawn offscreen
# Usage: scripts/make-figures.sh [--benchmark] [BUILD_DIR]   (build miwb-cli, its figure module and
# test_journeys first: scripts/build.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
benchmark=0
if [[ ${1:-} == --benchmark ]]; then benchmark=1; shift; fi
build=${1:-$root/build}
cli=$build/bin/miwb-cli
shots=$build/bin/test_journeys
for tool in "$cli" "$shots"; do
  [[ -x $tool ]] || { echo "error: $tool is missing: build first (scripts/build.sh)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/miwb-figures.XXXXXX)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config  # no caches, settings or window state of yours
cd "$root"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for example in tanh relu; do
  start=$(date +%s.%N)
  "$cli" run "resources/examples/$example-plane.json" --out "$work/$example" --figures png > "$work/$example.log"
  printf '%s plane: %.1f s\n' "$example" "$(echo "$(date +%s.%N) - $start" | bc)"
  cp "$work/$example/information-plane.png" "docs/figures/$example-plane.png"
done
python3 scripts/plane_numbers.py docs/figures/plane-numbers.md README.md tanh="$work/tanh" ReLU="$work/relu"

rho=$(python3 -c 'import math; print(math.sqrt(-math.expm1(-2*2.0/10)))')
"$cli" sample -d gaussian -p dim=10 -p rho="$rho" -n 2000 --seed 21 --out "$work/g10" > /dev/null
"$cli" calibrate -e ksg --x "$work/g10/x.npy" --y "$work/g10/y.npy" --figures png --out "$work/cal"
cp "$work/cal/calibration.png" docs/figures/trust-calibration.png

if (( benchmark )); then
  # The README's heatmap: the example without its InfoNCE entry (docs/benchmark.md).
  python3 - "$work/benchmark.json" <<'PY'
import json, sys
doc = json.load(open("resources/examples/benchmark.json"))
doc["estimators"] = [e for e in doc["estimators"] if e["id"] in ("ksg", "gaussian")]
json.dump(doc, open(sys.argv[1], "w"), indent=2)
PY
  "$cli" run "$work/benchmark.json" --out "$work/benchmark" --figures png > /dev/null
  cp "$work/benchmark/benchmark-heatmap.png" docs/figures/benchmark-heatmap.png
fi

# The window on the tanh run's folder, at the two sizes docs/figures.md shows (drawn offscreen by
# the journeys test's screenshots(): the same window, opened on that folder with File > Open results).
MIWB_SCREENSHOT_RUN="$work/tanh" MIWB_SCREENSHOT_DIR="$root/docs" "$build/bin/test_journeys" screenshots > "$work/shots.log" ||
  { cat "$work/shots.log" >&2; exit 1; }
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
git -C "$root" status --short docs README.md
