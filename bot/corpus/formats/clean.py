"""Cleaning shared by every format reader: layout spaces, joined fragments, metadata labels.

Readers keep the document's own characters (no width or script folding: `bot.text.fold`
does that for matching); they only undo layout: indentation, runs of no-break and
ideographic spaces, line breaks inside a table cell or a wrapped label.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.corpus.labels import label_keys

# Every space a document uses for layout, the ideographic space included.
_LAYOUT_SPACE = re.compile(r"[\s\u00a0\u2002-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# Word-processor artefacts that survive a conversion to text: "[bookmark: _GoBack]".
_ARTEFACT = re.compile(r"\[bookmark:\s*[^\]]*\]")

_SPACES = r"[ \u3000\u00a0\u2002\u2003]*"
# No metadata value is longer: a long "value" is body text after a label.
MAX_META_VALUE = 300


@cache
def _meta_label() -> re.Pattern[str]:
    """A known label (bot/corpus/labels.toml), possibly stretched with spaces, then a colon."""
    printed = sorted(label_keys(), key=len, reverse=True)
    alternatives = "|".join(_SPACES.join(map(re.escape, p)) for p in printed)
    return re.compile(rf"(?:^|(?<=\s))(?P<label>{alternatives}){_SPACES}[:：]")


def is_meta_label(label: str) -> bool:
    """Whether a printed label (spaces and a trailing colon ignored) is a metadata label."""
    return despace(label).rstrip(":：") in label_keys()


def clean_line(line: str) -> str:
    """One line of text with layout spaces made plain, runs collapsed, ends stripped."""
    line = _ARTEFACT.sub("", unicodedata.normalize("NFC", line))
    line = _ZERO_WIDTH.sub("", line)
    return _LAYOUT_SPACE.sub(" ", line).strip()


def clean_text(text: str) -> str:
    """Text as lines: each line cleaned, indentation stripped, empty lines dropped."""
    lines = (clean_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def is_wide(ch: str) -> bool:
    """True for characters that are written without spaces between them (CJK, full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_fragments(fragments: list[str]) -> str:
    """Join pieces of one wrapped label or sentence: no space between CJK, one between words."""
    out = ""
    for fragment in fragments:
        piece = clean_line(fragment)
        if not piece:
            continue
        if (
            out
            and not is_wide(out[-1])
            and not is_wide(piece[0])
            and out[-1].isalnum()
            and piece[0].isalnum()
        ):
            out += " "
        out += piece
    return out


def cell_text(text: str | None) -> str | None:
    """A table cell's text with its internal line breaks and layout spaces joined."""
    if text is None:
        return None
    return join_fragments(text.splitlines())


def despace(label: str) -> str:
    """A label without the spaces used to stretch it: "索 引 号" -> "索引号"."""
    return _LAYOUT_SPACE.sub("", label)


def meta_pairs(line: str) -> dict[str, str] | None:
    """The label/value pairs of a metadata line ("来源：X 时间：Y"), or None if it is not one.

    The line must start with a known metadata label; a body sentence that merely
    contains a colon is never taken.
    """
    matches = list(_meta_label().finditer(line))
    if not matches or matches[0].start() != 0:
        return None
    pairs: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line)
        value = clean_line(line[match.end() : end]).strip("|｜ ")
        if len(value) > MAX_META_VALUE:
            return None  # a page flattened onto one line: "当前位置：… 时间：… 正文…"
        pairs.setdefault(despace(match.group("label")), value)
    return pairs


def meta_grid(rows: list[list[str]]) -> dict[str, str] | None:
    """The pairs of a label/value table (索引号 | PZ… | 发文机关 | …), or None for any other table."""
    pairs: dict[str, str] = {}
    known = unknown = 0
    for cells in rows:
        cells = [cell for cell in cells if cell.strip()] if len(cells) % 2 else cells
        if len(cells) % 2:
            return None
        for label, value in zip(cells[::2], cells[1::2], strict=True):
            key = despace(label).rstrip(":：")
            if is_meta_label(key):
                known += 1
                pairs.setdefault(key, clean_line(value))
            else:
                unknown += 1
    return pairs if known >= 2 and known >= unknown else None
