"""Short names of departments by rule, and offices that publish for their government."""

from __future__ import annotations

import pytest

from bot.corpus import load_corpus
from bot.corpus.abbreviations import abbreviations, full_name
from bot.corpus.agencies import (
    AgencyFile,
    build_registry,
    generated_aliases,
    misprinted_places,
    read_agency_file,
)
from bot.corpus.models import Corpus
from tests.corpus.conftest import CopyCorpus, Variant

EXAMPLES = abbreviations().example
DEPARTMENTS = (
    "guides/pingtan_public_security_bureau_disclosure_guide.txt",
    "guides/pingtan_economic_development_bureau_disclosure_guide.txt",
    "reports/pingtan_transport_construction_bureau_2022_annual_report.txt",
    "reports/pingtan_public_security_bureau_2022_annual_report.html",
)
PINGTAN_2012 = "reports/pingtan_2012_annual_report.txt"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_abbreviation_example(example) -> None:
    aliases = generated_aliases(example.name)
    assert set(example.short) <= aliases
    assert not set(example.not_short) & aliases
    if example.full:
        assert full_name(example.name) == example.full


def test_department_short_names_resolve_in_the_corpus(corpus: Corpus) -> None:
    for short, name in [
        ("平潭综合实验区交建局", "平潭综合实验区交通与建设局"),
        ("平潭综合实验区经发局", "平潭综合实验区经济发展局"),
        ("平潭综合实验区财金局", "平潭综合实验区财政金融局"),
    ]:
        agency = corpus.agencies.resolve(short)
        assert agency is not None and agency.name == name, short


def test_a_short_name_two_agencies_would_share_is_dropped() -> None:
    registry = build_registry(AgencyFile(), ["漳州市交通与建设局", "漳州市交通与建筑局"])
    assert registry.resolve("漳州市交建局") is None
    registry = build_registry(AgencyFile(), ["漳州市交通与建设局", "泉州市交通与建设局"])
    agency = registry.resolve("泉州市交建局")
    assert agency is not None and agency.name == "泉州市交通与建设局"


def test_the_office_that_compiled_the_government_report_is_related(bare_corpus: CopyCorpus) -> None:
    """No agencies.toml: the 2012 report's by-line says the 管委会办公室 made the 管委会's report;
    the departments, which sign their own reports, stay unrelated agencies."""
    corpus = load_corpus(bare_corpus(PINGTAN_2012, *DEPARTMENTS))
    office = corpus.agencies.resolve("平潭综合实验区管委会办公室")
    assert office is not None and office.parent == "平潭综合实验区管委会"
    for name in ("平潭综合实验区公安局", "平潭综合实验区经济发展局", "平潭综合实验区交通与建设局"):
        agency = corpus.agencies.resolve(name)
        assert agency is not None and agency.parent is None, name
        assert all(a.parent != name for a in corpus.agencies.agencies), name


def test_the_same_relation_for_another_area(variant: Variant) -> None:
    path = variant(PINGTAN_2012, {"平潭": "古雷"})
    corpus = load_corpus(path.parent)
    office = corpus.agencies.resolve("古雷综合实验区管委会办公室")
    assert office is not None and office.parent == "古雷综合实验区管委会"


def test_city_office_that_compiled_the_city_report(corpus: Corpus) -> None:
    office = corpus.agencies.resolve("淮安市人民政府办公室")
    assert office is not None and office.parent == "淮安市人民政府"
    assert corpus.agencies.resolve("上海市人民政府办公厅").parent is None  # its own report, no compiler named


def test_an_operator_parent_is_for_offices_only(tmp_path) -> None:
    """A department given a parent would answer for its government (and the reverse)."""
    (tmp_path / "agencies.toml").write_text(
        '[[agency]]\nname = "漳州市公安局"\nparent = "漳州市人民政府"\n'
        '[[agency]]\nname = "漳州市人民政府办公室"\nparent = "漳州市人民政府"\n',
        encoding="utf-8",
    )
    registry = build_registry(read_agency_file(tmp_path))
    police, office = registry.resolve("漳州市公安局"), registry.resolve("漳州市人民政府办公室")
    assert police is not None and police.parent is None
    assert office is not None and office.parent == "漳州市人民政府"
    assert any("漳州市公安局" in w and "parent ignored" in w for w in registry.warnings)


def test_the_bundled_departments_have_no_parent(corpus: Corpus) -> None:
    for agency in corpus.agencies.agencies:
        if agency.parent:
            assert agency.name.endswith(("办公室", "办公厅", "办")), agency.name
    assert not [w for w in corpus.agencies.warnings if "parent" in w]


SEED = "seed/zhangdian_ajj_2017_annual_report.txt"


def test_a_department_report_compiled_under_its_former_name(bare_corpus: CopyCorpus) -> None:
    """No agencies.toml: the report titled 张店区应急管理局… says 由区安监局编制."""
    corpus = load_corpus(bare_corpus(SEED))
    assert corpus.documents[0].meta.compiled_by == "张店区安监局"
    agency = corpus.agencies.resolve("张店区安监局")
    assert agency is not None and agency.name == "张店区应急管理局"


def test_the_same_renaming_elsewhere(variant: Variant) -> None:
    path = variant(SEED, {"张店区应急管理局": "淄川区生态环境局", "区安监局": "区环保局", "张店": "淄川"})
    corpus = load_corpus(path.parent)
    agency = corpus.agencies.resolve("淄川区环保局")
    assert agency is not None and agency.name == "淄川区生态环境局"


def test_a_government_report_compiled_by_a_department_names_no_one_else(tmp_path) -> None:
    (tmp_path / "report.txt").write_text(
        "漳州市人民政府2023年政府信息公开工作年度报告\n"
        "本报告由漳州市政务服务管理局根据《中华人民共和国政府信息公开条例》编制。"
        "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n2023年，全市政务公开工作稳步推进。\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert (doc.meta.agency, doc.meta.compiled_by) == ("漳州市人民政府", "漳州市政务服务管理局")
    assert corpus.agencies.resolve("漳州市政务服务管理局") is None  # neither an alias nor an office
    assert all(a.parent is None for a in corpus.agencies.agencies)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # No 沐阳县 exists; 沭阳县, spelled right by another name, is a character away.
        (["沐阳县人民政府", "沭阳县发展和改革局"], {"沐阳县人民政府": "沭阳县人民政府"}),
        (["沐阳县人民政府"], {}),  # nothing in the corpus to say what was meant
        (["钟楼区人民政府", "鼓楼区人民政府"], {}),  # both real places
        (["平潭综合实验区管委会", "平潭县人民政府"], {}),  # part of it is a place
        (["沐阳县人民政府", "沭阳县发展和改革局", "泌阳县人民政府"], {}),  # two places would fit
    ],
)
def test_a_misprinted_place_is_read_as_the_place_the_corpus_spells(names, expected) -> None:
    assert misprinted_places(names) == expected


def test_the_misprinted_report_is_its_agencys_and_check_says_so(corpus: Corpus) -> None:
    report = next(d for d in corpus.documents if d.id == "reports/shuyang_county_gov_2025_annual_report.txt")
    assert report.meta.agency == "沐阳县人民政府"  # the document as printed
    assert corpus.agencies.canonical(report.meta.agency) == "沭阳县人民政府"
    assert corpus.agencies.canonical("沭阳县") == "沭阳县人民政府"
    assert any("沐阳县" in w and "江苏省宿迁市沭阳县" in w for w in corpus.agencies.warnings)
