"""Write one index version: the whoosh index of every record plus the corpus facts.

`build_index` writes into an empty folder and knows nothing of versions, pointers
or locks; index/store.py builds versions next to the served one and switches.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index

from bot.corpus.models import Corpus, Document
from index.analyzer import domain_words
from index.backend import IndexInfo
from index.facts import IndexFacts, count_kinds, summarize, write_facts
from index.manifest import write_manifest
from index.records import IndexRecord, document_records
from index.schema import make_schema
from index.search import WHOOSH_DIR

WRITER_LIMIT_MB = 512  # posting pool per writer process; 64 MB made a 30k build 1.4x slower
PARALLEL_CHARS = 250_000  # below this, starting writer processes costs more than it saves


def corpus_words(corpus: Corpus) -> list[str]:
    """Words to keep whole: the shipped dictionary, every agency name, alias and publisher."""
    words = domain_words()
    for agency in corpus.agencies.agencies:
        words += [agency.name, *agency.aliases]
    for doc in corpus.documents:
        words += [name for name in (doc.meta.agency, doc.meta.publisher) if name]
    return words


def new_version_id(now: datetime | None = None) -> str:
    """A sortable, unique-enough version id: UTC time to the microsecond."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S.%fZ")


def build_index(
    corpus: Corpus,
    target: Path,
    *,
    version: str | None = None,
    fingerprint: str | None = None,
    progress: Callable[[Document], None] | None = None,
    procs: int | None = None,
) -> IndexInfo:
    """Index every document of corpus into the folder target, store its facts and its manifest.

    procs: writer processes; None picks one per core for a large corpus, else one.
    """
    procs = procs or writer_procs(corpus)
    target.mkdir(parents=True, exist_ok=True)
    (target / WHOOSH_DIR).mkdir()
    schema = make_schema(corpus_words(corpus))
    ix = whoosh_index.create_in(str(target / WHOOSH_DIR), schema)
    counts: Counter[str] = Counter()
    # procs > 1: whoosh's multiprocessing writer, one segment per process.
    options = {"procs": procs, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(limitmb=WRITER_LIMIT_MB, **options)
    try:
        for doc in corpus.documents:
            for record in document_records(doc):
                writer.add_document(**_fields(record))
                counts[record.hit.record.value] += 1
            if progress:
                progress(doc)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    info = IndexInfo(
        version=version or new_version_id(),
        built_at=datetime.now(UTC),
        documents=len(corpus.documents),
        by_kind=count_kinds(corpus.documents),
        records=dict(counts),
    )
    facts = IndexFacts(
        info=info,
        fingerprint=fingerprint,
        agencies=corpus.agencies,
        documents=[summarize(doc, corpus.agencies) for doc in corpus.documents],
        conflicts=corpus.conflicts,
        failures=corpus.failures,
    )
    write_facts(target, facts)
    write_manifest(target)  # last: a version without one is incomplete
    return info


def writer_procs(corpus: Corpus) -> int:
    """One writer process per core (at most 4) once the corpus is worth the start-up."""
    size = sum(len(doc.text) for doc in corpus.documents)
    return max(1, min(os.cpu_count() or 1, 4)) if size >= PARALLEL_CHARS else 1


def _fields(record: IndexRecord) -> dict[str, str]:
    hit = record.hit
    fields = {
        "record": hit.record.value,
        "doc_id": hit.doc_id,
        "doc_kind": hit.doc_kind.value,
        "title": record.title,
        "heading": record.heading,
        "body": record.body,
        "hit": hit.model_dump_json(exclude_defaults=True),
    }
    optional = {
        "agency": hit.agency,
        "year": str(hit.year) if hit.year is not None else None,
        "doc_no": record.doc_no,
        "index_no": record.index_no,
    }
    fields.update({name: value for name, value in optional.items() if value})
    return fields


def iter_texts(corpus: Corpus) -> Iterable[str]:
    """Every text the index analyses, for measuring raw tokenization."""
    for doc in corpus.documents:
        for record in document_records(doc):
            yield from (record.title, record.heading, record.body)
