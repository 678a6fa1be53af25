"""The whoosh implementation of SearchBackend over one built index version."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.query.compound import And, Or
from whoosh.query.qcore import Every, Query
from whoosh.query.terms import Term
from whoosh.searching import Searcher

from bot.corpus.models import AgencyRegistry
from bot.errors import IndexDamaged, IndexUnavailable
from index.analyzer import squeeze
from index.backend import DocumentFilters, DocumentSummary, Hit, IndexInfo, KnowledgeBase, SearchFilters
from index.facts import FORMAT, read_facts
from index.locks import hold_shared
from index.manifest import check_manifest, check_sizes
from index.query import Synonyms, filter_query, filter_values, phrase_words, weighted_terms
from index.records import doc_no_key, index_no_key
from index.schema import TEXT_FIELDS, analyzer_of
from index.scoring import Bm25fScorer, Ids, top

WHOOSH_DIR = "whoosh"
PHRASE_CHECKS = 50  # best candidates checked per phrase hit wanted: bounds a phrase search
IN_USE_FILE = ".in-use"


class WhooshBackend:
    """Search, phrase, lookup and filtered listing over one opened index version."""

    def __init__(
        self,
        folder: Path,
        info: IndexInfo,
        agencies: AgencyRegistry,
        documents: list[DocumentSummary] | None = None,
    ) -> None:
        self.info = info
        self.folder = folder
        self._documents = documents or []  # the catalogue: facts.json keeps it beside the index
        # whoosh's readers seek shared files: one call at a time per backend.
        self._lock = threading.RLock()
        self._in_use: IO[bytes] | None = hold_shared(folder / IN_USE_FILE)
        try:
            # Plain reads, no memory map: a file truncated underneath raises an error
            # in the reading thread instead of killing the process with SIGBUS.
            storage = FileStorage(str(folder / WHOOSH_DIR), supports_mmap=False, readonly=True)  # type: ignore[no-untyped-call]
            self._index: FileIndex = storage.open_index()  # type: ignore[no-untyped-call]
            self._searcher: Searcher | None = self._index.searcher()
        except Exception as exc:  # whoosh raises many kinds for a damaged index
            self.close()
            raise IndexUnavailable(f"{folder}: cannot open the search index ({exc})") from exc
        self.analyzer = analyzer_of(self._index.schema)
        self.synonyms = Synonyms.load(agencies)
        self._scorer = Bm25fScorer(self.searcher.reader(), TEXT_FIELDS)

    @property
    def searcher(self) -> Searcher:
        """The open searcher; IndexUnavailable after close()."""
        if self._searcher is None:
            raise IndexUnavailable(f"{self.folder}: the index was closed")
        return self._searcher

    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Rank records for plain user text; the text is never parsed as query syntax."""
        with self._reading():
            terms = weighted_terms(self.analyzer, self.synonyms, text)
            if not terms or limit <= 0:
                return []
            allowed = self._allowed(filters)
            if allowed is not None and not len(allowed):
                return []
            reader = self.searcher.reader()
            ranked = top(self._scorer.scores(terms), allowed, limit)
            return [_hit(reader.stored_fields(doc), score) for doc, score in ranked]

    def phrase(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Records holding text verbatim, whatever the word cut (punctuation, spaces, case ignored).

        The best-scored candidates are checked against their stored text, at most
        PHRASE_CHECKS per wanted hit, so a rare phrase among common words stays fast.
        """
        with self._reading():
            wanted, needs = squeeze(text), phrase_words(self.analyzer, text)
            if not wanted or not needs or limit <= 0:
                return []
            docs = self._holding(needs)
            allowed = self._allowed(filters)
            if allowed is not None:
                docs = np.intersect1d(docs, allowed, assume_unique=True)
            scores = self._scorer.scores(weighted_terms(self.analyzer, self.synonyms, text))
            scores[docs] += np.float32(1e-6)  # every candidate ranks, even without a scored word
            reader, hits = self.searcher.reader(), []
            for doc, score in top(scores, docs, max(limit * PHRASE_CHECKS, PHRASE_CHECKS)):
                stored = reader.stored_fields(doc)
                record = json.loads(stored["hit"])  # cheaper than a Hit until it is accepted
                if wanted in squeeze(f"{record['title']}\n{record['text']}"):
                    hits.append(_hit(stored, score))
                    if len(hits) >= limit:
                        break
            return hits

    def lookup(self, *, doc_no: str | None = None, index_no: str | None = None) -> list[Hit]:
        """Items whose 文号 or 索引号 equals the given one, tolerating bracket variants."""
        with self._reading():
            terms: list[Query] = []
            if doc_no and doc_no.strip():
                terms.append(Term("doc_no", doc_no_key(doc_no)))
            if index_no and index_no.strip():
                terms.append(Term("index_no", index_no_key(index_no)))
            if not terms:
                return []
            return self._unranked(And([Term("record", "item"), Or(terms)]), limit=100)

    def records(self, filters: SearchFilters, limit: int = 1000) -> list[Hit]:
        """Every record matching the filters, unranked, in index order."""
        with self._reading():
            return self._unranked(filter_query(filters) or Every(), limit)  # type: ignore[no-untyped-call]

    def count(self, filters: SearchFilters | None = None) -> int:
        """How many records match the filters (all records without filters)."""
        with self._reading():
            query = filter_query(filters)
            if query is None:
                return int(self.searcher.doc_count())
            docs: Iterator[int] = self.searcher.docs_for_query(query)  # type: ignore[no-untyped-call]
            return sum(1 for _ in docs)

    def documents(
        self, filters: DocumentFilters | None = None, limit: int | None = 1000
    ) -> list[DocumentSummary]:
        """The catalogue: summaries of the documents matching the filters, in corpus order;
        `limit=None` returns every one (the answers' catalogue must never be cut short)."""
        f = filters or DocumentFilters()
        found = [
            doc
            for doc in self._documents
            if (not f.agencies or doc.agency in f.agencies)
            and (not f.kinds or doc.meta.kind in f.kinds)
            and (not f.years or doc.meta.year in f.years)
            and (not f.ids or doc.id in f.ids)
        ]
        return found if limit is None else found[:limit]

    def warm(self) -> None:
        """Create the word segmenter now (a bot's start-up hook) rather than at the first question."""
        with self._lock:
            self.analyzer.terms("政府信息公开")

    def close(self) -> None:
        """Release the searcher and the in-use mark of the version folder."""
        with self._lock:
            if getattr(self, "_searcher", None) is not None:
                self.searcher.close()  # type: ignore[no-untyped-call]
                self._searcher = None
            if self._in_use is not None:
                self._in_use.close()
                self._in_use = None

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """One call at a time; a read that fails on a file changed since the build names it."""
        with self._lock:
            try:
                yield
            except IndexUnavailable:
                raise
            except Exception as exc:
                try:
                    check_sizes(self.folder)
                except IndexDamaged as damaged:
                    raise damaged from exc
                raise

    def _holding(self, needs: list[list[list[str]]]) -> Ids:
        """Documents meeting every need: some alternative whose words all occur."""
        docs: Ids | None = None
        for alternatives in needs:
            found = np.zeros(0, dtype=np.int64)
            for words in alternatives:
                having = self._scorer.term_tf(words[0])[0]
                for word in words[1:]:
                    having = np.intersect1d(having, self._scorer.term_tf(word)[0], assume_unique=True)
                found = np.union1d(found, having)
            docs = found if docs is None else np.intersect1d(docs, found, assume_unique=True)
        return docs if docs is not None else np.zeros(0, dtype=np.int64)

    def _allowed(self, filters: SearchFilters | None) -> Ids | None:
        """Sorted documents passing the filters; None when nothing is restricted."""
        allowed: Ids | None = None
        for field, values in filter_values(filters):
            docs = self._scorer.doc_set(field, values[0])
            for value in values[1:]:
                docs = np.union1d(docs, self._scorer.doc_set(field, value))
            allowed = docs if allowed is None else np.intersect1d(allowed, docs, assume_unique=True)
        return allowed

    def _unranked(self, query: Query, limit: int) -> list[Hit]:
        reader = self.searcher.reader()
        hits = []
        for docnum in self.searcher.docs_for_query(query):  # type: ignore[no-untyped-call]
            hits.append(_hit(reader.stored_fields(docnum), 0.0))
            if len(hits) >= limit:
                break
        return hits


def _hit(stored: dict[str, Any], score: float | None) -> Hit:
    hit = Hit.model_validate_json(stored["hit"])
    hit.score = float(score or 0.0)
    return hit


def open_version(folder: Path) -> KnowledgeBase:
    """Open one built version folder, its files checked against its manifest first."""
    check_manifest(folder)
    try:
        facts = read_facts(folder)
    except (OSError, ValueError) as exc:
        raise IndexUnavailable(f"{folder}: not a built index version ({exc})") from exc
    if facts.format != FORMAT:
        raise IndexUnavailable(
            f"{folder}: index format {facts.format}, expected {FORMAT}: run `gongkai build`"
        )
    backend = WhooshBackend(folder, facts.info, facts.agencies, facts.documents)
    return KnowledgeBase(
        backend=backend, agencies=facts.agencies, documents=facts.documents, conflicts=facts.conflicts
    )
