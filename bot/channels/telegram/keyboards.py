"""Inline keyboards and their callback data: `action:key[:number]`, always under 64 bytes.

The number is a page offset (pg) or which suggested question to ask (ask).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.answer import Answer, Intent

PAGE_SIZE = 5
MAX_SUGGESTIONS = 3
# Nothing related to search for after a greeting or an off-topic question.
_NO_RELATED = frozenset({Intent.GREETING, Intent.OFFTOPIC})


class Action(StrEnum):
    """What a button does; the value is the prefix of its callback data."""

    SOURCES = "src"  # 查看原文
    APPLY = "how"  # 如何申请
    CONTACT = "tel"  # 联系电话
    RELATED = "rel"  # 相关文件: the first page, in a new message
    PAGE = "pg"  # another page of 相关文件 or /search, in place
    UP = "up"  # 👍
    DOWN = "dn"  # 👎
    EXAMPLE = "ex"  # an example question of /start, by number
    ASK = "ask"  # a question the answer suggests, by number: ask:key:n


_NUMBERED = frozenset({Action.PAGE, Action.ASK})


@dataclass(frozen=True)
class Press:
    """A decoded button press."""

    action: Action
    key: str
    offset: int = 0


def encode(action: Action, key: str, offset: int = 0) -> str:
    """Callback data for a button."""
    data = f"{action.value}:{key}:{offset}" if action in _NUMBERED else f"{action.value}:{key}"
    if len(data.encode()) > InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def decode(data: str) -> Press | None:
    """The press a callback data stands for, or None if it is not ours."""
    action, _, rest = data.partition(":")
    key, _, offset = rest.partition(":")
    try:
        return Press(Action(action), key, int(offset) if offset else 0)
    except ValueError:
        return None


def answer_keyboard(key: str, answer: Answer | None = None) -> InlineKeyboardMarkup:
    """The buttons under an answer: its suggested questions, then what it can show more of."""
    rows = [
        [_button(f"❓ {question}", Action.ASK, key, n)]
        for n, question in enumerate(answer.suggestions[:MAX_SUGGESTIONS] if answer else [])
    ]
    first = [_button("如何申请", Action.APPLY, key), _button("联系电话", Action.CONTACT, key)]
    if answer is None or answer.citations:
        first.insert(0, _button("查看原文", Action.SOURCES, key))
    second = [_button("👍", Action.UP, key), _button("👎", Action.DOWN, key)]
    if answer is None or answer.intent not in _NO_RELATED:
        second.insert(0, _button("相关文件", Action.RELATED, key))
    return InlineKeyboardMarkup([*rows, first, second])


def page_keyboard(key: str, offset: int, total: int) -> InlineKeyboardMarkup | None:
    """Previous/next buttons of a page of documents, or None when it all fits."""
    row = []
    if offset > 0:
        row.append(_button("◀ 上一页", Action.PAGE, key, max(offset - PAGE_SIZE, 0)))
    if offset + PAGE_SIZE < total:
        row.append(_button("下一页 ▶", Action.PAGE, key, offset + PAGE_SIZE))
    return InlineKeyboardMarkup([row]) if row else None


def examples_keyboard(questions: list[str]) -> InlineKeyboardMarkup | None:
    """One button per example question of /start, or None without examples."""
    rows = [[_button(question, Action.EXAMPLE, str(n))] for n, question in enumerate(questions)]
    return InlineKeyboardMarkup(rows) if rows else None


def _button(text: str, action: Action, key: str, offset: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(action, key, offset))
