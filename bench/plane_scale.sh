#!/usr/bin/env bash
# Real-scale information plane (issue 15): a conv-net-like store (N samples, a 1568-unit layer and a
# 256-unit one, E epochs; bench/plane_scale_reference.py gen), the plane under kde-upper, binning and
# ksg with PCA compression to 8 components, each as its own miwb-cli run under /usr/bin/time -v (wall
# time, task time, peak RSS), against numpy/scipy references on the same store with numpy's BLAS
# (OpenBLAS with OPENBLAS_NUM_THREADS = THREADS; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for
# that command so that OpenBLAS picks its own kernel, which OPENBLAS_VERBOSE=2 prints). Also the GEMM
# limit: the KDE sums against the same tile products alone (miwb-bench-pairwise). Prints the values'
# agreement and a table.
#
# Usage: bench/plane_scale.sh [BUILD_DIR] [THREADS] [N] [EPOCHS] [ESTIMATORS]
#   defaults: build 2 10000 2 "kde-upper binning ksg"; needs `ninja miwb-cli miwb-bench-pairwise` and
#   libopenblas0-pthread for numpy. N = 60000 EPOCHS = 1 ESTIMATORS = kde-upper is the MNIST-sized run;
#   LAYERS=conv:1568 sets the layers (default conv:1568,fc:256); GEMM_LIMIT=0 skips the GEMM-limit
#   measurement (which repeats the KDE sums once more); REFERENCE=0 skips the numpy references (at
#   N = 60000 numpy's KDE alone takes tens of minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
threads=${2:-2}
n=${3:-10000}
epochs=${4:-2}
estimators=${5:-kde-upper binning ksg}
cli=$build/bin/miwb-cli
py=/usr/bin/python3
ref="$here/plane_scale_reference.py"
work=$(mktemp -d "${TMPDIR:-/tmp}/plane_scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x "$cli" ] || { echo "error: $cli not found; build miwb-cli first" >&2; exit 2; }

layers=${LAYERS:-conv:1568,fc:256}
"$py" "$ref" gen --n "$n" --epochs "$epochs" --layers "$layers" --out "$work/store.npz"
echo "store: N = $n, layers $layers (name:units), $epochs epochs, $(du -h "$work/store.npz" | cut -f1) (float32)"
echo "numpy: $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" "$ref" blas)"
echo "numpy's OpenBLAS kernel: $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_VERBOSE=2 "$py" -c 'import numpy; numpy.ones((2, 2)) @ numpy.ones((2, 2))' 2>&1 | tr '\n' ' ')"
echo "load before: $(uptime)"

for est in $estimators; do
  case $est in
    kde-upper) params='{"noise_variance": 0.1}'; refcmd=kde ;;
    binning) params='{"bins": 30, "range": [-1, 1]}'; refcmd=binning ;;
    ksg) params='{"k": 3, "standardize": false, "compress": "components", "components": 8}'; refcmd=ksg ;;
    *) echo "error: unknown estimator '$est'" >&2; exit 2 ;;
  esac
  cat > "$work/$est.json" <<JSON
{ "schema": "miwb.experiment/1", "name": "plane scale $est", "kind": "information-plane", "seed": 1,
  "dataset": { "id": "activations", "params": { "path": "$work/store.npz" } },
  "estimators": [ { "id": "$est", "params": $params } ],
  "grid": { "layers": "all", "epochs": "all", "samples": "all" } }
JSON
  /usr/bin/time -v -o "$work/$est.time" "$cli" run "$work/$est.json" --out "$work/$est" --threads "$threads" \
    > "$work/$est.log" 2>&1 || { cat "$work/$est.log" >&2; exit 1; }
  [ "${REFERENCE:-1}" = 1 ] || continue
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" \
    /usr/bin/time -v -o "$work/$est.ref.time" "$py" "$ref" "$refcmd" "$work/store.npz" --workers "$threads" \
    > "$work/$est.ref.csv" 2> "$work/$est.ref.log" || { cat "$work/$est.ref.log" >&2; exit 1; }
