#!/usr/bin/env bash
# Installs the Debian 12 packages MI Workbench needs to build, test and run (as root).
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config dpkg-dev file
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libgl-dev
  libeigen3-dev libtbb-dev nlohmann-json3-dev libzip-dev libhdf5-dev libnanoflann-dev libspectra-dev
  libopenblas-serial-dev
  libbenchmark-dev
  clang libclang-rt-14-dev llvm  # sanitizer builds and libFuzzer (scripts/test-sanitizers.sh)
  xvfb xauth
  debootstrap lintian desktop-file-utils appstream  # the package check (scripts/test-packages.sh)
  python3 python3-numpy python3-scipy python3-h5py
  python3-dev python3-pybind11 pybind11-dev python3-pytest python3-torch  # the Python module (python/) and its tests
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
