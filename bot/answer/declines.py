"""Honest answers when the records do not hold what was asked: say so, then say where to ask."""

from __future__ import annotations

from bot.answer.cards import card_lines
from bot.answer.compose import reply
from bot.answer.knowledge import Knowledge
from bot.answer.models import Answer, ContactCard, Intent
from bot.answer.reading.question import Question

APPLY_HOW = (
    "依申请公开：向该机关的政府信息公开工作机构提出申请（可在线、书面或口头提出），"
    "写明申请人的姓名或名称、身份证明、联系方式，所需信息的名称、文号或其他特征性描述，"
    "以及希望获取信息的方式；能当场答复的当场答复，否则一般在20个工作日内答复"
    "（《中华人民共和国政府信息公开条例》第二十九条、第三十三条）。"
)
NO_CONTACT = (
    "可拨打当地12345政务服务便民热线咨询，或在该机关门户网站的“政府信息公开”专栏查阅其政府信息公开指南。"
)


def where_to_ask(cards: list[ContactCard]) -> str:
    """The lines that point to a hotline and to the application procedure."""
    lines = ["您可以："]
    if cards:
        card = cards[0]
        name = card.office or card.agency
        contact = "；".join(card_lines(card, ["phone", "email", "address"])[:3])
        lines.append(f"· 咨询{name}：{contact}" if contact else f"· 咨询{name}")
    else:
        lines.append(f"· {NO_CONTACT}")
    lines.append(f"· {APPLY_HOW}")
    return "\n".join(lines)


def not_found(knowledge: Knowledge, q: Question, missing: str, intent: Intent | None = None) -> Answer:
    """The records lack what was asked: say what is missing and where to ask instead."""
    agencies = q.agencies.candidates
    cards = knowledge.contact_cards(q.agencies.scope) if agencies else []
    text = f"抱歉，现有记录中没有找到{missing}。\n{where_to_ask(cards)}"
    return reply(
        intent or q.intent,
        text,
        found=False,
        agency=agencies[0] if len(agencies) == 1 else None,
        year=q.years[0] if len(q.years) == 1 else None,
        contacts=cards[:1],
    )


def not_covered(knowledge: Knowledge, q: Question) -> Answer:
    """The question is about a place or agency the records do not hold: say so, never a neighbour's facts."""
    mentions = q.agencies
    missing = "、".join(mentions.unknown_agencies or mentions.unknown_places)
    held = mentions.candidates  # the agencies of a place it named, when it named one we hold
    known = "、".join(held or knowledge.catalogue.agencies_with_documents()[:8])
    where = f"该地现有记录只收录了：{known}。" if held else f"目前收录的机关有：{known}。"
    text = (
        f"抱歉，现有记录中没有{missing}的政府信息公开资料，无法回答这个问题。\n"
        f"· {NO_CONTACT}\n· {APPLY_HOW}\n{where}"
    )
    return reply(q.intent, text, found=False)
