"""The search contract the answer engine relies on, whatever engine serves it.

Whoosh is the only implementation (index/search.py). A deployment that outgrows one
machine implements `SearchBackend` over OpenSearch/Elasticsearch with a Chinese
analyzer; nothing in the answer engine changes.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from pydantic import BaseModel, Field

from bot.corpus.models import (
    AgencyRegistry,
    CatalogueEntry,
    Conflict,
    Contact,
    DocKind,
    DocumentMeta,
    Procedure,
    Statistic,
)

if TYPE_CHECKING:
    from index.analyzer import GongkaiAnalyzer  # whoosh's analysis: loaded only with a backend
from index.analyzer import GongkaiAnalyzer


class RecordKind(StrEnum):
    """What one index record holds."""

    PASSAGE = "passage"  # a section (or part of one) of any document, with its heading path
    STATISTIC = "statistic"  # one Statistic of a report
    CONTACT = "contact"  # one Contact record
    ITEM = "item"  # a disclosed item's metadata and body, or one catalogue row


class SearchFilters(BaseModel):
    """Restrict a search; an empty list means no restriction."""

    agencies: list[str] = Field(default_factory=list)  # canonical agency names
    years: list[int] = Field(default_factory=list)
    doc_kinds: list[DocKind] = Field(default_factory=list)
    records: list[RecordKind] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)  # Document.id


class DocumentFilters(BaseModel):
    """Select documents of the catalogue; an empty list means no restriction."""

    agencies: list[str] = Field(default_factory=list)  # canonical agency names (DocumentSummary.agency)
    kinds: list[DocKind] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    ids: list[str] = Field(default_factory=list)


class Hit(BaseModel):
    """One search result, with everything a citation and an answer need."""

    record: RecordKind
    doc_id: str
    title: str
    agency: str | None = None
    year: int | None = None
    doc_kind: DocKind
    section: list[str] = Field(default_factory=list)
    text: str  # stored text of the record (passage, sentence, item body ...), original characters
    url: str | None = None
    score: float = 0.0
    statistic: Statistic | None = None  # set for RecordKind.STATISTIC
    contact: Contact | None = None  # set for RecordKind.CONTACT
    item: DocumentMeta | None = None  # set for RecordKind.ITEM from an item document
    entry: CatalogueEntry | None = None  # set for RecordKind.ITEM from a catalogue row


class DocumentSummary(BaseModel):
    """A document without its text: what answers need to know of every document."""

    id: str
    meta: DocumentMeta
    agency: str | None = None  # the registry's canonical name of meta.agency (else of the publisher)
    contacts: list[Contact] = Field(default_factory=list)
    procedure: Procedure | None = None
    statistics: int = 0
    sections: int = 0
    warnings: list[str] = Field(default_factory=list)


class IndexInfo(BaseModel):
    """Identity and size of one built index version."""

    version: str
    built_at: datetime
    documents: int
    by_kind: dict[str, int] = Field(default_factory=dict)
    records: dict[str, int] = Field(default_factory=dict)  # RecordKind -> count


class SearchBackend(Protocol):
    """Full-text and exact search over one built index version."""

    info: IndexInfo
    # The analyzer the index was built with: the one segmenter of documents and questions.
    analyzer: GongkaiAnalyzer

    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Rank records for plain user text; the text is never parsed as query syntax."""
        ...

    def lookup(self, *, doc_no: str | None = None, index_no: str | None = None) -> list[Hit]:
        """Items whose 文号 or 索引号 equals the given one, tolerating bracket variants."""
        ...

    def records(self, filters: SearchFilters, limit: int = 1000) -> list[Hit]:
        """Every record matching the filters, unranked (e.g. all statistics of a report)."""
        ...

    def phrase(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Records holding the text verbatim (punctuation, spaces and case ignored), best first."""
        ...

    def count(self, filters: SearchFilters | None = None) -> int:
        """How many records match the filters (all records without filters)."""
        ...

    def documents(
        self, filters: DocumentFilters | None = None, limit: int | None = 1000
    ) -> list[DocumentSummary]:
        """The catalogue: summaries of the documents matching the filters, in corpus order;
        `limit=None` returns every one (the answers' catalogue must never be cut short)."""
        ...

    def close(self) -> None:
        """Release files and searchers."""
        ...


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """An opened index version: the search backend plus the corpus facts kept beside it.

    Compared and hashed by identity: each opened version is its own object, so caches
    keyed by it (e.g. the answer engine's) die with it.
    """

    backend: SearchBackend
    agencies: AgencyRegistry
    documents: list[DocumentSummary]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def info(self) -> IndexInfo:
        """Version and size of the index being served."""
        return self.backend.info


T = TypeVar("T")


class PerVersion(Generic[T]):
    """One value per opened knowledge base: built on first use, dropped with the version.

    For what is derived from an index version and costly to derive again (the answer
    engine's matchers, the receiving offices): a reload gets fresh values, the old
    ones go when the old version is no longer referenced.
    """

    def __init__(self, build: Callable[[KnowledgeBase], T]) -> None:
        self._build = build
        self._values: weakref.WeakKeyDictionary[KnowledgeBase, T] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, kb: KnowledgeBase) -> T:
        """The value of this knowledge base."""
        with self._lock:
            if kb not in self._values:
                self._values[kb] = self._build(kb)
            return self._values[kb]
