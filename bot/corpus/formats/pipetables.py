"""Pipe tables in text files: markdown (`| a | b |`) and the flattened `a | b |||` form.

A text file cannot say which empty cell is a merged one: every empty cell is read
as "" (printed blank), never None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.corpus.formats.clean import clean_line

_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_ESCAPED_PIPE = "\x00"


@dataclass
class PipeTable:
    """Rows of one pipe table and the lines it occupies, [start, end)."""

    start: int
    end: int
    rows: list[list[str | None]] = field(default_factory=list)


def is_pipe_row(line: str) -> bool:
    """True for a line that is a row of a pipe table (or its markdown separator)."""
    stripped = line.strip()
    return ("|" in stripped and len(split_row(stripped)) >= 2) or bool(_SEPARATOR.match(stripped))


def split_row(line: str) -> list[str]:
    """The cells of one pipe row; a leading and a trailing pipe only delimit the row."""
    parts = line.strip().replace("\\|", _ESCAPED_PIPE).split("|")
    if line.strip().startswith("|"):
        parts = parts[1:]
    if line.strip().endswith("|") and parts:
        parts = parts[:-1]
    return [clean_line(part.replace(_ESCAPED_PIPE, "|")) for part in parts]


def find_pipe_tables(lines: list[str]) -> list[PipeTable]:
    """Every block of two or more consecutive pipe rows, separators dropped, rows padded."""
    tables: list[PipeTable] = []
    current: PipeTable | None = None
    for number, line in enumerate(lines):
        if not is_pipe_row(line):
            current = None
            continue
        if current is None:
            current = PipeTable(start=number, end=number)
            tables.append(current)
        current.end = number + 1
        if not _SEPARATOR.match(line.strip()):
            current.rows.append(list(split_row(line)))
    tables = [table for table in tables if len(table.rows) >= 2]
    for table in tables:
        width = max(len(row) for row in table.rows)
        for row in table.rows:
            row.extend([""] * (width - len(row)))
    return tables
