"""What one document becomes in the index: passages, statistics, contacts, items.

Each record carries the `Hit` it will come back as (without a score) and the texts
its fields are indexed from. Long sections are cut into passages of a few hundred
characters on sentence boundaries; every passage keeps its section's heading path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.corpus.models import CatalogueEntry, Contact, DocKind, Document, DocumentMeta, Section, Statistic
from bot.text import fold, normalize_doc_no
from index.backend import Hit, RecordKind

PASSAGE_TARGET = 300  # characters a passage grows to before it is closed
PASSAGE_LIMIT = 600  # a longer sentence is cut at PASSAGE_TARGET
ITEM_BODY = 1000  # characters of an item's body in its item record (passages hold the rest)

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


@dataclass(frozen=True)
class IndexRecord:
    """One index record: the hit it returns and the texts it is found by."""

    hit: Hit
    title: str
    heading: str
    body: str
    doc_no: str | None = None
    index_no: str | None = None


def doc_no_key(doc_no: str) -> str:
    """The lookup form of a 文号: one bracket style, no spaces, folded."""
    return fold(normalize_doc_no(doc_no))


def index_no_key(index_no: str) -> str:
    """The lookup form of a 索引号: no spaces, folded."""
    return fold(re.sub(r"\s+", "", index_no))


def split_passages(text: str, target: int = PASSAGE_TARGET, limit: int = PASSAGE_LIMIT) -> list[str]:
    """Cut text into passages of about `target` characters, on sentence ends where possible."""
    passages: list[str] = []
    current = ""
    for sentence in _sentence_pieces(text, target, limit):
        if current and len(current) + len(sentence) > target:
            passages.append(current.strip())
            current = ""
        current += sentence
    if current.strip():
        passages.append(current.strip())
    return [p for p in passages if p]


def _sentence_pieces(text: str, target: int, limit: int) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) <= limit:
            yield sentence
        else:
            yield from (sentence[i : i + target] for i in range(0, len(sentence), target))


def document_records(doc: Document) -> Iterator[IndexRecord]:
    """Every record of one document, in document order."""
    for section in doc.walk_sections():
        yield from _passages(doc, section)
    for statistic in doc.statistics:
        yield _statistic(doc, statistic)
    for contact in doc.contacts:
        yield _contact(doc, contact)
    if doc.meta.kind is DocKind.ITEM:
        yield _item(doc)
    for entry in doc.catalogue:
        yield _entry(doc, entry)


def _hit(doc: Document, record: RecordKind, text: str, section: list[str], **model: object) -> Hit:
    meta = doc.meta
    return Hit(
        record=record,
        doc_id=doc.id,
        title=meta.title,
        agency=meta.agency,
        year=meta.year,
        doc_kind=meta.kind,
        section=section,
        text=text,
        url=meta.url,
        **model,
    )


def _heading(doc: Document, section: list[str]) -> str:
    return " ".join([*section, doc.meta.agency or ""])


def _passages(doc: Document, section: Section) -> Iterator[IndexRecord]:
    heading = _heading(doc, section.path)
    for passage in split_passages(section.text):
        hit = _hit(doc, RecordKind.PASSAGE, passage, section.path)
        yield IndexRecord(hit=hit, title=doc.meta.title, heading=heading, body=passage)


def _statistic(doc: Document, stat: Statistic) -> IndexRecord:
    value = f"{stat.display_value}{stat.unit or ''}"
    path = " / ".join(stat.row) + (" | " + " / ".join(stat.column) if stat.column else "")
    text = f"{path}：{value}" + (f"（{stat.evidence}）" if stat.evidence else "")
    section = stat.location.section or ([stat.location.table_title] if stat.location.table_title else [])
    hit = _hit(doc, RecordKind.STATISTIC, text, section, statistic=stat)
    heading = _heading(doc, [*section, stat.location.table_title or ""])
    return IndexRecord(hit=hit, title=doc.meta.title, heading=heading, body=text)


def _contact(doc: Document, contact: Contact) -> IndexRecord:
    phones = [f"{p.display}{'（' + p.note + '）' if p.note else ''}" for p in contact.phones]
    parts = [contact.agency, contact.office, contact.role, *phones, contact.address, contact.postcode]
    parts += [contact.email, contact.hours, contact.evidence]
    body = "\n".join(part for part in parts if part)
    hit = _hit(doc, RecordKind.CONTACT, contact.evidence, contact.section, contact=contact)
    heading = _heading(doc, [*contact.section, contact.agency or "", contact.office or ""])
    return IndexRecord(hit=hit, title=doc.meta.title, heading=heading, body=body)


def item_lines(meta: DocumentMeta) -> str:
    """The metadata block of an item as the catalogue prints it."""
    fields = [
        ("文号", meta.doc_no),
        ("索引号", meta.index_no),
        ("发文机关", meta.publisher),
        ("成文日期", meta.written),
        ("发布日期", meta.published),
        ("有效性", meta.validity),
    ]
    return "\n".join(f"{name}：{value}" for name, value in fields if value)


def _item(doc: Document) -> IndexRecord:
    meta = doc.meta
    body = f"{item_lines(meta)}\n{doc.text[:ITEM_BODY]}"
    hit = _hit(doc, RecordKind.ITEM, body, [], item=meta)
    return IndexRecord(
        hit=hit,
        title=meta.title,
        heading=_heading(doc, [meta.publisher or ""]),
        body=body,
        doc_no=doc_no_key(meta.doc_no) if meta.doc_no else None,
        index_no=index_no_key(meta.index_no) if meta.index_no else None,
    )


def _entry(doc: Document, entry: CatalogueEntry) -> IndexRecord:
    fields = [("文号", entry.doc_no), ("索引号", entry.index_no), ("发布日期", entry.published)]
    text = "\n".join([entry.title, *(f"{name}：{value}" for name, value in fields if value)])
    hit = _hit(doc, RecordKind.ITEM, text, [], entry=entry)
    return IndexRecord(
        hit=hit,
        title=entry.title,
        heading=_heading(doc, [doc.meta.title]),
        body=text,
        doc_no=doc_no_key(entry.doc_no) if entry.doc_no else None,
        index_no=index_no_key(entry.index_no) if entry.index_no else None,
    )
