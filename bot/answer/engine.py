"""Walking skeleton of the answer engine: signatures fixed, bodies to come."""

from __future__ import annotations

from datetime import date

from bot.answer.models import Answer, Coverage, DocumentPage
from index.backend import KnowledgeBase


def answer(question: str, kb: KnowledgeBase, *, today: date | None = None) -> Answer:
    """Answer one free-text question from the records, or decline honestly."""
    raise NotImplementedError("answer engine not built yet")


def contact_answer(kb: KnowledgeBase, agency: str | None = None) -> Answer:
    """The contact card of an agency; of every agency the corpus knows when none is given."""
    raise NotImplementedError("answer engine not built yet")


def procedure_answer(kb: KnowledgeBase, agency: str | None = None) -> Answer:
    """How to apply to an agency for disclosure (its guide, else the 条例)."""
    raise NotImplementedError("answer engine not built yet")


def search_documents(kb: KnowledgeBase, query: str, *, offset: int = 0, limit: int = 5) -> DocumentPage:
    """Documents and items matching a query, one page at a time."""
    raise NotImplementedError("answer engine not built yet")


def coverage(kb: KnowledgeBase) -> Coverage:
    """Which agencies, years and kinds of documents the corpus covers."""
    raise NotImplementedError("answer engine not built yet")
