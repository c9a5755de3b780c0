#!/usr/bin/env bash
# Cost of intervals on the tanh plane (issue 10): trains the tanh example once (saving its
# activations), then times the plane's estimation from the saved store without intervals and with
# "uncertainty": {"resamples": 100}. The halves hold N/2 rows, so B = 100 should cost well under
# 100 times the plane (about 50x for binning, which is linear in N; about 25x for KDE, quadratic).
#
# Usage: bench/trust_plane_intervals.sh [BUILD_DIR] [THREADS] [EPOCHS]   (defaults: build, 2, 1000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
threads=${2:-2}
epochs=${3:-1000}
cli=$build/bin/miwb-cli
work=$(mktemp -d /tmp/trust_plane.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$root/resources/examples/tanh-plane.json" "$work" "$epochs" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1]))
work, epochs = sys.argv[2], int(sys.argv[3])
exp["dataset"]["params"]["save_path"] = work + "/store.npz"
exp["dataset"]["params"]["epochs"] = epochs
json.dump(exp, open(work + "/train.json", "w"), indent=1)
exp["dataset"] = {"id": "activations", "params": {"path": work + "/store.npz"}}
for label, ests in (("binning", exp["estimators"][:1]), ("kde", exp["estimators"][1:])):
    plain = dict(exp, estimators=ests)
    json.dump(plain, open(f"{work}/{label}-plain.json", "w"), indent=1)
    json.dump(dict(plain, uncertainty={"resamples": 100, "level": 0.9}), open(f"{work}/{label}-ci.json", "w"), indent=1)
PY
"$cli" run "$work/train.json" --out "$work/train" --threads "$threads" > /dev/null
echo "load before: $(uptime)"
for est in binning kde; do
  for kind in plain ci; do
    start=$(date +%s.%N)
    "$cli" run "$work/$est-$kind.json" --out "$work/$est-$kind" --threads "$threads" > /dev/null
    end=$(date +%s.%N)
    echo "$est $kind $(python3 -c "print(f'{$end - $start:.2f}')")" >> "$work/times"
  done
done
echo "load after:  $(uptime)"
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
t = {}
for line in open(work + "/times"):
    est, kind, s = line.split()
    t[(est, kind)] = float(s)
for est in ("binning", "kde"):
    rows = list(csv.DictReader(open(f"{work}/{est}-ci/results.csv")))
    ok = all(float(r["ci_low_nats"]) <= float(r["value_nats"]) <= float(r["ci_high_nats"]) for r in rows)
    print(f"{est}: plane {t[(est, 'plain')]:.2f} s, with B = 100 intervals {t[(est, 'ci')]:.2f} s "
          f"({t[(est, 'ci')] / t[(est, 'plain')]:.1f}x; {len(rows)} rows, every interval holds its estimate: {ok})")
PY
