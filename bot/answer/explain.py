"""Answers quoted from passages: how to apply, time limits, fees, remedies, anything else.

The best one or two sentences are quoted, never a whole section. For questions about
the application procedure the agency's own guide comes first and the 条例 backs it up;
the articles each intent rests on are domain knowledge, stable since the 2019 revision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.answer.cards import procedure_card
from bot.answer.compose import cite_hit, reply
from bot.answer.models import Answer, Intent
from bot.answer.reports import topic
from bot.answer.sentences import (
    MAX_QUOTE_CHARS,
    SHAPED_COVERAGE,
    SentenceMatch,
    best_sentences,
    expected_shape,
    split_sentences,
)
from bot.corpus.models import DocKind
from index.backend import DocumentSummary, Hit, RecordKind, SearchFilters

if TYPE_CHECKING:
    from bot.answer.engine import Engine
    from bot.answer.understand import Question

ANSWER_COVERAGE = 0.6
GUIDE_COVERAGE = 0.45
ARTICLE_BONUS = 0.15
_ASKS_PERSON = re.compile(r"是谁|叫什么|名字|姓名|哪位")
_ANCHORED = frozenset({Intent.REMEDY, Intent.COMPLAINT, Intent.PROCEDURE})
LAW_COVERAGE = 0.3  # below this the 条例 does not speak to the question: try the other law texts
MAX_CHANNEL_CHARS = 70
_CHANNEL_NAMES = {
    "online": "在线申请",
    "written": "书面申请",
    "post": "邮寄申请",
    "oral": "口头申请",
    "in_person": "当面申请",
    "email": "电子邮件申请",
    "fax": "传真申请",
}
_GENERAL_PROCEDURE_WORDS = frozenset(
    """
    申请 政府信息公开 信息公开 依申请公开 政府 信息 公开 流程 方式 途径 渠道 步骤 手续 程序
    办理 提出 去哪 哪里
    """.split()
)

LAW_BONUS = 0.1
MAX_SOURCE_SECTION = 16

# The 条例 articles each kind of procedural question rests on, and words that find them.
_ARTICLES: dict[Intent, tuple[tuple[str, ...], str]] = {
    Intent.PROCEDURE: (("第二十九条", "第二十七条"), "申请 书面形式 口头提出 政府信息公开工作机构 内容"),
    Intent.TIME_LIMIT: (("第三十三条",), "答复 工作日 期限 延长"),
    Intent.FEE: (("第四十二条",), "收取费用 信息处理费"),
    Intent.REMEDY: (("第五十一条",), "投诉 举报 行政复议 行政诉讼"),
    Intent.COMPLAINT: (("第三十九条",), "信访 投诉 举报 不作为政府信息公开申请处理"),
}


def guidance_answer(engine: Engine, q: Question, intent: Intent) -> Answer | None:
    """How disclosure works, from the agency's guide where there is one, else the 条例."""
    articles, words = _ARTICLES[intent]
    asked = f"{topic(q)} {words}"
    guides = engine.scope.of_agencies(q.agencies.scope, [DocKind.GUIDE])
    if intent is Intent.PROCEDURE and _asks_how_in_general(q):
        summary = procedure_summary(engine, q, guides)
        if summary:
            return summary

    laws = engine.scope.regulations()
    found: list[SentenceMatch] = []
    if guides:
        hits = engine.search(asked, SearchFilters(documents=[g.id for g in guides]), 8)
        shape = expected_shape(q.folded)
        found = [m for m in best_sentences(topic(q), hits, shape=shape) if m.coverage >= GUIDE_COVERAGE]
    # The 条例 first: it is what applies to every agency; other law texts (the court's
    # provisions on disclosure cases) only when it has nothing on the question.
    for law_docs in (laws[:1], laws[1:]):
        if found or not law_docs:
            break
        hits = engine.search(asked, SearchFilters(documents=[d.id for d in law_docs]), 12)
        # The question's own words choose the sentence; the intent's words only helped find it.
        matches = best_sentences(
            topic(q) or words,
            hits,
            bonus=lambda h: ARTICLE_BONUS * _in_articles(h, articles),
            shape=expected_shape(q.folded),
        )
        shape = expected_shape(q.folded)
        enough = SHAPED_COVERAGE if shape else LAW_COVERAGE  # a sentence of the asked shape needs less
        found = [m for m in matches if m.coverage >= enough]
    if intent in _ANCHORED:
        # What to do against a reply, or with a complaint, is one article whatever the
        # wording of the question: it leads, a closer sentence may follow.
        anchor = _article_sentences(engine, laws[:1], articles[0], q)
        home = {a.hit.doc_id for a in anchor}
        others = [
            m
            for m in found
            if all(m.sentence != a.sentence for a in anchor)
            and (m.hit.doc_id in home or m.hit.doc_kind is DocKind.GUIDE)
        ]
        room = MAX_QUOTE_CHARS - sum(len(a.sentence) for a in anchor)
        found = anchor + [m for m in others[:1] if len(m.sentence) <= room]
    if not found:
        return None
    guide = guides[0] if guides else None
    return reply(
        intent,
        _quote(found),
        found=True,
        agency=q.agencies.candidates[0] if guide and q.agencies.candidates else None,
        citations=[cite_hit(m.hit, quote=m.sentence) for m in found],
        procedure=procedure_card(guide, engine.scope.agency_of.get(guide.id)) if guide else None,
        contacts=engine.cards_for(q.agencies.scope)[:1] if q.agencies.scope else [],
    )


