"""Pick the one or two sentences of the retrieved passages that answer a question."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answer.overlap import Weights, coverage, grams, precision
from index.backend import Hit

MAX_SENTENCE_CHARS = 160
_SPLIT = re.compile(r"(?<=[。！？；!?;])|\n+")


@dataclass
class SentenceMatch:
    """A sentence of a hit and how well it answers the question."""

    hit: Hit
    sentence: str
    coverage: float
    score: float


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; overlong ones are cut at a comma near the limit."""
    out = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if len(part) < 4:
            continue
        out.extend(_cut(part))
    return out


def best_sentences(asked: str, hits: Sequence[Hit], *, limit: int = 2) -> list[SentenceMatch]:
    """The sentences covering most of what is asked, best first, at most `limit`."""
    asked_grams = grams(asked)
    pool = [(hit, s) for hit in hits for s in split_sentences(hit.text)]
    if not pool or not asked_grams:
        return []
    sentence_grams = [grams(s) for _, s in pool]
    weights = Weights.over(sentence_grams)
    scored = []
    for rank, ((hit, sentence), sg) in enumerate(zip(pool, sentence_grams, strict=True)):
        cov = coverage(asked_grams, sg, weights)
        # Retrieval order breaks ties: the search engine saw headings and titles too.
        score = cov + 0.2 * precision(asked_grams, sg, weights) - 0.002 * rank
        scored.append(SentenceMatch(hit, sentence, cov, score))
    scored.sort(key=lambda m: -m.score)
    return scored[:limit]


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    pieces, current = [], ""
    for clause in re.split(r"(?<=[，,：:])", sentence):
        if current and len(current) + len(clause) > MAX_SENTENCE_CHARS:
            pieces.append(current)
            current = ""
        current += clause
    if current:
        pieces.append(current)
    return pieces
