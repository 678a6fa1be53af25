"""The corpus facts stored beside each index version and loaded into memory on open."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from bot.corpus.models import AgencyRegistry, Conflict, Document, LoadFailure
from index.backend import DocumentSummary, IndexInfo

FACTS_FILE = "facts.json"
FORMAT = 6  # bump when the schema, the analyzer or the records change: --if-stale rebuilds


class IndexFacts(BaseModel):
    """Everything of a corpus that answers need without searching."""

    format: int = FORMAT
    info: IndexInfo
    fingerprint: str | None = None  # of the corpus folder the version was built from
    agencies: AgencyRegistry = Field(default_factory=AgencyRegistry)
    documents: list[DocumentSummary] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    failures: list[LoadFailure] = Field(default_factory=list)


def summarize(doc: Document, agencies: AgencyRegistry | None = None) -> DocumentSummary:
    """A document without its text; its agency named as the registry names it."""
    named = doc.meta.agency or doc.meta.publisher
    return DocumentSummary(
        id=doc.id,
        meta=doc.meta,
        agency=agencies.canonical(named) if agencies and named else named,
        contacts=doc.contacts,
        procedure=doc.procedure,
        statistics=len(doc.statistics),
        sections=sum(1 for _ in doc.walk_sections()),
        warnings=doc.warnings,
    )


def count_kinds(documents: list[Document]) -> dict[str, int]:
    """Documents per DocKind."""
    return dict(Counter(doc.meta.kind.value for doc in documents))


def write_facts(folder: Path, facts: IndexFacts) -> None:
    """Write the facts file of a version folder."""
    (folder / FACTS_FILE).write_text(facts.model_dump_json(), encoding="utf-8")


def read_facts(folder: Path) -> IndexFacts:
    """Read the facts file of a version folder (raises OSError or ValueError)."""
    return IndexFacts.model_validate_json((folder / FACTS_FILE).read_bytes())
