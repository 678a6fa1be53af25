"""The batch2 documents, shipped without sidecars, load with the agency, year and kind of their
provenance table (batch2 SOURCES.md), in the bundled corpus and each on its own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.corpus import load_document
from bot.corpus.models import Corpus, DocKind, DocumentMeta, ReportTemplate
from tests.corpus.conftest import CopyCorpus, document

NATIONAL, PRE2019 = ReportTemplate.NATIONAL, ReportTemplate.PRE2019
# file -> (agency, years, kind, template); the provenance table transcribed.
SOURCES: dict[str, tuple[str, set[int], DocKind, ReportTemplate | None]] = {
    "reports/pingtan_public_security_bureau_2022_annual_report.html": (
        "平潭综合实验区公安局",
        {2022},
        DocKind.REPORT,
        NATIONAL,
    ),
    "reports/pingtan_public_security_bureau_2021_annual_report.txt": (
        "平潭综合实验区公安局",
        {2021},
        DocKind.REPORT,
        NATIONAL,
    ),
    "reports/pingtan_transport_construction_bureau_2022_annual_report.txt": (
        "平潭综合实验区交通与建设局",
        {2022},
        DocKind.REPORT,
        NATIONAL,
    ),
    "reports/shanghai_gov_office_2025_annual_report.md": (
        "上海市人民政府办公厅",
        {2025},
        DocKind.REPORT,
        NATIONAL,
    ),
    # SOURCES says 管委会（办公室）: the 管委会's report, compiled by its office (see authors below).
    "reports/pingtan_2012_annual_report.txt": ("平潭综合实验区管委会", {2012}, DocKind.REPORT, PRE2019),
    "guides/pingtan_public_security_bureau_disclosure_guide.txt": (
        "平潭综合实验区公安局",
        {2021},
        DocKind.GUIDE,
        None,
    ),
    # 发布时间 2022-12-04, republished 2023-11-22 (its address): SOURCES says 2022/2023.
    "guides/pingtan_economic_development_bureau_disclosure_guide.txt": (
        "平潭综合实验区经济发展局",
        {2022, 2023},
        DocKind.GUIDE,
        None,
    ),
    "items/gov_cn_item_guobanfamingdian_2018_15_holiday_schedule_2019.html": (
        "国务院办公厅",
        {2018},
        DocKind.ITEM,
        None,
    ),
    "items/gov_cn_item_guofa_2018_44_science_technology_awards.html": ("国务院", {2018}, DocKind.ITEM, None),
    "items/gov_cn_item_guobanhan_2018_71_website_consolidation_pilot.html": (
        "国务院办公厅",
        {2018},
        DocKind.ITEM,
        None,
    ),
    "items/gov_cn_item_guobanhan_1996_14_guangdong_hk_macao_weather_stations.html": (
        "国务院办公厅",
        {1996},
        DocKind.ITEM,
        None,
    ),
    "statistics/wanzai_county_2022_statistical_bulletin.html": ("万载县统计局", {2022}, DocKind.ITEM, None),
    "statistics/yichun_city_2022_statistical_bulletin.html": ("宜春市统计局", {2022}, DocKind.ITEM, None),
    "statistics/shenzhen_2021_gender_statistics_report.pdf": ("深圳市统计局", {2021}, DocKind.ITEM, None),
}
# 索引号 and 文号 of the disclosed items.
NUMBERS = {
    "items/gov_cn_item_guobanfamingdian_2018_15_holiday_schedule_2019.html": (
        "000014349/2018-00213",
        "国办发明电〔2018〕15号",
    ),
    "items/gov_cn_item_guofa_2018_44_science_technology_awards.html": (
        "000014349/2018-00227",
        "国发〔2018〕44号",
    ),
    "items/gov_cn_item_guobanhan_2018_71_website_consolidation_pilot.html": (
        "000014349/2018-00204",
        "国办函〔2018〕71号",
    ),
    "items/gov_cn_item_guobanhan_1996_14_guangdong_hk_macao_weather_stations.html": (
        "000014349/1996-00074",
        "国办函〔1996〕14号",
    ),
    "statistics/wanzai_county_2022_statistical_bulletin.html": ("014742224A/2023-0043406", None),
    "statistics/yichun_city_2022_statistical_bulletin.html": ("014717475N/2023-0040295", None),
    "statistics/shenzhen_2021_gender_statistics_report.pdf": (None, None),
}


def check(rel: str, meta: DocumentMeta) -> None:
    agency, years, kind, template = SOURCES[rel]
    assert (meta.agency, meta.kind, meta.template) == (agency, kind, template), rel
    assert meta.year in years, rel
    assert {"agency", "year", "kind"} <= set(meta.inferred), rel  # no sidecar
    if rel in NUMBERS:
        assert (meta.index_no, meta.doc_no) == NUMBERS[rel], rel


@pytest.mark.parametrize("rel", sorted(SOURCES))
def test_in_the_bundled_corpus(corpus: Corpus, rel: str) -> None:
    doc = document(corpus, rel)
    check(rel, doc.meta)
    assert not any("could not be told" in w for w in doc.warnings), doc.warnings


@pytest.mark.parametrize("rel", sorted(SOURCES))
def test_alone_without_the_agency_file(bare_corpus: CopyCorpus, rel: str) -> None:
    root = bare_corpus(rel)
    check(rel, load_document(root / rel, root).meta)


def test_statistics_bulletins_are_items_of_the_bureau_with_their_dates(corpus: Corpus) -> None:
    wanzai = document(corpus, "statistics/wanzai_county_2022_statistical_bulletin.html").meta
    assert wanzai.title == "万载县2022年国民经济和社会发展统计公报"  # "| 万载县人民政府" is the site
    assert wanzai.written == date(2023, 5, 11)  # 生成日期; the year is the period it covers
    assert wanzai.publisher == "万载县统计局"  # 责任部门
    assert wanzai.authors == ["万载县统计局", "国家统计局万载调查队"]
    yichun = document(corpus, "statistics/yichun_city_2022_statistical_bulletin.html").meta
    assert (yichun.title, yichun.written) == ("宜春市2022年国民经济和社会发展统计公报", date(2023, 4, 18))


def test_joint_issuers_of_the_gender_statistics_report(corpus: Corpus) -> None:
    meta = document(corpus, "statistics/shenzhen_2021_gender_statistics_report.pdf").meta
    assert meta.title == "2021年深圳市社会性别统计报告"
    assert meta.authors == ["深圳市统计局", "深圳市妇女儿童工作委员会", "深圳市性别平等促进办公室"]


def test_reports_know_who_compiled_and_signed_them(corpus: Corpus) -> None:
    pingtan = document(corpus, "reports/pingtan_2012_annual_report.txt").meta
    assert pingtan.publisher == "平潭综合实验区管委会"  # the page's 发布机构
    assert pingtan.authors == ["平潭综合实验区管委会办公室"]  # the by-line under the title
    police = document(corpus, "reports/pingtan_public_security_bureau_2021_annual_report.txt").meta
    assert police.authors == ["平潭综合实验区公安局"]  # "…情况。 平潭综合实验区公安局2022年1月7日"
    assert police.published == date(2022, 1, 14)
    # Both end with a signature or page links ("附件下载"), not mid-sentence.
    assert pingtan.complete and police.complete
    transport = document(corpus, "reports/pingtan_transport_construction_bureau_2022_annual_report.txt")
    assert transport.meta.complete


def test_item_dates(corpus: Corpus) -> None:
    holiday = document(corpus, "items/gov_cn_item_guobanfamingdian_2018_15_holiday_schedule_2019.html").meta
    assert (holiday.written, holiday.published) == (date(2018, 12, 4), date(2018, 12, 6))
    assert holiday.year == 2018  # made in 2018, about 2019's holidays
    weather = document(corpus, "items/gov_cn_item_guobanhan_1996_14_guangdong_hk_macao_weather_stations.html")
    assert (weather.meta.written, weather.meta.published) == (date(1996, 2, 6), date(2018, 12, 3))
