"""The Bot API's flood limits on the bot's own calls, kept in the order the calls were made.

python-telegram-bot's AIORateLimiter (aiolimiter) does not keep that order under load: a
waiting call woken when capacity frees loses it to a call arriving at that moment and
goes to the back of the line again. At 30 calls/s with dozens of answers waiting, a few
citizens waited 25 s while the median waited 7. Here each call books its time when it
arrives (GCRA: the leaky bucket of AIORateLimiter, with bookings), so none overtakes
another: 30 calls/s overall in bursts of up to 30; a group chat also 20 calls a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.constants import FloodLimit
from telegram.ext import BaseRateLimiter

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
_MAX_GROUPS = 512  # group limiters kept; idle ones are dropped past this many


class Pace:
    """At most `rate` turns a second, bursts of up to `burst`, given in the order asked."""

    def __init__(self, rate: float, burst: int) -> None:
        self._interval = 1 / rate
        self._tolerance = (burst - 1) * self._interval
        self._due = -math.inf  # when the next turn is due at the steady rate

    async def turn(self) -> None:
        """Wait for this caller's turn (booked now, so later callers come after it)."""
        now = asyncio.get_running_loop().time()
        due = max(self._due, now)
        self._due = due + self._interval
        wait = due - self._tolerance - now
        if wait > 0:
            await asyncio.sleep(wait)


class FairRateLimiter(BaseRateLimiter[int]):
    """AIORateLimiter's limits on calls to a chat, in arrival order; other calls are not limited."""

    def __init__(
        self,
        per_second: float = FloodLimit.MESSAGES_PER_SECOND,
        per_group: int = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP,
        group_period: float = 60,
    ) -> None:
        self._pace = Pace(per_second, burst=max(int(per_second), 1))
        self._per_group = per_group
        self._group_period = group_period
        self._groups: dict[int | str, AsyncLimiter] = {}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Make the call once its chat's and the overall limits allow it."""
        chat_id = data.get("chat_id")
        if chat_id is not None:
            group = _group(chat_id)
            async with self._group_limiter(group) if group is not None else contextlib.nullcontext():
                await self._pace.turn()
                return await callback(*args, **kwargs)
        return await callback(*args, **kwargs)

    def _group_limiter(self, group: int | str) -> AsyncLimiter:
        if len(self._groups) > _MAX_GROUPS:
            for idle in [g for g, limiter in self._groups.items() if limiter.has_capacity(self._per_group)]:
                del self._groups[idle]
        if group not in self._groups:
            self._groups[group] = AsyncLimiter(self._per_group, self._group_period)
        return self._groups[group]


def _group(chat_id: object) -> int | str | None:
    """The group a chat id names (negative ids, @channel names), None for a private chat."""
    with contextlib.suppress(ValueError, TypeError):
        chat_id = int(chat_id)  # type: ignore[call-overload]
    if isinstance(chat_id, int):
        return chat_id if chat_id < 0 else None
    return str(chat_id)
