"""The answer engine: one set of functions serves every channel and knows none of them.

    answer(kb, question)          a free-text question -> Answer
    contact_answer(kb, agency)    the contact card of an agency (/hotline)
    procedure_answer(kb, agency)  how to apply to an agency (/apply)
    search_documents(kb, query)   matching documents and items, paginated (/search, 相关文件)
    coverage(kb)                  which agencies and years the corpus covers (/about)
    examples(kb)                  example questions the corpus can answer

Floor plan, from the top floor down (a module imports only from floors below it):

    engine.py      read the question, try the kinds of answer its intent lists
    kinds/         one module per kind of question: figures (figure_lines), compare
                   (compare_points, compare_text), contacts, guidance, passages, items,
                   documents, reckoning, redirects, courtesy, listings
    declines.py    the honest "not in the records" with contact and how to apply
    knowledge.py   Knowledge: one index version as answers see it (catalogue,
                   agency matcher, words, search, records, lookups, contact cards)
    catalogue.py   cards.py   compose.py   documents, contact cards, citations and replies
    reading/       matching/  the question understood; how well a text answers it
    models.py      Answer and its parts: data, never markup

To add a kind of question:
1. Say how citizens ask it: cue patterns and examples in bot/lexicon/questions.toml (an
   Intent in models.py if it is a new intent), with example questions in tests/answer.
2. Write the answer function in a module of kinds/: (Knowledge, Question) -> Answer | None;
   reach the records only through Knowledge, return None when they do not answer.
3. Build the Answer with compose.reply, citing every source (compose.cite_hit / cite_document)
   and carrying its facts as data (figures, series, contacts, procedure, items).
4. List the function under its intent in engine.KINDS, before the general fallbacks.
5. Test it on the real corpus (tests/answer), answered and declined, then run the eval
   sets (README, "Answer quality") and check that no answer of another kind changed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.answer.declines import not_found
from bot.answer.engine import reply_to
from bot.answer.kinds.contacts import contact_reply
from bot.answer.kinds.courtesy import examples_for, too_long
from bot.answer.kinds.guidance import procedure_guidance
from bot.answer.kinds.listings import coverage_of, search_page
from bot.answer.knowledge import knowledge_of
from bot.answer.models import (
    Answer,
    Citation,
    ContactCard,
    Coverage,
    DocumentPage,
    Figure,
    Intent,
    ProcedureCard,
)
from bot.answer.reading.followup import Context, context_of
from bot.text import MAX_QUESTION_CHARS, clean_input
from index.backend import KnowledgeBase

__all__ = [
    "Answer",
    "Citation",
    "ContactCard",
    "Context",
    "Coverage",
    "DocumentPage",
    "Figure",
    "Intent",
    "ProcedureCard",
    "answer",
    "contact_answer",
    "coverage",
    "examples",
    "procedure_answer",
    "search_documents",
    "warm",
]


def answer(
    kb: KnowledgeBase,
    question: str,
    *,
    today: date | None = None,
    max_chars: int | None = None,
    context: Context | None = None,
) -> Answer:
    """Answer one free-text question from the records, or decline honestly; never raises.

    Any text is read: broken Unicode and control characters are cleaned first
    (bot.text.clean_input). A question longer than `max_chars`, and never more than
    MAX_QUESTION_CHARS, is declined politely with the limit, not cut.
    `context` is the `followup` of the chat's previous answer: a short follow-up
    ("那平潭呢？") takes from it what it lacks, and the answer says what it assumed.
    """
    question = clean_input(question).strip()
    limit = min(max_chars or MAX_QUESTION_CHARS, MAX_QUESTION_CHARS)
    if len(question) > limit:
        return too_long(len(question), limit)
    knowledge = knowledge_of(kb)
    q = knowledge.read(question, today, max_chars, context)
    reply = reply_to(knowledge, q)
    following = context_of(q, context) or (context if context and not context.expired() else None)
    if following is not None and reply.figures and reply.figures[0].slot:
        following = replace(following, slot=reply.figures[0].slot)
    reply._followup = following
    return reply


def contact_answer(kb: KnowledgeBase, agency: str | None = None) -> Answer:
    """The contact card of an agency; of every agency the corpus knows when none is given."""
    knowledge = knowledge_of(kb)
    q = knowledge.read(_bounded(agency or ""))
    agencies = q.agencies.candidates or knowledge.catalogue.agencies_with_documents()
    cards = knowledge.contact_cards(agencies, ["phone"])
    if not cards:
        return not_found(knowledge, q, f"{agency or ''}的联系方式", Intent.CONTACT)
    return contact_reply(knowledge, q, cards, ["phone"])


def procedure_answer(kb: KnowledgeBase, agency: str | None = None) -> Answer:
    """How to apply to an agency for disclosure (its guide, else the 条例)."""
    knowledge = knowledge_of(kb)
    q = knowledge.read(f"{_bounded(agency or '')}怎么申请政府信息公开")
    return procedure_guidance(knowledge, q) or not_found(knowledge, q, "申请办法", Intent.PROCEDURE)


def search_documents(kb: KnowledgeBase, query: str, offset: int = 0, limit: int = 5) -> DocumentPage:
    """Documents and items matching a query (its first MAX_QUESTION_CHARS characters), one page at a time."""
    return search_page(knowledge_of(kb), _bounded(query), offset, limit)


def coverage(kb: KnowledgeBase) -> Coverage:
    """Which agencies, years and kinds of documents the corpus covers."""
    return coverage_of(knowledge_of(kb))


def examples(kb: KnowledgeBase) -> list[str]:
    """Example questions built from what the corpus holds."""
    return examples_for(knowledge_of(kb))


def _bounded(text: str) -> str:
    """Text a person sent, cleaned (bot.text.clean_input) and cut to MAX_QUESTION_CHARS."""
    return clean_input(text).strip()[:MAX_QUESTION_CHARS]


def warm(kb: KnowledgeBase) -> None:
    """Prepare a knowledge base for serving: matchers built, dictionaries loaded."""
    knowledge_of(kb).warm()
