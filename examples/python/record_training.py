#!/usr/bin/python3
"""Recording a PyTorch training for its information plane: a plain training loop with
miwb.torch.ActivationRecorder, then the plane computed by the workbench.

    PYTHONPATH=build/python examples/python/record_training.py /tmp/recorded
Then open the store in the window (Open activations...) or run an experiment on it.
"""
import sys

import torch
from torch import nn

import miwb
import miwb.torch

x, y, info = miwb.sample("ib12bit", 4096)                 # the 12-bit task's inputs and labels
inputs, labels = torch.tensor(x, dtype=torch.float32), torch.tensor(y)
model = nn.Sequential(nn.Linear(12, 10), nn.Tanh(), nn.Linear(10, 7), nn.Tanh(), nn.Linear(7, 2))
rec = miwb.torch.ActivationRecorder(model, {"h1": model[1], "h2": model[3]}, inputs, labels, sys.argv[1])
optimiser = torch.optim.Adam(model.parameters(), lr=0.003)
for epoch in range(1, 201):
    for batch in torch.randperm(len(inputs)).split(256):
        optimiser.zero_grad()
        nn.functional.cross_entropy(model(inputs[batch]), labels[batch]).backward()
        optimiser.step()
    if epoch in (1, 2, 5, 10, 20, 50, 100, 200):
        rec.record(epoch)                                  # one file per layer, epochs.npy last

for row in rec.plane([{"id": "binning", "params": {"bins": 30, "range": [-1, 1]}}]):
    print(row["layer"], row["epoch"], row["quantity"], round(row["value_nats"], 4))
