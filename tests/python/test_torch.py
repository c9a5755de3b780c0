"""miwb.torch.ActivationRecorder on a small MLP and a small conv net trained for a few epochs: the
store it writes opens in miwb-cli run with every layer and epoch, holds the model's activations, and
its plane equals a numpy reference on those arrays."""
import csv
import json
import os
import sys
from collections import OrderedDict

import numpy as np
import pytest
import torch
from torch import nn

import miwb
import miwb.torch
from conftest import SOURCE_DIR, cli

sys.path.insert(0, os.path.join(SOURCE_DIR, "bench"))
from plane_reference import binning_plane, kde_plane  # noqa: E402  (the numpy reference of bench/plane_speed.sh)

N = 160
EPOCHS = [0, 1, 3]
BINNING = {"id": "binning", "params": {"bins": 30, "range": [-1, 1]}, "label": "binning"}
KDE = {"id": "kde-upper", "params": {"noise_variance": 0.1}, "label": "kde"}


def mlp():
    return nn.Sequential(OrderedDict([("fc1", nn.Linear(6, 8)), ("h1", nn.Tanh()), ("fc2", nn.Linear(8, 5)),
                                      ("h2", nn.Tanh()), ("out", nn.Linear(5, 2))]))


def conv_net():
    return nn.Sequential(OrderedDict([("conv", nn.Conv2d(1, 2, 3, padding=1)), ("c1", nn.Tanh()),
                                      ("flat", nn.Flatten()), ("fc", nn.Linear(32, 4)), ("h", nn.Tanh()),
                                      ("out", nn.Linear(4, 2))]))


def independent_activations(model, inputs):
    """The recorded layers' outputs, computed here without hooks: the modules applied one by one."""
    out, value = {}, inputs
    with torch.no_grad():
        for name, module in model.named_children():
            value = module(value)
            out[name] = value.numpy().copy()
    return out


def train_and_record(model, inputs, labels, layers, path):
    torch.manual_seed(0)
    rec = miwb.torch.ActivationRecorder(model, layers, inputs, labels, path)
    optimiser = torch.optim.SGD(model.parameters(), lr=0.5)
    model.train()
    recorded = {}
    for epoch in range(max(EPOCHS) + 1):
        optimiser.zero_grad()
        nn.functional.cross_entropy(model(inputs), labels).backward()
        optimiser.step()
        if epoch in EPOCHS:
            returned = rec.record(epoch)
            assert model.training  # the recorder put the model back in training mode
            model.eval()
            expected = independent_activations(model, inputs)
            model.train()
            for name in layers:
                on_disk = np.load(os.path.join(path, "act", name, f"{epoch}.npy"))
                np.testing.assert_array_equal(on_disk, expected[name])
                np.testing.assert_array_equal(returned[name], expected[name])
            recorded[epoch] = {name: expected[name] for name in layers}
    return rec, recorded


def reference_plane(inputs, labels, recorded):
    x = inputs.numpy().reshape(len(inputs), -1)
    _, x_sym = np.unique(x, axis=0, return_inverse=True)
    x_sym = x_sym.reshape(-1)
    assert len(np.unique(x_sym)) == len(x_sym)  # the KDE reference's H(T|X) needs distinct inputs
    y = labels.numpy()
    out = {}
    for epoch, layers in recorded.items():
        for name, t in layers.items():
            t = np.ascontiguousarray(t.reshape(len(t), -1), dtype=np.float64)
            out[(name, epoch, "binning")] = binning_plane(x_sym, y, t, 30, -1.0, 1.0)
            out[(name, epoch, "kde")] = kde_plane(y, t, 0.1)
    return out


def plane_values(rows):
    values = {}
    for r in rows:
        assert r["status"] == "ok", r
        key = (r["layer"], int(r["epoch"]), r["estimator"])
        values.setdefault(key, [None, None])[0 if r["quantity"] == "I(X;T)" else 1] = float(r["value_nats"])
    return values


