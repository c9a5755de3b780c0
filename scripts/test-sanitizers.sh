#!/usr/bin/env bash
# CI: the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, the fuzz harnesses
# for a bounded time on that same tree, then the thread-running tests under ThreadSanitizer. Any
# sanitizer report fails the step. Each phase prints its wall time.
#   scripts/test-sanitizers.sh [asan|fuzz|tsan]...   (default: all three, in that order)
# Trees: build-asan (clang; the suite, and the fuzz harnesses, whose coverage instrumentation only
# the readers carry), build-tbb-tsan (Debian's libtbb rebuilt with TSan) and build-tsan (only what
# the TSan tests need). docs/reliability.md gives what each step costs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
source tests/sanitizers/options.sh
timed() {
  local what=$1 start=$SECONDS
  shift
  "$@"
  echo "sanitizers: $what took $((SECONDS - start)) s"
}
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(asan fuzz tsan)
for step in "${steps[@]}"; do
  case $step in
    asan)
      scripts/configure-sanitizer-tree.sh build-asan address,undefined -DMIWB_ONLY= -DMIWB_FUZZ=ON
      timed "the ASan/UBSan build" cmake --build build-asan --parallel "$(nproc)"
      timed "the ASan/UBSan suite" ctest --test-dir build-asan --output-on-failure --parallel 3
      ;;
    fuzz)
      # About a minute in all. fuzz_hdf5 runs only in bench/fuzz.sh: within seconds it reaches
      # inputs on which libhdf5 itself spends minutes (docs/reliability.md), so in CI it would fail
      # runs at random on a library we cannot mend.
      fuzz=(timed "fuzzing" bench/fuzz.sh 12 build-asan fuzz_npy fuzz_npz fuzz_csv fuzz_experiment)
      if [[ " ${steps[*]} " == *" tsan "* ]]; then
        # One core is enough for libFuzzer: it runs beside the TSan step's builds, and reports after.
        "${fuzz[@]}" > build-asan/fuzz-step.log 2>&1 &
        fuzz_pid=$!
      else
        "${fuzz[@]}"
      fi
      ;;
    tsan)
      # The tests that run threads: the runner (plane and scaling kinds on 2 threads), the registry's
      # loading on demand, estimators called concurrently, the GUI's run controller (test_threads).
      # They run on a libtbb built with TSan (scripts/build-tbb-tsan.sh says why).
      timed "the TSan libtbb" scripts/build-tbb-tsan.sh build-tbb-tsan
      plugins=(estimator-gaussian estimator-ksg estimator-binning estimator-kde estimator-spectral estimator-neural
               dataset-gaussian dataset-activations dataset-mlp-training dataset-ib12bit)
      scripts/configure-sanitizer-tree.sh build-tsan thread \
        -DMIWB_ONLY="runner;registry;threads;fixtures;gaussian;ksg;binning;kde;spectral;neural;activations;mlp-training;ib12bit"
      timed "the TSan build" cmake --build build-tsan --parallel "$(nproc)" \
        --target test_runner test_registry test_threads "${plugins[@]/#/miwb-}"
      export LD_LIBRARY_PATH="$PWD/build-tbb-tsan/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      if ! ldd build-tsan/bin/test_threads | grep -q "build-tbb-tsan/lib/libtbb"; then
        echo "error: build-tsan/bin/test_threads does not load build-tbb-tsan/lib/libtbb.so.12" >&2
        exit 1
      fi
      timed "the TSan tests" ctest --test-dir build-tsan --output-on-failure --parallel 2 -R '^(test_runner|test_registry|test_threads)$'
      ;;
    *) echo "error: unknown step '$step' (use asan, fuzz or tsan)" >&2; exit 2 ;;
  esac
done
if [ -n "${fuzz_pid:-}" ]; then
  fuzzed=0
  wait "$fuzz_pid" || fuzzed=$?
  cat build-asan/fuzz-step.log
  [ "$fuzzed" -eq 0 ] || exit "$fuzzed"
fi
