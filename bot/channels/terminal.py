"""Plain-text rendering of answers for terminals and logs (no markup)."""

from __future__ import annotations

from bot.answer.models import Answer, Citation, ContactCard, ProcedureCard


def render_answer(answer: Answer, *, sources: int = 3) -> str:
    """An answer with its sources, for a person reading a terminal."""
    parts = [answer.answer]
    if answer.citations:
        parts.append("来源：\n" + "\n".join(f"  · {cite_line(c)}" for c in answer.citations[:sources]))
    return "\n".join(parts)


def cite_line(citation: Citation) -> str:
    """One citation on one line: title, section, link."""
    line = f"《{citation.title}》"
    if citation.section:
        line += f" {citation.section}"
    if citation.url:
        line += f" {citation.url}"
    return line


def render_contact(card: ContactCard) -> str:
    """A contact card as lines of text."""
    lines = [card.office or card.agency]
    labelled = [
        ("电话", "、".join(card.phones)),
        ("传真", "、".join(card.fax)),
        ("地址", card.address),
        ("邮编", card.postcode),
        ("电子邮箱", card.email),
        ("受理时间", card.hours),
    ]
    lines += [f"  {label}：{value}" for label, value in labelled if value]
    lines += [f"  注意：{c}" for c in card.conflicts]
    return "\n".join(lines)


def render_procedure(card: ProcedureCard) -> str:
    """A procedure card as lines of text."""
    lines = [f"向{card.agency}申请政府信息公开" if card.agency else "申请政府信息公开"]
    sections = [
        ("申请方式", card.channels),
        ("申请内容", card.required_content),
        ("办理时限", card.time_limits),
    ]
    for label, items in sections:
        if items:
            lines.append(f"{label}：")
            lines += [f"  · {item}" for item in items]
    if card.fees:
        lines.append(f"费用：{card.fees}")
    if card.remedies:
        lines.append(f"救济：{card.remedies}")
    return "\n".join(lines)