@pytest.mark.parametrize("kind", ["mlp", "conv"])
def test_recorder_store_plane(tmp_path, kind):
    torch.manual_seed(1)
    if kind == "mlp":
        model, inputs, layers = mlp(), torch.randn(N, 6), ["h1", "h2"]
    else:
        model, inputs, layers = conv_net(), torch.randn(N, 1, 4, 4), ["c1", "h"]
    labels = (inputs.reshape(N, -1)[:, 0] + inputs.reshape(N, -1)[:, 1] > 0).long()
    store = tmp_path / "store"
    rec, recorded = train_and_record(model, inputs, labels, layers, str(store))
    if kind == "conv":
        assert np.load(store / "act" / "c1" / "0.npy").shape == (N, 2, 4, 4)  # kept N-D
    assert list(np.load(store / "epochs.npy")) == EPOCHS
    assert list(np.load(store / "layers.npy")) == layers
    assert not [f for f in os.listdir(store) if f.endswith(".part")]

    # miwb-cli run opens the store with every layer and epoch.
    experiment = {"schema": "miwb.experiment/1", "name": "recorded", "kind": "information-plane", "seed": 0,
                  "dataset": {"id": "activations", "params": {"path": str(store)}},
                  "estimators": [BINNING, KDE], "grid": {"layers": "all", "epochs": "all", "samples": "all"}}
    (tmp_path / "plane.json").write_text(json.dumps(experiment))
    cli("run", tmp_path / "plane.json", "--out", tmp_path / "cli")
    with open(tmp_path / "cli" / "results.csv", newline="") as f:
        cli_values = plane_values(csv.DictReader(f))
    assert set(cli_values) == {(l, e, est) for l in layers for e in EPOCHS for est in ("binning", "kde")}

    # rec.plane() through miwb.run gives the same values, and they equal the numpy reference.
    values = plane_values(rec.plane([BINNING, KDE], out=str(tmp_path / "py")))
    assert values == cli_values
    reference = reference_plane(inputs, labels, recorded)
    for key, (ixt, ity) in values.items():
        ref_ixt, ref_ity = reference[key]
        if key[2] == "binning":  # plug-in entropies of the same counts: equal up to summation order
            assert ixt == pytest.approx(ref_ixt, abs=1e-13) and ity == pytest.approx(ref_ity, abs=1e-13), key
        else:
            assert ixt == pytest.approx(ref_ixt, abs=1e-9) and ity == pytest.approx(ref_ity, abs=1e-9), key


def test_recorder_continues_a_store_and_refuses_bad_layers(tmp_path):
    torch.manual_seed(2)
    model, inputs = mlp(), torch.randn(40, 6)
    labels = torch.zeros(40, dtype=torch.long)
    rec = miwb.torch.ActivationRecorder(model, ["h1"], inputs, labels, tmp_path)
    rec.record(5)
    rec.record(2)
    again = miwb.torch.ActivationRecorder(model, ["h1"], inputs, labels, tmp_path)
    again.record(9)
    assert list(np.load(tmp_path / "epochs.npy")) == [2, 5, 9]
    with pytest.raises(ValueError, match="the model has no module 'h9'"):
        miwb.torch.ActivationRecorder(model, ["h9"], inputs, labels, tmp_path / "b")
    with pytest.raises(ValueError, match="'0' cannot name a layer"):
        miwb.torch.ActivationRecorder(nn.Sequential(nn.Linear(6, 2)), ["0"], inputs, labels, tmp_path / "c")
    named = miwb.torch.ActivationRecorder(model, {"layer0": model.fc1}, inputs, labels, tmp_path / "d")
    assert set(named.record(0)) == {"layer0"}
    with pytest.raises(ValueError, match="labels must be"):
        miwb.torch.ActivationRecorder(model, ["h1"], inputs, labels[:10], tmp_path / "e")
