"""Open data: every verified template cell of every annual report, as one tidy table.

One row per verified slot (a cell of the national template that the template's
arithmetic, or an unambiguous labelled cell, proves): which agency and year, the slot
id (bot/lexicon/template.toml) and its label, the row and column as the report prints
them, the value and unit, and where it stands (document, page, table). It is read from
the index (KnowledgeBase), never from the corpus files: it lists exactly what the bot
answers from, the same cells `gongkai check` counts as verified.

CSV is written in UTF-8 with a byte-order mark, so that Excel opens the Chinese text
correctly; JSON is a list of the same rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from pydantic import BaseModel

from bot.answer.matching.slots import slot_label, slot_table
from bot.corpus.models import DocKind
from index.backend import DocumentSummary, KnowledgeBase, RecordKind, SearchFilters

RECORDS_PER_REPORT = 5000  # far above the template's cells and a report's prose numbers


class StatRow(BaseModel):
    """One verified cell of one report."""

    agency: str
    year: int | None
    slot: str
    label: str  # the slot in words: 本年新收政府信息公开申请数量
    table: str  # the template table: proactive, applications, review_litigation
    row: str  # the row as the report prints it, outermost heading first, joined by " › "
    column: str
    value: float
    unit: str | None
    verified: bool
    document: str  # the document's id: its path in the corpus
    title: str
    page: int | None  # 1-based PDF page, when the report is a PDF
    table_number: int | None  # which table of the document, 1-based
    url: str | None


COLUMNS = tuple(StatRow.model_fields)


def stat_rows(
    kb: KnowledgeBase, agencies: Iterable[str] = (), first: int | None = None, last: int | None = None
) -> list[StatRow]:
    """The verified cells of the reports of these agencies (all when none) within the years."""
    wanted = set(agencies)
    reports = [
        doc
        for doc in kb.backend.documents(limit=None)
        if doc.meta.kind is DocKind.REPORT
        and (not wanted or _agency(doc) in wanted)
        and _within(doc.meta.year, first, last)
    ]
    reports.sort(key=lambda doc: (_agency(doc), doc.meta.year or 0, doc.id))
    return [row for doc in reports for row in _report_rows(kb, doc)]


def to_csv(rows: list[StatRow]) -> str:
    """The rows as CSV text with a header (the caller writes it as UTF-8 with a BOM)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({**row.model_dump(), "value": _number(row.value)})
    return out.getvalue()


def to_json(rows: list[StatRow]) -> str:
    """The rows as a JSON list of objects."""
    return json.dumps([row.model_dump(mode="json") for row in rows], ensure_ascii=False, indent=1) + "\n"


def _report_rows(kb: KnowledgeBase, doc: DocumentSummary) -> list[StatRow]:
    filters = SearchFilters(documents=[doc.id], records=[RecordKind.STATISTIC])
    rows = []
    for hit in kb.backend.records(filters, RECORDS_PER_REPORT):
        stat = hit.statistic
        if stat is None or not stat.slot or not stat.verified:
            continue
        rows.append(
            StatRow(
                agency=_agency(doc),
                year=doc.meta.year,
                slot=stat.slot,
                label=slot_label(stat.slot),
                table=slot_table(stat.slot) or stat.table,
                row=" › ".join(stat.row),
                column=" › ".join(stat.column),
                value=stat.value,
                unit=stat.unit,
                verified=stat.verified,
                document=doc.id,
                title=doc.meta.title,
                page=stat.location.page,
                table_number=stat.location.table,
                url=doc.meta.url,
            )
        )
    return rows


def _number(value: float) -> str:
    """A value as printed, every digit kept: 3119, 18651.06."""
    return str(int(value)) if value.is_integer() else repr(value)


def _agency(doc: DocumentSummary) -> str:
    return doc.agency or doc.meta.agency or ""


def _within(year: int | None, first: int | None, last: int | None) -> bool:
    if first is None and last is None:
        return True
    return year is not None and (first is None or year >= first) and (last is None or year <= last)
