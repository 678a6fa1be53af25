"""Tables that are broken or do not add up give warnings, never a crash."""

from __future__ import annotations

from bot.corpus.raw import RawDocument, RawTable
from bot.corpus.stats import extract_statistics


def _with_cell(raw: RawDocument, table: int, row: int, column: int, text: str) -> RawDocument:
    tables = [t.model_copy(deep=True) for t in raw.tables]
    tables[table].rows[row][column] = text
    return raw.model_copy(update={"tables": tables})


def test_a_non_number_is_a_warning_and_the_rest_still_reads(read) -> None:
    raw = read("reports/pingtan_2024_annual_report.html")
    broken = _with_cell(raw, 1, 5, 3, "七十一")  # （一）予以公开 / 自然人
    stats, warnings = extract_statistics(broken)
    assert any("七十一" in w and "不是数字" in w for w in warnings)
    applications = [s for s in stats if s.table == "applications"]
    assert len(applications) == 25 * 7 - 1
    review = _with_cell(raw, 2, 3, 0, "2件?")
    stats, warnings = extract_statistics(review)
    assert any("2件?" in w for w in warnings)
    assert len([s for s in stats if s.table == "review_litigation"]) == 14


def test_a_sum_that_does_not_add_up_is_a_warning(read) -> None:
    raw = read("reports/huaian_2024_annual_report.pdf")
    changed = _with_cell(raw, 1, 3, 9, "3120")  # 一、本年新收 / 总计
    stats, warnings = extract_statistics(changed)
    assert any("“总计”列不平" in w for w in warnings)
    assert any("各列之和" in w for w in warnings)
    assert any(s.value == 3120 for s in stats)  # the printed number is kept


def test_garbage_tables_are_ignored(read) -> None:
    raw = read("reports/pingtan_2024_annual_report.html")
    junk = RawTable(number=9, rows=[["申请人情况", None], [None, None], ["", "x"]])
    odd = RawTable(number=10, rows=[["行政复议", "行政诉讼"], ["a", "b"]])
    stats, warnings = extract_statistics(raw.model_copy(update={"tables": [junk, odd]}))
    assert [s for s in stats if s.source == "table"] == []
    assert len(warnings) == 2
