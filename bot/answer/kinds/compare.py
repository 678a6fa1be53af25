"""Comparisons: one report figure across years (2017年到2024年, 近三年, 历年) or agencies (谁多).

    平潭2017年到2024年主动公开的变化       one party, every year of the range
    淮安和平潭2024年谁收到的申请多          two parties, one year
    平潭公安局和交建局这几年的行政复议      two parties, every year either reports

The question is read for its figure without the words that only say how to compare
(bot/lexicon/comparisons.toml): a template slot (one cell, joined only with the same
slot) or a number reports state in prose. Each party's report of each year gives one
point (compare_points.py); the answer leads with the result, lists every point with its
source and says which years are missing and why (compare_text.py). `Answer.series`
holds every point in order, `Answer.figures` those compared; channels draw the chart.

A question that compares nothing (one agency, one year) or asks for several cells at
once is left to the single-figure answer (figures.report_answer).
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer.compose import reply
from bot.answer.kinds.compare_points import Measure, Party, party_points, report_years
from bot.answer.kinds.compare_text import gaps, lead, rows
from bot.answer.kinds.figures import asked_cells
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, Figure, Intent
from bot.answer.reading.agencies import split_place
from bot.answer.reading.question import Question
from bot.answer.reading.years import year_span
from bot.lexicon.comparisons import comparison_lexicon
from bot.text import fold

MAX_PARTIES = 6  # more agencies than this are a listing, not a comparison
MAX_YEARS = 20


def compare_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """A figure across the years or agencies asked, each point with its source; None if nothing compares."""
    parties = read_parties(knowledge, q)
    if not parties or len(parties) > MAX_PARTIES:
        return None
    asked = figure_question(q)
    ask = asked_cells(asked)
    if ask is not None and len(ask.slots) != 1:
        return None  # several cells at once: the single-figure answer lists them
    years = _years(knowledge, q, parties)
    if len(parties) == 1 and len(years) < 2:
        return None
    measure = Measure(ask, "".join(asked.terms) or asked.about.replace(" ", ""))
    points = [p for party in parties for p in party_points(knowledge, asked, party, years, measure)]
    if not any(p.value is not None for p in points):
        return None
    return _answer(knowledge, parties, points, measure, years)


def read_parties(knowledge: Knowledge, q: Question) -> list[Party]:
    """The agencies and places compared, in the order the question names them."""
    mentions = q.agencies
    parties = [_party(knowledge, q, name, name) for name in mentions.named]
    asked = set(year_span(q.folded, q.today).years)
    for place, names in mentions.places.items():
        if any(name in names for name in mentions.named):
            continue  # the place only says where a named agency is
        party = _place_party(knowledge, q, place, names, asked)
        if party is not None:
            parties.append(party)
    unique: list[Party] = []
    for party in sorted(parties, key=lambda p: p.at):
        if not any(set(party.agencies) & set(other.agencies) for other in unique):
            unique.append(party)
    return unique


def figure_question(q: Question) -> Question:
    """The question without the words that only say how to compare: what is compared."""
    words = comparison_lexicon().words
    terms = [t for t in q.terms if t not in words]
    return replace(q, terms=terms, topic=" ".join(terms))


def _place_party(
    knowledge: Knowledge, q: Question, place: str, names: list[str], asked: set[int]
) -> Party | None:
    """A place named alone: its government's family whose reports cover most of the years asked."""
    governments = comparison_lexicon().governments
    ruling = [_party(knowledge, q, n, place) for n in names if split_place(fold(n))[1] in governments]

    def cover(party: Party) -> tuple[int, int]:
        held = set(report_years(knowledge, party))
        return len(held & asked), len(held)

    best = max(ruling, key=cover, default=None)  # the first of equals: most documents first
    return best if best is not None and cover(best)[1] else None


def _party(knowledge: Knowledge, q: Question, name: str, label: str) -> Party:
    family = knowledge.matcher.find(fold(name)).scope or [name]
    at = min((q.folded.find(k) for k in _spellings(knowledge, q, name, label) if k in q.folded), default=0)
    return Party(label, name, tuple(dict.fromkeys([name, *family])), at)


def _spellings(knowledge: Knowledge, q: Question, name: str, label: str) -> list[str]:
    """How the question wrote a party: its place, or the matched text that names the agency."""
    return [label, *(k for k in q.agencies.matched if knowledge.matcher.canonical(k) == name)]


def _years(knowledge: Knowledge, q: Question, parties: list[Party]) -> list[int]:
    """The years asked; every year held for 历年 or none named; the latest shared year for agencies."""
    span = year_span(q.folded, q.today)
    if span.years:
        return span.years[-MAX_YEARS:]
    held = [set(report_years(knowledge, party)) for party in parties]
    if len(parties) > 1 and not span.every:
        shared = set.intersection(*held)
        return [max(shared)] if shared else sorted({max(h) for h in held if h})
    every = set().union(*held)
    return list(range(min(every), max(every) + 1))[-MAX_YEARS:] if every else []


def _answer(
    knowledge: Knowledge, parties: list[Party], points: list[Figure], measure: Measure, years: list[int]
) -> Answer:
    stated = [p for p in points if p.comparable]
    parts = [lead(points, parties, measure.label), "\n".join(rows(points, parties)), gaps(points, parties)]
    text = "\n".join(part for part in parts if part)
    return reply(
        Intent.COMPARE,
        text,
        found=bool(stated),
        agency=parties[0].name if len(parties) == 1 else None,
        year=years[0] if len(years) == 1 else None,
        citations=[p.citation for p in points if p.citation is not None],
        figures=stated,
        series=points,
    )
