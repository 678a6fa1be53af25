"""Answers, cards and pages as Telegram HTML: the only module that writes markup.

Everything that comes from a document or a user is escaped here. `split_html()`
cuts a long message under Telegram's 4096-character limit at line breaks, never
inside a tag or an entity, closing and reopening tags across the cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from html import escape

from telegram.constants import MessageLimit

from bot.answer import Answer, Citation, ContactCard, Coverage, DocumentPage, ProcedureCard
from bot.channels.telegram import texts
from bot.channels.telegram.feedback import Vote
from bot.channels.telegram.stats import Stats
from bot.serving import Swap
from index.backend import IndexInfo

LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096

_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)")


def plain(text: str) -> str:
    """A fixed sentence as HTML."""
    return escape(text, quote=False)


def answer_html(answer: Answer) -> str:
    """The answer text and where it comes from."""
    parts = [escape(answer.answer, quote=False)]
    if answer.citations:
        parts.append("📄 <b>来源</b>\n" + _numbered(citation_line(c) for c in answer.citations))
    return "\n\n".join(parts)


def sources_html(answer: Answer) -> str:
    """The cited passages or table rows, quoted, with their links (查看原文)."""
    if not answer.citations:
        return plain(texts.NO_SOURCES)
    blocks = []
    for citation in answer.citations:
        block = citation_line(citation)
        if citation.quote:
            block += f"\n<blockquote>{escape(citation.quote, quote=False)}</blockquote>"
        blocks.append(block)
    return "\n\n".join(blocks)


def contacts_html(answer: Answer) -> str:
    """The contact cards of an answer (联系电话, /hotline), or its text when it has none."""
    if not answer.contacts:
        return answer_html(answer) if answer.answer else plain(texts.NO_CONTACTS)
    return "\n\n".join(contact_card_html(card) for card in answer.contacts)


def contact_card_html(card: ContactCard) -> str:
    """One agency's disclosure office: phones, address, hours, sources."""
    lines = [f"☎️ <b>{escape(card.agency, quote=False)}</b>"]
    if card.office:
        lines.append(escape(card.office, quote=False))
    lines += _fields(
        ("电话", "、".join(card.phones)),
        ("传真", "、".join(card.fax)),
        ("地址", card.address),
        ("邮编", card.postcode),
        ("邮箱", card.email),
        ("办公时间", card.hours),
    )
    lines += [f"⚠️ {escape(conflict, quote=False)}" for conflict in card.conflicts]
    lines += _sources(card.sources)
    return "\n".join(lines)


def procedure_html(answer: Answer) -> str:
    """How to apply (如何申请, /apply), or the answer text when there is no card."""
    if answer.procedure is None:
        return answer_html(answer) if answer.answer else plain(texts.NO_PROCEDURE)
    return procedure_card_html(answer.procedure)


def procedure_card_html(card: ProcedureCard) -> str:
    """Channels, required content, time limits, fees and remedies of an application."""
    title = f"{card.agency} 依申请公开" if card.agency else "依申请公开"
    lines = [f"📝 <b>{escape(title, quote=False)}</b>"]
    for heading, items in (
        ("申请渠道", card.channels),
        ("申请内容", card.required_content),
        ("办理时限", card.time_limits),
    ):
        if items:
            lines.append(f"<b>{heading}</b>\n" + "\n".join(f"• {escape(i, quote=False)}" for i in items))
    lines += _fields(("收费", card.fees), ("救济途径", card.remedies))
    lines += _sources(card.sources)
    return "\n".join(lines)


def page_html(page: DocumentPage) -> str:
    """One page of matching documents (相关文件, /search)."""
    if not page.items:
        return plain(texts.NO_DOCUMENTS)
    first = page.offset + 1
    last = page.offset + len(page.items)
    head = f"🔎 “{escape(page.query, quote=False)}”：第 {first}–{last} 条，共 {page.total} 条"
    lines = [f"{n}. {citation_line(c)}" for n, c in enumerate(page.items, first)]
    return head + "\n\n" + "\n".join(lines)


def coverage_html(coverage: Coverage) -> str:
    """Which agencies and years the corpus covers (/about)."""
    lines = [f"📚 资料库共有 {coverage.documents} 份文件，涉及 {len(coverage.agencies)} 个机关："]
    for agency in coverage.agencies:
        held = []
        if agency.report_years:
            held.append("年度报告 " + "、".join(str(y) for y in sorted(agency.report_years)))
        if agency.guides:
            held.append(f"公开指南 {agency.guides} 份")
        if agency.items:
            held.append(f"主动公开文件 {agency.items} 份")
        lines.append(f"• {escape(agency.agency, quote=False)}：{'；'.join(held) or '—'}")
    if coverage.index_version:
        lines.append(f"\n索引版本 <code>{escape(coverage.index_version, quote=False)}</code>")
    return "\n".join(lines)


