#!/usr/bin/python3
"""Real-scale information plane (issue 15): the conv-net-like store, and numpy references on it.

Run with Debian's /usr/bin/python3 (numpy, scipy). numpy's BLAS is whatever libblas.so.3 resolves
to (install libopenblas0-pthread for OpenBLAS); `blas` prints the library actually loaded.

  plane_scale_reference.py gen --n N --epochs E --out STORE.npz [--layers conv:1568,fc:256]
  plane_scale_reference.py kde STORE.npz [--noise 0.1]           KDE upper, GEMM form in blocks
  plane_scale_reference.py binning STORE.npz [--bins 30] [--range -1 1]
  plane_scale_reference.py ksg STORE.npz [--components 8] [--k 3]  numpy PCA, then cKDTree KSG
  plane_scale_reference.py blas                                   the BLAS numpy loaded

Each estimator command writes CSV (layer,epoch,estimator,quantity,value_nats) on stdout and
"seconds=S cpu=C" on stderr (loading the store excluded). Formulas as bench/plane_reference.py and
docs/catalogue.md; the KDE sums are exp(-(|a|^2 + |b|^2 - 2 a.b) / 2 s2) with a logsumexp per row,
2000 rows at a time (the numpy way to use the BLAS; cdist would be slower).
"""
import argparse
import csv
import math
import os
import sys
import time

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma, logsumexp


def gen(args):
    """Inputs like MNIST (N x 784), 10 classes, ReLU layers of a fixed random network whose units mix
    a class code with per-sample variation, scaled so that pairwise distances are of the order of the
    kernel width (neither all kernel values 0 nor all 1), growing with the epoch as training spreads
    the classes apart. float32, as networks store them."""
    rng = np.random.default_rng(args.seed)
    n = args.n
    y = rng.integers(0, 10, n)
    centres = rng.standard_normal((10, 32))
    variation = rng.standard_normal((n, 32))
    x = np.clip((centres[y] + 0.7 * variation) @ rng.standard_normal((32, 784)) / 8 + 0.5, 0, 1).astype(np.float32)
    arrays = {"x": x, "y": y, "epochs": np.arange(args.epochs) * 5}
    names = []
    for spec in args.layers.split(","):
        name, units = spec.split(":")
        names.append(name)
        w = rng.standard_normal((32, int(units))) / np.sqrt(32)
        act = np.empty((args.epochs, n, int(units)), np.float32)
        for e in range(args.epochs):
            spread = 1.0 + e / max(1, args.epochs - 1)
            h = np.maximum((centres[y] * spread + 0.7 * variation) @ w, 0)
            act[e] = h * np.sqrt(1.5 / (int(units) * np.mean(h ** 2)))  # mean |t|^2 = 1.5
        arrays["act/" + name] = act
    arrays["layers"] = np.array(names)
    np.savez(args.out, **arrays)


def load(path):
    store = np.load(path)
    layers = [str(v) for v in store["layers"]]
    return store, layers, [int(e) for e in store["epochs"]]


def kde_log_means(t, s2, rows=2000):
    """ln (1/N) sum_j exp(-|t_i - t_j|^2 / 2 s2) for every row, GEMM form, `rows` at a time."""
    n = t.shape[0]
    t = t - t.mean(axis=0)
    sq = np.einsum("ij,ij->i", t, t)
    out = np.empty(n)
    for r0 in range(0, n, rows):
        block = t[r0:r0 + rows]
        d2 = np.maximum(sq[r0:r0 + rows, None] + sq[None, :] - 2.0 * (block @ t.T), 0.0)
        out[r0:r0 + rows] = logsumexp(-d2 / (2 * s2), axis=1) - np.log(n)
    return out


def kde(args, store, name, e, t, y):
    d = t.shape[1]
    noise = d / 2 * (np.log(2 * np.pi * args.noise) + 1)
    h_t = noise - kde_log_means(t, args.noise).mean()
    h_t_y = sum((y == c).mean() * (noise - kde_log_means(t[y == c], args.noise).mean()) for c in np.unique(y))
    return [("kde-upper", "I(X;T)", h_t - noise), ("kde-upper", "I(T;Y)", h_t - h_t_y)]


def plugin_entropy(symbols):
    """ln N - (1/N) sum_k c_k ln c_k over the counts c_k of distinct rows, the sum correctly rounded
    (math.fsum) and the logarithms from libm (math.log): the workbench's expression
    (core/src/numerics/entropy.cpp), so the two agree bit for bit, whatever the symbols' order."""
    _, counts = np.unique(symbols, axis=0, return_counts=True)
    n = int(counts.sum())
    return max(0.0, math.log(n) - math.fsum(int(c) * math.log(int(c)) for c in counts) / n)


