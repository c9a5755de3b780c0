"""MI Workbench from Python: the workbench's estimators, datasets and experiment runs.

    import miwb
    e = miwb.estimate(x, y, "ksg", k=5, resamples=50)   # I(X;Y) with a 90 % interval
    e.nats, e.bits, e.ci_nats, float(e)
    x, y, info = miwb.sample("gaussian", 2000, dim=2, rho=0.5)
    rows = miwb.run("experiment.json", "out/")          # the run folder `miwb-cli run` writes

Everything is computed by the same C++ host and plugins as `miwb-cli` and the window, so the numbers
are those of `miwb-cli estimate --json` on the same arrays, seed and threads. Arrays are anything
numpy can view (numpy arrays of any numeric dtype, torch CPU tensors, lists), 1-D or 2-D, in any
order; a 1-D integer or bool array is read as discrete labels, exactly as the CLI reads a .npy.
Bad input raises ValueError (TypeError for a dtype or object numpy cannot use) with the CLI's
message. Long calls release the GIL; Ctrl-C cancels them (KeyboardInterrupt).
See docs/python.md; `miwb.torch` records PyTorch activations (it imports torch, this module does not).
"""
import json
import logging
import numbers
import os
import warnings

import numpy as np

from . import _miwb

__version__ = _miwb.version
__all__ = ["Estimate", "RunRows", "estimators", "datasets", "estimate", "sample", "run", "read_results"]

_log = logging.getLogger("miwb")


class Estimate:
    """One estimate of I(X;Y): `nats`, `bits`, `ci_nats` ((low, high) at `level`, or None without
    resamples), `stderr_nats` (when the estimator gives one), `details` (the estimator's extras),
    `seconds`, the `estimator` and its resolved `params`, and `n`, `dx`, `dy`. `float(e)` is `e.nats`;
    `e.json` is the object `miwb-cli estimate --json` prints."""

    __slots__ = ("json", "nats", "bits", "ci_nats", "level", "stderr_nats", "details", "seconds", "estimator",
                 "params", "n", "dx", "dy")

    def __init__(self, result):
        self.json = result
        self.nats = result["mi_nats"]
        self.bits = result["mi_bits"]
        low, high = result["ci_low_nats"], result["ci_high_nats"]
        self.ci_nats = None if low is None else (low, high)
        self.level = result["ci_level"]
        self.stderr_nats = result["stderr_nats"]
        self.details = result.get("details", {})
        self.seconds = result["seconds"]
        self.estimator = result["estimator"]
        self.params = result["params"]
        self.n, self.dx, self.dy = result["n"], result["dx"], result["dy"]

    def __float__(self):
        return float(self.nats)

    def __repr__(self):
        text = f"Estimate({self.estimator}: {self.nats:.6g} nats = {self.bits:.6g} bits"
        if self.ci_nats is not None:
            text += f", {100 * self.level:g} % interval [{self.ci_nats[0]:.6g}, {self.ci_nats[1]:.6g}]"
        return text + f", n = {self.n}, {self.seconds:.3g} s)"


class RunRows(list):
    """The rows of a run (dicts, one per task, as results.jsonl holds them), with `summary`: total,
    skipped (already in the folder's journal), succeeded, failed, prepare_seconds, task_seconds."""

    def __init__(self, rows, summary):
        super().__init__(rows)
        self.summary = summary


def _offerings(kind):
    registry = json.loads(_miwb.registry_json())
    out = []
    for plugin in registry["plugins"]:
        if plugin["state"] == "rejected":
            continue
        for offer in plugin.get(kind, []):
            out.append(dict(offer, plugin=plugin["id"], plugin_version=plugin["version"]))
    return sorted(out, key=lambda o: o["id"])


def estimators():
    """The estimators the plugins offer: dicts with id, name, description, estimates (what it
    measures), cost, plugin, and params (each with name, type, default, range or choices, unit, help)."""
    return _offerings("estimators")


def datasets():
    """The datasets the plugins offer, described as estimators() describes estimators."""
    return _offerings("datasets")


