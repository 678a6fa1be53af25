"""The answer engine: read the question, try the kinds of answer that fit it, or decline honestly.

Each intent has an ordered tuple of answer functions (bot/answer/kinds); the first
that finds an answer wins, and when none does the citizen is told plainly and
pointed to the agency's contact and to the application procedure (依申请公开).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answer.declines import not_covered, not_found
from bot.answer.kinds.compare import compare_answer
from bot.answer.kinds.contacts import contact_answer
from bot.answer.kinds.courtesy import greeting, offtopic
from bot.answer.kinds.documents import document_answer
from bot.answer.kinds.figures import report_answer, report_decline
from bot.answer.kinds.guidance import (
    complaint_guidance,
    fee_guidance,
    procedure_guidance,
    remedy_guidance,
    time_limit_guidance,
)
from bot.answer.kinds.items import item_answer
from bot.answer.kinds.passages import passage_answer
from bot.answer.kinds.reckoning import deadline_answer, fee_estimate_answer
from bot.answer.kinds.redirects import redirect_answer, stated_redirect_answer
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question

AnswerFunction = Callable[[Knowledge, Question], Answer | None]

# What to try for each intent, in order.
KINDS: dict[Intent, tuple[AnswerFunction, ...]] = {
    Intent.GREETING: (greeting,),
    Intent.OFFTOPIC: (redirect_answer, offtopic),
    Intent.ITEM: (document_answer, item_answer, passage_answer),
    # A comparison that compares nothing (one year, one agency) is answered as a figure.
    Intent.COMPARE: (compare_answer, document_answer, report_answer, passage_answer, report_decline),
    Intent.STATISTIC: (document_answer, report_answer, passage_answer, report_decline),
    Intent.CONTACT: (contact_answer, passage_answer),
    Intent.PROCEDURE: (redirect_answer, deadline_answer, procedure_guidance, passage_answer),
    Intent.TIME_LIMIT: (stated_redirect_answer, deadline_answer, time_limit_guidance, passage_answer),
    Intent.FEE: (stated_redirect_answer, fee_estimate_answer, fee_guidance, passage_answer),
    Intent.REMEDY: (stated_redirect_answer, remedy_guidance, passage_answer),
    Intent.COMPLAINT: (complaint_guidance,),
    Intent.GENERAL: (
        stated_redirect_answer,
        document_answer,
        deadline_answer,
        passage_answer,
        item_answer,
        redirect_answer,
    ),
}


def reply_to(knowledge: Knowledge, q: Question) -> Answer:
    """The answer to a question read against these records, saying first what it assumed."""
    answer = _reply(knowledge, q)
    if q.assumed:
        answer.answer = "；".join(q.assumed) + "：" + answer.answer
    return answer


def _reply(knowledge: Knowledge, q: Question) -> Answer:
    if not q.folded.strip():
        return greeting(knowledge, q, empty=True)
    mentions = q.agencies
    unknown = (mentions.unknown_agencies and not mentions.named) or (
        mentions.unknown_places and not mentions.candidates
    )
    if unknown and q.intent is not Intent.ITEM:
        return _naming_places(knowledge, q) or not_covered(knowledge, q)
    for kind in KINDS.get(q.intent, ()):
        found = kind(knowledge, q)
        if found is not None:
            return found
    return not_found(knowledge, q, _missing(q))


def _missing(q: Question) -> str:
    named = q.agencies.named
    subject = named[0] if len(named) == 1 else "、".join(q.agencies.places)
    asked = q.text if len(q.text) <= 40 else q.text[:40] + "…"
    return f"{subject}与“{asked}”相关的信息" if subject else f"与“{asked}”相关的信息"


def _naming_places(knowledge: Knowledge, q: Question) -> Answer | None:
    """A question about something that happened in places the records hold no agency of
    ("广东和澳门合建了几个自动气象站"): a sentence of any document that names every one of
    them answers. Never for an agency ("临淄区应急局") nor for a contact, a figure of a
    report or a procedure: those belong to the place's own agencies."""
    mentions = q.agencies
    if q.intent not in (Intent.GENERAL, Intent.OFFTOPIC) or mentions.unknown_agencies or mentions.candidates:
        return None
    found = passage_answer(knowledge, q)
    if found is None or not all(place in found.answer for place in mentions.unknown_places):
        return None
    return found
