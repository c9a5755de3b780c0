#!/usr/bin/env bash
# Screen speed at the ABIDE shape (N = 1050 subjects x F = 150 000 features, float64, 1.26 GB):
# miwb-cli screen with gaussian, binning, ksg and kde-fft on 2 threads (time, features/s, peak RSS),
# then, on the first SUBSET features and one core each, the same screen against sklearn's
# mutual_info_regression (the same KSG, k = 3) and a numpy/scipy FFT-KDE of kde-fft's method
# (bench/screen_reference.py), whose values must agree with kde-fft's.
#
#   bench/screen_speed.sh [DIR]     (env: BUILD, N, F, SUBSET, PYTHON)
#
# On a shared machine, run it holding the lock (/work/tools/cpu bench/screen_speed.sh): it prints the
# load before and after. The data is generated once into DIR (default /tmp/miwb-screen-bench).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
cli=$build/bin/miwb-cli
dir=${1:-/tmp/miwb-screen-bench}
n=${N:-1050}
f=${F:-150000}
subset=${SUBSET:-1000}
python=${PYTHON:-/usr/bin/python3}
reference=$here/bench/screen_reference.py
mkdir -p "$dir"

if [[ ! -f $dir/x_${n}_${f}.npy ]]; then
  echo "generating $n x $f features in $dir"
  "$python" "$reference" make "$dir/x_${n}_${f}.npy" "$dir/y_${n}.npy" "$n" "$f"
fi
x=$dir/x_${n}_${f}.npy
y=$dir/y_${n}.npy
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "features: $x ($(du -h "$x" | cut -f1))"

seconds_of() {  # screen.json's seconds for the one estimator
  "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['estimators'][0]['seconds'])" "$1/screen.json"
}

printf '\n%-10s %10s %10s %14s %12s\n' estimator wall_s estimate_s features_per_s peak_rss_MB
for estimator in gaussian binning ksg kde-fft; do
  out=$dir/full_$estimator
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$cli" screen --x "$x" --y "$y" -e "$estimator" --threads 2 \
    --max-memory 512M --out "$out" > /dev/null
  read -r wall rss < "$dir/time.txt"
  estimate=$(seconds_of "$out")
  printf '%-10s %10.1f %10.1f %14.0f %12.0f\n' "$estimator" "$wall" "$estimate" \
    "$(echo "$f / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done

echo
echo "one core, first $subset features:"
"$python" -c "import numpy as np,sys; x=np.load(sys.argv[1],mmap_mode='r'); np.save(sys.argv[2], np.ascontiguousarray(x[:, :int(sys.argv[3])]))" \
  "$x" "$dir/subset.npy" "$subset"
for estimator in ksg kde-fft; do
  "$cli" screen --x "$dir/subset.npy" --y "$y" -e "$estimator" --threads 1 --out "$dir/subset_$estimator" > /dev/null
  s=$(seconds_of "$dir/subset_$estimator")
  printf 'miwb_%s features=%d seconds=%.3f features_per_second=%.1f\n' "$estimator" "$subset" "$s" "$(echo "$subset / $s" | bc -l)"
done
"$python" "$reference" sklearn "$dir/subset.npy" "$y" "$subset"
"$python" "$reference" kde "$dir/subset.npy" "$y" "$subset" 64 > "$dir/kde_reference.txt"
head -1 "$dir/kde_reference.txt"
# kde-fft's values against the reference's, feature by feature.
"$python" - "$dir/kde_reference.txt" "$dir/subset_kde-fft/screen.csv" <<'EOF'
import csv, json, sys
reference = json.loads(open(sys.argv[1]).read().split("values ", 1)[1])
ours = {int(r["feature"]): float(r["mi_nats"]) for r in csv.DictReader(open(sys.argv[2]))}
worst = max(abs(ours[j] - v) for j, v in enumerate(reference))
print(f"kde-fft vs the numpy/scipy reference: largest difference {worst:.2e} nats over {len(reference)} features")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
