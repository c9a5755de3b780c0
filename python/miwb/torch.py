"""Recording a PyTorch network's activations while it trains, for information planes.

    rec = miwb.torch.ActivationRecorder(model, ["fc1", "fc2"], x_all, y_all, "run/acts")
    for epoch in range(epochs):
        train_one_epoch(model)
        rec.record(epoch)           # the probe set through the model, one file per layer
    rows = rec.plane()              # I(X;T), I(T;Y) for every layer and epoch, via miwb.run

The recorder writes the folder form of an activation store (docs/activations.md): x.npy, y.npy,
layers.npy, train_mask.npy (when given), act/<layer>/<epoch>.npy per recorded epoch and epochs.npy,
kept current. Every file is written under a temporary name (which the store's reader does not list)
and renamed into place, and epochs.npy is renamed last, so a reader (`miwb-cli run`, the window
following the folder) never sees a torn array or an epoch with layers missing.
"""
import os
import re

import numpy as np
import torch

import miwb

__all__ = ["ActivationRecorder", "save_npy"]


def save_npy(path, array):
    """Saves `array` as .npy at `path` through a temporary file in the same folder, renamed over
    `path`: a reader sees the old file or the new one, never part of one."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.part")  # not *.npy: stores skip it
    with open(temporary, "wb") as f:
        np.save(f, array)
    os.replace(temporary, path)


def _numpy(value, what):
    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu", copy=True).numpy()
    try:
        return np.asarray(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{what}: {error}") from None


class ActivationRecorder:
    """Captures the outputs of `layers` of `model` on the fixed probe set `inputs` (N, ...) with
    labels `labels` ((N,) integers or (N, C) one-hot) and writes them to the store folder `path`.

    `layers`: module names from model.named_modules() (["fc1", "encoder.conv2"]), or a dict
    {store name: module}. A name is written as the layer's name in the store; names whose last part
    is all digits (nn.Sequential's "0") are refused, as the store would read them as epochs: give
    those as a dict. `train_mask` ((N,) bool) marks the training samples (grid "samples": "train").
    `batch_size` runs the probe set through the model in batches of that many rows.

    record(epoch) runs the probe set in eval mode under torch.no_grad() with forward hooks on the
    layers, restores the model's mode and removes the hooks, and writes each layer's output as it is
    ((N, units), or (N, C, H, W) for a convolution: the stores flatten each sample). An existing store
    at `path` with the same layers is continued (its epochs are kept)."""

    def __init__(self, model, layers, inputs, labels, path, *, train_mask=None, batch_size=None):
        if not isinstance(model, torch.nn.Module):
            raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
        self.model = model
        self.modules = self._resolve_layers(model, layers)
        self.inputs = inputs
        self.batch_size = batch_size
        if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
            raise ValueError(f"batch_size must be an integer >= 1, got {batch_size!r}")
        self.path = os.fspath(path)
        x = _numpy(inputs, "inputs")
        y = _numpy(labels, "labels")
        if x.ndim < 1 or len(x) == 0:
            raise ValueError(f"inputs must have one row per sample, got shape {x.shape}")
        if y.ndim not in (1, 2) or len(y) != len(x):
            raise ValueError(f"labels must be (N,) or one-hot (N, C) with N = {len(x)} (the inputs' rows), "
                             f"got shape {y.shape}")
        os.makedirs(os.path.join(self.path, "act"), exist_ok=True)
        names = list(self.modules)
        self.epochs = self._existing_epochs(names)
        save_npy(os.path.join(self.path, "x.npy"), x)
        save_npy(os.path.join(self.path, "y.npy"), y)
        save_npy(os.path.join(self.path, "layers.npy"), np.array(names))
        if train_mask is not None:
            mask = _numpy(train_mask, "train_mask").astype(bool)
            if mask.shape != (len(x),):
                raise ValueError(f"train_mask must have shape ({len(x)},), got {mask.shape}")
            save_npy(os.path.join(self.path, "train_mask.npy"), mask)

    @staticmethod
    def _resolve_layers(model, layers):
        if isinstance(layers, dict):
            modules = dict(layers)
        else:
            if isinstance(layers, str):
                layers = [layers]
            named = dict(model.named_modules())
            modules = {}
            for name in layers:
                if name not in named:
                    known = ", ".join(n for n in named if n)
                    raise ValueError(f"layers: the model has no module '{name}' (modules: {known})")
                modules[name] = named[name]
        if not modules:
            raise ValueError("layers: name at least one layer")
        for name, module in modules.items():
            if not isinstance(name, str) or not name or re.fullmatch(r"\d+", name.rsplit("/", 1)[-1]):
                raise ValueError(f"layers: '{name}' cannot name a layer in a store (its last part would read as an "
                                 f"epoch number): pass {{'name': module}} with a name such as 'layer{name}'")
            if not isinstance(module, torch.nn.Module):
                raise TypeError(f"layers: '{name}' is not a torch.nn.Module")
        return modules

    def _existing_epochs(self, names):
        try:
            same = list(np.load(os.path.join(self.path, "layers.npy"))) == names
            epochs = np.load(os.path.join(self.path, "epochs.npy")) if same else []
        except (OSError, ValueError):
            return []
        return sorted(int(e) for e in epochs)

    def activations(self):
        """The layers' outputs on the probe set now, as numpy arrays of their own shapes (eval mode,
        no gradients; the model's mode is restored)."""
        captured = {name: [] for name in self.modules}

        def hook_for(name):
            def hook(module, args, output):
                if not isinstance(output, torch.Tensor):
                    raise TypeError(f"layer '{name}' returns a {type(output).__name__}, not a tensor")
                captured[name].append(output.detach().to("cpu", copy=True).numpy())
            return hook

        handles = [module.register_forward_hook(hook_for(name)) for name, module in self.modules.items()]
        was_training = self.model.training
        try:
            self.model.eval()
            with torch.no_grad():
                step = self.batch_size or len(self.inputs)
                for start in range(0, len(self.inputs), step):
                    self.model(self.inputs[start:start + step])
        finally:
            self.model.train(was_training)
            for handle in handles:
                handle.remove()
        return {name: parts[0] if len(parts) == 1 else np.concatenate(parts) for name, parts in captured.items()}

    def record(self, epoch):
        """Appends epoch `epoch` (an integer >= 0; recording one again replaces it). Returns the
        arrays written, by layer name."""
        if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or epoch < 0:
            raise ValueError(f"epoch must be an integer >= 0, got {epoch!r}")
        epoch = int(epoch)
        outputs = self.activations()
        for name, values in outputs.items():
            folder = os.path.join(self.path, "act", *name.split("/"))
            os.makedirs(folder, exist_ok=True)
            save_npy(os.path.join(folder, f"{epoch}.npy"), values)
        if epoch not in self.epochs:
            self.epochs = sorted(self.epochs + [epoch])
        save_npy(os.path.join(self.path, "epochs.npy"), np.array(self.epochs, dtype=np.int64))
        return outputs

    def plane(self, estimators=("binning", "kde-upper"), *, out=None, layers=None, epochs=None, samples="all",
              seed=0, threads=0, progress=None):
        """The information plane of what was recorded so far: I(X;T) and I(T;Y) for every layer and
        epoch, computed by miwb.run on this store (dataset 'activations'). `estimators`: ids or dicts
        {"id": ..., "params": {...}, "label": ...} as in an experiment. The run folder `out` (default:
        `<path>-plane`) keeps finished tasks, so calling plane() again after more epochs computes only
        the new ones. Returns miwb.run's rows."""
        specs = [{"id": e} if isinstance(e, str) else dict(e) for e in estimators]
        experiment = {
            "schema": "miwb.experiment/1",
            "name": f"information plane of {os.path.basename(os.path.abspath(self.path))}",
            "kind": "information-plane",
            "seed": seed,
            "dataset": {"id": "activations", "params": {"path": os.path.abspath(self.path)}},
            "estimators": specs,
            "grid": {"layers": "all" if layers is None else list(layers),
                     "epochs": "all" if epochs is None else [int(e) for e in epochs],
                     "samples": samples},
        }
        if out is None:
            out = os.path.abspath(self.path).rstrip(os.sep) + "-plane"
        return miwb.run(experiment, out, threads=threads, progress=progress)
