"""PyTorch side of bench/neural_vs_torch.sh: the same joint critic, bound, optimiser, batch and number
of steps as miwb-bench-neural, on the same .npy files, timed per step.

  python3 neural_vs_torch.py data OUT_DIR N DX DY SEED      writes OUT_DIR/x.npy, OUT_DIR/y.npy
  python3 neural_vs_torch.py torch X.npy Y.npy STEPS THREADS DTYPE FORM [BATCH] [LR]

The critic is bmi's: an MLP (16, 8) with ReLU on the concatenated pair [x_i, y_j] for all K^2 pairs of a
batch, trained on InfoNCE with Adam. FORM "pairs" builds the K^2 x (dx + dy) input as bmi and most
PyTorch code do; "split" gives PyTorch the workbench's algebra as well (the first layer applied to x
and y once, the pairs formed by a broadcast add), the stronger baseline. Prints one line:
  threads=T steps=S ms_per_step=M final_bound=B
"""
import math
import sys
import time

import numpy as np


def make_data(out_dir, n, dx, dy, seed):
    # Gaussian pairs, correlation 0.8 between x_i and y_i for i < min(dx, dy): bmi's sparse tasks' shape.
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dx))
    y = rng.standard_normal((n, dy))
    m = min(dx, dy)
    y[:, :m] = 0.8 * x[:, :m] + 0.6 * y[:, :m]
    np.save(f"{out_dir}/x.npy", x)
    np.save(f"{out_dir}/y.npy", y)


def run_torch(x_path, y_path, steps, threads, dtype_name, form, k=256, lr=0.1):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    dtype = {"float32": torch.float32, "float64": torch.float64}[dtype_name]
    x = torch.from_numpy(np.load(x_path)).to(dtype)
    y = torch.from_numpy(np.load(y_path)).to(dtype)
    n, dx = x.shape
    dy = y.shape[1]
    first = torch.nn.Linear(dx + dy, 16).to(dtype)
    rest = torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Linear(16, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1)).to(dtype)
    params = list(first.parameters()) + list(rest.parameters())
    opt = torch.optim.Adam(params, lr=lr)

    def scores(bx, by):
        if form == "pairs":
            pairs = torch.cat([bx.unsqueeze(1).expand(k, k, dx), by.unsqueeze(0).expand(k, k, dy)], dim=2)
            return rest(first(pairs.reshape(k * k, dx + dy))).reshape(k, k)
        a = bx @ first.weight[:, :dx].T
        b = by @ first.weight[:, dx:].T + first.bias
        return rest(a.unsqueeze(1) + b.unsqueeze(0)).reshape(k, k)

    def step(s):
        start = (s * k) % (n - k + 1)
        f = scores(x[start:start + k], y[start:start + k])
        bound = math.log(k) + (torch.diagonal(f) - torch.logsumexp(f, dim=1)).mean()
        opt.zero_grad()
        (-bound).backward()
        opt.step()
        return bound.item()

    warmup = min(10, steps)
    for s in range(warmup):
        step(s)
    t0 = time.perf_counter()
    for s in range(warmup, warmup + steps):
        last = step(s)
    ms = (time.perf_counter() - t0) * 1000 / steps
    print(f"threads={threads} steps={steps} ms_per_step={ms:.3f} final_bound={last:.4f}")


if __name__ == "__main__":
    if sys.argv[1] == "data":
        make_data(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    else:
        a = sys.argv[2:]
        batch = int(a[6]) if len(a) > 6 else 256
        rate = float(a[7]) if len(a) > 7 else 0.1
        run_torch(a[0], a[1], int(a[2]), int(a[3]), a[4], a[5], batch, rate)
