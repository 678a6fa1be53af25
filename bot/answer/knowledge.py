"""What answers know of one opened index version, and the only way they reach it.

Every kind of question (bot/answer/kinds) depends on a `Knowledge`: the catalogue of
documents, the agency matcher and question words, and search, records, lookups and
contact cards over the backend. No answer function touches the backend itself, so a
second backend (OpenSearch) serves the same answers behind the same object.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.answer.cards import contact_cards
from bot.answer.catalogue import Catalogue
from bot.answer.matching.slots import slot_reader
from bot.answer.models import ContactCard, Intent
from bot.answer.reading.agencies import AgencyMatcher
from bot.answer.reading.followup import Context, follow_up
from bot.answer.reading.question import Question, understand
from bot.answer.reading.sounds import SoundAlikes
from bot.answer.reading.words import Words
from bot.corpus.models import Conflict
from bot.lexicon.places import gazetteer
from index.backend import DocumentSummary, Hit, KnowledgeBase, PerVersion, RecordKind, SearchFilters


class Knowledge:
    """The records of one index version, as answers need them."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._backend = kb.backend
        self._registry = kb.agencies
        self.version = kb.info.version
        self.conflicts: list[Conflict] = list(kb.conflicts)
        self.matcher = AgencyMatcher(kb.agencies)
        self.catalogue = Catalogue(kb.backend.documents(limit=None), self.matcher)
        self.words = Words(kb.backend.analyzer.segmenter)
        self.sounds = SoundAlikes(self.matcher.spoken_names(), gazetteer())

    def read(
        self,
        text: str,
        today: date | None = None,
        max_chars: int | None = None,
        context: Context | None = None,
    ) -> Question:
        """A question understood against these records (and the one before it); never fails."""
        today = today or date.today()
        q = understand(text, self.matcher, self.words, today, max_chars)
        if _names_a_part(q, context):
            q.reading = replace(q.reading, intents=[Intent.STATISTIC], domain=True)  # 其中律所提的呢
        completed = follow_up(q, context)
        if completed is not None:
            anchor = (
                date(completed.year_anchor, today.month, min(today.day, 28))
                if completed.year_anchor
                else today
            )
            full = understand(completed.text, self.matcher, self.words, anchor, max_chars)
            full.text, full.today = q.text, today
            full.assumed = [completed.assumed] if completed.assumed else []
            full.previous, full.refines, full.fragment = context, completed.refines, q.folded
            q = full
        if not q.agencies.candidates:
            q = self._sound_alike(q, max_chars) or q
        # A place names many agencies: those with the most records come first.
        q.agencies.places = {p: self.catalogue.ranked(names) for p, names in q.agencies.places.items()}
        return q

    def _sound_alike(self, q: Question, max_chars: int | None) -> Question | None:
        """The question read again with names it mistyped corrected, if that finds an agency."""
        fixes = self.sounds.corrections(q.folded)
        if not fixes:
            return None
        text = q.folded
        for fix in fixes:
            text = text.replace(fix.typed, fix.meant)
        corrected = understand(text, self.matcher, self.words, q.today, max_chars)
        if not corrected.agencies.candidates:
            return None
        corrected.text = q.text
        corrected.assumed = ["按" + "、".join(f"“{fix.meant}”" for fix in fixes) + "理解"]
        return corrected

    def search(self, text: str, filters: SearchFilters, limit: int = 10) -> list[Hit]:
        """Ranked records for a text."""
        return self._backend.search(text, filters, limit)

    def records(self, filters: SearchFilters, limit: int = 1000) -> list[Hit]:
        """Every record matching the filters, unranked, in index order."""
        return self._backend.records(filters, limit)

    def lookup(self, *, doc_no: str | None = None, index_no: str | None = None) -> list[Hit]:
        """Items by 文号 or 索引号."""
        return self._backend.lookup(doc_no=doc_no, index_no=index_no)

    def statistics(self, doc_id: str) -> list[Hit]:
        """Every statistic record of one document."""
        return self.records(SearchFilters(documents=[doc_id], records=[RecordKind.STATISTIC]))

    def passages(self, doc_id: str, limit: int = 1000) -> list[Hit]:
        """Every passage of one document, in document order."""
        return self.records(SearchFilters(documents=[doc_id], records=[RecordKind.PASSAGE]), limit)

    def contact_cards(
        self, agencies: list[str], wanted: list[str] | None = None, topic: str = ""
    ) -> list[ContactCard]:
        """Contact cards of the agencies' documents, the most useful first."""
        return self.cards_of(self.catalogue.of_agencies(agencies), wanted, topic)

    def cards_of(
        self, docs: list[DocumentSummary], wanted: list[str] | None = None, topic: str = ""
    ) -> list[ContactCard]:
        """Contact cards of some documents (a report, an item a question points to)."""
        return contact_cards(docs, self._registry, self.conflicts, wanted or [], topic)

    def warm(self) -> None:
        """Load the word and sound dictionaries now, not at the first question."""
        self.words.warm()
        self.sounds.warm()


# The knowledge of an opened index version, built once per version.
knowledge_of: PerVersion[Knowledge] = PerVersion(Knowledge)


def _names_a_part(q: Question, context: Context | None) -> bool:
    """Whether a question read as off-topic names a cell of the figure the chat just had."""
    if context is None or context.slot is None or q.intent is not Intent.OFFTOPIC:
        return False
    return slot_reader().read(q.folded, context.slot) is not None
