"""Replies that are not about the records: hello, what can be asked, outside the records."""

from __future__ import annotations

from bot.answer.compose import reply
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, Intent
from bot.answer.reading.question import Question
from bot.corpus.models import DocKind

CAPABILITIES = (
    "我可以回答：各机关政府信息公开工作年度报告中的数据（如主动公开多少条、收到多少申请）、"
    "政府信息公开的咨询电话、地址和受理时间、如何申请政府信息公开（方式、内容、期限、费用、救济），"
    "以及主动公开的文件（可按文号、索引号或标题查询）。"
)


def greeting(knowledge: Knowledge, q: Question, *, empty: bool = False) -> Answer:
    """Hello, and what can be asked."""
    examples = "；".join(examples_for(knowledge))
    head = "请直接输入您的问题。" if empty else "您好！我是政府信息公开问答助手。"
    return reply(Intent.GREETING, f"{head}{CAPABILITIES}\n例如：{examples}", found=not empty)


def offtopic(knowledge: Knowledge, q: Question) -> Answer:
    """A polite no for questions outside disclosure records."""
    text = f"抱歉，这个问题不在政府信息公开记录的范围内，我无法回答。\n{CAPABILITIES}"
    return reply(Intent.OFFTOPIC, text, found=False)


def too_long(length: int, limit: int) -> Answer:
    """A polite no for a question longer than the limit, saying what the limit is."""
    text = f"您的问题有 {length} 个字，超出了 {limit} 字的上限。请只写最关键的内容再问一次。"
    return reply(Intent.GREETING, text, found=False)


def examples_for(knowledge: Knowledge) -> list[str]:
    """Three example questions built from what the corpus holds."""
    agencies = knowledge.catalogue.agencies_with_documents()
    reports = knowledge.catalogue.of_kind(DocKind.REPORT)
    examples = []
    if reports and reports[0].meta.agency and reports[0].meta.year:
        examples.append(f"{reports[0].meta.agency}{reports[0].meta.year}年收到多少件政府信息公开申请？")
    if agencies:
        examples.append(f"{agencies[0]}的政府信息公开咨询电话是多少？")
    examples.append("申请政府信息公开需要写明哪些内容？")
    return examples
