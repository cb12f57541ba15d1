"""The one worker pool: results in order, and workers that end with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from workstation.workers import BrokenProcessPool, WorkerPool


def _square(n: int) -> int:
    return n * n


def _die(_n: int) -> int:
    os._exit(1)


def test_results_come_in_order_with_few_in_flight():
    with WorkerPool(2) as pool:
        assert list(pool.ordered(_square, range(50), ahead=3)) == [n * n for n in range(50)]


def test_a_worker_that_dies_breaks_the_pool_loudly():
    with WorkerPool(1) as pool, pytest.raises(BrokenProcessPool):
        list(pool.ordered(_die, range(3)))


PARENT = """
import sys, time
from tests.core.test_workers import _square
from workstation.workers import WorkerPool

pool = WorkerPool(2, fork=sys.argv[1] == "fork")
list(pool.ordered(_square, range(4)))
print(" ".join(str(p) for p in pool._executor._processes), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("start", ["spawn", "fork"])
def test_workers_end_when_their_parent_is_killed(start):
    parent = subprocess.Popen([sys.executable, "-c", PARENT, start], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(p) for p in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "workers outlived their killed parent"


def _large(_n: int) -> bytes:
    return b"x" * (1 << 29)  # half a second or so to send back through the result pipe


def test_killing_workers_half_way_through_a_reply_leaves_no_thread_waiting():
    pool = WorkerPool(1)
    future = pool.submit(_large, 0)
    manager = pool._executor._executor_manager_thread
    replies, deadline = pool._executor._result_queue, time.monotonic() + 10
    while not replies._reader.poll() and time.monotonic() < deadline:
        time.sleep(0.01)  # until the reply starts to arrive
    time.sleep(0.05)
    pool.kill()
    manager.join(timeout=10)
    assert not manager.is_alive(), "the pool's manager thread still waits for the rest of a reply"
    assert future.done()
