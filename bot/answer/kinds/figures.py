"""Answers from annual reports: the figure asked for, one line per report, with its path."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.compose import cite_hit, figure_text, reply, shorten, table_path
from bot.answer.declines import not_found
from bot.answer.knowledge import Knowledge
from bot.answer.matching.sentences import best_sentences
from bot.answer.matching.statistics import match_figures
from bot.answer.models import Answer, Citation, Intent
from bot.answer.reading.question import Question
from bot.corpus.models import DocKind
from index.backend import DocumentSummary, RecordKind, SearchFilters

SENTENCE_COVERAGE = 0.6
_COUNTED = re.compile(r"\d|[零一二两三四五六七八九十百千]+[件条个项宗份次]|无|未|没有")
MAX_AGENCY_LINES = 4
_YES_NO = ("有没有", "是否", "了吗", "过吗", "有无", "吗")
_NEGATIONS = ("无", "未", "没有", "不存在", "零")


@dataclass
class Line:
    """One report's answer: a text line and its citation."""

    text: str
    citation: Citation
    value: float | None = None


def report_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """A figure from the reports of the agencies and years asked about."""
    agencies = q.agencies.scope
    if not agencies:
        return _across_agencies(knowledge, q)
    reports = knowledge.catalogue.reports(agencies)
    if not reports:
        return None
    years = q.years or [max(reports)]
    missing = [y for y in years if y not in reports]
    lines = [line for y in years if y in reports for line in _year_lines(knowledge, q, reports[y])]
    if not lines:
        have = "、".join(f"{y}年" for y in sorted(reports))
        asked = "、".join(f"{y}年" for y in years)
        what = f"{_who(knowledge, q)}{asked}的相关数据（已收录的年度报告：{have}）"
        return not_found(knowledge, q, what, Intent.STATISTIC)
    text = "\n".join(line.text for line in lines)
    if missing:
        have = "、".join(f"{y}年" for y in sorted(reports))
        gone = "、".join(f"{y}年" for y in missing)
        text += f"\n（现有记录中没有{gone}的年度报告；已收录：{have}。）"
    if not q.years and len(reports) > 1:
        text += (
            f"\n（以上为最新的{years[0]}年度报告；还收录了"
            + "、".join(f"{y}年" for y in sorted(reports) if y != years[0])
            + "。）"
        )
    single = lines[0]
    return reply(
        Intent.STATISTIC,
        text,
        found=True,
        agency=single.citation.agency,
        year=years[0] if len(years) == 1 else None,
        citations=[line.citation for line in lines],
        contacts=knowledge.contact_cards(agencies)[:1],
    )


def _across_agencies(knowledge: Knowledge, q: Question) -> Answer | None:
    """No agency named: one line per agency whose report of that year answers, if only a few do."""
    reporting = []
    lines: list[Line] = []
    for agency in knowledge.catalogue.agencies_with(DocKind.REPORT):
        reports = knowledge.catalogue.reports([agency])
        years = [y for y in q.years if y in reports] if q.years else [max(reports, default=0)]
        if years and years[0]:
            reporting.append(agency)
            lines += [line for y in years for line in _year_lines(knowledge, q, reports[y])]
    if not lines:
        return None
    if len(reporting) > MAX_AGENCY_LINES:
        names = "、".join(reporting)
        text = f"请说明是哪个机关。现有记录收录了以下机关的年度报告：{names}。"
        return reply(Intent.STATISTIC, text, found=False, suggestions=[f"{a}{q.text}" for a in reporting[:3]])
    head = "未指明机关，以下是现有记录中各机关的数据："
    return reply(
        Intent.STATISTIC,
        "\n".join([head, *(line.text for line in lines)]),
        found=True,
        year=q.years[0] if len(q.years) == 1 else None,
        citations=[line.citation for line in lines],
    )


def _year_lines(knowledge: Knowledge, q: Question, docs: list[DocumentSummary]) -> list[Line]:
    """The best line from the first report of a year that answers."""
    for doc in docs:
        line = _figure_line(knowledge, q, doc) or _sentence_line(knowledge, q, doc)
        if line:
            return [line]
    return []


def _figure_line(knowledge: Knowledge, q: Question, doc: DocumentSummary) -> Line | None:
    hits = knowledge.records(SearchFilters(documents=[doc.id], records=[RecordKind.STATISTIC]))
    stats = [h.statistic for h in hits if h.statistic]
    matches = match_figures(q.about, stats)
    if not matches:
        return None
    stat = matches[0].statistic
    hit = next(h for h in hits if h.statistic is stat)
    who = f"{knowledge.catalogue.display_name(doc)}{doc.meta.year}年"
    if stat.source == "table":
        path = table_path(stat)
        text = f"{_yes_no(q, stat.value)}{who}：{path}：{figure_text(stat)}。"
        return Line(text, cite_hit(hit, quote=f"{path}：{figure_text(stat)}"), stat.value)
    evidence = shorten(stat.evidence or hit.text, 150)
    text = f"{_yes_no(q, stat.value)}{who}：{figure_text(stat)}。原文：“{evidence}”"
    return Line(text, cite_hit(hit, quote=evidence), stat.value)


def _sentence_line(knowledge: Knowledge, q: Question, doc: DocumentSummary) -> Line | None:
    hits = knowledge.search(q.about, SearchFilters(documents=[doc.id], records=[RecordKind.PASSAGE]), 8)
    # A report's answer to "how many" states a number or says there were none.
    found = [m for m in best_sentences(q.about, hits, limit=3) if _COUNTED.search(m.sentence)][:1]
    if not found or found[0].coverage < SENTENCE_COVERAGE:
        return None
    match = found[0]
    negated = any(n in match.sentence for n in _NEGATIONS)
    lead = ("没有。" if negated else "有。") if _asks_yes_no(q) else ""
    text = f"{lead}{knowledge.catalogue.display_name(doc)}{doc.meta.year}年：“{match.sentence}”"
    return Line(text, cite_hit(match.hit, quote=match.sentence))


def topic(q: Question) -> str:
    """What the question asks about, without agency, year and question words."""
    return q.topic or q.folded


def _asks_yes_no(q: Question) -> bool:
    return any(cue in q.folded for cue in _YES_NO) and "多少" not in q.folded


def _yes_no(q: Question, value: float) -> str:
    if not _asks_yes_no(q):
        return ""
    return "没有（0）。" if value == 0 else "有。"


def _who(knowledge: Knowledge, q: Question) -> str:
    named = q.agencies.candidates
    return named[0] if len(named) == 1 else "、".join(q.agencies.places) or "该机关"
