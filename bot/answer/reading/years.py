"""Years named in a question: 2017, 2017年, 17年, 二〇一七年, 今年/去年/前年, 近三年.

A comparison asks for a span (`year_span`): a range (2017年到2024年, 2017-2024年) means
every year in it, and 历年 / 这几年 / 各年 every year the records hold.

jionlp's `parse_time` was tried for this and left out: it reads one time expression, not
a question (finding them needs its NER as well), takes 近三年 as a rolling window up to
today where reports cover finished years, reads "2021、2022两年" as 2021 alone, does not
read 历年 or 这几年, and would make a 70 MB library a run-time dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.text import cn_to_int

_CN_DIGIT = "〇零一二三四五六七八九"
_SMALL_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# Brackets of a document number hold a year that is not the question's year: 〔2024〕.
_DOC_NO_YEAR = re.compile(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]")
_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})\s*年(?!\d)")
_CN_FULL_YEAR = re.compile(rf"([{_CN_DIGIT}]{{4}})\s*年")
_CN_SHORT_YEAR = re.compile(rf"(?<![{_CN_DIGIT}])([{_CN_DIGIT}]{{2}})\s*年")
_RECENT = re.compile(r"(?:近|最近|过去)\s*([0-9两二三四五六七八九十])\s*年")
_RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0}
# One end of a range: a full year (年 optional), or a short or Chinese one with 年.
_YEAR = rf"(?<!\d)(?:19|20)\d{{2}}(?!\d)\s*年?度?|(?<![\d.])\d{{2}}\s*年度?|[{_CN_DIGIT}]{{2,4}}\s*年度?"
# A range: the two ends and a word between them (到, 至, a dash or a tilde).
_RANGE = re.compile(rf"({_YEAR})\s*(?:到|至|-|－|—|–|~|～)\s*({_YEAR})")
# Every year the records hold: 历年, 这几年, 各年度, 每一年, 逐年 (not 往年: 往年结转 is a row).
_EVERY = re.compile(r"历年|这几年|这些年|近几年|最近几年|各年度?|每一?年|逐年|多年来")


def find_years(text: str, today: date) -> list[int]:
    """Every year the text names, in order of appearance, without duplicates."""
    text = _DOC_NO_YEAR.sub(" ", text)
    found: list[tuple[int, int]] = []  # (position, year)
    for match in _FULL_YEAR.finditer(text):
        found.append((match.start(), int(match.group(1))))
    for match in _SHORT_YEAR.finditer(text):
        found.append((match.start(), _century(int(match.group(1)), today)))
    for match in _CN_FULL_YEAR.finditer(text):
        found.append((match.start(), _cn_number(match.group(1))))
    for match in _CN_SHORT_YEAR.finditer(text):
        found.append((match.start(), _century(_cn_number(match.group(1)), today)))
    found.extend(_relative_years(text, today))
    years: list[int] = []
    for _, year in sorted(found):
        if 1990 <= year <= today.year + 1 and year not in years:
            years.append(year)
    return years


@dataclass(frozen=True)
class YearSpan:
    """The years a comparison asks about."""

    years: list[int]  # named years in order, each year of a range included
    every: bool = False  # 历年, 这几年: every year the records hold (within `years` if any)


def year_span(text: str, today: date) -> YearSpan:
    """The years a question asks to compare: its years with every year of a range filled in."""
    years = find_years(text, today)
    for match in _RANGE.finditer(_DOC_NO_YEAR.sub(" ", text)):
        ends = find_years(match.group(1), today)[:1] + find_years(match.group(2), today)[:1]
        if len(ends) == 2 and ends[0] < ends[1]:
            years += range(ends[0], ends[1] + 1)
    return YearSpan(sorted(set(years)), bool(_EVERY.search(text)))


def _relative_years(text: str, today: date) -> list[tuple[int, int]]:
    found = []
    taken: list[range] = []
    for word, delta in _RELATIVE.items():  # longest first: 大前年 before 前年
        for match in re.finditer(word, text):
            if any(match.start() in span for span in taken) or _in_flow(text, match.start(), match.end()):
                continue
            taken.append(range(match.start(), match.end()))
            found.append((match.start(), today.year + delta))
    for match in _RECENT.finditer(text):
        count = _SMALL_NUMBERS.get(match.group(1)) or int(match.group(1))
        # Reports cover finished years: "近三年" means the last three completed ones.
        found.extend((match.start(), today.year - k) for k in range(count, 0, -1))
    return found


# Words that make 去年/今年 the ends of a carry-over, not a year asked about:
# 去年转到今年的申请, 去年没办完的, 留到今年办.
_FLOW_AFTER = re.compile(r"^(?:结转|转|留|遗留|没办完|未办结|接着|继续)")
_FLOW_BEFORE = re.compile(r"(?:转|留|结转)到$")


def _in_flow(text: str, start: int, end: int) -> bool:
    """Whether a relative year word only says where applications were carried from or to."""
    return bool(_FLOW_AFTER.match(text[end:]) or _FLOW_BEFORE.search(text[:start]))


def _century(two_digits: int, today: date) -> int:
    year = 2000 + two_digits
    return year if year <= today.year + 1 else 1900 + two_digits


def _cn_number(digits: str) -> int:
    return cn_to_int(digits) or 0


_ANY_YEAR = re.compile(
    rf"{_RANGE.pattern}|"
    rf"(?:19|20)\d{{2}}\s*年度?|(?<![\d.])\d{{2}}\s*年度?|[{_CN_DIGIT}]{{2,4}}\s*年度?|大前年|前年|去年|今年|"
    rf"(?:近|最近|过去)\s*[0-9两二三四五六七八九十]\s*年|{_EVERY.pattern}"
)


def strip_years(text: str) -> str:
    """The text without its year expressions, for extracting what is asked."""
    return _ANY_YEAR.sub(" ", text)
