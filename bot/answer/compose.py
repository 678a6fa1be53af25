"""Building blocks of answers: citations, quoting, and the wording shared by every answer."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from bot.answer.matching.sentences import SentenceMatch
from bot.answer.models import Answer, Citation, Intent
from bot.corpus.models import Statistic
from index.backend import DocumentSummary, Hit

QUOTE_CHARS = 120
_CN_NUMERALS = "一二三四五六七八九十"


def new_id() -> str:
    """A short unique answer id, for feedback and buttons."""
    return uuid.uuid4().hex[:12]


def cite_hit(hit: Hit, quote: str | None = None) -> Citation:
    """The citation of a search hit."""
    section = table_path(hit.statistic) if hit.statistic and hit.statistic.source == "table" else None
    if hit.entry is not None:  # a catalogue row: the document it lists, found in the catalogue
        section = f"见《{hit.title}》"
    return Citation(
        title=hit.entry.title if hit.entry is not None else hit.title,
        agency=hit.agency,
        year=hit.year,
        section=section or section_path(hit.section),
        url=hit.url,
        doc_id=hit.doc_id,
        quote=quote if quote is not None else shorten(hit.text, 300),
    )


def cite_document(
    doc: DocumentSummary, section: list[str] | None = None, quote: str | None = None
) -> Citation:
    """The citation of a whole document, or of one of its sections."""
    return Citation(
        title=doc.meta.title,
        agency=doc.meta.agency,
        year=doc.meta.year,
        section=section_path(section or []),
        url=doc.meta.url,
        doc_id=doc.id,
        quote=quote,
    )


def section_path(path: list[str]) -> str | None:
    """A heading path as one line: "五、主动公开政府信息情况 › （二）公开的形式"."""
    parts = [p.strip() for p in path if p and p.strip()]
    return " › ".join(parts) if parts else None


def table_path(stat: Statistic) -> str:
    """Where a table figure stands: "表三 · 一、本年新收政府信息公开申请数量 · 总计"."""
    title = stat.location.table_title or ""
    match = re.match(rf"\s*([{_CN_NUMERALS}]+)、", title)
    table = f"表{match.group(1)}" if match else (f"表{stat.location.table}" if stat.location.table else "表")
    cells = [_squash(p) for p in stat.row] + [_squash(p) for p in stat.column if p != "申请人情况"]
    return " · ".join([table, *[c for c in cells if c]])


def figure_text(stat: Statistic) -> str:
    """A figure with its unit: "3119件", "18651.06万元", "100%"."""
    return value_text(stat.value, stat.unit)


def value_text(value: float | None, unit: str | None) -> str:
    """A number as a person writes it, with its unit: 3119件, 18651.06万元; "—" for none.

    The one place a figure becomes text: answers, tables, charts and exports use it.
    """
    if value is None:
        return "—"
    # Never :g, which rounds to six digits (18651.06 → 18651.1) and writes 1.23457e+06.
    number = str(int(value)) if value == int(value) else f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    return f"{number}{unit or ''}"


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """The text, cut at a sentence or clause end near the limit."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。；，")
    return (text[: cut + 1] if cut > limit // 2 else text[:limit]) + "…"


def reply(intent: Intent, text: str, *, found: bool, **fields: object) -> Answer:
    """An Answer with a fresh id; the same source cited twice is cited once."""
    citations = fields.get("citations")
    if isinstance(citations, list):
        seen: dict[tuple[str | None, str | None, str], Citation] = {}
        for c in citations:
            seen.setdefault((c.doc_id, c.section, c.title), c)
        fields["citations"] = list(seen.values())
    return Answer.model_validate(
        {"id": new_id(), "answer": text.strip(), "found": found, "intent": intent, **fields}
    )


def _squash(label: str) -> str:
    return re.sub(r"\s+", "", label)


def quote(found: Sequence[SentenceMatch]) -> str:
    """The one or two answering sentences; where they stand travels as citations, not text."""
    return "\n".join(m.sentence for m in found[:2])