def binning(args, store, name, e, t, y):
    lo, hi = args.range
    cells = np.clip(np.floor((t - lo) * (args.bins / (hi - lo))), 0, args.bins - 1).astype(np.int16)
    h_x = plugin_entropy(args.x_symbols[:, None])
    h_t = plugin_entropy(cells)
    h_y = plugin_entropy(y[:, None])
    h_xt = plugin_entropy(np.column_stack([args.x_symbols, cells]))
    h_ty = plugin_entropy(np.column_stack([cells, y]))
    # I = max(0, (H(A) + H(B)) - H(A,B)), as the workbench evaluates it.
    return [("binning", "I(X;T)", max(0.0, (h_x + h_t) - h_xt)), ("binning", "I(T;Y)", max(0.0, (h_t + h_y) - h_ty))]


def pca(v, components):
    """sklearn-style PCA: centre, covariance by BLAS, eigh, the leading components."""
    c = v - v.mean(axis=0)
    w, u = np.linalg.eigh(c.T @ c / len(c))
    return c @ u[:, ::-1][:, :components]


def ksg1(x, y, k, workers):
    n = len(x)
    joint = np.hstack([x, y])
    eps = cKDTree(joint).query(joint, k=k + 1, p=np.inf, workers=workers)[0][:, -1]
    r = np.nextafter(eps, 0)
    cx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True, workers=workers)
    cy = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True, workers=workers)
    return digamma(k) + digamma(n) - np.mean(digamma(cx) + digamma(cy))


def ross(v, y, k, workers):
    """Ross (2014) mixed estimator, as scikit-learn's mutual_info_classif (every class has > k rows)."""
    n = len(v)
    radius = np.empty(n)
    counts = np.empty(n)
    for c in np.unique(y):
        rows = np.flatnonzero(y == c)
        radius[rows] = cKDTree(v[rows]).query(v[rows], k=k + 1, p=np.inf, workers=workers)[0][:, -1]
        counts[rows] = len(rows)
    m = cKDTree(v).query_ball_point(v, np.nextafter(radius, 0), p=np.inf, return_length=True, workers=workers)
    return digamma(n) + digamma(k) - np.mean(digamma(counts)) - np.mean(digamma(m))


def ksg(args, store, name, e, t, y):
    if not hasattr(args, "x_compressed"):
        args.x_compressed = pca(store["x"].astype(np.float64), args.components)
    tc = pca(t, args.components)
    return [("ksg", "I(X;T)", ksg1(args.x_compressed, tc, args.k, args.workers)),
            ("ksg", "I(T;Y)", ross(tc, y, args.k, args.workers))]


def blas():
    import numpy
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if os.path.basename(path).startswith(("libblas", "liblapack", "libopenblas", "libmkl")):
                libs.add(os.path.realpath(path))
    print("numpy", numpy.__version__, "loaded:", ", ".join(sorted(libs)) or "no BLAS library")
    try:
        from threadpoolctl import threadpool_info
        for info in threadpool_info():
            print("threadpoolctl:", info.get("internal_api"), info.get("version"), info.get("architecture"),
                  "threads", info.get("num_threads"))
    except ImportError:
        print("threadpoolctl: not installed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--n", type=int, default=10000)
    g.add_argument("--epochs", type=int, default=2)
    g.add_argument("--layers", default="conv:1568,fc:256")
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--out", required=True)
    for name in ("kde", "binning", "ksg"):
        p = sub.add_parser(name)
        p.add_argument("store")
        p.add_argument("--noise", type=float, default=0.1)
        p.add_argument("--bins", type=int, default=30)
        p.add_argument("--range", type=float, nargs=2, default=[-1.0, 1.0])
        p.add_argument("--components", type=int, default=8)
        p.add_argument("--k", type=int, default=3)
        p.add_argument("--workers", type=int, default=2)
    sub.add_parser("blas")
    args = ap.parse_args()
    if args.command == "gen":
        return gen(args)
    if args.command == "blas":
        return blas()
    store, layers, epochs = load(args.store)
    y = store["y"]
    acts = {name: store["act/" + name] for name in layers}  # read before the clock starts
    if args.command == "ksg":
        store = {"x": store["x"]}
    if args.command == "binning":  # X's symbols, as the workbench makes them when it opens the store
        args.x_symbols = np.unique(store["x"], axis=0, return_inverse=True)[1].reshape(-1)
    estimate = {"kde": kde, "binning": binning, "ksg": ksg}[args.command]
    rows = []
    start, cpu = time.perf_counter(), time.process_time()
    for name in layers:
        for e, epoch in enumerate(epochs):
            t = acts[name][e].astype(np.float64)
            for est, quantity, value in estimate(args, store, name, e, t, y):
                rows.append((name, epoch, est, quantity, value))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    writer = csv.writer(sys.stdout)
    writer.writerow(["layer", "epoch", "estimator", "quantity", "value_nats"])
    for row in rows:
        writer.writerow(list(row[:4]) + [repr(float(row[4]))])
    print(f"seconds={seconds:.6f} cpu={cpu:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
