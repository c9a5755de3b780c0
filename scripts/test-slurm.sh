#!/usr/bin/env bash
# CI: cluster runs on a real single-node SLURM (docs/cluster.md). Installs slurm-wlm and munge when
# missing, starts the local SLURM (scripts/slurm-local.sh), and checks, under `miwb-cli slurm --wait`:
#   - a scaling and an information-plane experiment as 3 shards give the tables of local runs;
#   - a failing shard (one task fails) and failing shards (a bad dataset path) are named;
#   - a cancelled shard (scancel) is named, `merge` refuses and `merge --partial` takes the rest,
#     and submitting again runs only that shard and completes the table.
# The daemons are stopped on exit, by PID. Needs the build from scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cli=$root/build/bin/miwb-cli
[ -x "$cli" ] || { echo "error: $cli is missing: run scripts/test.sh first" >&2; exit 2; }
started=$(date +%s)

if ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }
fi

work=$(mktemp -d /tmp/miwb-test-slurm.XXXXXX)
chmod 0755 "$work"  # munged (user munge) keeps its files under it
export MIWB_SLURM_STATE=$work/slurm
export SLURM_CONF=$MIWB_SLURM_STATE/slurm.conf
export MIWB_SLURM_POLL_SECONDS=0.5
cleanup() {
  status=$?
  "$root/scripts/slurm-local.sh" stop || true
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "test-slurm: FAILED; files kept in $work" >&2; fi
}
trap cleanup EXIT
scripts/slurm-local.sh start
cd "$work"

fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }
check() { echo "test-slurm: ok: $*"; }

# Two results.csv files hold the same table: every column but the timing ("seconds").
same_table() {
  python3 - "$1" "$2" <<'PY' || fail "$1 and $2 differ"
import csv, sys
def table(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.pop("seconds")
    return rows
a, b = table(sys.argv[1]), table(sys.argv[2])
if a != b or not a:
    sys.exit(f"{len(a)} rows against {len(b)}; first difference: " +
             next((f"{x} | {y}" for x, y in zip(a, b) if x != y), "in the row count"))
PY
}
rows() { python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))' "$1"; }

# Waits until SLURM has none of the given jobs left in its queue.
wait_jobs_gone() {
  for _ in $(seq 1 600); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  fail "jobs $1 still queued after 120 s"
}

cat > scaling.json <<'JSON'
{ "schema": "miwb.experiment/1", "name": "slurm scaling", "kind": "scaling", "seed": 7,
  "dataset": { "id": "gaussian", "params": { "dim": 1, "rho": 0.5 } },
  "estimators": [ { "id": "ksg", "params": { "k": 3 } }, { "id": "gaussian" } ],
  "grid": { "n": [200, 500], "repeats": 3, "sweep": { "param": "rho", "values": [0.3, 0.7] } } }
JSON
cat > plane.json <<JSON
{ "schema": "miwb.experiment/1", "name": "slurm plane", "kind": "information-plane", "seed": 1,
  "dataset": { "id": "activations", "params": { "path": "$root/tests/stores/fixtures/stacked.npz" } },
  "estimators": [ { "id": "binning", "params": { "bins": 4 }, "quantities": ["I(X;T)", "I(T;Y)", "H(T)"] },
                  { "id": "kde-upper" } ],
  "grid": { "layers": "all", "epochs": "all", "samples": "all" } }
JSON

# 1. Both experiments as three shards equal local runs.
for name in scaling plane; do
  "$cli" run "$name.json" --out "local-$name" --threads 1 >/dev/null
  "$cli" slurm "$name.json" --out "slurm-$name" --shards 3 --wait > "slurm-$name.log" 2>&1 ||
    { cat "slurm-$name.log"; fail "$name: slurm --wait exited non-zero"; }
  same_table "slurm-$name/results.csv" "local-$name/results.csv"
  check "$name: 3 shards merged on SLURM equal the local run ($(rows "local-$name/results.csv") rows)"
done

