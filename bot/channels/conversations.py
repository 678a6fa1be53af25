"""Each chat's last question, so that a follow-up ("那平潭呢？") can lean on it.

Held in memory only, never written to disk or logs (a question may hold personal
data), and forgotten once it is older than the follow-up window of the answer engine.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from bot.answer import Answer, Context

MAX_CHATS = 10_000  # chats remembered at once; the least recently active go first


class Conversations:
    """The follow-up context of each chat."""

    def __init__(self, capacity: int = MAX_CHATS) -> None:
        self._capacity = capacity
        self._contexts: OrderedDict[Hashable, Context] = OrderedDict()
        self._lock = threading.Lock()

    def context(self, chat: Hashable) -> Context | None:
        """The chat's context, if it is recent enough to follow up on."""
        with self._lock:
            context = self._contexts.get(chat)
            if context is not None and context.expired():
                del self._contexts[chat]
                return None
            return context

    def remember(self, chat: Hashable, answer: Answer) -> None:
        """Keep what the chat's next question may take from this answer."""
        with self._lock:
            if answer.followup is None:
                self._contexts.pop(chat, None)
                return
            self._contexts[chat] = answer.followup
            self._contexts.move_to_end(chat)
            while len(self._contexts) > self._capacity:
                self._contexts.popitem(last=False)

    def forget(self, chat: Hashable) -> None:
        """Drop a chat's context (it started something else)."""
        with self._lock:
            self._contexts.pop(chat, None)
