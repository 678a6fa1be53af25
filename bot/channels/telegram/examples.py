"""Example questions for /start: built from what the served index covers, then checked against it.

A button under /start that leads to "sorry, not found" would be a poor first impression,
so each candidate is asked first and only questions the engine answers from the records,
with a source and understood as what they ask, are offered: a figure from an annual
report, an agency's phone, how to apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from bot.answer import Answer, Intent
from bot.answer.models import AgencyCoverage
from bot.serving import AnswerFunctions
from index.backend import KnowledgeBase

TRIES = 5  # candidates asked per kind, at most
# A figure question asks "多少件": its answer must state a number of 件.
_FIGURE = re.compile(r"\d\s*件")
_HOW_TO_APPLY = [
    ("怎样申请政府信息公开？", Intent.PROCEDURE),
    ("向政府申请信息公开要花钱吗？", Intent.FEE),
    ("提交申请后多少天内答复？", Intent.TIME_LIMIT),
]

Candidate = tuple[str, Intent]


def pick_examples(kb: KnowledgeBase, engine: AnswerFunctions) -> list[str]:
    """Up to three questions of different kinds that the engine answers from this index."""
    agencies = _richest_first(engine.coverage(kb).agencies)
    picked = []
    for candidates in (_figure_questions(agencies), _contact_questions(agencies), iter(_HOW_TO_APPLY)):
        for question, intent in islice(candidates, TRIES):
            if _good(engine.answer(kb, question), intent):
                picked.append(question)
                break
    return picked


def _richest_first(agencies: list[AgencyCoverage]) -> list[AgencyCoverage]:
    # Agencies with a guide, a recent report and many items make the most useful examples.
    return sorted(agencies, key=lambda a: (-a.guides, -max(a.report_years, default=0), -a.items, a.agency))


def _figure_questions(agencies: Iterable[AgencyCoverage]) -> Iterator[Candidate]:
    for agency in agencies:
        if agency.report_years:
            yield f"{agency.agency}{max(agency.report_years)}年收到多少件政府信息公开申请？", Intent.STATISTIC


def _contact_questions(agencies: Iterable[AgencyCoverage]) -> Iterator[Candidate]:
    for agency in agencies:
        yield f"{agency.agency}的政府信息公开咨询电话是多少？", Intent.CONTACT


def _good(answer: Answer, intent: Intent) -> bool:
    """Answered from the records, with a source, as the kind of question it is."""
    if not (answer.found and answer.citations and answer.intent is intent):
        return False
    return intent is not Intent.STATISTIC or bool(_FIGURE.search(answer.answer))
