"""Answers, cards and pages as Telegram HTML: the only module that writes markup.

An answer reads fact first: its lead stays visible, a long remainder folds into an
expandable quote, then one short 来源 line and, where it helps, the agency's phone;
the buttons under it hold the rest (quotes, procedure, contacts, related documents).
Everything that comes from a document or a user is escaped here; `split_html()`
(htmlsplit.py) cuts a long message under Telegram's 4096-character limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from html import escape

from bot.answer import Answer, Citation, ContactCard, Coverage, DocumentPage, Intent, ProcedureCard
from bot.channels.plain import holdings
from bot.channels.telegram import texts
from bot.channels.telegram.htmlsplit import CAPTION_LIMIT as CAPTION_LIMIT
from bot.channels.telegram.htmlsplit import LIMIT as LIMIT  # re-exported: callers cut what
from bot.channels.telegram.htmlsplit import split_html as split_html  # render wrote
from bot.channels.telegram.stats import Stats
from bot.records import Vote
from bot.serving import Swap
from index.backend import IndexInfo

FOLD_OVER = 300  # answers longer than this keep their lead visible and fold the rest
LEAD_MAX = 200  # the visible lead of a folded answer, in characters (at least one line)
FOLD_MIN = 80  # a remainder shorter than this is not worth folding
MAX_SOURCES = 3  # documents named in an answer's 来源 line
MAX_QUOTES = 8  # citations quoted by 查看原文
MAX_CARDS = 3  # contact cards shown at once
SECTION_MAX = 40  # a heading in a 来源 line, in characters

# Answers the agency's phone helps: how to apply, time limits, fees, remedies (and declines).
_PHONE_HELPS = frozenset({Intent.PROCEDURE, Intent.TIME_LIMIT, Intent.FEE, Intent.REMEDY})


def plain(text: str) -> str:
    """A fixed sentence as HTML."""
    return _e(text)


def answer_html(answer: Answer) -> str:
    """The fact first, a long remainder folded, the 来源 line, and the phone where it helps."""
    parts = [_body(answer.answer)]
    hint = _phone_hint(answer)
    if hint:
        parts.append(hint)
    if answer.citations:
        parts.append(sources_line(answer.citations))
    return "\n\n".join(parts)


def caption_parts(html: str) -> tuple[str, str]:
    """A photo's caption (what fits its 1024-character limit) and the rest, to send after it."""
    chunks = split_html(html, CAPTION_LIMIT)
    return chunks[0] if chunks else "", "\n".join(chunks[1:])


def sources_line(citations: list[Citation]) -> str:
    """📄 来源: each cited document once, with its sections or table paths and its link."""
    groups: dict[str, list[Citation]] = {}
    for citation in citations:
        groups.setdefault(citation.doc_id or citation.title, []).append(citation)
    items = [_source_item(group) for group in list(groups.values())[:MAX_SOURCES]]
    if len(groups) > MAX_SOURCES:
        items.append(f"另有 {len(groups) - MAX_SOURCES} 份文件，见“查看原文”")
    if len(items) == 1:
        return f"📄 来源：{items[0]}"
    return "📄 来源：\n" + "\n".join(f"· {item}" for item in items)


def sources_html(answer: Answer) -> str:
    """The cited passages or table rows, quoted, with title, section and link (查看原文)."""
    unique = list({(c.doc_id, c.section, c.quote, c.title): c for c in answer.citations}.values())
    if not unique:
        return plain(texts.NO_SOURCES)
    blocks = [_quote_block(citation) for citation in unique[:MAX_QUOTES]]
    return "\n\n".join(blocks)


def contacts_html(answer: Answer) -> str:
    """The contact cards of an answer (联系电话, /hotline), or its text when it has none."""
    if not answer.contacts:
        return answer_html(answer) if answer.answer else plain(texts.NO_CONTACTS)
    cards = answer.contacts[:MAX_CARDS]
    blocks = [contact_card_html(card) for card in cards]
    if len(answer.contacts) > MAX_CARDS:
        blocks.append(f"另有 {len(answer.contacts) - MAX_CARDS} 处联系方式，请用 /hotline 加机关名称查询。")
    conflicts = _unique(c for card in cards for c in card.conflicts)
    if conflicts:
        blocks.append("\n".join(f"⚠️ {_e(conflict)}" for conflict in conflicts))
    return "\n\n".join(blocks)


