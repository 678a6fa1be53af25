"""Answers to free questions: the sentence of the records that best answers, quoted."""

from __future__ import annotations

import re

from bot.answer.compose import cite_hit, quote, reply
from bot.answer.knowledge import Knowledge
from bot.answer.matching.overlap import SYNONYMS
from bot.answer.matching.sentences import SentenceMatch, best_sentences, expected_shape, required_shape
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.answer.reading.words import STOPWORDS
from bot.corpus.models import DocKind
from bot.lexicon.questions import question_lexicon
from bot.lexicon.words import word_lexicon
from bot.text import fold
from index.backend import DocumentSummary, RecordKind, SearchFilters

ANSWER_COVERAGE = 0.6
LAW_BONUS = 0.1
_ASKS_PERSON = re.compile(r"是谁|叫什么|名字|姓名|哪位")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_COUNT = r"[\d零一二两三四五六七八九十百千万]\s*(?:余|多)?\s*(?:{unit})"
_MEASURE_ASKED = re.compile(r"(?:多少|几)\s*(件|条|次|项|名|场|期|篇|份|家|所|座|处|人次|个人|位)")
# The measure words a count of people or things may be given in: 几个人 → 2名.
_UNITS_OF = {"个人": "名|人|位|个", "名": "名|人|位", "位": "名|人|位"}


def answers(q: Question, match: SentenceMatch) -> bool:
    """Whether a sentence answers the question, not a neighbouring one.

    It holds what the question's wording asks for (a date for 哪天, a number for 几个),
    it is about the year asked (a 2019 notice does not answer 2020年国庆), and it says
    most of the question's own words, or their synonyms, itself or in its heading.
    """
    shape = required_shape(q.folded)
    if shape is not None and not shape.search(match.sentence):
        return False
    fields = question_lexicon().contact_fields
    wanted = [fields[f].value for f in q.reading.contact_fields if f in fields]
    if wanted and not any(re.search(value, match.sentence) for value in wanted):
        return False  # asked for a phone: a sentence without one does not answer
    counted = _MEASURE_ASKED.search(q.folded)
    unit = _UNITS_OF.get(counted.group(1), counted.group(1)) if counted else ""
    if counted and not re.search(_COUNT.format(unit=unit), match.sentence):
        return False  # 多少条 is answered by a number of 条, not by "20个工作日"; 几个人 by 2名
    said = set(map(int, _YEAR.findall(match.sentence)))
    if q.years and said and not said & set(q.years):
        return False
    return says_enough(q, f"{match.sentence} {' '.join(match.hit.section)} {match.hit.title}")


def about_years(doc: DocumentSummary, years: list[int]) -> bool:
    """Whether a document may speak of the years asked: a report of its own year, a document
    whose title names years (万载县2022年统计公报, 2019年节假日安排) of those, any other."""
    titled = set(map(int, _YEAR.findall(doc.meta.title)))
    if titled:
        return bool(titled & set(years))
    return doc.meta.kind is not DocKind.REPORT or doc.meta.year in years


def says_enough(q: Question, text: str) -> bool:
    """Whether a text says at least two thirds of the question's words that are not generic."""
    generic = word_lexicon().figure_words | STOPWORDS
    wanted = [t for t in q.terms if t not in generic and len(t) >= 2]
    if not wanted:
        return True
    told = fold(text)
    said = sum(1 for term in wanted if any(w in told for w in _synonyms(term)))
    return said * 3 >= len(wanted) * 2


def _synonyms(term: str) -> list[str]:
    """A word and the words the documents use for the same thing."""
    groups = [group for group in SYNONYMS if term in group]
    return [term, *(w for group in groups for w in group)]


def passage_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """The sentence of the records that best answers a free question, if one does."""
    agencies = q.agencies.scope
    docs = knowledge.catalogue.of_agencies(agencies) if agencies else []
    if q.years and docs:
        docs = [d for d in docs if about_years(d, q.years)]
    if agencies and not docs:
        return None
    filters = SearchFilters(documents=[d.id for d in docs], records=[RecordKind.PASSAGE, RecordKind.ITEM])
    # No agency named: search everything (an empty document list means no restriction).
    # The question as typed and in the records' words (告上法院 → 行政诉讼): both find passages.
    hits = knowledge.search(f"{q.folded} {q.about}", filters, 10)
    if q.years:
        catalogue = knowledge.catalogue.documents
        hits = [h for h in hits if h.doc_id not in catalogue or about_years(catalogue[h.doc_id], q.years)]
    shape = expected_shape(q.folded)
    # Asked about no agency in particular, the rules of the law come before one agency's wording.
    primary = {d.id for d in knowledge.catalogue.regulations()[:1]}
    prefer_law = (
        None if agencies else (lambda h: LAW_BONUS * ((h.doc_kind is DocKind.LAW) + (h.doc_id in primary)))
    )
    found = [
        m
        for m in best_sentences(q.about, hits, shape=shape, bonus=prefer_law)
        if m.coverage >= ANSWER_COVERAGE and answers(q, m)
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
