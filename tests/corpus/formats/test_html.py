"""HTML pages: the 平潭 report's span tables and the item pages' metadata blocks."""

from __future__ import annotations

from pathlib import Path

from bot.corpus.formats import read_document

REPORT = "reports/pingtan_2024_annual_report.html"


def test_report_fields_and_paragraph_lines(read) -> None:
    raw = read(REPORT)
    assert raw.fields["<title>"] == "平潭综合实验区2024年度政府信息公开工作年度报告"
    assert raw.fields["来源"] == "平潭综合实验区管委会办公室"
    assert raw.fields["时间"] == "2025-03-10 15:35"
    lines = raw.text.splitlines()
    assert "一、总体情况" in lines  # the trailing &nbsp; is gone
    assert "2024年，无收取信息处理费情况。" in lines
    assert "来源：" not in raw.text


def test_report_tables_resolve_spans_and_keep_header_hierarchy(read) -> None:
    proactive, applications, review = read(REPORT).tables
    assert ["行政许可", "4529", None, None] in proactive.rows
    header = applications.rows[:3]
    assert header[0][:4] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        None,
        None,
        "申请人情况",
    ]
    assert header[1][3:5] == ["自然人", "法人或其他组织"] and header[1][9] == "总计"
    assert header[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert applications.rows[5][0] == "三、本年度办理结果"  # "三、本</p><p>年度办 …" joined
    assert [row[0] for row in applications.rows[6:27]] == [None] * 21  # covered by its rowspan
    assert review.rows[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]  # "结果<br/>纠正"
    assert review.rows[3][-1] == "19"


def test_table_text_is_left_out_and_captions_are_the_headings(read) -> None:
    raw = read(REPORT)
    assert [t.caption for t in raw.tables] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert "本年新收政府信息公开申请数量" not in raw.text


def test_item_page_metadata_block_goes_to_fields(read) -> None:
    raw = read("items/pingtan_item_PZ00101-1700-2023-00040.html")
    assert raw.fields["索引号"] == "PZ00101-1700-2023-00040"  # "索&ensp;引&ensp;号"
    assert raw.fields["标题"] == "平潭综合实验区管委会关于优化调整建设工程防雷许可工作的通知"
    assert raw.fields["发文字号"] == "岚综管综〔2017〕7号"
    assert raw.fields["有效性"] == "有效"
    assert raw.fields["成文日期"] == "2017-01-09"
    assert "索引号" not in raw.text and "索 引 号" not in raw.text
    assert raw.text.splitlines()[:2] == [
        "平潭综合实验区管委会关于优化调整建设工程防雷许可工作的通知",
        "岚综管综〔2017〕7号",
    ]
    assert "平潭综合实验区管委会" in raw.text.splitlines()  # signature line without its &nbsp; run


def test_label_value_metadata_tables_and_layout_tables(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><script>var x=1;</script></head><body><nav>首页 > 公开</nav>"
        "<table><tr><td>索引号：</td><td>A-1</td><td>发文机关：</td><td>某某局</td></tr></table>"
        "<table><tr><td><p>正文第一段，说明有关事项的具体内容和要求，请各单位认真贯彻执行并及时报告。</p></td></tr></table>"
        "<p>附表</p><table><tr><th>项目</th><th>数量</th></tr><tr><td>申请</td><td>3</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    raw = read_document(page, "page.html")
    assert raw.fields == {"索引号": "A-1", "发文机关": "某某局"}
    assert raw.text.splitlines() == [
        "正文第一段，说明有关事项的具体内容和要求，请各单位认真贯彻执行并及时报告。",
        "附表",
    ]
    assert [(t.caption, t.rows) for t in raw.tables] == [("附表", [["项目", "数量"], ["申请", "3"]])]


BULLETIN = "statistics/wanzai_county_2022_statistical_bulletin.html"


def test_labels_whose_values_stand_in_a_sibling_element(read) -> None:
    """<dd><label>索 引 号：</label><div>014742224A/…</div></dd>: the label and value are one field."""
    raw = read(BULLETIN)
    assert raw.fields["索引号"] == "014742224A/2023-0043406"
    assert raw.fields["生成日期"] == "2023-05-11"
    assert raw.fields["责任部门"] == "万载县统计局"
    assert raw.fields["公开方式"] == "主动公开"
    assert "014742224A" not in raw.text and "责任部门" not in raw.text
    yichun = read("statistics/yichun_city_2022_statistical_bulletin.html")
    assert (yichun.fields["发布机构"], yichun.fields["发文日期"], yichun.fields["分类"]) == (
        "宜春市统计局",
        "2023-04-18",
        "统计公报",
    )


def test_the_same_block_for_another_agency(tmp_path: Path) -> None:
    block = "".join(
        f"<dd><label><font>{label}</font></label><div class='display-block'>\n  {value}\n</div></dd>"
        for label, value in [
            ("索 引 号：", "11370300MB28/2024-0001234"),
            ("发布机构：", "淄博市财政局"),
            ("发文日期：", "2024-02-01"),
            ("来源：", ""),
        ]
    )
    page = tmp_path / "p.html"
    page.write_text(
        f"<html><body><dl>{block}</dl><h1>淄博市2023年财政预算执行情况</h1>"
        "<p>2023年，全市一般公共预算收入完成情况良好，各项重点支出得到有力保障，预算执行总体平稳。</p>"
        "</body></html>",
        encoding="utf-8",
    )
    raw = read_document(page, "p.html")
    assert raw.fields == {
        "索引号": "11370300MB28/2024-0001234",
        "发布机构": "淄博市财政局",
        "发文日期": "2024-02-01",
    }
    assert "来源" not in raw.text  # a label with no value anywhere (filled by a script) leaves too


def test_empty_source_label_of_a_report_page_is_dropped(read) -> None:
    raw = read("reports/pingtan_public_security_bureau_2022_annual_report.html")
    assert "来源：" not in raw.text
    assert raw.fields["时间"] == "2023-01-09 19:52"
