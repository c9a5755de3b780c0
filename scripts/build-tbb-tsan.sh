#!/usr/bin/env bash
# Builds oneTBB's libtbb instrumented for ThreadSanitizer, from Debian's own source of the very
# version installed, into DIR (default build-tbb-tsan):
#   scripts/build-tbb-tsan.sh [DIR]      then run with LD_LIBRARY_PATH=DIR/lib
# Why: TSan only sees the synchronisation of code it instruments. Debian's libtbb hands each task
# to a worker through atomics TSan cannot see, so with it every parallel_for reports races that do
# not exist (a five-line probe does), and no suppression could tell those from real ones.
# The source comes through a private apt configuration, so the machine's sources stay untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-build-tbb-tsan}")
version=$(dpkg-query -W -f='${source:Version}' libtbb12)
if [ -f "$out/lib/libtbb.so.12" ] && [ "$(cat "$out/version" 2>/dev/null)" = "$version" ]; then
  exit 0  # already built from this version
fi
work="$out/work"
rm -rf "$out" && mkdir -p "$work/lists/partial"
cat > "$work/sources.list" <<LIST
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
LIST
apt_private=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o Dir::State::Lists="$work/lists" -o APT::Sandbox::User=root)
apt-get "${apt_private[@]}" update -qq
(cd "$work" && apt-get "${apt_private[@]}" source -qq --only-source "onetbb=$version" > /dev/null)
source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'onetbb-*' | head -1)
[ -n "$source_dir" ] || { echo "error: no oneTBB source for $version in $work" >&2; exit 1; }
cmake -S "$source_dir" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTBB_SANITIZE=thread -DTBB_TEST=OFF \
  -DTBB_STRICT=OFF -DTBB_EXAMPLES=OFF -DTBBMALLOC_BUILD=OFF -DTBB_DISABLE_HWLOC_AUTOMATIC_SEARCH=ON > /dev/null
cmake --build "$work/build" --target tbb --parallel "$(nproc)" > /dev/null
mkdir -p "$out/lib"
cp -P "$(dirname "$(find "$work/build" -name 'libtbb.so.12' | head -1)")"/libtbb.so* "$out/lib/"
echo "$version" > "$out/version"
rm -rf "$work"
echo "libtbb $version with ThreadSanitizer: $out/lib"
