"""A report as one run of text with its tables back in place, and where each template table stands.

A page saved as text, or a PDF converted to text, keeps a table only as lines: cells
run together ("规章000"), separated by spaces ("规章 0 0 0"), or split between pipe
tables and loose lines (a table row here, its label two lines up). Text files' pipe
tables are cut out of RawDocument.text; the flow writes their rows back as
"| a | b |" lines where they stood, so the rows of one template table are read in the
order they were printed. `Flow.origin` maps a position back to the text or the table.

Labels are found with `label_pattern`: the template's wording with any spacing or line
break between characters, punctuation optional, and its list marker in any style
("1." "1、" "（1）"). A marker is optional only before a long label: "3.其他" and
"（七）总计" need theirs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.corpus.raw import RawDocument
from bot.corpus.stats.labels import template
from bot.text import fold

_MARKER = re.compile(
    r"^\s*(?:[(（]\s*(?P<a>[一二三四五六七八九十\d]+)\s*[)）]|(?P<b>[一二三四五六七八九十]+)\s*[、.．]"
    r"|(?P<c>\d+)\s*[、.．)）])\s*"
)
_SPACE = r"[\s]*"
# A section heading after 表四: "五、存在的主要问题…", "六、其他需要报告的事项".
_AFTER_TABLES = re.compile(r"(?:^|\n|[。）)\d\s])\s*[五六]\s*[、.．]\s*[\u4e00-\u9fff]")
_LONG_LABEL = 4  # characters of a label's body above which its list marker may be missing


@dataclass(frozen=True)
class Flow:
    """The text with its text-file tables written back in place."""

    text: str
    folded: str  # fold(text): same length, for matching
    parts: list[tuple[int, int | None, int | None]]  # (flow start, text offset, table number)

    def origin(self, position: int) -> tuple[int | None, int | None]:
        """Where a flow position was printed: (offset in RawDocument.text, table number)."""
        start, offset, table = next(part for part in reversed(self.parts) if part[0] <= position)
        return (offset + position - start if offset is not None else None), table


def build_flow(raw: RawDocument) -> Flow:
    """The document's text with every table that knows its offset written back as pipe lines."""
    placed = sorted((t for t in raw.tables if t.offset is not None), key=lambda t: t.offset or 0)
    pieces: list[str] = []
    parts: list[tuple[int, int | None, int | None]] = []
    length, cursor = 0, 0
    for table in placed:
        at = min(table.offset or 0, len(raw.text))
        for chunk, offset, number in (
            (raw.text[cursor:at], cursor, None),
            (_lines(table.rows), None, table.number),
        ):
            parts.append((length, offset, number))
            pieces.append(chunk)
            length += len(chunk)
        cursor = at
    parts.append((length, cursor, None))
    pieces.append(raw.text[cursor:])
    text = "".join(pieces)
    return Flow(text=text, folded=fold(text), parts=parts)


def _lines(rows: list[list[str | None]]) -> str:
    return "".join("| " + " | ".join(cell or "" for cell in row) + " |\n" for row in rows)


def regions(flow: Flow) -> dict[str, tuple[int, int]]:
    """Each template table's part of the flow: from its heading to the next table heading.

    A heading can be printed more than once (a list of contents, a repeated page
    header): the one whose part holds most of the table's row labels, then most
    digits, is the table.
    """
    headings = sorted(
        (m.start(), m.end(), name)
        for name, table in template().tables.items()
        for title in table.titles
        for m in heading_pattern(title).finditer(flow.folded)
    )
    best: dict[str, tuple[tuple[int, int], int, int]] = {}  # name -> ((labels, digits), start, end)
    for k, (_, start, name) in enumerate(headings):
        following = [h[0] for h in headings[k + 1 :] if h[0] >= start]
        end = following[0] if following else len(flow.text)
        if not following and (after := _AFTER_TABLES.search(flow.folded, start)):
            end = after.start() + 1
        score = (_labels_in(flow, name, start, end), sum(ch.isdigit() for ch in flow.folded[start:end]))
        if name not in best or score > best[name][0]:
            best[name] = (score, start, end)
    return {name: (start, end) for name, (_, start, end) in best.items()}


def _labels_in(flow: Flow, table: str, start: int, end: int) -> int:
    """How many of the table's row labels stand in flow[start:end]."""
    rows = template().rows[table]
    return sum(1 for row in rows if label_pattern(row.path[-1]).search(flow.folded, start, end))


@functools.cache
def heading_pattern(title: str) -> re.Pattern[str]:
    """A table's heading as a report numbers it: a numeral marker is printed, its number may differ.

    Most reports number the tables' sections 二 三 四; one that leaves out a section
    numbers them 一 二 三. A mention of the title in running text has no marker.
    """
    marker = _MARKER.match(fold(title))
    body = label_pattern(title[marker.end() :] if marker else title).pattern
    return re.compile(rf"(?:^|(?<=[\s\d|。；;：:）)]))[一二三四五六七八九十]\s*[、.．]\s*{body}")


@functools.cache
def label_pattern(label: str, *, marked: bool = False) -> re.Pattern[str]:
    """A printed label in any spacing, punctuation and marker style (matched on folded text).

    `marked`: the label's list marker must be printed (a heading, not a mention of it).
    """
    folded = fold(label)
    marker = _MARKER.match(folded)
    body = folded[marker.end() :] if marker else folded
    chars = [re.escape(ch) if re.match(r"\w", ch) else "[^\\w\\s|]?" for ch in body if not ch.isspace()]
    pattern = _SPACE.join(chars)
    if marker:
        number = re.escape(next(group for group in marker.groups() if group))
        punctuation = r"[、.．,，]" if number.isdigit() else r"[、.．,，]?"  # a bare "1" may be a value
        styles = rf"(?:[(（]\s*{number}\s*[)）]|{number}\s*{punctuation})"
        optional = not marked and sum(1 for ch in body if re.match(r"\w", ch)) >= _LONG_LABEL
        pattern = rf"(?:{styles}\s*){'?' if optional else ''}{pattern}"
    return re.compile(pattern)