done
if [[ " $estimators " == *" kde-upper "* ]] && [ "${GEMM_LIMIT:-1}" = 1 ] && [ -x "$build/bin/miwb-bench-pairwise" ]; then
  for d in $(echo "$layers" | tr ',' '\n' | cut -d: -f2); do
    "$build/bin/miwb-bench-pairwise" "$n" "$d" "$threads" 10 > "$work/gemm-$d.json"
  done
fi
echo "load after:  $(uptime)"

"$py" - "$work" "$epochs" "$estimators" <<'PY'
import csv, json, os, re, sys
work, epochs, estimators = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()

def values(path, key):
    return {key(r): float(r["value_nats"]) for r in csv.DictReader(open(path))}

def rss_mb(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) / 1024

def wall(path):
    text = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", open(path).read()).group(1)
    parts = [float(p) for p in text.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))

rows = []
for est in estimators:
    wb = values(f"{work}/{est}/results.csv", lambda r: (r["layer"], int(r["epoch"]), r["quantity"]))
    has_ref = os.path.exists(f"{work}/{est}.ref.csv")
    if has_ref:
        ref = values(f"{work}/{est}.ref.csv", lambda r: (r["layer"], int(r["epoch"]), r["quantity"]))
        assert set(wb) == set(ref), f"{est}: the workbench and the reference cover different tasks"
        diff = max(abs(wb[k] - ref[k]) for k in ref)
        equal = sum(wb[k] == ref[k] for k in ref)
        print(f"{est:10s}: {len(ref)} values, max |workbench - numpy| {diff:.2e} nats, bit-equal {equal}/{len(ref)}")
    else:
        print(f"{est:10s}: " + ", ".join(f"{k[0]} epoch {k[1]} {k[2]} = {v:.6f}" for k, v in sorted(wb.items())))
    log = open(f"{work}/{est}.log").read()
    m = re.search(r"time: ([0-9.e+-]+) s preparing the dataset, ([0-9.e+-]+) s running tasks", log)
    tasks = float(m.group(2)) if m else float("nan")
    ref_s = float(re.search(r"seconds=([0-9.]+)", open(f"{work}/{est}.ref.log").read()).group(1)) if has_ref else float("nan")
    ref_rss = rss_mb(f"{work}/{est}.ref.time") if has_ref else float("nan")
    rows.append((est, tasks, wall(f"{work}/{est}.time"), rss_mb(f"{work}/{est}.time"), ref_s, ref_rss))
print()
print(f"{'estimator':10s} {'wb tasks s':>10s} {'wb wall s':>10s} {'wb RSS MB':>10s} {'numpy s':>10s} "
      f"{'numpy RSS':>10s} {'numpy/wb':>9s}")
for est, tasks, w, rss, ref_s, ref_rss in rows:
    print(f"{est:10s} {tasks:10.2f} {w:10.2f} {rss:10.0f} {ref_s:10.2f} {ref_rss:10.0f} {ref_s / tasks:8.1f}x")
gemm = [json.load(open(f"{work}/{f}")) for f in sorted(os.listdir(work)) if f.startswith("gemm-")]
if gemm:
    print()
    for g in gemm:
        print(f"GEMM limit, one slice N = {g['n']}, d = {g['d']} ({g['backend']}, {g['threads']} threads): "
              f"kernel sums {g['kernel_seconds']:.2f} s, tile products alone {g['gemm_seconds']:.2f} s "
              f"({g['gemm_gflops']:.1f} GFLOP/s), ratio {g['ratio']:.2f}")
    kde = [r for r in rows if r[0] == "kde-upper"]
    if kde:
        limit = epochs * sum(g["gemm_seconds"] for g in gemm)
        print(f"kde-upper plane tasks / GEMM time of its slices ({epochs} epochs x {len(gemm)} layers): "
              f"{kde[0][1]:.2f} / {limit:.2f} s = {kde[0][1] / limit:.2f}")
PY
