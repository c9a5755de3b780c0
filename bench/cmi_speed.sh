#!/usr/bin/env bash
# Conditional-MI speed and agreement: ksg's Frenzel-Pompe against a scipy cKDTree reference on the
# same files (miwb-cli sample -d gaussian-cmi), and the cost of P permutations against one estimate.
#   bench/cmi_speed.sh [BUILD_DIR] [THREADS] [REPEATS] [CASES] [PERMUTATIONS]
# BUILD_DIR defaults to ./build; THREADS to the number of cores (scipy uses workers=-1, all cores);
# CASES to "100000:1,100000:3" (N:d, d columns in each of X, Y and Z); PERMUTATIONS to 100.
# miwb's time is the "seconds" of its JSON (the estimate, without reading the files), scipy's the
# reference's compute time; both see the files already in the page cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
threads=${2:-$(nproc)}
repeats=${3:-3}
cases=${4:-100000:1,100000:3}
permutations=${5:-100}
if [[ ! -x $build/bin/miwb-cli ]]; then
  echo "error: $build/bin/miwb-cli does not exist; build it first (ninja -C $build miwb-cli miwb-estimator-ksg miwb-dataset-gaussian-cmi)" >&2
  exit 2
fi
echo "machine: $(nproc) cores; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
exec /usr/bin/python3 "$root/bench/cmi_reference.py" compare --cli "$build/bin/miwb-cli" --threads "$threads" \
  --repeats "$repeats" --cases "$cases" --permutations "$permutations"
