"""Text and markdown files: decode, lift the metadata header (lines or a pipe table), cut out pipe tables."""

from __future__ import annotations

import re

from bot.corpus.formats.clean import clean_line, meta_grid, meta_pairs
from bot.corpus.formats.encoding import decode
from bot.corpus.formats.pipetables import find_pipe_tables
from bot.corpus.raw import Format, RawDocument, RawTable

# "==================== 正文 ====================": the end of a saved page's header.
_BODY_SEPARATOR = re.compile(r"^\s*[=\-*#]{3,}\s*(正文|内容|全文)?\s*[=\-*#]{3,}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Metadata lines are looked for only this far into the document.
HEADER_LINES = 15


def read_text_file(data: bytes, rel: str, fmt: Format) -> RawDocument:
    """A .txt or .md file as a RawDocument."""
    decoded = decode(data, rel)
    text = decoded.text
    if fmt == "md":
        text = _HTML_COMMENT.sub("", text)
    lines = text.splitlines()
    fields, lines = _lift_header(lines)
    tables: list[RawTable] = []
    body: list[str] = []
    taken: dict[int, RawTable | None] = {}
    for table in find_pipe_tables(lines):
        near_top = table.start < HEADER_LINES
        if near_top and (pairs := meta_grid([[c or "" for c in row] for row in table.rows])):
            for label, value in pairs.items():  # "| 索引号 | 000014349/2018-00213 | 发文机关 | 国务院 |"
                fields.setdefault(label, value)
            taken.update(dict.fromkeys(range(table.start, table.end)))
            continue
        caption = _last_text_line(lines[: table.start])
        raw = RawTable(number=len(tables) + 1, rows=table.rows, caption=caption)
        taken.update(dict.fromkeys(range(table.start, table.end), raw))
        tables.append(raw)
    length = 0  # of "\n".join(body) so far
    for number, line in enumerate(lines):
        if number in taken:
            raw_table = taken[number]  # None: a metadata grid lifted into the fields
            if raw_table is not None and raw_table.offset is None:
                raw_table.offset = length + 1 if body else 0
            continue
        if fmt == "md":
            line = _MD_HEADING.sub("", line)
        cleaned = clean_line(line)
        if cleaned:
            length += len(cleaned) + (1 if body else 0)
            body.append(cleaned)
    return RawDocument(
        path=rel,
        format=fmt,
        text="\n".join(body),
        tables=tables,
        fields=fields,
        encoding=decoded.encoding,
        warnings=decoded.warnings(),
    )


def _lift_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Metadata lines near the top go to fields; a body separator ends the header."""
    fields: dict[str, str] = {}
    separator = next((i for i, line in enumerate(lines[:40]) if _BODY_SEPARATOR.match(line)), None)
    kept: list[str] = []
    seen = 0
    for number, line in enumerate(lines):
        if number == separator:
            continue
        in_header = separator is not None and number < separator
        if (in_header or seen < HEADER_LINES) and (pairs := meta_pairs(clean_line(line))):
            for label, value in pairs.items():
                fields.setdefault(label, value)
            continue
        if line.strip():
            seen += 1
        kept.append(line)
    return fields, kept


def _last_text_line(lines: list[str]) -> str | None:
    for line in reversed(lines):
        cleaned = clean_line(_MD_HEADING.sub("", line))
        if cleaned:
            return cleaned
    return None
