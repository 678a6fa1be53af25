"""Searching a real index of the bundled corpus, reopened in a fresh process."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.knowledge import knowledge_of
from bot.corpus.models import Corpus, DocKind
from bot.text import fold
from index.backend import KnowledgeBase, RecordKind, SearchFilters
from tests.index.conftest import query_in_subprocess

FEE_ITEM = "items/pingtan_item_PZ00101-1700-2024-00452.html"
SEED = "seed/zhangdian_ajj_2017_annual_report.txt"
HUAIAN = "reports/huaian_2024_annual_report.pdf"
REGULATIONS = "law/prc_ogi_regulations_2019.md"


def _ids(hits: list[dict]) -> list[str]:
    return [hit["doc_id"] for hit in hits]


@pytest.fixture(scope="module")
def reopened(built_index: Path) -> list[list[dict]]:
    """One subprocess, many calls: the index must answer from disk alone."""
    calls = [
        ("search", {"text": "代建管理费", "limit": 3}),
        ("search", {"text": '代建管理费 a:b AND "OR" (NOT) * [x] {y} ^2 ~ title:管理', "limit": 3}),
        ("search", {"text": "張店區安監局", "limit": 3}),
        ("search", {"text": "淮安市２０２４年收到多少政府信息公开申请？", "limit": 5}),
        ("lookup", {"doc_no": "岚综管规[2024]4号"}),
        ("lookup", {"doc_no": "岚综管规（2024）4号"}),
        ("lookup", {"doc_no": "岚综管规【2024】4号"}),
        ("lookup", {"doc_no": " 嵐綜管規 〔２０２４〕 4 號"}),
        ("lookup", {"index_no": "pz00101-1700-2024-00452 "}),
        ("phrase", {"text": "政府信息公开条例", "limit": 50}),
    ]
    return query_in_subprocess(built_index, calls)


def test_search_finds_an_item_by_a_word_of_its_title(reopened: list[list[dict]]) -> None:
    # The item itself and its row in the catalogue of normative documents both match.
    assert "代建管理费" in reopened[0][0]["title"] + str(reopened[0][0].get("entry"))
    assert FEE_ITEM in _ids(reopened[0])


def test_query_syntax_characters_are_plain_text(reopened: list[list[dict]]) -> None:
    assert _ids(reopened[1]) == _ids(reopened[0])


def test_traditional_characters_match_simplified_documents(reopened: list[list[dict]]) -> None:
    assert _ids(reopened[2])[0] == SEED


def test_full_width_digits_match(reopened: list[list[dict]]) -> None:
    assert HUAIAN in _ids(reopened[3])


@pytest.mark.parametrize("call", [4, 5, 6, 7, 8])
def test_lookup_tolerates_bracket_variants_spacing_and_case(reopened: list[list[dict]], call: int) -> None:
    hits = reopened[call]
    assert _ids(hits) == [FEE_ITEM]
    assert hits[0]["record"] == "item"
    assert hits[0]["item"]["doc_no"] == "岚综管规〔2024〕4号"


def test_phrase_query_finds_the_regulations(reopened: list[list[dict]]) -> None:
    assert REGULATIONS in _ids(reopened[9])


def _squeezed(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


@pytest.mark.parametrize("phrase", ["政府信息公开条例", "信息公开条例", "代建管理费标准"])
def test_phrase_finds_exactly_the_records_holding_it(knowledge: KnowledgeBase, phrase: str) -> None:
    every = knowledge.backend.records(SearchFilters(), limit=100_000)
    holding = {(h.doc_id, h.text) for h in every if _squeezed(phrase) in _squeezed(f"{h.title}\n{h.text}")}
    found = knowledge.backend.phrase(phrase, limit=100_000)  # type: ignore[attr-defined]
    assert holding
    assert {(h.doc_id, h.text) for h in found} == holding


def test_words_out_of_order_are_no_phrase(knowledge: KnowledgeBase) -> None:
    assert knowledge.backend.phrase("条例信息公开政府", limit=10) == []  # type: ignore[attr-defined]


def test_filters_are_exact(knowledge: KnowledgeBase) -> None:
    agency = "区财政金融局"
    hits = knowledge.backend.search("管理费", SearchFilters(agencies=[agency]), limit=50)
    assert hits and {hit.agency for hit in hits} == {agency}
    assert knowledge.backend.search("管理费", SearchFilters(agencies=["财政金融局"]), limit=50) == []


def test_filters_combine(knowledge: KnowledgeBase) -> None:
    filters = SearchFilters(years=[2024], doc_kinds=[DocKind.REPORT], records=[RecordKind.PASSAGE])
    hits = knowledge.backend.search("政府信息公开申请", filters, limit=50)
    assert hits
    assert all(
        h.year == 2024 and h.doc_kind is DocKind.REPORT and h.record is RecordKind.PASSAGE for h in hits
    )


def test_records_lists_every_match_unranked(knowledge: KnowledgeBase) -> None:
    items = knowledge.backend.records(SearchFilters(records=[RecordKind.ITEM]))
    assert len(items) == knowledge.info.records["item"]
    one_doc = knowledge.backend.records(SearchFilters(documents=[SEED]))
    assert one_doc and {h.doc_id for h in one_doc} == {SEED}
    assert knowledge.backend.records(SearchFilters(documents=[SEED]), limit=2) == one_doc[:2]


def test_hits_carry_what_a_citation_needs(knowledge: KnowledgeBase) -> None:
    hit = knowledge.backend.search("张店区安监局 政府信息公开", limit=1)[0]
    assert hit.doc_id == SEED and hit.title and hit.agency == "张店区应急管理局" and hit.year == 2017
    assert hit.section and hit.text and hit.score > 0


@pytest.mark.parametrize("text", ["", "   ", "？？！", "的了吗", "怎么 如何 请问"])
def test_questions_without_content_find_nothing(knowledge: KnowledgeBase, text: str) -> None:
    assert knowledge.backend.search(text) == []


def test_knowledge_base_carries_the_corpus_facts(knowledge: KnowledgeBase, corpus: Corpus) -> None:
    assert len(knowledge.documents) == knowledge.info.documents == len(corpus.documents)
    assert sum(knowledge.info.by_kind.values()) == len(corpus.documents)
    summary = next(d for d in knowledge.documents if d.id == SEED)
    assert summary.meta.year == 2017 and summary.sections >= 1


def test_positional_phrase_query_over_word_positions(knowledge: KnowledgeBase) -> None:
    """Whoosh's own Phrase works: words of the default cut sit at consecutive positions."""
    from whoosh.query.positional import Phrase

    searcher = knowledge.backend.searcher  # type: ignore[attr-defined]
    found = {
        r["hit"] for r in searcher.search(Phrase("body", ["中华人民共和国", "政府信息公开条例"]), limit=None)
    }
    reversed_order = searcher.search(Phrase("body", ["政府信息公开条例", "中华人民共和国"]), limit=None)
    assert any(SEED in hit for hit in found)  # the seed report cites the 条例 by its full name
    assert len(reversed_order) < len(found)


