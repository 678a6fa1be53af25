"""Reading the years a comparison asks about: ranges, sets, 近N年, 历年; never a phone number."""

from __future__ import annotations

import pytest

from bot.answer.reading.years import find_years, strip_years, year_span

from .conftest import TODAY


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2017年到2024年主动公开的变化", list(range(2017, 2025))),
        ("平潭2019-2022年收到的申请", [2019, 2020, 2021, 2022]),
        ("17年至20年的复议", [2017, 2018, 2019, 2020]),
        ("二〇二一年到二〇二三年", [2021, 2022, 2023]),
        ("2021年～2022年", [2021, 2022]),
        ("2021、2022两年", [2021, 2022]),
        ("2017年和2024年", [2017, 2024]),
        ("近三年收到多少申请", [2023, 2024, 2025]),
        ("2024-2017年", [2017, 2024]),  # a range backwards is two years, never a guess
        ("电话0591-23162606", []),
        ("岚综管规〔2017〕-2024年", [2024]),  # the year of a document number is not asked
    ],
)
def test_a_span_lists_every_year_of_a_range(text: str, years: list[int]) -> None:
    assert year_span(text, TODAY).years == years


@pytest.mark.parametrize("text", ["平潭历年主动公开多少条", "这几年收到的申请", "各年度的复议", "逐年变化"])
def test_every_year_words(text: str) -> None:
    span = year_span(text, TODAY)
    assert span.every and span.years == []


def test_往年结转_is_a_row_not_every_year() -> None:
    assert not year_span("往年结转的申请有几件", TODAY).every


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("2017年到2024年主动公开的变化", "主动公开的变化"),
        ("历年收到的申请", "收到的申请"),
        ("电话0591-23162606", "电话0591-23162606"),
    ],
)
def test_spans_are_not_what_is_asked(text: str, left: str) -> None:
    assert strip_years(text).strip() == left


def test_single_years_read_as_before() -> None:
    assert find_years("2017年到2024年", TODAY) == [2017, 2024]
