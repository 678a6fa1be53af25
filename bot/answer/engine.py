"""The answer engine: understand the question, try the answers that fit it, or decline honestly.

Each intent has an ordered list of strategies; the first that finds an answer wins,
and when none does the citizen is told plainly and pointed to the agency's contact
and to the application procedure (依申请公开).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.answer.agencies import AgencyMatcher
from bot.answer.cards import contact_cards, has_field
from bot.answer.explain import guidance_answer, passage_answer
from bot.answer.fallback import not_covered, not_found
from bot.answer.items import item_answer
from bot.answer.models import Answer, ContactCard, Coverage, DocumentPage, Intent
from bot.answer.reckon import deadline_answer, fee_estimate_answer
from bot.answer.redirect import redirect_answer, stated_redirect_answer
from bot.answer.replies import contact_reply, contacts_overview, coverage_of, greeting, offtopic, search_page
from bot.answer.reports import report_answer
from bot.answer.scope import Scope
from bot.answer.understand import Question, understand
from bot.answer.words import Words
from index.backend import Hit, KnowledgeBase, PerVersion, SearchFilters

Strategy = Callable[["Engine", Question], Answer | None]
_WHERE_TO_FIND = re.compile(r"查阅|查询|查看|看到|下载|获取|找到|查到")


class Engine:
    """Answers questions from one opened knowledge base."""

    def __init__(self, kb: KnowledgeBase, words: Words | None = None) -> None:
        self.kb = kb
        self.matcher = AgencyMatcher(kb.agencies)
        self.scope = Scope(kb.documents, self.matcher)
        names = [n for a in kb.agencies.agencies for n in (a.name, *a.aliases)]
        self.words = words or Words(names)

    def answer(self, text: str, today: date | None = None) -> Answer:
        """Answer one question; never raises for any text."""
        q = understand(text, self.matcher, self.words, today or date.today())
        # A place names many agencies: those with the most records come first.
        q.agencies.places = {p: self.scope.ranked(names) for p, names in q.agencies.places.items()}
        if not q.folded.strip():
            return greeting(self, q, empty=True)
        if q.agencies.unknown_places and not q.agencies.candidates and q.intent is not Intent.ITEM:
            return not_covered(self, q)

        for strategy in STRATEGIES.get(q.intent, ()):
            found = strategy(self, q)
            if found is not None:
                return found
        return not_found(self, q, _missing(q))

    def search(self, text: str, filters: SearchFilters, limit: int = 10) -> list[Hit]:
        """Ranked records of the knowledge base."""
        return self.kb.backend.search(text, filters, limit)

    def cards_for(
        self, agencies: list[str], wanted: list[str] | None = None, topic: str = ""
    ) -> list[ContactCard]:
        """Contact cards of the agencies' documents, the most useful first."""
        docs = self.scope.of_agencies(agencies)
        return contact_cards(docs, self.kb.agencies, self.kb.conflicts, wanted or [], topic)


def _contact(engine: Engine, q: Question) -> Answer | None:
    agencies = q.agencies.scope
    wanted = q.reading.contact_fields or ["phone"]
    if not agencies:
        return contacts_overview(engine, q, wanted)
    if _WHERE_TO_FIND.search(q.folded):
        # "在哪里可以查到/看到…": the records usually say so in a sentence, not a card.
        found = passage_answer(engine, q)
        if found is not None:
            return found
    cards = engine.cards_for(agencies, wanted, q.topic)
    if not cards or not any(has_field(cards[0], f) for f in wanted):
        # The records may still say where to go in a sentence (e.g. "到…法规科查询").
        return passage_answer(engine, q) or (contact_reply(engine, q, cards, wanted) if cards else None)
    return contact_reply(engine, q, cards, wanted)


def _figures(engine: Engine, q: Question) -> Answer | None:
    return report_answer(engine, q)


def _guidance(intent: Intent) -> Strategy:
    def strategy(engine: Engine, q: Question) -> Answer | None:
        return guidance_answer(engine, q, intent)

    return strategy


