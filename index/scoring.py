"""BM25F over whoosh's postings, in numpy: fast disjunctions of many question words.

Whoosh's own matchers score a disjunction posting by posting in Python; a question
of fifteen words over 10k passages took 100-1000 ms. Here each term's postings are
read block by block from the whoosh index (decoded by whoosh's own block format),
turned into arrays, and scored for all documents at once:

    tf~(t, d) = sum over fields f of boost_f * tf_f / (1 - b + b * len_f(d) / avglen_f)
    score(d)  = sum over terms t of weight_t * idf(t) * tf~ * (k1 + 1) / (tf~ + k1)

(Robertson & Zaragoza's BM25F.) The arrays of frequent terms are kept in a
size-bounded cache, as are the document sets of filter values.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader, TermNotFound

K1 = 1.2
B = 0.75
CACHE_BYTES = 64 * 1024 * 1024  # memory for the arrays of frequent terms
CACHE_MIN_DOCS = 16  # terms in fewer documents are cheap to read again
ENTRY_OVERHEAD = 256  # bytes of a cache entry beside its arrays

Ids = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float32]


class Bm25fScorer:
    """Scores weighted terms over the given text fields of one opened reader."""

    def __init__(self, reader: IndexReader, boosts: Mapping[str, float]) -> None:
        self._leaves = reader.leaf_readers()
        self.doc_count = reader.doc_count_all()
        self._boosts = dict(boosts)
        self._norms = {field: self._length_norms(reader, field) for field in boosts}
        self._cache: OrderedDict[tuple[str, str], tuple[Ids, Floats]] = OrderedDict()
        self._cached_bytes = 0

    def scores(self, terms: Mapping[str, float]) -> Floats:
        """BM25F score of every document for the weighted terms (0 where none occurs)."""
        scores = np.zeros(self.doc_count, dtype=np.float32)
        for term, weight in terms.items():
            ids, tf = self.term_tf(term)
            if len(ids):
                idf = math.log(1 + (self.doc_count - len(ids) + 0.5) / (len(ids) + 0.5))
                scores[ids] += np.float32(weight * idf) * tf * (K1 + 1) / (tf + K1)
        return scores

    def term_tf(self, term: str) -> tuple[Ids, Floats]:
        """Documents holding term in any field, with their combined normalised frequency."""
        key = ("", term)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        dense = np.zeros(self.doc_count, dtype=np.float32)
        seen: list[Ids] = []
        for field, boost in self._boosts.items():
            ids, weights = self.postings(field, term)
            if len(ids):
                dense[ids] += np.float32(boost) * weights * self._norms[field][ids]
                seen.append(ids)
        ids = np.unique(np.concatenate(seen)) if seen else np.zeros(0, dtype=np.int64)
        result = (ids, dense[ids])
        if len(ids) >= CACHE_MIN_DOCS:
            self._remember(key, result)
        return result

    def doc_set(self, field: str, value: str) -> Ids:
        """Documents whose exact (ID) field holds value; cached."""
        key = (field, value)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key][0]
        ids, weights = self.postings(field, value)
        self._remember(key, (ids, weights))
        return ids

    def postings(self, field: str, term: str) -> tuple[Ids, Floats]:
        """All (document, weight) postings of a term, as arrays."""
        id_parts: list[Ids] = []
        weight_parts: list[Floats] = []
        for leaf, offset in self._leaves:
            try:
                matcher = leaf.postings(field, term)
            except TermNotFound:
                continue
            ids, weights = _read_all(matcher)
            id_parts.append(ids + offset)
            weight_parts.append(weights)
        if not id_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(id_parts), np.concatenate(weight_parts)

    def _remember(self, key: tuple[str, str], value: tuple[Ids, Floats]) -> None:
        size = value[0].nbytes + value[1].nbytes + ENTRY_OVERHEAD
        if size > CACHE_BYTES // 4:
            return
        self._cache[key] = value
        self._cached_bytes += size
        while self._cached_bytes > CACHE_BYTES:
            _, (ids, weights) = self._cache.popitem(last=False)
            self._cached_bytes -= ids.nbytes + weights.nbytes + ENTRY_OVERHEAD

    def _length_norms(self, reader: IndexReader, field: str) -> Floats:
        """1 / (1 - b + b * len / avglen) for every document."""
        lengths = np.zeros(self.doc_count, dtype=np.float32)
        for leaf, offset in self._leaves:
            get = leaf.doc_field_length
            size = leaf.doc_count_all()
            lengths[offset : offset + size] = [get(doc, field, 0) or 0 for doc in range(size)]
        average = float(lengths.mean()) if self.doc_count else 0.0
        if average == 0:
            return np.ones(self.doc_count, dtype=np.float32)
        return np.float32(1.0) / (np.float32(1 - B) + np.float32(B) * lengths / np.float32(average))


def top(scores: Floats, allowed: Ids | None, limit: int) -> list[tuple[int, float]]:
    """The best `limit` (document, score) pairs with a positive score, best first."""
    candidates = allowed[scores[allowed] > 0] if allowed is not None else np.flatnonzero(scores > 0)
    if len(candidates) > limit:
        best = np.argpartition(-scores[candidates], limit - 1)[:limit]
        candidates = candidates[best]
    # Ties by document number, so equal scores come back in a stable order.
    order = np.lexsort((candidates, -scores[candidates]))
    return [(int(doc), float(scores[doc])) for doc in candidates[order]]


def _read_all(matcher: object) -> tuple[Ids, Floats]:
    """Every posting of a matcher; whole blocks at a time for whoosh's on-disk postings."""
    if isinstance(matcher, W3LeafMatcher):
        return _read_blocks(matcher)
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():  # type: ignore[attr-defined]
        ids.append(matcher.id())  # type: ignore[attr-defined]
        weights.append(matcher.weight())  # type: ignore[attr-defined]
        matcher.next()  # type: ignore[attr-defined]
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


def _read_blocks(matcher: Any) -> tuple[Ids, Floats]:
    # Relies on whoosh3's W3 block layout (pinned in pyproject.toml): data is a tuple
    # (delta-encoded ids, weights or None or one float, values).
    id_parts: list[Ids] = []
    weight_parts: list[Floats] = []
    while matcher.is_active():
        matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        ids = np.asarray(raw_ids, dtype=np.int64)
        id_parts.append(ids if matcher._byteids else np.cumsum(ids))
        count = len(ids)
        if raw_weights is None:
            weight_parts.append(np.ones(count, dtype=np.float32))
        elif isinstance(raw_weights, float):
            weight_parts.append(np.full(count, raw_weights, dtype=np.float32))
        else:
            weight_parts.append(np.asarray(raw_weights, dtype=np.float32))
        matcher._next_block()
    return np.concatenate(id_parts), np.concatenate(weight_parts)
