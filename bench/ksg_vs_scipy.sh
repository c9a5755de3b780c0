#!/usr/bin/env bash
# KSG speed and agreement: miwb against a scipy cKDTree reference on the same .npy files.
#   bench/ksg_vs_scipy.sh [BUILD_DIR] [THREADS] [REPEATS] [CASES]
# BUILD_DIR defaults to ./build; THREADS to the number of cores (scipy uses workers=-1, all cores);
# CASES to "10000:1,100000:1,1000000:1,10000:5,100000:5" (N:d, d columns in each of X and Y).
# Times BUILD_DIR/bin/miwb-cli estimate (the whole process) against bench/ksg_reference.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
threads=${2:-$(nproc)}
repeats=${3:-3}
cases=${4:-10000:1,100000:1,1000000:1,10000:5,100000:5}
if [[ ! -x $build/bin/miwb-cli ]]; then
  echo "error: $build/bin/miwb-cli does not exist; build it first (ninja -C $build miwb-cli miwb-estimator-ksg)" >&2
  exit 2
fi
tool=("$build/bin/miwb-cli" estimate)
# Debian's python has python3-scipy; a pyenv python3 on PATH may not.
exec /usr/bin/python3 "$root/bench/ksg_reference.py" compare --tool "${tool[@]}" --threads "$threads" --repeats "$repeats" --cases "$cases"
