"""Write one index version: the whoosh index of every record plus the corpus facts.

`build_index` writes into an empty folder and knows nothing of versions, pointers
or locks; index/store.py builds versions next to the served one and switches.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.util import random_name
from whoosh.writing import IndexWriter

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
    storage = BuildStorage(str(target / WHOOSH_DIR))
    ix = storage.create_index(schema)  # type: ignore[no-untyped-call]
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
        _abandon(writer, storage)
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


class BuildStorage(FileStorage):
    """whoosh's FileStorage, keeping the files it opens so that a failed build closes them."""

    def __init__(self, path: str, created: list[StructFile] | None = None) -> None:
        super().__init__(path)  # type: ignore[no-untyped-call]
        self.created: list[StructFile] = created if created is not None else []

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> StructFile:
        """Create a file of the index, as whoosh does, and remember it."""
        created: StructFile = super().create_file(name, excl, mode, **kwargs)  # type: ignore[no-untyped-call]
        self.created.append(created)
        return created

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        """Open a file of the index (merging and assembling read them back), and remember it."""
        opened: StructFile = super().open_file(name, **kwargs)  # type: ignore[no-untyped-call]
        self.created.append(opened)
        return opened

    def temp_storage(self, name: str | None = None) -> FileStorage:
        """The writer's scratch folder, its files remembered too."""
        folder = Path(self.folder, name or f"{random_name()}.tmp")
        temp: FileStorage = BuildStorage(str(folder), self.created).create()  # type: ignore[no-untyped-call]
        return temp

    def close_files(self) -> None:
        """Close every file still open, without writing more (the disk may be full)."""
        for created in self.created:
            if not created.is_closed:
                with contextlib.suppress(Exception):  # flushing what is buffered may fail again
                    created.file.close()

    def __getstate__(self) -> dict[str, Any]:
        # Writer processes get the storage, never this process's open files.
        return {**self.__dict__, "created": []}


def _abandon(writer: IndexWriter, storage: BuildStorage) -> None:
    """Undo a failed write without masking why it failed.

    After a failed commit whoosh's writer is closed, and cancel() would raise
    "This writer is closed" in place of the real reason (e.g. the disk is full).
    """
    if not getattr(writer, "is_closed", False):
        with contextlib.suppress(Exception):
            writer.cancel()
    storage.close_files()


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
