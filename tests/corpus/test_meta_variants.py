"""The layouts of the batch2 documents with another agency, place and year: the inference
is general, so a rule written for one file fails here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.corpus import load_corpus, load_document
from bot.corpus.models import DocKind, ReportTemplate
from tests.corpus.conftest import Variant

WANZAI = "statistics/wanzai_county_2022_statistical_bulletin.html"
YICHUN = "statistics/yichun_city_2022_statistical_bulletin.html"
PINGTAN_2012 = "reports/pingtan_2012_annual_report.txt"
POLICE_2021 = "reports/pingtan_public_security_bureau_2021_annual_report.txt"
HOLIDAYS = "items/gov_cn_item_guobanfamingdian_2018_15_holiday_schedule_2019.html"
SHANGHAI = "reports/shanghai_gov_office_2025_annual_report.md"
GUIDE = "guides/pingtan_economic_development_bureau_disclosure_guide.txt"


def test_county_bulletin_with_an_index_block(variant: Variant) -> None:
    path = variant(
        WANZAI,
        {
            "万载": "铜鼓",
            "014742224A/2023-0043406": "0147423X1B/2024-0051234",
            "2022": "2023",
            "2023": "2024",
        },
    )
    meta = load_document(path, path.parent).meta
    assert meta.kind is DocKind.ITEM
    assert meta.title == "铜鼓县2023年国民经济和社会发展统计公报"
    assert (meta.agency, meta.year) == ("铜鼓县统计局", 2023)  # 责任部门; the period, not 生成日期 2024
    assert meta.index_no == "0147423X1B/2024-0051234"
    assert meta.written == date(2024, 5, 11)


def test_city_bulletin_published_by_its_bureau(variant: Variant) -> None:
    path = variant(YICHUN, {"宜春": "吉安", "014717475N": "014720113K", "2022": "2021", "2023": "2022"})
    meta = load_document(path, path.parent).meta
    assert (meta.kind, meta.agency, meta.year) == (DocKind.ITEM, "吉安市统计局", 2021)
    assert meta.title == "吉安市2021年国民经济和社会发展统计公报"  # without "| 中国吉安"


def test_bulletin_without_its_index_block_keeps_the_bureau_of_its_by_line(variant: Variant) -> None:
    """No 责任部门/发布机构: the by-line names the issuer, not the county in the title."""
    path = variant(WANZAI, {"万载": "上高"}, drop=("责任部门", "索 引 号", "014742224A"))
    meta = load_document(path, path.parent).meta
    assert meta.kind is DocKind.ITEM
    assert meta.agency == "上高县统计局"
    assert meta.authors == ["上高县统计局", "国家统计局上高调查队"]


def test_statistics_report_with_joint_issuers_as_text(tmp_path: Path) -> None:
    path = tmp_path / "gender.txt"
    path.write_text(
        "2023 年杭州市社会性别统计报告\n杭州市统计局\n杭州市妇女儿童工作委员会\n二〇二四年六月\n"
        "1 人口特征\n2023 年，杭州市常住人口1252.2万人，其中男性652.1万人，女性600.1万人。\n",
        encoding="utf-8",
    )
    meta = load_document(path, tmp_path).meta
    assert (meta.title, meta.kind, meta.agency, meta.year) == (
        "2023年杭州市社会性别统计报告",
        DocKind.ITEM,
        "杭州市统计局",
        2023,
    )
    assert meta.authors == ["杭州市统计局", "杭州市妇女儿童工作委员会"]


def test_managed_area_report_by_its_office(variant: Variant) -> None:
    """A report about a place run by a 管委会, compiled by the 管委会's office."""
    path = variant(
        PINGTAN_2012, {"平潭": "古雷", "2012": "2013", "二〇一三": "二〇一四", "二○一三": "二○一四"}
    )
    meta = load_document(path, path.parent).meta
    assert (meta.kind, meta.template, meta.year) == (DocKind.REPORT, ReportTemplate.PRE2019, 2013)
    assert meta.agency == "古雷综合实验区管委会"
    assert meta.authors == ["古雷综合实验区管委会办公室"]
    # Without the page's 发布机构 and 来源, the by-line office names its 管委会.
    path = variant(PINGTAN_2012, {"平潭": "古雷"}, drop=("发布机构",), name="bare.txt")
    lines = path.read_text(encoding="utf-8").replace("来源：古雷综合实验区管委会 ", "")
    path.write_text(lines, encoding="utf-8")
    assert load_document(path, path.parent).meta.agency == "古雷综合实验区管委会"


