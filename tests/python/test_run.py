"""miwb.run writes the run folder miwb-cli run writes, resumes the same way and reports progress."""
import csv
import json

import pytest

import miwb
from conftest import cli

EXPERIMENT = {
    "schema": "miwb.experiment/1",
    "name": "python vs cli",
    "kind": "scaling",
    "seed": 11,
    "dataset": {"id": "gaussian", "params": {"dim": 2, "rho": 0.6}},
    "estimators": [{"id": "ksg", "params": {"k": 4}, "label": "KSG k=4"}, {"id": "gaussian"}],
    "grid": {"n": [150, 400], "repeats": 2, "sweep": {"param": "rho", "values": [0.3, 0.7]}},
}


def table_without_seconds(folder):
    with open(folder / "results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    return [{k: v for k, v in row.items() if k != "seconds"} for row in rows]


def test_run_writes_what_the_cli_writes(tmp_path):
    path = tmp_path / "experiment.json"
    path.write_text(json.dumps(EXPERIMENT))
    calls = []
    rows = miwb.run(EXPERIMENT, tmp_path / "py", threads=2, progress=lambda done, total: calls.append((done, total)))
    cli("run", path, "--out", tmp_path / "cli", "--threads", 1)
    assert table_without_seconds(tmp_path / "py") == table_without_seconds(tmp_path / "cli")
    assert json.load(open(tmp_path / "py" / "experiment.json")) == json.load(open(tmp_path / "cli" / "experiment.json"))

    total = 2 * 2 * 2 * 2  # estimators x n x repeats x swept values
    assert len(rows) == total and rows.summary["succeeded"] == total and rows.summary["failed"] == 0
    assert calls and calls[-1] == (total, total) and all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    by_task = {r["task"]: r for r in rows}
    with open(tmp_path / "py" / "results.csv", newline="") as f:
        for line in csv.DictReader(f):
            assert float(line["value_nats"]) == pytest.approx(by_task[line["task"]]["value_nats"], rel=1e-15)

    # A second run of the same experiment into the same folder skips every task, as the CLI does.
    again = miwb.run(str(path), tmp_path / "py")
    assert again.summary["skipped"] == total and again.summary["succeeded"] == 0
    assert [r["value_nats"] for r in again] == [r["value_nats"] for r in rows]

    read = miwb.read_results(tmp_path / "py")
    records = read.to_dict("records") if hasattr(read, "to_dict") else read
    assert [r["task"] for r in records] == [r["task"] for r in rows]


def test_bad_experiments_raise_the_clis_message(tmp_path):
    bad = dict(EXPERIMENT, grid={"n": [0], "repeats": 1})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(ValueError) as raised:
        miwb.run(str(path), tmp_path / "out")
    from conftest import CliError
    with pytest.raises(CliError) as refused:
        cli("run", path, "--out", tmp_path / "out-cli")
    assert str(raised.value) == refused.value.message
    with pytest.raises(ValueError, match="^experiment: .*unknown estimator 'nope'"):
        miwb.run(dict(EXPERIMENT, estimators=[{"id": "nope"}]), tmp_path / "out")
    with pytest.warns(UserWarning, match="unknown key 'grid.repaets'"):
        miwb.run(dict(EXPERIMENT, grid={"n": [100], "repaets": 2}), tmp_path / "warned")
    with pytest.raises(TypeError):
        miwb.run(42, tmp_path / "out")


def test_an_exception_in_progress_stops_the_run_and_a_rerun_finishes_it(tmp_path):
    class Stop(Exception):
        pass

    def stop(done, total):
        if done > 0:
            raise Stop()

    big = dict(EXPERIMENT, grid={"n": [3000], "repeats": 40})
    with pytest.raises(Stop):
        miwb.run(big, tmp_path / "out", threads=1, progress=stop)
    # The tasks finished before the stop are kept in the journal; running again does the rest.
    again = miwb.run(big, tmp_path / "out", threads=1)
    assert again.summary["skipped"] + again.summary["succeeded"] == again.summary["total"] == 80
    assert 0 < again.summary["skipped"] < 80
