"""Replies that are not quotes: contact cards, greetings, off-topic, document lists, coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answer.cards import card_lines, conflict_sentence
from bot.answer.compose import cite_hit, reply
from bot.answer.models import AgencyCoverage, Answer, ContactCard, Coverage, DocumentPage, Intent
from bot.corpus.models import DocKind
from index.backend import RecordKind, SearchFilters

if TYPE_CHECKING:
    from bot.answer.engine import Engine
    from bot.answer.understand import Question

SEARCH_DEPTH = 60
OVERVIEW_AGENCIES = 6
CAPABILITIES = (
    "我可以回答：各机关政府信息公开工作年度报告中的数据（如主动公开多少条、收到多少申请）、"
    "政府信息公开的咨询电话、地址和受理时间、如何申请政府信息公开（方式、内容、期限、费用、救济），"
    "以及主动公开的文件（可按文号、索引号或标题查询）。"
)


def contact_reply(engine: Engine, q: Question, cards: list[ContactCard], wanted: list[str]) -> Answer:
    """The contact card(s) of the agency asked about, the asked fields first."""
    card = cards[0]
    name = card.office or card.agency
    alias = next((m for m in q.agencies.matched if m not in name and len(m) > 2), None)
    lines = [f"{name}（{alias}）" if alias and alias not in card.agency else name]
    lines += card_lines(card, wanted)
    # Disagreements on what was asked are said in the answer; all of them stay on the card.
    lines += [
        conflict_sentence(c)
        for c in engine.kb.conflicts
        if c.agency in (card.agency, card.office) and c.field in wanted
    ]
    return reply(
        Intent.CONTACT,
        "\n".join(lines),
        found=True,
        agency=card.agency,
        citations=card.sources[:2],
        contacts=cards[:3],
    )


def contacts_overview(engine: Engine, q: Question, wanted: list[str]) -> Answer | None:
    """No agency named: the asked contact of the agencies the records cover, and a request to choose."""
    lines = []
    for agency in engine.scope.agencies_with_documents()[:OVERVIEW_AGENCIES]:
        cards = engine.cards_for([agency], wanted)
        values = card_lines(cards[0], wanted)[:1] if cards else []
        if values:
            lines.append(f"· {agency}：{values[0]}")
    if not lines:
        return None
    head = "您要咨询哪个机关？现有记录中的联系方式："
    return reply(
        Intent.CONTACT,
        "\n".join([head, *lines]),
        found=False,
        suggestions=[
            f"{a}的政府信息公开咨询电话是多少？" for a in engine.scope.agencies_with_documents()[:3]
        ],
    )


def greeting(engine: Engine, q: Question, *, empty: bool = False) -> Answer:
    """Hello, and what can be asked."""
    examples = "；".join(examples_for(engine))
    head = "请直接输入您的问题。" if empty else "您好！我是政府信息公开问答助手。"
    return reply(Intent.GREETING, f"{head}{CAPABILITIES}\n例如：{examples}", found=not empty)


def offtopic(engine: Engine, q: Question) -> Answer:
    """A polite no for questions outside disclosure records."""
    text = f"抱歉，这个问题不在政府信息公开记录的范围内，我无法回答。\n{CAPABILITIES}"
    return reply(Intent.OFFTOPIC, text, found=False)


def examples_for(engine: Engine) -> list[str]:
    """Three example questions built from what the corpus holds."""
    agencies = engine.scope.agencies_with_documents()
    reports = engine.scope.of_kind(DocKind.REPORT)
    examples = []
    if reports and reports[0].meta.agency and reports[0].meta.year:
        examples.append(f"{reports[0].meta.agency}{reports[0].meta.year}年收到多少件政府信息公开申请？")
    if agencies:
        examples.append(f"{agencies[0]}的政府信息公开咨询电话是多少？")
    examples.append("申请政府信息公开需要写明哪些内容？")
    return examples


def search_page(engine: Engine, query: str, offset: int, limit: int) -> DocumentPage:
    """Distinct documents matching a query, one page of them."""
    hits = engine.search(query, SearchFilters(records=[RecordKind.PASSAGE, RecordKind.ITEM]), SEARCH_DEPTH)
    seen: dict[str, None] = {}
    citations = []
    for hit in hits:
        key = hit.doc_id if hit.entry is None else f"{hit.doc_id}#{hit.entry.title}"
        if key in seen:
            continue
        seen[key] = None
        citations.append(cite_hit(hit))
    return DocumentPage(
        query=query, items=citations[offset : offset + limit], offset=offset, total=len(citations)
    )


def coverage_of(engine: Engine) -> Coverage:
    """Per agency: report years, guides and items."""
    per: dict[str, AgencyCoverage] = {}
    for doc_id, agency in engine.scope.agency_of.items():
        doc = engine.scope.documents[doc_id]
        if not agency or doc.meta.kind is DocKind.LAW:
            continue
        entry = per.setdefault(agency, AgencyCoverage(agency=agency))
        if doc.meta.kind is DocKind.REPORT and doc.meta.year and doc.meta.year not in entry.report_years:
            entry.report_years.append(doc.meta.year)
        elif doc.meta.kind is DocKind.GUIDE:
            entry.guides += 1
        elif doc.meta.kind in (DocKind.ITEM, DocKind.ITEM_LIST):
            entry.items += 1
    for entry in per.values():
        entry.report_years.sort()
    return Coverage(
        agencies=sorted(per.values(), key=lambda a: a.agency),
        documents=len(engine.scope.documents),
        index_version=engine.kb.info.version,
    )