def _passages(engine: Engine, q: Question) -> Answer | None:
    return passage_answer(engine, q)


def _items(engine: Engine, q: Question) -> Answer | None:
    return item_answer(engine, q)


def _redirect(engine: Engine, q: Question) -> Answer | None:
    return redirect_answer(engine, q)


def _stated_redirect(engine: Engine, q: Question) -> Answer | None:
    return stated_redirect_answer(engine, q)


def _deadline(engine: Engine, q: Question) -> Answer | None:
    return deadline_answer(engine, q)


def _fee_estimate(engine: Engine, q: Question) -> Answer | None:
    return fee_estimate_answer(engine, q)


def _greeting(engine: Engine, q: Question) -> Answer | None:
    return greeting(engine, q)


def _offtopic(engine: Engine, q: Question) -> Answer | None:
    return offtopic(engine, q)


def _missing(q: Question) -> str:
    named = q.agencies.named
    subject = named[0] if len(named) == 1 else "、".join(q.agencies.places)

    asked = q.text if len(q.text) <= 40 else q.text[:40] + "…"
    return f"{subject}与“{asked}”相关的信息" if subject else f"与“{asked}”相关的信息"


STRATEGIES: dict[Intent, tuple[Strategy, ...]] = {
    Intent.GREETING: (_greeting,),
    Intent.OFFTOPIC: (_redirect, _offtopic),
    Intent.ITEM: (_items, _passages),
    Intent.STATISTIC: (_figures,),
    Intent.CONTACT: (_contact, _passages),
    Intent.PROCEDURE: (_redirect, _deadline, _guidance(Intent.PROCEDURE), _passages),
    Intent.TIME_LIMIT: (_stated_redirect, _deadline, _guidance(Intent.TIME_LIMIT), _passages),
    Intent.FEE: (_stated_redirect, _fee_estimate, _guidance(Intent.FEE), _passages),
    Intent.REMEDY: (_stated_redirect, _guidance(Intent.REMEDY), _passages),
    Intent.COMPLAINT: (_guidance(Intent.COMPLAINT),),
    Intent.GENERAL: (_stated_redirect, _deadline, _passages, _items, _redirect),
}

# The engine of a knowledge base, built once per opened index version.
engine_for: PerVersion[Engine] = PerVersion(Engine)


def warm(kb: KnowledgeBase) -> None:
    """Build the engine and load the word dictionaries now, not at the first question."""
    engine_for(kb).words.warm()


def answer(question: str, kb: KnowledgeBase, *, today: date | None = None) -> Answer:
    """Answer one free-text question from the records, or decline honestly."""
    return engine_for(kb).answer(question, today)


def contact_answer(kb: KnowledgeBase, agency: str | None = None) -> Answer:
    """The contact card of an agency; of every agency the corpus knows when none is given."""
    engine = engine_for(kb)
    q = understand(agency or "", engine.matcher, engine.words, date.today())
    agencies = q.agencies.candidates or engine.scope.agencies_with_documents()
    cards = engine.cards_for(agencies, ["phone"])
    if not cards:
        return not_found(engine, q, f"{agency or ''}的联系方式", Intent.CONTACT)
    return contact_reply(engine, q, cards, ["phone"])


def procedure_answer(kb: KnowledgeBase, agency: str | None = None) -> Answer:
    """How to apply to an agency for disclosure (its guide, else the 条例)."""
    engine = engine_for(kb)
    text = f"{agency or ''}怎么申请政府信息公开"
    q = understand(text, engine.matcher, engine.words, date.today())
    return guidance_answer(engine, q, Intent.PROCEDURE) or not_found(engine, q, "申请办法", Intent.PROCEDURE)


def search_documents(kb: KnowledgeBase, query: str, *, offset: int = 0, limit: int = 5) -> DocumentPage:
    """Documents and items matching a query, one page at a time."""
    return search_page(engine_for(kb), query, offset, limit)


def coverage(kb: KnowledgeBase) -> Coverage:
    """Which agencies, years and kinds of documents the corpus covers."""
    return coverage_of(engine_for(kb))
