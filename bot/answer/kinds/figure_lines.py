"""One report's answer to a figure question: a verified template cell, a prose number, or a sentence.

table_line     the template cells asked for (bot/answer/matching/slots.py), stated only
               when the template's arithmetic verifies them; an unverified cell is
               quoted as printed with a warning, never stated as a fact
prose_line     a number a report states in a sentence (pre-2019 reports, totals no
               table holds), with the sentence, when its unit fits what is asked
sentence_line  the report's sentence that answers a count with a number or a "no"
scope_line     the report's sentence about the whole jurisdiction (全县, 全市) when the
               question asks about it: a government's table counts its own applications,
               its prose may count every office's
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answer.compose import cite_hit, shorten, table_path, value_text
from bot.answer.kinds.passages import answers, says_enough
from bot.answer.knowledge import Knowledge
from bot.answer.matching.sentences import best_sentences
from bot.answer.matching.slots import SlotAsk, slot_label, slot_table
from bot.answer.matching.statistics import match_figures
from bot.answer.models import Citation, Figure
from bot.answer.reading.question import Question
from bot.corpus.models import Statistic
from bot.lexicon.template import label_key, load_template
from index.backend import DocumentSummary, Hit, RecordKind, SearchFilters

SENTENCE_COVERAGE = 0.6
# A numeral run is tried from its first character only: from every one it was quadratic.
_COUNTED = re.compile(
    r"\d|(?<![零一二两三四五六七八九十百千])[零一二两三四五六七八九十百千]+[件条个项宗份次]|无|未|没有"
)
_YES_NO = ("有没有", "是否", "了吗", "过吗", "有无", "吗")
_NEGATIONS = ("无", "未", "没有", "不存在", "零")
# The measure word a question counts with, and the units of figures that answer it:
# 几条信息 is not 几件申请, 多少人次 is not 多少件.
_UNIT_ASKED = re.compile(r"(?:多少|几)\s*(人次|万元|条|件|次|元|宗|个|项|场|期|篇|份|家)")
_FITTING_UNITS = {"件": {"件", "宗"}, "宗": {"件", "宗"}, "次": {"次", "人次"}, "元": {"元", "万元"}}
UNRELIABLE = (
    "该报告的统计表无法可靠核对（表中数字不能相互印证），以上为表格原样，请以原文为准或向该机关核实。"
)


@dataclass
class Line:
    """One report's answer: its text, where it comes from, and the figures it states as data."""

    text: str
    citations: list[Citation]
    figures: list[Figure] = field(default_factory=list)
    stated: bool = True  # False: a table row quoted as printed, not a fact


def table_line(knowledge: Knowledge, q: Question, doc: DocumentSummary, ask: SlotAsk) -> Line | None:
    """The asked cells of one report's template table; None when the report does not have them."""
    hits = [h for h in knowledge.statistics(doc.id) if h.statistic is not None]
    cells = {h.statistic.slot: h for h in hits if h.statistic and h.statistic.slot}
    present = [cells[slot] for slot in ask.slots if slot in cells]
    who = f"{knowledge.catalogue.display_name(doc)}{doc.meta.year}年"
    if not present:
        return _unread(who, ask, hits)
    figures = [_figure(knowledge, doc, hit) for hit in present]
    citations = [
        cite_hit(hit, quote=f"{table_path(_stat(hit))}：{value_text(_stat(hit).value, _stat(hit).unit)}")
        for hit in present
    ]
    if not all(f.verified for f in figures):
        return _unverified(who, present, hits, citations, figures)
    if ask.summed and len(figures) > 1 and len({f.unit for f in figures}) == 1:
        lead = _summed(ask, present, figures)
    else:
        lead = "；".join(f"{f.label}{value_text(f.value, f.unit)}" for f in figures)
    return Line(f"{_yes_no(q, figures[0].value or 0)}{who}{lead}。", citations, figures)


def has_table(knowledge: Knowledge, doc: DocumentSummary, ask: SlotAsk) -> bool:
    """Whether the report's template table prints the cells asked for (in its edition).

    A 2021-format report read for a 2019-only cell (累计公开 → 对外公开总数量) has no such
    cell: its prose may answer. One that has the table but not the cell does not.
    """
    spec = load_template()
    read = {s.slot for h in knowledge.statistics(doc.id) if (s := h.statistic) and s.slot}
    read = {slot for slot in read if slot_table(slot) == ask.table}
    if not read:
        return False
    edition = spec.edition_of(ask.table, read)
    return any(slot in spec.slots and edition in spec.slots[slot].editions for slot in ask.slots)


