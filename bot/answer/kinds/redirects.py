"""Requests that are not disclosure matters (信访, 投诉, 举报, 办事咨询): say where they go.

Tried only after the records had nothing to quote, so a question *about* these rules
("用申请的形式去信访会怎么处理？") is answered from the 条例 rather than redirected.
"""

from __future__ import annotations

import re

from bot.answer.compose import cite_hit, reply
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.assist.triage import TriageKind, triage
from index.backend import SearchFilters

_DISCLOSURE_WORDS = re.compile(r"申请|公开|政府信息")
# Someone saying they want to complain, report or petition, rather than asking about it.
_FIRST_PERSON_ACTION = re.compile(
    r"(我|我们|本人|帮我|请)(要|想|想要|需要|准备|打算|来)?(去)?(实名)?(投诉|举报|检举|信访|上访|反映)"
)


def stated_redirect_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """A redirect for someone who says they want to complain or report ("我要投诉…")."""
    return redirect_answer(knowledge, q) if _FIRST_PERSON_ACTION.search(q.folded) else None


def redirect_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """Where a complaint, report, petition or service question goes instead; None for disclosure."""
    agency = q.agencies.candidates[0] if len(q.agencies.candidates) == 1 else None
    result = triage(q.text, agency=agency)
    if result.is_disclosure_request:
        return None
    if result.kind is TriageKind.CONSULTATION and _DISCLOSURE_WORDS.search(q.folded):
        return None  # "申请需要什么材料" here asks how to apply for disclosure
    lines = [result.reason, *(f"· {line}" for line in result.where_to_go)]
    cards = knowledge.contact_cards(q.agencies.scope) if q.agencies.scope else []
    citations = []
    article = _article(result.basis)
    if article:
        laws = knowledge.catalogue.regulations()
        hits = knowledge.search(article, SearchFilters(documents=[d.id for d in laws[:1]]), 5)
        citations = [cite_hit(h) for h in hits if any(article in part for part in h.section)][:1]
    return reply(Intent.COMPLAINT, "\n".join(lines), found=True, citations=citations, contacts=cards[:1])


def _article(basis: str | None) -> str | None:
    """ "《政府信息公开条例》第三十九条" -> "第三十九条"."""
    if not basis or "第" not in basis:
        return None
    return basis[basis.index("第") :]