def swap_html(swap: Swap) -> str:
    """The reply to a successful /reload: old → new version and document counts."""
    old = _version(swap.old) if swap.old else "（无）"
    return f"✅ 索引已重新加载\n{old} → {_version(swap.new)}"


def reload_failed_html(current: IndexInfo | None, reason: str) -> str:
    """The reply to a failed /reload: the reason and what is still being served."""
    serving = f"继续使用 {_version(current)}" if current else "目前没有可用的索引"
    return f"⚠️ 重新加载失败，{serving}。\n原因：<code>{escape(reason, quote=False)}</code>"


def stats_html(info: IndexInfo, stats: Stats, votes: dict[Vote, int], now: datetime | None = None) -> str:
    """Index version and age, documents by kind, questions, declines, feedback (/stats)."""
    now = now or datetime.now(UTC)
    built = info.built_at if info.built_at.tzinfo else info.built_at.replace(tzinfo=UTC)
    kinds = "、".join(f"{kind} {count}" for kind, count in sorted(info.by_kind.items())) or "—"
    lines = [
        f"📊 索引 {_version(info)}，建于 {_age(now - built)}前",
        f"文件类型：{escape(kinds, quote=False)}",
        f"启动以来回答 {stats.answered} 个问题，其中未找到答案 {stats.declined} 个"
        f"（{stats.declined_share:.0%}）",
        f"反馈：👍 {votes[Vote.UP]}　👎 {votes[Vote.DOWN]}",
    ]
    top = stats.top_unanswered()
    if top:
        lines.append("<b>常见未答问题</b>")
        lines += [f"{count}× {escape(question, quote=False)}" for question, count in top]
    return "\n".join(lines)


def citation_line(citation: Citation) -> str:
    """A source as one line: linked title, then agency, year and section."""
    title = escape(citation.title, quote=False)
    if citation.url and citation.url.startswith(("http://", "https://")):
        title = f'<a href="{escape(citation.url)}">{title}</a>'
    where = [citation.agency, f"{citation.year}年" if citation.year else None, citation.section]
    detail = " · ".join(escape(part, quote=False) for part in where if part)
    return f"{title}（{detail}）" if detail else title


def split_html(html: str, limit: int = LIMIT) -> list[str]:
    """Cut HTML into messages of at most `limit` UTF-16 units, preferably at line breaks."""
    chunks: list[str] = []
    current: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag name, opening tag) of the tags open now
    size = 0
    cut: tuple[int, list[tuple[str, str]]] | None = None  # last line break in `current`
    for token in _TOKEN.findall(html):
        after = _apply(stack, token)
        if current and size + _units(token) + _closing_size(after) > limit:
            at, open_tags = cut if cut and cut[0] > 0 else (len(current), stack)
            chunks.append("".join(current[:at]) + _closers(open_tags))
            current = [tag for _, tag in open_tags] + current[at:]
            size = sum(_units(t) for t in current)
            cut = None
        current.append(token)
        size += _units(token)
        stack = after
        if token == "\n" and size * 2 >= limit:  # break late rather than leave tiny messages
            cut = (len(current), list(stack))
    chunks.append("".join(current))
    return [chunk.strip("\n") for chunk in chunks if chunk.strip()]


def _apply(stack: list[tuple[str, str]], token: str) -> list[tuple[str, str]]:
    match = _TAG.match(token)
    if not match:
        return stack
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        return [*stack, (name, token)]
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            return stack[:i] + stack[i + 1 :]
    return stack


def _closers(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _closing_size(stack: list[tuple[str, str]]) -> int:
    return _units(_closers(stack))


def _units(text: str) -> int:
    # Telegram counts UTF-16 code units: characters outside the BMP count twice.
    return len(text.encode("utf-16-le")) // 2


def _numbered(lines: Iterable[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


def _fields(*pairs: tuple[str, str | None]) -> list[str]:
    return [f"{label}：{escape(value, quote=False)}" for label, value in pairs if value]


def _sources(sources: list[Citation]) -> list[str]:
    return [f"📄 {citation_line(c)}" for c in sources]


def _version(info: IndexInfo) -> str:
    return f"<code>{escape(info.version, quote=False)}</code>（{info.documents} 份文件）"


def _age(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 3600:
        return f"{max(seconds // 60, 0)} 分钟"
    if seconds < 86400:
        return f"{seconds // 3600} 小时"
    return f"{seconds // 86400} 天"
