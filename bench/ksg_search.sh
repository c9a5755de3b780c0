#!/usr/bin/env bash
# Where the ksg plugin's tiled brute-force scan beats its kd-tree: times `miwb-cli estimate -e ksg`
# with search=kd-tree and search=brute-force on the same dense Gaussian pairs (bmi custom family
# normal-dense, rho = 0.5, dx = dy) for several joint dimensions, and checks that both give the same
# estimate to the last digit. The switch-over (kScanMinDims in miwb/numerics/neighbour_search.h) is
# read off this table.
#   bench/ksg_search.sh [BUILD_DIR] [N] [THREADS] [K] [HALF_DIMS...]
# Defaults: ./build, N = 10000, 2 threads, k = 5, dx = dy in 2 4 5 6 8 10 25.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
n=${2:-10000}
threads=${3:-2}
k=${4:-5}
shift $(( $# < 4 ? $# : 4 ))
halves=("$@")
[[ ${#halves[@]} -gt 0 ]] || halves=(2 4 5 6 8 10 25)
cli=$build/bin/miwb-cli
if [[ ! -x $cli ]]; then
  echo "error: $cli does not exist; build it first (ninja -C $build miwb-cli miwb-estimator-ksg)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "N = $n, k = $k, $threads threads; load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-10s %12s %14s %10s  %s\n' "joint dims" "kd-tree (s)" "brute-force (s)" "ratio" "same estimate"
for half in "${halves[@]}"; do
  "$cli" sample -d bmi -p task=custom -p family=normal-dense -p dx="$half" -p dy="$half" -n "$n" --seed 3 \
    --out "$work/d$half" > /dev/null
  for search in kd-tree brute-force; do
    "$cli" estimate -e ksg -p k="$k" -p search="$search" --x "$work/d$half/x.npy" --y "$work/d$half/y.npy" \
      --threads "$threads" --json > "$work/$search.json"
  done
  python3 - "$work/kd-tree.json" "$work/brute-force.json" "$((2 * half))" <<'PY'
import json, sys
tree, scan = (json.load(open(p)) for p in sys.argv[1:3])
same = "yes" if tree["mi_nats"] == scan["mi_nats"] and tree["stderr_nats"] == scan["stderr_nats"] else \
    f"NO: {tree['mi_nats']!r} vs {scan['mi_nats']!r}"
print(f"{sys.argv[3]:<10} {tree['seconds']:>12.3f} {scan['seconds']:>14.3f} {tree['seconds'] / scan['seconds']:>10.2f}  {same}")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
