"""The twelve dev3 documents (docs/corpus-sources.md), shipped without sidecars and written
by other sites than the batch2 ones: new layouts of the same classes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.corpus import load_corpus, load_document
from bot.corpus.models import Corpus, DocKind, DocumentMeta
from tests.corpus.conftest import CopyCorpus, Variant, document

REPORT, GUIDE, ITEM = DocKind.REPORT, DocKind.GUIDE, DocKind.ITEM
# file -> (agency, year, kind); where the provenance table names another body, the comment says why.
SOURCES: dict[str, tuple[str, int | None, DocKind]] = {
    "reports/hongze_district_gov_2023_annual_report.pdf": ("洪泽区人民政府", 2023, REPORT),
    "reports/hongze_district_gov_2024_annual_report.pdf": ("淮安市洪泽区人民政府", 2024, REPORT),
    "reports/shuyang_development_reform_bureau_2023_annual_report.html": ("沭阳县发展和改革局", 2023, REPORT),
    "reports/shuyang_county_gov_2025_annual_report.txt": (
        "沐阳县人民政府",
        2025,
        REPORT,
    ),  # as the file spells it
    # The report only says 上海市科委; the informal short name stands for its official one.
    "reports/shanghai_science_technology_commission_2024_annual_report.md": (
        "上海市科学技术委员会",
        2024,
        REPORT,
    ),
    "reports/partial/chongqing_jiulongpo_erlang_subdistrict_2022_annual_report_excerpt.txt": (
        "重庆市九龙坡区二郎街道办事处",
        2022,
        REPORT,
    ),
    "guides/jiyuan_dayu_town_disclosure_guide_excerpt.txt": ("济源市大峪镇人民政府", None, GUIDE),
    "guides/huaian_qingjiangpu_qingjiang_subdistrict_disclosure_guide_excerpt.txt": (
        "清江街道办事处",
        2025,
        GUIDE,
    ),
    "guides/lianyungang_gov_office_disclosure_guide_excerpt.txt": ("连云港市人民政府办公室", 2025, GUIDE),
    "items/zibo_gaoqing_county_gaozhengfa_2021_1_normative_documents_measures_excerpt.txt": (
        "高青县人民政府",
        2021,
        ITEM,
    ),
    # The table names the 发布机构 (太湖县人民政府办公室); the county government issued and signed it,
    # exactly as 高青县人民政府 did its 高政发 (whose 发文机关 field also names the office).
    "items/anqing_taihu_county_gov_work_rules_2019_excerpt.txt": ("太湖县人民政府", 2019, ITEM),
    "items/hanzhong_zhenba_county_zhenzhengfa_2024_7_gov_work_rules_excerpt.txt": (
        "镇巴县人民政府",
        2024,
        ITEM,
    ),
}


def check(rel: str, meta: DocumentMeta) -> None:
    agency, year, kind = SOURCES[rel]
    assert (meta.agency, meta.year, meta.kind) == (agency, year, kind), rel
    assert not meta.title.endswith("excerpt"), rel  # a title was read, not the file name


@pytest.mark.parametrize("rel", sorted(SOURCES))
def test_in_the_bundled_corpus(corpus: Corpus, rel: str) -> None:
    doc = document(corpus, rel)
    check(rel, doc.meta)
    assert not any("could not be told" in w or "no title" in w for w in doc.warnings), doc.warnings


@pytest.mark.parametrize("rel", sorted(SOURCES))
def test_alone_without_the_agency_file(bare_corpus: CopyCorpus, rel: str) -> None:
    root = bare_corpus(rel)
    check(rel, load_document(root / rel, root).meta)


def test_two_years_of_one_district_are_one_agency(corpus: Corpus) -> None:
    names = {
        corpus.agencies.canonical(
            document(corpus, f"reports/hongze_district_gov_{year}_annual_report.pdf").meta.agency
        )
        for year in (2023, 2024)
    }
    assert names == {"淮安市洪泽区人民政府"}
    office = corpus.agencies.resolve("淮安市洪泽区人民政府办公室")  # 本报告由…办公室…编制
    assert office is not None and office.parent == "淮安市洪泽区人民政府"


def test_item_blocks_in_other_layouts(corpus: Corpus) -> None:
    gaoqing = document(
        corpus, "items/zibo_gaoqing_county_gaozhengfa_2021_1_normative_documents_measures_excerpt.txt"
    )
    assert (
        gaoqing.meta.title == "高青县人民政府关于印发高青县行政规范性文件管理办法的通知"
    )  # "…的通知发文机关"
    assert gaoqing.meta.publisher == "高青县人民政府办公室"
    assert (gaoqing.meta.doc_no, gaoqing.meta.index_no) == (
        "高政发〔2021〕1号",
        "11370322004222241N/2021-5135380",
    )
    assert (gaoqing.meta.written, gaoqing.meta.validity) == (date(2021, 3, 26), "有效")
    zhenba = document(corpus, "items/hanzhong_zhenba_county_zhenzhengfa_2024_7_gov_work_rules_excerpt.txt")
    assert (zhenba.meta.doc_no, zhenba.meta.index_no) == ("镇政发〔2024〕7号", "6107280000/2024-001005")
    assert zhenba.meta.written == date(2024, 4, 6)  # "• 发文日期:" then the value
    taihu = document(corpus, "items/anqing_taihu_county_gov_work_rules_2019_excerpt.txt")
    assert (taihu.meta.index_no, taihu.meta.publisher) == ("003129766/201901-00336", "太湖县人民政府办公室")
    assert "首页" not in taihu.sections[0].text  # the breadcrumb is page furniture, not body
    qingjiang = document(
        corpus, "guides/huaian_qingjiangpu_qingjiang_subdistrict_disclosure_guide_excerpt.txt"
    )
    assert qingjiang.meta.index_no == "11320812MB0399947E/2025-00005"  # "索 引 号 1132…" without a colon
    assert qingjiang.meta.published == date(2025, 5, 19)


def test_spaced_labels_without_colons_elsewhere(variant: Variant) -> None:
    path = variant(
        "guides/huaian_qingjiangpu_qingjiang_subdistrict_disclosure_guide_excerpt.txt",
        {
            "清江街道": "浦楼街道",
            "11320812MB0399947E/2025-00005": "11320812MB0399999X/2024-00012",
            "2025-05-19": "2024-03-02",
        },
    )
    meta = load_document(path, path.parent).meta
    assert (meta.title, meta.kind, meta.agency, meta.year) == (
        "浦楼街道政府信息公开指南",
        GUIDE,
        "浦楼街道办事处",
        2024,
    )
    assert meta.index_no == "11320812MB0399999X/2024-00012"


def test_lone_labels_and_a_glued_label_elsewhere(variant: Variant) -> None:
    path = variant(
        "items/zibo_gaoqing_county_gaozhengfa_2021_1_normative_documents_measures_excerpt.txt",
        {"高青县": "沂源县", "高政发": "源政发", "2021": "2022", "11370322004222241N": "11370323004301112M"},
    )
    meta = load_document(path, path.parent).meta
    assert (meta.kind, meta.agency, meta.year) == (ITEM, "沂源县人民政府", 2022)
    assert (meta.doc_no, meta.publisher) == ("源政发〔2022〕1号", "沂源县人民政府办公室")


def test_a_guide_that_only_says_this_agency(variant: Variant) -> None:
    """ "本机关" and the 三定 regulation it cites name the agency; or the place it keeps naming."""
    path = variant("guides/lianyungang_gov_office_disclosure_guide_excerpt.txt", {"连云港": "盐城"})
    assert load_document(path, path.parent).meta.agency == "盐城市人民政府办公室"
    path = variant(
        "guides/jiyuan_dayu_town_disclosure_guide_excerpt.txt", {"大峪": "王屋", "济源": "洛阳"}, name="t.txt"
    )
    assert load_document(path, path.parent).meta.agency == "洛阳市王屋镇人民政府"


def test_every_contact_of_the_new_documents_stays_with_its_agency(corpus: Corpus) -> None:
    hongze = document(corpus, "reports/hongze_district_gov_2024_annual_report.pdf")
    (contact,) = hongze.contacts
    assert contact.agency == contact.office == "淮安市洪泽区人民政府办公室"  # the office it names
    assert [p.display for p in contact.phones] == ["0517-87290606"]
    dayu = document(corpus, "guides/jiyuan_dayu_town_disclosure_guide_excerpt.txt")
    assert {c.agency for c in dayu.contacts} == {"济源市大峪镇人民政府"}
    receiving = next(c for c in dayu.contacts if c.role == "受理机构")
    assert receiving.office == "济源市大峪镇人民政府办公室"  # the name on the line above its address


def test_every_new_document_in_one_corpus(bare_corpus: CopyCorpus) -> None:
    corpus = load_corpus(bare_corpus(*SOURCES))
    assert corpus.failures == []
    for doc in corpus.documents:
        check(doc.id, doc.meta)
