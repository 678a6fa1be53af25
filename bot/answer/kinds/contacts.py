"""Contact questions: phone, fax, e-mail, address, hours of an agency's disclosure office."""

from __future__ import annotations

import re

from bot.answer.cards import card_lines, conflict_sentence, has_field
from bot.answer.compose import cite_hit, reply, shorten
from bot.answer.kinds.passages import passage_answer
from bot.answer.knowledge import Knowledge
from bot.answer.matching.overlap import Weights, coverage, grams
from bot.answer.models import CONTACT_FIELDS, Answer, ContactCard, Intent
from bot.answer.reading.question import Question
from bot.corpus.models import DocKind
from bot.lexicon.questions import question_lexicon
from bot.text import fold
from index.backend import DocumentSummary, RecordKind, SearchFilters

OVERVIEW_AGENCIES = 6
_REPORT = re.compile(r"年报|年度报告|工作报告")
_DOCUMENT = re.compile(r"文件|通知|公告|通告|办法|决定|规定|意见|方案")
TITLE_SUBJECT = 0.6  # a title holding this much of the subject's words is the document meant
# Words of the contact asked for, not of the document's subject.
CONTACT_WORDS = frozenset("电话 联系 联系电话 号码 传真 邮箱 地址 留 写 留的 热线".split())
_OFFICE = re.compile(r"(中心|大厅|专区|窗口|档案馆|图书馆|服务站|查阅点|查阅场所|阅览室)")
_BEFORE_NAME = set("的去到在向给找和与及或是哪")
PASSAGE_CHARS = 180
_WHERE_TO_FIND = re.compile(r"查阅|查询|查看|看到|下载|获取|找到|查到")


def contact_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """The contact card of the agency asked about, the asked field first."""
    agencies = q.agencies.scope
    wanted = q.reading.contact_fields or ["phone"]
    if not agencies:
        return contacts_overview(knowledge, q, wanted)
    if _WHERE_TO_FIND.search(q.folded):
        # "在哪里可以查到/看到…": the records usually say so in a sentence, not a card.
        found = passage_answer(knowledge, q)
        if found is not None:
            return found
    named = _documents_named(knowledge, q)
    own = knowledge.cards_of(named, wanted, q.topic) if named else []
    if any(all(has_field(c, f) for f in wanted) for c in own):
        # "2017年年报上留的传真", "防雷许可那个文件留的电话": the contact that document gives.
        return contact_reply(knowledge, q, [c for c in own if all(has_field(c, f) for f in wanted)], wanted)
    cards = knowledge.contact_cards(agencies, wanted, q.topic)
    office = _office_named(q)
    if office and not any(office in f"{c.office or ''}{c.agency}{c.address or ''}" for c in cards):
        # "便民服务中心在哪": an office no card is of; only a passage about it answers.
        return _office_passage(knowledge, q, office, wanted) or (
            field_missing(q, cards, wanted, office) if cards else None
        )
    having = [c for c in cards if all(has_field(c, f) for f in wanted)]
    having = having or [c for c in cards if any(has_field(c, f) for f in wanted)]
    if having:
        return contact_reply(knowledge, q, [having[0], *(c for c in cards if c is not having[0])], wanted)
    # The records may still say it in a sentence ("到…法规科查询"), if the sentence holds
    # such a value (an e-mail address for 邮箱): a sentence on another subject does not answer.
    found = passage_answer(knowledge, q)
    if found is not None and any(re.search(_value(f), found.answer) for f in wanted):
        return found
    return field_missing(q, cards, wanted) if cards else None


def field_missing(
    q: Question, cards: list[ContactCard], wanted: list[str], office: str | None = None
) -> Answer:
    """The agency's documents do not give the asked field: say so, and what they do give."""
    card = cards[0]
    who = office or (q.agencies.named[0] if len(q.agencies.named) == 1 else card.agency)
    asked = "、".join(CONTACT_FIELDS[f] for f in wanted)
    lines = [f"现有记录中没有{who}的{asked}。"]
    given = card_lines(card)
    if given:
        lines.append(f"记录中{card.office or card.agency}的联系方式：")
        lines += given
    return reply(
        Intent.CONTACT,
        "\n".join(lines),
        found=False,
        agency=card.agency,
        citations=card.sources[:2],
        contacts=cards[:3],
    )


