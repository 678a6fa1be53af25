"""A template table's part of the flow, cut into printed rows: a label and the numbers after it.

The part is cut at every template label of the table (longest first where two overlap)
and at line ends. A piece whose text ends in numbers is a printed row (`Piece`): its
numbers are the trailing tokens, separated by spaces or pipes or run together
("1000001"); the label is the template row whose label the piece follows on the same
line, if any, and the text before the numbers are fragments of a label (a PDF's
"行政机关不再处理其政府信息公" under the row its label lost). A piece whose numbers are
followed by more text ("（其中修订 16 件）") is prose, not a row. 表二's column labels
(本年制发件数 …) are kept in order, so each row knows the header printed above it in its
block (第二十条第（X）项).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.corpus.stats.flow import Flow, label_pattern
from bot.corpus.stats.labels import template
from bot.lexicon.template import label_key

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_TRAILING = re.compile(rf"(?<![\d.,]){_NUMBER}(?:[\s|]+{_NUMBER})*[\s|]*$")
_TOKEN = re.compile(_NUMBER)


@dataclass(frozen=True)
class Label:
    """A template label found in the flow."""

    start: int
    end: int
    kind: str  # "row", "column", "block" (表二's 第二十条第（X）项) or "header"
    line: str | None  # the row or column id; None for a header


@dataclass
class Piece:
    """One printed row of numbers."""

    start: int  # flow position of the row as printed (its label, if on the same line)
    row: str | None  # the template row its label names
    tokens: list[str]  # the numbers as printed, in order
    fragments: list[str]  # label text before the numbers that names no whole template label
    printed: str  # the row as printed, on one line
    header: list[str] = field(default_factory=list)  # 表二: the column ids printed above it


def find_labels(flow: Flow, table: str, start: int, end: int) -> list[Label]:
    """Every template label of the table in flow[start:end], overlaps resolved longest first."""
    spec = template()
    wanted: list[tuple[str, str, str | None]] = [(h, "header", None) for h in spec.tables[table].headers]
    for row in spec.rows[table]:
        wanted += [(label, "row", row.id) for label in row.labels()]
        parents = [*row.path[:-1], *(row.path_2019 or [])[:-1]]
        wanted += [(parent, "block" if table == "proactive" else "header", None) for parent in parents]
    if table == "proactive":  # 表二 prints a header line in each block
        wanted += [(label, "column", c.id) for c in spec.columns[table] for label in c.labels()]
    found = [
        Label(m.start(), m.end(), kind, line)
        for label, kind, line in dict.fromkeys(wanted)
        for m in label_pattern(label).finditer(flow.folded, start, end)
        if m.end() > m.start()
    ]
    found.sort(key=lambda label: (label.start, label.start - label.end))
    kept: list[Label] = []
    for label in found:
        if not kept or label.start >= kept[-1].end:
            kept.append(label)
        elif label.end - label.start > kept[-1].end - kept[-1].start and label.start == kept[-1].start:
            kept[-1] = label
    return kept


def cut_pieces(flow: Flow, table: str, start: int, end: int) -> list[Piece]:
    """The printed rows of numbers in flow[start:end], in order."""
    labels = find_labels(flow, table, start, end)
    pieces: list[Piece] = []
    header: list[str] = []
    position, before = start, None
    for label in [*labels, None]:
        stop = label.start if label else end
        pieces += _rows(flow, position, stop, before, header)
        if label is None:
            break
        if label.kind == "column":
            column = label.line or ""
            header = [*header, column] if before and before.kind == "column" else [column]
        elif label.kind == "block":
            header = []  # a block's header is its own
        position, before = label.end, label
    return pieces


def _rows(flow: Flow, start: int, stop: int, label: Label | None, header: list[str]) -> list[Piece]:
    """The pieces of one stretch between two labels: one per line that ends in numbers."""
    pieces = []
    offset = start
    for number, line in enumerate(flow.folded[start:stop].split("\n")):
        match = _TRAILING.search(line)
        if match:
            named = label if number == 0 and label is not None and label.kind == "row" else None
            begin = named.start if named else offset
            fragments = [key for cell in line[: match.start()].split("|") if (key := label_key(cell))]
            printed = flow.text[begin : offset + len(line)].strip()
            pieces.append(
                Piece(
                    start=begin,
                    row=named.line if named else None,
                    tokens=_TOKEN.findall(match.group()),
                    fragments=fragments,
                    printed=re.sub(r"\s*\n\s*", " ", printed),
                    header=list(header),
                )
            )
        offset += len(line) + 1
    return pieces
