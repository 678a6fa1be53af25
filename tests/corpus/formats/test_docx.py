"""DOCX files: paragraphs and tables in body order, merged cells as None, core title."""

from __future__ import annotations

from pathlib import Path

import docx

from bot.corpus.formats import read_document


def test_paragraphs_tables_and_merges(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "某某局2024年政府信息公开工作年度报告"
    document.add_paragraph("一、总体情况")
    document.add_paragraph("\u3000\u3000全年办理政府信息公开申请5件。")
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "行政复议"
    table.cell(0, 2).merge(table.cell(1, 2)).text = "行政\n诉讼"
    table.cell(1, 0).text, table.cell(1, 1).text = "结果维持", "总计"
    for c, value in enumerate(["1", "", "2"]):
        table.cell(2, c).text = value
    document.add_paragraph("五、存在的主要问题及改进情况")
    path = tmp_path / "report.docx"
    document.save(str(path))

    raw = read_document(path, "report.docx")
    assert raw.format == "docx"
    assert raw.fields == {"<title>": "某某局2024年政府信息公开工作年度报告"}
    assert raw.text.splitlines() == [
        "一、总体情况",
        "全年办理政府信息公开申请5件。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
    ]
    (only,) = raw.tables
    assert only.caption == "四、政府信息公开行政复议、行政诉讼情况"
    assert only.rows == [["行政复议", None, "行政诉讼"], ["结果维持", "总计", None], ["1", "", "2"]]
