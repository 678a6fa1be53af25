"""Metadata inferred from the text alone (sidecars removed), from reader fields, and merged with sidecars."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.corpus import load_corpus, load_document
from bot.corpus.header import read_header
from bot.corpus.meta import infer_meta
from bot.corpus.models import AgencyRegistry, DocKind, ReportTemplate
from bot.corpus.raw import RawDocument
from tests.corpus.conftest import CopyCorpus, document

SEED = "seed/zhangdian_ajj_2017_annual_report.txt"
PINGTAN_2017 = "reports/pingtan_2017_annual_report.txt"
ITEM_72 = "items/pingtan_item_PZ00101-1700-2023-00072.html"
GUIDE = "guides/pingtan_disclosure_guide.txt"
LAW = "law/prc_ogi_regulations_2019.md"
HUAIAN = "reports/huaian_2024_annual_report.pdf"


def test_seed_report_without_sidecar(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(SEED)
    meta = load_document(root / SEED, root).meta
    assert meta.title == "张店区应急管理局2017年度政府信息公开年报"  # joined across its two lines
    assert meta.agency == "张店区应急管理局"
    assert meta.year == 2017
    assert meta.kind is DocKind.REPORT
    assert meta.template is ReportTemplate.PRE2019
    assert {"title", "agency", "year", "kind", "template"} <= set(meta.inferred)


def test_pingtan_2017_report_reads_its_header_block(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(PINGTAN_2017, agencies=True)
    meta = load_document(root / PINGTAN_2017, root).meta
    assert meta.title == "平潭综合实验区2017年度政府信息公开工作年度报告"
    assert meta.published == date(2018, 1, 23)
    assert meta.url == "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/201801/t20180123_80506.htm"
    assert meta.publisher == "平潭县人民政府"  # 来源
    assert meta.year == 2017
    assert (meta.kind, meta.template) == (DocKind.REPORT, ReportTemplate.PRE2019)
    # "平潭综合实验区" in the title is the operator's alias of the 管委会
    assert meta.agency == "平潭综合实验区管委会"


def test_pingtan_item_from_its_html_text(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(ITEM_72)
    meta = load_document(root / ITEM_72, root).meta
    assert meta.kind is DocKind.ITEM
    assert meta.index_no == "PZ00101-1700-2023-00072"
    assert meta.doc_no == "岚综管综〔2020〕35号"
    assert meta.publisher == "平潭综合实验区自然资源与生态环境局"
    assert meta.agency == "平潭综合实验区自然资源与生态环境局"
    assert meta.written == date(2020, 5, 20)
    assert meta.validity == "有效"
    assert meta.year == 2020
    assert meta.title.startswith("平潭综合实验区管委会关于废止《平潭综合实验区城市规划管理技术暂行规定》")


def test_reader_fields_win_over_the_text() -> None:
    """The format reader's labelled fields are used, and preferred where the text says otherwise."""
    raw = RawDocument(
        path="items/x.html",
        format="html",
        text="\n".join(
            [
                "有 效 性： 失效",
                "各片区管理局，区直各单位：",
                "决定废止《某规定》。",
                "平潭综合实验区管委会",
                "2020年5月20日",
            ]
        ),
        fields={
            "<title>": "平潭综合实验区管委会关于废止《某规定》的通知",
            "索引号": "PZ00101-1700-2023-00072",
            "发文字号": "岚综管综[2020]35号",
            "发文机关": "平潭综合实验区自然资源与生态环境局",
            "成文日期": "2020-05-20",
            "发布日期": "2020-05-21",
            "有效性": "有效",
        },
    )
    header = read_header(raw)
    values = infer_meta(header, header.body, AgencyRegistry(), [], "x").values
    assert values["kind"] is DocKind.ITEM
    assert values["title"] == "平潭综合实验区管委会关于废止《某规定》的通知"
    assert values["index_no"] == "PZ00101-1700-2023-00072"
    assert values["doc_no"] == "岚综管综〔2020〕35号"  # brackets normalised
    assert values["agency"] == "平潭综合实验区自然资源与生态环境局"
    assert values["written"] == date(2020, 5, 20)
    assert values["published"] == date(2020, 5, 21)
    assert values["validity"] == "有效"


