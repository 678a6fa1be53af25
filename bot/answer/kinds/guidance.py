"""How disclosure works: how to apply, time limits, fees, remedies, complaints.

The best one or two sentences are quoted, never a whole section. For questions about
the application procedure the agency's own guide comes first and the 条例 backs it up;
the articles each intent rests on are domain knowledge, stable since the 2019 revision.
"""

from __future__ import annotations

import re

from bot.answer.cards import procedure_card
from bot.answer.compose import cite_hit, quote, reply
from bot.answer.knowledge import Knowledge
from bot.answer.matching.sentences import (
    MAX_QUOTE_CHARS,
    SHAPED_COVERAGE,
    SentenceMatch,
    best_sentences,
    expected_shape,
    split_sentences,
)
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.corpus.models import DocKind
from bot.corpus.organs import GOVERNMENT, is_office
from index.backend import DocumentSummary, Hit, RecordKind, SearchFilters

GUIDE_COVERAGE = 0.45
RESTATED = 0.55  # a guide sentence holding this much of a 条例 sentence restates it
ARTICLE_BONUS = 0.15
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
# What makes a how-to-apply question specific: a channel, what to write, a form, a deadline,
# a fee. Without any, "想查平潭的文件，怎么申请" asks for the whole procedure.
_SPECIFIC_PROCEDURE = re.compile(
    r"网上|在线|网站|邮寄|寄|信件|信函|口头|当面|现场|电话|传真|邮件|邮箱|书面|写|填|表|内容|材料|证明|"
    r"身份证|多久|期限|时限|几天|工作日|费|钱|收件|地址|窗口|受理机构|委托|代理|补正|延长"
)


# The 条例 articles each kind of procedural question rests on, and words that find them.
_ARTICLES: dict[Intent, tuple[tuple[str, ...], str]] = {
    Intent.PROCEDURE: (("第二十九条", "第二十七条"), "申请 书面形式 口头提出 政府信息公开工作机构 内容"),
    Intent.TIME_LIMIT: (("第三十三条",), "答复 工作日 期限 延长"),
    Intent.FEE: (("第四十二条",), "收取费用 信息处理费"),
    Intent.REMEDY: (("第五十一条",), "投诉 举报 行政复议 行政诉讼"),
    Intent.COMPLAINT: (("第三十九条",), "信访 投诉 举报 不作为政府信息公开申请处理"),
}


def guidance_answer(knowledge: Knowledge, q: Question, intent: Intent) -> Answer | None:
    """How disclosure works, from the agency's guide where there is one, else the 条例."""
    articles, words = _ARTICLES[intent]
    asked = f"{q.about} {words}"
    guides = knowledge.catalogue.of_agencies(_asked_of(q), [DocKind.GUIDE])
    if intent is Intent.PROCEDURE and _asks_how_in_general(q):
        summary = procedure_summary(knowledge, q, guides)
        if summary:
            return summary

    laws = knowledge.catalogue.regulations()
    found: list[SentenceMatch] = []
    if guides:
        hits = knowledge.search(asked, SearchFilters(documents=[g.id for g in guides]), 8)
        shape = expected_shape(q.folded)
        found = [m for m in best_sentences(q.about, hits, shape=shape) if m.coverage >= GUIDE_COVERAGE]
    # The 条例 first: it is what applies to every agency; other law texts (the court's
    # provisions on disclosure cases) only when it has nothing on the question.
    for law_docs in (laws[:1], laws[1:]):
        if found or not law_docs:
            break
        hits = knowledge.search(asked, SearchFilters(documents=[d.id for d in law_docs]), 12)
        # The question's own words choose the sentence; the intent's words only helped find it.
        matches = best_sentences(
            q.about or words,
            hits,
            bonus=lambda h: ARTICLE_BONUS * _in_articles(h, articles),
            shape=expected_shape(q.folded),
        )
        shape = expected_shape(q.folded)
        enough = SHAPED_COVERAGE if shape else LAW_COVERAGE  # a sentence of the asked shape needs less
        found = [m for m in matches if m.coverage >= enough]
    in_court = intent is Intent.REMEDY and bool(_IN_COURT.search(q.folded))
    if in_court and laws[1:]:
        # Who is sued, which court, what a court will not hear: the court's provisions say it
        # more closely than the 条例; their sentence follows the article when it covers more.
        found = sorted([*found, *_court_sentences(knowledge, q, asked, laws[1:])], key=lambda m: -m.coverage)
    if guides and found and found[0].hit.doc_kind is DocKind.LAW:
        # Asked of an agency whose guide restates the 条例's rule: the agency's words lead.
        restated = _restated(knowledge, guides, found[0].sentence)
        found = [restated, *found] if restated else found
    own = [m for m in found if m.hit.doc_kind is DocKind.GUIDE]
    if intent in _ANCHORED and own:
        # The agency's own guide says it: its sentence leads, the 条例's article backs it.
        anchor = _article_sentences(knowledge, laws[:1], articles[0], q)
        room = MAX_QUOTE_CHARS - len(own[0].sentence)
        found = own[:1] + [a for a in anchor if len(a.sentence) <= room and a.sentence != own[0].sentence][:1]
    elif intent in _ANCHORED:
        # What to do against a reply, or with a complaint, is one article whatever the
        # wording of the question: it leads, a closer sentence may follow.
        anchor = _article_sentences(knowledge, laws[:1], articles[0], q)
        home = {a.hit.doc_id for a in anchor}
        others = [
            m
            for m in found
            if all(m.sentence != a.sentence for a in anchor)
            and (
                m.hit.doc_id in home
                or m.hit.doc_kind is DocKind.GUIDE
                or (in_court and m.hit.doc_kind is DocKind.LAW)
            )
        ]
        room = MAX_QUOTE_CHARS - sum(len(a.sentence) for a in anchor)
        found = anchor + [m for m in others[:1] if len(m.sentence) <= room]
    if not found:
        return None
    guide = guides[0] if guides else None
    return reply(
        intent,
        quote(found),
        found=True,
        agency=q.agencies.candidates[0] if guide and q.agencies.candidates else None,
        citations=[cite_hit(m.hit, quote=m.sentence) for m in found],
        procedure=procedure_card(guide, knowledge.catalogue.agency_of.get(guide.id)) if guide else None,
        contacts=knowledge.contact_cards(q.agencies.scope)[:1] if q.agencies.scope else [],
    )


