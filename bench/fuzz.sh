#!/usr/bin/env bash
# Runs every libFuzzer harness of tests/fuzz in turn, SECONDS each (default 60), on the clang
# ASan/UBSan tree (built if missing):
#   bench/fuzz.sh [SECONDS] [BUILD_DIR] [HARNESS...]   (BUILD_DIR default: build-asan; all harnesses)
# Each harness keeps its corpus in BUILD_DIR/fuzz-corpus/<harness>, seeded from the test fixtures,
# so a longer run continues where the last stopped. A crash, a sanitizer report, a leak or a hang
# (10 s on one input) stops with the reproducer in BUILD_DIR/fuzz-crashes/: make it a fixture in
# tests/readers/fixtures/, fix it, and run again.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
tree=${2:-build-asan}
source tests/sanitizers/options.sh
harnesses=(fuzz_npy fuzz_npz fuzz_hdf5 fuzz_csv fuzz_experiment)
[ $# -le 2 ] || harnesses=("${@:3}")
if [ ! -f "$tree/build.ninja" ]; then
  scripts/configure-sanitizer-tree.sh "$tree" address,undefined -DMIWB_ONLY= -DMIWB_FUZZ=ON
fi
# The harnesses and the plugins (the experiment harness resolves against their schemas).
plugins=$(grep -ho 'miwb_add_plugin(miwb-[a-z0-9-]*' plugins/*/*/CMakeLists.txt | cut -d'(' -f2)
cmake --build "$tree" --parallel "$(nproc)" --target "${harnesses[@]}" $plugins

seeds() {  # the fixtures each harness starts from
  case $1 in
    fuzz_npy) find tests/stores/fixtures tests/fuzz/seeds/npy tests/readers/fixtures/npy -name '*.npy' ;;
    fuzz_npz) find tests/stores/fixtures tests/readers/fixtures/npz -name '*.npz' ;;
    fuzz_hdf5) find tests/stores/fixtures tests/readers/fixtures/hdf5 -name '*.h5' ;;
    fuzz_csv) find tests/fuzz/seeds/csv tests/readers/fixtures/csv -name '*.csv' ;;
    fuzz_experiment) find resources/examples tests/readers/fixtures/experiment -maxdepth 1 -name '*.json' ;;
  esac 2>/dev/null || true  # a fixture folder may not exist yet
}
dictionary() {
  case $1 in
    fuzz_npy) echo "-dict=tests/fuzz/npy.dict" ;;
    fuzz_experiment) echo "-dict=tests/fuzz/experiment.dict" ;;
  esac
}

mkdir -p "$tree/fuzz-crashes"
for h in "${harnesses[@]}"; do
  corpus="$tree/fuzz-corpus/$h"
  mkdir -p "$corpus"
  seeds "$h" | while read -r f; do cp -n "$f" "$corpus/"; done
  echo "fuzzing $h for ${seconds} s ($(ls "$corpus" | wc -l) inputs in the corpus)"
  if ! "$tree/fuzz/$h" "$corpus" $(dictionary "$h") -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=0 -close_fd_mask=1 \
      -artifact_prefix="$tree/fuzz-crashes/$h-" > "$tree/fuzz-$h.log" 2>&1; then
    tail -n 60 "$tree/fuzz-$h.log"
    echo "error: $h found a failing input: $(ls -t "$tree/fuzz-crashes/$h-"* 2>/dev/null | head -1)" >&2
    exit 1
  fi
  grep -E '^#[0-9]+[[:space:]]+DONE' "$tree/fuzz-$h.log" | tail -1 || true
done
