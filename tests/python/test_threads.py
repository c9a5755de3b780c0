"""The GIL is released while estimating (Python threads run estimates in parallel) and Ctrl-C cancels
a running estimate through the run context."""
import os
import signal
import threading
import time

import numpy as np
import pytest

import miwb


def data(n, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    return x, x + rng.normal(size=(n, 3))


def test_other_python_threads_run_during_an_estimate():
    x, y = data(60000)
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    start = time.perf_counter()
    try:
        miwb.estimate(x, y, "ksg", threads=1)
    finally:
        done.set()
        counter.join()
    seconds = time.perf_counter() - start
    # Python switches threads every 5 ms while a thread holds the GIL; a call that kept the GIL
    # for its whole length would leave the counter a handful of ticks. Released, it counts freely.
    assert seconds > 0.05 and ticks > 10000 * seconds, (ticks, seconds)


def test_two_threads_take_less_than_twice_one_call():
    x, y = data(40000)
    miwb.estimate(x, y, "ksg", threads=1)  # plugin loaded, caches warm

    def timed(fn):
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    def one():
        return miwb.estimate(x, y, "ksg", threads=1).nats

    results = []

    def pair():
        threads = [threading.Thread(target=lambda: results.append(one())) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    # How many cores the machine lends now, measured without Python threads: one call on two oneTBB
    # workers against one on one worker. Serialised by the GIL the pair takes 2x one call; with the
    # GIL released it takes about 2 / cores x one call.
    best_ratio, cores = None, 0.0
    for _ in range(3):  # the best of three: another process may take a core for a moment
        single = timed(one)
        cores = max(cores, single / timed(lambda: miwb.estimate(x, y, "ksg", threads=2)))
        ratio = timed(pair) / single
        best_ratio = ratio if best_ratio is None else min(best_ratio, ratio)
        if best_ratio < 1.5:
            break
    assert results and results == [one()] * len(results)  # each thread got the single call's answer
    if best_ratio >= 1.5 and cores < 1.6:
        pytest.skip(f"the machine lends fewer than two cores now (two oneTBB workers: {cores:.2f}x one); "
                    "GIL release is checked by test_other_python_threads_run_during_an_estimate")
    assert best_ratio < 1.5, (best_ratio, cores)


def test_sigint_cancels_a_long_estimate_within_a_second():
    x, y = data(400000, seed=2)
    sent = []

    def interrupt():
        sent.append(time.perf_counter())
        os.kill(os.getpid(), signal.SIGINT)

    # At 3.5 s KSG is past building its trees (which it does not interrupt; about 1 s here, twice that
    # on a loaded machine) and in its neighbour searches, which check the run context after each
    # block of rows.
    timer = threading.Timer(3.5, interrupt)
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        miwb.estimate(x, y, "ksg", threads=2, k=10)  # 8-10 s uninterrupted on an idle machine
    raised = time.perf_counter()
    timer.join()
    assert sent and raised - sent[0] < 1.0, raised - sent[0]
    assert raised - start < 4.6
    # Nothing is left running: the next call starts at once and answers as usual.
    small_x, small_y = data(500)
    assert miwb.estimate(small_x, small_y, "ksg").nats == miwb.estimate(small_x, small_y, "ksg").nats
