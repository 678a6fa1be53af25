"""Questions about a report or a guide as a document: its 索引号, 文号, the day it was published.

"沭阳发改局2023年的信息公开年报是哪天公开的", "清江街道政府信息公开指南的索引号是多少":
the answer is the document's own metadata, read from its page (bot/corpus/meta.py), and
the document is the one of the agency, kind and year the question names.
"""

from __future__ import annotations

import re

from bot.answer.compose import cite_document, reply
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.corpus.models import DocKind, DocumentMeta

# The kinds of document a question may name, and the words that name them.
_KINDS = ((DocKind.REPORT, re.compile(r"年报|年度报告|工作报告")), (DocKind.GUIDE, re.compile(r"指南")))
# What may be asked of a document, the words that ask it, and where its value is kept.
_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("索引号", re.compile(r"索引号")),
    ("文号", re.compile(r"文号|发文字号")),
    ("成文日期", re.compile(r"成文")),
    (
        "发布日期",
        re.compile(
            r"(哪天|哪一天|什么时候|何时|日期|时间).{0,4}(公开|发布|修订|印发|发出|出的)|(公开|发布|修订)(日期|时间)"
        ),
    ),
)


def document_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """A report's or a guide's own metadata, when the question asks for it."""
    kind = next((k for k, words in _KINDS if words.search(q.folded)), None)
    field = next((name for name, words in _FIELDS if words.search(q.folded)), None)
    if kind is None or field is None or not q.agencies.scope:
        return None
    docs = knowledge.catalogue.of_agencies(q.agencies.scope, [kind])
    if q.years:
        docs = [d for d in docs if d.meta.year in q.years]
    if not docs:
        return None
    doc = docs[0]
    value = _value(doc.meta, field)
    who = knowledge.catalogue.display_name(doc)
    if value is None:
        text = f"《{doc.meta.title}》的页面上没有写明{field}。可向{who}咨询。"
        return reply(Intent.ITEM, text, found=False, citations=[cite_document(doc)])
    text = f"《{doc.meta.title}》的{field}是{value}。"
    return reply(
        Intent.ITEM, text, found=True, agency=doc.agency, year=doc.meta.year, citations=[cite_document(doc)]
    )


def _value(meta: DocumentMeta, field: str) -> str | None:
    if field == "索引号":
        return meta.index_no
    if field == "文号":
        return meta.doc_no
    day = meta.written if field == "成文日期" else (meta.published or meta.written)
    return day.isoformat() if day else None
