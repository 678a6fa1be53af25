"""Undo PDF layout: lines wrapped at the page width, page numbers between them.

A PDF line that fills the page width and does not end a sentence continues on the
next line ("电话：0517-83605210，电" / "子邮箱：…"). Text that already comes in
paragraphs is left as it is: its lines end with sentence punctuation or are short.
"""

from __future__ import annotations

import re

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
_ENDS_SENTENCE = re.compile(r"[。！？；：:!?;]\s*$")
_STARTS_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十百]+[章条节])"
)
_FULL_LINE = 0.85  # share of the usual line width from which a line counts as wrapped


def unwrap(text: str, fmt: str) -> str:
    """Paragraphs of a PDF's text, one per line; text of other formats unchanged."""
    if fmt != "pdf":
        return text
    lines = [line.rstrip() for line in text.split("\n") if not _PAGE_NUMBER.match(line)]
    width = _usual_width(lines)
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        if paragraphs and _continues(previous, line, width):
            # Chinese text wraps anywhere, inside numbers and e-mail addresses too: join tight.
            paragraphs[-1] += line.strip()
        else:
            paragraphs.append(line.strip())
        previous = line
    return "\n".join(paragraphs)


def _continues(previous: str, line: str, width: float) -> bool:
    return (
        bool(previous.strip() and line.strip())
        and _width(previous) >= _FULL_LINE * width
        and not _ENDS_SENTENCE.search(previous)
        and not _STARTS_HEADING.match(line)
    )


def _width(line: str) -> float:
    """Printed width: a Chinese character is one em, a Latin character or digit half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line.strip())


def _usual_width(lines: list[str]) -> float:
    """The width most full lines reach: the 80th percentile of line widths."""
    widths = sorted(_width(line) for line in lines if line.strip())
    return widths[int(len(widths) * 0.8)] if widths else 0.0
