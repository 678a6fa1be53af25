"""The whoosh implementation of SearchBackend over one built index version."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from whoosh import index as whoosh_index
from whoosh.query.compound import And, Or
from whoosh.query.qcore import Every, Query
from whoosh.query.terms import Term
from whoosh.searching import Searcher

from bot.corpus.models import AgencyRegistry
from bot.errors import IndexUnavailable
from index.analyzer import squeeze
from index.backend import Hit, IndexInfo, KnowledgeBase, SearchFilters
from index.facts import FORMAT, read_facts
from index.locks import hold_shared
from index.query import Synonyms, filter_query, phrase_candidates, text_query
from index.records import doc_no_key, index_no_key
from index.schema import analyzer_of

WHOOSH_DIR = "whoosh"
IN_USE_FILE = ".in-use"


class WhooshBackend:
    """Search, phrase, lookup and filtered listing over one opened index version."""

    def __init__(self, folder: Path, info: IndexInfo, agencies: AgencyRegistry) -> None:
        self.info = info
        self.folder = folder
        self._in_use: IO[bytes] | None = hold_shared(folder / IN_USE_FILE)
        try:
            self._index = whoosh_index.open_dir(str(folder / WHOOSH_DIR))
            self._searcher: Searcher | None = self._index.searcher()
        except Exception as exc:  # whoosh raises many kinds for a damaged index
            self.close()
            raise IndexUnavailable(f"{folder}: cannot open the search index ({exc})") from exc
        self.analyzer = analyzer_of(self._index.schema)
        self.synonyms = Synonyms.load(agencies)

    @property
    def searcher(self) -> Searcher:
        """The open searcher; IndexUnavailable after close()."""
        if self._searcher is None:
            raise IndexUnavailable(f"{self.folder}: the index was closed")
        return self._searcher

    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Rank records for plain user text; the text is never parsed as query syntax."""
        query = text_query(self.analyzer, self.synonyms, text)
        return self._ranked(query, filters, limit)

    def phrase(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Records holding text verbatim, whatever the word cut (punctuation, spaces and case ignored)."""
        wanted = squeeze(text)
        query = phrase_candidates(self.analyzer, text)
        if query is None or not wanted or limit <= 0:
            return []
        hits = []
        for result in self.searcher.search(query, filter=filter_query(filters), limit=None):
            hit = _hit(result.fields(), result.score)
            if wanted in squeeze(f"{hit.title}\n{hit.text}"):
                hits.append(hit)
                if len(hits) >= limit:
                    break
        return hits

    def lookup(self, *, doc_no: str | None = None, index_no: str | None = None) -> list[Hit]:
        """Items whose 文号 or 索引号 equals the given one, tolerating bracket variants."""
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
        return self._unranked(filter_query(filters) or Every(), limit)  # type: ignore[no-untyped-call]

    def close(self) -> None:
        """Release the searcher and the in-use mark of the version folder."""
        if getattr(self, "_searcher", None) is not None:
            self.searcher.close()  # type: ignore[no-untyped-call]
            self._searcher = None
        if self._in_use is not None:
            self._in_use.close()
            self._in_use = None

    def _ranked(self, query: Query | None, filters: SearchFilters | None, limit: int) -> list[Hit]:
        if query is None or limit <= 0:
            return []
        results = self.searcher.search(query, filter=filter_query(filters), limit=limit)
        return [_hit(result.fields(), result.score) for result in results]

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
    """Open one built version folder: the whoosh index plus the facts beside it."""
    try:
        facts = read_facts(folder)
    except (OSError, ValueError) as exc:
        raise IndexUnavailable(f"{folder}: not a built index version ({exc})") from exc
    if facts.format != FORMAT:
        raise IndexUnavailable(
            f"{folder}: index format {facts.format}, expected {FORMAT}: run `gongkai build`"
        )
    backend = WhooshBackend(folder, facts.info, facts.agencies)
    return KnowledgeBase(
        backend=backend, agencies=facts.agencies, documents=facts.documents, conflicts=facts.conflicts
    )
