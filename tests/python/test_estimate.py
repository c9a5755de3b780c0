"""miwb.estimate and miwb.sample give exactly what miwb-cli gives on the same arrays; bad input raises
one clear exception with the CLI's message."""
import os

import numpy as np
import pytest
import torch

import miwb
from conftest import CliError, cli, cli_estimate

ESTIMATORS = {
    "ksg": [("k", 4)],
    "gaussian": [],
    "binning": [("bins", 10)],
    "kde-upper": [("noise_variance", 0.2)],
}


def pair(rng, n=400):
    x = rng.normal(size=(n, 2))
    y = 0.7 * x[:, :1] + 0.5 * rng.normal(size=(n, 1))
    return x, y


# Each form: (x, y) as given to miwb.estimate and as saved for the CLI (np.save of np.asarray).
FORMS = {
    "float64": lambda x, y: (x, y),
    "float32": lambda x, y: (x.astype(np.float32), y.astype(np.float32)),
    "fortran": lambda x, y: (np.asfortranarray(x), np.asfortranarray(np.hstack([y, x[:, 1:]]))),
    "strided": lambda x, y: (np.hstack([x, x[:, ::-1]])[:, ::2], y[::-1]),
    "int": lambda x, y: ((4 * x).round().astype(np.int32), (4 * y).round().astype(np.int16)),
    "big-endian-float16": lambda x, y: (x.astype(">f8"), y.astype(np.float16)),
    "uint8-labels": lambda x, y: (x, (y[:, 0] > 0).astype(np.uint8) * 200),
    "labels": lambda x, y: (x, (y[:, 0] > 0.3).astype(np.int64) + (y[:, 0] > -0.3)),
    "bool-labels": lambda x, y: (x, y[:, 0] > 0),
    "torch": lambda x, y: (torch.from_numpy(x.astype(np.float32)), torch.from_numpy(y).requires_grad_()),
    "list": lambda x, y: (x.tolist(), y.tolist()),
}


def without_seconds(result):
    return {k: v for k, v in result.items() if k != "seconds"}


@pytest.mark.parametrize("estimator", sorted(ESTIMATORS))
@pytest.mark.parametrize("form", sorted(FORMS))
def test_estimate_equals_cli(tmp_path, rng, estimator, form):
    x, y = FORMS[form](*pair(rng))
    params = ESTIMATORS[estimator]
    as_saved = [v.detach().numpy() if isinstance(v, torch.Tensor) else np.asarray(v) for v in (x, y)]
    try:
        expected = cli_estimate(tmp_path, *as_saved, estimator, params, seed=7, threads=1)
    except CliError as refused:  # the estimator does not take this kind of data: the same refusal
        with pytest.raises(ValueError if refused.code == 2 else RuntimeError) as raised:
            miwb.estimate(x, y, estimator, seed=7, threads=1, **dict(params))
        assert str(raised.value) == refused.message
        return
    e = miwb.estimate(x, y, estimator, seed=7, threads=1, **dict(params))
    assert without_seconds(e.json) == without_seconds(expected)
    assert e.nats == expected["mi_nats"] and float(e) == e.nats and e.bits == expected["mi_bits"]
    assert e.ci_nats is None and e.seconds > 0


def test_discrete_labels_are_read_as_the_cli_reads_a_npy(rng):
    # A 1-D integer array is labels: binning on labels equals the plug-in MI of the label pairs.
    a = rng.integers(0, 3, size=600)
    b = (a + (rng.random(600) < 0.3)) % 3
    joint = np.zeros((3, 3))
    np.add.at(joint, (a, b), 1)
    p = joint / joint.sum()
    pa, pb = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    nz = p > 0
    plug_in = float(np.sum(p[nz] * np.log(p[nz] / (pa @ pb)[nz])))
    e = miwb.estimate(a, b, "binning")
    assert e.dx == 1 and e.dy == 1
    assert e.nats == pytest.approx(plug_in, rel=1e-12, abs=1e-14)


def test_interval_equals_cli(tmp_path, rng):
    x, y = pair(rng, 600)
    expected = cli_estimate(tmp_path, x, y, "ksg", seed=3, threads=2, extra=["--resamples", "12", "--level", "0.8"])
    e = miwb.estimate(x, y, "ksg", seed=3, threads=2, resamples=12, level=0.8)
    assert without_seconds(e.json) == without_seconds(expected)
    assert e.ci_nats == (expected["ci_low_nats"], expected["ci_high_nats"]) and e.level == 0.8
    assert e.ci_nats[0] < e.nats < e.ci_nats[1]


def test_string_parameters_read_as_the_command_line_reads_them(rng):
    x, y = pair(rng)
    assert miwb.estimate(x, y, "binning", range="-4,4").params["range"] == [-4, 4]
    assert miwb.estimate(x, y, "binning", range=[-4, 4]).nats == miwb.estimate(x, y, "binning", range="-4,4").nats
    assert miwb.estimate(x, y, "ksg", params={"k": "5"}).params["k"] == 5


def test_float64_arrays_are_read_in_place(rng):
    # The module reads a float64 array's buffer directly (no converted copy in between): a view
    # with odd strides gives what its contiguous copy gives.
    x, y = pair(rng, 300)
    wide = np.zeros((600, 6))
    wide[::2, 1:5:2] = x
    view = wide[::2, 1:5:2]
    assert not view.flags.c_contiguous
    assert miwb.estimate(view, y, "gaussian").json["mi_nats"] == miwb.estimate(x, y, "gaussian").json["mi_nats"]


