"""Typed shared state: every handler reaches the services through `context.services`."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.answer import Answer
from bot.channels.conversations import Conversations
from bot.channels.telegram.drafts import DraftSessions
from bot.channels.telegram.examples import pick_examples
from bot.channels.telegram.memory import AnswerMemory, Entry
from bot.channels.telegram.ratelimit import RateLimiter
from bot.channels.telegram.stats import Stats
from bot.charts import Chart, chart_png
from bot.errors import ChartError
from bot.records import FeedbackStore, UnansweredLog
from bot.serving import AnswerFunctions, KnowledgeHolder
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What the handlers share: the served index, the engine and the bot's own records."""

    settings: Settings
    holder: KnowledgeHolder
    answers: AnswerFunctions
    memory: AnswerMemory
    feedback: FeedbackStore
    unanswered: UnansweredLog
    limiter: RateLimiter  # questions
    buttons: RateLimiter  # button presses and inline queries: their own allowance
    stats: Stats = field(default_factory=Stats)
    drafts: DraftSessions = field(default_factory=DraftSessions)  # applications being drafted
    conversations: Conversations = field(default_factory=Conversations)  # follow-up contexts, by chat
    _examples: dict[str, list[str]] = field(default_factory=dict)  # index version -> questions

    async def ask(self, question: str, chat: int | None = None) -> tuple[str, Answer]:
        """Answer a citizen's question off the event loop; return its button key and answer.

        In a chat, a follow-up takes what it lacks from the chat's previous question.
        """
        previous = self.conversations.context(chat) if chat is not None else None
        answer = await self.holder.run(self.answers.answer, question, context=previous)
        if chat is not None:
            self.conversations.remember(chat, answer)
        self.stats.record(answer)
        self.unanswered.record(question, answer)
        return self.memory.remember(Entry(question, answer, chat)), answer

    async def chart(self, answer: Answer) -> Chart | None:
        """The chart of a comparison, drawn off the event loop; None without one (or its font)."""
        if not answer.series:
            return None
        try:
            return await asyncio.to_thread(chart_png, answer.series)
        except ChartError as exc:  # the answer's text says everything the chart would
            log.error("no chart drawn: %s", exc)
            return None

    async def examples(self) -> list[str]:
        """The /start example questions, checked once per served index version."""
        version = self.holder.info.version
        if version not in self._examples:
            self._examples = {version: await self.holder.run(pick_examples, self.answers)}
        return self._examples[version]

    def is_admin(self, user_id: int | None) -> bool:
        """Whether a Telegram user may run the operators' commands."""
        return user_id is not None and user_id in self.settings.admin_ids


class BotData:
    """The application's bot_data: holds the services once build_application set them."""

    def __init__(self) -> None:
        self._services: Services | None = None

    @property
    def services(self) -> Services:
        """The services; set before the application starts."""
        if self._services is None:
            raise RuntimeError("build_application() did not set the services")
        return self._services

    @services.setter
    def services(self, services: Services) -> None:
        self._services = services


class Context(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]):
    """The CallbackContext of every handler, with typed access to the services."""

    @property
    def services(self) -> Services:
        """Shortcut to bot_data.services."""
        return self.bot_data.services


GongkaiApplication = Application[ExtBot[Any], Context, dict[Any, Any], dict[Any, Any], BotData, Any]

CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData)
