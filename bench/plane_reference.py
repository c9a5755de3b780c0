#!/usr/bin/python3
"""Reference information plane in plain numpy/scipy: binning and KDE-upper I(X;T), I(T;Y) for every
(layer, epoch) of an activation store (.npz with x, y, epochs, layers, act/<layer> of shape (E, N, U)).

Written the way a researcher would write it (vectorised numpy, scipy's cdist and logsumexp), as the
baseline of bench/plane_speed.sh. Formulas of docs/catalogue.md:
  binning: B equal-width bins over [lo, hi], clamped; one symbol per row of bin indices;
           I(X;T) = H(T) + H(X) - H(X,T), I(T;Y) = H(T) + H(Y) - H(T,Y) (plug-in entropies).
  KDE upper (Kolchinsky & Tracey; Saxe et al. 2018), noise variance s2:
           H(T) = d/2 (ln 2 pi s2 + 1) - 1/N sum_i ln(1/N sum_j exp(-|t_i - t_j|^2 / 2 s2)),
           H(T|X) = d/2 (ln 2 pi s2 + 1) (the inputs are distinct), H(T|Y) = sum_c p(c) H(T | class c).

Usage: plane_reference.py STORE.npz [--bins 30] [--range -1 1] [--noise 0.1] [--out values.csv]
Prints the estimation time (loading excluded) on stderr; writes layer,epoch,estimator,quantity,value.
"""
import argparse
import csv
import sys
import time

import numpy as np
from scipy.spatial.distance import cdist
from scipy.special import logsumexp


def plugin_entropy(symbols):
    """Plug-in entropy (nats) of the rows of an integer array."""
    _, counts = np.unique(symbols, axis=0, return_counts=True)
    p = counts / counts.sum()
    return -np.sum(p * np.log(p))


def binning_plane(x_sym, y, t, bins, lo, hi):
    # The workbench's bin of a value: floor((v - lo) * B / (hi - lo)), clamped to [0, B - 1].
    scale = bins / (hi - lo)
    cells = np.clip(np.floor((t - lo) * scale), 0, bins - 1).astype(np.int64)
    h_t = plugin_entropy(cells)
    h_x = plugin_entropy(x_sym[:, None])
    h_y = plugin_entropy(y[:, None])
    h_xt = plugin_entropy(np.column_stack([x_sym, cells]))
    h_ty = plugin_entropy(np.column_stack([cells, y]))
    return h_t + h_x - h_xt, h_t + h_y - h_ty


def kde_upper_entropy(t, s2):
    n, d = t.shape
    dists = cdist(t, t, "sqeuclidean")
    lprobs = logsumexp(-dists / (2 * s2), axis=1) - np.log(n)
    return d / 2 * (np.log(2 * np.pi * s2) + 1) - np.mean(lprobs)


def kde_plane(y, t, s2):
    d = t.shape[1]
    h_t = kde_upper_entropy(t, s2)
    h_t_given_x = d / 2 * (np.log(2 * np.pi * s2) + 1)
    h_t_given_y = 0.0
    for c in np.unique(y):
        members = y == c
        h_t_given_y += members.mean() * kde_upper_entropy(t[members], s2)
    return h_t - h_t_given_x, h_t - h_t_given_y


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--bins", type=int, default=30)
    ap.add_argument("--range", type=float, nargs=2, default=[-1.0, 1.0])
    ap.add_argument("--noise", type=float, default=0.1)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()

    store = np.load(args.store)
    x = store["x"]
    y = store["y"]
    if y.ndim == 2:
        y = np.argmax(y, axis=1)
    _, x_sym = np.unique(x, axis=0, return_inverse=True)
    x_sym = x_sym.reshape(-1)
    if len(np.unique(x_sym)) != len(x_sym):
        sys.exit("plane_reference.py: H(T|X) = noise entropy assumes distinct inputs")
    epochs = [int(e) for e in store["epochs"]]
    layers = [str(name) for name in store["layers"]]
    acts = {name: store["act/" + name] for name in layers}  # loaded before the clock starts

    rows = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for name in layers:
        for e, epoch in enumerate(epochs):
            t = np.ascontiguousarray(acts[name][e], dtype=np.float64)
            ixt, ity = binning_plane(x_sym, y, t, args.bins, *args.range)
            rows.append((name, epoch, "binning", "I(X;T)", ixt))
            rows.append((name, epoch, "binning", "I(T;Y)", ity))
            ixt, ity = kde_plane(y, t, args.noise)
            rows.append((name, epoch, "kde-upper", "I(X;T)", ixt))
            rows.append((name, epoch, "kde-upper", "I(T;Y)", ity))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"numpy estimation: {seconds:.3f} s wall, {cpu:.3f} s CPU for {len(layers)} layers x {len(epochs)} epochs",
          file=sys.stderr)

    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="")
    writer = csv.writer(out)
    writer.writerow(["layer", "epoch", "estimator", "quantity", "value_nats"])
    for name, epoch, est, quantity, value in rows:
        writer.writerow([name, epoch, est, quantity, repr(float(value))])
    if out is not sys.stdout:
        out.close()
    print(f"seconds={seconds:.6f} cpu={cpu:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
