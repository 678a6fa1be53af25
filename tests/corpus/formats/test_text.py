"""Text and markdown files: header blocks, separators, artefacts and pipe tables."""

from __future__ import annotations


def test_index_block_of_an_item_goes_to_fields(read) -> None:
    raw = read("items/pingtan_item_2016_266_repeal_normative_docs.txt")
    assert raw.fields["索引号"] == "PZ00101-1700-2023-00059"  # "索 引 号："
    assert raw.fields["发文字号"] == "岚综管综〔2016〕266号"
    assert raw.fields["有效性"] == "有效"
    assert raw.fields["栏目"] == "政府信息公开 > 管委会文件 > 行政规范性文件"
    assert raw.fields["原文链接"].startswith("https://www.pingtan.gov.cn/")
    assert raw.fields["来源"] == "平潭综合实验区管委会办公室"
    assert raw.fields["时间"] == "2016-10-26 17:06"
    assert raw.text.splitlines()[0] == "平潭综合实验区管委会关于废止部分规范性文件的通知"
    assert "索 引 号" not in raw.text and "原文链接" not in raw.text


def test_saved_page_header_and_body_separator(read) -> None:
    raw = read("reports/pingtan_2017_annual_report.txt")
    assert raw.fields["标题"] == "平潭综合实验区2017年度政府信息公开工作年度报告"
    assert raw.fields["发布时间"] == "2018-01-23 08:51"
    assert raw.fields["来源"] == "平潭县人民政府"
    assert "=====" not in raw.text and "正文" not in raw.text.splitlines()[0]
    assert raw.encoding == "utf-8"


def test_seed_artefact_and_indentation_are_removed(read) -> None:
    raw = read("seed/zhangdian_ajj_2017_annual_report.txt")
    assert "[bookmark" not in raw.text
    lines = raw.text.splitlines()
    assert lines[2].startswith("本年度报告是根据")
    assert "一、概 述" in lines  # original characters kept, indentation stripped
    assert all(line == line.strip() for line in lines)


def test_flattened_pipe_tables_become_tables(read) -> None:
    raw = read("reports/partial/yangling_audit_2022_annual_report_excerpt.txt")
    proactive = raw.tables[0]
    assert proactive.caption == "二、主动公开政府信息情况"
    assert proactive.rows[0] == ["第二十条第(一)项", "", "", ""]
    assert proactive.rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["行政事业性收费", "0", "", ""] in proactive.rows
    assert "|" not in raw.text


def test_markdown_tables_and_headings(read) -> None:
    raw = read("reports/partial/wuhan_hanyang_gov_office_2022_annual_report_excerpt.md")
    assert len(raw.tables) == 2
    assert raw.tables[0].rows[1][3] == "现行有效件数 (历史累计)"
    assert not any(set(cell or "") <= set("-:") for row in raw.tables[0].rows for cell in row[:1])
    law = read("law/prc_ogi_regulations_2019.md")
    assert law.text.splitlines()[0] == "中华人民共和国政府信息公开条例"
    assert "<!--" not in law.text


def test_markdown_metadata_table_goes_to_fields(tmp_path) -> None:
    from bot.corpus.formats import read_document

    page = tmp_path / "item.md"
    page.write_text(
        "| 索引号 | 000014349/2019-00012 | 主题分类 | 综合政务 |\n"
        "| --- | --- | --- | --- |\n"
        "| 发文机关 | 国务院办公厅 | 成文日期 | 2019年03月01日 |\n"
        "| 发文字号 | 国办发〔2019〕9号 | 发布日期 | 2019年03月05日 |\n\n"
        "# 国务院办公厅关于某项工作的通知\n\n各省、自治区、直辖市人民政府：\n\n现将有关事项通知如下。\n",
        encoding="utf-8",
    )
    raw = read_document(page, "item.md")
    assert raw.tables == []
    assert raw.fields["索引号"] == "000014349/2019-00012"
    assert raw.fields["发文机关"] == "国务院办公厅"
    assert raw.fields["发文字号"] == "国办发〔2019〕9号"
    assert raw.text.splitlines()[0] == "国务院办公厅关于某项工作的通知"
