"""The 淮安 PDF against a careful reference extraction of it (tables as markdown)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from bot.corpus.raw import RawDocument

PDF = "reports/huaian_2024_annual_report.pdf"
REFERENCE = Path(__file__).resolve().parents[2] / "fixtures" / "huaian_2024_annual_report.expected.md"


@pytest.fixture(scope="module")
def huaian(read) -> RawDocument:
    return read(PDF)


def _reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_paragraphs_are_joined_across_line_and_page_breaks(huaian: RawDocument) -> None:
    assert "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件" in huaian.text
    # the sentence that wraps from page 1 to page 2
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in huaian.text
    lines = huaian.text.splitlines()
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in lines
    assert lines[:2] == ["淮安市人民政府", "2024 年政府信息公开工作年度报告"]


def test_page_footers_and_table_text_stay_out_of_the_text(huaian: RawDocument) -> None:
    assert not re.search(r"-\s*\d+\s*-", huaian.text)
    assert "本年新收政府信息公开申请数量" not in huaian.text
    assert "447228" not in huaian.text


def test_body_text_matches_the_reference(huaian: RawDocument) -> None:
    reference = "\n".join(line for line in _reference().splitlines() if not line.startswith("|"))
    ratio = difflib.SequenceMatcher(None, _squeeze(reference), _squeeze(huaian.text), autojunk=False).ratio()
    assert ratio > 0.99


def test_every_reference_table_row_is_recovered(huaian: RawDocument) -> None:
    def numbers(cells: list[str | None]) -> list[str]:
        return [cell.strip() for cell in cells if cell and re.fullmatch(r"[\d.]+", cell.strip())]

    rows = [line.strip("|").split("|") for line in _reference().splitlines() if line.startswith("|")]
    expected = [numbers(list(row)) for row in rows if numbers(list(row))]
    ours = [numbers(row) for table in huaian.tables for row in table.rows if numbers(row)]
    assert len(expected) == 32
    assert ours == expected


def test_tables_split_across_pages_are_joined(huaian: RawDocument) -> None:
    assert [t.pages for t in huaian.tables] == [[3, 4], [4, 5], [5]]
    assert [t.caption for t in huaian.tables] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    applications = huaian.tables[1]
    labels = [cell for row in applications.rows for cell in row[:3] if cell]
    assert "（四）无法提供" in labels
    assert "法提供" not in labels and "（四）无" not in labels
    assert len(applications.row_pages) == len(applications.rows)


def test_cells_are_joined_and_spans_are_none(huaian: RawDocument) -> None:
    header = huaian.tables[1].rows[:3]
    assert header[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert header[1][3] == "自然人" and header[2][3] is None  # 自然人 spans two header rows
    assert header[0][3] == "申请人情况" and header[0][4:] == [None] * 6
    proactive = huaian.tables[0].rows
    assert ["行政许可", "447228", None, None] in proactive


def test_single_column_text_boxes_are_not_tables(huaian: RawDocument) -> None:
    assert all(len(table.rows[0]) > 1 for table in huaian.tables)
    assert "本报告由淮安市人民政府办公室根据" in huaian.text


def test_page_count_and_title(huaian: RawDocument) -> None:
    assert huaian.pages == 6
    assert huaian.fields.get("<title>") == "政府信息公开工作年度报告"
