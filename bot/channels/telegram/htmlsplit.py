"""Cutting rendered Telegram HTML into messages under the length limit (render.split_html).

Cuts fall at line breaks where possible, never inside a tag or an entity; tags open
across a cut are closed at its end and reopened at the start of the next message.
"""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH  # 1024: a photo's caption

_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)")


def split_html(html: str, limit: int = LIMIT) -> list[str]:
    """Cut HTML into messages of at most `limit` UTF-16 units, preferably at line breaks."""
    chunks: list[str] = []
    current: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag name, opening tag) of the tags open now
    size = 0
    cut: tuple[int, list[tuple[str, str]]] | None = None  # last line break in `current`
    for token in _TOKEN.findall(html):
        after = _apply(stack, token)
        if current and size + _units(token) + _closing_size(after) > limit:
            at, open_tags = cut if cut and cut[0] > 0 else (len(current), stack)
            chunks.append("".join(current[:at]) + _closers(open_tags))
            current = [tag for _, tag in open_tags] + current[at:]
            size = sum(_units(t) for t in current)
            cut = None
        current.append(token)
        size += _units(token)
        stack = after
        if token == "\n" and size * 2 >= limit:  # break late rather than leave tiny messages
            cut = (len(current), list(stack))
    chunks.append("".join(current))
    return [chunk.strip("\n") for chunk in chunks if chunk.strip()]


def _apply(stack: list[tuple[str, str]], token: str) -> list[tuple[str, str]]:
    match = _TAG.match(token)
    if not match:
        return stack
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        return [*stack, (name, token)]
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            return stack[:i] + stack[i + 1 :]
    return stack


def _closers(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _closing_size(stack: list[tuple[str, str]]) -> int:
    return _units(_closers(stack))


def _units(text: str) -> int:
    # Telegram counts UTF-16 code units: characters outside the BMP count twice.
    return len(text.encode("utf-16-le")) // 2
