"""Documents the parsers will produce (sections, statistics, contacts, catalogue) as records."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.corpus.models import (
    CatalogueEntry,
    Contact,
    Corpus,
    DocKind,
    Document,
    DocumentMeta,
    Location,
    Phone,
    Section,
    Statistic,
)
from index.backend import KnowledgeBase, RecordKind, SearchFilters
from index.records import PASSAGE_LIMIT, split_passages
from index.store import open_index, publish

REPORT_ID = "reports/example_2024.txt"


def _report() -> Document:
    long_text = "本机关认真落实政府信息公开工作要求。" * 40 + "全年共收到申请86件。"
    child = Section(
        number="（一）",
        heading="收到申请情况",
        level=2,
        path=["三、依申请公开情况", "收到申请情况"],
        text=long_text,
    )
    top = Section(
        number="三",
        heading="依申请公开情况",
        level=1,
        path=["三、依申请公开情况"],
        text="概述。",
        children=[child],
    )
    stat = Statistic(
        source="table",
        table="applications",
        row=["一、本年新收政府信息公开申请数量"],
        column=["申请人情况", "总计"],
        value=86,
        unit="件",
        location=Location(table_title="三、收到和处理政府信息公开申请情况", section=["三、依申请公开情况"]),
    )
    contact = Contact(
        agency="示例区应急管理局",
        office="示例区应急管理局办公室",
        role="受理机构",
        phones=[Phone(number="12345678", area_code="0533", kind="phone")],
        address="示例路1号",
        evidence="受理机构：示例区应急管理局办公室，电话：0533-12345678，地址：示例路1号。",
    )
    return Document(
        id=REPORT_ID,
        meta=DocumentMeta(
            title="示例区应急管理局2024年政府信息公开工作年度报告",
            agency="示例区应急管理局",
            year=2024,
            kind=DocKind.REPORT,
        ),
        text=long_text,
        sha256="0" * 64,
        sections=[top],
        statistics=[stat],
        contacts=[contact],
    )


def _catalogue() -> Document:
    entry = CatalogueEntry(
        title="关于调整示例收费标准的通知", doc_no="示规[2023]2号", index_no="EX-2023-0002"
    )
    meta = DocumentMeta(
        title="示例区规范性文件目录", agency="示例区人民政府办公室", year=2023, kind=DocKind.ITEM_LIST
    )
    return Document(id="items/list.md", meta=meta, text=entry.title, sha256="1" * 64, catalogue=[entry])


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    index_dir = tmp_path_factory.mktemp("records")
    publish(Corpus(root="example", documents=[_report(), _catalogue()]), index_dir)
    kb = open_index(index_dir)
    yield kb
    kb.backend.close()


def test_long_sections_become_passages_on_sentence_ends() -> None:
    text = "第一句话很长。" * 100
    passages = split_passages(text)
    assert len(passages) > 1
    assert all(len(p) <= PASSAGE_LIMIT and p.endswith("。") for p in passages)
    assert "".join(passages) == text


def test_a_sentence_longer_than_the_limit_is_cut() -> None:
    passages = split_passages("无标点" * 500)
    assert len(passages) > 1 and all(len(p) <= PASSAGE_LIMIT for p in passages)


def test_passages_keep_their_heading_path(knowledge: KnowledgeBase) -> None:
    hits = knowledge.backend.search("收到申请", SearchFilters(records=[RecordKind.PASSAGE]), limit=50)
    deep = [h for h in hits if h.section == ["三、依申请公开情况", "收到申请情况"]]
    assert len(deep) > 1


def test_statistics_come_back_as_models(knowledge: KnowledgeBase) -> None:
    hits = knowledge.backend.search("本年新收申请数量 总计", SearchFilters(records=[RecordKind.STATISTIC]))
    assert hits and hits[0].statistic is not None
    assert hits[0].statistic.value == 86 and hits[0].statistic.unit == "件"
    assert "86件" in hits[0].text


def test_all_statistics_of_one_report(knowledge: KnowledgeBase) -> None:
    filters = SearchFilters(agencies=["示例区应急管理局"], years=[2024], records=[RecordKind.STATISTIC])
    assert [h.statistic.value for h in knowledge.backend.records(filters) if h.statistic] == [86]


def test_contacts_are_found_by_phone_words(knowledge: KnowledgeBase) -> None:
    hits = knowledge.backend.search("应急管理局 联系方式", SearchFilters(records=[RecordKind.CONTACT]))
    assert hits and hits[0].contact is not None
    assert hits[0].contact.phones[0].display == "0533-12345678"


def test_catalogue_rows_are_items_with_their_entry(knowledge: KnowledgeBase) -> None:
    hits = knowledge.backend.lookup(doc_no="示规〔2023〕2号")
    assert len(hits) == 1 and hits[0].entry is not None
    assert hits[0].entry.title == "关于调整示例收费标准的通知" and hits[0].title == "示例区规范性文件目录"
    assert knowledge.backend.lookup(index_no="ex-2023-0002") == hits


def test_facts_count_records_by_kind(knowledge: KnowledgeBase) -> None:
    assert knowledge.info.records["statistic"] == 1
    assert knowledge.info.records["contact"] == 1
    assert knowledge.info.records["item"] == 1
    summary = next(d for d in knowledge.documents if d.id == REPORT_ID)
    assert summary.statistics == 1 and summary.sections == 2 and summary.contacts[0].role == "受理机构"


def test_lookup_without_numbers_finds_nothing(knowledge: KnowledgeBase) -> None:
    assert knowledge.backend.lookup() == []
    assert knowledge.backend.lookup(doc_no="  ") == []


def test_count_matches_records(knowledge: KnowledgeBase) -> None:
    backend = knowledge.backend
    assert backend.count() == sum(knowledge.info.records.values())  # type: ignore[attr-defined]
    assert backend.count(SearchFilters(records=[RecordKind.PASSAGE])) == knowledge.info.records["passage"]  # type: ignore[attr-defined]
