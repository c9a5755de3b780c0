#!/usr/bin/env bash
# Rebuilds docs/catalogue.md and its figures: runs every bundled catalogue experiment
# (resources/examples/catalogue/*.json: estimate vs N on Gaussian pairs with known MI, 5 repeats)
# through miwb-cli with --figures png, then writes one section per estimator from the plugins' metadata.
# usage: docs/make_catalogue.sh [BUILD_DIR] [experiment names...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in resources/examples/catalogue/*.json; do names+=("$(basename "$f" .json)"); done
fi
for name in "${names[@]}"; do
  out=out/catalogue/$name
  rm -rf "$out"
  echo "== $name"
  "$build/bin/miwb-cli" run "resources/examples/catalogue/$name.json" --out "$out" --threads 2 --figures png
  figure=$(ls "$out"/*.png | grep -iv runtime | head -n 1)
  cp "$figure" "docs/catalogue/$name.png"
  cp "$out/results.csv" "docs/catalogue/$name.csv"
done
"$build/bin/miwb-cli" plugins --json > out/catalogue/plugins.json
/usr/bin/python3 docs/make_catalogue.py out/catalogue/plugins.json docs/catalogue > docs/catalogue.md
echo "wrote docs/catalogue.md"
