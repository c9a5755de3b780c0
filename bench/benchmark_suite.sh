#!/usr/bin/env bash
# Speed of the benchmark kind: the full bmi suite (40 tasks) with ksg (k = 5) and the Gaussian fit
# at one N and a few repeats, through `miwb-cli run`, and where the time goes task by task.
#   bench/benchmark_suite.sh [BUILD_DIR] [THREADS] [N] [REPEATS] [OUT_DIR]
# Defaults: ./build, 2 threads, N = 10000, 5 repeats, a temporary folder. Prints the wall time of the
# whole run, then per task the summed estimator seconds (ksg and gaussian) from results.jsonl,
# slowest first. With OUT_DIR the run folder (journal, benchmark-summary.csv) is kept there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
threads=${2:-2}
n=${3:-10000}
repeats=${4:-5}
if [[ ! -x $build/bin/miwb-cli ]]; then
  echo "error: $build/bin/miwb-cli does not exist; build it first (ninja -C $build miwb-cli)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${5:-$work/out}
cat > "$work/suite.json" <<JSON
{ "schema": "miwb.experiment/1", "name": "bmi suite speed", "kind": "benchmark", "seed": 1,
  "dataset": { "id": "bmi" },
  "estimators": [ { "id": "ksg", "params": { "k": 5 }, "label": "KSG k=5" }, { "id": "gaussian", "label": "Gaussian" } ],
  "grid": { "tasks": "all", "n": [$n], "repeats": $repeats } }
JSON
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; threads $threads; N = $n; repeats $repeats"
start=$(date +%s.%N)
"$build/bin/miwb-cli" run "$work/suite.json" --out "$out" --threads "$threads" > "$work/run.log"
end=$(date +%s.%N)
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out/results.jsonl" "$start" "$end" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
wall = float(sys.argv[3]) - float(sys.argv[2])
per = collections.defaultdict(lambda: collections.defaultdict(float))
for r in rows:
    per[r["benchmark_task"]][r["estimator"]] += r["seconds"]
estimators = sorted({r["estimator"] for r in rows})
total = sum(sum(v.values()) for v in per.values())
failed = sum(r["status"] != "ok" for r in rows)
print(f"wall time: {wall:.1f} s for {len(rows)} tasks ({failed} failed); estimator seconds summed: {total:.1f}")
print(f"{'task':<48}" + "".join(f"{e:>12}" for e in estimators) + f"{'share':>8}")
for task, secs in sorted(per.items(), key=lambda kv: -sum(kv[1].values())):
    s = sum(secs.values())
    print(f"{task:<48}" + "".join(f"{secs[e]:>12.2f}" for e in estimators) + f"{100 * s / total:>7.1f}%")
PY
