"""Answers to free questions: the sentence of the records that best answers, quoted."""

from __future__ import annotations

import re

from bot.answer.compose import cite_hit, quote, reply
from bot.answer.knowledge import Knowledge
from bot.answer.matching.sentences import best_sentences, expected_shape
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.corpus.models import DocKind
from index.backend import RecordKind, SearchFilters

ANSWER_COVERAGE = 0.6
LAW_BONUS = 0.1
_ASKS_PERSON = re.compile(r"是谁|叫什么|名字|姓名|哪位")


def passage_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """The sentence of the records that best answers a free question, if one does."""
    agencies = q.agencies.scope
    docs = knowledge.catalogue.of_agencies(agencies) if agencies else []
    if q.years and docs:
        docs = [d for d in docs if d.meta.year in q.years or d.meta.kind is not DocKind.REPORT]
    if agencies and not docs:
        return None
    filters = SearchFilters(documents=[d.id for d in docs], records=[RecordKind.PASSAGE, RecordKind.ITEM])
    # No agency named: search everything (an empty document list means no restriction).
    hits = knowledge.search(q.folded, filters, 10)
    shape = expected_shape(q.folded)
    # Asked about no agency in particular, the rules of the law come before one agency's wording.
    primary = {d.id for d in knowledge.catalogue.regulations()[:1]}
    prefer_law = (
        None if agencies else (lambda h: LAW_BONUS * ((h.doc_kind is DocKind.LAW) + (h.doc_id in primary)))
    )
    found = [
        m
        for m in best_sentences(q.about, hits, shape=shape, bonus=prefer_law)
        if m.coverage >= ANSWER_COVERAGE
    ]
    if _ASKS_PERSON.search(q.folded):
        # "局长是谁": only a sentence that names a person answers it.
        found = [m for m in found if any(tag == "nr" for _, tag in knowledge.words.tag(m.sentence))]
    if not found:
        return None
    first = found[0].hit
    return reply(
        Intent.GENERAL,
        quote(found),
        found=True,
        agency=first.agency,
        year=first.year,
        citations=[cite_hit(m.hit, quote=m.sentence) for m in found],
        contacts=knowledge.contact_cards(agencies)[:1] if agencies else [],
    )
