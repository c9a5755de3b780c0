#!/usr/bin/env python3
"""References for bench/screen_speed.sh, timed on the same features as the workbench's screen.

  screen_reference.py make X.npy Y.npy N F          synthetic features (float64, N x F, C order, written
                                                    in blocks) and a continuous outcome; features
                                                    0..9 carry signal
  screen_reference.py sklearn X.npy Y.npy COUNT     sklearn's mutual_info_regression (KSG, k = 3) on the
                                                    first COUNT features, one core
  screen_reference.py kde X.npy Y.npy COUNT GRID    the kde-fft method in numpy/scipy (linear binning,
                                                    Gaussian product kernel at Silverman's 2-D widths,
                                                    3 bandwidths of margin, FFT convolution by
                                                    scipy.signal.fftconvolve, MI of the normalised
                                                    grid) on the first COUNT features, one core;
                                                    prints its values so the script can compare them
                                                    with kde-fft's

Each timing line: '<name> features=<COUNT> seconds=<s> features_per_second=<f/s>'.
"""
import json
import sys
import time

import numpy as np


def make(x_path, y_path, n, f):
    rng = np.random.default_rng(1050)
    y = rng.normal(size=n)
    np.save(y_path, y)
    out = np.lib.format.open_memmap(x_path, mode="w+", dtype=np.float64, shape=(n, f))
    block = 10000
    for first in range(0, f, block):
        count = min(block, f - first)
        values = rng.normal(size=(n, count))
        if first == 0:
            for j in range(10):
                values[:, j] = 0.5 * y + values[:, j] if j % 2 == 0 else np.sin(2 * y) + 0.5 * values[:, j]
        out[:, first:first + count] = values
    out.flush()


def silverman_2d(v):
    q75, q25 = np.percentile(v, [75, 25])
    sd = np.std(v, ddof=1)
    iqr = q75 - q25
    spread = min(sd, iqr / 1.34) if iqr > 0 else sd
    return spread * len(v) ** (-1.0 / 6.0)


def axis(v, h, grid):
    lo = v.min() - 3.0 * h
    step = (v.max() - v.min() + 6.0 * h) / (grid - 1)
    return lo, step


def linear_bin(x, y, ax, ay, grid):
    u = (x - ax[0]) / ax[1]
    v = (y - ay[0]) / ay[1]
    a = np.clip(u.astype(np.int64), 0, grid - 2)
    b = np.clip(v.astype(np.int64), 0, grid - 2)
    fu = np.clip(u - a, 0.0, 1.0)
    fv = np.clip(v - b, 0.0, 1.0)
    g = np.zeros((grid, grid))
    np.add.at(g, (a, b), (1 - fu) * (1 - fv))
    np.add.at(g, (a, b + 1), (1 - fu) * fv)
    np.add.at(g, (a + 1, b), fu * (1 - fv))
    np.add.at(g, (a + 1, b + 1), fu * fv)
    return g


def kde_fft_mi(x, y, grid):
    from scipy.signal import fftconvolve
    hx, hy = silverman_2d(x), silverman_2d(y)
    ax, ay = axis(x, hx, grid), axis(y, hy, grid)
    g = linear_bin(x, y, ax, ay, grid)
    offsets = np.arange(-(grid - 1), grid)
    kx = np.exp(-0.5 * (offsets * ax[1] / hx) ** 2)
    ky = np.exp(-0.5 * (offsets * ay[1] / hy) ** 2)
    p = fftconvolve(g, np.outer(kx, ky), mode="same")
    p = np.clip(p, 0.0, None)
    p /= p.sum()
    px = p.sum(axis=1, keepdims=True)
    py = p.sum(axis=0, keepdims=True)
    nz = p > 0
    return max(0.0, float(np.sum(p[nz] * (np.log(p[nz]) - np.log((px @ py)[nz])))))


def main():
    command = sys.argv[1]
    if command == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        return
    x = np.load(sys.argv[2], mmap_mode="r")
    y = np.load(sys.argv[3])
    count = int(sys.argv[4])
    block = np.array(x[:, :count])
    if command == "sklearn":
        from sklearn.feature_selection import mutual_info_regression
        start = time.perf_counter()
        mutual_info_regression(block, y, n_neighbors=3, random_state=0)
        seconds = time.perf_counter() - start
        print(f"sklearn_mutual_info_regression features={count} seconds={seconds:.3f} features_per_second={count / seconds:.1f}")
    elif command == "kde":
        grid = int(sys.argv[5])
        start = time.perf_counter()
        values = [kde_fft_mi(block[:, j], y, grid) for j in range(count)]
        seconds = time.perf_counter() - start
        print(f"numpy_scipy_kde_fft features={count} seconds={seconds:.3f} features_per_second={count / seconds:.1f}")
        print("values " + json.dumps(values))


if __name__ == "__main__":
    main()
