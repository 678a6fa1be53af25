"""Recent questions and answers by short key: callback data holds only the key.

Telegram limits callback data to 64 bytes, so a button carries `action:key[:page]`
and the state it needs stays here. A key belongs to the chat that received the answer:
presented from any other chat it is unknown, as if forgotten (the question may hold a
phone or ID number). The oldest entries are forgotten first; a button whose entry is
gone is answered with "please ask again". Each entry also keeps its votes, one per
user, so a changed vote replaces the earlier one.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.answer import Answer
from bot.records import Vote


@dataclass(frozen=True)
class Ballot:
    """A user's vote on an entry; `vote_id` stands for the user in the records, unlinkable to them."""

    vote_id: str
    vote: Vote


@dataclass(frozen=True)
class Entry:
    """A question (or search query) and, for questions, its answer, in the chat that received it."""

    question: str
    answer: Answer | None = None
    chat: int | None = None  # None: any chat may use it (tests, the terminal)
    ballots: dict[int, Ballot] = field(default_factory=dict, compare=False)  # by user id

    def vote(self, user_id: int, vote: Vote) -> tuple[Ballot, Vote | None]:
        """Record a user's vote; return their ballot and the vote it replaces (if any)."""
        earlier = self.ballots.get(user_id)
        ballot = Ballot(earlier.vote_id if earlier else secrets.token_urlsafe(9), vote)
        self.ballots[user_id] = ballot
        return ballot, earlier.vote if earlier else None


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

    def recall(self, key: str, chat: int | None = None) -> Entry | None:
        """The entry for a key in this chat, or None when it was forgotten or belongs to another chat."""
        entry = self._entries.get(key)
        if entry is None or entry.chat not in (None, chat):
            return None
        self._entries.move_to_end(key)
        return entry
