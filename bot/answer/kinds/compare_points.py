"""The points of a comparison: what each party's report of each year says of the figure asked.

A party is what the question compares: an agency it names, or the reporting agency of a
place it names (平潭 → the 管委会办公室 and the 管委会 before it), with its family, whose
reports answer for it. A point is a `Figure` whose agency is the party: the report's
own figure, read by the single-figure machinery (figure_lines.table_line for a template
cell, prose_line for a number the report states in a sentence), or no value and the
reason why (`missing`).

What a comparison may join: a template slot only with the same slot (an id that exists
in both editions of the template means the same figure in both, bot/lexicon/template.toml);
a report before 2019, or of an edition without that slot, has no counterpart and is
said to be missing, never filled with a neighbouring cell. A number stated in prose
(主动公开 totals) joins the number each report states for the same words.

`verified` of a point: a template cell the template's arithmetic proves, or a number the
report states in its own words (quoted in its citation). A template cell the arithmetic
does not prove keeps its printed value, unverified: it is shown as such, never compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.kinds.figure_lines import has_table, prose_line, table_line
from bot.answer.knowledge import Knowledge
from bot.answer.matching.slots import SlotAsk, slot_label, slot_table
from bot.answer.models import Figure
from bot.answer.reading.question import Question
from bot.corpus.models import ReportTemplate
from bot.lexicon.template import load_template
from index.backend import DocumentSummary

NO_REPORT = "现有记录中没有该年度报告"
NOT_STATED = "报告中没有这一数字"
BEFORE_TEMPLATE = "2019年以前的报告不按全国统一模板统计，没有可对应的数字"
OTHER_EDITION = "该报告按{edition}年版模板编制，没有这一项"
NOT_READ = "报告的统计表中没有读到这一项"
NO_TABLE = "报告中没有这张统计表（可能只收录了节选）"


@dataclass(frozen=True)
class Party:
    """An agency, or a place's reporting agency, with the family whose reports answer for it."""

    label: str  # as the answer names it: the place as asked (平潭), else the agency's name
    name: str  # the canonical agency name that points carry
    agencies: tuple[str, ...]  # the agency first, then its family (its office, its government)
    at: int = 0  # where the question names it, to keep its order


@dataclass(frozen=True)
class Measure:
    """What is compared: one template slot, or the number reports state in prose for some words."""

    ask: SlotAsk | None
    words: str  # what the question asks, in its words: 主动公开

    @property
    def slot(self) -> str | None:
        """The template slot compared, None for a prose figure."""
        return self.ask.first if self.ask else None

    @property
    def label(self) -> str:
        """The figure in words: the slot's template wording, else the question's words."""
        return slot_label(self.slot) if self.slot else self.words


def party_points(
    knowledge: Knowledge, q: Question, party: Party, years: list[int], measure: Measure
) -> list[Figure]:
    """One point per year, in the order of the years."""
    reports = knowledge.catalogue.reports(list(party.agencies))
    return [_point(knowledge, q, party, year, reports.get(year, []), measure) for year in years]


def report_years(knowledge: Knowledge, party: Party) -> list[int]:
    """The years the party's annual reports cover."""
    return sorted(knowledge.catalogue.reports(list(party.agencies)))


def _point(
    knowledge: Knowledge, q: Question, party: Party, year: int, docs: list[DocumentSummary], measure: Measure
) -> Figure:
    if not docs:
        return _missing(party, year, measure, NO_REPORT)
    found = [_report_point(knowledge, q, party, doc, measure) for doc in docs]
    with_value = [p for p in found if p.value is not None]
    stated = [p for p in with_value if p.verified]
    return (stated or with_value or found)[0]


def _report_point(
    knowledge: Knowledge, q: Question, party: Party, doc: DocumentSummary, measure: Measure
) -> Figure:
    year = doc.meta.year or 0
    if measure.ask is not None:
        line = table_line(knowledge, q, doc, measure.ask)
        if line is None or not line.figures:
            return _missing(party, year, measure, _why_no_cell(knowledge, doc, measure.ask))
        figure = line.figures[0]
        return figure.model_copy(update={"agency": party.name, "label": measure.label})
    line = prose_line(knowledge, q, doc)
    if line is None or not line.figures or not line.citations:
        return _missing(party, year, measure, NOT_STATED)
    figure = line.figures[0]
    # A number the report states in its own words: what it says, quoted in the citation.
    update = {"agency": party.name, "verified": True, "citation": line.citations[0]}
    return figure.model_copy(update=update)


def _why_no_cell(knowledge: Knowledge, doc: DocumentSummary, ask: SlotAsk) -> str:
    """Why a report has no value for a template slot: its format, its edition, or its text."""
    if doc.meta.template is ReportTemplate.PRE2019:
        return BEFORE_TEMPLATE
    spec = load_template()
    read = {
        s.slot
        for hit in knowledge.statistics(doc.id)
        if (s := hit.statistic) and s.slot and slot_table(s.slot) == ask.table
    }
    if not read:
        return NO_TABLE
    if has_table(knowledge, doc, ask):
        return NOT_READ
    return OTHER_EDITION.format(edition=spec.edition_of(ask.table, read))


def _missing(party: Party, year: int, measure: Measure, reason: str) -> Figure:
    return Figure(agency=party.name, year=year, slot=measure.slot, label=measure.label, missing=reason)
