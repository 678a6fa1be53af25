"""The agency registry: the operator's names, names from documents, generated short names."""

from __future__ import annotations

from pathlib import Path

from bot.corpus import load_corpus
from bot.corpus.agencies import AgencyFile, build_registry, generated_aliases, read_agency_file
from bot.corpus.models import Agency, AgencyRegistry, Corpus
from tests.corpus.conftest import CopyCorpus

SEED = "seed/zhangdian_ajj_2017_annual_report.txt"


def test_former_names_and_nicknames_resolve(corpus: Corpus) -> None:
    registry = corpus.agencies
    for name in ("张店区安监局", "区安监局", "张店区安全生产监督管理局", "张店应急局", "張店區安監局"):
        agency = registry.resolve(name)
        assert agency is not None and agency.name == "张店区应急管理局", name
    zhangdian = registry.resolve("张店区应急管理局")
    assert zhangdian is not None
    assert (zhangdian.region, zhangdian.area_code) == ("山东省淄博市张店区", "0533")


def test_agencies_mentioned_in_a_question(corpus: Corpus) -> None:
    question = "我想问一下区安监局和淮安市政府的电话，还有淮安区的"
    mentions = corpus.agencies.find_mentions(question)
    assert [(m.agency, m.alias) for m in mentions] == [
        ("张店区应急管理局", "区安监局"),
        ("淮安市人民政府", "淮安市政府"),
    ]
    assert question[mentions[0].start : mentions[0].end] == "区安监局"
    assert [a.name for a in corpus.agencies.mentioned("平潭综合实验区管委会办公室在哪里")] == [
        "平潭综合实验区管委会办公室"
    ]


def test_every_document_agency_is_known(corpus: Corpus) -> None:
    for doc in corpus.documents:
        if doc.meta.agency:
            assert corpus.agencies.resolve(doc.meta.agency) is not None, doc.id
    assert corpus.agencies.resolve("区人民政府办公室") is None  # a 来源 that only means something in place
    sasac = corpus.agencies.resolve("浑南区国资局")  # how its report names itself
    assert sasac is not None and sasac.name == "沈阳市浑南区人民政府国有资产监督管理局"
    assert sasac.area_code == "024"


def test_pingtan_bodies_share_the_fuzhou_area_code(corpus: Corpus) -> None:
    for name in (
        "平潭综合实验区管委会",
        "平潭综合实验区管委会办公室",
        "平潭县人民政府",
        "平潭综合实验区自然资源与生态环境局",
    ):
        agency = corpus.agencies.resolve(name)
        assert agency is not None and agency.area_code == "0591", name


def test_generated_aliases_are_sound() -> None:
    assert generated_aliases("淮安市人民政府") == {"淮安市", "淮安市政府", "淮安"}
    assert "汉阳区人民政府办公室" in generated_aliases("武汉市汉阳区人民政府办公室")
    assert "广东从化经济开发区管委会" in generated_aliases("广东从化经济开发区管理委员会")
    zhangdian = generated_aliases("张店区应急管理局")
    assert "张店区应急局" in zhangdian and "区应急管理局" not in zhangdian  # never without its place


def test_an_alias_two_agencies_would_share_is_dropped() -> None:
    registry = build_registry(AgencyFile(), ["甲市乙区人民政府", "丙市乙区人民政府"])
    for shared in ("乙区", "乙区政府", "乙区人民政府"):
        assert registry.resolve(shared) is None, shared
    first = registry.resolve("甲市乙区政府")
    assert first is not None and first.name == "甲市乙区人民政府"


def test_operator_alias_listed_twice_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "agencies.toml").write_text(
        '[[agency]]\nname = "甲局"\naliases = ["区局"]\n[[agency]]\nname = "乙局"\naliases = ["区局"]\n',
        encoding="utf-8",
    )
    registry = build_registry(read_agency_file(tmp_path))
    assert registry.resolve("区局") is None
    assert any("区局" in w for w in registry.warnings)


def test_broken_agency_file_is_reported_and_documents_still_load(bare_corpus: CopyCorpus) -> None:
    root = bare_corpus(SEED)
    (root / "agencies.toml").write_text('[[agency]]\nname = "甲局"\narea_code = "533"\n', encoding="utf-8")
    corpus = load_corpus(root)
    assert [d.id for d in corpus.documents] == [SEED]
    (failure,) = corpus.failures
    assert failure.path == "agencies.toml" and "area_code" in failure.reason
    (root / "agencies.toml").write_text("[[agency]\nname = ", encoding="utf-8")
    (failure,) = load_corpus(root).failures
    assert "unreadable agency file" in failure.reason


def test_registry_survives_serialisation_and_copies(corpus: Corpus) -> None:
    stored = AgencyRegistry.model_validate_json(corpus.agencies.model_dump_json())
    agency = stored.resolve("区安监局")
    assert agency is not None and agency.name == "张店区应急管理局"
    other = stored.model_copy(update={"agencies": [Agency(name="甲局", aliases=["区安监局"])]})
    moved = other.resolve("区安监局")
    assert moved is not None and moved.name == "甲局"
