"""Reading the dates citizens type, relative to a given today (2026-11-27, a Friday)."""

from datetime import date

import pytest

from bot.assist.dates import format_date, parse_date
from bot.errors import DateParseError

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3月1日", date(2026, 3, 1)),
        ("2026年3月1日", date(2026, 3, 1)),
        ("3.1", date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1)),
        ("2025/10/8", date(2025, 10, 8)),
        ("２０２５年１０月８日", date(2025, 10, 8)),  # full-width digits
        ("今天", TODAY),
        ("昨天", date(2026, 11, 26)),
        ("前天", date(2026, 11, 25)),
        ("上周五", date(2026, 11, 20)),
        ("上星期一", date(2026, 11, 16)),
        ("這週三", date(2026, 11, 25)),  # traditional characters
        ("周五", TODAY),  # a bare weekday: the most recent one, today included
        ("周六", date(2026, 11, 21)),
        ("十一月三日", date(2026, 11, 3)),
        ("二〇二六年三月一日", date(2026, 3, 1)),
        ("11月3号。", date(2026, 11, 3)),
    ],
)
def test_dates_are_read_relative_to_today(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月1日", date(2025, 12, 1)),  # not yet this year: last year's
        ("11月28日", date(2025, 11, 28)),  # tomorrow's date is a year ago
        ("11月27日", TODAY),
        ("2月29日", date(2024, 2, 29)),  # the latest leap day
    ],
)
def test_a_date_without_year_is_the_most_recent_past_one(text, expected):
    assert parse_date(text, TODAY) == expected


def test_the_year_follows_the_given_today_not_the_clock():
    assert parse_date("12月1日", date(2027, 1, 5)) == date(2026, 12, 1)
    assert parse_date("上周五", date(2025, 1, 1)) == date(2024, 12, 27)


@pytest.mark.parametrize("text", ["", "   ", "下个月", "abc", "2月30日", "13月1日", "2025年2月29日"])
def test_unreadable_dates_raise_with_a_chinese_message(text):
    with pytest.raises(DateParseError) as caught:
        parse_date(text, TODAY)
    assert "日" in caught.value.user_message
    assert text.strip() == "" or text not in str(caught.value)  # the input never reaches logs


def test_format_date_names_the_weekday():
    assert format_date(date(2026, 2, 14)) == "2026年2月14日（星期六）"
