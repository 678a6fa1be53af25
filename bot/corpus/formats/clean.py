"""Cleaning shared by every format reader: layout spaces, joined fragments, metadata labels.

Readers keep the document's own characters (no width or script folding: `bot.text.fold`
does that for matching); they only undo layout: indentation, runs of no-break and
ideographic spaces, line breaks inside a table cell or a wrapped label.
"""

from __future__ import annotations

import re
import unicodedata

# Every space a document uses for layout, the ideographic space included.
_LAYOUT_SPACE = re.compile(r"[\s\u00a0\u2002-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# Word-processor artefacts that survive a conversion to text: "[bookmark: _GoBack]".
_ARTEFACT = re.compile(r"\[bookmark:\s*[^\]]*\]")

# Labels of the metadata blocks that disclosure sites print above a document.
META_LABELS = frozenset(
    {
        "标题",
        "发布时间",
        "发布日期",
        "发表日期",
        "生成日期",
        "成文日期",
        "时间",
        "来源",
        "发布机构",
        "发文机关",
        "原文链接",
        "栏目",
        "栏目路径",
        "索引号",
        "主题分类",
        "发文字号",
        "文号",
        "有效性",
    }
)
_SPACES = r"[ \u3000\u00a0\u2002\u2003]*"
# A known label, possibly stretched with spaces, then a colon; at the start or after a space.
_META_LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(_SPACES.join(label) for label in sorted(META_LABELS, key=len, reverse=True))
    + rf"){_SPACES}[:：]"
)


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
    matches = list(_META_LABEL.finditer(line))
    if not matches or matches[0].start() != 0:
        return None
    pairs: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line)
        pairs.setdefault(despace(match.group("label")), clean_line(line[match.end() : end]))
    return pairs
