#!/usr/bin/env bash
# Speed and accuracy of the neural estimators with their default settings on a 2-nat task:
# 5 + 5 dimensional Gaussian pairs (rho per coordinate so that the total MI is 2 nats), N = 10000,
# 2 threads. Target: each estimator under a minute on 2 cores.
#   usage: bench/neural_speed.sh [BUILD_DIR] [ESTIMATOR...]
# BUILD_DIR (default: build) must hold bin/miwb-cli and the neural and gaussian plugins.
# Prints wall seconds (as miwb-cli measures them), CPU seconds of the process, the estimate and its
# error against the truth. On a busy machine compare CPU seconds / 2 with the target.
set -euo pipefail
build=${1:-build}
shift || true
ids=("$@")
[ ${#ids[@]} -eq 0 ] && ids=(dv mine nwj infonce smile wdm)
cli=$build/bin/miwb-cli
[ -x "$cli" ] || { echo "error: $cli not found; build miwb-cli and the plugins first" >&2; exit 2; }

truth=2.0
rho=$(awk -v mi=$truth 'BEGIN { printf "%.17g", sqrt(1 - exp(-2 * mi / 5)) }')
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$cli" sample -d gaussian -p dim=5 -p rho="$rho" -n 10000 --seed 1 --out "$data" >/dev/null

printf '%-8s %8s %8s %9s %8s %8s %s\n' estimator wall_s cpu_s value stderr truth error
for id in "${ids[@]}"; do
  TIMEFORMAT='%U %S'
  { time "$cli" estimate -e "$id" --x "$data/x.npy" --y "$data/y.npy" --threads 2 --seed 1 --json \
      >"$data/$id.json"; } 2>"$data/$id.time"
  python3 - "$data/$id.json" "$data/$id.time" "$truth" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
user, system = (float(v) for v in open(sys.argv[2]).read().split()[-2:])
truth = float(sys.argv[3])
note = "(dependency measure, not MI)" if d["estimator"] == "wdm" else "%+.1f %%" % (100 * (d["mi_nats"] - truth) / truth)
print("%-8s %8.1f %8.1f %9.4f %8.4f %8.2f %s" % (d["estimator"], d["seconds"], user + system, d["mi_nats"],
      d["stderr_nats"] or float("nan"), truth, note))
PY
done
