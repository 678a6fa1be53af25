"""Recent questions and answers by short key: callback data holds only the key.

Telegram limits callback data to 64 bytes, so a button carries `action:key[:page]`
and the state it needs stays here. The oldest entries are forgotten first; a button
whose entry is gone is answered with "please ask again".
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass

from bot.answer import Answer


@dataclass(frozen=True)
class Entry:
    """A question (or search query) and, for questions, its answer."""

    question: str
    answer: Answer | None = None


class AnswerMemory:
    """A least-recently-used map of short keys to entries."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[str, Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def remember(self, entry: Entry) -> str:
        """Store an entry and return its new key (8 URL-safe characters)."""
        key = secrets.token_urlsafe(6)
        while key in self._entries:
            key = secrets.token_urlsafe(6)
        self._entries[key] = entry
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)
        return key

    def recall(self, key: str) -> Entry | None:
        """The entry for a key, or None when it was forgotten."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry
