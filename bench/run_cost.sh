#!/usr/bin/env bash
# How close `miwb-cli run --dry-run` comes to the real time (issue 15: within a factor of 3 on a small
# example): for the ksg-vs-n example and a kde-upper + binning plane on a small conv-net-like store
# (bench/plane_scale_reference.py gen), the dry run's estimate and the run's task time, same threads,
# one after the other. Prints both and their ratio.
#
# Usage: bench/run_cost.sh [BUILD_DIR] [THREADS] [N]     defaults: build 2 3000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
threads=${2:-2}
n=${3:-3000}
cli=$build/bin/miwb-cli
work=$(mktemp -d "${TMPDIR:-/tmp}/run_cost.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x "$cli" ] || { echo "error: $cli not found; build miwb-cli first" >&2; exit 2; }

/usr/bin/python3 "$here/plane_scale_reference.py" gen --n "$n" --epochs 2 --layers conv:1568,fc:256 --out "$work/store.npz"
cat > "$work/plane.json" <<JSON
{ "schema": "miwb.experiment/1", "name": "small plane", "kind": "information-plane", "seed": 1,
  "dataset": { "id": "activations", "params": { "path": "$work/store.npz" } },
  "estimators": [ { "id": "kde-upper", "params": { "noise_variance": 0.1 } },
                  { "id": "binning", "params": { "bins": 30, "range": [-1, 1] } } ],
  "grid": { "layers": "all", "epochs": "all", "samples": "all" } }
JSON
echo "load before: $(uptime)"
for exp in "$here/../resources/examples/ksg-vs-n.json" "$work/plane.json"; do
  estimate=$("$cli" run --dry-run "$exp" --threads "$threads")
  "$cli" run "$exp" --out "$work/run-$(basename "$exp" .json)" --threads "$threads" > "$work/run.log"
  est_s=$(sed -n 's/.*(\([0-9.e+-]*\) s) on.*/\1/p' <<< "$estimate")
  real_s=$(sed -n 's/.* s preparing the dataset, \([0-9.e+-]*\) s running tasks/\1/p' "$work/run.log")
  echo "$estimate"
  /usr/bin/python3 -c "import sys; e, r = map(float, sys.argv[1:]); print(f'  estimated {e:.2f} s, ran {r:.2f} s: real / estimate = {r / e:.2f}')" "$est_s" "$real_s"
done
echo "load after:  $(uptime)"
