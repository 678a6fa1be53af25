"""Engines around the real one, for the few claims the real engine alone cannot set up.

The real engine answers every text and never raises, and it answers in milliseconds:
a test of the error handler needs an engine that fails, a test of concurrency needs
one question to wait inside the engine, and a test of the typing action needs an
answer that takes seconds. Both wrap the real answer function, so
every answer that reaches a citizen in these tests is still a real one.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from bot.answer import Answer
from bot.serving import AnswerFunctions
from index.backend import KnowledgeBase

REAL = AnswerFunctions()


@dataclass
class Recording:
    """The real engine, noting (question, thread name) of every answer."""

    calls: list[tuple[str, str]] = field(default_factory=list)
    blocked: str | None = None  # this question waits in the engine until another one is answered
    released: threading.Event = field(default_factory=threading.Event)

    def engine(self) -> AnswerFunctions:
        """The Engine to inject into build_application."""
        return AnswerFunctions(answer=self.answer)

    def answer(self, kb: KnowledgeBase, question: str, **options: Any) -> Answer:
        self.calls.append((question, threading.current_thread().name))
        if question == self.blocked:
            if not self.released.wait(timeout=5):
                raise TimeoutError("no other question was answered meanwhile")
        else:
            self.released.set()
        return REAL.answer(kb, question, **options)


def failing(error: Exception) -> AnswerFunctions:
    """An engine whose answer function raises `error` (the real one never does)."""

    def answer(kb: KnowledgeBase, question: str, **options: Any) -> Answer:
        raise error

    return AnswerFunctions(answer=answer)


def slow(seconds: float) -> AnswerFunctions:
    """The real engine, `seconds` late with every answer (a busy machine, a cold index)."""

    def answer(kb: KnowledgeBase, question: str, **options: Any) -> Answer:
        time.sleep(seconds)
        return REAL.answer(kb, question, **options)

    return AnswerFunctions(answer=answer)