@pytest.mark.parametrize("dataset,params,n", [("gaussian", {"dim": 2, "rho": 0.6}, 500),
                                              ("ib12bit", {}, 4096)])
def test_sample_equals_cli(tmp_path, dataset, params, n):
    x, y, info = miwb.sample(dataset, n, seed=5, **params)
    args = ["sample", "-d", dataset, "-n", n, "--seed", 5, "--out", tmp_path]
    for key, value in params.items():
        args += ["-p", f"{key}={value}"]
    cli(*args)
    import json
    assert info == json.load(open(tmp_path / "meta.json"))
    np.testing.assert_array_equal(x, np.load(tmp_path / "x.npy"))
    np.testing.assert_array_equal(y, np.load(tmp_path / "y.npy"))
    assert x.dtype == np.load(tmp_path / "x.npy").dtype and y.dtype == np.load(tmp_path / "y.npy").dtype
    if dataset == "gaussian":
        assert info["true_mi_nats"] == pytest.approx(-np.log(1 - 0.36), rel=1e-12)  # dim * -1/2 ln(1 - rho^2)


def test_listings_come_from_the_plugins_metadata():
    estimators = {e["id"]: e for e in miwb.estimators()}
    assert {"ksg", "gaussian", "binning", "kde-upper"} <= set(estimators)
    k = {p["name"]: p for p in estimators["ksg"]["params"]}["k"]
    assert k["type"] == "int" and k["default"] == 3 and k["help"]
    datasets = {d["id"]: d for d in miwb.datasets()}
    assert {"gaussian", "activations", "ib12bit"} <= set(datasets)
    rho = {p["name"]: p for p in datasets["gaussian"]["params"]}["rho"]
    assert rho["default"] == 0.5


def cli_message(tmp_path, x, y, estimator="ksg", params=()):
    with pytest.raises(CliError) as refused:
        cli_estimate(tmp_path, x, y, estimator, params)
    assert refused.value.code == 2
    return refused.value.message.replace(str(tmp_path / "x.npy"), "x").replace(str(tmp_path / "y.npy"), "y")


def test_bad_input_raises_the_clis_message(tmp_path, rng):
    x, y = pair(rng, 50)
    cases = [
        (x, y[:49], "ksg", {}, ValueError, "x has 50 samples but y has 49"),
        (x, np.full((50, 3, 2), 1.0), "ksg", {}, ValueError,
         "y: expected a 1-D or 2-D array, got a float64 array of shape (50, 3, 2)"),
        (x, y, "nope", {}, ValueError, "unknown estimator 'nope' (available: "),
        (x, y, "ksg", {"kk": 3}, ValueError, "unknown parameter 'kk' for 'ksg' (known: k, "),
        (x, y, "ksg", {"k": 0}, ValueError, "parameter 'k' of 'ksg' must be"),
        (x, y, "ksg", {"algorithm": "7"}, ValueError, "parameter 'algorithm' of 'ksg' must be one of"),
        (x.astype(np.complex128), y, "ksg", {}, TypeError, "x: unsupported dtype '<c16'"),
    ]
    nan = x.copy()
    nan[3, 1] = np.nan
    cases.append((nan, y, "ksg", {}, ValueError, "x has a non-finite value (NaN) at row 3, column 1"))
    for xs, ys, estimator, params, error, start in cases:
        with pytest.raises(error) as raised:
            miwb.estimate(xs, ys, estimator, **params)
        message = str(raised.value)
        assert message.startswith(start), (message, start)
        if error is ValueError and not start.startswith("x has 50"):
            # The CLI prints the same sentence (its file names aside: "x.npy: ..." for "x: ...").
            assert message == cli_message(tmp_path, xs, ys, estimator, [(k, v) for k, v in params.items()])


class CudaLike:
    """What a CUDA tensor looks like to the module: numpy cannot view it."""

    class device:
        type = "cuda"

    def __array__(self):
        raise TypeError("can't convert cuda:0 device type tensor to numpy")


def test_cuda_tensor_asks_for_cpu(rng):
    x, y = pair(rng, 20)
    with pytest.raises(TypeError, match=r"y is a tensor on .*call \.cpu\(\)"):
        miwb.estimate(x, CudaLike(), "ksg")


@pytest.mark.parametrize("kwargs,message", [
    ({"seed": -1}, "seed must be an integer >= 0, got -1"),
    ({"threads": 1.5}, "threads must be an integer >= 0, got 1.5"),
    ({"resamples": 1}, "resamples must be at least 2 (resamples per interval), got 1"),
    ({"resamples": 5, "level": 1.0}, "level must lie strictly between 0 and 1, got 1"),
    ({"level": 0.5}, "level needs resamples"),
])
def test_bad_options(rng, kwargs, message):
    x, y = pair(rng, 30)
    with pytest.raises(ValueError) as raised:
        miwb.estimate(x, y, "ksg", **kwargs)
    assert str(raised.value) == message


def test_bad_sample_arguments():
    with pytest.raises(ValueError, match="^n: dataset 'ib12bit' has only 4096 samples$"):
        miwb.sample("ib12bit", 5000)
    with pytest.raises(ValueError, match="^unknown dataset 'nope'"):
        miwb.sample("nope", 10)
    with pytest.raises(ValueError, match="^n must be an integer >= 1, got 0$"):
        miwb.sample("gaussian", 0)
