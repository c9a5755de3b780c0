#!/usr/bin/env bash
# Information-plane speed (issue 3): the full tanh example in one command, its split between training
# and estimation, and a plain numpy implementation of the same binning and KDE-upper computations on
# the same stored activations (bench/plane_reference.py). Prints the values' agreement and a table.
#
# Usage: bench/plane_speed.sh [BUILD_DIR] [THREADS]   (defaults: build, 2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
threads=${2:-2}
cli=$build/bin/miwb-cli
py=/usr/bin/python3  # Debian's python with numpy and scipy
work=$(mktemp -d /tmp/plane_speed.XXXXXX)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

# 1. The example as shipped, plus save_path so that the trained activations are kept.
"$py" - "$root/resources/examples/tanh-plane.json" "$work" <<'EOF'
import json, sys
exp = json.load(open(sys.argv[1]))
work = sys.argv[2]
exp["dataset"]["params"]["save_path"] = work + "/store.npz"
json.dump(exp, open(work + "/full.json", "w"), indent=1)
exp["dataset"] = {"id": "activations", "params": {"path": work + "/store.npz"}}
json.dump(exp, open(work + "/estimate.json", "w"), indent=1)
EOF

echo "load before: $(uptime)"
t0=$(now)
"$cli" run "$work/full.json" --out "$work/full" --threads "$threads" > "$work/full.log" 2>&1
t1=$(now)
# 2. Estimation alone: the same plane read back from the saved store.
/usr/bin/time -f "cpu=%U %S" -o "$work/estimate.cpu" \
  "$cli" run "$work/estimate.json" --out "$work/estimate" --threads "$threads" > "$work/estimate.log" 2>&1
t2=$(now)
# 3. The numpy reference on the same store (its clock excludes loading the .npz).
"$py" "$here/plane_reference.py" "$work/store.npz" --out "$work/reference.csv" 2> "$work/reference.log"
echo "load after:  $(uptime)"

"$py" - "$work" "$t0" "$t1" "$t2" "$threads" <<'EOF'
import csv, re, sys
work, t0, t1, t2, threads = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
full, est = t1 - t0, t2 - t1
numpy_s = float(re.search(r"seconds=([0-9.]+)", open(work + "/reference.log").read()).group(1))

def load(path, key):
    return {key(r): float(r["value_nats"]) for r in csv.DictReader(open(path))}

ref = load(work + "/reference.csv", lambda r: (r["layer"], int(r["epoch"]), r["estimator"], r["quantity"]))
for run in ("full", "estimate"):
    wb = load(work + "/" + run + "/results.csv",
              lambda r: (r["layer"], int(r["epoch"]), r["estimator_id"], r["quantity"]))
    assert set(wb) == set(ref), f"{run}: the workbench and the reference cover different tasks"
    for estimator in ("binning", "kde-upper"):
        keys = [k for k in ref if k[2] == estimator]
        worst = max(abs(wb[k] - ref[k]) / max(abs(ref[k]), 1e-12) for k in keys)
        absd = max(abs(wb[k] - ref[k]) for k in keys)
        print(f"{run:8s} {estimator:9s}: {len(keys)} values, max |diff| {absd:.2e} nats, max relative {worst:.2e}")

def split(run):
    m = re.search(r"time: ([0-9.e+-]+) s preparing the dataset, ([0-9.e+-]+) s running tasks", open(work + "/" + run + ".log").read())
    return (float(m.group(1)), float(m.group(2))) if m else (float("nan"), float("nan"))

training, full_tasks = split("full")
est_open, est_tasks = split("estimate")
numpy_cpu = float(re.search(r"cpu=([0-9.]+)", open(work + "/reference.log").read()).group(1))
user, system = re.search(r"cpu=([0-9.]+) ([0-9.]+)", open(work + "/estimate.cpu").read()).groups()
est_cpu = float(user) + float(system)
print()
print(f"{'':46s}{'seconds':>10s}")
print(f"{'workbench full plane, one command (wall)':46s}{full:10.2f}")
print(f"{'  training (mlp-training, in that command)':46s}{training:10.2f}")
print(f"{'  estimation (tasks, in that command)':46s}{full_tasks:10.2f}")
print(f"{'workbench estimation alone, store read back':46s}{est:10.2f}")
print(f"{'  of which reading the store':46s}{est_open:10.2f}")
print(f"{'  of which tasks':46s}{est_tasks:10.2f}")
print(f"{'  CPU time of that command (user + sys)':46s}{est_cpu:10.2f}")
print(f"{'numpy estimation (wall; CPU ' + format(numpy_cpu, '.1f') + ' s)':46s}{numpy_s:10.2f}")
print(f"{'ratio numpy / workbench estimation (tasks)':46s}{numpy_s / full_tasks:10.1f}x   ({threads} threads)")
print(f"{'ratio numpy / workbench estimation-alone run':46s}{numpy_s / est:10.1f}x   (whole command)")
print(f"{'ratio of CPU times (numpy / estimation alone)':46s}{numpy_cpu / est_cpu:10.1f}x")
EOF