def prose_line(knowledge: Knowledge, q: Question, doc: DocumentSummary) -> Line | None:
    """A number the report states in a sentence (or a pre-2019 table), when it is what is asked."""
    hits = [h for h in knowledge.statistics(doc.id) if h.statistic and not h.statistic.slot]
    stats = [
        h.statistic for h in hits if h.statistic and _unit_fits(q, h.statistic) and _says(q, h.statistic)
    ]
    matches = match_figures(q.about, stats)
    if not matches:
        return None
    stat = matches[0].statistic
    hit = next(h for h in hits if h.statistic is stat)
    who = f"{knowledge.catalogue.display_name(doc)}{doc.meta.year}年"
    figure = Figure(
        agency=knowledge.catalogue.display_name(doc),
        year=doc.meta.year or 0,
        label=stat.row[-1] if stat.row else "",
        value=stat.value,
        unit=stat.unit,
        verified=False,
    )
    if stat.source == "table":  # a pre-2019 统计表: its row and column, as printed
        path = table_path(stat)
        text = f"{_yes_no(q, stat.value)}{who}：{path}：{value_text(stat.value, stat.unit)}。"
        return Line(text, [cite_hit(hit, quote=f"{path}：{value_text(stat.value, stat.unit)}")], [figure])
    evidence = shorten(stat.evidence or hit.text, 150)
    text = f"{_yes_no(q, stat.value)}{who}：{value_text(stat.value, stat.unit)}。原文：“{evidence}”"
    return Line(text, [cite_hit(hit, quote=evidence)], [figure])


def sentence_line(knowledge: Knowledge, q: Question, doc: DocumentSummary) -> Line | None:
    """The report's sentence that answers a count, with a number or a "no" in it."""
    hits = knowledge.search(q.about, SearchFilters(documents=[doc.id], records=[RecordKind.PASSAGE]), 8)
    found = [
        m for m in best_sentences(q.about, hits, limit=3) if _COUNTED.search(m.sentence) and answers(q, m)
    ][:1]
    if not found or found[0].coverage < SENTENCE_COVERAGE:
        return None
    match = found[0]
    negated = any(n in match.sentence for n in _NEGATIONS)
    lead = ("没有。" if negated else "有。") if asks_yes_no(q) else ""
    text = f"{lead}{knowledge.catalogue.display_name(doc)}{doc.meta.year}年：“{match.sentence}”"
    return Line(text, [cite_hit(match.hit, quote=match.sentence)])


_SCOPE = re.compile(r"全(?:省|市|县|区|旗|盟|州|镇|乡|街道)")


def scope_line(knowledge: Knowledge, q: Question, doc: DocumentSummary, beside: Line) -> Line | None:
    """The report's sentence about the whole jurisdiction the question names (全县一共受理),
    when it states a number the table line does not: quoted beside it, never instead."""
    scope = _SCOPE.search(q.folded)
    if scope is None:
        return None
    hits = knowledge.search(q.about, SearchFilters(documents=[doc.id], records=[RecordKind.PASSAGE]), 8)
    stated = {value_text(f.value, None) for f in beside.figures}
    for match in best_sentences(q.about, hits, limit=3):
        numbers = set(re.findall(r"\d+(?:\.\d+)?", match.sentence.replace(" ", "")))
        if scope.group(0) in match.sentence and answers(q, match) and numbers and not numbers & stated:
            quote = shorten(match.sentence, 150)
            return Line(f"报告正文：“{quote}”", [cite_hit(match.hit, quote=quote)])
    return None


def asks_yes_no(q: Question) -> bool:
    """Whether the question asks whether, not how many."""
    return any(cue in q.folded for cue in _YES_NO) and "多少" not in q.folded


def _figure(knowledge: Knowledge, doc: DocumentSummary, hit: Hit) -> Figure:
    stat = _stat(hit)
    return Figure(
        agency=knowledge.catalogue.display_name(doc),
        year=doc.meta.year or 0,
        slot=stat.slot,
        label=slot_label(stat.slot) if stat.slot else stat.row[-1],
        value=stat.value,
        unit=stat.unit,
        verified=stat.verified,
        citation=_cite(hit),
    )


