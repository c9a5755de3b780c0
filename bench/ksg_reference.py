#!/usr/bin/python3
"""Reference KSG (algorithm 1, max-norm) with scipy's cKDTree, and the driver of ksg_vs_scipy.sh.

Run with Debian's /usr/bin/python3 (python3-scipy, python3-numpy), not a pyenv python.

  ksg_reference.py gen --n N --d D --rho R --seed S --out DIR   writes DIR/x.npy, DIR/y.npy
  ksg_reference.py ksg --x X.npy --y Y.npy [--k 3]              prints {"mi_nats", "seconds"}
  ksg_reference.py compare --tool CMD... [--threads T]          the benchmark table

The reference follows Kraskov et al. 2004 literally: eps_i is the max-norm distance to the k-th
neighbour in the joint space (query k+1 points: the first is the sample itself); n_x + 1 is the
number of points strictly within eps_i in X, itself included, counted by query_ball_point with
r = nextafter(eps_i, 0) (it counts <= r). No standardization, so miwb runs with standardize=false.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma


def gen(args):
    rng = np.random.default_rng(args.seed)
    a = rng.standard_normal((args.n, args.d))
    b = rng.standard_normal((args.n, args.d))
    x = a
    y = args.rho * a + np.sqrt(1 - args.rho ** 2) * b
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "x.npy"), np.ascontiguousarray(x))
    np.save(os.path.join(args.out, "y.npy"), np.ascontiguousarray(y))


def ksg1(x, y, k, workers=-1):
    n = x.shape[0]
    joint = np.hstack([x, y])
    eps = cKDTree(joint).query(joint, k=k + 1, p=np.inf, workers=workers)[0][:, -1]
    r = np.nextafter(eps, 0)
    cx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True, workers=workers)
    cy = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True, workers=workers)
    return digamma(k) + digamma(n) - np.mean(digamma(cx) + digamma(cy))


def load2d(path):
    a = np.load(path)
    return a.reshape(a.shape[0], -1).astype(np.float64)


def ksg(args):
    x, y = load2d(args.x), load2d(args.y)
    start, cpu = time.perf_counter(), time.process_time()
    mi = ksg1(x, y, args.k)
    print(json.dumps({"mi_nats": float(mi), "seconds": time.perf_counter() - start,
                      "cpu_seconds": time.process_time() - cpu}))


def timed_json(cmd):
    """The command's last output line as JSON, its wall time and its CPU time (user + sys, all threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(out.strip().splitlines()[-1]), wall, cpu


def compare(args):
    cases = [tuple(int(v) for v in c.split(":")) for c in args.cases.split(",")]
    me = os.path.abspath(__file__)
    print(f"# KSG algorithm 1, k={args.k}, max-norm, Gaussian pairs rho={args.rho} per coordinate; "
          f"{os.cpu_count()} cores, miwb --threads {args.threads}, scipy workers=-1; best of {args.repeats}")
    print(f"# miwb: {' '.join(args.tool)}")
    print("# ref s / ref cpu: scipy cKDTree compute wall / CPU seconds (excludes Python start-up, imports, loading)")
    print("# miwb s / miwb cpu: wall / CPU seconds of the whole miwb process (start-up, plugin scan, loading included)")
    print("# miwb est s: the estimate alone, as miwb reports it (\"seconds\"), like for like with ref s")
    print("# ratio = ref s / miwb s; cpu ratio = ref cpu / miwb cpu (steadier on a loaded machine)")
    print(f"# load average at start: {os.getloadavg()[0]:.1f}")
    print(f"{'N':>9} {'dims':>5} {'ref s':>8} {'miwb s':>8} {'miwb est s':>10} {'ratio':>6} {'ref cpu':>8} {'miwb cpu':>8} "
          f"{'cpu ratio':>9} {'reference MI':>14} {'miwb MI':>14} {'agree 1e-6':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, d in cases:
            folder = os.path.join(tmp, f"{n}_{d}")
            subprocess.run([sys.executable, me, "gen", "--n", str(n), "--d", str(d), "--rho", str(args.rho),
                            "--seed", "7", "--out", folder], check=True)
            x, y = os.path.join(folder, "x.npy"), os.path.join(folder, "y.npy")
            repeats = 1 if n >= 1_000_000 else args.repeats
            ref_s, ref_cpu, miwb_s, miwb_cpu, miwb_est = [], [], [], [], []
            for _ in range(repeats):
                ref, _, _ = timed_json([sys.executable, me, "ksg", "--x", x, "--y", y, "--k", str(args.k)])
                ref_s.append(ref["seconds"])
                ref_cpu.append(ref["cpu_seconds"])
                mine, wall, cpu = timed_json(args.tool + ["-e", "ksg", "-p", f"k={args.k}", "-p", "standardize=false",
                                                          "--x", x, "--y", y, "--threads", str(args.threads), "--json"])
                miwb_s.append(wall)
                miwb_est.append(mine["seconds"])
                miwb_cpu.append(cpu)
            agree = abs(ref["mi_nats"] - mine["mi_nats"]) <= 1e-6
            print(f"{n:>9} {f'{d}+{d}':>5} {min(ref_s):>8.3f} {min(miwb_s):>8.3f} {min(miwb_est):>10.3f} "
                  f"{min(ref_s) / min(miwb_s):>6.1f} "
                  f"{min(ref_cpu):>8.3f} {min(miwb_cpu):>8.3f} {min(ref_cpu) / min(miwb_cpu):>9.1f} "
                  f"{ref['mi_nats']:>14.9f} {mine['mi_nats']:>14.9f} {'yes' if agree else 'NO':>10}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("gen")
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--rho", type=float, default=0.6)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p = sub.add_parser("ksg")
    p.add_argument("--x", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--k", type=int, default=3)
    p = sub.add_parser("compare")
    p.add_argument("--tool", nargs="+", required=True, help="the miwb estimate command, before its options")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--k", type=int, default=3)
    p.add_argument("--rho", type=float, default=0.6)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--cases", default="10000:1,100000:1,1000000:1,10000:5,100000:5",
                   help="comma-separated N:d (d columns in each of X and Y)")
    args = parser.parse_args()
    {"gen": gen, "ksg": ksg, "compare": compare}[args.command](args)


if __name__ == "__main__":
    main()