# 2. A failing shard: one task's parameters fail (k = 8 with 5 samples); --wait names its shard.
cat > failing.json <<'JSON'
{ "schema": "miwb.experiment/1", "name": "slurm failing", "kind": "scaling", "seed": 3,
  "dataset": { "id": "gaussian", "params": { "dim": 1, "rho": 0.5 } },
  "estimators": [ { "id": "ksg", "params": { "k": 8 } } ],
  "grid": { "n": [5, 100, 200], "repeats": 1 } }
JSON
if "$cli" slurm failing.json --out slurm-failing --shards 3 --wait > failing.log 2>&1; then fail "failing: --wait exited 0"; fi
bad_shard=$(grep -l '"status":"failed"' slurm-failing/results.shard-*-of-3.jsonl | sed 's/.*shard-\([0-9]*\)-of-3.jsonl/\1/')
[ "$(echo "$bad_shard" | wc -w)" = 1 ] || fail "failing: expected one shard with a failed task, got '$bad_shard'"
grep -q "^error: shard $bad_shard of 3 did not complete (shard $bad_shard: job .* ended FAILED" failing.log ||
  { cat failing.log; fail "failing: --wait does not name shard $bad_shard"; }
check "failing task: --wait exits non-zero and names shard $bad_shard"

# 3. A bad dataset path: every shard fails, and --wait names them all.
sed "s|$root/tests/stores/fixtures/stacked.npz|$work/no-such-store.npz|" plane.json > bad-path.json
if "$cli" slurm bad-path.json --out slurm-bad-path --shards 3 --wait > bad-path.log 2>&1; then fail "bad path: --wait exited 0"; fi
grep -q "^error: shards 0, 1, 2 of 3 did not complete" bad-path.log || { cat bad-path.log; fail "bad path: shards not named"; }
grep -q "no-such-store.npz" slurm-bad-path/slurm/shard-1.out || fail "bad path: the shard's log does not say why"
check "bad dataset path: --wait names shards 0, 1, 2"

# 4. A cancelled shard: held at submission, shard 1 cancelled, the rest released.
"$cli" slurm scaling.json --out slurm-cancel --shards 3 --hold > cancel.log
array=$(sed -n 's/^shards: job \([0-9]*\).*/\1/p' cancel.log)
merge=$(sed -n 's/^merge: job \([0-9]*\).*/\1/p' cancel.log)
[ -n "$array" ] && [ -n "$merge" ] || { cat cancel.log; fail "cancel: no job ids printed"; }
scancel "${array}_1"
scontrol release "$array"
scontrol release "$merge"
wait_jobs_gone "$array,$merge"
grep -q "shard 1 of 3: .* lack a result" slurm-cancel/slurm/merge.out || { cat slurm-cancel/slurm/merge.out; fail "cancel: merge job does not name shard 1"; }
if "$cli" merge slurm-cancel > merge-refused.log 2>&1; then fail "cancel: merge of partial results exited 0"; fi
grep -q "^error: .* lack a result in shard 1 of 3" merge-refused.log || { cat merge-refused.log; fail "cancel: merge does not name shard 1"; }
"$cli" merge slurm-cancel --partial > merge-partial.log 2>&1 || { cat merge-partial.log; fail "cancel: merge --partial failed"; }
partial=$(rows slurm-cancel/results.csv)
whole=$(rows local-scaling/results.csv)
[ "$partial" -gt 0 ] && [ "$partial" -lt "$whole" ] || fail "cancel: partial merge has $partial of $whole rows"
check "cancelled shard: merge refuses, merge --partial keeps $partial of $whole rows"
"$cli" slurm scaling.json --out slurm-cancel --shards 3 --wait > resubmit.log 2>&1 || { cat resubmit.log; fail "cancel: resubmission failed"; }
grep -q "array 1 of 3" resubmit.log || { cat resubmit.log; fail "cancel: resubmission did not submit shard 1 alone"; }
same_table slurm-cancel/results.csv local-scaling/results.csv
check "resubmission ran only shard 1 and completed the table"

echo "test-slurm: all checks passed in $(( $(date +%s) - started )) s"