def _restated(knowledge: Knowledge, guides: list[DocumentSummary], rule: str) -> SentenceMatch | None:
    """The sentence of an agency's guide that says what a sentence of the 条例 says, if one does."""
    hits = knowledge.search(rule, SearchFilters(documents=[g.id for g in guides]), 8)
    found = best_sentences(rule, hits, limit=1)
    return found[0] if found and found[0].coverage >= RESTATED else None


def _article_sentences(
    knowledge: Knowledge, laws: list[DocumentSummary], article: str, q: Question
) -> list[SentenceMatch]:
    """The sentence of one article of a law text that fits the question best (else its first)."""
    if not laws:
        return []
    hits = knowledge.records(SearchFilters(documents=[laws[0].id], records=[RecordKind.PASSAGE]))
    passages = [h for h in hits if h.section and h.section[-1].startswith(article)]
    best = best_sentences(q.about, passages, limit=1, shape=expected_shape(q.folded))
    if best and best[0].coverage > 0:
        return best
    sentences = split_sentences(passages[0].text) if passages else []
    return [SentenceMatch(passages[0], sentences[0], 1.0, 1.0)] if sentences else []


def _asks_how_in_general(q: Question) -> bool:
    """ "怎么申请" with nothing more specific (no channel, no content, no deadline asked)."""
    return not _SPECIFIC_PROCEDURE.search(q.about)


def procedure_summary(knowledge: Knowledge, q: Question, guides: list[DocumentSummary]) -> Answer | None:
    """The application procedure of the agency's guide, as a short card in words."""
    guide = next((g for g in guides if g.procedure and g.procedure.channels), None)
    if guide is None:
        return None
    agency = knowledge.catalogue.agency_of.get(guide.id)
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
        contacts=knowledge.contact_cards(q.agencies.scope)[:1],
    )


def _first_clause(text: str) -> str:
    """A channel's description without its list label, cut to its first sentence."""
    text = re.sub(r"^\s*\d+\s*[.．、]\s*(?:在线|网上|书面|邮寄|口头|当面|现场)?申请", "", text.strip())
    first = re.split(r"[。\n]", text, maxsplit=1)[0].strip("，, ")
    return first if len(first) <= MAX_CHANNEL_CHARS else first[:MAX_CHANNEL_CHARS] + "…"


def _in_articles(hit: Hit, articles: tuple[str, ...]) -> bool:

    return any(a in part for part in hit.section for a in articles)


_IN_COURT = re.compile(r"被告|原告|法院|起诉|受理|管辖|举证")


def _court_sentences(
    knowledge: Knowledge, q: Question, asked: str, law_docs: list[DocumentSummary]
) -> list[SentenceMatch]:
    hits = knowledge.search(asked, SearchFilters(documents=[d.id for d in law_docs]), 12)
    return [m for m in best_sentences(q.about, hits) if m.coverage >= LAW_COVERAGE]


def _asked_of(q: Question) -> list[str]:
    """Whose guides speak: the agencies named; for a place named alone (平潭), its government
    and the government's office, never its departments (公安局's rules are not 平潭's)."""
    scope = q.agencies.scope
    if q.agencies.named or not q.agencies.places:
        return scope
    governing = [name for name in scope if GOVERNMENT.search(name) or is_office(name)]
    return governing or scope


def procedure_guidance(knowledge: Knowledge, q: Question) -> Answer | None:
    """How to apply (申请方式, 内容, 渠道)."""
    return guidance_answer(knowledge, q, Intent.PROCEDURE)


def time_limit_guidance(knowledge: Knowledge, q: Question) -> Answer | None:
    """How long a reply takes."""
    return guidance_answer(knowledge, q, Intent.TIME_LIMIT)


def fee_guidance(knowledge: Knowledge, q: Question) -> Answer | None:
    """Whether applying costs money."""
    return guidance_answer(knowledge, q, Intent.FEE)


def remedy_guidance(knowledge: Knowledge, q: Question) -> Answer | None:
    """What to do against a reply (复议, 诉讼, 投诉)."""
    return guidance_answer(knowledge, q, Intent.REMEDY)


def complaint_guidance(knowledge: Knowledge, q: Question) -> Answer | None:
    """Where 信访, 投诉 and 举报 go under the 条例."""
    return guidance_answer(knowledge, q, Intent.COMPLAINT)
