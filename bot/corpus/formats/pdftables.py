"""PDF tables: pdfplumber's ruled tables, text boxes discarded, page-split tables re-joined.

A table that ends at the foot of one page and resumes at the head of the next, with
the same outer edges and compatible column edges, is one table. The fragments are
laid on the union of their column edges, so a continuation with fewer columns
(merged cells) lands under the right headers. A label cell cut by the page break
("（四）无" / "法提供") is joined back when the continuation has the same width, is
not a number or a new numbered item, and the first part filled its cell's width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from bot.corpus.formats.clean import cell_text

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# Edges closer than this (points) are the same edge.
EDGE_TOLERANCE = 4.0
_NUMBER = re.compile(r"^[\d.,，%\s-]+$")
_ITEM_START = re.compile(
    r"^\s*([（(]?[一二三四五六七八九十\d]+[）)、.．]|第[一二三四五六七八九十\d]+[条项章])"
)


@dataclass
class Fragment:
    """One table as found on one page, or several page fragments already joined."""

    pages: list[int]
    top: float  # on the first page
    bottom: float  # on the last page
    x0: float
    x1: float
    rows: list[list[str | None]]
    boxes: list[list[Box | None]]  # the cell box at each text-origin position
    fills: list[list[bool]]  # the origin cell's last line reaches its right edge
    edges: list[float] = field(default_factory=list)  # column left edges, then the right edge
    row_pages: list[int] = field(default_factory=list)  # the page of each row


def page_fragments(page: Any, number: int) -> list[Fragment]:
    """The data tables of one page, top to bottom; one-column text boxes dropped."""
    fragments = []
    for table in page.find_tables():
        fragment = _fragment(page, number, table)
        if fragment is not None:
            fragments.append(fragment)
    return sorted(fragments, key=lambda f: f.top)


def continues(first: Fragment, second: Fragment) -> bool:
    """True when second resumes first: next page, same outer edges, compatible columns."""
    if second.pages[0] != first.pages[-1] + 1:
        return False
    if abs(first.x0 - second.x0) > EDGE_TOLERANCE or abs(first.x1 - second.x1) > EDGE_TOLERANCE:
        return False
    small, large = sorted((first.edges, second.edges), key=len)
    return all(any(abs(edge - other) <= EDGE_TOLERANCE for other in large) for edge in small)


def join(first: Fragment, second: Fragment) -> Fragment:
    """One fragment from first and its continuation, cut labels mended."""
    edges = _union(first.edges, second.edges)
    a, b = _regrid(first, edges), _regrid(second, edges)
    b = _drop_repeated_header(a, b)
    _mend_cut_cells(a, b)
    return Fragment(
        pages=first.pages + second.pages,
        top=first.top,
        bottom=second.bottom,
        x0=first.x0,
        x1=first.x1,
        rows=a.rows + b.rows,
        boxes=a.boxes + b.boxes,
        fills=a.fills + b.fills,
        edges=edges,
        row_pages=a.row_pages + b.row_pages,
    )


def _fragment(page: Any, number: int, table: Any) -> Fragment | None:
    texts = table.extract()
    boxes: list[list[Box | None]] = [list(row.cells) for row in table.rows]
    if len(texts) != len(boxes):
        return None
    rows = [[cell_text(cell) for cell in row] for row in texts]
    if len({c for row in rows for c, cell in enumerate(row) if cell}) < 2:
        return None  # a text box drawn with a frame, not a table
    fills = [[_fills(page, box) for box in row] for row in boxes]
    edges = sorted({round(col.bbox[0], 1) for col in table.columns} | {round(table.bbox[2], 1)})
    x0, top, x1, bottom = table.bbox
    return Fragment([number], top, bottom, x0, x1, rows, boxes, fills, edges, [number] * len(rows))


def _fills(page: Any, box: Box | None) -> bool:
    if box is None:
        return False
    chars = page.crop(box).chars
    if not chars:
        return False
    last_top = max(ch["top"] for ch in chars)
    last_line = [ch for ch in chars if abs(ch["top"] - last_top) < 2]
    size = max(ch["size"] for ch in last_line)
    return bool(box[2] - max(ch["x1"] for ch in last_line) <= 1.2 * size)


def _union(first: list[float], second: list[float]) -> list[float]:
    edges = list(first)
    for edge in second:
        if all(abs(edge - other) > EDGE_TOLERANCE for other in edges):
            edges.append(edge)
    return sorted(edges)


def _column(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def _regrid(fragment: Fragment, edges: list[float]) -> Fragment:
    """The fragment laid on finer column edges: a wider cell gets None to its right."""
    width = len(edges) - 1
    rows: list[list[str | None]] = []
    boxes: list[list[Box | None]] = []
    fills: list[list[bool]] = []
    for texts, cell_boxes, cell_fills in zip(fragment.rows, fragment.boxes, fragment.fills, strict=True):
        row: list[str | None] = [None] * width
        row_boxes: list[Box | None] = [None] * width
        row_fills = [False] * width
        for text, box, fill in zip(texts, cell_boxes, cell_fills, strict=True):
            if box is None:
                continue
            start = min(_column(edges, box[0]), width - 1)
            row[start], row_boxes[start], row_fills[start] = text, box, fill
        rows.append(row)
        boxes.append(row_boxes)
        fills.append(row_fills)
    return replace(fragment, rows=rows, boxes=boxes, fills=fills, edges=edges)


def _drop_repeated_header(first: Fragment, second: Fragment) -> Fragment:
    """A continuation that reprints the header rows loses the reprint."""
    count = 0
    while count < min(len(first.rows), len(second.rows)) and first.rows[count] == second.rows[count]:
        if any(cell and _NUMBER.match(cell) for cell in first.rows[count]):
            break
        count += 1
    if count == 0:
        return second
    return replace(
        second,
        rows=second.rows[count:],
        boxes=second.boxes[count:],
        fills=second.fills[count:],
        row_pages=second.row_pages[count:],
    )


def _mend_cut_cells(first: Fragment, second: Fragment) -> None:
    """Join label cells that the page break cut in two; blank stubs of cut spans become None."""
    if not first.rows or not second.rows:
        return
    for c, text in enumerate(second.rows[0]):
        cut = _cut_cell(first, c)
        if cut is None or text is None or not _same_width(first.boxes[cut][c], second.boxes[0][c]):
            continue
        above = first.rows[cut][c] or ""
        if not above or _NUMBER.match(above):
            continue
        if text == "":
            second.rows[0][c] = None  # the rest of a row-spanning label
        elif first.fills[cut][c] and not _NUMBER.match(text) and not _ITEM_START.match(text):
            first.rows[cut][c] = above + text
            second.rows[0][c] = None


def _cut_cell(fragment: Fragment, column: int) -> int | None:
    """The row of the cell in this column that reaches the fragment's bottom edge, if any."""
    for r in range(len(fragment.rows) - 1, -1, -1):
        box = fragment.boxes[r][column]
        if fragment.rows[r][column] is not None and box is not None:
            return r if abs(box[3] - fragment.bottom) <= EDGE_TOLERANCE else None
    return None


def _same_width(first: Box | None, second: Box | None) -> bool:
    if first is None or second is None:
        return False
    return abs(first[0] - second[0]) <= EDGE_TOLERANCE and abs(first[2] - second[2]) <= EDGE_TOLERANCE