def test_department_report_signed_on_its_last_line(variant: Variant) -> None:
    path = variant(POLICE_2021, {"平潭综合实验区公安局": "泉州市公安局", "2021": "2020", "2022": "2021"})
    meta = load_document(path, path.parent).meta
    assert (meta.agency, meta.year, meta.kind) == ("泉州市公安局", 2020, DocKind.REPORT)
    assert meta.authors == ["泉州市公安局"]
    assert meta.complete  # "…情况。 泉州市公安局2021年1月7日" is a signature, not a cut
    assert meta.published == date(2021, 1, 14)


def test_national_item_of_a_province(variant: Variant) -> None:
    path = variant(
        HOLIDAYS,
        {
            "国务院办公厅": "福建省人民政府办公厅",
            "000014349/2018-00213": "FJ00101-0300-2019-00012",
            "国办发明电〔2018〕15号": "闽政办〔2019〕3号",
            "2018": "2019",
            "2019": "2020",
        },
    )
    meta = load_document(path, path.parent).meta
    assert (meta.kind, meta.agency, meta.year) == (DocKind.ITEM, "福建省人民政府办公厅", 2019)
    assert (meta.index_no, meta.doc_no) == ("FJ00101-0300-2019-00012", "闽政办〔2019〕3号")
    assert meta.written == date(2019, 12, 4)


def test_report_title_split_over_lines_with_the_year_first(variant: Variant) -> None:
    path = variant(SHANGHAI, {"上海市人民政府办公厅": "杭州市人民政府办公厅", "2025": "2024", "上海": "杭州"})
    meta = load_document(path, path.parent).meta
    assert meta.title == "2024年杭州市人民政府办公厅政府信息公开工作年度报告"
    assert (meta.agency, meta.year, meta.template) == ("杭州市人民政府办公厅", 2024, ReportTemplate.NATIONAL)


def test_guide_year_is_its_publication(variant: Variant) -> None:
    path = variant(
        GUIDE, {"平潭综合实验区经济发展局": "厦门市同安区发展和改革局", "2022-12-04": "2024-03-08"}
    )
    meta = load_document(path, path.parent).meta
    assert (meta.kind, meta.agency, meta.year) == (DocKind.GUIDE, "厦门市同安区发展和改革局", 2024)


def test_every_variant_loads_in_one_corpus(variant: Variant) -> None:
    paths = [
        variant(WANZAI, {"万载": "铜鼓"}),
        variant(YICHUN, {"宜春": "吉安"}),
        variant(PINGTAN_2012, {"平潭": "古雷"}),
    ]
    corpus = load_corpus(paths[0].parent)
    assert corpus.failures == []
    assert {d.meta.agency for d in corpus.documents} == {
        "铜鼓县统计局",
        "吉安市统计局",
        "古雷综合实验区管委会",
    }


def test_relative_issuer_is_made_whole_with_the_place_of_the_page(variant: Variant) -> None:
    """发文机关 "区财政金融局" on a page of the 平潭综合实验区管委会."""
    rel = "items/pingtan_item_PZ00101-1700-2024-00452.html"
    original = variant(rel, {})
    assert load_document(original, original.parent).meta.agency == "平潭综合实验区财政金融局"
    path = variant(rel, {"区财政金融局": "区农业农村局", "平潭": "古雷"}, name="other.html")
    meta = load_document(path, path.parent).meta
    assert meta.agency == "古雷综合实验区农业农村局"
    assert meta.publisher == "区农业农村局"  # the page's words are kept as printed
