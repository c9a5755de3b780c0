#!/usr/bin/env bash
# The screening benchmark with planted truth (fastHDMI's simulation design, bench/screen_planted.py):
# N samples, F Toeplitz-correlated features, K planted, four outcomes (linear, squared, logistic on
# each); every screener's AUROC of recovering the planted features and its time, then BH at 0.05 on
# permutation p-values on FDR_F features (the false share of the selected features, averaged over REPS
# data sets). BH can select k of m features only when some p <= 0.05 k / m, and a permutation p is at
# least 1 / (1 + P): FDR_F = 200 with P = 999 lets it select from k = 4 up. The BH data sets have
# independent features (rho = 0): with Toeplitz correlation the neighbours of a planted feature depend
# on the outcome too, and selecting them is no false discovery of a marginal test.
#
#   bench/screen_planted.sh [DIR]     (env: BUILD, N, F, K, FDR_F, REPS, PERMUTATIONS, PYTHON)
#
# Run it holding the lock on a shared machine (/work/tools/cpu bench/screen_planted.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
cli=$build/bin/miwb-cli
dir=${1:-/tmp/miwb-screen-planted}
n=${N:-500}
f=${F:-2000}
k=${K:-10}
fdr_f=${FDR_F:-200}
reps=${REPS:-20}
permutations=${PERMUTATIONS:-999}
python=${PYTHON:-/usr/bin/python3}
planted=$here/bench/screen_planted.py
mkdir -p "$dir"
echo "N = $n, F = $f, K = $k; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

"$python" "$planted" make "$dir" "$n" "$f" "$k" 1
for outcome in linear squared logistic_linear logistic_squared; do
  "$cli" screen --x "$dir/x.npy" --y "$dir/y_$outcome.npy" -e gaussian -e binning -p bins=auto -e ksg -e kde-fft \
    --threads 2 --out "$dir/$outcome" > /dev/null
  times=$("$python" -c "import json,sys; print(' '.join(f\"{e['id']}={e['seconds']:.2f}s\" for e in json.load(open(sys.argv[1]))['estimators']))" \
    "$dir/$outcome/screen.json")
  echo "== $outcome ($times)"
  "$python" "$planted" auroc "$dir" "$dir/$outcome/screen.csv"
done

echo "== BH at 0.05, gaussian on the linear outcome, F = $fdr_f, $permutations permutations, $reps data sets"
mkdir -p "$dir/bh"
for rep in $(seq 1 "$reps"); do
  "$python" "$planted" make "$dir/bh" "$n" "$fdr_f" "$k" $((100 + rep)) 0
  "$cli" screen --x "$dir/bh/x.npy" --y "$dir/bh/y_linear.npy" -e gaussian --permutations "$permutations" --fdr bh \
    --threads 2 --seed "$rep" --out "$dir/bh/out" > /dev/null
  "$python" "$planted" auroc "$dir/bh" "$dir/bh/out/screen.csv"
done | tee "$dir/bh/lines.txt"
"$python" -c "
import re, sys
shares = [float(re.search(r'false_share=(\S+)', l).group(1)) for l in open(sys.argv[1])]
counts = [int(re.search(r'selected=(\d+)', l).group(1)) for l in open(sys.argv[1])]
print(f'BH: mean false share {sum(shares) / len(shares):.4f} over {len(shares)} data sets, {sum(counts) / len(counts):.1f} selected on average')
" "$dir/bh/lines.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
