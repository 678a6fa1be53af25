"""The flattened pre-2019 统计表 of the 平潭 2017 report."""

from __future__ import annotations

from bot.corpus.raw import RawDocument
from bot.corpus.stats import extract_statistics

REPORT = "reports/pingtan_2017_annual_report.txt"


def legacy(raw: RawDocument):
    stats, warnings = extract_statistics(raw)
    return {(tuple(s.row), s.column[0]): s.value for s in stats if s.table == "legacy"}, warnings


def test_run_together_digits_are_split_with_the_prose_as_witness(read) -> None:
    cells, warnings = legacy(read(REPORT))
    assert cells[(("主动公开文件数",), "2017年度")] == 2122
    assert cells[(("主动公开文件数",), "历年累计")] == 10037
    # "2122100372、政府公报公开数": the item number 2 is not part of the value
    assert cells[(("主动公开文件数", "政府网站公开数"), "历年累计")] == 10037
    assert cells[(("主动公开文件数", "政府公报公开数"), "2017年度")] == 0
    assert cells[(("行政诉讼数",), "历年累计")] == 0
    assert warnings == []


def test_without_a_witness_an_ambiguous_row_is_skipped(read) -> None:
    raw = read(REPORT)
    unwitnessed = raw.model_copy(
        update={"text": raw.text.replace("主动公开政府信息2122条", "主动公开政府信息若干条")}
    )
    cells, warnings = legacy(unwitnessed)
    assert (("主动公开文件数",), "2017年度") not in cells
    assert any("212210037" in w for w in warnings)
    assert cells[(("受理政府信息依申请公开总数",), "2017年度")] == 0