def contact_card_html(card: ContactCard) -> str:
    """One agency's disclosure office: phones, address, hours and where they are written."""
    lines = [f"☎️ <b>{_e(card.agency)}</b>"]
    if card.office and card.office != card.agency:
        lines.append(_e(card.office))
    lines += _fields(*card.fields())
    if card.sources:
        lines.append(sources_line(card.sources))
    return "\n".join(lines)


def procedure_html(answer: Answer) -> str:
    """How to apply (如何申请, /apply), or the answer text when there is no card."""
    if answer.procedure is None:
        return answer_html(answer) if answer.answer else plain(texts.NO_PROCEDURE)
    html = procedure_card_html(answer.procedure)
    phone = next((_phone_line(card) for card in answer.contacts if card.phones), None)
    return f"{html}\n\n{phone}" if phone else html


def procedure_card_html(card: ProcedureCard) -> str:
    """Channels, required content, time limits, fees and remedies of an application."""
    lines = [f"📝 <b>{_e(card.title)}</b>"]
    for heading, items in card.lists():
        lines.append(f"<b>{heading}</b>\n" + "\n".join(f"• {_e(item)}" for item in _unique(items)))
    lines += _fields(*card.notes())
    if card.sources:
        lines.append(sources_line(card.sources))
    return "\n".join(lines)


def page_html(page: DocumentPage) -> str:
    """One page of matching documents (相关文件, /search)."""
    if not page.items:
        return plain(texts.NO_DOCUMENTS)
    first = page.offset + 1
    last = page.offset + len(page.items)
    head = f"🔎 “{_e(page.query)}”：第 {first}–{last} 条，共 {page.total} 条"
    lines = [f"{n}. {citation_line(c)}" for n, c in enumerate(page.items, first)]
    return head + "\n\n" + "\n".join(lines)


def document_html(citation: Citation) -> str:
    """One document as a message of its own (inline mode): title, details and the passage."""
    html = citation_line(citation)
    if citation.quote:
        html += f"\n{_quote(_clip(citation.quote, 300))}"
    return html


def coverage_html(coverage: Coverage) -> str:
    """Which agencies and years the corpus covers (/about)."""
    lines = [f"📚 资料库共有 {coverage.documents} 份文件，涉及 {len(coverage.agencies)} 个机关："]
    for agency in coverage.agencies:
        held = holdings(agency.report_years, agency.guides, agency.items)
        lines.append(f"• {_e(agency.agency)}：{_e('；'.join(held))}")
    if coverage.index_version:
        lines.append(f"\n索引版本 <code>{_e(coverage.index_version)}</code>")
    return "\n".join(lines)


def swap_html(swap: Swap) -> str:
    """The reply to a successful /reload: old → new version and document counts."""
    old = _version(swap.old) if swap.old else "（无）"
    return f"✅ 索引已重新加载\n{old} → {_version(swap.new)}"


def reload_failed_html(current: IndexInfo | None, reason: str) -> str:
    """The reply to a failed /reload: the reason and what is still being served."""
    serving = f"继续使用 {_version(current)}" if current else "目前没有可用的索引"
    return f"⚠️ 重新加载失败，{serving}。\n原因：<code>{_e(reason)}</code>"


def stats_html(
    info: IndexInfo,
    stats: Stats,
    votes: dict[Vote, int],
    unanswered: list[tuple[str, int]],
    now: datetime | None = None,
    lost: int = 0,
) -> str:
    """Index version and age, documents by kind, questions, declines, feedback, lost records (/stats)."""
    now = now or datetime.now(UTC)
    built = info.built_at if info.built_at.tzinfo else info.built_at.replace(tzinfo=UTC)
    kinds = "、".join(f"{kind} {count}" for kind, count in sorted(info.by_kind.items())) or "—"
    lines = [
        f"📊 索引 {_version(info)}，建于 {_age(now - built)}前",
        f"文件类型：{_e(kinds)}",
        f"启动以来回答 {stats.answered} 个问题，其中未找到答案 {stats.declined} 个"
        f"（{stats.declined_share:.0%}）",
        f"反馈：👍 {votes[Vote.UP]}　👎 {votes[Vote.DOWN]}",
    ]
    if lost:
        lines.append(f"⚠️ 未能写入的记录：{lost} 条（数据文件夹已满或不可写，详见日志）")
    if unanswered:
        lines.append("<b>常见未答问题</b>（gongkai export 可导出全部）")
        lines += [f"{count}× {_e(question)}" for question, count in unanswered]
    return "\n".join(lines)


