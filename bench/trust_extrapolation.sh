#!/usr/bin/env bash
# Extrapolation check (issue 10): ksg on 5+5 dims, rho = 0.8, N = 250 .. 8000, 5 repeats; is the
# fitted I_inf closer to the truth than the mean at the largest N?
#
# Usage: bench/trust_extrapolation.sh [BUILD_DIR] [THREADS]   (defaults: build, 2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$(dirname "$here")/build}
threads=${2:-2}
work=$(mktemp -d /tmp/trust_extrapolation.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/exp.json" <<'JSON'
{ "schema": "miwb.experiment/1", "name": "ksg 5+5 extrapolation", "kind": "scaling", "seed": 10,
  "dataset": { "id": "gaussian", "params": { "dim": 5, "rho": 0.8 } },
  "estimators": [ { "id": "ksg", "params": { "k": 3 } } ],
  "grid": { "n": [250, 500, 1000, 2000, 4000, 8000], "repeats": 5 } }
JSON
echo "load before: $(uptime)"
start=$(date +%s.%N)
"$build/bin/miwb-cli" run "$work/exp.json" --out "$work/out" --threads "$threads" > /dev/null
end=$(date +%s.%N)
echo "load after:  $(uptime)"
python3 - "$work/out" "$start" "$end" <<'PY'
import csv, math, sys
out = sys.argv[1]
truth = -2.5 * math.log(1 - 0.8 ** 2)
rows = [r for r in csv.DictReader(open(out + "/results.csv")) if r["status"] == "ok"]
top = max(int(r["n"]) for r in rows)
mean_top = sum(float(r["value_nats"]) for r in rows if int(r["n"]) == top) / sum(1 for r in rows if int(r["n"]) == top)
e = next(csv.DictReader(open(out + "/extrapolation.csv")))
inf = float(e["value_nats"])
print(f"run: {float(sys.argv[3]) - float(sys.argv[2]):.1f} s; truth {truth:.4f} nats")
print(f"mean at N = {top}: {mean_top:.4f} (off by {abs(mean_top - truth):.4f})")
print(f"I_inf = {inf:.4f} [{float(e['ci_low_nats']):.4f}, {float(e['ci_high_nats']):.4f}], b = {float(e['exponent']):.3f}, "
      f"note '{e['note']}' (off by {abs(inf - truth):.4f})")
print("I_inf is closer to the truth" if abs(inf - truth) < abs(mean_top - truth) else "I_inf is NOT closer to the truth")
PY
