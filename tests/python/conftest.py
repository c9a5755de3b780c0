"""Shared helpers of the Python module's tests: the build tree's miwb-cli, run on files the tests write."""
import json
import os
import subprocess

import numpy as np
import pytest

BINARY_DIR = os.environ.get("MIWB_BINARY_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
SOURCE_DIR = os.environ.get("MIWB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.path.join(BINARY_DIR, "bin", "miwb-cli")


class CliError(Exception):
    """miwb-cli exited non-zero; `message` is its error line without the leading 'error: '."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def cli(*args, cwd=None):
    """Runs miwb-cli; returns stdout, raises CliError with its `error:` line."""
    done = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if done.returncode != 0:
        lines = [l for l in done.stderr.splitlines() if l.startswith("error: ")]
        raise CliError(done.returncode, lines[-1][len("error: "):] if lines else done.stderr)
    return done.stdout


def cli_estimate(folder, x, y, estimator, params=(), seed=0, threads=1, extra=()):
    """`miwb-cli estimate --json` on x and y saved as .npy files in `folder`; returns the JSON object."""
    xp, yp = os.path.join(folder, "x.npy"), os.path.join(folder, "y.npy")
    np.save(xp, x)
    np.save(yp, y)
    args = ["estimate", "-e", estimator, "--x", xp, "--y", yp, "--json", "--seed", seed, "--threads", threads]
    for key, value in params:
        args += ["-p", f"{key}={value}"]
    return json.loads(cli(*args, *extra))


@pytest.fixture
def rng():
    return np.random.default_rng(20261207)