def citation_line(citation: Citation) -> str:
    """A source on one line: 《linked title》, then agency and year unless the title has them, section."""
    details = [
        citation.agency if citation.agency and citation.agency not in citation.title else None,
        f"{citation.year}年" if citation.year and str(citation.year) not in citation.title else None,
        _short_section(citation.section) if citation.section else None,
    ]
    detail = " · ".join(_e(part) for part in details if part)
    return f"{_title(citation)} {detail}" if detail else _title(citation)


def _body(text: str) -> str:
    lead, rest = _lead(text.strip())
    return _e(lead) + (f"\n{_quote(rest, expandable=True)}" if rest else "")


def _lead(text: str) -> tuple[str, str]:
    """Split a long answer into the part to show and the part to fold."""
    if len(text) <= FOLD_OVER:
        return text, ""
    first, _, others = text.partition("\n\n")
    if others and len(first) <= LEAD_MAX:
        lead, rest = first, others
    else:
        lines = text.split("\n")
        taken, size = 1, len(lines[0])
        # A line like "说明：" heads what follows it: it goes with the folded part.
        while taken < len(lines) and size + len(lines[taken]) <= LEAD_MAX and not lines[taken].endswith("："):
            size += len(lines[taken])
            taken += 1
        lead, rest = "\n".join(lines[:taken]), "\n".join(lines[taken:])
    rest = rest.strip()
    return (text, "") if len(rest) < FOLD_MIN else (lead, rest)


def _source_item(group: list[Citation]) -> str:
    sections = _unique(_short_section(c.section) for c in group if c.section)
    where = "、".join(_e(s) for s in sections)
    return f"{_title(group[0])} {where}" if where else _title(group[0])


def _quote_block(citation: Citation) -> str:
    lines = [f"📄 {citation_line(citation)}"]
    if citation.section and _short_section(citation.section) != citation.section:
        lines.append(f"位置：{_e(_clip(citation.section, 160))}")
    if citation.quote:
        lines.append(_quote(citation.quote, expandable=len(citation.quote) > LEAD_MAX))
    if _is_web(citation.url):
        lines.append(f'🔗 <a href="{escape(citation.url or "")}">打开原文网页</a>')
    return "\n".join(lines)


def _phone_hint(answer: Answer) -> str | None:
    """The agency's phone under a decline or an application question, unless the text has it."""
    if answer.found and answer.intent not in _PHONE_HELPS:
        return None
    card = next((card for card in answer.contacts if card.phones), None)
    if card is None or any(phone.rsplit("-", 1)[-1] in answer.answer for phone in card.phones):
        return None
    return _phone_line(card)


def _phone_line(card: ContactCard) -> str:
    return f"☎️ {_e(card.office or card.agency)}：{_e('、'.join(card.phones[:2]))}"


def _title(citation: Citation) -> str:
    title = _e(citation.title)
    if _is_web(citation.url):
        title = f'<a href="{escape(citation.url or "")}">{title}</a>'
    return f"《{title}》"


def _short_section(section: str | None) -> str:
    """A heading path keeps its last heading; a table path (表三 · … · 总计) stays whole."""
    if not section:
        return ""
    last = section.rsplit(" › ", 1)[-1]
    return _clip(last, SECTION_MAX if last != section or " · " not in section else 2 * SECTION_MAX)


def _is_web(url: str | None) -> bool:
    return bool(url and url.startswith(("http://", "https://")))


def _quote(text: str, *, expandable: bool = False) -> str:
    return f"<blockquote{' expandable' if expandable else ''}>{_e(text)}</blockquote>"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _e(text: str) -> str:
    return escape(text, quote=False)


def _fields(*pairs: tuple[str, str | None]) -> list[str]:
    return [f"{label}：{_e(value)}" for label, value in pairs if value]


def _version(info: IndexInfo) -> str:
    return f"<code>{_e(info.version)}</code>（{info.documents} 份文件）"


def _age(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 3600:
        return f"{max(seconds // 60, 0)} 分钟"
    if seconds < 86400:
        return f"{seconds // 3600} 小时"
    return f"{seconds // 86400} 天"
