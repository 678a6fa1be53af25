"""The drafting conversations in progress, one per user, in memory only.

A draft holds what the citizen typed (name, identity number, phone ...). It lives here
from /draft until it is done, cancelled or timed out, and nowhere else: never logged,
never written to disk, never in the feedback or question records.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from bot.assist.draft import ApplicationDraft


class DraftSessions:
    """The open drafts, by Telegram user id (drafting happens in private chats only)."""

    def __init__(self) -> None:
        self._drafts: dict[int, ApplicationDraft] = {}

    def __len__(self) -> int:
        return len(self._drafts)

    def __contains__(self, user_id: object) -> bool:
        return user_id in self._drafts

    def open(self, user_id: int, draft: ApplicationDraft) -> None:
        """Keep a user's new draft, replacing an unfinished one."""
        self._drafts[user_id] = draft

    def get(self, user_id: int) -> ApplicationDraft | None:
        """The user's draft in progress."""
        return self._drafts.get(user_id)

    def close(self, user_id: int) -> None:
        """Forget a user's draft and everything typed into it."""
        self._drafts.pop(user_id, None)

    def answers(self, update: Update) -> bool:
        """Whether the update is a text answer to a draft in progress (not a question, not a command)."""
        user = update.effective_user
        return user is not None and user.id in self._drafts and bool(ANSWER.check_update(update))


# What the conversation reads as an answer: a private text message that is not a command.
ANSWER = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
