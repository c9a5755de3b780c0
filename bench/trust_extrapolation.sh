#!/usr/bin/env bash
# Extrapolation check (issue 10): ksg on 5+5 dims, rho = 0.8, N = 250 .. 8000; is the fitted I_inf
# closer to the truth than the mean at the largest N? The answer depends on the draw, so the run is
# repeated for several experiment seeds and the script prints each curve (mean and spread of the
# repeats at every N), each fit, and how many seeds the fit wins.
#
# Usage: bench/trust_extrapolation.sh [BUILD_DIR] [THREADS] [REPEATS] [SEEDS]
#        (defaults: build, 2, 20, "10 11 12 13 14")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$(dirname "$here")/build}
threads=${2:-2}
repeats=${3:-20}
seeds=${4:-10 11 12 13 14}
work=$(mktemp -d /tmp/trust_extrapolation.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "load before: $(uptime)"
start=$(date +%s.%N)
for seed in $seeds; do
  cat > "$work/exp$seed.json" <<JSON
{ "schema": "miwb.experiment/1", "name": "ksg 5+5 extrapolation", "kind": "scaling", "seed": $seed,
  "dataset": { "id": "gaussian", "params": { "dim": 5, "rho": 0.8 } },
  "estimators": [ { "id": "ksg", "params": { "k": 3 } } ],
  "grid": { "n": [250, 500, 1000, 2000, 4000, 8000], "repeats": $repeats } }
JSON
  "$build/bin/miwb-cli" run "$work/exp$seed.json" --out "$work/out$seed" --threads "$threads" > /dev/null
done
end=$(date +%s.%N)
echo "load after:  $(uptime)"
python3 - "$work" "$start" "$end" "$repeats" $seeds <<'PY'
import csv, math, statistics, sys
work, start, end, repeats, seeds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5:]
truth = -2.5 * math.log(1 - 0.8 ** 2)
print(f"{len(seeds)} runs of {repeats} repeats in {end - start:.1f} s; truth {truth:.4f} nats")
wins = 0
for seed in seeds:
    out = f"{work}/out{seed}"
    by_n = {}
    for r in csv.DictReader(open(out + "/results.csv")):
        if r["status"] == "ok":
            by_n.setdefault(int(r["n"]), []).append(float(r["value_nats"]))
    curve = "  ".join(f"{n}: {statistics.mean(v):.3f}+-{statistics.stdev(v):.3f}" for n, v in sorted(by_n.items()))
    top = max(by_n)
    mean_top = statistics.mean(by_n[top])
    e = next(csv.DictReader(open(out + "/extrapolation.csv")))
    inf = float(e["value_nats"])
    closer = abs(inf - truth) < abs(mean_top - truth)
    wins += closer
    print(f"seed {seed}: mean (sd of repeats) {curve}")
    print(f"  I_inf = {inf:.4f} [{float(e['ci_low_nats']):.4f}, {float(e['ci_high_nats']):.4f}], b = {float(e['exponent']):.3f}, "
          f"off by {abs(inf - truth):.4f}; mean at N = {top} off by {abs(mean_top - truth):.4f}: "
          f"{'closer' if closer else 'NOT closer'}; note '{e['note']}'")
print(f"I_inf is closer to the truth than the largest N's mean for {wins} of {len(seeds)} seeds")
PY
