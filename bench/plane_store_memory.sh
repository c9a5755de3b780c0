#!/bin/bash
# Peak memory of reading a ~2 GB activation store slice by slice (docs/activations.md: a store larger than
# memory must work). Writes the store with numpy in three forms (savez = stored, savez_compressed =
# deflated, h5py), reads every slice with libmiwb-core and reports the peak resident set size from
# /usr/bin/time -v. The files go to a temporary folder and are deleted afterwards.
#
#   bench/plane_store_memory.sh [BUILD_DIR]     (BUILD_DIR holds lib/libmiwb-core.so and libmiwb-stores.so; default ./build)
#
# Needs Debian's /usr/bin/python3 with numpy and h5py, about 7 GB of free disk, and a few minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
[ -f "$build/lib/libmiwb-core.so" ] || { echo "error: $build/lib/libmiwb-core.so not found; build miwb-core first" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/plane-store-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT

g++ -std=c++20 -O2 -o "$work/read_store" "$here/plane_store_memory.cpp" -I"$here/../core/include" -I"$here/../stores/include" -I"$build/core/include" \
  $(pkg-config --cflags --libs Qt6Core eigen3) -fPIC -L"$build/lib" -lmiwb-core -lmiwb-stores -Wl,-rpath,"$build/lib"

# 2 layers x 50 epochs x 10000 samples x 500 units of float32 = 2.0 GB; one slice is 20 MB
# (40 MB as float64). Values are tanh of a smooth signal, quantised to 1/1024 as network
# activations are, so that the compressed form compresses like real data rather than noise.
/usr/bin/python3 - "$work" <<'PY'
import sys, numpy as np, h5py
out = sys.argv[1]
E, N, U = 50, 10000, 500
rng = np.random.default_rng(0)
x = rng.standard_normal((N, 12))
y = rng.integers(0, 2, N)
arrays = {"x": x, "y": y, "epochs": np.arange(E) * 10, "layers": np.array(["h1", "h2"])}
total = 0.0
for name in ("h1", "h2"):
    w = rng.standard_normal((12, U)) / 4
    act = np.empty((E, N, U), np.float32)
    for e in range(E):
        act[e] = np.round(np.tanh(x @ w * (1 + e / 10)) * 1024) / 1024
    arrays["act/" + name] = act
    total += act.astype(np.float64).sum()
np.savez(out + "/stored.npz", **arrays)
np.savez_compressed(out + "/compressed.npz", **arrays)
with h5py.File(out + "/store.h5", "w") as f:
    for k, v in arrays.items():
        f[k] = v.astype("S") if k == "layers" else v
print("numpy checksum %.17g" % total)
PY
ls -l "$work"/*.npz "$work"/*.h5 | awk '{printf "%s  %.2f GB\n", $NF, $5 / 1e9}'
for store in stored.npz compressed.npz store.h5; do
  /usr/bin/time -v "$work/read_store" "$work/$store" 2> "$work/time.txt"
  peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  echo "$store: peak RSS $((peak / 1024)) MiB"
done
