"""Mask personal data that citizens type, before anything is stored, shown to operators or logged.

`mask_personal(text)` is the one masking function: every character of a match becomes
`*`, so the text keeps its length, and masking twice changes nothing. It masks:

    ID-card numbers   18 characters (17 digits, then a digit or X) whose digits 7-14 are a
                      birth date, or 15 digits whose digits 7-12 are one (YYMMDD). The check
                      digit is not required: a mistyped number still points at a person.
    mobile numbers    1[3-9] and nine digits, after +86, 86 or 0086 or not
    landlines         an area code (010, 02x, 0[3-9]xx, or after +86 without its 0) and a
                      local number of 7-8 digits, with an extension (转, 分机, ext, -) or not;
                      a local number alone (7-8 digits, first 2-8) only when it stands alone
                      as one run of digits, is no date (20210101) and no count (12345678元)
    e-mail addresses  any local part (Chinese too) before @ or ＠ and a dotted domain

A number is found however it is typed: full-width digits (or another script's), letters
right before or after it (ID370303…), and groups joined by up to three separators (spaces,
- . · — _ ( ) and their full-width forms: 370303 19900101 1239, 138.1234.5678,
(0531)8606-1234). `masked_traceback(error)` is the same masking for a logged traceback.

What questions need survives: years (2023年), 文号 (淄张政办发〔2021〕12号), counts, postal
codes, and 索引号 (11370303004357457R/2021-0001234, 000014349/2018-00204): an 索引号 is a
lookup key, and neither its prefix (a credit code or an organisation code, no birth date
inside) nor its year-joined serial number is a personal number.

Known false positives: an agency's phone number typed into a question (it cannot be told
from a citizen's own); an 18- or 15-digit number with a date at the birth-date place; a
standalone 7-8 digit number with no unit after it (共12345678); for a Chinese local part,
the Chinese words right before it (我的邮箱是张三@… loses 我的邮箱是 too, up to the previous
space or punctuation). Known misses: numbers written in Chinese numerals (一三九…), a
local number typed in groups (8606 1234), an address without a dotted domain (张三@163).
"""

from __future__ import annotations

import re
import traceback
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.text import to_halfwidth

MASK = "*"

_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script
_DIGITS = re.compile(r"[0-9]")
_FEWEST_DIGITS = 7  # the shortest personal number: a local phone number

# Characters that join digit groups of one number (after to_halfwidth: － ． （ ） are ASCII).
_SEPARATORS = frozenset(" \u00a0\u3000-.·—–_()")
_MAX_GAP = 3
# A count or an amount, not a phone number: a unit right after a standalone number.
_COUNT_UNITS = frozenset("元件个人次万亿年月日号条份项户家名位所期篇页宗批场%‰")
_EXTENSION = re.compile(r"[ \-.]*(?:转|分机|ext\.?|x|#)?[ \-.]*", re.IGNORECASE)

_MOBILE = re.compile(r"(?:0086|86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"(?:0|0086|86)(?:(?:10|2\d)[2-9]\d{7}|[3-9]\d{2}[2-9]\d{6,7})")
_LOCAL = re.compile(r"[2-8]\d{6,7}")

# A domain label, ASCII or Chinese (例子.中国); possessive, so a long run is read once.
_LABEL = r"(?:[A-Za-z0-9\-]++|[\u4e00-\u9fff]++)"
_DOMAIN = re.compile(rf"\s*{_LABEL}(?:[.。]{_LABEL})+")
# Mailbox characters before @: an ASCII run right before @ is the local part by itself
# (联系zhang.san@…); else the run of other letters (张三@…), up to a blank or punctuation.
_ASCII_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_NOT_LOCAL = frozenset("@*，。、；：？！,;:!?<>()[]{}\"'“”‘’（）《》【】")


@dataclass(frozen=True)
class _Run:
    """A run of digits in the half-width text: [start, end), and whether an X follows it."""

    start: int
    end: int
    digits: str
    x_after: bool


def mask_personal(text: str) -> str:
    """The text with ID-card numbers, phone numbers and e-mail addresses replaced by asterisks."""
    form = _matching_form(text)
    spans = _email_spans(form) if "@" in form else []
    if spans:
        form = _masked(form, spans)
    spans += _number_spans(form)
    return _masked(text, spans) if spans else text


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def masked_traceback(error: BaseException) -> str:
    """The error's traceback for a log: where it failed and what kind of failure, not what was typed.

    A message may quote what a citizen typed, and a name or an address has no pattern to
    mask. So each message keeps its ASCII (our code's and the libraries' own words, with
    numbers masked) and withholds every run of other characters: "cannot read '…'".
    Frames are source lines, never data. Chained exceptions come first, as Python prints them.
    """
    parts: list[str] = []
    for link in _chain(error):
        parts.append(
            "Traceback (most recent call last):\n" + "".join(traceback.format_tb(link.__traceback__))
        )
        kind = type(link).__qualname__
        module = type(link).__module__
        parts.append(f"{kind if module == 'builtins' else f'{module}.{kind}'}: {_withheld(_message(link))}\n")
    return mask_personal("".join(parts)).rstrip()


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _withheld(message: str) -> str:
    return _NOT_ASCII.sub("…", message)


def _message(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # a broken __str__ must not hide the failure being logged
        return "(message unreadable)"


def _chain(error: BaseException) -> list[BaseException]:
    """The error and what caused it, the first cause first; each exception once."""
    chain: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and all(link is not seen for seen in chain):
        chain.append(link)
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    return chain[::-1]


def _matching_form(text: str) -> str:
    """Half-width, every decimal digit (full-width ３, Arabic-Indic ٣) as 0-9; the same length."""
    half = to_halfwidth(text)
    return half if half.isascii() else _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), half)