def _check_count(value, name, minimum):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _as_array(value, name):
    """`value` as a numpy array without copying what numpy can view (numpy arrays, torch CPU tensors)."""
    device = getattr(value, "device", None)
    if hasattr(value, "__cuda_array_interface__") or (device is not None and str(getattr(device, "type", device)) != "cpu"):
        raise TypeError(f"{name} is a tensor on {device}, which numpy cannot read: call .cpu() on it first")
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor, maybe requiring grad
        value = value.detach()
    try:
        return np.asarray(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{name}: {error}") from None


def estimate(x, y, estimator="ksg", *, seed=0, threads=0, resamples=None, level=0.9, params=None, **kwargs):
    """I(X;Y) of the paired rows of `x` and `y` with `estimator` (an id from estimators()).

    Parameters go as keywords (`k=5`), or in `params` for names that are not Python identifiers;
    a str value is read as `miwb-cli estimate -p key=value` reads it. `seed` and `threads` (0: all
    cores) as the CLI's --seed and --threads. `resamples`=B adds an interval at `level` from B random
    halves of the rows (the CLI's --resamples and --level). Returns an Estimate."""
    seed = _check_count(seed, "seed", 0)
    threads = _check_count(threads, "threads", 0)
    if resamples is None and level != 0.9:
        raise ValueError("level needs resamples")
    if resamples is not None and (isinstance(resamples, bool) or not isinstance(resamples, numbers.Integral)):
        raise ValueError(f"resamples must be an integer, got {resamples!r}")
    if isinstance(level, bool) or not isinstance(level, numbers.Real):
        raise ValueError(f"level must be a number, got {level!r}")
    if not isinstance(estimator, str):
        raise TypeError(f"estimator must be an id (str), got {estimator!r}")
    given = dict(params or {})
    given.update(kwargs)
    result = _miwb.estimate(_as_array(x, "x"), _as_array(y, "y"), estimator, given, seed, threads,
                            None if resamples is None else int(resamples), float(level))
    return Estimate(json.loads(result))


def sample(dataset, n, *, seed=0, params=None, **kwargs):
    """n pairs from `dataset` (an id from datasets()), as `miwb-cli sample` draws them.

    Returns (x, y, info): x and y as numpy arrays (float64 (n, d) values, or int64 (n,) labels) and
    info the dict meta.json holds: dataset, params (resolved), n, seed, dx, dy and true_mi_nats (None
    when the dataset does not know its MI)."""
    n = _check_count(n, "n", 1)
    seed = _check_count(seed, "seed", 0)
    given = dict(params or {})
    given.update(kwargs)
    x, y, meta = _miwb.sample(dataset, n, seed, given)
    return x, y, json.loads(meta)


def _finite_json(value):
    return json.dumps(value, allow_nan=False, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))


def run(experiment, out, *, threads=0, progress=None):
    """Runs an experiment (a dict, or the path of an experiment JSON file) into the folder `out`,
    exactly as `miwb-cli run EXPERIMENT --out OUT`: the same results.jsonl, results.csv and
    experiment.json, and a rerun skips the tasks the folder's journal has. `progress(done, total)`
    is called on this thread as tasks finish. Returns the rows (RunRows: a list of dicts with a
    `summary`). Ctrl-C stops the run (KeyboardInterrupt); finished tasks stay in the journal."""
    threads = _check_count(threads, "threads", 0)
    if isinstance(experiment, dict):
        try:
            path, text, where = "", _finite_json(experiment), "experiment"
        except ValueError as error:
            raise ValueError(f"experiment: {error}") from None
    elif isinstance(experiment, (str, os.PathLike)):
        path, text = os.fspath(experiment), ""
        where = path
    else:
        raise TypeError(f"experiment must be a dict or a path, got {type(experiment).__name__}")
    if not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"out must be a folder path, got {type(out).__name__}")
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable as progress(done, total)")
    for message in _miwb.unknown_experiment_keys(path, text):
        warnings.warn(f"{where}: {message}", stacklevel=2)
    rows, summary = _miwb.run(path, text, where, os.fspath(out), threads, progress, _log.info)
    if summary["failed"]:
        warnings.warn(f"{summary['failed']} tasks failed; their messages are in "
                      f"{os.path.join(os.fspath(out), 'results.csv')}", stacklevel=2)
    return RunRows(json.loads(rows), summary)


def read_results(out):
    """The rows of the run folder `out` (every journal in it, shards included; one row per task, in
    task order): a pandas DataFrame when pandas is installed, else a list of dicts as run() returns."""
    rows = json.loads(_miwb.read_results(os.fspath(out)))
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows)
