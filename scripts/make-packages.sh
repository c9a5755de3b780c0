#!/usr/bin/env bash
# Makes every Debian package (libmiwb1, miwb-cli, miwb, libmiwb-dev, python3-miwb when the Python
# module builds) from the build tree's install components with cpack (cmake/MiwbPackage.cmake),
# and writes the .deb files into OUTDIR.
#   scripts/make-packages.sh OUTDIR [BUILD_DIR]      (default build dir: build)
#   MIWB_DEB_REVISION=N scripts/make-packages.sh ... overrides the Debian revision (an upgrade test);
#                                                    a real new revision is a packaging/changelog entry
# The build tree is reused as it is when current (scripts/build.sh's configuration; configured
# that way here when it does not exist yet) and brought up to date otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/make-packages.sh OUTDIR [BUILD_DIR]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
build=${2:-build}
fail() { echo "make-packages: FAILED: $*" >&2; exit 1; }

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIWB_ONLY= -DCMAKE_UNITY_BUILD=ON > /dev/null
fi
grep -q "^MIWB_ONLY:STRING=$" "$build/CMakeCache.txt" || fail "$build is a partial build (MIWB_ONLY is set): packages need every plugin"
# What the packages hold, not the tests (cmake/MiwbPackage.cmake: miwb-package-inputs).
cmake --build "$build" --parallel "$(nproc)" --target miwb-package-inputs

# One version: the project's, with the Debian revision of packaging/changelog's top entry.
project_version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
changelog_version=$(sed -n '1s/^miwb (\([^)]*\)-[0-9]*).*/\1/p' packaging/changelog)
[ "$project_version" = "$changelog_version" ] ||
  fail "packaging/changelog's top entry is $changelog_version, the project is $project_version: add a changelog entry"

work=$(mktemp -d "${TMPDIR:-/tmp}/miwb-packages.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Every installed file must belong to a package: nothing may land in CMake's default component.
cmake --install "$build" --component Unspecified --prefix "$work/unspecified" > /dev/null
if [ -d "$work/unspecified" ] && [ -n "$(find "$work/unspecified" -type f -print -quit)" ]; then
  fail "install rules without a COMPONENT (cmake/MiwbInstallLayout.cmake lists them): $(cd "$work/unspecified" && find . -type f | head -5 | tr '\n' ' ')"
fi

overrides=()
if [ -n "${MIWB_DEB_REVISION:-}" ]; then overrides+=(-D "CPACK_DEBIAN_PACKAGE_RELEASE=$MIWB_DEB_REVISION"); fi
(cd "$build" && cpack -G DEB -B "$work/cpack" "${overrides[@]}" > "$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack"; }
# CPack writes ldconfig calls into the maintainer scripts of a package with libraries in /usr/lib;
# Debian refreshes ld.so's cache by the trigger (packaging/triggers) alone: the SDK's package gets
# no maintainer scripts.
for deb in "$work"/cpack/libmiwb[0-9]*_*.deb; do
  dpkg-deb -R "$deb" "$work/unpacked"
  rm -f "$work/unpacked/DEBIAN/postinst" "$work/unpacked/DEBIAN/postrm"
  dpkg-deb --root-owner-group -Zxz -b "$work/unpacked" "$deb" > /dev/null
  rm -rf "$work/unpacked"
done
debs=("$work"/cpack/*.deb)
[ -e "${debs[0]}" ] || fail "cpack wrote no package"
for deb in "${debs[@]}"; do
  mv "$deb" "$out/"
  echo "$out/$(basename "$deb")"
done
