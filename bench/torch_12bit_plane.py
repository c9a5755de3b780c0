#!/usr/bin/python3
"""The 12-bit network of Saxe et al. (2018), trained in PyTorch with miwb.torch.ActivationRecorder, and
its information plane drawn by the workbench; beside it the same network trained in the workbench
itself (resources/examples/ib12bit-tanh-binning-quick.json, the mlp-training dataset).

Both: the 4096 12-bit inputs and labels of the ib12bit dataset, a 12-10-7-5-4-3-2 tanh network with a
softmax output, Adam (learning rate 0.001, batches of 256) on a shuffled 80 % training split for 400
epochs, 24 log-spaced recorded epochs (1 .. 400), the plane of every layer by binning (30 bins over
[-1, 1]) on all 4096 inputs. The two trainings start from different weights, so their planes agree
in shape, not point by point.

Usage: PYTHONPATH=build/python bench/torch_12bit_plane.py OUT_DIR [--epochs 400] [--figures DIR]
Writes OUT_DIR/store (the recorded activations), OUT_DIR/torch-plane and OUT_DIR/inapp-plane (run
folders with results.csv and the figures), prints timings and what else the machine was running.
"""
import argparse
import math
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import torch
from torch import nn

import miwb
import miwb.torch

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, "..", "build", "bin", "miwb-cli")
BINNING = {"id": "binning", "params": {"bins": 30, "range": [-1, 1]}, "label": "binning, 30 bins"}


def log_spaced_epochs(total, count):
    """The mlp-training dataset's recorded epochs: round(exp(log(total) i / (count - 1))), 1 .. total."""
    epochs = {min(max(round(math.exp(math.log(total) * i / (count - 1))), 1), total) for i in range(count)}
    return sorted(epochs | {total})


class SaxeNetwork(nn.Module):
    def __init__(self, widths=(12, 10, 7, 5, 4, 3)):
        super().__init__()
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:]))
        self.tanh = nn.ModuleList(nn.Tanh() for _ in widths[1:])
        self.out = nn.Linear(widths[-1], 2)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        for linear, tanh in zip(self.hidden, self.tanh):
            x = tanh(linear(x))
        return self.softmax(self.out(x))


def machine_load():
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--epochs", type=int, default=400)
    ap.add_argument("--figures", help="copy the two plane figures here (docs/figures)")
    args = ap.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    print(f"before: {machine_load()}", file=sys.stderr)

    x, y, info = miwb.sample("ib12bit", 4096)
    inputs, labels = torch.tensor(x, dtype=torch.float32), torch.tensor(y)
    rng = np.random.default_rng(0)
    train = np.zeros(len(x), dtype=bool)
    train[rng.permutation(len(x))[: int(0.8 * len(x))]] = True

    torch.manual_seed(0)
    model = SaxeNetwork()
    layers = {f"h{i + 1}": tanh for i, tanh in enumerate(model.tanh)}
    layers["softmax"] = model.softmax
    rec = miwb.torch.ActivationRecorder(model, layers, inputs, labels, os.path.join(args.out, "store"),
                                        train_mask=train)
    optimiser = torch.optim.Adam(model.parameters(), lr=0.001)
    recorded = set(log_spaced_epochs(args.epochs, 24))
    train_x, train_y = inputs[train], labels[train]
    start = time.perf_counter()
    record_seconds = 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        for batch in torch.randperm(len(train_x)).split(256):
            optimiser.zero_grad()
            probabilities = model(train_x[batch])
            nn.functional.nll_loss(torch.log(probabilities.clamp_min(1e-30)), train_y[batch]).backward()
            optimiser.step()
        if epoch in recorded:
            t = time.perf_counter()
            rec.record(epoch)
            record_seconds += time.perf_counter() - t
    train_seconds = time.perf_counter() - start - record_seconds
    with torch.no_grad():
        model.eval()
        accuracy = (model(inputs).argmax(1) == labels).float().mean().item()
    print(f"pytorch: {args.epochs} epochs in {train_seconds:.1f} s, {len(recorded)} epochs recorded in "
          f"{record_seconds:.2f} s, accuracy {accuracy:.3f}", file=sys.stderr)

    start = time.perf_counter()
    rows = rec.plane([BINNING], out=os.path.join(args.out, "torch-plane"))
    plane_seconds = time.perf_counter() - start
    print(f"workbench plane of the PyTorch run: {len(rows)} values in {plane_seconds:.2f} s", file=sys.stderr)
    torch_run = os.path.join(args.out, "torch-plane")
    # The figures: the CLI draws them from the same run folder (every task is done, none reruns).
    subprocess.run([CLI, "run", os.path.join(torch_run, "experiment.json"), "--out", torch_run, "--figures", "png"],
                   check=True, stdout=subprocess.DEVNULL)

    inapp_run = os.path.join(args.out, "inapp-plane")
    start = time.perf_counter()
    subprocess.run([CLI, "run", os.path.join(HERE, "..", "resources", "examples", "ib12bit-tanh-binning-quick.json"),
                    "--out", inapp_run, "--figures", "png"], check=True, stdout=subprocess.DEVNULL)
    print(f"in-app training and plane: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    print(f"after: {machine_load()}", file=sys.stderr)

    for run in (torch_run, inapp_run):
        figures = sorted(f for f in os.listdir(run) if f.endswith(".png"))
        print(f"{run}: {', '.join(figures)}", file=sys.stderr)
        if args.figures and figures:
            name = "python-12bit-torch.png" if run == torch_run else "python-12bit-inapp.png"
            shutil.copy(os.path.join(run, figures[0]), os.path.join(args.figures, name))


if __name__ == "__main__":
    main()
