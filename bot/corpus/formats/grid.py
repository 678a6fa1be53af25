"""Lay merged cells out on a grid: the text at the top-left position, None where covered."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpanCell:
    """A cell as markup states it: its text and how many rows and columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


# Spans past this are markup errors (rowspan="9999"), not layout.
MAX_SPAN = 1000


def resolve_spans(rows: list[list[SpanCell]]) -> list[list[str | None]]:
    """The grid of a table: one list per row, equal widths, None where a span covers."""
    grid: dict[tuple[int, int], str | None] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            rowspan = max(1, min(cell.rowspan, len(rows) - r, MAX_SPAN))
            colspan = max(1, min(cell.colspan, MAX_SPAN))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[r + dr, c + dc] = None
            grid[r, c] = cell.text
            c += colspan
    width = max((c + 1 for _, c in grid), default=0)
    # A position no cell reaches (a short row) is printed blank.
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]
