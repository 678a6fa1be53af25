"""Questions to whoosh queries, built from analyzer tokens, never parsed as query syntax.

A question becomes a disjunction of its tokens over the ranked text fields (BM25F;
the schema's field boosts put titles and headings above bodies). Sub-words weigh
less than whole words; a token's synonyms (the term list and every agency's
aliases) are alternatives of lower weight. Filters are exact ID terms.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.query.compound import And, Or
from whoosh.query.positional import Phrase
from whoosh.query.qcore import Query
from whoosh.query.terms import Term

from bot.corpus.models import AgencyRegistry
from bot.text import fold
from index.analyzer import SYNONYMS, GongkaiAnalyzer, read_word_file
from index.analyzer import Term as Token
from index.backend import SearchFilters
from index.schema import TEXT_FIELDS

SUB_WORD_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.7
PHRASE_WEIGHT = 2.0  # the question's words in the question's order
MIN_PHRASE, MAX_PHRASE = 2, 6


class Synonyms:
    """Groups of interchangeable words, looked up by any folded member."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._groups: dict[str, set[str]] = {}
        for group in groups:
            self.add(group)

    def add(self, group: Iterable[str]) -> None:
        """Make every word of group a synonym of the others (merging existing groups)."""
        merged = {fold(word) for word in group if word.strip()}
        for word in list(merged):
            merged |= self._groups.get(word, set())
        for word in merged:
            self._groups[word] = merged

    def of(self, word: str) -> list[str]:
        """The other words of word's group, sorted."""
        return sorted(self._groups.get(word, set()) - {word})

    @classmethod
    def load(cls, registry: AgencyRegistry) -> Synonyms:
        """The shipped term list plus each agency's name and aliases."""
        synonyms = cls(read_word_file(SYNONYMS))
        for agency in registry.agencies:
            if agency.aliases:
                synonyms.add([agency.name, *agency.aliases])
        return synonyms


def text_query(analyzer: GongkaiAnalyzer, synonyms: Synonyms, text: str) -> Query | None:
    """A ranked disjunction over the tokens of text; None when text has no token."""
    weights: dict[str, float] = {}
    for term in analyzer.terms(text):
        weight = 1.0 if term.main else SUB_WORD_WEIGHT
        weights[term.text] = max(weights.get(term.text, 0.0), weight)
    if not weights:
        return None
    alternatives: dict[str, float] = dict(weights)
    for word, weight in weights.items():
        for synonym in synonyms.of(word):
            alternatives.setdefault(synonym, weight * SYNONYM_WEIGHT)
    clauses: list[Query] = []
    for word, weight in alternatives.items():
        parts = [t.text for t in analyzer.terms(word) if t.main] if word not in weights else [word]
        for field in TEXT_FIELDS:
            clauses.append(_all_of(field, parts, weight))
    boost = phrase_boost(analyzer, text)
    return Or([*clauses, boost] if boost else clauses)


def _all_of(field: str, words: list[str], boost: float) -> Query:
    if len(words) == 1:
        return Term(field, words[0], boost=boost)
    return And([Term(field, word) for word in words], boost=boost)


def phrase_boost(analyzer: GongkaiAnalyzer, text: str) -> Query | None:
    """The question's words in order at consecutive positions of the body; None if not 2-6 words."""
    words = [term.text for term in analyzer.terms(text) if term.main]
    if not MIN_PHRASE <= len(words) <= MAX_PHRASE:
        return None
    return Phrase("body", words, boost=PHRASE_WEIGHT)


def phrase_candidates(analyzer: GongkaiAnalyzer, text: str) -> Query | None:
    """Records that may hold text verbatim: each of its words, or the short words inside it.

    A document may cut the same characters differently ("政府\n信息公开条例"), so a
    long word also matches by its dictionary sub-words; the phrase is checked after.
    """
    terms = analyzer.terms(text)
    clauses: list[Query] = []
    for word in (term for term in terms if term.main):
        inside = _tiling(word, [t for t in terms if not t.main and t.pos == word.pos])
        alternatives = [[word.text], inside] if inside else [[word.text]]
        clauses.append(
            Or([_all_of(field, words, 1.0) for words in alternatives for field in ("title", "body")])
        )
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else And(clauses)


def _tiling(word: Token, subs: list[Token]) -> list[str]:
    """Non-overlapping sub-words of word, left to right, shortest first."""
    tiles, cursor = [], word.start
    for sub in sorted(subs, key=lambda t: (t.start, t.end)):
        if sub.start >= cursor:
            tiles.append(sub.text)
            cursor = sub.end
    return tiles


def filter_query(filters: SearchFilters | None) -> Query | None:
    """Exact restrictions of a search; None when nothing is restricted."""
    if filters is None:
        return None
    wanted: list[tuple[str, list[str]]] = [
        ("agency", filters.agencies),
        ("year", [str(year) for year in filters.years]),
        ("doc_kind", [kind.value for kind in filters.doc_kinds]),
        ("record", [kind.value for kind in filters.records]),
        ("doc_id", filters.documents),
    ]
    parts: list[Query] = [
        Or([Term(field, value) for value in values]) if len(values) > 1 else Term(field, values[0])
        for field, values in wanted
        if values
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
