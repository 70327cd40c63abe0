"""One thread that runs the page and attachment checks for the crawler's event loop.

``asyncio.to_thread`` costs, per call, a context copy, a ``concurrent.futures.Future`` chained to
an asyncio one (two locks, callbacks) and a write to the loop's wake-up pipe; with one call per
page and per attachment that was an eighth of the crawl's CPU (profiled, issue 19), and the
default executor's six threads fought the event loop for the GIL. Here one thread takes jobs from
a queue and hands results back in batches: the loop is woken once for every run of finished
jobs, not once per job. The checks hold the GIL anyway, so more threads would not run them
faster.
"""

from __future__ import annotations

import asyncio
import collections
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class CheckThread:
    """Run blocking callables one at a time in a worker thread; await their results."""

    def __init__(self, loop: asyncio.AbstractEventLoop, threads: int = 1) -> None:
        self.loop = loop
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.done: collections.deque = collections.deque()
        self.wake_pending = False
        self.threads = [
            threading.Thread(target=self._work, name="fazhi-monitor-checks", daemon=True)
            for _ in range(threads)
        ]
        for t in self.threads:
            t.start()

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        fut = self.loop.create_future()
        self.jobs.put((fut, fn, args, kwargs))
        return await fut

    def close(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for t in self.threads:
            t.join()

    # ---- worker thread
    def _work(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            fut, fn, args, kwargs = job
            try:
                out = (fut, fn(*args, **kwargs), None)
            except BaseException as exc:  # handed to the awaiting coroutine
                out = (fut, None, exc)
            self.done.append(out)
            if not self.wake_pending:
                self.wake_pending = True
                try:
                    self.loop.call_soon_threadsafe(self._deliver)
                except RuntimeError:  # the loop is closed: nobody awaits any more
                    return

    # ---- event loop
    def _deliver(self) -> None:
        # reset the flag before draining: a result appended after this line either is drained
        # below or schedules another delivery
        self.wake_pending = False
        while self.done:
            fut, value, exc = self.done.popleft()
            if fut.cancelled():
                continue
            if exc is not None:
                fut.set_exception(exc)
            else:
                fut.set_result(value)
