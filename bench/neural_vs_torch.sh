#!/usr/bin/env bash
# The workbench's neural critic against PyTorch on the CPU: the same joint critic (MLP 16-8 ReLU on
# all K^2 pairs), bound (InfoNCE), optimiser (Adam, lr 0.1), batch (K = 256) and number of steps, on
# the same .npy files, at 1 and 2 threads; milliseconds per step (best of REPEATS) and the ratios.
#   bench/neural_vs_torch.sh [BUILD_DIR] [STEPS] [REPEATS] [PRECISIONS]
# BUILD_DIR (default build) must hold bin/miwb-bench-neural (ninja -C build miwb-bench-neural);
# STEPS defaults to 300, REPEATS to 2, PRECISIONS to "float64 float32" (the workbench's 'precision').
# PyTorch (Debian's python3-torch) runs in float32, its default, and float64, each with the pair
# matrix built as bmi builds it ("pairs") and with the workbench's split first layer ("split").
# The machine may be shared: the load average is printed before and after; take the best of repeats.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
steps=${2:-300}
repeats=${3:-2}
precisions=${4:-float64 float32}
bench=$build/bin/miwb-bench-neural
[[ -x $bench ]] || { echo "error: $bench does not exist; build it first (ninja -C $build miwb-bench-neural)" >&2; exit 2; }
py=/usr/bin/python3
"$py" -c 'import torch' 2>/dev/null || { echo "error: $py cannot import torch; install python3-torch" >&2; exit 2; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$py" "$root/bench/neural_vs_torch.py" data "$data" 10000 5 5 1

best() {  # best ms_per_step of REPEATS runs of the command
  local b=""
  for ((r = 0; r < repeats; ++r)); do
    local ms
    ms=$("$@" | sed -n 's/.*ms_per_step=\([0-9.]*\).*/\1/p')
    b=$(awk -v a="$ms" -v b="$b" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  echo "$b"
}

echo "load before: $(uptime)"
declare -A ms
for t in 1 2; do
  for p in $precisions; do
    ms[ours-$p-$t]=$(best "$bench" "$data/x.npy" "$data/y.npy" "$steps" "$t" infonce joint 16,8 relu 256 0.1 "$p")
  done
  for dt in float32 float64; do
    for form in pairs split; do
      ms[torch-$dt-$form-$t]=$(best "$py" "$root/bench/neural_vs_torch.py" torch "$data/x.npy" "$data/y.npy" "$steps" "$t" "$dt" "$form")
    done
  done
done
echo "load after: $(uptime)"

printf '\nInfoNCE, joint critic 16-8 ReLU, K = 256, Adam lr 0.1, %s steps (best of %s), ms per step\n' "$steps" "$repeats"
printf '%-34s %10s %10s\n' implementation "1 thread" "2 threads"
for p in $precisions; do
  printf '%-34s %10s %10s\n' "workbench $p" "${ms[ours-$p-1]}" "${ms[ours-$p-2]}"
done
for dt in float32 float64; do
  for form in pairs split; do
    printf '%-34s %10s %10s\n' "pytorch $dt $form" "${ms[torch-$dt-$form-1]}" "${ms[torch-$dt-$form-2]}"
  done
done
# Against PyTorch float32 (its default and its faster type) in each form; at 2 threads against the
# better of PyTorch's 1 and 2 threads (its two threads can lose to one here).
printf '\nratios (PyTorch float32 / workbench):\n'
for form in pairs split; do
  t1=${ms[torch-float32-$form-1]}
  tb=$(awk -v a="$t1" -v b="${ms[torch-float32-$form-2]}" 'BEGIN { print (b < a) ? b : a }')
  for p in $precisions; do
    awk -v f="$form" -v p="$p" -v t1="$t1" -v tb="$tb" -v o1="${ms[ours-$p-1]}" -v o2="${ms[ours-$p-2]}" 'BEGIN {
      printf "  PyTorch %s vs workbench %s: %.2fx at 1 thread, %.2fx at 2 threads (PyTorch best thread count)\n", f, p, t1 / o1, tb / o2 }'
  done
done
for p in $precisions; do
  awk -v p="$p" -v o1="${ms[ours-$p-1]}" -v o2="${ms[ours-$p-2]}" 'BEGIN { printf "  workbench %s: 2 threads %.2fx faster than 1\n", p, o1 / o2 }'
done