def test_synonyms_widen_a_question(knowledge: KnowledgeBase) -> None:
    hits = knowledge.backend.search("联系方式", limit=30)
    assert any("电话" in h.text and "联系方式" not in h.text for h in hits)


def test_a_word_finds_longer_words_holding_it(knowledge: KnowledgeBase) -> None:
    hits = knowledge.backend.search("规范性", limit=30)
    assert any("行政规范性文件" in h.text or "行政规范性文件" in h.title for h in hits)


@pytest.mark.parametrize("term", ["公开", "申请", "代建管理费", "2024", "张店区", "不存在的词"])
def test_block_reader_matches_whoosh_postings(knowledge: KnowledgeBase, term: str) -> None:
    """The numpy scorer reads whoosh's postings exactly as whoosh's own matcher does."""
    backend = knowledge.backend
    reader = backend.searcher.reader()  # type: ignore[attr-defined]
    for field in ("title", "heading", "body"):
        ids, weights = backend._scorer.postings(field, term)  # type: ignore[attr-defined]
        expected = list(reader.postings(field, term).items_as("weight")) if (field, term) in reader else []
        assert [(int(i), float(w)) for i, w in zip(ids, weights, strict=True)] == expected


def test_concurrent_searches_from_threads_agree_with_sequential_ones(knowledge: KnowledgeBase) -> None:
    from concurrent.futures import ThreadPoolExecutor

    questions = ["代建管理费", "张店区安监局 电话", "政府信息公开申请", "行政复议", "收费标准"] * 8
    expected = [[h.doc_id for h in knowledge.backend.search(q)] for q in questions]
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda q: [h.doc_id for h in knowledge.backend.search(q)], questions))
    assert found == expected


def test_warm_creates_the_segmenter(built_index: Path) -> None:
    from index.store import open_index

    knowledge = open_index(built_index)
    backend = knowledge.backend
    backend.analyzer._segmenter = None  # type: ignore[attr-defined]
    backend.warm()  # type: ignore[attr-defined]
    assert backend.analyzer._segmenter is not None  # type: ignore[attr-defined]
    backend.close()


def test_the_catalogue_without_a_limit_is_every_document(knowledge: KnowledgeBase) -> None:
    everything = knowledge.backend.documents(limit=None)
    assert [d.id for d in everything] == [d.id for d in knowledge.documents]
    assert len(knowledge.backend.documents(limit=3)) == 3
    assert len(knowledge_of(knowledge).catalogue.documents) == len(everything)
