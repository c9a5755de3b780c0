#!/usr/bin/env python3
"""The screening benchmark with planted truth, after the fastHDMI paper's simulation design.

  screen_planted.py make DIR N F K SEED [RHO]
                                            features with Toeplitz correlation rho^|i-j| (rho = 0.5 by
                                            default, an AR(1) chain across features), K planted features spread
                                            evenly, and four outcomes: linear (y = sum x_j + e),
                                            squared (sum x_j^2 + e), and binary outcomes from a
                                            logistic link on the linear and the squared index
  screen_planted.py auroc DIR SCREEN.csv    AUROC of each estimator's MI against the planted set
                                            (Mann-Whitney, ties counted half), and with q-values the
                                            false share of the selected features
"""
import csv
import json
import sys
from collections import defaultdict

import numpy as np


def make(folder, n, f, k, seed, rho):
    rng = np.random.default_rng(seed)
    x = np.empty((n, f))
    x[:, 0] = rng.normal(size=n)
    for j in range(1, f):
        x[:, j] = rho * x[:, j - 1] + np.sqrt(1 - rho * rho) * rng.normal(size=n)
    planted = [int(i * f / k + f / (2 * k)) for i in range(k)]
    beta = 1.0 / np.sqrt(k)
    linear = x[:, planted].sum(axis=1) * beta
    squared = (x[:, planted] ** 2 - 1).sum(axis=1) * beta
    outcomes = {
        "linear": linear + rng.normal(size=n),
        "squared": squared + rng.normal(size=n),
        "logistic_linear": (rng.uniform(size=n) < 1 / (1 + np.exp(-2 * linear))).astype(np.int64),
        "logistic_squared": (rng.uniform(size=n) < 1 / (1 + np.exp(-2 * squared))).astype(np.int64),
    }
    np.save(f"{folder}/x.npy", x)
    for name, y in outcomes.items():
        np.save(f"{folder}/y_{name}.npy", y)
    json.dump({"planted": planted, "n": n, "f": f, "k": k, "rho": rho, "seed": seed}, open(f"{folder}/truth.json", "w"))


def auroc(scores, positives):
    scores = np.asarray(scores)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):  # average ranks over ties
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = np.asarray(positives)
    n_pos, n_neg = pos.sum(), len(pos) - pos.sum()
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def report(folder, screen_csv):
    truth = set(json.load(open(f"{folder}/truth.json"))["planted"])
    rows = defaultdict(list)
    for r in csv.DictReader(open(screen_csv)):
        rows[r["estimator"]].append(r)
    for estimator, rs in rows.items():
        rs.sort(key=lambda r: int(r["feature"]))
        scores = [float(r["mi_nats"]) if r["mi_nats"] else -np.inf for r in rs]
        positives = [int(r["feature"]) in truth for r in rs]
        line = f"{estimator} auroc={auroc(scores, positives):.4f}"
        if rs[0]["q_value"]:
            selected = [int(r["feature"]) for r in rs if r["selected"] == "1"]
            false = sum(1 for j in selected if j not in truth)
            line += f" selected={len(selected)} false_share={false / len(selected) if selected else 0.0:.4f}"
        print(line)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]),
             float(sys.argv[7]) if len(sys.argv) > 7 else 0.5)
    else:
        report(sys.argv[2], sys.argv[3])
