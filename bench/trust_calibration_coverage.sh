#!/usr/bin/env bash
# Coverage of calibrated intervals (issue 10): ksg at N = 2000, 10+10 dims, truth 2 nats, on
# SEEDS held-out data sets. The curve is computed once and then read from the cache, so each
# further data set costs one estimate. Prints each interval and how many hold the truth (a 90 %
# interval should hold it about 90 % of the time).
#
# Usage: bench/trust_calibration_coverage.sh [BUILD_DIR] [THREADS] [SEEDS]   (defaults: build, 2, 20)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$(dirname "$here")/build}
threads=${2:-2}
seeds=${3:-20}
cli=$build/bin/miwb-cli
work=$(mktemp -d /tmp/trust_coverage.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data-home
rho=$(python3 -c 'import math; print(math.sqrt(-math.expm1(-2*2.0/10)))')
echo "load before: $(uptime)"
for seed in $(seq 1 "$seeds"); do
  "$cli" sample -d gaussian -p dim=10 -p rho="$rho" -n 2000 --seed $((1000 + seed)) --out "$work/d$seed" > /dev/null
  "$cli" calibrate -e ksg --x "$work/d$seed/x.npy" --y "$work/d$seed/y.npy" --threads "$threads" --json > "$work/c$seed.json"
done
echo "load after:  $(uptime)"
python3 - "$work" "$seeds" <<'PY'
import json, sys
work, seeds = sys.argv[1], int(sys.argv[2])
held = 0
for s in range(1, seeds + 1):
    j = json.load(open(f"{work}/c{s}.json"))
    lo, hi = j["calibrated_low_nats"], j["calibrated_high_nats"]
    ok = lo <= 2.0 and (hi is None or 2.0 <= hi)
    held += ok
    print(f"seed {1000 + s}: estimate {j['estimate_nats']:.3f} -> {j['calibrated_nats']:.3f} in [{lo:.3f}, {hi if hi is None else round(hi, 3)}]"
          f" {'holds' if ok else 'misses'} the truth")
print(f"{held} of {seeds} intervals hold the truth (level 0.9)")
PY
