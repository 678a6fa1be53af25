"""Find the three template tables of a report among its RawTables and read them.

A table is recognised by its own labels, not its position or caption. A table the
labels do not identify, right after a recognised one and holding that table's
row labels, is its continuation (a split that the reader could not re-join).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.corpus.raw import RawDocument, RawTable
from bot.corpus.stats.applications import read_applications, read_review
from bot.corpus.stats.cells import TableReading
from bot.corpus.stats.labels import key, row_labels, table_labels
from bot.corpus.stats.proactive import read_proactive
from bot.corpus.stats.slots import place_columns, place_rows

_READERS: dict[str, Callable[[TableReading], None]] = {
    "proactive": read_proactive,
    "applications": read_applications,
    "review_litigation": read_review,
}


def classify(table: RawTable) -> str | None:
    """Which template table this is, from the labels it prints."""
    keys = [key(cell) for row in table.rows for cell in row if cell]
    joined = " ".join(keys)
    if "本年新收" in joined or "本年度办理结果" in joined or "申请人情况" in joined:
        return "applications"
    if "行政复议" in joined and "行政诉讼" in joined:
        return "review_litigation"
    if "第二十条" in joined or ("信息内容" in keys and "行政许可" in keys):
        return "proactive"
    return None


def read_template_tables(raw: RawDocument) -> list[TableReading]:
    """The readings of every template table in the document, continuations stitched on."""
    groups: list[tuple[str, RawTable]] = []
    for table in raw.tables:
        kind = classify(table)
        if kind:
            groups.append((kind, table))
        elif groups and _continues(groups[-1], table):
            kind, first = groups[-1]
            rows = first.rows + [_fit(row, len(first.rows[0])) for row in table.rows]
            row_pages = first.row_pages + table.row_pages if first.row_pages and table.row_pages else []
            update = {"rows": rows, "pages": first.pages + table.pages, "row_pages": row_pages}
            groups[-1] = (kind, first.model_copy(update=update))
    readings = []
    for kind, table in groups:
        reading = TableReading(kind, table)
        _READERS[kind](reading)
        if kind == "applications":
            place_rows(reading.statistics, kind)
        elif kind == "review_litigation":
            place_columns(reading.statistics, kind)
        readings.append(reading)
    return readings


def _continues(group: tuple[str, RawTable], table: RawTable) -> bool:
    kind, _ = group
    labels = {"proactive": table_labels, "applications": row_labels}.get(kind)
    known = {key(label) for label in labels(kind)} if labels else set()
    return any(cell and key(cell) in known for row in table.rows for cell in row[:3])


def _fit(row: list[str | None], width: int) -> list[str | None]:
    """A continuation row aligned to the first part's width, values kept at the right."""
    if len(row) >= width:
        return row[:width]
    return [row[0], *[None] * (width - len(row)), *row[1:]] if row else [None] * width