def _cite(hit: Hit) -> Citation:
    stat = _stat(hit)
    return cite_hit(hit, quote=f"{table_path(stat)}：{value_text(stat.value, stat.unit)}")


def _unverified(
    who: str, present: list[Hit], hits: list[Hit], citations: list[Citation], figures: list[Figure]
) -> Line:
    """The asked rows as printed, said plainly to be unchecked: never a figure stated as fact."""
    rows = []
    for hit in present:
        stat = _stat(hit)
        rows.append(f"“{stat.printed or _printed_row(stat, hits)}”")
    labels = "、".join(f.label for f in figures)
    text = f"{who}{labels}：年报表格中该行为{'；'.join(dict.fromkeys(rows))}。{UNRELIABLE}"
    return Line(text, citations, figures, stated=False)


def _unread(who: str, ask: SlotAsk, hits: list[Hit]) -> Line | None:
    """The asked row printed in the report's table but not read into cells (its numbers could
    not be put in their columns): quoted as printed, never a figure; None when not printed."""
    spec = load_template()
    tables = {spec.slots[slot].table for slot in ask.slots if slot in spec.slots}
    labels = {
        label_key(label)
        for slot in ask.slots
        if (known := spec.slots.get(slot))
        for label in spec.row(known.table, known.row).labels()
    }
    rows = [
        h
        for h in hits
        if (stat := h.statistic)
        and not stat.slot
        and stat.source == "table"
        and stat.table in tables
        and stat.row
        and label_key(stat.row[-1]) in labels
    ]
    if not rows:
        return None
    printed = list(dict.fromkeys(_stat(h).printed or _printed_row(_stat(h), hits) for h in rows))
    quoted = "；".join("“" + " ".join(row.replace("|", " ").split()) + "”" for row in printed)
    asked = ask.heading or slot_label(ask.slots[0])
    text = f"{who}{asked}：年报表格中该行印作{quoted}，无法确定各数所在的列。{UNRELIABLE}"
    return Line(text, [cite_hit(rows[0], quote=printed[0])], stated=False)


def _printed_row(stat: Statistic, hits: list[Hit]) -> str:
    """A table row as printed: its label and every value in it, in column order."""
    same = [
        _stat(h)
        for h in hits
        if h.statistic and h.statistic.row == stat.row and h.statistic.table == stat.table
    ]
    values = " ".join(value_text(s.value, None) for s in same) if stat.row else value_text(stat.value, None)
    return f"{stat.row[-1] if stat.row else ''} {values}".strip()


def _summed(ask: SlotAsk, present: list[Hit], figures: list[Figure]) -> str:
    """Rows asked for together: their sum, then each one that is not zero."""
    unit = figures[0].unit
    total = sum(f.value or 0 for f in figures)
    names = dict(zip(ask.slots, ask.parts, strict=False))
    shown = [
        f"{names.get(_stat(hit).slot or '', f.label)}{value_text(f.value, unit)}"
        for hit, f in zip(present, figures, strict=True)
        if f.value
    ]
    if len(shown) < len(figures):
        shown.append(f"其余各项{value_text(0, unit)}")
    return f"{ask.heading}共{value_text(total, unit)}（{'，'.join(shown)}）"


def _says(q: Question, stat: Statistic) -> bool:
    """A prose number answers only if its sentence says the question's own words (收费 for 收费了吗)."""
    return stat.source == "table" or says_enough(q, f"{' '.join(stat.row)} {stat.evidence or ''}")


def _unit_fits(q: Question, stat: Statistic) -> bool:
    """A number stated in prose counts what its unit counts: 26条 信息 never answers 几件 申请.

    A pre-2019 统计表 row names what it counts itself (some print 条 for 申请), so it is
    matched by its label alone.
    """
    asked = _UNIT_ASKED.search(q.folded)
    if asked is None or not stat.unit or stat.source == "table":
        return True
    unit = asked.group(1)
    return stat.unit in _FITTING_UNITS.get(unit, {unit})


def _yes_no(q: Question, value: float) -> str:
    if not asks_yes_no(q):
        return ""
    return "没有（0）。" if value == 0 else "有。"


def _stat(hit: Hit) -> Statistic:
    if hit.statistic is None:
        raise ValueError(f"{hit.doc_id}: not a statistic record")
    return hit.statistic
