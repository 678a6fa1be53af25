"""Plain text for people: answers, cards, coverage, the command list and the apology.

One presentation for every channel that writes plain text (the terminal chat,
`gongkai ask`) and the source of the words the Telegram renderer marks up: the
command table, the contact and procedure labels (bot/answer/models.py), the apology.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.models import Answer, Citation, ContactCard, Coverage, ProcedureCard

HOTLINE = "12345 政务服务便民热线"
APOLOGY = f"抱歉，系统刚才出了点问题，没能回答您。请换个说法再问，或拨打当地{HOTLINE}咨询。"


@dataclass(frozen=True)
class Command:
    """A command citizens can type, in the chat and in Telegram."""

    name: str
    argument: str
    summary: str

    @property
    def usage(self) -> str:
        """How it is typed: "/hotline 机关"."""
        return f"/{self.name} {self.argument}".rstrip()


COMMANDS = (
    Command("hotline", "机关", "咨询电话和地址"),
    Command("apply", "机关", "如何申请政府信息公开"),
    Command("draft", "机关", "一步步起草政府信息公开申请表（Word 文件）"),
    Command("search", "关键词", "查找公开文件"),
    Command("about", "", "收录了哪些机关和年度"),
    Command("help", "", "使用说明"),
)
EXAMPLE_QUESTION = "张店区安监局的热线电话是多少？"


def command_lines(extra: tuple[Command, ...] = ()) -> list[str]:
    """One line per command: its usage, then what it does."""
    return [f"{c.usage} — {c.summary}" for c in (*COMMANDS, *extra)]


def help_text(extra: tuple[Command, ...] = ()) -> str:
    """What to type: a question, or one of the commands."""
    lines = "\n".join(f"  {line}" for line in command_lines(extra))
    return f"可以直接输入问题，例如“{EXAMPLE_QUESTION}”。\n命令：\n{lines}"


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
    lines += [f"  {label}：{value}" for label, value in card.fields()]
    lines += [f"  注意：{c}" for c in card.conflicts]
    return "\n".join(lines)


def render_procedure(card: ProcedureCard) -> str:
    """A procedure card as lines of text."""
    lines = [card.title]
    for label, items in card.lists():
        lines.append(f"{label}：")
        lines += [f"  · {item}" for item in items]
    lines += [f"{label}：{text}" for label, text in card.notes()]
    return "\n".join(lines)


def render_coverage(coverage: Coverage) -> str:
    """Which agencies and years the corpus covers."""
    lines = [f"收录 {coverage.documents} 份文件（索引版本 {coverage.index_version}）："]
    for entry in coverage.agencies:
        lines.append(
            f"  · {entry.agency}：{'；'.join(holdings(entry.report_years, entry.guides, entry.items))}"
        )
    return "\n".join(lines)


def holdings(report_years: list[int], guides: int, items: int) -> list[str]:
    """What the corpus holds of one agency, in words; ["其他文件"] when none of these."""
    held = []
    if report_years:
        held.append("年度报告 " + "、".join(str(y) for y in sorted(report_years)))
    if guides:
        held.append(f"公开指南 {guides} 份")
    if items:
        held.append(f"主动公开文件 {items} 份")
    return held or ["其他文件"]