def test_guide_and_law_kinds(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(GUIDE, LAW)
    corpus = load_corpus(root)
    guide, law = document(corpus, GUIDE).meta, document(corpus, LAW).meta
    assert guide.kind is DocKind.GUIDE
    assert guide.title == "平潭综合实验区政府信息公开指南"
    assert law.kind is DocKind.LAW
    assert law.title == "中华人民共和国政府信息公开条例"
    assert law.year == 2019  # the latest date of its preamble: revised 2019


def test_pdf_title_on_two_lines_and_national_template(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(HUAIAN)
    meta = load_document(root / HUAIAN, root).meta
    assert meta.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert meta.agency == "淮安市人民政府"
    assert (meta.year, meta.template) == (2024, ReportTemplate.NATIONAL)


def test_sidecar_wins_field_by_field(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(SEED)
    (root / SEED).with_name("zhangdian_ajj_2017_annual_report.meta.json").write_text(
        json.dumps({"title": "张店区安监局2017年年报", "url": "https://example.org/report"}), encoding="utf-8"
    )
    meta = load_document(root / SEED, root).meta
    assert meta.title == "张店区安监局2017年年报"
    assert meta.url == "https://example.org/report"
    assert meta.year == 2017  # not in the sidecar: inferred
    assert "title" not in meta.inferred and "url" not in meta.inferred
    assert "year" in meta.inferred


def test_sidecar_that_disagrees_is_reported(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(SEED)
    (root / "seed/zhangdian_ajj_2017_annual_report.meta.json").write_text(
        json.dumps({"year": 2018, "kind": "annual_report_pre2019", "colour": "red"}), encoding="utf-8"
    )
    doc = load_document(root / SEED, root)
    assert doc.meta.year == 2018
    assert any("year=2018" in w and "2017" in w for w in doc.warnings)
    assert any("colour" in w for w in doc.warnings)


def test_sidecars_and_agency_file_are_not_documents(corpus_dir: Path, bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(SEED, agencies=True)
    (root / "seed/zhangdian_ajj_2017_annual_report.meta.json").write_text('{"year": 2017}', encoding="utf-8")
    corpus = load_corpus(root)
    assert [doc.id for doc in corpus.documents] == [SEED]
    assert corpus.failures == []


def test_sidecar_kind_without_template_leaves_the_template_to_the_text(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(HUAIAN)
    (root / "reports/huaian_2024_annual_report.meta.json").write_text(
        '{"kind": "annual_report"}', encoding="utf-8"
    )
    meta = load_document(root / HUAIAN, root).meta
    assert (meta.kind, meta.template) == (DocKind.REPORT, ReportTemplate.NATIONAL)
    assert "template" in meta.inferred and "kind" not in meta.inferred


@pytest.mark.parametrize(
    ("rel", "title", "agency", "year"),
    [
        (  # a site banner ("政府信息公开") above the title, 来源/时间 under it
            "reports/partial/fuzhou_jinan_district_2016_annual_report_excerpt.txt",
            "福州市晋安区2016年政府信息公开工作年度报告",
            "福州市晋安区人民政府",
            2016,
        ),
        (  # the title broken after "政府"
            "reports/partial/xixian_dizhang_subdistrict_2023_annual_report_excerpt.txt",
            "西咸新区底张街道办事处2023年度政府信息公开工作年度报告",
            "西咸新区底张街道办事处",
            2023,
        ),
        (  # the year first: the city is the subject
            "reports/partial/shanghai_municipal_2022_annual_report_excerpt.txt",
            "2022年上海市政府信息公开工作年度报告",
            "上海市人民政府",
            2022,
        ),
        (  # a banner, then the title printed again on two lines
            "reports/partial/xixian_zhengyang_subdistrict_2023_annual_report_excerpt.txt",
            "正阳街道办事处2023年政府信息公开工作年度报告",
            "正阳街道办事处",
            2023,
        ),
        (  # no title at all: the report says who compiled it and for which period
            "reports/partial/nanping_municipal_2012_annual_report_excerpt.txt",
            "nanping_municipal_2012_annual_report_excerpt",
            "南平市人民政府",
            2012,
        ),
    ],
)
def test_titles_agencies_and_years_of_report_excerpts(
    bare_corpus: CopyCorpus, rel: str, title: str, agency: str, year: int
) -> None:
    root = bare_corpus(rel)
    doc = load_document(root / rel, root)
    assert (doc.meta.title, doc.meta.agency, doc.meta.year) == (title, agency, year)
    assert doc.meta.kind is DocKind.REPORT
    assert doc.meta.complete is False  # each excerpt stops mid-sentence


def test_guide_edition_line_joins_the_title(bare_corpus: CopyCorpus) -> None:
    rel = "guides/zhengzhou_disclosure_guide_excerpt.txt"
    root = bare_corpus(rel)
    meta = load_document(root / rel, root).meta
    assert (meta.title, meta.kind, meta.year) == ("政府信息公开指南(2021年版)", DocKind.GUIDE, 2021)
