"""Receiving offices and the agency search of the drafting conversation, over the real index."""

from __future__ import annotations

from pathlib import Path

from bot.assist.agency import office_lookup, registry_search
from bot.channels.drafting import offices_of
from bot.corpus.models import Corpus
from bot.text import to_halfwidth
from index.backend import KnowledgeBase

PINGTAN = "平潭综合实验区管委会办公室"
# The guides that name a 受理机构, and the agency each belongs to.
GUIDES = {
    PINGTAN: "pingtan_disclosure_guide.txt",
    "平潭综合实验区公安局": "pingtan_public_security_bureau_disclosure_guide.txt",
    "平潭综合实验区经济发展局": "pingtan_economic_development_bureau_disclosure_guide.txt",
}
# Guide excerpts that name their 受理机构 but are cut before its phone.
EXCERPTS = {"济源市大峪镇人民政府": "jiyuan_dayu_town_disclosure_guide_excerpt.txt"}


def test_an_index_and_its_corpus_give_the_same_offices(kb: KnowledgeBase, corpus: Corpus):
    from_index, from_corpus = office_lookup(kb), office_lookup(corpus)
    names = [agency.name for agency in kb.agencies.agencies]
    found = {name: from_index(name) for name in names}
    assert {name for name, office in found.items() if office} == set(GUIDES) | set(
        EXCERPTS
    )  # with a 受理机构
    for name in names:
        office = from_corpus(name)
        assert (office.model_dump() if office else None) == (
            found[name].model_dump() if found[name] else None
        )


def test_each_office_has_the_phone_of_its_own_guide(kb: KnowledgeBase, corpus_dir: Path):
    lookup = offices_of(kb)
    for agency, guide in GUIDES.items():
        office = lookup(agency)
        text = to_halfwidth((corpus_dir / "guides" / guide).read_text(encoding="utf-8"))
        assert office is not None and office.phones
        assert all(phone.split("-")[-1] in text for phone in office.phones), (agency, office.phones)


def test_the_pingtan_office_is_the_one_its_guide_names(kb: KnowledgeBase, corpus_dir: Path):
    office = offices_of(kb)(PINGTAN)
    assert office is not None
    guide = to_halfwidth((corpus_dir / "guides" / "pingtan_disclosure_guide.txt").read_text(encoding="utf-8"))
    # The guide's written channel tells applicants to address the envelope to this office.
    assert office.office == "平潭综合实验区管委会政府信息公开领导小组办公室"
    assert f"收件人请填写“{office.office}”" in guide
    for value in (office.address, office.postcode, office.email):
        assert value and value in guide
    assert office.phones == ["0591-23165385"]
    assert {channel.kind for channel in office.channels} == {"online", "written", "post", "oral"}


def test_offices_are_found_by_alias_and_in_traditional_script(kb: KnowledgeBase):
    lookup = offices_of(kb)
    assert lookup("區管委會辦公室") == lookup(PINGTAN) is not None
    assert lookup("淮安市人民政府") is None  # only an annual-report contact, no receiving office
    assert lookup("郑州市人民政府") is None  # its guide excerpt lists reading rooms only


def test_the_agency_search_puts_agencies_with_an_office_first(kb: KnowledgeBase):
    search = registry_search(kb.agencies, offices_of(kb))
    found = search("平潭")
    assert found[0] == PINGTAN and len(found) == 5
    assert all(kb.agencies.resolve(name) is not None for name in found)
    assert search("张店区安监局") == ["张店区应急管理局"]  # an alias: the agency's current name
    assert search("淮安市人民政府") == ["淮安市人民政府"]
    assert search("某某市不存在的局") == []
