"""Inline keyboards and their callback data: `action:key[:number]`, always under 64 bytes.

The number is a page offset (pg) or which suggested question to ask (ask).
Also the reply keyboard of the drafting conversation: its buttons send their label as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.answer import Answer, Intent
from bot.channels.telegram.bounds import MAX_CALLBACK_BYTES, MAX_CALLBACK_NUMBER

PAGE_SIZE = 5
MAX_SUGGESTIONS = 3
# Nothing related to search for after a greeting or an off-topic question.
_NO_RELATED = frozenset({Intent.GREETING, Intent.OFFTOPIC})
DRAFT_LABEL = "📝 起草申请"
_SHORT_OPTION = 6  # options up to this many characters share a row of the reply keyboard


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
    DRAFT = "drf"  # 起草申请: start drafting to the agency of the answer (key may be empty)
    ASK = "ask"  # a question the answer suggests, by number: ask:key:n


_NUMBERED = frozenset({Action.PAGE, Action.ASK})
_KEY = re.compile(r"[A-Za-z0-9_-]*")  # what AnswerMemory makes, or an example's number
_NUMBER = re.compile(r"[0-9]{0,6}")


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
    """The press a callback data stands for, or None if it is not ours (too long, a bad key or number)."""
    if len(data.encode("utf-8", "replace")) > MAX_CALLBACK_BYTES:
        return None
    action, _, rest = data.partition(":")
    key, _, number = rest.partition(":")
    if not _KEY.fullmatch(key) or not _NUMBER.fullmatch(number) or int(number or 0) > MAX_CALLBACK_NUMBER:
        return None
    try:
        return Press(Action(action), key, int(number or 0))
    except ValueError:
        return None


def answer_keyboard(key: str, answer: Answer | None = None, *, draft: bool = False) -> InlineKeyboardMarkup:
    """The buttons under an answer: its suggested questions, what it can show more of, 起草申请 if `draft`."""
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
    rows += [first, second]
    return InlineKeyboardMarkup([*rows, [_button(DRAFT_LABEL, Action.DRAFT, key)]] if draft else rows)


def draft_keyboard(key: str = "") -> InlineKeyboardMarkup:
    """The 起草申请 button alone, under a procedure card."""
    return InlineKeyboardMarkup([[_button(DRAFT_LABEL, Action.DRAFT, key)]])


def options_keyboard(options: Sequence[str], navigation: Sequence[str]) -> ReplyKeyboardMarkup:
    """Suggested answers of a drafting question, short ones side by side, then 返回 / 取消."""
    per_row = 3 if all(len(option) <= _SHORT_OPTION for option in options) else 1
    rows = [list(options[n : n + per_row]) for n in range(0, len(options), per_row)]
    buttons = [[KeyboardButton(label) for label in row] for row in [*rows, list(navigation)]]
    return ReplyKeyboardMarkup(buttons, resize_keyboard=True, is_persistent=True)


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
