"""A per-user sliding-window limit, so one flood cannot starve others; its memory is bounded.

A user is tracked only while a window of theirs is open: users are kept least recently
seen first, and those at the front whose last counted update is a whole window old are
forgotten as others arrive (forgetting them changes no verdict). At most `max_users`
are tracked at once; past that the least recently seen is forgotten early, which can
only let that one user through sooner.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from enum import Enum

# Distinct users inside one window before the least recently seen is forgotten early:
# far above what one bot serves in a minute, and ~0.3 KB each (some 27 MB at most).
MAX_USERS = 100_000


class Verdict(Enum):
    """What to do with one update."""

    ALLOW = "allow"
    WARN = "warn"  # first refusal since the user was last allowed: say when to come back
    DROP = "drop"  # refused again: the user has been told


class _Window:
    """The times a user was allowed, oldest first, and whether a refusal was announced."""

    __slots__ = ("times", "warned")

    def __init__(self) -> None:
        self.times: list[float] = []
        self.warned = False


class RateLimiter:
    """At most `limit` updates per user in any `window` seconds."""

    def __init__(
        self,
        limit: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = MAX_USERS,
    ) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._max_users = max_users
        self._users: OrderedDict[int, _Window] = OrderedDict()

    def __len__(self) -> int:
        return len(self._users)

    def check(self, user_id: int, *, warn: bool = True) -> Verdict:
        """Count one update of a user and say whether to handle it.

        With `warn=False` a refusal is DROP and leaves the user's one WARN for later
        (a refused button press or inline query is answered anyway; a question is not).
        """
        now = self._clock()
        window = self._users.pop(user_id, None) or _Window()
        self._users[user_id] = window  # most recently seen last
        self._forget(now)
        times = window.times
        while times and times[0] <= now - self._window:
            del times[0]
        if len(times) < self._limit:
            times.append(now)
            window.warned = False
            return Verdict.ALLOW
        if window.warned or not warn:
            return Verdict.DROP
        window.warned = True
        return Verdict.WARN

    def wait(self, user_id: int) -> float:
        """Seconds until the user's next update is allowed (0 when it already is)."""
        window = self._users.get(user_id)
        if window is None or len(window.times) < self._limit:
            return 0.0
        return max(0.0, window.times[-self._limit] + self._window - self._clock())

    def _forget(self, now: float) -> None:
        while len(self._users) > self._max_users:
            self._users.popitem(last=False)
        for _ in range(2):  # two per update: a backlog of finished windows shrinks as users arrive
            user_id, window = next(iter(self._users.items()))  # the least recently seen
            if len(self._users) == 1 or (window.times and window.times[-1] > now - self._window):
                return
            del self._users[user_id]
