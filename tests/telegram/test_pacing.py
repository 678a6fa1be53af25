"""The bot's own flood limit: the Bot API's rate, calls served in the order they were made."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.channels.telegram.pacing import FairRateLimiter, Pace


async def test_turns_keep_the_rate_after_a_burst_and_the_order_of_asking() -> None:
    pace, done = Pace(rate=100, burst=10), []
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def call(n: int) -> None:
        await pace.turn()
        done.append((n, loop.time() - start))

    await asyncio.gather(*(call(n) for n in range(40)))
    assert [n for n, _ in done] == list(range(40))  # nobody overtakes
    assert all(at < 0.05 for n, at in done[:10])  # the burst goes at once
    assert done[-1][1] >= 0.29  # the other 30 at 100 a second


async def test_a_late_caller_waits_behind_those_already_waiting() -> None:
    pace, order = Pace(rate=50, burst=1), []

    async def call(name: str) -> None:
        await pace.turn()
        order.append(name)

    early = [asyncio.create_task(call(f"early{n}")) for n in range(5)]
    await asyncio.sleep(0.03)  # the first has gone; four wait
    await asyncio.gather(call("late"), *early)
    assert order[-1] == "late"


async def test_calls_to_a_chat_are_paced_and_calls_without_one_are_not() -> None:
    limiter, made = FairRateLimiter(per_second=20, per_group=2, group_period=0.5), []
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def callback(name: str) -> bool:
        made.append((name, loop.time() - start))
        return True

    async def request(name: str, data: dict[str, Any]) -> None:
        await limiter.process_request(callback, (name,), {}, "sendMessage", data, None)

    await asyncio.gather(
        *(request(f"private{n}", {"chat_id": 7}) for n in range(25)),
        request("inline", {"inline_query_id": "1"}),
        *(request(f"group{n}", {"chat_id": -100}) for n in range(3)),
    )
    at = dict(made)
    assert at["inline"] < 0.05
    assert max(at[f"private{n}"] for n in range(25)) >= 0.2  # 20 at once, 5 more at 20 a second
    assert at["group2"] >= 0.2  # a group's third call waits for its per-group limit
