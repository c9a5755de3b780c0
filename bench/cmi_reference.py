#!/usr/bin/python3
"""Reference Frenzel-Pompe conditional MI with scipy's cKDTree, and the driver of cmi_speed.sh.

Run with Debian's /usr/bin/python3 (python3-scipy, python3-numpy).

  cmi_reference.py fp --x X.npy --y Y.npy --z Z.npy [--k 4]   prints {"cmi_nats", "seconds"}
  cmi_reference.py compare --cli MIWB_CLI [--threads T]       the benchmark table

The reference follows Frenzel & Pompe (2007) literally: eps_i is the max-norm distance to the k-th
neighbour in the joint (X, Y, Z) space (query k+1 points: the first is the sample itself); n_xz + 1,
n_yz + 1 and n_z + 1 are the numbers of points strictly within eps_i in those subspaces, itself
included, counted by query_ball_point with r = nextafter(eps_i, 0) (it counts <= r);
I = psi(k) - <psi(n_xz + 1) + psi(n_yz + 1) - psi(n_z + 1)>. No standardization, so miwb runs with
standardize=false. The files come from `miwb-cli sample -d gaussian-cmi`, so both read the same data.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma


def load2d(path):
    a = np.load(path)
    return a.reshape(a.shape[0], -1).astype(np.float64)


def frenzel_pompe(x, y, z, k, workers=-1):
    joint = np.hstack([x, y, z])
    eps = cKDTree(joint).query(joint, k=k + 1, p=np.inf, workers=workers)[0][:, -1]
    r = np.nextafter(eps, 0)

    def counts(points):
        return cKDTree(points).query_ball_point(points, r, p=np.inf, return_length=True, workers=workers)

    nxz, nyz, nz = counts(np.hstack([x, z])), counts(np.hstack([y, z])), counts(z)
    return digamma(k) - np.mean(digamma(nxz) + digamma(nyz) - digamma(nz))


def fp(args):
    x, y, z = load2d(args.x), load2d(args.y), load2d(args.z)
    start = time.perf_counter()
    value = frenzel_pompe(x, y, z, args.k)
    print(json.dumps({"cmi_nats": float(value), "seconds": time.perf_counter() - start}))


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def compare(args):
    cases = [tuple(int(v) for v in c.split(":")) for c in args.cases.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, dim in cases:
            folder = os.path.join(tmp, f"{n}-{dim}")
            subprocess.run([args.cli, "sample", "-d", "gaussian-cmi", "-p", f"dim={dim}", "-p", "through=0.5",
                            "-n", str(n), "--seed", "1", "--out", folder], check=True, capture_output=True)
            meta = json.load(open(os.path.join(folder, "meta.json")))
            files = ["--x", os.path.join(folder, "x.npy"), "--y", os.path.join(folder, "y.npy"),
                     "--z", os.path.join(folder, "z.npy")]
            ours = ["-e", "ksg", "-p", f"k={args.k}", "-p", "standardize=false", "--threads", str(args.threads), "--json"]
            best, best_perm, value = float("inf"), float("inf"), None
            for _ in range(args.repeats):
                j = run_json([args.cli, "estimate"] + ours + files)
                best, value = min(best, j["seconds"]), j["mi_nats"]
            for _ in range(max(1, args.repeats - 1)):
                j = run_json([args.cli, "estimate"] + ours + files + ["--permutations", str(args.permutations)])
                best_perm = min(best_perm, j["seconds"])
            ref_best, ref_value = float("inf"), None
            for _ in range(args.repeats):
                x, y, z = (load2d(os.path.join(folder, f)) for f in ("x.npy", "y.npy", "z.npy"))
                start = time.perf_counter()
                ref_value = frenzel_pompe(x, y, z, args.k)
                ref_best = min(ref_best, time.perf_counter() - start)
            rows.append((n, dim, meta["true_cmi_nats"], value, ref_value, best, ref_best, best_perm))
    print(f"Frenzel-Pompe, k = {args.k}, {args.threads} threads (scipy: workers=-1), best of {args.repeats}; "
          f"P = {args.permutations} permutations timed as the estimate plus its test")
    print("| N | X+Y+Z columns | truth | miwb | scipy | miwb s | scipy s | speed-up | P perms s | perms / estimate |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n, dim, truth, ours_v, ref_v, t, rt, tp in rows:
        print(f"| {n} | {dim}+{dim}+{dim} | {truth:.4f} | {ours_v:.6f} | {ref_v:.6f} | {t:.3f} | {rt:.3f} | "
              f"{rt / t:.1f}x | {tp:.2f} | {(tp - t) / t:.1f} |")
    worst = max(abs(r[3] - r[4]) for r in rows)
    print(f"largest |miwb - scipy| = {worst:.2e} nats")
    if worst > 1e-9:
        sys.exit("error: miwb and the scipy reference disagree")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("fp")
    a.add_argument("--x", required=True)
    a.add_argument("--y", required=True)
    a.add_argument("--z", required=True)
    a.add_argument("--k", type=int, default=4)
    a.set_defaults(func=fp)
    c = sub.add_parser("compare")
    c.add_argument("--cli", required=True)
    c.add_argument("--threads", type=int, default=os.cpu_count())
    c.add_argument("--repeats", type=int, default=3)
    c.add_argument("--k", type=int, default=4)
    c.add_argument("--permutations", type=int, default=100)
    c.add_argument("--cases", default="100000:1,100000:3")
    c.set_defaults(func=compare)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
