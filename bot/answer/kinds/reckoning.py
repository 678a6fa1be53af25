"""Answers worked out rather than quoted: reply deadlines and information-processing fees.

"我3月1日提交的申请什么时候答复" counts 20 working days on the official calendar
(bot.assist.deadline); "一个月申请15件要交多少钱" applies 国办函〔2020〕109号
(bot.assist.fees). Both cite the articles they apply.
"""

from __future__ import annotations

import re

from bot.answer.compose import cite_hit, reply
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, Citation, Intent
from bot.answer.reading.question import Question
from bot.assist.dates import format_date, parse_date
from bot.assist.deadline import (
    CHANNEL_NAMES,
    DatedStep,
    SubmissionChannel,
    compute_deadlines,
    explain_deadlines,
    parse_channel,
)
from bot.assist.fees import estimate_by_applications, estimate_by_pages, explain_fee
from bot.corpus.cn import cn_to_int
from bot.errors import AssistError
from index.backend import SearchFilters

_DATE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?"
    r"|(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.])|大前天|前天|昨天|今天|(?:上上|上|这|本)?(?:个)?(?:周|星期|礼拜)[一二三四五六日天]"
)
_SUBMITTED = re.compile(r"提交|递交|申请|寄|交|发|送")
_WHEN = re.compile(r"什么时候|多久|哪天|几号|何时|期限|截止|最晚|最迟|答复|回复")
# Tried from a run's first character only: from every character a long run was quadratic.
_NUMBER = r"((?<!\d)\d+|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+)"
_APPLICATIONS = re.compile(
    _NUMBER + r"\s*(?:件|个|份|次)(?:政府信息公开)?申请|申请(?:了)?\s*" + _NUMBER + r"\s*(?:件|个|份|次)"
)
_PAGES = re.compile(_NUMBER + r"\s*页")


def deadline_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """The reply deadline of an application submitted on a date the question names."""
    when = _DATE.search(q.folded)
    if when is None or not _SUBMITTED.search(q.folded) or not _WHEN.search(q.folded):
        return None
    today = q.today
    try:
        submitted = parse_date(when.group(0), today)
    except AssistError:
        return None
    channel, assumed = _channel(q.folded)
    result = compute_deadlines(channel, submitted, allow_estimates=True)
    how = CHANNEL_NAMES[channel] + ("（未说明提交方式，按当面提交计算）" if assumed else "")
    reply_by, extended = _shown(result.reply_by), _shown(result.extended_reply_by)
    lead = f"按{how}、{format_date(submitted)}提交计算：应在{reply_by}前答复；如经批准延长，最晚{extended}。"
    return reply(
        Intent.TIME_LIMIT,
        f"{lead}\n\n{explain_deadlines(result)}",
        found=True,
        citations=_articles(knowledge, ("第三十一条", "第三十三条")),
    )


def fee_estimate_answer(knowledge: Knowledge, q: Question) -> Answer | None:
    """The information-processing fee for a stated number of applications or pages."""
    pages = _PAGES.search(q.folded)
    applications = _APPLICATIONS.search(q.folded)
    try:
        if pages:
            estimate = estimate_by_pages(_number(pages.group(1)))
        elif applications:
            estimate = estimate_by_applications(_number(next(g for g in applications.groups() if g)))
        else:
            return None
    except AssistError as exc:
        return reply(Intent.FEE, exc.user_message, found=True)
    return reply(
        Intent.FEE, explain_fee(estimate), found=True, citations=_articles(knowledge, ("第四十二条",))
    )


def _shown(step: DatedStep) -> str:
    return format_date(step.day) + ("（估算）" if step.estimated else "")


def _channel(folded: str) -> tuple[SubmissionChannel, bool]:
    try:
        return parse_channel(folded), False
    except AssistError:
        return SubmissionChannel.IN_PERSON, True


def _number(text: str) -> int:
    return int(text) if text.isdigit() else (cn_to_int(text) or 0)


def _articles(knowledge: Knowledge, articles: tuple[str, ...]) -> list[Citation]:
    laws = knowledge.catalogue.regulations()[:1]
    if not laws:
        return []
    hits = knowledge.records(SearchFilters(documents=[laws[0].id]), limit=500)
    return [cite_hit(h) for a in articles for h in hits if h.section and h.section[-1].startswith(a)][:3]
