"""Answers from annual reports: the figure asked for, one line per report, with its source.

A question that names template cells (bot/answer/matching/slots.py) is answered from
those cells of each report asked about, stated only when the template's arithmetic
verifies them. A report without that table (before 2019, an excerpt) may answer with a
number it states in prose, never with a cell of another table or row. Years the
records lack, and reports that do not give the figure, are said to be missing.
"""

from __future__ import annotations

from bot.answer.compose import reply
from bot.answer.declines import not_found
from bot.answer.kinds.figure_lines import (
    Line,
    has_table,
    prose_line,
    scope_line,
    sentence_line,
    table_line,
)
from bot.answer.knowledge import Knowledge
from bot.answer.matching.slots import SlotAsk, slot_reader
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.answer.reading.words import STOPWORDS
from bot.corpus.models import DocKind
from bot.lexicon.words import word_lexicon
from index.backend import DocumentSummary

MAX_AGENCY_LINES = 4


def report_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """A figure from the reports of the agencies and years asked about."""
    agencies = q.agencies.scope
    ask = asked_cells(q)
    if not agencies:
        return _across_agencies(knowledge, q, ask)
    reports = knowledge.catalogue.reports(agencies)
    if not reports:
        return None
    years = q.years or [max(reports)]
    missing = [y for y in years if y not in reports]
    lines = [line for y in years if y in reports for line in _year_lines(knowledge, q, reports[y], ask)]
    have = "、".join(f"{y}年" for y in sorted(reports))
    if not lines:
        return None  # a sentence of another document may say it; else report_decline
    text = "\n".join(line.text for line in lines)
    if missing:
        text += f"\n（现有记录中没有{'、'.join(f'{y}年' for y in missing)}的年度报告；已收录：{have}。）"
    if not q.years and len(reports) > 1:
        others = "、".join(f"{y}年" for y in sorted(reports) if y != years[0])
        text += f"\n（以上为最新的{years[0]}年度报告；还收录了{others}。）"
    return _answer(knowledge, q, lines, text, years, agencies)


def report_decline(knowledge: Knowledge, q: Question) -> Answer | None:
    """The reports do not give the figure: say which years they cover, and where to ask."""
    reports = knowledge.catalogue.reports(q.agencies.scope) if q.agencies.scope else {}
    if not reports:
        return None
    have = "、".join(f"{y}年" for y in sorted(reports))
    asked = "、".join(f"{y}年" for y in (q.years or [max(reports)]))
    what = f"{_who(q)}{asked}的相关数据（已收录的年度报告：{have}）"
    return not_found(knowledge, q, what, Intent.STATISTIC)


def asked_cells(q: Question) -> SlotAsk | None:
    """The template cells a question asks for; a follow-up refines the previous figure's."""
    previous = getattr(q.previous, "slot", None) if q.refines else None
    if previous and q.fragment:
        refined = slot_reader().read(q.fragment, previous)
        if refined is not None:
            return refined
    ask = slot_reader().read(q.folded)
    if ask is None or not ask.covers(q.terms, word_lexicon().figure_words | STOPWORDS):
        return None  # no cell, or cells that are not what the question is about
    return ask


def _year_lines(
    knowledge: Knowledge, q: Question, docs: list[DocumentSummary], ask: SlotAsk | None
) -> list[Line]:
    """The line of the first report of a year that answers."""
    for doc in docs:
        line = _report_line(knowledge, q, doc, ask)
        if line is not None:
            return [line]
    return []


def _report_line(knowledge: Knowledge, q: Question, doc: DocumentSummary, ask: SlotAsk | None) -> Line | None:
    if ask is not None:
        line = table_line(knowledge, q, doc, ask)
        if line is not None and (scope := scope_line(knowledge, q, doc, line)) is not None:
            return Line(f"{line.text}\n{scope.text}", [*line.citations, *scope.citations], line.figures)
        if line is not None or has_table(knowledge, doc, ask):
            return line  # its own table answers, or says nothing: never prose about another figure
    return prose_line(knowledge, q, doc) or sentence_line(knowledge, q, doc)


def _across_agencies(knowledge: Knowledge, q: Question, ask: SlotAsk | None) -> Answer | None:
    """No agency named: one line per agency whose report of that year answers, if only a few do."""
    reporting = []
    lines: list[Line] = []
    for agency in knowledge.catalogue.agencies_with(DocKind.REPORT):
        reports = knowledge.catalogue.reports([agency])
        years = [y for y in q.years if y in reports] if q.years else [max(reports, default=0)]
        if years and years[0]:
            reporting.append(agency)
            lines += [line for y in years for line in _year_lines(knowledge, q, reports[y], ask)]
    if not lines:
        return None
    if len(reporting) > MAX_AGENCY_LINES:
        names = "、".join(reporting)
        text = f"请说明是哪个机关。现有记录收录了以下机关的年度报告：{names}。"
        return reply(Intent.STATISTIC, text, found=False, suggestions=[f"{a}{q.text}" for a in reporting[:3]])
    text = "\n".join(["未指明机关，以下是现有记录中各机关的数据：", *(line.text for line in lines)])
    return _answer(knowledge, q, lines, text, q.years, [])


def _answer(
    knowledge: Knowledge, q: Question, lines: list[Line], text: str, years: list[int], agencies: list[str]
) -> Answer:
    stated = any(line.stated for line in lines)
    figures = [f for line in lines for f in line.figures]
    return reply(
        Intent.STATISTIC,
        text,
        found=stated,
        agency=figures[0].agency if figures else (agencies[0] if len(agencies) == 1 else None),
        year=years[0] if len(years) == 1 else None,
        citations=[c for line in lines for c in line.citations],
        contacts=knowledge.contact_cards(agencies)[:1] if agencies else [],
        figures=figures,
    )


def _who(q: Question) -> str:
    named = q.agencies.candidates
    return named[0] if len(named) == 1 else "、".join(q.agencies.places) or "该机关"
