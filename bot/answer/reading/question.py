"""Understand a question: normalised text, agencies, years, document references, intent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.answer.models import Intent
from bot.answer.reading.agencies import AgencyMatcher, AgencyMentions
from bot.answer.reading.intents import IntentReading, read_intents
from bot.answer.reading.words import Words
from bot.answer.reading.years import find_years, strip_years
from bot.lexicon.words import word_lexicon
from bot.text import clean_spaces, fold, normalize_doc_no

_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,5}\s*号")
_INDEX_NO = re.compile(r"(?<![a-z0-9])[a-z0-9]{3,}(?:[-/][a-z0-9]{2,}){2,}(?![a-z0-9])")


@dataclass
class Question:
    """A citizen's question, understood."""

    text: str  # as typed (trimmed)
    folded: str  # matching form: simplified, half-width, lower case, spaces collapsed
    agencies: AgencyMentions
    years: list[int]
    doc_no: str | None
    index_no: str | None
    reading: IntentReading
    today: date
    topic: str = ""  # what is asked: content words in place, the rest blanked
    terms: list[str] = field(default_factory=list)  # the content words, once each
    # What the answer assumed and must say first: 按“淮安”理解, 按上一问的平潭综合实验区.
    assumed: list[str] = field(default_factory=list)
    previous: Any = None  # the context of the question before, when this one follows up on it
    refines: bool = False  # it asks for a part of the previous topic (其中律所呢)
    fragment: str = ""  # a follow-up's own words, before the context completed it

    @property
    def intent(self) -> Intent:
        """The intent to answer first."""
        return self.reading.primary

    @property
    def about(self) -> str:
        """What is asked: the content words, else the whole folded question."""
        return self.topic or self.folded


def understand(
    text: str, matcher: AgencyMatcher, words: Words, today: date, max_chars: int | None = None
) -> Question:
    """Read a question, cut to `max_chars` when given; never fails, whatever the text."""
    text = clean_spaces(text).strip()[:max_chars]
    folded = fold(text)
    doc_no = _first(_DOC_NO, folded)
    index_no = _first(_INDEX_NO, folded)
    tagged = words.tag(folded)
    agencies = matcher.find(folded, tagged)
    years = find_years(folded, today)
    # What is asked, in the records' words: 要不要钱 is asked as 收费, 律所 as 法律服务机构.
    asked = word_lexicon().rephrase(strip_years(folded))
    topic = words.topic(asked, skip=[*agencies.matched, doc_no or "", index_no or ""])
    reading = read_intents(
        folded,
        has_agency=bool(agencies.candidates),
        has_year=bool(years),
        has_ref=bool(doc_no or index_no),
    )
    return Question(
        text=text,
        folded=folded,
        agencies=agencies,
        years=years,
        doc_no=normalize_doc_no(doc_no) if doc_no else None,
        index_no=index_no.upper() if index_no else None,
        reading=reading,
        today=today,
        topic=topic,
        terms=list(dict.fromkeys(topic.split())),
    )


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None
