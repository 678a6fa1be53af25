"""Layouts met in real reports the readers were not written for: every slot still read, and proven.

洪泽 (PDF): a garbled row label and a 表四 header that lost 行政诉讼 over two columns;
its 表三 prints （六）其他处理 as one row, as the 2019 format does. 沭阳 (text): 表四 as
three five-cell tables under their block headings. 上海市科委 (PDF text): the table
sections numbered 一 二 三, rows split between pipe tables and loose lines, a stray
page number among the rows, and a row whose total cell was lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus.models import Statistic
from bot.corpus.stats import extract_statistics
from bot.corpus.stats.audit import audit

HONGZE_2023 = "reports/hongze_district_gov_2023_annual_report.pdf"
HONGZE_2024 = "reports/hongze_district_gov_2024_annual_report.pdf"
SHUYANG_2025 = "reports/shuyang_county_gov_2025_annual_report.txt"
SCIENCE_2024 = "reports/shanghai_science_technology_commission_2024_annual_report.md"
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")


def cells(read, rel: str) -> tuple[dict[str, Statistic], list[str], list[Statistic]]:
    stats, warnings = extract_statistics(read(rel))
    return {s.slot: s for s in stats if s.slot}, warnings, stats


def test_a_garbled_label_takes_the_row_of_its_position(read) -> None:
    found, _, stats = cells(read, HONGZE_2024)
    garbled = found["applications.withheld.prohibited_by_law.total"]
    assert garbled.row[-1] == "2.其他法律行政止公开"  # as printed; the slot says what it is
    assert garbled.verified  # the results column adds up with it
    assert found["applications.other.total"].row == ["三、本年度办理结果", "（六）其他处理"]
    assert found["applications.results_total.total"].value == 95
    counted = audit(stats)
    assert (counted.slots_found, counted.slots_expected) == (10 + 23 * 7 + 15, 10 + 23 * 7 + 15)
    assert counted.unverified == 0


def test_a_table_four_header_that_lost_a_label_reads_by_the_template_order(read) -> None:
    found, _, _ = cells(read, HONGZE_2024)
    assert tuple(found[f"litigation.direct.{o}"].value for o in OUTCOMES) == (1, 0, 0, 0, 1)
    assert (
        found["litigation.after_review.total"].value == 3 and found["litigation.after_review.total"].verified
    )


def test_a_report_whose_table_four_totals_are_printed_zero(read) -> None:
    """洪泽 2023 prints 行政复议 10 维持, 1 纠正 and 总计 0: the totals cannot be stated as facts."""
    found, warnings, _ = cells(read, HONGZE_2023)
    assert (found["review.upheld"].value, found["review.total"].value) == (10, 0)
    assert not found["review.upheld"].verified and not found["review.total"].verified
    assert found["litigation.direct.total"].verified  # 0 + 0 + 0 + 0 = 0
    assert any("行政复议：结果维持、结果纠正、其他结果、尚未审结之和 11 与总计 0 不符" in w for w in warnings)
    assert found["proactive.punishment.decisions"].value == 4119  # under a header that lost 信息内容


def test_table_four_printed_as_a_table_per_block(corpus_dir: Path, read) -> None:
    text = (corpus_dir / SHUYANG_2025).read_text(encoding="utf-8")
    assert "### 行政诉讼（复议后起诉）" in text and "| 8 | 0 | 1 | 1 | 10 |" in text
    found, warnings, _ = cells(read, SHUYANG_2025)
    assert (found["review.total"].value, found["litigation.direct.total"].value) == (61, 3)
    assert tuple(found[f"litigation.after_review.{o}"].value for o in OUTCOMES) == (8, 0, 1, 1, 10)
    assert all(found[slot].verified for slot in found if slot.startswith(("review.", "litigation.")))
    assert not any("表四" in w for w in warnings)


@pytest.mark.parametrize(
    ("slot", "value"),
    [
        ("applications.new.total", 34),
        ("applications.partial.total", 0),  # a row printed without its label
        ("applications.withheld.internal_affairs.total", 1),  # its label printed two lines above
        ("applications.unable.not_held.total", 4),
        ("applications.other.no_correction.natural", 8),
        ("applications.results_total.total", 35),
        ("proactive.normative.in_force", 55),
        ("proactive.licensing.decisions", 97),
        ("review.upheld", 1),
    ],
)
def test_sections_numbered_from_one_and_rows_split_from_their_labels(read, slot: str, value: float) -> None:
    found, _, _ = cells(read, SCIENCE_2024)
    assert found[slot].value == value and found[slot].verified


def test_a_stray_number_and_a_row_that_lost_a_cell_are_reported_not_read(read) -> None:
    found, warnings, stats = cells(read, SCIENCE_2024)
    assert any("“1”" in w and "无法对应" in w for w in warnings)  # a lone page number among the rows
    assert not any(slot.startswith("applications.carried_forward.") for slot in found)
    printed = [s for s in stats if s.source == "table" and s.slot is None]
    assert printed and all(s.row == ["四、结转下年度继续办理"] and not s.verified for s in printed)
    assert any("四、结转下年度继续办理" in w and "无法确定" in w for w in warnings)
