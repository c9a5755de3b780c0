#!/usr/bin/env bash
# Calibration speed (issue 10): ksg at N = 10 000 with 10+10 dims (truth 2 nats) calibrated from an
# empty cache, then the same calibration again (every grid point cached).
#
# Usage: bench/trust_calibration.sh [BUILD_DIR] [THREADS]   (defaults: build, 2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$(dirname "$here")/build}
threads=${2:-2}
cli=$build/bin/miwb-cli
work=$(mktemp -d /tmp/trust_calibration.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data-home   # a fresh, private cache

rho=$(python3 -c 'import math; print(math.sqrt(-math.expm1(-2*2.0/10)))')
"$cli" sample -d gaussian -p dim=10 -p rho="$rho" -n 10000 --seed 99 --out "$work/data" > /dev/null
echo "load before: $(uptime)"
for pass in first cached; do
  start=$(date +%s.%N)
  # CPU time too: on a loaded machine wall time says little, CPU seconds / threads is the 2-core wall.
  /usr/bin/time -f "%U %S" -o "$work/$pass.cpu" \
    "$cli" calibrate -e ksg --x "$work/data/x.npy" --y "$work/data/y.npy" --threads "$threads" --json > "$work/$pass.json"
  end=$(date +%s.%N)
  python3 - "$work/$pass.json" "$pass" "$start" "$end" "$work/$pass.cpu" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
cpu = sum(float(v) for v in open(sys.argv[5]).read().split()[-2:])
print(f"{sys.argv[2]:>6}: {float(sys.argv[4]) - float(sys.argv[3]):7.2f} s wall, {cpu:7.2f} s CPU, estimate {j['estimate_nats']:.3f} nats, "
      f"calibrated {j['calibrated_nats']} in [{j['calibrated_low_nats']}, {j['calibrated_high_nats']}] (truth 2), "
      f"{j['computed_points']} grid points computed, {len(j['curve'])} in the curve")
PY
done
echo "load after:  $(uptime)"
