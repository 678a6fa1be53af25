"""Per-record term frequencies, precomputed so that Lucene's BM25 ranks as our BM25F does.

Our ranking (index/scoring.py) is, with k1 = 1.2, b = 0.75 and the boosts of
index.schema.TEXT_FIELDS:

    tf~(t, d) = sum_f boost_f * tf_f(t, d) / (1 - b + b * len_f(d) / avglen_f)
    score(d)  = sum_t w_t * idf(t) * tf~ * (k1 + 1) / (tf~ + k1),  idf = ln(1 + (N - n + 0.5) / (n + 0.5))

tf~ depends only on the record and on build-time statistics (avglen_f), so the build
computes it, exactly as scoring.py does (float32, whoosh's one-byte field lengths), and
indexes each term of a record once into one whitespace-tokenized field as
"term|F" with F = round(S * tf~), read by the `delimited_term_freq` filter. With
Lucene's BM25 at k1' = S * k1 and b = 0 (no norms) a matching term scores

    boost * idf * F (k1' + 1) / (F + k1')  =  (S k1 + 1) / (k1 + 1) * [w idf tf~' (k1 + 1) / (tf~' + k1)]

with tf~' = F / S: the same score times a constant. idf agrees because every record
holds the sentinel term "#" (N = records, as whoosh counts them) and n counts records
holding the term in any field, as scoring.py's union does (dfs_query_then_fetch sums
both over shards).

Why S = 10**6 (the proof the tests check on every question):
- rounding moves tf~ by at most 1 / (2S), and d/dx [x (k1 + 1) / (x + k1)] <= (k1 + 1) / k1,
  so a record's score moves by at most  eps(q) = sum_t w_t * idf(t) * (k1 + 1) / (2 S k1);
  two records whose scores differ by more than 2 eps keep their order. eps is about
  1e-6 per term: the size of float32 noise in scores of ~10 that both engines have anyway.
- F must fit Lucene's int, and so must a record's sum of F (its field length):
  sum_t tf~(t, d) = sum_f boost_f * len_f / (1 - b + b len_f / avglen_f) < sum_f boost_f * avglen_f / b,
  about 400 on our corpus, so S * 400 = 4e8 < 2**31 - 1. `encode` enforces it per record.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping

import numpy as np
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.analyzer import GongkaiAnalyzer
from index.records import IndexRecord
from index.schema import TEXT_FIELDS
from index.scoring import K1, B

SCALE = 1_000_000  # S: integer frequency units per unit of tf~
LUCENE_K1 = SCALE * K1  # k1' of the index's BM25 similarity
LUCENE_B = 0.0
SENTINEL = "#"  # held by every record, so Lucene's docCount is the record count
MAX_FREQ_SUM = 2**31 - 1  # Lucene's limit on the sum of frequencies of one field of one document
_UNSAFE = str.maketrans({"|": "¦"})

FieldCounts = dict[str, tuple[dict[str, int], int]]  # field -> (term counts, whoosh length)


def index_term(term: str) -> str:
    """A token as the whitespace tokenizer and the delimiter will keep it whole."""
    if "|" in term or any(ch.isspace() for ch in term):
        return "".join("¦" if ch.isspace() else ch for ch in term.translate(_UNSAFE))
    return term


def stored_length(tokens: int) -> int:
    """A field length as whoosh stores it (one byte) and scoring.py reads it back."""
    return byte_to_length(length_to_byte(tokens)) if tokens else 0


def field_counts(analyzer: GongkaiAnalyzer, record: IndexRecord) -> FieldCounts:
    """Each text field's term counts and length, as the whoosh index of the record holds them."""
    texts = {"title": record.title, "heading": record.heading, "body": record.body}
    counts: FieldCounts = {}
    for field in TEXT_FIELDS:
        terms = Counter(term.text for term in analyzer.terms(texts[field]))
        counts[field] = (dict(terms), stored_length(sum(terms.values())))
    return counts


class LengthStats:
    """Every record's field lengths, for the averages scoring.py takes over the whole index."""

    def __init__(self) -> None:
        self._lengths = {field: array("f") for field in TEXT_FIELDS}

    def add(self, counts: FieldCounts) -> None:
        """Count one record (in record order)."""
        for field, (_, length) in counts.items():
            self._lengths[field].append(length)

    def averages(self) -> dict[str, float]:
        """avglen per field, computed as scoring.py computes it (float32 mean)."""
        out = {}
        for field, lengths in self._lengths.items():
            values = np.frombuffer(lengths, dtype=np.float32) if len(lengths) else np.zeros(0, np.float32)
            out[field] = float(values.mean()) if len(values) else 0.0
        return out


def length_norm(length: int, average: float) -> np.float32:
    """1 / (1 - b + b * len / avglen) in scoring.py's float32 arithmetic."""
    if average == 0:
        return np.float32(1.0)
    denominator = np.float32(1 - B) + np.float32(B) * np.float32(length) / np.float32(average)
    return np.float32(np.float32(1.0) / denominator)


def combined_tf(counts: FieldCounts, averages: Mapping[str, float]) -> dict[str, np.float32]:
    """tf~ of every term of one record, summed over fields in scoring.py's order and precision.

    Vectorised over the record's terms; a field without the term adds an exact 0.0, so
    each sum is bit for bit the one scoring.py accumulates field by field.
    """
    terms = list(dict.fromkeys(term for field in TEXT_FIELDS for term in counts[field][0]))
    total = np.zeros(len(terms), dtype=np.float32)
    for field, boost in TEXT_FIELDS.items():
        present, length = counts[field]
        if not present:
            continue
        tf = np.fromiter((present.get(term, 0) for term in terms), dtype=np.float32, count=len(terms))
        total = total + np.float32(boost) * tf * length_norm(length, averages[field])
    return dict(zip(terms, total, strict=True))


def frequencies(combined: Mapping[str, np.float32]) -> dict[str, int]:
    """The integer frequency indexed for each tf~ (at least 1: Lucene rejects 0)."""
    values = np.fromiter(combined.values(), dtype=np.float32, count=len(combined)).astype(np.float64)
    scaled = np.maximum(1, np.rint(values * SCALE)).astype(np.int64)
    return {index_term(term): int(freq) for term, freq in zip(combined, scaled, strict=True)}


def encode(combined: Mapping[str, np.float32]) -> str:
    """The `terms` field of a record: "term|F" for every term, plus the sentinel.

    Raises ValueError if the frequencies overflow Lucene's per-field int (see the module docstring).
    """
    indexed = frequencies(combined)
    if sum(indexed.values()) + 1 > MAX_FREQ_SUM:
        raise ValueError(f"a record's term frequencies sum past {MAX_FREQ_SUM}: lower weights.SCALE")
    return " ".join([*(f"{term}|{freq}" for term, freq in indexed.items()), f"{SENTINEL}|1"])


def score_error_bound(terms: Mapping[str, float], idf: Mapping[str, float]) -> float:
    """eps(q): the most rounding to 1/SCALE can move one record's score (scoring.py's units)."""
    return sum(w * idf.get(t, 0.0) for t, w in terms.items()) * (K1 + 1) / (2 * SCALE * K1)
