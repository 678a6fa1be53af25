"""OpenSearchBackend: the SearchBackend over one version's indexes in an OpenSearch cluster.

A backend is pinned to the concrete indexes of the version it was opened on (never
the aliases), so every answer comes from exactly one version even while a rebuild
switches the aliases; a bot moves to the new version when it reloads, as with whoosh.
Questions are analysed here, in Python, by the analyzer stored with the version; the
cluster only sums precomputed BM25F weights (index/opensearch/weights.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

from opensearchpy import OpenSearch

from index.analyzer import GongkaiAnalyzer, squeeze
from index.backend import DocumentFilters, DocumentSummary, Hit, IndexInfo, SearchFilters
from index.opensearch.client import call
from index.opensearch.config import ClusterConfig
from index.opensearch.weights import LUCENE_K1, index_term
from index.query import Synonyms, filter_values, phrase_words, weighted_terms
from index.records import doc_no_key, index_no_key
from index.scoring import K1
from index.search import PHRASE_CHECKS

SCORE_SCALE = (LUCENE_K1 + 1) / (K1 + 1)  # Lucene's score / scoring.py's score
PAGE = 1000  # hits per request when listing records or documents
RANKED = [{"_score": "desc"}, {"seq": "asc"}]  # ties in record order, as scoring.top does
IN_ORDER = [{"seq": "asc"}]

Query = dict[str, Any]


class OpenSearchBackend:
    """Search, phrase, lookup, listing and the catalogue over one version in a cluster."""

    def __init__(
        self,
        client: OpenSearch,
        config: ClusterConfig,
        info: IndexInfo,
        analyzer: GongkaiAnalyzer,
        synonyms: Synonyms,
        *,
        dfs: bool = True,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.info = info
        self.analyzer = analyzer
        self.synonyms = synonyms
        self.records_index = config.index("records", info.version)
        self.documents_index = config.index("documents", info.version)
        self._client = client
        self._config = config
        # Global term statistics: without them each shard ranks by its own idf.
        self._search_type = "dfs_query_then_fetch" if dfs else "query_then_fetch"
        self._on_close = on_close
        # Questions are answered from several threads at once; the analyzer's word cache
        # and segmenter are shared, so analysis takes turns (the cluster calls do not).
        self._analysing = threading.Lock()

    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Rank records for plain user text; the text is never parsed as query syntax."""
        with self._analysing:
            terms = weighted_terms(self.analyzer, self.synonyms, text)
        if not terms or limit <= 0:
            return []
        query = {"bool": {"should": _scored(terms), "filter": _filters(filters), "minimum_should_match": 1}}
        return [_hit(raw, ranked=True) for raw in self._ranked(query, 0, limit)]

    def phrase(self, text: str, filters: SearchFilters | None = None, limit: int = 10) -> list[Hit]:
        """Records holding text verbatim (punctuation, spaces, case ignored), best BM25F first.

        Candidates hold every word (or all the short words tiling it); the best
        PHRASE_CHECKS per wanted hit are checked against their stored text.
        """
        with self._analysing:
            wanted, needs = squeeze(text), phrase_words(self.analyzer, text)
            terms = weighted_terms(self.analyzer, self.synonyms, text)
        if not wanted or not needs or limit <= 0:
            return []
        query = {"bool": {"should": _scored(terms), "filter": [*_filters(filters), *_needs(needs)]}}
        hits: list[Hit] = []
        budget, page = max(limit * PHRASE_CHECKS, PHRASE_CHECKS), max(limit * 5, 50)
        for start in range(0, budget, page):
            raws = self._ranked(query, start, min(page, budget - start))
            for raw in raws:
                record = raw["_source"]["hit"]
                if wanted in squeeze(f"{record['title']}\n{record['text']}"):
                    hits.append(_hit(raw, ranked=True))
                    if len(hits) >= limit:
                        return hits
            if len(raws) < page:
                break
        return hits

    def lookup(self, *, doc_no: str | None = None, index_no: str | None = None) -> list[Hit]:
        """Items whose 文号 or 索引号 equals the given one, tolerating bracket variants."""
        keys: list[Query] = []
        if doc_no and doc_no.strip():
            keys.append({"term": {"doc_no": doc_no_key(doc_no)}})
        if index_no and index_no.strip():
            keys.append({"term": {"index_no": index_no_key(index_no)}})
        if not keys:
            return []
        query = {
            "bool": {"filter": [{"term": {"record": "item"}}], "should": keys, "minimum_should_match": 1}
        }
        return [_hit(raw) for raw in self._in_order(self.records_index, query, 100)]

    def records(self, filters: SearchFilters, limit: int = 1000) -> list[Hit]:
        """Every record matching the filters, unranked, in record order."""
        query = {"bool": {"filter": _filters(filters)}}
        return [_hit(raw) for raw in self._in_order(self.records_index, query, limit)]

    def count(self, filters: SearchFilters | None = None) -> int:
        """How many records match the filters (all records without filters)."""
        body = {"query": {"bool": {"filter": _filters(filters)}}}
        found = call(self._config, lambda: self._client.count(index=self.records_index, body=body), "a count")
        return int(found["count"])

    def documents(
        self, filters: DocumentFilters | None = None, limit: int | None = 1000
    ) -> list[DocumentSummary]:
        """The catalogue: summaries of the documents matching the filters, in corpus order;
        `limit=None` returns every one (the answers' catalogue must never be cut short)."""
        f = filters or DocumentFilters()
        wanted = [
            ("agency", f.agencies),
            ("kind", [k.value for k in f.kinds]),
            ("year", f.years),
            ("id", f.ids),
        ]
        query = {"bool": {"filter": [{"terms": {name: values}} for name, values in wanted if values]}}
        raws = self._in_order(self.documents_index, query, limit)
        return [DocumentSummary.model_validate(raw["_source"]["summary"]) for raw in raws]

    def warm(self) -> None:
        """Create the word segmenter now (a bot's start-up hook) rather than at the first question."""
        with self._analysing:
            self.analyzer.terms("政府信息公开")

    def close(self) -> None:
        """Release this version (its lease); the client's connections close with it."""
        if self._on_close is not None:
            self._on_close()
            self._on_close = None

    def _ranked(self, query: Query, start: int, size: int) -> list[dict[str, Any]]:
        """Hits start..start+size by score, ties in record order (as scoring.top breaks them).

        Sorting on two keys keeps Lucene from skipping records (block-max WAND), but
        asking by score alone and fixing ties here measured twice as slow on the bench
        corpus (copies tie often, and a tie across the cut needs a second request).
        """
        body = {"query": query, "sort": RANKED, "from": start, "size": size, "track_total_hits": False}
        return self._search(self.records_index, body, self._search_type)

    def _in_order(self, index: str, query: Query, limit: int | None) -> list[dict[str, Any]]:
        pages = self._pages(index, query)
        return list(pages if limit is None else _take(pages, limit))

    def _pages(self, index: str, query: Query) -> Iterator[dict[str, Any]]:
        """Every hit of query in seq order, a page at a time (search_after: no result window)."""
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"query": query, "sort": IN_ORDER, "size": PAGE, "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            raws = self._search(index, body, "query_then_fetch")
            yield from raws
            if len(raws) < PAGE:
                return
            after = raws[-1]["sort"]

    def _search(self, index: str, body: dict[str, Any], search_type: str) -> list[dict[str, Any]]:
        def run() -> Any:
            return self._client.search(
                index=index,
                body=body,
                params={"search_type": search_type, "allow_partial_search_results": "false"},
            )

        found = call(self._config, run, "a search")
        hits: list[dict[str, Any]] = found["hits"]["hits"]
        return hits