def _email_spans(text: str) -> list[tuple[int, int]]:
    """Each @ with a dotted domain after it and a local part before it (after the last match)."""
    spans: list[tuple[int, int]] = []
    floor = 0
    for at in (match.start() for match in re.finditer("@", text)):
        domain = _DOMAIN.match(text, at + 1) if at >= floor else None
        start = _local_start(text, at, floor) if domain else None
        if domain and start is not None:
            spans.append((start, domain.end()))
            floor = domain.end()
    return spans


def _local_start(text: str, at: int, floor: int) -> int | None:
    """Where the local part before text[at] starts; None without one. Each character is read once."""
    end = at
    while end > floor and text[end - 1].isspace():
        end -= 1
    start = end
    while start > floor and text[start - 1] in _ASCII_LOCAL:
        start -= 1
    if start == end:
        while start > floor and not (text[start - 1].isspace() or text[start - 1] in _NOT_LOCAL):
            start -= 1
    return start if start < end else None


def _number_spans(text: str) -> list[tuple[int, int]]:
    if len(_DIGITS.findall(text)) < _FEWEST_DIGITS:
        return []
    runs = [
        _Run(m.start(), m.end(), m.group(), text[m.end() : m.end() + 1] in ("X", "x"))
        for m in re.finditer(r"[0-9]+", text)
    ]
    spans = []
    first = 0
    while first < len(runs):
        found = _longest(text, runs, first)
        if found is None:
            first += 1
            continue
        last, end = found
        start = runs[first].start
        if text[start - 1 : start] == "+":
            start -= 1
        spans.append((start, end))
        first = last + 1
    return spans


def _longest(text: str, runs: list[_Run], first: int) -> tuple[int, int] | None:
    """(index of the last run, end offset) of the longest personal number starting at runs[first]."""
    if _serial_of_index_number(text, runs, first):
        return None
    found = None
    digits = ""
    for last in range(first, len(runs)):
        if last > first and not _joined(text, runs, last):
            break
        run = runs[last]
        digits += run.digits
        if len(digits) > 24:
            break
        if run.x_after and _is_id(digits + "X"):
            found = (last, run.end + 1)
        elif _is_id(digits) or _MOBILE.fullmatch(digits):
            found = (last, run.end)
        elif _LANDLINE.fullmatch(digits):
            found = _with_extension(text, runs, last)
        elif last == first and _is_local(text, run) and _stands_alone(text, runs, first):
            found = (last, run.end)
    return found


def _joined(text: str, runs: list[_Run], index: int) -> bool:
    """Whether runs[index] continues the run before it (1-3 separators between them)."""
    if index == 0 or index == len(runs):
        return False
    gap = text[runs[index - 1].end + runs[index - 1].x_after : runs[index].start]
    return 0 < len(gap) <= _MAX_GAP and all(ch in _SEPARATORS for ch in gap)


def _serial_of_index_number(text: str, runs: list[_Run], first: int) -> bool:
    """Whether runs[first] starts the year-serial half of an 索引号: code/2021-0001234, /201901-00336."""
    run = runs[first]
    return (
        text[run.start - 1 : run.start] == "/"
        and len(run.digits) in (4, 6)
        and run.digits[:2] in ("19", "20")
        and text[run.end : run.end + 1] == "-"
    )


def _stands_alone(text: str, runs: list[_Run], index: int) -> bool:
    """Whether runs[index] is a number by itself: no digits (or masked ones) joined before or after."""
    run = runs[index]
    separators = "".join(_SEPARATORS)
    before = text[max(0, run.start - _MAX_GAP - 1) : run.start].rstrip(separators)
    after = text[run.end : run.end + _MAX_GAP + 1].lstrip(separators)
    masked_beside = before.endswith(MASK) or after.startswith(MASK)  # joined to a number masked before
    return not (masked_beside or _joined(text, runs, index) or _joined(text, runs, index + 1))


def _with_extension(text: str, runs: list[_Run], last: int) -> tuple[int, int]:
    """(last run, end) of a landline, its extension (1-5 digits after 转, 分机, ext or -) included."""
    if last + 1 < len(runs):
        following = runs[last + 1]
        gap = text[runs[last].end : following.start]
        if gap and len(gap) <= 6 and _EXTENSION.fullmatch(gap) and len(following.digits) <= 5:
            return last + 1, following.end
    return last, runs[last].end


def _is_local(text: str, run: _Run) -> bool:
    """A local phone number standing alone: no date, no count, not part of a longer code."""
    after = text[run.end : run.end + 1]
    if after in _COUNT_UNITS or run.x_after or not _LOCAL.fullmatch(run.digits):
        return False
    return not _is_date(run.digits[:4], run.digits[4:6], run.digits[6:]) if len(run.digits) == 8 else True


def _is_id(number: str) -> bool:
    if len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789X":
        return number[0] != "0" and _is_date(number[6:10], number[10:12], number[12:14])
    if len(number) == 15 and number.isdigit():
        return number[0] != "0" and _is_date("19" + number[6:8], number[8:10], number[10:12])
    return False


def _is_date(year: str, month: str, day: str) -> bool:
    try:
        born = date(int(year), int(month), int(day))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100
