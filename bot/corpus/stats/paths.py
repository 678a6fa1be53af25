"""Label paths of a table grid: which headers stand above a column, which labels left of a row.

Grids mark merged cells as None (HTML, PDF, DOCX) or leave them "" (text files),
and some files repeat a merged label in every cell it covers. All three read the
same way if labels nest: a label starts where its text is printed and reaches to
where the next label starts, but never past the end of its parent label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.corpus.stats.labels import canonical


@dataclass
class _Span:
    start: int
    end: int  # inclusive
    path: list[str] = field(default_factory=list)


def nested_paths(levels: list[list[str | None]], width: int) -> list[list[str]]:
    """The label path at each of `width` positions, given label levels from outermost in.

    For column headers a level is a header row; for row labels it is a label column
    read down the data rows.
    """
    spans = [_Span(0, width - 1)]
    for level in levels:
        spans = [child for span in spans for child in _split(span, level)]
    paths: list[list[str]] = [[] for _ in range(width)]
    for span in spans:
        for position in range(span.start, span.end + 1):
            paths[position] = span.path
    return paths


def _split(span: _Span, level: list[str | None]) -> list[_Span]:
    starts = [p for p in range(span.start, span.end + 1) if p < len(level) and level[p]]
    if not starts:
        return [span]
    children = [_Span(span.start, starts[0] - 1, span.path)] if starts[0] > span.start else []
    for start, following in zip(starts, [*starts[1:], span.end + 1], strict=True):
        label = canonical(level[start] or "")
        path = span.path if span.path and span.path[-1] == label else [*span.path, label]
        children.append(_Span(start, following - 1, path))
    return children


def column_levels(rows: list[list[str | None]], columns: range) -> list[list[str | None]]:
    """Label columns as levels over the given rows: level c holds column c's cell in each row."""
    return [[row[c] if c < len(row) else None for row in rows] for c in columns]