def _article_sentences(
    engine: Engine, laws: list[DocumentSummary], article: str, q: Question
) -> list[SentenceMatch]:
    """The sentence of one article of a law text that fits the question best (else its first)."""
    if not laws:
        return []
    hits = engine.kb.backend.records(SearchFilters(documents=[laws[0].id], records=[RecordKind.PASSAGE]))
    passages = [h for h in hits if h.section and h.section[-1].startswith(article)]
    best = best_sentences(topic(q), passages, limit=1, shape=expected_shape(q.folded))
    if best and best[0].coverage > 0:
        return best
    sentences = split_sentences(passages[0].text) if passages else []
    return [SentenceMatch(passages[0], sentences[0], 1.0, 1.0)] if sentences else []


def _asks_how_in_general(q: Question) -> bool:
    """ "怎么申请" with nothing more specific (no channel, no content, no deadline asked)."""
    return all(term in _GENERAL_PROCEDURE_WORDS for term in q.terms)


def procedure_summary(engine: Engine, q: Question, guides: list[DocumentSummary]) -> Answer | None:
    """The application procedure of the agency's guide, as a short card in words."""
    guide = next((g for g in guides if g.procedure and g.procedure.channels), None)
    if guide is None:
        return None
    agency = engine.scope.agency_of.get(guide.id)
    card = procedure_card(guide, agency)
    if card is None:
        return None
    lines = [f"向{agency or '该机关'}申请政府信息公开的方式："]
    seen: set[str] = set()
    for channel in guide.procedure.channels if guide.procedure else []:
        text = _first_clause(channel.text)
        if text not in seen:
            seen.add(text)
            lines.append(f"· {_CHANNEL_NAMES.get(channel.kind, '')}：{text}")
    if card.required_content:
        lines.append("申请应写明：" + "；".join(card.required_content) + "。")
    if card.time_limits:
        lines.append("答复时限：" + card.time_limits[0].rstrip("：:，,") + "。")
    return reply(
        Intent.PROCEDURE,
        "\n".join(lines),
        found=True,
        agency=agency,
        citations=card.sources,
        procedure=card,
        contacts=engine.cards_for(q.agencies.scope)[:1],
    )


def _first_clause(text: str) -> str:
    """A channel's description without its list label, cut to its first sentence."""
    text = re.sub(r"^\s*\d+\s*[.．、]\s*(?:在线|网上|书面|邮寄|口头|当面|现场)?申请", "", text.strip())
    first = re.split(r"[。\n]", text, maxsplit=1)[0].strip("，, ")
    return first if len(first) <= MAX_CHANNEL_CHARS else first[:MAX_CHANNEL_CHARS] + "…"


def _in_articles(hit: Hit, articles: tuple[str, ...]) -> bool:

    return any(a in part for part in hit.section for a in articles)


def passage_answer(engine: Engine, q: Question) -> Answer | None:
    """The sentence of the records that best answers a free question, if one does."""
    agencies = q.agencies.scope
    docs = engine.scope.of_agencies(agencies) if agencies else []
    if q.years and docs:
        docs = [d for d in docs if d.meta.year in q.years or d.meta.kind is not DocKind.REPORT]
    if agencies and not docs:
        return None
    filters = SearchFilters(documents=[d.id for d in docs], records=[RecordKind.PASSAGE, RecordKind.ITEM])
    # No agency named: search everything (an empty document list means no restriction).
    hits = engine.search(q.folded, filters, 10)
    shape = expected_shape(q.folded)
    # Asked about no agency in particular, the rules of the law come before one agency's wording.
    primary = {d.id for d in engine.scope.regulations()[:1]}
    prefer_law = (
        None if agencies else (lambda h: LAW_BONUS * ((h.doc_kind is DocKind.LAW) + (h.doc_id in primary)))
    )
    found = [
        m
        for m in best_sentences(topic(q), hits, shape=shape, bonus=prefer_law)
        if m.coverage >= ANSWER_COVERAGE
    ]
    if _ASKS_PERSON.search(q.folded):
        # "局长是谁": only a sentence that names a person answers it.
        found = [m for m in found if any(tag == "nr" for _, tag in engine.words.tag(m.sentence))]
    if not found:
        return None
    first = found[0].hit
    return reply(
        Intent.GENERAL,
        _quote(found),
        found=True,
        agency=first.agency,
        year=first.year,
        citations=[cite_hit(m.hit, quote=m.sentence) for m in found],
        contacts=engine.cards_for(agencies)[:1] if agencies else [],
    )


def _quote(found: Sequence[SentenceMatch]) -> str:
    """The sentences first, where they come from after: citizens read the first lines."""
    sentences = [m.sentence for m in found[:2]]
    sources = []
    for match in found[:2]:
        section = match.hit.section[-1] if match.hit.section else ""
        where = f"《{match.hit.title}》" + (section if len(section) <= MAX_SOURCE_SECTION else "")
        if where not in sources:
            sources.append(where)
    return "\n".join(sentences) + "\n（出处：" + "；".join(sources) + "）"
