"""Chinese numerals, dates and years as government documents print them."""

from __future__ import annotations

import re
from datetime import date

from bot.text import CN_NUMERAL, cn_to_int, to_halfwidth

__all__ = ["CN_NUMERAL", "cn_to_int", "find_dates", "parse_date"]

# 2020-05-20, 2020/5/20, 2020.5.20, 2020年5月20日 (PDF text may space the parts out).
_DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def parse_date(text: str) -> date | None:
    """The first date in a text, in any of the printed forms; None when there is none."""
    match = _DATE.search(to_halfwidth(text))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def find_dates(text: str) -> list[date]:
    """Every valid date in a text, in order."""
    found = []
    for match in _DATE.finditer(to_halfwidth(text)):
        try:
            found.append(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            continue
    return found


def first_year(text: str) -> int | None:
    """The first year written as "2017年" (or "2017年度") in a text."""
    match = _YEAR.search(to_halfwidth(text))
    return int(match[1]) if match else None
