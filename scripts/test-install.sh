#!/usr/bin/env bash
# The SDK as a product (run by .ci/run after scripts/test.sh, on its build tree):
#  1. installs the build into a temporary prefix;
#  2. builds examples/estimator-plugin from a copy outside this tree, against that prefix alone,
#     and runs its test;
#  3. runs the installed miwb-cli from another folder, loads the example through MIWB_PLUGIN_PATH
#     and checks its estimate on Gaussian data with known MI;
#  4. imports the installed Python module from there with PYTHONPATH alone (no MIWB_PLUGIN_PATH)
#     and checks that its estimate is the CLI's;
# The Debian packages are checked on a bare Debian root by scripts/test-packages.sh.
#   scripts/test-install.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/miwb-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
# The libraries' folder under the prefix (lib/<triplet>, cmake/MiwbInstallLayout.cmake).
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }

echo "test-install: installing into $prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
[ -f "$prefix/$libdir/cmake/miwb/miwbConfig.cmake" ] || fail "no miwbConfig.cmake in the install tree"
[ ! -e "$prefix/include/miwb/host" ] || fail "the host's internal headers were installed"
! grep -rqs "miwb/host/" "$prefix/include" || fail "an installed SDK header includes the host"
# Plugins link the SDK alone (docs/architecture.md): none may need the host library.
for plugin in "$prefix/$libdir"/miwb/plugins/*.so; do
  ! readelf -d "$plugin" | grep -q "NEEDED.*libmiwb-host" || fail "$(basename "$plugin") links libmiwb-host"
done
for program in miwb miwb-cli; do
  if ldd "$prefix/bin/$program" | grep -q "not found"; then fail "$program misses libraries: $(ldd "$prefix/bin/$program" | grep 'not found')"; fi
done

echo "test-install: building the example plugin against the prefix alone"
cp -r examples/estimator-plugin "$work/cca-src"
cmake -S "$work/cca-src" -B "$work/cca-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" > "$work/cca-configure.log" || { cat "$work/cca-configure.log"; fail "configure"; }
cmake --build "$work/cca-build" > "$work/cca-build.log" || { cat "$work/cca-build.log"; fail "build"; }
ctest --test-dir "$work/cca-build" --output-on-failure

echo "test-install: running the installed miwb-cli from $work with the example plugin"
cd "$work"
export MIWB_PLUGIN_PATH=$work/cca-build/plugins
cli=$prefix/bin/miwb-cli
"$cli" plugins --json > plugins.json
python3 - plugins.json <<'PY' || fail "plugin listing"
import json, sys
records = json.load(open(sys.argv[1]))
records = records.get("plugins", records) if isinstance(records, dict) else records
by_id = {r.get("id"): r for r in records}
cca = by_id.get("cca")
assert cca and cca["state"] == "loaded", f"cca not loaded: {cca}"
bundled = [r for r in records if "/miwb/plugins/" in r["path"] and "/cca-build/" not in r["path"]]
assert len(bundled) >= 10 and all(r["state"] == "loaded" for r in bundled), bundled
print(f"  {len(bundled)} bundled plugins and cca loaded")
PY
"$cli" sample -d gaussian -p dim=3 -p rho=0.6 -n 20000 --seed 4 --out gauss > /dev/null
"$cli" estimate -e cca --x gauss/x.npy --y gauss/y.npy --json > cca.json
"$cli" estimate -e gaussian -p ridge=0 --x gauss/x.npy --y gauss/y.npy --json > gaussian.json
python3 - <<'PY' || fail "cca on Gaussian data"
import json, math
truth = json.load(open("gauss/meta.json"))["true_mi_nats"]
cca = json.load(open("cca.json"))["mi_nats"]
gaussian = json.load(open("gaussian.json"))["mi_nats"]
assert abs(truth - (-1.5 * math.log(1 - 0.36))) < 1e-12, truth
# sd of the estimate is about sqrt(3) * 0.6 / sqrt(20000) = 0.007: 0.03 is four of them.
assert abs(cca - truth) < 0.03, (cca, truth)
# For any data CCA's MI is the Gaussian estimator's: -1/2 sum ln(1 - r^2) = 1/2 ln(det Sx det Sy / det S).
assert abs(cca - gaussian) < 1e-9, (cca, gaussian)
print(f"  cca {cca:.5f} nats, gaussian {gaussian:.5f}, truth {truth:.5f}")
PY

echo "test-install: the installed Python module from $work, with PYTHONPATH alone"
if [ -d "$prefix/lib/python3/dist-packages/miwb" ]; then
  env -u MIWB_PLUGIN_PATH PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 - "$prefix" <<'PY' || fail "the installed Python module"
import json, sys
import numpy as np
import miwb
assert miwb.__file__.startswith(sys.argv[1]), miwb.__file__
x, y = np.load("gauss/x.npy"), np.load("gauss/y.npy")
e = miwb.estimate(x, y, "gaussian", ridge=0)
assert e.nats == json.load(open("gaussian.json"))["mi_nats"], (e.nats, "the CLI's")
plugins = {p["plugin"] for p in miwb.estimators()}
assert len(plugins) >= 5, plugins
print(f"  miwb {miwb.__version__} from the prefix: {float(e):.5f} nats as miwb-cli, {len(plugins)} estimator plugins")
PY
else
  echo "  (no Python module in this build: python3-pybind11 or python3-dev missing)"
fi
cd - > /dev/null

echo "test-install: passed"
