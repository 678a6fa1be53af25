"""DOCX files with python-docx: paragraphs and tables in body order, merged cells resolved.

The package is checked first (formats.package): entries, unpacked sizes, a bounded unpack.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn

from bot.corpus.formats.clean import clean_line, clean_text, join_fragments
from bot.corpus.formats.grid import SpanCell, resolve_spans
from bot.corpus.formats.package import check_package
from bot.corpus.raw import RawDocument, RawTable
from bot.errors import DocumentError


def read_docx(data: bytes, rel: str) -> RawDocument:
    """A .docx file as a RawDocument."""
    check_package(data, rel)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own types
        raise DocumentError(rel, f"damaged DOCX ({type(exc).__name__}: {str(exc)[:120]})") from exc
    lines: list[str] = []
    tables: list[RawTable] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            grid = _grid(block._tbl)
            if len({c for row in grid for c, cell in enumerate(row) if cell}) >= 2:
                caption = lines[-1] if lines else None
                tables.append(RawTable(number=len(tables) + 1, rows=grid, caption=caption))
            else:  # a one-column table is a framed text box
                lines += [cell for row in grid for cell in row if cell]
        elif text := clean_text(block.text):
            lines += text.splitlines()
    fields = {"<title>": title} if (title := clean_line(document.core_properties.title or "")) else {}
    return RawDocument(path=rel, format="docx", text="\n".join(lines), tables=tables, fields=fields)


def _grid(tbl: Any) -> list[list[str | None]]:
    """The table's cells on a grid; a vertically merged continuation is None."""
    rows: list[list[SpanCell]] = []
    continued: set[tuple[int, int]] = set()
    for r, tr in enumerate(tbl.tr_lst):
        cells = [SpanCell("")] * (tr.grid_before or 0)
        column = len(cells)
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                continued.add((r, column))
            cells.append(SpanCell(_cell_text(tc), colspan=tc.grid_span))
            column += tc.grid_span
        rows.append(cells)
    grid = resolve_spans(rows)
    for r, c in continued:
        for dc in range(c, len(grid[r])):
            if dc == c or grid[r][dc] is None:
                grid[r][dc] = None
            else:
                break
    return grid


def _cell_text(tc: Any) -> str:
    pieces = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    return join_fragments(pieces)