def _documents_named(knowledge: Knowledge, q: Question) -> list[DocumentSummary]:
    """The documents a contact question points to: a year's report, or an item by its subject."""
    if _REPORT.search(q.folded) and q.years:
        return [
            d
            for d in knowledge.catalogue.of_agencies(q.agencies.scope, [DocKind.REPORT])
            if d.meta.year in q.years
        ]
    if not _DOCUMENT.search(q.folded):
        return []
    subject = " ".join(t for t in q.terms if not _DOCUMENT.search(t) and t not in CONTACT_WORDS)
    if not subject:
        return []
    own = [d.id for d in knowledge.catalogue.of_agencies(q.agencies.scope)] if q.agencies.scope else []
    hits = knowledge.search(subject, SearchFilters(records=[RecordKind.ITEM], documents=own), 5)
    best = [h for h in hits if coverage_of(subject, h.title) >= TITLE_SUBJECT]
    return [knowledge.catalogue.documents[best[0].doc_id]] if best else []


def _office_passage(knowledge: Knowledge, q: Question, office: str, wanted: list[str]) -> Answer | None:
    """A short passage of the agency's documents about that office, giving the asked field."""
    docs = [d.id for d in knowledge.catalogue.of_agencies(q.agencies.scope)] if q.agencies.scope else []
    filters = SearchFilters(documents=docs, records=[RecordKind.PASSAGE])
    values = [_value(f) for f in wanted]
    # The name as the question writes it, else its shorter tails (政府信息现场查阅点 → 查阅点).
    for name in [office[i:] for i in range(0, len(office) - 2)]:
        hits = knowledge.search(f"{name} {q.about}", filters, 10)
        for hit in hits:
            if name not in fold(" ".join([*hit.section, hit.text])):
                continue
            # A short passage about the office holds its address, hours and phone together.
            at = fold(hit.text).find(name)
            start = max(0, *(hit.text.rfind(mark, 0, at) + 1 for mark in "。；;\n")) if at > 0 else 0
            said = shorten(hit.text[start:], PASSAGE_CHARS)
            if any(re.search(v, said) for v in values):
                heading = hit.section[-1] if hit.section else name
                citation = cite_hit(hit, quote=said)
                return reply(Intent.CONTACT, f"{heading}：{said}", found=True, citations=[citation])
    return None


def _office_named(q: Question) -> str | None:
    """An office or place of service the question names (便民服务中心, 档案馆, 法规科), if any.

    Read from the question with the agencies it names blanked out, up to the words before
    it (夏天去大峪镇便民服务中心 → 便民服务中心).
    """
    text = q.folded
    for name in q.agencies.matched:
        text = text.replace(name, "\x00")
    found = _OFFICE.search(text)
    if found is None:
        return None
    start = found.end() - len(found.group(1))
    while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in _BEFORE_NAME:
        start -= 1
    return text[start : found.end()]


def _value(field: str) -> str:
    return question_lexicon().contact_fields[field].value


def contact_reply(knowledge: Knowledge, q: Question, cards: list[ContactCard], wanted: list[str]) -> Answer:
    """The contact card(s) of the agency asked about, the asked fields first."""
    card = cards[0]
    name = card.office or card.agency
    alias = next((m for m in q.agencies.matched if m not in name and len(m) > 2), None)
    lines = [f"{name}（{alias}）" if alias and alias not in card.agency else name]
    lines += card_lines(card, wanted)
    # Disagreements on what was asked are said in the answer; all of them stay on the card.
    lines += [
        conflict_sentence(c)
        for c in knowledge.conflicts
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


def contacts_overview(knowledge: Knowledge, q: Question, wanted: list[str]) -> Answer | None:
    """No agency named: the asked contact of the agencies the records cover, and a request to choose."""
    lines = []
    for agency in knowledge.catalogue.agencies_with_documents()[:OVERVIEW_AGENCIES]:
        cards = knowledge.contact_cards([agency], wanted)
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
            f"{a}的政府信息公开咨询电话是多少？" for a in knowledge.catalogue.agencies_with_documents()[:3]
        ],
    )


def coverage_of(subject: str, title: str) -> float:
    """How much of a subject's words a title holds (bigram weights over the two)."""
    asked, held = grams(subject), grams(title)
    return coverage(asked, held, Weights.over([asked, held]))
