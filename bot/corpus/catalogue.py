"""Rows of a catalogue of disclosed items: a table with a title column and a date or number.

The table may come from the format reader (`RawDocument.tables`) or still stand in the
text as a markdown table ("| 序号 | 标题 | 发布日期 |").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.corpus.cn import parse_date
from bot.corpus.models import CatalogueEntry
from bot.corpus.raw import RawTable
from bot.text import normalize_doc_no

_COLUMNS = {
    "title": re.compile(r"^(?:标题|名称|文件名称|信息名称|题名|文件标题)$"),
    "published": re.compile(r"^(?:发布日期|发布时间|公开日期|日期|成文日期|生成日期)$"),
    "doc_no": re.compile(r"^(?:文号|发文字号)$"),
    "index_no": re.compile(r"^(?:索引号|索取号)$"),
}
_RULE = re.compile(r"^\|?\s*:?-{3,}")

Row = list[str | None]


def extract_catalogue(tables: list[RawTable], body: str) -> list[CatalogueEntry]:
    """Every catalogue row of the reader's tables and of markdown tables in the text."""
    entries: list[CatalogueEntry] = []
    for rows in [*(t.rows for t in tables), *_markdown_tables(body)]:
        entries.extend(_entries(rows))
    return entries


def _markdown_tables(body: str) -> Iterator[list[Row]]:
    """The rows of each markdown table in a text."""
    rows: list[Row] = []
    for line in [*body.split("\n"), ""]:
        text = line.strip()
        if text.startswith("|"):
            if not _RULE.match(text):
                rows.append([cell.strip() for cell in text.strip("|").split("|")])
        elif rows:
            yield rows
            rows = []


def _entries(rows: list[Row]) -> list[CatalogueEntry]:
    """The catalogue rows of one table, if its header names a title and a date or number."""
    for at, header in enumerate(rows[:3]):
        columns = _columns(header)
        if "title" in columns and len(columns) >= 2:
            return [entry for row in rows[at + 1 :] if (entry := _entry(row, columns))]
    return []


def _columns(header: Row) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = re.sub(r"\s+", "", cell or "")
        for field, pattern in _COLUMNS.items():
            if pattern.match(name) and field not in found:
                found[field] = i
    return found


def _entry(row: Row, columns: dict[str, int]) -> CatalogueEntry | None:
    def cell(field: str) -> str:
        i = columns.get(field)
        return (row[i] or "").strip() if i is not None and i < len(row) else ""

    title = cell("title")
    if not title:
        return None
    return CatalogueEntry(
        title=title,
        published=parse_date(cell("published")),
        doc_no=normalize_doc_no(cell("doc_no")) if cell("doc_no") else None,
        index_no=cell("index_no") or None,
    )
