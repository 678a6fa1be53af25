"""Comparing two rankings of the same records: equal up to the rounding the weights allow."""

from __future__ import annotations

import math

from index.backend import Hit, KnowledgeBase
from index.opensearch.weights import score_error_bound
from index.query import weighted_terms
from index.search import WhooshBackend

FLOAT_SLACK = 2e-6  # relative: float32 sums in two orders (numpy, Lucene)


def key(hit: Hit) -> str:
    """A record's identity, whatever its score."""
    return hit.model_dump_json(exclude={"score"})


def idf_of(whoosh: KnowledgeBase, terms: dict[str, float]) -> dict[str, float]:
    """idf of each term over the whoosh index (the statistic both engines use)."""
    backend = whoosh.backend
    assert isinstance(backend, WhooshBackend)
    total = backend._scorer.doc_count
    out = {}
    for term in terms:
        n = len(backend._scorer.term_tf(term)[0])
        out[term] = math.log(1 + (total - n + 0.5) / (n + 0.5)) if n else 0.0
    return out


def disagreements(question: str, whoosh: KnowledgeBase, ranked: list[Hit], limit: int) -> list[str]:
    """How `ranked` (another engine's top `limit`) departs from whoosh's beyond rounding; [] if it agrees.

    Allowed: scores within eps(q) (weights.score_error_bound) plus float noise, and
    records swapped only where whoosh's own scores are that close.
    """
    backend = whoosh.backend
    assert isinstance(backend, WhooshBackend)
    terms = weighted_terms(backend.analyzer, backend.synonyms, question)
    eps = score_error_bound(terms, idf_of(whoosh, terms))
    # Whoosh's scores of everything it ranks, so a record past its top `limit` is found too.
    reference = backend.search(question, limit=max(limit * 4, 200))
    scores = {key(hit): hit.score for hit in reference}
    base = [key(hit) for hit in reference[:limit]]
    problems = []
    if len(ranked) != len(base):
        problems.append(f"{len(ranked)} hits, whoosh {len(base)}")

    def tol(score: float) -> float:
        return 2 * eps + FLOAT_SLACK * max(1.0, abs(score))

    for i, hit in enumerate(ranked):
        mine = scores.get(key(hit))
        if mine is None:
            problems.append(f"#{i} not ranked by whoosh: {hit.doc_id} {hit.text[:20]}")
            continue
        if abs(hit.score - mine) > tol(mine) / 2:
            problems.append(f"#{i} score {hit.score:.7f}, whoosh {mine:.7f} (eps {eps:.2e})")
        if i < len(base) and key(hit) != base[i] and abs(scores[base[i]] - mine) > tol(mine):
            problems.append(f"#{i} holds a record whoosh ranks apart by {abs(scores[base[i]] - mine):.2e}")
    return problems
