"""The precomputed term frequencies are scoring.py's tf~, bit for bit, and fit Lucene's ints."""

from __future__ import annotations

import numpy as np

from bot.corpus.models import Corpus
from index.backend import KnowledgeBase
from index.build import corpus_words
from index.opensearch.mapping import similarity
from index.opensearch.weights import (
    LUCENE_B,
    LUCENE_K1,
    MAX_FREQ_SUM,
    SCALE,
    LengthStats,
    combined_tf,
    encode,
    field_counts,
    index_term,
)
from index.records import document_records
from index.scoring import K1
from index.search import WhooshBackend


def test_the_shipped_mapping_uses_the_scaled_k1_and_no_length_normalisation() -> None:
    sim = similarity()
    assert sim["type"] == "BM25"
    assert float(sim["k1"]) == LUCENE_K1 == SCALE * K1
    assert float(sim["b"]) == LUCENE_B == 0.0


def test_term_frequencies_equal_the_whoosh_scorers_for_every_term_of_every_record(
    corpus: Corpus, whoosh_kb: KnowledgeBase
) -> None:
    backend = whoosh_kb.backend
    assert isinstance(backend, WhooshBackend)
    analyzer = backend.analyzer
    assert analyzer.words == type(analyzer)(corpus_words(corpus)).words  # the build's own word list
    records = [record for doc in corpus.documents for record in document_records(doc)]
    counts = [field_counts(analyzer, record) for record in records]
    stats = LengthStats()
    for fields in counts:
        stats.add(fields)
    averages = stats.averages()
    scorer = backend._scorer
    postings: dict[str, dict[int, np.float32]] = {}
    compared = 0
    for seq, fields in enumerate(counts):
        for term, tf in combined_tf(fields, averages).items():
            if term not in postings:
                ids, tfs = scorer.term_tf(term)
                postings[term] = dict(zip(ids.tolist(), tfs, strict=True))
            assert postings[term][seq] == tf, (seq, term)
            compared += 1
    assert compared > 50_000
    # ... and no record holds a term the whoosh index does not give it.
    for term, docs in postings.items():
        for seq in docs:
            assert term in combined_tf(counts[seq], averages)


def test_frequencies_of_every_record_fit_lucenes_field_length(
    corpus: Corpus, whoosh_kb: KnowledgeBase
) -> None:
    analyzer = whoosh_kb.backend.analyzer  # type: ignore[attr-defined]
    records = [record for doc in corpus.documents for record in document_records(doc)]
    counts = [field_counts(analyzer, record) for record in records]
    stats = LengthStats()
    for fields in counts:
        stats.add(fields)
    averages = stats.averages()
    biggest = 0
    for fields in counts:
        pairs = [part.rsplit("|", 1) for part in encode(combined_tf(fields, averages)).split(" ")]
        assert all(int(freq) >= 1 for _, freq in pairs)
        biggest = max(biggest, sum(int(freq) for _, freq in pairs))
    # The docstring's bound: sum of tf~ < sum_f boost_f * avglen_f / b, far below 2**31 / SCALE.
    assert 0 < biggest < MAX_FREQ_SUM / 4


def test_tokens_keep_whole_under_the_whitespace_tokenizer_and_the_delimiter() -> None:
    for raw in ["政府信息", "a|b", "x y", "100%", "tab\there"]:
        safe = index_term(raw)
        assert "|" not in safe and not any(ch.isspace() for ch in safe)
    assert index_term("政府信息") == "政府信息"
    assert index_term("a|b") == "a¦b"
