"""The crawler's check threads: results and exceptions reach the awaiting coroutine, in any
number, and closing joins the threads."""

from __future__ import annotations

import asyncio
import threading

import pytest

from fazhi.monitor.engine import aio
from fazhi.monitor.engine.checkthread import CheckThread


def _square(x: int) -> int:
    return x * x


def _fail(msg: str) -> None:
    raise ValueError(msg)


def test_results_come_back_in_order_of_awaiting():
    async def main():
        ct = CheckThread(asyncio.get_running_loop(), 3)
        try:
            return await asyncio.gather(*(ct.run(_square, i) for i in range(200)))
        finally:
            ct.close()

    assert aio.run(main()) == [i * i for i in range(200)]


def test_exception_reaches_the_caller_and_the_thread_goes_on():
    async def main():
        ct = CheckThread(asyncio.get_running_loop())
        try:
            with pytest.raises(ValueError, match="页面无法解析"):
                await ct.run(_fail, "页面无法解析")
            return await ct.run(_square, 7)
        finally:
            ct.close()

    assert aio.run(main()) == 49


def test_runs_off_the_event_loop_thread_and_close_joins():
    async def main():
        ct = CheckThread(asyncio.get_running_loop(), 2)
        name = await ct.run(lambda: threading.current_thread().name)
        ct.close()
        return name, [t.is_alive() for t in ct.threads]

    name, alive = aio.run(main())
    assert name == "fazhi-monitor-checks"
    assert alive == [False, False]