def _take(hits: Iterator[dict[str, Any]], limit: int) -> Iterator[dict[str, Any]]:
    for n, hit in enumerate(hits):
        if n >= limit:
            return
        yield hit


def _scored(terms: dict[str, float]) -> list[Query]:
    """One term query per weighted term, its weight as the boost."""
    return [{"term": {"terms": {"value": index_term(t), "boost": w}}} for t, w in terms.items()]


def _filters(filters: SearchFilters | None) -> list[Query]:
    """Exact restrictions as terms filters (the same fields and values as index.query's)."""
    return [{"terms": {field: values}} for field, values in filter_values(filters)]


def _needs(needs: list[list[list[str]]]) -> list[Query]:
    """Each need: some alternative whose words all occur (index.query.phrase_words)."""
    clauses = []
    for alternatives in needs:
        options = [
            {"bool": {"filter": [{"term": {"terms": index_term(w)}} for w in words]}}
            for words in alternatives
        ]
        clauses.append({"bool": {"should": options, "minimum_should_match": 1}})
    return clauses


def _hit(raw: dict[str, Any], *, ranked: bool = False) -> Hit:
    hit = Hit.model_validate(raw["_source"]["hit"])
    if ranked:  # sorted by score: Lucene's score is the first sort value
        hit.score = float(raw["sort"][0]) / SCORE_SCALE
    return hit
