"""Read the date a citizen types: "3月1日", "2026年3月1日", "3.1", "昨天", "上周五".

An application is submitted in the past, so a date without a year is the most
recent such date on or before `today`. `today` is always an argument: nothing
here reads the clock.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.errors import DateParseError
from bot.text import cn_to_int, to_halfwidth, to_simplified

WEEKDAYS_ZH = "一二三四五六日"

_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十]+")

_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3}
_WEEKDAY = re.compile(r"^(上上|上|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])$")
_FULL = re.compile(r"^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*(?:日|号)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*(?:日|号)?$")

HELP = "可以这样写：3月1日、2026年3月1日、3.1、2026-03-01、今天、昨天、前天、上周五。"


def parse_date(text: str, today: date) -> date:
    """The date a citizen means, relative to `today`; DateParseError if it cannot be read."""
    cleaned = _normalise(text)
    if not cleaned:
        raise DateParseError("没有收到日期。" + HELP)
    for reader in (_relative, _weekday, _full, _month_day):
        found = reader(cleaned, today)
        if found is not None:
            return found
    raise DateParseError("没能读懂这个日期。" + HELP)


def format_date(day: date) -> str:
    """2026年3月1日（星期日）: how dates are shown to citizens."""
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS_ZH[day.weekday()]}）"


def _normalise(text: str) -> str:
    text = to_simplified(to_halfwidth(text)).strip().rstrip("。.,，!！ ")
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"^(是|在|于)", "", text)
    return _CN_NUMBER.sub(lambda m: str(cn_to_int(m.group())), text) if "月" in text else text


def _relative(text: str, today: date) -> date | None:
    days = _RELATIVE_DAYS.get(text)
    return today - timedelta(days=days) if days is not None else None


def _weekday(text: str, today: date) -> date | None:
    match = _WEEKDAY.match(text)
    if not match:
        return None
    prefix, name = match.groups()
    weekday = 6 if name in "日天" else WEEKDAYS_ZH.index(name)
    monday = today - timedelta(days=today.weekday())
    if prefix in ("这", "本"):
        return monday + timedelta(days=weekday)
    if prefix:
        weeks_back = 2 if prefix == "上上" else 1
        return monday - timedelta(weeks=weeks_back) + timedelta(days=weekday)
    # A bare "周五": the most recent Friday, today included.
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _full(text: str, today: date) -> date | None:
    match = _FULL.match(text) or _COMPACT.match(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return _make(year, month, day)


def _month_day(text: str, today: date) -> date | None:
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    month, day = (int(part) for part in match.groups())
    try:
        date(2000, month, day)  # a leap year, so that 2月29日 passes this check
    except ValueError:
        raise DateParseError(f"没有{month}月{day}日这一天，请检查日期。") from None
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 2月29日 outside a leap year
        if candidate <= today:
            return candidate
    raise DateParseError("这个日期在最近几年里不存在。" + HELP)


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"{year}年没有{month}月{day}日这一天，请检查日期。") from None
