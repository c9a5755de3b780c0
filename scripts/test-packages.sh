#!/usr/bin/env bash
# The Debian packages as a desktop user, a cluster node and a plugin author get them, on a bare
# Debian 12 (CI runs it after scripts/test.sh, on the same build tree):
#  1. makes every package (scripts/make-packages.sh); lintian on each fails on any error tag; the
#     desktop entry and the AppStream metainfo validate;
#  2. creates a minimal bookworm root (debootstrap --variant=minbase) from the mirror apt uses here;
#  3. installs miwb-cli alone: no Qt GUI, Widgets, Charts or GL comes with it; estimates MI of a
#     Gaussian pair against its closed form; `run --figures` says the figure module is missing;
#  4. installs miwb: desktop entry, icons and metainfo in place; `run --figures` draws headless;
#     the window opens under Xvfb;
#  5. installs libmiwb-dev (with what apt recommends: cmake, g++): configures, builds and tests
#     examples/estimator-plugin, and the installed miwb-cli loads it;
#  6. installs python3-miwb (when made) and estimates from Python;
#  7. upgrades every package to a rebuild with the next Debian revision;
#  8. purges them: no package, file or folder of ours is left, nor any package they pulled in.
# It prints the packages and MB each step adds, and each step's time. The root, its mounts and
# the packages go whatever happens.
#   scripts/test-packages.sh [BUILD_DIR]                (default: build; as root, with network)
#   MIWB_HEAVY="CMD" runs the CPU-heavy steps as CMD ... (a build lock on a shared machine)
#   MIWB_APT_CACHE=DIR keeps the downloaded .debs in DIR between runs
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(cd "${1:-build}" && pwd)
[ "$(id -u)" = 0 ] || { echo "test-packages: needs root (debootstrap, chroot)" >&2; exit 2; }
for tool in debootstrap lintian desktop-file-validate appstreamcli; do
  command -v "$tool" > /dev/null || { echo "test-packages: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done
read -r -a heavy <<< "${MIWB_HEAVY:-}"
start=$SECONDS
step_start=$SECONDS
say() { echo "test-packages: $*"; }
step() { say "[$((SECONDS - step_start)) s] $*"; step_start=$SECONDS; }
fail() { echo "test-packages: FAILED: $*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/var/tmp}/miwb-packages.XXXXXX")
root=$work/root
# Whatever happens: stop what still runs in the root (Xvfb), unmount, delete.
cleanup() {
  set +e
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2> /dev/null)" = "$root" ] && kill -9 "$pid" 2> /dev/null
  done
  grep -o " $root/[^ ]*" /proc/mounts | sort -r | while read -r mount; do umount -l "$mount" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # a stopped run cleans up too

# 1. Packages, lintian, desktop files.
"${heavy[@]}" scripts/make-packages.sh "$work/debs" "$build" > "$work/make.log" 2>&1 ||
  { tail -30 "$work/make.log"; fail "make-packages"; }
version=$(dpkg-deb -f "$work"/debs/miwb-cli_*.deb Version)
step "made $(ls "$work/debs" | wc -l) packages, version $version"
ls "$work"/debs/*.deb | sed 's|.*/|  |'
next_revision=$(( ${version##*-} + 1 ))
MIWB_DEB_REVISION=$next_revision "${heavy[@]}" scripts/make-packages.sh "$work/debs-next" "$build" > "$work/make-next.log" 2>&1 ||
  { tail -30 "$work/make-next.log"; fail "make-packages (revision $next_revision)"; }
"${heavy[@]}" lintian --allow-root --no-tag-display-limit "$work"/debs/*.deb > "$work/lintian.txt" 2>&1 || true
grep -E '^[EW]: ' "$work/lintian.txt" | sed 's/^/  lintian /' || true
if grep -q '^E: ' "$work/lintian.txt"; then fail "lintian reports errors"; fi
grep -q -E '^(W|I|N): |^$' "$work/lintian.txt" || [ ! -s "$work/lintian.txt" ] || { cat "$work/lintian.txt"; fail "lintian did not run"; }
mkdir "$work/gui-files"
dpkg-deb -x "$work"/debs/miwb_*.deb "$work/gui-files"
desktop-file-validate "$work/gui-files/usr/share/applications/org.miwb.Workbench.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$work/gui-files/usr/share/metainfo/org.miwb.Workbench.metainfo.xml" > "$work/appstream.txt" ||
  { cat "$work/appstream.txt"; fail "appstreamcli validate"; }
step "lintian: no error tag ($(grep -c '^W: ' "$work/lintian.txt" || true) warnings); desktop entry and metainfo valid"

# 2. A bare bookworm root from the mirror apt is configured with here.
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk '$2 == "bookworm" { print $1; exit }')
security=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk '$2 == "bookworm-security" { print $1; exit }')
[ -n "$mirror" ] || fail "apt here knows no bookworm archive (apt-get indextargets)"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; fail "debootstrap from $mirror"; }
{
  echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  [ -z "$security" ] || echo "deb $security bookworm-security main"
} > "$root/etc/apt/sources.list"
mount -t proc proc "$root/proc"
if [ -n "${MIWB_APT_CACHE:-}" ]; then
  mkdir -p "$MIWB_APT_CACHE"
  mount --bind "$MIWB_APT_CACHE" "$root/var/cache/apt/archives"
fi
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
in_root apt-get update -qq
# Installs as a user would (recommended packages too): downloads first, then unpacks (CPU).
install_in_root() {
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --download-only "$@" > "$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install $*"; }
  "${heavy[@]}" chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq "$@" > "$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install $*"; }
}
footprint() { in_root dpkg-query -W -f '${Installed-Size}\n' | awk '{ n++; kb += $1 } END { printf "%d %.0f\n", n, kb / 1024 }'; }
read -r base_packages base_mb < <(footprint)
in_root dpkg-query -W -f '${Package}\n' | sort > "$work/packages-before.txt"
snapshot() { (cd "$root" && find usr etc opt var/lib -xdev -path var/lib/apt -prune -o -path var/lib/dpkg -prune -o -print | sort); }
snapshot > "$work/files-before.txt"
mkdir "$root/tmp/debs" "$root/tmp/debs-next"
cp "$work"/debs/*.deb "$root/tmp/debs/"
cp "$work"/debs-next/*.deb "$root/tmp/debs-next/"
deb() { echo "/tmp/debs/$1_${version}_amd64.deb"; }
added() {  # $1 = "N packages, M MB" added since the last call
  local packages mb
  read -r packages mb < <(footprint)
  printf -v "$1" '%s packages, %s MB' "$((packages - last_packages))" "$((mb - last_mb))"
  last_packages=$packages last_mb=$mb
}
last_packages=$base_packages last_mb=$base_mb
step "bare bookworm root from $mirror: $base_packages packages, $base_mb MB"

# 3. The headless tool alone.
install_in_root "$(deb libmiwb1)" "$(deb miwb-cli)"
added cli_added
gui_stack=$(in_root dpkg-query -W -f '${Package}\n' |
  grep -E '^(libqt6(gui|widgets|charts|svg|opengl|openglwidgets|xcbqpa|waylandclient)6|qt6-(qpa-plugins|wayland)|libgl1|libegl1|libglx0|libxkbcommon0|libfontconfig1|libwayland-client0)$' || true)
[ -z "$gui_stack" ] || fail "miwb-cli pulled the graphical stack: $(echo $gui_stack)"
in_root miwb-cli --version | grep -qx "miwb-cli ${version%-*}" || fail "miwb-cli --version"
in_root miwb-cli estimate --help | grep -q -- "--resamples" || fail "miwb-cli estimate --help lacks --resamples"
[ -f "$root/usr/share/man/man1/miwb-cli.1.gz" ] || fail "no man page miwb-cli(1)"
zcat "$root/usr/share/man/man1/miwb-cli.1.gz" | grep -q 'resamples' || fail "man miwb-cli lacks --resamples"
in_root miwb-cli plugins --json > "$work/plugins.json"
in_root miwb-cli sample -d gaussian -p dim=3 -p rho=0.6 -n 20000 --seed 4 --out /tmp/gauss > /dev/null
in_root miwb-cli estimate -e gaussian -p ridge=0 --x /tmp/gauss/x.npy --y /tmp/gauss/y.npy --json > "$work/gaussian.json"
in_root miwb-cli estimate -e ksg --x /tmp/gauss/x.npy --y /tmp/gauss/y.npy --json > "$work/ksg.json"
python3 - "$work" "$root/tmp/gauss/meta.json" <<'PY' || fail "estimates on the installed miwb-cli"
import json, math, sys
work, meta = sys.argv[1], sys.argv[2]
records = json.load(open(f"{work}/plugins.json"))
records = records.get("plugins", records) if isinstance(records, dict) else records
loaded = [r for r in records if r["state"] == "loaded"]
assert all(r["path"].startswith("/usr/lib/x86_64-linux-gnu/miwb/plugins/") for r in records), records
assert len(loaded) >= 10 and len(loaded) == len(records), [(r["path"], r["state"], r.get("reason")) for r in records]
truth = json.load(open(meta))["true_mi_nats"]
assert abs(truth + 1.5 * math.log(1 - 0.36)) < 1e-12, truth
gaussian = json.load(open(f"{work}/gaussian.json"))["mi_nats"]
ksg = json.load(open(f"{work}/ksg.json"))["mi_nats"]
# sd of the Gaussian estimate about sqrt(3) * 0.6 / sqrt(20000) = 0.007: 0.03 is four of them;
# KSG (k = 3) is biased low by a few hundredths at this N and dimension.
assert abs(gaussian - truth) < 0.03, (gaussian, truth)
assert abs(ksg - truth) < 0.08, (ksg, truth)
print(f"  {len(loaded)} plugins loaded; truth {truth:.4f} nats, gaussian {gaussian:.4f}, ksg {ksg:.4f}")
PY
cat > "$root/tmp/small.json" <<'EOF'
{ "schema": "miwb.experiment/1", "name": "small", "kind": "scaling", "seed": 3,
  "dataset": { "id": "gaussian", "params": { "dim": 1, "rho": 0.6 } },
  "estimators": [ { "id": "gaussian" }, { "id": "ksg", "params": { "k": 3 } } ],
  "grid": { "n": [200, 2000], "repeats": 2 } }
EOF
if in_root miwb-cli run /tmp/small.json --out /tmp/run-cli --figures png > "$work/no-figures.txt" 2>&1; then
  fail "run --figures succeeded without the figure module"
fi
grep -q "error: --figures needs the figure module.*package miwb" "$work/no-figures.txt" ||
  { cat "$work/no-figures.txt"; fail "run --figures without the module does not say why"; }
step "miwb-cli alone: $cli_added (no Qt GUI, Widgets, Charts, GL); estimates match the closed form; run --figures names the missing package"

# 4. The window.
install_in_root "$(deb miwb)"
added gui_added
for f in usr/share/applications/org.miwb.Workbench.desktop usr/share/icons/hicolor/scalable/apps/org.miwb.Workbench.svg \
         usr/share/icons/hicolor/48x48/apps/org.miwb.Workbench.png usr/share/metainfo/org.miwb.Workbench.metainfo.xml \
         usr/share/man/man1/miwb.1.gz usr/lib/x86_64-linux-gnu/miwb/libmiwb-cli-figures.so; do
  [ -e "$root/$f" ] || fail "miwb lacks /$f"
done
in_root miwb --version | grep -qx "miwb ${version%-*}" || fail "miwb --version"
in_root miwb --help | grep -q -- "--run" || fail "miwb --help without a display"
in_root miwb-cli run /tmp/small.json --out /tmp/run --figures png,svg > "$work/figures.txt" 2>&1 ||
  { cat "$work/figures.txt"; fail "run --figures"; }
pngs=$(cd "$root/tmp/run" && find . -name '*.png' | wc -l)
svgs=$(cd "$root/tmp/run" && find . -name '*.svg' | wc -l)
[ "$pngs" -ge 1 ] && [ "$svgs" -ge 1 ] || fail "run --figures wrote $pngs PNG and $svgs SVG files"
find "$root/tmp/run" -name '*.png' -exec sh -c 'head -c 8 "$1" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a"' _ {} \; ||
  fail "a figure is not a PNG"
[ "$(wc -l < "$root/tmp/run/results.csv")" -ge 9 ] || fail "results.csv has $(wc -l < "$root/tmp/run/results.csv") lines"
install_in_root xvfb xauth x11-utils
added xvfb_added
in_root xvfb-run -a -s "-screen 0 1280x800x24" sh -c \
  'miwb /tmp/small.json & pid=$!; for i in $(seq 30); do sleep 1; xwininfo -root -tree | grep -q "MI Workbench" && break; done;
   xwininfo -root -tree | grep "MI Workbench"; kill $pid; wait $pid' > "$work/window.txt" 2>&1 || true
grep -q '"small.*MI Workbench"\|MI Workbench' "$work/window.txt" || { cat "$work/window.txt"; fail "the window did not open under Xvfb"; }
step "miwb: $gui_added; desktop entry, icons, metainfo, man page in place; $pngs PNG and $svgs SVG figures headless; window open under Xvfb (xvfb itself: $xvfb_added)"

# 5. A plugin author: the example plugin against libmiwb-dev alone.
install_in_root "$(deb libmiwb-dev)"
added dev_added
cp -r examples/estimator-plugin "$root/tmp/cca-src"
"${heavy[@]}" chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root sh -c \
  'cmake -S /tmp/cca-src -B /tmp/cca-build -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/cca-build -j2 &&
   ctest --test-dir /tmp/cca-build --output-on-failure' > "$work/cca.log" 2>&1 || { tail -40 "$work/cca.log"; fail "the example plugin against libmiwb-dev"; }
in_root env MIWB_PLUGIN_PATH=/tmp/cca-build/plugins miwb-cli estimate -e cca --x /tmp/gauss/x.npy --y /tmp/gauss/y.npy --json > "$work/cca.json" ||
  fail "the installed miwb-cli does not run the example plugin"
python3 -c "import json, sys; c = json.load(open(sys.argv[1]))['mi_nats']; g = json.load(open(sys.argv[2]))['mi_nats']; assert abs(c - g) < 1e-9, (c, g)" \
  "$work/cca.json" "$work/gaussian.json" || fail "cca and gaussian estimates differ"
step "libmiwb-dev: $dev_added; examples/estimator-plugin configured, built and tested; miwb-cli runs it"

# 6. The Python module.
if [ -e "$root$(deb python3-miwb)" ]; then
  install_in_root "$(deb python3-miwb)"
  added py_added
  in_root python3 -c "import miwb, numpy as np; r = np.random.default_rng(1); x = r.normal(size=(4000, 1)); y = 0.6 * x + 0.8 * r.normal(size=(4000, 1)); e = miwb.estimate(x, y, 'gaussian'); assert abs(float(e) + 0.5 * np.log(1 - 0.36)) < 0.03, float(e); print(float(e))" \
    > "$work/python.txt" 2>&1 || { cat "$work/python.txt"; fail "python3-miwb"; }
  step "python3-miwb: $py_added; import miwb and an estimate from numpy work"
fi

# 7. A rebuild with the next revision upgrades what is installed.
in_root sh -c 'cd /tmp/debs-next && ls *.deb' > "$work/next.txt"
installed=$(in_root dpkg-query -W -f '${Package}\n' | grep -E '^(libmiwb1|miwb-cli|miwb|libmiwb-dev|python3-miwb)$' | sort)
next=()
for p in $installed; do next+=("/tmp/debs-next/${p}_${version%-*}-${next_revision}_amd64.deb"); done
install_in_root "${next[@]}"
for p in $installed; do
  v=$(in_root dpkg-query -W -f '${Version}' "$p")
  [ "$v" = "${version%-*}-$next_revision" ] || fail "$p is at $v after the upgrade"
done
in_root miwb-cli estimate -e gaussian --x /tmp/gauss/x.npy --y /tmp/gauss/y.npy > /dev/null || fail "miwb-cli after the upgrade"
step "upgraded $(echo $installed | wc -w) packages to ${version%-*}-$next_revision"

# 8. Purge: nothing of ours left, nor anything we pulled in.
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $installed xvfb xauth x11-utils > "$work/purge.log" 2>&1 ||
  { cat "$work/purge.log"; fail "purge"; }
# What the bare root's own packages recommend or suggest (ca-certificates, perl...) goes too: by
# default apt keeps those once something pulled them in.
in_root env DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -qq \
  -o APT::AutoRemove::RecommendsImportant=false -o APT::AutoRemove::SuggestsImportant=false > "$work/purge.log" 2>&1 ||
  { cat "$work/purge.log"; fail "autoremove"; }
in_root dpkg-query -W -f '${Package}\n' | sort > "$work/packages-after.txt"
diff "$work/packages-before.txt" "$work/packages-after.txt" > "$work/packages.diff" ||
  { cat "$work/packages.diff"; fail "the purge left other packages than the bare root's"; }
snapshot > "$work/files-after.txt"
left=$(comm -13 "$work/files-before.txt" "$work/files-after.txt" | grep -v -E '^var/(cache|log)(/|$)' || true)
ours=$(echo "$left" | grep -i miwb || true)
[ -z "$ours" ] || fail "the purge left: $(echo "$ours" | head -20 | tr '\n' ' ')"
# Debian's own packages may leave what their policy keeps (system users' files such as
# /etc/group-): listed, not failed on.
others=$(echo "$left" | grep -c . || true)
step "purged: no package or file of ours is left, and the root holds the packages it started with" \
     "($others other new paths: $(echo "$left" | head -8 | tr '\n' ' '))"
say "passed in $((SECONDS - start)) s"
