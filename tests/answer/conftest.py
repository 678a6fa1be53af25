"""The answer engine over a real index of the bundled corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.answer import answer
from bot.answer.models import Answer
from index import open_index
from index.backend import KnowledgeBase

TODAY = date(2026, 11, 27)  # fixed, so 今年/去年 mean the same in every run

Ask = Callable[[str], Answer]


@pytest.fixture(scope="session")
def kb(built_index: Path) -> Iterator[KnowledgeBase]:
    """The opened index of the bundled corpus."""
    knowledge = open_index(built_index)
    yield knowledge
    knowledge.backend.close()


@pytest.fixture(scope="session")
def ask(kb: KnowledgeBase) -> Ask:
    """Ask the engine a question, as every channel does."""
    return lambda question: answer(kb, question, today=TODAY)


def lead(reply: Answer) -> str:
    """What a citizen reads first: the first 200 characters, spaces removed."""
    return "".join(reply.answer.split())[:200]


def cited(reply: Answer, fragment: str) -> bool:
    """Whether a citation names a document whose title contains the fragment."""
    return any(fragment in c.title for c in reply.citations)
