"""A per-user sliding-window limit on questions, so one flood cannot starve others."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable
from enum import Enum


class Verdict(Enum):
    """What to do with one question."""

    ALLOW = "allow"
    WARN = "warn"  # first question over the limit: say so once
    DROP = "drop"  # still over the limit: stay quiet, the user has been told


class RateLimiter:
    """At most `limit` questions per user in any `window` seconds."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._times: defaultdict[int, deque[float]] = defaultdict(deque)
        self._warned: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        """Count one question of a user and say whether to answer it."""
        now = self._clock()
        times = self._times[user_id]
        while times and times[0] <= now - self._window:
            times.popleft()
        if len(times) < self._limit:
            times.append(now)
            self._warned.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._warned:
            return Verdict.DROP
        self._warned.add(user_id)
        return Verdict.WARN
