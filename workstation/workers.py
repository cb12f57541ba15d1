"""Worker processes: the one pool that import, photo ingest and export use.

A worker never outlives the process that started it: each one watches its parent and ends
itself when the parent is gone (killed with SIGKILL, say), so nothing is left running and
adopted by init. Ctrl+C reaches the whole process group; workers ignore it and the parent
stops them tidily.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

__all__ = ["BrokenProcessPool", "WorkerPool", "can_fork"]

PARENT_CHECK_S = 0.5


def can_fork() -> bool:
    """Whether workers may be forked here: a platform that forks, and no other thread running
    (forking a process that runs threads, Qt's among them, is unsafe)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(0)


def _start_worker(parent: int, initializer: Callable | None, initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    if initializer is not None:
        initializer(*initargs)


class WorkerPool:
    """A pool of worker processes: started by spawning (safe beside threads) or, where the
    caller knows it is safe, by forking (the workers inherit the parent's memory)."""

    def __init__(self, count: int, *, initializer: Callable | None = None, initargs: tuple = (), fork: bool = False):
        context = multiprocessing.get_context("fork" if fork else "spawn")
        self.count = max(1, count)
        self._executor = ProcessPoolExecutor(
            max_workers=self.count,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, initargs),
        )
        if fork:
            # Fork every worker now, before the caller starts threads of its own (the pool's
            # first job starts them all, then its own manager thread).
            self._executor.submit(int).result()

    def submit(self, fn: Callable, *args) -> Future:
        """Runs `fn(*args)` in a worker; the future holds its result or its exception."""
        return self._executor.submit(fn, *args)

    def ordered(self, fn: Callable, items: Iterable, ahead: int | None = None) -> Iterator:
        """`fn(item)` for each item, in order, with at most `ahead` items in flight at once (so
        memory stays flat however long the input). A worker that dies raises BrokenProcessPool."""
        ahead = ahead or 2 * self.count
        items = iter(items)
        pending: deque[Future] = deque()
        try:
            for item in items:
                pending.append(self.submit(fn, item))
                if len(pending) >= ahead:
                    break
            while pending:
                result = pending.popleft().result()
                item = next(items, _END)
                if item is not _END:
                    pending.append(self.submit(fn, item))
                yield result
        finally:
            for future in pending:
                future.cancel()

    def close(self, wait: bool = True) -> None:
        """Stops the workers: what has not started is dropped; with `wait`, running work finishes first."""
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def kill(self) -> None:
        """Stops the workers at once, running work and all (an interrupted job)."""
        executor = self._executor
        processes = list((getattr(executor, "_processes", None) or {}).values())
        replies = getattr(executor, "_result_queue", None)  # shutdown forgets it
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()
        for process in processes:
            process.join(timeout=5)
        # A worker killed while it sent a result leaves half a message in the result pipe, and the
        # pool's manager thread would wait for the rest for ever (it is joined when Python exits):
        # closing this process's own end of that pipe shows it the end of the stream instead.
        writer = getattr(replies, "_writer", None)
        if writer is not None:
            writer.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self.close()
        else:
            self.kill()


_END = object()
