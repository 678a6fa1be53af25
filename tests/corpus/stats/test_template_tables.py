"""The national template's tables, read from every format the samples come in."""

from __future__ import annotations

from bot.corpus.models import Statistic
from bot.corpus.stats import extract_statistics
from bot.corpus.stats.labels import template

NEW = ["一、本年新收政府信息公开申请数量"]
TOTAL = ["申请人情况", "总计"]


def cell(stats: list[Statistic], table: str, row: list[str], column: list[str]) -> Statistic:
    (found,) = [s for s in stats if s.table == table and s.row == row and s.column == column]
    return found


def test_huaian_pdf(read) -> None:
    stats, warnings = extract_statistics(read("reports/huaian_2024_annual_report.pdf"))
    assert warnings == []  # the template's arithmetic holds
    assert cell(stats, "applications", NEW, TOTAL).value == 3119
    assert cell(stats, "applications", ["三、本年度办理结果", "（一）予以公开"], TOTAL).value == 1362
    unknown = cell(
        stats, "applications", ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"], TOTAL
    )
    assert unknown.value == 769
    assert unknown.location.page == 4 and unknown.location.table == 2
    assert unknown.location.table_title == "三、收到和处理政府信息公开申请情况"
    remade = cell(
        stats, "applications", ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"], TOTAL
    )
    assert (remade.value, remade.location.page) == (11, 5)
    assert cell(stats, "applications", ["四、结转下年度继续办理"], TOTAL).value == 103
    assert cell(stats, "review_litigation", [], ["行政复议", "总计"]).value == 351
    assert cell(stats, "review_litigation", [], ["行政诉讼", "未经复议直接起诉", "结果维持"]).value == 13
    assert cell(stats, "proactive", ["第二十条第（一）项", "规章"], ["现行有效件数"]).value == 11
    licence = cell(stats, "proactive", ["第二十条第（五）项", "行政许可"], ["本年处理决定数量"])
    assert (licence.value, licence.unit) == (447228, "件")
    fees = cell(stats, "proactive", ["第二十条第（八）项", "行政事业性收费"], ["本年收费金额（单位：万元）"])
    assert (fees.value, fees.unit) == (96171.6, "万元")
    # "（六）其他处理 1、申请人…" is printed with 、 and read as the template's "1."
    other = [
        "三、本年度办理结果",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ]
    assert cell(stats, "applications", other, TOTAL).value == 71


def test_pingtan_html(read) -> None:
    stats, warnings = extract_statistics(read("reports/pingtan_2024_annual_report.html"))
    assert warnings == []
    normative = ["第二十条第（一）项", "行政规范性文件"]
    assert cell(stats, "proactive", normative, ["本年制发件数"]).value == 62
    assert cell(stats, "proactive", normative, ["现行有效件数"]).value == 440
    assert cell(stats, "proactive", ["第二十条第（五）项", "行政许可"], ["本年处理决定数量"]).value == 4529
    secret = ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert cell(stats, "applications", secret, TOTAL).value == 4
    assert cell(stats, "review_litigation", [], ["行政诉讼", "复议后起诉", "总计"]).value == 19
    public_interest = ["申请人情况", "法人或其他组织", "社会公益组织"]
    assert cell(stats, "applications", NEW, public_interest).value == 0
    columns = {tuple(s.column) for s in stats if s.table == "applications"}
    assert len(columns) == 7


def test_every_applications_row_and_column_is_read(read) -> None:
    for rel in ["reports/huaian_2024_annual_report.pdf", "reports/pingtan_2024_annual_report.html"]:
        stats, _ = extract_statistics(read(rel))
        assert len([s for s in stats if s.table == "applications"]) == 25 * 7
        assert len([s for s in stats if s.table == "review_litigation"]) == 15
        assert len([s for s in stats if s.table == "proactive"]) == 10


def test_markdown_and_flattened_pipe_tables(read) -> None:
    stats, warnings = extract_statistics(
        read("reports/partial/wuhan_hanyang_gov_office_2022_annual_report_excerpt.md")
    )
    normative = ["第二十条第（一）项", "行政规范性文件"]
    assert cell(stats, "proactive", normative, ["本年制发件数"]).value == 5
    rules = cell(stats, "proactive", ["第二十条第（一）项", "规章"], ["现行有效件数（历史累计）"])
    assert (rules.value, rules.blank) == (0, True)  # printed blank: 0, and marked so
    assert cell(stats, "applications", NEW, ["申请人情况", "法人或其他组织", "商业企业"]).value == 0
    assert cell(stats, "applications", NEW, TOTAL).value == 8
    assert any("截断" in w for w in warnings)  # the excerpt stops inside the table

    stats, _ = extract_statistics(
        read("reports/partial/xixian_dizhang_subdistrict_2023_annual_report_excerpt.txt")
    )
    assert (
        cell(stats, "proactive", ["第二十条第（一）项", "规范性文件"], ["对外公开总数量"]).value == 0
    )  # 2019 columns
    stats, _ = extract_statistics(read("reports/partial/yangling_audit_2022_annual_report_excerpt.txt"))
    assert (
        cell(
            stats, "proactive", ["第二十条第（八）项", "行政事业性收费"], ["本年收费金额（单位：万元）"]
        ).unit
        == "万元"
    )


def test_blank_template_is_not_a_report_of_zeros(read) -> None:
    stats, warnings = extract_statistics(read("law/annual_report_format_template_2021.md"))
    assert [s for s in stats if s.source == "table"] == []
    assert any("空白" in w for w in warnings)


def test_missing_tables_give_no_cells(read) -> None:
    stats, _ = extract_statistics(read("reports/partial/shenyang_hunnan_sasac_2022_annual_report.txt"))
    assert [s for s in stats if s.source == "table"] == []


def test_every_grid_cell_has_its_slot_and_is_verified(read) -> None:
    """Real grids (PDF, HTML) whose arithmetic holds: each 2021 slot once, every cell proven."""
    expected = {slot.id for table in template().tables for slot in template().slots_in(table, "2021")}
    for rel in ["reports/huaian_2024_annual_report.pdf", "reports/pingtan_2024_annual_report.html"]:
        stats, _ = extract_statistics(read(rel))
        cells = [s for s in stats if s.source == "table"]
        assert sorted(s.slot or "" for s in cells) == sorted(expected)
        assert all(s.verified for s in cells)
        assert all(not s.verified and s.slot is None for s in stats if s.source == "prose")
    stats, _ = extract_statistics(read("reports/huaian_2024_annual_report.pdf"))
    (unknown,) = [s for s in stats if s.slot == "applications.unable.not_held.total"]
    assert unknown.value == 769
    (fees,) = [s for s in stats if s.slot == "proactive.fees.amount"]
    assert (fees.value, fees.unit) == (96171.6, "万元")


def test_the_2019_columns_fill_the_2019_slots(read) -> None:
    rel = "reports/partial/xixian_dizhang_subdistrict_2023_annual_report_excerpt.txt"
    stats, _ = extract_statistics(read(rel))
    slots = {s.slot for s in stats if s.source == "table"}
    assert {
        "proactive.normative.public_total",
        "proactive.regulations.made",
        "proactive.licensing.change",
    } <= slots
    assert not any(slot and slot.endswith((".issued", ".in_force")) for slot in slots)
    assert template().edition_of("proactive", {s for s in slots if s}) == "2019"
